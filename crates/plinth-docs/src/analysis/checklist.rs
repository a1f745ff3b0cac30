//! The review checklist: what a principal architect checks before signing
//! off a schema, computed from the model so a bad schema (imported, or
//! hand-edited) fails the items it breaks instead of being described as
//! sound. Each item reports the offending objects.

use super::{leads_with, text};
use plinth_model::{IndexMethod, LogicalType, Predicate, RoutineKind, Schema, Table};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckStatus {
    Pass,
    Fail,
    /// Nothing in the schema the item applies to.
    NotApplicable,
}

impl CheckStatus {
    pub fn label(self) -> &'static str {
        match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Fail => "FAIL",
            CheckStatus::NotApplicable => "n/a",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckItem {
    /// Stable id, e.g. `fk-indexed`.
    pub id: &'static str,
    pub title: &'static str,
    pub status: CheckStatus,
    /// One sentence: what was checked, or why it does not apply.
    pub summary: String,
    /// The offending objects, one per entry (empty unless failed).
    pub failures: Vec<String>,
}

fn item(id: &'static str, title: &'static str, checked: usize, what: &str, failures: Vec<String>) -> CheckItem {
    let (status, summary) = if checked == 0 {
        (CheckStatus::NotApplicable, format!("No {what} to check."))
    } else if failures.is_empty() {
        (CheckStatus::Pass, format!("{checked} {what} checked."))
    } else {
        (
            CheckStatus::Fail,
            format!("{} of {checked} {what} fail.", failures.len()),
        )
    };
    CheckItem {
        id,
        title,
        status,
        summary,
        failures,
    }
}

/// Every item, in a fixed order.
pub fn checklist(schema: &Schema) -> Vec<CheckItem> {
    vec![
        primary_keys(schema),
        timestamps(schema),
        fk_indexed(schema),
        fk_targets_key(schema),
        no_float_money(schema),
        jsonb_only(schema),
        timestamptz_only(schema),
        rls(schema),
        tenant_leads_uniques(schema),
        soft_delete_uniques(schema),
        identifier_length(schema),
        no_prefix_redundant(schema),
        triggers_for_traits(schema),
    ]
}

fn primary_keys(schema: &Schema) -> CheckItem {
    let failures = schema
        .tables
        .iter()
        .filter(|t| t.primary_key.as_ref().is_none_or(|p| p.columns.is_empty()))
        .map(|t| format!("`{}` has no primary key", t.name))
        .collect();
    item(
        "primary-key",
        "Every table has a primary key",
        schema.tables.len(),
        "tables",
        failures,
    )
}

fn has_touch(schema: &Schema, t: &Table) -> bool {
    t.triggers.iter().any(|tr| {
        schema
            .routines
            .iter()
            .any(|r| r.name == tr.routine && matches!(r.kind, RoutineKind::Touch { updated_at: true, .. }))
    })
}

fn timestamps(schema: &Schema) -> CheckItem {
    let asked: Vec<&Table> = schema
        .tables
        .iter()
        .filter(|t| t.traits.timestamps && !t.traits.junction)
        .collect();
    let mut failures = Vec::new();
    let is_ts = |t: &Table, name: &str| {
        t.column(name)
            .is_some_and(|c| !c.nullable && text::physical(&c.physical) == "timestamptz")
    };
    for t in &asked {
        if !is_ts(t, "created_at") {
            failures.push(format!("`{}` lacks created_at timestamptz NOT NULL", t.name));
        }
        if t.traits.append_only {
            continue;
        }
        if !is_ts(t, "updated_at") {
            failures.push(format!("`{}` lacks updated_at timestamptz NOT NULL", t.name));
        } else if !has_touch(schema, t) {
            failures.push(format!("`{}` has no trigger keeping updated_at current", t.name));
        }
    }
    item(
        "timestamps",
        "Timestamps where the settings ask (created_at, updated_at kept by trigger)",
        asked.len(),
        "tables asking for timestamps",
        failures,
    )
}

/// The index or constraint that lets a parent delete find the children.
fn fk_is_indexed(t: &Table, columns: &[String]) -> bool {
    let by_constraint = t
        .primary_key
        .iter()
        .map(|p| &p.columns)
        .chain(t.uniques.iter().map(|u| &u.columns))
        .any(|cols| leads_with(&cols.iter().map(String::as_str).collect::<Vec<_>>(), columns));
    by_constraint
        || t.indexes.iter().any(|i| {
            i.predicate.is_none() && i.method == IndexMethod::BTree && leads_with(&i.leading_columns(), columns)
        })
}

fn fk_indexed(schema: &Schema) -> CheckItem {
    let mut checked = 0;
    let mut failures = Vec::new();
    for t in &schema.tables {
        for fk in &t.foreign_keys {
            checked += 1;
            if !fk_is_indexed(t, &fk.columns) {
                failures.push(format!(
                    "`{}` ({}) → {}: no full B-tree index or key leads with these columns",
                    fk.name,
                    fk.columns.join(", "),
                    fk.ref_table
                ));
            }
        }
    }
    item(
        "fk-indexed",
        "Every foreign key leads an index",
        checked,
        "foreign keys",
        failures,
    )
}

fn fk_targets_key(schema: &Schema) -> CheckItem {
    let mut checked = 0;
    let mut failures = Vec::new();
    let same_set = |a: &[String], b: &[String]| a.len() == b.len() && a.iter().all(|c| b.contains(c));
    for t in &schema.tables {
        for fk in &t.foreign_keys {
            checked += 1;
            let ok = schema.table(&fk.ref_table).is_some_and(|r| {
                r.primary_key.iter().any(|p| same_set(&p.columns, &fk.ref_columns))
                    || r.uniques.iter().any(|u| same_set(&u.columns, &fk.ref_columns))
                    || r.indexes.iter().any(|i| {
                        i.unique
                            && i.predicate.is_none()
                            && i.leading_columns().len() == i.elements.len()
                            && same_set(
                                &i.leading_columns().iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                                &fk.ref_columns,
                            )
                    })
            });
            if !ok {
                failures.push(format!(
                    "`{}` → {} ({}) is not a primary key or unique key of an existing table",
                    fk.name,
                    fk.ref_table,
                    fk.ref_columns.join(", ")
                ));
            }
        }
    }
    item(
        "fk-targets-key",
        "Every foreign key references a primary or unique key",
        checked,
        "foreign keys",
        failures,
    )
}

const MONEY_WORDS: &[&str] = &[
    "price", "amount", "cost", "total", "fee", "balance", "salary", "tax", "money", "revenue", "subtotal",
];

fn is_float(physical: &str) -> bool {
    let p = physical.to_lowercase();
    ["double precision", "real", "float", "float4", "float8", "double"].contains(&p.as_str()) || p.starts_with("float(")
}

fn no_float_money(schema: &Schema) -> CheckItem {
    let mut checked = 0;
    let mut failures = Vec::new();
    for t in &schema.tables {
        for c in &t.columns {
            let name = c.name.to_lowercase();
            let money_named = MONEY_WORDS
                .iter()
                .any(|w| name == *w || name.ends_with(&format!("_{w}")) || name.starts_with(&format!("{w}_")));
            let is_money = matches!(c.logical, LogicalType::Money | LogicalType::Decimal(..)) || money_named;
            if !is_money {
                continue;
            }
            checked += 1;
            let physical = text::physical(&c.physical);
            if is_float(&physical) || physical.eq_ignore_ascii_case("money") {
                failures.push(format!("`{}.{}` is {physical}", t.name, c.name));
            }
        }
    }
    item(
        "no-float-money",
        "No floating-point money (exact numeric only)",
        checked,
        "money-like columns",
        failures,
    )
}

fn columns_where<'a>(schema: &'a Schema, bad: impl Fn(&LogicalType, &str) -> bool + 'a) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut failures = Vec::new();
    for t in &schema.tables {
        for c in &t.columns {
            checked += 1;
            let physical = text::physical(&c.physical);
            if bad(&c.logical, &physical.to_lowercase()) {
                failures.push(format!("`{}.{}` is {physical}", t.name, c.name));
            }
        }
    }
    (checked, failures)
}

fn jsonb_only(schema: &Schema) -> CheckItem {
    let (checked, failures) = columns_where(schema, |l, p| p == "json" || (*l == LogicalType::Json && p != "jsonb"));
    item(
        "jsonb-only",
        "JSON is stored as jsonb, never json",
        checked,
        "columns",
        failures,
    )
}

fn timestamptz_only(schema: &Schema) -> CheckItem {
    let (checked, failures) = columns_where(schema, |l, p| {
        let naive = (p.starts_with("timestamp") && !p.contains("with time zone") && !p.starts_with("timestamptz"))
            || p.contains("without time zone") && p.starts_with("timestamp");
        naive || (*l == LogicalType::Timestamp && !p.starts_with("timestamptz") && !p.contains("with time zone"))
    });
    item(
        "timestamptz-only",
        "No timestamp without time zone",
        checked,
        "columns",
        failures,
    )
}

fn tenant_tables(schema: &Schema) -> impl Iterator<Item = &Table> {
    schema
        .tables
        .iter()
        .filter(|t| t.tenant_column.is_some() || t.traits.tenant_root)
}

fn rls(schema: &Schema) -> CheckItem {
    let mut failures = Vec::new();
    for t in tenant_tables(schema) {
        match &t.row_security {
            None => failures.push(format!("`{}` has no row-level security", t.name)),
            Some(r) if !r.enabled => failures.push(format!("`{}`: row-level security is not enabled", t.name)),
            Some(r) if !r.forced => failures.push(format!(
                "`{}`: row-level security is not forced (the owner bypasses it)",
                t.name
            )),
            Some(r) if r.policies.is_empty() => failures.push(format!("`{}`: no policy", t.name)),
            Some(_) => {}
        }
    }
    item(
        "rls-tenant-tables",
        "Row-level security enabled and forced on every tenant table",
        tenant_tables(schema).count(),
        "tenant tables",
        failures,
    )
}

/// (name, columns) of every unique constraint and plain-column unique index.
fn uniques_of(t: &Table) -> Vec<(String, Vec<String>, Option<&Predicate>)> {
    let mut out: Vec<(String, Vec<String>, Option<&Predicate>)> = t
        .uniques
        .iter()
        .map(|u| (u.name.clone(), u.columns.clone(), None))
        .collect();
    for ix in t.indexes.iter().filter(|i| i.unique) {
        let cols = ix.leading_columns().iter().map(|c| c.to_string()).collect();
        out.push((ix.name.clone(), cols, ix.predicate.as_ref()));
    }
    out
}

fn tenant_leads_uniques(schema: &Schema) -> CheckItem {
    let mut checked = 0;
    let mut failures = Vec::new();
    for t in &schema.tables {
        let Some(tc) = &t.tenant_column else { continue };
        for (name, cols, _) in uniques_of(t) {
            checked += 1;
            if cols.first() != Some(tc) {
                failures.push(format!(
                    "`{name}` on `{}` ({}) does not start with `{tc}`",
                    t.name,
                    cols.join(", ")
                ));
            }
        }
    }
    item(
        "tenant-leads-uniques",
        "The tenant column leads every unique key of a tenant table",
        checked,
        "uniques on tenant tables",
        failures,
    )
}

fn soft_delete_uniques(schema: &Schema) -> CheckItem {
    let mut checked = 0;
    let mut failures = Vec::new();
    for t in schema.tables.iter().filter(|t| t.has_column("deleted_at")) {
        let pk: &[String] = t.primary_key.as_ref().map_or(&[], |p| &p.columns);
        for (name, cols, predicate) in uniques_of(t) {
            // A unique that contains the whole primary key is unique anyway
            // (it exists for composite foreign keys).
            if !pk.is_empty() && pk.iter().all(|c| cols.contains(c)) {
                continue;
            }
            checked += 1;
            let live = matches!(predicate, Some(Predicate::IsNull(c)) if c == "deleted_at")
                || matches!(predicate, Some(Predicate::Sql(s)) if s.replace(' ', "").contains("deleted_atISNULL"));
            if !live {
                failures.push(format!(
                    "`{name}` on `{}` also counts soft-deleted rows (not partial on deleted_at IS NULL)",
                    t.name
                ));
            }
        }
    }
    item(
        "soft-delete-uniques",
        "Uniques on soft-deleted tables apply to live rows only",
        checked,
        "uniques on soft-deleted tables",
        failures,
    )
}

fn identifier_length(schema: &Schema) -> CheckItem {
    let max = text::max_identifier_bytes(&schema.target);
    let mut names: Vec<(&str, &str)> = Vec::new();
    for e in &schema.enums {
        names.push(("type", &e.name));
    }
    for r in &schema.routines {
        names.push(("function", &r.name));
    }
    for t in &schema.tables {
        names.push(("table", &t.name));
        names.extend(t.columns.iter().map(|c| ("column", c.name.as_str())));
        names.extend(t.object_names().map(|n| ("constraint or index", n)));
        names.extend(t.triggers.iter().map(|tr| ("trigger", tr.name.as_str())));
        if let Some(r) = &t.row_security {
            names.extend(r.policies.iter().map(|p| ("policy", p.name.as_str())));
        }
    }
    let failures = names
        .iter()
        .filter(|(_, n)| n.len() > max)
        .map(|(kind, n)| format!("{kind} `{n}` is {} bytes", n.len()))
        .collect();
    item(
        "identifier-length",
        "Identifiers fit the target's limit (63 bytes on PostgreSQL)",
        names.len(),
        "identifiers",
        failures,
    )
}

fn no_prefix_redundant(schema: &Schema) -> CheckItem {
    let mut checked = 0;
    let mut failures = Vec::new();
    for t in &schema.tables {
        for (i, a) in t.indexes.iter().enumerate() {
            let plain = !a.unique && a.method == IndexMethod::BTree && a.include.is_empty();
            if !plain {
                continue;
            }
            checked += 1;
            let by_index = t.indexes.iter().enumerate().find(|(j, b)| {
                *j != i
                    && b.method == IndexMethod::BTree
                    && b.predicate == a.predicate
                    && b.elements.len() >= a.elements.len()
                    && b.elements[..a.elements.len()] == a.elements[..]
                    && (b.elements.len() > a.elements.len() || *j < i)
            });
            let lead = a.leading_columns();
            let key_shaped =
                a.predicate.is_none() && a.elements.iter().all(|e| !e.descending) && lead.len() == a.elements.len();
            let by_key = t
                .primary_key
                .iter()
                .map(|p| (&p.name, &p.columns))
                .chain(t.uniques.iter().map(|u| (&u.name, &u.columns)))
                .find(|(_, cols)| cols.len() >= lead.len() && cols[..lead.len()].iter().zip(&lead).all(|(x, y)| x == y))
                .filter(|_| key_shaped);
            if let Some((_, b)) = by_index {
                failures.push(format!("`{}` is a prefix of `{}` on `{}`", a.name, b.name, t.name));
            } else if let Some((name, _)) = by_key {
                failures.push(format!("`{}` is a prefix of key `{name}` on `{}`", a.name, t.name));
            }
        }
    }
    item(
        "no-prefix-redundant-index",
        "No index is a prefix of another index or key",
        checked,
        "plain indexes",
        failures,
    )
}

/// Traits that promise a trigger: versioned, audited, append-only.
fn triggers_for_traits(schema: &Schema) -> CheckItem {
    let routine_kind = |t: &Table, want: &dyn Fn(&RoutineKind) -> bool| {
        t.triggers
            .iter()
            .any(|tr| schema.routines.iter().any(|r| r.name == tr.routine && want(&r.kind)))
    };
    let mut checked = 0;
    let mut failures = Vec::new();
    for t in &schema.tables {
        if t.traits.versioned {
            checked += 1;
            if !t.has_column("version") || !routine_kind(t, &|k| *k == RoutineKind::BumpVersion) {
                failures.push(format!(
                    "`{}` is versioned but lacks a version column bumped by trigger",
                    t.name
                ));
            }
        }
        if t.traits.audited {
            checked += 1;
            if !routine_kind(t, &|k| matches!(k, RoutineKind::AuditRow { .. })) {
                failures.push(format!("`{}` is audited but has no audit trigger", t.name));
            }
        }
        if t.traits.append_only {
            checked += 1;
            if !routine_kind(t, &|k| *k == RoutineKind::RejectChange) {
                failures.push(format!("`{}` is append-only but accepts UPDATE and DELETE", t.name));
            }
        }
    }
    item(
        "trait-triggers",
        "Versioned, audited and append-only tables have their triggers",
        checked,
        "table traits",
        failures,
    )
}
