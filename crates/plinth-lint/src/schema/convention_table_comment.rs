//! `convention-table-comment`: a table without a comment (off by default).

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "convention-table-comment",
        kind: RuleKind::Schema,
        severity: Severity::Info,
        summary: "Table has no comment (off by default)",
        what: "Finds tables without `COMMENT ON TABLE`. Off by default: enable it in plinth.toml \
               (`[lint.severity] convention-table-comment = \"info\"` or `select`).",
        why: "The catalog is the documentation every tool (psql \\d+, ERD generators, data catalogs) reads; a \
              comment says what a row is and who owns it.",
        example: "CREATE TABLE ledger_entries (id bigint PRIMARY KEY);",
        fix: "COMMENT ON TABLE ledger_entries IS 'One posting per account per transaction; append-only.';",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in schema
        .tables
        .iter()
        .filter(|t| t.comment.is_none() && t.partition_of.is_none())
    {
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!("table {} has no comment", table.name),
            )
            .help(format!("COMMENT ON TABLE {} IS '...';", table.name))
            .at(table.origin),
        );
    }
}
