//! The design passes, in the order they run. Each is a pure function over
//! [`Design`]; each records the conventions it applies in the decision log.
//! A new convention is a new file here plus one line in [`PIPELINE`].

use crate::context::Design;

pub mod append_only;
pub mod audit;
pub mod indexes;
pub mod keys;
pub mod naming;
pub mod relations;
pub mod rls;
pub mod soft_delete;
pub mod tenancy;
pub mod timestamps;
pub mod types;
pub mod uniques;
pub mod versioning;

/// A named pass.
pub struct Pass {
    pub name: &'static str,
    pub run: fn(&mut Design),
}

/// Order matters: keys before tenancy (the tenant column follows `id`),
/// tenancy before relations (foreign keys include the tenant column),
/// lifecycle columns before uniques (soft delete makes uniques partial),
/// and indexes last (they see every foreign key and unique).
pub const PIPELINE: &[Pass] = &[
    Pass {
        name: "naming",
        run: naming::run,
    },
    Pass {
        name: "types",
        run: types::run,
    },
    Pass {
        name: "keys",
        run: keys::run,
    },
    Pass {
        name: "tenancy",
        run: tenancy::run,
    },
    Pass {
        name: "relations",
        run: relations::run,
    },
    Pass {
        name: "timestamps",
        run: timestamps::run,
    },
    Pass {
        name: "soft_delete",
        run: soft_delete::run,
    },
    Pass {
        name: "versioning",
        run: versioning::run,
    },
    Pass {
        name: "audit",
        run: audit::run,
    },
    Pass {
        name: "append_only",
        run: append_only::run,
    },
    Pass {
        name: "uniques",
        run: uniques::run,
    },
    Pass {
        name: "rls",
        run: rls::run,
    },
    Pass {
        name: "indexes",
        run: indexes::run,
    },
];

/// A name not yet used by any constraint or index of the table: `base`,
/// else `base1`, `base2`, ... (each fitted to the identifier limit).
pub(crate) fn free_name(d: &Design, table: &str, base: &str) -> String {
    let used: Vec<String> = d
        .schema
        .table(table)
        .map(|t| t.object_names().map(str::to_string).collect())
        .unwrap_or_default();
    let all_indexes: Vec<&str> = d
        .schema
        .tables
        .iter()
        .flat_map(|t| t.indexes.iter().map(|i| i.name.as_str()))
        .collect();
    let taken = |n: &str| used.iter().any(|u| u == n) || all_indexes.contains(&n);
    let fitted = d.ident(base);
    if !taken(&fitted) {
        return fitted;
    }
    (1..)
        .map(|i| d.ident(&format!("{base}{i}")))
        .find(|n| !taken(n))
        .expect("an unused name exists")
}
