//! `-- plinth-ignore`, `-- plinth-ignore-file` and `-- plinth:no-transaction`
//! comments.

use std::ops::Range;

pub(super) struct Directives {
    /// Rule ids ignored for each statement, in statement order.
    pub per_statement: Vec<Vec<String>>,
    pub ignore_file: Option<Vec<String>>,
    pub no_transaction: bool,
}

/// A directive comment: where it starts and whether it is alone on its line.
struct Comment<'a> {
    at: usize,
    line: usize,
    alone: bool,
    text: &'a str,
}

/// Finds the directives of a file whose statements sit at `spans`.
pub(super) fn find(sql: &str, spans: &[Range<usize>]) -> Directives {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(sql.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |at: usize| line_starts.partition_point(|&s| s <= at) - 1;
    let mut comments = Vec::new();
    for (at, _) in sql.match_indices("--") {
        let end = sql[at..].find('\n').map_or(sql.len(), |p| at + p);
        let text = sql[at + 2..end].trim();
        if !text.starts_with("plinth") {
            continue;
        }
        let line = line_of(at);
        let before = &sql[line_starts[line]..at];
        // A `--` inside a string of a statement is not a comment: inside a
        // statement, only lines without quotes before the `--` count.
        let next = spans.partition_point(|s| s.start <= at);
        let inside = next > 0 && at < spans[next - 1].end;
        if inside && before.contains(['\'', '"', '$']) || before.contains("--") {
            continue;
        }
        {
            comments.push(Comment {
                at,
                line,
                alone: before.trim().is_empty(),
                text,
            });
        }
    }
    let mut out = Directives {
        per_statement: vec![Vec::new(); spans.len()],
        ignore_file: None,
        no_transaction: false,
    };
    for c in &comments {
        if c.text.starts_with("plinth:no-transaction") {
            out.no_transaction = true;
        } else if let Some(rest) = c.text.strip_prefix("plinth-ignore-file") {
            let ids = ids(rest);
            out.ignore_file = Some(match out.ignore_file.take() {
                None => ids,
                Some(list) if list.is_empty() || ids.is_empty() => Vec::new(),
                Some(mut list) => {
                    list.extend(ids);
                    list
                }
            });
        } else if let Some(rest) = c.text.strip_prefix("plinth-ignore") {
            if let Some(i) = owner(c, spans, &line_of) {
                out.per_statement[i].extend(ids(rest));
            }
        }
    }
    out
}

/// The statement an ignore comment belongs to: the statement whose last
/// line it trails, else the first statement starting on a later line when
/// only comments and blank lines lie between them.
fn owner(c: &Comment<'_>, spans: &[Range<usize>], line_of: &dyn Fn(usize) -> usize) -> Option<usize> {
    if !c.alone {
        // Trailing: the statement ending on this line (or containing it).
        let before = spans.partition_point(|s| s.start <= c.at);
        let i = before.checked_sub(1)?;
        return (line_of(spans[i].end.saturating_sub(1).max(spans[i].start)) == c.line).then_some(i);
    }
    let next = spans.partition_point(|s| s.start <= c.at);
    let s = spans.get(next)?;
    (line_of(s.start) > c.line).then_some(next)
}

/// `rule-a, rule-b` → ids (anything after the ids, e.g. `-- reason`, ends the list).
fn ids(rest: &str) -> Vec<String> {
    let rest = rest.split("--").next().unwrap_or("");
    rest.split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .take_while(|s| {
            s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        .map(str::to_string)
        .collect()
}
