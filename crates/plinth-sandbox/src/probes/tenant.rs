//! The tenant-isolation probe: acting as a non-owner, non-superuser
//! application role under tenant A, nothing of tenant B may be seen,
//! written, changed or deleted, and tenant A's own rows must stay usable
//! (otherwise a policy of `false` would pass).
//!
//! Everything runs in one transaction that is rolled back, including the
//! role: `CREATE ROLE` and `GRANT` are transactional, so nothing is left on
//! the server and concurrent probes on other databases of the same cluster
//! simply wait for each other on the role name. Each table is checked in its
//! own savepoint, and every statement expected to fail in a nested one.

use plinth_model::{Schema, Table};
use postgres::Transaction;

use super::{code, in_savepoint, pg, seed_err, ProbeResult, APP_ROLE, TENANT_ISOLATION, TENANT_SETTING};
use crate::database::Database;
use crate::error::describe_error;
use crate::sql::{ident, literal};
use crate::synth::{tenant_key_column, RowFactory, Value};

pub(super) fn run(db: &Database, schema: &Schema, f: &RowFactory, results: &mut Vec<ProbeResult>) {
    let tables: Vec<&Table> = schema
        .tables
        .iter()
        .filter(|t| t.tenant_column.is_some() || t.traits.tenant_root)
        .collect();
    if tables.is_empty() {
        return;
    }
    let mut outcome: Vec<(String, Result<String, String>)> = Vec::new();
    let setup = (|| -> Result<(), String> {
        let mut client = db.client().map_err(|e| format!("cannot connect: {e}"))?;
        let mut tx = client.transaction().map_err(pg("BEGIN"))?;
        setup_role(&mut tx)?;
        let a = f
            .tenant(&mut tx)
            .map_err(|e| format!("could not create tenant A: {e}"))?;
        let b = f
            .tenant(&mut tx)
            .map_err(|e| format!("could not create tenant B: {e}"))?;
        let (a, b) = match (a.as_text(), b.as_text()) {
            (Some(a), Some(b)) => (a.to_string(), b.to_string()),
            _ => return Err("the tenant root returned a NULL key".into()),
        };
        for t in &tables {
            outcome.push((t.name.clone(), check_table(&mut tx, f, t, &a, &b)));
        }
        Ok(())
    })();
    if let Err(e) = setup {
        let done: Vec<String> = outcome.iter().map(|(t, _)| t.clone()).collect();
        for t in tables.iter().filter(|t| !done.contains(&t.name)) {
            outcome.push((t.name.clone(), Err(e.clone())));
        }
    }
    for (table, r) in outcome {
        let passed = r.is_ok();
        results.push(ProbeResult {
            probe: TENANT_ISOLATION,
            table,
            passed,
            detail: r.unwrap_or_else(|e| e),
        });
    }
}

/// Creates (or vets) the application role and grants it what an
/// application gets: usage of the schema, all table and sequence
/// privileges, execute on functions. Ownership stays with the superuser.
fn setup_role(tx: &mut Transaction<'_>) -> Result<(), String> {
    let existing = tx
        .query_opt(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1",
            &[&APP_ROLE],
        )
        .map_err(pg("reading pg_roles"))?;
    match existing {
        Some(r) if r.get::<_, bool>(0) || r.get::<_, bool>(1) => {
            return Err(format!(
                "role {APP_ROLE} already exists with SUPERUSER or BYPASSRLS; RLS cannot be probed as it"
            ))
        }
        Some(_) => {}
        None => tx
            .batch_execute(&format!(
                "CREATE ROLE {} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT",
                ident(APP_ROLE)
            ))
            .map_err(pg("CREATE ROLE"))?,
    }
    let r = ident(APP_ROLE);
    tx.batch_execute(&format!(
        "GRANT USAGE ON SCHEMA public TO {r}; \
         GRANT ALL ON ALL TABLES IN SCHEMA public TO {r}; \
         GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {r}; \
         GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {r};"
    ))
    .map_err(pg("granting privileges to the application role"))
}

fn check_table(tx: &mut Transaction<'_>, f: &RowFactory, t: &Table, a: &str, b: &str) -> Result<String, String> {
    let root = t.traits.tenant_root;
    let col = if root {
        tenant_key_column(t)
    } else {
        t.tenant_column.as_deref()
    }
    .ok_or("the tenant root has no single-column primary key to compare with app.tenant_id")?;
    let mut sp = tx.transaction().map_err(pg("SAVEPOINT"))?;
    let flags = sp
        .query_opt(
            "SELECT c.relrowsecurity, c.relforcerowsecurity FROM pg_class c \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = current_schema() AND c.relname = $1",
            &[&t.name],
        )
        .map_err(pg("reading pg_class"))?
        .ok_or_else(|| format!("table {} does not exist", t.name))?;
    let (enabled, forced): (bool, bool) = (flags.get(0), flags.get(1));

    // Rows of both tenants, inserted as the superuser (who bypasses RLS).
    let (pred_a, pred_b) = if root {
        let p = |v: &str| format!("{} = {}", ident(col), literal(v));
        (p(a), p(b))
    } else {
        let ra = f
            .insert(&mut sp, &t.name, Some(&Value::text(a)), &[])
            .map_err(seed_err)?;
        let rb = f
            .insert(&mut sp, &t.name, Some(&Value::text(b)), &[])
            .map_err(seed_err)?;
        (ra.key_predicate(), rb.key_predicate())
    };
    // Statements prepared as the superuser (parents created now, in the
    // right tenant), executed later as the application role. For the root,
    // any new row is "another tenant".
    let insert_b = if root {
        f.insert_sql(&mut sp, &t.name, None, &[])
    } else {
        f.insert_sql(&mut sp, &t.name, Some(&Value::text(b)), &[])
    }
    .map_err(seed_err)?;
    let insert_a = if root {
        None
    } else {
        Some(
            f.insert_sql(&mut sp, &t.name, Some(&Value::text(a)), &[])
                .map_err(seed_err)?,
        )
    };
    let (mcol, mexpr, _) = f.mutation(t);
    let table = ident(&t.name);
    let update = |pred: &str| format!("UPDATE {table} SET {} = {mexpr} WHERE {pred}", ident(&mcol));

    sp.batch_execute(&format!("SET LOCAL ROLE {}", ident(APP_ROLE)))
        .map_err(pg("SET ROLE"))?;
    sp.execute("SELECT set_config($1, $2, true)", &[&TENANT_SETTING, &a])
        .map_err(pg("setting app.tenant_id"))?;

    let mut problems = Vec::new();
    let mut evidence = Vec::new();
    if !enabled || !forced {
        problems.push(format!(
            "row level security must be enabled and forced (relrowsecurity={enabled}, relforcerowsecurity={forced})"
        ));
    }
    let c = ident(col);
    let sql = format!(
        "SELECT count(*) FILTER (WHERE {c}::text = $1), count(*) FILTER (WHERE {c}::text IS DISTINCT FROM $1) FROM {table}"
    );
    match sp.query_one(&sql, &[&a]) {
        Ok(r) => {
            let (own, other): (i64, i64) = (r.get(0), r.get(1));
            if own == 0 {
                problems.push("SELECT under tenant A sees none of A's rows (policy too strict, or missing)".into());
            }
            if other > 0 {
                problems.push(format!("SELECT under tenant A sees {other} row(s) of other tenants"));
            }
            evidence.push(format!("SELECT sees {own} own row(s), {other} foreign"));
        }
        Err(e) => problems.push(format!("SELECT as {APP_ROLE} failed: {}", describe_error(&e))),
    }
    match in_savepoint(&mut sp, &insert_b) {
        Ok(_) => problems.push("INSERT of a row for tenant B succeeded under tenant A".into()),
        Err(e) if code(&e) == "42501" => evidence.push("INSERT for B rejected (42501)".into()),
        Err(e) => problems.push(format!(
            "INSERT for tenant B failed, but not by row level security: {}",
            describe_error(&e)
        )),
    }
    if let Some(insert_a) = &insert_a {
        if let Err(e) = in_savepoint(&mut sp, insert_a) {
            problems.push(format!("INSERT of tenant A's own row failed: {}", describe_error(&e)));
        }
    }
    for (op, sql) in [
        ("UPDATE", update(&pred_b)),
        ("DELETE", format!("DELETE FROM {table} WHERE {pred_b}")),
    ] {
        match in_savepoint(&mut sp, &sql) {
            Ok(0) => evidence.push(format!("{op} of B's row matched 0")),
            Ok(n) => problems.push(format!("{op} of tenant B's row under tenant A affected {n} row(s)")),
            Err(e) => problems.push(format!(
                "{op} of tenant B's row failed instead of matching nothing: {}",
                describe_error(&e)
            )),
        }
    }
    if !t.traits.append_only {
        match in_savepoint(&mut sp, &update(&pred_a)) {
            Ok(1) => {}
            Ok(n) => problems.push(format!("UPDATE of tenant A's own row affected {n} row(s), expected 1")),
            Err(e) => problems.push(format!("UPDATE of tenant A's own row failed: {}", describe_error(&e))),
        }
    }
    drop(sp); // rolls back: role, setting and rows
    if problems.is_empty() {
        Ok(format!(
            "RLS enabled and forced; as {APP_ROLE} under tenant A: {}",
            evidence.join(", ")
        ))
    } else {
        Err(problems.join("; "))
    }
}
