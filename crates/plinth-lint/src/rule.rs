//! What every rule declares about itself. The documentation in docs/rules/
//! is generated from these fields, so they are the single source.

/// How serious a finding is. `plinth lint` exits 1 when a finding at or
/// above the configured threshold exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; never fails a build by default.
    Info,
    /// Probably wrong or risky; fails a build when the threshold is warning.
    Warning,
    /// Breaks production or loses data; fails a build by default.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Schema,
    Migration,
}

/// A rule's identity and documentation.
///
/// `id` is stable kebab-case; its first segment is the group
/// (e.g. `fk-missing-index` is in group `fk`). Documentation fields are
/// Markdown: `what` it detects, `why` it matters, a bad `example` (SQL) and
/// the `fix`.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    pub id: &'static str,
    pub kind: RuleKind,
    pub severity: Severity,
    /// One line, shown by `plinth rules`.
    pub summary: &'static str,
    pub what: &'static str,
    pub why: &'static str,
    pub example: &'static str,
    pub fix: &'static str,
}

impl RuleMeta {
    /// The group: the id up to the first `-`.
    pub fn group(&self) -> &'static str {
        self.id.split('-').next().unwrap_or(self.id)
    }
}
