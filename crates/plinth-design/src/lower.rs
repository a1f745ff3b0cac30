//! Lowering: spec entities become tables with their written fields.
//! Conventions (keys, tenancy, timestamps, ...) are added by the passes.

use crate::context::{Design, FieldSet, NaturalKey, Relation, RelationKind};
use crate::passes::{naming, types};
use plinth_model::{
    Column, ColumnRole, DefaultExpr, DialectKind, EnumType, FkAction, Intent, KeyKind, Literal, LogicalType,
    QueryPattern, Schema, SourceRef, Table, Target, Volume,
};
use plinth_spec::ast::{AttrArg, Attribute, DefaultKind, Entity, Field, FieldKind, Item, Member, SpecFile, TypeKind};
use plinth_spec::{ColumnRef, IdStrategy, Settings, ValidSpec};

/// PostgreSQL's NAMEDATALEN - 1.
const POSTGRES_MAX_IDENTIFIER: usize = 63;

pub(crate) fn src(span: plinth_spec::ast::Span) -> Option<SourceRef> {
    Some(SourceRef {
        start: span.start,
        end: span.end,
    })
}

pub(crate) fn attr<'a>(attrs: &'a [Attribute], name: &str) -> Option<&'a Attribute> {
    attrs.iter().find(|a| a.name.text == name)
}

/// The first argument as text (string, identifier, raw SQL or number).
pub(crate) fn arg_text(a: &Attribute) -> Option<String> {
    a.args.first().map(|arg| match arg {
        AttrArg::Ident(i) => i.text.clone(),
        AttrArg::Str(s, _) | AttrArg::Raw(s, _) => s.clone(),
        AttrArg::Int(i, _) => i.to_string(),
        AttrArg::Bool(b, _) => b.to_string(),
    })
}

/// `@soft_delete(false)` style switches: absent → None.
pub(crate) fn attr_bool(attrs: &[Attribute], name: &str) -> Option<bool> {
    attr(attrs, name).map(|a| match a.args.first() {
        Some(AttrArg::Bool(b, _)) => *b,
        Some(AttrArg::Ident(i)) => i.text != "false",
        _ => true,
    })
}

pub(crate) fn key_kind(settings: &Settings) -> KeyKind {
    match settings.ids {
        IdStrategy::Uuidv7 => KeyKind::Uuidv7,
        IdStrategy::Cuid2 => KeyKind::Cuid2,
        IdStrategy::BigintIdentity => KeyKind::BigintIdentity,
    }
}

pub(crate) fn entities(file: &SpecFile) -> impl Iterator<Item = &Entity> {
    file.items.iter().filter_map(|i| match i {
        Item::Entity(e) => Some(e),
        _ => None,
    })
}

pub fn lower(spec: &ValidSpec) -> Design {
    let settings = spec.settings.clone();
    let target = Target {
        dialect: DialectKind::Postgres,
        version: settings.dialect.version,
    };
    let mut d = Design {
        schema: Schema::new(target),
        settings: settings.clone(),
        tenant_table: None,
        tenant_column: None,
        relations: Vec::new(),
        unique_sets: Vec::new(),
        index_sets: Vec::new(),
        max_identifier: POSTGRES_MAX_IDENTIFIER,
        natural_keys: Vec::new(),
    };
    let file = &spec.file;

    // Table names first: relations refer to tables by entity name.
    let table_names: Vec<(String, String)> = entities(file)
        .map(|e| (e.name.text.clone(), naming::table_name(&d, e)))
        .collect();
    let table_of = |entity: &str| -> String {
        table_names
            .iter()
            .find(|(e, _)| e == entity)
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| entity.to_string())
    };
    if let Some(tenant) = &settings.tenant {
        let tenant_entity = entities(file).find(|e| &e.name.text == tenant);
        d.tenant_table = Some(table_of(tenant));
        let base = tenant_entity
            .map(|e| plinth_model::naming::snake_case(&e.name.text))
            .unwrap_or_else(|| plinth_model::naming::snake_case(tenant));
        d.tenant_column = Some(format!("{base}_id"));
    }

    lower_named_enums(&mut d, file);
    for entity in entities(file) {
        let table = lower_entity(&mut d, spec, entity, &table_of);
        if entity.has_natural_key() {
            let columns = key_columns(&d, spec, entity, &table_of, 0)
                .into_iter()
                .map(|(c, _)| c)
                .collect();
            let origin = entity
                .block_id()
                .map(|a| a.span)
                .or_else(|| entity.fields().find_map(|f| f.attr("id").map(|_| f.span)));
            d.natural_keys.push(NaturalKey {
                table: table.name.clone(),
                columns,
                origin: origin.and_then(src),
            });
        }
        d.schema.tables.push(table);
    }
    lower_intent(&mut d, file, &table_of);
    d
}

fn lower_named_enums(d: &mut Design, file: &SpecFile) {
    for item in &file.items {
        if let Item::Enum(e) = item {
            d.schema.enums.push(EnumType {
                namespace: None,
                name: naming::enum_decl_name(e),
                values: e.variants.iter().map(|v| v.text.clone()).collect(),
                origin: src(e.span),
            });
        }
    }
}

fn lower_entity(d: &mut Design, spec: &ValidSpec, entity: &Entity, table_of: &dyn Fn(&str) -> String) -> Table {
    let file = &spec.file;
    let s = &d.settings;
    let mut t = Table::new(table_of(&entity.name.text));
    t.entity = Some(entity.name.text.clone());
    t.origin = src(entity.span);
    t.comment = attr(&entity.attrs, "comment").and_then(arg_text);
    t.renamed_from = attr(&entity.attrs, "renamed_from")
        .and_then(arg_text)
        .map(|old| naming::old_table_name(d, &old));
    let is_tenant_root = s.tenant.as_deref() == Some(entity.name.text.as_str());
    t.traits.tenant_root = is_tenant_root;
    t.traits.global = attr(&entity.attrs, "global").is_some() || is_tenant_root || s.tenant.is_none();
    t.traits.append_only = attr(&entity.attrs, "append_only").is_some();
    t.traits.versioned = attr(&entity.attrs, "versioned").is_some();
    t.traits.timestamps = attr_bool(&entity.attrs, "timestamps").unwrap_or(s.timestamps);
    t.traits.soft_delete = !t.traits.append_only && attr_bool(&entity.attrs, "soft_delete").unwrap_or(s.soft_delete);
    t.traits.audited = attr_bool(&entity.attrs, "audit").unwrap_or(s.audit);
    t.traits.group = attr(&entity.attrs, "group").and_then(arg_text);
    let mut owner_taken = false;

    for member in &entity.members {
        match member {
            Member::Field(f) => match &f.kind {
                FieldKind::Scalar { ty, nullable, default } => {
                    let column_name = naming::column_name(f);
                    let logical = logical_type(file, &t.name, &column_name, &ty.kind);
                    let physical = types::physical_type(d, &logical);
                    let mut c = Column::new(column_name.clone(), logical, physical);
                    c.nullable = *nullable;
                    c.origin = src(f.span);
                    c.comment = attr(&f.attrs, "comment").and_then(arg_text);
                    c.renamed_from = attr(&f.attrs, "renamed_from")
                        .and_then(arg_text)
                        .map(|old| naming::old_column_name(&old, false));
                    c.default = default.as_ref().map(|dv| default_expr(&dv.kind)).or_else(|| {
                        attr(&f.attrs, "default").and_then(|a| match a.args.first() {
                            Some(AttrArg::Str(s, _)) => Some(DefaultExpr::Literal(Literal::Str(s.clone()))),
                            Some(AttrArg::Int(i, _)) => Some(DefaultExpr::Literal(Literal::Number(i.to_string()))),
                            Some(AttrArg::Bool(b, _)) => Some(DefaultExpr::Literal(Literal::Bool(*b))),
                            Some(AttrArg::Raw(s, _)) => Some(DefaultExpr::Sql(s.clone())),
                            Some(AttrArg::Ident(i)) => Some(DefaultExpr::Sql(i.text.clone())),
                            None => None,
                        })
                    });
                    if let Some(a) = attr(&f.attrs, "check").and_then(arg_text) {
                        t.checks.push(plinth_model::CheckConstraint {
                            name: String::new(),
                            expr: plinth_model::CheckExpr::Sql(a),
                            origin: src(f.span),
                        });
                        let last = t.checks.len() - 1;
                        t.checks[last].name = d.object_name(&t.name, &[&column_name], "check");
                    }
                    if attr(&f.attrs, "unique").is_some() {
                        d.unique_sets.push(FieldSet {
                            table: t.name.clone(),
                            columns: vec![column_name.clone()],
                            origin: src(f.span),
                        });
                    }
                    if attr(&f.attrs, "index").is_some() {
                        d.index_sets.push(FieldSet {
                            table: t.name.clone(),
                            columns: vec![column_name.clone()],
                            origin: src(f.span),
                        });
                    }
                    t.columns.push(c);
                }
                FieldKind::Relation { target, nullable } => {
                    let fks = relation_columns(d, spec, entity, f, &target.text, table_of, 0);
                    let own: Vec<String> = fks.iter().filter(|c| !c.tenant).map(|c| c.column.clone()).collect();
                    for fk in fks.iter().filter(|c| !c.tenant) {
                        let physical = types::physical_type(d, &fk.logical);
                        let mut c = Column::new(fk.column.clone(), fk.logical.clone(), physical);
                        c.nullable = *nullable;
                        c.role = ColumnRole::ForeignKey;
                        c.origin = src(f.span);
                        c.comment = attr(&f.attrs, "comment").and_then(arg_text);
                        if own.len() == 1 {
                            c.renamed_from = attr(&f.attrs, "renamed_from")
                                .and_then(arg_text)
                                .map(|old| naming::old_column_name(&old, true));
                        }
                        t.columns.push(c);
                    }
                    let column_name = own.first().cloned().unwrap_or_else(|| naming::relation_column_name(f));
                    let unique = attr(&f.attrs, "unique").is_some();
                    let owner = !*nullable && !owner_taken;
                    owner_taken |= owner;
                    d.relations.push(Relation {
                        table: t.name.clone(),
                        field: f.name.text.clone(),
                        column: column_name.clone(),
                        columns: fks.iter().map(|c| c.column.clone()).collect(),
                        ref_columns: fks.iter().map(|c| c.references.clone()).collect(),
                        target_table: table_of(&target.text),
                        kind: if *nullable {
                            RelationKind::Optional
                        } else {
                            RelationKind::Required
                        },
                        junction: None,
                        unique,
                        on_delete: attr(&f.attrs, "on_delete").and_then(arg_text).map(|a| fk_action(&a)),
                        on_update: attr(&f.attrs, "on_update").and_then(arg_text).map(|a| fk_action(&a)),
                        owner,
                        comment: None,
                        origin: src(f.span),
                    });
                    if unique {
                        d.unique_sets.push(FieldSet {
                            table: t.name.clone(),
                            columns: own.clone(),
                            origin: src(f.span),
                        });
                    }
                    if attr(&f.attrs, "index").is_some() {
                        d.index_sets.push(FieldSet {
                            table: t.name.clone(),
                            columns: own,
                            origin: src(f.span),
                        });
                    }
                }
                FieldKind::ManyToMany { target } => {
                    d.relations.push(Relation {
                        table: t.name.clone(),
                        field: f.name.text.clone(),
                        column: naming::column_name(f),
                        target_table: table_of(&target.text),
                        columns: Vec::new(),
                        ref_columns: Vec::new(),
                        kind: RelationKind::ManyToMany,
                        junction: attr(&f.attrs, "map").and_then(arg_text),
                        unique: false,
                        on_delete: None,
                        on_update: None,
                        owner: false,
                        comment: attr(&f.attrs, "comment").and_then(arg_text),
                        origin: src(f.span),
                    });
                }
            },
            Member::Block(a) => {
                let cols = || -> Vec<String> {
                    a.args
                        .iter()
                        .filter_map(|arg| match arg {
                            AttrArg::Ident(i) => field_columns(d, spec, entity, &i.text, table_of),
                            AttrArg::Str(s, _) => field_columns(d, spec, entity, s, table_of),
                            _ => None,
                        })
                        .flatten()
                        .collect()
                };
                match a.name.text.as_str() {
                    "unique" => d.unique_sets.push(FieldSet {
                        table: t.name.clone(),
                        columns: cols(),
                        origin: src(a.span),
                    }),
                    "index" => d.index_sets.push(FieldSet {
                        table: t.name.clone(),
                        columns: cols(),
                        origin: src(a.span),
                    }),
                    "check" => {
                        if let Some(sql) = arg_text(a) {
                            let n = t.checks.len() + 1;
                            let name = d.object_name(&t.name, &[&format!("check{n}")], "check");
                            t.checks.push(plinth_model::CheckConstraint {
                                name,
                                expr: plinth_model::CheckExpr::Sql(sql),
                                origin: src(a.span),
                            });
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    t
}

/// Columns behind a name used in `@@unique` / `@@index`: a field (a `->`
/// field's own foreign-key columns), the implicit tenant reference
/// (`@@unique(workspace, user)`) or a convention column
/// (`@@index(team, created_at)`).
fn field_columns(
    d: &Design,
    spec: &ValidSpec,
    entity: &Entity,
    name: &str,
    table_of: &dyn Fn(&str) -> String,
) -> Option<Vec<String>> {
    Some(match spec.resolve_column_arg(entity, name)? {
        ColumnRef::Field(f) => match &f.kind {
            FieldKind::Relation { target, .. } => relation_columns(d, spec, entity, f, &target.text, table_of, 0)
                .into_iter()
                .filter(|c| !c.tenant)
                .map(|c| c.column)
                .collect(),
            _ => vec![naming::column_name(f)],
        },
        ColumnRef::Tenant => vec![d.tenant_column.clone()?],
        ColumnRef::Convention(c) => vec![c.to_string()],
    })
}

/// How deep `@@id` may nest through relations (a key made of a relation
/// whose target's key is made of a relation ...).
const MAX_KEY_DEPTH: usize = 8;

/// One foreign-key column of a `->` field.
pub(crate) struct FkColumn {
    /// Column on the referencing table.
    pub column: String,
    /// Key column of the target it references.
    pub references: String,
    pub logical: LogicalType,
    /// The referencing table's own tenant column (already there, not added).
    pub tenant: bool,
}

/// The primary-key columns of `entity`'s table as other tables see them:
/// `id` for the surrogate, else the `@id` / `@@id` columns in order (a
/// relation in `@@id` contributes its foreign-key columns).
fn key_columns(
    d: &Design,
    spec: &ValidSpec,
    entity: &Entity,
    table_of: &dyn Fn(&str) -> String,
    depth: usize,
) -> Vec<(String, LogicalType)> {
    let kind = key_kind(&d.settings);
    let names = entity.natural_key_names();
    if names.is_empty() || depth > MAX_KEY_DEPTH {
        return vec![("id".into(), LogicalType::Key(kind))];
    }
    let table = table_of(&entity.name.text);
    let mut out: Vec<(String, LogicalType)> = Vec::new();
    for n in names {
        match spec.resolve_column_arg(entity, n) {
            Some(ColumnRef::Field(f)) => match &f.kind {
                FieldKind::Scalar { ty, .. } => {
                    let c = naming::column_name(f);
                    let logical = logical_type(&spec.file, &table, &c, &ty.kind);
                    out.push((c, logical));
                }
                FieldKind::Relation { target, .. } => {
                    for fk in relation_columns(d, spec, entity, f, &target.text, table_of, depth + 1) {
                        out.push((fk.column, fk.logical));
                    }
                }
                FieldKind::ManyToMany { .. } => {}
            },
            Some(ColumnRef::Tenant) => {
                if let Some(tc) = &d.tenant_column {
                    out.push((tc.clone(), LogicalType::Key(kind)));
                }
            }
            _ => {}
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|(c, _)| seen.insert(c.clone()));
    out
}

/// The foreign-key columns of `owner.f -> target`: one per key column of
/// the target, typed like it. Between two tenant-scoped entities a tenant
/// column in the target's key is matched by the owner's own tenant column
/// rather than a second copy.
fn relation_columns(
    d: &Design,
    spec: &ValidSpec,
    owner: &Entity,
    f: &Field,
    target: &str,
    table_of: &dyn Fn(&str) -> String,
    depth: usize,
) -> Vec<FkColumn> {
    let kind = key_kind(&d.settings);
    let Some(te) = spec.entity(target) else {
        return vec![FkColumn {
            column: naming::relation_column_name(f),
            references: "id".into(),
            logical: LogicalType::Key(kind),
            tenant: false,
        }];
    };
    let both_scoped = spec.traits(owner).tenant_scoped && spec.traits(te).tenant_scoped;
    let keys = key_columns(d, spec, te, table_of, depth);
    let tenant = d.tenant_column.as_deref();
    let is_tenant = |c: &str| both_scoped && Some(c) == tenant;
    let single = keys.iter().filter(|(c, _)| !is_tenant(c)).count() == 1;
    keys.into_iter()
        .map(|(c, logical)| {
            if is_tenant(&c) {
                FkColumn {
                    column: c.clone(),
                    references: c,
                    logical,
                    tenant: true,
                }
            } else {
                FkColumn {
                    column: naming::relation_key_column_name(f, &c, single),
                    references: c,
                    logical,
                    tenant: false,
                }
            }
        })
        .collect()
}

fn fk_action(s: &str) -> FkAction {
    match s {
        "cascade" => FkAction::Cascade,
        "set_null" => FkAction::SetNull,
        "no_action" => FkAction::NoAction,
        _ => FkAction::Restrict,
    }
}

fn default_expr(k: &DefaultKind) -> DefaultExpr {
    match k {
        DefaultKind::Str(s) | DefaultKind::Ident(s) => DefaultExpr::Literal(Literal::Str(s.clone())),
        DefaultKind::Int(i) => DefaultExpr::Literal(Literal::Number(i.to_string())),
        DefaultKind::Number(n) => DefaultExpr::Literal(Literal::Number(n.clone())),
        DefaultKind::Bool(b) => DefaultExpr::Literal(Literal::Bool(*b)),
        DefaultKind::Call(c) if c.starts_with("today") => DefaultExpr::CurrentDate,
        DefaultKind::Call(c) if c.starts_with("now") => DefaultExpr::Now,
        DefaultKind::Call(c) => DefaultExpr::Sql(c.clone()),
    }
}

fn logical_type(file: &SpecFile, table: &str, column: &str, k: &TypeKind) -> LogicalType {
    match k {
        TypeKind::Text => LogicalType::Text,
        TypeKind::String(n) => LogicalType::String(*n),
        TypeKind::Email => LogicalType::Email,
        TypeKind::Slug => LogicalType::Slug,
        TypeKind::Url => LogicalType::Url,
        TypeKind::SmallInt => LogicalType::SmallInt,
        TypeKind::Int => LogicalType::Int,
        TypeKind::BigInt => LogicalType::BigInt,
        TypeKind::Decimal(p, s) => LogicalType::Decimal(*p, *s),
        TypeKind::Money => LogicalType::Money,
        TypeKind::Percent => LogicalType::Percent,
        TypeKind::Float => LogicalType::Float,
        TypeKind::Bool => LogicalType::Bool,
        TypeKind::Date => LogicalType::Date,
        TypeKind::Time => LogicalType::Time,
        TypeKind::Timestamp => LogicalType::Timestamp,
        TypeKind::Duration => LogicalType::Duration,
        TypeKind::Uuid => LogicalType::Uuid,
        TypeKind::Json => LogicalType::Json,
        TypeKind::Bytes => LogicalType::Bytes,
        TypeKind::InlineEnum(values) => LogicalType::Enum {
            name: format!("{}_{}", plinth_model::naming::singularize(table), column),
            values: values.iter().map(|v| v.text.clone()).collect(),
        },
        TypeKind::Named(name) => {
            let decl = file.items.iter().find_map(|i| match i {
                Item::Enum(e) if e.name.text == name.text => Some(e),
                _ => None,
            });
            let values = decl
                .map(|e| e.variants.iter().map(|v| v.text.clone()).collect())
                .unwrap_or_default();
            let type_name = decl
                .map(naming::enum_decl_name)
                .unwrap_or_else(|| naming::enum_type_name(name));
            LogicalType::Enum {
                name: type_name,
                values,
            }
        }
    }
}

fn lower_intent(d: &mut Design, file: &SpecFile, table_of: &dyn Fn(&str) -> String) {
    let mut intent = Intent::default();
    for item in &file.items {
        match item {
            Item::Query(q) => intent.queries.push(QueryPattern {
                name: q.name.text.clone(),
                description: q.description.clone(),
                sql: q.sql.clone(),
                per_second: q.rate.map(|r| r.per_second()),
                origin: src(q.span),
            }),
            Item::Volume(v) => intent.volumes.push(Volume {
                table: table_of(&v.entity.text),
                rows: v.rows,
            }),
            _ => {}
        }
    }
    d.schema.intent = intent;
}
