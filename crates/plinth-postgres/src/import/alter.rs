//! ALTER TABLE, applied in order: how a dump that adds its constraints at
//! the end, or a folder of migrations, reaches its final schema.

use super::nodes::{deparse_expr, range_var, strings};
use super::Importer;
use pg_query::protobuf::{AlterTableCmd, AlterTableStmt, AlterTableType, ObjectType};
use pg_query::NodeEnum;
use plinth_model::{CheckExpr, DefaultExpr, Generated, Identity, IndexKey, PartitionOf, Predicate, RowSecurity};

impl Importer {
    pub(crate) fn alter_table(&mut self, s: &AlterTableStmt) {
        let Some(rv) = &s.relation else { return };
        let (schema, name) = range_var(rv);
        let objtype = ObjectType::try_from(s.objtype).unwrap_or(ObjectType::Undefined);
        if matches!(objtype, ObjectType::ObjectIndex) {
            // ALTER INDEX ... ATTACH PARTITION / SET (...): nothing the model keeps.
            if s.cmds.iter().all(|c| is_cmd(c, AlterTableType::AtAttachPartition)) {
                return;
            }
            self.warn(format!("ALTER INDEX {name} is not modelled; kept verbatim"));
            self.keep_opaque("alter index", &name);
            return;
        }
        if matches!(objtype, ObjectType::ObjectSequence) {
            // ALTER SEQUENCE ... OWNER TO (parsed as ALTER TABLE).
            if s.cmds.iter().all(|c| is_cmd(c, AlterTableType::AtChangeOwner)) {
                return;
            }
        }
        let Some(ti) = self.find_table(&schema, &name) else {
            if s.cmds.iter().all(|c| is_cmd(c, AlterTableType::AtChangeOwner)) {
                return;
            }
            if s.missing_ok {
                return;
            }
            self.attach_to_opaque(&schema, &name, "alter table", &name);
            return;
        };
        for c in &s.cmds {
            if let Some(NodeEnum::AlterTableCmd(cmd)) = c.node.as_ref() {
                self.alter_cmd(ti, cmd);
            }
        }
    }

    fn alter_cmd(&mut self, ti: usize, cmd: &AlterTableCmd) {
        use AlterTableType as A;
        let ty = A::try_from(cmd.subtype).unwrap_or(A::Undefined);
        let table = self.schema.tables[ti].name.clone();
        let col = cmd.name.clone();
        match ty {
            A::AtAddColumn => {
                if let Some(NodeEnum::ColumnDef(c)) = cmd.def.as_deref().and_then(|d| d.node.as_ref()) {
                    if cmd.missing_ok && self.schema.tables[ti].has_column(&c.colname) {
                        return;
                    }
                    self.add_column(ti, c);
                }
            }
            A::AtDropColumn => self.drop_column(ti, &col),
            A::AtColumnDefault => {
                let d = cmd
                    .def
                    .as_deref()
                    .filter(|d| !super::tables::is_null(d))
                    .and_then(deparse_expr)
                    .map(DefaultExpr::Sql);
                if let Some(c) = self.column(ti, &col) {
                    c.default = d;
                }
            }
            A::AtSetNotNull => {
                if let Some(c) = self.column(ti, &col) {
                    c.nullable = false;
                }
            }
            A::AtDropNotNull => {
                if let Some(c) = self.column(ti, &col) {
                    c.nullable = true;
                }
            }
            A::AtAlterColumnType => {
                if let Some(NodeEnum::ColumnDef(def)) = cmd.def.as_deref().and_then(|d| d.node.as_ref()) {
                    let physical = def.type_name.as_ref().map(|tn| self.type_of(tn));
                    let collation = def
                        .coll_clause
                        .as_ref()
                        .map(|c| super::types::collation_sql(&strings(&c.collname), &self.search_path));
                    if let (Some(p), Some(c)) = (physical, self.column(ti, &col)) {
                        // The server keeps the default, coerced from the old
                        // type: a literal keeps meaning what it meant then.
                        // (Expressions are re-coerced; only a literal stays typed.)
                        if let (Some(DefaultExpr::Sql(d)), true) = (&c.default, c.physical != p && literal_default(c)) {
                            c.default = Some(DefaultExpr::Sql(format!(
                                "({d})::{}",
                                crate::expr::physical(&c.physical)
                            )));
                        }
                        c.logical = super::types::logical_for(&p);
                        c.physical = p;
                        if collation.is_some() {
                            c.collation = collation;
                        }
                    }
                }
            }
            A::AtAddConstraint => {
                if let Some(NodeEnum::Constraint(k)) = cmd.def.as_deref().and_then(|d| d.node.as_ref()) {
                    self.add_constraint(ti, k, None);
                }
            }
            A::AtDropConstraint => {
                let t = &mut self.schema.tables[ti];
                if t.primary_key.as_ref().is_some_and(|p| p.name == col) {
                    t.primary_key = None;
                }
                t.foreign_keys.retain(|x| x.name != col);
                t.uniques.retain(|x| x.name != col);
                t.checks.retain(|x| x.name != col);
                t.exclusions.retain(|x| x.name != col);
            }
            A::AtAddIdentity => {
                let always = match cmd.def.as_deref().and_then(|d| d.node.as_ref()) {
                    Some(NodeEnum::Constraint(k)) => k.generated_when == "a",
                    _ => false,
                };
                if let Some(c) = self.column(ti, &col) {
                    c.identity = Some(if always { Identity::Always } else { Identity::ByDefault });
                    c.nullable = false;
                }
            }
            A::AtDropIdentity => {
                if let Some(c) = self.column(ti, &col) {
                    c.identity = None;
                }
            }
            A::AtSetIdentity => self.warn(format!("identity options of {table}.{col} are not modelled")),
            A::AtDropExpression => {
                if let Some(c) = self.column(ti, &col) {
                    c.generated = None;
                }
            }
            A::AtSetExpression => {
                let expr = cmd.def.as_deref().and_then(deparse_expr);
                if let (Some(expr), Some(c)) = (expr, self.column(ti, &col)) {
                    let stored = c.generated.as_ref().is_none_or(|g| g.stored);
                    c.generated = Some(Generated { expr, stored });
                }
            }
            A::AtEnableRowSecurity | A::AtDisableRowSecurity | A::AtForceRowSecurity | A::AtNoForceRowSecurity => {
                let t = &mut self.schema.tables[ti];
                let rls = t.row_security.get_or_insert_with(|| RowSecurity {
                    enabled: false,
                    forced: false,
                    policies: Vec::new(),
                });
                match ty {
                    A::AtEnableRowSecurity => rls.enabled = true,
                    A::AtDisableRowSecurity => rls.enabled = false,
                    A::AtForceRowSecurity => rls.forced = true,
                    _ => rls.forced = false,
                }
            }
            A::AtAttachPartition => {
                if let Some(NodeEnum::PartitionCmd(pc)) = cmd.def.as_deref().and_then(|d| d.node.as_ref()) {
                    let Some(rv) = &pc.name else { return };
                    let (ps, pn) = range_var(rv);
                    let bound = match &pc.bound {
                        Some(b) if b.is_default => "DEFAULT".to_string(),
                        _ => {
                            let lower = self.sql.to_ascii_lowercase();
                            lower
                                .find("for values")
                                .map_or("DEFAULT".to_string(), |p| self.sql[p..].trim().to_string())
                        }
                    };
                    let parent = self.schema.tables[ti].clone();
                    if let Some(ci) = self.find_table(&ps, &pn) {
                        self.schema.tables[ci].partition_of = Some(PartitionOf {
                            parent_namespace: parent.namespace.clone(),
                            parent: parent.name.clone(),
                            bound,
                        });
                    } else {
                        self.warn(format!("ATTACH PARTITION {pn}: no such table was created before"));
                    }
                }
            }
            A::AtDetachPartition | A::AtDetachPartitionFinalize => {
                if let Some(NodeEnum::PartitionCmd(pc)) = cmd.def.as_deref().and_then(|d| d.node.as_ref()) {
                    if let Some(rv) = &pc.name {
                        let (ps, pn) = range_var(rv);
                        if let Some(ci) = self.find_table(&ps, &pn) {
                            self.schema.tables[ci].partition_of = None;
                        }
                    }
                }
            }
            // Ownership, storage, statistics, clustering, replica identity
            // and similar physical settings do not change the logical schema.
            A::AtChangeOwner
            | A::AtSetStatistics
            | A::AtSetStorage
            | A::AtSetCompression
            | A::AtClusterOn
            | A::AtDropCluster
            | A::AtSetTableSpace
            | A::AtValidateConstraint => {}
            A::AtSetRelOptions
            | A::AtResetRelOptions
            | A::AtSetOptions
            | A::AtResetOptions
            | A::AtReplicaIdentity
            | A::AtSetLogged
            | A::AtSetUnLogged => {
                self.warn(format!(
                    "ALTER TABLE {table}: {ty:?} is a physical setting the model does not keep"
                ));
            }
            A::AtEnableTrig
            | A::AtDisableTrig
            | A::AtEnableAlwaysTrig
            | A::AtEnableReplicaTrig
            | A::AtEnableTrigAll
            | A::AtDisableTrigAll
            | A::AtEnableTrigUser
            | A::AtDisableTrigUser
            | A::AtEnableRule
            | A::AtDisableRule
            | A::AtEnableAlwaysRule
            | A::AtEnableReplicaRule
            | A::AtAlterConstraint
            | A::AtAddInherit
            | A::AtDropInherit => {
                self.warn(format!("ALTER TABLE {table}: {ty:?} is not modelled; kept verbatim"));
                self.keep_opaque("alter table", &table);
            }
            other => {
                self.warn(format!(
                    "ALTER TABLE {table}: {other:?} is not understood; kept verbatim"
                ));
                self.keep_opaque("alter table", &table);
            }
        }
    }

    fn column(&mut self, ti: usize, name: &str) -> Option<&mut plinth_model::Column> {
        let found = self.schema.tables[ti].column_mut(name).is_some();
        if !found {
            let t = self.schema.tables[ti].name.clone();
            self.warn(format!("column {t}.{name} does not exist at this point"));
            return None;
        }
        self.schema.tables[ti].column_mut(name)
    }

    /// Dropping a column drops the constraints and indexes that use it,
    /// as PostgreSQL does (with CASCADE for foreign keys pointing at it).
    fn drop_column(&mut self, ti: usize, col: &str) {
        let c = col.to_string();
        let t = &mut self.schema.tables[ti];
        t.columns.retain(|x| x.name != c);
        if t.primary_key.as_ref().is_some_and(|p| p.columns.contains(&c)) {
            t.primary_key = None;
        }
        t.foreign_keys.retain(|f| !f.columns.contains(&c));
        t.uniques.retain(|u| !u.columns.contains(&c));
        let sql_mentions = |s: &str| super::exprs::mentions(s, &c);
        t.checks.retain(|k| match &k.expr {
            CheckExpr::Sql(s) => !sql_mentions(s),
            other => other.column() != Some(c.as_str()),
        });
        t.indexes.retain(|i| {
            !i.elements.iter().any(|e| match &e.key {
                IndexKey::Column(k) => *k == c,
                IndexKey::Expr(x) => sql_mentions(x),
            }) && !i.include.contains(&c)
                && !matches!(&i.predicate, Some(Predicate::Sql(p)) if sql_mentions(p))
        });
        t.exclusions
            .retain(|x| !x.elements.iter().any(|(e, _)| *e == c || sql_mentions(e)));
        let (table, ns) = (t.name.clone(), t.namespace.clone());
        self.schema
            .sequences
            .retain(|s| !(s.namespace == ns && s.owned_by.as_ref().is_some_and(|(ot, oc)| *ot == table && *oc == c)));
    }
}

/// A default that is a bare literal (`'1970-01-01'`, `0`).
fn literal_default(c: &plinth_model::Column) -> bool {
    match &c.default {
        Some(DefaultExpr::Sql(d)) => (d.starts_with('\'') && d.ends_with('\'')) || d.parse::<f64>().is_ok(),
        _ => false,
    }
}

fn is_cmd(n: &pg_query::protobuf::Node, ty: AlterTableType) -> bool {
    matches!(n.node.as_ref(), Some(NodeEnum::AlterTableCmd(c)) if c.subtype == ty as i32)
}
