//! File IO at the edge: reading inputs with a clear error, and writing
//! outputs atomically (temp file in the same folder, then rename) so a
//! failed run never leaves a half-written file.

use std::io::Write;
use std::path::Path;

pub fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("error: cannot read {}: {e}", path.display()))
}

/// A temp file in `dir` holding `contents`, flushed to disk, with the mode a
/// plain create would give (0644; temp files start as 0600).
fn stage(dir: &Path, contents: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(contents.as_bytes())?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Writes `contents` to `path` via a temporary sibling and a rename.
pub fn write_atomic(path: &Path, contents: &str) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| format!("error: cannot write {}: {e}", path.display());
    stage(dir, contents)
        .map_err(fail)?
        .persist(path)
        .map_err(|e| fail(e.error))?;
    Ok(())
}

/// Writes several files into `dir` so that either all appear or none
/// changes: each is staged as a temp file first, then all are renamed.
pub fn write_all_atomic(dir: &Path, files: &[(&str, String)]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("error: cannot create {}: {e}", dir.display()))?;
    let mut staged = Vec::new();
    for (name, contents) in files {
        let tmp = stage(dir, contents).map_err(|e| format!("error: cannot write {}: {e}", dir.join(name).display()))?;
        staged.push((dir.join(name), tmp));
    }
    for (path, tmp) in staged {
        tmp.persist(&path)
            .map_err(|e| format!("error: cannot write {}: {}", path.display(), e.error))?;
    }
    Ok(())
}
