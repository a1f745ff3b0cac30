//! Enum types: CREATE TYPE, ADD VALUE (outside a transaction so later
//! steps may use it), RENAME VALUE, and the rebuild a removal needs.

use super::Ctx;
use crate::sql::lit;
use crate::step::{Cost, Lock, Phase, Step};
use plinth_model::{EnumType, PhysicalType, Schema};
use plinth_postgres::quote::qualified;

fn type_name(e: &EnumType) -> String {
    qualified(e.namespace.as_deref(), &e.name)
}

fn create_sql(e: &EnumType) -> String {
    let values: Vec<String> = e.values.iter().map(|v| lit(v)).collect();
    format!("CREATE TYPE {} AS ENUM ({});", type_name(e), values.join(", "))
}

pub(super) fn create(ctx: &mut Ctx, e: &EnumType) {
    let up = Step::new(
        format!("create_type_{}", e.name),
        Phase::Expand,
        Lock::None,
        Cost::Catalog,
    )
    .sql(create_sql(e));
    let down = Step::new(
        format!("drop_type_{}", e.name),
        Phase::Expand,
        Lock::None,
        Cost::Catalog,
    )
    .sql(format!("DROP TYPE IF EXISTS {};", type_name(e)));
    ctx.push(up, vec![down]);
}

pub(super) fn drop(ctx: &mut Ctx, e: &EnumType) {
    let up = Step::new(
        format!("drop_type_{}", e.name),
        Phase::Contract,
        Lock::None,
        Cost::Catalog,
    )
    .sql(format!("DROP TYPE IF EXISTS {};", type_name(e)));
    let down = Step::new(
        format!("create_type_{}", e.name),
        Phase::Contract,
        Lock::None,
        Cost::Catalog,
    )
    .sql(create_sql(e));
    ctx.push(up, vec![down]);
}

pub(super) fn add_value(ctx: &mut Ctx, name: &str, value: &str, before: Option<&str>) {
    let Some(e) = ctx.to.enums.iter().find(|e| e.name == name) else {
        return;
    };
    let mut sql = format!("ALTER TYPE {} ADD VALUE IF NOT EXISTS {}", type_name(e), lit(value));
    if let Some(b) = before {
        sql.push_str(&format!(" BEFORE {}", lit(b)));
    }
    sql.push(';');
    let up = Step::new(
        format!("add_value_{}_{}", e.name, value),
        Phase::Expand,
        Lock::None,
        Cost::Catalog,
    )
    .no_transaction()
    .note("a new enum value cannot be used in the transaction that adds it: this step runs on its own")
    .sql(sql);
    // PostgreSQL cannot drop an enum value: the down rebuilds the type.
    // Down runs in reverse: when this value is undone, the values added
    // after it are already gone.
    let added: Vec<&str> = ctx
        .changes
        .changes
        .iter()
        .filter_map(|c| match c {
            plinth_diff::Change::AddEnumValue { name: n, value, .. } if n == name => Some(value.as_str()),
            _ => None,
        })
        .collect();
    let later = &added[added.iter().position(|v| *v == value).unwrap_or(0)..];
    let mut without = e.clone();
    without.values.retain(|v| !later.contains(&v.as_str()));
    let down = rebuild_step(ctx.to, e, &without, Phase::Expand, &ctx.o.lock_timeout).note(format!(
        "PostgreSQL cannot drop an enum value: the type is rebuilt without '{value}' (fails while a row holds it)"
    ));
    ctx.push(up, vec![down]);
}

pub(super) fn rename_value(ctx: &mut Ctx, name: &str, from: &str, to: &str) {
    let Some(e) = ctx.to.enums.iter().find(|e| e.name == name) else {
        return;
    };
    let sql = |a: &str, b: &str| format!("ALTER TYPE {} RENAME VALUE {} TO {};", type_name(e), lit(a), lit(b));
    let up = Step::new(
        format!("rename_value_{}_{}", e.name, to),
        Phase::Expand,
        Lock::None,
        Cost::Catalog,
    )
    .note("catalog only: rows holding the value now read the new label")
    .sql(sql(from, to));
    let down = Step::new(
        format!("rename_value_{}_{}", e.name, from),
        Phase::Expand,
        Lock::None,
        Cost::Catalog,
    )
    .sql(sql(to, from));
    ctx.push(up, vec![down]);
}

/// Removing (or reordering) values: the type is renamed away, re-created,
/// every column using it converted through text, the old type dropped.
pub(super) fn rebuild(ctx: &mut Ctx, from: &EnumType, to: &EnumType) {
    let up = rebuild_step(ctx.to, from, to, Phase::Contract, &ctx.o.lock_timeout)
        .destructive()
        .note("fails (and changes nothing) while a row still holds a removed value: migrate those rows first");
    let down = rebuild_step(ctx.from, to, from, Phase::Contract, &ctx.o.lock_timeout);
    ctx.push(up, vec![down]);
}

fn rebuild_step(schema: &Schema, from: &EnumType, to: &EnumType, phase: Phase, lock_timeout: &str) -> Step {
    let old = crate::sql::derived(&from.name, "__plinth_old");
    let mut s = Step::new(
        format!("rebuild_type_{}", to.name),
        phase,
        Lock::AccessExclusive,
        Cost::Rewrite,
    )
    .sql(format!("SET lock_timeout = {};", lit(lock_timeout)))
    .sql("SET statement_timeout = 0;")
    .sql(format!(
        "ALTER TYPE {} RENAME TO {};",
        type_name(from),
        plinth_postgres::quote::ident(&old)
    ))
    .sql(create_sql(to));
    for t in &schema.tables {
        for c in &t.columns {
            let uses =
                matches!(&c.physical, PhysicalType::Enum(n) if n == &to.name || n.ends_with(&format!(".{}", to.name)));
            if !uses {
                continue;
            }
            let table = plinth_postgres::parts::table_name(t);
            let col = plinth_postgres::quote::ident(&c.name);
            if c.default.is_some() {
                s = s.sql(format!("ALTER TABLE {table} ALTER COLUMN {col} DROP DEFAULT;"));
            }
            s = s.sql(format!(
                "ALTER TABLE {table} ALTER COLUMN {col} TYPE {} USING {col}::text::{};",
                type_name(to),
                type_name(to)
            ));
            if let Some(d) = plinth_postgres::parts::column_default(c, schema.target.version) {
                s = s.sql(format!("ALTER TABLE {table} ALTER COLUMN {col} SET DEFAULT {d};"));
            }
        }
    }
    s.sql(format!("DROP TYPE {};", plinth_postgres::quote::ident(&old)))
}
