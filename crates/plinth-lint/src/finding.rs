//! What a rule reports.

use crate::rule::Severity;
use plinth_model::SourceRef;

/// One problem found by one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// What is wrong here, in one sentence naming the object.
    pub message: String,
    /// The safe alternative, shown as help.
    pub help: Option<String>,
    /// The object, e.g. `table orders, column total`, for reporters that
    /// have no source text (a live database).
    pub subject: String,
    /// Which input the finding is in (index into the inputs the caller
    /// linted); `None` when the schema came from a single source.
    pub file: Option<usize>,
    /// Byte range in that input, when known.
    pub span: Option<SourceRef>,
    /// A mechanical rewrite, when one exists.
    pub fix: Option<Fix>,
}

impl Finding {
    /// A finding with the rule's default severity and no location yet.
    pub fn new(meta: &crate::RuleMeta, subject: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding {
            rule: meta.id,
            severity: meta.severity,
            message: message.into(),
            help: None,
            subject: subject.into(),
            file: None,
            span: None,
            fix: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    pub fn at(mut self, span: Option<SourceRef>) -> Finding {
        self.span = span;
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Finding {
        self.fix = Some(fix);
        self
    }
}

/// A mechanical fix: text edits to the linted input (byte ranges, non
/// overlapping), applied by `plinth lint --fix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<Edit>,
}

/// Replace `start..end` with `replacement` (an insertion when start == end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}
