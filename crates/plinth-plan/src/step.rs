//! Steps: the unit of progress a migration runner records.

use std::fmt;

/// Expand (additive, old code keeps working) → backfill (data moves,
/// validations that do not block writes) → contract (tighten, swap, drop).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    Expand,
    Backfill,
    Contract,
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::Expand => "expand",
            Phase::Backfill => "backfill",
            Phase::Contract => "contract",
        })
    }
}

/// The strongest table lock a step takes (PostgreSQL's levels, weakest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lock {
    /// No table lock (types, functions).
    None,
    RowExclusive,
    ShareUpdateExclusive,
    Share,
    ShareRowExclusive,
    AccessExclusive,
}

impl fmt::Display for Lock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lock::None => "NONE",
            Lock::RowExclusive => "ROW_EXCLUSIVE",
            Lock::ShareUpdateExclusive => "SHARE_UPDATE_EXCLUSIVE",
            Lock::Share => "SHARE",
            Lock::ShareRowExclusive => "SHARE_ROW_EXCLUSIVE",
            Lock::AccessExclusive => "ACCESS_EXCLUSIVE",
        })
    }
}

/// What the step costs while it holds its lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cost {
    Catalog,
    Scan,
    Rewrite,
}

impl fmt::Display for Cost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Cost::Catalog => "catalog",
            Cost::Scan => "scan",
            Cost::Rewrite => "rewrite",
        })
    }
}

/// One step: statements run together (in one transaction unless
/// `transactional` is false), with what they lock and cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// snake_case, e.g. `add_column_orders_total`.
    pub name: String,
    pub phase: Phase,
    pub lock: Lock,
    pub cost: Cost,
    /// False: statements run one by one in autocommit (CONCURRENTLY).
    pub transactional: bool,
    /// The single statement is repeated until it affects 0 rows.
    pub batched: bool,
    /// Drops data (in up.sql) that no down step can restore.
    pub destructive: bool,
    /// In down.sql: this step cannot fully undo its up step (says why in `comments`).
    pub irreversible: bool,
    /// Comment lines shown above the statements (without `-- `).
    pub comments: Vec<String>,
    pub statements: Vec<String>,
}

impl Step {
    pub fn new(name: impl Into<String>, phase: Phase, lock: Lock, cost: Cost) -> Step {
        Step {
            name: name.into(),
            phase,
            lock,
            cost,
            transactional: true,
            batched: false,
            destructive: false,
            irreversible: false,
            comments: Vec::new(),
            statements: Vec::new(),
        }
    }

    pub fn sql(mut self, s: impl Into<String>) -> Step {
        self.statements.push(s.into());
        self
    }

    pub fn note(mut self, s: impl Into<String>) -> Step {
        self.comments.push(s.into());
        self
    }

    pub fn no_transaction(mut self) -> Step {
        self.transactional = false;
        self
    }

    pub fn batched(mut self) -> Step {
        self.batched = true;
        self
    }

    pub fn destructive(mut self) -> Step {
        self.destructive = true;
        self
    }

    pub fn irreversible(mut self, why: impl Into<String>) -> Step {
        self.irreversible = true;
        self.comments.push(why.into());
        self
    }

    /// The header line of the migration directory format (without the number).
    pub fn header_fields(&self) -> String {
        let mut h = format!(
            "{} phase={} lock={} cost={}",
            self.name, self.phase, self.lock, self.cost
        );
        for (on, flag) in [
            (!self.transactional, "no-transaction"),
            (self.batched, "batched"),
            (self.destructive, "destructive"),
            (self.irreversible, "irreversible"),
        ] {
            if on {
                h.push(' ');
                h.push_str(flag);
            }
        }
        h
    }
}

/// An up step and the down steps that undo it (run in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub up: Step,
    pub down: Vec<Step>,
    /// Order within the phase before the change order: 0 for drops of
    /// indexes and constraints (they go before the columns they use).
    pub rank: u8,
}
