//! Lowering: spec entities become tables with their written fields.
//! Conventions (keys, tenancy, timestamps, ...) are added by the passes.

use crate::context::{Design, FieldSet, Relation, RelationKind};
use crate::passes::{naming, types};
use plinth_model::{
    Column, ColumnRole, DefaultExpr, DialectKind, EnumType, FkAction, Intent, KeyKind, Literal, LogicalType,
    QueryPattern, Schema, SourceRef, Table, Target, Volume,
};
use plinth_spec::ast::{AttrArg, Attribute, DefaultKind, Entity, FieldKind, Item, Member, SpecFile, TypeKind};
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
    let is_tenant_root = s.tenant.as_deref() == Some(entity.name.text.as_str());
    t.traits.tenant_root = is_tenant_root;
    t.traits.global = attr(&entity.attrs, "global").is_some() || is_tenant_root || s.tenant.is_none();
    t.traits.append_only = attr(&entity.attrs, "append_only").is_some();
    t.traits.versioned = attr(&entity.attrs, "versioned").is_some();
    t.traits.timestamps = attr_bool(&entity.attrs, "timestamps").unwrap_or(s.timestamps);
    t.traits.soft_delete = !t.traits.append_only && attr_bool(&entity.attrs, "soft_delete").unwrap_or(s.soft_delete);
    t.traits.audited = attr_bool(&entity.attrs, "audit").unwrap_or(s.audit);
    t.traits.group = attr(&entity.attrs, "group").and_then(arg_text);
    let key = key_kind(s);
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
                    let column_name = naming::relation_column_name(f);
                    let mut c = Column::new(
                        column_name.clone(),
                        LogicalType::Key(key),
                        types::physical_type(d, &LogicalType::Key(key)),
                    );
                    c.nullable = *nullable;
                    c.role = ColumnRole::ForeignKey;
                    c.origin = src(f.span);
                    c.comment = attr(&f.attrs, "comment").and_then(arg_text);
                    t.columns.push(c);
                    let unique = attr(&f.attrs, "unique").is_some();
                    let owner = !*nullable && !owner_taken;
                    owner_taken |= owner;
                    d.relations.push(Relation {
                        table: t.name.clone(),
                        field: f.name.text.clone(),
                        column: column_name.clone(),
                        target_table: table_of(&target.text),
                        kind: if *nullable {
                            RelationKind::Optional
                        } else {
                            RelationKind::Required
                        },
                        junction: None,
                        unique,
                        on_delete: attr(&f.attrs, "on_delete").and_then(arg_text).map(|a| fk_action(&a)),
                        owner,
                        comment: None,
                        origin: src(f.span),
                    });
                    if unique {
                        d.unique_sets.push(FieldSet {
                            table: t.name.clone(),
                            columns: vec![column_name.clone()],
                            origin: src(f.span),
                        });
                    }
                    if attr(&f.attrs, "index").is_some() {
                        d.index_sets.push(FieldSet {
                            table: t.name.clone(),
                            columns: vec![column_name],
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
                        kind: RelationKind::ManyToMany,
                        junction: attr(&f.attrs, "map").and_then(arg_text),
                        unique: false,
                        on_delete: None,
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
                            AttrArg::Ident(i) => field_column(d, spec, entity, &i.text),
                            AttrArg::Str(s, _) => field_column(d, spec, entity, s),
                            _ => None,
                        })
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

/// Column behind a name used in `@@unique` / `@@index`: a field, the
/// implicit tenant reference (`@@unique(workspace, user)`) or a convention
/// column (`@@index(team, created_at)`).
fn field_column(d: &Design, spec: &ValidSpec, entity: &Entity, name: &str) -> Option<String> {
    Some(match spec.resolve_column_arg(entity, name)? {
        ColumnRef::Field(f) => match f.kind {
            FieldKind::Relation { .. } => naming::relation_column_name(f),
            _ => naming::column_name(f),
        },
        ColumnRef::Tenant => d.tenant_column.clone()?,
        ColumnRef::Convention(c) => c.to_string(),
    })
}

fn fk_action(s: &str) -> FkAction {
    match s {
        "cascade" => FkAction::Cascade,
        "set_null" => FkAction::SetNull,
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
