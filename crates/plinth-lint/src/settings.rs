//! What the rules need to know about the project (from plinth.toml, the
//! spec or the command line; the CLI fills this in).

use crate::rule::Severity;
use plinth_model::Target;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct Settings {
    /// Dialect and major version the schema or migrations run on.
    pub target: Target,
    /// Minor version when known (e.g. 4 for 14.4): some server bugs are
    /// fixed in a minor release.
    pub minor: Option<u32>,
    /// Migration files run inside a transaction unless they say otherwise
    /// (what most migration tools do).
    pub assume_in_transaction: bool,
    /// Tables known to be large (from config or the spec's volumes): rules
    /// about scans and rewrites are errors on these, warnings elsewhere.
    pub large_tables: Vec<String>,
    /// Per-rule overrides: `None` disables the rule.
    pub overrides: BTreeMap<String, Option<Severity>>,
}

impl Settings {
    pub fn new(target: Target) -> Settings {
        Settings {
            target,
            minor: None,
            assume_in_transaction: true,
            large_tables: Vec::new(),
            overrides: BTreeMap::new(),
        }
    }

    /// The severity for a rule after overrides; `None` when disabled.
    pub fn severity(&self, id: &str, default: Severity) -> Option<Severity> {
        match self.overrides.get(id) {
            Some(o) => *o,
            None => Some(default),
        }
    }

    pub fn is_large(&self, table: &str) -> bool {
        self.large_tables.iter().any(|t| t == table)
    }
}
