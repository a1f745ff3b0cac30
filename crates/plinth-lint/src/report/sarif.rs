//! SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`):
//! one run, every rule as a reporting descriptor, every finding as a result
//! with a physical location and a stable partial fingerprint.

use super::{locate, source_of, Source};
use crate::{Finding, Severity};
use serde_json::{json, Value};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub fn render(findings: &[Finding], sources: &[Source]) -> String {
    let rules = crate::all_rules();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.what},
                "help": {
                    "text": format!("{}\n\nWhy: {}\n\nFix: {}", r.what, r.why, r.fix),
                    "markdown": crate::docs::page(r),
                },
                "defaultConfiguration": {"level": level(r.severity)},
                "properties": {"tags": [r.group(), match r.kind { crate::RuleKind::Schema => "schema", crate::RuleKind::Migration => "migration" }]},
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let uri = source_of(f, sources)
                .map(|s| s.name.clone())
                .unwrap_or_else(|| "schema".into());
            let mut physical = json!({"artifactLocation": {"uri": uri}});
            if let Some(l) = locate(f, sources) {
                physical["region"] = json!({
                    "startLine": l.line,
                    "startColumn": l.column,
                    "endLine": l.end_line,
                    "endColumn": l.end_column,
                });
            }
            let mut text = f.message.clone();
            if let Some(h) = &f.help {
                text.push_str(". Fix: ");
                text.push_str(h);
            }
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": {"text": text},
                "locations": [{"physicalLocation": physical}],
                "partialFingerprints": {"plinthSubject/v1": super::gitlab::fingerprint(f, &uri)},
            });
            if let Some(i) = rules.iter().position(|r| r.id == f.rule) {
                result["ruleIndex"] = json!(i);
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "plinth",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values always serialize");
    s.push('\n');
    s
}
