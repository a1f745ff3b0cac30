//! Reading a migration directory from disk (the only file IO of the crate).

use crate::format::{checksum, parse_folder_name, parse_script, FormatError, Migration};
use std::path::Path;

/// Every migration folder of `dir`, in version order. Files beside the
/// folders (a README) and hidden entries are ignored; a folder that is not
/// `<14-digit version>_<name>` is an error, since it is almost certainly a
/// migration the runner would otherwise silently skip.
pub fn read_dir(dir: &Path) -> Result<Vec<Migration>, FormatError> {
    let located = |path: &Path, message: String, hint: &str| FormatError {
        file: path.display().to_string(),
        line: 1,
        col: 1,
        message,
        hint: hint.to_string(),
    };
    let entries = std::fs::read_dir(dir).map_err(|e| {
        located(
            dir,
            format!("cannot read the migration directory: {e}"),
            "pass the folder `plinth plan --out DIR` wrote",
        )
    })?;
    let mut migrations = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| located(dir, format!("cannot list the directory: {e}"), "check permissions"))?;
        let path = entry.path();
        let folder = entry.file_name().to_string_lossy().into_owned();
        if folder.starts_with('.') || !path.is_dir() {
            continue;
        }
        let Some((version, name)) = parse_folder_name(&folder) else {
            return Err(located(
                &path,
                format!("folder `{folder}` is not `<version>_<name>`"),
                "migration folders are named like 20261122081500_add_order_total (14-digit UTC version)",
            ));
        };
        let up_path = path.join("up.sql");
        let up_bytes = std::fs::read(&up_path).map_err(|e| {
            located(
                &up_path,
                format!("cannot read up.sql: {e}"),
                "every migration folder needs an up.sql",
            )
        })?;
        let up = parse_script(&up_path.display().to_string(), &utf8(&up_path, &up_bytes)?)?;
        let down_path = path.join("down.sql");
        let down = match std::fs::read(&down_path) {
            Ok(bytes) => Some(parse_script(
                &down_path.display().to_string(),
                &utf8(&down_path, &bytes)?,
            )?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(located(
                    &down_path,
                    format!("cannot read down.sql: {e}"),
                    "check permissions",
                ))
            }
        };
        migrations.push(Migration {
            version,
            name,
            up,
            down,
            checksum: checksum(&up_bytes),
        });
    }
    migrations.sort_by(|a, b| a.version.cmp(&b.version));
    if let Some(w) = migrations.windows(2).find(|w| w[0].version == w[1].version) {
        return Err(located(
            &dir.join(w[1].id()),
            format!(
                "version {} is used by two folders ({} and {})",
                w[0].version,
                w[0].id(),
                w[1].id()
            ),
            "give each migration its own version",
        ));
    }
    Ok(migrations)
}

fn utf8(path: &Path, bytes: &[u8]) -> Result<String, FormatError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let text = String::from_utf8_lossy(&bytes[..e.utf8_error().valid_up_to()]).into_owned();
        let (line, col) = crate::format::line_col(&text, text.len());
        FormatError {
            file: path.display().to_string(),
            line,
            col,
            message: "the file is not valid UTF-8".into(),
            hint: "save the migration as UTF-8".into(),
        }
    })
}
