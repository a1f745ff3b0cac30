//! `plinth draft` and `plinth design --from-prose` through the binary, and
//! every drafted corpus description (`tests/prose/*.txt` not marked
//! `refuse`) checked, designed, applied to a real PostgreSQL and probed.
//! A missing PostgreSQL fails these tests; it never skips them.

use plinth_sandbox::{apply, run_probes, Sandbox};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn plinth(args: &[&str], cwd: &Path, stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plinth"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("plinth runs");
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The corpus descriptions a draft must exist for (the `.expect` does not say `refuse`).
fn corpus() -> Vec<(PathBuf, bool)> {
    let dir = root().join("tests/prose");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return vec![];
    };
    let mut v: Vec<(PathBuf, bool)> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let expect = std::fs::read_to_string(p.with_extension("expect")).unwrap_or_default();
            let refuse = expect
                .lines()
                .any(|l| l.split('#').next().unwrap_or("").trim() == "refuse");
            (p, refuse)
        })
        .collect();
    v.sort();
    v
}

const README: &str = "Users create workspaces. Each workspace has projects. Projects contain tasks with assignees, labels and due dates. We need an audit trail and tenant isolation.";

#[test]
fn draft_reads_text_files_and_stdin_and_writes_atomically() {
    let tmp = tempfile::tempdir().unwrap();
    // the text itself
    let a = plinth(&["draft", README], tmp.path(), None);
    assert_eq!(a.status.code(), Some(0), "{}", text(&a.stderr));
    let spec = text(&a.stdout);
    assert!(spec.contains("tenant      = Workspace"), "{spec}");
    // a file
    let file = root().join("examples/prose/task-tracker.txt");
    let b = plinth(&["draft", file.to_str().unwrap()], tmp.path(), None);
    assert_eq!(text(&b.stdout), spec);
    // stdin
    let c = plinth(&["draft", "-"], tmp.path(), Some(README));
    assert_eq!(text(&c.stdout), spec);
    // --out
    let out = tmp.path().join("app.plinth");
    let d = plinth(&["draft", README, "--out", out.to_str().unwrap()], tmp.path(), None);
    assert_eq!(d.status.code(), Some(0));
    assert!(d.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), spec);
    let e = plinth(&["check", out.to_str().unwrap()], tmp.path(), None);
    assert_eq!(e.status.code(), Some(0), "{}", text(&e.stderr));
}

#[test]
fn nothing_usable_exits_2_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("app.plinth");
    for input in [
        "",
        "tasks",
        "Roses are red\nviolets are blue\nthe night is long\nand so are you",
    ] {
        let o = plinth(&["draft", "-", "--out", out.to_str().unwrap()], tmp.path(), Some(input));
        assert_eq!(o.status.code(), Some(2), "{input:?}: {}", text(&o.stderr));
        let err = text(&o.stderr);
        assert!(err.contains("nothing usable") && err.contains("help:"), "{err}");
        assert!(o.stdout.is_empty());
        assert!(!out.exists());
    }
    for (path, refuse) in corpus().into_iter().filter(|(_, r)| *r) {
        let o = plinth(&["draft", path.to_str().unwrap()], tmp.path(), None);
        assert_eq!(o.status.code(), Some(2), "{}: {}", path.display(), text(&o.stdout));
        let _ = refuse;
    }
}

#[test]
fn non_ascii_descriptions_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let o = plinth(
        &["draft", "Zoë’s café sells crème brûlée — each café has menus; each menu has dishes with a price and a “spicy” flag."],
        tmp.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("entity Dish"));
}

#[test]
fn design_from_prose_writes_every_artifact_and_the_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let file = root().join("examples/prose/task-tracker.txt");
    let out = tmp.path().join("build");
    let o = plinth(
        &[
            "design",
            "--from-prose",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        tmp.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let sql = std::fs::read_to_string(out.join("schema.sql")).unwrap();
    let mut tables: Vec<&str> = sql
        .lines()
        .filter_map(|l| l.strip_prefix("CREATE TABLE "))
        .map(|l| l.trim_end_matches(" (").trim_matches('"'))
        .collect();
    tables.sort();
    assert_eq!(
        tables,
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
    assert!(out.join("draft.plinth").exists());
    // a spec positional is still required without --from-prose
    let o = plinth(&["design", "--out", out.to_str().unwrap()], tmp.path(), None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn every_corpus_draft_checks_designs_applies_and_passes_its_probes() {
    let sandbox = Sandbox::shared()
        .unwrap_or_else(|e| panic!("PostgreSQL is required for this test and could not be started: {e}"));
    let mut ran = 0;
    let mut texts: Vec<(String, String)> = corpus()
        .into_iter()
        .filter(|(_, refuse)| !refuse)
        .map(|(p, _)| (p.display().to_string(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    texts.push(("README paragraph".into(), README.into()));
    for (label, prose) in texts {
        let d = plinth_prose::draft(&prose).unwrap_or_else(|e| panic!("{label}: {e}"));
        let checked = plinth_spec::check(&d.spec);
        let spec = checked.spec.unwrap_or_else(|| {
            panic!(
                "{label}:\n{}",
                plinth_spec::render(&checked.diagnostics, &label, &d.spec, false)
            )
        });
        let schema = plinth_design::design(&spec);
        let statements = plinth_postgres::emit(&schema);
        let db = sandbox.fresh_database().unwrap();
        apply(&mut db.client().unwrap(), &statements).unwrap_or_else(|e| panic!("{label}: {e}\n{}", d.spec));
        let probes = run_probes(&db, &schema);
        assert!(probes.passed(), "{label}:\n{probes}\n{}", d.spec);
        ran += 1;
    }
    assert!(ran >= 1);
}
