//! The PostgreSQL lock table: which lock each statement takes on which
//! table, and whether it only touches the catalog, scans the table, builds
//! an index or rewrites it. Version-dependent behaviour is decided here,
//! once, from the target major version (from the PostgreSQL documentation,
//! "Explicit Locking" and ALTER TABLE notes):
//!
//! - ADD COLUMN with a non-volatile default is catalog-only from 11;
//! - SET NOT NULL skips its scan when a valid `CHECK (c IS NOT NULL)` exists from 12;
//! - ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE on the parent from 12;
//! - REINDEX CONCURRENTLY exists from 12, DETACH PARTITION CONCURRENTLY from 14.

use super::op::{AlterAction, ConstraintKind, Name, Op};
use super::state::State;

/// PostgreSQL table lock modes, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LockLevel {
    AccessShare,
    RowExclusive,
    ShareUpdateExclusive,
    Share,
    ShareRowExclusive,
    AccessExclusive,
}

impl LockLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            LockLevel::AccessShare => "ACCESS SHARE",
            LockLevel::RowExclusive => "ROW EXCLUSIVE",
            LockLevel::ShareUpdateExclusive => "SHARE UPDATE EXCLUSIVE",
            LockLevel::Share => "SHARE",
            LockLevel::ShareRowExclusive => "SHARE ROW EXCLUSIVE",
            LockLevel::AccessExclusive => "ACCESS EXCLUSIVE",
        }
    }

    /// Whether plain INSERT/UPDATE/DELETE wait for this lock.
    pub fn blocks_writes(self) -> bool {
        self >= LockLevel::Share
    }

    /// Whether plain SELECTs wait for this lock.
    pub fn blocks_reads(self) -> bool {
        self == LockLevel::AccessExclusive
    }
}

/// What the statement does to the table's data while holding the lock,
/// cheapest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Work {
    /// Catalog change only: the lock is held for milliseconds (once granted).
    Catalog,
    /// Reads every row (a constraint check).
    Scan,
    /// Builds an index: reads and sorts every row.
    IndexBuild,
    /// Writes a new copy of the table and rebuilds its indexes.
    Rewrite,
}

/// One lock a statement takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lock {
    /// The table (or index, for DROP INDEX / REINDEX) locked.
    pub target: Name,
    pub level: LockLevel,
    pub work: Work,
}

impl Lock {
    /// "takes ACCESS EXCLUSIVE on orders and rewrites it".
    pub fn describe(&self) -> String {
        let work = match self.work {
            Work::Catalog => "",
            Work::Scan => " and scans every row",
            Work::IndexBuild => " while it builds an index",
            Work::Rewrite => " and rewrites it",
        };
        format!("takes {} on {}{work}", self.level.as_str(), self.target)
    }

    /// What waits while the lock is held.
    pub fn blocked(&self) -> &'static str {
        if self.level.blocks_reads() {
            "every read and write"
        } else if self.level.blocks_writes() {
            "every write"
        } else {
            "other DDL and VACUUM"
        }
    }
}

/// The locks a statement takes on tables that exist before it, given the
/// state before it and the target major version. Tables created earlier in
/// the same file are skipped: nobody else can see them yet.
pub fn op_locks(op: &Op, state: &State, version: u32) -> Vec<Lock> {
    let lock = |target: &Name, level, work| Lock {
        target: target.clone(),
        level,
        work,
    };
    let existing = |t: &Name| state.is_existing(t);
    match op {
        Op::AlterTable { table, actions, .. } if existing(table) => {
            let mut strongest: Option<(LockLevel, Work)> = None;
            for a in actions {
                if let Some((level, work)) = action_lock(a, table, state, version) {
                    strongest = Some(match strongest {
                        Some((l, w)) => (l.max(level), w.max(work)),
                        None => (level, work),
                    });
                }
            }
            strongest.map(|(l, w)| lock(table, l, w)).into_iter().collect()
        }
        Op::CreateIndex(ix) if existing(&ix.table) => {
            let level = if ix.concurrently {
                LockLevel::ShareUpdateExclusive
            } else {
                LockLevel::Share
            };
            vec![lock(&ix.table, level, Work::IndexBuild)]
        }
        Op::DropIndex {
            names, concurrently, ..
        } => {
            let level = if *concurrently {
                LockLevel::ShareUpdateExclusive
            } else {
                LockLevel::AccessExclusive
            };
            names.iter().map(|n| lock(n, level, Work::Catalog)).collect()
        }
        Op::Reindex { concurrently, target } => {
            let level = if *concurrently && version >= 12 {
                LockLevel::ShareUpdateExclusive
            } else {
                LockLevel::AccessExclusive
            };
            vec![lock(&Name::new(target.clone()), level, Work::IndexBuild)]
        }
        Op::DropTable { tables, .. } => tables
            .iter()
            .filter(|t| existing(t))
            .map(|t| lock(t, LockLevel::AccessExclusive, Work::Catalog))
            .collect(),
        Op::RenameTable { table, .. } if existing(table) => {
            vec![lock(table, LockLevel::AccessExclusive, Work::Catalog)]
        }
        Op::Truncate { tables } => tables
            .iter()
            .filter(|t| existing(t))
            .map(|t| lock(t, LockLevel::AccessExclusive, Work::Rewrite))
            .collect(),
        Op::Rewrite { table: Some(t), .. } if existing(t) => {
            vec![lock(t, LockLevel::AccessExclusive, Work::Rewrite)]
        }
        Op::CreateTrigger { table, .. } if existing(table) => {
            vec![lock(table, LockLevel::ShareRowExclusive, Work::Catalog)]
        }
        Op::CreatePolicy { table, .. } if existing(table) => {
            vec![lock(table, LockLevel::AccessExclusive, Work::Catalog)]
        }
        Op::Dml { table, .. } if existing(table) => vec![lock(table, LockLevel::RowExclusive, Work::Scan)],
        _ => Vec::new(),
    }
}

/// The lock and work of one ALTER TABLE action (`None` for options that
/// are not PostgreSQL's, e.g. MySQL's `ALGORITHM=`).
pub fn action_lock(action: &AlterAction, table: &Name, state: &State, version: u32) -> Option<(LockLevel, Work)> {
    use LockLevel::*;
    Some(match action {
        AlterAction::AddColumn { column, .. } => {
            let rewrite = column.identity
                || column.generated_stored
                || column.default.as_ref().is_some_and(|d| d.volatile || version < 11);
            let work = if rewrite {
                Work::Rewrite
            } else if column.primary_key || column.unique {
                Work::IndexBuild
            } else if column.references.is_some() {
                Work::Scan
            } else {
                Work::Catalog
            };
            (AccessExclusive, work)
        }
        AlterAction::AlterType {
            column,
            type_name,
            using,
        } => {
            let old = state.column_type(table, column);
            let work = if type_change_rewrites(old, type_name, using.is_some()) {
                Work::Rewrite
            } else {
                Work::Catalog
            };
            (AccessExclusive, work)
        }
        AlterAction::SetNotNull { column } => {
            let proven = version >= 12 && state.not_null_checks.contains(&(table.name.clone(), column.clone()));
            (AccessExclusive, if proven { Work::Catalog } else { Work::Scan })
        }
        AlterAction::AddConstraint(c) => match &c.kind {
            ConstraintKind::ForeignKey { .. } => {
                (ShareRowExclusive, if c.not_valid { Work::Catalog } else { Work::Scan })
            }
            ConstraintKind::Check { .. } => (AccessExclusive, if c.not_valid { Work::Catalog } else { Work::Scan }),
            ConstraintKind::PrimaryKey { using_index, .. } | ConstraintKind::Unique { using_index, .. } => (
                AccessExclusive,
                if using_index.is_some() {
                    Work::Catalog
                } else {
                    Work::IndexBuild
                },
            ),
            ConstraintKind::Exclude => (AccessExclusive, Work::IndexBuild),
        },
        AlterAction::ValidateConstraint { .. } => (ShareUpdateExclusive, Work::Scan),
        AlterAction::AttachPartition { partition } => {
            let level = if version >= 12 {
                ShareUpdateExclusive
            } else {
                AccessExclusive
            };
            let proven = state.checked_tables.contains(&partition.name) || state.is_new(partition);
            (level, if proven { Work::Catalog } else { Work::Scan })
        }
        AlterAction::DetachPartition { concurrently, .. } => {
            let level = if *concurrently && version >= 14 {
                ShareUpdateExclusive
            } else {
                AccessExclusive
            };
            (level, Work::Catalog)
        }
        AlterAction::SetTablespace => (AccessExclusive, Work::Rewrite),
        AlterAction::MySqlOption { .. } => return None,
        AlterAction::DropColumn { .. }
        | AlterAction::RenameColumn { .. }
        | AlterAction::DropNotNull { .. }
        | AlterAction::SetDefault { .. }
        | AlterAction::DropDefault { .. }
        | AlterAction::DropConstraint { .. }
        | AlterAction::RenameConstraint { .. }
        | AlterAction::EnableRowLevelSecurity
        | AlterAction::Other { .. } => (AccessExclusive, Work::Catalog),
    })
}

/// Whether changing a column from `old` (when known) to `new` rewrites the
/// table. PostgreSQL skips the rewrite when the old type is binary-coercible
/// to the new one and the change cannot fail: `varchar(n)` → `text`,
/// `varchar` or a larger `varchar(m)`; `numeric(p,s)` → `numeric(q,s)` with
/// q ≥ p, or unconstrained `numeric`; `varbit(n)` → larger; `cidr` → `inet`.
/// A `USING` clause always rewrites. An unknown old type is assumed to
/// rewrite, except towards unbounded `text`/`varchar`, which is only safe
/// from a string type and is the common widening.
pub fn type_change_rewrites(old: Option<&str>, new: &str, using: bool) -> bool {
    if using {
        return true;
    }
    let new = new.trim();
    let Some(old) = old.map(str::trim) else {
        return !matches!(new, "text" | "varchar");
    };
    if old == new {
        return false;
    }
    let (old_base, old_mods) = split_mods(old);
    let (new_base, new_mods) = split_mods(new);
    match (old_base, new_base) {
        ("varchar", "text" | "varchar") | ("text", "text" | "varchar") => match (old_mods.first(), new_mods.first()) {
            (_, None) => false,
            (Some(o), Some(n)) => n < o,
            (None, Some(_)) => true,
        },
        ("numeric", "numeric") => match (old_mods.as_slice(), new_mods.as_slice()) {
            (_, []) => false,
            ([p, s], [q, t]) => !(q >= p && s == t),
            ([p], [q]) => q < p,
            _ => true,
        },
        ("bit varying", "bit varying") => match (old_mods.first(), new_mods.first()) {
            (_, None) => false,
            (Some(o), Some(n)) => n < o,
            (None, Some(_)) => true,
        },
        ("cidr", "inet") => false,
        _ => true,
    }
}

/// `varchar(20)` → ("varchar", [20]); `numeric(10,2)` → ("numeric", [10, 2]).
fn split_mods(t: &str) -> (&str, Vec<u32>) {
    match t.split_once('(') {
        Some((base, rest)) => {
            let mods = rest
                .trim_end_matches(')')
                .split(',')
                .filter_map(|m| m.trim().parse().ok())
                .collect();
            (base.trim(), mods)
        }
        None => (t, Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widening_strings_and_numerics_does_not_rewrite() {
        assert!(!type_change_rewrites(Some("varchar(20)"), "text", false));
        assert!(!type_change_rewrites(Some("varchar(20)"), "varchar(40)", false));
        assert!(!type_change_rewrites(Some("numeric(10,2)"), "numeric(12,2)", false));
        assert!(!type_change_rewrites(Some("numeric(10,2)"), "numeric", false));
        assert!(!type_change_rewrites(None, "text", false));
    }

    #[test]
    fn narrowing_and_other_changes_rewrite() {
        assert!(type_change_rewrites(Some("varchar(40)"), "varchar(20)", false));
        assert!(type_change_rewrites(Some("integer"), "bigint", false));
        assert!(type_change_rewrites(Some("numeric(10,2)"), "numeric(12,3)", false));
        assert!(type_change_rewrites(Some("text"), "varchar(10)", false));
        assert!(type_change_rewrites(Some("varchar(20)"), "text", true));
        assert!(type_change_rewrites(None, "bigint", false));
    }
}
