//! Behavioural probes: does the database *do* what the conventions promise?
//! Introspection can show that a trigger exists; only a probe shows that
//! `updated_at` actually moves, that a soft-deleted row frees its unique
//! value, that tenant B's rows are invisible under tenant A.
//!
//! Each probe runs on its own connection (and, where it can, in a
//! transaction that is rolled back), so one failure cannot poison another.
//! A probe never passes vacuously: if it cannot seed its rows, that is a
//! failure carrying the server's error.
//!
//! The contracts probed (what the DDL emitter must guarantee) are documented
//! on each constant below.

mod tenant;

use std::fmt;

use plinth_model::{Index, Predicate, RoutineKind, Schema, Table};
use postgres::{Client, Transaction};

use crate::database::Database;
use crate::error::describe_error;
use crate::sql::{ident, literal};
use crate::synth::{RowFactory, Value};

/// Tables with `traits.timestamps` have `updated_at timestamptz NOT NULL
/// DEFAULT now()` and a BEFORE UPDATE trigger setting it to `now()`.
/// Skipped for append-only tables (they reject updates by design).
pub const UPDATED_AT: &str = "updated_at";
/// Unique indexes with predicate `IsNull(deleted_at)` on soft-delete tables
/// reject a live duplicate (23505, reported against that index) and accept
/// it once the first row's `deleted_at` is set.
pub const SOFT_DELETE_UNIQUE: &str = "soft_delete_unique";
/// Tenant tables (and the tenant root) have RLS enabled *and* forced, with a
/// policy matching the tenant column (the root: its key) to
/// `nullif(current_setting('app.tenant_id', true), '')::<type>`.
pub const TENANT_ISOLATION: &str = "tenant_isolation";
/// Audited tables write `insert`/`update`/`delete` rows to the audit table
/// of the schema's `AuditRow` routine, with `before`/`after` jsonb.
pub const AUDIT: &str = "audit";
/// Versioned tables have `version integer NOT NULL DEFAULT 1`, incremented
/// by a BEFORE UPDATE trigger.
pub const OPTIMISTIC_LOCK: &str = "optimistic_lock";
/// Append-only tables reject UPDATE and DELETE with an error.
pub const APPEND_ONLY: &str = "append_only";

/// The application role the tenant probe acts as: NOLOGIN, not a superuser,
/// no BYPASSRLS, not the owner of anything.
pub const APP_ROLE: &str = "plinth_app";
/// The session setting tenant policies read.
pub const TENANT_SETTING: &str = "app.tenant_id";

/// How many audited tables the audit probe samples.
const AUDIT_SAMPLE: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeResult {
    /// One of the probe constants, e.g. [`TENANT_ISOLATION`].
    pub probe: &'static str,
    pub table: String,
    pub passed: bool,
    /// What was observed: the evidence on success, the reason on failure.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProbeReport {
    pub results: Vec<ProbeResult>,
}

impl ProbeReport {
    /// True when no probe failed. A schema without any probed convention
    /// yields an empty report, which passes: check [`ProbeReport::results`]
    /// when a convention is expected.
    pub fn passed(&self) -> bool {
        self.results.iter().all(|r| r.passed)
    }

    pub fn failures(&self) -> Vec<&ProbeResult> {
        self.results.iter().filter(|r| !r.passed).collect()
    }

    /// Results of one probe (e.g. [`UPDATED_AT`]).
    pub fn of(&self, probe: &str) -> Vec<&ProbeResult> {
        self.results.iter().filter(|r| r.probe == probe).collect()
    }

    /// The result of `probe` on `table`, if it ran.
    pub fn get(&self, probe: &str, table: &str) -> Option<&ProbeResult> {
        self.results.iter().find(|r| r.probe == probe && r.table == table)
    }
}

impl fmt::Display for ProbeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let failed = self.failures().len();
        writeln!(
            f,
            "{} probes, {} passed, {} failed",
            self.results.len(),
            self.results.len() - failed,
            failed
        )?;
        for r in &self.results {
            writeln!(
                f,
                "  {} {:<18} {}: {}",
                if r.passed { "PASS" } else { "FAIL" },
                r.probe,
                r.table,
                r.detail
            )?;
        }
        Ok(())
    }
}

/// Runs every probe that applies to `schema` against `db`, where the
/// schema's DDL has already been applied.
pub fn run_probes(db: &Database, schema: &Schema) -> ProbeReport {
    let factory = RowFactory::new(schema);
    let mut results = Vec::new();

    for t in schema
        .tables
        .iter()
        .filter(|t| t.traits.timestamps && !t.traits.append_only)
    {
        results.push(run_one(db, UPDATED_AT, &t.name, |c| probe_updated_at(c, &factory, t)));
    }
    for t in schema.tables.iter().filter(|t| t.traits.soft_delete) {
        for ix in t.indexes.iter().filter(|ix| ix.unique) {
            if let Some(Predicate::IsNull(col)) = &ix.predicate {
                results.push(run_one(db, SOFT_DELETE_UNIQUE, &t.name, |c| {
                    probe_soft_delete(c, &factory, t, ix, col).map_err(|e| format!("index {}: {e}", ix.name))
                }));
            }
        }
    }
    tenant::run(db, schema, &factory, &mut results);
    run_audit(db, schema, &factory, &mut results);
    for t in schema.tables.iter().filter(|t| t.traits.versioned) {
        results.push(run_one(db, OPTIMISTIC_LOCK, &t.name, |c| probe_version(c, &factory, t)));
    }
    for t in schema.tables.iter().filter(|t| t.traits.append_only) {
        results.push(run_one(db, APPEND_ONLY, &t.name, |c| probe_append_only(c, &factory, t)));
    }
    ProbeReport { results }
}

/// One probe on a fresh connection; `Ok` is the evidence, `Err` the reason.
fn run_one(
    db: &Database,
    probe: &'static str,
    table: &str,
    body: impl FnOnce(&mut Client) -> Result<String, String>,
) -> ProbeResult {
    let outcome = match db.client() {
        Ok(mut client) => body(&mut client),
        Err(e) => Err(format!("cannot connect: {e}")),
    };
    let passed = outcome.is_ok();
    ProbeResult {
        probe,
        table: table.to_string(),
        passed,
        detail: outcome.unwrap_or_else(|e| e),
    }
}

fn pg(context: &str) -> impl Fn(postgres::Error) -> String + '_ {
    move |e| format!("{context}: {}", describe_error(&e))
}

fn seed_err(e: crate::synth::SynthError) -> String {
    format!("could not seed a row: {e}")
}

/// Runs `sql` inside a savepoint, rolling back on error so the transaction
/// stays usable; returns the affected row count.
fn in_savepoint(tx: &mut Transaction<'_>, sql: &str) -> Result<u64, postgres::Error> {
    let mut sp = tx.transaction()?;
    match sp.execute(sql, &[]) {
        Ok(n) => {
            sp.commit()?;
            Ok(n)
        }
        Err(e) => Err(e),
    }
}

fn code(e: &postgres::Error) -> &str {
    e.code().map_or("", |c| c.code())
}

fn probe_updated_at(client: &mut Client, f: &RowFactory, t: &Table) -> Result<String, String> {
    if !t.has_column("updated_at") {
        return Err("traits.timestamps is set but the model has no updated_at column".into());
    }
    // Committed in its own transaction: now() is the transaction start time,
    // so an UPDATE in the same transaction could not move it.
    let row = f.insert(client, &t.name, None, &[]).map_err(seed_err)?;
    let before = row
        .get("updated_at")
        .ok_or("updated_at is NULL after INSERT (expected DEFAULT now())")?
        .to_string();
    client.batch_execute("SELECT pg_sleep(0.02)").map_err(pg("pg_sleep"))?;
    let (col, expr, _) = f.mutation(t);
    let sql = format!(
        "UPDATE {} SET {} = {expr} WHERE {} RETURNING updated_at::text, updated_at > {}::timestamptz",
        ident(&t.name),
        ident(&col),
        row.key_predicate(),
        literal(&before)
    );
    let rows = client.query(&sql, &[]).map_err(pg("UPDATE failed"))?;
    let r = rows.first().ok_or("the UPDATE matched no row")?;
    let after: Option<String> = r.get(0);
    let after = after.unwrap_or_else(|| "NULL".into());
    if r.get::<_, Option<bool>>(1) == Some(true) {
        Ok(format!(
            "updated_at moved from {before} to {after} on a later UPDATE of {col}"
        ))
    } else {
        Err(format!(
            "updated_at stayed {after} (inserted {before}) after a later UPDATE of {col}: \
             is the BEFORE UPDATE trigger setting updated_at = now() missing?"
        ))
    }
}

fn probe_soft_delete(
    client: &mut Client,
    f: &RowFactory,
    t: &Table,
    ix: &Index,
    deleted_col: &str,
) -> Result<String, String> {
    let mut tx = client.transaction().map_err(pg("BEGIN"))?;
    let tenant_col = t.tenant_column.as_deref();
    let index_cols: Vec<&str> = ix.elements.iter().filter_map(|e| e.column_name()).collect();
    // Fill nullable indexed columns: NULLs never collide.
    let fill: Vec<(&str, Value)> = index_cols
        .iter()
        .filter(|c| Some(**c) != tenant_col && t.column(c).is_some_and(|col| col.nullable))
        .map(|c| (*c, Value::Generate))
        .collect();
    let first = f.insert(&mut tx, &t.name, None, &fill).map_err(seed_err)?;

    // The duplicate copies the indexed columns (all user fields when the
    // index has expressions) and the tenant.
    let mut copy: Vec<&str> = index_cols.clone();
    if ix.elements.iter().any(|e| e.column_name().is_none()) {
        copy.extend(
            t.columns
                .iter()
                .filter(|c| c.role == plinth_model::ColumnRole::Field)
                .map(|c| c.name.as_str()),
        );
    }
    copy.extend(tenant_col);
    copy.sort_unstable();
    copy.dedup();
    let dup: Vec<(&str, Value)> = copy.iter().map(|c| (*c, first.value(c))).collect();
    let tenant = tenant_col.map(|c| first.value(c));
    let sql = f
        .insert_sql(&mut tx, &t.name, tenant.as_ref(), &dup)
        .map_err(seed_err)?;
    let cols = index_cols.join(", ");

    match in_savepoint(&mut tx, &sql) {
        Ok(_) => {
            return Err(format!(
                "a second live row with the same ({cols}) was accepted: the index does not enforce uniqueness"
            ))
        }
        Err(e) if code(&e) == "23505" => {
            let by = e
                .as_db_error()
                .and_then(|d| d.constraint())
                .unwrap_or_default()
                .to_string();
            if by != ix.name {
                return Err(format!("the live duplicate was rejected by {by:?}, not by this index"));
            }
        }
        Err(e) => {
            return Err(format!(
                "inserting the duplicate failed for another reason: {}",
                describe_error(&e)
            ))
        }
    }
    let n = tx
        .execute(
            &format!(
                "UPDATE {} SET {} = now() WHERE {}",
                ident(&t.name),
                ident(deleted_col),
                first.key_predicate()
            ),
            &[],
        )
        .map_err(pg("soft delete (UPDATE ... SET deleted_at = now()) failed"))?;
    if n != 1 {
        return Err(format!("soft delete matched {n} rows, expected 1"));
    }
    match in_savepoint(&mut tx, &sql) {
        Ok(_) => Ok(format!(
            "live duplicate of ({cols}) rejected (23505); accepted once the first row had {deleted_col} set"
        )),
        Err(e) if code(&e) == "23505" => Err(format!(
            "after soft-deleting the first row the same ({cols}) is still rejected ({}): \
             the unique index must be partial WHERE {deleted_col} IS NULL",
            describe_error(&e)
        )),
        Err(e) => Err(format!(
            "re-inserting after the soft delete failed: {}",
            describe_error(&e)
        )),
    }
}

fn run_audit(db: &Database, schema: &Schema, f: &RowFactory, results: &mut Vec<ProbeResult>) {
    let audit_table = schema.routines.iter().find_map(|r| match &r.kind {
        RoutineKind::AuditRow { audit_table, .. } => Some(audit_table.as_str()),
        _ => None,
    });
    let all: Vec<&Table> = schema
        .tables
        .iter()
        .filter(|t| t.traits.audited && Some(t.name.as_str()) != audit_table)
        .collect();
    // Spread the sample over the schema (first, middle, last) rather than
    // its head, which is usually the global tables created first.
    let mut picks: Vec<usize> = if all.len() <= AUDIT_SAMPLE {
        (0..all.len()).collect()
    } else {
        (0..AUDIT_SAMPLE)
            .map(|i| i * (all.len() - 1) / (AUDIT_SAMPLE - 1))
            .collect()
    };
    picks.dedup();
    let audited: Vec<&Table> = picks.into_iter().map(|i| all[i]).collect();
    for t in audited {
        results.push(run_one(db, AUDIT, &t.name, |c| match audit_table {
            Some(a) => probe_audit(c, f, t, a),
            None => Err("the table is audited but the schema has no AuditRow routine".into()),
        }));
    }
}

fn probe_audit(client: &mut Client, f: &RowFactory, t: &Table, audit_table: &str) -> Result<String, String> {
    let mut tx = client.transaction().map_err(pg("BEGIN"))?;
    let row = f.insert(&mut tx, &t.name, None, &[]).map_err(seed_err)?;
    let mut notes = Vec::new();
    let mut expect_update = !t.traits.append_only;
    let mut expect_delete = !t.traits.append_only;
    let mut update_changes = true;
    if expect_update {
        let (col, expr, changes) = f.mutation(t);
        update_changes = changes;
        let sql = format!(
            "UPDATE {} SET {} = {expr} WHERE {}",
            ident(&t.name),
            ident(&col),
            row.key_predicate()
        );
        match tx.execute(&sql, &[]).map_err(pg("UPDATE failed"))? {
            1 => {}
            n => return Err(format!("the UPDATE matched {n} rows, expected 1")),
        }
        if !changes {
            notes.push("no data column to change, so the update re-assigned the key".to_string());
        }
    }
    if expect_delete {
        let sql = format!("DELETE FROM {} WHERE {}", ident(&t.name), row.key_predicate());
        match in_savepoint(&mut tx, &sql) {
            Ok(1) => {}
            Ok(n) => return Err(format!("the DELETE matched {n} rows, expected 1")),
            Err(e) if code(&e) == "23503" => {
                expect_delete = false;
                notes.push(format!("delete not checked: {}", describe_error(&e)));
            }
            Err(e) => return Err(format!("DELETE failed: {}", describe_error(&e))),
        }
    }
    if t.traits.append_only {
        expect_update = false;
    }
    let conds: Vec<String> = row
        .key_values()
        .into_iter()
        .map(|(c, v)| match v {
            Some(v) => format!("coalesce(\"after\", \"before\") ->> {} = {}", literal(c), literal(v)),
            None => format!("coalesce(\"after\", \"before\") ->> {} IS NULL", literal(c)),
        })
        .collect();
    let sql = format!(
        "SELECT action::text, \"before\" IS NOT NULL, \"after\" IS NOT NULL, \"before\" IS DISTINCT FROM \"after\" \
         FROM {} WHERE table_name::text IN ({}, {}) AND {} ORDER BY \"at\"",
        ident(audit_table),
        literal(&t.name),
        literal(&format!("public.{}", t.name)),
        conds.join(" AND ")
    );
    let rows = tx
        .query(&sql, &[])
        .map_err(pg(&format!("reading {audit_table} failed")))?;
    let seen: Vec<(String, bool, bool, bool)> = rows.iter().map(|r| (r.get(0), r.get(1), r.get(2), r.get(3))).collect();
    let has = |action: &str, ok: &dyn Fn(bool, bool, bool) -> bool| {
        seen.iter()
            .any(|(a, before, after, differ)| a == action && ok(*before, *after, *differ))
    };
    let mut missing = Vec::new();
    if !has("insert", &|before, after, _| !before && after) {
        missing.push("an 'insert' with after set and before NULL");
    }
    if expect_update
        && !has("update", &|before, after, differ| {
            before && after && (differ || !update_changes)
        })
    {
        missing.push("an 'update' with before and after set and different");
    }
    if expect_delete && !has("delete", &|before, _, _| before) {
        missing.push("a 'delete' with before set");
    }
    let actions: Vec<&str> = seen.iter().map(|s| s.0.as_str()).collect();
    let mut detail = format!("{audit_table} rows for this row: [{}]", actions.join(", "));
    if !notes.is_empty() {
        detail.push_str(&format!(" ({})", notes.join("; ")));
    }
    if missing.is_empty() {
        Ok(detail)
    } else {
        Err(format!("missing {}; {detail}", missing.join(", ")))
    }
}

fn probe_version(client: &mut Client, f: &RowFactory, t: &Table) -> Result<String, String> {
    if !t.has_column("version") {
        return Err("traits.versioned is set but the model has no version column".into());
    }
    let mut tx = client.transaction().map_err(pg("BEGIN"))?;
    let row = f.insert(&mut tx, &t.name, None, &[]).map_err(seed_err)?;
    if row.get("version") != Some("1") {
        return Err(format!(
            "a new row has version {:?}, expected 1 (DEFAULT 1)",
            row.get("version")
        ));
    }
    let (col, expr, _) = f.mutation(t);
    let sql = format!(
        "UPDATE {} SET {} = {expr} WHERE {} AND \"version\" = 1",
        ident(&t.name),
        ident(&col),
        row.key_predicate()
    );
    let first = tx
        .execute(&sql, &[])
        .map_err(pg("UPDATE ... WHERE version = 1 failed"))?;
    if first != 1 {
        return Err(format!("UPDATE ... WHERE version = 1 matched {first} rows, expected 1"));
    }
    let second = tx.execute(&sql, &[]).map_err(pg("repeated UPDATE failed"))?;
    let version: Option<String> = tx
        .query_one(
            &format!(
                "SELECT \"version\"::text FROM {} WHERE {}",
                ident(&t.name),
                row.key_predicate()
            ),
            &[],
        )
        .map_err(pg("reading version"))?
        .get(0);
    if second != 0 {
        return Err(format!(
            "a stale UPDATE ... WHERE version = 1 still matched {second} row(s) (version is now {version:?}): \
             is the BEFORE UPDATE trigger incrementing version missing?"
        ));
    }
    if version.as_deref() != Some("2") {
        return Err(format!("version is {version:?} after one update, expected 2"));
    }
    Ok("first UPDATE ... WHERE version = 1 matched 1 row, the stale repeat matched 0; version is 2".into())
}

fn probe_append_only(client: &mut Client, f: &RowFactory, t: &Table) -> Result<String, String> {
    let mut tx = client.transaction().map_err(pg("BEGIN"))?;
    let row = f.insert(&mut tx, &t.name, None, &[]).map_err(seed_err)?;
    let (col, expr, _) = f.mutation(t);
    let mut evidence = Vec::new();
    for (op, sql) in [
        (
            "UPDATE",
            format!(
                "UPDATE {} SET {} = {expr} WHERE {}",
                ident(&t.name),
                ident(&col),
                row.key_predicate()
            ),
        ),
        (
            "DELETE",
            format!("DELETE FROM {} WHERE {}", ident(&t.name), row.key_predicate()),
        ),
    ] {
        match in_savepoint(&mut tx, &sql) {
            Ok(n) => return Err(format!("{op} succeeded ({n} row(s)): the table must reject {op}")),
            // Syntax, privilege and data errors prove nothing about the table.
            Err(e) if code(&e).starts_with("42") || code(&e).starts_with("22") || code(&e).is_empty() => {
                return Err(format!("{op} failed for an unrelated reason: {}", describe_error(&e)))
            }
            Err(e) => evidence.push(format!("{op} rejected ({})", describe_error(&e))),
        }
    }
    let still: i64 = tx
        .query_one(
            &format!("SELECT count(*) FROM {} WHERE {}", ident(&t.name), row.key_predicate()),
            &[],
        )
        .map_err(pg("re-reading the row"))?
        .get(0);
    if still != 1 {
        return Err(format!("the row is gone after the rejected statements ({still} left)"));
    }
    Ok(evidence.join("; "))
}
