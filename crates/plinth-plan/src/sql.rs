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

/// One batch of a backfill setting `column` (quoted) to `value` where
/// `todo` holds, repeated by the runner until it reports 0 rows.
///
/// With a single-column primary key it is a keyset walk: the next key to
/// start from is kept in a session setting (`plinth.cursor_<table>_<column>`),
/// so every batch is one range scan of the primary-key index (`key >= x`,
/// never an `OR` that would hide the index) instead of a re-scan of the rows
/// already done (which made the backfill quadratic). The setting is written
/// by a one-time filter, so it is updated even when the batch is empty:
/// `'done'` after the last key, then cleared (`''`) by the empty batch that
/// ends the step, so a later walk in the same session starts afresh. Every
/// row of the batch is touched, but only a row where `todo` holds gets
/// `value` (re-checked on the latest row version, so a value the application
/// wrote meanwhile is kept). After a crash the new session starts from the
/// first key again, which is safe.
/// Other keys fall back to `todo` rows picked by key, in the same shape.
pub(crate) fn batch_update(table: &str, t: &Table, column: &str, value: &str, todo: &str, n: u32) -> String {
    let key = row_key(t);
    let single = t
        .primary_key
        .as_ref()
        .filter(|pk| pk.columns.len() == 1)
        .and_then(|pk| t.column(&pk.columns[0]));
    if let Some(k) = single {
        let ty = plinth_postgres::parts::column_type(k);
        let name = format!("plinth.cursor_{}", cursor_name(&t.name, column));
        let cur = format!("current_setting('{name}', true)");
        return format!(
            "WITH batch AS MATERIALIZED (\n  SELECT {key} FROM {table}\n  WHERE {cur} IS DISTINCT FROM 'done'\n    \
             AND {key} >= COALESCE(NULLIF(NULLIF({cur}, ''), 'done')::{ty}, \
             (SELECT {key} FROM {table} ORDER BY {key} LIMIT 1))\n  ORDER BY {key} LIMIT {n}\n), cursor AS (\n  \
             SELECT set_config('{name}', CASE WHEN NOT EXISTS (SELECT 1 FROM batch) THEN '' ELSE COALESCE((\
             SELECT {key} FROM {table} WHERE {key} > (SELECT {key} FROM batch ORDER BY {key} DESC LIMIT 1) \
             ORDER BY {key} LIMIT 1)::text, 'done') END, false) AS next\n)\n\
             UPDATE {table} SET {column} = CASE WHEN {todo} THEN {value} ELSE {column} END\n\
             WHERE (SELECT next FROM cursor) IS NOT NULL AND {key} = ANY (ARRAY(SELECT {key} FROM batch));"
        );
    }
    let order = if key == "ctid" {
        String::new()
    } else {
        format!(" ORDER BY {key}")
    };
    format!(
        "UPDATE {table} SET {column} = {value} WHERE {key} = ANY (ARRAY(SELECT {key} FROM {table} WHERE {todo}{order} \
         LIMIT {n}));"
    )
}

/// A setting-name-safe suffix: lower-case letters, digits and `_` only.
fn cursor_name(table: &str, column: &str) -> String {
    format!("{table}_{column}")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
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
