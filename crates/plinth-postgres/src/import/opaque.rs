//! Objects the model keeps verbatim (views, functions, triggers,
//! extensions, domains, ...), their names and dependencies; statements that
//! steer the import (search_path); comments and row-level-security policies.

use super::nodes::{const_str, deparse_expr, list_items, qualified, range_var, strings};
use super::types::norm_ns;
use super::Importer;
use pg_query::protobuf::{
    CommentStmt, CreatePolicyStmt, FunctionParameterMode, Node, ObjectType, ObjectWithArgs, RoleSpec, SelectStmt,
    TypeName, VariableSetStmt,
};
use pg_query::NodeEnum;
use plinth_model::{Policy, PolicyCommand, PolicyExpr, RowSecurity};

/// The kind word used for opaque objects of an object type.
pub(crate) fn object_kind(t: ObjectType) -> &'static str {
    use ObjectType as O;
    match t {
        O::ObjectAggregate => "aggregate",
        O::ObjectCast => "cast",
        O::ObjectCollation => "collation",
        O::ObjectConversion => "conversion",
        O::ObjectDomain => "domain",
        O::ObjectEventTrigger => "event trigger",
        O::ObjectExtension => "extension",
        O::ObjectForeignTable => "foreign table",
        O::ObjectFunction => "function",
        O::ObjectIndex => "index",
        O::ObjectLanguage => "language",
        O::ObjectMatview => "materialized view",
        O::ObjectOpclass => "operator class",
        O::ObjectOperator => "operator",
        O::ObjectOpfamily => "operator family",
        O::ObjectProcedure => "procedure",
        O::ObjectPublication => "publication",
        O::ObjectRoutine => "function",
        O::ObjectRule => "rule",
        O::ObjectSchema => "schema",
        O::ObjectSequence => "sequence",
        O::ObjectStatisticExt => "statistics",
        O::ObjectTable => "table",
        O::ObjectTabconstraint => "constraint",
        O::ObjectTrigger => "trigger",
        O::ObjectTsconfiguration => "text search configuration",
        O::ObjectTsdictionary => "text search dictionary",
        O::ObjectTsparser => "text search parser",
        O::ObjectTstemplate => "text search template",
        O::ObjectType => "type",
        O::ObjectView => "view",
        O::ObjectForeignServer => "server",
        O::ObjectFdw => "foreign data wrapper",
        O::ObjectRole => "role",
        _ => "object",
    }
}

/// `f(integer, text)` for a function reference (DROP/ALTER/COMMENT).
pub(crate) fn object_with_args_name(n: &Node) -> String {
    match n.node.as_ref() {
        Some(NodeEnum::ObjectWithArgs(o)) => owa_name(o),
        _ => strings(&list_items(n)).last().cloned().unwrap_or_default(),
    }
}

fn owa_name(o: &ObjectWithArgs) -> String {
    let (_, name) = qualified(&strings(&o.objname));
    if o.args_unspecified {
        return name;
    }
    let args: Vec<String> = o
        .objargs
        .iter()
        .filter_map(|a| match a.node.as_ref() {
            Some(NodeEnum::TypeName(t)) => Some(type_text(t)),
            _ => None,
        })
        .collect();
    format!("{name}({})", args.join(", "))
}

/// A type as the catalog spells it (for function signatures).
fn type_text(t: &TypeName) -> String {
    crate::expr::physical(&super::types::physical(t, &|_, _| None))
}

/// Names of relations and types a statement refers to, for ordering.
pub(crate) fn dependencies(sql: &str) -> Vec<String> {
    let Ok(parsed) = pg_query::parse(sql, pg_query::ParserOptions::DEFAULT) else {
        return Vec::new();
    };
    let mut deps: Vec<String> = parsed.tables();
    for (node, _, _, _) in parsed.protobuf.nodes() {
        match node {
            pg_query::NodeRef::CreateFunctionStmt(f) => {
                let mut types: Vec<&TypeName> = f.return_type.iter().collect();
                for p in &f.parameters {
                    if let Some(NodeEnum::FunctionParameter(p)) = p.node.as_ref() {
                        types.extend(p.arg_type.iter());
                    }
                }
                for t in types {
                    let (s, n) = qualified(&strings(&t.names));
                    if s != "pg_catalog" {
                        deps.push(if s.is_empty() { n } else { format!("{s}.{n}") });
                    }
                }
                let is_sql = f.options.iter().any(|o| match o.node.as_ref() {
                    Some(NodeEnum::DefElem(d)) if d.defname == "language" => d
                        .arg
                        .as_deref()
                        .and_then(const_str)
                        .is_some_and(|l| l.eq_ignore_ascii_case("sql")),
                    _ => false,
                });
                let body = f.options.iter().find_map(|o| match o.node.as_ref() {
                    Some(NodeEnum::DefElem(d)) if d.defname == "as" => d
                        .arg
                        .as_deref()
                        .map(list_items)
                        .and_then(|l| l.first().and_then(const_str)),
                    _ => None,
                });
                if let (true, Some(body)) = (is_sql, body) {
                    if let Ok(p) = pg_query::parse(&body, pg_query::ParserOptions::DEFAULT) {
                        deps.extend(p.tables());
                    }
                }
            }
            pg_query::NodeRef::CreateTrigStmt(t) => {
                deps.extend(strings(&t.funcname).last().cloned());
            }
            _ => {}
        }
    }
    deps.iter_mut().for_each(|d| {
        if let Some(rest) = d.strip_prefix("public.") {
            *d = rest.to_string();
        }
    });
    deps.sort();
    deps.dedup();
    deps
}

impl Importer {
    /// Any statement the model does not interpret as tables and columns.
    pub(crate) fn opaque_statement(&mut self, node: &NodeEnum) {
        let ns = |me: &Self, schema: &str| me.create_ns(schema);
        match node {
            NodeEnum::CreateSchemaStmt(s) => {
                if !s.schema_elts.is_empty() {
                    self.warn(format!(
                        "objects created inside CREATE SCHEMA {} are kept verbatim",
                        s.schemaname
                    ));
                }
                if self
                    .schema
                    .opaque
                    .iter()
                    .any(|o| o.kind == "schema" && o.name == s.schemaname)
                    && s.if_not_exists
                {
                    return;
                }
                self.keep_opaque("schema", &s.schemaname);
            }
            NodeEnum::CreateExtensionStmt(s) => self.keep_opaque("extension", &s.extname),
            NodeEnum::ViewStmt(v) => {
                let Some(rv) = &v.view else { return };
                let (schema, name) = range_var(rv);
                let n = ns(self, &schema);
                self.replace_opaque("view", n, &name);
            }
            NodeEnum::CreateTableAsStmt(s) => {
                let Some(rv) = s.into.as_ref().and_then(|i| i.rel.as_ref()) else {
                    return;
                };
                let (schema, name) = range_var(rv);
                let n = ns(self, &schema);
                if s.objtype == ObjectType::ObjectMatview as i32 {
                    self.keep_opaque_in("materialized view", n, &name);
                } else {
                    self.warn(format!(
                        "CREATE TABLE {name} AS SELECT: the columns come from a query; kept verbatim"
                    ));
                    self.keep_opaque_in("table", n, &name);
                }
            }
            NodeEnum::CreateFunctionStmt(f) => {
                let (schema, name) = qualified(&strings(&f.funcname));
                let args: Vec<String> = f
                    .parameters
                    .iter()
                    .filter_map(|p| match p.node.as_ref() {
                        Some(NodeEnum::FunctionParameter(p)) => {
                            let mode = FunctionParameterMode::try_from(p.mode).ok();
                            let input = !matches!(
                                mode,
                                Some(FunctionParameterMode::FuncParamOut | FunctionParameterMode::FuncParamTable)
                            );
                            input.then(|| p.arg_type.as_ref().map(type_text)).flatten()
                        }
                        _ => None,
                    })
                    .collect();
                let kind = if f.is_procedure { "procedure" } else { "function" };
                let n = ns(self, &schema);
                self.replace_opaque(kind, n, &format!("{name}({})", args.join(", ")));
            }
            NodeEnum::CreateTrigStmt(t) => {
                let table = t.relation.as_ref().map(|r| r.relname.clone()).unwrap_or_default();
                let n = t.relation.as_ref().and_then(|r| self.table_ns(r));
                self.replace_opaque("trigger", n, &format!("{} on {table}", t.trigname));
            }
            NodeEnum::RuleStmt(r) => {
                let table = r.relation.as_ref().map(|r| r.relname.clone()).unwrap_or_default();
                let n = r.relation.as_ref().and_then(|r| self.table_ns(r));
                self.replace_opaque("rule", n, &format!("{} on {table}", r.rulename));
            }
            NodeEnum::CreateDomainStmt(d) => {
                let (schema, name) = qualified(&strings(&d.domainname));
                let n = ns(self, &schema);
                self.keep_opaque_in("domain", n, &name);
            }
            NodeEnum::CompositeTypeStmt(c) => {
                let Some(rv) = &c.typevar else { return };
                let (schema, name) = range_var(rv);
                let n = ns(self, &schema);
                self.keep_opaque_in("type", n, &name);
            }
            NodeEnum::CreateRangeStmt(r) => {
                let (schema, name) = qualified(&strings(&r.type_name));
                let n = ns(self, &schema);
                self.keep_opaque_in("type", n, &name);
            }
            NodeEnum::DefineStmt(d) => {
                let kind = object_kind(ObjectType::try_from(d.kind).unwrap_or(ObjectType::Undefined));
                let (schema, name) = qualified(&strings(&d.defnames));
                let n = ns(self, &schema);
                let name = if kind == "aggregate" {
                    let args: Vec<String> = d
                        .args
                        .first()
                        .map(list_items)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|a| match a.node.as_ref() {
                            Some(NodeEnum::FunctionParameter(p)) => p.arg_type.as_ref().map(type_text),
                            Some(NodeEnum::TypeName(t)) => Some(type_text(t)),
                            _ => None,
                        })
                        .collect();
                    format!("{name}({})", args.join(", "))
                } else {
                    name
                };
                self.replace_opaque(kind, n, &name);
            }
            NodeEnum::CreateCastStmt(c) => {
                let s = c.sourcetype.as_ref().map(type_text).unwrap_or_default();
                let t = c.targettype.as_ref().map(type_text).unwrap_or_default();
                self.keep_opaque("cast", &format!("({s} AS {t})"));
            }
            NodeEnum::CreateEventTrigStmt(e) => self.keep_opaque("event trigger", &e.trigname),
            NodeEnum::GrantStmt(_) | NodeEnum::GrantRoleStmt(_) | NodeEnum::AlterDefaultPrivilegesStmt(_) => {
                let name = self.sql.split_whitespace().collect::<Vec<_>>().join(" ");
                self.keep_opaque("grant", &name);
            }
            NodeEnum::DoStmt(_) => {
                self.warn("DO block: what it creates is only known by running it; kept verbatim".into());
                self.keep_opaque("do", &format!("statement {}", self.statement_index()));
            }
            NodeEnum::AlterDomainStmt(d) => {
                let (schema, name) = qualified(&strings(&d.type_name));
                self.append_to_opaque(&["domain"], &schema, &name);
            }
            NodeEnum::AlterTsconfigurationStmt(c) => {
                let (schema, name) = qualified(&strings(&c.cfgname));
                self.append_to_opaque(&["text search configuration"], &schema, &name);
            }
            NodeEnum::AlterFunctionStmt(f) => {
                let name = f.func.as_ref().map(owa_name).unwrap_or_default();
                self.append_to_opaque(&["function", "procedure"], "", &name);
            }
            NodeEnum::AlterExtensionStmt(e) => self.append_to_opaque(&["extension"], "", &e.extname),
            NodeEnum::CreateStatsStmt(_)
            | NodeEnum::CreateOpClassStmt(_)
            | NodeEnum::CreateOpFamilyStmt(_)
            | NodeEnum::CreateConversionStmt(_)
            | NodeEnum::CreatePlangStmt(_)
            | NodeEnum::CreateForeignTableStmt(_)
            | NodeEnum::CreateFdwStmt(_)
            | NodeEnum::CreateForeignServerStmt(_)
            | NodeEnum::CreatePublicationStmt(_)
            | NodeEnum::CreateTransformStmt(_)
            | NodeEnum::CreateAmStmt(_) => {
                let label = statement_label(node);
                self.keep_opaque(&label, &format!("statement {}", self.statement_index()));
            }
            other => {
                let label = statement_label(other);
                self.warn(format!("{label} is not understood by the importer; kept verbatim"));
                self.keep_opaque(&label, &format!("statement {}", self.statement_index()));
            }
        }
    }

    fn statement_index(&self) -> String {
        format!("{}:{}", self.current_script(), self.current_statement())
    }

    fn table_ns(&self, rv: &pg_query::protobuf::RangeVar) -> Option<String> {
        match self.find_table(&rv.schemaname, &rv.relname) {
            Some(i) => self.schema.tables[i].namespace.clone(),
            None => self.create_ns(&rv.schemaname),
        }
    }

    /// CREATE OR REPLACE: the newest definition wins.
    fn replace_opaque(&mut self, kind: &str, namespace: Option<String>, name: &str) {
        self.schema
            .opaque
            .retain(|o| !(o.kind == kind && o.name == name && o.namespace == namespace));
        self.keep_opaque_in(kind, namespace, name);
    }

    /// ALTER of an opaque object: appended to its SQL.
    fn append_to_opaque(&mut self, kinds: &[&str], schema: &str, name: &str) {
        let ns = norm_ns(schema);
        let sql = self.sql.clone();
        let base = |n: &str| n.split('(').next().unwrap_or(n).to_string();
        match self.schema.opaque.iter_mut().rev().find(|o| {
            kinds.contains(&o.kind.as_str())
                && (o.name == name || base(&o.name) == base(name))
                && (schema.is_empty() || o.namespace == ns)
        }) {
            Some(o) => {
                o.sql.push_str(";\n");
                o.sql.push_str(&sql);
            }
            None => {
                self.warn(format!(
                    "ALTER {} {name}: not an object this script created; kept verbatim",
                    kinds[0]
                ));
                self.keep_opaque(&format!("alter {}", kinds[0]), name);
            }
        }
    }

    pub(crate) fn set(&mut self, s: &VariableSetStmt) {
        if s.name != "search_path" {
            return;
        }
        if s.kind == 1 {
            self.search_path = s
                .args
                .iter()
                .filter_map(const_str)
                .flat_map(|v| {
                    v.split(',')
                        .map(|p| p.trim().trim_matches('"').to_string())
                        .collect::<Vec<_>>()
                })
                .filter(|p| !p.is_empty())
                .collect();
        } else {
            self.search_path = vec!["public".into()];
        }
    }

    /// `SELECT pg_catalog.set_config('search_path', '', false)` (pg_dump)
    /// steers the search path; other SELECTs (setval, ...) are data.
    pub(crate) fn select(&mut self, s: &SelectStmt) {
        let target = s.target_list.first().and_then(|t| match t.node.as_ref() {
            Some(NodeEnum::ResTarget(r)) => r.val.as_deref(),
            _ => None,
        });
        if let Some(NodeEnum::FuncCall(f)) = target.and_then(|t| t.node.as_ref()) {
            let fname = strings(&f.funcname);
            if fname.last().map(String::as_str) == Some("set_config")
                && f.args.first().and_then(const_str).as_deref() == Some("search_path")
            {
                let value = f.args.get(1).and_then(const_str).unwrap_or_default();
                self.search_path = value
                    .split(',')
                    .map(|p| p.trim().trim_matches('"').to_string())
                    .filter(|p| !p.is_empty())
                    .collect();
                return;
            }
        }
        self.skip_data("SELECT");
    }

    pub(crate) fn comment(&mut self, s: &CommentStmt) {
        let ty = ObjectType::try_from(s.objtype).unwrap_or(ObjectType::Undefined);
        let names = s
            .object
            .as_deref()
            .map(list_items)
            .map(|l| strings(&l))
            .unwrap_or_default();
        let text = (!s.comment.is_empty()).then(|| s.comment.clone());
        match ty {
            ObjectType::ObjectTable => {
                let (schema, name) = qualified(&names);
                if let Some(ti) = self.find_table(&schema, &name) {
                    self.schema.tables[ti].comment = text;
                    return;
                }
            }
            ObjectType::ObjectColumn => {
                if let [.., t, c] = names.as_slice() {
                    let schema = if names.len() > 2 {
                        names[names.len() - 3].clone()
                    } else {
                        String::new()
                    };
                    if let Some(ti) = self.find_table(&schema, t) {
                        if let Some(col) = self.schema.tables[ti].column_mut(c) {
                            col.comment = text;
                            return;
                        }
                    }
                }
            }
            _ => {}
        }
        // Comments on other objects travel with the object when it is kept
        // verbatim, else become their own opaque object.
        let name = match ty {
            ObjectType::ObjectFunction | ObjectType::ObjectProcedure | ObjectType::ObjectAggregate => {
                s.object.as_deref().map(object_with_args_name).unwrap_or_default()
            }
            _ => names.last().cloned().unwrap_or_default(),
        };
        let kind = object_kind(ty);
        let sql = self.sql.clone();
        let base = |n: &str| n.split('(').next().unwrap_or(n).to_string();
        if let Some(o) = self
            .schema
            .opaque
            .iter_mut()
            .rev()
            .find(|o| (o.kind == kind || kind == "table") && (o.name == name || base(&o.name) == base(&name)))
        {
            o.sql.push_str(";\n");
            o.sql.push_str(&sql);
            return;
        }
        // `[public, ...]`: public is the default namespace.
        let mut names = names;
        if names.len() >= 2 && names[0] == "public" {
            names.remove(0);
        }
        self.keep_opaque("comment", &format!("on {kind} {}", names.join(".")));
        if matches!(
            ty,
            ObjectType::ObjectTabconstraint | ObjectType::ObjectTrigger | ObjectType::ObjectPolicy
        ) {
            // Created after the table it is about.
            if let (Some(o), Some(t)) = (self.schema.opaque.last_mut(), names.len().checked_sub(2)) {
                o.depends_on.push(names[t].clone());
            }
        }
    }

    pub(crate) fn create_policy(&mut self, s: &CreatePolicyStmt) {
        let Some(rv) = &s.table else { return };
        let (schema, table) = range_var(rv);
        let Some(ti) = self.find_table(&schema, &table) else {
            return self.attach_to_opaque(&schema, &table, "policy", &s.policy_name);
        };
        let command = match s.cmd_name.as_str() {
            "select" => PolicyCommand::Select,
            "insert" => PolicyCommand::Insert,
            "update" => PolicyCommand::Update,
            "delete" => PolicyCommand::Delete,
            _ => PolicyCommand::All,
        };
        let policy = Policy {
            name: s.policy_name.clone(),
            command,
            using: s.qual.as_deref().and_then(deparse_expr).map(PolicyExpr::Sql),
            with_check: s.with_check.as_deref().and_then(deparse_expr).map(PolicyExpr::Sql),
            roles: roles(&s.roles),
            permissive: s.permissive,
        };
        let rls = self.schema.tables[ti].row_security.get_or_insert_with(|| RowSecurity {
            enabled: false,
            forced: false,
            policies: Vec::new(),
        });
        rls.policies.retain(|p| p.name != policy.name);
        rls.policies.push(policy);
    }

    pub(crate) fn alter_policy(&mut self, s: &pg_query::protobuf::AlterPolicyStmt) {
        let Some(rv) = &s.table else { return };
        let (schema, table) = range_var(rv);
        let Some(ti) = self.find_table(&schema, &table) else {
            return self.attach_to_opaque(&schema, &table, "policy", &s.policy_name);
        };
        let p = self.schema.tables[ti]
            .row_security
            .as_mut()
            .and_then(|r| r.policies.iter_mut().find(|p| p.name == s.policy_name));
        let Some(p) = p else {
            self.warn(format!("ALTER POLICY {}: no such policy", s.policy_name));
            return;
        };
        if !s.roles.is_empty() {
            p.roles = roles(&s.roles);
        }
        if let Some(q) = s.qual.as_deref().and_then(deparse_expr) {
            p.using = Some(PolicyExpr::Sql(q));
        }
        if let Some(w) = s.with_check.as_deref().and_then(deparse_expr) {
            p.with_check = Some(PolicyExpr::Sql(w));
        }
    }
}

/// Policy roles; PUBLIC is the empty list.
fn roles(list: &[Node]) -> Vec<String> {
    let mut out: Vec<String> = list
        .iter()
        .filter_map(|r| match r.node.as_ref() {
            Some(NodeEnum::RoleSpec(RoleSpec { roletype, rolename, .. })) => match roletype {
                0 | 1 => Some(rolename.clone()),
                2 => Some("current_role".into()),
                3 => Some("current_user".into()),
                4 => Some("session_user".into()),
                _ => None, // PUBLIC
            },
            _ => None,
        })
        .filter(|r| !r.is_empty())
        .collect();
    out.sort();
    out
}

/// `CreateStatsStmt` → `create stats`, a readable kind for an unknown node.
fn statement_label(node: &NodeEnum) -> String {
    let debug = format!("{node:?}");
    let variant = debug.split('(').next().unwrap_or("statement");
    let mut out = String::new();
    for (i, ch) in variant.trim_end_matches("Stmt").chars().enumerate() {
        if ch.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}
