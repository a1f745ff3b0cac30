//! Facts about a schema that every document needs, computed once from the
//! model so DESIGN.md, the ERDs and the HTML report never disagree: the
//! overview counts, the entity catalog, field rows, relationships with
//! cardinality and the reason for each ON DELETE, the index plan with what
//! each index serves, the query patterns with their volumes and serving
//! index, the review checklist and the creation order.
//!
//! Everything here reads the model alone (no spec, no settings, no
//! dialect emitter), so an imported schema gets the same documents; and
//! where the design passes left a decision, the reason is taken from the
//! decision log rather than re-derived.

mod checklist;
mod index_plan;
mod order;
mod relations;
pub mod text;

pub use checklist::{checklist, CheckItem, CheckStatus};
pub use index_plan::{index_plan, leads_with, IndexKind, IndexRow, Serves};
pub use order::{creation_order, table_order, PlanStep, StepKind};
pub use relations::{many_to_many, relationships, Cardinality, ManyToMany, Relationship};

use plinth_model::{Column, ColumnRole, FkAction, ForeignKey, IndexPurpose, LogicalType, PhysicalType, Schema, Table};

/// Counts and settings-derived facts for the overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    /// `PostgreSQL 15`.
    pub target: String,
    pub tables: usize,
    /// Of `tables`, those that only link two others (many-to-many).
    pub junction_tables: usize,
    pub columns: usize,
    /// Indexes created with CREATE INDEX (primary keys and unique
    /// constraints are counted under `constraints`).
    pub indexes: usize,
    /// Primary keys, foreign keys, uniques, checks and exclusions.
    pub constraints: usize,
    pub triggers: usize,
    pub policies: usize,
    pub routines: usize,
    pub enums: usize,
    pub queries: usize,
    pub decisions: usize,
    /// One sentence each: keys, tenancy, timestamps, soft delete, ...
    pub facts: Vec<String>,
}

/// How a table relates to the tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tenancy {
    /// The tenant table itself.
    Root,
    /// Scoped to a tenant by this column.
    Scoped(String),
    /// Shared by all tenants, or the schema has no tenant.
    Global,
}

/// A status-like enumeration: the states a row moves through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lifecycle {
    pub column: String,
    pub states: Vec<String>,
    /// The state a new row starts in (the column default).
    pub initial: Option<String>,
}

/// One row of the entity catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRow {
    pub table: String,
    pub entity: Option<String>,
    /// From the table comment.
    pub purpose: Option<String>,
    pub tenancy: Tenancy,
    /// The table whose deletion takes this row with it (first cascading,
    /// non-tenant foreign key).
    pub owner: Option<String>,
    pub lifecycle: Vec<Lifecycle>,
    /// `versioned`, `soft delete`, `append-only`, `audited`, `timestamps`, `junction`.
    pub traits: Vec<&'static str>,
    pub group: Option<String>,
    /// Expected rows from the declared `volume`.
    pub volume: Option<u64>,
}

/// One column of a field table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRow {
    pub column: String,
    /// `money → numeric(19,4)`; just the stored type when both agree.
    pub ty: String,
    pub logical: String,
    pub physical: String,
    pub nullable: bool,
    pub default: Option<String>,
    /// `PK`, `FK → projects.id`, `UNIQUE (live rows)`, `CHECK (...)`, identity.
    pub constraints: Vec<String>,
    /// What the convention that added the column means, then its comment.
    pub notes: Vec<String>,
    /// The column's own comment.
    pub comment: Option<String>,
    pub role: ColumnRole,
    pub primary_key: bool,
    pub foreign_key: bool,
    pub unique: bool,
    /// Tenant, timestamp, soft-delete, version and actor columns: added by
    /// a convention, drawn de-emphasised in diagrams.
    pub de_emphasised: bool,
}

/// One declared query pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryRow {
    pub name: String,
    pub description: Option<String>,
    pub sql: String,
    pub per_second: Option<f64>,
    /// Tables of the schema the SQL reads, in order of appearance.
    pub tables: Vec<String>,
    /// Declared volume of each of `tables` that has one.
    pub volumes: Vec<(String, u64)>,
    /// A literal LIMIT: the most rows one call returns.
    pub limit: Option<u64>,
    /// (table, index) derived for this query.
    pub indexes: Vec<(String, String)>,
    /// Why no index was derived, from the decision log.
    pub not_indexed: Option<String>,
}

impl QueryRow {
    /// Rows in the table the query starts from: what a scan would read
    /// without the index.
    pub fn table_rows(&self) -> Option<u64> {
        self.tables
            .first()
            .and_then(|t| self.volumes.iter().find(|(v, _)| v == t))
            .map(|(_, n)| *n)
    }
}

/// Counts of every object kind and one sentence per convention in force.
pub fn overview(schema: &Schema) -> Overview {
    let t = &schema.tables;
    let sum = |f: &dyn Fn(&Table) -> usize| t.iter().map(f).sum::<usize>();
    Overview {
        target: text::target(&schema.target),
        tables: t.len(),
        junction_tables: t.iter().filter(|t| is_junction(t)).count(),
        columns: sum(&|t| t.columns.len()),
        indexes: sum(&|t| t.indexes.len()),
        constraints: sum(&|t| {
            usize::from(t.primary_key.is_some())
                + t.foreign_keys.len()
                + t.uniques.len()
                + t.checks.len()
                + t.exclusions.len()
        }),
        triggers: sum(&|t| t.triggers.len()),
        policies: sum(&|t| t.row_security.as_ref().map_or(0, |r| r.policies.len())),
        routines: schema.routines.len(),
        enums: schema.enums.len(),
        queries: schema.intent.queries.len(),
        decisions: schema.decisions.len(),
        facts: facts(schema),
    }
}

fn names<'a>(tables: impl Iterator<Item = &'a Table>) -> (usize, String) {
    let v: Vec<String> = tables.map(|t| format!("`{}`", t.name)).collect();
    (v.len(), v.join(", "))
}

fn facts(schema: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    let total = schema.tables.len();
    // Primary keys by kind: "uuid DEFAULT uuidv7() (7 tables)".
    let mut keys: Vec<(String, usize)> = Vec::new();
    for t in &schema.tables {
        let Some(pk) = &t.primary_key else { continue };
        let kind = match pk.columns.as_slice() {
            [only] => match t.column(only) {
                Some(c) => {
                    let mut k = format!("`{}`", text::physical(&c.physical));
                    if let Some(d) = &c.default {
                        k.push_str(&format!(" default {}", text::default(d)));
                    }
                    if let Some(i) = c.identity {
                        k.push_str(&format!(" {}", text::identity(i)));
                    }
                    k
                }
                None => continue,
            },
            _ => "composite".to_string(),
        };
        match keys.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => keys.push((kind, 1)),
        }
    }
    if !keys.is_empty() {
        let list: Vec<String> = keys
            .iter()
            .map(|(k, n)| format!("{k} ({n} table{})", if *n == 1 { "" } else { "s" }))
            .collect();
        out.push(format!("Primary keys: {}.", list.join("; ")));
    }
    let root = schema.tables.iter().find(|t| t.traits.tenant_root);
    let (scoped, _) = names(schema.tables.iter().filter(|t| t.tenant_column.is_some()));
    let column = schema.tables.iter().find_map(|t| t.tenant_column.clone());
    match (root, column) {
        (Some(r), Some(c)) => out.push(format!(
            "Multi-tenant: `{}` is the tenant; {scoped} of {total} tables carry `{c}`.",
            r.name
        )),
        (None, Some(c)) => out.push(format!("Tenant-scoped: {scoped} of {total} tables carry `{c}`.")),
        _ => out.push("Single-tenant: no table carries a tenant column.".into()),
    }
    let rls = schema
        .tables
        .iter()
        .filter(|t| t.row_security.as_ref().is_some_and(|r| r.enabled))
        .count();
    if rls > 0 {
        out.push(format!("Row-level security on {rls} tables."));
    }
    let with = |f: &dyn Fn(&Table) -> bool| names(schema.tables.iter().filter(|t| f(t)));
    let (n, _) = with(&|t| t.has_column("created_at"));
    if n > 0 {
        out.push(format!(
            "Timestamps (`created_at`, `updated_at`) on {n} of {total} tables."
        ));
    }
    let (n, _) = with(&|t| t.columns.iter().any(|c| c.role == ColumnRole::DeletedAt));
    if n > 0 {
        out.push(format!("Soft delete (`deleted_at`) on {n} tables."));
    }
    let (n, list) = with(&|t| t.traits.versioned);
    if n > 0 {
        out.push(format!("Optimistic locking (`version`) on {list}."));
    }
    let (n, _) = with(&|t| t.traits.audited);
    if n > 0 {
        out.push(format!("Audit trail: changes to {n} tables are logged."));
    }
    let (n, list) = with(&|t| t.traits.append_only);
    if n > 0 {
        out.push(format!("Append-only: {list}."));
    }
    let inline_enums = schema
        .tables
        .iter()
        .flat_map(|t| &t.columns)
        .filter(|c| matches!(c.logical, LogicalType::Enum { .. }) && c.physical == PhysicalType::Text)
        .count();
    if !schema.enums.is_empty() {
        out.push(format!("{} native enum types.", schema.enums.len()));
    } else if inline_enums > 0 {
        out.push(format!("Enumerations are text with a CHECK ({inline_enums} columns)."));
    }
    out
}

/// True for tables that only link two others: made for a `<->` relation,
/// or (imported) a primary key made only of foreign key columns of two
/// references and nothing else.
pub fn is_junction(t: &Table) -> bool {
    if t.traits.junction {
        return true;
    }
    let Some(pk) = &t.primary_key else { return false };
    let links: Vec<&ForeignKey> = t.foreign_keys.iter().filter(|fk| !is_tenant_fk(t, fk)).collect();
    links.len() == 2
        && t.columns
            .iter()
            .all(|c| pk.columns.contains(&c.name) || c.role.is_convention() && c.role != ColumnRole::PrimaryKey)
        && links.iter().all(|fk| fk.columns.iter().all(|c| pk.columns.contains(c)))
}

/// The foreign key of the tenant column alone.
pub fn is_tenant_fk(t: &Table, fk: &ForeignKey) -> bool {
    t.tenant_column.as_ref().is_some_and(|tc| fk.columns == [tc.clone()])
}

/// Convention columns diagrams draw quietly.
pub fn is_de_emphasised(t: &Table, c: &Column) -> bool {
    matches!(
        c.role,
        ColumnRole::Tenant
            | ColumnRole::CreatedAt
            | ColumnRole::UpdatedAt
            | ColumnRole::DeletedAt
            | ColumnRole::Version
            | ColumnRole::CreatedBy
            | ColumnRole::UpdatedBy
    ) || t.tenant_column.as_deref() == Some(c.name.as_str())
}

const STATUS_WORDS: &[&str] = &["status", "state", "stage", "phase", "lifecycle"];

fn lifecycle(schema: &Schema, t: &Table) -> Vec<Lifecycle> {
    let mut out = Vec::new();
    for c in &t.columns {
        let (type_name, values) = match (&c.logical, &c.physical) {
            (LogicalType::Enum { name, values }, _) => (name.clone(), values.clone()),
            (_, PhysicalType::Enum(name)) => match schema.enums.iter().find(|e| &e.name == name) {
                Some(e) => (name.clone(), e.values.clone()),
                None => continue,
            },
            _ => continue,
        };
        let status_like = |s: &str| {
            let s = s.to_lowercase();
            STATUS_WORDS
                .iter()
                .any(|w| s == *w || s.ends_with(&format!("_{w}")) || s.contains(w))
        };
        if !status_like(&c.name) && !status_like(&type_name) {
            continue;
        }
        let initial = match &c.default {
            Some(plinth_model::DefaultExpr::Literal(plinth_model::Literal::Str(s))) => Some(s.clone()),
            _ => None,
        };
        out.push(Lifecycle {
            column: c.name.clone(),
            states: values,
            initial,
        });
    }
    out
}

/// The entity catalog, one row per table in model order.
pub fn entities(schema: &Schema) -> Vec<EntityRow> {
    schema
        .tables
        .iter()
        .map(|t| {
            let tenancy = if t.traits.tenant_root {
                Tenancy::Root
            } else if let Some(c) = &t.tenant_column {
                Tenancy::Scoped(c.clone())
            } else {
                Tenancy::Global
            };
            let owner = t
                .foreign_keys
                .iter()
                .find(|fk| fk.on_delete == FkAction::Cascade && !is_tenant_fk(t, fk) && fk.ref_table != t.name)
                .map(|fk| fk.ref_table.clone());
            let mut traits = Vec::new();
            let flags = [
                (is_junction(t), "junction"),
                (t.traits.versioned, "versioned"),
                (t.traits.append_only, "append-only"),
                (t.traits.soft_delete, "soft delete"),
                (t.traits.audited, "audited"),
                (t.traits.timestamps && t.has_column("created_at"), "timestamps"),
            ];
            for (on, name) in flags {
                if on {
                    traits.push(name);
                }
            }
            EntityRow {
                table: t.name.clone(),
                entity: t.entity.clone(),
                purpose: t.comment.clone(),
                tenancy,
                owner,
                lifecycle: lifecycle(schema, t),
                traits,
                group: t.traits.group.clone(),
                volume: volume(schema, &t.name),
            }
        })
        .collect()
}

/// Declared row count of a table.
pub fn volume(schema: &Schema, table: &str) -> Option<u64> {
    schema.intent.volumes.iter().find(|v| v.table == table).map(|v| v.rows)
}

fn role_note(role: ColumnRole) -> Option<&'static str> {
    Some(match role {
        ColumnRole::Field | ColumnRole::ForeignKey => return None,
        ColumnRole::PrimaryKey => "surrogate key",
        ColumnRole::Tenant => "tenant column: leads keys and indexes, filtered by row-level security",
        ColumnRole::CreatedAt => "set on insert",
        ColumnRole::UpdatedAt => "set on every update by trigger",
        ColumnRole::DeletedAt => "soft delete: NULL for live rows",
        ColumnRole::Version => "optimistic lock: bumped by trigger on every update",
        ColumnRole::CreatedBy => "actor from app.actor_id on insert",
        ColumnRole::UpdatedBy => "actor from app.actor_id on every update",
    })
}

/// A word or two for diagrams: why a convention column exists.
pub fn role_label(role: ColumnRole) -> Option<&'static str> {
    Some(match role {
        ColumnRole::Field | ColumnRole::ForeignKey | ColumnRole::PrimaryKey => return None,
        ColumnRole::Tenant => "tenant",
        ColumnRole::CreatedAt | ColumnRole::UpdatedAt => "timestamp",
        ColumnRole::DeletedAt => "soft delete",
        ColumnRole::Version => "optimistic lock",
        ColumnRole::CreatedBy | ColumnRole::UpdatedBy => "audit actor",
    })
}

/// Unique column sets of a table: primary key, unique constraints and
/// unique indexes (with whether the index is partial).
pub(crate) fn unique_sets(t: &Table) -> Vec<(Vec<String>, bool)> {
    let mut out: Vec<(Vec<String>, bool)> = Vec::new();
    if let Some(pk) = &t.primary_key {
        out.push((pk.columns.clone(), false));
    }
    for u in &t.uniques {
        out.push((u.columns.clone(), false));
    }
    for ix in t.indexes.iter().filter(|i| i.unique) {
        let cols: Vec<String> = ix.leading_columns().iter().map(|c| c.to_string()).collect();
        if cols.len() == ix.elements.len() {
            out.push((cols, ix.predicate.is_some()));
        }
    }
    out
}

/// One row per column of `t`, in column order.
pub fn fields(t: &Table) -> Vec<FieldRow> {
    let pk_cols: &[String] = t.primary_key.as_ref().map_or(&[], |p| &p.columns);
    let uniques = unique_sets(t);
    t.columns
        .iter()
        .map(|c| {
            let mut constraints = Vec::new();
            let primary_key = pk_cols.contains(&c.name);
            if primary_key {
                constraints.push(if pk_cols.len() == 1 {
                    "PK".to_string()
                } else {
                    format!("PK ({})", pk_cols.join(", "))
                });
            }
            let is_tenant = t.tenant_column.as_deref() == Some(c.name.as_str());
            let fks: Vec<&ForeignKey> = t
                .foreign_keys
                .iter()
                .filter(|fk| fk.columns.contains(&c.name) && (!is_tenant || fk.columns.len() == 1))
                .collect();
            for fk in &fks {
                constraints.push(if fk.columns.len() == 1 {
                    format!("FK → {}.{}", fk.ref_table, fk.ref_columns.join(", "))
                } else {
                    format!(
                        "FK ({}) → {} ({})",
                        fk.columns.join(", "),
                        fk.ref_table,
                        fk.ref_columns.join(", ")
                    )
                });
            }
            let single_unique = uniques
                .iter()
                .find(|(cols, _)| cols.as_slice() == std::slice::from_ref(&c.name) && !primary_key);
            if let Some((_, partial)) = single_unique {
                constraints.push(if *partial {
                    "UNIQUE (live rows)".into()
                } else {
                    "UNIQUE".into()
                });
            }
            for ch in t
                .checks
                .iter()
                .filter(|ch| check_column(t, ch) == Some(c.name.as_str()))
            {
                constraints.push(format!("CHECK ({})", text::check(&ch.expr)));
            }
            if let Some(i) = c.identity {
                constraints.push(text::identity(i).to_string());
            }
            // The soft-delete and version conventions write their own column
            // comment; it says what the role note says, better.
            let own_comment = c.comment.is_some() && matches!(c.role, ColumnRole::DeletedAt | ColumnRole::Version);
            let mut notes: Vec<String> = role_note(c.role)
                .filter(|_| !own_comment)
                .map(str::to_string)
                .into_iter()
                .collect();
            if let Some(comment) = &c.comment {
                notes.push(comment.clone());
            }
            FieldRow {
                column: c.name.clone(),
                ty: text::column_type(&c.logical, &c.physical),
                logical: text::logical(&c.logical),
                physical: text::physical(&c.physical),
                nullable: c.nullable,
                default: c.default.as_ref().map(text::default),
                constraints,
                notes,
                comment: c.comment.clone(),
                role: c.role,
                primary_key,
                foreign_key: !fks.is_empty() || t.foreign_keys.iter().any(|fk| fk.columns.contains(&c.name)),
                unique: single_unique.is_some(),
                de_emphasised: is_de_emphasised(t, c),
            }
        })
        .collect()
}

/// The column a check is about: its expression's column, or for verbatim
/// SQL the column in its conventional name `<table>_<column>_check`.
pub fn check_column<'a>(t: &'a Table, ch: &'a plinth_model::CheckConstraint) -> Option<&'a str> {
    if let Some(c) = ch.expr.column() {
        return Some(c);
    }
    let rest = ch.name.strip_prefix(&format!("{}_", t.name))?;
    let col = rest
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .strip_suffix("_check")?;
    t.column(col).map(|c| c.name.as_str())
}

/// Table-level checks: those not about a single column.
pub fn table_checks(t: &Table) -> Vec<(String, String)> {
    t.checks
        .iter()
        .filter(|ch| check_column(t, ch).is_none())
        .map(|ch| (ch.name.clone(), text::check(&ch.expr)))
        .collect()
}

pub(crate) fn decision_why(schema: &Schema, subject: &str, rule: impl Fn(&str) -> bool) -> Option<String> {
    schema
        .decisions
        .iter()
        .find(|d| d.subject == subject && rule(d.rule))
        .map(|d| d.why.clone())
}

/// Every declared query with its tables, volumes and serving index.
pub fn queries(schema: &Schema) -> Vec<QueryRow> {
    schema
        .intent
        .queries
        .iter()
        .map(|q| {
            let tables = plinth_model::query_shape::tables(&q.sql, |n| schema.table(n).is_some());
            let volumes = tables
                .iter()
                .filter_map(|t| volume(schema, t).map(|n| (t.clone(), n)))
                .collect();
            let indexes = schema
                .tables
                .iter()
                .flat_map(|t| t.indexes.iter().map(move |ix| (t, ix)))
                .filter(|(_, ix)| ix.purposes.contains(&IndexPurpose::Query(q.name.clone())))
                .map(|(t, ix)| (t.name.clone(), ix.name.clone()))
                .collect();
            QueryRow {
                name: q.name.clone(),
                description: q.description.clone(),
                sql: q.sql.clone(),
                per_second: q.per_second,
                tables,
                volumes,
                limit: plinth_model::query_shape::limit(&q.sql),
                indexes,
                not_indexed: decision_why(schema, &format!("query {}", q.name), |r| r == "query-not-indexed"),
            }
        })
        .collect()
}
