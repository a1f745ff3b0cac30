//! plinth's own designs lint clean: every example spec, every valid test
//! spec and every drafted prose description, designed by the conventions,
//! has zero error findings. Warnings and infos are printed (`--nocapture`)
//! for review; they are not pinned, because the drafts change with the prose
//! rules.

use plinth_lint::{schema, Settings, Severity};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn specs() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["examples", "tests/specs/valid"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "plinth"))
            .collect();
        files.sort();
        for f in files {
            out.push((
                format!("{dir}/{}", f.file_name().unwrap().to_string_lossy()),
                std::fs::read_to_string(&f).unwrap(),
            ));
        }
    }
    // Drafts from the prose corpus (the descriptions plinth must not refuse).
    let prose = root().join("tests/prose");
    let mut txts: Vec<PathBuf> = std::fs::read_dir(&prose)
        .expect("tests/prose")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    txts.sort();
    for t in txts {
        let expect = std::fs::read_to_string(t.with_extension("expect")).unwrap_or_default();
        if expect
            .lines()
            .any(|l| l.split('#').next().unwrap_or("").trim() == "refuse")
        {
            continue;
        }
        let text = std::fs::read_to_string(&t).unwrap();
        let draft = plinth_prose::draft(&text).unwrap_or_else(|e| panic!("{}: {e:?}", t.display()));
        out.push((
            format!("draft of tests/prose/{}", t.file_name().unwrap().to_string_lossy()),
            draft.spec,
        ));
    }
    out
}

#[test]
fn every_design_lints_without_errors() {
    let mut errors = Vec::new();
    let mut report = String::new();
    let mut designs = 0;
    for (name, text) in specs() {
        let checked = plinth_spec::check(&text);
        let Some(spec) = checked.spec else {
            panic!("{name} does not check: {:?}", checked.diagnostics);
        };
        let design = plinth_design::design(&spec);
        designs += 1;
        let findings = schema::lint(&design, &Settings::new(design.target));
        for f in &findings {
            let line = format!("{name}: [{}] {}: {}", f.severity.as_str(), f.rule, f.message);
            if f.severity == Severity::Error {
                errors.push(line.clone());
            }
            report.push_str(&line);
            report.push('\n');
        }
    }
    eprintln!("{report}");
    assert!(designs >= 15, "only {designs} designs");
    assert!(errors.is_empty(), "designs with errors:\n{}", errors.join("\n"));
}
