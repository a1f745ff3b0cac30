//! Helpers shared by the plinth-docs tests: the examples, designed.

#![allow(dead_code)]

use plinth_model::Schema;
use std::path::PathBuf;

/// Designs a spec given as text; panics with rendered diagnostics if invalid.
pub fn design(src: &str) -> Schema {
    let checked = plinth_spec::check(src);
    match checked.spec {
        Some(spec) => plinth_design::design(&spec),
        None => panic!(
            "{}",
            plinth_spec::render(&checked.diagnostics, "test.plinth", src, false)
        ),
    }
}

/// (`task-tracker`, schema) for every `examples/*.plinth`, sorted by name.
pub fn examples() -> Vec<(String, Schema)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "plinth"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "at least three examples");
    files
        .iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().to_string();
            (name, design(&std::fs::read_to_string(p).unwrap()))
        })
        .collect()
}

/// One example by name.
pub fn example(name: &str) -> Schema {
    examples()
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, s)| s)
        .unwrap_or_else(|| panic!("no example {name}"))
}

/// Reserved words, mixed case, embedded quotes, `%` and backslashes as
/// names: what an ERD syntax is most likely to choke on.
pub const HOSTILE: &str = r#"
settings {
  dialect = postgres 15
  tenant  = "group"
  soft_delete = true
  audit = true
}

entity "group" @global {
  "select" text
}

entity User @global {
  "order" int
}

entity Order @group("sales & more") {
  "user"    -> User
  "from"    text @unique
  "Where Is" text?
}

entity "MixedCase" {
  "CamelField"   text @comment("it's ""quoted"" <b>bold</b> & 100%")
  "quote""inside" text?
  "table"        -> Order?
  tags           <-> "Tag ""quoted"""
}

entity "Tag ""quoted""" {
  "limit" int = 10
}

entity "class" @global {
  "pk"  text
  "2nd" int?
  "a%b\c" text?
}

entity "many" @global {
  "one" -> "class"
}
"#;

/// Native enum types (named, inline, and values that need quoting) and a
/// one-to-one relation: the parts of the diagram syntaxes the examples do
/// not reach.
pub const NATIVE_ENUMS: &str = r#"
settings {
  dialect = postgres 16
  enums   = native
}

enum OrderStatus { pending, "on hold", shipped }

entity Customer {
  email email @unique
  tier  enum(basic, gold) = basic
}

entity Profile {
  customer -> Customer @unique
  bio      text?
}

entity Order {
  customer -> Customer
  status   OrderStatus = pending
}
"#;

/// Every valid spec the repository has: the examples, `tests/specs/valid`
/// [`HOSTILE`] and [`NATIVE_ENUMS`], designed, as (name, schema).
pub fn all_specs() -> Vec<(String, Schema)> {
    let mut out = examples();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/specs/valid");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/specs/valid exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "plinth"))
        .collect();
    files.sort();
    for p in files {
        let name = format!("valid-{}", p.file_stem().unwrap().to_string_lossy());
        out.push((name, design(&std::fs::read_to_string(&p).unwrap())));
    }
    out.push(("hostile".into(), design(HOSTILE)));
    out.push(("native-enums".into(), design(NATIVE_ENUMS)));
    out
}
