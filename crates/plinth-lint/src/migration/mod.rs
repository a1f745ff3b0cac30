//! Migration rules: each looks at one statement, knowing the state of the
//! schema before it. One rule per file; the list below is the registry.

mod ignores;
pub mod locks;
pub mod op;
pub mod state;
mod util;

pub use op::*;
pub use state::State;

use crate::finding::Finding;
use crate::rule::RuleMeta;
use crate::settings::Settings;

/// One migration file, as a dialect front end read it.
#[derive(Debug, Clone, Default)]
pub struct MigrationFile {
    pub statements: Vec<Statement>,
    /// The file runs outside a transaction (a tool-specific marker said so,
    /// e.g. `-- plinth:no-transaction`), overriding `assume_in_transaction`.
    pub no_transaction: bool,
    /// `-- plinth-ignore-file [rule-id, ...]`: `Some(empty)` ignores every rule.
    pub ignore_file: Option<Vec<String>>,
}

/// What a migration rule sees.
pub struct Context<'a> {
    pub statement: &'a Statement,
    /// The state before this statement.
    pub state: &'a State,
    pub settings: &'a Settings,
    /// The locks this statement takes on tables holding data (see [`locks`]).
    pub locks: &'a [locks::Lock],
    /// The statements after this one in the same file (for rules whose
    /// answer depends on what follows, e.g. a policy after ENABLE RLS).
    pub rest: &'a [Statement],
}

impl Context<'_> {
    /// The target is PostgreSQL (most lock rules only apply there).
    pub fn postgres(&self) -> bool {
        self.settings.target.dialect == plinth_model::DialectKind::Postgres
    }

    pub fn version(&self) -> u32 {
        self.settings.target.version
    }

    /// The strongest lock this statement takes, if any.
    pub fn strongest_lock(&self) -> Option<&locks::Lock> {
        self.locks.iter().max_by_key(|l| (l.level, l.work))
    }
}

/// A migration rule: its documentation and its check.
pub struct MigrationRule {
    pub meta: RuleMeta,
    pub check: fn(&Context<'_>, &mut Vec<Finding>),
}

macro_rules! migration_rules {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every migration rule, in id order.
        pub static RULES: &[&MigrationRule] = &[$(&$module::RULE),*];
    };
}

migration_rules! {
    column_char,
    column_int_key,
    column_json,
    column_required_without_default,
    column_serial,
    column_timestamp_without_tz,
    column_varchar_length,
    compat_drop_default,
    compat_drop_not_null,
    compat_drop_object,
    compat_rename_column,
    compat_rename_table,
    constraint_not_valid_missing,
    constraint_unique_without_index,
    constraint_validate_same_transaction,
    data_dml_without_where,
    data_drop_column,
    data_drop_table,
    data_truncate,
    enum_add_value_in_transaction,
    enum_rename_value,
    idempotent_create,
    index_concurrently_in_transaction,
    index_drop_not_concurrent,
    index_not_concurrent,
    index_pg14_concurrent_bug,
    index_reindex_not_concurrent,
    lock_create_trigger,
    lock_set_not_null,
    lock_statement_timeout_missing,
    lock_timeout_missing,
    mysql_algorithm_copy,
    mysql_lock_blocking,
    mysql_table_copy,
    opaque_statement,
    partition_attach_without_check,
    partition_detach_not_concurrent,
    rewrite_add_column_generated,
    rewrite_add_column_identity,
    rewrite_add_column_volatile_default,
    rewrite_column_type,
    rewrite_table_command,
    rls_enabled_without_policy,
    sqlite_add_column_unsupported,
    sqlite_alter_unsupported,
    syntax_error,
    tx_backfill_with_ddl,
    tx_commit_without_begin,
    tx_nested_begin,
    tx_unclosed,
}

/// Lints files in order (the order they are applied). `existing` names the
/// tables that exist before the first file. Findings carry the index of
/// their file and the statement's span.
pub fn lint(files: &[MigrationFile], existing: &[String], settings: &Settings) -> Vec<Finding> {
    let mut state = State {
        existing_tables: existing.iter().cloned().collect(),
        ..State::default()
    };
    let mut findings = Vec::new();
    let known = ignores::known();
    for (index, file) in files.iter().enumerate() {
        let in_transaction = settings.assume_in_transaction && !file.no_transaction;
        state.start_file(in_transaction);
        let file_ignores = file.ignore_file.as_deref();
        let mut file_used = vec![false; file_ignores.map_or(0, |l| l.len().max(1))];
        for (i, statement) in file.statements.iter().enumerate() {
            let postgres = settings.target.dialect == plinth_model::DialectKind::Postgres;
            let locks = if postgres {
                locks::op_locks(&statement.op, &state, settings.target.version)
            } else {
                Vec::new()
            };
            let cx = Context {
                statement,
                state: &state,
                settings,
                locks: &locks,
                rest: &file.statements[i + 1..],
            };
            let mut used = vec![false; statement.ignores.len()];
            for rule in RULES {
                // A rule may raise its own severity (a large table); a
                // configured severity wins.
                let configured = match settings.overrides.get(rule.meta.id) {
                    Some(None) => continue,
                    Some(Some(s)) => Some(*s),
                    None => None,
                };
                let start = findings.len();
                (rule.check)(&cx, &mut findings);
                if findings.len() == start {
                    continue;
                }
                // Ignored findings are dropped; the ignore that dropped them counts as used.
                if let Some(k) = position(rule.meta.id, &statement.ignores) {
                    used[k] = true;
                    findings.truncate(start);
                    continue;
                }
                if let Some(list) = file_ignores {
                    let slot = if list.is_empty() {
                        Some(0)
                    } else {
                        position(rule.meta.id, list)
                    };
                    if let Some(k) = slot {
                        file_used[k] = true;
                        findings.truncate(start);
                        continue;
                    }
                }
                for f in &mut findings[start..] {
                    if let Some(severity) = configured {
                        f.severity = severity;
                    }
                    f.file = Some(index);
                    f.span.get_or_insert(statement.span);
                }
            }
            findings.extend(ignores::unused(
                &statement.ignores,
                &used,
                Some(statement),
                index,
                &known,
                settings,
            ));
            if locks.iter().any(|l| l.level.blocks_writes()) {
                state.blocking_lock_statements += 1;
                if locks
                    .iter()
                    .any(|l| l.level.blocks_writes() && l.work > locks::Work::Catalog)
                {
                    state.long_lock_statements += 1;
                }
            }
            state.apply(&statement.op, in_transaction);
        }
        if let Some(list) = file_ignores {
            findings.extend(ignores::unused(list, &file_used, None, index, &known, settings));
        }
    }
    findings
}

fn position(id: &str, ignores: &[String]) -> Option<usize> {
    ignores.iter().position(|i| i == id)
}
