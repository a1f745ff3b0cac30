//! The schema as it evolves through the migration files, as far as rules
//! need it. Updated after every statement, so a rule sees the state *before*
//! its statement.

use super::op::{AlterAction, ConstraintKind, Name, Op};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default)]
pub struct State {
    /// Tables that existed before the file being linted (from a base schema
    /// or earlier files): changing these can lock or rewrite real data.
    pub existing_tables: BTreeSet<String>,
    /// Tables created earlier in the current file: no rows yet, no clients.
    pub created_in_file: BTreeSet<String>,
    /// Inside BEGIN ... COMMIT (explicit, or the file runs in a transaction).
    pub in_transaction: bool,
    /// Inside an explicit BEGIN in this file.
    pub explicit_transaction: bool,
    pub lock_timeout_set: bool,
    pub statement_timeout_set: bool,
    /// `(table, column)` pairs proven NOT NULL by a valid CHECK.
    pub not_null_checks: BTreeSet<(String, String)>,
    /// Constraints added NOT VALID in the current transaction.
    pub not_valid_in_transaction: BTreeSet<String>,
    /// Tables that had DDL taking a strong lock in the current transaction.
    pub locked_in_transaction: BTreeSet<String>,
}

impl State {
    /// Whether this table holds data from before the current file.
    pub fn is_existing(&self, table: &Name) -> bool {
        !self.created_in_file.contains(&table.name) && self.existing_tables.contains(&table.name)
    }

    /// Whether this table was created earlier in the current file.
    pub fn is_new(&self, table: &Name) -> bool {
        self.created_in_file.contains(&table.name)
    }

    /// Starts a new file: what it created becomes existing.
    pub fn start_file(&mut self, in_transaction: bool) {
        let created = std::mem::take(&mut self.created_in_file);
        self.existing_tables.extend(created);
        self.in_transaction = in_transaction;
        self.explicit_transaction = false;
        self.lock_timeout_set = false;
        self.statement_timeout_set = false;
        self.not_valid_in_transaction.clear();
        self.locked_in_transaction.clear();
    }

    /// Applies a statement's effect.
    pub fn apply(&mut self, op: &Op, file_in_transaction: bool) {
        match op {
            Op::CreateTable { table, .. } => {
                self.created_in_file.insert(table.name.clone());
            }
            Op::DropTable { tables, .. } => {
                for t in tables {
                    self.existing_tables.remove(&t.name);
                    self.created_in_file.remove(&t.name);
                }
            }
            Op::RenameTable { table, to } => {
                if self.created_in_file.remove(&table.name) {
                    self.created_in_file.insert(to.clone());
                } else if self.existing_tables.remove(&table.name) {
                    self.existing_tables.insert(to.clone());
                }
            }
            Op::AlterTable { table, actions, .. } => {
                self.locked_in_transaction.insert(table.name.clone());
                for a in actions {
                    match a {
                        AlterAction::AddConstraint(c) => {
                            if let ConstraintKind::Check {
                                not_null_of: Some(col), ..
                            } = &c.kind
                            {
                                if !c.not_valid {
                                    self.not_null_checks.insert((table.name.clone(), col.clone()));
                                }
                            }
                            if c.not_valid {
                                if let Some(n) = &c.name {
                                    self.not_valid_in_transaction.insert(n.clone());
                                }
                            }
                        }
                        AlterAction::ValidateConstraint { .. } => {}
                        _ => {}
                    }
                }
            }
            Op::Begin => {
                self.in_transaction = true;
                self.explicit_transaction = true;
            }
            Op::Commit | Op::Rollback => {
                self.in_transaction = file_in_transaction && !self.explicit_transaction;
                self.explicit_transaction = false;
                self.not_valid_in_transaction.clear();
                self.locked_in_transaction.clear();
                if !file_in_transaction {
                    self.lock_timeout_set = false;
                    self.statement_timeout_set = false;
                }
            }
            Op::Set { name, .. } => match name.as_str() {
                "lock_timeout" => self.lock_timeout_set = true,
                "statement_timeout" => self.statement_timeout_set = true,
                _ => {}
            },
            _ => {}
        }
    }
}
