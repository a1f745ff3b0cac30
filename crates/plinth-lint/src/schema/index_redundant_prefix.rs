//! `index-redundant-prefix`: a plain index whose keys are a prefix of
//! another index's keys.

use super::util::key_structures;
use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "index-redundant-prefix",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Index is a leading prefix of another index",
        what: "Finds non-unique B-tree indexes whose keys are the leading keys of a longer B-tree index, unique \
               constraint or primary key on the same table with the same predicate.",
        why: "A B-tree on (a, b) serves every lookup and ordering on (a) as well; the shorter index only adds \
              write cost and memory pressure.",
        example: "CREATE INDEX t_a_idx ON t (a);\nCREATE INDEX t_a_b_idx ON t (a, b);",
        fix: "DROP INDEX CONCURRENTLY t_a_idx;",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        let keys = key_structures(table);
        for k in keys.iter().filter(|k| !k.unique && k.btree && k.kind == "index") {
            let Some(longer) = keys.iter().find(|o| {
                o.btree && o.predicate == k.predicate && o.keys.len() > k.keys.len() && o.keys.starts_with(&k.keys)
            }) else {
                continue;
            };
            out.push(
                Finding::new(
                    &RULE.meta,
                    format!("{}, index {}", table_subject(table), k.name),
                    format!(
                        "index {} ({}) is a prefix of {} {} ({})",
                        k.name,
                        k.keys.join(", "),
                        longer.kind,
                        longer.name,
                        longer.keys.join(", ")
                    ),
                )
                .help(format!(
                    "DROP INDEX CONCURRENTLY {}; {} serves the same lookups",
                    k.name, longer.name
                ))
                .at(k.origin),
            );
        }
    }
}
