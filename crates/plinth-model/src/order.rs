//! Creation order, shared by every target and document that lists objects: a table comes after the tables it references and after
//! the table it is a partition of. Where references form a cycle, the table
//! that closes it is created first and its foreign keys to later tables are
//! added afterwards with ALTER TABLE.

use crate::{Schema, Table};
use std::collections::{HashMap, HashSet};

/// A table's identity: (namespace, name); `""` is the default namespace.
fn key<'a>(namespace: Option<&'a str>, name: &'a str) -> (&'a str, &'a str) {
    (namespace.unwrap_or(""), name)
}

fn table_key(t: &Table) -> (&str, &str) {
    key(t.namespace.as_deref(), &t.name)
}

/// Table indexes in creation order, plus the (table index, foreign key name)
/// pairs that must be added after all tables exist.
pub fn creation_order(schema: &Schema) -> (Vec<usize>, HashSet<(usize, String)>) {
    let n = schema.tables.len();
    let by_key: HashMap<(&str, &str), usize> = schema
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| (table_key(t), i))
        .collect();
    // For each table: the tables it must follow (partition parent, FK targets).
    let deps: Vec<Vec<(usize, Option<&str>)>> = schema
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut d = Vec::new();
            if let Some(p) = &t.partition_of {
                if let Some(&j) = by_key.get(&key(p.parent_namespace.as_deref(), &p.parent)) {
                    d.push((j, None));
                }
            }
            for fk in &t.foreign_keys {
                if let Some(&j) = by_key.get(&key(fk.ref_namespace.as_deref(), &fk.ref_table)) {
                    if j != i {
                        d.push((j, Some(fk.name.as_str())));
                    }
                }
            }
            d
        })
        .collect();
    let mut done = vec![false; n];
    let mut order = Vec::with_capacity(n);
    let mut deferred = HashSet::new();
    // Scan from a moving start so the common, already ordered case is linear.
    let mut start = 0;
    while order.len() < n {
        while start < n && done[start] {
            start += 1;
        }
        let next = (start..n).find(|&i| !done[i] && deps[i].iter().all(|(j, _)| done[*j]));
        let i = match next {
            Some(i) => i,
            None => {
                // A cycle: take the first remaining table, defer the foreign
                // keys it cannot have yet (a partition parent is never cyclic).
                let i = start;
                for (j, fk) in &deps[i] {
                    if let (false, Some(fk)) = (done[*j], fk) {
                        deferred.insert((i, fk.to_string()));
                    }
                }
                i
            }
        };
        done[i] = true;
        order.push(i);
    }
    (order, deferred)
}
