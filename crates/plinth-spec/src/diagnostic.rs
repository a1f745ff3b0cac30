//! Diagnostics: plain data (so other crates can inspect, sort and count
//! them) plus a miette adapter used only for rendering.

use crate::ast::Span;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a spec. Every diagnostic points at the exact text
/// (`span` + `label`) and says what to do about it (`help`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable identifier, e.g. `spec::unknown-type` (see docs/spec-language.md).
    pub code: &'static str,
    pub message: String,
    pub span: Span,
    pub label: String,
    pub help: String,
    /// Other places that explain the problem (the first definition of a
    /// duplicate, the other edges of a cycle, ...).
    pub related: Vec<(Span, String)>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>, span: Span, label: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
            label: label.into(),
            help: String::new(),
            related: Vec::new(),
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>, span: Span, label: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message, span, label)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    pub fn with_related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related.push((span, label.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// 1-based line and column (in characters) of a byte offset. Offsets past
/// the end or inside a UTF-8 sequence are clamped, never a panic.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(src, offset);
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|n| n + 1).unwrap_or(0);
    let col = src[line_start..offset].chars().count() + 1;
    (line, col)
}

pub(crate) fn floor_char_boundary(src: &str, offset: usize) -> usize {
    let mut o = offset.min(src.len());
    while !src.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// Edit distance for "did you mean" suggestions: Levenshtein plus
/// adjacent transpositions (`tetx` → `text` is one edit), on chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

/// The closest candidate to `name`, if it is close enough to be a likely
/// typo: a case-insensitive match, or at most a third of the length edited.
pub fn suggest<'a, I>(name: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = name.to_ascii_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        let d = if c.to_ascii_lowercase() == lower {
            0
        } else {
            edit_distance(&lower, &c.to_ascii_lowercase())
        };
        let limit = (name.chars().count().max(c.chars().count()) / 3).max(1);
        let better = match best {
            None => true,
            Some((bd, _)) => d < bd,
        };
        if d <= limit && better {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c.to_string())
}

/// `did you mean `x`?` or an empty string.
pub fn did_you_mean<'a, I>(name: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    suggest(name, candidates).map(|s| format!("did you mean `{s}`?"))
}

/// Adapter that lets miette draw a [`Diagnostic`] against its source.
struct Report<'a> {
    diag: &'a Diagnostic,
    source: miette::NamedSource<String>,
    src_len: usize,
    src: &'a str,
}

impl Report<'_> {
    fn clamp(&self, span: Span) -> miette::SourceSpan {
        let start = floor_char_boundary(self.src, span.start.min(self.src_len));
        let end = floor_char_boundary(self.src, span.end.clamp(start, self.src_len));
        (start, end - start).into()
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diag.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if self.diag.help.is_empty() {
            None
        } else {
            Some(Box::new(&self.diag.help))
        }
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let mut labels = vec![miette::LabeledSpan::new_primary_with_span(
            Some(self.diag.label.clone()),
            self.clamp(self.diag.span),
        )];
        for (span, label) in &self.diag.related {
            labels.push(miette::LabeledSpan::new_with_span(
                Some(label.clone()),
                self.clamp(*span),
            ));
        }
        Some(Box::new(labels.into_iter()))
    }
}

/// Draw diagnostics the way `plinth check` prints them.
pub fn render(diags: &[Diagnostic], name: &str, src: &str, color: bool) -> String {
    use miette::{GraphicalReportHandler, GraphicalTheme};
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for d in diags {
        let report = Report {
            diag: d,
            source: miette::NamedSource::new(name, src.to_string()),
            src_len: src.len(),
            src,
        };
        let mut one = String::new();
        if handler.render_report(&mut one, &report).is_err() {
            // Never lose a diagnostic because drawing failed: fall back to one line.
            let (line, col) = line_col(src, d.span.start);
            one = format!(
                "{}: {} [{}]\n  at {name}:{line}:{col}: {}\n  help: {}\n",
                sev(d),
                d.message,
                d.code,
                d.label,
                d.help
            );
        }
        out.push_str(&one);
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

fn sev(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_is_one_based_and_clamped() {
        let src = "ab\ncdé\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 3), (2, 1));
        assert_eq!(line_col(src, 5), (2, 3));
        assert_eq!(line_col(src, 6), (2, 3)); // inside é
        assert_eq!(line_col(src, 999), (3, 1));
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("tetx", ["text", "int", "date"]), Some("text".into()));
        assert_eq!(suggest("user", ["User", "Task"]), Some("User".into()));
        assert_eq!(suggest("zzzz", ["text", "int"]), None);
    }

    #[test]
    fn render_names_file_line_col() {
        let src = "entity A {\n  x tetx\n}\n";
        let d = Diagnostic::error(
            "spec::unknown-type",
            "unknown type `tetx`",
            Span::new(15, 19),
            "not a type",
        )
        .with_help("did you mean `text`?");
        let out = render(&[d], "a.plinth", src, false);
        assert!(out.contains("a.plinth:2:5"), "{out}");
        assert!(out.contains("spec::unknown-type"), "{out}");
    }
}
