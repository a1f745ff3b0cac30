//! The model from the catalog's JSON answers.

use super::{InspectError, QUERIES};
use crate::canonical::canonicalize;
use crate::expr::{normalize_expr, parse_default};
use crate::import::opaque::special_index_sql;
use crate::quote::ident;
use crate::types::parse_type;
use plinth_model::{
    CheckConstraint, CheckExpr, Column, DialectKind, FkAction, ForeignKey, Generated, Identity, Index, IndexElement,
    IndexKey, IndexMethod, IndexPurpose, LogicalType, OpaqueObject, PhysicalType, PrimaryKey, Schema, Table, Target,
};
use serde_json::Value;
use std::collections::BTreeMap;

/// Builds the model of `database` from the answers to
/// [`super::catalog_queries`] (one line per query, in order).
pub fn from_catalog(database: &str, lines: &[String], version: u32) -> Result<Schema, InspectError> {
    let lines: Vec<&String> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() != QUERIES {
        return Err(InspectError(format!("expected {QUERIES} answers, got {}", lines.len())));
    }
    let parse = |i: usize| -> Result<Vec<Value>, InspectError> {
        let l = lines[i].trim();
        if l == "NULL" {
            return Ok(Vec::new());
        }
        match serde_json::from_str::<Value>(l) {
            Ok(Value::Array(v)) => Ok(v),
            Ok(v @ Value::Object(_)) => Ok(vec![v]),
            Ok(other) => Err(InspectError(format!("answer {i}: unexpected {other}"))),
            Err(e) => Err(InspectError(format!("answer {i}: {e}"))),
        }
    };
    let schemata = parse(0)?;
    // Table collations are kept unless they are the server's default, so
    // that a database created with another default is told apart.
    let server_collation = schemata
        .first()
        .and_then(|s| text(s, "server_collation"))
        .ok_or_else(|| InspectError(format!("database {database} does not exist")))?;
    let mut schema = Schema::new(Target {
        dialect: DialectKind::MySql,
        version,
    });
    let mut tables: BTreeMap<String, Table> = BTreeMap::new();
    for t in parse(1)? {
        let name = text(&t, "name").unwrap_or_default();
        if text(&t, "type").as_deref() != Some("BASE TABLE") {
            continue;
        }
        let mut table = Table::new(name.clone());
        if let Some(e) = text(&t, "engine") {
            table.options.push(format!("ENGINE={e}"));
        }
        if let Some(c) = text(&t, "collation") {
            table.options.push(format!("COLLATE={c}"));
        }
        for o in text(&t, "options").unwrap_or_default().split_whitespace() {
            if o.eq_ignore_ascii_case("partitioned") {
                table.options.push("PARTITIONED".into());
            } else if let Some((k, v)) = o.split_once('=') {
                table.options.push(format!("{}={v}", k.to_ascii_uppercase()));
            }
        }
        table.comment = text(&t, "comment").filter(|c| !c.is_empty());
        tables.insert(name, table);
    }
    for c in parse(2)? {
        let Some(table) = text(&c, "table").and_then(|t| tables.get_mut(&t)) else {
            continue;
        };
        let name = text(&c, "name").unwrap_or_default();
        let ty = parse_type(&text(&c, "type").unwrap_or_default());
        let mut logical = ty.logical.clone();
        if let LogicalType::Enum { name: n, .. } = &mut logical {
            *n = format!("{}_{}", table.name, name);
        }
        let mut col = Column::new(name, logical, ty.physical);
        col.nullable = text(&c, "nullable").as_deref() == Some("YES");
        let extra = text(&c, "extra").unwrap_or_default().to_ascii_lowercase();
        let generation = text(&c, "generation").filter(|g| !g.is_empty());
        if let Some(expr) = generation {
            col.generated = Some(Generated {
                expr,
                stored: extra.contains("stored"),
            });
        } else if let Some(d) = text(&c, "default") {
            col.default = parse_default(&d);
        }
        if extra.contains("auto_increment") {
            col.identity = Some(Identity::ByDefault);
        }
        if let Some(rest) = extra.split("on update ").nth(1) {
            col.on_update = parse_default(rest.split_whitespace().next().unwrap_or(rest));
        }
        col.collation = text(&c, "collation");
        col.comment = text(&c, "comment").filter(|c| !c.is_empty());
        table.columns.push(col);
    }
    // Indexes: rows per (table, index) in column order.
    let mut index_rows: BTreeMap<(String, String), Vec<Value>> = BTreeMap::new();
    for r in parse(3)? {
        let key = (
            text(&r, "table").unwrap_or_default(),
            text(&r, "name").unwrap_or_default(),
        );
        index_rows.entry(key).or_default().push(r);
    }
    for ((tname, iname), rows) in index_rows {
        let Some(table) = tables.get_mut(&tname) else { continue };
        let cols: Vec<String> = rows.iter().map(|r| text(r, "column").unwrap_or_default()).collect();
        let kind = text(&rows[0], "type").unwrap_or_default().to_ascii_uppercase();
        if iname == "PRIMARY" {
            table.primary_key = Some(PrimaryKey {
                name: "PRIMARY".into(),
                columns: cols,
            });
            continue;
        }
        if kind == "FULLTEXT" || kind == "SPATIAL" {
            let k = kind.to_ascii_lowercase();
            schema.opaque.push(OpaqueObject {
                kind: format!("{k} index"),
                namespace: None,
                name: format!("{tname}.{iname}"),
                sql: special_index_sql(&k, &tname, &iname, &cols),
                depends_on: vec![tname.clone()],
                origin: None,
            });
            continue;
        }
        let elements = rows
            .iter()
            .map(|r| {
                let col = text(r, "column").unwrap_or_default();
                let key = match number(r, "sub_part") {
                    Some(n) => IndexKey::Expr(format!("{col}({n})")),
                    None => IndexKey::Column(col),
                };
                IndexElement {
                    key,
                    descending: text(r, "collation").as_deref() == Some("D"),
                    nulls_first: None,
                    opclass: None,
                    collation: None,
                }
            })
            .collect();
        table.indexes.push(Index {
            name: iname,
            elements,
            unique: number(&rows[0], "non_unique") == Some(0),
            method: IndexMethod::BTree,
            predicate: None,
            include: Vec::new(),
            nulls_not_distinct: false,
            purposes: vec![IndexPurpose::Imported],
            origin: None,
        });
    }
    let mut fk_rows: BTreeMap<(String, String), Vec<Value>> = BTreeMap::new();
    for r in parse(4)? {
        let key = (
            text(&r, "table").unwrap_or_default(),
            text(&r, "name").unwrap_or_default(),
        );
        fk_rows.entry(key).or_default().push(r);
    }
    for ((tname, name), rows) in fk_rows {
        let Some(table) = tables.get_mut(&tname) else { continue };
        let first = &rows[0];
        let mut fk = ForeignKey::new(
            name,
            rows.iter().map(|r| text(r, "column").unwrap_or_default()).collect(),
            text(first, "ref_table").unwrap_or_default(),
            rows.iter().map(|r| text(r, "ref_column").unwrap_or_default()).collect(),
            rule(text(first, "on_delete")),
        );
        fk.on_update = rule(text(first, "on_update"));
        fk.ref_namespace = text(first, "ref_schema").filter(|s| s != database);
        table.foreign_keys.push(fk);
    }
    for r in parse(5)? {
        let Some(table) = text(&r, "table").and_then(|t| tables.get_mut(&t)) else {
            continue;
        };
        table.checks.push(CheckConstraint {
            name: text(&r, "name").unwrap_or_default(),
            expr: CheckExpr::Sql(text(&r, "clause").unwrap_or_default()),
            origin: None,
        });
    }
    schema.tables = tables.into_values().collect();
    for t in &mut schema.tables {
        json_columns(t);
    }
    schema.opaque.extend(super::objects::views(&parse(6)?, database));
    schema.opaque.extend(super::objects::triggers(&parse(7)?));
    schema.opaque.extend(super::objects::routines(&parse(8)?, &parse(9)?));
    canonicalize(&mut schema, &server_collation);
    Ok(schema)
}

pub(super) fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn number(v: &Value, key: &str) -> Option<i64> {
    match v.get(key)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn rule(r: Option<String>) -> FkAction {
    match r.unwrap_or_default().to_ascii_uppercase().as_str() {
        "CASCADE" => FkAction::Cascade,
        "SET NULL" => FkAction::SetNull,
        "NO ACTION" => FkAction::NoAction,
        "SET DEFAULT" => FkAction::SetDefault,
        _ => FkAction::Restrict,
    }
}

/// `name` quoted as needed (used by the object builders).
pub(super) fn q(name: &str) -> String {
    ident(name)
}

/// MariaDB stores a `JSON` column as `longtext` (binary collation) with a
/// `json_valid(col)` check named after it: that is the `json` the file said.
fn json_columns(t: &mut Table) {
    let mut json = Vec::new();
    for c in &mut t.columns {
        let check = format!("json_valid({})", normalize_expr(&c.name));
        let has_check = t
            .checks
            .iter()
            .any(|k| k.name == c.name && matches!(&k.expr, CheckExpr::Sql(e) if normalize_expr(e) == check));
        if has_check && c.physical == PhysicalType::Other("longtext".into()) {
            c.physical = PhysicalType::Json;
            c.logical = LogicalType::Json;
            c.collation = None;
            json.push(c.name.clone());
        }
    }
    t.checks.retain(|k| !json.contains(&k.name));
}
