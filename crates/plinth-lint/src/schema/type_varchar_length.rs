//! `type-varchar-length`: `varchar(n)` on PostgreSQL.

use super::util::{column_origin, column_subject};
use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{DialectKind, PhysicalType, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "type-varchar-length",
        kind: RuleKind::Schema,
        severity: Severity::Info,
        summary: "varchar(n) on PostgreSQL: prefer text with a CHECK on the length",
        what: "Finds `varchar(n)` columns when the target is PostgreSQL (MySQL and SQLite are left alone: there \
               varchar is the normal string type).",
        why: "On PostgreSQL varchar(n) and text are stored the same way; the limit is a business rule written as a \
              type. Changing it later is a type change; a CHECK constraint states the same rule, can be added \
              NOT VALID and validated without blocking writes, and can say more (a minimum, a pattern).",
        example: "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100) NOT NULL);",
        fix: "`name text NOT NULL CHECK (char_length(name) <= 100)`.",
    },
    check,
};

fn check(schema: &Schema, settings: &Settings, out: &mut Vec<Finding>) {
    if settings.target.dialect != DialectKind::Postgres {
        return;
    }
    for table in &schema.tables {
        for c in &table.columns {
            let PhysicalType::Varchar(Some(n)) = c.physical else {
                continue;
            };
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, &c.name),
                    format!("{}.{} is varchar({n})", table.name, c.name),
                )
                .help(format!("use text CHECK (char_length({}) <= {n})", c.name))
                .at(column_origin(table, c)),
            );
        }
    }
}
