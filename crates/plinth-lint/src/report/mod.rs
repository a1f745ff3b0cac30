//! Reporters: pure functions from findings (and the text they point
//! into) to the output a person or a CI system reads.
//!
//! - [`tty`]: miette diagnostics with the statement highlighted and the
//!   fix as help;
//! - [`json`]: plinth's own stable JSON;
//! - [`sarif`]: SARIF 2.1.0 for GitHub code scanning;
//! - [`github`]: GitHub Actions workflow annotations;
//! - [`gitlab`]: GitLab Code Quality report.

pub mod github;
pub mod gitlab;
pub mod json;
pub mod sarif;
pub mod tty;

use crate::Finding;

/// One linted input: a path (or URL) and, when it is a file, its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: Option<String>,
}

/// The output formats, by name.
pub const FORMATS: &[&str] = &["tty", "json", "sarif", "github", "gitlab"];

/// Renders `findings` in `format` (one of [`FORMATS`]).
pub fn render(format: &str, findings: &[Finding], sources: &[Source], color: bool) -> Option<String> {
    Some(match format {
        "tty" => tty::render(findings, sources, color),
        "json" => json::render(findings, sources),
        "sarif" => sarif::render(findings, sources),
        "github" => github::render(findings, sources),
        "gitlab" => gitlab::render(findings, sources),
        _ => return None,
    })
}

/// The input a finding is in (the first when the finding does not say).
pub fn source_of<'s>(finding: &Finding, sources: &'s [Source]) -> Option<&'s Source> {
    sources.get(finding.file.unwrap_or(0))
}

/// A resolved location: 1-based line and column (in characters) of the
/// span's start and end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Where a finding is, when it has a span and the source has text.
pub fn locate(finding: &Finding, sources: &[Source]) -> Option<Location> {
    let span = finding.span?;
    let text = source_of(finding, sources)?.text.as_deref()?;
    let (line, column) = line_col(text, span.start);
    let (end_line, end_column) = line_col(text, span.end.max(span.start));
    Some(Location {
        line,
        column,
        end_line,
        end_column,
    })
}

/// 1-based line and character column of byte `at` (clamped to the text).
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Counts by severity: (errors, warnings, infos).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    (
        n(crate::Severity::Error),
        n(crate::Severity::Warning),
        n(crate::Severity::Info),
    )
}
