//! Every valid spec and example checks without errors, and formatting is
//! canonical, idempotent and lossless (same tree, ignoring spans).

mod common;
use common::*;
use std::path::PathBuf;

fn valid_files() -> Vec<PathBuf> {
    let mut files = plinth_files(&specs_dir().join("valid"));
    files.extend(plinth_files(&examples_dir()));
    files
}

#[test]
fn there_are_enough_valid_specs_and_examples() {
    assert!(plinth_files(&specs_dir().join("valid")).len() >= 8);
    let examples: Vec<String> = plinth_files(&examples_dir()).iter().map(|p| file_name(p)).collect();
    for name in ["task-tracker.plinth", "courses.plinth", "shop.plinth"] {
        assert!(examples.contains(&name.to_string()), "missing example {name}");
    }
}

#[test]
fn valid_specs_check_without_errors() {
    for path in valid_files() {
        let src = std::fs::read_to_string(&path).unwrap();
        let checked = plinth_spec::check(&src);
        let name = file_name(&path);
        assert!(
            checked.spec.is_some(),
            "{name} has errors:\n{}",
            plinth_spec::render(&checked.diagnostics, &name, &src, false)
        );
    }
}

#[test]
fn formatting_is_idempotent_and_lossless() {
    for path in valid_files() {
        let name = file_name(&path);
        let src = std::fs::read_to_string(&path).unwrap();
        let (original, diags) = plinth_spec::parse(&src);
        assert!(diags.is_empty(), "{name}: {diags:#?}");
        let once = plinth_spec::format(&original);
        let (reparsed, diags) = plinth_spec::parse(&once);
        assert!(
            diags.is_empty(),
            "{name}: formatted text does not parse: {diags:#?}\n{once}"
        );
        let twice = plinth_spec::format(&reparsed);
        assert_eq!(once, twice, "{name}: format is not idempotent");
        assert_eq!(
            without_spans(&format!("{original:#?}")),
            without_spans(&format!("{reparsed:#?}")),
            "{name}: formatting changed the tree"
        );
        if !name.starts_with("unformatted-") {
            assert_eq!(src, once, "{name} is not canonically formatted");
        }
    }
}

#[test]
fn unformatted_specs_format_as_snapshot() {
    for path in plinth_files(&specs_dir().join("valid")) {
        let name = file_name(&path);
        if !name.starts_with("unformatted-") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        let (file, _) = plinth_spec::parse(&src);
        insta::assert_snapshot!(
            format!("fmt-{}", name.trim_end_matches(".plinth")),
            plinth_spec::format(&file)
        );
    }
}

#[test]
fn examples_are_referenced_in_the_docs() {
    let docs =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/spec-language.md"))
            .unwrap();
    for path in plinth_files(&examples_dir()) {
        let name = file_name(&path);
        assert!(
            docs.contains(&format!("examples/{name}")),
            "docs/spec-language.md does not mention examples/{name}"
        );
    }
}

#[test]
fn every_error_code_is_documented() {
    let docs =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/spec-language.md"))
            .unwrap();
    for (code, _) in plinth_spec::CODES {
        assert!(docs.contains(code), "docs/spec-language.md does not document {code}");
    }
}

#[test]
fn example_task_tracker_resolves_traits() {
    let src = std::fs::read_to_string(examples_dir().join("task-tracker.plinth")).unwrap();
    let spec = plinth_spec::check(&src).spec.unwrap();
    assert_eq!(spec.settings.tenant.as_deref(), Some("Workspace"));
    assert_eq!(spec.tenant_column().as_deref(), Some("workspace_id"));
    let task = spec.entity("Task").unwrap();
    let t = spec.traits(task);
    assert!(t.tenant_scoped && t.versioned && t.soft_delete && t.audit);
    assert!(!spec.traits(spec.entity("User").unwrap()).tenant_scoped);
    assert!(!spec.traits(spec.entity("Workspace").unwrap()).tenant_scoped);
    assert_eq!(spec.volume("Task"), Some(10_000_000));
    assert_eq!(
        task.field("project").unwrap().column_name().as_deref(),
        Some("project_id")
    );
    assert!(matches!(
        spec.resolve_column_arg(spec.entity("Membership").unwrap(), "workspace"),
        Some(plinth_spec::ColumnRef::Tenant)
    ));
    assert_eq!(spec.queries().count(), 3);
}
