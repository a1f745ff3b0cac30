//! Just enough reading of a declared query's SQL for the documents: which
//! tables of the schema it reads (after FROM and JOIN) and its LIMIT.
//! Deliberately shallow — the index advisor in plinth-design does the real
//! analysis; a document only needs to name the tables and their volumes.

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// A bare word, lower-cased (unquoted identifiers fold to lower case).
    Word(String),
    /// A double-quoted identifier, verbatim.
    Quoted(String),
    Number(String),
    Comma,
    Dot,
    Other,
}

fn tokenize(sql: &str) -> Vec<Tok> {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '-' && chars.get(i + 1) == Some(&'-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$') {
                i += 1;
            }
            out.push(Tok::Word(chars[start..i].iter().collect::<String>().to_lowercase()));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            out.push(Tok::Number(chars[start..i].iter().collect()));
        } else if c == '"' || c == '\'' {
            let mut s = String::new();
            i += 1;
            while i < chars.len() {
                if chars[i] == c {
                    if chars.get(i + 1) == Some(&c) {
                        s.push(c);
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                s.push(chars[i]);
                i += 1;
            }
            out.push(if c == '"' { Tok::Quoted(s) } else { Tok::Other });
        } else {
            out.push(match c {
                ',' => Tok::Comma,
                '.' => Tok::Dot,
                _ => Tok::Other,
            });
            i += 1;
        }
    }
    out
}

fn name(t: &Tok) -> Option<&str> {
    match t {
        Tok::Word(w) | Tok::Quoted(w) => Some(w),
        _ => None,
    }
}

/// Words that end a FROM item instead of being its alias.
const CLAUSE_WORDS: &[&str] = &[
    "where",
    "join",
    "inner",
    "left",
    "right",
    "full",
    "cross",
    "natural",
    "on",
    "using",
    "group",
    "order",
    "limit",
    "offset",
    "having",
    "window",
    "union",
    "except",
    "intersect",
    "for",
    "lateral",
];

/// Tables read by `sql` (in order of appearance, without repeats), keeping
/// only names that `is_table` accepts. `schema.table` names keep the table.
pub fn tables(sql: &str, is_table: impl Fn(&str) -> bool) -> Vec<String> {
    let toks = tokenize(sql);
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let starts_item = matches!(&toks[i], Tok::Word(w) if w == "from" || w == "join");
        i += 1;
        if !starts_item {
            continue;
        }
        // FROM a [AS] x, b y JOIN ...: read items until a clause word.
        while let Some(mut n) = toks.get(i).and_then(name) {
            i += 1;
            while toks.get(i) == Some(&Tok::Dot) {
                match toks.get(i + 1).and_then(name) {
                    Some(next) => {
                        n = next;
                        i += 2;
                    }
                    None => break,
                }
            }
            if is_table(n) && !out.iter().any(|t| t == n) {
                out.push(n.to_string());
            }
            // Optional alias.
            if matches!(toks.get(i), Some(Tok::Word(w)) if w == "as") {
                i += 1;
            }
            if let Some(Tok::Word(w)) | Some(Tok::Quoted(w)) = toks.get(i) {
                if !CLAUSE_WORDS.contains(&w.as_str()) {
                    i += 1;
                }
            }
            if toks.get(i) == Some(&Tok::Comma) {
                i += 1;
                continue;
            }
            break;
        }
    }
    out
}

/// The number after the last `LIMIT`, when it is a literal.
pub fn limit(sql: &str) -> Option<u64> {
    let toks = tokenize(sql);
    toks.windows(2).rev().find_map(|w| match (&w[0], &w[1]) {
        (Tok::Word(l), Tok::Number(n)) if l == "limit" => n.parse().ok(),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any(_: &str) -> bool {
        true
    }

    #[test]
    fn reads_from_and_join_items_with_aliases() {
        let sql = "SELECT t.* FROM tasks t JOIN task_assignees AS a ON a.task_id = t.id WHERE t.x = 1";
        assert_eq!(tables(sql, any), ["tasks", "task_assignees"]);
        assert_eq!(tables("select * from a, b x, public.c where 1", any), ["a", "b", "c"]);
        assert_eq!(tables(r#"SELECT 1 FROM "Odd ""Name""" o"#, any), [r#"Odd "Name""#]);
        assert_eq!(tables("SELECT 'from x' FROM y -- from z", any), ["y"]);
        assert_eq!(tables("SELECT * FROM tasks", |t| t == "users"), Vec::<String>::new());
    }

    #[test]
    fn reads_a_literal_limit() {
        assert_eq!(limit("SELECT * FROM t ORDER BY a LIMIT 50"), Some(50));
        assert_eq!(limit("SELECT * FROM t LIMIT $1"), None);
        assert_eq!(limit("SELECT * FROM t"), None);
    }
}
