//! Declared column types. SQLite stores any value in any column; the
//! declared type only decides the column's *affinity* (a preference for
//! INTEGER, REAL, NUMERIC, TEXT or BLOB storage) and, spelled exactly
//! `INTEGER` on a lone primary key, makes the column an alias of the rowid.
//!
//! So the model keeps a declared type as the [`PhysicalType`] variant whose
//! SQLite spelling ([`declared_spelling`]) has the same affinity (`INT`,
//! `INTEGER`, `MEDIUMINT` → integer; `NVARCHAR(160)` → varchar(160);
//! `DECIMAL(4,2)` → numeric(4,2); `DATETIME` → timestamp): emitting and
//! re-reading it changes no behaviour. Whether a key is a rowid alias is
//! kept apart, as an identity (see `lower::mark_rowid_alias`). A name
//! with no such variant stays verbatim (`BLOB SUB_TYPE TEXT`).

use crate::lexer::{tokenize, Tok};
use plinth_model::{LogicalType, PhysicalType};

/// The five storage preferences of SQLite columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affinity {
    Integer,
    Text,
    Blob,
    Real,
    Numeric,
}

/// SQLite's affinity rules (section 3.1 of "Datatypes In SQLite"), in order.
pub fn affinity(declared: &str) -> Affinity {
    let t = declared.to_ascii_uppercase();
    if t.contains("INT") {
        Affinity::Integer
    } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
        Affinity::Text
    } else if t.contains("BLOB") || t.trim().is_empty() {
        Affinity::Blob
    } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
        Affinity::Real
    } else {
        Affinity::Numeric
    }
}

/// A declared type with its whitespace made canonical: words separated by
/// one space, arguments without spaces (`VARCHAR ( 45 )` → `VARCHAR(45)`).
/// SQLite keeps the type as written; this is how both sides compare it.
pub fn normalize_declared(text: &str) -> String {
    let toks = tokenize(text);
    let mut words: Vec<&str> = Vec::new();
    let mut args = String::new();
    let mut in_args = false;
    for t in &toks {
        if t.is_punct("(") && !in_args {
            in_args = true;
            continue;
        }
        if in_args {
            if t.is_punct(")") {
                break;
            }
            args.push_str(&text[t.span.clone()]);
        } else {
            words.push(&text[t.span.clone()]);
        }
    }
    let mut out = words.join(" ");
    if in_args {
        out.push_str(&format!("({args})"));
    }
    out
}

fn args(declared: &str) -> Vec<u32> {
    let Some(open) = declared.find('(') else {
        return Vec::new();
    };
    declared[open + 1..]
        .trim_end_matches(')')
        .split(',')
        .filter_map(|a| a.trim().parse().ok())
        .collect()
}

/// The model type of a declared type (already normalised).
pub fn physical(declared: &str) -> PhysicalType {
    let upper = declared.to_ascii_uppercase();
    let base = upper.split('(').next().unwrap_or_default().trim();
    let a = args(declared);
    let t = match (base, a.as_slice()) {
        ("INTEGER" | "INT" | "INT4" | "MEDIUMINT", []) => PhysicalType::Integer,
        ("BIGINT" | "INT8" | "UNSIGNED BIG INT", []) => PhysicalType::BigInt,
        ("SMALLINT" | "TINYINT" | "INT2", []) => PhysicalType::SmallInt,
        ("TEXT" | "CLOB", []) => PhysicalType::Text,
        ("REAL", []) => PhysicalType::Real,
        ("DOUBLE" | "DOUBLE PRECISION" | "FLOAT", []) => PhysicalType::Double,
        ("BOOLEAN" | "BOOL", []) => PhysicalType::Boolean,
        ("DATE", []) => PhysicalType::Date,
        ("TIME", []) => PhysicalType::Time,
        ("TIMESTAMP" | "DATETIME", []) => PhysicalType::Timestamp,
        ("BLOB", []) => PhysicalType::Bytea,
        ("JSON", []) => PhysicalType::Json,
        ("VARCHAR", []) => PhysicalType::Varchar(None),
        ("VARCHAR" | "NVARCHAR" | "CHARACTER VARYING" | "VARYING CHARACTER" | "NATIONAL VARYING CHARACTER", [n]) => {
            PhysicalType::Varchar(Some(*n))
        }
        ("CHAR" | "CHARACTER" | "NCHAR" | "NATIVE CHARACTER", [n]) => PhysicalType::Char(Some(*n)),
        ("NUMERIC" | "DECIMAL", [p, s]) => PhysicalType::Numeric(*p, *s),
        _ => PhysicalType::Other(declared.to_string()),
    };
    // Never change behaviour: the variant's spelling keeps the affinity.
    match declared_spelling(&t) {
        Some(s) if affinity(&s) == affinity(declared) => t,
        _ => PhysicalType::Other(declared.to_string()),
    }
}

/// How the emitter declares a model type in SQLite. `None` for the types
/// SQLite has no spelling of its own for; [`design_spelling`] maps those.
pub fn declared_spelling(t: &PhysicalType) -> Option<String> {
    Some(match t {
        PhysicalType::Integer => "INTEGER".into(),
        PhysicalType::SmallInt => "SMALLINT".into(),
        PhysicalType::BigInt => "BIGINT".into(),
        PhysicalType::Text => "TEXT".into(),
        PhysicalType::Real => "REAL".into(),
        PhysicalType::Double => "DOUBLE PRECISION".into(),
        PhysicalType::Boolean => "BOOLEAN".into(),
        PhysicalType::Date => "DATE".into(),
        PhysicalType::Time => "TIME".into(),
        PhysicalType::Timestamp => "TIMESTAMP".into(),
        PhysicalType::Bytea => "BLOB".into(),
        PhysicalType::Json => "JSON".into(),
        PhysicalType::Varchar(None) => "VARCHAR".into(),
        PhysicalType::Varchar(Some(n)) => format!("VARCHAR({n})"),
        PhysicalType::Char(Some(n)) => format!("CHAR({n})"),
        PhysicalType::Numeric(p, s) => format!("NUMERIC({p},{s})"),
        PhysicalType::Other(s) => s.clone(),
        _ => return None,
    })
}

/// The SQLite spelling of every model type, including the ones designs
/// use that SQLite lacks: they are stored as TEXT (ISO-8601 times, UUIDs
/// in their 36-character form, JSON, enum labels) and checked where the
/// design asks for it.
pub fn design_spelling(t: &PhysicalType) -> String {
    declared_spelling(t).unwrap_or_else(|| match t {
        PhysicalType::Char(None) => "CHAR".into(),
        _ => "TEXT".into(),
    })
}

/// What a declared type means, for documents and the spec.
pub fn logical(declared: &str) -> LogicalType {
    let upper = declared.to_ascii_uppercase();
    let base = upper.split('(').next().unwrap_or_default().trim().to_string();
    let a = args(declared);
    match affinity(declared) {
        Affinity::Integer => match base.as_str() {
            "BIGINT" | "INT8" | "UNSIGNED BIG INT" => LogicalType::BigInt,
            "SMALLINT" | "TINYINT" | "INT2" | "MEDIUMINT" => LogicalType::SmallInt,
            "BOOLINT" => LogicalType::Bool,
            _ => LogicalType::Int,
        },
        Affinity::Text => match a.as_slice() {
            [n] if *n > 0 && !base.contains("TEXT") => LogicalType::String(*n),
            _ => LogicalType::Text,
        },
        Affinity::Blob => LogicalType::Bytes,
        Affinity::Real => LogicalType::Float,
        Affinity::Numeric => match (base.as_str(), a.as_slice()) {
            ("DECIMAL" | "NUMERIC", [p, s]) if *p >= 1 && s <= p => LogicalType::Decimal(*p, *s),
            ("BOOLEAN" | "BOOL", _) => LogicalType::Bool,
            ("DATE", _) => LogicalType::Date,
            ("TIME", _) => LogicalType::Time,
            ("DATETIME" | "TIMESTAMP", _) => LogicalType::Timestamp,
            ("JSON", _) => LogicalType::Json,
            ("UUID", _) => LogicalType::Uuid,
            _ => LogicalType::Other(declared.to_string()),
        },
    }
}

/// True when the declared type makes a lone primary key a rowid alias.
pub fn is_rowid_type(declared: &str) -> bool {
    declared.eq_ignore_ascii_case("INTEGER")
}

/// True when `text` is one string literal.
pub fn is_string_literal(text: &str) -> bool {
    matches!(tokenize(text).as_slice(), [t] if matches!(t.tok, Tok::Str(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affinity_follows_sqlite_rules() {
        assert_eq!(affinity("INT"), Affinity::Integer);
        assert_eq!(affinity("NVARCHAR(160)"), Affinity::Text);
        assert_eq!(affinity("BLOB SUB_TYPE TEXT"), Affinity::Text);
        assert_eq!(affinity(""), Affinity::Blob);
        assert_eq!(affinity("DOUBLE"), Affinity::Real);
        assert_eq!(affinity("DATETIME"), Affinity::Numeric);
        // "POINT" contains INT: SQLite says integer, and so do we.
        assert_eq!(affinity("FLOATING POINT"), Affinity::Integer);
    }

    #[test]
    fn declared_types_become_variants_of_the_same_affinity() {
        let varchar = physical(&normalize_declared("VARCHAR ( 45 )"));
        assert_eq!(varchar, PhysicalType::Varchar(Some(45)));
        assert_eq!(physical("nvarchar(160)"), PhysicalType::Varchar(Some(160)));
        assert_eq!(physical("INT"), PhysicalType::Integer);
        assert_eq!(physical("DECIMAL(4,2)"), PhysicalType::Numeric(4, 2));
        assert_eq!(
            physical("BLOB SUB_TYPE TEXT"),
            PhysicalType::Other("BLOB SUB_TYPE TEXT".into())
        );
        for t in [
            "INT",
            "INTEGER",
            "TINYINT",
            "MEDIUMINT",
            "BIGINT",
            "INT8",
            "UNSIGNED BIG INT",
            "NVARCHAR(160)",
            "CHARACTER(20)",
            "NCHAR(55)",
            "CLOB",
            "DOUBLE",
            "FLOAT",
            "REAL",
            "DECIMAL(10,5)",
            "BOOL",
            "DATETIME",
            "DATE",
            "BLOB",
            "",
            "ANY",
            "BLOB SUB_TYPE TEXT",
            "JSON",
        ] {
            let spelled = declared_spelling(&physical(t)).unwrap();
            assert_eq!(affinity(&spelled), affinity(t), "{t} → {spelled}");
        }
        assert_eq!(normalize_declared("BLOB   SUB_TYPE  TEXT"), "BLOB SUB_TYPE TEXT");
        assert_eq!(normalize_declared("decimal(5, 2)"), "decimal(5,2)");
        assert_eq!(logical("DECIMAL(4,2)"), LogicalType::Decimal(4, 2));
        assert_eq!(logical("NVARCHAR(160)"), LogicalType::String(160));
    }
}
