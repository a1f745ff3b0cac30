//! `name-too-long`: identifiers longer than PostgreSQL keeps.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{DialectKind, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "name-too-long",
        kind: RuleKind::Schema,
        severity: Severity::Error,
        summary: "Identifier longer than 63 bytes (PostgreSQL truncates it silently)",
        what: "Finds table, column, constraint, index and sequence names longer than 63 bytes (64 characters on \
               MySQL), or exactly at the limit: the PostgreSQL scanner cuts longer names to 63 bytes before any tool \
               sees them, so a name of exactly 63 bytes in a SQL file was almost always written longer.",
        why: "PostgreSQL truncates longer identifiers with only a NOTICE: two constraint names that differ after \
              byte 63 collide, and migrations or ORMs that refer to the full name fail to find the object.",
        example: "CREATE INDEX subscription_invoices_customer_billing_period_start_and_status_idx ON ...;",
        fix: "Choose a shorter name (abbreviate the middle, keep the `_idx` / `_fkey` suffix).",
    },
    check,
};

fn check(schema: &Schema, settings: &Settings, out: &mut Vec<Finding>) {
    let limit = match settings.target.dialect {
        DialectKind::Postgres => 63,
        DialectKind::MySql => 64,
        DialectKind::Sqlite => return,
    };
    let mut report = |subject: String, kind: &str, name: &str, origin| {
        // SQL sources arrive already cut to the limit (the PostgreSQL scanner
        // truncates identifiers), so a name of exactly the limit is reported too.
        if name.len() >= limit {
            let message = if name.len() > limit {
                format!("{kind} name {name} is {} bytes; the limit is {limit}", name.len())
            } else {
                format!("{kind} name {name} is exactly {limit} bytes: longer names are cut to this length, so it was probably truncated")
            };
            out.push(
                Finding::new(&RULE.meta, subject, message)
                .help(format!("shorten it to at most {limit} bytes"))
                .at(origin),
            );
        }
    };
    for t in &schema.tables {
        let subject = table_subject(t);
        report(subject.clone(), "table", &t.name, t.origin);
        for c in &t.columns {
            report(format!("{subject}, column {}", c.name), "column", &c.name, c.origin.or(t.origin));
        }
        for fk in &t.foreign_keys {
            report(format!("{subject}, constraint {}", fk.name), "constraint", &fk.name, fk.origin.or(t.origin));
        }
        for u in &t.uniques {
            report(format!("{subject}, constraint {}", u.name), "constraint", &u.name, u.origin.or(t.origin));
        }
        for c in &t.checks {
            report(format!("{subject}, constraint {}", c.name), "constraint", &c.name, c.origin.or(t.origin));
        }
        for i in &t.indexes {
            report(format!("{subject}, index {}", i.name), "index", &i.name, i.origin.or(t.origin));
        }
    }
    for s in &schema.sequences {
        report(format!("sequence {}", s.name), "sequence", &s.name, s.origin);
    }
}
