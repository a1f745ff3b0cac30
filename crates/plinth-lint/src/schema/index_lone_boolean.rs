//! `index-lone-boolean`: an index on a boolean column alone.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{PhysicalType, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "index-lone-boolean",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Index on a single boolean column",
        what: "Finds full (non-partial) indexes whose only key is a boolean column.",
        why: "Two values split the table in halves the planner will rarely use: reading half the table through an \
              index is slower than scanning it. The index still costs every write.",
        example: "CREATE INDEX users_active_idx ON users (active);",
        fix: "Use a partial index on the rare value, keyed by what queries sort or filter by next: \
              `CREATE INDEX CONCURRENTLY users_inactive_idx ON users (id) WHERE NOT active;`",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        for index in table
            .indexes
            .iter()
            .filter(|i| i.predicate.is_none() && i.elements.len() == 1)
        {
            let Some(col) = index.elements[0].column_name() else {
                continue;
            };
            if !table.column(col).is_some_and(|c| c.physical == PhysicalType::Boolean) {
                continue;
            }
            out.push(
                Finding::new(
                    &RULE.meta,
                    format!("{}, index {}", table_subject(table), index.name),
                    format!("index {} covers only boolean column {}.{col}", index.name, table.name),
                )
                .help(format!(
                    "replace it with a partial index: ... WHERE {col} (or WHERE NOT {col})"
                ))
                .at(index.origin.or(table.origin)),
            );
        }
    }
}
