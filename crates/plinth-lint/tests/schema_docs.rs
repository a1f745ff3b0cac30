//! docs/rules/ is generated from the rules' code: regenerate in memory and
//! compare with the checked-in folder (run `plinth rules --write-docs
//! docs/rules` when this fails).

use std::path::Path;

#[test]
fn docs_rules_is_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
    let pages = plinth_lint::docs::pages();
    let mut stale = Vec::new();
    for (name, contents) in &pages {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(on_disk) if on_disk == *contents => {}
            Ok(_) => stale.push(format!("{name} differs")),
            Err(_) => stale.push(format!("{name} is missing")),
        }
    }
    let expected: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") && !expected.contains(&name.as_str()) && name != "parity.md" {
            stale.push(format!("{name} is not a rule any more"));
        }
    }
    assert!(
        stale.is_empty(),
        "docs/rules is stale; run `cargo run -p plinth-cli -- rules --write-docs docs/rules`:\n{}",
        stale.join("\n")
    );
}

#[test]
fn every_rule_page_has_every_section() {
    for r in plinth_lint::all_rules() {
        let page = plinth_lint::docs::page(r);
        for section in ["## What it finds", "## Why it matters", "## Example", "## Fix"] {
            assert!(page.contains(section), "{}: {section}", r.id);
        }
    }
}
