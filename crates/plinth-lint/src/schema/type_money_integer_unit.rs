//! `type-money-integer-unit`: money as an integer whose name hides the
//! unit.

use super::util::{column_origin, column_subject, is_money_name, words};
use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{PhysicalType, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "type-money-integer-unit",
        kind: RuleKind::Schema,
        severity: Severity::Info,
        summary: "Money stored as an integer without the unit in its name",
        what: "Finds integer columns whose name says money (price, amount, total, ...) but not the unit \
               (`_cents`, `_pence`, `_minor`, `_micros`, ...).",
        why: "Integers are a good way to store money, but `price = 1999` is $19.99 to one reader and $1999 to \
              another; the first bug report is off by a factor of 100.",
        example: "CREATE TABLE products (id bigint PRIMARY KEY, price integer NOT NULL);",
        fix: "Say the unit in the name (`price_cents`) or in a comment, or use numeric(p, s) for amounts in \
              major units.",
    },
    check,
};

const UNITS: &[&str] = &[
    "cents", "cent", "pence", "minor", "micros", "millis", "satoshi", "satoshis", "units",
];

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        let keys: Vec<&str> = super::util::fk_columns(table).collect();
        // A foreign key (`artist_credit` → artist_credit.id) is never an amount.
        for c in table.columns.iter().filter(|c| !keys.contains(&c.name.as_str())) {
            if !matches!(
                c.physical,
                PhysicalType::Integer | PhysicalType::BigInt | PhysicalType::SmallInt
            ) {
                continue;
            }
            if !is_money_name(&c.name) || words(&c.name).iter().any(|w| UNITS.contains(&w.as_str())) {
                continue;
            }
            if c.comment.is_some() {
                continue;
            }
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, &c.name),
                    format!("{}.{} is an integer amount of money with no unit", table.name, c.name),
                )
                .help(format!("name the unit ({}_cents) or comment on it", c.name))
                .at(column_origin(table, c)),
            );
        }
    }
}
