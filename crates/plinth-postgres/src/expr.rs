//! Rendering of the model's neutral types and expressions in PostgreSQL.

use crate::quote::{ident, literal};
use plinth_model::{CheckExpr, Column, DefaultExpr, FkAction, Literal, PhysicalType, PolicyExpr, Predicate};

/// Session setting carrying the acting user's id (audit columns).
pub const ACTOR_SETTING: &str = "app.actor_id";
/// PostgreSQL got a built-in uuidv7() in 18.
const BUILTIN_UUIDV7_SINCE: u32 = 18;

pub fn physical(t: &PhysicalType) -> String {
    match t {
        // Enum type names are identifiers: quoted when they must be.
        PhysicalType::Enum(name) => ident(name),
        PhysicalType::Array(inner) => format!("{}[]", physical(inner)),
        other => other.to_string(),
    }
}

pub fn literal_value(l: &Literal) -> String {
    match l {
        Literal::Str(s) => literal(s),
        Literal::Number(n) => n.clone(),
        Literal::Bool(true) => "true".into(),
        Literal::Bool(false) => "false".into(),
    }
}

/// `nullif(current_setting('x', true), '')` cast to `ty` (no cast for text).
pub fn session_value(setting: &str, ty: &PhysicalType) -> String {
    let raw = format!("nullif(current_setting({}, true), '')", literal(setting));
    match ty {
        PhysicalType::Text => raw,
        other => format!("{raw}::{}", physical(other)),
    }
}

pub fn default(d: &DefaultExpr, column: &Column, version: u32) -> String {
    match d {
        DefaultExpr::Literal(l) => literal_value(l),
        DefaultExpr::Now => "now()".into(),
        DefaultExpr::CurrentDate => "CURRENT_DATE".into(),
        DefaultExpr::Uuidv7 if version >= BUILTIN_UUIDV7_SINCE => "uuidv7()".into(),
        DefaultExpr::Uuidv7 => "plinth_uuidv7()".into(),
        DefaultExpr::CurrentActor => session_value(ACTOR_SETTING, &column.physical),
        DefaultExpr::Sql(s) => s.clone(),
    }
}

pub fn check(c: &CheckExpr) -> String {
    match c {
        CheckExpr::MaxLength { column, max } => format!("char_length({}) <= {max}", ident(column)),
        CheckExpr::LengthBetween { column, min, max } => {
            format!("char_length({}) BETWEEN {min} AND {max}", ident(column))
        }
        CheckExpr::Matches { column, pattern } => {
            format!("{} ~ {}", ident(column), literal(pattern))
        }
        CheckExpr::InList { column, values } => format!(
            "{} IN ({})",
            ident(column),
            values.iter().map(|v| literal(v)).collect::<Vec<_>>().join(", ")
        ),
        CheckExpr::Between { column, low, high } => {
            format!("{} BETWEEN {low} AND {high}", ident(column))
        }
        CheckExpr::NotNull { column } => format!("{} IS NOT NULL", ident(column)),
        CheckExpr::Sql(s) => s.clone(),
        CheckExpr::All(parts) => parts.iter().map(check).collect::<Vec<_>>().join(" AND "),
    }
}

pub fn predicate(p: &Predicate) -> String {
    match p {
        Predicate::IsNull(c) => format!("{} IS NULL", ident(c)),
        Predicate::Sql(s) => s.clone(),
    }
}

pub fn policy(p: &PolicyExpr) -> String {
    match p {
        PolicyExpr::SessionMatch {
            column,
            setting,
            ty,
            or_null,
        } => {
            let m = format!("{} = {}", ident(column), session_value(setting, ty));
            if *or_null {
                format!("{} IS NULL OR {m}", ident(column))
            } else {
                m
            }
        }
        PolicyExpr::Sql(s) => s.clone(),
    }
}

pub fn fk_action(a: FkAction) -> Option<&'static str> {
    match a {
        FkAction::NoAction => None,
        FkAction::Restrict => Some("RESTRICT"),
        FkAction::Cascade => Some("CASCADE"),
        FkAction::SetNull => Some("SET NULL"),
        FkAction::SetDefault => Some("SET DEFAULT"),
    }
}
