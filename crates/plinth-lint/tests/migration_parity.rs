//! Side by side with squawk-cli on the crates.io migrations (285 Diesel
//! `up.sql` files, linted in Diesel's order).
//!
//! Every squawk finding must have a plinth counterpart (a mapped plinth rule
//! firing at the same statement, or in the same file for squawk's per-file
//! timeout rules) or fall under a documented difference whose condition is
//! checked on plinth's reading of that statement. The figures (per squawk
//! rule, and the findings plinth adds) are pinned as a snapshot and recorded
//! in docs/rules/parity.md.
//!
//! squawk comes from scripts/test-deps/squawk.sh (`PLINTH_SQUAWK`); a missing
//! squawk is a failure, never a skip.

#[path = "migration/corpus.rs"]
mod corpus;

use plinth_lint::migration::locks::{op_locks, Work};
use plinth_lint::migration::{self, AlterAction, MigrationFile, Op, State};
use plinth_lint::{Finding, Settings};
use plinth_model::{DialectKind, Target};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

/// Where a counterpart must be.
#[derive(Clone, Copy, PartialEq)]
enum Scope {
    Statement,
    File,
}

/// squawk rule → the plinth rules that cover it.
const MAPPING: &[(&str, Scope, &[&str])] = &[
    (
        "adding-field-with-default",
        Scope::Statement,
        &["rewrite-add-column-volatile-default", "rewrite-add-column-generated"],
    ),
    (
        "adding-foreign-key-constraint",
        Scope::Statement,
        &["constraint-not-valid-missing"],
    ),
    ("adding-not-nullable-field", Scope::Statement, &["lock-set-not-null"]),
    (
        "adding-required-field",
        Scope::Statement,
        &["column-required-without-default"],
    ),
    (
        "adding-serial-primary-key-field",
        Scope::Statement,
        &["rewrite-add-column-identity", "constraint-unique-without-index"],
    ),
    ("ban-char-field", Scope::Statement, &["column-char"]),
    (
        "ban-concurrent-index-creation-in-transaction",
        Scope::Statement,
        &["index-concurrently-in-transaction"],
    ),
    ("ban-drop-column", Scope::Statement, &["data-drop-column"]),
    ("ban-drop-constraint", Scope::Statement, &[]),
    ("ban-drop-default", Scope::Statement, &["compat-drop-default"]),
    ("ban-drop-function", Scope::Statement, &["compat-drop-object"]),
    ("ban-drop-not-null", Scope::Statement, &["compat-drop-not-null"]),
    ("ban-drop-table", Scope::Statement, &["data-drop-table"]),
    ("ban-drop-type", Scope::Statement, &["compat-drop-object"]),
    ("ban-drop-view", Scope::Statement, &["compat-drop-object"]),
    ("ban-truncate-cascade", Scope::Statement, &["data-truncate"]),
    ("changing-column-type", Scope::Statement, &["rewrite-column-type"]),
    (
        "constraint-missing-not-valid",
        Scope::Statement,
        &["constraint-not-valid-missing", "constraint-unique-without-index"],
    ),
    (
        "disallowed-unique-constraint",
        Scope::Statement,
        &["constraint-unique-without-index"],
    ),
    ("prefer-bigint-over-int", Scope::Statement, &["column-int-key"]),
    ("prefer-bigint-over-smallint", Scope::Statement, &["column-int-key"]),
    ("prefer-identity", Scope::Statement, &["column-serial"]),
    ("prefer-robust-stmts", Scope::Statement, &["idempotent-create"]),
    ("prefer-text-field", Scope::Statement, &["column-varchar-length"]),
    (
        "prefer-timestamp-tz",
        Scope::Statement,
        &["column-timestamp-without-tz"],
    ),
    ("renaming-column", Scope::Statement, &["compat-rename-column"]),
    ("renaming-object", Scope::Statement, &["compat-rename-table"]),
    ("renaming-table", Scope::Statement, &["compat-rename-table"]),
    (
        "require-concurrent-index-creation",
        Scope::Statement,
        &["index-not-concurrent"],
    ),
    (
        "require-concurrent-index-deletion",
        Scope::Statement,
        &["index-drop-not-concurrent"],
    ),
    ("require-lock-timeout", Scope::File, &["lock-timeout-missing"]),
    (
        "require-statement-timeout",
        Scope::File,
        &["lock-statement-timeout-missing"],
    ),
    (
        "transaction-nesting",
        Scope::Statement,
        &["tx-nested-begin", "tx-commit-without-begin"],
    ),
];

/// What plinth knows about the statement a squawk finding points at.
struct Seen<'a> {
    op: &'a Op,
    /// State before the statement.
    state: &'a State,
    /// Every statement of the same file with the state before it.
    file: &'a [(Op, State)],
}

/// A documented difference: the reason, and the condition (on plinth's
/// reading) under which it applies.
struct Difference {
    squawk: &'static str,
    reason: &'static str,
    applies: fn(&Seen<'_>) -> bool,
}

fn blocking(op: &Op, state: &State, long: bool) -> bool {
    op_locks(op, state, 16)
        .iter()
        .any(|l| l.level.blocks_writes() && (!long || l.work > Work::Catalog))
}

const DIFFERENCES: &[Difference] = &[
    Difference {
        squawk: "prefer-bigint-over-int",
        reason: "plinth flags 32-bit integers only on key columns (primary key, foreign key, id, *_id): a count or \
                 a quantity in an integer will not overflow, and the finding on every integer column buries the \
                 ones that matter",
        applies: |s| declares_non_key_small_int(s.op),
    },
    Difference {
        squawk: "prefer-bigint-over-smallint",
        reason: "as for prefer-bigint-over-int: only key columns",
        applies: |s| declares_non_key_small_int(s.op),
    },
    Difference {
        squawk: "require-lock-timeout",
        reason: "plinth asks for a lock_timeout only when a statement takes a lock that blocks writes on a table \
                 holding data; files that only create new tables, functions or types take no such lock",
        applies: |s| !s.file.iter().any(|(op, st)| blocking(op, st, false)),
    },
    Difference {
        squawk: "require-statement-timeout",
        reason: "plinth asks for a statement_timeout only when a statement holds a write-blocking lock while it \
                 scans, builds an index or rewrites a table holding data",
        applies: |s| !s.file.iter().any(|(op, st)| blocking(op, st, true)),
    },
    Difference {
        squawk: "changing-column-type",
        reason: "the change is binary-coercible (varchar(n) → text or a larger n, numeric precision increase): \
                 catalog-only, no rewrite, judged against the type declared in earlier migrations",
        applies: |s| !blocking(s.op, s.state, true),
    },
    Difference {
        squawk: "renaming-object",
        reason: "renaming an index, constraint, trigger or policy breaks no client (they never name it); plinth \
                 flags renames of tables, columns, views, types and functions",
        applies: |s| matches!(s.op, Op::RenameObject { kind, .. } if matches!(kind.as_str(), "index" | "constraint" | "trigger" | "policy")),
    },
    Difference {
        squawk: "ban-drop-constraint",
        reason: "dropping a constraint only accepts more rows; clients keep working, so plinth does not flag it \
                 (dropping a column, table, default or NOT NULL is flagged)",
        applies: |s| matches!(s.op, Op::AlterTable { actions, .. } if actions.iter().any(|a| matches!(a, AlterAction::DropConstraint { .. }))),
    },
    Difference {
        squawk: "constraint-missing-not-valid",
        reason: "the table was created earlier in the same file: it holds no rows, so validation is free",
        applies: |s| matches!(s.op, Op::AlterTable { table, .. } if s.state.is_new(table)),
    },
    Difference {
        squawk: "adding-foreign-key-constraint",
        reason: "the table was created earlier in the same file: it holds no rows, so validation is free",
        applies: |s| matches!(s.op, Op::AlterTable { table, .. } if s.state.is_new(table)),
    },
];

fn declares_non_key_small_int(op: &Op) -> bool {
    // Arrays of integers hold keys of the width of the key they copy: the
    // key column is what plinth flags.
    let small = |t: &str| {
        matches!(
            t,
            "integer" | "smallint" | "serial" | "smallserial" | "integer[]" | "smallint[]"
        )
    };
    let columns: Vec<&migration::ColumnDef> = match op {
        Op::CreateTable { columns, .. } => columns.iter().collect(),
        Op::AlterTable { actions, .. } => actions
            .iter()
            .filter_map(|a| match a {
                AlterAction::AddColumn { column, .. } => Some(column),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let altered_to_int = matches!(op, Op::AlterTable { actions, .. }
        if actions.iter().any(|a| matches!(a, AlterAction::AlterType { type_name, .. } if small(type_name))));
    altered_to_int
        || columns.iter().any(|c| {
            small(&c.type_name)
                && !(c.primary_key || c.references.is_some() || c.name == "id" || c.name.ends_with("_id"))
        })
}

fn squawk() -> PathBuf {
    if let Ok(p) = std::env::var("PLINTH_SQUAWK") {
        return PathBuf::from(p);
    }
    let local = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/squawk/bin/squawk");
    Some(local)
        .filter(|p| p.is_file())
        .unwrap_or_else(|| panic!("squawk not found: run `source scripts/test-deps/squawk.sh` (sets PLINTH_SQUAWK)"))
}

struct SquawkFinding {
    file: usize,
    /// 0-based line of the statement.
    line: usize,
    rule: String,
}

fn run_squawk(names: &[String]) -> Vec<SquawkFinding> {
    let dir = corpus::corpus().join("migrations/crates-io");
    let paths: Vec<String> = names.iter().map(|n| format!("{n}/up.sql")).collect();
    let out = Command::new(squawk())
        .current_dir(&dir)
        .args(["--reporter", "json", "--assume-in-transaction", "--pg-version", "16.0"])
        .args(&paths)
        .output()
        .expect("squawk runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("squawk json: {e}\n{}", String::from_utf8_lossy(&out.stderr)));
    let index: BTreeMap<&str, usize> = paths.iter().enumerate().map(|(i, p)| (p.as_str(), i)).collect();
    json.as_array()
        .expect("a list of findings")
        .iter()
        .map(|v| SquawkFinding {
            file: index[v["file"].as_str().expect("file")],
            line: v["line"].as_u64().expect("line") as usize,
            rule: v["rule_name"].as_str().expect("rule").to_string(),
        })
        .collect()
}

/// The statement of a file covering a 0-based line (or the next one).
fn statement_at(sql: &str, file: &MigrationFile, line: usize) -> Option<usize> {
    let line_of = |at: usize| sql[..at].matches('\n').count();
    file.statements
        .iter()
        .position(|s| line_of(s.span.start) <= line && line <= line_of(s.span.end))
        .or_else(|| file.statements.iter().position(|s| line_of(s.span.start) >= line))
}

#[test]
fn every_squawk_finding_has_a_plinth_counterpart_or_a_documented_difference() {
    let files = corpus::crates_io();
    let names: Vec<String> = files.iter().map(|m| m.name.clone()).collect();
    // Diesel's metadata.toml says which files run outside a transaction.
    let parsed: Vec<MigrationFile> = files
        .iter()
        .map(|m| {
            let mut f = plinth_postgres::lint_ops::migration_file(&m.sql);
            f.no_transaction |= m.no_transaction;
            f
        })
        .collect();
    let settings = Settings::new(Target {
        dialect: DialectKind::Postgres,
        version: 16,
    });
    let findings = migration::lint(&parsed, &[], &settings);
    // The state before every statement, replayed the way the engine does.
    let mut states: Vec<Vec<(Op, State)>> = Vec::new();
    let mut state = State::default();
    for f in &parsed {
        state.start_file(settings.assume_in_transaction && !f.no_transaction);
        let mut v = Vec::new();
        for s in &f.statements {
            v.push((s.op.clone(), state.clone()));
            state.apply(&s.op, settings.assume_in_transaction && !f.no_transaction);
        }
        states.push(v);
    }
    // plinth findings by (file, statement).
    let mut at: BTreeMap<(usize, usize), BTreeSet<&str>> = BTreeMap::new();
    let mut in_file: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for f in &findings {
        let file = f.file.expect("file index");
        let span = f.span.expect("span");
        let stmt = parsed[file]
            .statements
            .iter()
            .position(|s| s.span == span)
            .expect("a statement's span");
        at.entry((file, stmt)).or_default().insert(f.rule);
        in_file.entry(file).or_default().insert(f.rule);
    }

    let squawk = run_squawk(&names);
    assert!(squawk.len() > 500, "squawk found only {} problems", squawk.len());
    // rule → (total, covered, judged differently)
    let mut table: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut unexplained = Vec::new();
    let mut matched: BTreeSet<(usize, usize, &str)> = BTreeSet::new();
    for s in &squawk {
        let row = table.entry(s.rule.clone()).or_default();
        row.0 += 1;
        let Some((_, scope, plinth)) = MAPPING.iter().find(|(r, _, _)| *r == s.rule) else {
            unexplained.push(format!(
                "{} (unmapped squawk rule) at {}:{}",
                s.rule,
                names[s.file],
                s.line + 1
            ));
            continue;
        };
        let sql = &files[s.file].sql;
        let stmt = statement_at(sql, &parsed[s.file], s.line);
        let hit = |r: &&&str| match (scope, stmt) {
            (Scope::Statement, Some(i)) => at.get(&(s.file, i)).is_some_and(|set| set.contains(*r)),
            (Scope::File, _) => in_file.get(&s.file).is_some_and(|set| set.contains(*r)),
            _ => false,
        };
        if let Some(r) = plinth.iter().find(hit) {
            row.1 += 1;
            if let Some(i) = stmt {
                matched.insert((s.file, i, r));
            }
            continue;
        }
        let seen = stmt.map(|i| Seen {
            op: &states[s.file][i].0,
            state: &states[s.file][i].1,
            file: &states[s.file],
        });
        let documented = DIFFERENCES
            .iter()
            .any(|d| d.squawk == s.rule && seen.as_ref().is_some_and(|seen| (d.applies)(seen)));
        if documented {
            row.2 += 1;
        } else {
            unexplained.push(format!(
                "{} at {}:{}: {}",
                s.rule,
                names[s.file],
                s.line + 1,
                stmt.map_or("?", |i| parsed[s.file].statements[i].sql.lines().next().unwrap_or(""))
            ));
        }
    }

    // Findings plinth adds: no squawk finding mapped to that rule at that statement.
    let squawk_rules_for = |plinth_rule: &str| -> Vec<&str> {
        MAPPING
            .iter()
            .filter(|(_, _, p)| p.contains(&plinth_rule))
            .map(|(s, _, _)| *s)
            .collect()
    };
    let mut added: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &findings {
        let file = f.file.unwrap_or(0);
        let stmt = parsed[file]
            .statements
            .iter()
            .position(|s| Some(s.span) == f.span)
            .unwrap_or(0);
        let counterpart = squawk_rules_for(f.rule).iter().any(|r| {
            let scope = MAPPING.iter().find(|(m, _, _)| m == r).map(|m| m.1);
            squawk.iter().any(|s| {
                s.rule == *r
                    && s.file == file
                    && (scope == Some(Scope::File)
                        || statement_at(&files[file].sql, &parsed[file], s.line) == Some(stmt))
            })
        });
        if !counterpart {
            added.entry(f.rule).or_default().push(f);
        }
    }

    let mut report = String::from("squawk rule | squawk findings | plinth counterpart | documented difference\n");
    let (mut total, mut covered, mut differs) = (0, 0, 0);
    for (rule, (n, c, d)) in &table {
        report.push_str(&format!("{rule} | {n} | {c} | {d}\n"));
        total += n;
        covered += c;
        differs += d;
    }
    report.push_str(&format!(
        "TOTAL | {total} | {covered} | {differs}\n\ndocumented differences\n"
    ));
    for d in DIFFERENCES {
        report.push_str(&format!("{}: {}\n", d.squawk, d.reason));
    }
    report.push_str("\nplinth adds (rule | findings | first one)\n");
    for (rule, list) in &added {
        let f = list[0];
        let file = f.file.unwrap_or(0);
        report.push_str(&format!("{rule} | {} | {}: {}\n", list.len(), names[file], f.message));
    }
    println!("{report}");
    for (rule, list) in &added {
        for f in list {
            let file = f.file.unwrap_or(0);
            let span = f.span.expect("span");
            let first = files[file].sql[span.start..span.end].lines().next().unwrap_or("");
            println!("added {rule}: {} | {first}", names[file]);
        }
    }
    assert!(
        unexplained.is_empty(),
        "squawk findings without a plinth counterpart:\n{}",
        unexplained.join("\n")
    );
    insta::assert_snapshot!("parity", report);
}
