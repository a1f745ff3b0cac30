//! The one shallow reader of declared query SQL (the index pass and the
//! documents both use it): which table, which columns are
//! compared for equality, which for a range, which order the result, and
//! which are tested for NULL. Enough to derive an index for the common
//! `SELECT ... FROM t WHERE a = $1 AND b > $2 ORDER BY c DESC` shape; the
//! full advisor (on the real PostgreSQL grammar) comes later.

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryShape {
    pub table: String,
    pub equality: Vec<String>,
    pub range: Vec<String>,
    /// (column, descending)
    pub order_by: Vec<(String, bool)>,
    pub is_null: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Word(String),
    Quoted(String),
    Param,
    Literal,
    Number(String),
    Op(String),
    Open,
    Close,
    Comma,
    Dot,
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
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Tok::Word(chars[start..i].iter().collect::<String>().to_lowercase()));
        } else if c == '"' {
            let mut s = String::new();
            i += 1;
            while i < chars.len() {
                if chars[i] == '"' {
                    if chars.get(i + 1) == Some(&'"') {
                        s.push('"');
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                s.push(chars[i]);
                i += 1;
            }
            out.push(Tok::Quoted(s));
        } else if c == '\'' {
            i += 1;
            while i < chars.len() {
                if chars[i] == '\'' {
                    if chars.get(i + 1) == Some(&'\'') {
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
            out.push(Tok::Literal);
        } else if c == '$' || c == '?' || c == ':' && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()) {
            i += 1;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Tok::Param);
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            out.push(Tok::Number(chars[start..i].iter().collect()));
        } else if c == '(' {
            out.push(Tok::Open);
            i += 1;
        } else if c == ')' {
            out.push(Tok::Close);
            i += 1;
        } else if c == ',' {
            out.push(Tok::Comma);
            i += 1;
        } else if c == '.' {
            out.push(Tok::Dot);
            i += 1;
        } else {
            let start = i;
            while i < chars.len() && "<>=!~*+-/%|&".contains(chars[i]) {
                i += 1;
            }
            if i == start {
                i += 1;
            }
            out.push(Tok::Op(chars[start..i].iter().collect()));
        }
    }
    out
}

fn is_word(t: Option<&Tok>, w: &str) -> bool {
    matches!(t, Some(Tok::Word(x)) if x == w)
}

fn name_of(t: &Tok) -> Option<String> {
    match t {
        Tok::Word(w) | Tok::Quoted(w) => Some(w.clone()),
        _ => None,
    }
}

const CLAUSE_END: &[&str] = &[
    "order",
    "group",
    "limit",
    "offset",
    "having",
    "for",
    "union",
    "returning",
    "window",
];
const NOT_ALIAS: &[&str] = &[
    "where", "join", "left", "right", "inner", "outer", "cross", "order", "group", "limit", "on", "full", "natural",
    "for",
];

/// Reads the shape of a single-table (plus joins) SELECT, UPDATE or DELETE.
/// Returns None when no table can be found.
pub fn analyze(sql: &str) -> Option<QueryShape> {
    let toks = tokenize(sql);
    // Main table: after FROM (select/delete) or UPDATE.
    let pos = toks
        .iter()
        .position(|t| is_word(Some(t), "from") || is_word(Some(t), "update"))?;
    let mut i = pos + 1;
    let mut table = name_of(toks.get(i)?)?;
    i += 1;
    if toks.get(i) == Some(&Tok::Dot) {
        table = name_of(toks.get(i + 1)?)?;
        i += 2;
    }
    let mut alias = None;
    if is_word(toks.get(i), "as") {
        i += 1;
    }
    if let Some(Tok::Word(w)) | Some(Tok::Quoted(w)) = toks.get(i) {
        if !NOT_ALIAS.contains(&w.as_str()) && w != "set" {
            alias = Some(w.clone());
        }
    }
    let mut shape = QueryShape {
        table: table.clone(),
        ..Default::default()
    };
    // Column reference at j: `col` or `qual.col` naming the main table.
    let column_at = |j: usize| -> Option<(String, usize)> {
        let first = name_of(toks.get(j)?)?;
        if toks.get(j + 1) == Some(&Tok::Dot) {
            let col = name_of(toks.get(j + 2)?)?;
            let ours = first == table || alias.as_deref() == Some(first.as_str());
            return ours.then_some((col, j + 3));
        }
        Some((first, j + 1))
    };
    if let Some(w) = toks.iter().position(|t| is_word(Some(t), "where")) {
        let mut j = w + 1;
        let mut depth = 0i32;
        while j < toks.len() {
            match &toks[j] {
                Tok::Open => depth += 1,
                Tok::Close => depth -= 1,
                Tok::Word(k) if depth == 0 && CLAUSE_END.contains(&k.as_str()) => break,
                _ => {}
            }
            let qualified = toks.get(j + 1) == Some(&Tok::Dot) && name_of(&toks[j]).is_some();
            if depth == 0 {
                if let Some((col, next)) = column_at(j) {
                    if !is_keyword(&col) {
                        classify(&toks, next, &col, &mut shape);
                        j = next;
                        continue;
                    }
                }
            }
            j += if qualified { 3 } else { 1 };
        }
    }
    if let Some(o) = toks
        .windows(2)
        .position(|w| is_word(Some(&w[0]), "order") && is_word(Some(&w[1]), "by"))
    {
        let mut j = o + 2;
        while j < toks.len() {
            let Some((col, next)) = column_at(j) else {
                break;
            };
            if is_keyword(&col) {
                break;
            }
            let desc = is_word(toks.get(next), "desc");
            let mut k = next + usize::from(desc || is_word(toks.get(next), "asc"));
            if is_word(toks.get(k), "nulls") {
                k += 2;
            }
            shape.order_by.push((col, desc));
            if toks.get(k) == Some(&Tok::Comma) {
                j = k + 1;
            } else {
                break;
            }
        }
    }
    Some(shape)
}

fn is_keyword(w: &str) -> bool {
    matches!(
        w,
        "and" | "or" | "not" | "null" | "true" | "false" | "exists" | "select" | "case" | "limit" | "offset"
    )
}

fn push_unique(v: &mut Vec<String>, c: &str) {
    if !v.iter().any(|x| x == c) {
        v.push(c.to_string());
    }
}

fn classify(toks: &[Tok], next: usize, col: &str, shape: &mut QueryShape) {
    match toks.get(next) {
        Some(Tok::Op(op)) if op == "=" => push_unique(&mut shape.equality, col),
        Some(Tok::Op(op)) if matches!(op.as_str(), "<" | ">" | "<=" | ">=") => push_unique(&mut shape.range, col),
        Some(Tok::Word(w)) if w == "in" => push_unique(&mut shape.equality, col),
        Some(Tok::Word(w)) if w == "between" => push_unique(&mut shape.range, col),
        Some(Tok::Word(w)) if w == "is" && is_word(toks.get(next + 1), "null") => {
            push_unique(&mut shape.is_null, col);
        }
        _ => {}
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

/// Tables read by `sql` (after FROM and JOIN, in order of appearance,
/// without repeats), keeping only names that `is_table` accepts;
/// `schema.table` keeps the table name.
pub fn tables(sql: &str, is_table: impl Fn(&str) -> bool) -> Vec<String> {
    let toks = tokenize(sql);
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let starts_item = is_word(toks.get(i), "from") || is_word(toks.get(i), "join");
        i += 1;
        if !starts_item {
            continue;
        }
        // FROM a [AS] x, b y JOIN ...: read items until a clause word.
        while let Some(mut n) = toks.get(i).and_then(name_of) {
            i += 1;
            while toks.get(i) == Some(&Tok::Dot) {
                match toks.get(i + 1).and_then(name_of) {
                    Some(next) => {
                        n = next;
                        i += 2;
                    }
                    None => break,
                }
            }
            if is_table(&n) && !out.contains(&n) {
                out.push(n);
            }
            if is_word(toks.get(i), "as") {
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

    #[test]
    fn reads_equality_range_order_and_null_filters() {
        let s = analyze("SELECT * FROM tasks t WHERE t.project_id = $1 AND status IN ('a','b') AND due_date < $2 AND deleted_at IS NULL ORDER BY t.created_at DESC LIMIT 20").unwrap();
        assert_eq!(s.table, "tasks");
        assert_eq!(s.equality, vec!["project_id", "status"]);
        assert_eq!(s.range, vec!["due_date"]);
        assert_eq!(s.is_null, vec!["deleted_at"]);
        assert_eq!(s.order_by, vec![("created_at".to_string(), true)]);
    }

    #[test]
    fn ignores_columns_of_joined_tables() {
        let s = analyze("SELECT o.* FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = $1 AND o.status = 'paid'").unwrap();
        assert_eq!(s.table, "orders");
        assert_eq!(s.equality, vec!["status"]);
    }

    #[test]
    fn no_table_no_shape() {
        assert!(analyze("SELECT 1").is_none());
    }

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
