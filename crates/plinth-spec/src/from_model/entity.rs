//! Entities, fields, relations, keys and indexes of the written spec.

use super::names::{bare_entity, enum_name, field, is_ident, pascal, quoted, string_lit};
use super::{id_kind, junction_sides, key, ref_key, table_conv, Conv, TableConv};
use plinth_model::naming::{singularize, snake_case};
use plinth_model::{CheckExpr, Column, FkAction, KeyKind, LogicalType, PhysicalType, Schema, Table};
use std::collections::{BTreeMap, BTreeSet};

pub(crate) struct Writer<'a> {
    pub(crate) s: &'a Schema,
    pub(crate) conv: Conv,
    /// table key → entity name as written
    names: BTreeMap<String, String>,
    /// table keys written as `<->` (junctions) and the field on the owner
    junctions: BTreeMap<String, Vec<String>>,
    skipped: BTreeSet<String>,
    /// table key → primary-key columns, for tables written with `@id` /
    /// `@@id` (a natural or composite key the spec can declare).
    pub(crate) natural: BTreeMap<String, Vec<String>>,
    /// `(table key, column)` of required foreign keys kept as plain columns
    /// because as relations they would close a cycle the spec refuses.
    cycle_breaks: BTreeSet<(String, String)>,
    /// Tables on either side of a junction written as `<->`.
    many_sides: BTreeSet<String>,
    pub notes: Vec<String>,
    pub(crate) enums: BTreeMap<String, Vec<String>>,
}

/// The name of the `->` field written for foreign-key column `column`, and
/// whether the column needs `@map` to keep its name.
pub(crate) fn relation_field(t: &Table, column: &str) -> (String, Option<String>) {
    let base = column.strip_suffix("_id").unwrap_or(column);
    if is_ident(base) && snake_case(base) == base && !t.has_column(base) {
        (base.to_string(), None)
    } else {
        (pascal(base).to_ascii_lowercase() + "_ref", Some(column.to_string()))
    }
}

pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Raw SQL for `@check(...)`/`@default(...)`: raw when it is safe to, else
/// the string form (checks only). Quoted identifiers are fine inside, but
/// not first (a leading `"` reads as the string form) and never as `"""`
/// (a block string).
pub(crate) fn raw_ok(s: &str) -> bool {
    let mut depth = 0i32;
    let (mut single, mut double) = (false, false);
    if s.starts_with('"') || s.contains("\"\"\"") {
        return false;
    }
    for ch in s.chars() {
        match ch {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '(' if !single && !double => depth += 1,
            ')' if !single && !double => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0 && !single && !double && !s.is_empty()
}

/// The argument of `@check(...)`: raw SQL when possible (in parentheses
/// when it starts with a quoted identifier), else the string form.
pub(crate) fn check_arg(sql: &str) -> String {
    if raw_ok(sql) {
        return sql.to_string();
    }
    let wrapped = format!("({sql})");
    if raw_ok(&wrapped) {
        return wrapped;
    }
    string_lit(sql)
}

pub(crate) fn check_text(c: &CheckExpr) -> String {
    one_line(&plinth_model::equality::check_sql(c))
}

/// `char_length(col) <= n` → n.
pub(crate) fn max_len(sql: &str, col: &str) -> Option<u32> {
    let s = one_line(sql).replace(['(', ')'], " ");
    let s = one_line(&s);
    let rest = s
        .strip_prefix("char_length ")?
        .strip_prefix(col)?
        .trim()
        .strip_prefix("<=")?;
    rest.trim().parse().ok()
}

impl<'a> Writer<'a> {
    pub fn new(s: &'a Schema, conv: Conv) -> Self {
        Writer {
            s,
            conv,
            names: BTreeMap::new(),
            junctions: BTreeMap::new(),
            skipped: BTreeSet::new(),
            natural: BTreeMap::new(),
            cycle_breaks: BTreeSet::new(),
            many_sides: BTreeSet::new(),
            notes: Vec::new(),
            enums: BTreeMap::new(),
        }
    }

    pub(crate) fn tenant_col(&self) -> Option<&str> {
        self.conv.tenant.as_ref().map(|(c, _)| c.as_str())
    }

    pub fn write(&mut self) -> String {
        let s = self.s;
        // Names first: relations refer to entities by name.
        let mut used = BTreeSet::new();
        for t in &s.tables {
            if Some(key(t)) == self.conv.audit_log && self.conv.audit {
                self.skipped.insert(key(t));
                continue;
            }
            if t.partition_of.is_some() {
                self.notes.push(format!(
                    "partition {} (of {}) is not expressible",
                    key(t),
                    t.partition_of.as_ref().map_or("", |p| p.parent.as_str())
                ));
                self.skipped.insert(key(t));
                continue;
            }
            let mut name = match (
                &t.namespace,
                bare_entity(&t.name, self.conv.plural, t.entity.as_deref()),
            ) {
                (None, Some(n)) => n,
                _ => quoted(&t.name),
            };
            if t.namespace.is_some() {
                self.notes.push(format!(
                    "table {} lives in schema {}; the spec puts it in the default schema",
                    t.name,
                    t.namespace.as_deref().unwrap_or("")
                ));
            }
            while used.contains(&name) || (s.enums.iter().any(|e| enum_name(&e.name) == name)) {
                name = quoted(&format!("{}_{}", name.trim_matches('"'), used.len()));
            }
            used.insert(name.clone());
            self.names.insert(key(t), name);
        }
        for t in &s.tables {
            if self.skipped.contains(&key(t)) {
                continue;
            }
            if let Some((l, r)) = junction_sides(t, self.tenant_col()) {
                if let Some(f) = self.junction_field(t, l, r) {
                    let owner = ref_key(&t.foreign_keys[l].ref_namespace, &t.foreign_keys[l].ref_table);
                    if self.names.contains_key(&owner) && !self.skipped.contains(&owner) {
                        let other = ref_key(&t.foreign_keys[r].ref_namespace, &t.foreign_keys[r].ref_table);
                        self.many_sides.extend([owner.clone(), other]);
                        self.junctions.entry(owner).or_default().push(f);
                        self.skipped.insert(key(t));
                    }
                }
            }
        }
        self.natural = self.natural_keys();
        self.cycle_breaks = self.required_cycle_breaks();
        let mut out = self.settings();
        for e in &s.enums {
            let vs: Vec<String> = e
                .values
                .iter()
                .map(|v| if is_ident(v) { v.clone() } else { quoted(v) })
                .collect();
            if !vs.is_empty() {
                out.push_str(&format!("enum {} {{ {} }}\n\n", enum_name(&e.name), vs.join(", ")));
            }
        }
        let mut bodies = String::new();
        for t in &s.tables {
            if !self.skipped.contains(&key(t)) {
                bodies.push_str(&self.entity(t));
                bodies.push('\n');
            }
        }
        for (name, values) in std::mem::take(&mut self.enums) {
            if !s.enums.iter().any(|e| enum_name(&e.name) == name) {
                out.push_str(&format!("enum {name} {{ {} }}\n\n", values.join(", ")));
            }
        }
        out.push_str(&bodies);
        out.push_str(&self.intent());
        out
    }

    fn settings(&self) -> String {
        let c = &self.conv;
        let mut o = format!(
            "settings {{\n  dialect = postgres {}\n",
            self.s.target.version.clamp(13, 18)
        );
        o.push_str(match c.ids {
            KeyKind::Uuidv7 => "  ids = uuidv7\n",
            KeyKind::Cuid2 => "  ids = cuid2\n",
            KeyKind::BigintIdentity => "  ids = bigint_identity\n",
        });
        if let Some((_, root)) = &c.tenant {
            o.push_str(&format!(
                "  tenant = {}\n",
                self.names.get(root).cloned().unwrap_or_else(|| "none".into())
            ));
        }
        o.push_str(&format!(
            "  timestamps = {}\n  soft_delete = {}\n  audit = {}\n",
            c.timestamps, c.soft_delete, c.audit
        ));
        o.push_str(if c.plural {
            "  naming = snake_plural\n"
        } else {
            "  naming = snake_singular\n"
        });
        o.push_str(if c.native_enums {
            "  enums = native\n"
        } else {
            "  enums = check\n"
        });
        o.push_str(&format!("  money = decimal({}, {})\n}}\n\n", c.money.0, c.money.1));
        o
    }

    /// `tags <-> Tag` on the owner, when the design would name the
    /// junction and its columns the same way.
    fn junction_field(&self, t: &Table, l: usize, r: usize) -> Option<String> {
        let (fl, fr) = (&t.foreign_keys[l], &t.foreign_keys[r]);
        let tenant = self.tenant_col();
        let col = |f: &plinth_model::ForeignKey| f.columns.iter().find(|c| Some(c.as_str()) != tenant).cloned();
        let owner_single = singularize(&snake_case(&fl.ref_table));
        let target = self.names.get(&ref_key(&fr.ref_namespace, &fr.ref_table))?;
        if col(fl)? != format!("{owner_single}_id") {
            return None;
        }
        let rc = col(fr)?;
        let field_name = t.name.strip_prefix(&format!("{owner_single}_")).map(str::to_string);
        let (fname, map) = match field_name {
            Some(f) if is_ident(&f) && snake_case(&f) == f && format!("{}_id", singularize(&f)) == rc => (f, None),
            _ => {
                let f = plinth_model::naming::pluralize(rc.strip_suffix("_id")?);
                (f.clone(), Some(t.name.clone()))
            }
        };
        if format!("{}_id", singularize(&fname)) != rc || !is_ident(&fname) || snake_case(&fname) != fname {
            return None;
        }
        let mut line = format!("{fname} <-> {target}");
        if let Some(m) = map {
            line.push_str(&format!(" @map({})", string_lit(&m)));
        }
        let default_comment = format!("Links {} to {} ({}).", fl.ref_table, fr.ref_table, fname);
        if let Some(c) = t.comment.as_ref().filter(|c| **c != default_comment) {
            line.push_str(&format!(" @comment({})", string_lit(c)));
        }
        Some(line)
    }

    fn intent(&self) -> String {
        let mut o = String::new();
        for q in &self.s.intent.queries {
            if q.sql.contains("\"\"\"") || !is_ident(&q.name) {
                continue;
            }
            o.push_str(&format!("query {}", q.name));
            if let Some(d) = &q.description {
                o.push_str(&format!(" {}", string_lit(d)));
            }
            o.push_str(" {\n  sql = \"\"\"\n");
            for l in q.sql.lines() {
                o.push_str(&format!("    {l}\n"));
            }
            o.push_str("  \"\"\"\n");
            if let Some(r) = q.per_second.filter(|r| *r > 0.0) {
                let (v, u) = if r >= 1.0 && r.fract() == 0.0 {
                    (r, "s")
                } else if (r * 60.0).fract() == 0.0 {
                    (r * 60.0, "min")
                } else if (r * 3600.0).fract() == 0.0 {
                    (r * 3600.0, "h")
                } else {
                    (r * 86400.0, "day")
                };
                o.push_str(&format!("  rate = {v}/{u}\n"));
            }
            o.push_str("}\n\n");
        }
        for v in &self.s.intent.volumes {
            if let Some(n) = self.names.get(&v.table).filter(|_| !self.skipped.contains(&v.table)) {
                o.push_str(&format!("volume {n} = {}\n", v.rows));
            }
        }
        o
    }

    /// The on-delete action the design would choose for a relation.
    fn entity(&mut self, t: &Table) -> String {
        let tc = table_conv(&self.conv, t);
        let name = self.names[&key(t)].clone();
        let mut head = format!("entity {name}");
        let root = self.conv.tenant.as_ref().is_some_and(|(_, r)| *r == key(t));
        if self.conv.tenant.is_some() && !tc.tenant && !root {
            head.push_str(" @global");
        }
        if tc.versioned {
            head.push_str(" @versioned");
        }
        if tc.append_only {
            head.push_str(" @append_only");
        }
        if tc.timestamps != self.conv.timestamps {
            head.push_str(&format!(" @timestamps({})", tc.timestamps));
        }
        if tc.soft_delete != (self.conv.soft_delete && !tc.append_only) && !tc.append_only {
            head.push_str(&format!(" @soft_delete({})", tc.soft_delete));
        }
        if tc.audit != self.conv.audit {
            head.push_str(&format!(" @audit({})", tc.audit));
        }
        if let Some(g) = &t.traits.group {
            head.push_str(&format!(" @group({})", string_lit(g)));
        }
        if let Some(c) = &t.comment {
            head.push_str(&format!(" @comment({})", string_lit(c)));
        }
        let mut lines = Vec::new();
        let mut blocks = Vec::new();
        let skip = self.convention_columns(t, &tc);
        let natural = self.natural.contains_key(&key(t));
        if !tc.keyed && !natural {
            match &t.primary_key {
                Some(pk) => self.notes.push(format!(
                    "{}: primary key ({}) is kept as a unique key; the design adds its own `id`",
                    key(t),
                    pk.columns.join(", ")
                )),
                None => self
                    .notes
                    .push(format!("{}: has no primary key; the design adds `id`", key(t))),
            }
        }
        let rel = self.relations(t, &tc);
        let mut owner_taken = false;
        let mut used_checks = BTreeSet::new();
        for c in &t.columns {
            if skip.contains(&c.name) {
                continue;
            }
            if let Some((fi, target)) = rel.get(&c.name) {
                lines.push(self.relation_line(t, &tc, c, *fi, target, &mut owner_taken));
                continue;
            }
            if c.name == "id" && !natural {
                self.notes.push(format!(
                    "{}.id: a column named id that is not plinth's key is left out",
                    key(t)
                ));
                continue;
            }
            lines.push(self.scalar_line(t, c, &mut used_checks));
        }
        if let Some(js) = self.junctions.get(&key(t)) {
            lines.extend(js.iter().cloned());
        }
        for (i, ck) in t.checks.iter().enumerate() {
            if used_checks.contains(&i) {
                continue;
            }
            let sql = check_text(&ck.expr);
            blocks.push(format!("@@check({})", check_arg(&sql)));
        }
        self.keys(t, &tc, &rel, &mut lines, &mut blocks);
        if t.row_security
            .as_ref()
            .is_some_and(|r| r.policies.iter().any(|p| p.name != "tenant_isolation"))
        {
            self.notes.push(format!(
                "{}: row-level security policies other than tenant isolation",
                key(t)
            ));
        }
        for tr in &t.triggers {
            if !self.s.routines.iter().any(|r| r.name == tr.routine) {
                self.notes.push(format!(
                    "{}: trigger {} (kept as an opaque object if it was one)",
                    key(t),
                    tr.name
                ));
            }
        }
        if t.partitioning.is_some() {
            self.notes.push(format!("{}: partitioning is not expressible", key(t)));
        }
        let mut o = head;
        o.push_str(" {\n");
        for l in &lines {
            o.push_str(&format!("  {l}\n"));
        }
        if !blocks.is_empty() {
            if !lines.is_empty() {
                o.push('\n');
            }
            for b in &blocks {
                o.push_str(&format!("  {b}\n"));
            }
        }
        o.push_str("}\n");
        o
    }

    fn convention_columns(&self, t: &Table, tc: &TableConv) -> BTreeSet<String> {
        let mut s = BTreeSet::new();
        if tc.keyed {
            s.insert("id".to_string());
        }
        if tc.timestamps {
            s.insert("created_at".into());
            if !tc.append_only {
                s.insert("updated_at".into());
            }
        }
        if tc.soft_delete {
            s.insert("deleted_at".into());
        }
        if tc.versioned {
            s.insert("version".into());
        }
        if tc.audit {
            s.insert("created_by".into());
            s.insert("updated_by".into());
        }
        if tc.tenant {
            s.extend(self.tenant_col().map(str::to_string));
        }
        s.retain(|c| t.has_column(c));
        s
    }

    /// FK column → (fk index, target entity) for `->` relations.
    fn relations(&mut self, t: &Table, tc: &TableConv) -> BTreeMap<String, (usize, String)> {
        let tenant_owned = if tc.tenant {
            self.tenant_col().map(str::to_string)
        } else {
            None
        };
        let tenant = tenant_owned.as_deref();
        let mut out = BTreeMap::new();
        for (i, f) in t.foreign_keys.iter().enumerate() {
            let own: Vec<&String> = f.columns.iter().filter(|c| Some(c.as_str()) != tenant).collect();
            let rf: Vec<&String> = f.ref_columns.iter().filter(|c| Some(c.as_str()) != tenant).collect();
            let tk = ref_key(&f.ref_namespace, &f.ref_table);
            let target = self.s.tables.iter().find(|x| key(x) == tk);
            let target_keyed = target.is_some_and(|x| id_kind(x) == Some(self.conv.ids));
            // A single-column natural key: `x -> Target` references it by its type.
            let natural_key = self
                .natural
                .get(&tk)
                .filter(|k| k.len() == 1 && tenant.is_none())
                .and_then(|k| target?.column(&k[0]));
            let surrogate = rf == ["id"] && own.len() == 1 && own[0].ends_with("_id") && target_keyed;
            let natural = natural_key.is_some_and(|k| rf == [&k.name] && own.len() == 1);
            let ok = own.len() == 1
                && (surrogate || natural)
                && !self.cycle_breaks.contains(&(key(t), own[0].clone()))
                && !self.skipped.contains(&tk)
                && t.column(own[0]).is_some_and(|c| match natural_key.filter(|_| natural) {
                    Some(k) => c.physical == k.physical,
                    None => c.physical == self.key_physical() || matches!(c.logical, LogicalType::Key(_)),
                })
                && f.on_delete != FkAction::SetDefault
                && f.on_update != FkAction::SetDefault
                && !f.deferrable;
            if tenant.is_some() && own.is_empty() {
                continue;
            }
            if ok && !out.contains_key(own[0]) {
                if let Some(n) = self.names.get(&tk) {
                    out.insert(own[0].clone(), (i, n.clone()));
                    continue;
                }
            }
            self.notes.push(format!(
                "{}: foreign key ({}) -> {}({}) is kept as plain columns",
                key(t),
                f.columns.join(", "),
                tk,
                f.ref_columns.join(", ")
            ));
        }
        out
    }

    /// Tables whose primary key is written as `@id` / `@@id`: not plinth's
    /// own `id`, every key column present and required, and not where the
    /// spec cannot declare a key (the tenant entity, a `<->` side, a table
    /// written as a junction or skipped).
    fn natural_keys(&self) -> BTreeMap<String, Vec<String>> {
        let tenant_root = self.conv.tenant.as_ref().map(|(_, root)| root.clone());
        let mut out = BTreeMap::new();
        for t in &self.s.tables {
            let k = key(t);
            let Some(pk) = &t.primary_key else { continue };
            let tc = super::table_conv(&self.conv, t);
            let columns_ok = pk
                .columns
                .iter()
                .all(|c| t.column(c).is_some_and(|col| !col.nullable) && Some(c.as_str()) != self.tenant_col());
            if tc.keyed
                || !columns_ok
                || self.skipped.contains(&k)
                || self.many_sides.contains(&k)
                || tenant_root.as_deref() == Some(k.as_str())
            {
                continue;
            }
            out.insert(k, pk.columns.clone());
        }
        out
    }

    /// Required single-column foreign keys that close a cycle (depth-first,
    /// tables in order; the edge back to a table on the current path is
    /// the one kept as a plain column).
    fn required_cycle_breaks(&self) -> BTreeSet<(String, String)> {
        let mut edges: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for t in &self.s.tables {
            for f in &t.foreign_keys {
                let required = f.columns.len() == 1 && t.column(&f.columns[0]).is_some_and(|c| !c.nullable);
                let target = ref_key(&f.ref_namespace, &f.ref_table);
                if required {
                    edges.entry(key(t)).or_default().push((f.columns[0].clone(), target));
                }
            }
        }
        fn visit(
            node: &str,
            edges: &BTreeMap<String, Vec<(String, String)>>,
            state: &mut BTreeMap<String, bool>,
            breaks: &mut BTreeSet<(String, String)>,
        ) {
            state.insert(node.to_string(), true);
            for (column, target) in edges.get(node).into_iter().flatten() {
                match state.get(target.as_str()) {
                    Some(true) => {
                        breaks.insert((node.to_string(), column.clone()));
                    }
                    Some(false) => {}
                    None => visit(target, edges, state, breaks),
                }
            }
            state.insert(node.to_string(), false);
        }
        let mut state = BTreeMap::new();
        let mut breaks = BTreeSet::new();
        for t in &self.s.tables {
            if !state.contains_key(&key(t)) {
                visit(&key(t), &edges, &mut state, &mut breaks);
            }
        }
        breaks
    }

    fn key_physical(&self) -> PhysicalType {
        match self.conv.ids {
            KeyKind::Uuidv7 => PhysicalType::Uuid,
            KeyKind::Cuid2 => PhysicalType::Text,
            KeyKind::BigintIdentity => PhysicalType::BigInt,
        }
    }

    fn relation_line(
        &mut self,
        t: &Table,
        tc: &TableConv,
        c: &Column,
        fi: usize,
        target: &str,
        owner_taken: &mut bool,
    ) -> String {
        let f = &t.foreign_keys[fi];
        let (fname, mut map) = relation_field(t, &c.name);
        // A natural key column `k` would be named `<field>_<k>` by the design.
        let natural = self.natural.get(&ref_key(&f.ref_namespace, &f.ref_table));
        if let Some(k) = natural.and_then(|k| k.first()).filter(|k| *k != "id") {
            if format!("{fname}_{k}") != c.name {
                map = Some(c.name.clone());
            }
        }
        let mut l = format!("{} -> {target}{}", field(&fname), if c.nullable { "?" } else { "" });
        let owner = !c.nullable && !*owner_taken;
        *owner_taken |= owner;
        let designed = if tc.append_only {
            FkAction::Restrict
        } else if c.nullable {
            FkAction::SetNull
        } else if owner {
            FkAction::Cascade
        } else {
            FkAction::Restrict
        };
        let action = f.on_delete;
        if action != designed {
            l.push_str(match action {
                FkAction::Cascade => " @on_delete(cascade)",
                FkAction::SetNull if c.nullable => " @on_delete(set_null)",
                FkAction::NoAction => " @on_delete(no_action)",
                _ => " @on_delete(restrict)",
            });
        }
        l.push_str(match f.on_update {
            FkAction::NoAction => "",
            FkAction::Cascade => " @on_update(cascade)",
            FkAction::SetNull if c.nullable => " @on_update(set_null)",
            _ => " @on_update(restrict)",
        });
        if let Some(m) = map {
            l.push_str(&format!(" @map({})", string_lit(&m)));
        }
        if let Some(cm) = &c.comment {
            l.push_str(&format!(" @comment({})", string_lit(cm)));
        }
        l
    }
}
