//! Writing a plan as files: plinth's migration directory
//! (docs/migration-format.md) or another tool's layout.
//!
//! Other tools run a file either in one transaction or statement by
//! statement without one, and cannot repeat a batch. So for them the plan
//! is cut into groups: consecutive transactional steps share a file; each
//! non-transactional step and each batched step gets its own (a batch
//! becomes a `DO` loop that commits after every batch, which PostgreSQL
//! allows outside a transaction block).

use crate::{Pair, Plan, Step};

/// Output layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `<version>_<name>/up.sql` + `down.sql` with step headers.
    Sql,
    /// `<version>_<name>.up.sql` / `.down.sql`.
    GolangMigrate,
    /// `<version>_<name>.sql` with `-- migrate:up` / `-- migrate:down`.
    Dbmate,
    /// `V<version>.<n>__<name>.sql` (no down; `.sql.conf` for no-transaction files).
    Flyway,
    /// One Alembic revision `.py` with `op.execute` per statement.
    Alembic,
}

/// A file to write, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

/// The files of `plan` in `format`. `version` is 14 digits (the caller's
/// clock); `name` is snake_case.
pub fn render(plan: &Plan, format: Format, version: &str, name: &str) -> Vec<OutputFile> {
    match format {
        Format::Sql => sql_dir(plan, version, name),
        Format::GolangMigrate => grouped(plan, version, name, golang),
        Format::Dbmate => grouped(plan, version, name, dbmate),
        Format::Flyway => grouped(plan, version, name, flyway),
        Format::Alembic => vec![alembic(plan, version, name)],
    }
}

fn header(plan: &Plan, what: &str) -> String {
    let mut h = format!(
        "-- plinth plan ({what}) for PostgreSQL {}: {} step(s).\n-- Phases: expand → backfill → contract. Generated; review before running.\n",
        plan.version,
        if what == "down" { plan.down.len() } else { plan.up.len() }
    );
    for n in &plan.notes {
        h.push_str(&format!("-- note: {n}\n"));
    }
    h
}

fn step_text(n: usize, s: &Step) -> String {
    let mut t = format!("-- plinth:step {n} {}\n", s.header_fields());
    for c in &s.comments {
        t.push_str(&format!("-- {c}\n"));
    }
    if s.batched {
        t.push_str("-- (one statement, repeated until it reports 0 rows)\n");
    }
    for st in &s.statements {
        t.push_str(st);
        t.push('\n');
    }
    t
}

fn steps_file(plan: &Plan, steps: &[Step], what: &str) -> String {
    let mut out = header(plan, what);
    for (i, s) in steps.iter().enumerate() {
        out.push('\n');
        out.push_str(&step_text(i + 1, s));
    }
    out
}

fn sql_dir(plan: &Plan, version: &str, name: &str) -> Vec<OutputFile> {
    let dir = format!("{version}_{name}");
    vec![
        OutputFile {
            path: format!("{dir}/up.sql"),
            contents: steps_file(plan, &plan.up, "up"),
        },
        OutputFile {
            path: format!("{dir}/down.sql"),
            contents: steps_file(plan, &plan.down, "down"),
        },
    ]
}

/// Consecutive pairs that can share one file.
struct Group<'p> {
    pairs: Vec<&'p Pair>,
    /// Runs outside a transaction (a non-transactional or batched step).
    alone: bool,
    /// The down steps need no transaction either.
    down_alone: bool,
}

fn groups(plan: &Plan) -> Vec<Group<'_>> {
    let mut out: Vec<Group> = Vec::new();
    for p in &plan.pairs {
        let alone = !p.up.transactional || p.up.batched;
        let down_alone = p.down.iter().any(|d| !d.transactional || d.batched);
        match out.last_mut() {
            Some(g) if !alone && !g.alone && !down_alone && !g.down_alone => g.pairs.push(p),
            _ => out.push(Group {
                pairs: vec![p],
                alone,
                down_alone,
            }),
        }
    }
    out
}

/// A step's statements as plain SQL for a tool: a batch becomes a DO loop.
fn plain(s: &Step) -> String {
    let mut t = format!("-- {}\n", s.header_fields());
    for c in &s.comments {
        t.push_str(&format!("-- {c}\n"));
    }
    if s.batched {
        let stmt = s.statements.join("\n");
        t.push_str(&format!(
            "DO $plinth_batch$\nDECLARE n bigint;\nBEGIN\n  LOOP\n    {stmt}\n    GET DIAGNOSTICS n = ROW_COUNT;\n    EXIT WHEN n = 0;\n    COMMIT;\n  END LOOP;\nEND\n$plinth_batch$;\n"
        ));
    } else {
        // Outside a transaction a tool sends the file as one query string,
        // which PostgreSQL runs as one implicit transaction: the step keeps
        // only its statement (no session settings before CONCURRENTLY).
        for st in s
            .statements
            .iter()
            .filter(|st| s.transactional || !st.starts_with("SET "))
        {
            t.push_str(st);
            t.push('\n');
        }
    }
    t
}

/// (up SQL, down SQL) of a group.
fn group_sql(g: &Group) -> (String, String) {
    let up: Vec<String> = g.pairs.iter().map(|p| plain(&p.up)).collect();
    let down: Vec<String> = g.pairs.iter().rev().flat_map(|p| p.down.iter().map(plain)).collect();
    (up.join("\n"), down.join("\n"))
}

/// The version of the n-th file: the given 14 digits, then the file index.
fn file_version(version: &str, n: usize, total: usize) -> String {
    if total == 1 {
        version.to_string()
    } else {
        format!("{version}{n:03}")
    }
}

fn group_name(name: &str, g: &Group, n: usize, total: usize) -> String {
    if total == 1 {
        name.to_string()
    } else {
        let first = &g.pairs[0].up.name;
        let short: String = first.chars().take(40).collect();
        format!("{name}_{n:03}_{short}")
    }
}

fn grouped(
    plan: &Plan,
    version: &str,
    name: &str,
    write: fn(&Plan, &Group, &str, &str) -> Vec<OutputFile>,
) -> Vec<OutputFile> {
    let gs = groups(plan);
    let total = gs.len();
    gs.iter()
        .enumerate()
        .flat_map(|(i, g)| {
            let v = file_version(version, i + 1, total);
            let n = group_name(name, g, i + 1, total);
            write(plan, g, &v, &n)
        })
        .collect()
}

fn tx_wrap(sql: &str, alone: bool) -> String {
    if alone {
        sql.to_string()
    } else {
        format!("BEGIN;\n\n{sql}\nCOMMIT;\n")
    }
}

fn golang(plan: &Plan, g: &Group, v: &str, n: &str) -> Vec<OutputFile> {
    let (up, down) = group_sql(g);
    vec![
        OutputFile {
            path: format!("{v}_{n}.up.sql"),
            contents: format!("{}\n{}", header(plan, "up"), tx_wrap(&up, g.alone)),
        },
        OutputFile {
            path: format!("{v}_{n}.down.sql"),
            contents: format!("{}\n{}", header(plan, "down"), tx_wrap(&down, g.down_alone)),
        },
    ]
}

fn dbmate(plan: &Plan, g: &Group, v: &str, n: &str) -> Vec<OutputFile> {
    let (up, down) = group_sql(g);
    let opt = |alone: bool| if alone { " transaction:false" } else { "" };
    vec![OutputFile {
        path: format!("{v}_{n}.sql"),
        contents: format!(
            "{}\n-- migrate:up{}\n{up}\n-- migrate:down{}\n{down}",
            header(plan, "up"),
            opt(g.alone),
            opt(g.down_alone)
        ),
    }]
}

fn flyway(plan: &Plan, g: &Group, v: &str, n: &str) -> Vec<OutputFile> {
    let (up, _) = group_sql(g);
    let version = if v.len() > 14 {
        format!("{}.{}", &v[..14], &v[14..])
    } else {
        v.to_string()
    };
    let path = format!("V{version}__{n}.sql");
    let mut files = vec![OutputFile {
        path: path.clone(),
        contents: format!("{}-- Flyway has no down migrations.\n\n{up}", header(plan, "up")),
    }];
    if g.alone {
        files.push(OutputFile {
            path: format!("{path}.conf"),
            contents: "executeInTransaction=false\n".into(),
        });
    }
    files
}

fn py_str(s: &str) -> String {
    format!(
        "\"\"\"{}\"\"\"",
        s.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"")
    )
}

fn alembic_steps(steps: &[Step], indent: &str) -> String {
    let mut out = String::new();
    for s in steps {
        out.push_str(&format!("{indent}# {}\n", s.header_fields()));
        for c in &s.comments {
            out.push_str(&format!("{indent}# {c}\n"));
        }
        let (inner, block) = if !s.transactional || s.batched {
            out.push_str(&format!("{indent}with op.get_context().autocommit_block():\n"));
            (format!("{indent}    "), true)
        } else {
            (indent.to_string(), false)
        };
        if s.batched {
            let stmt = s.statements.join("\n");
            out.push_str(&format!(
                "{inner}while op.get_bind().execute(sa.text({})).rowcount > 0:\n{inner}    pass\n",
                py_str(&stmt)
            ));
        } else {
            for st in &s.statements {
                out.push_str(&format!("{inner}op.execute({})\n", py_str(st)));
            }
            if s.statements.is_empty() {
                out.push_str(&format!("{inner}pass\n"));
            }
        }
        let _ = block;
    }
    if steps.is_empty() {
        out.push_str(&format!("{indent}pass\n"));
    }
    out
}

fn alembic(plan: &Plan, version: &str, name: &str) -> OutputFile {
    let notes: String = plan.notes.iter().map(|n| format!("# note: {n}\n")).collect();
    let contents = format!(
        "\"\"\"{name}\n\nGenerated by plinth plan for PostgreSQL {}: expand → backfill → contract.\n\nRevision ID: {version}\n\"\"\"\n{notes}from alembic import op\nimport sqlalchemy as sa\n\nrevision = \"{version}\"\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n{}\n\ndef downgrade():\n{}",
        plan.version,
        alembic_steps(&plan.up, "    "),
        alembic_steps(&plan.down, "    ")
    );
    OutputFile {
        path: format!("{version}_{name}.py"),
        contents,
    }
}
