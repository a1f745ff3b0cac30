//! Model → `.plinth` spec: the way back, so a project with an existing
//! schema (a SQL dump, a live database) can adopt plinth.
//!
//! The writer recognises plinth's own conventions (key kind, timestamps,
//! soft delete, audit columns, tenant column, junction tables) where the
//! model shows them, and keeps everything else explicit, with names
//! chosen so that designing the spec again gives the same physical names.
//! What the spec language cannot say (opaque objects, sequences,
//! partitions, foreign policies and triggers, non-`id` keys, ...) is listed
//! in the header comment and in [`SpecFromModel::notes`], never dropped
//! silently. The result is always canonical: it is run through
//! [`crate::format`] before it is returned.

mod entity;
mod fields;
mod names;

use plinth_model::{ColumnRole, DefaultExpr, FkAction, Identity, KeyKind, LogicalType, PhysicalType, Schema, Table};
use std::collections::BTreeMap;

/// A written spec and what it could not express.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecFromModel {
    pub text: String,
    pub notes: Vec<String>,
}

/// What the settings block says, decided from the whole schema.
#[derive(Debug, Clone)]
pub(crate) struct Conv {
    pub ids: KeyKind,
    pub plural: bool,
    pub native_enums: bool,
    pub money: (u32, u32),
    pub timestamps: bool,
    pub soft_delete: bool,
    pub audit: bool,
    /// (tenant column, root table key)
    pub tenant: Option<(String, String)>,
    pub audit_log: Option<String>,
}

/// Per-table conventions found on the table itself.
#[derive(Debug, Clone, Default)]
pub(crate) struct TableConv {
    pub keyed: bool,
    pub timestamps: bool,
    pub soft_delete: bool,
    pub audit: bool,
    pub versioned: bool,
    pub append_only: bool,
    pub tenant: bool,
}

pub(crate) fn key(t: &Table) -> String {
    match &t.namespace {
        Some(n) => format!("{n}.{}", t.name),
        None => t.name.clone(),
    }
}

pub(crate) fn ref_key(ns: &Option<String>, name: &str) -> String {
    match ns {
        Some(n) => format!("{n}.{name}"),
        None => name.to_string(),
    }
}

fn is_now(d: &Option<DefaultExpr>) -> bool {
    match d {
        Some(DefaultExpr::Now) => true,
        Some(DefaultExpr::Sql(s)) => {
            let s = s.to_ascii_lowercase();
            s.starts_with("now()") || s.starts_with("current_timestamp") || s.starts_with("transaction_timestamp()")
        }
        _ => false,
    }
}

fn is_uuidv7(d: &Option<DefaultExpr>) -> bool {
    match d {
        Some(DefaultExpr::Uuidv7) => true,
        Some(DefaultExpr::Sql(s)) => s.contains("uuidv7()"),
        _ => false,
    }
}

/// The key kind of the table's primary key, when it is a single `id`
/// column plinth would generate.
pub(crate) fn id_kind(t: &Table) -> Option<KeyKind> {
    let pk = t.primary_key.as_ref()?;
    if pk.columns != ["id"] {
        return None;
    }
    let c = t.column("id")?;
    match (&c.physical, &c.logical) {
        (_, LogicalType::Key(k)) => Some(*k),
        (PhysicalType::Uuid, _) if is_uuidv7(&c.default) => Some(KeyKind::Uuidv7),
        (PhysicalType::BigInt, _) if c.identity == Some(Identity::Always) => Some(KeyKind::BigintIdentity),
        _ => None,
    }
}

fn ts_col(t: &Table, name: &str, nullable: bool) -> bool {
    t.column(name).is_some_and(|c| {
        c.physical == PhysicalType::Timestamptz && c.nullable == nullable && (nullable || is_now(&c.default))
    })
}

fn is_audit_log(t: &Table) -> bool {
    t.name == "audit_log" && ["action", "table_name", "row_key"].iter().all(|c| t.has_column(c))
}

/// Junction tables plinth would make for `<->`: the primary key is both
/// foreign keys (after the tenant column) and nothing else is stored.
pub(crate) fn junction_sides(t: &Table, tenant: Option<&str>) -> Option<(usize, usize)> {
    let pk = t.primary_key.as_ref()?;
    let cols: Vec<&String> = pk.columns.iter().filter(|c| Some(c.as_str()) != tenant).collect();
    if cols.len() != 2 || t.columns.len() != pk.columns.len() {
        return None;
    }
    if !t.checks.is_empty() || !t.uniques.is_empty() || t.comment.is_some() && !t.traits.junction {
        return None;
    }
    let side = |c: &str| {
        t.foreign_keys.iter().position(|f| {
            let own: Vec<&String> = f.columns.iter().filter(|x| Some(x.as_str()) != tenant).collect();
            let rf: Vec<&String> = f.ref_columns.iter().filter(|x| Some(x.as_str()) != tenant).collect();
            own == [c] && rf == ["id"] && f.on_delete == FkAction::Cascade
        })
    };
    Some((side(cols[0])?, side(cols[1])?))
}

fn conventions(schema: &Schema) -> Conv {
    let mut ids: BTreeMap<&'static str, usize> = BTreeMap::new();
    for t in &schema.tables {
        match id_kind(t) {
            Some(KeyKind::Uuidv7) => *ids.entry("uuidv7").or_default() += 1,
            Some(KeyKind::BigintIdentity) => *ids.entry("bigint").or_default() += 1,
            Some(KeyKind::Cuid2) => *ids.entry("cuid2").or_default() += 1,
            None => {}
        }
    }
    let best = ids.iter().max_by_key(|(_, n)| **n).map(|(k, _)| *k);
    let ids = match best {
        Some("bigint") => KeyKind::BigintIdentity,
        Some("cuid2") => KeyKind::Cuid2,
        _ => KeyKind::Uuidv7,
    };
    let audit_log = schema.tables.iter().find(|t| is_audit_log(t)).map(key);
    // Tenant: the model says so (designs), or a `<x>_id` column referencing
    // x on most tables with row-level security (imports).
    let mut tenant = schema.tables.iter().find_map(|t| {
        let tc = t.tenant_column.clone()?;
        let fk = t.foreign_keys.iter().find(|f| f.columns == [tc.clone()])?;
        Some((tc, ref_key(&fk.ref_namespace, &fk.ref_table)))
    });
    if tenant.is_none() {
        let rls: Vec<&Table> = schema.tables.iter().filter(|t| t.row_security.is_some()).collect();
        let mut votes: BTreeMap<(String, String), usize> = BTreeMap::new();
        for t in &rls {
            for f in &t.foreign_keys {
                if f.columns.len() == 1 && f.ref_columns == ["id"] {
                    let target = plinth_model::naming::singularize(&f.ref_table);
                    if f.columns[0] == format!("{target}_id") {
                        *votes
                            .entry((f.columns[0].clone(), ref_key(&f.ref_namespace, &f.ref_table)))
                            .or_default() += 1;
                    }
                }
            }
        }
        tenant = votes
            .into_iter()
            .filter(|(_, n)| *n * 2 > rls.len().max(1))
            .max_by_key(|(_, n)| *n)
            .map(|(k, _)| k);
    }
    let money = schema
        .tables
        .iter()
        .flat_map(|t| &t.columns)
        .find_map(|c| match (&c.logical, &c.physical) {
            (LogicalType::Money, PhysicalType::Numeric(p, s)) => Some((*p, *s)),
            _ => None,
        })
        .unwrap_or((19, 4));
    let mut conv = Conv {
        ids,
        plural: true,
        native_enums: !schema.enums.is_empty(),
        money,
        timestamps: false,
        soft_delete: false,
        audit: false,
        tenant,
        audit_log,
    };
    let entities: Vec<&Table> = schema
        .tables
        .iter()
        .filter(|t| !is_audit_log(t) && t.partition_of.is_none())
        .collect();
    let (mut plural, mut singular, mut ts, mut sd, mut au) = (0, 0, 0, 0, 0);
    for t in &entities {
        plural += usize::from(names::bare_entity(&t.name, true, t.entity.as_deref()).is_some());
        singular += usize::from(names::bare_entity(&t.name, false, t.entity.as_deref()).is_some());
        let tc = table_conv(&conv, t);
        ts += usize::from(tc.timestamps);
        sd += usize::from(tc.soft_delete);
        au += usize::from(tc.audit);
    }
    let half = |n: usize| n * 2 > entities.len() && n > 0;
    conv.plural = plural >= singular;
    conv.timestamps = half(ts);
    conv.soft_delete = half(sd);
    conv.audit = half(au) && conv.audit_log.is_some();
    conv
}

pub(crate) fn table_conv(conv: &Conv, t: &Table) -> TableConv {
    let has_role = |r: ColumnRole| t.columns.iter().any(|c| c.role == r);
    let append_only = t.traits.append_only;
    let created_at = ts_col(t, "created_at", false);
    let updated_at = ts_col(t, "updated_at", false);
    let actor = |n: &str| t.column(n).is_some_and(|c| c.nullable);
    TableConv {
        keyed: id_kind(t) == Some(conv.ids),
        timestamps: created_at && (updated_at || append_only),
        soft_delete: ts_col(t, "deleted_at", true),
        audit: conv.audit_log.is_some() && actor("created_by") && (append_only || actor("updated_by")),
        versioned: t.traits.versioned || has_role(ColumnRole::Version),
        append_only,
        tenant: conv
            .tenant
            .as_ref()
            .is_some_and(|(c, root)| key(t) != *root && t.has_column(c)),
    }
}

/// Writes a spec for `schema`; never panics, always canonical.
pub fn spec_from_model(schema: &Schema) -> SpecFromModel {
    let conv = conventions(schema);
    let mut w = entity::Writer::new(schema, conv);
    let body = w.write();
    let mut notes = w.notes;
    for o in &schema.opaque {
        notes.push(format!(
            "{} {} is kept outside the spec",
            o.kind,
            ref_key(&o.namespace, &o.name)
        ));
    }
    for s in &schema.sequences {
        if s.owned_by.is_none() {
            notes.push(format!(
                "sequence {} is not expressible",
                ref_key(&s.namespace, &s.name)
            ));
        }
    }
    let mut text = String::from("// Written by `plinth import` from an existing schema.\n");
    if notes.is_empty() {
        text.push_str("// Everything in the schema is expressed below.\n");
    } else {
        text.push_str("// Not expressible in the spec (kept here for review):\n");
        for n in &notes {
            text.push_str(&format!("//   - {}\n", n.replace(['\n', '\r'], " ")));
        }
    }
    text.push('\n');
    text.push_str(&body);
    let (file, diags) = crate::parse(&text);
    if diags.iter().any(crate::Diagnostic::is_error) {
        notes.push("the written spec has syntax errors (a bug in the writer)".into());
        return SpecFromModel { text, notes };
    }
    SpecFromModel {
        text: crate::format(&file),
        notes,
    }
}
