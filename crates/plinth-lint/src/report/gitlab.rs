//! GitLab Code Quality report: a JSON array of issues with a stable
//! fingerprint each (so merge requests show new and fixed findings).

use super::{locate, source_of, Source};
use crate::{Finding, Severity};
use serde_json::{json, Value};

/// FNV-1a 64 over rule, file and subject: stable across runs and line
/// moves, different for different objects.
pub fn fingerprint(f: &Finding, file: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in f
        .rule
        .bytes()
        .chain([0])
        .chain(file.bytes())
        .chain([0])
        .chain(f.subject.bytes())
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

pub fn render(findings: &[Finding], sources: &[Source]) -> String {
    let issues: Vec<Value> = findings
        .iter()
        .map(|f| {
            let file = source_of(f, sources).map(|s| s.name.clone()).unwrap_or_default();
            let line = locate(f, sources).map_or(1, |l| l.line);
            let severity = match f.severity {
                Severity::Error => "critical",
                Severity::Warning => "major",
                Severity::Info => "info",
            };
            let mut description = f.message.clone();
            if let Some(h) = &f.help {
                description.push_str(" — ");
                description.push_str(h);
            }
            json!({
                "description": description,
                "check_name": f.rule,
                "fingerprint": fingerprint(f, &file),
                "severity": severity,
                "location": {"path": file, "lines": {"begin": line}},
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&issues).expect("JSON values always serialize");
    s.push('\n');
    s
}
