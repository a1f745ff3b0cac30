//! `CREATE [TEMP] TABLE [IF NOT EXISTS] [schema.]name ( columns, constraints ) [WITHOUT ROWID] [, STRICT]`

use super::{conflict_clause, Action, Cursor, PResult};
use crate::lexer::{Tok, Token};

#[derive(Debug, Clone, Default)]
pub struct ParsedTable {
    pub temp: bool,
    pub if_not_exists: bool,
    pub schema: Option<String>,
    pub name: String,
    /// Byte offset of the name token (SQLite stores `CREATE TABLE ` + the
    /// text from here in `sqlite_schema`).
    pub name_start: usize,
    pub columns: Vec<ParsedColumn>,
    pub constraints: Vec<TableConstraint>,
    /// `WITHOUT ROWID`, `STRICT`, upper-case.
    pub options: Vec<String>,
    /// `CREATE TABLE … AS SELECT`: the columns come from a query.
    pub as_select: bool,
    /// `ON CONFLICT` clauses met (not modelled), as `column: RESOLUTION`.
    pub conflict_clauses: Vec<String>,
    /// `COLLATE` / `DESC` on a column of a table-level PRIMARY KEY or
    /// UNIQUE (not modelled), as `PRIMARY KEY (a DESC)`.
    pub key_details: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ParsedColumn {
    pub name: String,
    /// The declared type: its words and arguments as written, whitespace
    /// collapsed (`VARCHAR(45)`, `BLOB SUB_TYPE TEXT`); None when absent.
    pub declared: Option<String>,
    pub not_null: bool,
    /// The default's SQL, without the parentheses that may enclose it.
    pub default: Option<String>,
    pub collate: Option<String>,
    /// `(expression, stored)`.
    pub generated: Option<(String, bool)>,
    /// A column-level PRIMARY KEY: its constraint name, whether DESC.
    pub primary_key: Option<(Option<String>, bool)>,
    pub autoincrement: bool,
    /// Column-level UNIQUE constraints (their names).
    pub uniques: Vec<Option<String>>,
    pub checks: Vec<(Option<String>, String)>,
    pub references: Vec<ParsedFk>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedFk {
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub ref_table: String,
    /// Empty: the referenced table's primary key.
    pub ref_columns: Vec<String>,
    pub on_delete: Action,
    pub on_update: Action,
    pub deferrable: bool,
    pub initially_deferred: bool,
}

#[derive(Debug, Clone)]
pub enum TableConstraint {
    PrimaryKey { name: Option<String>, columns: Vec<String> },
    Unique { name: Option<String>, columns: Vec<String> },
    Check { name: Option<String>, expr: String },
    ForeignKey(ParsedFk),
}

/// Words that end a declared type and start a column constraint.
const CONSTRAINT_WORDS: &[&str] = &[
    "CONSTRAINT",
    "PRIMARY",
    "NOT",
    "NULL",
    "UNIQUE",
    "CHECK",
    "DEFAULT",
    "COLLATE",
    "REFERENCES",
    "GENERATED",
    "AS",
];

/// Parses a whole CREATE TABLE statement.
pub fn parse_table(c: &mut Cursor<'_>) -> PResult<ParsedTable> {
    let mut t = ParsedTable::default();
    c.expect("CREATE")?;
    t.temp = c.eat("TEMP") || c.eat("TEMPORARY");
    c.expect("TABLE")?;
    if c.eat("IF") {
        c.expect("NOT")?;
        c.expect("EXISTS")?;
        t.if_not_exists = true;
    }
    t.name_start = c.here().start;
    (t.schema, t.name) = c.qualified_name()?;
    if c.eat("AS") {
        t.as_select = true;
        return Ok(t);
    }
    c.expect_punct("(")?;
    loop {
        let starts_constraint = c.peek().is_some_and(|k| {
            ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]
                .iter()
                .any(|w| k.is(w))
        });
        if starts_constraint && !t.columns.is_empty() {
            table_constraint(c, &mut t)?;
        } else {
            let col = parse_column(c, &mut t.conflict_clauses)?;
            t.columns.push(col);
        }
        if c.eat_punct(")") {
            break;
        }
        c.expect_punct(",")?;
    }
    loop {
        if c.eat("WITHOUT") {
            let w = c.name()?;
            if !w.eq_ignore_ascii_case("ROWID") {
                return c.error(format!("expected ROWID after WITHOUT, found `{w}`"));
            }
            t.options.push("WITHOUT ROWID".into());
        } else if c.eat("STRICT") {
            t.options.push("STRICT".into());
        } else {
            break;
        }
        if !c.eat_punct(",") {
            break;
        }
    }
    if !c.at_end() {
        return c.error("unexpected text after the table definition");
    }
    Ok(t)
}

/// One column definition: name, declared type, column constraints.
pub fn parse_column(c: &mut Cursor<'_>, conflicts: &mut Vec<String>) -> PResult<ParsedColumn> {
    let mut col = ParsedColumn {
        name: c.name()?,
        ..ParsedColumn::default()
    };
    col.declared = declared_type(c)?;
    while let Some(t) = c.peek() {
        if t.is_punct(",") || t.is_punct(")") {
            break;
        }
        let name = if c.eat("CONSTRAINT") { Some(c.name()?) } else { None };
        // SQLite accepts a name with no constraint after it (`CONSTRAINT x`).
        if name.is_some()
            && c.peek()
                .is_none_or(|t| t.is_punct(",") || t.is_punct(")") || t.is("CONSTRAINT"))
        {
            continue;
        }
        if c.eat("PRIMARY") {
            c.expect("KEY")?;
            let desc = c.eat("DESC");
            if !desc {
                c.eat("ASC");
            }
            if let Some(r) = conflict_clause(c)? {
                conflicts.push(format!("{}: PRIMARY KEY ON CONFLICT {r}", col.name));
            }
            col.autoincrement = c.eat("AUTOINCREMENT");
            col.primary_key = Some((name, desc));
        } else if c.eat("NOT") {
            c.expect("NULL")?;
            col.not_null = true;
            if let Some(r) = conflict_clause(c)? {
                conflicts.push(format!("{}: NOT NULL ON CONFLICT {r}", col.name));
            }
        } else if c.eat("NULL") {
            conflict_clause(c)?;
        } else if c.eat("UNIQUE") {
            if let Some(r) = conflict_clause(c)? {
                conflicts.push(format!("{}: UNIQUE ON CONFLICT {r}", col.name));
            }
            col.uniques.push(name);
        } else if c.eat("CHECK") {
            let e = c.parenthesized()?;
            col.checks.push((name, e));
        } else if c.eat("DEFAULT") {
            col.default = Some(default_value(c)?);
        } else if c.eat("COLLATE") {
            col.collate = Some(c.name()?);
        } else if c.peek().is_some_and(|t| t.is("REFERENCES")) {
            let mut fk = references(c)?;
            fk.name = name;
            fk.columns = vec![col.name.clone()];
            col.references.push(fk);
        } else if c.eat("GENERATED") || c.peek().is_some_and(|t| t.is("AS")) {
            if c.toks[c.pos - 1].is("GENERATED") {
                c.expect("ALWAYS")?;
            }
            c.expect("AS")?;
            let e = c.parenthesized()?;
            let stored = c.eat("STORED");
            if !stored {
                c.eat("VIRTUAL");
            }
            col.generated = Some((e, stored));
        } else {
            return c.error(format!("`{}` is not a column constraint", &c.src[c.here()]));
        }
    }
    Ok(col)
}

/// The type words and `(n[, m])` after a column name.
fn declared_type(c: &mut Cursor<'_>) -> PResult<Option<String>> {
    let start = c.pos;
    while let Some(t) = c.peek() {
        let is_word = matches!(t.tok, Tok::Word(_) | Tok::Quoted(_));
        if !is_word || CONSTRAINT_WORDS.iter().any(|w| t.is(w)) {
            break;
        }
        c.pos += 1;
    }
    if c.pos == start {
        return Ok(None);
    }
    if c.peek().is_some_and(|t| t.is_punct("(")) {
        c.parenthesized()?;
    }
    Ok(Some(crate::types::normalize_declared(&c.text(start, c.pos))))
}

/// `DEFAULT` literal, signed number, keyword or `( expr )`.
fn default_value(c: &mut Cursor<'_>) -> PResult<String> {
    if c.peek().is_some_and(|t| t.is_punct("(")) {
        return c.parenthesized();
    }
    let start = c.pos;
    if c.peek().is_some_and(|t| t.is_punct("-") || t.is_punct("+")) {
        c.pos += 1;
    }
    match c.bump() {
        Some(Token { tok: Tok::Punct(_), .. }) | None => c.error("expected a default value"),
        Some(_) => Ok(c.text(start, c.pos)),
    }
}

/// `REFERENCES t [(cols)] [ON DELETE a] [ON UPDATE a] [MATCH m] [[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]]`
fn references(c: &mut Cursor<'_>) -> PResult<ParsedFk> {
    c.expect("REFERENCES")?;
    let mut fk = ParsedFk {
        ref_table: c.name()?,
        ..ParsedFk::default()
    };
    if c.peek().is_some_and(|t| t.is_punct("(")) {
        fk.ref_columns = name_list(c)?;
    }
    loop {
        if c.eat("ON") {
            if c.eat("DELETE") {
                fk.on_delete = Action::parse(c)?;
            } else {
                c.expect("UPDATE")?;
                fk.on_update = Action::parse(c)?;
            }
        } else if c.eat("MATCH") {
            c.name()?;
        } else if c.peek().is_some_and(|t| t.is("NOT")) && c.peek_at(1).is_some_and(|t| t.is("DEFERRABLE")) {
            c.pos += 2;
            if c.eat("INITIALLY") {
                c.name()?;
            }
        } else if c.eat("DEFERRABLE") {
            fk.deferrable = true;
            if c.eat("INITIALLY") {
                fk.initially_deferred = c.name()?.eq_ignore_ascii_case("DEFERRED");
            }
        } else {
            break;
        }
    }
    Ok(fk)
}

/// `( name [COLLATE c] [ASC|DESC], … )` → the names.
fn name_list(c: &mut Cursor<'_>) -> PResult<Vec<String>> {
    name_list_noting(c, &mut Vec::new())
}

/// `( name [COLLATE c] [ASC|DESC], … )` → the names; what is said about a
/// name beyond it (`a COLLATE NOCASE`, `b DESC`) goes to `details`.
fn name_list_noting(c: &mut Cursor<'_>, details: &mut Vec<String>) -> PResult<Vec<String>> {
    c.expect_punct("(")?;
    let mut names = Vec::new();
    loop {
        let name = c.name()?;
        if c.eat("COLLATE") {
            details.push(format!("{name} COLLATE {}", c.name()?));
        }
        if c.eat("DESC") {
            details.push(format!("{name} DESC"));
        } else {
            c.eat("ASC");
        }
        names.push(name);
        if c.eat_punct(")") {
            return Ok(names);
        }
        c.expect_punct(",")?;
    }
}

fn table_constraint(c: &mut Cursor<'_>, t: &mut ParsedTable) -> PResult<()> {
    let name = if c.eat("CONSTRAINT") { Some(c.name()?) } else { None };
    if name.is_some() && c.peek().is_none_or(|t| t.is_punct(",") || t.is_punct(")")) {
        return Ok(());
    }
    if c.eat("PRIMARY") {
        c.expect("KEY")?;
        let mut details = Vec::new();
        let columns = name_list_noting(c, &mut details)?;
        t.key_details
            .extend(details.into_iter().map(|d| format!("PRIMARY KEY ({d})")));
        if let Some(r) = conflict_clause(c)? {
            t.conflict_clauses.push(format!("PRIMARY KEY ON CONFLICT {r}"));
        }
        t.constraints.push(TableConstraint::PrimaryKey { name, columns });
    } else if c.eat("UNIQUE") {
        let mut details = Vec::new();
        let columns = name_list_noting(c, &mut details)?;
        t.key_details
            .extend(details.into_iter().map(|d| format!("UNIQUE ({d})")));
        if let Some(r) = conflict_clause(c)? {
            t.conflict_clauses.push(format!("UNIQUE ON CONFLICT {r}"));
        }
        t.constraints.push(TableConstraint::Unique { name, columns });
    } else if c.eat("CHECK") {
        let expr = c.parenthesized()?;
        t.constraints.push(TableConstraint::Check { name, expr });
    } else if c.eat("FOREIGN") {
        c.expect("KEY")?;
        let columns = name_list(c)?;
        let mut fk = references(c)?;
        fk.name = name;
        fk.columns = columns;
        t.constraints.push(TableConstraint::ForeignKey(fk));
    } else {
        return c.error("expected PRIMARY KEY, UNIQUE, CHECK or FOREIGN KEY");
    }
    Ok(())
}
