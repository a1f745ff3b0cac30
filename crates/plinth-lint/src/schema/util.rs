//! Facts several schema rules share: how findings name things, what a
//! money-like name is, which column holds the tenant, which columns a
//! sequence feeds.

use plinth_model::{Column, DefaultExpr, PhysicalType, Schema, SourceRef, Table};

/// `table t, column c`, the way findings name a column.
pub fn column_subject(table: &Table, column: &str) -> String {
    format!("{}, column {column}", super::table_subject(table))
}

/// The table and column a `table t, column c` subject names.
pub fn subject_parts(subject: &str) -> Option<(&str, Option<&str>)> {
    let rest = subject.strip_prefix("table ")?;
    let (table, tail) = match rest.split_once(", ") {
        Some((t, tail)) => (t, Some(tail)),
        None => (rest, None),
    };
    let table = table.rsplit('.').next().unwrap_or(table);
    Some((table, tail.and_then(|t| t.strip_prefix("column "))))
}

/// Where a column finding points: the column when known, else its table.
pub fn column_origin(table: &Table, column: &Column) -> Option<SourceRef> {
    column.origin.or(table.origin)
}

/// The snake-case words of an identifier.
pub fn words(name: &str) -> Vec<String> {
    name.split(['_', ' ', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect()
}

const MONEY_WORDS: &[&str] = &[
    "price", "amount", "cost", "total", "subtotal", "balance", "salary", "wage", "fee", "fees", "tax", "revenue",
    "budget", "money", "charge", "refund", "payment", "income", "expense", "credit", "debit", "invoice", "paid", "due",
    "tip", "freight",
];
const NOT_MONEY_WORDS: &[&str] = &[
    "count", "qty", "quantity", "number", "num", "percent", "pct", "rate", "ratio", "id", "date", "at", "time", "type",
    "status", "days", "weight", "score", "method", "code", "currency",
];

/// A name that holds an amount of money (`unit_price`, `total`), not a
/// count, rate or date about money (`total_count`, `tax_rate`, `due_date`).
pub fn is_money_name(name: &str) -> bool {
    let w = words(name);
    w.iter().any(|x| MONEY_WORDS.contains(&x.as_str())) && !w.iter().any(|x| NOT_MONEY_WORDS.contains(&x.as_str()))
}

/// Names that commonly hold a tenant.
const TENANT_NAMES: &[&str] = &[
    "tenant_id",
    "workspace_id",
    "organization_id",
    "organisation_id",
    "org_id",
];

/// The schema's tenant column name: the one the design declared, or a
/// conventional tenant column used by at least half the tables (and two).
pub fn schema_tenant_column(schema: &Schema) -> Option<String> {
    if let Some(t) = schema.tables.iter().find_map(|t| t.tenant_column.clone()) {
        return Some(t);
    }
    let tables = schema.tables.iter().filter(|t| t.partition_of.is_none()).count();
    TENANT_NAMES
        .iter()
        .map(|n| (n, schema.tables.iter().filter(|t| t.has_column(n)).count()))
        .filter(|(_, count)| *count >= 2 && *count * 2 >= tables)
        .max_by_key(|(_, count)| *count)
        .map(|(n, _)| n.to_string())
}

/// The tenant column of this table, if it has one.
pub fn tenant_column_of<'t>(table: &'t Table, schema_tenant: Option<&str>) -> Option<&'t str> {
    if let Some(t) = &table.tenant_column {
        return Some(t);
    }
    let name = schema_tenant?;
    table.column(name).map(|c| c.name.as_str())
}

/// The sequence a `nextval('seq')` default reads, unqualified.
pub fn nextval_sequence(column: &Column) -> Option<String> {
    let Some(DefaultExpr::Sql(sql)) = &column.default else {
        return None;
    };
    let rest = sql.split_once("nextval(")?.1;
    let quoted = rest.trim_start().strip_prefix('\'')?;
    let name = quoted.split('\'').next()?;
    let name = name.rsplit('.').next().unwrap_or(name).trim_matches('"');
    Some(name.to_string())
}

/// The column is filled by the database: identity, serial or a sequence.
pub fn is_generated_key(column: &Column) -> bool {
    column.identity.is_some() || nextval_sequence(column).is_some()
}

/// The column holds an enumeration: a native enum, a logical enum, or a
/// CHECK (col IN (...)).
pub fn is_enum_column(table: &Table, column: &Column) -> bool {
    matches!(column.physical, PhysicalType::Enum(_))
        || matches!(column.logical, plinth_model::LogicalType::Enum { .. })
        || table
            .checks
            .iter()
            .any(|c| matches!(&c.expr, plinth_model::CheckExpr::InList { column: col, .. } if *col == column.name))
}

/// Type families: types that differ only in a length or precision are the
/// same family (`varchar(20)`, `varchar(40)` and `text` are all `text`);
/// every enum is `enum`.
pub fn type_family(ty: &PhysicalType) -> String {
    match ty {
        PhysicalType::Varchar(_) | PhysicalType::Text => "text".into(),
        PhysicalType::Char(_) => "char".into(),
        PhysicalType::Numeric(..) => "numeric".into(),
        PhysicalType::Enum(_) => "enum".into(),
        other => other.to_string(),
    }
}

/// Columns a vocabulary row has besides its key.
const VOCABULARY: &[&str] = &[
    "name",
    "code",
    "label",
    "title",
    "description",
    "abbreviation",
    "symbol",
    "sort_order",
    "position",
    "active",
    "is_active",
    "last_update",
    "created_at",
    "updated_at",
];

/// A vocabulary (lookup) table: at most five columns, and besides the key
/// only names, codes, labels, descriptions and timestamps (`language`,
/// `country (country_id, country, last_update)`).
pub fn is_vocabulary_table(t: &Table) -> bool {
    let singular = plinth_model::naming::singularize(&t.name.to_ascii_lowercase());
    let key: Vec<&str> = t
        .primary_key
        .iter()
        .flat_map(|p| p.columns.iter().map(String::as_str))
        .collect();
    t.columns.len() <= 5
        && t.columns.len() > key.len()
        && t.columns.iter().all(|c| {
            let n = c.name.to_ascii_lowercase();
            key.contains(&c.name.as_str())
                || VOCABULARY.contains(&n.as_str())
                || n.strip_prefix(&format!("{singular}_"))
                    .is_some_and(|rest| VOCABULARY.contains(&rest))
                || n == singular
        })
}

/// The foreign keys of a table and, for a partitioned table, of its
/// partitions (older dumps declare them per partition).
pub fn effective_fks<'s>(schema: &'s Schema, table: &'s Table) -> Vec<&'s plinth_model::ForeignKey> {
    let mut fks: Vec<&plinth_model::ForeignKey> = table.foreign_keys.iter().collect();
    if table.partitioning.is_some() {
        for p in schema
            .tables
            .iter()
            .filter(|p| p.partition_of.as_ref().is_some_and(|o| o.parent == table.name))
        {
            fks.extend(p.foreign_keys.iter());
        }
    }
    fks
}

/// Every column that some foreign key of the table uses.
pub fn fk_columns(table: &Table) -> impl Iterator<Item = &str> {
    table
        .foreign_keys
        .iter()
        .flat_map(|fk| fk.columns.iter().map(String::as_str))
}

/// The table a foreign key or name points at, by unqualified name.
pub fn table_named<'s>(schema: &'s Schema, name: &str) -> Option<&'s Table> {
    schema.tables.iter().find(|t| t.name == name)
}

/// Key elements of every index-like structure of a table: the primary key,
/// unique constraints and indexes, as (name, columns or expressions,
/// unique, has predicate, is btree, origin).
pub struct KeyStructure<'t> {
    pub name: &'t str,
    pub kind: &'static str,
    pub keys: Vec<String>,
    pub unique: bool,
    pub predicate: Option<String>,
    pub btree: bool,
    pub origin: Option<SourceRef>,
}

pub fn key_structures(table: &Table) -> Vec<KeyStructure<'_>> {
    let mut out = Vec::new();
    if let Some(pk) = &table.primary_key {
        out.push(KeyStructure {
            name: &pk.name,
            kind: "primary key",
            keys: pk.columns.clone(),
            unique: true,
            predicate: None,
            btree: true,
            origin: table.origin,
        });
    }
    for u in &table.uniques {
        out.push(KeyStructure {
            name: &u.name,
            kind: "unique constraint",
            keys: u.columns.clone(),
            unique: true,
            predicate: None,
            btree: true,
            origin: u.origin.or(table.origin),
        });
    }
    for i in &table.indexes {
        let keys = i
            .elements
            .iter()
            .map(|e| {
                let key = match &e.key {
                    plinth_model::IndexKey::Column(c) => c.clone(),
                    plinth_model::IndexKey::Expr(x) => format!("({x})"),
                };
                let mut k = key;
                if e.descending {
                    k.push_str(" DESC");
                }
                if let Some(c) = &e.collation {
                    k.push_str(" COLLATE ");
                    k.push_str(c);
                }
                if let Some(op) = &e.opclass {
                    k.push(' ');
                    k.push_str(op);
                }
                k
            })
            .collect();
        out.push(KeyStructure {
            name: &i.name,
            kind: if i.unique { "unique index" } else { "index" },
            keys,
            unique: i.unique,
            predicate: i.predicate.as_ref().map(|p| format!("{p:?}")),
            btree: i.method == plinth_model::IndexMethod::BTree,
            origin: i.origin.or(table.origin),
        });
    }
    out
}
