//! GitHub Actions workflow commands: one `::error file=…,line=…::message`
//! line per finding, shown as annotations on the pull request.

use super::{locate, source_of, Source};
use crate::{Finding, Severity};

/// Escapes a command's message (`%`, CR, LF).
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (also `:` and `,`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(findings: &[Finding], sources: &[Source]) -> String {
    let mut out = String::new();
    for f in findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = Vec::new();
        if let Some(src) = source_of(f, sources) {
            props.push(format!("file={}", property(&src.name)));
        }
        if let Some(l) = locate(f, sources) {
            props.push(format!("line={}", l.line));
            props.push(format!("col={}", l.column));
            props.push(format!("endLine={}", l.end_line));
        }
        props.push(format!("title={}", property(&format!("plinth {}", f.rule))));
        let mut message = f.message.clone();
        if let Some(h) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        out.push_str(&format!("::{level} {}::{}\n", props.join(","), data(&message)));
    }
    out
}
