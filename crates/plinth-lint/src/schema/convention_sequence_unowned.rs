//! `convention-sequence-unowned`: a sequence feeding a column but not
//! owned by it.

use super::util::nextval_sequence;
use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "convention-sequence-unowned",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Sequence used by a column default is not owned by that column",
        what: "Finds sequences that a column default reads with nextval(...) but that are not `OWNED BY` that \
               column (standalone sequences no column uses are left alone).",
        why: "An unowned sequence outlives its table: DROP TABLE leaves it behind, pg_dump of one table forgets \
              it, and a rename of the table leaves a misleading name. Ownership also lets \
              pg_get_serial_sequence find it.",
        example: "CREATE SEQUENCE orders_id_seq;\n\
                  CREATE TABLE orders (id bigint PRIMARY KEY DEFAULT nextval('orders_id_seq'));",
        fix: "ALTER SEQUENCE orders_id_seq OWNED BY orders.id; (or use an identity column).",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for seq in &schema.sequences {
        let users: Vec<(&str, &str)> = schema
            .tables
            .iter()
            .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
            .filter(|(_, c)| nextval_sequence(c).as_deref() == Some(seq.name.as_str()))
            .map(|(t, c)| (t.name.as_str(), c.name.as_str()))
            .collect();
        let Some((table, column)) = users.first().copied() else {
            continue;
        };
        let owned = seq
            .owned_by
            .as_ref()
            .is_some_and(|(t, c)| users.iter().any(|(ut, uc)| t.rsplit('.').next() == Some(ut) && c == uc));
        if owned {
            continue;
        }
        out.push(
            Finding::new(
                &RULE.meta,
                format!("sequence {}", seq.name),
                format!("sequence {} feeds {table}.{column} but is not owned by it", seq.name),
            )
            .help(format!("ALTER SEQUENCE {} OWNED BY {table}.{column};", seq.name))
            .at(seq.origin),
        );
    }
}
