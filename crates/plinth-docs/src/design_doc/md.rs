//! Markdown building blocks: escaped table cells, code spans, tables.
//! GitHub-flavoured Markdown splits table rows on `|` before it reads code
//! spans, so a pipe is escaped everywhere in a cell, code spans included.

/// Text for a table cell: pipes escaped, line breaks flattened, no raw HTML.
pub fn cell(s: &str) -> String {
    prose(s).replace('|', "\\|")
}

/// Text in running prose or a list item: one line, and `<`, `>`, `&`
/// as entities so a comment holding markup shows as written.
pub fn prose(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Prose that ends like a sentence (a period added when it has no end mark).
pub fn sentence(s: &str) -> String {
    let p = prose(s);
    if p.ends_with(['.', '!', '?', ')']) || p.is_empty() {
        p
    } else {
        format!("{p}.")
    }
}

/// A code span that survives backticks inside (a longer fence) and sits in
/// a table (pipes escaped). Whitespace runs become one space.
pub fn code(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.is_empty() {
        return "` `".into();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in flat.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if flat.starts_with('`') || flat.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", flat.replace('|', "\\|"))
}

/// A table with a header row; cells are used as given (escape with [`cell`]).
pub fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for r in rows {
        let cells: Vec<&str> = r.iter().map(|c| if c.is_empty() { "—" } else { c.as_str() }).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out.push('\n');
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `1 table`, `3 tables`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if let Some(stem) = noun.strip_suffix('y').filter(|_| !noun.ends_with("ey")) {
        format!("{n} {stem}ies")
    } else if noun.ends_with('x') || noun.ends_with('s') {
        format!("{n} {noun}es")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_and_code_spans_cannot_break_a_table() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
        assert_eq!(cell("<b>x</b> & y"), "&lt;b&gt;x&lt;/b&gt; &amp; y");
        assert_eq!(code("x <> 'a|b'"), "`x <> 'a\\|b'`");
        assert_eq!(code("a `b` c"), "``a `b` c``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(and_list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
        assert_eq!(count(2, "index"), "2 indexes");
        assert_eq!(count(2, "policy"), "2 policies");
        assert_eq!(count(1, "policy"), "1 policy");
        assert_eq!(count(3, "key"), "3 keys");
    }
}
