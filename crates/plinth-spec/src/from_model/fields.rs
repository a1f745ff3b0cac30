//! Scalar fields (logical type, default, checks) and keys/indexes.

use super::entity::{check_arg, check_text, max_len, one_line, raw_ok, Writer};
use super::names::{enum_name, field, is_ident, quoted, string_lit};
use super::{key, TableConv};
use plinth_model::naming::{object_name, singularize};
use plinth_model::{CheckExpr, Column, DefaultExpr, IndexPurpose, Literal, LogicalType, PhysicalType, Table};
use std::collections::{BTreeMap, BTreeSet};

fn variant(v: &str) -> String {
    if is_ident(v) {
        v.to_string()
    } else {
        quoted(v)
    }
}

/// `col IN ('a', 'b')` as written by the model or an importer.
fn in_list(c: &CheckExpr, col: &str) -> Option<Vec<String>> {
    match c {
        CheckExpr::InList { column, values } if column == col => Some(values.clone()),
        _ => None,
    }
}

/// What a set of columns is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum KeySet {
    /// The declared primary key (`@id` / `@@id`).
    Primary,
    Unique,
    Index,
}

impl Writer<'_> {
    pub(crate) fn scalar_line(&mut self, t: &Table, c: &Column, used: &mut BTreeSet<usize>) -> String {
        let mine: Vec<usize> = (0..t.checks.len())
            .filter(|i| !used.contains(i) && t.checks[*i].expr.column() == Some(c.name.as_str()))
            .collect();
        let sql_checks: Vec<usize> = (0..t.checks.len())
            .filter(|i| !used.contains(i) && matches!(t.checks[*i].expr, CheckExpr::Sql(_)))
            .collect();
        let ty = match (&c.logical, &c.physical) {
            (LogicalType::Text, PhysicalType::Text) | (LogicalType::Other(_), PhysicalType::Text) => {
                let n = mine.iter().chain(&sql_checks).find_map(|i| match &t.checks[*i].expr {
                    CheckExpr::MaxLength { column, max } if *column == c.name => Some((*i, *max)),
                    CheckExpr::Sql(s) => max_len(s, &c.name).map(|m| (*i, m)),
                    _ => None,
                });
                let e = mine
                    .iter()
                    .find_map(|i| in_list(&t.checks[*i].expr, &c.name).map(|v| (*i, v)));
                match (n, e) {
                    (Some((i, n)), _) if n >= 1 => {
                        used.insert(i);
                        format!("string({n})")
                    }
                    (_, Some((i, vs))) if !vs.is_empty() && !self.conv.native_enums => {
                        used.insert(i);
                        let vs: Vec<String> = vs.iter().map(|v| variant(v)).collect();
                        format!("enum({})", vs.join(", "))
                    }
                    _ => "text".into(),
                }
            }
            (LogicalType::Enum { name, values }, p) => {
                let inline = *name == format!("{}_{}", singularize(&t.name), c.name);
                if let Some(i) = mine.iter().find(|i| in_list(&t.checks[**i].expr, &c.name).is_some()) {
                    used.insert(*i);
                }
                if inline && !matches!(p, PhysicalType::Enum(_)) && !values.is_empty() {
                    let vs: Vec<String> = values.iter().map(|v| variant(v)).collect();
                    format!("enum({})", vs.join(", "))
                } else {
                    let n = enum_name(match p {
                        PhysicalType::Enum(e) => e,
                        _ => name,
                    });
                    if !values.is_empty() {
                        self.enums
                            .entry(n.clone())
                            .or_insert_with(|| values.iter().map(|v| variant(v)).collect());
                    } else if !self.s.enums.iter().any(|e| enum_name(&e.name) == n) {
                        self.notes.push(format!(
                            "{}.{}: enum type {n} is unknown; written as text",
                            key(t),
                            c.name
                        ));
                        return self.finish(t, c, "text".into(), used);
                    }
                    n
                }
            }
            (l, p) => {
                let derived = matches!(
                    l,
                    LogicalType::Email | LogicalType::Slug | LogicalType::Url | LogicalType::Percent
                );
                if derived {
                    for i in &mine {
                        if !matches!(t.checks[*i].expr, CheckExpr::Sql(_)) {
                            used.insert(*i);
                        }
                    }
                }
                match l {
                    LogicalType::String(n) if *p == PhysicalType::Text => {
                        for i in &mine {
                            if matches!(t.checks[*i].expr, CheckExpr::MaxLength { .. }) {
                                used.insert(*i);
                            }
                        }
                        format!("string({n})")
                    }
                    LogicalType::Email => "email".into(),
                    LogicalType::Slug => "slug".into(),
                    LogicalType::Url => "url".into(),
                    LogicalType::Percent => "percent".into(),
                    LogicalType::Money => "money".into(),
                    _ => match p {
                        PhysicalType::SmallInt => "smallint".into(),
                        PhysicalType::Integer => "int".into(),
                        PhysicalType::BigInt => "bigint".into(),
                        PhysicalType::Numeric(p, s) if (*p, *s) == self.conv.money => "money".into(),
                        PhysicalType::Numeric(p, s) if *p >= 1 && *p <= 1000 && s <= p => format!("decimal({p}, {s})"),
                        PhysicalType::Double => "float".into(),
                        PhysicalType::Boolean => "bool".into(),
                        PhysicalType::Date => "date".into(),
                        PhysicalType::Time => "time".into(),
                        PhysicalType::Timestamptz => "timestamp".into(),
                        PhysicalType::Interval => "duration".into(),
                        PhysicalType::Uuid => "uuid".into(),
                        PhysicalType::Jsonb => "json".into(),
                        PhysicalType::Bytea => "bytes".into(),
                        PhysicalType::Text => "text".into(),
                        other => {
                            let (ty, why) = match other {
                                PhysicalType::Varchar(Some(n)) if *n >= 1 => {
                                    (format!("string({n})"), "varchar(n) becomes text + length check")
                                }
                                PhysicalType::Char(Some(n)) if *n >= 1 => {
                                    (format!("string({n})"), "char(n) becomes text + length check")
                                }
                                PhysicalType::Timestamp => {
                                    ("timestamp".into(), "timestamp without time zone becomes timestamptz")
                                }
                                PhysicalType::Json => ("json".into(), "json becomes jsonb"),
                                PhysicalType::Real => ("float".into(), "real becomes double precision"),
                                PhysicalType::Numeric(..) => {
                                    ("decimal(38, 10)".into(), "numeric without a usable precision")
                                }
                                _ => ("text".into(), "type not expressible; written as text"),
                            };
                            self.notes.push(format!("{}.{}: {why} ({other:?})", key(t), c.name));
                            ty
                        }
                    },
                }
            }
        };
        self.finish(t, c, ty, used)
    }

    fn finish(&mut self, t: &Table, c: &Column, ty: String, used: &mut BTreeSet<usize>) -> String {
        let mut l = format!("{} {ty}{}", field(&c.name), if c.nullable { "?" } else { "" });
        let mut attrs = String::new();
        match &c.default {
            None => {}
            Some(DefaultExpr::Literal(Literal::Bool(b))) if ty == "bool" => l.push_str(&format!(" = {b}")),
            Some(DefaultExpr::Literal(Literal::Str(s)))
                if ty.starts_with("enum(") || ty.chars().next().is_some_and(char::is_uppercase) =>
            {
                l.push_str(&format!(" = {}", variant(s)))
            }
            Some(DefaultExpr::Literal(Literal::Str(s)))
                if ty == "text"
                    || ty
                        .strip_prefix("string(")
                        .and_then(|n| n.trim_end_matches(')').parse::<usize>().ok())
                        .is_some_and(|n| s.chars().count() <= n) =>
            {
                l.push_str(&format!(" = {}", string_lit(s)))
            }
            Some(DefaultExpr::Literal(Literal::Str(s))) => attrs.push_str(&format!(" @default({})", string_lit(s))),
            Some(DefaultExpr::Literal(Literal::Number(n)))
                if n.parse::<i16>().is_ok()
                    && ["smallint", "int", "bigint", "money", "percent", "float"].contains(&ty.as_str())
                    || n.parse::<i32>().is_ok() && ["int", "bigint"].contains(&ty.as_str())
                    || n.parse::<i64>().is_ok() && ty == "bigint" =>
            {
                l.push_str(&format!(" = {n}"))
            }
            Some(DefaultExpr::Literal(Literal::Number(n))) if n.parse::<i64>().is_ok() => {
                attrs.push_str(&format!(" @default({n})"))
            }
            Some(DefaultExpr::Now) if ty == "timestamp" => l.push_str(" = now()"),
            Some(DefaultExpr::CurrentDate) if ty == "date" => l.push_str(" = today()"),
            Some(d) => {
                let sql = match d {
                    DefaultExpr::Literal(Literal::Number(n)) => n.clone(),
                    DefaultExpr::Literal(Literal::Bool(b)) => b.to_string(),
                    DefaultExpr::Literal(Literal::Str(s)) => format!("'{}'", s.replace('\'', "''")),
                    DefaultExpr::Now => "now()".into(),
                    DefaultExpr::CurrentDate => "CURRENT_DATE".into(),
                    DefaultExpr::Uuidv7 => "uuidv7()".into(),
                    DefaultExpr::CurrentActor => "current_setting('app.actor_id', true)".into(),
                    DefaultExpr::Sql(s) => one_line(s),
                };
                if raw_ok(&sql) {
                    attrs.push_str(&format!(" @default({sql})"));
                } else {
                    self.notes
                        .push(format!("{}.{}: default {sql} is not expressible", key(t), c.name));
                }
            }
        }
        if c.identity.is_some() || c.generated.is_some() || c.collation.is_some() {
            self.notes.push(format!(
                "{}.{}: identity, generated expression or collation is not expressible",
                key(t),
                c.name
            ));
        }
        let own = object_name(&t.name, &[&c.name], "check", 63);
        if let Some(i) = (0..t.checks.len())
            .find(|i| !used.contains(i) && t.checks[*i].name == own && matches!(t.checks[*i].expr, CheckExpr::Sql(_)))
        {
            used.insert(i);
            let sql = check_text(&t.checks[i].expr);
            attrs.push_str(&format!(" @check({})", check_arg(&sql)));
        }
        if let Some(cm) = &c.comment {
            attrs.push_str(&format!(" @comment({})", string_lit(cm)));
        }
        l.push_str(&attrs);
        l
    }

    /// `@unique`, `@@unique`, `@@index` for keys and indexes the design
    /// would not derive by itself.
    pub(crate) fn keys(
        &mut self,
        t: &Table,
        tc: &TableConv,
        rel: &BTreeMap<String, (usize, String)>,
        lines: &mut [String],
        blocks: &mut Vec<String>,
    ) {
        let tenant = if tc.tenant {
            self.tenant_col().map(str::to_string)
        } else {
            None
        };
        let arg = |c: &str| -> Option<String> {
            if Some(c) == tenant.as_deref() {
                return None;
            }
            Some(match rel.get(c) {
                Some(_) => field(&super::entity::relation_field(t, c).0),
                None => field(c),
            })
        };
        let mut sets: Vec<(Vec<String>, KeySet)> = Vec::new();
        if !tc.keyed {
            if let Some(pk) = &t.primary_key {
                if self.natural.contains_key(&key(t)) {
                    sets.push((pk.columns.clone(), KeySet::Primary));
                } else if !pk.columns.iter().any(|c| c == "id") {
                    sets.push((pk.columns.clone(), KeySet::Unique));
                }
            }
        }
        for u in &t.uniques {
            sets.push((u.columns.clone(), KeySet::Unique));
        }
        for ix in &t.indexes {
            // Query indexes come back with their queries; declared ones
            // are written; the rest the design derives by itself.
            let declared = ix
                .purposes
                .iter()
                .any(|p| matches!(p, IndexPurpose::Declared | IndexPurpose::Imported));
            let query = ix.purposes.iter().any(|p| matches!(p, IndexPurpose::Query(_)));
            let derived = query || (!declared && !ix.unique);
            if derived {
                continue;
            }
            let cols = ix.leading_columns();
            let plain = cols.len() == ix.elements.len()
                && ix.include.is_empty()
                && ix
                    .elements
                    .iter()
                    .all(|e| !e.descending && e.opclass.is_none() && e.collation.is_none() && e.nulls_first.is_none());
            let live = match &ix.predicate {
                None => true,
                Some(plinth_model::Predicate::IsNull(c)) => c == "deleted_at" && tc.soft_delete,
                Some(_) => false,
            };
            if !plain || !live || ix.method != plinth_model::IndexMethod::BTree {
                self.notes
                    .push(format!("{}: index {} is not expressible", key(t), ix.name));
                continue;
            }
            let cols: Vec<String> = cols.iter().map(|c| c.to_string()).collect();
            // The design indexes every foreign key by itself.
            let fk_lead = t.foreign_keys.iter().any(|f| f.columns == cols);
            if !ix.unique && fk_lead {
                continue;
            }
            sets.push((cols, if ix.unique { KeySet::Unique } else { KeySet::Index }));
        }
        let mut seen = BTreeSet::new();
        for (cols, kind) in sets {
            if tenant.is_some()
                && cols
                    .iter()
                    .filter(|c| Some(c.as_str()) != tenant.as_deref())
                    .map(String::as_str)
                    .eq(["id"])
            {
                continue;
            }
            let args: Option<Vec<String>> = cols
                .iter()
                .filter(|c| Some(c.as_str()) != tenant.as_deref())
                .map(|c| t.column(c).and_then(|_| arg(c)))
                .collect();
            let Some(args) = args.filter(|a| !a.is_empty()) else {
                self.notes
                    .push(format!("{}: key ({}) is not expressible", key(t), cols.join(", ")));
                continue;
            };
            if !seen.insert((args.clone(), kind)) {
                continue;
            }
            // `@id` goes on a scalar field only; a relation key is `@@id(rel)`.
            let on_field = kind != KeySet::Primary || cols.iter().all(|c| !rel.contains_key(c));
            if args.len() == 1 && on_field {
                let a = &args[0];
                if let Some(l) = lines.iter_mut().find(|l| l.split(' ').next() == Some(a.as_str())) {
                    l.push_str(match kind {
                        KeySet::Primary => " @id",
                        KeySet::Unique => " @unique",
                        KeySet::Index => " @index",
                    });
                    continue;
                }
            }
            let word = match kind {
                KeySet::Primary => "id",
                KeySet::Unique => "unique",
                KeySet::Index => "index",
            };
            blocks.push(format!("@@{word}({})", args.join(", ")));
        }
    }
}
