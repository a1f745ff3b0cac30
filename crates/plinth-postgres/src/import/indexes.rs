//! CREATE INDEX: method, columns and expressions, opclasses, collations,
//! ASC/DESC and NULLS order, partial predicates, INCLUDE, UNIQUE and
//! NULLS NOT DISTINCT.

use super::constraints::object_name;
use super::nodes::{deparse_expr, range_var, strings};
use super::Importer;
use crate::quote::ident;
use pg_query::protobuf::{IndexElem, IndexStmt};
use pg_query::NodeEnum;
use plinth_model::{Index, IndexElement, IndexKey, IndexMethod, IndexPurpose, Predicate};

pub(crate) fn method(name: &str) -> Option<IndexMethod> {
    Some(match name {
        "" | "btree" => IndexMethod::BTree,
        "hash" => IndexMethod::Hash,
        "gin" => IndexMethod::Gin,
        "gist" => IndexMethod::Gist,
        "brin" => IndexMethod::Brin,
        _ => return None,
    })
}

/// An index element as SQL (EXCLUDE constraints keep elements as text).
pub(crate) fn element_sql(e: &IndexElem, search_path: &[String]) -> String {
    let el = element(e, search_path);
    let mut k = match &el.key {
        IndexKey::Column(c) => ident(c),
        IndexKey::Expr(x) => format!("({x})"),
    };
    if let Some(c) = &el.collation {
        k.push_str(&format!(" COLLATE {c}"));
    }
    if let Some(op) = &el.opclass {
        k.push_str(&format!(" {op}"));
    }
    if el.descending {
        k.push_str(" DESC");
    }
    match el.nulls_first {
        Some(true) => k.push_str(" NULLS FIRST"),
        Some(false) => k.push_str(" NULLS LAST"),
        None => {}
    }
    k
}

pub(crate) fn element(e: &IndexElem, search_path: &[String]) -> IndexElement {
    let key = if !e.name.is_empty() {
        IndexKey::Column(e.name.clone())
    } else {
        IndexKey::Expr(e.expr.as_deref().and_then(deparse_expr).unwrap_or_default())
    };
    let descending = e.ordering == 3;
    // Only a NULLS order that differs from the default for the direction
    // changes anything: ASC defaults to NULLS LAST, DESC to NULLS FIRST.
    let nulls_first = match e.nulls_ordering {
        2 if !descending => Some(true),
        3 if descending => Some(false),
        _ => None,
    };
    let opclass = {
        let names = strings(&e.opclass);
        match names.as_slice() {
            [] => None,
            [.., s, n] if s == "pg_catalog" => Some(n.clone()),
            _ => Some(names.iter().map(|n| ident(n)).collect::<Vec<_>>().join(".")),
        }
    };
    IndexElement {
        key,
        descending,
        nulls_first,
        opclass,
        collation: (!e.collation.is_empty()).then(|| super::types::collation_sql(&strings(&e.collation), search_path)),
    }
}

/// The name PostgreSQL derives from an index expression (FigureColname):
/// a function's name, a column's name, through casts; else `expr`.
fn figure_name(n: &pg_query::protobuf::Node) -> String {
    match n.node.as_ref() {
        Some(NodeEnum::FuncCall(f)) => strings(&f.funcname).last().cloned().unwrap_or_else(|| "expr".into()),
        Some(NodeEnum::ColumnRef(c)) => strings(&c.fields).last().cloned().unwrap_or_else(|| "expr".into()),
        Some(NodeEnum::TypeCast(t)) => t.arg.as_deref().map_or("expr".into(), figure_name),
        _ => "expr".into(),
    }
}

impl Importer {
    /// Is `name` already an index (or constraint index) in the namespace?
    pub(crate) fn index_name_taken(&self, name: &str) -> bool {
        self.schema.tables.iter().any(|t| {
            t.indexes.iter().any(|i| i.name == name)
                || t.primary_key.as_ref().is_some_and(|p| p.name == name)
                || t.uniques.iter().any(|u| u.name == name)
                || t.exclusions.iter().any(|x| x.name == name)
        }) || self.schema.tables.iter().any(|t| t.name == name)
            || self.schema.sequences.iter().any(|s| s.name == name)
    }

    pub(crate) fn create_index(&mut self, s: &IndexStmt) {
        let Some(rv) = &s.relation else { return };
        let (schema, table) = range_var(rv);
        let Some(ti) = self.find_table(&schema, &table) else {
            // An index on a view, a materialized view or a table the model
            // keeps verbatim: it belongs with that object.
            self.attach_to_opaque(&schema, &table, "index", &s.idxname);
            return;
        };
        if s.if_not_exists && self.index_name_taken(&s.idxname) {
            return;
        }
        let Some(method) = method(&s.access_method) else {
            self.warn(format!(
                "index {} uses access method {}, which the model does not know; kept verbatim",
                s.idxname, s.access_method
            ));
            self.keep_opaque("index", &s.idxname);
            return;
        };
        let elements: Vec<IndexElement> = s
            .index_params
            .iter()
            .filter_map(|p| match p.node.as_ref() {
                Some(NodeEnum::IndexElem(e)) => Some(element(e, &self.search_path)),
                _ => None,
            })
            .collect();
        let include = s
            .index_including_params
            .iter()
            .filter_map(|p| match p.node.as_ref() {
                Some(NodeEnum::IndexElem(e)) => Some(e.name.clone()),
                _ => None,
            })
            .collect();
        let name = if s.idxname.is_empty() {
            let t = &self.schema.tables[ti];
            let cols: Vec<String> = s
                .index_params
                .iter()
                .filter_map(|p| match p.node.as_ref() {
                    Some(NodeEnum::IndexElem(e)) if !e.name.is_empty() => Some(e.name.clone()),
                    Some(NodeEnum::IndexElem(e)) => Some(e.expr.as_deref().map_or("expr".into(), figure_name)),
                    _ => None,
                })
                .collect();
            let cols: Vec<&str> = cols.iter().map(String::as_str).collect();
            let base = object_name(&t.name, &cols, "idx");
            if self.index_name_taken(&base) {
                (1..)
                    .map(|i| object_name(&t.name, &cols, &format!("idx{i}")))
                    .find(|n| !self.index_name_taken(n))
                    .expect("free name")
            } else {
                base
            }
        } else {
            s.idxname.clone()
        };
        if s.options.iter().any(|o| o.node.is_some()) {
            self.warn(format!(
                "storage parameters (WITH ...) of index {name} are not modelled"
            ));
        }
        let ix = Index {
            name,
            elements,
            unique: s.unique,
            method,
            predicate: s.where_clause.as_deref().and_then(deparse_expr).map(Predicate::Sql),
            include,
            nulls_not_distinct: s.nulls_not_distinct,
            purposes: vec![IndexPurpose::Imported],
            origin: Some(self.origin()),
        };
        self.schema.tables[ti].indexes.push(ix);
    }

    /// A statement about an object the model keeps verbatim (a view, a
    /// table with INHERITS): appended to that object's SQL so it is
    /// recreated with it. Unknown targets become their own opaque object.
    pub(crate) fn attach_to_opaque(&mut self, schema: &str, name: &str, kind: &str, what: &str) {
        let ns = self.create_ns(schema);
        let target = self.schema.opaque.iter_mut().rev().find(|o| {
            o.name == name
                && (schema.is_empty() || o.namespace == ns)
                && matches!(
                    o.kind.as_str(),
                    "table" | "view" | "materialized view" | "foreign table"
                )
        });
        match target {
            Some(o) => {
                o.sql.push_str(";\n");
                o.sql.push_str(&self.sql);
            }
            None => {
                self.warn(format!(
                    "{kind} {what} is on {name}, which this script never created; kept verbatim"
                ));
                let label = if what.is_empty() {
                    name.to_string()
                } else {
                    what.to_string()
                };
                self.keep_opaque_in(kind, ns, &label);
            }
        }
    }
}
