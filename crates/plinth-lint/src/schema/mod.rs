//! Schema rules: each looks at a finished schema. One rule per file; the
//! list below is the registry (adding a rule = a file + one line here).

use crate::finding::Finding;
use crate::rule::RuleMeta;
use crate::settings::Settings;
use plinth_model::Schema;

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
    fk_missing_index,
}

/// Runs every enabled schema rule; findings come back sorted by location,
/// then rule id, with the configured severities applied.
pub fn lint(schema: &Schema, settings: &Settings) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in RULES {
        let Some(severity) = settings.severity(rule.meta.id, rule.meta.severity) else {
            continue;
        };
        let start = findings.len();
        (rule.check)(schema, settings, &mut findings);
        for f in &mut findings[start..] {
            f.severity = severity;
        }
    }
    findings.sort_by(|a, b| {
        let pa = a.span.map(|s| s.start);
        let pb = b.span.map(|s| s.start);
        (pa, a.rule, &a.subject).cmp(&(pb, b.rule, &b.subject))
    });
    findings
}

/// `table t` or `table ns.t`, the way findings name a table.
pub fn table_subject(t: &plinth_model::Table) -> String {
    match &t.namespace {
        Some(ns) => format!("table {ns}.{}", t.name),
        None => format!("table {}", t.name),
    }
}
