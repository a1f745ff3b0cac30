//! Type names → the model's physical (and a fitting logical) type; enum
//! types; ALTER TYPE on enums.
//!
//! The same mapping reads `format_type()` output during live inspection
//! (see [`physical_from_text`]), so an imported column and an introspected
//! one land on the same [`PhysicalType`] whatever spelling the source used
//! (`int4`, `integer`, `INT`; `character varying(20)`, `varchar(20)`).

use super::nodes::{int, strings};
use super::Importer;
use crate::quote::ident;
use pg_query::protobuf::{AlterEnumStmt, CreateEnumStmt, Node, TypeName};
use pg_query::NodeEnum;
use plinth_model::{EnumType, LogicalType, PhysicalType, SourceRef};

/// Maps a parsed type name. `is_enum(schema, name)` says whether a
/// user-defined name is a known enum type.
pub(crate) fn physical(tn: &TypeName, is_enum: &dyn Fn(&str, &str) -> Option<String>) -> PhysicalType {
    let names = strings(&tn.names);
    let mods: Vec<i64> = tn.typmods.iter().filter_map(int).collect();
    let base = base_type(&names, &mods, tn.typmods.len(), is_enum);
    if tn.array_bounds.is_empty() {
        base
    } else {
        // PostgreSQL does not enforce array dimensions: `int[][]` is `int[]`.
        PhysicalType::Array(Box::new(base))
    }
}

fn base_type(
    names: &[String],
    mods: &[i64],
    nmods: usize,
    is_enum: &dyn Fn(&str, &str) -> Option<String>,
) -> PhysicalType {
    let (schema, name) = match names {
        [] => ("", ""),
        [n] => ("", n.as_str()),
        [.., s, n] => (s.as_str(), n.as_str()),
    };
    let builtin = schema.is_empty() || schema == "pg_catalog";
    let m = |i: usize| mods.get(i).map(|v| *v as u32);
    if builtin {
        let t = match (name, nmods) {
            ("int2" | "smallint", 0) => Some(PhysicalType::SmallInt),
            ("int4" | "int" | "integer", 0) => Some(PhysicalType::Integer),
            ("int8" | "bigint", 0) => Some(PhysicalType::BigInt),
            ("numeric" | "decimal", 1) => Some(PhysicalType::Numeric(m(0).unwrap_or(0), 0)),
            ("numeric" | "decimal", 2) => Some(PhysicalType::Numeric(m(0).unwrap_or(0), m(1).unwrap_or(0))),
            ("numeric" | "decimal", 0) => Some(PhysicalType::Other("numeric".into())),
            ("float8", 0) => Some(PhysicalType::Double),
            ("float4" | "real", 0) => Some(PhysicalType::Real),
            ("bool" | "boolean", 0) => Some(PhysicalType::Boolean),
            ("text", 0) => Some(PhysicalType::Text),
            ("varchar", _) => Some(PhysicalType::Varchar(m(0))),
            ("bpchar", _) => Some(PhysicalType::Char(m(0))),
            ("date", 0) => Some(PhysicalType::Date),
            ("time", 0) => Some(PhysicalType::Time),
            ("timestamp", 0) => Some(PhysicalType::Timestamp),
            ("timestamptz", 0) => Some(PhysicalType::Timestamptz),
            ("interval", 0) => Some(PhysicalType::Interval),
            ("uuid", 0) => Some(PhysicalType::Uuid),
            ("jsonb", 0) => Some(PhysicalType::Jsonb),
            ("json", 0) => Some(PhysicalType::Json),
            ("bytea", 0) => Some(PhysicalType::Bytea),
            _ => None,
        };
        if let Some(t) = t {
            return t;
        }
        if schema == "pg_catalog" || is_enum(schema, name).is_none() {
            if let Some(display) = catalog_display(name, mods) {
                return PhysicalType::Other(display);
            }
        }
    }
    if let Some(e) = is_enum(schema, name) {
        // An enum outside the search path is written qualified (and
        // already quoted), which only `Other` renders verbatim.
        return if e.contains('.') || e.contains('"') {
            PhysicalType::Other(e)
        } else {
            PhysicalType::Enum(e)
        };
    }
    let mut text = match schema {
        "" | "public" | "pg_catalog" => ident(name),
        s => format!("{}.{}", ident(s), ident(name)),
    };
    if !mods.is_empty() {
        text.push_str(&format!(
            "({})",
            mods.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        ));
    }
    PhysicalType::Other(text)
}

/// `format_type()` spelling of built-in types the model has no variant for.
fn catalog_display(name: &str, mods: &[i64]) -> Option<String> {
    let with = |base: &str, suffix: &str| match mods.first() {
        Some(p) => format!("{base}({p}){suffix}"),
        None => format!("{base}{suffix}"),
    };
    Some(match name {
        "time" => with("time", " without time zone"),
        "timetz" => with("time", " with time zone"),
        "timestamp" => with("timestamp", " without time zone"),
        "timestamptz" => with("timestamp", " with time zone"),
        "bit" => with("bit", ""),
        "varbit" => with("bit varying", ""),
        "interval" => "interval".into(),
        "char" => "\"char\"".into(),
        "inet" | "cidr" | "macaddr" | "macaddr8" | "money" | "tsvector" | "tsquery" | "xml" | "point" | "line"
        | "lseg" | "box" | "path" | "polygon" | "circle" | "oid" | "regclass" | "regtype" | "name" | "int4range"
        | "int8range" | "numrange" | "tsrange" | "tstzrange" | "daterange" | "jsonpath" | "pg_lsn"
        | "txid_snapshot" | "pg_snapshot" | "record" | "void" | "trigger" | "anyelement" | "anyarray" | "cstring"
        | "internal" => name.into(),
        _ => return None,
    })
}

/// Parses a type as `format_type()` prints it (live inspection).
pub fn physical_from_text(text: &str, is_enum: &dyn Fn(&str, &str) -> Option<String>) -> PhysicalType {
    let parsed = pg_query::parse(text, pg_query::ParserOptions::TYPE_NAME);
    if let Ok(p) = parsed {
        if let Some(tn) = p
            .protobuf
            .stmts
            .first()
            .and_then(|s| s.stmt.as_deref())
            .and_then(find_type_name)
        {
            return physical(&tn, is_enum);
        }
    }
    PhysicalType::Other(text.to_string())
}

fn find_type_name(n: &Node) -> Option<TypeName> {
    match n.node.as_ref()? {
        NodeEnum::TypeName(t) => Some(t.clone()),
        _ => None,
    }
}

/// A logical type that says the same as the physical one.
pub fn logical_for(p: &PhysicalType) -> LogicalType {
    match p {
        PhysicalType::Text => LogicalType::Text,
        PhysicalType::SmallInt => LogicalType::SmallInt,
        PhysicalType::Integer => LogicalType::Int,
        PhysicalType::BigInt => LogicalType::BigInt,
        PhysicalType::Numeric(p, s) => LogicalType::Decimal(*p, *s),
        PhysicalType::Double | PhysicalType::Real => LogicalType::Float,
        PhysicalType::Boolean => LogicalType::Bool,
        PhysicalType::Date => LogicalType::Date,
        PhysicalType::Time => LogicalType::Time,
        PhysicalType::Timestamptz | PhysicalType::Timestamp => LogicalType::Timestamp,
        PhysicalType::Interval => LogicalType::Duration,
        PhysicalType::Uuid => LogicalType::Uuid,
        PhysicalType::Jsonb | PhysicalType::Json => LogicalType::Json,
        PhysicalType::Bytea => LogicalType::Bytes,
        PhysicalType::Varchar(Some(n)) => LogicalType::String(*n),
        PhysicalType::Enum(name) => LogicalType::Enum {
            name: name.clone(),
            values: Vec::new(),
        },
        other => LogicalType::Other(crate::expr::physical(other)),
    }
}

impl Importer {
    /// The physical type of a type name, resolving enums on the search path.
    pub(crate) fn type_of(&self, tn: &TypeName) -> PhysicalType {
        let is_enum = |schema: &str, name: &str| self.enum_ref(schema, name);
        physical(tn, &is_enum)
    }

    /// How a column refers to a known enum: bare when it is visible on the
    /// search path, qualified otherwise.
    fn enum_ref(&self, schema: &str, name: &str) -> Option<String> {
        let e = self.find_enum(schema, name)?;
        let e = &self.schema.enums[e];
        Some(match &e.namespace {
            Some(ns) if !self.search_path.iter().any(|s| s == ns) => format!("{}.{}", ident(ns), ident(&e.name)),
            _ => e.name.clone(),
        })
    }

    pub(crate) fn find_enum(&self, schema: &str, name: &str) -> Option<usize> {
        let found = |ns: Option<&str>| {
            self.schema
                .enums
                .iter()
                .position(|e| e.name == name && e.namespace.as_deref() == ns)
        };
        if !schema.is_empty() {
            return found(norm_ns(schema).as_deref());
        }
        self.path_namespaces().into_iter().find_map(|ns| found(ns.as_deref()))
    }

    pub(crate) fn create_enum(&mut self, s: &CreateEnumStmt, origin: SourceRef) {
        let (schema, name) = super::nodes::qualified(&strings(&s.type_name));
        let values = s.vals.iter().filter_map(super::nodes::const_str).collect();
        let namespace = self.create_ns(&schema);
        self.schema.enums.push(EnumType {
            namespace,
            name,
            values,
            origin: Some(origin),
        });
    }

    pub(crate) fn alter_enum(&mut self, s: &AlterEnumStmt) {
        let (schema, name) = super::nodes::qualified(&strings(&s.type_name));
        let Some(i) = self.find_enum(&schema, &name) else {
            self.warn(format!(
                "ALTER TYPE {name}: no such enum type was created before; kept verbatim"
            ));
            self.keep_opaque("alter type", &name);
            return;
        };
        let e = &mut self.schema.enums[i];
        if !s.old_val.is_empty() {
            if let Some(v) = e.values.iter_mut().find(|v| **v == s.old_val) {
                *v = s.new_val.clone();
            }
            return;
        }
        if e.values.contains(&s.new_val) {
            return;
        }
        let at = e.values.iter().position(|v| *v == s.new_val_neighbor);
        match at {
            Some(p) if s.new_val_is_after => e.values.insert(p + 1, s.new_val.clone()),
            Some(p) => e.values.insert(p, s.new_val.clone()),
            None => e.values.push(s.new_val.clone()),
        }
    }
}

/// A collation reference as SQL: bare (quoted as needed) when built in or
/// on the search path, else qualified.
pub(crate) fn collation_sql(names: &[String], search_path: &[String]) -> String {
    match names {
        [.., s, n] if s != "pg_catalog" && s != "public" && !search_path.contains(s) => {
            format!("{}.{}", ident(s), ident(n))
        }
        [.., n] => ident(n),
        [] => String::new(),
    }
}

/// `public` (and no schema) is the default namespace, `None`.
pub(crate) fn norm_ns(schema: &str) -> Option<String> {
    match schema {
        "" | "public" => None,
        s => Some(s.to_string()),
    }
}
