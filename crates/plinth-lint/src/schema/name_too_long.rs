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
               MySQL). In SQL files the PostgreSQL scanner cuts names before the model sees them, so there the \
               identifiers are read from the file's text.",
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
        if name.len() > limit {
            let message = format!("{kind} name {name} is {} bytes; the limit is {limit}", name.len());
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
            report(
                format!("{subject}, column {}", c.name),
                "column",
                &c.name,
                c.origin.or(t.origin),
            );
        }
        for fk in &t.foreign_keys {
            report(
                format!("{subject}, constraint {}", fk.name),
                "constraint",
                &fk.name,
                fk.origin.or(t.origin),
            );
        }
        for u in &t.uniques {
            report(
                format!("{subject}, constraint {}", u.name),
                "constraint",
                &u.name,
                u.origin.or(t.origin),
            );
        }
        for c in &t.checks {
            report(
                format!("{subject}, constraint {}", c.name),
                "constraint",
                &c.name,
                c.origin.or(t.origin),
            );
        }
        for i in &t.indexes {
            report(
                format!("{subject}, index {}", i.name),
                "index",
                &i.name,
                i.origin.or(t.origin),
            );
        }
    }
    for s in &schema.sequences {
        report(format!("sequence {}", s.name), "sequence", &s.name, s.origin);
    }
}

/// In SQL text: identifiers (plain or quoted, outside strings and
/// comments) longer than PostgreSQL keeps, each reported once at its first
/// occurrence. The model cannot see these: the scanner already cut them.
pub fn scan_sql(text: &str, settings: &Settings) -> Vec<Finding> {
    if settings.target.dialect != DialectKind::Postgres {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (start, end, name) = if b == b'-' && bytes.get(i + 1) == Some(&b'-') {
            i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            continue;
        } else if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
            i = text[i + 2..].find("*/").map_or(bytes.len(), |n| i + 2 + n + 2);
            continue;
        } else if b == b'\'' {
            let mut j = i + 1;
            while j < bytes.len() {
                if bytes[j] == b'\'' {
                    if bytes.get(j + 1) == Some(&b'\'') {
                        j += 2;
                        continue;
                    }
                    break;
                }
                j += 1;
            }
            i = j + 1;
            continue;
        } else if b == b'$' && !(i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_')) {
            // Dollar-quoted body: skip to the closing tag.
            let Some(close) = text[i + 1..].find('$') else { break };
            let tag = &text[i..i + 1 + close + 1];
            let body = i + tag.len();
            i = text[body..].find(tag).map_or(bytes.len(), |n| body + n + tag.len());
            continue;
        } else if b == b'"' {
            let close = text[i + 1..].find('"').map_or(bytes.len(), |n| i + 1 + n);
            (i, close + 1, text[i + 1..close.min(bytes.len())].to_string())
        } else if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 {
            let mut j = i;
            while j < bytes.len()
                && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] == b'$' || bytes[j] >= 0x80)
            {
                j += 1;
            }
            (i, j, text[i..j].to_ascii_lowercase())
        } else {
            i += 1;
            continue;
        };
        i = end.max(start + 1);
        if name.len() > 63 && seen.insert(name.clone()) {
            out.push(
                Finding::new(
                    &RULE.meta,
                    format!("identifier {name}"),
                    format!(
                        "identifier {name} is {} bytes; PostgreSQL cuts it to {}",
                        name.len(),
                        &name[..floor(&name, 63)]
                    ),
                )
                .help("shorten it to at most 63 bytes")
                .at(Some(plinth_model::SourceRef { start, end })),
            );
        }
    }
    out
}

fn floor(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}
