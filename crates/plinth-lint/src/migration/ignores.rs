//! Inline ignores in migration files that suppressed nothing, or that name
//! a rule that does not exist, become `ignore-unused` findings (the rule the
//! schema side defines; one id for both kinds of input).

use super::Statement;
use crate::{Finding, Settings};

/// The rule ids `plinth rules` lists.
pub(super) fn known() -> Vec<&'static str> {
    crate::all_rules().iter().map(|r| r.id).collect()
}

/// Findings for the ignores of one statement (`used[i]`: ignore `i`
/// suppressed a finding) or of a whole file (`statement` is `None`).
pub(super) fn unused(
    ids: &[String],
    used: &[bool],
    statement: Option<&Statement>,
    file: usize,
    known: &[&str],
    settings: &Settings,
) -> Vec<Finding> {
    let meta = &crate::schema::ignore_unused::RULE.meta;
    let Some(severity) = settings.severity(meta.id, meta.severity) else {
        return Vec::new();
    };
    let place = if statement.is_some() {
        "on this statement"
    } else {
        "in this file"
    };
    let mut out = Vec::new();
    let mut push = |message: String, help: String| {
        let mut f = Finding::new(meta, "plinth-ignore", message).help(help);
        f.severity = severity;
        f.file = Some(file);
        f.span = statement.map(|s| s.span);
        out.push(f);
    };
    if ids.is_empty() {
        // `-- plinth-ignore-file` with no ids ignores every rule.
        if statement.is_none() && !used.first().copied().unwrap_or(false) {
            push(
                format!("plinth-ignore-file for every rule matches no finding {place}"),
                "delete the comment".into(),
            );
        }
        return out;
    }
    for (id, used) in ids.iter().zip(used) {
        if !known.contains(&id.as_str()) {
            let hint = crate::config::closest(id, known)
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| "`plinth rules` lists every rule id".into());
            push(format!("plinth-ignore names unknown rule `{id}`"), hint);
        } else if !used && settings.overrides.get(id.as_str()) != Some(&None) {
            push(
                format!("plinth-ignore for {id} matches no finding {place}"),
                "delete the comment, or put it on the line above the statement the finding is on".into(),
            );
        }
    }
    out
}
