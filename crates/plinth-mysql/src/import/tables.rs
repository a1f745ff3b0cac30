//! CREATE TABLE and CREATE INDEX: columns, keys, indexes, table options.
//!
//! Two MySQL spellings sqlparser does not accept are handled before it
//! parses: the `BINARY` column attribute (the binary collation of the
//! column's character set) and a trailing `PARTITION BY` clause (kept as a
//! table option, with a warning). Both are blanked in place, so positions
//! in messages stay those of the file.

use super::{Importer, Stmt};
use crate::expr::parse_default;
use crate::import::opaque::special_index_sql;
use crate::types::{canonical_charset, canonical_collation, charset_of, default_collation, parse_type};
use plinth_model::{
    CheckConstraint, CheckExpr, Column, FkAction, ForeignKey, Generated, Identity, Index, IndexElement, IndexKey,
    IndexPurpose, LogicalType, OpaqueObject, PrimaryKey, Table,
};
use sqlparser::ast::{
    ColumnDef, ColumnOption, CreateTableOptions, IndexColumn, ObjectName, ObjectNamePart, ReferentialAction, SqlOption,
    Statement, TableConstraint,
};

impl Importer<'_> {
    pub(super) fn create_table(&mut self, st: &Stmt<'_>) {
        let (text, binary_columns, partition) = prepare_create_table(st.sql);
        let Some(stmt) = self.parse(st, &text) else { return };
        let Statement::CreateTable(ct) = stmt else {
            return self.unsupported(st, "not a plain CREATE TABLE");
        };
        if ct.query.is_some() || ct.like.is_some() || ct.clone.is_some() {
            return self.unsupported(st, "CREATE TABLE ... AS SELECT / LIKE copies another object");
        }
        let (db, name) = split_name(&ct.name);
        let namespace = self.namespace_of(db);
        let mut table = Table::new(name.clone());
        table.namespace = namespace;
        table.origin = st.origin();
        let mut charset = None;
        let mut collate = None;
        for o in table_options(&ct.table_options) {
            match o {
                TableOption::Comment(c) => table.comment = Some(c),
                TableOption::Pair(k, v) => match k.as_str() {
                    "CHARSET" | "CHARACTER SET" | "DEFAULT CHARSET" | "DEFAULT CHARACTER SET" => {
                        charset = Some(canonical_charset(&v))
                    }
                    "COLLATE" | "DEFAULT COLLATE" => collate = Some(canonical_collation(&v)),
                    "AUTO_INCREMENT" => self.warn(
                        st.span(),
                        format!("table {name}: AUTO_INCREMENT={v} is the counter's start, not schema; not kept"),
                    ),
                    _ => table.options.push(format!("{k}={v}")),
                },
            }
        }
        if let Some(c) = &ct.comment {
            table.comment = Some(comment_text(&c.to_string()));
        }
        let table_coll = collate
            .or_else(|| charset.map(|c| default_collation(&c)))
            .unwrap_or_else(|| self.current_collation());
        table.options.push(format!("COLLATE={table_coll}"));
        if let Some(p) = partition {
            self.warn(
                st.span(),
                format!("table {name}: PARTITION BY is kept as a table option (the model has no MySQL partitions)"),
            );
            table.options.push(p);
        }
        for cd in &ct.columns {
            self.column(
                st,
                &mut table,
                cd,
                &table_coll,
                binary_columns.contains(&cd.name.value.to_lowercase()),
            );
        }
        for c in &ct.constraints {
            self.constraint(st, &mut table, c);
        }
        if self.schema.table(&name).is_some() {
            self.warn(
                st.span(),
                format!("table {name} is created twice; the later definition is kept"),
            );
            self.schema.tables.retain(|t| t.name != name);
        }
        self.schema.tables.push(table);
    }

    pub(super) fn column(&mut self, st: &Stmt<'_>, table: &mut Table, cd: &ColumnDef, table_coll: &str, binary: bool) {
        let ty = parse_type(&cd.data_type.to_string());
        let mut logical = ty.logical.clone();
        if let LogicalType::Enum { name, .. } = &mut logical {
            *name = format!("{}_{}", table.name, cd.name.value);
        }
        let mut col = Column::new(cd.name.value.clone(), logical, ty.physical.clone());
        col.nullable = true;
        col.origin = st.origin();
        let mut charset = ty.national.then(|| "utf8mb3".to_string());
        let mut collation = None;
        let mut column_checks = Vec::new();
        for o in &cd.options {
            match &o.option {
                ColumnOption::Null => col.nullable = true,
                ColumnOption::NotNull => col.nullable = false,
                ColumnOption::Default(e) => col.default = parse_default(&e.to_string()),
                ColumnOption::OnUpdate(e) => col.on_update = parse_default(&e.to_string()),
                ColumnOption::CharacterSet(n) => charset = Some(canonical_charset(&n.to_string())),
                ColumnOption::Collation(n) => collation = Some(canonical_collation(&n.to_string())),
                ColumnOption::Comment(c) => col.comment = Some(c.clone()),
                ColumnOption::DialectSpecific(tokens) => {
                    let text = tokens.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(" ");
                    if text.eq_ignore_ascii_case("AUTO_INCREMENT") {
                        col.identity = Some(Identity::ByDefault);
                    } else {
                        self.warn(
                            st.span(),
                            format!("column {}: `{text}` not understood; ignored", col.name),
                        );
                    }
                }
                ColumnOption::PrimaryKey(_) => {
                    col.nullable = false;
                    table.primary_key = Some(PrimaryKey {
                        name: "PRIMARY".into(),
                        columns: vec![col.name.clone()],
                    });
                }
                ColumnOption::Unique(_) => {
                    let name = index_name(table, None, &[col.name.clone()]);
                    let mut ix = Index::btree(name, &[col.name.as_str()], IndexPurpose::Imported);
                    ix.unique = true;
                    table.indexes.push(ix);
                }
                ColumnOption::Check(c) => column_checks.push(CheckConstraint {
                    // MariaDB names a column-level check after its column.
                    name: o.name.as_ref().map_or_else(|| col.name.clone(), |n| n.value.clone()),
                    expr: CheckExpr::Sql(c.expr.to_string()),
                    origin: st.origin(),
                }),
                ColumnOption::Generated {
                    generation_expr: Some(e),
                    generation_expr_mode,
                    ..
                } => {
                    let stored = generation_expr_mode
                        .as_ref()
                        .is_some_and(|m| matches!(m, sqlparser::ast::GeneratedExpressionMode::Stored));
                    col.generated = Some(Generated {
                        expr: e.to_string(),
                        stored,
                    });
                }
                other => self.warn(
                    st.span(),
                    format!("column {}: `{other}` is not kept by the MySQL importer", col.name),
                ),
            }
        }
        if ty.textual {
            let mut coll = collation
                .or_else(|| charset.map(|c| default_collation(&c)))
                .unwrap_or_else(|| table_coll.to_string());
            if binary {
                coll = format!("{}_bin", charset_of(&coll));
            }
            col.collation = Some(coll);
        }
        if col.identity.is_some()
            || table
                .primary_key
                .as_ref()
                .is_some_and(|p| p.columns.contains(&col.name))
        {
            col.nullable = false;
        }
        // A redefined column (MODIFY) keeps its place and loses its old
        // column-level checks (MariaDB names those after the column).
        match table.columns.iter().position(|c| c.name == col.name) {
            Some(i) => {
                table.checks.retain(|c| c.name != col.name);
                table.columns[i] = col;
            }
            None => table.columns.push(col),
        }
        table.checks.extend(column_checks);
    }

    pub(super) fn constraint(&mut self, st: &Stmt<'_>, table: &mut Table, c: &TableConstraint) {
        match c {
            TableConstraint::PrimaryKey(pk) => {
                let cols: Vec<String> = pk.columns.iter().map(|c| element(c).1).collect();
                for c in &mut table.columns {
                    if cols.contains(&c.name) {
                        c.nullable = false;
                    }
                }
                table.primary_key = Some(PrimaryKey {
                    name: "PRIMARY".into(),
                    columns: cols,
                });
            }
            TableConstraint::Unique(u) => {
                let given = u.index_name.as_ref().or(u.name.as_ref()).map(|i| i.value.clone());
                self.add_index(table, given, &u.columns, true);
            }
            TableConstraint::Index(ix) => {
                let given = ix.name.as_ref().map(|i| i.value.clone());
                self.add_index(table, given, &ix.columns, false);
            }
            TableConstraint::FulltextOrSpatial(f) => {
                let kind = if f.fulltext { "fulltext" } else { "spatial" };
                let cols: Vec<String> = f.columns.iter().map(|c| element(c).1).collect();
                let name = f
                    .opt_index_name
                    .as_ref()
                    .map_or_else(|| index_name(table, None, &cols), |n| n.value.clone());
                self.special(st, kind, &table.name, &name, &cols);
            }
            TableConstraint::ForeignKey(fk) => {
                let name = fk
                    .name
                    .as_ref()
                    .map_or_else(|| next_fk_name(table), |n| n.value.clone());
                let (ref_db, ref_table) = split_name(&fk.foreign_table);
                let mut f = ForeignKey::new(
                    name,
                    fk.columns.iter().map(|c| c.value.clone()).collect(),
                    ref_table,
                    fk.referred_columns.iter().map(|c| c.value.clone()).collect(),
                    action(fk.on_delete.as_ref()),
                );
                f.ref_namespace = self.namespace_of(ref_db);
                f.on_update = action(fk.on_update.as_ref());
                f.origin = st.origin();
                table.foreign_keys.retain(|x| x.name != f.name);
                table.foreign_keys.push(f);
            }
            TableConstraint::Check(ck) => {
                // MariaDB numbers unnamed table checks CONSTRAINT_1, CONSTRAINT_2, ...
                let unnamed = table
                    .checks
                    .iter()
                    .filter(|c| c.name.starts_with("CONSTRAINT_"))
                    .count();
                let name = ck
                    .name
                    .as_ref()
                    .map_or_else(|| format!("CONSTRAINT_{}", unnamed + 1), |n| n.value.clone());
                table.checks.push(CheckConstraint {
                    name,
                    expr: CheckExpr::Sql(ck.expr.to_string()),
                    origin: st.origin(),
                });
            }
            other => self.warn(st.span(), format!("table {}: `{other}` is not kept", table.name)),
        }
    }

    fn add_index(&mut self, table: &mut Table, given: Option<String>, cols: &[IndexColumn], unique: bool) {
        let elements: Vec<IndexElement> = cols.iter().map(|c| element(c).0).collect();
        let names: Vec<String> = cols.iter().map(|c| element(c).1).collect();
        let name = index_name(table, given, &names);
        table.indexes.push(Index {
            name,
            elements,
            unique,
            method: plinth_model::IndexMethod::BTree,
            predicate: None,
            include: Vec::new(),
            nulls_not_distinct: false,
            purposes: vec![IndexPurpose::Imported],
            origin: table.origin,
        });
    }

    /// A FULLTEXT or SPATIAL index: an opaque object (the model has no such
    /// index method), with a warning.
    pub(super) fn special(&mut self, st: &Stmt<'_>, kind: &str, table: &str, name: &str, cols: &[String]) {
        self.warn(
            st.span(),
            format!(
                "{} index {name} on {table}: kept as an opaque object (the model has no {kind} index)",
                kind.to_uppercase()
            ),
        );
        self.schema.opaque.push(OpaqueObject {
            kind: format!("{kind} index"),
            namespace: None,
            name: format!("{table}.{name}"),
            sql: special_index_sql(kind, table, name, cols),
            depends_on: vec![table.to_string()],
            origin: st.origin(),
        });
    }

    pub(super) fn create_index(&mut self, st: &Stmt<'_>) {
        let Some(stmt) = self.parse(st, st.sql) else { return };
        let Statement::CreateIndex(ci) = stmt else {
            return self.unsupported(st, "not a plain CREATE INDEX");
        };
        let (_, table_name) = split_name(&ci.table_name);
        let given = ci.name.as_ref().map(|n| split_name(n).1);
        let Some(mut table) = self.take_table(&table_name) else {
            return self.unsupported(st, &format!("index on unknown table {table_name}"));
        };
        self.add_index(&mut table, given, &ci.columns, ci.unique);
        if let Some(ix) = table.indexes.last_mut() {
            ix.origin = st.origin();
        }
        self.schema.tables.push(table);
    }

    /// Removes a table from the model to change it (pushed back after).
    pub(crate) fn take_table(&mut self, name: &str) -> Option<Table> {
        let i = self.schema.tables.iter().position(|t| t.name == name)?;
        Some(self.schema.tables.remove(i))
    }
}

/// Table options as (KEY, value) pairs with canonical keys, and comments.
enum TableOption {
    Comment(String),
    Pair(String, String),
}

fn table_options(o: &CreateTableOptions) -> Vec<TableOption> {
    let list: &[SqlOption] = match o {
        CreateTableOptions::None => &[],
        CreateTableOptions::With(v)
        | CreateTableOptions::Options(v)
        | CreateTableOptions::Plain(v)
        | CreateTableOptions::TableProperties(v) => v,
    };
    list.iter()
        .map(|opt| {
            if let SqlOption::Comment(c) = opt {
                return TableOption::Comment(comment_text(&c.to_string()));
            }
            let text = opt.to_string();
            let (k, v) = match text.split_once('=') {
                Some((k, v)) => (k.trim().to_string(), v.trim().to_string()),
                None => match text.trim().rsplit_once(' ') {
                    Some((k, v)) => (k.trim().to_string(), v.trim().to_string()),
                    None => (text.trim().to_string(), String::new()),
                },
            };
            let k = k.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_uppercase();
            TableOption::Pair(k, v.trim_matches('`').trim_matches('\'').to_string())
        })
        .collect()
}

/// `COMMENT = 'x'` / `COMMENT 'x'` → `x`.
fn comment_text(s: &str) -> String {
    let s = s.trim();
    let s = s.strip_prefix("COMMENT").unwrap_or(s).trim_start();
    let s = s.strip_prefix('=').unwrap_or(s).trim();
    crate::types::unquote(s)
}

pub(crate) fn split_name(n: &ObjectName) -> (Option<String>, String) {
    let mut parts: Vec<String> =
        n.0.iter()
            .map(|p| match p {
                ObjectNamePart::Identifier(i) => i.value.clone(),
                other => other.to_string(),
            })
            .collect();
    let name = parts.pop().unwrap_or_default();
    (parts.pop(), name)
}

fn action(a: Option<&ReferentialAction>) -> FkAction {
    match a {
        None | Some(ReferentialAction::Restrict) => FkAction::Restrict,
        Some(ReferentialAction::Cascade) => FkAction::Cascade,
        Some(ReferentialAction::SetNull) => FkAction::SetNull,
        Some(ReferentialAction::NoAction) => FkAction::NoAction,
        Some(ReferentialAction::SetDefault) => FkAction::SetDefault,
    }
}

/// An index element and the column name (or expression text) it is on.
/// `a(10)` is a prefix of column `a`; `` `a` DESC `` is column `a`, descending.
pub(crate) fn element(c: &IndexColumn) -> (IndexElement, String) {
    let text = c.to_string();
    element_from_text(&text)
}

pub(crate) fn element_from_text(text: &str) -> (IndexElement, String) {
    let mut t = text.trim();
    let mut descending = false;
    for (suffix, desc) in [(" DESC", true), (" ASC", false)] {
        if t.len() > suffix.len() && t[t.len() - suffix.len()..].eq_ignore_ascii_case(suffix) {
            t = t[..t.len() - suffix.len()].trim_end();
            descending = desc;
        }
    }
    let plain = |s: &str| {
        let s = s.trim();
        let u = super::unquote_ident(s);
        let ok = (s.starts_with('`') && s.ends_with('`') && s.len() >= 2)
            || (!s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$'));
        ok.then_some(u)
    };
    let key = if let Some(name) = plain(t) {
        IndexKey::Column(name)
    } else if let Some((col, rest)) = t.split_once('(') {
        match (plain(col), rest.strip_suffix(')').map(str::trim)) {
            (Some(col), Some(n)) if n.chars().all(|c| c.is_ascii_digit()) => IndexKey::Expr(format!("{col}({n})")),
            _ => IndexKey::Expr(t.to_string()),
        }
    } else {
        IndexKey::Expr(t.to_string())
    };
    let name = match &key {
        IndexKey::Column(c) => c.clone(),
        IndexKey::Expr(e) => e.split('(').next().unwrap_or(e).to_string(),
    };
    (
        IndexElement {
            key,
            descending,
            nulls_first: None,
            opclass: None,
            collation: None,
        },
        name,
    )
}

/// The name MySQL gives an index: the one written, else its first column's
/// name, made unique with `_2`, `_3`, ...
pub(crate) fn index_name(table: &Table, given: Option<String>, cols: &[String]) -> String {
    if let Some(g) = given {
        return g;
    }
    let base = cols.first().cloned().unwrap_or_else(|| "index".into());
    // Index names are their own namespace (checks and foreign keys are not in it).
    let taken = |n: &str| {
        let indexes = table.indexes.iter().map(|i| i.name.as_str());
        let uniques = table.uniques.iter().map(|u| u.name.as_str());
        indexes.chain(uniques).any(|x| x.eq_ignore_ascii_case(n))
    };
    if !taken(&base) && !base.eq_ignore_ascii_case("PRIMARY") {
        return base;
    }
    (2..).map(|i| format!("{base}_{i}")).find(|n| !taken(n)).unwrap_or(base)
}

/// InnoDB names an unnamed foreign key `<table>_ibfk_<n>`.
pub(crate) fn next_fk_name(table: &Table) -> String {
    let prefix = format!("{}_ibfk_", table.name);
    let n = table
        .foreign_keys
        .iter()
        .filter_map(|f| f.name.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", n + 1)
}

/// Blanks what sqlparser does not accept: returns the text to parse, the
/// (lowercased) names of columns with the `BINARY` attribute, and a
/// trailing `PARTITION BY ...` clause.
fn prepare_create_table(sql: &str) -> (String, Vec<String>, Option<String>) {
    let mut text = sql.to_string();
    let mut binary = Vec::new();
    let mut partition = None;
    let b = sql.as_bytes();
    let mut depth = 0i32;
    let mut i = 0;
    let mut item_start = 0;
    while i < b.len() {
        match b[i] {
            b'\'' | b'"' | b'`' => {
                let q = b[i];
                i += 1;
                while i < b.len() && b[i] != q {
                    if b[i] == b'\\' && q != b'`' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'(' => {
                depth += 1;
                if depth == 1 {
                    item_start = i + 1;
                }
            }
            b')' => depth -= 1,
            b',' if depth == 1 => item_start = i + 1,
            _ if word_at(sql, i, "binary") && depth == 1 => {
                let next = sql[i + 6..].trim_start();
                if !next.starts_with('(') {
                    let col = sql[item_start..i].split_whitespace().next().unwrap_or("");
                    binary.push(super::unquote_ident(col).to_lowercase());
                    text.replace_range(i..i + 6, "      ");
                }
            }
            _ if depth == 0 && word_at(sql, i, "partition") && sql[i + 9..].trim_start().len() > 2 => {
                let rest = sql[i + 9..].trim_start();
                if rest.len() >= 2 && rest[..2].eq_ignore_ascii_case("by") {
                    partition = Some(sql[i..].split_whitespace().collect::<Vec<_>>().join(" "));
                    text.replace_range(i.., &" ".repeat(sql.len() - i));
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    (text, binary, partition)
}

fn word_at(s: &str, i: usize, word: &str) -> bool {
    let b = s.as_bytes();
    let end = i + word.len();
    end <= s.len()
        && s.is_char_boundary(i)
        && s.is_char_boundary(end)
        && s[i..end].eq_ignore_ascii_case(word)
        && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
        && b.get(end).is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_attribute_and_partitions_are_blanked_in_place() {
        let sql = "CREATE TABLE t (a VARCHAR(40) BINARY DEFAULT NULL, b BINARY(16)) PARTITION BY HASH(a) PARTITIONS 4";
        let (text, bin, part) = prepare_create_table(sql);
        assert_eq!(text.len(), sql.len());
        assert_eq!(bin, vec!["a"]);
        assert_eq!(part.as_deref(), Some("PARTITION BY HASH(a) PARTITIONS 4"));
        assert!(text.contains("b BINARY(16)"));
    }

    #[test]
    fn index_elements() {
        let (e, n) = element_from_text("`ArtistId`");
        assert_eq!(
            (e.key, n),
            (IndexKey::Column("ArtistId".into()), "ArtistId".to_string())
        );
        let (e, _) = element_from_text("a(10) DESC");
        assert_eq!(e.key, IndexKey::Expr("a(10)".into()));
        assert!(e.descending);
    }
}
