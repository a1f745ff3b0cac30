//! A live SQLite database → [`Schema`], from what the engine reports:
//! `PRAGMA table_list` (WITHOUT ROWID, STRICT, shadow tables),
//! `table_xinfo` (columns, declared types, NOT NULL, defaults, key order,
//! generated columns), `sqlite3_table_column_metadata` (collations,
//! AUTOINCREMENT), `foreign_key_list`, `index_list` / `index_xinfo`
//! (uniques and indexes, key order, collations, DESC). What no pragma
//! tells — CHECK constraints, constraint names, generated and index
//! expressions, partial-index predicates — is read from the SQL SQLite
//! keeps in `sqlite_schema`, with the importer's parser. Views, triggers
//! and virtual tables are kept as opaque objects with that SQL.

use crate::ddl::{parse_index, parse_table, Action, Cursor, ParsedIndex, ParsedTable};
use crate::lexer::tokenize;
use crate::lower;
use crate::types;
use plinth_model::{
    Column, DialectKind, ForeignKey, Generated, Index, IndexElement, IndexKey, IndexMethod, IndexPurpose, OpaqueObject,
    Predicate, PrimaryKey, Schema, Table, Target, UniqueConstraint,
};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// Why introspection failed.
#[derive(Debug)]
pub struct InspectError(pub String);

impl std::fmt::Display for InspectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InspectError {}

impl From<rusqlite::Error> for InspectError {
    fn from(e: rusqlite::Error) -> Self {
        InspectError(e.to_string())
    }
}

type Res<T> = Result<T, InspectError>;

/// Opens a database file read-only (never creating it) and inspects it.
pub fn inspect_file(path: &Path) -> Res<Schema> {
    if !path.is_file() {
        return Err(InspectError(format!("{}: no such database file", path.display())));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    inspect(&conn)
}

struct Entry {
    kind: String,
    name: String,
    table: String,
    sql: Option<String>,
}

/// Inspects the `main` database of a connection.
pub fn inspect(conn: &Connection) -> Res<Schema> {
    let mut schema = Schema::new(Target {
        dialect: DialectKind::Sqlite,
        version: crate::import::VERSION,
    });
    let entries: Vec<Entry> = conn
        .prepare("SELECT type, name, tbl_name, sql FROM main.sqlite_schema ORDER BY rowid")?
        .query_map([], |r| {
            Ok(Entry {
                kind: r.get(0)?,
                name: r.get(1)?,
                table: r.get(2)?,
                sql: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    // name → (type, without rowid, strict)
    let listed: Vec<(String, String, bool, bool)> = conn
        .prepare("SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main'")?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? != 0, r.get::<_, i64>(3)? != 0))
        })?
        .collect::<Result<_, _>>()?;
    let index_sql = |name: &str| {
        entries
            .iter()
            .find(|e| e.kind == "index" && e.name == name)
            .and_then(|e| e.sql.clone())
    };
    for e in &entries {
        let sql = e.sql.clone().unwrap_or_default();
        match e.kind.as_str() {
            "table" if e.name.starts_with("sqlite_") => {}
            "table" if sql.to_ascii_uppercase().starts_with("CREATE VIRTUAL TABLE") => {
                schema.opaque.push(opaque("virtual table", e, sql));
            }
            "table" => {
                let Some((_, kind, wr, strict)) = listed.iter().find(|l| l.0 == e.name) else {
                    continue;
                };
                if kind == "shadow" {
                    continue;
                }
                let mut options = Vec::new();
                if *wr {
                    options.push("WITHOUT ROWID".to_string());
                }
                if *strict {
                    options.push("STRICT".to_string());
                }
                schema.tables.push(table(conn, &e.name, &sql, options, &index_sql)?);
            }
            "view" | "trigger" => schema.opaque.push(opaque(&e.kind, e, sql)),
            _ => {}
        }
    }
    lower::finish_schema(&mut schema);
    Ok(schema)
}

fn opaque(kind: &str, e: &Entry, sql: String) -> OpaqueObject {
    OpaqueObject {
        kind: kind.to_string(),
        namespace: None,
        name: e.name.clone(),
        sql,
        depends_on: if kind == "trigger" {
            vec![e.table.clone()]
        } else {
            Vec::new()
        },
        origin: None,
    }
}

fn parsed_table(sql: &str) -> Res<ParsedTable> {
    let toks = tokenize(sql);
    parse_table(&mut Cursor::new(sql, &toks)).map_err(|e| InspectError(format!("reading `{sql}`: {}", e.message)))
}

fn parsed_index(sql: &str) -> Option<ParsedIndex> {
    let toks = tokenize(sql);
    parse_index(&mut Cursor::new(sql, &toks)).ok()
}

fn same(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.eq_ignore_ascii_case(y))
}

/// One table: the pragmas' facts, with names and expressions from its SQL.
fn table(
    conn: &Connection,
    name: &str,
    sql: &str,
    options: Vec<String>,
    index_sql: &dyn Fn(&str) -> Option<String>,
) -> Res<Table> {
    let parsed = parsed_table(sql)?;
    // What only the SQL says: checks, constraint names, expressions.
    let (from_sql, pk_desc) = lower::table(&parsed);
    let mut t = Table::new(name);
    t.options = options;
    t.checks = from_sql.checks.clone();

    struct XInfo {
        name: String,
        declared: String,
        not_null: bool,
        default: Option<String>,
        pk: i64,
        hidden: i64,
    }
    let cols: Vec<XInfo> = conn
        .prepare("SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?1)")?
        .query_map([name], |r| {
            Ok(XInfo {
                name: r.get(0)?,
                declared: r.get(1)?,
                not_null: r.get::<_, i64>(2)? != 0,
                default: r.get(3)?,
                pk: r.get(4)?,
                hidden: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    for x in cols.iter().filter(|x| x.hidden != 1) {
        let declared = types::normalize_declared(&x.declared);
        let mut c = Column::new(x.name.clone(), types::logical(&declared), types::physical(&declared));
        c.nullable = !x.not_null;
        c.default = x.default.as_deref().and_then(lower::default_expr);
        if matches!(x.hidden, 2 | 3) {
            let expr = from_sql
                .column(&x.name)
                .and_then(|c| c.generated.clone())
                .map(|g| g.expr);
            c.generated = Some(Generated {
                expr: expr.unwrap_or_default(),
                stored: x.hidden == 3,
            });
        }
        let (_, coll, _, _, autoinc) = conn.column_metadata(Some("main"), name, x.name.as_str())?;
        c.collation = lower::collation(coll.and_then(|s| s.to_str().ok()));
        c.autoincrement = autoinc;
        t.columns.push(c);
    }
    let mut key: Vec<(i64, String)> = cols
        .iter()
        .filter(|x| x.pk > 0)
        .map(|x| (x.pk, x.name.clone()))
        .collect();
    key.sort();
    if !key.is_empty() {
        t.primary_key = Some(PrimaryKey {
            name: from_sql
                .primary_key
                .as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            columns: key.into_iter().map(|(_, n)| n).collect(),
        });
    }
    t.foreign_keys = foreign_keys(conn, name, &from_sql)?;
    indexes(conn, &mut t, &from_sql, index_sql)?;
    let declared = |c: &str| {
        cols.iter()
            .find(|x| x.name.eq_ignore_ascii_case(c))
            .map(|x| types::normalize_declared(&x.declared))
    };
    lower::mark_rowid_alias(&mut t, pk_desc, &declared);
    Ok(t)
}

fn foreign_keys(conn: &Connection, table: &str, from_sql: &Table) -> Res<Vec<ForeignKey>> {
    // id, seq, table, from, to, on_update, on_delete
    type Row = (i64, i64, String, String, Option<String>, String, String);
    let rows: Vec<Row> = conn
        .prepare("SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?1) ORDER BY id, seq")?
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
        .collect::<Result<_, _>>()?;
    let mut fks: Vec<(i64, ForeignKey)> = Vec::new();
    for (id, _, ref_table, from, to, on_update, on_delete) in rows {
        match fks.iter_mut().find(|(i, _)| *i == id) {
            Some((_, f)) => {
                f.columns.push(from);
                f.ref_columns.extend(to);
            }
            None => {
                let mut f = ForeignKey::new(
                    String::new(),
                    vec![from],
                    ref_table,
                    to.into_iter().collect(),
                    Action::from_pragma(&on_delete).to_model(),
                );
                f.on_update = Action::from_pragma(&on_update).to_model();
                fks.push((id, f));
            }
        }
    }
    // SQLite numbers foreign keys from the last declared; declaration order
    // is what the SQL (and the names of unnamed ones) follows.
    fks.sort_by_key(|(id, _)| -id);
    let mut used = vec![false; from_sql.foreign_keys.len()];
    let mut out = Vec::new();
    for (_, mut f) in fks {
        let found = from_sql.foreign_keys.iter().enumerate().find(|(i, p)| {
            !used[*i]
                && same(&p.columns, &f.columns)
                && p.ref_table.eq_ignore_ascii_case(&f.ref_table)
                && (p.ref_columns.is_empty() && f.ref_columns.is_empty() || same(&p.ref_columns, &f.ref_columns))
        });
        if let Some((i, p)) = found {
            used[i] = true;
            f.name.clone_from(&p.name);
            f.deferrable = p.deferrable;
            f.initially_deferred = p.initially_deferred;
        }
        out.push(f);
    }
    Ok(out)
}

fn indexes(conn: &Connection, t: &mut Table, from_sql: &Table, index_sql: &dyn Fn(&str) -> Option<String>) -> Res<()> {
    let list: Vec<(String, bool, String)> = conn
        .prepare("SELECT name, \"unique\", origin FROM pragma_index_list(?1) ORDER BY seq DESC")?
        .query_map([&t.name], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut used = vec![false; from_sql.uniques.len()];
    for (name, unique, origin) in list {
        // seqno, cid, name, desc, coll
        type Row = (i64, i64, Option<String>, bool, Option<String>);
        let keys: Vec<Row> = conn
            .prepare(
                "SELECT seqno, cid, name, \"desc\", coll FROM pragma_index_xinfo(?1) WHERE key = 1 ORDER BY seqno",
            )?
            .query_map([&name], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? != 0, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        match origin.as_str() {
            "pk" => {}
            "u" => {
                let columns: Vec<String> = keys.iter().filter_map(|k| k.2.clone()).collect();
                let found = from_sql
                    .uniques
                    .iter()
                    .enumerate()
                    .find(|(i, u)| !used[*i] && same(&u.columns, &columns));
                let uname = found.map(|(i, u)| {
                    used[i] = true;
                    u.name.clone()
                });
                t.uniques.push(UniqueConstraint {
                    name: uname.unwrap_or_default(),
                    columns,
                    nulls_not_distinct: false,
                    origin: None,
                });
            }
            _ => {
                let parsed = index_sql(&name).and_then(|s| parsed_index(&s));
                let elements = keys
                    .iter()
                    .enumerate()
                    .map(|(i, (_, cid, col, desc, coll))| {
                        let written = parsed.as_ref().and_then(|p| p.elements.get(i));
                        match (cid, col) {
                            (c, Some(col)) if *c >= 0 => {
                                let own = t.column(col).and_then(|c| c.collation.clone());
                                IndexElement {
                                    collation: lower::collation(coll.as_deref()).filter(|c| Some(c) != own.as_ref()),
                                    ..IndexElement::column_desc(col.clone(), *desc)
                                }
                            }
                            _ => IndexElement {
                                key: IndexKey::Expr(written.map(|w| w.expr.clone()).unwrap_or_default()),
                                descending: *desc,
                                nulls_first: None,
                                opclass: None,
                                collation: lower::collation(written.and_then(|w| w.collate.as_deref())),
                            },
                        }
                    })
                    .collect();
                t.indexes.push(Index {
                    name,
                    elements,
                    unique,
                    method: IndexMethod::BTree,
                    predicate: parsed.and_then(|p| p.predicate).map(Predicate::Sql),
                    include: Vec::new(),
                    nulls_not_distinct: false,
                    purposes: vec![IndexPurpose::Imported],
                    origin: None,
                });
            }
        }
    }
    // Index order is creation order (index_list lists the newest first).
    Ok(())
}
