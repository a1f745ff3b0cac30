//! Objects the model keeps verbatim: views, triggers, procedures, functions,
//! events (with their names and what they depend on), FULLTEXT and SPATIAL
//! indexes, and DROP of those.

use super::{leading_words_raw, unquote_ident, Importer, Stmt};
use crate::quote::{ident, idents};
use plinth_model::OpaqueObject;

/// `CREATE FULLTEXT INDEX name ON table (a, b)`: one spelling for the
/// importer and the inspector.
pub fn special_index_sql(kind: &str, table: &str, name: &str, cols: &[String]) -> String {
    format!(
        "CREATE {} INDEX {} ON {} ({})",
        kind.to_ascii_uppercase(),
        ident(name),
        ident(table),
        idents(cols)
    )
}

/// Kinds of objects `CREATE [OR REPLACE] [ALGORITHM=..] [DEFINER=..]
/// [SQL SECURITY ..] <kind> name` creates.
const KINDS: &[&str] = &["view", "trigger", "procedure", "function", "event"];

impl Importer<'_> {
    pub(super) fn create_opaque(&mut self, st: &Stmt<'_>) {
        let words = leading_words_raw(st.sql, 24);
        let Some(k) = words
            .iter()
            .position(|w| KINDS.contains(&w.to_ascii_lowercase().as_str()))
        else {
            return self.unsupported(st, "CREATE of an object the MySQL importer does not know");
        };
        let kind = words[k].to_ascii_lowercase();
        let mut n = k + 1;
        if words.get(n).is_some_and(|w| w.eq_ignore_ascii_case("if")) {
            n += 3;
        }
        let Some(raw) = words.get(n) else {
            return self.unsupported(st, "a name was expected");
        };
        let mut parts: Vec<String> = split_qualified(raw);
        let name = parts.pop().unwrap_or_default();
        let namespace = self.namespace_of(parts.pop());
        let mut depends_on = Vec::new();
        if kind == "trigger" {
            // name BEFORE|AFTER INSERT|UPDATE|DELETE ON table
            if let Some(on) = words.iter().skip(n).position(|w| w.eq_ignore_ascii_case("on")) {
                if let Some(t) = words.get(n + on + 1) {
                    depends_on.push(split_qualified(t).pop().unwrap_or_default());
                }
            }
        }
        let key = (kind.clone(), name.clone());
        self.schema.opaque.retain(|o| (o.kind.clone(), o.name.clone()) != key);
        self.schema.opaque.push(OpaqueObject {
            kind,
            namespace,
            name,
            sql: st.sql.to_string(),
            depends_on,
            origin: st.origin(),
        });
    }

    pub(super) fn drop_opaque(&mut self, st: &Stmt<'_>, kind: &str) {
        let words = leading_words_raw(st.sql, 8);
        let mut n = 2;
        if words.get(2).is_some_and(|w| w.eq_ignore_ascii_case("if")) {
            n = 4;
        }
        for raw in words.get(n).map(|w| split_list(w)).unwrap_or_default() {
            let name = split_qualified(&raw).pop().unwrap_or_default();
            self.schema.opaque.retain(|o| !(o.kind == kind && o.name == name));
        }
    }

    pub(super) fn drop_table(&mut self, st: &Stmt<'_>) {
        // DROP [TEMPORARY] TABLE [IF EXISTS] a, `b c` [RESTRICT | CASCADE]
        let words = leading_words_raw(st.sql, usize::MAX);
        let mut names: Vec<String> = Vec::new();
        for w in words.iter().skip(2) {
            let lw = w.to_ascii_lowercase();
            if names.is_empty() && matches!(lw.as_str(), "if" | "exists" | "temporary" | "table") {
                continue;
            }
            if matches!(lw.as_str(), "restrict" | "cascade") {
                break;
            }
            names.extend(split_list(w));
        }
        for raw in names {
            let name = split_qualified(&raw).pop().unwrap_or_default();
            self.schema.tables.retain(|t| t.name != name);
            self.schema
                .opaque
                .retain(|o| !(o.kind.ends_with(" index") && o.depends_on.first() == Some(&name)));
        }
    }

    /// `DROP INDEX name ON table`.
    pub(super) fn drop_index(&mut self, st: &Stmt<'_>) {
        let words = leading_words_raw(st.sql, 5);
        let (Some(name), Some(on), Some(table)) = (words.get(2), words.get(3), words.get(4)) else {
            return self.unsupported(st, "DROP INDEX name ON table expected");
        };
        if !on.eq_ignore_ascii_case("on") {
            return self.unsupported(st, "DROP INDEX name ON table expected");
        }
        let name = unquote_ident(name);
        let table = split_qualified(table).pop().unwrap_or_default();
        let Some(t) = self.schema.table_mut(&table) else {
            return self.unsupported(st, &format!("DROP INDEX on unknown table {table}"));
        };
        if name.eq_ignore_ascii_case("PRIMARY") {
            t.primary_key = None;
        }
        t.indexes.retain(|i| i.name != name);
        t.uniques.retain(|u| u.name != name);
        let key = format!("{table}.{name}");
        self.schema
            .opaque
            .retain(|o| !(o.kind.ends_with(" index") && o.name == key));
    }

    /// `CREATE FULLTEXT|SPATIAL INDEX name ON table (cols)`.
    pub(super) fn special_index(&mut self, st: &Stmt<'_>) {
        let words = leading_words_raw(st.sql, 6);
        let kind = words[1].to_ascii_lowercase();
        let (Some(name), Some(table)) = (words.get(3), words.get(5)) else {
            return self.unsupported(st, "CREATE FULLTEXT/SPATIAL INDEX name ON table (...) expected");
        };
        let name = unquote_ident(name);
        let table = split_qualified(table).pop().unwrap_or_default();
        let cols: Vec<String> = st
            .sql
            .split_once('(')
            .map(|(_, r)| r.rsplit_once(')').map_or(r, |x| x.0))
            .unwrap_or("")
            .split(',')
            .map(|c| super::tables::element_from_text(c).1)
            .collect();
        self.special(st, &kind, &table, &name, &cols);
    }
}

/// `` `db`.`name` `` → [db, name].
fn split_qualified(raw: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut in_q = false;
    for c in raw.chars() {
        match c {
            '`' => {
                in_q = !in_q;
                cur.push(c);
            }
            '.' if !in_q => parts.push(unquote_ident(&std::mem::take(&mut cur))),
            _ => cur.push(c),
        }
    }
    parts.push(unquote_ident(&cur));
    parts
}

/// `a,`b,c`` → [a, `b,c`]: commas outside backquotes separate names.
fn split_list(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in word.chars() {
        match c {
            '`' => {
                quoted = !quoted;
                cur.push(c);
            }
            ',' if !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}
