//! Prisma syntax tree → model, as Prisma Migrate creates it on PostgreSQL.

use super::{Attr, Block, Expr, Field};
use crate::{ensure_namespace, make_serial, Diagnostics};
use plinth_model::*;
use std::collections::{BTreeMap, BTreeSet};

const SCALARS: &[&str] = &[
    "String",
    "Int",
    "BigInt",
    "Float",
    "Decimal",
    "Boolean",
    "DateTime",
    "Json",
    "Bytes",
    "Unsupported",
];

struct EnumInfo {
    ns: Option<String>,
    db_name: String,
    /// Prisma value → database value (`@map`).
    values: Vec<(String, String)>,
}

struct Model<'b> {
    block: &'b Block,
    table: String,
    ns: Option<String>,
}

impl Model<'_> {
    fn column_of(&self, field: &str) -> Option<String> {
        let f = self.block.fields.iter().find(|f| f.name == field)?;
        Some(column_name(f))
    }
}

fn column_name(f: &Field) -> String {
    attr(&f.attrs, "map")
        .and_then(|a| a.arg("name", true))
        .and_then(Expr::as_str)
        .map_or_else(|| f.name.clone(), str::to_string)
}

fn attr<'a>(attrs: &'a [Attr], name: &str) -> Option<&'a Attr> {
    attrs.iter().find(|a| a.name == name)
}

fn src_ref(span: &std::ops::Range<usize>) -> Option<SourceRef> {
    Some(SourceRef {
        start: span.start,
        end: span.end,
    })
}

/// `{table}_{columns}_{suffix}`, the way Prisma names constraints and
/// indexes, shortened to PostgreSQL's 63 bytes.
fn prisma_name(table: &str, columns: &[String], suffix: &str) -> String {
    let mut base = if columns.is_empty() {
        table.to_string()
    } else {
        format!("{table}_{}", columns.join("_"))
    };
    let max = 63 - suffix.len() - 1;
    if base.len() > max {
        let mut cut = max;
        while !base.is_char_boundary(cut) {
            cut -= 1;
        }
        base.truncate(cut);
    }
    format!("{base}_{suffix}")
}

pub(super) fn lower(blocks: &[Block], diag: &mut Diagnostics) -> Schema {
    let mut dialect = DialectKind::Postgres;
    for b in blocks.iter().filter(|b| b.kind == "datasource") {
        for (key, value, span) in &b.settings {
            match (key.as_str(), value.as_str()) {
                ("provider", Some("postgresql" | "postgres" | "cockroachdb")) => dialect = DialectKind::Postgres,
                ("provider", Some("mysql")) => dialect = DialectKind::MySql,
                ("provider", Some("sqlite")) => dialect = DialectKind::Sqlite,
                ("provider", other) => diag.warn(
                    span.clone(),
                    format!("provider {other:?} has no plinth dialect; reading as PostgreSQL"),
                ),
                ("url" | "directUrl" | "shadowDatabaseUrl" | "relationMode" | "schemas" | "extensions", _) => {}
                _ => diag.warn(span.clone(), format!("datasource setting `{key}` is not understood")),
            }
        }
    }
    let mut schema = Schema::new(Target { dialect, version: 15 });
    let ns_of = |b: &Block| {
        attr(&b.block_attrs, "schema")
            .and_then(|a| a.arg("name", true))
            .and_then(Expr::as_str)
            .filter(|s| *s != "public")
            .map(str::to_string)
    };
    let db_name = |b: &Block| {
        attr(&b.block_attrs, "map")
            .and_then(|a| a.arg("name", true))
            .and_then(Expr::as_str)
            .map_or_else(|| b.name.clone(), str::to_string)
    };

    let mut enums: BTreeMap<String, EnumInfo> = BTreeMap::new();
    let mut models: Vec<Model> = Vec::new();
    for b in blocks {
        match b.kind.as_str() {
            "datasource" | "generator" => {}
            "enum" => {
                for a in &b.block_attrs {
                    if !matches!(a.name.as_str(), "map" | "schema") {
                        diag.warn(
                            a.span.clone(),
                            format!("enum attribute `@@{}` is not understood", a.name),
                        );
                    }
                }
                let mut values = Vec::new();
                for f in &b.fields {
                    for a in f.attrs.iter().filter(|a| a.name != "map") {
                        diag.warn(
                            a.span.clone(),
                            format!("enum value attribute `@{}` is not understood", a.name),
                        );
                    }
                    values.push((f.name.clone(), column_name(f)));
                }
                let info = EnumInfo {
                    ns: ns_of(b),
                    db_name: db_name(b),
                    values,
                };
                if let Some(ns) = &info.ns {
                    ensure_namespace(&mut schema, ns);
                }
                schema.enums.push(EnumType {
                    namespace: info.ns.clone(),
                    name: info.db_name.clone(),
                    values: info.values.iter().map(|v| v.1.clone()).collect(),
                    origin: src_ref(&b.span),
                });
                enums.insert(b.name.clone(), info);
            }
            "model" => models.push(Model {
                block: b,
                table: db_name(b),
                ns: ns_of(b),
            }),
            other => diag.warn(
                b.span.clone(),
                format!(
                    "`{other} {}` blocks are not imported (no table is created for them)",
                    b.name
                ),
            ),
        }
    }

    for m in &models {
        let table = model_table(m, &models, &enums, dialect, &mut schema, diag);
        if let Some(ns) = &m.ns {
            ensure_namespace(&mut schema, ns);
        }
        schema.tables.push(table);
    }
    implicit_many_to_many(&models, &mut schema, diag);
    schema
}

fn model_table(
    m: &Model,
    models: &[Model],
    enums: &BTreeMap<String, EnumInfo>,
    dialect: DialectKind,
    schema: &mut Schema,
    diag: &mut Diagnostics,
) -> Table {
    let b = m.block;
    let mut t = Table::new(m.table.clone());
    t.namespace = m.ns.clone();
    t.entity = Some(b.name.clone());
    t.origin = src_ref(&b.span);
    let cols = |names: &[String]| -> Vec<String> {
        names
            .iter()
            .map(|n| m.column_of(n).unwrap_or_else(|| n.clone()))
            .collect()
    };
    for f in &b.fields {
        if let Some(target) = models.iter().find(|o| o.block.name == f.ty) {
            relation_field(m, f, target, &mut t, diag);
            continue;
        }
        let enum_info = enums.get(&f.ty);
        if enum_info.is_none() && !SCALARS.contains(&f.ty.as_str()) {
            diag.warn(
                f.span.clone(),
                format!(
                    "type `{}` of `{}.{}` is not a scalar, enum or model; kept verbatim",
                    f.ty, b.name, f.name
                ),
            );
        }
        let mut col = scalar_column(f, enum_info, dialect, diag);
        col.origin = src_ref(&f.span);
        let subject = format!("{}.{}", t.name, col.name);
        for a in &f.attrs {
            match a.name.as_str() {
                "map" | "ignore" => {}
                n if n.starts_with("db.") => {}
                "id" => {
                    t.primary_key = Some(PrimaryKey {
                        name: map_arg(a).unwrap_or_else(|| prisma_name(&t.name, &[], "pkey")),
                        columns: vec![col.name.clone()],
                    });
                }
                "unique" => {
                    let name = map_arg(a).unwrap_or_else(|| prisma_name(&t.name, &[col.name.clone()], "key"));
                    let mut ix = Index::btree(name, &[col.name.as_str()], IndexPurpose::Imported);
                    ix.unique = true;
                    ix.origin = src_ref(&a.span);
                    t.indexes.push(ix);
                }
                "updatedAt" => {
                    col.role = ColumnRole::UpdatedAt;
                    schema.decide_at(
                        &subject,
                        "prisma-updated-at",
                        "@updatedAt is set by Prisma Client on every update; the database has no trigger for it",
                        src_ref(&a.span),
                    );
                }
                "default" => default(a, &mut col, enum_info, &t, schema, diag),
                other => diag.warn(a.span.clone(), format!("field attribute `@{other}` is not understood")),
            }
        }
        t.columns.push(col);
    }
    for a in &b.block_attrs {
        let fields = field_list(a, diag);
        match a.name.as_str() {
            "map" | "schema" | "ignore" => {}
            "id" => {
                let columns = cols(&fields.iter().map(|f| f.0.clone()).collect::<Vec<_>>());
                t.primary_key = Some(PrimaryKey {
                    name: map_arg(a).unwrap_or_else(|| prisma_name(&t.name, &[], "pkey")),
                    columns,
                });
            }
            "unique" | "index" => {
                let columns = cols(&fields.iter().map(|f| f.0.clone()).collect::<Vec<_>>());
                let unique = a.name == "unique";
                let suffix = if unique { "key" } else { "idx" };
                let name = map_arg(a).unwrap_or_else(|| prisma_name(&t.name, &columns, suffix));
                let mut ix = Index::btree(name, &[], IndexPurpose::Imported);
                ix.unique = unique;
                ix.origin = src_ref(&a.span);
                for ((_, desc, ops), col) in fields.iter().zip(&columns) {
                    let mut e = IndexElement::column_desc(col.clone(), *desc);
                    e.opclass = ops.clone();
                    ix.elements.push(e);
                }
                match a.arg("type", false).and_then(Expr::as_str) {
                    None | Some("BTree") => {}
                    Some("Hash") => ix.method = IndexMethod::Hash,
                    Some("Gin") => ix.method = IndexMethod::Gin,
                    Some("Gist") => ix.method = IndexMethod::Gist,
                    Some("Brin") => ix.method = IndexMethod::Brin,
                    Some(other) => diag.warn(
                        a.span.clone(),
                        format!("index type `{other}` is not supported; btree used"),
                    ),
                }
                t.indexes.push(ix);
            }
            other => diag.warn(a.span.clone(), format!("block attribute `@@{other}` is not understood")),
        }
    }
    t
}

/// The `map:` argument (database name) of `@id`, `@unique`, `@@index`, …
fn map_arg(a: &Attr) -> Option<String> {
    a.arg("map", false).and_then(Expr::as_str).map(str::to_string)
}

/// The fields of `@@id([a, b(sort: Desc, ops: …)])`: (name, descending, opclass).
fn field_list(a: &Attr, diag: &mut Diagnostics) -> Vec<(String, bool, Option<String>)> {
    let Some(list) = a.arg("fields", true) else {
        return Vec::new();
    };
    let Expr::List(items) = list else {
        if matches!(a.name.as_str(), "id" | "unique" | "index") {
            diag.warn(a.span.clone(), format!("`@@{}` expects a list of fields", a.name));
        }
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        match item {
            Expr::Path(p) => out.push((p.clone(), false, None)),
            Expr::Call(p, args) => {
                let mut desc = false;
                let mut ops = None;
                for arg in args {
                    match (arg.name.as_deref(), &arg.value) {
                        (Some("sort"), Expr::Path(s)) => desc = s == "Desc",
                        (Some("ops"), v) => ops = v.as_str().map(str::to_string),
                        (Some("length"), _) => {}
                        _ => diag.warn(a.span.clone(), format!("argument of field `{p}` is not understood")),
                    }
                }
                out.push((p.clone(), desc, ops));
            }
            _ => diag.warn(a.span.clone(), "expected a field name in the list"),
        }
    }
    out
}

fn scalar_column(f: &Field, enum_info: Option<&EnumInfo>, dialect: DialectKind, diag: &mut Diagnostics) -> Column {
    let native = f.attrs.iter().find(|a| a.name.starts_with("db."));
    let (mut logical, mut physical) = if let Some(e) = enum_info {
        let physical = match &e.ns {
            Some(ns) => PhysicalType::Other(format!(
                "{}.{}",
                plinth_postgres::quote::ident(ns),
                plinth_postgres::quote::ident(&e.db_name)
            )),
            None => PhysicalType::Enum(e.db_name.clone()),
        };
        (
            LogicalType::Enum {
                name: e.db_name.clone(),
                values: e.values.iter().map(|v| v.1.clone()).collect(),
            },
            physical,
        )
    } else {
        base_type(&f.ty, f.unsupported.as_deref())
    };
    if let Some(n) = native {
        match native_type(n) {
            Some(p) => {
                if enum_info.is_none() {
                    match plinth_postgres::import::logical_for(&p) {
                        LogicalType::Other(_) => {}
                        l => logical = l,
                    }
                }
                physical = p;
            }
            None => {
                diag.warn(
                    n.span.clone(),
                    format!("native type `@{}` is not understood; kept verbatim", n.name),
                );
                physical = PhysicalType::Other(n.name.trim_start_matches("db.").to_lowercase());
            }
        }
    }
    if f.list {
        if dialect != DialectKind::Postgres {
            diag.warn(
                f.span.clone(),
                "scalar lists exist only on PostgreSQL; kept as an array",
            );
        }
        physical = PhysicalType::Array(Box::new(physical));
        logical = LogicalType::Other(format!("{}[]", f.ty));
    }
    let mut col = Column::new(column_name(f), logical, physical);
    // Prisma Migrate creates scalar lists without NOT NULL (a list cannot
    // be marked optional, so the column can hold NULL).
    col.nullable = f.optional || f.list;
    col
}

/// Prisma's default PostgreSQL type for each scalar.
fn base_type(ty: &str, unsupported: Option<&str>) -> (LogicalType, PhysicalType) {
    match ty {
        "String" => (LogicalType::Text, PhysicalType::Text),
        "Int" => (LogicalType::Int, PhysicalType::Integer),
        "BigInt" => (LogicalType::BigInt, PhysicalType::BigInt),
        "Float" => (LogicalType::Float, PhysicalType::Double),
        "Decimal" => (LogicalType::Decimal(65, 30), PhysicalType::Numeric(65, 30)),
        "Boolean" => (LogicalType::Bool, PhysicalType::Boolean),
        "DateTime" => (LogicalType::Timestamp, PhysicalType::Other("timestamp(3)".into())),
        "Json" => (LogicalType::Json, PhysicalType::Jsonb),
        "Bytes" => (LogicalType::Bytes, PhysicalType::Bytea),
        _ => {
            let text = unsupported.unwrap_or(ty).to_string();
            (LogicalType::Other(text.clone()), PhysicalType::Other(text))
        }
    }
}

/// `@db.*` native types of Prisma's PostgreSQL connector.
fn native_type(a: &Attr) -> Option<PhysicalType> {
    let n = |i: usize| -> Option<u32> {
        match &a.args.get(i)?.value {
            Expr::Num(s) => s.parse().ok(),
            _ => None,
        }
    };
    let other = |base: &str| -> PhysicalType {
        match n(0) {
            Some(p) => PhysicalType::Other(format!("{base}({p})")),
            None => PhysicalType::Other(base.into()),
        }
    };
    Some(match a.name.trim_start_matches("db.") {
        "Text" => PhysicalType::Text,
        "VarChar" => PhysicalType::Varchar(n(0)),
        "Char" => PhysicalType::Char(n(0)),
        "Uuid" => PhysicalType::Uuid,
        "Boolean" => PhysicalType::Boolean,
        "Integer" => PhysicalType::Integer,
        "SmallInt" => PhysicalType::SmallInt,
        "BigInt" => PhysicalType::BigInt,
        "DoublePrecision" => PhysicalType::Double,
        "Real" => PhysicalType::Real,
        "Decimal" => match (n(0), n(1)) {
            (Some(p), Some(s)) => PhysicalType::Numeric(p, s),
            (Some(p), None) => PhysicalType::Numeric(p, 0),
            _ => PhysicalType::Other("numeric".into()),
        },
        "Money" => PhysicalType::Other("money".into()),
        "Timestamp" if n(0).is_none() => PhysicalType::Timestamp,
        "Timestamptz" if n(0).is_none() => PhysicalType::Timestamptz,
        "Timestamp" => other("timestamp"),
        "Timestamptz" => other("timestamptz"),
        "Time" => other("time"),
        "Timetz" => other("timetz"),
        "Date" => PhysicalType::Date,
        "Json" => PhysicalType::Json,
        "JsonB" => PhysicalType::Jsonb,
        "ByteA" => PhysicalType::Bytea,
        "Bit" => other("bit"),
        "VarBit" => other("varbit"),
        "Xml" => PhysicalType::Other("xml".into()),
        "Inet" => PhysicalType::Other("inet".into()),
        "Citext" => PhysicalType::Other("citext".into()),
        "Oid" => PhysicalType::Other("oid".into()),
        _ => return None,
    })
}

fn default(
    a: &Attr,
    col: &mut Column,
    enum_info: Option<&EnumInfo>,
    t: &Table,
    schema: &mut Schema,
    diag: &mut Diagnostics,
) {
    let Some(value) = a.arg("value", true) else {
        diag.warn(a.span.clone(), "`@default` needs a value");
        return;
    };
    let enum_value = |v: &str| {
        enum_info
            .and_then(|e| e.values.iter().find(|(p, _)| p == v))
            .map(|(_, db)| db.clone())
    };
    let literal = |e: &Expr| -> Option<String> {
        match e {
            Expr::Str(s) => Some(plinth_postgres::quote::literal(
                &enum_value(s).unwrap_or_else(|| s.clone()),
            )),
            Expr::Num(n) => Some(n.clone()),
            Expr::Path(p) if p == "true" || p == "false" => Some(p.clone()),
            Expr::Path(p) => enum_value(p).map(|v| plinth_postgres::quote::literal(&v)),
            _ => None,
        }
    };
    col.default = match value {
        Expr::Call(f, args) => match (f.as_str(), args.first().map(|a| &a.value)) {
            ("autoincrement", _) => {
                make_serial(schema, t.namespace.as_deref(), &t.name, col);
                return;
            }
            ("now", _) => Some(DefaultExpr::Now),
            ("dbgenerated", Some(Expr::Str(sql))) => Some(DefaultExpr::Sql(sql.clone())),
            ("dbgenerated", None) => None,
            ("uuid" | "cuid" | "nanoid" | "ulid", _) => {
                schema.decide_at(
                    format!("{}.{}", t.name, col.name),
                    "prisma-client-default",
                    format!("@default({f}()) is generated by Prisma Client, not by the database"),
                    src_ref(&a.span),
                );
                None
            }
            _ => {
                diag.warn(
                    a.span.clone(),
                    format!("default function `{f}()` is not understood; no default kept"),
                );
                None
            }
        },
        Expr::Str(s) if enum_info.is_none() => Some(DefaultExpr::Literal(Literal::Str(s.clone()))),
        Expr::Num(n) => Some(DefaultExpr::Literal(Literal::Number(n.clone()))),
        Expr::Path(p) if p == "true" || p == "false" => Some(DefaultExpr::Literal(Literal::Bool(p == "true"))),
        Expr::List(items) => {
            let parts: Option<Vec<String>> = items.iter().map(literal).collect();
            match parts {
                Some(p) if p.is_empty() => Some(DefaultExpr::Sql("'{}'".into())),
                Some(p) => Some(DefaultExpr::Sql(format!("ARRAY[{}]", p.join(", ")))),
                None => {
                    diag.warn(a.span.clone(), "list default is not understood; no default kept");
                    None
                }
            }
        }
        other => match literal(other) {
            Some(sql) => Some(DefaultExpr::Sql(sql)),
            None => {
                diag.warn(a.span.clone(), "default value is not understood; no default kept");
                None
            }
        },
    };
}

fn action(e: Option<&Expr>, fallback: FkAction, a: &Attr, diag: &mut Diagnostics) -> FkAction {
    match e.and_then(Expr::as_str) {
        None => fallback,
        Some("Cascade") => FkAction::Cascade,
        Some("Restrict") => FkAction::Restrict,
        Some("NoAction") => FkAction::NoAction,
        Some("SetNull") => FkAction::SetNull,
        Some("SetDefault") => FkAction::SetDefault,
        Some(other) => {
            diag.warn(
                a.span.clone(),
                format!("referential action `{other}` is not understood"),
            );
            fallback
        }
    }
}

/// A relation field: the side with `fields:` owns the foreign key; the
/// other side (and list sides) create no column.
fn relation_field(m: &Model, f: &Field, target: &Model, t: &mut Table, diag: &mut Diagnostics) {
    let Some(rel) = attr(&f.attrs, "relation") else { return };
    for a in f.attrs.iter().filter(|a| a.name != "relation") {
        diag.warn(
            a.span.clone(),
            format!("attribute `@{}` on a relation field is not understood", a.name),
        );
    }
    let names = |key: &str| -> Vec<String> {
        match rel.arg(key, false) {
            Some(Expr::List(items)) => items.iter().filter_map(|e| e.as_str().map(str::to_string)).collect(),
            _ => Vec::new(),
        }
    };
    let (fields, references) = (names("fields"), names("references"));
    if fields.is_empty() {
        return;
    }
    let mut columns = Vec::new();
    for fname in &fields {
        match m.column_of(fname) {
            Some(c) => columns.push(c),
            None => {
                diag.warn(
                    rel.span.clone(),
                    format!("relation field `{fname}` is not a field of `{}`", m.block.name),
                );
                return;
            }
        }
    }
    let mut ref_columns = Vec::new();
    for r in &references {
        match target.column_of(r) {
            Some(c) => ref_columns.push(c),
            None => {
                diag.warn(
                    rel.span.clone(),
                    format!("`{r}` is not a field of `{}`", target.block.name),
                );
                return;
            }
        }
    }
    if columns.len() != ref_columns.len() {
        diag.warn(rel.span.clone(), "`fields` and `references` differ in length");
        return;
    }
    let optional = fields
        .iter()
        .all(|n| m.block.fields.iter().any(|x| &x.name == n && x.optional));
    let on_delete_default = if optional {
        FkAction::SetNull
    } else {
        FkAction::Restrict
    };
    let name = map_arg(rel).unwrap_or_else(|| prisma_name(&t.name, &columns, "fkey"));
    let mut fk = ForeignKey::new(
        name,
        columns,
        target.table.clone(),
        ref_columns,
        action(rel.arg("onDelete", false), on_delete_default, rel, diag),
    );
    fk.on_update = action(rel.arg("onUpdate", false), FkAction::Cascade, rel, diag);
    fk.ref_namespace = target.ns.clone();
    fk.origin = src_ref(&rel.span);
    t.foreign_keys.push(fk);
}

fn relation_name(f: &Field) -> Option<String> {
    attr(&f.attrs, "relation")
        .and_then(|a| a.arg("name", true))
        .and_then(Expr::as_str)
        .map(str::to_string)
}

/// Prisma's implicit many-to-many: two list fields pointing at each other
/// with no join model become a table `_AToB` (or `_RelationName`) with
/// columns `A` and `B` referencing the two ids, alphabetically by model.
fn implicit_many_to_many(models: &[Model], schema: &mut Schema, diag: &mut Diagnostics) {
    let mut done = BTreeSet::new();
    for m in models {
        for f in m.block.fields.iter().filter(|f| f.list) {
            let Some(other) = models.iter().find(|o| o.block.name == f.ty) else {
                continue;
            };
            let rel = relation_name(f);
            let back = other
                .block
                .fields
                .iter()
                .find(|g| g.list && g.ty == m.block.name && relation_name(g) == rel && !std::ptr::eq(*g, f));
            if back.is_none() {
                continue;
            }
            let (a, b) = if m.block.name <= other.block.name {
                (m, other)
            } else {
                (other, m)
            };
            let table = match &rel {
                Some(r) => format!("_{r}"),
                None => format!("_{}To{}", a.block.name, b.block.name),
            };
            if !done.insert(table.clone()) {
                continue;
            }
            let id_of = |x: &Model| -> Option<(String, PhysicalType)> {
                let t = schema
                    .tables
                    .iter()
                    .find(|t| t.entity.as_deref() == Some(x.block.name.as_str()))?;
                match t.primary_key.as_ref().map(|p| p.columns.as_slice()) {
                    Some([c]) => Some((c.clone(), t.column(c)?.physical.clone())),
                    _ => None,
                }
            };
            let (Some((a_id, a_ty)), Some((b_id, b_ty))) = (id_of(a), id_of(b)) else {
                diag.warn(
                    f.span.clone(),
                    format!("implicit many-to-many `{table}` needs single-field ids on both sides"),
                );
                continue;
            };
            let mut t = Table::new(table.clone());
            t.namespace = a.ns.clone();
            t.traits.junction = true;
            t.origin = src_ref(&f.span);
            for (col, ty) in [("A", a_ty), ("B", b_ty)] {
                t.columns
                    .push(Column::new(col, plinth_postgres::import::logical_for(&ty), ty));
            }
            t.primary_key = Some(PrimaryKey {
                name: format!("{table}_AB_pkey"),
                columns: vec!["A".into(), "B".into()],
            });
            for (col, target, id) in [("A", a, a_id), ("B", b, b_id)] {
                let mut fk = ForeignKey::new(
                    format!("{table}_{col}_fkey"),
                    vec![col.into()],
                    target.table.clone(),
                    vec![id],
                    FkAction::Cascade,
                );
                fk.on_update = FkAction::Cascade;
                fk.ref_namespace = target.ns.clone();
                t.foreign_keys.push(fk);
            }
            t.indexes
                .push(Index::btree(format!("{table}_B_index"), &["B"], IndexPurpose::Imported));
            schema.tables.push(t);
        }
    }
}
