//! Type decisions: each logical type gets an exact physical type and, where
//! the physical type is looser than the meaning, a CHECK constraint.

use crate::context::Design;
use crate::passes::free_name;
use plinth_model::{CheckConstraint, CheckExpr, EnumType, KeyKind, LogicalType, PhysicalType};
use plinth_spec::EnumStyle;

/// Longest e-mail address (RFC 5321 path limit).
const EMAIL_MAX: u32 = 254;
const URL_MAX: u32 = 2048;
const SLUG_MAX: u32 = 100;

pub fn physical_type(d: &Design, logical: &LogicalType) -> PhysicalType {
    match logical {
        LogicalType::Text | LogicalType::String(_) | LogicalType::Email | LogicalType::Slug | LogicalType::Url => {
            PhysicalType::Text
        }
        LogicalType::SmallInt => PhysicalType::SmallInt,
        LogicalType::Int => PhysicalType::Integer,
        LogicalType::BigInt => PhysicalType::BigInt,
        LogicalType::Decimal(p, s) => PhysicalType::Numeric(*p, *s),
        LogicalType::Money => PhysicalType::Numeric(d.settings.money.0, d.settings.money.1),
        LogicalType::Percent => PhysicalType::Numeric(5, 2),
        LogicalType::Float => PhysicalType::Double,
        LogicalType::Bool => PhysicalType::Boolean,
        LogicalType::Date => PhysicalType::Date,
        LogicalType::Time => PhysicalType::Time,
        LogicalType::Timestamp => PhysicalType::Timestamptz,
        LogicalType::Duration => PhysicalType::Interval,
        LogicalType::Uuid => PhysicalType::Uuid,
        LogicalType::Json => PhysicalType::Jsonb,
        LogicalType::Bytes => PhysicalType::Bytea,
        LogicalType::Enum { name, .. } => match d.settings.enums {
            EnumStyle::Check => PhysicalType::Text,
            EnumStyle::Native => PhysicalType::Enum(name.clone()),
        },
        LogicalType::Key(KeyKind::Uuidv7) => PhysicalType::Uuid,
        LogicalType::Key(KeyKind::Cuid2) => PhysicalType::Text,
        LogicalType::Key(KeyKind::BigintIdentity) => PhysicalType::BigInt,
        LogicalType::Other(s) => PhysicalType::Other(s.clone()),
    }
}

/// The CHECK a logical type needs on top of its physical type.
fn type_check(column: &str, logical: &LogicalType, native_enums: bool) -> Option<CheckExpr> {
    let column = column.to_string();
    Some(match logical {
        LogicalType::String(n) => CheckExpr::MaxLength { column, max: *n },
        LogicalType::Email => CheckExpr::Matches {
            column,
            pattern: "^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$".to_string(),
        },
        LogicalType::Slug => CheckExpr::Matches {
            column,
            pattern: "^[a-z0-9]+(-[a-z0-9]+)*$".into(),
        },
        LogicalType::Url => CheckExpr::Matches {
            column,
            pattern: "^https?://[^\\s]+$".into(),
        },
        LogicalType::Percent => CheckExpr::Between {
            column,
            low: "0".into(),
            high: "100".into(),
        },
        LogicalType::Enum { values, .. } if !native_enums => CheckExpr::InList {
            column,
            values: values.clone(),
        },
        _ => return None,
    })
}

/// Extra length guard for pattern-checked text (a regex alone allows 1 GB).
fn length_check(column: &str, logical: &LogicalType) -> Option<CheckExpr> {
    let max = match logical {
        LogicalType::Email => EMAIL_MAX,
        LogicalType::Url => URL_MAX,
        LogicalType::Slug => SLUG_MAX,
        _ => return None,
    };
    Some(CheckExpr::MaxLength {
        column: column.to_string(),
        max,
    })
}

pub fn run(d: &mut Design) {
    let native = d.settings.enums == EnumStyle::Native;
    let mut seen_money = false;
    let mut seen_timestamp = false;
    let mut seen_json = false;
    let mut seen_enum = false;
    let mut seen_string = false;
    for ti in 0..d.schema.tables.len() {
        let table = d.schema.tables[ti].name.clone();
        let columns: Vec<(String, LogicalType)> = d.schema.tables[ti]
            .columns
            .iter()
            .map(|c| (c.name.clone(), c.logical.clone()))
            .collect();
        for (column, logical) in columns {
            let mut parts: Vec<CheckExpr> = [length_check(&column, &logical), type_check(&column, &logical, native)]
                .into_iter()
                .flatten()
                .collect();
            if !parts.is_empty() {
                let expr = if parts.len() == 1 {
                    parts.remove(0)
                } else {
                    CheckExpr::All(parts)
                };
                let name = free_name(d, &table, &format!("{table}_{column}_check"));
                let origin = d.schema.tables[ti].column(&column).and_then(|c| c.origin);
                d.schema.tables[ti].checks.push(CheckConstraint { name, expr, origin });
            }
            match &logical {
                LogicalType::Money if !seen_money => {
                    seen_money = true;
                    let (p, s) = d.settings.money;
                    d.schema.decide("schema", "money-exact", format!("money is numeric({p},{s}): exact decimal arithmetic, never binary floating point, with {s} places for sub-cent rates."));
                }
                LogicalType::Timestamp if !seen_timestamp => {
                    seen_timestamp = true;
                    d.schema.decide("schema", "timestamp-with-time-zone", "timestamp is timestamptz: instants are stored in UTC and compared correctly across time zones.");
                }
                LogicalType::Json if !seen_json => {
                    seen_json = true;
                    d.schema.decide(
                        "schema",
                        "jsonb",
                        "json is jsonb: binary, indexable with GIN, and duplicate keys are not kept.",
                    );
                }
                LogicalType::String(_) if !seen_string => {
                    seen_string = true;
                    d.schema.decide("schema", "text-with-length-check", "string(n) is text with a CHECK on char_length: the limit can change without a table rewrite, unlike varchar(n).");
                }
                LogicalType::Enum { name, values } => {
                    if native {
                        if !d.schema.enums.iter().any(|e| &e.name == name) {
                            d.schema.enums.push(EnumType {
                                namespace: None,
                                name: name.clone(),
                                values: values.clone(),
                                origin: None,
                            });
                        }
                    } else if !seen_enum {
                        seen_enum = true;
                        d.schema.decide("schema", "enum-as-check", "Enumerations are text with a CHECK (col IN (...)): adding or removing a value is a constraint swap, not an ALTER TYPE that cannot run in a transaction or drop values.");
                    }
                }
                _ => {}
            }
        }
    }
    if native {
        // Named enums no column uses are still part of the design.
        d.schema.decide("schema", "enum-native", "Enumerations are native enum types, as the settings ask: compact and self-documenting, but values can only be added, never removed, without a rewrite.");
    } else {
        d.schema.enums.clear();
    }
}
