//! CREATE TABLE: columns (types, defaults, identity, generated, collation,
//! NOT NULL, `serial`), inline constraints, LIKE, partitioning.

use super::nodes::{const_str, deparse_expr, range_var, strings};
use super::types::logical_for;
use super::Importer;
use crate::quote::{ident, literal};
use pg_query::protobuf::{ColumnDef, ConstrType, Constraint, CreateStmt, Node};
use pg_query::NodeEnum;
use plinth_model::{
    Column, DefaultExpr, Generated, Identity, IndexKey, PartitionMethod, PartitionOf, Partitioning, PhysicalType,
    Sequence, Table,
};

impl Importer {
    pub(crate) fn create_table(&mut self, s: &CreateStmt) {
        let Some(rv) = &s.relation else { return };
        let (schema, name) = range_var(rv);
        let namespace = self.create_ns(&schema);
        if s.if_not_exists && self.find_table(&schema, &name).is_some() {
            return;
        }
        if rv.relpersistence == "t" {
            self.warn(format!(
                "temporary table {name} is not part of the schema; kept verbatim"
            ));
            self.keep_opaque_in("temporary table", namespace, &name);
            return;
        }
        if s.partbound.is_none() && !s.inh_relations.is_empty() || s.of_typename.is_some() {
            // Inheritance (INHERITS) and typed tables have no place in the
            // model; the whole definition stays verbatim, and later
            // statements about the table are appended to it.
            self.warn(format!(
                "table {name} uses {}, which the model does not express; kept verbatim with what follows about it",
                if s.of_typename.is_some() { "OF type" } else { "INHERITS" }
            ));
            self.keep_opaque_in("table", namespace, &name);
            return;
        }
        let mut t = Table::new(name.clone());
        t.namespace = namespace;
        t.origin = Some(self.origin());
        if let (Some(bound), Some(parent)) = (&s.partbound, s.inh_relations.first()) {
            if let Some(NodeEnum::RangeVar(p)) = parent.node.as_ref() {
                let (ps, pn) = range_var(p);
                let parent_namespace = match self.find_table(&ps, &pn) {
                    Some(i) => self.schema.tables[i].namespace.clone(),
                    None => self.create_ns(&ps),
                };
                let bound = if bound.is_default {
                    "DEFAULT".to_string()
                } else {
                    bound_text(&self.sql)
                };
                // A partition has its parent's columns (the server copies
                // them); columns written in the statement refine them.
                if let Some(pi) = self.find_table(&ps, &pn) {
                    t.columns = self.schema.tables[pi].columns.clone();
                    for c in &mut t.columns {
                        c.origin = Some(self.origin());
                        c.identity = None;
                    }
                }
                t.partition_of = Some(PartitionOf {
                    parent_namespace,
                    parent: pn,
                    bound,
                });
            }
        }
        if let Some(spec) = &s.partspec {
            let method = match spec.strategy {
                2 => PartitionMethod::Range,
                3 => PartitionMethod::Hash,
                _ => PartitionMethod::List,
            };
            let key = spec
                .part_params
                .iter()
                .filter_map(|p| match p.node.as_ref() {
                    Some(NodeEnum::PartitionElem(e)) if !e.name.is_empty() => Some(IndexKey::Column(e.name.clone())),
                    Some(NodeEnum::PartitionElem(e)) => e.expr.as_deref().and_then(deparse_expr).map(IndexKey::Expr),
                    _ => None,
                })
                .collect();
            t.partitioning = Some(Partitioning { method, key });
        }
        self.schema.tables.push(t);
        let ti = self.schema.tables.len() - 1;
        for elt in &s.table_elts {
            match elt.node.as_ref() {
                Some(NodeEnum::ColumnDef(c)) => self.add_column(ti, c),
                Some(NodeEnum::Constraint(c)) => {
                    self.add_constraint(ti, c, None);
                }
                Some(NodeEnum::TableLikeClause(l)) => {
                    let Some(rv) = &l.relation else { continue };
                    let (ls, ln) = range_var(rv);
                    match self.find_table(&ls, &ln) {
                        Some(src) => {
                            let cols = self.schema.tables[src].columns.clone();
                            self.schema.tables[ti].columns.extend(cols);
                        }
                        None => self.warn(format!("LIKE {ln}: no such table was created before; columns unknown")),
                    }
                }
                _ => {}
            }
        }
        for c in &s.constraints {
            if let Some(NodeEnum::Constraint(c)) = c.node.as_ref() {
                self.add_constraint(ti, c, None);
            }
        }
    }

    /// Adds a column (CREATE TABLE or ALTER TABLE ADD COLUMN).
    pub(crate) fn add_column(&mut self, ti: usize, c: &ColumnDef) {
        let Some(tn) = &c.type_name else { return };
        let names = strings(&tn.names);
        let serial = match names.as_slice() {
            [n] if tn.array_bounds.is_empty() => match n.as_str() {
                "serial" | "serial4" => Some(PhysicalType::Integer),
                "bigserial" | "serial8" => Some(PhysicalType::BigInt),
                "smallserial" | "serial2" => Some(PhysicalType::SmallInt),
                _ => None,
            },
            _ => None,
        };
        let physical = serial.clone().unwrap_or_else(|| self.type_of(tn));
        let mut col = Column::new(c.colname.clone(), logical_for(&physical), physical.clone());
        col.nullable = !c.is_not_null;
        col.origin = Some(self.origin());
        if let Some(coll) = &c.coll_clause {
            col.collation = Some(super::types::collation_sql(&strings(&coll.collname), &self.search_path));
        }
        if let Some(d) = c.raw_default.as_deref().filter(|d| !is_null(d)).and_then(deparse_expr) {
            col.default = Some(DefaultExpr::Sql(d));
        }
        if let Some(ty) = serial {
            let (table_ns, table_name) = {
                let t = &self.schema.tables[ti];
                (t.namespace.clone(), t.name.clone())
            };
            let seq = super::constraints::object_name(&table_name, &[c.colname.as_str()], "seq");
            let qualified = match &table_ns {
                Some(ns) if !self.search_path.iter().any(|s| s == ns) => format!("{}.{}", ident(ns), ident(&seq)),
                _ => ident(&seq),
            };
            col.default = Some(DefaultExpr::Sql(format!("nextval({}::regclass)", literal(&qualified))));
            col.nullable = false;
            self.schema.sequences.push(Sequence {
                namespace: table_ns,
                name: seq,
                data_type: ty,
                start: None,
                increment: None,
                min_value: None,
                max_value: None,
                cache: None,
                cycle: false,
                owned_by: Some((table_name, c.colname.clone())),
                origin: Some(self.origin()),
            });
        }
        let colname = c.colname.clone();
        {
            let t = &mut self.schema.tables[ti];
            t.columns.retain(|x| x.name != colname);
            t.columns.push(col);
        }
        let mut last: Option<(ConstrType, String)> = None;
        for n in &c.constraints {
            let Some(NodeEnum::Constraint(k)) = n.node.as_ref() else {
                continue;
            };
            self.column_constraint(ti, &colname, k, &mut last);
        }
    }

    fn column_constraint(&mut self, ti: usize, col: &str, k: &Constraint, last: &mut Option<(ConstrType, String)>) {
        let ty = ConstrType::try_from(k.contype).unwrap_or(ConstrType::Undefined);
        fn column<'a>(me: &'a mut Importer, ti: usize, col: &str) -> &'a mut plinth_model::Column {
            me.schema.tables[ti].column_mut(col).expect("column just added")
        }
        match ty {
            ConstrType::ConstrNotnull => column(self, ti, col).nullable = false,
            ConstrType::ConstrNull => column(self, ti, col).nullable = true,
            ConstrType::ConstrDefault => {
                // DEFAULT NULL is no default: the server stores none.
                let d = k.raw_expr.as_deref().filter(|d| !is_null(d)).and_then(deparse_expr);
                column(self, ti, col).default = d.map(DefaultExpr::Sql);
            }
            ConstrType::ConstrIdentity => {
                let c = column(self, ti, col);
                c.identity = Some(if k.generated_when == "a" {
                    Identity::Always
                } else {
                    Identity::ByDefault
                });
                c.nullable = false;
                if !k.options.is_empty() {
                    self.warn(format!(
                        "identity options of column {col} (START, INCREMENT, ...) are not modelled; the defaults are kept"
                    ));
                }
            }
            ConstrType::ConstrGenerated => {
                if let Some(expr) = k.raw_expr.as_deref().and_then(deparse_expr) {
                    column(self, ti, col).generated = Some(Generated {
                        expr,
                        stored: k.generated_kind != "v",
                    });
                }
            }
            ConstrType::ConstrAttrDeferrable
            | ConstrType::ConstrAttrNotDeferrable
            | ConstrType::ConstrAttrDeferred
            | ConstrType::ConstrAttrImmediate => {
                if let Some((_, name)) = last {
                    self.set_deferral(ti, name, ty);
                }
            }
            ConstrType::ConstrAttrEnforced | ConstrType::ConstrAttrNotEnforced => {}
            _ => {
                let name = self.add_constraint(ti, k, Some(col));
                *last = name.map(|n| (ty, n));
            }
        }
    }
}

/// A bare `NULL` (possibly cast): as a default, the same as none.
pub(crate) fn is_null(n: &Node) -> bool {
    match n.node.as_ref() {
        Some(NodeEnum::AConst(c)) => c.isnull,
        Some(NodeEnum::TypeCast(t)) => t.arg.as_deref().is_some_and(is_null),
        _ => false,
    }
}

/// The `FOR VALUES ...` clause of a `PARTITION OF` statement, as written.
fn bound_text(sql: &str) -> String {
    let lower = sql.to_ascii_lowercase();
    match lower.find("for values") {
        Some(p) => sql[p..].trim().to_string(),
        None => "DEFAULT".to_string(),
    }
}

/// Column names referenced anywhere in an expression, deduplicated, in order.
pub(crate) fn column_refs(n: &Node, out: &mut Vec<String>) {
    let Some(node) = n.node.as_ref() else { return };
    fn walk(x: &Option<Box<Node>>, out: &mut Vec<String>) {
        if let Some(x) = x.as_deref() {
            column_refs(x, out)
        }
    }
    match node {
        NodeEnum::ColumnRef(c) => {
            if let Some(name) = c.fields.last().and_then(const_str) {
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        NodeEnum::AExpr(e) => {
            walk(&e.lexpr, out);
            walk(&e.rexpr, out);
        }
        NodeEnum::BoolExpr(e) => e.args.iter().for_each(|a| column_refs(a, out)),
        NodeEnum::FuncCall(f) => f.args.iter().for_each(|a| column_refs(a, out)),
        NodeEnum::TypeCast(t) => walk(&t.arg, out),
        NodeEnum::NullTest(t) => walk(&t.arg, out),
        NodeEnum::BooleanTest(t) => walk(&t.arg, out),
        NodeEnum::CollateClause(c) => walk(&c.arg, out),
        NodeEnum::AIndirection(i) => walk(&i.arg, out),
        NodeEnum::List(l) => l.items.iter().for_each(|a| column_refs(a, out)),
        NodeEnum::CoalesceExpr(c) => c.args.iter().for_each(|a| column_refs(a, out)),
        NodeEnum::MinMaxExpr(c) => c.args.iter().for_each(|a| column_refs(a, out)),
        NodeEnum::AArrayExpr(a) => a.elements.iter().for_each(|x| column_refs(x, out)),
        NodeEnum::RowExpr(r) => r.args.iter().for_each(|x| column_refs(x, out)),
        NodeEnum::CaseExpr(c) => {
            walk(&c.arg, out);
            c.args.iter().for_each(|x| column_refs(x, out));
            walk(&c.defresult, out);
        }
        NodeEnum::CaseWhen(w) => {
            walk(&w.expr, out);
            walk(&w.result, out);
        }
        NodeEnum::SubLink(s) => walk(&s.testexpr, out),
        _ => {}
    }
}
