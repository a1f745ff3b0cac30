//! One recipe per kind of change; each pushes (up, downs) pairs.

mod columns;
mod constraints;
mod enums;
mod partition;
mod security;
mod tables;

use crate::sql::q;
use crate::step::{Cost, Lock, Pair, Phase, Step};
use crate::Options;
use plinth_diff::{Change, ChangeSet};
use plinth_model::{Schema, Table};

pub(crate) struct Ctx<'a> {
    pub from: &'a Schema,
    pub to: &'a Schema,
    pub changes: &'a ChangeSet,
    pub o: &'a Options,
    pub v: u32,
    pub pairs: Vec<Pair>,
    pub notes: Vec<String>,
}

impl<'a> Ctx<'a> {
    pub fn new(from: &'a Schema, to: &'a Schema, changes: &'a ChangeSet, o: &'a Options) -> Self {
        Ctx {
            from,
            to,
            changes,
            o,
            v: to.target.version,
            pairs: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn push(&mut self, up: Step, down: Vec<Step>) {
        self.pairs.push(Pair { up, down, rank: 1 });
    }

    /// Like [`Ctx::push`], ranked first in its phase.
    pub fn push_first(&mut self, up: Step, down: Vec<Step>) {
        self.pairs.push(Pair { up, down, rank: 0 });
    }

    /// A down step that has nothing to undo (its body is a comment).
    pub fn nothing(&self, name: impl Into<String>, phase: Phase, why: &str) -> Step {
        Step::new(name, phase, Lock::None, Cost::Catalog).note(format!("nothing to undo: {why}"))
    }

    /// The TO table of that name (present for every change about a table).
    pub fn to_table(&self, name: &str) -> Option<&'a Table> {
        self.to.table(name)
    }

    /// The FROM table that became `name` (through a rename if any).
    pub fn before_table(&self, name: &str) -> Option<&'a Table> {
        let renamed = self.changes.changes.iter().find_map(|c| match c {
            Change::RenameTable { from, to } if to == name => Some(from.as_str()),
            _ => None,
        });
        renamed
            .and_then(|r| self.from.table(r))
            .or_else(|| self.from.table(name))
    }

    /// The table's SQL name in TO.
    pub fn tname(&self, name: &str) -> String {
        match self.to_table(name).or_else(|| self.from.table(name)) {
            Some(t) => plinth_postgres::parts::table_name(t),
            None => q(name),
        }
    }

    /// A step that takes ACCESS EXCLUSIVE: lock and statement timeouts first
    /// (no statement timeout when it scans or rewrites).
    pub fn exclusive(&self, name: impl Into<String>, phase: Phase, cost: Cost) -> Step {
        let s = Step::new(name, phase, Lock::AccessExclusive, cost)
            .sql(format!("SET lock_timeout = {};", crate::sql::lit(&self.o.lock_timeout)));
        if cost == Cost::Catalog {
            s.sql(format!(
                "SET statement_timeout = {};",
                crate::sql::lit(&self.o.statement_timeout)
            ))
        } else {
            s.sql("SET statement_timeout = 0;")
        }
    }

    /// A step that takes a weaker lock but may still queue: lock timeout only.
    pub fn locking(&self, name: impl Into<String>, phase: Phase, lock: Lock, cost: Cost) -> Step {
        Step::new(name, phase, lock, cost)
            .sql(format!("SET lock_timeout = {};", crate::sql::lit(&self.o.lock_timeout)))
            .sql("SET statement_timeout = 0;")
    }
}

/// Adds the steps of one change.
pub(crate) fn plan_change(ctx: &mut Ctx, change: &Change) {
    match change {
        Change::CreateEnum(e) => enums::create(ctx, e),
        Change::AddEnumValue { name, value, before } => enums::add_value(ctx, name, value, before.as_deref()),
        Change::RenameEnumValue { name, from, to } => enums::rename_value(ctx, name, from, to),
        Change::RemoveEnumValues { from, to } => enums::rebuild(ctx, from, to),
        Change::DropEnum(e) => enums::drop(ctx, e),
        Change::CreateTable(t) => tables::create(ctx, t),
        Change::DropTable(t) => tables::drop(ctx, t),
        Change::RenameTable { from, to } => tables::rename(ctx, from, to),
        Change::Repartition { from, to, partitions } => partition::repartition(ctx, from, to, partitions),
        Change::AddColumn { table, column } => columns::add(ctx, table, column),
        Change::DropColumn { table, column } => columns::drop(ctx, table, column),
        Change::RenameColumn { table, from, to } => columns::rename(ctx, table, from, to),
        Change::AlterColumnType { table, from, to, how } => columns::alter_type(ctx, table, from, to, *how),
        Change::ChangeDefault { table, from, to } => columns::change_default(ctx, table, from, to),
        Change::SetNotNull { table, column } => columns::set_not_null(ctx, table, column),
        Change::DropNotNull { table, column } => columns::drop_not_null(ctx, table, column),
        Change::AddConstraint { table, constraint } => constraints::add(ctx, table, constraint),
        Change::DropConstraint { table, constraint } => constraints::drop(ctx, table, constraint),
        Change::AddIndex { table, index } => constraints::add_index(ctx, table, index),
        Change::DropIndex { table, index } => constraints::drop_index(ctx, table, index),
        Change::ReplaceIndex { table, from, to } => constraints::replace_index(ctx, table, from, to),
        Change::TableComment { table, from, to } => tables::comment(ctx, table, None, from, to),
        Change::ColumnComment {
            table,
            column,
            from,
            to,
        } => tables::comment(ctx, table, Some(column), from, to),
        Change::RowSecurity { table, from, to } => security::row_security(ctx, table, from, to),
        Change::Gained { .. } | Change::Unsupported { .. } => {}
    }
}
