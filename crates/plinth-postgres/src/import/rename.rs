//! RENAME of tables, columns, constraints, indexes, sequences, types and
//! objects kept verbatim; what refers to the renamed object follows it.

use super::nodes::{qualified, range_var, strings};
use super::Importer;
use pg_query::protobuf::{ObjectType, RenameStmt};
use pg_query::NodeEnum;
use plinth_model::{CheckExpr, DefaultExpr, IndexKey, PolicyExpr, Predicate};

impl Importer {
    pub(crate) fn rename(&mut self, s: &RenameStmt) {
        let ty = ObjectType::try_from(s.rename_type).unwrap_or(ObjectType::Undefined);
        let rel = s.relation.as_ref().map(range_var);
        match (ty, rel) {
            (ObjectType::ObjectTable, Some((schema, name))) => {
                let Some(ti) = self.find_table(&schema, &name) else {
                    return self.attach_to_opaque(&schema, &name, "rename", &name);
                };
                let ns = self.schema.tables[ti].namespace.clone();
                self.schema.tables[ti].name = s.newname.clone();
                for t in &mut self.schema.tables {
                    for fk in &mut t.foreign_keys {
                        if fk.ref_table == name && fk.ref_namespace == ns {
                            fk.ref_table = s.newname.clone();
                        }
                    }
                    if let Some(p) = &mut t.partition_of {
                        if p.parent == name && p.parent_namespace == ns {
                            p.parent = s.newname.clone();
                        }
                    }
                }
                for seq in &mut self.schema.sequences {
                    if let Some((t, _)) = &mut seq.owned_by {
                        if *t == name && seq.namespace == ns {
                            *t = s.newname.clone();
                        }
                    }
                }
                // Triggers and rules follow their table (the server keeps
                // them by reference; the model keeps SQL, rewritten here).
                let suffix = format!(" on {name}");
                for o in &mut self.schema.opaque {
                    if matches!(o.kind.as_str(), "trigger" | "rule") && o.name.ends_with(&suffix) && o.namespace == ns {
                        if let Some(sql) = retarget(&o.sql, &name, &s.newname) {
                            o.sql = sql;
                            o.name = format!(
                                "{}{}",
                                &o.name[..o.name.len() - suffix.len()],
                                format_args!(" on {}", s.newname)
                            );
                            o.depends_on
                                .iter_mut()
                                .filter(|d| **d == name)
                                .for_each(|d| *d = s.newname.clone());
                        }
                    }
                }
            }
            (ObjectType::ObjectColumn, Some((schema, name))) => {
                let Some(ti) = self.find_table(&schema, &name) else {
                    return self.attach_to_opaque(&schema, &name, "rename", &name);
                };
                let (old, new) = (s.subname.clone(), s.newname.clone());
                let ns = self.schema.tables[ti].namespace.clone();
                let swap = |v: &mut Vec<String>| v.iter_mut().filter(|c| **c == old).for_each(|c| *c = new.clone());
                let t = &mut self.schema.tables[ti];
                if let Some(c) = t.column_mut(&old) {
                    c.name = new.clone();
                }
                if let Some(p) = &mut t.primary_key {
                    swap(&mut p.columns);
                }
                t.foreign_keys.iter_mut().for_each(|f| swap(&mut f.columns));
                t.uniques.iter_mut().for_each(|u| swap(&mut u.columns));
                rename_in_expressions(t, &old, &new);
                for ix in &mut t.indexes {
                    for e in &mut ix.elements {
                        if matches!(&e.key, IndexKey::Column(k) if *k == old) {
                            e.key = IndexKey::Column(new.clone());
                        }
                    }
                    swap(&mut ix.include);
                }
                for other in &mut self.schema.tables {
                    for fk in &mut other.foreign_keys {
                        if fk.ref_table == name && fk.ref_namespace == ns {
                            swap(&mut fk.ref_columns);
                        }
                    }
                }
                for seq in &mut self.schema.sequences {
                    if let Some((t, c)) = &mut seq.owned_by {
                        if *t == name && *c == old {
                            *c = new.clone();
                        }
                    }
                }
            }
            (ObjectType::ObjectTabconstraint, Some((schema, name))) => {
                let Some(ti) = self.find_table(&schema, &name) else {
                    return;
                };
                self.rename_constraint(ti, &s.subname, &s.newname);
            }
            (ObjectType::ObjectIndex, Some((schema, name))) => {
                let ns = self.create_ns(&schema);
                let (old, new) = (name, s.newname.clone());
                for t in self
                    .schema
                    .tables
                    .iter_mut()
                    .filter(|t| schema.is_empty() || t.namespace == ns)
                {
                    if let Some(ix) = t.indexes.iter_mut().find(|i| i.name == old) {
                        ix.name = new.clone();
                        return;
                    }
                    // Renaming a constraint's index renames the constraint.
                    if let Some(p) = t.primary_key.as_mut().filter(|p| p.name == old) {
                        p.name = new.clone();
                        return;
                    }
                    if let Some(u) = t.uniques.iter_mut().find(|u| u.name == old) {
                        u.name = new.clone();
                        return;
                    }
                }
            }
            (ObjectType::ObjectSequence, Some((schema, name))) => {
                let ns = self.create_ns(&schema);
                if let Some(seq) = self
                    .schema
                    .sequences
                    .iter_mut()
                    .find(|q| q.name == name && q.namespace == ns)
                {
                    seq.name = s.newname.clone();
                }
            }
            (ObjectType::ObjectType, _) => {
                let names = s.object.as_deref().map(super::nodes::list_items).unwrap_or_default();
                let (schema, name) = qualified(&strings(&names));
                if let Some(i) = self.find_enum(&schema, &name) {
                    self.schema.enums[i].name = s.newname.clone();
                    for t in &mut self.schema.tables {
                        for c in &mut t.columns {
                            rename_enum_type(&mut c.physical, &name, &s.newname);
                        }
                    }
                } else {
                    self.rename_opaque(&name, &s.newname);
                }
            }
            (_, rel) => {
                let name = rel.map(|r| r.1).unwrap_or_default();
                self.rename_opaque(&name, &s.newname);
            }
        }
    }

    fn rename_constraint(&mut self, ti: usize, old: &str, new: &str) {
        let t = &mut self.schema.tables[ti];
        let new = new.to_string();
        if let Some(p) = t.primary_key.as_mut().filter(|p| p.name == old) {
            p.name = new.clone();
        }
        for f in t.foreign_keys.iter_mut().filter(|f| f.name == old) {
            f.name = new.clone();
        }
        for u in t.uniques.iter_mut().filter(|u| u.name == old) {
            u.name = new.clone();
        }
        for c in t.checks.iter_mut().filter(|c| c.name == old) {
            c.name = new.clone();
        }
        for x in t.exclusions.iter_mut().filter(|x| x.name == old) {
            x.name = new.clone();
        }
    }

    /// A rename of something kept verbatim: appended to its SQL.
    fn rename_opaque(&mut self, old: &str, new: &str) {
        let sql = self.sql.clone();
        match self.schema.opaque.iter_mut().rev().find(|o| base_name(&o.name) == old) {
            Some(o) => {
                o.sql.push_str(";\n");
                o.sql.push_str(&sql);
                o.name = o.name.replacen(old, new, 1);
            }
            None => {
                self.warn(format!(
                    "RENAME of {old}: not an object this script created; kept verbatim"
                ));
                self.keep_opaque("rename", old);
            }
        }
    }
}

/// The server keeps parsed expressions, so a renamed column is renamed in
/// every expression of its table; the model keeps text and rewrites it.
fn rename_in_expressions(t: &mut plinth_model::Table, old: &str, new: &str) {
    let r = |s: &mut String| *s = super::exprs::rename_column(s, old, new);
    for k in &mut t.checks {
        if let CheckExpr::Sql(s) = &mut k.expr {
            r(s);
        }
    }
    for c in &mut t.columns {
        if let Some(DefaultExpr::Sql(s)) = &mut c.default {
            r(s);
        }
        if let Some(g) = &mut c.generated {
            r(&mut g.expr);
        }
    }
    for ix in &mut t.indexes {
        for e in &mut ix.elements {
            if let IndexKey::Expr(x) = &mut e.key {
                r(x);
            }
        }
        if let Some(Predicate::Sql(p)) = &mut ix.predicate {
            r(p);
        }
    }
    for x in &mut t.exclusions {
        for (e, _) in &mut x.elements {
            if e == old {
                *e = crate::quote::ident(new);
            } else if e.starts_with('(') && e.ends_with(')') {
                *e = format!("({})", super::exprs::rename_column(e, old, new));
            }
        }
        if let Some(Predicate::Sql(p)) = &mut x.predicate {
            r(p);
        }
    }
    if let Some(rls) = &mut t.row_security {
        for p in &mut rls.policies {
            for e in [&mut p.using, &mut p.with_check].into_iter().flatten() {
                if let PolicyExpr::Sql(s) = e {
                    r(s);
                }
            }
        }
    }
}

/// CREATE TRIGGER / CREATE RULE statements with their table renamed.
fn retarget(sql: &str, old: &str, new: &str) -> Option<String> {
    let parsed = pg_query::parse(sql, pg_query::ParserOptions::DEFAULT).ok()?;
    let mut out = Vec::new();
    for raw in parsed.protobuf.stmts {
        let mut node = raw.stmt?.node?;
        let rel = match &mut node {
            NodeEnum::CreateTrigStmt(t) => t.relation.as_mut(),
            NodeEnum::RuleStmt(r) => r.relation.as_mut(),
            _ => None,
        };
        if let Some(rel) = rel.filter(|r| r.relname == old) {
            rel.relname = new.to_string();
        }
        out.push(super::nodes::deparse_stmt(node)?);
    }
    Some(out.join(";\n"))
}

fn rename_enum_type(p: &mut plinth_model::PhysicalType, old: &str, new: &str) {
    use plinth_model::PhysicalType as P;
    match p {
        P::Enum(n) if n == old => *n = new.to_string(),
        P::Array(inner) => rename_enum_type(inner, old, new),
        _ => {}
    }
}

/// `f(integer)` → `f`.
pub(crate) fn base_name(name: &str) -> &str {
    name.split('(').next().unwrap_or(name)
}
