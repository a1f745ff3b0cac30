//! `fk-cycle`: tables that reference each other in a cycle.

use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;
use std::collections::BTreeSet;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "fk-cycle",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Foreign keys form a cycle between tables",
        what: "Finds groups of two or more tables whose foreign keys reference each other in a cycle \
               (self-references, like a parent row, are not cycles).",
        why: "Rows in a cycle cannot be inserted or deleted in any order unless a key is nullable or deferrable; \
              loading a dump or a fixture needs the constraints disabled; cascades can loop back.",
        example: "CREATE TABLE teams (id bigint PRIMARY KEY, lead_id bigint NOT NULL REFERENCES people);\n\
                  CREATE TABLE people (id bigint PRIMARY KEY, team_id bigint NOT NULL REFERENCES teams);",
        fix: "Break the cycle: make one side nullable (set later), move it to a junction table, or declare it \
              `DEFERRABLE INITIALLY DEFERRED`.",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    let n = schema.tables.len();
    let index = |name: &str| schema.tables.iter().position(|t| t.name == name);
    let edges: Vec<Vec<usize>> = schema
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let set: BTreeSet<usize> = t
                .foreign_keys
                .iter()
                .filter_map(|fk| index(&fk.ref_table))
                .filter(|&j| j != i)
                .collect();
            set.into_iter().collect()
        })
        .collect();
    // Tables that can reach themselves form a cycle; group them by reachability.
    let reach: Vec<BTreeSet<usize>> = (0..n).map(|i| reachable(&edges, i)).collect();
    let mut seen = BTreeSet::new();
    for i in 0..n {
        if seen.contains(&i) || !reach[i].contains(&i) {
            continue;
        }
        let group: Vec<usize> = (0..n)
            .filter(|&j| reach[i].contains(&j) && reach[j].contains(&i))
            .collect();
        seen.extend(group.iter().copied());
        let names: Vec<&str> = group.iter().map(|&j| schema.tables[j].name.as_str()).collect();
        let first = &schema.tables[group[0]];
        let breakable = group.iter().any(|&j| {
            let t = &schema.tables[j];
            t.foreign_keys.iter().any(|fk| {
                names.contains(&fk.ref_table.as_str())
                    && (fk.deferrable || fk.columns.iter().any(|c| t.column(c).is_some_and(|c| c.nullable)))
            })
        });
        let help = if breakable {
            "the cycle can be loaded (a key is nullable or deferrable), but inserts and deletes need a careful order; \
             consider a junction table"
        } else {
            "every key in the cycle is NOT NULL and immediate: no row can be inserted; make one nullable or \
             DEFERRABLE INITIALLY DEFERRED"
        };
        out.push(
            Finding::new(
                &RULE.meta,
                format!("tables {}", names.join(", ")),
                format!("foreign keys form a cycle: {}", names.join(" → ")),
            )
            .help(help)
            .at(first.origin),
        );
    }
}

fn reachable(edges: &[Vec<usize>], from: usize) -> BTreeSet<usize> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<usize> = edges[from].clone();
    while let Some(x) = stack.pop() {
        if seen.insert(x) {
            stack.extend(edges[x].iter().copied());
        }
    }
    seen
}
