//! The schema as it evolves through the migration files, as far as rules
//! need it. Updated after every statement, so a rule sees the state *before*
//! its statement.

use super::op::{AlterAction, ConstraintKind, Name, Op};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default)]
pub struct State {
    /// Tables known to exist before the file being linted (from a base
    /// schema or earlier files).
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
    /// CHECK constraints added NOT VALID, by `(table, constraint)`, with the
    /// column they prove NOT NULL once validated (if that is their shape).
    pub pending_checks: BTreeMap<(String, String), Option<String>>,
    /// Tables carrying at least one valid CHECK constraint added by a
    /// migration (a partition with a CHECK matching its bound attaches
    /// without a scan).
    pub checked_tables: BTreeSet<String>,
    /// Constraints added NOT VALID in the current transaction.
    pub not_valid_in_transaction: BTreeSet<String>,
    /// Tables that had DDL taking a strong lock in the current transaction.
    pub locked_in_transaction: BTreeSet<String>,
    /// Column types as last declared, by `(table, column)`: a type change
    /// is judged against the old type.
    pub column_types: BTreeMap<(String, String), String>,
    /// Tables with at least one row-level security policy.
    pub tables_with_policies: BTreeSet<String>,
    /// Statements in the current file that took a lock blocking writes on a
    /// table holding data (counted by the engine).
    pub blocking_lock_statements: usize,
    /// Of those, statements that also scan, build an index or rewrite.
    pub long_lock_statements: usize,
}

impl State {
    /// Whether this table may hold data: every table not created in the
    /// current file (the base schema is usually unknown, so a table the
    /// migrations never created is assumed to exist and be in use).
    pub fn is_existing(&self, table: &Name) -> bool {
        !self.created_in_file.contains(&table.name)
    }

    /// Whether this table was created earlier in the current file.
    pub fn is_new(&self, table: &Name) -> bool {
        self.created_in_file.contains(&table.name)
    }

    /// The declared type of a column, when a migration declared it.
    pub fn column_type(&self, table: &Name, column: &str) -> Option<&str> {
        self.column_types
            .get(&(table.name.clone(), column.to_string()))
            .map(String::as_str)
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
        self.blocking_lock_statements = 0;
        self.long_lock_statements = 0;
    }

    /// Applies a statement's effect.
    pub fn apply(&mut self, op: &Op, file_in_transaction: bool) {
        match op {
            Op::CreateTable { table, columns, .. } => {
                self.created_in_file.insert(table.name.clone());
                for c in columns {
                    self.column_types
                        .insert((table.name.clone(), c.name.clone()), c.type_name.clone());
                }
            }
            Op::DropTable { tables, .. } => {
                for t in tables {
                    self.existing_tables.remove(&t.name);
                    self.created_in_file.remove(&t.name);
                    self.column_types.retain(|(table, _), _| *table != t.name);
                }
            }
            Op::RenameTable { table, to } => {
                if self.created_in_file.remove(&table.name) {
                    self.created_in_file.insert(to.clone());
                } else if self.existing_tables.remove(&table.name) {
                    self.existing_tables.insert(to.clone());
                }
                let moved: Vec<_> = self
                    .column_types
                    .iter()
                    .filter(|((t, _), _)| *t == table.name)
                    .map(|((_, c), ty)| (c.clone(), ty.clone()))
                    .collect();
                self.column_types.retain(|(t, _), _| *t != table.name);
                for (c, ty) in moved {
                    self.column_types.insert((to.clone(), c), ty);
                }
            }
            Op::AlterTable { table, actions, .. } => {
                self.locked_in_transaction.insert(table.name.clone());
                for a in actions {
                    self.apply_action(table, a);
                }
            }
            Op::CreateIndex(index) if !index.concurrently => {
                self.locked_in_transaction.insert(index.table.name.clone());
            }
            Op::CreateTrigger { table, .. } => {
                self.locked_in_transaction.insert(table.name.clone());
            }
            Op::CreatePolicy { table, .. } => {
                self.tables_with_policies.insert(table.name.clone());
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
            Op::Set { name, value, .. } => {
                // `SET lock_timeout = 0` turns the timeout off again.
                let on = !matches!(value.trim_matches('\'').trim(), "0" | "default" | "DEFAULT");
                match name.as_str() {
                    "lock_timeout" => self.lock_timeout_set = on,
                    "statement_timeout" => self.statement_timeout_set = on,
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn apply_action(&mut self, table: &Name, action: &AlterAction) {
        let key = |c: &str| (table.name.clone(), c.to_string());
        match action {
            AlterAction::AddColumn { column, .. } => {
                self.column_types.insert(key(&column.name), column.type_name.clone());
            }
            AlterAction::DropColumn { column, .. } => {
                self.column_types.remove(&key(column));
                self.not_null_checks.remove(&key(column));
            }
            AlterAction::RenameColumn { column, to } => {
                if let Some(ty) = self.column_types.remove(&key(column)) {
                    self.column_types.insert(key(to), ty);
                }
                if self.not_null_checks.remove(&key(column)) {
                    self.not_null_checks.insert(key(to));
                }
            }
            AlterAction::AlterType { column, type_name, .. } => {
                self.column_types.insert(key(column), type_name.clone());
            }
            AlterAction::AddConstraint(c) => {
                if let ConstraintKind::Check { not_null_of, .. } = &c.kind {
                    match (c.not_valid, not_null_of, &c.name) {
                        (false, Some(col), _) => {
                            self.not_null_checks.insert(key(col));
                        }
                        (true, col, Some(name)) => {
                            self.pending_checks.insert(key(name), col.clone());
                        }
                        _ => {}
                    }
                    if !c.not_valid {
                        self.checked_tables.insert(table.name.clone());
                    }
                }
                if c.not_valid {
                    if let Some(n) = &c.name {
                        self.not_valid_in_transaction.insert(n.clone());
                    }
                }
            }
            AlterAction::ValidateConstraint { name } => {
                if let Some(col) = self.pending_checks.remove(&key(name)) {
                    self.checked_tables.insert(table.name.clone());
                    if let Some(col) = col {
                        self.not_null_checks.insert(key(&col));
                    }
                }
            }
            _ => {}
        }
    }
}
