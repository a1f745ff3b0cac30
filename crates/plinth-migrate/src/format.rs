//! The migration directory format (docs/migration-format.md), read without
//! IO: folder names, `-- plinth:step` headers, statements, checksums.
//!
//! Why a separate pure layer: every refusal the runner can make before it
//! touches a database (a malformed header, SQL outside a step, a
//! transaction-control statement inside a transactional step) is decided
//! here, located at `file:line:col`, and unit-tested without a server.

use sha2::{Digest, Sha256};
use std::fmt;

/// One `<version>_<name>` folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Migration {
    /// 14 digits, `YYYYMMDDHHMMSS`.
    pub version: String,
    pub name: String,
    pub up: Script,
    /// `None` when the folder has no down.sql.
    pub down: Option<Script>,
    /// SHA-256 of up.sql's bytes, lowercase hex.
    pub checksum: String,
}

impl Migration {
    /// `<version>_<name>`, the folder name.
    pub fn id(&self) -> String {
        format!("{}_{}", self.version, self.name)
    }
}

/// up.sql or down.sql: its steps in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Script {
    /// The path shown in messages.
    pub file: String,
    pub steps: Vec<Step>,
}

/// A unit of progress: the statements under one `-- plinth:step` header.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Step {
    pub number: usize,
    pub name: String,
    /// Line of the header (1-based).
    pub line: usize,
    pub phase: Option<String>,
    /// The strongest lock the step takes, e.g. `ACCESS_EXCLUSIVE`.
    pub lock: Option<String>,
    pub cost: Option<String>,
    /// Statements run one by one in autocommit.
    pub no_transaction: bool,
    /// Repeated until an iteration affects 0 rows.
    pub batched: bool,
    pub destructive: bool,
    pub irreversible: bool,
    pub statements: Vec<Statement>,
}

impl Step {
    /// How the step runs, for dry runs and messages.
    pub fn mode(&self) -> &'static str {
        match (self.batched, self.no_transaction) {
            (true, _) => "batched (each batch commits)",
            (false, true) => "no transaction (autocommit, statement by statement)",
            (false, false) => "one transaction",
        }
    }
}

/// One statement with its position in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The statement text, ending with its `;` when it had one.
    pub sql: String,
    pub line: usize,
    pub col: usize,
}

/// A problem in the directory, located in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct FormatError {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}\n  help: {}",
            self.file, self.line, self.col, self.message, self.hint
        )
    }
}

impl std::error::Error for FormatError {}

pub const PHASES: &[&str] = &["expand", "backfill", "contract"];
pub const COSTS: &[&str] = &["catalog", "scan", "rewrite"];
pub const LOCKS: &[&str] = &[
    "NONE",
    "ACCESS_SHARE",
    "ROW_SHARE",
    "ROW_EXCLUSIVE",
    "SHARE_UPDATE_EXCLUSIVE",
    "SHARE",
    "SHARE_ROW_EXCLUSIVE",
    "EXCLUSIVE",
    "ACCESS_EXCLUSIVE",
];
pub const FLAGS: &[&str] = &["no-transaction", "batched", "destructive", "irreversible"];
const HEADER: &str = "-- plinth:step";

/// Splits a folder name into `(version, name)`; `None` when it is not
/// `<14 digits>_<name>`.
pub fn parse_folder_name(folder: &str) -> Option<(String, String)> {
    let (version, name) = folder.split_once('_')?;
    let ok_version = version.len() == 14 && version.bytes().all(|b| b.is_ascii_digit());
    let ok_name = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    (ok_version && ok_name).then(|| (version.to_string(), name.to_string()))
}

/// True for a 14-digit version.
pub fn is_version(text: &str) -> bool {
    text.len() == 14 && text.bytes().all(|b| b.is_ascii_digit())
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn checksum(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// 1-based line and column (in characters) of byte `offset`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Parses up.sql or down.sql. `file` is the path shown in errors.
pub fn parse_script(file: &str, text: &str) -> Result<Script, FormatError> {
    let err = |offset: usize, message: String, hint: &str| {
        let (line, col) = line_col(text, offset);
        FormatError {
            file: file.to_string(),
            line,
            col,
            message,
            hint: hint.to_string(),
        }
    };
    let spans = plinth_postgres::import::statement_spans(text);
    let mut steps: Vec<Step> = Vec::new();
    let mut offset = 0;
    let mut headers = Vec::new();
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("-- plinth:") {
            let at = offset + indent;
            if spans.iter().any(|s| s.start < at && at < s.end) {
                return Err(err(
                    at,
                    "step header inside a statement".into(),
                    "end the previous statement with `;` (a header inside a string or function body is not allowed)",
                ));
            }
            if trimmed.starts_with(HEADER) && rest[4..].chars().next().is_none_or(char::is_whitespace) {
                headers.push(at);
                steps.push(parse_header(file, text, at, line.trim_start())?);
            } else if !rest.starts_with("renamed-from") {
                return Err(err(
                    at,
                    format!(
                        "unknown directive `-- plinth:{}`",
                        rest.split_whitespace().next().unwrap_or("")
                    ),
                    "migration files know `-- plinth:step N name [key=value] [flags]`",
                ));
            }
        }
        offset += raw.len();
    }
    for span in spans {
        let sql = &text[span.clone()];
        let Some(index) = headers.iter().rposition(|&h| h < span.start) else {
            return Err(err(
                span.start,
                "SQL before the first step header".into(),
                "put `-- plinth:step 1 <name>` above it; text before the first header may only be comments",
            ));
        };
        let (line, col) = line_col(text, span.start);
        steps[index].statements.push(Statement {
            sql: sql.to_string(),
            line,
            col,
        });
        check_statement(&steps[index], sql).map_err(|(message, hint)| err(span.start, message, hint))?;
    }
    for (i, step) in steps.iter().enumerate() {
        if step.number != i + 1 {
            let at = headers[i];
            return Err(err(
                at,
                format!("step {} where step {} was expected", step.number, i + 1),
                "number the steps 1, 2, 3, ... in file order",
            ));
        }
        if step.batched && step.statements.is_empty() {
            return Err(err(
                headers[i],
                format!("batched step {} has no statement", step.name),
                "a batched step holds the statement to repeat until it affects 0 rows",
            ));
        }
    }
    Ok(Script {
        file: file.to_string(),
        steps,
    })
}

/// A statement that cannot run in the step's mode.
fn check_statement(step: &Step, sql: &str) -> Result<(), (String, &'static str)> {
    let words: Vec<String> = sql
        .split(|c: char| c.is_whitespace() || c == ';' || c == '(')
        .filter(|w| !w.is_empty())
        .take(4)
        .map(str::to_ascii_uppercase)
        .collect();
    let first = words.first().map(String::as_str).unwrap_or("");
    let control = matches!(
        first,
        "BEGIN" | "COMMIT" | "ROLLBACK" | "END" | "START" | "SAVEPOINT" | "RELEASE" | "ABORT"
    );
    if control && !(first == "START" && words.get(1).map(String::as_str) != Some("TRANSACTION")) {
        return Err((
            format!("transaction control `{first}` in step {}", step.name),
            "the runner opens and commits the transaction of each step itself; remove the statement",
        ));
    }
    let concurrently = matches!(first, "CREATE" | "DROP" | "REINDEX") && words.iter().any(|w| w == "CONCURRENTLY");
    if concurrently && !step.no_transaction {
        return Err((
            format!(
                "`{first} ... CONCURRENTLY` in step {}, which runs in a transaction",
                step.name
            ),
            "add `no-transaction` to the step header: CONCURRENTLY cannot run inside a transaction block",
        ));
    }
    Ok(())
}

/// `-- plinth:step N name key=value flag ...` starting at byte `at`.
fn parse_header(file: &str, text: &str, at: usize, line: &str) -> Result<Step, FormatError> {
    let mut step = Step {
        line: line_col(text, at).0,
        ..Step::default()
    };
    // Tokens with their byte offset in the line.
    let mut tokens = Vec::new();
    let mut pos = HEADER.len();
    for token in line[HEADER.len()..].split_whitespace() {
        let found = line[pos..].find(token).map_or(pos, |p| pos + p);
        tokens.push((found, token));
        pos = found + token.len();
    }
    let err = |col_in_line: usize, message: String, hint: String| {
        let (line, col) = line_col(text, at + col_in_line);
        FormatError {
            file: file.to_string(),
            line,
            col,
            message,
            hint,
        }
    };
    let mut it = tokens.into_iter();
    let Some((p, number)) = it.next() else {
        return Err(err(
            HEADER.len(),
            "step header without a number and a name".into(),
            "write `-- plinth:step 1 add_column_total`".into(),
        ));
    };
    step.number = number.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
        err(
            p,
            format!("step number `{number}` is not a positive integer"),
            "write `-- plinth:step 1 <name>`".into(),
        )
    })?;
    let Some((p, name)) = it.next() else {
        return Err(err(
            line.len(),
            format!("step {} has no name", step.number),
            format!("write `-- plinth:step {} <name>`", step.number),
        ));
    };
    if name.contains('=') || FLAGS.contains(&name) {
        return Err(err(
            p,
            format!("step {} has no name (found `{name}`)", step.number),
            format!(
                "the name comes right after the number: `-- plinth:step {} <name> {name}`",
                step.number
            ),
        ));
    }
    step.name = name.to_string();
    for (p, token) in it {
        if let Some((key, value)) = token.split_once('=') {
            let (slot, allowed) = match key {
                "phase" => (&mut step.phase, PHASES),
                "lock" => (&mut step.lock, LOCKS),
                "cost" => (&mut step.cost, COSTS),
                _ => return Err(err(
                    p,
                    format!("unknown header field `{key}`"),
                    "fields are phase=, lock= and cost=; flags are no-transaction, batched, destructive, irreversible"
                        .into(),
                )),
            };
            if !allowed.contains(&value) {
                return Err(err(
                    p + key.len() + 1,
                    format!("`{value}` is not a valid {key}"),
                    format!("{key} is one of: {}", allowed.join(", ")),
                ));
            }
            *slot = Some(value.to_string());
        } else {
            match token {
                "no-transaction" => step.no_transaction = true,
                "batched" => step.batched = true,
                "destructive" => step.destructive = true,
                "irreversible" => step.irreversible = true,
                _ => {
                    return Err(err(
                        p,
                        format!("unknown step flag `{token}`"),
                        format!("flags are {}; fields are phase=, lock=, cost=", FLAGS.join(", ")),
                    ))
                }
            }
        }
    }
    Ok(step)
}

/// The index a `CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ON
/// table` statement builds, qualified with the table's schema when the
/// index name is not (PostgreSQL puts the index beside its table), as SQL
/// text suitable for `to_regclass`. `None` for any other statement or an
/// unnamed index.
pub fn concurrent_index_name(sql: &str) -> Option<String> {
    let tokens = sql_tokens(sql);
    let upper = |i: usize| tokens.get(i).map(|t| t.to_ascii_uppercase());
    let mut i = 0;
    if upper(i)? != "CREATE" {
        return None;
    }
    i += 1;
    if upper(i)? == "UNIQUE" {
        i += 1;
    }
    if upper(i)? != "INDEX" || upper(i + 1)? != "CONCURRENTLY" {
        return None;
    }
    i += 2;
    if upper(i)? == "IF" {
        if upper(i + 1)? != "NOT" || upper(i + 2)? != "EXISTS" {
            return None;
        }
        i += 3;
    }
    let (name, next) = qualified(&tokens, i)?;
    if upper(next)? != "ON" || upper(i)? == "ON" {
        return None;
    }
    let mut j = next + 1;
    if upper(j)? == "ONLY" {
        j += 1;
    }
    let (table, _) = qualified(&tokens, j)?;
    match (name.len(), table.len()) {
        (1, 2) => Some(format!("{}.{}", table[0], name[0])),
        _ => Some(name.join(".")),
    }
}

/// A possibly qualified name starting at token `i`: its parts and the index
/// of the token after it.
fn qualified(tokens: &[String], mut i: usize) -> Option<(Vec<String>, usize)> {
    let mut parts = vec![tokens.get(i)?.clone()];
    i += 1;
    while tokens.get(i).map(String::as_str) == Some(".") {
        parts.push(tokens.get(i + 1)?.clone());
        i += 2;
    }
    let is_name = |p: &String| p.starts_with('"') || p.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    parts.iter().all(is_name).then_some((parts, i))
}

/// Words, quoted identifiers (kept with their quotes) and punctuation; stops
/// at the first comment or string (index headers need neither).
fn sql_tokens(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = sql.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() {
                if chars[j] == '"' {
                    if chars.get(j + 1) == Some(&'"') {
                        j += 2;
                        continue;
                    }
                    break;
                }
                j += 1;
            }
            out.push(chars[i..=j.min(chars.len() - 1)].iter().collect());
            i = j + 1;
        } else if c.is_alphanumeric() || c == '_' {
            let mut j = i;
            while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_' || chars[j] == '$') {
                j += 1;
            }
            out.push(chars[i..j].iter().collect());
            i = j;
        } else if c == '\''
            || (c == '-' && chars.get(i + 1) == Some(&'-'))
            || (c == '/' && chars.get(i + 1) == Some(&'*'))
        {
            break;
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests;
