//! Semantic equality of two schemas, with a readable difference report.
//!
//! Two schemas are equal when a database built from one behaves like a
//! database built from the other. So order is ignored (tables, columns,
//! constraints, indexes, opaque objects), and so are spellings that mean the
//! same (`int4` / `integer`, `'x'::text` / `'x'` through the caller's
//! expression normaliser, whitespace, redundant outer parentheses, an index
//! name unless asked). Nothing that changes behaviour is ignored: types,
//! nullability, defaults, keys and their column order, foreign-key actions
//! and deferral, uniqueness and NULLS NOT DISTINCT, check and policy
//! expressions, index method/keys/order/predicate/INCLUDE, enum value order,
//! sequence options, row-level security, comments.
//!
//! The model knows no dialect, so expression spelling beyond whitespace and
//! outer parentheses is normalised by a function the caller passes in
//! ([`CompareOptions::normalize_expr`]; plinth-postgres provides one built
//! on the real PostgreSQL grammar).

use crate::types::PhysicalType;
use crate::{Column, Schema, Sequence, Table};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

mod spelling;
use spelling::*;
pub use spelling::{check_sql, default_key, expr_key, index_key, type_key};

/// What to compare.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    /// Compare index names (off: indexes are matched by definition).
    pub index_names: bool,
    /// Compare constraint names (off: matched by definition).
    pub constraint_names: bool,
    /// Compare the SQL of opaque objects (off: by kind and name only).
    pub opaque_bodies: bool,
    /// Opaque object kinds left out of the comparison (e.g. `grant`).
    pub ignore_opaque_kinds: Vec<String>,
    /// Column order matters for `SELECT *` and positional INSERT.
    pub column_order: bool,
    /// Dialect-aware expression normaliser (defaults, checks, predicates,
    /// index expressions, policies, generated columns).
    pub normalize_expr: Option<fn(&str) -> String>,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            index_names: false,
            constraint_names: true,
            opaque_bodies: true,
            ignore_opaque_kinds: Vec::new(),
            column_order: false,
            normalize_expr: None,
        }
    }
}

/// One way the two schemas differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// Present in the first schema only: `(what, name)`.
    OnlyInA(String),
    OnlyInB(String),
    /// The same object differs in one property.
    Changed {
        object: String,
        property: String,
        a: String,
        b: String,
    },
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::OnlyInA(o) => write!(f, "- {o} (only in A)"),
            Difference::OnlyInB(o) => write!(f, "+ {o} (only in B)"),
            Difference::Changed { object, property, a, b } => {
                write!(f, "~ {object}: {property} differs\n    A: {a}\n    B: {b}")
            }
        }
    }
}

/// A list of differences, printed one per line with a count.
pub struct Report<'a>(pub &'a [Difference]);

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return write!(f, "no differences");
        }
        writeln!(f, "{} difference(s):", self.0.len())?;
        for d in self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Every semantic difference between `a` and `b`, in a stable order.
pub fn compare(a: &Schema, b: &Schema, opts: &CompareOptions) -> Vec<Difference> {
    let mut c = Cmp {
        o: opts,
        out: Vec::new(),
    };
    c.keyed(
        "table",
        &a.tables,
        &b.tables,
        |t| qual(&t.namespace, &t.name),
        |c, n, x, y| c.table(n, x, y),
    );
    c.keyed(
        "enum",
        &a.enums,
        &b.enums,
        |e| qual(&e.namespace, &e.name),
        |c, n, x, y| c.prop(n, "values", x.values.join(", "), y.values.join(", ")),
    );
    c.keyed(
        "sequence",
        &a.sequences,
        &b.sequences,
        |s| qual(&s.namespace, &s.name),
        |c, n, x, y| c.sequence(n, x, y),
    );
    c.keyed(
        "routine",
        &a.routines,
        &b.routines,
        |r| r.name.clone(),
        |c, n, x, y| c.prop(n, "kind", format!("{:?}", x.kind), format!("{:?}", y.kind)),
    );
    let keep = |o: &&crate::OpaqueObject| !opts.ignore_opaque_kinds.contains(&o.kind);
    let oa: Vec<_> = a.opaque.iter().filter(keep).collect();
    let ob: Vec<_> = b.opaque.iter().filter(keep).collect();
    c.keyed(
        "object",
        &oa,
        &ob,
        |o| format!("{} {}", o.kind, qual(&o.namespace, &o.name)),
        |c, n, x, y| {
            if c.o.opaque_bodies {
                c.prop(n, "SQL", squash(&x.sql), squash(&y.sql));
            }
        },
    );
    c.out
}

struct Cmp<'o> {
    o: &'o CompareOptions,
    out: Vec<Difference>,
}

fn qual(ns: &Option<String>, name: &str) -> String {
    match ns {
        Some(n) => format!("{n}.{name}"),
        None => name.to_string(),
    }
}

/// Whitespace collapsed, trailing semicolons removed.
fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(';')
        .trim()
        .to_string()
}

/// A quoted boolean input (`'t'`, `'yes'`, `'0'`, ...) as the value it is.
fn boolean_literal(e: &str) -> Option<&'static str> {
    let v = e.strip_prefix('\'')?.strip_suffix('\'')?.trim().to_ascii_lowercase();
    match v.as_str() {
        "t" | "true" | "y" | "yes" | "on" | "1" => Some("true"),
        "f" | "false" | "n" | "no" | "off" | "0" => Some("false"),
        _ => None,
    }
}

/// Keywords and bare literals are case-insensitive (`TRUE` / `true`);
/// quoted text is not.
fn lower_outside_quotes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut quote: Option<char> = None;
    for ch in s.chars() {
        match quote {
            Some(q) if ch == q => quote = None,
            Some(_) => {}
            None if ch == '\'' || ch == '"' => quote = Some(ch),
            None => {
                out.push(ch.to_ascii_lowercase());
                continue;
            }
        }
        out.push(ch);
    }
    out
}

/// `'x'::text` → `'x'`: a lone string literal with a cast on it means the
/// literal (the column's type decides its type either way).
fn strip_literal_cast(s: &str) -> &str {
    if !s.starts_with('\'') {
        return s;
    }
    // The end of the literal ('' is an escaped quote).
    let b = s.as_bytes();
    let mut i = 1;
    while i < b.len() {
        if b[i] == b'\'' {
            if b.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            break;
        }
        i += 1;
    }
    let (lit, rest) = s.split_at((i + 1).min(s.len()));
    let cast = rest.trim_start().strip_prefix("::").map(str::trim);
    let is_type = |t: &str| {
        !t.is_empty()
            && t.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '"' | '.' | '[' | ']' | ' ' | '(' | ')' | ','))
    };
    match cast {
        Some(t) if is_type(t) => lit,
        _ => s,
    }
}

/// Strips parentheses that enclose the whole expression.
fn strip_parens(s: &str) -> &str {
    let mut s = s.trim();
    while s.starts_with('(') && s.ends_with(')') {
        let inner = &s[1..s.len() - 1];
        let mut depth = 0i32;
        let mut balanced = true;
        for ch in inner.chars() {
            match ch {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth < 0 {
                        balanced = false;
                        break;
                    }
                }
                _ => {}
            }
        }
        if !balanced || depth != 0 {
            break;
        }
        s = inner.trim();
    }
    s
}

fn expr(o: &CompareOptions, s: &str) -> String {
    let s = squash(strip_parens(s));
    // The dialect's normaliser first: it knows that `'-1'::integer` is -1.
    let s = match o.normalize_expr {
        Some(f) => squash(strip_parens(&f(&s))),
        None => s,
    };
    strip_literal_cast(&s).to_string()
}

impl Cmp<'_> {
    fn prop(&mut self, object: &str, property: &str, a: String, b: String) {
        if a != b {
            self.out.push(Difference::Changed {
                object: object.to_string(),
                property: property.to_string(),
                a,
                b,
            });
        }
    }

    /// Matches items by key; reports the unmatched, compares the matched.
    fn keyed<T>(
        &mut self,
        what: &str,
        a: &[T],
        b: &[T],
        key: impl Fn(&T) -> String,
        mut each: impl FnMut(&mut Self, &str, &T, &T),
    ) {
        let ma: BTreeMap<String, &T> = a.iter().map(|x| (key(x), x)).collect();
        let mb: BTreeMap<String, &T> = b.iter().map(|x| (key(x), x)).collect();
        for (k, x) in &ma {
            match mb.get(k) {
                Some(y) => each(self, &format!("{what} {k}"), x, y),
                None => self.out.push(Difference::OnlyInA(format!("{what} {k}"))),
            }
        }
        for k in mb.keys().filter(|k| !ma.contains_key(*k)) {
            self.out.push(Difference::OnlyInB(format!("{what} {k}")));
        }
    }

    /// Matches items by their full description (for unnamed comparison).
    fn as_sets(&mut self, object: &str, what: &str, a: Vec<String>, b: Vec<String>) {
        let sa: BTreeSet<String> = a.into_iter().collect();
        let sb: BTreeSet<String> = b.into_iter().collect();
        for x in sa.difference(&sb) {
            self.out.push(Difference::OnlyInA(format!("{object} {what} {x}")));
        }
        for x in sb.difference(&sa) {
            self.out.push(Difference::OnlyInB(format!("{object} {what} {x}")));
        }
    }

    fn table(&mut self, n: &str, a: &Table, b: &Table) {
        let o = self.o;
        if self.o.column_order {
            let ca: Vec<&str> = a.columns.iter().map(|c| c.name.as_str()).collect();
            let cb: Vec<&str> = b.columns.iter().map(|c| c.name.as_str()).collect();
            self.prop(n, "column order", ca.join(", "), cb.join(", "));
        }
        self.keyed(
            &format!("{n} column"),
            &a.columns,
            &b.columns,
            |c| c.name.clone(),
            |c, cn, x, y| c.column(cn, x, y),
        );
        let pk = |t: &Table| {
            t.primary_key.as_ref().map_or("none".to_string(), |p| {
                let name = if o.constraint_names {
                    format!("{} ", p.name)
                } else {
                    String::new()
                };
                format!("{name}({})", p.columns.join(", "))
            })
        };
        self.prop(n, "primary key", pk(a), pk(b));
        let fk = |f: &crate::ForeignKey| {
            format!(
                "({}) -> {}({}) on delete {:?}{} on update {:?}{}{}{}",
                f.columns.join(", "),
                qual(&f.ref_namespace, &f.ref_table),
                f.ref_columns.join(", "),
                f.on_delete,
                f.set_null_columns
                    .as_ref()
                    .map_or(String::new(), |c| format!(" ({})", c.join(", "))),
                f.on_update,
                if f.match_full { " match full" } else { "" },
                if f.deferrable { " deferrable" } else { "" },
                if f.initially_deferred {
                    " initially deferred"
                } else {
                    ""
                },
            )
        };
        let uq = |u: &crate::UniqueConstraint| {
            format!(
                "({}){}",
                u.columns.join(", "),
                if u.nulls_not_distinct {
                    " nulls not distinct"
                } else {
                    ""
                }
            )
        };
        let ck = |c: &crate::CheckConstraint| expr(o, &check_sql(&c.expr));
        let ex = |x: &crate::ExclusionConstraint| {
            let els: Vec<String> = x
                .elements
                .iter()
                .map(|(e, op)| format!("{} WITH {op}", expr(o, e)))
                .collect();
            format!(
                "using {:?} ({}){}",
                x.method,
                els.join(", "),
                x.predicate
                    .as_ref()
                    .map_or(String::new(), |p| format!(" where {}", expr(o, &predicate_sql(p))))
            )
        };
        if self.o.constraint_names {
            self.named(
                n,
                "foreign key",
                &a.foreign_keys,
                &b.foreign_keys,
                |f| f.name.clone(),
                fk,
            );
            self.named(n, "unique", &a.uniques, &b.uniques, |u| u.name.clone(), uq);
            self.named(n, "check", &a.checks, &b.checks, |c| c.name.clone(), ck);
            self.named(n, "exclusion", &a.exclusions, &b.exclusions, |x| x.name.clone(), ex);
        } else {
            self.as_sets(
                n,
                "foreign key",
                a.foreign_keys.iter().map(fk).collect(),
                b.foreign_keys.iter().map(fk).collect(),
            );
            self.as_sets(
                n,
                "unique",
                a.uniques.iter().map(uq).collect(),
                b.uniques.iter().map(uq).collect(),
            );
            self.as_sets(
                n,
                "check",
                a.checks.iter().map(ck).collect(),
                b.checks.iter().map(ck).collect(),
            );
            self.as_sets(
                n,
                "exclusion",
                a.exclusions.iter().map(ex).collect(),
                b.exclusions.iter().map(ex).collect(),
            );
        }
        let ix = |i: &crate::Index| index_sql(o, i);
        if self.o.index_names {
            self.named(n, "index", &a.indexes, &b.indexes, |i| i.name.clone(), ix);
        } else {
            self.as_sets(
                n,
                "index",
                a.indexes.iter().map(ix).collect(),
                b.indexes.iter().map(ix).collect(),
            );
        }
        let rls = |t: &Table| {
            t.row_security.as_ref().map_or("disabled".to_string(), |r| {
                format!("enabled={} forced={}", r.enabled, r.forced)
            })
        };
        self.prop(n, "row level security", rls(a), rls(b));
        let pa = a.row_security.as_ref().map(|r| r.policies.clone()).unwrap_or_default();
        let pb = b.row_security.as_ref().map(|r| r.policies.clone()).unwrap_or_default();
        let pol = |p: &crate::Policy| {
            let mut roles: Vec<String> = p
                .roles
                .iter()
                .filter(|r| !r.eq_ignore_ascii_case("public"))
                .cloned()
                .collect();
            roles.sort();
            format!(
                "{} for {} to [{}] using {} with check {}",
                if p.permissive { "permissive" } else { "restrictive" },
                command(p.command),
                roles.join(", "),
                p.using.as_ref().map_or("-".into(), |e| expr(o, &policy_sql(e))),
                p.with_check.as_ref().map_or("-".into(), |e| expr(o, &policy_sql(e))),
            )
        };
        self.named(n, "policy", &pa, &pb, |p| p.name.clone(), pol);
        let trig = |t: &crate::Trigger| {
            format!(
                "{:?} {:?} execute {}({})",
                t.timing,
                t.events,
                t.routine,
                t.args.join(", ")
            )
        };
        self.named(n, "trigger", &a.triggers, &b.triggers, |t| t.name.clone(), trig);
        let part = |t: &Table| {
            t.partitioning.as_ref().map_or("none".to_string(), |p| {
                let keys: Vec<String> = p.key.iter().map(|k| key_sql(o, k)).collect();
                format!("{:?} ({})", p.method, keys.join(", "))
            })
        };
        self.prop(n, "partitioning", part(a), part(b));
        let of = |t: &Table| {
            t.partition_of.as_ref().map_or("none".to_string(), |p| {
                format!(
                    "{} {}",
                    qual(&p.parent_namespace, &p.parent),
                    lower_outside_quotes(&squash(&p.bound))
                )
            })
        };
        self.prop(n, "partition of", of(a), of(b));
        let options = |t: &Table| {
            let set: BTreeSet<String> = t.options.iter().map(|o| squash(o).to_ascii_uppercase()).collect();
            set.into_iter().collect::<Vec<_>>().join(", ")
        };
        self.prop(n, "options", options(a), options(b));
        self.prop(n, "comment", format!("{:?}", a.comment), format!("{:?}", b.comment));
    }

    /// Named items: matched by name, compared by description.
    fn named<T>(
        &mut self,
        table: &str,
        what: &str,
        a: &[T],
        b: &[T],
        name: impl Fn(&T) -> String,
        describe: impl Fn(&T) -> String,
    ) {
        let da: Vec<(String, String)> = a.iter().map(|x| (name(x), describe(x))).collect();
        let db: Vec<(String, String)> = b.iter().map(|x| (name(x), describe(x))).collect();
        self.keyed(
            &format!("{table} {what}"),
            &da,
            &db,
            |x| x.0.clone(),
            |c, n, x, y| c.prop(n, "definition", x.1.clone(), y.1.clone()),
        );
    }

    fn column(&mut self, n: &str, a: &Column, b: &Column) {
        let o = self.o;
        self.prop(n, "type", type_key(&a.physical), type_key(&b.physical));
        self.prop(n, "nullable", a.nullable.to_string(), b.nullable.to_string());
        let d = |c: &Column| {
            c.default.as_ref().map_or("none".to_string(), |d| {
                let e = expr(o, &default_sql(d));
                if c.physical == PhysicalType::Boolean {
                    boolean_literal(&e).map_or(e, str::to_string)
                } else {
                    e
                }
            })
        };
        self.prop(n, "default", d(a), d(b));
        self.prop(n, "identity", format!("{:?}", a.identity), format!("{:?}", b.identity));
        let g = |c: &Column| {
            c.generated.as_ref().map_or("none".to_string(), |g| {
                format!("{} {}", expr(o, &g.expr), if g.stored { "stored" } else { "virtual" })
            })
        };
        self.prop(n, "generated", g(a), g(b));
        let coll = |c: &Column| {
            c.collation
                .as_deref()
                .map(|s| s.trim_start_matches("pg_catalog.").trim_matches('"').to_string())
                .filter(|s| s != "default")
                .unwrap_or_else(|| "default".into())
        };
        self.prop(n, "collation", coll(a), coll(b));
        self.prop(
            n,
            "autoincrement",
            a.autoincrement.to_string(),
            b.autoincrement.to_string(),
        );
        let on_update = |c: &Column| {
            c.on_update
                .as_ref()
                .map_or("none".to_string(), |d| expr(o, &default_sql(d)))
        };
        self.prop(n, "on update", on_update(a), on_update(b));
        self.prop(n, "comment", format!("{:?}", a.comment), format!("{:?}", b.comment));
    }

    fn sequence(&mut self, n: &str, a: &Sequence, b: &Sequence) {
        self.prop(n, "type", type_key(&a.data_type), type_key(&b.data_type));
        let eff = |s: &Sequence| {
            let inc = s.increment.unwrap_or(1);
            let max_of_type = match s.data_type {
                PhysicalType::SmallInt => i16::MAX as i64,
                PhysicalType::Integer => i32::MAX as i64,
                _ => i64::MAX,
            };
            let min_of_type = match s.data_type {
                PhysicalType::SmallInt => i16::MIN as i64,
                PhysicalType::Integer => i32::MIN as i64,
                _ => i64::MIN,
            };
            let min = s.min_value.unwrap_or(if inc > 0 { 1 } else { min_of_type });
            let max = s.max_value.unwrap_or(if inc > 0 { max_of_type } else { -1 });
            let start = s.start.unwrap_or(if inc > 0 { min } else { max });
            format!(
                "increment {inc} min {min} max {max} start {start} cache {} cycle {}",
                s.cache.unwrap_or(1),
                s.cycle
            )
        };
        self.prop(n, "options", eff(a), eff(b));
        let own = |s: &Sequence| s.owned_by.as_ref().map_or("none".into(), |(t, c)| format!("{t}.{c}"));
        self.prop(n, "owned by", own(a), own(b));
    }
}
