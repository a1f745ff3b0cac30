//! Relationship resolution: `->` fields become foreign keys (composite with
//! the tenant column between tenant tables, so cross-tenant references are
//! impossible), `<->` fields become junction tables, and every ON DELETE is
//! chosen on purpose and recorded.

use crate::context::{Design, Relation, RelationKind};
use crate::lower::key_kind;
use crate::passes::types::physical_type;
use plinth_model::naming::{singularize, snake_case};
use plinth_model::{
    Column, ColumnRole, FkAction, ForeignKey, Index, IndexPurpose, LogicalType, PrimaryKey, Table, UniqueConstraint,
};

/// `ON DELETE SET NULL (column list)` exists since PostgreSQL 15.
const SET_NULL_COLUMNS_SINCE: u32 = 15;

pub fn run(d: &mut Design) {
    let relations = d.relations.clone();
    for r in relations.iter().filter(|r| r.kind != RelationKind::ManyToMany) {
        foreign_key(d, r);
    }
    for r in relations.iter().filter(|r| r.kind == RelationKind::ManyToMany) {
        junction(d, r);
    }
}

fn tenant_of(d: &Design, table: &str) -> Option<String> {
    d.schema.table(table).and_then(|t| t.tenant_column.clone())
}

fn on_delete(d: &Design, r: &Relation) -> (FkAction, &'static str, String) {
    let source_append_only = d.schema.table(&r.table).is_some_and(|t| t.traits.append_only);
    if let Some(a) = r.on_delete {
        return (a, "on-delete-explicit", "as the spec says".to_string());
    }
    if source_append_only {
        return (
            FkAction::Restrict,
            "on-delete-restrict-append-only",
            format!(
                "`{}` is append-only, its rows are never deleted, so the parent cannot be deleted under them",
                r.table
            ),
        );
    }
    match r.kind {
        RelationKind::Optional => (
            FkAction::SetNull,
            "on-delete-set-null-optional",
            "the link is optional, so deleting the target only clears it".into(),
        ),
        _ if r.owner => (
            FkAction::Cascade,
            "on-delete-cascade-owned",
            format!(
                "`{}` is the owner (first required relation), so its children go with it",
                r.target_table
            ),
        ),
        _ => (
            FkAction::Restrict,
            "on-delete-restrict-reference",
            format!(
                "`{}` is referenced, not owned: deleting it while rows point at it is refused",
                r.target_table
            ),
        ),
    }
}

fn action_sql(a: FkAction) -> &'static str {
    match a {
        FkAction::Cascade => "CASCADE",
        FkAction::Restrict => "RESTRICT",
        FkAction::SetNull => "SET NULL",
        FkAction::SetDefault => "SET DEFAULT",
        FkAction::NoAction => "NO ACTION",
    }
}

/// Makes sure `table` has UNIQUE (tenant, key...) so composite foreign keys
/// can point at it; nothing to do when its primary key already holds the
/// tenant column.
fn ensure_tenant_key(d: &mut Design, table: &str, tenant: &str, key: &[String]) {
    if key.iter().any(|c| c == tenant) {
        return;
    }
    let mut columns = vec![tenant.to_string()];
    columns.extend(key.iter().cloned());
    let parts: Vec<&str> = columns.iter().map(String::as_str).collect();
    let name = d.object_name(table, &parts, "key");
    let Some(t) = d.schema.table_mut(table) else {
        return;
    };
    if t.uniques.iter().any(|u| u.columns == columns) {
        return;
    }
    t.uniques.push(UniqueConstraint {
        name,
        columns: columns.clone(),
        nulls_not_distinct: false,
        origin: None,
    });
    let list = columns.join(", ");
    d.schema.decide(
        table,
        "tenant-composite-key",
        format!("UNIQUE ({list}) lets other tenant tables reference `{table}` with a composite foreign key that includes the tenant."),
    );
}

fn foreign_key(d: &mut Design, r: &Relation) {
    let (action, rule, why) = on_delete(d, r);
    let source_tenant = tenant_of(d, &r.table);
    let target_tenant = tenant_of(d, &r.target_table);
    let version = d.schema.target.version;
    let own: Vec<String> = r
        .columns
        .iter()
        .filter(|c| Some(*c) != source_tenant.as_ref())
        .cloned()
        .collect();
    let own_refs: Vec<&str> = own.iter().map(String::as_str).collect();
    let mut fk = ForeignKey::new(
        d.object_name(&r.table, &own_refs, "fkey"),
        r.columns.clone(),
        r.target_table.clone(),
        r.ref_columns.clone(),
        action,
    );
    fk.origin = r.origin;
    if let Some(a) = r.on_update {
        fk.on_update = a;
    }
    let key_has_tenant = own.len() != r.columns.len();
    if key_has_tenant && action == FkAction::SetNull {
        fk.set_null_columns = Some(own.clone());
    }
    let subject = format!("{}.{}", r.table, r.column);
    if let (Some(st), Some(tt), false) = (&source_tenant, &target_tenant, key_has_tenant) {
        if st == tt {
            let composite_ok = action != FkAction::SetNull || version >= SET_NULL_COLUMNS_SINCE;
            if composite_ok {
                ensure_tenant_key(d, &r.target_table, tt, &r.ref_columns);
                fk.columns = std::iter::once(st.clone()).chain(r.columns.iter().cloned()).collect();
                fk.ref_columns = std::iter::once(tt.clone())
                    .chain(r.ref_columns.iter().cloned())
                    .collect();
                if action == FkAction::SetNull {
                    fk.set_null_columns = Some(r.columns.clone());
                }
                d.schema.decide(
                    subject.clone(),
                    "tenant-composite-fk",
                    format!(
                        "The foreign key is ({st}, {}) so a row can only point at a row of its own tenant.",
                        r.columns.join(", ")
                    ),
                );
            } else {
                d.schema.decide(subject.clone(), "tenant-fk-set-null-fallback", format!("PostgreSQL {version} cannot SET NULL only part of a composite key, so this optional link references its key alone; row-level security still keeps tenants apart."));
            }
        }
    }
    if r.ref_columns.iter().any(|c| c != "id") {
        d.schema.decide(
            subject.clone(),
            "natural-key-fk",
            format!(
                "`{}` has a declared key, so the foreign key is ({}) referencing ({}).",
                r.target_table,
                fk.columns.join(", "),
                fk.ref_columns.join(", ")
            ),
        );
    }
    d.schema
        .decide(subject, rule, format!("ON DELETE {}: {why}.", action_sql(action)));
    if let Some(t) = d.schema.table_mut(&r.table) {
        t.foreign_keys.push(fk);
    }
}

fn junction(d: &mut Design, r: &Relation) {
    let kind = key_kind(&d.settings);
    let physical = physical_type(d, &LogicalType::Key(kind));
    let owner_single = singularize(&snake_case(&r.table));
    let name = match &r.junction {
        Some(mapped) => d.ident(mapped),
        None => d.ident(&format!("{owner_single}_{}", snake_case(&r.column))),
    };
    let left = d.ident(&format!("{owner_single}_id"));
    let mut right = d.ident(&format!("{}_id", singularize(&snake_case(&r.column))));
    if right == left {
        right = d.ident(&format!("related_{right}"));
    }
    let tenant = tenant_of(d, &r.table).or_else(|| tenant_of(d, &r.target_table));
    let (owner_audited, group) = d
        .schema
        .table(&r.table)
        .map(|t| (t.traits.audited, t.traits.group.clone()))
        .unwrap_or((false, None));

    let mut t = Table::new(name.clone());
    t.traits.junction = true;
    t.traits.audited = owner_audited;
    t.traits.global = tenant.is_none();
    t.traits.group = group;
    t.origin = r.origin;
    t.comment = r
        .comment
        .clone()
        .or_else(|| Some(format!("Links {} to {} ({}).", r.table, r.target_table, r.field)));
    let key_col = |n: &str, role| {
        let mut c = Column::new(n, LogicalType::Key(kind), physical.clone());
        c.role = role;
        c
    };
    let mut pk = vec![left.clone(), right.clone()];
    if let Some(tc) = &tenant {
        t.columns.push(key_col(tc, ColumnRole::Tenant));
        t.tenant_column = Some(tc.clone());
        pk.insert(0, tc.clone());
    }
    t.columns.push(key_col(&left, ColumnRole::ForeignKey));
    t.columns.push(key_col(&right, ColumnRole::ForeignKey));
    t.primary_key = Some(PrimaryKey {
        name: d.object_name(&name, &[], "pkey"),
        columns: pk,
    });
    d.schema.tables.push(t);

    // Foreign keys: the tenant (if any), then both sides, cascading: a link
    // row means nothing once either end is gone.
    if let (Some(tc), Some(root)) = (&tenant, d.tenant_table.clone()) {
        let fk = ForeignKey::new(
            d.object_name(&name, &[tc], "fkey"),
            vec![tc.clone()],
            root,
            vec!["id".into()],
            FkAction::Cascade,
        );
        d.schema.table_mut(&name).unwrap().foreign_keys.push(fk);
    }
    for (col, target) in [(&left, &r.table), (&right, &r.target_table)] {
        let target_tenant = tenant_of(d, target);
        let (columns, ref_columns) = match (&tenant, &target_tenant) {
            (Some(tc), Some(tt)) if tc == tt => {
                ensure_tenant_key(d, target, tt, &["id".to_string()]);
                (vec![tc.clone(), col.clone()], vec![tt.clone(), "id".into()])
            }
            _ => (vec![col.clone()], vec!["id".into()]),
        };
        let mut fk = ForeignKey::new(
            d.object_name(&name, &[col], "fkey"),
            columns,
            target.clone(),
            ref_columns,
            FkAction::Cascade,
        );
        fk.origin = r.origin;
        d.schema.table_mut(&name).unwrap().foreign_keys.push(fk);
    }
    // The primary key serves lookups from the owner side; the reverse
    // direction needs its own index.
    let mut reverse: Vec<&str> = Vec::new();
    let target_tenant = tenant_of(d, &r.target_table);
    if let (Some(tc), Some(_)) = (&tenant, &target_tenant) {
        reverse.push(tc);
    }
    reverse.push(&right);
    reverse.push(&left);
    let idx_name = d.object_name(&name, &reverse, "idx");
    let idx = Index::btree(idx_name, &reverse, IndexPurpose::JunctionReverse);
    d.schema.table_mut(&name).unwrap().indexes.push(idx);
    d.schema.decide(
        name.clone(),
        "junction-table",
        format!("`{}.{}` is many-to-many, so `{name}` links the two with a composite primary key ({}) and an index for the reverse direction; both foreign keys cascade because a link means nothing once either end is gone.", r.table, r.field, d.schema.table(&name).unwrap().primary_key.as_ref().unwrap().columns.join(", ")),
    );
}
