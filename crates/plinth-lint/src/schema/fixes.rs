//! Mechanical fixes for findings on SQL schema files: the rules that can
//! fix themselves expose `fix(finding, source)`, and [`attach`] calls them.
//! Edits are byte ranges in the file the finding's span points into.

use crate::{Edit, Finding, Fix};
use plinth_model::SourceRef;

type Fixer = fn(&Finding, &str) -> Option<Fix>;

/// Rules with a mechanical fix, by id.
const FIXERS: &[(&str, Fixer)] = &[
    ("type-timestamp-without-tz", super::type_timestamp_without_tz::fix),
    ("type-json", super::type_json::fix),
    ("fk-missing-index", super::fk_missing_index::fix),
];

/// Adds fixes to the findings of `source` (a SQL file) where a rule knows one.
pub fn attach(findings: &mut [Finding], source: &str) {
    for f in findings.iter_mut().filter(|f| f.fix.is_none()) {
        if let Some((_, fixer)) = FIXERS.iter().find(|(id, _)| *id == f.rule) {
            f.fix = fixer(f, source);
        }
    }
}

/// The ids of rules that can fix SQL files.
pub fn fixable() -> impl Iterator<Item = &'static str> {
    FIXERS.iter().map(|(id, _)| *id)
}

/// The text `span` covers, when it lies inside `source`.
pub fn source_of(source: &str, span: SourceRef) -> Option<&str> {
    source.get(span.start..span.end)
}

/// Applies non-overlapping edits (insertions at one point keep their order).
/// Err names the first pair of overlapping edits.
pub fn apply(source: &str, edits: &[Edit]) -> Result<String, String> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for e in sorted {
        if e.start < at || e.end < e.start || e.end > source.len() {
            return Err(format!(
                "edit at bytes {}..{} overlaps an earlier edit; fix them one run at a time",
                e.start, e.end
            ));
        }
        out.push_str(&source[at..e.start]);
        out.push_str(&e.replacement);
        at = e.end;
    }
    out.push_str(&source[at..]);
    Ok(out)
}

/// Keeps the fixes whose edits do not overlap an earlier kept fix; returns
/// the edits of the kept fixes and how many fixes were left for a re-run.
pub fn non_overlapping(findings: &[Finding]) -> (Vec<Edit>, usize) {
    let mut kept: Vec<Edit> = Vec::new();
    let mut skipped = 0;
    for fix in findings.iter().filter_map(|f| f.fix.as_ref()) {
        let clashes = fix.edits.iter().any(|e| {
            kept.iter().any(|k| {
                e.start < k.end && k.start < e.end || (e.start == e.end && k.start < e.start && e.start < k.end)
            })
        });
        if clashes {
            skipped += 1;
        } else {
            kept.extend(fix.edits.iter().cloned());
        }
    }
    (kept, skipped)
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// Position just after `word` at `at` (ASCII case-insensitive, whole word).
fn word_at(text: &str, at: usize, word: &str) -> Option<usize> {
    let end = at + word.len();
    let candidate = text.get(at..end)?;
    let bytes = text.as_bytes();
    (candidate.eq_ignore_ascii_case(word) && (end == bytes.len() || !is_word(bytes[end]))).then_some(end)
}

fn skip_space(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while at < bytes.len() && bytes[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

/// In `statement` (which starts at byte `base` of the file), the type written
/// after column `column` when it is one of `types`: an edit replacing it with
/// `replacement`. With `timestamp`, a precision `(p)` is kept and a trailing
/// `without time zone` is removed.
pub fn replace_column_type(
    statement: &str,
    base: usize,
    column: &str,
    types: &[&str],
    replacement: &str,
    timestamp: bool,
) -> Option<Edit> {
    let lower = statement.to_ascii_lowercase();
    let bytes = statement.as_bytes();
    let needle = column.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(&needle) {
        let start = from + pos;
        from = start + needle.len();
        let quoted = start > 0 && bytes[start - 1] == b'"';
        let mut end = start + needle.len();
        if quoted {
            if bytes.get(end) != Some(&b'"') || statement[start..end] != *column {
                continue;
            }
            end += 1;
        } else if start > 0 && is_word(bytes[start - 1]) || end < bytes.len() && is_word(bytes[end]) {
            continue;
        }
        let type_start = skip_space(statement, end);
        if type_start == end {
            continue;
        }
        let Some((ty_end, _)) = types
            .iter()
            .find_map(|t| word_at(&lower, type_start, t).map(|e| (e, t)))
        else {
            continue;
        };
        let mut stop = ty_end;
        let mut precision = String::new();
        if timestamp {
            let p = skip_space(statement, stop);
            if bytes.get(p) == Some(&b'(') {
                let close = statement[p..].find(')')? + p + 1;
                precision = statement[p..close].to_string();
                stop = close;
            }
            let mut w = skip_space(statement, stop);
            let mut matched = true;
            for word in ["without", "time", "zone"] {
                match word_at(&lower, w, word) {
                    Some(e) => w = skip_space(statement, e),
                    None => {
                        matched = false;
                        break;
                    }
                }
            }
            if matched {
                stop = statement[..w].trim_end().len();
            }
        }
        return Some(Edit {
            start: base + type_start,
            end: base + stop,
            replacement: format!("{replacement}{precision}"),
        });
    }
    None
}

/// The byte just after the statement at `span` and its `;`, for inserting a
/// new statement after it.
pub fn after_statement(source: &str, span: SourceRef) -> usize {
    let rest = source.get(span.end..).unwrap_or("");
    let trimmed = rest.trim_start();
    let skipped = rest.len() - trimmed.len();
    if trimmed.starts_with(';') {
        span.end + skipped + 1
    } else {
        span.end
    }
}
