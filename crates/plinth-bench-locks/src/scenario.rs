//! A scenario file (`scenarios/NN_name.sql`): `-- scenario:` description,
//! then the sections `-- from` (schema before), `-- to` (schema after, fed
//! to `plinth plan`) and `-- naive` (the single-statement form a hurried
//! engineer would run instead).

use std::path::{Path, PathBuf};

/// One benchmark scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// File stem, e.g. `07_int_to_bigint`.
    pub name: String,
    pub description: String,
    pub from: String,
    pub to: String,
    pub naive: String,
}

/// Parses one scenario file; errors name the file and the missing section.
pub fn parse(path: &Path) -> Result<Scenario, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut description = String::new();
    let mut sections: [String; 3] = Default::default();
    let mut current: Option<usize> = None;
    for line in text.lines() {
        match line.trim() {
            "-- from" => current = Some(0),
            "-- to" => current = Some(1),
            "-- naive" => current = Some(2),
            l if l.starts_with("-- scenario:") && current.is_none() => {
                description = l.trim_start_matches("-- scenario:").trim().to_string();
            }
            _ => {
                if let Some(i) = current {
                    sections[i].push_str(line);
                    sections[i].push('\n');
                }
            }
        }
    }
    for (i, label) in ["-- from", "-- to", "-- naive"].iter().enumerate() {
        if sections[i].trim().is_empty() {
            return Err(format!(
                "{}:1:1: the section `{label}` is missing or empty\n  help: a scenario has `-- from`, `-- to` and `-- naive` sections",
                path.display()
            ));
        }
    }
    let [from, to, naive] = sections;
    Ok(Scenario {
        name,
        description,
        from,
        to,
        naive,
    })
}

/// Every `*.sql` under `dir`, sorted by name, keeping those whose name
/// contains one of `filters` (all when `filters` is empty).
pub fn load_all(dir: &Path, filters: &[String]) -> Result<Vec<Scenario>, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let s = parse(&p)?;
        if filters.is_empty() || filters.iter().any(|f| s.name.contains(f.as_str())) {
            out.push(s);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_scenario_has_its_three_sections() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let all = load_all(&dir, &[]).unwrap();
        assert!(all.len() >= 8, "{} scenarios", all.len());
        for s in &all {
            assert!(s.from.contains("CREATE TABLE orders"), "{}", s.name);
            assert!(s.to.contains("CREATE TABLE orders"), "{}", s.name);
            assert!(!s.description.is_empty(), "{}", s.name);
            assert_ne!(s.from, s.to, "{}: FROM and TO are the same", s.name);
        }
        let some = load_all(&dir, &["int_to_bigint".into()]).unwrap();
        assert_eq!(some.len(), 1);
        assert!(some[0].naive.contains("TYPE bigint"));
    }

    #[test]
    fn a_missing_section_is_a_located_error() {
        let tmp = std::env::temp_dir().join(format!("bench-locks-scenario-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).unwrap();
        let file = tmp.join("99_broken.sql");
        std::fs::write(
            &file,
            "-- scenario: broken\n-- from\nCREATE TABLE a (x int);\n-- to\nCREATE TABLE a (x bigint);\n",
        )
        .unwrap();
        let err = parse(&file).unwrap_err();
        std::fs::remove_dir_all(&tmp).unwrap();
        assert!(err.contains("99_broken.sql:1:1"), "{err}");
        assert!(err.contains("`-- naive`"), "{err}");
        assert!(err.contains("help:"), "{err}");
    }
}
