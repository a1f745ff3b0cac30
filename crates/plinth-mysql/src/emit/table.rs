//! CREATE TABLE with its columns, keys, indexes, checks and options.

use crate::quote::{ident, idents};
use crate::types::{charset_of, quote_literal, type_sql};
use plinth_model::{CheckExpr, Column, DefaultExpr, IndexKey, Literal, PhysicalType, Table};

/// The table's name, qualified when it lives in another database.
pub(super) fn table_ref(t: &Table) -> String {
    match &t.namespace {
        Some(db) => format!("{}.{}", ident(db), ident(&t.name)),
        None => ident(&t.name),
    }
}

pub(super) fn create_table(t: &Table) -> String {
    let mut items: Vec<String> = t.columns.iter().map(column).collect();
    if let Some(pk) = &t.primary_key {
        items.push(format!("PRIMARY KEY ({})", idents(&pk.columns)));
    }
    for u in &t.uniques {
        items.push(format!("UNIQUE KEY {} ({})", ident(&u.name), idents(&u.columns)));
    }
    for i in &t.indexes {
        let els: Vec<String> = i
            .elements
            .iter()
            .map(|e| {
                let k = match &e.key {
                    IndexKey::Column(c) => ident(c),
                    IndexKey::Expr(x) => prefix_or_expr(x),
                };
                if e.descending {
                    format!("{k} DESC")
                } else {
                    k
                }
            })
            .collect();
        let unique = if i.unique { "UNIQUE " } else { "" };
        items.push(format!("{unique}KEY {} ({})", ident(&i.name), els.join(", ")));
    }
    for c in &t.checks {
        items.push(format!("CONSTRAINT {} CHECK ({})", ident(&c.name), check(&c.expr)));
    }
    let mut sql = format!("CREATE TABLE {} (\n  {}\n)", table_ref(t), items.join(",\n  "));
    let mut partition = None;
    for o in &t.options {
        let upper = o.to_ascii_uppercase();
        if upper.starts_with("PARTITION BY") {
            partition = Some(o.clone());
        } else if upper == "PARTITIONED" {
            // The catalog's marker; the clause itself is not introspected.
        } else if let Some(c) = upper.strip_prefix("COLLATE=") {
            let c = c.to_ascii_lowercase();
            sql.push_str(&format!(" DEFAULT CHARSET={} COLLATE={c}", charset_of(&c)));
        } else {
            sql.push_str(&format!(" {o}"));
        }
    }
    if let Some(c) = &t.comment {
        sql.push_str(&format!(" COMMENT={}", quote_literal(c)));
    }
    if let Some(p) = partition {
        sql.push_str(&format!("\n{p}"));
    }
    sql.push(';');
    sql
}

/// `col(10)` (a prefix of a column) keeps its shape; any other expression
/// is a functional key part, in parentheses.
fn prefix_or_expr(x: &str) -> String {
    if let Some((col, rest)) = x.split_once('(') {
        if rest
            .strip_suffix(')')
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
        {
            return format!("{}({rest}", ident(col));
        }
    }
    format!("({x})")
}

fn column(c: &Column) -> String {
    let mut s = format!("{} {}", ident(&c.name), type_sql(&c.physical));
    if let Some(coll) = &c.collation {
        s.push_str(&format!(" CHARACTER SET {} COLLATE {coll}", charset_of(coll)));
    }
    if let Some(g) = &c.generated {
        let kind = if g.stored { "STORED" } else { "VIRTUAL" };
        s.push_str(&format!(" GENERATED ALWAYS AS ({}) {kind}", g.expr));
    } else {
        let timestamp = matches!(c.physical, PhysicalType::Timestamptz)
            || matches!(&c.physical, PhysicalType::Other(o) if o.starts_with("timestamp"));
        if !c.nullable {
            s.push_str(" NOT NULL");
        } else if timestamp {
            s.push_str(" NULL");
        }
        if let Some(d) = &c.default {
            s.push_str(&format!(" DEFAULT {}", default(d)));
        }
        if let Some(d) = &c.on_update {
            s.push_str(&format!(" ON UPDATE {}", default(d)));
        }
    }
    if c.identity.is_some() {
        s.push_str(" AUTO_INCREMENT");
    }
    if let Some(cm) = &c.comment {
        s.push_str(&format!(" COMMENT {}", quote_literal(cm)));
    }
    s
}

fn default(d: &DefaultExpr) -> String {
    match d {
        DefaultExpr::Literal(Literal::Str(s)) => quote_literal(s),
        DefaultExpr::Literal(Literal::Number(n)) => n.clone(),
        DefaultExpr::Literal(Literal::Bool(b)) => if *b { "1" } else { "0" }.into(),
        DefaultExpr::Now => "CURRENT_TIMESTAMP".into(),
        DefaultExpr::CurrentDate => "(CURRENT_DATE)".into(),
        DefaultExpr::Uuidv7 => "(uuid())".into(),
        DefaultExpr::CurrentActor => "NULL".into(),
        DefaultExpr::Sql(s) => format!("({s})"),
    }
}

fn check(c: &CheckExpr) -> String {
    match c {
        CheckExpr::Sql(s) => s.clone(),
        CheckExpr::MaxLength { column, max } => format!("char_length({}) <= {max}", ident(column)),
        CheckExpr::LengthBetween { column, min, max } => {
            format!("char_length({}) BETWEEN {min} AND {max}", ident(column))
        }
        CheckExpr::Matches { column, pattern } => format!("{} REGEXP {}", ident(column), quote_literal(pattern)),
        CheckExpr::InList { column, values } => format!(
            "{} IN ({})",
            ident(column),
            values.iter().map(|v| quote_literal(v)).collect::<Vec<_>>().join(", ")
        ),
        CheckExpr::Between { column, low, high } => format!("{} BETWEEN {low} AND {high}", ident(column)),
        CheckExpr::NotNull { column } => format!("{} IS NOT NULL", ident(column)),
        CheckExpr::All(parts) => parts
            .iter()
            .map(|p| format!("({})", check(p)))
            .collect::<Vec<_>>()
            .join(" AND "),
    }
}
