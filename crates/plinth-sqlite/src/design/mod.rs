//! A designed schema (the conventions applied for PostgreSQL) made fit for
//! SQLite, every change recorded in the decision log. Pure: model in,
//! model out.
//!
//! - Types SQLite lacks are stored as TEXT in a canonical form and checked:
//!   uuid (36 characters), timestamptz/timestamp/date/time/interval
//!   (ISO-8601 text, `now` written in UTC with milliseconds), json/jsonb and
//!   arrays (`json_valid`), booleans (INTEGER 0/1), native enums (the labels,
//!   `IN (...)`). Money becomes INTEGER cents (exact; SQLite's NUMERIC would
//!   keep a float), checked to be an integer.
//! - What SQLite cannot enforce is removed and said: regular-expression
//!   checks (no built-in REGEXP), row-level security, session actors,
//!   partial `ON DELETE SET NULL (col)`, NULLS NOT DISTINCT, non-btree index
//!   methods.
//! - Trigger routines (touch, version bump, audit, append-only) become SQLite
//!   triggers ([`triggers`]).

mod triggers;

use crate::quote::ident;
use plinth_model::{
    CheckConstraint, CheckExpr, Column, DefaultExpr, DialectKind, IndexMethod, Literal, LogicalType, PhysicalType,
    Schema, Table, Target,
};

/// `strftime` pattern of the timestamps SQLite designs store: ISO-8601, UTC.
pub const NOW_ISO: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// The designed `schema`, adapted to SQLite.
pub fn for_sqlite(mut schema: Schema) -> Schema {
    schema.target = Target {
        dialect: DialectKind::Sqlite,
        version: crate::import::VERSION,
    };
    let mut decisions: Vec<(String, &'static str, String)> = Vec::new();
    let mut decide = |s: String, rule: &'static str, why: String| decisions.push((s, rule, why));
    for t in &mut schema.tables {
        let table = t.name.clone();
        let mut added: Vec<CheckConstraint> = Vec::new();
        for c in &mut t.columns {
            let subject = format!("{table}.{}", c.name);
            if let Some(check) = column(&table, c, &mut |rule, why| decide(subject.clone(), rule, why)) {
                added.push(check);
            }
        }
        t.checks.extend(added);
        checks(t, &mut |s, rule, why| decide(s, rule, why));
        if t.row_security.take().is_some() {
            decide(
                table.clone(),
                "sqlite-no-rls",
                "SQLite has no row-level security: the application must scope every query to the tenant (e.g. \
                 WHERE workspace_id = ?); plinth cannot enforce isolation in the database"
                    .into(),
            );
        }
        keys(t, &mut |s, rule, why| decide(s, rule, why));
    }
    triggers::lower(&mut schema, &mut |s, rule, why| decide(s, rule, why));
    // One decision per rule and reason, naming every subject it touched.
    let mut grouped: Vec<(Vec<String>, &'static str, String)> = Vec::new();
    for (s, rule, why) in decisions {
        match grouped.iter_mut().find(|(_, r, w)| *r == rule && *w == why) {
            Some((subjects, _, _)) => subjects.push(s),
            None => grouped.push((vec![s], rule, why)),
        }
    }
    for (subjects, rule, why) in grouped {
        schema.decide(subjects.join(", "), rule, why);
    }
    schema
}

fn named_check(table: &str, column: &str, suffix: &str, sql: String) -> CheckConstraint {
    CheckConstraint {
        name: format!("{table}_{column}_{suffix}"),
        expr: CheckExpr::Sql(sql),
        origin: None,
    }
}

/// A column's new type, the check it needs (suffix, SQL) and the decision
/// (rule, why).
type Mapped = (
    PhysicalType,
    Option<(&'static str, String)>,
    Option<(&'static str, String)>,
);

/// One column's type and default; returns the check its new storage needs.
fn column(table: &str, c: &mut Column, decide: &mut dyn FnMut(&'static str, String)) -> Option<CheckConstraint> {
    let col = ident(&c.name);
    let money = matches!(c.logical, LogicalType::Money);
    let (physical, check, why): Mapped = match &c.physical {
        PhysicalType::Uuid => (
            PhysicalType::Text,
            Some(("uuid", format!("length({col}) = 36"))),
            Some((
                "sqlite-uuid-text",
                "uuid is stored as its 36-character text form".into(),
            )),
        ),
        PhysicalType::Timestamptz | PhysicalType::Timestamp => (
            PhysicalType::Text,
            None,
            Some((
                "sqlite-time-text",
                "timestamps are ISO-8601 text in UTC (YYYY-MM-DDTHH:MM:SS.SSSZ), which sorts and compares \
                     correctly and SQLite's date functions read"
                    .into(),
            )),
        ),
        PhysicalType::Date | PhysicalType::Time | PhysicalType::Interval => (
            PhysicalType::Text,
            None,
            Some(("sqlite-time-text", "stored as ISO-8601 text".into())),
        ),
        PhysicalType::Jsonb | PhysicalType::Json | PhysicalType::Array(_) => (
            PhysicalType::Text,
            Some(("json", format!("json_valid({col})"))),
            Some((
                "sqlite-json-text",
                "JSON is stored as text, checked with json_valid".into(),
            )),
        ),
        PhysicalType::Boolean => (
            PhysicalType::Integer,
            Some(("bool", format!("{col} IN (0, 1)"))),
            Some(("sqlite-bool-integer", "booleans are INTEGER 0/1".into())),
        ),
        PhysicalType::Enum(name) => {
            let values = match &c.logical {
                LogicalType::Enum { values, .. } => values.clone(),
                _ => Vec::new(),
            };
            let list = values
                .iter()
                .map(|v| crate::quote::literal(v))
                .collect::<Vec<_>>()
                .join(", ");
            (
                PhysicalType::Text,
                (!values.is_empty()).then(|| ("enum", format!("{col} IN ({list})"))),
                Some((
                    "sqlite-enum-text",
                    format!("enum type {name} becomes text checked against its labels"),
                )),
            )
        }
        PhysicalType::Numeric(_, s) if money => {
            let scale = *s;
            if let Some(DefaultExpr::Literal(Literal::Number(n))) = &c.default {
                c.default = Some(DefaultExpr::Literal(Literal::Number(scaled(n, scale))));
            }
            (
                PhysicalType::Integer,
                Some(("cents", format!("typeof({col}) IN ('integer', 'null')"))),
                Some((
                    "sqlite-money-cents",
                    format!(
                        "money is an INTEGER count of 1/10^{scale} units (cents for 2): SQLite's NUMERIC \
                             would store a float"
                    ),
                )),
            )
        }
        _ => (c.physical.clone(), None, None),
    };
    c.physical = physical;
    if let Some((rule, why)) = why {
        decide(rule, why);
    }
    match &c.default {
        Some(DefaultExpr::Now) if c.physical == PhysicalType::Text => {
            c.default = Some(DefaultExpr::Sql(NOW_ISO.into()));
        }
        Some(DefaultExpr::Uuidv7) => decide(
            "sqlite-uuid-random",
            "SQLite has no UUIDv7: the default is a random (version 4) UUID; generate v7 ids in the application \
             to keep them time-ordered"
                .into(),
        ),
        Some(DefaultExpr::CurrentActor) => {
            c.default = None;
            decide(
                "sqlite-no-session-actor",
                "SQLite has no session settings: the application writes the acting user".into(),
            );
        }
        _ => {}
    }
    check.map(|(suffix, sql)| named_check(table, &c.name, suffix, sql))
}

/// `n` (a decimal literal) × 10^scale, exactly.
fn scaled(n: &str, scale: u32) -> String {
    let (int, frac) = n.split_once('.').unwrap_or((n, ""));
    let mut frac: String = frac.chars().take(scale as usize).collect();
    while frac.len() < scale as usize {
        frac.push('0');
    }
    let digits = format!("{int}{frac}");
    let neg = digits.starts_with('-');
    let trimmed = digits.trim_start_matches('-').trim_start_matches('0');
    let v = if trimmed.is_empty() { "0" } else { trimmed };
    if neg && v != "0" {
        format!("-{v}")
    } else {
        v.to_string()
    }
}

/// Checks SQLite cannot run: regular expressions (no built-in REGEXP).
fn checks(t: &mut Table, decide: &mut dyn FnMut(String, &'static str, String)) {
    fn strip(e: CheckExpr, dropped: &mut Vec<String>) -> Option<CheckExpr> {
        match e {
            CheckExpr::Matches { column, pattern } => {
                dropped.push(format!("{column} ~ '{pattern}'"));
                None
            }
            CheckExpr::All(parts) => {
                let kept: Vec<CheckExpr> = parts.into_iter().filter_map(|p| strip(p, dropped)).collect();
                match kept.len() {
                    0 => None,
                    1 => kept.into_iter().next(),
                    _ => Some(CheckExpr::All(kept)),
                }
            }
            CheckExpr::Sql(sql) if has_regex_operator(&sql) => {
                dropped.push(sql);
                None
            }
            CheckExpr::Sql(sql) => Some(CheckExpr::Sql(sql.replace("char_length(", "length("))),
            other => Some(other),
        }
    }
    let mut kept = Vec::new();
    for c in std::mem::take(&mut t.checks) {
        let mut dropped = Vec::new();
        let name = c.name.clone();
        if let Some(expr) = strip(c.expr, &mut dropped) {
            kept.push(CheckConstraint { expr, ..c });
        }
        for d in dropped {
            decide(
                format!("{}.{name}", t.name),
                "sqlite-no-regexp",
                format!(
                    "SQLite has no built-in REGEXP: the pattern check {d} is not enforced; validate in the \
                     application or load a regexp extension"
                ),
            );
        }
    }
    t.checks = kept;
}

/// PostgreSQL's regular-expression match (`a ~ 'x'`, `~*`, `!~`): a `~`
/// after an operand (in SQLite `~` is only the unary bitwise NOT).
fn has_regex_operator(sql: &str) -> bool {
    use crate::lexer::{tokenize, Tok};
    let toks = tokenize(sql);
    toks.windows(2).any(|w| {
        let operand =
            matches!(w[0].tok, Tok::Word(_) | Tok::Quoted(_) | Tok::Str(_) | Tok::Number(_)) || w[0].is_punct(")");
        operand && w[1].is_punct("~")
    }) || toks.iter().any(|t| matches!(t.tok, Tok::Bad(_)))
}

/// Foreign keys, uniques and indexes SQLite cannot express as designed.
fn keys(t: &mut Table, decide: &mut dyn FnMut(String, &'static str, String)) {
    let table = t.name.clone();
    for f in &mut t.foreign_keys {
        let Some(only) = f.set_null_columns.take() else {
            continue;
        };
        // SQLite nulls every column of the key: keep the key to the nulled
        // columns and the referenced table's matching columns.
        let keep: Vec<usize> = (0..f.columns.len()).filter(|i| only.contains(&f.columns[*i])).collect();
        let ref_pk_like = keep.len() == 1;
        if ref_pk_like {
            f.columns = keep.iter().map(|i| f.columns[*i].clone()).collect();
            f.ref_columns = keep.iter().map(|i| f.ref_columns[*i].clone()).collect();
        }
        decide(
            format!("{table}.{}", f.name),
            "sqlite-no-partial-set-null",
            format!(
                "SQLite's ON DELETE SET NULL nulls every key column: the key is reduced to ({}), so the tenant \
                 column is no longer checked by this foreign key",
                f.columns.join(", ")
            ),
        );
    }
    for u in &mut t.uniques {
        if std::mem::take(&mut u.nulls_not_distinct) {
            decide(
                format!("{table}.{}", u.name),
                "sqlite-nulls-distinct",
                "SQLite treats NULLs as distinct in UNIQUE: rows with NULL in the key do not conflict".into(),
            );
        }
    }
    let before = t.indexes.len();
    t.indexes
        .retain(|i| i.method == IndexMethod::BTree || i.method == IndexMethod::Hash);
    if t.indexes.len() != before {
        decide(
            table.clone(),
            "sqlite-btree-only",
            "SQLite has only b-tree indexes: GIN/GiST/BRIN indexes are left out".into(),
        );
    }
    for i in &mut t.indexes {
        i.method = IndexMethod::BTree;
        if std::mem::take(&mut i.nulls_not_distinct) {
            decide(
                format!("{table}.{}", i.name),
                "sqlite-nulls-distinct",
                "SQLite treats NULLs as distinct in unique indexes".into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{has_regex_operator, scaled};

    #[test]
    fn postgres_regex_operators_are_found() {
        assert!(has_regex_operator("color ~ '^#[0-9a-f]{6}$'"));
        assert!(has_regex_operator("lower(a) ~* 'x'"));
        assert!(has_regex_operator("a !~ 'x'"));
        assert!(!has_regex_operator("~a = 0 AND b BETWEEN 1 AND 5"));
    }

    #[test]
    fn money_defaults_scale_exactly() {
        assert_eq!(scaled("9.99", 2), "999");
        assert_eq!(scaled("0", 2), "0");
        assert_eq!(scaled("12", 2), "1200");
        assert_eq!(scaled("-0.5", 2), "-50");
        assert_eq!(scaled("1.2345", 4), "12345");
    }
}
