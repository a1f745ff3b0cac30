//! Creation order: a table comes after the tables it references. Where
//! references form a cycle, the table that closes it is created first and
//! its foreign keys to later tables are added afterwards with ALTER TABLE.

use plinth_model::Schema;
use std::collections::HashSet;

/// Table indexes in creation order, plus for each table the names of the
/// foreign keys that must be added after all tables exist.
pub fn creation_order(schema: &Schema) -> (Vec<usize>, HashSet<(usize, String)>) {
    let n = schema.tables.len();
    let mut done = vec![false; n];
    let mut created: HashSet<&str> = HashSet::new();
    let mut order = Vec::with_capacity(n);
    let mut deferred = HashSet::new();
    let ready = |i: usize, created: &HashSet<&str>| {
        let t = &schema.tables[i];
        t.foreign_keys
            .iter()
            .all(|fk| fk.ref_table == t.name || created.contains(fk.ref_table.as_str()))
    };
    while order.len() < n {
        let next = (0..n).find(|&i| !done[i] && ready(i, &created));
        let i = match next {
            Some(i) => i,
            None => {
                // A cycle: take the first remaining table, defer what it lacks.
                let i = (0..n).find(|&i| !done[i]).expect("a table remains");
                let t = &schema.tables[i];
                for fk in &t.foreign_keys {
                    if fk.ref_table != t.name && !created.contains(fk.ref_table.as_str()) {
                        deferred.insert((i, fk.name.clone()));
                    }
                }
                i
            }
        };
        done[i] = true;
        created.insert(schema.tables[i].name.as_str());
        order.push(i);
    }
    (order, deferred)
}
