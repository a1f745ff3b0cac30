//! The Mermaid and DBML of every spec the repository has are parsed by the
//! tools' own parsers in Node (`mermaid.parse` plus its ER database,
//! `@dbml/core`'s `Parser`), and the parsed result must hold every table,
//! column and relationship; the DOT is rendered by Graphviz's `dot`.
//!
//! `scripts/test-deps/node.sh` (sourced by scripts/test.sh) installs the
//! packages and Graphviz and exports `PLINTH_NODE_TOOLS`. Without it this
//! test fails, locally as in CI: a validation that silently skips proves
//! nothing.

mod common;

use plinth_model::Schema;
use std::path::{Path, PathBuf};
use std::process::Command;

const HOW_TO_INSTALL: &str = "PLINTH_NODE_TOOLS is not set. Run the suite with scripts/test.sh, or install the tools \
     once and export the variable:\n  source scripts/test-deps/node.sh   # npm installs mermaid and @dbml/core into \
     target/node-tools, apt-get installs graphviz\n  cargo test -p plinth-docs";

fn node_tools() -> PathBuf {
    match std::env::var_os("PLINTH_NODE_TOOLS") {
        Some(dir) if Path::new(&dir).join("node_modules").is_dir() => PathBuf::from(dir),
        Some(dir) => panic!(
            "PLINTH_NODE_TOOLS={} has no node_modules folder.\n{HOW_TO_INSTALL}",
            Path::new(&dir).display()
        ),
        None if std::env::var_os("CI").is_some() => panic!("CI: the Node tools must be installed.\n{HOW_TO_INSTALL}"),
        // Outside CI, a previous scripts/test.sh run's install is fine.
        None => {
            let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/node-tools");
            if local.join("node_modules").is_dir() {
                local
            } else {
                panic!("{HOW_TO_INSTALL}")
            }
        }
    }
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What the parsed diagram must contain: every table by the name the
/// format shows, with its column count.
fn expectations(schema: &Schema, mermaid_names: bool) -> String {
    let tables: Vec<String> = schema
        .tables
        .iter()
        .map(|t| {
            let name = if mermaid_names {
                // The Mermaid renderer replaces what quoted names cannot hold.
                t.name
                    .chars()
                    .map(|c| if matches!(c, '"' | '%' | '\\') { '_' } else { c })
                    .collect()
            } else {
                t.name.clone()
            };
            format!("{}: {}", json_string(&name), t.columns.len())
        })
        .collect();
    let fks: usize = schema.tables.iter().map(|t| t.foreign_keys.len()).sum();
    format!(
        "\"tables\": {{{}}}, \"relationships\": {fks}, \"enums\": {}",
        tables.join(", "),
        schema.enums.len()
    )
}

#[test]
fn mermaid_and_dbml_parse_with_the_real_tools() {
    let tools = node_tools();
    let dir = tempfile::tempdir().unwrap();
    let mut entries = Vec::new();
    let mut paths = Vec::new();
    for (name, schema) in common::all_specs() {
        for (ext, kind, text) in [
            ("mmd", "mermaid", plinth_docs::erd::mermaid::render(&schema)),
            ("dbml", "dbml", plinth_docs::erd::dbml::render(&schema)),
        ] {
            let path = dir.path().join(format!("{name}.{ext}"));
            std::fs::write(&path, text).unwrap();
            let p = path.display().to_string();
            entries.push(format!(
                "{{\"path\": {}, \"kind\": \"{kind}\", {}}}",
                json_string(&p),
                expectations(&schema, kind == "mermaid")
            ));
            paths.push(p);
        }
    }
    let manifest = dir.path().join("manifest.json");
    std::fs::write(&manifest, format!("{{\"files\": [\n{}\n]}}\n", entries.join(",\n"))).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/node/validate.mjs");
    let out = Command::new("node")
        .arg(&script)
        .arg(&manifest)
        .env("PLINTH_NODE_TOOLS", &tools)
        .output()
        .expect("node runs (install Node.js: apt-get install nodejs npm)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "validation failed:\n{stdout}\n{stderr}");
    for p in &paths {
        assert!(stdout.contains(&format!("ok {p} ")), "{p} was not checked:\n{stdout}");
    }
    assert!(stdout.contains(&format!("checked {} files", paths.len())), "{stdout}");
    eprintln!("{}", stdout.lines().last().unwrap_or_default());
}

/// node.sh installs Graphviz with the Node tools; a missing `dot` fails
/// rather than passing unchecked.
#[test]
fn dot_renders_with_graphviz() {
    let Some(dot) = ["/usr/bin/dot", "/usr/local/bin/dot"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
    else {
        panic!("Graphviz `dot` is missing: scripts/test-deps/node.sh installs it (apt-get install graphviz)");
    };
    for (name, schema) in common::all_specs() {
        let mut child = Command::new(&dot)
            .args(["-Tsvg", "-o", "/dev/null"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("dot starts");
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(plinth_docs::erd::dot::render(&schema).as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: dot failed:\n{stderr}");
        // Warnings (bad HTML labels, unknown attributes) count as failures too.
        assert!(stderr.trim().is_empty(), "{name}: dot warned:\n{stderr}");
    }
}
