//! Tables: matched by name or by an explicit rename hint; their columns,
//! constraints, indexes and comments compared.

use crate::change::{Change, Constraint, Trait};
use crate::{classify, ChangeSet, Hints, Options, Question};
use plinth_model::equality::{check_sql, default_key, expr_key, index_key, type_key, CompareOptions};
use plinth_model::{Column, ColumnRole, ForeignKey, Index, Schema, Table};
use std::collections::BTreeSet;

pub(crate) fn diff(from: &Schema, to: &Schema, hints: &Hints, options: &Options, out: &mut ChangeSet) {
    let o = options.compare();
    let mut to_tables: Vec<&Table> = to.tables.iter().collect();
    to_tables.sort_by(|a, b| a.name.cmp(&b.name));
    let mut matched: BTreeSet<&str> = BTreeSet::new();
    // Tables TO rebuilds as partitioned: their partitions come with them.
    let mut rebuilt: BTreeSet<&str> = BTreeSet::new();
    let mut creates = Vec::new();
    let mut per_table = Vec::new();
    let by_name_from: std::collections::HashMap<&str, &Table> =
        from.tables.iter().map(|t| (t.name.as_str(), t)).collect();
    for b in &to_tables {
        let by_name = by_name_from.get(b.name.as_str()).copied();
        let renamed = hints
            .tables
            .get(&b.name)
            .filter(|_| by_name.is_none())
            .and_then(|old| by_name_from.get(old.as_str()).copied());
        let Some(a) = by_name.or(renamed) else {
            creates.push(*b);
            continue;
        };
        matched.insert(a.name.as_str());
        if renamed.is_some() {
            per_table.push(Change::RenameTable {
                from: a.name.clone(),
                to: b.name.clone(),
            });
        }
        if a.partitioning != b.partitioning && a.partition_of.is_none() {
            let partitions: Vec<Table> = to
                .tables
                .iter()
                .filter(|p| p.partition_of.as_ref().is_some_and(|po| po.parent == b.name))
                .cloned()
                .collect();
            rebuilt.extend(
                to.tables
                    .iter()
                    .filter(|p| partitions.iter().any(|q| q.name == p.name))
                    .map(|p| p.name.as_str()),
            );
            per_table.push(Change::Repartition {
                from: a.clone(),
                to: (*b).clone(),
                partitions,
            });
            continue;
        }
        table(a, b, hints, &o, &mut per_table, &mut out.questions);
    }
    let dropped: Vec<&Table> = {
        let mut d: Vec<&Table> = from
            .tables
            .iter()
            .filter(|a| !matched.contains(a.name.as_str()))
            .collect();
        d.sort_by(|a, b| a.name.cmp(&b.name));
        d
    };
    for b in creates.iter().filter(|b| !rebuilt.contains(b.name.as_str())) {
        out.changes.push(Change::CreateTable((*b).clone()));
        for a in &dropped {
            if shape(a) == shape(b) {
                out.questions.push(Question {
                    subject: b.name.clone(),
                    text: format!(
                        "table {} is dropped and {} is added with the same columns: did you rename {} to {}? \
                         add @renamed_from(\"{}\") to the entity (or `-- plinth:renamed-from {}` above CREATE TABLE)",
                        a.name, b.name, a.name, b.name, a.name, a.name
                    ),
                });
            }
        }
    }
    out.changes.extend(per_table);
    out.changes
        .extend(dropped.into_iter().map(|t| Change::DropTable(t.clone())));
}

/// Column names and types, for rename questions.
fn shape(t: &Table) -> Vec<(String, String)> {
    let mut s: Vec<(String, String)> = t
        .columns
        .iter()
        .map(|c| (c.name.clone(), type_key(&c.physical)))
        .collect();
    s.sort();
    s
}

fn table(a: &Table, b: &Table, hints: &Hints, o: &CompareOptions, out: &mut Vec<Change>, qs: &mut Vec<Question>) {
    let t = b.name.clone();
    let mut matched: BTreeSet<&str> = BTreeSet::new();
    let mut added = Vec::new();
    for cb in &b.columns {
        let by_name = a.column(&cb.name);
        let renamed = hints
            .columns
            .get(&(b.name.clone(), cb.name.clone()))
            .filter(|_| by_name.is_none())
            .and_then(|old| a.column(old));
        let Some(ca) = by_name.or(renamed) else {
            added.push(cb);
            continue;
        };
        matched.insert(ca.name.as_str());
        if renamed.is_some() {
            out.push(Change::RenameColumn {
                table: t.clone(),
                from: ca.clone(),
                to: cb.clone(),
            });
        }
        column(&t, ca, cb, o, out);
    }
    let dropped: Vec<&Column> = a
        .columns
        .iter()
        .filter(|c| !matched.contains(c.name.as_str()))
        .collect();
    for cb in &added {
        out.push(Change::AddColumn {
            table: t.clone(),
            column: (*cb).clone(),
        });
        for ca in &dropped {
            if type_key(&ca.physical) == type_key(&cb.physical) && ca.nullable == cb.nullable {
                qs.push(Question {
                    subject: format!("{t}.{}", cb.name),
                    text: format!(
                        "column {t}.{} is dropped and {t}.{} is added with the same type: did you rename it? \
                         add @renamed_from(\"{}\") to the field (or `-- plinth:renamed-from {}` above the column)",
                        ca.name, cb.name, ca.name, ca.name
                    ),
                });
            }
        }
    }
    constraints(&t, a, b, o, out);
    indexes(&t, a, b, o, out);
    if a.comment != b.comment {
        out.push(Change::TableComment {
            table: t.clone(),
            from: a.comment.clone(),
            to: b.comment.clone(),
        });
    }
    let rls = |x: &Table| format!("{:?}", x.row_security);
    let trig = |x: &Table| format!("{:?}", x.triggers);
    if rls(a) != rls(b) {
        out.push(Change::RowSecurity {
            table: t.clone(),
            from: a.row_security.clone(),
            to: b.row_security.clone(),
        });
    }
    if trig(a) != trig(b) {
        out.push(Change::Unsupported {
            object: t.clone(),
            what: "triggers change".into(),
        });
    }
    for cb in &added {
        let tenant = b.tenant_column.as_deref() == Some(cb.name.as_str()) || cb.role == ColumnRole::Tenant;
        if tenant && a.tenant_column.is_none() {
            out.push(Change::Gained {
                table: t.clone(),
                what: Trait::TenantColumnAdded,
            });
        }
        if cb.role == ColumnRole::DeletedAt || (cb.name == "deleted_at" && b.traits.soft_delete) {
            out.push(Change::Gained {
                table: t.clone(),
                what: Trait::SoftDeleteAdded,
            });
        }
    }
    for ca in dropped {
        out.push(Change::DropColumn {
            table: t.clone(),
            column: ca.clone(),
        });
    }
}

fn column(t: &str, a: &Column, b: &Column, o: &CompareOptions, out: &mut Vec<Change>) {
    if type_key(&a.physical) != type_key(&b.physical) {
        out.push(Change::AlterColumnType {
            table: t.into(),
            from: a.clone(),
            to: b.clone(),
            how: classify(&a.physical, &b.physical),
        });
    }
    // Structural equality first: the normaliser parses SQL, which is slow.
    if a.default != b.default && default_key(o, a) != default_key(o, b) {
        out.push(Change::ChangeDefault {
            table: t.into(),
            from: a.clone(),
            to: b.clone(),
        });
    }
    if a.nullable && !b.nullable {
        out.push(Change::SetNotNull {
            table: t.into(),
            column: b.clone(),
        });
    } else if !a.nullable && b.nullable {
        out.push(Change::DropNotNull {
            table: t.into(),
            column: b.clone(),
        });
    }
    if a.comment != b.comment {
        out.push(Change::ColumnComment {
            table: t.into(),
            column: b.name.clone(),
            from: a.comment.clone(),
            to: b.comment.clone(),
        });
    }
    for (what, x, y) in [
        ("identity", format!("{:?}", a.identity), format!("{:?}", b.identity)),
        (
            "generated expression",
            format!("{:?}", a.generated),
            format!("{:?}", b.generated),
        ),
        ("collation", format!("{:?}", a.collation), format!("{:?}", b.collation)),
    ] {
        if x != y {
            out.push(Change::Unsupported {
                object: format!("{t}.{}", b.name),
                what: format!("{what} change"),
            });
        }
    }
}

fn fk_key(f: &ForeignKey) -> String {
    format!(
        "({}) -> {}({}) {:?} {:?} {:?} {} {} {}",
        f.columns.join(","),
        f.ref_table,
        f.ref_columns.join(","),
        f.on_delete,
        f.on_update,
        f.set_null_columns,
        f.deferrable,
        f.initially_deferred,
        f.match_full
    )
}

/// (name, definition key, constraint) of every constraint.
fn all_constraints(t: &Table, o: &CompareOptions) -> Vec<(String, String, Constraint)> {
    let mut v = Vec::new();
    if let Some(pk) = &t.primary_key {
        v.push((
            pk.name.clone(),
            format!("pk ({})", pk.columns.join(",")),
            Constraint::PrimaryKey(pk.clone()),
        ));
    }
    for f in &t.foreign_keys {
        v.push((
            f.name.clone(),
            format!("fk {}", fk_key(f)),
            Constraint::ForeignKey(f.clone()),
        ));
    }
    for c in &t.checks {
        v.push((
            c.name.clone(),
            format!("check {}", expr_key(o, &check_sql(&c.expr))),
            Constraint::Check(c.clone()),
        ));
    }
    for u in &t.uniques {
        v.push((
            u.name.clone(),
            format!("unique ({}) {}", u.columns.join(","), u.nulls_not_distinct),
            Constraint::Unique(u.clone()),
        ));
    }
    v
}

fn constraints(t: &str, a: &Table, b: &Table, o: &CompareOptions, out: &mut Vec<Change>) {
    let (drops, adds) = pair_twice(o, |o| (all_constraints(a, o), all_constraints(b, o)));
    // Drops first: a changed constraint keeps its name.
    for c in drops {
        out.push(Change::DropConstraint {
            table: t.into(),
            constraint: c,
        });
    }
    for c in adds {
        out.push(Change::AddConstraint {
            table: t.into(),
            constraint: c,
        });
    }
}

type Keyed<T> = Vec<(String, String, T)>;

/// Pairs by the definition spelled as written, then pairs what is left
/// by the normalised definition (the normaliser parses SQL: slow).
fn pair_twice<T: Clone>(
    o: &CompareOptions,
    keyed: impl Fn(&CompareOptions) -> (Keyed<T>, Keyed<T>),
) -> (Vec<T>, Vec<T>) {
    let raw = CompareOptions {
        normalize_expr: None,
        ..o.clone()
    };
    let (a, b) = keyed(&raw);
    let (drops, adds) = pair_idx(&a, &b);
    if drops.is_empty() && adds.is_empty() || o.normalize_expr.is_none() {
        return (
            drops.into_iter().map(|i| a[i].2.clone()).collect(),
            adds.into_iter().map(|i| b[i].2.clone()).collect(),
        );
    }
    let (na, nb) = keyed(o);
    let left_a: Keyed<T> = drops.iter().map(|&i| na[i].clone()).collect();
    let left_b: Keyed<T> = adds.iter().map(|&i| nb[i].clone()).collect();
    let (d, ad) = pair_idx(&left_a, &left_b);
    (
        d.into_iter().map(|i| left_a[i].2.clone()).collect(),
        ad.into_iter().map(|i| left_b[i].2.clone()).collect(),
    )
}

/// Indexes of the unmatched items on each side.
fn pair_idx<T>(a: &[(String, String, T)], b: &[(String, String, T)]) -> (Vec<usize>, Vec<usize>) {
    let keys_a: BTreeSet<&str> = a.iter().map(|x| x.1.as_str()).collect();
    let keys_b: BTreeSet<&str> = b.iter().map(|x| x.1.as_str()).collect();
    let drops = (0..a.len()).filter(|&i| !keys_b.contains(a[i].1.as_str())).collect();
    let adds = (0..b.len()).filter(|&i| !keys_a.contains(b[i].1.as_str())).collect();
    (drops, adds)
}

fn indexes(t: &str, a: &Table, b: &Table, o: &CompareOptions, out: &mut Vec<Change>) {
    let (drops, adds) = pair_twice(o, |o| {
        let key = |i: &Index| (i.name.clone(), index_key(o, i), i.clone());
        (a.indexes.iter().map(key).collect(), b.indexes.iter().map(key).collect())
    });
    let mut drops: Vec<Index> = drops;
    for add in adds {
        match drops.iter().position(|d| d.name == add.name) {
            Some(i) => {
                let from = drops.remove(i);
                out.push(Change::ReplaceIndex {
                    table: t.into(),
                    from,
                    to: add,
                });
            }
            None => out.push(Change::AddIndex {
                table: t.into(),
                index: add,
            }),
        }
    }
    for d in drops {
        out.push(Change::DropIndex {
            table: t.into(),
            index: d,
        });
    }
}
