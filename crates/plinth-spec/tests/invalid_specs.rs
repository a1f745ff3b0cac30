//! Every spec in tests/specs/invalid fails `check` with well-formed
//! diagnostics; the rendered output is snapshotted per file.

mod common;
use common::*;

#[test]
fn invalid_specs_report_errors() {
    let files = plinth_files(&specs_dir().join("invalid"));
    assert!(files.len() >= 45, "only {} invalid specs", files.len());
    let known: Vec<&str> = plinth_spec::CODES.iter().map(|(c, _)| *c).collect();
    for path in files {
        let name = file_name(&path);
        let src = std::fs::read_to_string(&path).unwrap();
        let checked = plinth_spec::check(&src);
        assert!(checked.spec.is_none(), "{name}: expected errors");
        assert!(
            checked.diagnostics.iter().any(|d| d.is_error()),
            "{name}: no Error diagnostic"
        );
        for d in &checked.diagnostics {
            assert!(!d.help.trim().is_empty(), "{name}: {} has no help", d.code);
            assert!(!d.label.trim().is_empty(), "{name}: {} has no label", d.code);
            assert!(known.contains(&d.code), "{name}: undocumented code {}", d.code);
            assert!(
                d.span.end <= src.len() && d.span.start <= d.span.end,
                "{name}: bad span"
            );
        }
        let rendered = plinth_spec::render(&checked.diagnostics, &name, &src, false);
        for d in &checked.diagnostics {
            let (line, col) = plinth_spec::line_col(&src, d.span.start);
            let at = format!("{name}:{line}:{col}");
            assert!(
                rendered.contains(&at),
                "{name}: rendered output lacks {at}:\n{rendered}"
            );
        }
        insta::assert_snapshot!(name.trim_end_matches(".plinth").to_string(), rendered);
    }
}
