//! Schema rules: each looks at a finished schema. One rule per file; the
//! list below is the registry (adding a rule = a file + one line here).

use crate::finding::Finding;
use crate::rule::RuleMeta;
use crate::settings::Settings;
use plinth_model::Schema;

pub mod fixes;
pub mod ignores;
pub mod util;

/// A schema rule: its documentation and its check.
pub struct SchemaRule {
    pub meta: RuleMeta,
    pub check: fn(&Schema, &Settings, &mut Vec<Finding>),
}

macro_rules! schema_rules {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every schema rule, in id order.
        pub static RULES: &[&SchemaRule] = &[$(&$module::RULE),*];
    };
}

schema_rules! {
    convention_missing_soft_delete,
    convention_missing_timestamps,
    convention_sequence_unowned,
    convention_serial_identity_mixed,
    convention_soft_delete_unique,
    convention_table_comment,
    default_null_string,
    fk_cascade_to_reference,
    fk_cycle,
    fk_duplicate,
    fk_missing_for_id,
    fk_missing_index,
    fk_owner_nullable,
    fk_type_mismatch,
    ignore_unused,
    index_duplicate,
    index_lone_boolean,
    index_low_cardinality,
    index_none,
    index_redundant_prefix,
    index_unique_nullable,
    index_wide,
    name_like_type,
    name_mixed_case,
    name_reserved,
    name_too_long,
    pk_duplicate_unique,
    pk_int_overflow,
    pk_missing,
    rls_no_policies,
    rls_not_enabled,
    rls_not_forced,
    shape_all_nullable,
    shape_eav,
    shape_orphan_table,
    shape_repeating_group,
    shape_single_column,
    tenant_column_missing,
    type_boolean_nullable,
    type_char,
    type_column_inconsistent,
    type_float_money,
    type_json,
    type_money_integer_unit,
    type_text_no_length_check,
    type_timestamp_without_tz,
    type_varchar_length,
}

/// Rules that run only when the configuration names them (a severity in
/// `[lint.severity]` or an id in `select`): useful, but noise by default.
pub const OFF_BY_DEFAULT: &[&str] = &["convention-table-comment"];

/// Whether a rule runs with these settings.
pub fn enabled(meta: &RuleMeta, settings: &Settings) -> Option<crate::Severity> {
    if OFF_BY_DEFAULT.contains(&meta.id) && !settings.overrides.contains_key(meta.id) {
        return None;
    }
    settings.severity(meta.id, meta.severity)
}

/// Runs every enabled schema rule; findings come back sorted by location,
/// then rule id, with the configured severities applied.
pub fn lint(schema: &Schema, settings: &Settings) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in RULES {
        let Some(severity) = enabled(&rule.meta, settings) else {
            continue;
        };
        let start = findings.len();
        (rule.check)(schema, settings, &mut findings);
        for f in &mut findings[start..] {
            f.severity = severity;
        }
    }
    sort(&mut findings);
    findings
}

/// Findings only the text of a SQL schema file shows (identifiers the
/// PostgreSQL scanner truncates before the model sees them), with the
/// configured severities; add them to [`lint`]'s for SQL files.
pub fn lint_sql_text(text: &str, settings: &Settings) -> Vec<Finding> {
    let Some(severity) = enabled(&name_too_long::RULE.meta, settings) else {
        return Vec::new();
    };
    let mut findings = name_too_long::scan_sql(text, settings);
    for f in &mut findings {
        f.severity = severity;
    }
    findings
}

/// Location, then rule id, then subject.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let pa = a.span.map(|s| s.start);
        let pb = b.span.map(|s| s.start);
        (a.file, pa, a.rule, &a.subject).cmp(&(b.file, pb, b.rule, &b.subject))
    });
}

/// `table t` or `table ns.t`, the way findings name a table.
pub fn table_subject(t: &plinth_model::Table) -> String {
    match &t.namespace {
        Some(ns) if ns != "public" => format!("table {ns}.{}", t.name),
        _ => format!("table {}", t.name),
    }
}
