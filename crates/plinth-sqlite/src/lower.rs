//! Parsed DDL → model, shared by the importer and the inspector so that the
//! facts both read the same way (names of unnamed constraints, rowid
//! aliases, defaults) follow one rule.

use crate::ddl::{ParsedFk, ParsedTable, TableConstraint};
use crate::lexer::{tokenize, Tok};
use crate::types;
use plinth_model::{
    CheckConstraint, CheckExpr, Column, DefaultExpr, ForeignKey, Generated, Identity, Literal, PrimaryKey, Schema,
    Table, UniqueConstraint,
};

/// A default's SQL → the model's default (`NULL` is no default).
pub fn default_expr(text: &str) -> Option<DefaultExpr> {
    let text = text.trim();
    let toks = tokenize(text);
    Some(match toks.as_slice() {
        [] => return None,
        [t] if t.is("NULL") => return None,
        [t] if t.is("CURRENT_TIMESTAMP") => DefaultExpr::Now,
        [t] if t.is("CURRENT_DATE") => DefaultExpr::CurrentDate,
        [t] => match &t.tok {
            Tok::Str(s) => DefaultExpr::Literal(Literal::Str(s.clone())),
            Tok::Number(n) => DefaultExpr::Literal(Literal::Number(n.clone())),
            _ => DefaultExpr::Sql(text.to_string()),
        },
        [sign, n] if sign.is_punct("-") && matches!(n.tok, Tok::Number(_)) => {
            DefaultExpr::Literal(Literal::Number(text.split_whitespace().collect()))
        }
        _ => DefaultExpr::Sql(text.to_string()),
    })
}

/// A collation name as the model keeps it: upper-case (SQLite collation
/// names are case-insensitive), None for the default BINARY.
pub fn collation(name: Option<&str>) -> Option<String> {
    let n = name?.trim().to_ascii_uppercase();
    (n != "BINARY" && !n.is_empty()).then_some(n)
}

fn fk(p: &ParsedFk) -> ForeignKey {
    let mut f = ForeignKey::new(
        p.name.clone().unwrap_or_default(),
        p.columns.clone(),
        p.ref_table.clone(),
        p.ref_columns.clone(),
        p.on_delete.to_model(),
    );
    f.on_update = p.on_update.to_model();
    f.deferrable = p.deferrable;
    f.initially_deferred = p.initially_deferred;
    f
}

/// A parsed CREATE TABLE as a model table (names of unnamed constraints
/// are filled in by [`finish_schema`]). Also returns whether a
/// column-level `PRIMARY KEY DESC` was written (which, by an old SQLite
/// quirk, keeps an INTEGER key from being a rowid alias).
pub fn table(p: &ParsedTable) -> (Table, bool) {
    let mut t = Table::new(p.name.clone());
    t.options = p.options.clone();
    let mut pk_desc = false;
    let mut checks: Vec<CheckConstraint> = Vec::new();
    for c in &p.columns {
        let declared = c.declared.clone().unwrap_or_default();
        let mut col = Column::new(c.name.clone(), types::logical(&declared), types::physical(&declared));
        col.nullable = !c.not_null;
        col.default = c.default.as_deref().and_then(default_expr);
        col.collation = collation(c.collate.as_deref());
        col.generated = c.generated.as_ref().map(|(expr, stored)| Generated {
            expr: expr.clone(),
            stored: *stored,
        });
        col.autoincrement = c.autoincrement;
        if let Some((name, desc)) = &c.primary_key {
            pk_desc = *desc;
            t.primary_key = Some(PrimaryKey {
                name: name.clone().unwrap_or_default(),
                columns: vec![c.name.clone()],
            });
        }
        for name in &c.uniques {
            t.uniques.push(UniqueConstraint {
                name: name.clone().unwrap_or_default(),
                columns: vec![c.name.clone()],
                nulls_not_distinct: false,
                origin: None,
            });
        }
        for (name, expr) in &c.checks {
            checks.push(CheckConstraint {
                name: name.clone().unwrap_or_else(|| format!("\0{}", c.name)),
                expr: CheckExpr::Sql(expr.clone()),
                origin: None,
            });
        }
        t.foreign_keys.extend(c.references.iter().map(fk));
        t.columns.push(col);
    }
    for k in &p.constraints {
        match k {
            TableConstraint::PrimaryKey { name, columns } => {
                t.primary_key = Some(PrimaryKey {
                    name: name.clone().unwrap_or_default(),
                    columns: columns.clone(),
                })
            }
            TableConstraint::Unique { name, columns } => t.uniques.push(UniqueConstraint {
                name: name.clone().unwrap_or_default(),
                columns: columns.clone(),
                nulls_not_distinct: false,
                origin: None,
            }),
            TableConstraint::Check { name, expr } => checks.push(CheckConstraint {
                name: name.clone().unwrap_or_default(),
                expr: CheckExpr::Sql(expr.clone()),
                origin: None,
            }),
            TableConstraint::ForeignKey(f) => t.foreign_keys.push(fk(f)),
        }
    }
    t.checks = checks;
    (t, pk_desc)
}

/// Marks the rowid alias: a lone primary key declared exactly `INTEGER`
/// in a rowid table (and not written `PRIMARY KEY DESC` on the column) is
/// assigned the next rowid when inserted without a value — an identity by
/// default. `declared` gives a column's type as written.
///
/// Also: the key columns of a WITHOUT ROWID or STRICT table are NOT NULL
/// whether written or not (SQLite enforces it and its pragmas say so).
pub fn mark_rowid_alias(t: &mut Table, pk_desc: bool, declared: &dyn Fn(&str) -> Option<String>) {
    let without_rowid = is_without_rowid(t);
    let strict = t.options.iter().any(|o| o.eq_ignore_ascii_case("STRICT"));
    let Some(pk) = &t.primary_key else { return };
    if without_rowid || strict {
        for c in t
            .columns
            .iter_mut()
            .filter(|c| pk.columns.iter().any(|k| k.eq_ignore_ascii_case(&c.name)))
        {
            c.nullable = false;
        }
    }
    if without_rowid || pk_desc || pk.columns.len() != 1 {
        return;
    }
    let name = pk.columns[0].clone();
    if let Some(c) = t.columns.iter_mut().find(|c| c.name.eq_ignore_ascii_case(&name)) {
        if declared(&c.name).is_some_and(|d| types::is_rowid_type(&d)) {
            c.identity = Some(Identity::ByDefault);
        }
    }
}

pub fn is_without_rowid(t: &Table) -> bool {
    t.options.iter().any(|o| o.eq_ignore_ascii_case("WITHOUT ROWID"))
}

fn canonical(names: &mut [String], cols: &[Column]) {
    for n in names.iter_mut() {
        if let Some(c) = cols.iter().find(|c| c.name.eq_ignore_ascii_case(n)) {
            n.clone_from(&c.name);
        }
    }
}

/// Names as SQLite resolves them (case-insensitively) spelled like their
/// definitions; implicit referenced columns (`REFERENCES t`) made explicit;
/// unnamed constraints given deterministic names.
pub fn finish_schema(s: &mut Schema) {
    let snapshot: Vec<(String, Vec<Column>, Vec<String>)> = s
        .tables
        .iter()
        .map(|t| {
            let pk = t.primary_key.as_ref().map(|p| p.columns.clone()).unwrap_or_default();
            (t.name.clone(), t.columns.clone(), pk)
        })
        .collect();
    for t in &mut s.tables {
        let cols = t.columns.clone();
        if let Some(pk) = &mut t.primary_key {
            canonical(&mut pk.columns, &cols);
        }
        for u in &mut t.uniques {
            canonical(&mut u.columns, &cols);
        }
        for i in &mut t.indexes {
            for e in &mut i.elements {
                if let plinth_model::IndexKey::Column(n) = &mut e.key {
                    canonical(std::slice::from_mut(n), &cols);
                }
            }
        }
        for f in &mut t.foreign_keys {
            canonical(&mut f.columns, &cols);
            if let Some((name, rcols, rpk)) = snapshot.iter().find(|(n, _, _)| n.eq_ignore_ascii_case(&f.ref_table)) {
                f.ref_table.clone_from(name);
                // `REFERENCES t` means t's primary key; when the column
                // counts differ SQLite reports the mismatch only when rows
                // are written, so the key stays implicit as written.
                if f.ref_columns.is_empty() && rpk.len() == f.columns.len() {
                    f.ref_columns = rpk.clone();
                }
                canonical(&mut f.ref_columns, rcols);
            }
        }
        drop_redundant_uniques(t);
        name_constraints(t);
    }
}

/// SQLite makes no index for a UNIQUE constraint when one with the same
/// columns already exists (the primary key's, unless it is the rowid, or
/// an earlier UNIQUE): such a constraint is the same constraint.
fn drop_redundant_uniques(t: &mut Table) {
    let same =
        |a: &[String], b: &[String]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.eq_ignore_ascii_case(y));
    let pk: Option<Vec<String>> = t
        .primary_key
        .as_ref()
        .map(|p| p.columns.clone())
        .filter(|cols| !(cols.len() == 1 && t.column(&cols[0]).is_some_and(|c| c.identity.is_some())));
    let mut seen: Vec<Vec<String>> = pk.into_iter().collect();
    t.uniques.retain(|u| {
        if seen.iter().any(|s| same(s, &u.columns)) {
            false
        } else {
            seen.push(u.columns.clone());
            true
        }
    });
}

/// `{table}_{columns}_{suffix}`, numbered when taken.
fn fresh(taken: &mut Vec<String>, base: String) -> String {
    let mut name = base.clone();
    let mut n = 1;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        n += 1;
        name = format!("{base}{n}");
    }
    taken.push(name.clone());
    name
}

fn name_constraints(t: &mut Table) {
    let mut taken: Vec<String> = t.object_names().filter(|n| !n.is_empty()).map(str::to_string).collect();
    let table = t.name.clone();
    for u in t.uniques.iter_mut().filter(|u| u.name.is_empty()) {
        u.name = fresh(&mut taken, format!("{table}_{}_key", u.columns.join("_")));
    }
    for f in t.foreign_keys.iter_mut().filter(|f| f.name.is_empty()) {
        f.name = fresh(&mut taken, format!("{table}_{}_fkey", f.columns.join("_")));
    }
    for c in &mut t.checks {
        if let Some(col) = c.name.strip_prefix('\0') {
            c.name = fresh(&mut taken, format!("{table}_{col}_check"));
        } else if c.name.is_empty() {
            c.name = fresh(&mut taken, format!("{table}_check"));
        }
    }
}
