//! Inline ignores in schema files: `-- plinth-ignore rule-id[, rule-id]`
//! (or `// plinth-ignore ...` in a spec) on the line(s) above an object
//! suppresses those rules' findings on that object; `plinth-ignore-file
//! [rule-id, ...]` anywhere suppresses them in the whole file (every rule
//! when none is named). An ignore that suppresses nothing, or names an
//! unknown rule, becomes an `ignore-unused` finding.

use crate::{Finding, SourceRef};

/// One ignore comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignore {
    /// Rule ids; empty with `file` means every rule.
    pub rules: Vec<String>,
    /// The whole file, not just the next object.
    pub file: bool,
    /// The comment itself.
    pub span: SourceRef,
    /// Start of the first line below the comment that is not blank or a comment.
    pub target: usize,
}

/// Finds the ignore comments of a file.
pub fn parse(text: &str) -> Vec<Ignore> {
    let mut ignores = Vec::new();
    let mut offset = 0;
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .map(|l| {
            let at = offset;
            offset += l.len();
            (at, l)
        })
        .collect();
    for (i, (at, line)) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(body) = trimmed.strip_prefix("--").or_else(|| trimmed.strip_prefix("//")) else {
            continue;
        };
        let body = body.trim();
        let (file, rest) = if let Some(r) = body.strip_prefix("plinth-ignore-file") {
            (true, r)
        } else if let Some(r) = body.strip_prefix("plinth-ignore") {
            (false, r)
        } else {
            continue;
        };
        if !rest.is_empty() && !rest.starts_with([' ', ':', '\t']) {
            continue;
        }
        let rules: Vec<String> = rest
            .trim_start_matches(':')
            .split([',', ' ', '\t'])
            .map(str::trim)
            .take_while(|r| !r.starts_with("--") && !r.starts_with('('))
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect();
        let start = at + (line.len() - trimmed.len());
        let target = lines[i + 1..]
            .iter()
            .find(|(_, l)| {
                let t = l.trim_start();
                !t.is_empty() && !t.starts_with("--") && !t.starts_with("//")
            })
            .map(|(a, l)| a + (l.len() - l.trim_start().len()))
            .unwrap_or(text.len());
        ignores.push(Ignore {
            rules,
            file,
            span: SourceRef {
                start,
                end: at + line.trim_end().len(),
            },
            target,
        });
    }
    ignores
}

fn covers(ignore: &Ignore, finding: &Finding) -> bool {
    if !ignore.rules.is_empty() && !ignore.rules.iter().any(|r| r == finding.rule) {
        return false;
    }
    if ignore.file {
        return true;
    }
    finding
        .span
        .is_some_and(|s| s.start == ignore.target || (s.start <= ignore.target && ignore.target < s.end))
}

/// Drops the findings an ignore covers and adds `ignore-unused` findings
/// (with `file` set) for ignores that covered nothing or name unknown rules.
/// `enabled` tells whether `ignore-unused` itself is on, and at what severity.
pub fn apply(
    findings: Vec<Finding>,
    ignores: &[Ignore],
    file: Option<usize>,
    known: &[&str],
    enabled: Option<crate::Severity>,
) -> Vec<Finding> {
    let mut used = vec![false; ignores.len()];
    let mut kept: Vec<Finding> = findings
        .into_iter()
        .filter(|f| {
            let mut hit = false;
            for (i, ig) in ignores.iter().enumerate() {
                if covers(ig, f) {
                    used[i] = true;
                    hit = true;
                }
            }
            !hit
        })
        .collect();
    let Some(severity) = enabled else { return kept };
    let meta = &super::ignore_unused::RULE.meta;
    for (ig, used) in ignores.iter().zip(used) {
        let unknown: Vec<&String> = ig.rules.iter().filter(|r| !known.contains(&r.as_str())).collect();
        let message = if let Some(first) = unknown.first() {
            let hint = crate::config::closest(first, known)
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| "`plinth rules` lists every rule id".into());
            Some((format!("plinth-ignore names unknown rule `{first}`"), hint))
        } else if !used {
            let what = if ig.rules.is_empty() {
                "any rule".to_string()
            } else {
                ig.rules.join(", ")
            };
            let place = if ig.file { "in this file" } else { "on the object below" };
            Some((
                format!("plinth-ignore for {what} matches no finding {place}"),
                "delete the comment, or move it directly above the object the finding is on".to_string(),
            ))
        } else {
            None
        };
        if let Some((message, help)) = message {
            let mut f = Finding::new(meta, format!("ignore comment at byte {}", ig.span.start), message)
                .help(help)
                .at(Some(ig.span));
            f.severity = severity;
            f.file = file;
            kept.push(f);
        }
    }
    kept
}
