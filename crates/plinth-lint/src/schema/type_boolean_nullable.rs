//! `type-boolean-nullable`: a boolean that may be NULL.

use super::util::{column_origin, column_subject};
use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{PhysicalType, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "type-boolean-nullable",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Boolean column allows NULL (three states)",
        what: "Finds boolean columns without NOT NULL.",
        why: "A nullable flag has three states; `WHERE NOT archived` skips the NULL rows, and every reader must \
              decide what NULL means. If the third state is real, it deserves a name.",
        example: "CREATE TABLE users (id bigint PRIMARY KEY, verified boolean);",
        fix: "`verified boolean NOT NULL DEFAULT false`; or, when unknown is a real state, an enum \
              (`verification text CHECK (verification IN ('unknown', 'yes', 'no'))`).",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        for c in table
            .columns
            .iter()
            .filter(|c| c.physical == PhysicalType::Boolean && c.nullable)
        {
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, &c.name),
                    format!("{}.{} is a nullable boolean", table.name, c.name),
                )
                .help(format!("declare {} boolean NOT NULL DEFAULT false", c.name))
                .at(column_origin(table, c)),
            );
        }
    }
}
