//! `plinth diff`: text and JSON change sets, exit codes, refusal of
//! destructive changes, rename hints and questions, a live database side.

use std::path::Path;
use std::process::{Command, Output};

fn plinth(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plinth"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("plinth runs")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const FROM: &str = "CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  title text NOT NULL,\n  qty integer\n);\n";

fn files(to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("from.sql"), FROM).unwrap();
    std::fs::write(dir.path().join("to.sql"), to).unwrap();
    dir
}

#[test]
fn no_change_exits_0_even_with_exit_code() {
    let dir = files(&FROM.replace("integer", "int4"));
    let o = plinth(&["diff", "from.sql", "to.sql", "--exit-code"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).starts_with("no changes"), "{}", out(&o));
}

#[test]
fn changes_are_listed_and_exit_code_is_opt_in() {
    let dir = files(&FROM.replace("qty integer", "qty bigint NOT NULL,\n  note text"));
    let o = plinth(&["diff", "from.sql", "to.sql"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    assert!(text.contains("3 change(s)"), "{text}");
    assert!(
        text.contains("change type of orders.qty from integer to bigint (rewrites the column)"),
        "{text}"
    );
    assert!(text.contains("make orders.qty NOT NULL"), "{text}");
    assert!(text.contains("add column orders.note text"), "{text}");
    let o = plinth(&["diff", "from.sql", "to.sql", "--exit-code"], dir.path());
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn json_lists_kinds_and_subjects() {
    let dir = files(&FROM.replace("qty integer", "qty integer DEFAULT 0"));
    let o = plinth(&["diff", "from.sql", "to.sql", "--format", "json"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("valid JSON");
    assert_eq!(v["changes"][0]["kind"], "change_default");
    assert_eq!(v["changes"][0]["subject"], "orders.qty");
    assert_eq!(v["destructive"], 0);
}

#[test]
fn a_drop_is_refused_without_allow_destructive_and_a_likely_rename_is_a_question() {
    let dir = files(&FROM.replace("title text", "name text"));
    let o = plinth(&["diff", "from.sql", "to.sql"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    let e = err(&o);
    assert!(
        e.contains("destructive change(s)") && e.contains("--allow-destructive"),
        "{e}"
    );
    assert!(
        e.contains("did you rename it?") && e.contains("@renamed_from(\"title\")"),
        "{e}"
    );
    let o = plinth(&["diff", "from.sql", "to.sql", "--allow-destructive"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = plinth(
        &["diff", "from.sql", "to.sql", "--rename", "column:orders.title=name"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("rename column orders.title to name"), "{}", out(&o));
}

#[test]
fn a_sql_comment_hint_makes_a_rename() {
    let dir = files(&FROM.replace("title text", "-- plinth:renamed-from title\n  name text"));
    let o = plinth(&["diff", "from.sql", "to.sql"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("rename column orders.title to name"), "{}", out(&o));
    assert!(!out(&o).contains("drop_column"), "{}", out(&o));
}

#[test]
fn spec_renamed_from_renames_entity_and_field() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.plinth"), "entity Task {\n  title text\n}\n").unwrap();
    std::fs::write(
        dir.path().join("b.plinth"),
        "entity Todo @renamed_from(\"Task\") {\n  name text @renamed_from(\"title\")\n}\n",
    )
    .unwrap();
    let o = plinth(&["diff", "a.plinth", "b.plinth"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    assert!(text.contains("rename table tasks to todos"), "{text}");
    assert!(text.contains("rename column todos.title to name"), "{text}");
}

#[test]
fn bad_input_exits_2_with_a_hint() {
    let dir = files(FROM);
    let o = plinth(&["diff", "from.sql", "missing.sql"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let o = plinth(&["diff", "from.sql", "to.sql", "--rename", "nonsense"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("help:"), "{}", err(&o));
}

#[test]
fn a_live_database_side_gives_the_same_change_set() {
    let sandbox = plinth_sandbox::Sandbox::shared().expect("PostgreSQL is required for this test");
    let db = sandbox.fresh_database().unwrap();
    db.client().unwrap().batch_execute(FROM).unwrap();
    let url = sandbox.cluster().expect("cluster").url(db.name());
    let dir = files(&FROM.replace("qty integer", "qty bigint"));
    let from_file = plinth(&["diff", "from.sql", "to.sql", "--format", "json"], dir.path());
    let from_db = plinth(&["diff", "--from-db", &url, "to.sql", "--format", "json"], dir.path());
    assert_eq!(from_db.status.code(), Some(0), "{}", err(&from_db));
    let a: serde_json::Value = serde_json::from_str(&out(&from_file)).unwrap();
    let b: serde_json::Value = serde_json::from_str(&out(&from_db)).unwrap();
    assert_eq!(a["changes"], b["changes"]);
    assert_eq!(b["changes"].as_array().unwrap().len(), 1);
}
