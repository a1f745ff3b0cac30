//! `fk-missing-index`: a foreign key whose columns do not lead any index.

use super::fixes::after_statement;
use super::{table_subject, SchemaRule};
use crate::{Edit, Finding, Fix, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "fk-missing-index",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Foreign key columns are not the leading columns of any index",
        what: "Finds foreign keys whose columns are not a prefix of an index, unique constraint or primary key \
               on the referencing table.",
        why: "Deleting or updating a referenced row makes PostgreSQL look for referencing rows; without an index \
              that is a sequential scan of the child table, under a lock, for every parent row. Joins from the \
              parent to its children need the same index.",
        example: "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));",
        fix: "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id); \
              `plinth lint --fix` adds the CREATE INDEX after the statement in a SQL schema file.",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        for fk in &table.foreign_keys {
            if is_covered(table, &fk.columns) {
                continue;
            }
            let cols = fk.columns.join(", ");
            let col_refs: Vec<&str> = fk.columns.iter().map(String::as_str).collect();
            let name = plinth_model::naming::object_name(&table.name, &col_refs, "idx", 63);
            out.push(
                Finding::new(
                    &RULE.meta,
                    format!("{}, foreign key {}", table_subject(table), fk.name),
                    format!(
                        "foreign key {} on {} ({cols}) has no index that starts with its columns",
                        fk.name, table.name
                    ),
                )
                .help(format!("{CREATE}{name} ON {} ({cols});", table.name))
                .at(fk.origin.or(table.origin)),
            );
        }
    }
}

/// Whether some index, unique constraint or the primary key starts with
/// exactly these columns (in any order among the first `columns.len()`).
fn is_covered(table: &plinth_model::Table, columns: &[String]) -> bool {
    let leads = |lead: Vec<&str>| -> bool {
        lead.len() >= columns.len() && columns.iter().all(|c| lead[..columns.len()].contains(&c.as_str()))
    };
    let pk = table
        .primary_key
        .iter()
        .map(|pk| pk.columns.iter().map(String::as_str).collect::<Vec<_>>());
    let uniques = table
        .uniques
        .iter()
        .map(|u| u.columns.iter().map(String::as_str).collect::<Vec<_>>());
    let indexes = table
        .indexes
        .iter()
        .filter(|i| i.predicate.is_none())
        .map(|i| i.leading_columns());
    pk.chain(uniques).chain(indexes).any(leads)
}

const CREATE: &str = "CREATE INDEX CONCURRENTLY ";

/// In a SQL schema file: the index statement after the statement that
/// declares the foreign key (without CONCURRENTLY: a schema file builds
/// new tables).
pub fn fix(finding: &Finding, source: &str) -> Option<Fix> {
    let span = finding.span?;
    let statement = finding.help.as_deref()?.strip_prefix(CREATE)?;
    let at = after_statement(source, span);
    Some(Fix {
        description: "add the foreign key's index".into(),
        edits: vec![Edit {
            start: at,
            end: at,
            replacement: format!("\nCREATE INDEX {statement}"),
        }],
    })
}
