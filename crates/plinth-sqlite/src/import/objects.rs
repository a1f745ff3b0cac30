//! The statements that change the model: CREATE TABLE / INDEX / VIEW /
//! TRIGGER / VIRTUAL TABLE, DROP, ALTER TABLE.

use super::Importer;
use crate::ddl::{parse_column, Cursor, ParsedIndex, ParsedTable};
use crate::lower;
use crate::split::Statement;
use plinth_model::{Index, IndexElement, IndexKey, IndexMethod, IndexPurpose, Predicate, Table};

fn find<'t>(tables: &'t mut [Table], name: &str) -> Option<&'t mut Table> {
    tables.iter_mut().find(|t| t.name.eq_ignore_ascii_case(name))
}

fn is_main(schema: &Option<String>) -> bool {
    schema.as_deref().is_none_or(|s| s.eq_ignore_ascii_case("main"))
}

impl Importer<'_> {
    pub(super) fn create_table(&mut self, p: ParsedTable) {
        if !is_main(&p.schema) {
            return self.unsupported(
                "table",
                &p.name,
                "a table of an attached database is not part of this schema",
            );
        }
        if self.schema.tables.iter().any(|t| t.name.eq_ignore_ascii_case(&p.name)) {
            // CREATE TABLE IF NOT EXISTS on an existing table does nothing.
            if !p.if_not_exists {
                self.warn(format!(
                    "table `{}` already exists; this definition is ignored, as SQLite would refuse it",
                    p.name
                ));
            }
            return;
        }
        for d in &p.key_details {
            // DESC on a key column orders the key's index only: no warning.
            if d.contains(" COLLATE ") {
                self.warn(format!(
                    "table `{}`: {d} is not modelled; the constraint is kept with the column's own collation \
                     (declare COLLATE on the column to keep it)",
                    p.name
                ));
            }
        }
        for c in &p.conflict_clauses {
            self.warn(format!(
                "table `{}`: ON CONFLICT clause ({c}) is not modelled; the constraint is kept without it",
                p.name
            ));
        }
        for c in &p.columns {
            let key = (p.name.to_ascii_lowercase(), c.name.to_ascii_lowercase());
            self.declared.insert(key, c.declared.clone().unwrap_or_default());
        }
        let (mut t, pk_desc) = lower::table(&p);
        if pk_desc {
            self.pk_desc.push(t.name.clone());
        }
        t.origin = self.origin();
        self.schema.tables.push(t);
    }

    pub(super) fn create_index(&mut self, ix: ParsedIndex) {
        let exists = self
            .schema
            .tables
            .iter()
            .flat_map(|t| &t.indexes)
            .any(|i| i.name.eq_ignore_ascii_case(&ix.name));
        if exists {
            return self.warn(format!(
                "index `{}` already exists; this definition is ignored",
                ix.name
            ));
        }
        let origin = self.origin();
        let Some(t) = find(&mut self.schema.tables, &ix.table) else {
            let why = format!(
                "index `{}` is on `{}`, which is not a table of this script",
                ix.name, ix.table
            );
            return self.unsupported("index", &ix.name.clone(), &why);
        };
        let elements = ix
            .elements
            .iter()
            .map(|e| {
                let collation = lower::collation(e.collate.as_deref());
                match &e.column {
                    Some(name) => {
                        let col = t.columns.iter().find(|c| c.name.eq_ignore_ascii_case(name));
                        let own = col.and_then(|c| c.collation.clone());
                        IndexElement {
                            collation: collation.filter(|c| Some(c) != own.as_ref()),
                            ..IndexElement::column_desc(col.map_or(name.as_str(), |c| c.name.as_str()), e.descending)
                        }
                    }
                    None => IndexElement {
                        key: IndexKey::Expr(e.expr.clone()),
                        descending: e.descending,
                        nulls_first: None,
                        opclass: None,
                        collation,
                    },
                }
            })
            .collect();
        t.indexes.push(Index {
            name: ix.name,
            elements,
            unique: ix.unique,
            method: IndexMethod::BTree,
            predicate: ix.predicate.map(Predicate::Sql),
            include: Vec::new(),
            nulls_not_distinct: false,
            purposes: vec![IndexPurpose::Imported],
            origin,
        });
    }

    /// SQLite stores `CREATE VIEW ` / `CREATE TRIGGER ` followed by the
    /// statement from the object's name on; so does the model.
    pub(super) fn create_view_or_trigger(&mut self, st: &Statement<'_>, kind: &str, at: usize) {
        let mut c = Cursor::new(self.src, st.tokens);
        c.pos = at;
        if c.eat("IF") {
            c.pos += 2;
        }
        let name_start = c.here().start;
        let name = match c.qualified_name() {
            Ok((_, n)) => n,
            Err(e) => return self.warn_at(e.span, format!("{kind} without a name: {}; skipped", e.message)),
        };
        let mut depends_on = Vec::new();
        if kind == "trigger" {
            while let Some(t) = c.bump() {
                if t.is("BEGIN") {
                    break;
                }
                if t.is("ON") {
                    if let Ok((_, table)) = c.qualified_name() {
                        depends_on.push(table);
                    }
                    break;
                }
            }
        }
        let sql = format!(
            "CREATE {} {}",
            kind.to_ascii_uppercase(),
            &self.src[name_start..self.span.end]
        );
        self.keep_opaque(kind, &name, sql, depends_on);
    }

    pub(super) fn create_virtual(&mut self, st: &Statement<'_>) {
        let mut c = Cursor::new(self.src, st.tokens);
        c.pos = 2;
        if c.expect("TABLE").is_err() {
            return self.unsupported(
                "statement",
                &format!("statement {}", self.statement + 1),
                "not a CREATE VIRTUAL TABLE",
            );
        }
        if c.eat("IF") {
            c.pos += 2;
        }
        let name_start = c.here().start;
        let name = c.qualified_name().map(|(_, n)| n).unwrap_or_default();
        let module = if c.eat("USING") {
            c.name().unwrap_or_default()
        } else {
            String::new()
        };
        let sql = format!("CREATE VIRTUAL TABLE {}", &self.src[name_start..self.span.end]);
        self.warn(format!(
            "virtual table `{name}` (module {module}) is implemented by its module, not by columns the model can \
             hold; kept verbatim as virtual table `{name}`"
        ));
        self.keep_opaque("virtual table", &name, sql, Vec::new());
    }

    pub(super) fn drop(&mut self, st: &Statement<'_>) {
        let mut c = Cursor::new(self.src, st.tokens);
        c.pos = 1;
        let kind = c.name().unwrap_or_default().to_ascii_lowercase();
        let if_exists = c.eat("IF") && c.eat("EXISTS");
        let Ok((_, name)) = c.qualified_name() else {
            return self.unsupported(
                "statement",
                &format!("statement {}", self.statement + 1),
                "DROP of what?",
            );
        };
        let found = match kind.as_str() {
            "table" => {
                let before = self.schema.tables.len();
                self.schema.tables.retain(|t| !t.name.eq_ignore_ascii_case(&name));
                // Triggers go with their table.
                self.schema
                    .opaque
                    .retain(|o| !(o.kind == "trigger" && o.depends_on.iter().any(|d| d.eq_ignore_ascii_case(&name))));
                let vtab = self.schema.opaque.len();
                self.schema
                    .opaque
                    .retain(|o| !(o.kind == "virtual table" && o.name.eq_ignore_ascii_case(&name)));
                before != self.schema.tables.len() || vtab != self.schema.opaque.len()
            }
            "index" => self.schema.tables.iter_mut().any(|t| {
                let before = t.indexes.len();
                t.indexes.retain(|i| !i.name.eq_ignore_ascii_case(&name));
                before != t.indexes.len()
            }),
            "view" | "trigger" => {
                let before = self.schema.opaque.len();
                self.schema
                    .opaque
                    .retain(|o| !(o.kind == kind && o.name.eq_ignore_ascii_case(&name)));
                before != self.schema.opaque.len()
            }
            _ => {
                return self.unsupported(
                    "statement",
                    &format!("statement {}", self.statement + 1),
                    "DROP of an object kind SQLite does not have",
                );
            }
        };
        if !found && !if_exists {
            self.warn(format!(
                "DROP {} `{name}`: no such {kind} in the script so far; nothing to drop",
                kind.to_ascii_uppercase()
            ));
        }
    }

    pub(super) fn alter(&mut self, st: &Statement<'_>) {
        let mut c = Cursor::new(self.src, st.tokens);
        c.pos = 1;
        let fail = |imp: &mut Self, why: &str| {
            imp.unsupported("alter table", &format!("statement {}", imp.statement + 1), why)
        };
        if !c.eat("TABLE") {
            return fail(self, "SQLite has only ALTER TABLE");
        }
        let Ok((_, table)) = c.qualified_name() else {
            return fail(self, "ALTER TABLE of what?");
        };
        if find(&mut self.schema.tables, &table).is_none() {
            return fail(
                self,
                &format!("ALTER TABLE `{table}`: no such table in the script so far"),
            );
        }
        if c.eat("RENAME") {
            if c.eat("TO") {
                let Ok(to) = c.name() else {
                    return fail(self, "RENAME TO what?");
                };
                for t in &mut self.schema.tables {
                    for f in &mut t.foreign_keys {
                        if f.ref_table.eq_ignore_ascii_case(&table) {
                            f.ref_table.clone_from(&to);
                        }
                    }
                }
                let moved: Vec<_> = self
                    .declared
                    .iter()
                    .filter(|((t, _), _)| t.eq_ignore_ascii_case(&table))
                    .map(|((_, c), d)| ((to.to_ascii_lowercase(), c.clone()), d.clone()))
                    .collect();
                self.declared.extend(moved);
                if let Some(t) = find(&mut self.schema.tables, &table) {
                    t.name = to;
                }
                return;
            }
            c.eat("COLUMN");
            let (Ok(from), true, Ok(to)) = (c.name(), c.eat("TO"), c.name()) else {
                return fail(self, "RENAME COLUMN a TO b expected");
            };
            self.rename_column(&table, &from, &to);
        } else if c.eat("ADD") {
            c.eat("COLUMN");
            let mut conflicts = Vec::new();
            match parse_column(&mut c, &mut conflicts) {
                Ok(col) => {
                    let p = ParsedTable {
                        name: table.clone(),
                        columns: vec![col],
                        ..ParsedTable::default()
                    };
                    let (added, _) = lower::table(&p);
                    if let Some(t) = find(&mut self.schema.tables, &table) {
                        t.columns.extend(added.columns);
                        t.checks.extend(added.checks);
                        t.foreign_keys.extend(added.foreign_keys);
                        t.uniques.extend(added.uniques);
                    }
                }
                Err(e) => self.warn_at(e.span, format!("ADD COLUMN not understood: {}", e.message)),
            }
        } else if c.eat("DROP") {
            c.eat("COLUMN");
            let Ok(col) = c.name() else {
                return fail(self, "DROP COLUMN what?");
            };
            if let Some(t) = find(&mut self.schema.tables, &table) {
                t.columns.retain(|x| !x.name.eq_ignore_ascii_case(&col));
            }
        } else {
            fail(self, "this ALTER TABLE form is not one SQLite has");
        }
    }

    fn rename_column(&mut self, table: &str, from: &str, to: &str) {
        let key = (table.to_ascii_lowercase(), from.to_ascii_lowercase());
        if let Some(d) = self.declared.get(&key).cloned() {
            self.declared.insert((key.0, to.to_ascii_lowercase()), d);
        }
        let rename = |names: &mut Vec<String>| {
            for n in names.iter_mut().filter(|n| n.eq_ignore_ascii_case(from)) {
                *n = to.to_string();
            }
        };
        for t in &mut self.schema.tables {
            let own = t.name.eq_ignore_ascii_case(table);
            for f in &mut t.foreign_keys {
                if own {
                    rename(&mut f.columns);
                }
                if f.ref_table.eq_ignore_ascii_case(table) {
                    rename(&mut f.ref_columns);
                }
            }
            if !own {
                continue;
            }
            for c in t.columns.iter_mut().filter(|c| c.name.eq_ignore_ascii_case(from)) {
                c.name = to.to_string();
            }
            if let Some(pk) = &mut t.primary_key {
                rename(&mut pk.columns);
            }
            for u in &mut t.uniques {
                rename(&mut u.columns);
            }
            for e in t.indexes.iter_mut().flat_map(|i| i.elements.iter_mut()) {
                if let IndexKey::Column(n) = &mut e.key {
                    if n.eq_ignore_ascii_case(from) {
                        *n = to.to_string();
                    }
                }
            }
        }
    }
}
