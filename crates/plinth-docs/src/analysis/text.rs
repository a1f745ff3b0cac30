//! Human-readable text for the model's neutral types and expressions.
//!
//! Documents show PostgreSQL spellings (the only target today) but never
//! quote identifiers: a reader wants `char_length(title) <= 200`, not DDL.
//! Matches keep a fallback arm so a variant added to the model later (an
//! importer's type) still renders something readable instead of failing to
//! compile every document.

use plinth_model::{
    CheckExpr, DefaultExpr, DialectKind, FkAction, Identity, IndexElement, IndexKey, IndexMethod, KeyKind, Literal,
    LogicalType, PhysicalType, PolicyExpr, Predicate, Target,
};

/// `PostgreSQL 15`.
pub fn target(t: &Target) -> String {
    #[allow(unreachable_patterns)]
    let dialect = match t.dialect {
        DialectKind::Postgres => "PostgreSQL".to_string(),
        other => format!("{other:?}"),
    };
    format!("{dialect} {}", t.version)
}

/// Longest identifier the target accepts, in bytes.
pub fn max_identifier_bytes(t: &Target) -> usize {
    #[allow(unreachable_patterns)]
    match t.dialect {
        DialectKind::Postgres => 63,
        _ => 64,
    }
}

/// What the designer wrote: `string(200)`, `money`, `enum(todo, done)`.
pub fn logical(t: &LogicalType) -> String {
    #[allow(unreachable_patterns)]
    match t {
        LogicalType::Text => "text".into(),
        LogicalType::String(n) => format!("string({n})"),
        LogicalType::Email => "email".into(),
        LogicalType::Slug => "slug".into(),
        LogicalType::Url => "url".into(),
        LogicalType::SmallInt => "smallint".into(),
        LogicalType::Int => "int".into(),
        LogicalType::BigInt => "bigint".into(),
        LogicalType::Decimal(p, s) => format!("decimal({p}, {s})"),
        LogicalType::Money => "money".into(),
        LogicalType::Percent => "percent".into(),
        LogicalType::Float => "float".into(),
        LogicalType::Bool => "bool".into(),
        LogicalType::Date => "date".into(),
        LogicalType::Time => "time".into(),
        LogicalType::Timestamp => "timestamp".into(),
        LogicalType::Duration => "duration".into(),
        LogicalType::Uuid => "uuid".into(),
        LogicalType::Json => "json".into(),
        LogicalType::Bytes => "bytes".into(),
        LogicalType::Enum { values, .. } => format!("enum({})", values.join(", ")),
        LogicalType::Key(k) => format!("key ({})", key_kind(*k)),
        LogicalType::Other(s) => s.clone(),
        other => debug_fallback(other),
    }
}

fn key_kind(k: KeyKind) -> &'static str {
    match k {
        KeyKind::Uuidv7 => "uuidv7",
        KeyKind::Cuid2 => "cuid2",
        KeyKind::BigintIdentity => "bigint identity",
    }
}

/// What the database stores, in PostgreSQL spelling: `numeric(19,4)`.
pub fn physical(t: &PhysicalType) -> String {
    #[allow(unreachable_patterns)]
    match t {
        PhysicalType::Text => "text".into(),
        PhysicalType::SmallInt => "smallint".into(),
        PhysicalType::Integer => "integer".into(),
        PhysicalType::BigInt => "bigint".into(),
        PhysicalType::Numeric(p, s) => format!("numeric({p},{s})"),
        PhysicalType::Double => "double precision".into(),
        PhysicalType::Boolean => "boolean".into(),
        PhysicalType::Date => "date".into(),
        PhysicalType::Time => "time".into(),
        PhysicalType::Timestamptz => "timestamptz".into(),
        PhysicalType::Interval => "interval".into(),
        PhysicalType::Uuid => "uuid".into(),
        PhysicalType::Jsonb => "jsonb".into(),
        PhysicalType::Bytea => "bytea".into(),
        PhysicalType::Enum(name) => name.clone(),
        PhysicalType::Other(s) => s.clone(),
        other => debug_fallback(other),
    }
}

/// `Varchar(Some(20))` → `varchar(20)`, `Array(Text)` → `array(text)`:
/// readable enough for a variant this module does not know yet.
fn debug_fallback(v: &impl std::fmt::Debug) -> String {
    let mut s = format!("{v:?}").to_lowercase().replace("(none)", "");
    while let Some(i) = s.find("some(") {
        s.replace_range(i..i + 5, "");
        if let Some(close) = s[i..].find(')').map(|j| i + j) {
            s.remove(close);
        }
    }
    s
}

/// The logical type, and the stored one when it differs: `money → numeric(19,4)`.
pub fn column_type(logical_type: &LogicalType, physical_type: &PhysicalType) -> String {
    let l = logical(logical_type);
    let p = physical(physical_type);
    if l == p {
        p
    } else {
        format!("{l} → {p}")
    }
}

pub fn literal(l: &Literal) -> String {
    match l {
        Literal::Str(s) => format!("'{}'", s.replace('\'', "''")),
        Literal::Number(n) => n.clone(),
        Literal::Bool(b) => b.to_string(),
    }
}

/// A default as a reader understands it (`now()`, `'free'`,
/// `current_setting('app.actor_id')`).
pub fn default(d: &DefaultExpr) -> String {
    match d {
        DefaultExpr::Literal(l) => literal(l),
        DefaultExpr::Now => "now()".into(),
        DefaultExpr::CurrentDate => "current_date".into(),
        DefaultExpr::Uuidv7 => "uuidv7()".into(),
        DefaultExpr::CurrentActor => "current_setting('app.actor_id')".into(),
        DefaultExpr::Sql(s) => s.clone(),
    }
}

pub fn identity(i: Identity) -> &'static str {
    match i {
        Identity::Always => "generated always as identity",
        Identity::ByDefault => "generated by default as identity",
    }
}

pub fn check(c: &CheckExpr) -> String {
    match c {
        CheckExpr::MaxLength { column, max } => format!("char_length({column}) <= {max}"),
        CheckExpr::LengthBetween { column, min, max } => format!("char_length({column}) BETWEEN {min} AND {max}"),
        CheckExpr::Matches { column, pattern } => format!("{column} ~ '{}'", pattern.replace('\'', "''")),
        CheckExpr::InList { column, values } => format!(
            "{column} IN ({})",
            values
                .iter()
                .map(|v| format!("'{}'", v.replace('\'', "''")))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        CheckExpr::Between { column, low, high } => format!("{column} BETWEEN {low} AND {high}"),
        CheckExpr::NotNull { column } => format!("{column} IS NOT NULL"),
        CheckExpr::Sql(s) => s.clone(),
        CheckExpr::All(parts) => parts.iter().map(check).collect::<Vec<_>>().join(" AND "),
    }
}

pub fn predicate(p: &Predicate) -> String {
    match p {
        Predicate::IsNull(c) => format!("{c} IS NULL"),
        Predicate::Sql(s) => s.clone(),
    }
}

pub fn policy(p: &PolicyExpr) -> String {
    match p {
        PolicyExpr::SessionMatch {
            column,
            setting,
            or_null,
            ..
        } => {
            let m = format!("{column} = current_setting('{setting}')");
            if *or_null {
                format!("{column} IS NULL OR {m}")
            } else {
                m
            }
        }
        PolicyExpr::Sql(s) => s.clone(),
    }
}

/// `CASCADE`, `SET NULL`, ...
pub fn fk_action(a: FkAction) -> &'static str {
    match a {
        FkAction::NoAction => "NO ACTION",
        FkAction::Restrict => "RESTRICT",
        FkAction::Cascade => "CASCADE",
        FkAction::SetNull => "SET NULL",
        FkAction::SetDefault => "SET DEFAULT",
    }
}

pub fn index_method(m: IndexMethod) -> &'static str {
    match m {
        IndexMethod::BTree => "btree",
        IndexMethod::Hash => "hash",
        IndexMethod::Gin => "gin",
        IndexMethod::Gist => "gist",
        IndexMethod::Brin => "brin",
    }
}

/// `created_at DESC`, `(lower(email))`.
pub fn index_element(e: &IndexElement) -> String {
    let key = match &e.key {
        IndexKey::Column(c) => c.clone(),
        IndexKey::Expr(x) => format!("({x})"),
    };
    if e.descending {
        format!("{key} DESC")
    } else {
        key
    }
}

/// Row counts as people write them: 20K, 1.5M, 10M.
pub fn count(n: u64) -> String {
    let (div, unit) = match n {
        n if n >= 1_000_000_000 => (1_000_000_000, "B"),
        n if n >= 1_000_000 => (1_000_000, "M"),
        n if n >= 1_000 => (1_000, "K"),
        _ => return n.to_string(),
    };
    let whole = n / div;
    let tenth = (n % div) * 10 / div;
    if tenth == 0 || whole >= 100 {
        format!("{whole}{unit}")
    } else {
        format!("{whole}.{tenth}{unit}")
    }
}

/// `200/s`, `0.5/s`.
pub fn rate(per_second: f64) -> String {
    let s = format!("{per_second:.2}");
    format!("{}/s", s.trim_end_matches('0').trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_like_volumes() {
        assert_eq!(count(999), "999");
        assert_eq!(count(20_000), "20K");
        assert_eq!(count(1_500_000), "1.5M");
        assert_eq!(count(10_000_000), "10M");
        assert_eq!(count(250_000_000), "250M");
    }

    #[test]
    fn unknown_variants_render_readably() {
        #[derive(Debug)]
        #[allow(dead_code)]
        enum Future {
            Varchar(Option<u32>),
            Json,
        }
        assert_eq!(debug_fallback(&Future::Varchar(Some(20))), "varchar(20)");
        assert_eq!(debug_fallback(&Future::Varchar(None)), "varchar");
        assert_eq!(debug_fallback(&Future::Json), "json");
    }

    #[test]
    fn types_show_logical_then_physical() {
        assert_eq!(
            column_type(&LogicalType::Money, &PhysicalType::Numeric(19, 4)),
            "money → numeric(19,4)"
        );
        assert_eq!(column_type(&LogicalType::Text, &PhysicalType::Text), "text");
        assert_eq!(rate(200.0), "200/s");
        assert_eq!(rate(0.5), "0.5/s");
        assert_eq!(rate(100.0), "100/s");
    }
}
