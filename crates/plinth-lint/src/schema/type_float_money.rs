//! `type-float-money`: money in a floating-point column.

use super::util::{column_origin, column_subject, is_money_name};
use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{PhysicalType, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "type-float-money",
        kind: RuleKind::Schema,
        severity: Severity::Error,
        summary: "Money-like column is a floating-point type",
        what: "Finds real / double precision / float columns whose name says money (price, amount, total, cost, \
               balance, fee, tax, salary, ...; not counts, rates or dates).",
        why: "Binary floating point cannot represent 0.10 exactly: sums drift by cents, equal amounts compare \
              unequal, and rounding differs between the database and the application. Money must be exact.",
        example: "CREATE TABLE invoices (id bigint PRIMARY KEY, total double precision NOT NULL);",
        fix: "Use numeric with an explicit scale (`total numeric(12,2)`), or an integer count of the minor unit \
              (`total_cents bigint`).",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        let keys: Vec<&str> = super::util::fk_columns(table).collect();
        // A foreign key (`artist_credit` → artist_credit.id) is never an amount.
        for c in table.columns.iter().filter(|c| !keys.contains(&c.name.as_str())) {
            let float = matches!(c.physical, PhysicalType::Double | PhysicalType::Real)
                || matches!(&c.physical, PhysicalType::Other(t) if t.starts_with("float"));
            if !float || !is_money_name(&c.name) {
                continue;
            }
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, &c.name),
                    format!("{}.{} looks like money but is {}", table.name, c.name, c.physical),
                )
                .help("use numeric(p, s) or an integer amount of the minor unit")
                .at(column_origin(table, c)),
            );
        }
    }
}
