//! Repartitioning a table (a plain table becomes partitioned, or the
//! partitioning changes): PostgreSQL cannot alter it in place, so the table
//! is rebuilt beside the old one. Expand: the new partitioned table and its
//! partitions under temporary names, and a trigger copying every write on
//! the old table; backfill: copy the rows in key batches; contract: swap
//! the names in one short transaction, then drop the old table.

use super::Ctx;
use crate::sql::{derived, q};
use crate::step::{Cost, Lock, Phase, Step};
use plinth_model::{Identity, Table};
use plinth_postgres::parts;

/// Index-backed constraint and index names of a table (they share the
/// schema's namespace with the old table's, so they are renamed around).
fn index_names(t: &Table) -> Vec<(bool, String)> {
    let mut v: Vec<(bool, String)> = Vec::new();
    if let Some(pk) = &t.primary_key {
        v.push((true, pk.name.clone()));
    }
    v.extend(t.uniques.iter().map(|u| (true, u.name.clone())));
    v.extend(t.indexes.iter().map(|i| (false, i.name.clone())));
    v
}

/// `ALTER TABLE t RENAME CONSTRAINT` / `ALTER INDEX RENAME` statements.
fn renames(
    table: &str,
    names: &[(bool, String)],
    from: impl Fn(&str) -> String,
    to: impl Fn(&str) -> String,
) -> Vec<String> {
    names
        .iter()
        .map(|(constraint, n)| {
            if *constraint {
                format!(
                    "ALTER TABLE {table} RENAME CONSTRAINT {} TO {};",
                    q(&from(n)),
                    q(&to(n))
                )
            } else {
                format!("ALTER INDEX {} RENAME TO {};", q(&from(n)), q(&to(n)))
            }
        })
        .collect()
}

pub(super) fn repartition(ctx: &mut Ctx, from: &Table, to: &Table, partitions: &[Table]) {
    let Some(pk) = from.primary_key.as_ref().filter(|p| !p.columns.is_empty()) else {
        ctx.notes.push(format!(
            "not planned: repartitioning {} needs a primary key on the old table to copy rows in batches",
            to.name
        ));
        return;
    };
    let referenced = ctx
        .from
        .tables
        .iter()
        .any(|t| t.foreign_keys.iter().any(|f| f.ref_table == from.name));
    if referenced {
        ctx.notes.push(format!(
            "not planned: repartitioning {}: other tables reference it with foreign keys",
            to.name
        ));
        return;
    }
    let v = ctx.v;
    let tmp = derived(&to.name, "__plinth_new");
    let old = derived(&from.name, "__plinth_old");
    let new_name = |n: &str| derived(n, "__pn");
    let old_name = |n: &str| derived(n, "__po");
    // The new table under temporary names.
    let mut staged = to.clone();
    staged.name = tmp.clone();
    if let Some(p) = &mut staged.primary_key {
        p.name = new_name(&p.name);
    }
    for u in &mut staged.uniques {
        u.name = new_name(&u.name);
    }
    for i in &mut staged.indexes {
        i.name = new_name(&i.name);
    }
    let cols: Vec<&str> = to
        .columns
        .iter()
        .filter(|c| from.has_column(&c.name) && c.generated.is_none())
        .map(|c| c.name.as_str())
        .collect();
    let list = cols.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ");
    let overriding = if to.columns.iter().any(|c| c.identity == Some(Identity::Always)) {
        " OVERRIDING SYSTEM VALUE"
    } else {
        ""
    };
    let (t_old, t_tmp, t_name) = (q(&from.name), q(&tmp), q(&to.name));
    let key = pk.columns.iter().map(|c| q(c)).collect::<Vec<_>>();
    let key_match = |a: &str, b: &str| {
        key.iter()
            .map(|k| format!("{a}.{k} = {b}.{k}"))
            .collect::<Vec<_>>()
            .join(" AND ")
    };
    let fname = derived(&format!("plinth_copy_{}", to.name), "");
    let new_values = cols
        .iter()
        .map(|c| format!("NEW.{}", q(c)))
        .collect::<Vec<_>>()
        .join(", ");
    let mut up = Step::new(
        format!("create_partitioned_{}", to.name),
        Phase::Expand,
        Lock::ShareRowExclusive,
        Cost::Catalog,
    )
    .note(format!(
        "{tmp} is the partitioned table; a trigger copies every write on {} into it",
        from.name
    ))
    .sql(format!("SET lock_timeout = {};", crate::sql::lit(&ctx.o.lock_timeout)))
    .sql(parts::create_table(
        &staged,
        &staged.foreign_keys.iter().collect::<Vec<_>>(),
        v,
    ));
    for p in partitions {
        let mut part = p.clone();
        if let Some(po) = &mut part.partition_of {
            po.parent = tmp.clone();
        }
        up = up.sql(parts::create_table(&part, &[], v));
    }
    for ix in &staged.indexes {
        up = up.sql(parts::create_index(&staged, ix, v));
    }
    up = up
        .sql(format!(
            "CREATE OR REPLACE FUNCTION {}() RETURNS trigger LANGUAGE plpgsql AS $plinth$\nBEGIN\n  IF TG_OP IN ('UPDATE', 'DELETE') THEN\n    DELETE FROM {t_tmp} n WHERE {};\n  END IF;\n  IF TG_OP IN ('INSERT', 'UPDATE') THEN\n    INSERT INTO {t_tmp} ({list}){overriding} VALUES ({new_values}) ON CONFLICT DO NOTHING;\n  END IF;\n  RETURN NULL;\nEND\n$plinth$;",
            q(&fname),
            key.iter().map(|k| format!("n.{k} = OLD.{k}")).collect::<Vec<_>>().join(" AND ")
        ))
        .sql(format!(
            "CREATE TRIGGER {} AFTER INSERT OR UPDATE OR DELETE ON {t_old} FOR EACH ROW EXECUTE FUNCTION {}();",
            q(&fname),
            q(&fname)
        ));
    let down = ctx
        .exclusive(format!("drop_partitioned_{}", to.name), Phase::Expand, Cost::Catalog)
        .sql(format!("DROP TRIGGER IF EXISTS {} ON {t_old};", q(&fname)))
        .sql(format!("DROP FUNCTION IF EXISTS {}();", q(&fname)))
        .sql(format!("DROP TABLE IF EXISTS {t_tmp};"));
    ctx.push(up, vec![down]);

    let order = key.join(", ");
    let up = Step::new(format!("copy_rows_{}", to.name), Phase::Backfill, Lock::RowExclusive, Cost::Scan)
        .batched()
        .note("copies rows not yet in the partitioned table, in key order; a row without a partition stops it")
        .sql(format!(
            "INSERT INTO {t_tmp} ({list}){overriding} SELECT {list} FROM {t_old} o WHERE NOT EXISTS (SELECT 1 FROM {t_tmp} n WHERE {}) ORDER BY {order} LIMIT {};",
            key_match("n", "o"),
            ctx.o.batch_size
        ));
    let down = ctx.nothing(
        format!("uncopy_rows_{}", to.name),
        Phase::Backfill,
        "the copy is dropped with the table",
    );
    ctx.push(up, vec![down]);

    // Swap: the old table and its index names step aside, the new take theirs.
    let old_names = index_names(from);
    let new_names = index_names(to);
    let mut up = ctx
        .exclusive(format!("swap_{}", to.name), Phase::Contract, Cost::Catalog)
        .note(format!(
            "{} becomes the partitioned table in one short transaction",
            to.name
        ))
        .sql(format!("DROP TRIGGER IF EXISTS {} ON {t_old};", q(&fname)))
        .sql(format!("DROP FUNCTION IF EXISTS {}();", q(&fname)))
        .sql(format!("ALTER TABLE {t_old} RENAME TO {};", q(&old)));
    for s in renames(&q(&old), &old_names, |n| n.to_string(), old_name) {
        up = up.sql(s);
    }
    up = up.sql(format!("ALTER TABLE {t_tmp} RENAME TO {t_name};"));
    for s in renames(&t_name, &new_names, new_name, |n| n.to_string()) {
        up = up.sql(s);
    }
    let mut down = ctx.exclusive(format!("unswap_{}", to.name), Phase::Contract, Cost::Catalog);
    for s in renames(&t_name, &new_names, |n| n.to_string(), new_name) {
        down = down.sql(s);
    }
    down = down.sql(format!("ALTER TABLE {t_name} RENAME TO {t_tmp};"));
    for s in renames(&q(&old), &old_names, old_name, |n| n.to_string()) {
        down = down.sql(s);
    }
    down = down.sql(format!("ALTER TABLE {} RENAME TO {t_old};", q(&old)));
    ctx.push(up, vec![down]);

    // Drop the old table; the down rebuilds it from the partitioned one.
    let up = ctx
        .exclusive(format!("drop_old_{}", from.name), Phase::Contract, Cost::Catalog)
        .note("its rows live on in the partitioned table")
        .sql(format!("DROP TABLE {};", q(&old)));
    let mut back = from.clone();
    back.name = old.clone();
    if let Some(p) = &mut back.primary_key {
        p.name = old_name(&p.name);
    }
    for u in &mut back.uniques {
        u.name = old_name(&u.name);
    }
    for i in &mut back.indexes {
        i.name = old_name(&i.name);
    }
    let from_cols: Vec<&str> = from
        .columns
        .iter()
        .filter(|c| to.has_column(&c.name) && c.generated.is_none())
        .map(|c| c.name.as_str())
        .collect();
    let from_list = from_cols.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ");
    let from_overriding = if from.columns.iter().any(|c| c.identity == Some(Identity::Always)) {
        " OVERRIDING SYSTEM VALUE"
    } else {
        ""
    };
    let mut down = ctx
        .exclusive(format!("restore_old_{}", from.name), Phase::Contract, Cost::Scan)
        .note("rebuilds the plain table and copies every row back while holding the lock")
        .sql(parts::create_table(
            &back,
            &back.foreign_keys.iter().collect::<Vec<_>>(),
            ctx.from.target.version,
        ));
    for ix in &back.indexes {
        down = down.sql(parts::create_index(&back, ix, ctx.from.target.version));
    }
    down = down.sql(format!(
        "INSERT INTO {} ({from_list}){from_overriding} SELECT {from_list} FROM {t_name};",
        q(&old)
    ));
    ctx.push(up, vec![down]);
}
