//! Synthetic rows that satisfy a schema's constraints, so probes can test
//! behaviour (triggers, policies, partial uniques) on real rows.
//!
//! Values come from the *model* (logical type first, physical type as the
//! fallback, generated CHECKs honoured), not from the catalog: the probes
//! test whether the database behaves as the model says, so the model is the
//! oracle. Required foreign keys get a parent row first, recursively and in
//! the same tenant; nullable columns stay NULL; columns with a default or an
//! identity are left to the database. A process-wide counter feeds every
//! generated value, so unique constraints never collide between rows.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use plinth_model::{CheckExpr, Column, KeyKind, LogicalType, PhysicalType, Schema, Table};
use postgres::GenericClient;

use crate::error::describe_error;
use crate::sql::{ident, literal};

/// A value to put in a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    /// Text in the column type's input syntax, sent as a quoted literal
    /// (`'42'`, `'0190…'`, `'2024-01-02'`): PostgreSQL coerces an untyped
    /// literal to the column's type, so one representation fits every type.
    Text(String),
    /// A raw SQL expression, e.g. `gen_random_uuid()`.
    Sql(String),
    /// Generate a value even where the factory would otherwise leave the
    /// column to NULL or its default (e.g. nullable columns of a unique index).
    Generate,
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    /// The SQL to put in a VALUES list or a comparison.
    pub fn to_sql(&self) -> String {
        match self {
            Value::Null | Value::Generate => "NULL".to_string(),
            Value::Text(t) => literal(t),
            Value::Sql(s) => s.clone(),
        }
    }

    /// The raw text, for `Text` values.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// A row the factory inserted: every column's value as text (`col::text`),
/// and which columns identify it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub table: String,
    /// All columns of the row, in table order, as returned by the server.
    pub values: Vec<(String, Option<String>)>,
    /// The primary-key columns; all columns when the table has no primary key.
    pub key: Vec<String>,
}

impl Row {
    /// The value of `column` as text; `None` for NULL or an unknown column.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(c, _)| c == column)
            .and_then(|(_, v)| v.as_deref())
    }

    /// The value of `column` as a [`Value`] (`Null` for NULL).
    pub fn value(&self, column: &str) -> Value {
        self.get(column).map_or(Value::Null, Value::text)
    }

    /// `(column, text)` of the key columns.
    pub fn key_values(&self) -> Vec<(&str, Option<&str>)> {
        self.key.iter().map(|k| (k.as_str(), self.get(k))).collect()
    }

    /// SQL condition selecting exactly this row: `"id" = '…' AND …`.
    pub fn key_predicate(&self) -> String {
        let parts: Vec<String> = self
            .key_values()
            .into_iter()
            .map(|(c, v)| match v {
                Some(v) => format!("{} = {}", ident(c), literal(v)),
                None => format!("{} IS NULL", ident(c)),
            })
            .collect();
        if parts.is_empty() {
            "false".to_string()
        } else {
            parts.join(" AND ")
        }
    }
}

/// Why a row could not be synthesized.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SynthError {
    #[error("table {0} is not in the schema")]
    UnknownTable(String),
    #[error("column {column} is not in table {table}")]
    UnknownColumn { table: String, column: String },
    #[error("required foreign keys form a cycle through {0}; cannot choose which row comes first")]
    Cycle(String),
    #[error("the schema has no tenant root table (traits.tenant_root) to create tenants in")]
    NoTenantRoot,
    #[error("cannot synthesize a value for {table}.{column} of type {ty}")]
    Unsupported { table: String, column: String, ty: String },
    #[error("insert into {table} failed: {message}\n  {sql}")]
    Db {
        table: String,
        sql: String,
        message: String,
        code: Option<String>,
    },
}

impl SynthError {
    /// The SQLSTATE when the server rejected the row.
    pub fn code(&self) -> Option<&str> {
        match self {
            SynthError::Db { code, .. } => code.as_deref(),
            _ => None,
        }
    }
}

/// Process-wide, so two factories on one database never repeat a value.
static COUNTER: AtomicU64 = AtomicU64::new(1);

fn next() -> u64 {
    COUNTER.fetch_add(1, Ordering::Relaxed)
}

/// Inserts valid rows into the tables of a schema.
#[derive(Debug, Clone, Copy)]
pub struct RowFactory<'s> {
    schema: &'s Schema,
}

impl<'s> RowFactory<'s> {
    pub fn new(schema: &'s Schema) -> Self {
        RowFactory { schema }
    }

    pub fn schema(&self) -> &'s Schema {
        self.schema
    }

    /// The tenant root table (`traits.tenant_root`), if the schema has one.
    pub fn tenant_root(&self) -> Option<&'s Table> {
        self.schema.tables.iter().find(|t| t.traits.tenant_root)
    }

    /// Creates a tenant (a row of the tenant root) and returns its id, the
    /// value tenant columns and `app.tenant_id` hold.
    pub fn tenant(&self, client: &mut impl GenericClient) -> Result<Value, SynthError> {
        let root = self.tenant_root().ok_or(SynthError::NoTenantRoot)?;
        let row = self.insert(client, &root.name, None, &[])?;
        let key = tenant_key_column(root).ok_or(SynthError::NoTenantRoot)?;
        Ok(row.value(key))
    }

    /// Inserts one row into `table` and returns it. `tenant` fills the
    /// tenant column (a new tenant is created when it is `None`);
    /// `overrides` fix or force (`Value::Generate`) particular columns.
    pub fn insert(
        &self,
        client: &mut impl GenericClient,
        table: &str,
        tenant: Option<&Value>,
        overrides: &[(&str, Value)],
    ) -> Result<Row, SynthError> {
        let mut stack = Vec::new();
        self.insert_inner(client, table, tenant, overrides, &mut stack)
    }

    /// Like [`RowFactory::insert`], but only creates the parents and returns
    /// the INSERT for the row itself (with `RETURNING`), unexecuted. Probes
    /// use it to run the same row under another role or twice.
    pub fn insert_sql(
        &self,
        client: &mut impl GenericClient,
        table: &str,
        tenant: Option<&Value>,
        overrides: &[(&str, Value)],
    ) -> Result<String, SynthError> {
        let mut stack = Vec::new();
        self.plan(client, table, tenant, overrides, &mut stack)
    }

    /// Runs an INSERT built by [`RowFactory::insert_sql`] and reads the row.
    pub fn execute_insert(&self, client: &mut impl GenericClient, table: &str, sql: &str) -> Result<Row, SynthError> {
        let t = self.table(table)?;
        let rows = client.query(sql, &[]).map_err(|e| db_error(table, sql, &e))?;
        let row = rows.first().ok_or_else(|| SynthError::Db {
            table: table.to_string(),
            sql: sql.to_string(),
            message: "INSERT returned no row (a BEFORE INSERT trigger or rule skipped it)".into(),
            code: None,
        })?;
        let values = t
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.clone(), row.get::<_, Option<String>>(i)))
            .collect();
        let key = match &t.primary_key {
            Some(pk) => pk.columns.clone(),
            None => t.columns.iter().map(|c| c.name.clone()).collect(),
        };
        Ok(Row {
            table: table.to_string(),
            values,
            key,
        })
    }

    /// An assignment that changes the row without touching keys, for probes
    /// that need "some UPDATE": `(column, new value SQL, changes_data)`.
    /// Prefers a text-like user field (a fresh literal always differs); falls
    /// back to assigning the first key column to itself, which still fires
    /// UPDATE triggers but changes no data (`changes_data == false`).
    pub fn mutation(&self, table: &Table) -> (String, String, bool) {
        let in_fk = |c: &Column| table.foreign_keys.iter().any(|fk| fk.columns.contains(&c.name));
        let in_pk = |c: &Column| {
            table
                .primary_key
                .as_ref()
                .is_some_and(|pk| pk.columns.contains(&c.name))
        };
        let checked = |c: &Column, any: bool| {
            table.checks.iter().any(|k| {
                (k.expr.column() == Some(c.name.as_str())
                    && (any || matches!(k.expr, CheckExpr::InList { .. } | CheckExpr::Between { .. })))
                    // a verbatim `@check(rating BETWEEN 1 AND 5)`: an arbitrary new value may break it
                    || (any && matches!(&k.expr, CheckExpr::Sql(sql) if mentions(sql, &c.name)))
            })
        };
        let candidates: Vec<&Column> = table
            .columns
            .iter()
            .filter(|c| c.role == plinth_model::ColumnRole::Field && !in_fk(c) && !in_pk(c) && c.identity.is_none())
            .collect();
        let n = next();
        for c in &candidates {
            let texty = matches!(
                c.logical,
                LogicalType::Text | LogicalType::String(_) | LogicalType::Email | LogicalType::Slug | LogicalType::Url
            );
            if texty && !checked(c, false) {
                return (
                    c.name.clone(),
                    self.generate(table, c, n).unwrap_or_else(|_| "NULL".into()),
                    true,
                );
            }
        }
        for c in &candidates {
            let values = match (&c.logical, enum_values(table, c)) {
                (_, Some(v)) => v,
                (LogicalType::Enum { values, .. }, None) => values.clone(),
                _ => continue,
            };
            if values.len() >= 2 {
                let col = ident(&c.name);
                let expr = format!(
                    "CASE WHEN {col} = {} THEN {} ELSE {} END",
                    literal(&values[0]),
                    literal(&values[1]),
                    literal(&values[0])
                );
                return (c.name.clone(), expr, true);
            }
        }
        for c in &candidates {
            if checked(c, true) {
                continue;
            }
            let col = ident(&c.name);
            let expr = match c.logical {
                LogicalType::SmallInt | LogicalType::Int | LogicalType::BigInt => (n % 30_000 + 1).to_string(),
                LogicalType::Bool => format!("NOT coalesce({col}, false)"),
                LogicalType::Json => format!("jsonb_build_object('n', {n})"),
                LogicalType::Money | LogicalType::Decimal(..) | LogicalType::Float => {
                    format!("coalesce({col}, 0) + 1")
                }
                LogicalType::Timestamp => format!("coalesce({col}, now()) + interval '1 second'"),
                LogicalType::Date => format!("coalesce({col}, CURRENT_DATE) + 1"),
                _ => continue,
            };
            return (c.name.clone(), expr, true);
        }
        // No column to change: a no-op assignment still fires the UPDATE
        // triggers. Identity ALWAYS columns cannot even be assigned to
        // themselves, so pick the first column that is not one.
        let first = table
            .primary_key
            .iter()
            .flat_map(|pk| pk.columns.iter())
            .chain(table.columns.iter().map(|c| &c.name))
            .find(|name| table.column(name).is_some_and(|c| c.identity.is_none()))
            .cloned()
            .unwrap_or_default();
        let expr = ident(&first);
        (first, expr, false)
    }

    fn table(&self, name: &str) -> Result<&'s Table, SynthError> {
        self.schema
            .table(name)
            .ok_or_else(|| SynthError::UnknownTable(name.to_string()))
    }

    fn insert_inner(
        &self,
        client: &mut impl GenericClient,
        table: &str,
        tenant: Option<&Value>,
        overrides: &[(&str, Value)],
        stack: &mut Vec<String>,
    ) -> Result<Row, SynthError> {
        let sql = self.plan(client, table, tenant, overrides, stack)?;
        self.execute_insert(client, table, &sql)
    }

    /// Decides every column's value (inserting parents as needed) and
    /// returns the INSERT statement.
    fn plan(
        &self,
        client: &mut impl GenericClient,
        table: &str,
        tenant: Option<&Value>,
        overrides: &[(&str, Value)],
        stack: &mut Vec<String>,
    ) -> Result<String, SynthError> {
        let t = self.table(table)?;
        if stack.iter().any(|s| s == table) {
            return Err(SynthError::Cycle(table.to_string()));
        }
        for (c, _) in overrides {
            if !t.has_column(c) {
                return Err(SynthError::UnknownColumn {
                    table: table.to_string(),
                    column: c.to_string(),
                });
            }
        }
        stack.push(table.to_string());
        let result = self.plan_columns(client, t, tenant, overrides, stack);
        stack.pop();
        let assigned = result?;

        let returning = t
            .columns
            .iter()
            .map(|c| format!("{}::text", ident(&c.name)))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = if assigned.is_empty() {
            format!("INSERT INTO {} DEFAULT VALUES RETURNING {returning}", ident(&t.name))
        } else {
            let cols = assigned.iter().map(|(c, _)| ident(c)).collect::<Vec<_>>().join(", ");
            let vals = assigned.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>().join(", ");
            format!(
                "INSERT INTO {} ({cols}) VALUES ({vals}) RETURNING {returning}",
                ident(&t.name)
            )
        };
        Ok(sql)
    }

    /// `(column, SQL)` for every column given a value, in table order.
    fn plan_columns(
        &self,
        client: &mut impl GenericClient,
        t: &Table,
        tenant: Option<&Value>,
        overrides: &[(&str, Value)],
        stack: &mut Vec<String>,
    ) -> Result<Vec<(String, String)>, SynthError> {
        let mut values: Vec<(String, Option<Value>)> = t.columns.iter().map(|c| (c.name.clone(), None)).collect();
        let set = |values: &mut Vec<(String, Option<Value>)>, col: &str, v: Value| {
            if let Some(slot) = values.iter_mut().find(|(c, _)| c == col) {
                slot.1 = Some(v);
            }
        };
        let get = |values: &[(String, Option<Value>)], col: &str| -> Option<Value> {
            values.iter().find(|(c, _)| c == col).and_then(|(_, v)| v.clone())
        };
        for (c, v) in overrides {
            set(&mut values, c, v.clone());
        }
        // The tenant column: the given tenant, or a brand-new one.
        let mut tenant_value = tenant.cloned();
        if let Some(tc) = &t.tenant_column {
            match get(&values, tc) {
                Some(v) if v != Value::Generate => tenant_value = Some(v),
                _ => {
                    let v = match tenant_value.clone() {
                        Some(v) => v,
                        None => self.tenant(client)?,
                    };
                    set(&mut values, tc, v.clone());
                    tenant_value = Some(v);
                }
            }
        }
        // Required foreign keys: a parent row in the same tenant.
        for fk in &t.foreign_keys {
            let required = fk.columns.iter().any(|c| {
                let col = t.column(c);
                match get(&values, c) {
                    Some(Value::Generate) => true,
                    Some(_) => false,
                    None => col.is_some_and(|col| !col.nullable && col.default.is_none() && col.identity.is_none()),
                }
            });
            if !required {
                continue;
            }
            let mut parent_overrides: Vec<(&str, Value)> = Vec::new();
            for (c, rc) in fk.columns.iter().zip(&fk.ref_columns) {
                if let Some(v) = get(&values, c).filter(|v| *v != Value::Generate && *v != Value::Null) {
                    parent_overrides.push((rc.as_str(), v));
                }
            }
            let parent = self.insert_inner(client, &fk.ref_table, tenant_value.as_ref(), &parent_overrides, stack)?;
            for (c, rc) in fk.columns.iter().zip(&fk.ref_columns) {
                if matches!(get(&values, c), None | Some(Value::Generate)) {
                    set(&mut values, c, parent.value(rc));
                }
            }
        }
        // Everything else from the model.
        let n = next();
        let mut out = Vec::new();
        for c in &t.columns {
            let sql = match get(&values, &c.name) {
                Some(Value::Generate) => self.generate(t, c, n)?,
                Some(v) => v.to_sql(),
                None if c.nullable || c.default.is_some() || c.identity.is_some() => continue,
                None => self.generate(t, c, n)?,
            };
            out.push((c.name.clone(), sql));
        }
        Ok(out)
    }

    /// A SQL literal or expression for `column` that satisfies its type and
    /// its generated CHECKs; `n` makes it unique.
    fn generate(&self, t: &Table, c: &Column, n: u64) -> Result<String, SynthError> {
        let unsupported = || SynthError::Unsupported {
            table: t.name.clone(),
            column: c.name.clone(),
            ty: format!("{:?}", c.logical),
        };
        let mut min_len = 0u32;
        let mut max_len = u32::MAX;
        for k in t.checks.iter().filter(|k| k.expr.column() == Some(c.name.as_str())) {
            match &k.expr {
                CheckExpr::InList { values, .. } if !values.is_empty() => return Ok(literal(&values[0])),
                CheckExpr::Between { low, .. } => return Ok(literal(low)),
                CheckExpr::MaxLength { max, .. } => max_len = max_len.min(*max),
                CheckExpr::LengthBetween { min, max, .. } => {
                    min_len = min_len.max(*min);
                    max_len = max_len.min(*max);
                }
                _ => {}
            }
        }
        let text = |s: String| Ok(literal(&fit_length(s, min_len, max_len)));
        match &c.logical {
            LogicalType::Text => text(format!("t{n}")),
            LogicalType::String(len) => text(fit_length(format!("t{n}"), min_len, max_len.min(*len))),
            LogicalType::Email => text(format!("u{n}@example.com")),
            LogicalType::Slug => text(format!("s-{n}")),
            LogicalType::Url => text(format!("https://example.com/{n}")),
            LogicalType::SmallInt => Ok((n % 30_000 + 1).to_string()),
            LogicalType::Int | LogicalType::BigInt => Ok(n.to_string()),
            LogicalType::Decimal(p, s) => Ok(numeric(*p, *s, n % 1000)),
            LogicalType::Money => Ok(match c.physical {
                PhysicalType::Numeric(p, s) => numeric(p, s, 12),
                _ => "12.5".to_string(),
            }),
            // numeric(p, s) with 50 clipped to the integer digits stays in 0..100.
            LogicalType::Percent => Ok(match c.physical {
                PhysicalType::Numeric(p, s) => numeric(p, s, 50),
                _ => "50".to_string(),
            }),
            LogicalType::Float => Ok("1.5".to_string()),
            LogicalType::Bool => Ok("true".to_string()),
            LogicalType::Date => Ok("DATE '2024-01-02'".to_string()),
            LogicalType::Time => Ok("TIME '12:34:56'".to_string()),
            LogicalType::Timestamp => Ok("now()".to_string()),
            LogicalType::Duration => Ok("INTERVAL '1 hour'".to_string()),
            LogicalType::Uuid | LogicalType::Key(KeyKind::Uuidv7) => Ok("gen_random_uuid()".to_string()),
            LogicalType::Key(KeyKind::Cuid2) => Ok(literal(&cuid2(n))),
            LogicalType::Key(KeyKind::BigintIdentity) => Ok(n.to_string()),
            LogicalType::Json => Ok("'{}'".to_string()),
            LogicalType::Bytes => Ok("decode('00ff', 'hex')".to_string()),
            LogicalType::Enum { values, .. } => values.first().map(|v| literal(v)).ok_or_else(unsupported),
            LogicalType::Other(_) => self.generate_physical(c, n).ok_or_else(unsupported),
        }
    }

    fn generate_physical(&self, c: &Column, n: u64) -> Option<String> {
        Some(match &c.physical {
            PhysicalType::Text | PhysicalType::Varchar(None) => literal(&format!("t{n}")),
            // Short enough for any declared length of one or more.
            PhysicalType::Varchar(Some(_)) | PhysicalType::Char(_) => literal(&format!("{}", n % 10)),
            PhysicalType::Timestamp => "localtimestamp".into(),
            PhysicalType::Json => "'{}'".into(),
            PhysicalType::Real => "1.5".into(),
            PhysicalType::Array(_) => "'{}'".into(),
            PhysicalType::SmallInt => (n % 30_000 + 1).to_string(),
            PhysicalType::Integer | PhysicalType::BigInt => n.to_string(),
            PhysicalType::Numeric(p, s) => numeric(*p, *s, n % 1000),
            PhysicalType::Double => "1.5".into(),
            PhysicalType::Boolean => "true".into(),
            PhysicalType::Date => "DATE '2024-01-02'".into(),
            PhysicalType::Time => "TIME '12:34:56'".into(),
            PhysicalType::Timestamptz => "now()".into(),
            PhysicalType::Interval => "INTERVAL '1 hour'".into(),
            PhysicalType::Uuid => "gen_random_uuid()".into(),
            PhysicalType::Jsonb => "'{}'".into(),
            PhysicalType::Bytea => "decode('00ff', 'hex')".into(),
            // The first label of a native enum, read from the database.
            PhysicalType::Enum(name) => format!("(enum_range(NULL::{}))[1]", ident(name)),
            PhysicalType::Other(_) => return None,
        })
    }
}

/// The column tenant ids live in on the tenant root: its single-column key.
pub(crate) fn tenant_key_column(root: &Table) -> Option<&str> {
    match &root.primary_key {
        Some(pk) if pk.columns.len() == 1 => Some(pk.columns[0].as_str()),
        _ => None,
    }
}

fn enum_values(t: &Table, c: &Column) -> Option<Vec<String>> {
    t.checks.iter().find_map(|k| match &k.expr {
        CheckExpr::InList { column, values } if *column == c.name => Some(values.clone()),
        _ => None,
    })
}

/// A number that fits `numeric(p, s)`: the preferred integer part clipped to
/// the available integer digits, plus `.5` when there is a scale.
fn numeric(p: u32, s: u32, preferred: u64) -> String {
    let int_digits = p.saturating_sub(s).min(9);
    let max = 10u64.pow(int_digits).saturating_sub(1);
    let v = preferred.min(max);
    if s > 0 {
        format!("{v}.5")
    } else {
        v.to_string()
    }
}

fn fit_length(mut s: String, min: u32, max: u32) -> String {
    while (s.chars().count() as u32) < min {
        s.push('x');
    }
    let len = s.chars().count();
    if len as u32 > max {
        // Keep the first character (formats may want a letter there) and
        // the tail: the counter lives there, so short keys (`string(2)` as
        // a primary key) stay distinct.
        let max = max as usize;
        let head: String = s.chars().take(usize::from(max > 3)).collect();
        let tail: String = s.chars().skip(len - (max - head.len())).collect();
        s = head + &tail;
    }
    s
}

/// A CUID2-shaped id: 24 characters, lowercase base36, starting with a
/// letter. The counter is encoded in the tail so ids never repeat within a
/// process; the head is random so runs do not repeat each other.
pub fn cuid2(n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut h = RandomState::new().build_hasher();
    h.write_u64(n);
    let mut r = h.finish();
    let mut id = String::with_capacity(24);
    id.push((b'a' + (r % 26) as u8) as char);
    r /= 26;
    let mut tail = [b'0'; 13];
    let mut m = n;
    for slot in tail.iter_mut().rev() {
        *slot = DIGITS[(m % 36) as usize];
        m /= 36;
    }
    for _ in 0..10 {
        if r == 0 {
            r = RandomState::new().build_hasher().finish();
        }
        id.push(DIGITS[(r % 36) as usize] as char);
        r /= 36;
    }
    id.push_str(std::str::from_utf8(&tail).expect("ascii"));
    id
}

fn db_error(table: &str, sql: &str, e: &postgres::Error) -> SynthError {
    SynthError::Db {
        table: table.to_string(),
        sql: sql.to_string(),
        message: describe_error(e),
        code: e.code().map(|c| c.code().to_string()),
    }
}

/// Does verbatim SQL mention `column` as a word (not inside a longer name)?
fn mentions(sql: &str, column: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    sql.match_indices(column).any(|(i, _)| {
        let before = sql[..i].chars().next_back();
        let after = sql[i + column.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuid2_shape() {
        let a = cuid2(1);
        let b = cuid2(2);
        assert_eq!(a.len(), 24);
        assert_ne!(a, b);
        assert!(a.chars().next().unwrap().is_ascii_lowercase());
        assert!(a.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    }

    #[test]
    fn numerics_fit_precision() {
        assert_eq!(numeric(12, 2, 12), "12.5");
        assert_eq!(numeric(3, 2, 50), "9.5");
        assert_eq!(numeric(2, 2, 50), "0.5");
        assert_eq!(numeric(5, 0, 123_456), "99999");
    }

    #[test]
    fn text_lengths_fit() {
        assert_eq!(fit_length("t12345".into(), 0, 3), "345");
        assert_eq!(fit_length("t123456".into(), 0, 4), "t456");
        assert_eq!(fit_length("t1".into(), 4, 10), "t1xx");
    }
}
