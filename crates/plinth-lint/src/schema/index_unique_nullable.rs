//! `index-unique-nullable`: a multi-column unique constraint or index
//! with a nullable column.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{DialectKind, Predicate, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "index-unique-nullable",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Multi-column unique constraint includes a nullable column",
        what: "Finds unique constraints and unique indexes over two or more columns where one of the columns \
               allows NULL and NULLS NOT DISTINCT is not set (a partial index `WHERE col IS NOT NULL` proves the \
               column is never NULL there).",
        why: "NULL is distinct from NULL, so (a, NULL) can be inserted any number of times: the constraint lets \
              through exactly the duplicates it was written to stop.",
        example: "CREATE TABLE tags (id bigint PRIMARY KEY, workspace_id bigint NOT NULL, parent_id bigint, \
                  name text NOT NULL, UNIQUE (workspace_id, parent_id, name));",
        fix: "Declare the column NOT NULL, add `NULLS NOT DISTINCT` (PostgreSQL ≥ 15), or split into two partial \
              unique indexes (`WHERE parent_id IS NULL` / `IS NOT NULL`).",
    },
    check,
};

fn check(schema: &Schema, settings: &Settings, out: &mut Vec<Finding>) {
    let nnd = settings.target.dialect == DialectKind::Postgres && settings.target.version >= 15;
    for table in &schema.tables {
        type Key<'t> = (
            &'t str,
            &'t str,
            Vec<&'t str>,
            Option<plinth_model::SourceRef>,
            Option<String>,
        );
        let mut keys: Vec<Key<'_>> = Vec::new();
        for u in table.uniques.iter().filter(|u| !u.nulls_not_distinct) {
            keys.push((
                "unique constraint",
                &u.name,
                u.columns.iter().map(String::as_str).collect(),
                u.origin,
                None,
            ));
        }
        for i in table.indexes.iter().filter(|i| i.unique && !i.nulls_not_distinct) {
            let predicate = match &i.predicate {
                Some(Predicate::Sql(sql)) => Some(sql.to_ascii_lowercase()),
                _ => None,
            };
            keys.push(("unique index", &i.name, i.leading_columns(), i.origin, predicate));
        }
        for (kind, name, cols, origin, predicate) in keys {
            // A partial index `WHERE col IS NOT NULL` never holds a NULL in col.
            let proven = |c: &str| {
                predicate
                    .as_deref()
                    .is_some_and(|p| p.contains(&format!("{} is not null", c.to_ascii_lowercase())))
            };
            if cols.len() < 2 {
                continue;
            }
            let nullable: Vec<&str> = cols
                .iter()
                .copied()
                .filter(|c| table.column(c).is_some_and(|c| c.nullable) && !proven(c))
                .collect();
            if nullable.is_empty() {
                continue;
            }
            let help = if nnd {
                "declare the column NOT NULL or add NULLS NOT DISTINCT"
            } else {
                "declare the column NOT NULL or split into partial unique indexes on IS NULL / IS NOT NULL"
            };
            out.push(
                Finding::new(
                    &RULE.meta,
                    format!("{}, {kind} {name}", table_subject(table)),
                    format!(
                        "{kind} {name} on {} ({}) does not stop duplicates when {} is NULL",
                        table.name,
                        cols.join(", "),
                        nullable.join(" or ")
                    ),
                )
                .help(help)
                .at(origin.or(table.origin)),
            );
        }
    }
}
