//! Tables: plain DDL for new tables (no rows, no ceremony), drops in the
//! contract phase, renames behind a compatibility view, comments.

use super::Ctx;
use crate::sql::{lit, q};
use crate::step::{Cost, Lock, Phase, Step};
use plinth_diff::Change;
use plinth_model::{ForeignKey, Table};
use plinth_postgres::parts;

/// Creates every new table of the change set at once, in dependency
/// order; foreign keys that close a cycle are added after.
pub(super) fn create(ctx: &mut Ctx, first: &Table) {
    let new: Vec<&str> = ctx
        .changes
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::CreateTable(t) => Some(t.name.as_str()),
            _ => None,
        })
        .collect();
    if new.first() != Some(&first.name.as_str()) {
        return; // done with the first one
    }
    let (order, deferred) = plinth_model::order::creation_order(ctx.to);
    let mut later: Vec<(&Table, &ForeignKey)> = Vec::new();
    for &i in &order {
        let t = &ctx.to.tables[i];
        if !new.contains(&t.name.as_str()) {
            continue;
        }
        let is_deferred = |fk: &ForeignKey| deferred.contains(&(i, fk.name.clone()));
        let inline: Vec<&ForeignKey> = t.foreign_keys.iter().filter(|fk| !is_deferred(fk)).collect();
        later.extend(t.foreign_keys.iter().filter(|fk| is_deferred(fk)).map(|fk| (t, fk)));
        let mut up = Step::new(
            format!("create_table_{}", t.name),
            Phase::Expand,
            Lock::None,
            Cost::Catalog,
        )
        .note("a new table holds no rows: plain DDL")
        .sql(parts::create_table(t, &inline, ctx.v));
        if !inline.is_empty() {
            up.lock = Lock::ShareRowExclusive;
            up.comments
                .push("its foreign keys lock the referenced tables briefly (SHARE ROW EXCLUSIVE)".into());
        }
        if t.partition_of.is_some() {
            for s in parts::partition_constraints(t, &inline, ctx.v) {
                up = up.sql(s.sql);
            }
        }
        for ix in &t.indexes {
            up = up.sql(parts::create_index(t, ix, ctx.v));
        }
        for s in parts::comments(t).into_iter().chain(parts::row_security(t)) {
            up = up.sql(s.sql);
        }
        if !t.triggers.is_empty() {
            ctx.notes.push(format!("not planned: triggers of new table {}", t.name));
        }
        let down = Step::new(
            format!("drop_table_{}", t.name),
            Phase::Expand,
            Lock::AccessExclusive,
            Cost::Catalog,
        )
        .note("rows written since the up step are dropped with the table")
        .sql(format!("DROP TABLE IF EXISTS {};", parts::table_name(t)));
        ctx.push(up, vec![down]);
    }
    for (t, fk) in later {
        let table = parts::table_name(t);
        let up = Step::new(
            format!("add_fk_{}", fk.name),
            Phase::Expand,
            Lock::ShareRowExclusive,
            Cost::Catalog,
        )
        .sql(format!("ALTER TABLE {table} ADD {};", parts::foreign_key(fk, ctx.v)));
        let down = Step::new(
            format!("drop_fk_{}", fk.name),
            Phase::Expand,
            Lock::AccessExclusive,
            Cost::Catalog,
        )
        .sql(format!(
            "ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {};",
            q(&fk.name)
        ));
        ctx.push(up, vec![down]);
    }
}

pub(super) fn drop(ctx: &mut Ctx, t: &Table) {
    let table = parts::table_name(t);
    let up = ctx
        .exclusive(format!("drop_table_{}", t.name), Phase::Contract, Cost::Catalog)
        .destructive()
        .note(format!("drops table {} and every row in it", t.name))
        .sql(format!("DROP TABLE {table};"));
    let mut down = Step::new(
        format!("create_table_{}", t.name),
        Phase::Contract,
        Lock::None,
        Cost::Catalog,
    )
    .irreversible(format!(
        "the rows of {} are not restored: the table comes back empty",
        t.name
    ))
    .sql(parts::create_table(
        t,
        &t.foreign_keys.iter().collect::<Vec<_>>(),
        ctx.from.target.version,
    ));
    for ix in &t.indexes {
        down = down.sql(parts::create_index(t, ix, ctx.v));
    }
    ctx.push(up, vec![down]);
}

/// Expand: rename and leave a view under the old name (simple views are
/// updatable, so old code keeps reading and writing); contract: drop it.
pub(super) fn rename(ctx: &mut Ctx, from: &str, to: &str) {
    let ns = ctx.to_table(to).and_then(|t| t.namespace.clone());
    let old = plinth_postgres::quote::qualified(ns.as_deref(), from);
    let new = plinth_postgres::quote::qualified(ns.as_deref(), to);
    let up = ctx
        .exclusive(format!("rename_table_{from}_to_{to}"), Phase::Expand, Cost::Catalog)
        .note(format!(
            "old code keeps working through the view {from} until the contract phase"
        ))
        .sql(format!("ALTER TABLE {old} RENAME TO {};", q(to)))
        .sql(format!("CREATE VIEW {old} AS SELECT * FROM {new};"));
    let down = ctx
        .exclusive(format!("rename_table_{to}_to_{from}"), Phase::Expand, Cost::Catalog)
        .sql(format!("DROP VIEW IF EXISTS {old};"))
        .sql(format!("ALTER TABLE {new} RENAME TO {};", q(from)));
    ctx.push(up, vec![down]);
    let up = ctx
        .exclusive(format!("drop_view_{from}"), Phase::Contract, Cost::Catalog)
        .note(format!("once no client uses the name {from}"))
        .sql(format!("DROP VIEW IF EXISTS {old};"));
    let down = ctx
        .exclusive(format!("create_view_{from}"), Phase::Contract, Cost::Catalog)
        .sql(format!("CREATE VIEW {old} AS SELECT * FROM {new};"));
    ctx.push(up, vec![down]);
}

pub(super) fn comment(ctx: &mut Ctx, table: &str, column: Option<&String>, from: &Option<String>, to: &Option<String>) {
    let target = match column {
        Some(c) => format!("COLUMN {}.{}", ctx.tname(table), q(c)),
        None => format!("TABLE {}", ctx.tname(table)),
    };
    let sql = |v: &Option<String>| format!("COMMENT ON {target} IS {};", v.as_deref().map_or("NULL".into(), lit));
    let name = match column {
        Some(c) => format!("comment_{table}_{c}"),
        None => format!("comment_{table}"),
    };
    let up = Step::new(name.clone(), Phase::Expand, Lock::ShareUpdateExclusive, Cost::Catalog).sql(sql(to));
    let down = Step::new(name, Phase::Expand, Lock::ShareUpdateExclusive, Cost::Catalog).sql(sql(from));
    ctx.push(up, vec![down]);
}
