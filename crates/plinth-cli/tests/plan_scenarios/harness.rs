//! The scenario harness: a scenario is a file with `-- from`, `-- to`,
//! `-- rows` (and optional `-- hints`, `-- skip-checksum`) sections. For
//! each: apply FROM to a fresh database on the sandbox's real PostgreSQL,
//! load the rows, run the plan's up steps (no-transaction steps statement
//! by statement, batched steps until they update no row), introspect and
//! compare with TO applied to another fresh database, compare row
//! checksums of the surviving columns, run down and compare with FROM
//! (schema and rows), then run up again.

use plinth_diff::{Change, ChangeSet, Hints};
use plinth_model::equality::{compare, CompareOptions, Report};
use plinth_model::Schema;
use plinth_plan::Step;
use plinth_postgres::import::normalize_expr;
use plinth_postgres::{import_sql, inspect, ImportOptions, SchemaFilter};
use plinth_sandbox::Sandbox;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub struct Scenario {
    /// FROM and TO as models (imported SQL, or designed specs).
    pub from_schema: Schema,
    pub to_schema: Schema,
    /// FROM and TO as SQL to apply.
    pub from: String,
    pub to: String,
    pub rows: String,
    pub hints: Vec<String>,
    pub skip: Vec<String>,
}

/// A SQL scenario (`cases/NAME.sql`) or, for `spec_cases/NAME.plinth-scenario`,
/// one whose FROM and TO are `.plinth` specs (designed, then emitted).
pub fn load(name: &str) -> Scenario {
    let spec = name.starts_with("spec_");
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(if spec {
        format!("tests/plan_scenarios/spec_cases/{name}.plinth-scenario")
    } else {
        format!("tests/plan_scenarios/cases/{name}.sql")
    });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut sections: BTreeMap<&str, String> = BTreeMap::new();
    let mut current = "";
    for line in text.lines() {
        match line.trim() {
            "-- from" | "-- to" | "-- rows" | "-- hints" | "-- skip-checksum" => {
                current = line.trim().trim_start_matches("-- ");
                sections.entry(current).or_default();
            }
            _ if !current.is_empty() => {
                let s = sections.get_mut(current).unwrap();
                s.push_str(line);
                s.push('\n');
            }
            _ => {}
        }
    }
    let list = |k: &str| -> Vec<String> {
        sections
            .get(k)
            .map(|s| {
                s.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    };
    let from = sections.get("from").cloned().unwrap_or_default();
    let to = sections.get("to").cloned().unwrap_or_default();
    let (from_schema, to_schema, from, to) = if spec {
        let (a, b) = (design(&from, "FROM"), design(&to, "TO"));
        let (sa, sb) = (plinth_postgres::emit_script(&a), plinth_postgres::emit_script(&b));
        (a, b, sa, sb)
    } else {
        (import(&from, "FROM"), import(&to, "TO"), from, to)
    };
    Scenario {
        from_schema,
        to_schema,
        from,
        to,
        rows: sections.get("rows").cloned().unwrap_or_default(),
        hints: list("hints"),
        skip: list("skip-checksum"),
    }
}

fn design(src: &str, what: &str) -> Schema {
    let checked = plinth_spec::check(src);
    let spec = checked.spec.unwrap_or_else(|| {
        panic!(
            "{what}: {}",
            plinth_spec::render(&checked.diagnostics, what, src, false)
        )
    });
    plinth_design::design(&spec)
}

fn import(sql: &str, what: &str) -> Schema {
    let r = import_sql(sql, &ImportOptions::default());
    assert!(r.warnings.is_empty(), "{what}: import warnings {:?}", r.warnings);
    r.schema
}

/// `value:type.old=new` hints (the others come from the SQL comments).
fn hints(s: &Scenario, to: &Schema) -> Hints {
    let mut h = Hints::from_schema(to);
    for line in &s.hints {
        let (kind, rest) = line.split_once(':').expect("hint kind");
        let (old, new) = rest.split_once('=').expect("hint old=new");
        match kind {
            "table" => {
                h.tables.insert(new.into(), old.into());
            }
            "column" | "value" => {
                let (owner, old) = old.split_once('.').expect("hint owner.old");
                let key = (owner.to_string(), new.to_string());
                if kind == "column" {
                    h.columns.insert(key, old.into());
                } else {
                    h.enum_values.insert(key, old.into());
                }
            }
            _ => panic!("bad hint {line}"),
        }
    }
    h
}

pub fn run_steps(client: &mut postgres::Client, steps: &[Step], what: &str) {
    for (i, s) in steps.iter().enumerate() {
        let fail = |e: postgres::Error, sql: &str| -> ! {
            panic!(
                "{what} step {} {} failed: {}\n{sql}",
                i + 1,
                s.name,
                plinth_sandbox::describe_error(&e)
            )
        };
        if s.batched {
            let sql = s.statements.join("\n");
            let mut rounds = 0;
            loop {
                let n = client.execute(sql.as_str(), &[]).unwrap_or_else(|e| fail(e, &sql));
                rounds += 1;
                assert!(rounds < 10_000, "{what}: batched step {} never finishes", s.name);
                if n == 0 {
                    break;
                }
            }
        } else if s.transactional {
            let mut tx = client.transaction().unwrap();
            for sql in &s.statements {
                tx.batch_execute(sql).unwrap_or_else(|e| fail(e, sql));
            }
            tx.commit().unwrap_or_else(|e| fail(e, "COMMIT"));
        } else {
            for sql in &s.statements {
                client.batch_execute(sql).unwrap_or_else(|e| fail(e, sql));
            }
        }
    }
}

fn introspect(client: &mut postgres::Client) -> Schema {
    inspect(client, &SchemaFilter::default()).expect("inspect")
}

fn options() -> CompareOptions {
    CompareOptions {
        index_names: true,
        constraint_names: false,
        normalize_expr: Some(normalize_expr),
        ..CompareOptions::default()
    }
}

/// (table, columns) in FROM whose rows must survive, and their TO names.
struct Survivors {
    from: Vec<(String, Vec<String>)>,
    to: Vec<(String, Vec<String>)>,
}

fn survivors(from: &Schema, to: &Schema, changes: &ChangeSet, skip: &[String]) -> Survivors {
    let mut out = Survivors {
        from: Vec::new(),
        to: Vec::new(),
    };
    for t in &from.tables {
        let to_name = changes
            .changes
            .iter()
            .find_map(|c| match c {
                Change::RenameTable { from, to } if from == &t.name => Some(to.clone()),
                _ => None,
            })
            .unwrap_or_else(|| t.name.clone());
        let Some(tt) = to.table(&to_name) else { continue };
        let (mut fc, mut tc) = (Vec::new(), Vec::new());
        for c in &t.columns {
            let new = changes
                .changes
                .iter()
                .find_map(|ch| match ch {
                    Change::RenameColumn { table, from, to } if table == &to_name && from.name == c.name => {
                        Some(to.name.clone())
                    }
                    _ => None,
                })
                .unwrap_or_else(|| c.name.clone());
            if tt.has_column(&new) && !skip.contains(&format!("{}.{}", t.name, c.name)) {
                fc.push(c.name.clone());
                tc.push(new);
            }
        }
        out.from.push((t.name.clone(), fc));
        out.to.push((to_name, tc));
    }
    out
}

/// One md5 per table over its rows (columns as text, NULL spelled out),
/// independent of row order.
fn checksums(client: &mut postgres::Client, tables: &[(String, Vec<String>)]) -> Vec<(String, String, i64)> {
    tables
        .iter()
        .map(|(t, cols)| {
            let expr = if cols.is_empty() {
                "''".to_string()
            } else {
                cols.iter()
                    .map(|c| format!("coalesce({}::text, '<null>')", plinth_postgres::quote::ident(c)))
                    .collect::<Vec<_>>()
                    .join(" || '|' || ")
            };
            let sql = format!(
                "SELECT coalesce(md5(string_agg(r, ',' ORDER BY r)), ''), count(*) FROM (SELECT {expr} AS r FROM {}) s",
                plinth_postgres::quote::ident(t)
            );
            let row = client
                .query_one(sql.as_str(), &[])
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
            (t.clone(), row.get::<_, String>(0), row.get::<_, i64>(1))
        })
        .collect()
}

fn same_rows(a: &[(String, String, i64)], b: &[(String, String, i64)], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: table count");
    for (x, y) in a.iter().zip(b) {
        assert_eq!((&x.1, x.2), (&y.1, y.2), "{what}: rows of {} (now {}) differ", x.0, y.0);
    }
}

fn assert_same(actual: &Schema, expected: &Schema, what: &str) {
    let diffs = compare(actual, expected, &options());
    assert!(diffs.is_empty(), "{what}:\n{}", Report(&diffs));
}

pub struct Outcome {
    pub up_steps: usize,
    pub down_steps: usize,
}

pub fn run(name: &str) -> Outcome {
    let s = load(name);
    let sandbox = Sandbox::shared()
        .unwrap_or_else(|e| panic!("PostgreSQL is required for this test and could not be started: {e}"));
    let (from, to) = (s.from_schema.clone(), s.to_schema.clone());
    let changes = plinth_diff::diff_with(
        &from,
        &to,
        &hints(&s, &to),
        &plinth_diff::Options {
            normalize_expr: Some(normalize_expr),
        },
    );
    assert!(!changes.is_empty(), "{name}: no change found");
    let plan = plinth_plan::plan(&from, &to, &changes, &plinth_plan::Options::default());
    assert!(
        plan.notes.iter().all(|n| !n.starts_with("not planned")),
        "{name}: {:?}",
        plan.notes
    );

    // TO as the reference catalog.
    let reference = sandbox.fresh_database().unwrap();
    let mut rc = reference.client().unwrap();
    rc.batch_execute(&s.to)
        .unwrap_or_else(|e| panic!("{name}: TO does not apply: {e}"));
    let expected_to = introspect(&mut rc);

    let db = sandbox.fresh_database().unwrap();
    let mut c = db.client().unwrap();
    c.batch_execute(&s.from)
        .unwrap_or_else(|e| panic!("{name}: FROM does not apply: {e}"));
    c.batch_execute(&s.rows)
        .unwrap_or_else(|e| panic!("{name}: rows do not load: {e}"));
    let expected_from = introspect(&mut c);
    let keep = survivors(&from, &to, &changes, &s.skip);
    let rows_before = checksums(&mut c, &keep.from);
    assert!(rows_before.iter().any(|r| r.2 > 0), "{name}: no rows loaded");

    run_steps(&mut c, &plan.up, &format!("{name} up"));
    assert_same(
        &introspect(&mut c),
        &expected_to,
        &format!("{name}: after up, the schema is not TO"),
    );
    same_rows(&rows_before, &checksums(&mut c, &keep.to), &format!("{name}: after up"));

    run_steps(&mut c, &plan.down, &format!("{name} down"));
    assert_same(
        &introspect(&mut c),
        &expected_from,
        &format!("{name}: after down, the schema is not FROM"),
    );
    same_rows(
        &rows_before,
        &checksums(&mut c, &keep.from),
        &format!("{name}: after down"),
    );

    run_steps(&mut c, &plan.up, &format!("{name} up again"));
    assert_same(
        &introspect(&mut c),
        &expected_to,
        &format!("{name}: after up again, the schema is not TO"),
    );
    same_rows(
        &rows_before,
        &checksums(&mut c, &keep.to),
        &format!("{name}: after up again"),
    );
    Outcome {
        up_steps: plan.up.len(),
        down_steps: plan.down.len(),
    }
}

/// The comparison is not vacuous: the up steps without the contract phase
/// leave a schema that differs from TO.
pub fn differences_without_contract(name: &str) -> usize {
    let s = load(name);
    let sandbox = Sandbox::shared().expect("PostgreSQL is required");
    let (from, to) = (s.from_schema.clone(), s.to_schema.clone());
    let changes = plinth_diff::diff(&from, &to, &hints(&s, &to));
    let plan = plinth_plan::plan(&from, &to, &changes, &plinth_plan::Options::default());
    let reference = sandbox.fresh_database().unwrap();
    let mut rc = reference.client().unwrap();
    rc.batch_execute(&s.to).unwrap();
    let db = sandbox.fresh_database().unwrap();
    let mut c = db.client().unwrap();
    c.batch_execute(&s.from).unwrap();
    c.batch_execute(&s.rows).unwrap();
    let partial: Vec<Step> = plan
        .up
        .iter()
        .filter(|s| s.phase != plinth_plan::Phase::Contract)
        .cloned()
        .collect();
    assert!(partial.len() < plan.up.len(), "{name} has no contract step");
    run_steps(&mut c, &partial, name);
    compare(&introspect(&mut c), &introspect(&mut rc), &options()).len()
}
