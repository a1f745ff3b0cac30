//! Migration rules: each looks at one statement, knowing the state of the
//! schema before it. One rule per file; the list below is the registry.

pub mod op;
pub mod state;

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
    index_not_concurrent,
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
    for (index, file) in files.iter().enumerate() {
        let in_transaction = settings.assume_in_transaction && !file.no_transaction;
        state.start_file(in_transaction);
        for statement in &file.statements {
            let cx = Context {
                statement,
                state: &state,
                settings,
            };
            for rule in RULES {
                let Some(severity) = settings.severity(rule.meta.id, rule.meta.severity) else {
                    continue;
                };
                if ignored(rule.meta.id, &statement.ignores)
                    || file
                        .ignore_file
                        .as_deref()
                        .is_some_and(|l| l.is_empty() || ignored(rule.meta.id, l))
                {
                    continue;
                }
                let start = findings.len();
                (rule.check)(&cx, &mut findings);
                for f in &mut findings[start..] {
                    f.severity = severity;
                    f.file = Some(index);
                    f.span.get_or_insert(statement.span);
                }
            }
            state.apply(&statement.op, in_transaction);
        }
    }
    findings
}

fn ignored(id: &str, ignores: &[String]) -> bool {
    ignores.iter().any(|i| i == id)
}
