//! Rendered SQL, one statement at a time, with where it came from.

use crate::SourceRef;

/// One executable statement produced by a target, in execution order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlStatement {
    /// Complete statement text, terminated by `;`.
    pub sql: String,
    /// What the statement creates, e.g. `table tasks`, for reports.
    pub object: String,
    /// The spec location that asked for this object, if any.
    pub origin: Option<SourceRef>,
}

/// Joins statements into one script, separated by blank lines.
pub fn script(statements: &[SqlStatement]) -> String {
    let mut out = String::new();
    for s in statements {
        out.push_str(&s.sql);
        out.push_str("\n\n");
    }
    if out.ends_with("\n\n") {
        out.pop();
    }
    out
}
