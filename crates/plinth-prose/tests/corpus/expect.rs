//! The `.expect` format of the prose corpus (`tests/prose/NN-slug.expect`),
//! documented in `docs/prose-corpus.md`. One statement per line, `#` starts a
//! comment, `|` separates accepted alternatives, a `?` after the keyword
//! (`entity?`, `relation?`, `many?`) marks an optional item: matched when
//! drafted, never counted as missing.
//!
//! ```text
//! entity Member | Patron
//! relation Loan -> Member | Patron      # child (holds the foreign key) -> parent
//! many Book <-> Author                  # many-to-many, order-insensitive
//! attr Loan.due_date | Loan.due_on date # field alternatives, then type classes
//! unique Book.isbn
//! flag tenant false
//! refuse                                # negative input: draft must fail
//! ```

use std::fmt;

/// The type classes an expected attribute may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Text,
    String,
    Email,
    Slug,
    Url,
    Int,
    Decimal,
    Money,
    Percent,
    Float,
    Bool,
    Date,
    Time,
    Timestamp,
    Duration,
    Uuid,
    Json,
    Bytes,
    Enum,
}

impl Class {
    const ALL: [(&'static str, Class); 19] = [
        ("text", Class::Text),
        ("string", Class::String),
        ("email", Class::Email),
        ("slug", Class::Slug),
        ("url", Class::Url),
        ("int", Class::Int),
        ("decimal", Class::Decimal),
        ("money", Class::Money),
        ("percent", Class::Percent),
        ("float", Class::Float),
        ("bool", Class::Bool),
        ("date", Class::Date),
        ("time", Class::Time),
        ("timestamp", Class::Timestamp),
        ("duration", Class::Duration),
        ("uuid", Class::Uuid),
        ("json", Class::Json),
        ("bytes", Class::Bytes),
        ("enum", Class::Enum),
    ];

    fn parse(s: &str) -> Option<Class> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, c)| *c)
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = Self::ALL.iter().find(|(_, c)| c == self).map_or("?", |(n, _)| n);
        f.write_str(name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Tenant,
    Audit,
    SoftDelete,
    Versioned,
    Partitioned,
}

impl Flag {
    pub fn name(self) -> &'static str {
        match self {
            Flag::Tenant => "tenant",
            Flag::Audit => "audit",
            Flag::SoftDelete => "soft_delete",
            Flag::Versioned => "versioned",
            Flag::Partitioned => "partitioned",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ExpEntity {
    pub names: Vec<String>,
    pub optional: bool,
}

/// `relation C -> P` (`many == false`) or `many A <-> B`; each end lists the
/// indices of the expected entities it accepts.
#[derive(Debug, Clone)]
pub struct ExpRelation {
    pub child: Vec<usize>,
    pub parent: Vec<usize>,
    pub many: bool,
    pub optional: bool,
    pub text: String,
}

/// A field reference: expected entity index and snake_case field name.
pub type FieldRef = (usize, String);

#[derive(Debug, Clone)]
pub struct ExpAttr {
    pub fields: Vec<FieldRef>,
    pub classes: Vec<Class>,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct ExpUnique {
    pub fields: Vec<FieldRef>,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Expect {
    pub refuse: bool,
    pub entities: Vec<ExpEntity>,
    pub relations: Vec<ExpRelation>,
    pub attrs: Vec<ExpAttr>,
    pub uniques: Vec<ExpUnique>,
    pub flags: Vec<(Flag, bool)>,
}

/// Names compare case-insensitively, ignoring `_`, spaces and dashes.
pub fn norm(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Field names compare like [`norm`], and also ignore one trailing `s`
/// (`notes` = `note`, `seats` = `seat`).
pub fn field_key(name: &str) -> String {
    let n = norm(name);
    n.strip_suffix('s').map_or(n.clone(), String::from)
}

impl Expect {
    /// The expected entity a name refers to (any of its alternatives).
    pub fn entity_index(&self, name: &str) -> Option<usize> {
        let n = norm(name);
        self.entities.iter().position(|e| e.names.iter().any(|a| norm(a) == n))
    }
}

/// Parse one `.expect` file; errors name the line.
pub fn parse(src: &str) -> Result<Expect, String> {
    let mut ex = Expect::default();
    // Entity lines first, so relations and attributes may name any entity.
    let lines: Vec<(usize, &str)> = src
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split('#').next().unwrap_or("").trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    for &(no, line) in &lines {
        let (kw, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let (kw, optional) = kw.strip_suffix('?').map_or((kw, false), |k| (k, true));
        if kw == "entity" {
            let names = alternatives(rest);
            if names.is_empty() || names.iter().any(|n| !is_ident(n)) {
                return Err(format!("line {no}: bad entity names `{rest}`"));
            }
            if let Some(dup) = names.iter().find(|n| ex.entity_index(n).is_some()) {
                return Err(format!("line {no}: `{dup}` already names another entity"));
            }
            ex.entities.push(ExpEntity { names, optional });
        }
    }
    for &(no, line) in &lines {
        let err = |what: &str| format!("line {no}: {what}: `{line}`");
        let (kw, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim();
        let (kw, optional) = kw.strip_suffix('?').map_or((kw, false), |k| (k, true));
        match kw {
            "entity" => {}
            "relation" | "many" => {
                let arrow = if kw == "many" { "<->" } else { "->" };
                let (a, b) = rest.split_once(arrow).ok_or_else(|| err("missing arrow"))?;
                let ends = |s: &str| -> Result<Vec<usize>, String> {
                    let alts = alternatives(s);
                    if alts.is_empty() {
                        return Err(err("empty relation end"));
                    }
                    alts.iter()
                        .map(|n| ex.entity_index(n).ok_or_else(|| err(&format!("unknown entity `{n}`"))))
                        .collect()
                };
                let (child, parent) = (ends(a)?, ends(b)?);
                let many = kw == "many";
                ex.relations.push(ExpRelation {
                    child,
                    parent,
                    many,
                    optional,
                    text: format!("{} {arrow} {}", a.trim(), b.trim()),
                });
            }
            "attr" => {
                let (refs, classes) = rest
                    .rsplit_once(char::is_whitespace)
                    .ok_or_else(|| err("missing class"))?;
                let classes = classes
                    .split('|')
                    .map(|c| Class::parse(c.trim()).ok_or_else(|| err(&format!("unknown class `{c}`"))))
                    .collect::<Result<Vec<_>, _>>()?;
                let fields = field_refs(&ex, refs).map_err(|e| err(&e))?;
                ex.attrs.push(ExpAttr {
                    fields,
                    classes,
                    text: refs.trim().to_string(),
                });
            }
            "unique" => {
                let fields = field_refs(&ex, rest).map_err(|e| err(&e))?;
                ex.uniques.push(ExpUnique {
                    fields,
                    text: rest.to_string(),
                });
            }
            "flag" => {
                let (name, value) = rest
                    .split_once(char::is_whitespace)
                    .ok_or_else(|| err("flag needs a value"))?;
                let flag = [
                    Flag::Tenant,
                    Flag::Audit,
                    Flag::SoftDelete,
                    Flag::Versioned,
                    Flag::Partitioned,
                ]
                .into_iter()
                .find(|f| f.name() == name)
                .ok_or_else(|| err("unknown flag"))?;
                let value = match value.trim() {
                    "true" => true,
                    "false" => false,
                    _ => return Err(err("flag value must be true or false")),
                };
                if ex.flags.iter().any(|(f, _)| *f == flag) {
                    return Err(err("flag given twice"));
                }
                ex.flags.push((flag, value));
            }
            "refuse" if rest.is_empty() && !optional => ex.refuse = true,
            _ => return Err(err("unknown statement")),
        }
    }
    let has_positive = !ex.entities.is_empty() || !ex.flags.is_empty();
    if ex.refuse == has_positive {
        return Err("a file is either `refuse` alone or entities and flags".to_string());
    }
    Ok(ex)
}

fn alternatives(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(String::from)
        .collect()
}

fn is_ident(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

fn field_refs(ex: &Expect, s: &str) -> Result<Vec<FieldRef>, String> {
    let alts = alternatives(s);
    if alts.is_empty() {
        return Err("no field".to_string());
    }
    alts.iter()
        .map(|a| {
            let (e, f) = a.split_once('.').ok_or(format!("`{a}` is not Entity.field"))?;
            let i = ex.entity_index(e).ok_or(format!("unknown entity `{e}`"))?;
            Ok((i, f.to_string()))
        })
        .collect()
}
