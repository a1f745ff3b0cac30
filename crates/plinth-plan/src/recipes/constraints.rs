//! Constraints and indexes on existing tables: FK and CHECK `NOT VALID`
//! then VALIDATE; UNIQUE and PRIMARY KEY through a concurrent unique index
//! and `USING INDEX`; indexes CONCURRENTLY in their own non-transactional
//! steps; drops before the columns they use.

use super::Ctx;
use crate::sql::{concurrently, derived, q};
use crate::step::{Cost, Lock, Phase, Step};
use plinth_diff::{Change, Constraint};
use plinth_model::{Index, Table};
use plinth_postgres::parts;
use plinth_postgres::quote::{idents, qualified};

/// The other half of a primary key change in the same table, if any.
fn pk_pair<'c>(ctx: &Ctx<'c>, table: &str, adding: bool) -> Option<&'c Constraint> {
    ctx.changes.changes.iter().find_map(|c| match c {
        Change::AddConstraint { table: t, constraint } if !adding && t == table => {
            matches!(constraint, Constraint::PrimaryKey(_)).then_some(constraint)
        }
        Change::DropConstraint { table: t, constraint } if adding && t == table => {
            matches!(constraint, Constraint::PrimaryKey(_)).then_some(constraint)
        }
        _ => None,
    })
}

fn index_name(t: Option<&Table>, name: &str) -> String {
    qualified(t.and_then(|t| t.namespace.as_deref()), name)
}

/// `CREATE UNIQUE INDEX CONCURRENTLY` step and its down.
fn unique_index(ctx: &Ctx, table: &str, index: &str, cols: &[String], nnd: bool) -> (Step, Step) {
    let t = ctx.tname(table);
    let ix = index_name(ctx.to_table(table), index);
    let nnd = if nnd && ctx.v >= 15 { " NULLS NOT DISTINCT" } else { "" };
    let up = ctx
        .locking(
            format!("index_{index}"),
            Phase::Expand,
            Lock::ShareUpdateExclusive,
            Cost::Scan,
        )
        .no_transaction()
        .note("CONCURRENTLY: writes continue; a failed build leaves an INVALID index, dropped before a retry")
        .sql(format!(
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS {} ON {t} ({}){nnd};",
            q(index),
            idents(cols)
        ));
    let down = ctx
        .locking(
            format!("drop_index_{index}"),
            Phase::Expand,
            Lock::ShareUpdateExclusive,
            Cost::Catalog,
        )
        .no_transaction()
        .sql(format!("DROP INDEX CONCURRENTLY IF EXISTS {ix};"));
    (up, down)
}

pub(super) fn add(ctx: &mut Ctx, table: &str, c: &Constraint) {
    let t = ctx.tname(table);
    let drop_it = |ctx: &Ctx, phase| {
        ctx.exclusive(format!("drop_constraint_{}", c.name()), phase, Cost::Catalog)
            .sql(format!("ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {};", q(c.name())))
    };
    match c {
        Constraint::ForeignKey(fk) => {
            let up = ctx
                .locking(
                    format!("add_fk_{}", fk.name),
                    Phase::Expand,
                    Lock::ShareRowExclusive,
                    Cost::Catalog,
                )
                .note("NOT VALID: new rows are checked at once, existing rows by VALIDATE in the backfill phase")
                .sql(format!(
                    "ALTER TABLE {t} ADD {} NOT VALID;",
                    parts::foreign_key(fk, ctx.v)
                ));
            let down = drop_it(ctx, Phase::Expand);
            ctx.push(up, vec![down]);
            validate(ctx, &t, &fk.name);
        }
        Constraint::Check(ck) => {
            let up = ctx
                .exclusive(format!("add_check_{}", ck.name), Phase::Expand, Cost::Catalog)
                .note("NOT VALID: new rows are checked at once, existing rows by VALIDATE in the backfill phase")
                .sql(format!(
                    "ALTER TABLE {t} ADD CONSTRAINT {} CHECK ({}) NOT VALID;",
                    q(&ck.name),
                    parts::check(&ck.expr)
                ));
            let down = drop_it(ctx, Phase::Expand);
            ctx.push(up, vec![down]);
            validate(ctx, &t, &ck.name);
        }
        Constraint::Unique(u) => {
            let (up, down) = unique_index(ctx, table, &u.name, &u.columns, u.nulls_not_distinct);
            ctx.push(up, vec![down]);
            let up = ctx
                .exclusive(format!("add_unique_{}", u.name), Phase::Expand, Cost::Catalog)
                .note("the index is already built: attaching it is catalog only")
                .sql(format!(
                    "ALTER TABLE {t} ADD CONSTRAINT {} UNIQUE USING INDEX {};",
                    q(&u.name),
                    q(&u.name)
                ));
            let down = drop_it(ctx, Phase::Expand);
            ctx.push(up, vec![down]);
        }
        Constraint::PrimaryKey(pk) => {
            let tmp = derived(&pk.name, "_plinth_new");
            let (up, down) = unique_index(ctx, table, &tmp, &pk.columns, false);
            ctx.push(up, vec![down]);
            let old = pk_pair(ctx, table, true);
            let mut up = ctx
                .exclusive(format!("swap_primary_key_{table}"), Phase::Contract, Cost::Catalog)
                .note("the unique index is already built: the key is swapped in one short transaction");
            let mut down = ctx.exclusive(format!("restore_primary_key_{table}"), Phase::Contract, Cost::Scan);
            down = down.sql(format!("ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {};", q(&pk.name)));
            if let Some(Constraint::PrimaryKey(o)) = old {
                up = up.sql(format!("ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {};", q(&o.name)));
                down = down
                    .note("the old key's index is built under ACCESS EXCLUSIVE")
                    .sql(format!(
                        "ALTER TABLE {t} ADD CONSTRAINT {} PRIMARY KEY ({});",
                        q(&o.name),
                        idents(&o.columns)
                    ));
            }
            up = up.sql(format!(
                "ALTER TABLE {t} ADD CONSTRAINT {} PRIMARY KEY USING INDEX {};",
                q(&pk.name),
                q(&tmp)
            ));
            ctx.push(up, vec![down]);
        }
    }
}

fn validate(ctx: &mut Ctx, t: &str, name: &str) {
    let up = ctx
        .locking(
            format!("validate_{name}"),
            Phase::Backfill,
            Lock::ShareUpdateExclusive,
            Cost::Scan,
        )
        .note("scans under SHARE UPDATE EXCLUSIVE: reads and writes continue")
        .sql(format!("ALTER TABLE {t} VALIDATE CONSTRAINT {};", q(name)));
    let down = ctx.nothing(
        format!("unvalidate_{name}"),
        Phase::Backfill,
        "validation only read rows",
    );
    ctx.push(up, vec![down]);
}

pub(super) fn drop(ctx: &mut Ctx, table: &str, c: &Constraint) {
    if matches!(c, Constraint::PrimaryKey(_)) && pk_pair(ctx, table, false).is_some() {
        return; // swapped by the add
    }
    let replaced = ctx.changes.changes.iter().any(
        |x| matches!(x, Change::AddConstraint { table: t, constraint } if t == table && constraint.name() == c.name()),
    );
    let phase = if replaced { Phase::Expand } else { Phase::Contract };
    let t = ctx.tname(table);
    let up = ctx
        .exclusive(format!("drop_constraint_{}", c.name()), phase, Cost::Catalog)
        .sql(format!("ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {};", q(c.name())));
    let body = match c {
        Constraint::ForeignKey(fk) => format!("ADD {}", parts::foreign_key(fk, ctx.from.target.version)),
        Constraint::Check(ck) => format!("ADD CONSTRAINT {} CHECK ({})", q(&ck.name), parts::check(&ck.expr)),
        Constraint::Unique(u) => format!("ADD CONSTRAINT {} UNIQUE ({})", q(&u.name), idents(&u.columns)),
        Constraint::PrimaryKey(p) => format!("ADD CONSTRAINT {} PRIMARY KEY ({})", q(&p.name), idents(&p.columns)),
    };
    let down = ctx
        .exclusive(format!("add_constraint_{}", c.name()), phase, Cost::Scan)
        .note("re-added as it was: checks every row while holding the lock")
        .sql(format!("ALTER TABLE {t} {body};"));
    if phase == Phase::Contract {
        ctx.push_first(up, vec![down]);
    } else {
        ctx.push(up, vec![down]);
    }
}

fn create_index_step(ctx: &Ctx, t: &Table, ix: &Index, name: String, phase: Phase) -> Step {
    let sql = parts::create_index(t, ix, ctx.v);
    if t.partitioning.is_some() {
        // CONCURRENTLY is not supported on a partitioned table.
        return ctx
            .locking(name, phase, Lock::Share, Cost::Scan)
            .note("partitioned table: no CONCURRENTLY; writes wait while each partition's index is built")
            .sql(sql);
    }
    ctx.locking(name, phase, Lock::ShareUpdateExclusive, Cost::Scan)
        .no_transaction()
        .note("CONCURRENTLY: writes continue; a failed build leaves an INVALID index, dropped before a retry")
        .sql(concurrently(&sql))
}

fn drop_index_step(ctx: &Ctx, t: Option<&Table>, name: &str, step: String, phase: Phase) -> Step {
    let ix = index_name(t, name);
    if t.is_some_and(|t| t.partitioning.is_some()) {
        return ctx
            .exclusive(step, phase, Cost::Catalog)
            .sql(format!("DROP INDEX IF EXISTS {ix};"));
    }
    ctx.locking(step, phase, Lock::ShareUpdateExclusive, Cost::Catalog)
        .no_transaction()
        .sql(format!("DROP INDEX CONCURRENTLY IF EXISTS {ix};"))
}

pub(super) fn add_index(ctx: &mut Ctx, table: &str, ix: &Index) {
    let Some(tt) = ctx.to_table(table) else { return };
    let up = create_index_step(ctx, tt, ix, format!("index_{}", ix.name), Phase::Expand);
    let down = drop_index_step(
        ctx,
        Some(tt),
        &ix.name,
        format!("drop_index_{}", ix.name),
        Phase::Expand,
    );
    ctx.push(up, vec![down]);
}

pub(super) fn drop_index(ctx: &mut Ctx, table: &str, ix: &Index) {
    let ft = ctx.before_table(table);
    let tt = ctx.to_table(table).or(ft);
    let up = drop_index_step(ctx, tt, &ix.name, format!("drop_index_{}", ix.name), Phase::Contract);
    let Some(t) = tt else { return };
    let down = create_index_step(ctx, t, ix, format!("index_{}", ix.name), Phase::Contract);
    ctx.push_first(up, vec![down]);
}

/// Same name, new definition: build the new one under a temporary name,
/// drop the old, rename.
pub(super) fn replace_index(ctx: &mut Ctx, table: &str, from: &Index, to: &Index) {
    let Some(tt) = ctx.to_table(table) else { return };
    let tmp = derived(&to.name, "_plinth_new");
    let mut staged = to.clone();
    staged.name = tmp.clone();
    let up = create_index_step(ctx, tt, &staged, format!("index_{tmp}"), Phase::Expand);
    let down = drop_index_step(ctx, Some(tt), &tmp, format!("drop_index_{tmp}"), Phase::Expand);
    ctx.push(up, vec![down]);
    let up = drop_index_step(
        ctx,
        Some(tt),
        &from.name,
        format!("drop_index_{}", from.name),
        Phase::Contract,
    );
    let down = create_index_step(ctx, tt, from, format!("index_{}", from.name), Phase::Contract);
    ctx.push(up, vec![down]);
    let rename = |a: &str, b: &str| format!("ALTER INDEX {} RENAME TO {};", index_name(Some(tt), a), q(b));
    let up = ctx
        .locking(
            format!("rename_index_{tmp}"),
            Phase::Contract,
            Lock::ShareUpdateExclusive,
            Cost::Catalog,
        )
        .sql(rename(&tmp, &to.name));
    let down = ctx
        .locking(
            format!("rename_index_{}", to.name),
            Phase::Contract,
            Lock::ShareUpdateExclusive,
            Cost::Catalog,
        )
        .sql(rename(&to.name, &tmp));
    ctx.push(up, vec![down]);
}
