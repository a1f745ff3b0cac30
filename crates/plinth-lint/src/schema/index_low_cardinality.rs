//! `index-low-cardinality`: an index on an enumeration column alone.

use super::util::is_enum_column;
use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "index-low-cardinality",
        kind: RuleKind::Schema,
        severity: Severity::Info,
        summary: "Non-unique index on an enum-like column alone",
        what: "Finds full, non-unique indexes whose only key is an enumeration (a native enum, or a column \
               constrained by CHECK (col IN (...))).",
        why: "A handful of distinct values makes the index useful only for the rare values; for common ones the \
              planner scans anyway. Queries usually combine the status with another key, which is the index \
              they need.",
        example: "CREATE INDEX tasks_status_idx ON tasks (status);",
        fix: "Index what queries combine (`(project_id, status)`), or index the rare value partially: \
              `CREATE INDEX CONCURRENTLY ON tasks (created_at) WHERE status = 'failed';`",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        for index in table
            .indexes
            .iter()
            .filter(|i| !i.unique && i.predicate.is_none() && i.elements.len() == 1)
        {
            let Some(col) = index.elements[0].column_name() else {
                continue;
            };
            let Some(column) = table.column(col) else { continue };
            if !is_enum_column(table, column) {
                continue;
            }
            out.push(
                Finding::new(
                    &RULE.meta,
                    format!("{}, index {}", table_subject(table), index.name),
                    format!("index {} covers only enum column {}.{col}", index.name, table.name),
                )
                .help("lead with the column queries combine it with, or make it partial on the rare value")
                .at(index.origin.or(table.origin)),
            );
        }
    }
}
