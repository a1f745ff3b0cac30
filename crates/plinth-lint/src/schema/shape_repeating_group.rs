//! `shape-repeating-group`: numbered columns (phone1, phone2, ...).

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;
use std::collections::BTreeMap;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "shape-repeating-group",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Numbered columns form a repeating group (phone1, phone2, ...)",
        what: "Finds two or more columns of one table that share a name and differ only by a trailing number \
               (`phone1`, `phone2`; `tag_1`, `tag_2`), numbered 1, 2, 3, ... Two numbered foreign keys \
               (`user_1`, `user_2`) are the ends of a relationship, and other numberings (`iso_code_1` / \
               `iso_code_3`, `entity0` / `entity1`) name different things, and postal address lines (`line1`, \
               `line2`) follow the address format: all are left alone.",
        why: "A repeating group breaks first normal form: the third phone number needs a migration, queries must \
              OR over every column, and uniqueness or indexing across the group is impossible.",
        example: "CREATE TABLE contacts (id bigint PRIMARY KEY, phone1 text, phone2 text, phone3 text);",
        fix: "Move the group to a child table: `CREATE TABLE contact_phones (contact_id bigint REFERENCES \
              contacts, position int, phone text, PRIMARY KEY (contact_id, position));`",
    },
    check,
};

const ADDRESS_LINES: &[&str] = &["line", "address_line", "address", "street", "addr", "addr_line"];

/// `phone2` → (`phone`, 2).
fn numbered(name: &str) -> Option<(String, u32)> {
    let digits = name.len() - name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits == name.len() || digits > 2 {
        return None;
    }
    let (stem, n) = name.split_at(name.len() - digits);
    let stem = stem.trim_end_matches('_');
    (!stem.is_empty()).then(|| (stem.to_ascii_lowercase(), n.parse().unwrap_or(0)))
}

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        let mut groups: BTreeMap<String, Vec<(u32, &str)>> = BTreeMap::new();
        for c in &table.columns {
            if let Some((stem, n)) = numbered(&c.name) {
                groups.entry(stem).or_default().push((n, &c.name));
            }
        }
        // Postal address lines (line1, address_line_2) are the address's own format.
        groups.retain(|stem, _| !ADDRESS_LINES.contains(&stem.as_str()));
        // A group counts 1, 2, 3, ...: `iso_code_1` / `iso_code_3` name two
        // standards, `entity0` / `entity1` two ends.
        let groups: BTreeMap<String, Vec<&str>> = groups
            .into_iter()
            .filter(|(_, cols)| {
                let mut n: Vec<u32> = cols.iter().map(|(n, _)| *n).collect();
                n.sort_unstable();
                n.iter().enumerate().all(|(i, n)| *n as usize == i + 1)
            })
            .map(|(stem, cols)| (stem, cols.into_iter().map(|(_, c)| c).collect()))
            .collect();
        let keys: Vec<&str> = super::util::fk_columns(table).collect();
        // Two numbered foreign keys (entity0, entity1) are the two ends of a
        // relationship, not a repeating group.
        let relationship = |cols: &Vec<&str>| cols.len() == 2 && cols.iter().all(|c| keys.contains(c));
        for (stem, cols) in groups.into_iter().filter(|(_, c)| c.len() >= 2 && !relationship(c)) {
            let first = table.column(cols[0]).and_then(|c| c.origin).or(table.origin);
            out.push(
                Finding::new(
                    &RULE.meta,
                    format!("{}, columns {}", table_subject(table), cols.join(", ")),
                    format!(
                        "{} repeats `{stem}` as numbered columns ({})",
                        table.name,
                        cols.join(", ")
                    ),
                )
                .help(format!("move `{stem}` to a child table with one row per value"))
                .at(first),
            );
        }
    }
}
