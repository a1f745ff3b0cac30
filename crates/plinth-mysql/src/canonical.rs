//! One model for one MySQL schema, whichever way it was read. The importer
//! and the inspector both record what they see in full (every column's
//! collation, every table's engine and collation, defaults as written) and
//! then call [`canonicalize`], which removes what the server implies and
//! adds what it creates on its own:
//!
//! - a column collation equal to its table's is dropped, a table
//!   `COLLATE=` equal to the server's default and `ENGINE=InnoDB` (the
//!   default engine) are dropped;
//! - defaults are spelled as the server stores them: `TRUE` on a
//!   `tinyint(1)` is `1` is true, `0` on `decimal(5,2)` is `0.00`, `'3'` on
//!   an integer is `3`, `NULL` is no default;
//! - a NOT NULL date-time with ON UPDATE and no default defaults to the
//!   zero date-time, as MariaDB sets it;
//! - InnoDB's implicit index for a foreign key that no index covers;
//! - a unique index on plain columns is a unique constraint (information_schema
//!   lists it as one).

use crate::types::canonical_collation;
use plinth_model::{
    DefaultExpr, Index, IndexKey, IndexPurpose, Literal, PhysicalType, Schema, Table, UniqueConstraint,
};

/// The engine a table gets when none is named.
pub const DEFAULT_ENGINE: &str = "InnoDB";

/// The table's effective collation from its `COLLATE=` option.
pub fn table_collation(t: &Table) -> Option<String> {
    t.options.iter().find_map(|o| {
        let (k, v) = o.split_once('=')?;
        k.trim().eq_ignore_ascii_case("COLLATE").then(|| canonical_collation(v))
    })
}

/// `server_collation`: the server's default (`@@collation_server`); a table
/// collation equal to it is implied and dropped.
pub fn canonicalize(schema: &mut Schema, server_collation: &str) {
    let database_collation = canonical_collation(server_collation);
    for t in &mut schema.tables {
        let tc = table_collation(t).unwrap_or_else(|| database_collation.clone());
        for c in &mut t.columns {
            c.collation = c.collation.take().map(|x| canonical_collation(&x)).filter(|x| *x != tc);
            c.default = c.default.take().and_then(|d| canonical_default(d, &c.physical));
            c.on_update = c.on_update.take().and_then(|d| canonical_default(d, &c.physical));
            if c.default.is_none() && c.on_update.is_some() && !c.nullable {
                c.default = zero_datetime(&c.physical).map(|z| DefaultExpr::Literal(Literal::Str(z)));
            }
        }
        t.options = t
            .options
            .iter()
            .filter_map(|o| {
                if o.trim_start().to_ascii_uppercase().starts_with("PARTITION BY") {
                    return Some(o.trim().to_string());
                }
                let (k, v) = o
                    .split_once('=')
                    .map_or((o.as_str(), ""), |(k, v)| (k.trim(), v.trim()));
                let k = k.to_ascii_uppercase();
                match k.as_str() {
                    "ENGINE" if v.eq_ignore_ascii_case(DEFAULT_ENGINE) => None,
                    "COLLATE" if canonical_collation(v) == database_collation => None,
                    "COLLATE" => Some(format!("COLLATE={}", canonical_collation(v))),
                    _ if v.is_empty() => Some(o.trim().to_string()),
                    _ => Some(format!("{k}={v}")),
                }
            })
            .collect();
        t.options.sort();
        t.options.dedup();
        uniques_as_constraints(t);
        implicit_fk_indexes(t);
    }
}

/// A default as the server stores it for a column of type `ty`.
pub fn canonical_default(d: DefaultExpr, ty: &PhysicalType) -> Option<DefaultExpr> {
    let number = |s: &str| -> Option<String> {
        let t = s.trim();
        let ok = !t.is_empty()
            && t.trim_start_matches(['-', '+'])
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
            && t.chars().any(|c| c.is_ascii_digit());
        ok.then(|| t.trim_start_matches('+').to_string())
    };
    let lit = match &d {
        DefaultExpr::Literal(Literal::Number(n)) => Some(n.clone()),
        DefaultExpr::Literal(Literal::Str(s)) => number(s),
        DefaultExpr::Literal(Literal::Bool(b)) => Some(if *b { "1".into() } else { "0".into() }),
        _ => None,
    };
    match ty {
        PhysicalType::Boolean => match lit.as_deref() {
            Some("1") => Some(DefaultExpr::Literal(Literal::Bool(true))),
            Some("0") => Some(DefaultExpr::Literal(Literal::Bool(false))),
            _ => Some(d),
        },
        PhysicalType::Numeric(_, s) => match lit {
            Some(n) => Some(DefaultExpr::Literal(Literal::Number(with_scale(&n, *s)))),
            None => Some(d),
        },
        PhysicalType::SmallInt
        | PhysicalType::Integer
        | PhysicalType::BigInt
        | PhysicalType::Real
        | PhysicalType::Double => match lit {
            Some(n) => Some(DefaultExpr::Literal(Literal::Number(n))),
            None => Some(d),
        },
        PhysicalType::Other(o) if o.starts_with("decimal(") => match lit {
            Some(n) => {
                let scale = o
                    .split_once(',')
                    .and_then(|(_, r)| r.split(')').next()?.trim().parse().ok())
                    .unwrap_or(0);
                Some(DefaultExpr::Literal(Literal::Number(with_scale(&n, scale))))
            }
            None => Some(d),
        },
        PhysicalType::Other(o) if is_numeric_other(o) => match lit {
            Some(n) => Some(DefaultExpr::Literal(Literal::Number(n))),
            None => Some(d),
        },
        _ => Some(d),
    }
}

/// MariaDB gives a NOT NULL date-time column with ON UPDATE and no DEFAULT
/// the zero date-time (with as many fractional zeros as its precision).
fn zero_datetime(ty: &PhysicalType) -> Option<String> {
    let fsp = match ty {
        PhysicalType::Timestamp | PhysicalType::Timestamptz => 0,
        PhysicalType::Other(o) if o.starts_with("timestamp(") || o.starts_with("datetime(") => {
            o.split_once('(')?.1.trim_end_matches(')').parse().ok()?
        }
        _ => return None,
    };
    let frac = if fsp == 0 {
        String::new()
    } else {
        format!(".{}", "0".repeat(fsp))
    };
    Some(format!("0000-00-00 00:00:00{frac}"))
}

fn is_numeric_other(t: &str) -> bool {
    [
        "tinyint",
        "smallint",
        "mediumint",
        "int",
        "bigint",
        "decimal",
        "float",
        "double",
        "year",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// `0` with scale 2 → `0.00`; `4.999` with scale 2 → `4.999` (left as written:
/// the server would round, and a different value must stay visible).
fn with_scale(n: &str, scale: u32) -> String {
    let (int, frac) = n.split_once('.').unwrap_or((n, ""));
    if frac.len() > scale as usize {
        return n.to_string();
    }
    if scale == 0 {
        return int.to_string();
    }
    format!("{int}.{frac:0<width$}", width = scale as usize)
}

/// Unique indexes on plain ascending columns are unique constraints.
fn uniques_as_constraints(t: &mut Table) {
    let (plain, rest): (Vec<Index>, Vec<Index>) = std::mem::take(&mut t.indexes).into_iter().partition(|i| {
        i.unique
            && i.predicate.is_none()
            && i.elements
                .iter()
                .all(|e| matches!(e.key, IndexKey::Column(_)) && !e.descending)
    });
    t.indexes = rest;
    for i in plain {
        t.uniques.push(UniqueConstraint {
            name: i.name,
            columns: i
                .elements
                .iter()
                .filter_map(|e| e.column_name().map(str::to_string))
                .collect(),
            nulls_not_distinct: false,
            origin: i.origin,
        });
    }
}

/// InnoDB needs an index whose leading columns are a foreign key's columns
/// and creates one (named after the constraint) when none exists; it drops
/// that index again when a later index can serve instead. The final state
/// is: an implicit index for each foreign key that nothing else covers.
fn implicit_fk_indexes(t: &mut Table) {
    let lower = |v: &[String]| v.iter().map(|c| c.to_ascii_lowercase()).collect::<Vec<_>>();
    for fk in t.foreign_keys.clone() {
        let cols = lower(&fk.columns);
        let covers = |lead: Vec<String>| lead.len() >= cols.len() && lead[..cols.len()] == cols[..];
        let covered = t.primary_key.as_ref().is_some_and(|p| covers(lower(&p.columns)))
            || t.uniques.iter().any(|u| covers(lower(&u.columns)))
            || t.indexes.iter().any(|i| {
                covers(
                    i.elements
                        .iter()
                        .map_while(|e| e.column_name().map(str::to_ascii_lowercase))
                        .collect(),
                )
            });
        if !covered {
            let cols: Vec<&str> = fk.columns.iter().map(String::as_str).collect();
            // Named after the constraint when it was named, else (InnoDB's
            // `<table>_ibfk_<n>`) after its first column.
            let generated = fk
                .name
                .strip_prefix(&format!("{}_ibfk_", t.name))
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
            let name = if generated {
                crate::import::index_name(t, None, &fk.columns)
            } else {
                fk.name.clone()
            };
            let mut ix = Index::btree(name, &cols, IndexPurpose::ForeignKey(fk.name.clone()));
            ix.origin = fk.origin;
            t.indexes.push(ix);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_as_stored() {
        let n = |s: &str| DefaultExpr::Literal(Literal::Number(s.into()));
        assert_eq!(canonical_default(n("0"), &PhysicalType::Numeric(5, 2)), Some(n("0.00")));
        assert_eq!(
            canonical_default(n("4.99"), &PhysicalType::Numeric(4, 2)),
            Some(n("4.99"))
        );
        assert_eq!(
            canonical_default(DefaultExpr::Literal(Literal::Bool(true)), &PhysicalType::Boolean),
            canonical_default(n("1"), &PhysicalType::Boolean)
        );
        assert_eq!(
            canonical_default(DefaultExpr::Literal(Literal::Str("3".into())), &PhysicalType::Integer),
            Some(n("3"))
        );
    }
}
