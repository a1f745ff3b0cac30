//! Views, triggers and routines from the catalog, as opaque objects whose
//! SQL is rebuilt from information_schema in one fixed spelling (so two
//! databases holding the same objects give the same text).

use super::build::{q, text};
use crate::types::quote_literal;
use plinth_model::OpaqueObject;
use serde_json::Value;

fn object(kind: &str, name: String, sql: String, depends_on: Vec<String>) -> OpaqueObject {
    OpaqueObject {
        kind: kind.into(),
        namespace: None,
        name,
        sql,
        depends_on,
        origin: None,
    }
}

/// The server stores a view's query rewritten, with names of its own
/// database qualified; the qualifier is dropped so the text does not depend
/// on the database's name.
pub(super) fn views(rows: &[Value], database: &str) -> Vec<OpaqueObject> {
    let own = format!("`{}`.", database.replace('`', "``"));
    rows.iter()
        .map(|v| {
            let name = text(v, "name").unwrap_or_default();
            let body = text(v, "definition").unwrap_or_default().replace(&own, "");
            let security = match text(v, "security").as_deref() {
                Some("INVOKER") => "SQL SECURITY INVOKER ",
                _ => "",
            };
            let check = match text(v, "check_option").as_deref() {
                Some("CASCADED") => " WITH CASCADED CHECK OPTION",
                Some("LOCAL") => " WITH LOCAL CHECK OPTION",
                _ => "",
            };
            object(
                "view",
                name.clone(),
                format!("CREATE {security}VIEW {} AS {body}{check}", q(&name)),
                vec![],
            )
        })
        .collect()
}

pub(super) fn triggers(rows: &[Value]) -> Vec<OpaqueObject> {
    rows.iter()
        .map(|v| {
            let name = text(v, "name").unwrap_or_default();
            let table = text(v, "table").unwrap_or_default();
            let sql = format!(
                "CREATE TRIGGER {} {} {} ON {} FOR EACH ROW {}",
                q(&name),
                text(v, "timing").unwrap_or_default(),
                text(v, "event").unwrap_or_default(),
                q(&table),
                text(v, "body").unwrap_or_default()
            );
            object("trigger", name, sql, vec![table])
        })
        .collect()
}

pub(super) fn routines(rows: &[Value], params: &[Value]) -> Vec<OpaqueObject> {
    rows.iter()
        .map(|v| {
            let name = text(v, "name").unwrap_or_default();
            let kind = text(v, "type").unwrap_or_default().to_ascii_lowercase();
            let args: Vec<String> = params
                .iter()
                .filter(|p| text(p, "routine").as_deref() == Some(name.as_str()))
                .filter(|p| text(p, "pos").is_some_and(|n| n != "0"))
                .map(|p| {
                    let mode = if kind == "procedure" {
                        format!("{} ", text(p, "mode").unwrap_or_else(|| "IN".into()))
                    } else {
                        String::new()
                    };
                    format!(
                        "{mode}{} {}",
                        q(&text(p, "name").unwrap_or_default()),
                        text(p, "type").unwrap_or_default()
                    )
                })
                .collect();
            let mut sql = format!("CREATE {} {}({})", kind.to_ascii_uppercase(), q(&name), args.join(", "));
            if kind == "function" {
                sql.push_str(&format!(" RETURNS {}", text(v, "returns").unwrap_or_default()));
            }
            if text(v, "deterministic").as_deref() == Some("YES") {
                sql.push_str(" DETERMINISTIC");
            }
            if let Some(a) = text(v, "data_access").filter(|a| a != "CONTAINS SQL") {
                sql.push_str(&format!(" {a}"));
            }
            if text(v, "security").as_deref() == Some("INVOKER") {
                sql.push_str(" SQL SECURITY INVOKER");
            }
            if let Some(c) = text(v, "comment").filter(|c| !c.is_empty()) {
                sql.push_str(&format!(" COMMENT {}", quote_literal(&c)));
            }
            sql.push_str(&format!("\n{}", text(v, "body").unwrap_or_default()));
            object(&kind, name, sql, vec![])
        })
        .collect()
}
