//! Zero-downtime migration planner for PostgreSQL.
//!
//! [`plan`] turns a [`ChangeSet`] (from `plinth-diff`) into ordered steps in
//! three phases — expand, backfill, contract — following the recipes a
//! careful engineer applies by hand: `CREATE INDEX CONCURRENTLY` in its own
//! non-transactional step on existing tables (plain DDL on new ones), FKs
//! and CHECKs `NOT VALID` then `VALIDATE`, SET NOT NULL through a validated
//! `CHECK (c IS NOT NULL)`, UNIQUE through a concurrent unique index and
//! `USING INDEX`, required columns as nullable + batched backfill + the
//! NOT NULL path, rewriting type changes and column renames as a shadow
//! column kept in sync by a trigger, table renames behind a compatibility
//! view, and `lock_timeout`/`statement_timeout` before every ACCESS
//! EXCLUSIVE lock. Every up step has down steps; where a down cannot bring
//! data back it is marked `irreversible` and says why.
//!
//! Invariant: pure — no IO, no clock (the version comes from the caller).

mod formats;
mod recipes;
mod sql;
mod step;

pub use formats::{render, Format, OutputFile};
pub use step::{Cost, Lock, Pair, Phase, Step};

use plinth_diff::{Change, ChangeSet};
use plinth_model::Schema;

/// Tuning of the generated SQL.
#[derive(Debug, Clone)]
pub struct Options {
    /// `SET lock_timeout` before steps that queue for a strong lock.
    pub lock_timeout: String,
    /// `SET statement_timeout` for catalog-only ACCESS EXCLUSIVE steps.
    pub statement_timeout: String,
    /// Rows per batched backfill statement.
    pub batch_size: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lock_timeout: "2s".into(),
            statement_timeout: "5s".into(),
            batch_size: 1000,
        }
    }
}

/// A planned migration: up steps in run order, down steps in run order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// PostgreSQL major version the SQL targets (TO's `target.version`).
    pub version: u32,
    /// Each up step with the down steps that undo it, in up order.
    pub pairs: Vec<Pair>,
    pub up: Vec<Step>,
    pub down: Vec<Step>,
    /// What the plan does not do or asks the reader to check.
    pub notes: Vec<String>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.up.is_empty()
    }

    /// A human summary: phases, steps, locks.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "plan for PostgreSQL {}: {} up step(s), {} down step(s)\n",
            self.version,
            self.up.len(),
            self.down.len()
        );
        let mut phase = None;
        for (i, st) in self.up.iter().enumerate() {
            if phase != Some(st.phase) {
                s.push_str(&format!("{}:\n", st.phase));
                phase = Some(st.phase);
            }
            let mut flags = Vec::new();
            if !st.transactional {
                flags.push("no-transaction");
            }
            if st.batched {
                flags.push("batched");
            }
            if st.destructive {
                flags.push("DESTRUCTIVE");
            }
            s.push_str(&format!(
                "  {:>3}. {:<48} lock={} cost={}{}\n",
                i + 1,
                st.name,
                st.lock,
                st.cost,
                if flags.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", flags.join(", "))
                }
            ));
        }
        for n in &self.notes {
            s.push_str(&format!("note: {n}\n"));
        }
        s
    }
}

/// The plan that takes a database from `from` to `to` through `changes`.
pub fn plan(from: &Schema, to: &Schema, changes: &ChangeSet, options: &Options) -> Plan {
    let mut ctx = recipes::Ctx::new(from, to, changes, options);
    for change in &changes.changes {
        recipes::plan_change(&mut ctx, change);
    }
    let mut pairs = ctx.pairs;
    // Phases in order; within a phase, the order of the changes.
    pairs.sort_by_key(|p| (p.up.phase, p.rank));
    let up: Vec<Step> = pairs.iter().map(|p| p.up.clone()).collect();
    let down: Vec<Step> = pairs.iter().rev().flat_map(|p| p.down.clone()).collect();
    let mut notes = ctx.notes;
    for t in to.tables.iter().filter(|t| !t.triggers.is_empty()) {
        let table = plinth_postgres::parts::table_name(t);
        if up
            .iter()
            .any(|s| s.batched && s.statements.iter().any(|q| q.starts_with(&format!("UPDATE {table} "))))
        {
            notes.push(format!(
                "the backfill UPDATEs on {} fire its triggers (updated_at, version, audit rows are touched)",
                t.name
            ));
        }
    }
    for c in &changes.changes {
        if let Change::Unsupported { .. } = c {
            notes.push(format!("not planned: {}", c.describe()));
        }
    }
    Plan {
        version: to.target.version,
        pairs,
        up,
        down,
        notes,
    }
}
