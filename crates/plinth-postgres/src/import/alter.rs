//! ALTER TABLE (applied in order), RENAME and DROP: how a dump that adds
//! its constraints at the end, or a folder of migrations, reaches its final
//! schema.

use super::nodes::{deparse_expr, qualified, range_var, strings};
use super::types::norm_ns;
use super::Importer;
use pg_query::protobuf::{AlterTableCmd, AlterTableStmt, AlterTableType, DropStmt, ObjectType, RenameStmt};
use pg_query::NodeEnum;
use plinth_model::{
    CheckExpr, DefaultExpr, Generated, Identity, IndexKey, PartitionOf, PolicyExpr, Predicate, RowSecurity,
};

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

    pub(crate) fn drop(&mut self, s: &DropStmt) {
        let ty = ObjectType::try_from(s.remove_type).unwrap_or(ObjectType::Undefined);
        for obj in &s.objects {
            let names = match obj.node.as_ref() {
                Some(NodeEnum::TypeName(t)) => strings(&t.names),
                _ => strings(&super::nodes::list_items(obj)),
            };
            let (schema, name) = qualified(&names);
            let ns = norm_ns(&schema);
            match ty {
                ObjectType::ObjectTable => match self.find_table(&schema, &name) {
                    Some(ti) => {
                        let t = self.schema.tables.remove(ti);
                        self.schema.sequences.retain(|q| {
                            !(q.owned_by.as_ref().is_some_and(|(o, _)| *o == t.name) && q.namespace == t.namespace)
                        });
                        if s.behavior == 2 {
                            for other in &mut self.schema.tables {
                                other
                                    .foreign_keys
                                    .retain(|f| !(f.ref_table == t.name && f.ref_namespace == t.namespace));
                            }
                        }
                        // Its triggers and rules go with it.
                        let suffix = format!(" on {}", t.name);
                        self.schema.opaque.retain(|o| {
                            !(matches!(o.kind.as_str(), "trigger" | "rule")
                                && o.name.ends_with(&suffix)
                                && o.namespace == t.namespace)
                        });
                    }
                    None => self.drop_opaque(&["table"], &schema, &name, s.missing_ok),
                },
                ObjectType::ObjectIndex => {
                    let mut found = false;
                    for t in self
                        .schema
                        .tables
                        .iter_mut()
                        .filter(|t| schema.is_empty() || t.namespace == ns)
                    {
                        let before = t.indexes.len();
                        t.indexes.retain(|i| i.name != name);
                        found |= t.indexes.len() != before;
                    }
                    if !found {
                        self.drop_opaque(&["index"], &schema, &name, true);
                    }
                }
                ObjectType::ObjectSequence => {
                    let before = self.schema.sequences.len();
                    self.schema
                        .sequences
                        .retain(|q| !(q.name == name && (schema.is_empty() || q.namespace == ns)));
                    if before == self.schema.sequences.len() && !s.missing_ok {
                        self.warn(format!("DROP SEQUENCE {name}: no such sequence"));
                    }
                }
                ObjectType::ObjectType => match self.find_enum(&schema, &name) {
                    Some(i) => {
                        self.schema.enums.remove(i);
                    }
                    None => self.drop_opaque(&["type"], &schema, &name, s.missing_ok),
                },
                ObjectType::ObjectDomain => self.drop_opaque(&["domain"], &schema, &name, s.missing_ok),
                ObjectType::ObjectView => self.drop_opaque(&["view"], &schema, &name, s.missing_ok),
                ObjectType::ObjectMatview => self.drop_opaque(&["materialized view"], &schema, &name, s.missing_ok),
                ObjectType::ObjectSchema => {
                    if s.behavior == 2 {
                        // CASCADE: everything in the schema goes with it.
                        let ns = Some(name.clone());
                        self.schema.tables.retain(|t| t.namespace != ns);
                        self.schema.enums.retain(|e| e.namespace != ns);
                        self.schema.sequences.retain(|q| q.namespace != ns);
                        self.schema.opaque.retain(|o| o.namespace != ns || o.kind == "schema");
                    }
                    self.drop_opaque(&["schema"], "", &name, s.missing_ok)
                }
                ObjectType::ObjectExtension => self.drop_opaque(&["extension"], "", &name, s.missing_ok),
                ObjectType::ObjectFunction | ObjectType::ObjectProcedure | ObjectType::ObjectAggregate => {
                    let name = super::opaque::object_with_args_name(obj);
                    self.drop_opaque(&["function", "procedure", "aggregate"], "", &name, s.missing_ok);
                }
                ObjectType::ObjectTrigger | ObjectType::ObjectRule | ObjectType::ObjectPolicy => {
                    // `[schema, table, name]`: the last is the object's name.
                    let table = names.len().checked_sub(2).map(|i| names[i].clone()).unwrap_or_default();
                    let table_schema = if names.len() > 2 {
                        names[0].clone()
                    } else {
                        String::new()
                    };
                    if ty == ObjectType::ObjectPolicy {
                        if let Some(ti) = self.find_table(&table_schema, &table) {
                            if let Some(rls) = &mut self.schema.tables[ti].row_security {
                                rls.policies.retain(|p| p.name != name);
                            }
                            continue;
                        }
                    }
                    let kind = if ty == ObjectType::ObjectTrigger {
                        "trigger"
                    } else {
                        "rule"
                    };
                    let full = format!("{name} on {table}");
                    self.drop_opaque(&[kind], "", &full, s.missing_ok);
                }
                _ => {
                    let kind = super::opaque::object_kind(ty);
                    self.drop_opaque(&[kind], &schema, &name, s.missing_ok);
                }
            }
        }
    }

    fn drop_opaque(&mut self, kinds: &[&str], schema: &str, name: &str, missing_ok: bool) {
        let ns = norm_ns(schema);
        let before = self.schema.opaque.len();
        self.schema.opaque.retain(|o| {
            !(kinds.contains(&o.kind.as_str())
                && (o.name == name || base_name(&o.name) == name)
                && (schema.is_empty() || o.namespace == ns))
        });
        if before == self.schema.opaque.len() && !missing_ok {
            self.warn(format!(
                "DROP {} {name}: not an object this script created; kept verbatim",
                kinds[0]
            ));
            self.keep_opaque("drop", name);
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

/// A default that is a bare literal (`'1970-01-01'`, `0`).
fn literal_default(c: &plinth_model::Column) -> bool {
    match &c.default {
        Some(DefaultExpr::Sql(d)) => (d.starts_with('\'') && d.ends_with('\'')) || d.parse::<f64>().is_ok(),
        _ => false,
    }
}

/// `f(integer)` → `f`.
fn base_name(name: &str) -> &str {
    name.split('(').next().unwrap_or(name)
}

fn is_cmd(n: &pg_query::protobuf::Node, ty: AlterTableType) -> bool {
    matches!(n.node.as_ref(), Some(NodeEnum::AlterTableCmd(c)) if c.subtype == ty as i32)
}

fn rename_enum_type(p: &mut plinth_model::PhysicalType, old: &str, new: &str) {
    use plinth_model::PhysicalType as P;
    match p {
        P::Enum(n) if n == old => *n = new.to_string(),
        P::Array(inner) => rename_enum_type(inner, old, new),
        _ => {}
    }
}
