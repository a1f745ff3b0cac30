//! Columns: add (required ones through a batched backfill and the CHECK
//! path to NOT NULL), drop, rename and rewriting type changes (a column
//! kept in sync by a trigger, backfilled in batches, swapped in the
//! contract phase), defaults and NOT NULL both ways.

use super::Ctx;
use crate::sql::{batch_update, derived, q, zero_value};
use crate::step::{Cost, Lock, Phase, Step};
use plinth_diff::TypeChange;
use plinth_model::{Column, DefaultExpr, Table};
use plinth_postgres::parts;

/// A default PostgreSQL evaluates once for ADD COLUMN (PG ≥ 11: catalog only).
fn non_volatile(d: &DefaultExpr) -> bool {
    match d {
        DefaultExpr::Literal(_) | DefaultExpr::Now | DefaultExpr::CurrentDate | DefaultExpr::CurrentActor => true,
        DefaultExpr::Uuidv7 => false,
        DefaultExpr::Sql(s) => {
            let s = s.trim().to_ascii_lowercase();
            s.starts_with('\'')
                || s.starts_with('-')
                || s.chars().next().is_some_and(|c| c.is_ascii_digit())
                || matches!(
                    s.as_str(),
                    "true" | "false" | "now()" | "current_timestamp" | "current_date"
                )
        }
    }
}

/// `COMMENT ON COLUMN` for a column that gets (or keeps) a comment.
fn comment(t: &str, c: &Column) -> Option<String> {
    c.comment
        .as_ref()
        .map(|text| format!("COMMENT ON COLUMN {t}.{} IS {};", q(&c.name), crate::sql::lit(text)))
}

fn type_sql(c: &Column) -> String {
    let mut s = parts::column_type(c);
    if let Some(coll) = &c.collation {
        s.push_str(&format!(" COLLATE {coll}"));
    }
    s
}

/// The NOT NULL path on an existing column: `CHECK (c IS NOT NULL) NOT
/// VALID`, VALIDATE (writes continue), then SET NOT NULL, which skips its
/// scan thanks to the valid check (PostgreSQL ≥ 12), and the check is
/// dropped. With `finish` false the caller sets NOT NULL itself and drops
/// the returned check.
fn not_null_path(ctx: &mut Ctx, table: &str, column: &str, phases: [Phase; 3], finish: bool) -> String {
    let t = ctx.tname(table);
    let c = q(column);
    let check = derived(&format!("{table}_{column}"), "_not_null");
    let up = ctx
        .exclusive(format!("check_{table}_{column}_not_null"), phases[0], Cost::Catalog)
        .note("NOT VALID: enforced for new writes at once, existing rows checked by the next step")
        .sql(format!(
            "ALTER TABLE {t} ADD CONSTRAINT {} CHECK ({c} IS NOT NULL) NOT VALID;",
            q(&check)
        ));
    let down = ctx
        .exclusive(
            format!("drop_check_{table}_{column}_not_null"),
            phases[0],
            Cost::Catalog,
        )
        .sql(format!("ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {};", q(&check)));
    ctx.push(up, vec![down]);
    let up = ctx
        .locking(
            format!("validate_{table}_{column}_not_null"),
            phases[1],
            Lock::ShareUpdateExclusive,
            Cost::Scan,
        )
        .note("scans the table under SHARE UPDATE EXCLUSIVE: reads and writes continue")
        .sql(format!("ALTER TABLE {t} VALIDATE CONSTRAINT {};", q(&check)));
    let down = ctx.nothing(
        format!("unvalidate_{table}_{column}"),
        phases[1],
        "validation only read rows",
    );
    ctx.push(up, vec![down]);
    if finish {
        let mut up = ctx
            .exclusive(format!("set_not_null_{table}_{column}"), phases[2], Cost::Catalog)
            .sql(format!("ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL;"))
            .sql(format!("ALTER TABLE {t} DROP CONSTRAINT {};", q(&check)));
        if ctx.v < 12 {
            up.cost = Cost::Scan;
            up.comments
                .push("PostgreSQL < 12 scans the table for SET NOT NULL even with the check".into());
        } else {
            up.comments
                .push("no scan: the valid CHECK (c IS NOT NULL) proves it (PostgreSQL ≥ 12)".into());
        }
        let down = ctx
            .exclusive(format!("drop_not_null_{table}_{column}"), phases[2], Cost::Catalog)
            .sql(format!("ALTER TABLE {t} ALTER COLUMN {c} DROP NOT NULL;"));
        ctx.push(up, vec![down]);
    }
    check
}

pub(super) fn add(ctx: &mut Ctx, table: &str, column: &Column) {
    let Some(tt) = ctx.to_table(table) else { return };
    let t = ctx.tname(table);
    let name = format!("add_column_{table}_{}", column.name);
    let drop_it = ctx
        .exclusive(
            format!("drop_column_{table}_{}", column.name),
            Phase::Expand,
            Cost::Catalog,
        )
        .sql(format!("ALTER TABLE {t} DROP COLUMN IF EXISTS {};", q(&column.name)));
    if column.identity.is_some() || column.generated.as_ref().is_some_and(|g| g.stored) {
        let up = ctx
            .exclusive(name, Phase::Expand, Cost::Rewrite)
            .note(
                "an identity or stored generated column fills every row: the table is rewritten under ACCESS EXCLUSIVE",
            )
            .sql(format!(
                "ALTER TABLE {t} ADD COLUMN {};",
                parts::column_definition(column, ctx.v)
            ));
        ctx.notes.push(format!(
            "{table}.{} rewrites the table while holding ACCESS EXCLUSIVE",
            column.name
        ));
        let up = comment(&t, column).into_iter().fold(up, Step::sql);
        ctx.push(up, vec![drop_it]);
        return;
    }
    let fast_default = column.default.as_ref().is_some_and(non_volatile);
    if column.nullable || fast_default {
        let up = ctx.exclusive(name, Phase::Expand, Cost::Catalog).sql(format!(
            "ALTER TABLE {t} ADD COLUMN {};",
            parts::column_definition(column, ctx.v)
        ));
        let up = comment(&t, column).into_iter().fold(up, Step::sql);
        ctx.push(up, vec![drop_it]);
        return;
    }
    // Required, with no default or a volatile one: nullable first.
    let mut nullable = column.clone();
    nullable.nullable = true;
    nullable.default = None;
    let mut up = ctx
        .exclusive(name, Phase::Expand, Cost::Catalog)
        .note("added nullable: NOT NULL comes after the backfill, through a validated CHECK")
        .sql(format!(
            "ALTER TABLE {t} ADD COLUMN {};",
            parts::column_definition(&nullable, ctx.v)
        ));
    let value = match parts::column_default(column, ctx.v) {
        Some(d) => {
            up = up.sql(format!(
                "ALTER TABLE {t} ALTER COLUMN {} SET DEFAULT {d};",
                q(&column.name)
            ));
            d
        }
        None => {
            let z = zero_value(column);
            ctx.notes.push(format!(
                "{table}.{} is required and has no default: existing rows are backfilled with {z}; edit the \
                 backfill step if another value is right",
                column.name
            ));
            z
        }
    };
    let up = comment(&t, column).into_iter().fold(up, Step::sql);
    ctx.push(up, vec![drop_it]);
    backfill(
        ctx,
        tt,
        &format!("backfill_{table}_{}", column.name),
        &q(&column.name),
        &value,
        &format!("{} IS NULL", q(&column.name)),
    );
    not_null_path(ctx, table, &column.name, [Phase::Contract; 3], true);
}

/// A batched UPDATE step; its down has nothing to undo.
fn backfill(ctx: &mut Ctx, t: &Table, name: &str, column: &str, value: &str, todo: &str) {
    let table = parts::table_name(t);
    let up = Step::new(name, Phase::Backfill, Lock::RowExclusive, Cost::Scan)
        .batched()
        .note(format!(
            "{} rows per statement, repeated until it updates none",
            ctx.o.batch_size
        ))
        .sql(batch_update(&table, t, column, value, todo, ctx.o.batch_size));
    let down = ctx.nothing(
        format!("un{name}"),
        Phase::Backfill,
        "the values are dropped with the column",
    );
    ctx.push(up, vec![down]);
}

pub(super) fn drop(ctx: &mut Ctx, table: &str, column: &Column) {
    let t = ctx.tname(table);
    let up = ctx
        .exclusive(
            format!("drop_column_{table}_{}", column.name),
            Phase::Contract,
            Cost::Catalog,
        )
        .destructive()
        .note(format!(
            "stop reading {table}.{} before this step: its values are lost",
            column.name
        ))
        .sql(format!("ALTER TABLE {t} DROP COLUMN {};", q(&column.name)));
    let mut back = column.clone();
    let mut down = ctx
        .exclusive(
            format!("add_column_{table}_{}", column.name),
            Phase::Contract,
            Cost::Catalog,
        )
        .irreversible(format!("the values of {table}.{} are not restored", column.name));
    if !back.nullable && back.default.is_none() {
        back.nullable = true;
        down.comments
            .push("it comes back nullable: the rows have no value for it".into());
    }
    down = down.sql(format!(
        "ALTER TABLE {t} ADD COLUMN IF NOT EXISTS {};",
        parts::column_definition(&back, ctx.from.target.version)
    ));
    down = comment(&t, column).into_iter().fold(down, Step::sql);
    ctx.push(up, vec![down]);
}

/// A BEFORE INSERT OR UPDATE trigger keeping `b` equal to `a` (and, when
/// `both`, `a` to `b`): the statements creating it, and those dropping it.
fn sync_trigger(table: &str, t: &str, a: &Column, b: &str, cast: &str, both: bool) -> (Vec<String>, Vec<String>) {
    let fname = derived(&format!("plinth_sync_{table}_{b}"), "");
    let (qa, qb) = (q(&a.name), q(b));
    let body = if both {
        format!(
            "  IF TG_OP = 'INSERT' THEN\n    IF NEW.{qb} IS NULL THEN NEW.{qb} := NEW.{qa}; ELSIF NEW.{qa} IS NULL THEN NEW.{qa} := NEW.{qb}; END IF;\n  ELSIF NEW.{qa} IS DISTINCT FROM OLD.{qa} THEN\n    NEW.{qb} := NEW.{qa};\n  ELSIF NEW.{qb} IS DISTINCT FROM OLD.{qb} THEN\n    NEW.{qa} := NEW.{qb};\n  END IF;\n"
        )
    } else {
        format!("  NEW.{qb} := CAST(NEW.{qa} AS {cast});\n")
    };
    let create = vec![
        format!(
            "CREATE OR REPLACE FUNCTION {}() RETURNS trigger LANGUAGE plpgsql AS $plinth$\nBEGIN\n{body}  RETURN NEW;\nEND\n$plinth$;",
            q(&fname)
        ),
        format!(
            "CREATE TRIGGER {} BEFORE INSERT OR UPDATE ON {t} FOR EACH ROW EXECUTE FUNCTION {}();",
            q(&fname),
            q(&fname)
        ),
    ];
    let drop = vec![
        format!("DROP TRIGGER IF EXISTS {} ON {t};", q(&fname)),
        format!("DROP FUNCTION IF EXISTS {}();", q(&fname)),
    ];
    (create, drop)
}

/// Expand: add the new column and a trigger writing both; backfill; the
/// NOT NULL path; contract: drop the trigger and the old column.
pub(super) fn rename(ctx: &mut Ctx, table: &str, from: &Column, to: &Column) {
    let Some(tt) = ctx.to_table(table) else { return };
    let t = ctx.tname(table);
    let (old, new) = (q(&from.name), q(&to.name));
    let (sync, unsync) = sync_trigger(table, &t, from, &to.name, "", true);
    let mut up = ctx
        .exclusive(format!("add_column_{table}_{}", to.name), Phase::Expand, Cost::Catalog)
        .note(format!(
            "expand: {new} is written together with {old} by a trigger, so old and new code both work"
        ))
        .sql(format!("ALTER TABLE {t} ADD COLUMN {new} {};", type_sql(from)));
    for s in &sync {
        up = up.sql(s.clone());
    }
    let mut down = ctx.exclusive(format!("drop_column_{table}_{}", to.name), Phase::Expand, Cost::Catalog);
    for s in &unsync {
        down = down.sql(s.clone());
    }
    if let Some(d) = parts::column_default(from, ctx.from.target.version) {
        down = down.sql(format!("ALTER TABLE {t} ALTER COLUMN {old} SET DEFAULT {d};"));
    }
    if !from.nullable {
        down.cost = Cost::Scan;
        down.statements.retain(|s| !s.starts_with("SET statement_timeout"));
        down = down
            .sql("SET statement_timeout = 0;")
            .sql(format!("ALTER TABLE {t} ALTER COLUMN {old} SET NOT NULL;"));
    }
    down = down.sql(format!("ALTER TABLE {t} DROP COLUMN IF EXISTS {new};"));
    ctx.push(up, vec![down]);
    let up = Step::new(
        format!("backfill_{table}_{}", to.name),
        Phase::Backfill,
        Lock::RowExclusive,
        Cost::Scan,
    )
    .batched()
    .sql(batch_update(
        &t,
        tt,
        &new,
        &old,
        &format!("{new} IS DISTINCT FROM {old}"),
        ctx.o.batch_size,
    ));
    let down = Step::new(
        format!("backfill_{table}_{}", from.name),
        Phase::Backfill,
        Lock::RowExclusive,
        Cost::Scan,
    )
    .batched()
    .sql(batch_update(
        &t,
        tt,
        &old,
        &new,
        &format!("{old} IS DISTINCT FROM {new}"),
        ctx.o.batch_size,
    ));
    ctx.push(up, vec![down]);
    if !to.nullable {
        not_null_path(ctx, table, &to.name, [Phase::Contract; 3], true);
    }
    let mut up = ctx
        .exclusive(
            format!("drop_column_{table}_{}", from.name),
            Phase::Contract,
            Cost::Catalog,
        )
        .note(format!("contract: once no client reads or writes {old}"));
    for s in &unsync {
        up = up.sql(s.clone());
    }
    if let Some(d) = parts::column_default(to, ctx.v) {
        up = up.sql(format!("ALTER TABLE {t} ALTER COLUMN {new} SET DEFAULT {d};"));
    }
    up = up.sql(format!("ALTER TABLE {t} DROP COLUMN {old};"));
    up = comment(&t, to).into_iter().fold(up, Step::sql);
    let mut down = ctx
        .exclusive(
            format!("add_column_{table}_{}", from.name),
            Phase::Contract,
            Cost::Catalog,
        )
        .sql(format!(
            "ALTER TABLE {t} ADD COLUMN IF NOT EXISTS {old} {};",
            type_sql(from)
        ));
    down = comment(&t, from).into_iter().fold(down, Step::sql);
    if to.default.is_some() {
        down = down.sql(format!("ALTER TABLE {t} ALTER COLUMN {new} DROP DEFAULT;"));
    }
    for s in &sync {
        down = down.sql(s.clone());
    }
    ctx.push(up, vec![down]);
}

/// True when an index, key or constraint of the table uses the column (a
/// shadow-column swap would lose it).
fn referenced(t: &Table, column: &str) -> bool {
    let uses = |cols: &[String]| cols.iter().any(|c| c == column);
    t.primary_key.as_ref().is_some_and(|p| uses(&p.columns))
        || t.foreign_keys.iter().any(|f| uses(&f.columns))
        || t.uniques.iter().any(|u| uses(&u.columns))
        || t.checks
            .iter()
            .any(|c| c.expr.column() == Some(column) || plinth_model::equality::check_sql(&c.expr).contains(column))
        || t.indexes.iter().any(|i| {
            i.elements.iter().any(|e| match &e.key {
                plinth_model::IndexKey::Column(c) => c == column,
                plinth_model::IndexKey::Expr(x) => x.contains(column),
            }) || i.include.iter().any(|c| c == column)
        })
        || t.partitioning.is_some()
}

pub(super) fn alter_type(ctx: &mut Ctx, table: &str, from: &Column, to: &Column, how: TypeChange) {
    let Some(tt) = ctx.to_table(table) else { return };
    let t = ctx.tname(table);
    let c = q(&to.name);
    let naive = |ctx: &Ctx, name: String, phase: Phase, col: &Column, cost: Cost| {
        let ty = type_sql(col);
        ctx.exclusive(name, phase, cost).sql(format!(
            "ALTER TABLE {t} ALTER COLUMN {c} TYPE {ty} USING CAST({c} AS {});",
            parts::column_type(col)
        ))
    };
    let down = naive(ctx, format!("alter_type_{table}_{}_back", to.name), Phase::Contract, from, Cost::Rewrite)
        .note("the down converts back in place: ACCESS EXCLUSIVE while the table is rewritten; fails if a value no longer fits");
    let references = ctx.before_table(table).is_some_and(|f| referenced(f, &from.name)) || referenced(tt, &to.name);
    if how == TypeChange::Coercible || references {
        let cost = if how == TypeChange::Coercible {
            Cost::Catalog
        } else {
            Cost::Rewrite
        };
        let mut up = naive(ctx, format!("alter_type_{table}_{}", to.name), Phase::Expand, to, cost);
        if how == TypeChange::Coercible {
            up.comments
                .push("binary-coercible: no rewrite, no index rebuild".into());
        } else {
            up.comments.push(
                "the column is part of a key, index or constraint: converted in place, rewriting the table under ACCESS EXCLUSIVE"
                    .into(),
            );
            ctx.notes.push(format!(
                "{table}.{} changes type in place (it is used by a key, index or constraint): the table is rewritten under ACCESS EXCLUSIVE",
                to.name
            ));
        }
        ctx.push(up, vec![down]);
        return;
    }
    // Shadow column, sync trigger, batched backfill, swap.
    let shadow = derived(&to.name, "__plinth_new");
    let qs = q(&shadow);
    let (sync, unsync) = sync_trigger(table, &t, from, &shadow, &parts::column_type(to), false);
    let mut up = ctx
        .exclusive(format!("add_shadow_{table}_{}", to.name), Phase::Expand, Cost::Catalog)
        .note(format!(
            "{shadow} holds the new type; a trigger keeps it in sync with {c}"
        ))
        .sql(format!("ALTER TABLE {t} ADD COLUMN {qs} {};", type_sql(to)));
    for s in &sync {
        up = up.sql(s.clone());
    }
    let mut undo = ctx.exclusive(format!("drop_shadow_{table}_{}", to.name), Phase::Expand, Cost::Catalog);
    for s in &unsync {
        undo = undo.sql(s.clone());
    }
    undo = undo.sql(format!("ALTER TABLE {t} DROP COLUMN IF EXISTS {qs};"));
    ctx.push(up, vec![undo]);
    let up = Step::new(
        format!("backfill_{table}_{shadow}"),
        Phase::Backfill,
        Lock::RowExclusive,
        Cost::Scan,
    )
    .batched()
    .sql(batch_update(
        &t,
        tt,
        &qs,
        &format!("CAST({c} AS {})", parts::column_type(to)),
        &format!("{qs} IS NULL AND {c} IS NOT NULL"),
        ctx.o.batch_size,
    ));
    let undo = ctx.nothing(
        format!("unbackfill_{table}_{shadow}"),
        Phase::Backfill,
        "the shadow column is dropped",
    );
    ctx.push(up, vec![undo]);
    let check = (!to.nullable).then(|| not_null_path(ctx, table, &shadow, [Phase::Contract; 3], false));
    let mut up = ctx
        .exclusive(format!("swap_{table}_{}", to.name), Phase::Contract, Cost::Catalog)
        .note(format!("swap: {c} is replaced by {shadow} in one transaction"));
    for s in &unsync {
        up = up.sql(s.clone());
    }
    up = up
        .sql(format!("ALTER TABLE {t} DROP COLUMN {c};"))
        .sql(format!("ALTER TABLE {t} RENAME COLUMN {qs} TO {c};"));
    if let Some(check) = &check {
        up = up
            .sql(format!("ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL;"))
            .sql(format!("ALTER TABLE {t} DROP CONSTRAINT {};", q(check)));
    }
    if let Some(d) = parts::column_default(to, ctx.v) {
        up = up.sql(format!("ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {d};"));
    }
    up = comment(&t, to).into_iter().fold(up, Step::sql);
    let mut down = down;
    if from.default.is_some() {
        down.statements
            .insert(2, format!("ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT;"));
        if let Some(d) = parts::column_default(from, ctx.from.target.version) {
            down = down.sql(format!("ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {d};"));
        }
    }
    ctx.push(up, vec![down]);
}

pub(super) fn change_default(ctx: &mut Ctx, table: &str, from: &Column, to: &Column) {
    let t = ctx.tname(table);
    let c = q(&to.name);
    let set = |col: &Column, v: u32| match parts::column_default(col, v) {
        Some(d) => format!("ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {d};"),
        None => format!("ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT;"),
    };
    let up = ctx
        .exclusive(format!("default_{table}_{}", to.name), Phase::Expand, Cost::Catalog)
        .note("applies to rows written from now on; existing rows keep their values")
        .sql(set(to, ctx.v));
    let down = ctx
        .exclusive(
            format!("default_{table}_{}_back", to.name),
            Phase::Expand,
            Cost::Catalog,
        )
        .sql(set(from, ctx.from.target.version));
    ctx.push(up, vec![down]);
}

pub(super) fn set_not_null(ctx: &mut Ctx, table: &str, column: &Column) {
    not_null_path(
        ctx,
        table,
        &column.name,
        [Phase::Expand, Phase::Backfill, Phase::Contract],
        true,
    );
}

pub(super) fn drop_not_null(ctx: &mut Ctx, table: &str, column: &Column) {
    let t = ctx.tname(table);
    let c = q(&column.name);
    let up = ctx
        .exclusive(
            format!("drop_not_null_{table}_{}", column.name),
            Phase::Expand,
            Cost::Catalog,
        )
        .sql(format!("ALTER TABLE {t} ALTER COLUMN {c} DROP NOT NULL;"));
    let down = ctx
        .exclusive(
            format!("set_not_null_{table}_{}", column.name),
            Phase::Expand,
            Cost::Scan,
        )
        .irreversible(format!(
            "fails if rows with NULL in {table}.{} were written since; scans the table under ACCESS EXCLUSIVE",
            column.name
        ))
        .sql(format!("ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL;"));
    ctx.push(up, vec![down]);
}
