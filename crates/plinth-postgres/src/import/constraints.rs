//! Table constraints: PRIMARY KEY, FOREIGN KEY (actions, MATCH FULL,
//! deferral), UNIQUE (NULLS NOT DISTINCT), CHECK, EXCLUDE — inline, table
//! level or added later with ALTER TABLE. Unnamed constraints get the names
//! PostgreSQL would give them, so an import and the live database agree.

use super::nodes::{deparse_expr, range_var, strings};
use super::tables::column_refs;
use super::Importer;
use pg_query::protobuf::{ConstrType, Constraint, Node};
use pg_query::NodeEnum;
use plinth_model::{
    CheckConstraint, CheckExpr, ExclusionConstraint, FkAction, ForeignKey, IndexMethod, Predicate, PrimaryKey,
    UniqueConstraint,
};

/// PostgreSQL's `makeObjectName`: `name1_name2_label`, shortening the
/// longer of the two parts until it fits in 63 bytes.
pub(crate) fn object_name(table: &str, columns: &[&str], label: &str) -> String {
    let name2 = columns.join("_");
    let mut n1 = table.len();
    let mut n2 = name2.len();
    let overhead = label.len() + 1 + if name2.is_empty() { 0 } else { 1 };
    let avail = 63usize.saturating_sub(overhead);
    while n1 + n2 > avail {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let cut = |s: &str, n: usize| {
        let mut n = n;
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        s[..n].to_string()
    };
    let mut out = cut(table, n1);
    if !name2.is_empty() {
        out.push('_');
        out.push_str(&cut(&name2, n2));
    }
    out.push('_');
    out.push_str(label);
    out
}

pub(crate) fn fk_action(code: &str) -> FkAction {
    match code {
        "r" => FkAction::Restrict,
        "c" => FkAction::Cascade,
        "n" => FkAction::SetNull,
        "d" => FkAction::SetDefault,
        _ => FkAction::NoAction,
    }
}

fn key_names(list: &[Node]) -> Vec<String> {
    strings(list)
}

impl Importer {
    /// A constraint name not yet used on the table (PostgreSQL appends a
    /// number when the natural one is taken).
    fn choose_name(&self, ti: usize, table: &str, columns: &[&str], label: &str) -> String {
        let base = object_name(table, columns, label);
        // Constraint names are chosen unique within the schema, not only
        // within the table (PostgreSQL's ChooseConstraintName).
        let ns = self.schema.tables[ti].namespace.clone();
        let taken = |n: &str| {
            self.schema
                .tables
                .iter()
                .filter(|t| t.namespace == ns)
                .any(|t| t.object_names().any(|x| x == n) || t.exclusions.iter().any(|x| x.name == n))
                || (matches!(label, "pkey" | "key" | "excl") && self.index_name_taken(n))
        };
        if !taken(&base) {
            return base;
        }
        (1..)
            .map(|i| {
                let label = format!("{label}{i}");
                object_name(table, columns, &label)
            })
            .find(|n| !taken(n))
            .expect("some suffix is free")
    }

    /// Adds a constraint to table `ti`; `column` is set for column
    /// constraints. Returns the constraint's name.
    pub(crate) fn add_constraint(&mut self, ti: usize, k: &Constraint, column: Option<&str>) -> Option<String> {
        let ty = ConstrType::try_from(k.contype).unwrap_or(ConstrType::Undefined);
        let table = self.schema.tables[ti].name.clone();
        let given = (!k.conname.is_empty())
            .then(|| k.conname.clone())
            .or_else(|| (!k.indexname.is_empty()).then(|| k.indexname.clone()));
        let mut keys = key_names(&k.keys);
        if keys.is_empty() {
            if let Some(c) = column {
                keys.push(c.to_string());
            }
        }
        let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        if !k.indexname.is_empty() {
            self.warn(format!(
                "constraint USING INDEX {}: the index becomes the constraint; its columns are taken from the index",
                k.indexname
            ));
        }
        match ty {
            ConstrType::ConstrPrimary => {
                let keys = if keys.is_empty() {
                    self.take_index_columns(ti, &k.indexname)
                } else {
                    keys
                };
                let name = given.unwrap_or_else(|| self.choose_name(ti, &table, &[], "pkey"));
                let t = &mut self.schema.tables[ti];
                for c in &keys {
                    if let Some(col) = t.column_mut(c) {
                        col.nullable = false;
                    }
                }
                t.primary_key = Some(PrimaryKey {
                    name: name.clone(),
                    columns: keys,
                });
                self.deferral_warning(k, &name);
                Some(name)
            }
            ConstrType::ConstrUnique => {
                let keys = if keys.is_empty() {
                    self.take_index_columns(ti, &k.indexname)
                } else {
                    keys
                };
                let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
                let name = given.unwrap_or_else(|| self.choose_name(ti, &table, &refs, "key"));
                if !k.including.is_empty() {
                    self.warn(format!("INCLUDE columns of unique constraint {name} are not modelled"));
                }
                let origin = Some(self.origin());
                self.schema.tables[ti].uniques.push(UniqueConstraint {
                    name: name.clone(),
                    columns: keys,
                    nulls_not_distinct: k.nulls_not_distinct,
                    origin,
                });
                self.deferral_warning(k, &name);
                Some(name)
            }
            ConstrType::ConstrCheck => {
                let raw = k.raw_expr.as_deref()?;
                let sql = deparse_expr(raw)?;
                let name = given.unwrap_or_else(|| {
                    let mut refs = Vec::new();
                    column_refs(raw, &mut refs);
                    // Like PostgreSQL: named after the column only when the
                    // expression uses exactly one (even for a column CHECK).
                    let col = match refs.as_slice() {
                        [one] => vec![one.clone()],
                        _ => vec![],
                    };
                    let col: Vec<&str> = col.iter().map(String::as_str).collect();
                    self.choose_name(ti, &table, &col, "check")
                });
                if k.is_no_inherit {
                    self.warn(format!("NO INHERIT of check constraint {name} is not modelled"));
                }
                let origin = Some(self.origin());
                self.schema.tables[ti].checks.push(CheckConstraint {
                    name: name.clone(),
                    expr: CheckExpr::Sql(sql),
                    origin,
                });
                Some(name)
            }
            ConstrType::ConstrForeign => {
                let pk = k.pktable.as_ref()?;
                let (ps, pn) = range_var(pk);
                let ref_namespace = match self.find_table(&ps, &pn) {
                    Some(i) => self.schema.tables[i].namespace.clone(),
                    None => self.create_ns(&ps),
                };
                let fk_cols = if k.fk_attrs.is_empty() {
                    keys.clone()
                } else {
                    key_names(&k.fk_attrs)
                };
                let mut ref_columns = key_names(&k.pk_attrs);
                if ref_columns.is_empty() {
                    // REFERENCES t without columns: the referenced primary key.
                    let target = self.find_table(&ps, &pn);
                    ref_columns = target
                        .and_then(|i| self.schema.tables[i].primary_key.as_ref())
                        .map(|p| p.columns.clone())
                        .unwrap_or_default();
                }
                let refs: Vec<&str> = fk_cols.iter().map(String::as_str).collect();
                let name = given.unwrap_or_else(|| self.choose_name(ti, &table, &refs, "fkey"));
                let set_null_columns = (!k.fk_del_set_cols.is_empty()).then(|| key_names(&k.fk_del_set_cols));
                let origin = Some(self.origin());
                self.schema.tables[ti].foreign_keys.push(ForeignKey {
                    name: name.clone(),
                    columns: fk_cols,
                    ref_namespace,
                    ref_table: pn,
                    ref_columns,
                    on_delete: fk_action(&k.fk_del_action),
                    on_update: fk_action(&k.fk_upd_action),
                    set_null_columns,
                    deferrable: k.deferrable,
                    initially_deferred: k.initdeferred,
                    match_full: k.fk_matchtype == "f",
                    origin,
                });
                if k.skip_validation {
                    self.warn(format!(
                        "NOT VALID on {name} is not modelled: rows that exist before it are not checked, which an \
                         empty database built from the model cannot show"
                    ));
                }
                if k.fk_matchtype == "p" {
                    self.warn(format!(
                        "MATCH PARTIAL of {name} is not implemented by PostgreSQL either"
                    ));
                }
                Some(name)
            }
            ConstrType::ConstrExclusion => {
                let mut elements = Vec::new();
                let mut cols = Vec::new();
                for pair in &k.exclusions {
                    let items = super::nodes::list_items(pair);
                    let (Some(elem), Some(ops)) = (items.first(), items.get(1)) else {
                        continue;
                    };
                    let Some(NodeEnum::IndexElem(e)) = elem.node.as_ref() else {
                        continue;
                    };
                    let text = super::indexes::element_sql(e, &self.search_path);
                    cols.push(if e.name.is_empty() {
                        "expr".to_string()
                    } else {
                        e.name.clone()
                    });
                    let op = strings(&super::nodes::list_items(ops)).join(".");
                    elements.push((text, op));
                }
                let refs: Vec<&str> = cols.iter().map(String::as_str).collect();
                let name = given.unwrap_or_else(|| self.choose_name(ti, &table, &refs, "excl"));
                let method = super::indexes::method(if k.access_method.is_empty() {
                    "btree"
                } else {
                    &k.access_method
                });
                let predicate = k.where_clause.as_deref().and_then(deparse_expr).map(Predicate::Sql);
                self.schema.tables[ti].exclusions.push(ExclusionConstraint {
                    name: name.clone(),
                    method: method.unwrap_or(IndexMethod::Gist),
                    elements,
                    predicate,
                });
                self.deferral_warning(k, &name);
                Some(name)
            }
            ConstrType::ConstrNotnull => {
                for c in &key_refs {
                    if let Some(col) = self.schema.tables[ti].column_mut(c) {
                        col.nullable = false;
                    }
                }
                None
            }
            other => {
                self.warn(format!("constraint kind {other:?} is not modelled; kept verbatim"));
                self.keep_opaque("constraint", &format!("{table}.{}", k.conname));
                None
            }
        }
    }

    fn deferral_warning(&mut self, k: &Constraint, name: &str) {
        if k.deferrable {
            self.warn(format!(
                "DEFERRABLE on {name} is modelled for foreign keys only; this constraint is kept immediate"
            ));
        }
    }

    /// DEFERRABLE / INITIALLY DEFERRED written after a column constraint.
    pub(crate) fn set_deferral(&mut self, ti: usize, name: &str, ty: ConstrType) {
        let t = &mut self.schema.tables[ti];
        if let Some(fk) = t.foreign_keys.iter_mut().find(|f| f.name == name) {
            match ty {
                ConstrType::ConstrAttrDeferrable => fk.deferrable = true,
                ConstrType::ConstrAttrNotDeferrable => fk.deferrable = false,
                ConstrType::ConstrAttrDeferred => {
                    fk.deferrable = true;
                    fk.initially_deferred = true
                }
                _ => fk.initially_deferred = false,
            }
        }
    }

    /// `ADD CONSTRAINT ... PRIMARY KEY USING INDEX ix`: the index turns into
    /// the constraint (and is renamed to it by PostgreSQL).
    fn take_index_columns(&mut self, ti: usize, index: &str) -> Vec<String> {
        let t = &mut self.schema.tables[ti];
        match t.indexes.iter().position(|i| i.name == index) {
            Some(p) => {
                let ix = t.indexes.remove(p);
                ix.leading_columns().iter().map(|c| c.to_string()).collect()
            }
            None => Vec::new(),
        }
    }
}
