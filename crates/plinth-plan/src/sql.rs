//! Small SQL builders shared by the recipes.

use plinth_model::{Column, Table};
use plinth_postgres::quote::{ident, literal};

pub(crate) fn q(name: &str) -> String {
    ident(name)
}

pub(crate) fn lit(s: &str) -> String {
    literal(s)
}

/// A generated identifier: `base` + `suffix`, cut to 63 bytes.
pub(crate) fn derived(base: &str, suffix: &str) -> String {
    let mut b = base.to_string();
    while b.len() + suffix.len() > 63 {
        b.pop();
    }
    format!("{b}{suffix}")
}

/// `CREATE [UNIQUE] INDEX` → `CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS`.
pub(crate) fn concurrently(create_index: &str) -> String {
    for head in ["CREATE UNIQUE INDEX ", "CREATE INDEX "] {
        if let Some(rest) = create_index.strip_prefix(head) {
            return format!("{head}CONCURRENTLY IF NOT EXISTS {rest}");
        }
    }
    create_index.to_string()
}

/// The key a batched backfill walks: the primary key, or `ctid`.
pub(crate) fn row_key(t: &Table) -> String {
    match &t.primary_key {
        Some(pk) if !pk.columns.is_empty() => {
            let cols: Vec<String> = pk.columns.iter().map(|c| ident(c)).collect();
            if cols.len() == 1 {
                cols[0].clone()
            } else {
                format!("({})", cols.join(", "))
            }
        }
        _ => "ctid".into(),
    }
}

/// One batch: `UPDATE t SET <set> WHERE key IN (SELECT key FROM t WHERE
/// <todo> ORDER BY key LIMIT n)`, repeated until it updates no row.
pub(crate) fn batch_update(table: &str, t: &Table, set: &str, todo: &str, n: u32) -> String {
    let key = row_key(t);
    let order = if key == "ctid" {
        String::new()
    } else {
        format!(" ORDER BY {key}")
    };
    format!("UPDATE {table} SET {set} WHERE {key} IN (SELECT {key} FROM {table} WHERE {todo}{order} LIMIT {n});")
}

/// A literal of the column's type for rows that need a value and have none.
pub(crate) fn zero_value(c: &Column) -> String {
    use plinth_model::PhysicalType as P;
    match &c.physical {
        P::SmallInt | P::Integer | P::BigInt | P::Numeric(..) | P::Double | P::Real => "0".into(),
        P::Boolean => "false".into(),
        P::Date => "CURRENT_DATE".into(),
        P::Time => "'00:00'".into(),
        P::Timestamptz | P::Timestamp => "now()".into(),
        P::Interval => "'0'::interval".into(),
        P::Uuid => "'00000000-0000-0000-0000-000000000000'".into(),
        P::Jsonb | P::Json => "'{}'".into(),
        P::Bytea => "''::bytea".into(),
        P::Array(_) => "'{}'".into(),
        P::Enum(_) | P::Other(_) => "NULL /* choose a value */".into(),
        _ => "''".into(),
    }
}
