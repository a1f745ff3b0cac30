//! One canonical SQL spelling per model object (types, defaults, checks,
//! predicates, policies, index keys), so that comparison is by text.

use super::{boolean_literal, expr, squash, CompareOptions};
use crate::types::{CheckExpr, DefaultExpr, Literal, PhysicalType, PolicyExpr, Predicate};
use crate::{Column, IndexKey, PolicyCommand};

pub(super) fn key_sql(o: &CompareOptions, k: &IndexKey) -> String {
    match k {
        IndexKey::Column(c) => c.clone(),
        IndexKey::Expr(e) => {
            // A bare column written as an expression is that column.
            let e = expr(o, e);
            e.trim_matches('"').to_string()
        }
    }
}

pub(super) fn index_sql(o: &CompareOptions, i: &crate::Index) -> String {
    let els: Vec<String> = i
        .elements
        .iter()
        .map(|e| {
            let mut s = key_sql(o, &e.key);
            if let Some(c) = &e.collation {
                s.push_str(&format!(" collate {}", c.trim_matches('"')));
            }
            if let Some(op) = &e.opclass {
                s.push_str(&format!(" {op}"));
            }
            if e.descending {
                s.push_str(" desc");
            }
            match e.nulls_first {
                Some(true) => s.push_str(" nulls first"),
                Some(false) => s.push_str(" nulls last"),
                None => {}
            }
            s
        })
        .collect();
    let name = if o.index_names {
        format!("{} ", i.name)
    } else {
        String::new()
    };
    format!(
        "{name}{}{:?} ({}){}{}{}",
        if i.unique { "unique " } else { "" },
        i.method,
        els.join(", "),
        if i.include.is_empty() {
            String::new()
        } else {
            format!(" include ({})", i.include.join(", "))
        },
        if i.nulls_not_distinct {
            " nulls not distinct"
        } else {
            ""
        },
        i.predicate
            .as_ref()
            .map_or(String::new(), |p| format!(" where {}", expr(o, &predicate_sql(p)))),
    )
}

pub(super) fn command(c: PolicyCommand) -> &'static str {
    match c {
        PolicyCommand::All => "all",
        PolicyCommand::Select => "select",
        PolicyCommand::Insert => "insert",
        PolicyCommand::Update => "update",
        PolicyCommand::Delete => "delete",
    }
}

/// A canonical spelling of a physical type: aliases folded together.
pub fn type_key(t: &PhysicalType) -> String {
    match t {
        PhysicalType::Text => "text".into(),
        PhysicalType::SmallInt => "smallint".into(),
        PhysicalType::Integer => "integer".into(),
        PhysicalType::BigInt => "bigint".into(),
        PhysicalType::Numeric(p, s) => format!("numeric({p},{s})"),
        PhysicalType::Double => "double precision".into(),
        PhysicalType::Boolean => "boolean".into(),
        PhysicalType::Date => "date".into(),
        PhysicalType::Time => "time without time zone".into(),
        PhysicalType::Timestamptz => "timestamp with time zone".into(),
        PhysicalType::Interval => "interval".into(),
        PhysicalType::Uuid => "uuid".into(),
        PhysicalType::Jsonb => "jsonb".into(),
        PhysicalType::Bytea => "bytea".into(),
        PhysicalType::Varchar(Some(n)) => format!("character varying({n})"),
        PhysicalType::Varchar(None) => "character varying".into(),
        PhysicalType::Char(Some(n)) => format!("character({n})"),
        PhysicalType::Char(None) => "character(1)".into(),
        PhysicalType::Timestamp => "timestamp without time zone".into(),
        PhysicalType::Json => "json".into(),
        PhysicalType::Real => "real".into(),
        PhysicalType::Array(inner) => format!("{}[]", type_key(inner)),
        PhysicalType::Enum(n) => n.trim_start_matches("public.").to_string(),
        PhysicalType::Other(s) => {
            let s = squash(s);
            let lower = if s.contains('"') {
                s.clone()
            } else {
                s.to_ascii_lowercase()
            };
            let lower = lower.trim_start_matches("pg_catalog.").trim_start_matches("public.");
            match lower {
                "int" | "int4" => "integer".into(),
                "int8" => "bigint".into(),
                "int2" => "smallint".into(),
                "float8" => "double precision".into(),
                "float4" => "real".into(),
                "bool" => "boolean".into(),
                "timestamptz" => "timestamp with time zone".into(),
                "timetz" => "time with time zone".into(),
                "varchar" => "character varying".into(),
                "decimal" => "numeric".into(),
                other => other.to_string(),
            }
        }
    }
}

pub(super) fn quote(name: &str) -> String {
    let plain = name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

pub(super) fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Neutral SQL of a default, for comparison.
pub(super) fn default_sql(d: &DefaultExpr) -> String {
    match d {
        DefaultExpr::Literal(Literal::Str(s)) => lit(s),
        DefaultExpr::Literal(Literal::Number(n)) => n.clone(),
        DefaultExpr::Literal(Literal::Bool(b)) => b.to_string(),
        DefaultExpr::Now => "now()".into(),
        DefaultExpr::CurrentDate => "CURRENT_DATE".into(),
        DefaultExpr::Uuidv7 => "uuidv7()".into(),
        DefaultExpr::CurrentActor => "current_actor()".into(),
        DefaultExpr::Sql(s) => s.clone(),
    }
}

/// Neutral SQL of a check, for comparison.
pub fn check_sql(c: &CheckExpr) -> String {
    match c {
        CheckExpr::MaxLength { column, max } => format!("char_length({}) <= {max}", quote(column)),
        CheckExpr::LengthBetween { column, min, max } => {
            format!("char_length({}) BETWEEN {min} AND {max}", quote(column))
        }
        CheckExpr::Matches { column, pattern } => format!("{} ~ {}", quote(column), lit(pattern)),
        CheckExpr::InList { column, values } => format!(
            "{} IN ({})",
            quote(column),
            values.iter().map(|v| lit(v)).collect::<Vec<_>>().join(", ")
        ),
        CheckExpr::Between { column, low, high } => format!("{} BETWEEN {low} AND {high}", quote(column)),
        CheckExpr::NotNull { column } => format!("{} IS NOT NULL", quote(column)),
        CheckExpr::Sql(s) => s.clone(),
        CheckExpr::All(parts) => parts.iter().map(check_sql).collect::<Vec<_>>().join(" AND "),
    }
}

pub(super) fn predicate_sql(p: &Predicate) -> String {
    match p {
        Predicate::IsNull(c) => format!("{} IS NULL", quote(c)),
        Predicate::Sql(s) => s.clone(),
    }
}

pub(super) fn policy_sql(p: &PolicyExpr) -> String {
    match p {
        PolicyExpr::SessionMatch {
            column,
            setting,
            or_null,
            ..
        } => {
            let m = format!("{} = current_setting({})", quote(column), lit(setting));
            if *or_null {
                format!("{} IS NULL OR {m}", quote(column))
            } else {
                m
            }
        }
        PolicyExpr::Sql(s) => s.clone(),
    }
}

/// The comparison key of an expression (defaults, checks, predicates):
/// what [`compare`] compares, for callers matching objects themselves
/// (`plinth diff`).
pub fn expr_key(o: &CompareOptions, sql: &str) -> String {
    expr(o, sql)
}

/// The comparison key of a column's default (`none` without one).
pub fn default_key(o: &CompareOptions, c: &Column) -> String {
    c.default.as_ref().map_or("none".to_string(), |d| {
        let e = expr(o, &default_sql(d));
        if c.physical == PhysicalType::Boolean {
            boolean_literal(&e).map_or(e, str::to_string)
        } else {
            e
        }
    })
}

/// The comparison key of an index definition (its name only with
/// `index_names`).
pub fn index_key(o: &CompareOptions, i: &crate::Index) -> String {
    index_sql(o, i)
}
