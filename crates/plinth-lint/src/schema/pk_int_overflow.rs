//! `pk-int-overflow`: a generated 2- or 4-byte integer primary key.

use super::util::{column_origin, column_subject, is_generated_key, is_vocabulary_table};
use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{PhysicalType, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "pk-int-overflow",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Generated primary key is integer/smallint (serial) and can run out",
        what: "Finds single-column primary keys of type integer or smallint filled by a sequence (serial, \
               identity or a nextval default). Lookup tables (a key plus names, codes, labels and timestamps) \
               are left alone.",
        why: "A 4-byte key stops at 2,147,483,647; sequences also burn values on rolled-back inserts. When it runs \
              out, every INSERT fails, and widening the key later rewrites the table and every referencing table \
              under an ACCESS EXCLUSIVE lock.",
        example: "CREATE TABLE events (id serial PRIMARY KEY, payload jsonb);",
        fix: "Use `bigint GENERATED ALWAYS AS IDENTITY` (or a UUIDv7) for new tables; for existing tables plan the \
              int → bigint migration (shadow column + backfill + swap) before the sequence passes half its range.",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        let Some(pk) = &table.primary_key else { continue };
        let [col] = pk.columns.as_slice() else { continue };
        let Some(column) = table.column(col) else { continue };
        let bytes = match column.physical {
            PhysicalType::Integer => 4,
            PhysicalType::SmallInt => 2,
            _ => continue,
        };
        // A lookup table (language, country) never holds two billion rows.
        if !is_generated_key(column) || is_vocabulary_table(table) {
            continue;
        }
        out.push(
            Finding::new(
                &RULE.meta,
                column_subject(table, col),
                format!(
                    "primary key {}.{col} is a generated {bytes}-byte {} and can overflow",
                    table.name, column.physical
                ),
            )
            .help("use bigint (GENERATED ALWAYS AS IDENTITY) for generated keys")
            .at(column_origin(table, column)),
        );
    }
}
