//! plinth's JSON report: `{"findings": [...], "summary": {...}}`, one
//! object per finding with its rule, severity, location and fix.

use super::{counts, locate, source_of, Source};
use crate::Finding;
use serde_json::{json, Value};

pub fn render(findings: &[Finding], sources: &[Source]) -> String {
    let items: Vec<Value> = findings
        .iter()
        .map(|f| {
            let loc = locate(f, sources);
            json!({
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "message": f.message,
                "help": f.help,
                "subject": f.subject,
                "file": source_of(f, sources).map(|s| s.name.clone()),
                "span": f.span.map(|s| json!({"start": s.start, "end": s.end})),
                "line": loc.map(|l| l.line),
                "column": loc.map(|l| l.column),
                "end_line": loc.map(|l| l.end_line),
                "end_column": loc.map(|l| l.end_column),
                "fix": f.fix.as_ref().map(|x| json!({
                    "description": x.description,
                    "edits": x.edits.iter().map(|e| json!({"start": e.start, "end": e.end, "replacement": e.replacement})).collect::<Vec<_>>(),
                })),
            })
        })
        .collect();
    let (errors, warnings, infos) = counts(findings);
    let doc = json!({
        "findings": items,
        "summary": {"errors": errors, "warnings": warnings, "infos": infos},
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values always serialize");
    s.push('\n');
    s
}
