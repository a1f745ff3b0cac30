//! Terminal output: each finding as a miette diagnostic with the object
//! highlighted in its source and the safe alternative as help; findings
//! without source text (a live database) as one located line. A summary
//! line ends the report.

use super::{counts, source_of, Source};
use crate::schema::util::subject_parts;
use crate::{Finding, Severity};
use std::fmt;

struct Report<'a> {
    finding: &'a Finding,
    source: miette::NamedSource<String>,
    span: miette::SourceSpan,
    label: String,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.finding.help.as_ref()?;
        Some(Box::new(match &self.finding.fix {
            Some(fix) => format!("{help}\n(fixable: {}; run with --fix)", fix.description),
            None => help.clone(),
        }))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(miette::LabeledSpan::new_primary_with_span(
            Some(self.label.clone()),
            self.span,
        ))))
    }
}

fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The part of `start..end` worth underlining: for a column finding, the
/// line that declares the column; otherwise the first line of the object.
fn narrow(text: &str, start: usize, end: usize, column: Option<&str>) -> (usize, usize) {
    let body = &text[start..end];
    let line_at = |from: usize| {
        let rest = &body[from..];
        let len = rest.find('\n').unwrap_or(rest.len());
        let line = rest[..len].trim_end().trim_end_matches(',');
        (start + from, start + from + line.len())
    };
    if let Some(col) = column {
        let lower = body.to_ascii_lowercase();
        let needle = col.to_ascii_lowercase();
        let mut from = 0;
        while let Some(p) = lower[from..].find(&needle) {
            let at = from + p;
            let before_ok =
                at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric() && lower.as_bytes()[at - 1] != b'_';
            let after = at + needle.len();
            let after_ok = after >= lower.len()
                || !lower.as_bytes()[after].is_ascii_alphanumeric() && lower.as_bytes()[after] != b'_';
            if before_ok && after_ok && at > 0 {
                let line_start = body[..at].rfind('\n').map_or(0, |n| n + 1);
                // Skip the CREATE TABLE line itself when the column is named there.
                if body[line_start..at].trim().is_empty() || body[line_start..at].trim() == "\"" {
                    return line_at(line_start + (body[line_start..].len() - body[line_start..].trim_start().len()));
                }
            }
            from = after;
        }
    }
    line_at(0)
}

/// For a foreign key finding, what to underline: the constraint's name
/// when the statement spells it (`ADD CONSTRAINT name`), else the column of
/// a default-named key (`orders_customer_id_fkey` → `customer_id`).
fn fk_anchor(subject: &str, body: &str) -> Option<String> {
    let (table, rest) = subject.strip_prefix("table ")?.split_once(", foreign key ")?;
    let table = table.rsplit('.').next().unwrap_or(table);
    if body.contains(rest) {
        return Some(rest.to_string());
    }
    let column = rest.strip_prefix(&format!("{table}_"))?.strip_suffix("_fkey")?;
    body.contains(column).then(|| column.to_string())
}

pub fn render(findings: &[Finding], sources: &[Source], color: bool) -> String {
    use miette::{GraphicalReportHandler, GraphicalTheme};
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(110)
        .with_links(false);
    let mut out = String::new();
    for f in findings {
        let src = source_of(f, sources);
        let text = src.and_then(|s| s.text.as_deref());
        let one = match (f.span, text) {
            (Some(span), Some(text)) => {
                let start = floor(text, span.start);
                let end = floor(text, span.end.max(start));
                let column = subject_parts(&f.subject).and_then(|(_, c)| c);
                let key = fk_anchor(&f.subject, &text[start..end]);
                let column = column.or(key.as_deref());
                let (s, e) = if end > start {
                    narrow(text, start, end, column)
                } else {
                    (start, end)
                };
                let report = Report {
                    finding: f,
                    source: miette::NamedSource::new(src.map_or("", |s| s.name.as_str()), text.to_string()),
                    span: (s, e - s).into(),
                    label: f.subject.clone(),
                };
                let mut one = String::new();
                match handler.render_report(&mut one, &report) {
                    Ok(()) => one,
                    Err(_) => plain(f, src),
                }
            }
            _ => plain(f, src),
        };
        out.push_str(&one);
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
    }
    let (e, w, i) = counts(findings);
    out.push_str(&format!(
        "{} finding{}: {e} error{}, {w} warning{}, {i} info\n",
        findings.len(),
        if findings.len() == 1 { "" } else { "s" },
        if e == 1 { "" } else { "s" },
        if w == 1 { "" } else { "s" },
    ));
    out
}

/// One finding as plain lines, for sources without text.
fn plain(f: &Finding, src: Option<&Source>) -> String {
    let mut s = format!(
        "{}[{}]: {}\n  at {}{}\n",
        f.severity.as_str(),
        f.rule,
        f.message,
        src.map_or(String::new(), |s| format!("{}: ", s.name)),
        f.subject
    );
    if let Some(h) = &f.help {
        s.push_str(&format!("  help: {h}\n"));
    }
    s
}
