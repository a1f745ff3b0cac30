//! The drafter on its own development descriptions (`tests/dev/*.txt`):
//! every draft passes `plinth check`, is canonically formatted, deterministic,
//! and pinned by a snapshot. (The held-out corpus is `tests/corpus.rs`.)

use std::path::PathBuf;

fn dev_texts() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/dev");
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_dev_description_drafts_a_valid_canonical_spec() {
    let texts = dev_texts();
    assert!(texts.len() >= 10, "only {} dev descriptions", texts.len());
    for (name, text) in texts {
        let d = plinth_prose::draft(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let checked = plinth_spec::check(&d.spec);
        let spec = checked.spec.unwrap_or_else(|| {
            panic!(
                "{name}:\n{}",
                plinth_spec::render(&checked.diagnostics, &name, &d.spec, false)
            )
        });
        assert_eq!(plinth_spec::format(&spec.file), d.spec, "{name}: not canonical");
        assert_eq!(plinth_prose::draft(&text).unwrap(), d, "{name}: not deterministic");
        assert!(!d.inferences.is_empty(), "{name}: no inferences");
        // every inference is in the spec as a comment
        for i in d.inferences.iter().filter(|i| i.sentence.is_some()) {
            assert!(
                d.spec.contains(&i.subject),
                "{name}: inference {i} missing from the spec"
            );
        }
        insta::assert_snapshot!(format!("dev_{name}"), d.spec);
    }
}

fn tables(text: &str) -> Vec<String> {
    let d = plinth_prose::draft(text).unwrap();
    let spec = plinth_spec::check(&d.spec).spec.unwrap();
    let schema = plinth_design::design(&spec);
    let mut t: Vec<String> = schema.tables.iter().map(|t| t.name.clone()).collect();
    t.sort();
    t
}

#[test]
fn the_readme_paragraph_gives_the_task_tracker_tables() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/prose/task-tracker.txt"),
    )
    .unwrap();
    assert_eq!(
        tables(&text),
        [
            "audit_log",
            "labels",
            "projects",
            "task_assignments",
            "task_labels",
            "tasks",
            "users",
            "workspace_memberships",
            "workspaces"
        ]
    );
    let d = plinth_prose::draft(&text).unwrap();
    assert!(d.spec.contains("tenant      = Workspace"), "{}", d.spec);
    assert!(d
        .spec
        .contains("// Task -> Project: \"Projects contain tasks with assignees, labels and due dates.\""));
    assert!(
        d.questions.iter().any(|q| q.contains("label shared across projects")),
        "{:?}",
        d.questions
    );
}

#[test]
fn nothing_usable_is_refused_with_a_hint() {
    for text in [
        "",
        "   \n\t ",
        "tasks",
        "Hello",
        "The moon whispers to the sea,\nand the night has a thousand eyes;\nthe stars keep silent watch.",
        "We want something fast, beautiful and easy to use, that delights people and just works.",
    ] {
        let e = plinth_prose::draft(text).expect_err(text);
        assert!(e.message.starts_with("nothing usable"), "{text}: {e}");
        assert!(!e.hint.is_empty());
    }
}

#[test]
fn non_ascii_text_is_read() {
    let d = plinth_prose::draft(
        "Les clients passent des commandes — customers place orders… Each café has menus; each menu has dishes with a price in €, a “name” and a crème brûlée flag. 日本語のメモ.",
    )
    .unwrap();
    assert!(d.spec.contains("entity Cafe"), "{}", d.spec);
    assert!(d.spec.contains("entity Dish"), "{}", d.spec);
    assert!(d.spec.is_ascii() || plinth_spec::check(&d.spec).spec.is_some());
}
