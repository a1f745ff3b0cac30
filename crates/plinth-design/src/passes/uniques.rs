//! Uniqueness: `@unique` / `@@unique` become unique constraints with the
//! tenant column leading (unique per tenant); on soft-deletable tables they
//! become partial unique indexes over live rows instead.

use crate::context::Design;
use crate::passes::{free_name, soft_delete};
use plinth_model::{Index, IndexElement, IndexMethod, IndexPurpose, Predicate, UniqueConstraint};

pub fn run(d: &mut Design) {
    let sets = d.unique_sets.clone();
    for set in sets {
        let Some(t) = d.schema.table(&set.table) else {
            continue;
        };
        let mut columns = set.columns.clone();
        let tenant = t.tenant_column.clone();
        if let Some(tc) = &tenant {
            if !columns.contains(tc) {
                columns.insert(0, tc.clone());
            }
        }
        let soft = t.traits.soft_delete;
        let refs: Vec<&str> = columns.iter().map(String::as_str).collect();
        let name = free_name(d, &set.table, &format!("{}_{}_key", set.table, refs.join("_")));
        let subject = format!("{}({})", set.table, columns.join(", "));
        let t = d.schema.table_mut(&set.table).unwrap();
        if soft {
            t.indexes.push(Index {
                name,
                elements: columns.iter().map(IndexElement::column).collect(),
                unique: true,
                method: IndexMethod::BTree,
                predicate: Some(Predicate::IsNull(soft_delete::COLUMN.into())),
                include: vec![],
                nulls_not_distinct: false,
                purposes: vec![IndexPurpose::Unique],
                origin: set.origin,
            });
            d.schema.decide(subject, "unique-live-rows", "Unique among live rows: a partial unique index WHERE deleted_at IS NULL, so a soft-deleted row frees its value.");
        } else {
            t.uniques.push(UniqueConstraint {
                name,
                columns,
                nulls_not_distinct: false,
                origin: set.origin,
            });
            if tenant.is_some() {
                d.schema.decide(
                    subject,
                    "unique-per-tenant",
                    "Unique per tenant: the tenant column leads the constraint.",
                );
            }
        }
    }
}
