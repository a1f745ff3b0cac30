//! MySQL/MariaDB column types → the model's physical and logical types, and
//! back. The importer (type text from the parser) and the inspector
//! (`COLUMN_TYPE` from information_schema) both go through [`parse_type`],
//! so one SQL type always becomes one model type: display widths
//! (`int(11)`) are dropped, `tinyint(1)` is MySQL's BOOLEAN, `utf8` is
//! `utf8mb3`.

use plinth_model::{LogicalType, PhysicalType};

/// A column type as the model keeps it, plus what the type says about the
/// column's character set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MySqlType {
    pub physical: PhysicalType,
    pub logical: LogicalType,
    /// The type stores text (so the column has a collation).
    pub textual: bool,
    /// `NCHAR`/`NVARCHAR`/`NATIONAL ...`: the column's character set is utf8mb3.
    pub national: bool,
}

/// Reads a MySQL type spelling (`INT UNSIGNED`, `int(10) unsigned`,
/// `ENUM('G', 'PG')`, `decimal(5,2)`, `NVARCHAR(160)`, `year(4)`).
pub fn parse_type(text: &str) -> MySqlType {
    let text = text.trim();
    let (base, args, rest) = split_type(text);
    let base = base.to_ascii_lowercase();
    let mut words: Vec<String> = rest.split_whitespace().map(|w| w.to_ascii_lowercase()).collect();
    let unsigned = take(&mut words, "unsigned");
    let zerofill = take(&mut words, "zerofill");
    let _signed = take(&mut words, "signed");
    let nums: Vec<u32> = args.iter().filter_map(|a| a.trim().parse().ok()).collect();
    let n = |i: usize| nums.get(i).copied();
    let suffix = || {
        let mut s = String::new();
        if unsigned || zerofill {
            s.push_str(" unsigned");
        }
        if zerofill {
            s.push_str(" zerofill");
        }
        s
    };
    let plain = |p: PhysicalType, l: LogicalType| MySqlType {
        physical: p,
        logical: l,
        textual: false,
        national: false,
    };
    let other = |s: String, l: LogicalType| plain(PhysicalType::Other(s), l);
    let text_type = |p: PhysicalType, l: LogicalType, national: bool| MySqlType {
        physical: p,
        logical: l,
        textual: true,
        national,
    };
    // `national varchar`, `national char`, `nchar varying`
    let (base, national) = match base.as_str() {
        "national" => (words.first().cloned().unwrap_or_default(), true),
        "nchar" | "nvarchar" => (base.trim_start_matches('n').to_string(), true),
        _ => (base, false),
    };
    let ints = |name: &str, p: PhysicalType, l: LogicalType| {
        if unsigned || zerofill {
            let wider = match name {
                "tinyint" => LogicalType::SmallInt,
                "smallint" | "mediumint" => LogicalType::Int,
                _ => LogicalType::BigInt,
            };
            other(format!("{name}{}", suffix()), wider)
        } else {
            plain(p, l)
        }
    };
    match base.as_str() {
        "bool" | "boolean" => plain(PhysicalType::Boolean, LogicalType::Bool),
        "tinyint" if n(0) == Some(1) && !unsigned && !zerofill => plain(PhysicalType::Boolean, LogicalType::Bool),
        "tinyint" | "int1" => ints("tinyint", PhysicalType::Other("tinyint".into()), LogicalType::SmallInt),
        "smallint" | "int2" => ints("smallint", PhysicalType::SmallInt, LogicalType::SmallInt),
        "mediumint" | "int3" | "middleint" => {
            ints("mediumint", PhysicalType::Other("mediumint".into()), LogicalType::Int)
        }
        "int" | "integer" | "int4" => ints("int", PhysicalType::Integer, LogicalType::Int),
        "bigint" | "int8" => ints("bigint", PhysicalType::BigInt, LogicalType::BigInt),
        "serial" => other("bigint unsigned".into(), LogicalType::BigInt),
        "decimal" | "numeric" | "dec" | "fixed" => {
            let (p, s) = (n(0).unwrap_or(10), n(1).unwrap_or(0));
            if unsigned || zerofill {
                other(format!("decimal({p},{s}){}", suffix()), LogicalType::Decimal(p, s))
            } else {
                plain(PhysicalType::Numeric(p, s), LogicalType::Decimal(p, s))
            }
        }
        "float" if n(0).is_some_and(|p| p > 24) && args.len() == 1 => plain(PhysicalType::Double, LogicalType::Float),
        "float" | "float4" if args.is_empty() && !unsigned => plain(PhysicalType::Real, LogicalType::Float),
        "double" | "real" | "float8" if args.is_empty() && !unsigned => plain(PhysicalType::Double, LogicalType::Float),
        "float" | "double" | "real" => {
            let a = if args.is_empty() {
                String::new()
            } else {
                format!("({})", nums.iter().map(u32::to_string).collect::<Vec<_>>().join(","))
            };
            let base = if base == "real" { "double" } else { base.as_str() };
            other(format!("{base}{a}{}", suffix()), LogicalType::Float)
        }
        "char" | "character" if words.first().is_some_and(|w| w == "varying") => {
            text_type(PhysicalType::Varchar(n(0)), varchar_logical(n(0)), national)
        }
        "char" | "character" => text_type(PhysicalType::Char(Some(n(0).unwrap_or(1))), LogicalType::Text, national),
        "varchar" | "varchar2" => text_type(PhysicalType::Varchar(n(0)), varchar_logical(n(0)), national),
        "text" if args.is_empty() => text_type(PhysicalType::Text, LogicalType::Text, false),
        "tinytext" | "mediumtext" | "longtext" | "text" => {
            text_type(PhysicalType::Other(base.clone()), LogicalType::Text, false)
        }
        "json" => plain(PhysicalType::Json, LogicalType::Json),
        "date" => plain(PhysicalType::Date, LogicalType::Date),
        "time" if args.is_empty() || n(0) == Some(0) => plain(PhysicalType::Time, LogicalType::Time),
        "datetime" if args.is_empty() || n(0) == Some(0) => plain(PhysicalType::Timestamp, LogicalType::Timestamp),
        "timestamp" if args.is_empty() || n(0) == Some(0) => plain(PhysicalType::Timestamptz, LogicalType::Timestamp),
        "time" | "datetime" | "timestamp" => {
            let l = if base == "time" {
                LogicalType::Time
            } else {
                LogicalType::Timestamp
            };
            other(format!("{base}({})", n(0).unwrap_or(0)), l)
        }
        "year" => other("year".into(), LogicalType::SmallInt),
        "uuid" => plain(PhysicalType::Uuid, LogicalType::Uuid),
        "enum" | "set" => {
            let values: Vec<String> = args.iter().map(|a| unquote(a.trim())).collect();
            let list = values.iter().map(|v| quote_literal(v)).collect::<Vec<_>>().join(",");
            let logical = if base == "enum" {
                LogicalType::Enum {
                    name: String::new(),
                    values: values.clone(),
                }
            } else {
                LogicalType::Other(format!("set({list})"))
            };
            text_type(PhysicalType::Other(format!("{base}({list})")), logical, false)
        }
        "binary" | "varbinary" | "bit" => {
            let a = n(0).map_or(String::new(), |n| format!("({n})"));
            let a = if a.is_empty() && base == "binary" {
                "(1)".into()
            } else {
                a
            };
            let a = if a.is_empty() && base == "bit" { "(1)".into() } else { a };
            other(format!("{base}{a}"), LogicalType::Bytes)
        }
        "blob" if args.is_empty() => other("blob".into(), LogicalType::Bytes),
        "tinyblob" | "mediumblob" | "longblob" | "blob" => other(base.clone(), LogicalType::Bytes),
        _ => {
            let whole = text.to_ascii_lowercase();
            other(whole.clone(), LogicalType::Other(whole))
        }
    }
}

fn varchar_logical(n: Option<u32>) -> LogicalType {
    n.map_or(LogicalType::Text, LogicalType::String)
}

fn take(words: &mut Vec<String>, w: &str) -> bool {
    let before = words.len();
    words.retain(|x| x != w);
    words.len() != before
}

/// `name(args) rest` → (`name`, args split at top-level commas, `rest`).
/// Commas inside quoted enum values do not split.
fn split_type(text: &str) -> (String, Vec<String>, String) {
    let Some(open) = text.find('(') else {
        let mut it = text.splitn(2, char::is_whitespace);
        let base = it.next().unwrap_or("").to_string();
        return (base, Vec::new(), it.next().unwrap_or("").to_string());
    };
    let base = text[..open].trim().to_string();
    let (base, pre_rest) = match base.split_once(char::is_whitespace) {
        Some((b, r)) => (b.to_string(), r.to_string()),
        None => (base, String::new()),
    };
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut end = text.len();
    let mut chars = text[open + 1..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(q) if c == q => {
                if chars.peek().map(|p| p.1) == Some(q) {
                    cur.push(c);
                    cur.push(c);
                    chars.next();
                } else {
                    quote = None;
                    cur.push(c);
                }
            }
            Some(_) if c == '\\' => {
                cur.push(c);
                if let Some((_, n)) = chars.next() {
                    cur.push(n);
                }
            }
            Some(_) => cur.push(c),
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                cur.push(c);
            }
            None if c == ',' => args.push(std::mem::take(&mut cur)),
            None if c == ')' => {
                end = open + 1 + i + 1;
                break;
            }
            None => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        args.push(cur);
    }
    let rest = format!("{pre_rest} {}", &text[end.min(text.len())..]);
    (base, args, rest)
}

/// `'it''s'` / `"it's"` → `it's` (backslash escapes too).
pub fn unquote(s: &str) -> String {
    let Some(q) = s.chars().next().filter(|c| *c == '\'' || *c == '"') else {
        return s.to_string();
    };
    let inner = s.strip_prefix(q).and_then(|s| s.strip_suffix(q)).unwrap_or(s);
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == q && chars.peek() == Some(&q) {
            chars.next();
            out.push(q);
        } else if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('0') => out.push('\0'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A string literal in MySQL syntax (quotes doubled, backslashes escaped).
pub fn quote_literal(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "''"))
}

/// The MySQL spelling of a model type (the emitter's).
pub fn type_sql(t: &PhysicalType) -> String {
    match t {
        PhysicalType::Text => "text".into(),
        PhysicalType::SmallInt => "smallint".into(),
        PhysicalType::Integer => "int".into(),
        PhysicalType::BigInt => "bigint".into(),
        PhysicalType::Numeric(p, s) => format!("decimal({p},{s})"),
        PhysicalType::Double => "double".into(),
        PhysicalType::Real => "float".into(),
        PhysicalType::Boolean => "tinyint(1)".into(),
        PhysicalType::Date => "date".into(),
        PhysicalType::Time => "time".into(),
        PhysicalType::Timestamptz => "timestamp".into(),
        PhysicalType::Timestamp => "datetime".into(),
        PhysicalType::Interval => "varchar(64)".into(),
        PhysicalType::Uuid => "uuid".into(),
        PhysicalType::Jsonb | PhysicalType::Json => "json".into(),
        PhysicalType::Bytea => "longblob".into(),
        PhysicalType::Varchar(Some(n)) => format!("varchar({n})"),
        PhysicalType::Varchar(None) => "text".into(),
        PhysicalType::Char(n) => format!("char({})", n.unwrap_or(1)),
        PhysicalType::Array(_) => "json".into(),
        PhysicalType::Enum(name) => name.clone(),
        PhysicalType::Other(s) => s.clone(),
    }
}

/// The collation a character set defaults to (MariaDB 10.x).
pub fn default_collation(charset: &str) -> String {
    let cs = canonical_charset(charset);
    match cs.as_str() {
        "latin1" => "latin1_swedish_ci".into(),
        "binary" => "binary".into(),
        "utf8mb4" | "utf8mb3" | "ascii" | "ucs2" | "utf16" | "utf32" | "latin2" | "cp1250" | "utf16le" => {
            format!("{cs}_general_ci")
        }
        _ => format!("{cs}_general_ci"),
    }
}

/// `utf8` is `utf8mb3` (MariaDB's default `old_mode`); names are lowercase.
pub fn canonical_charset(charset: &str) -> String {
    let cs = charset.trim().trim_matches('`').trim_matches('\'').to_ascii_lowercase();
    if cs == "utf8" {
        "utf8mb3".into()
    } else {
        cs
    }
}

/// `utf8_general_ci` → `utf8mb3_general_ci`.
pub fn canonical_collation(collation: &str) -> String {
    let c = collation
        .trim()
        .trim_matches('`')
        .trim_matches('\'')
        .to_ascii_lowercase();
    match c.strip_prefix("utf8_") {
        Some(rest) => format!("utf8mb3_{rest}"),
        None => c,
    }
}

/// The character set a collation belongs to.
pub fn charset_of(collation: &str) -> String {
    let c = canonical_collation(collation);
    if c == "binary" {
        return c;
    }
    c.split('_').next().unwrap_or(&c).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> PhysicalType {
        parse_type(s).physical
    }

    #[test]
    fn one_type_one_spelling() {
        assert_eq!(p("INT UNSIGNED"), p("int(10) unsigned"));
        assert_eq!(p("int(11)"), PhysicalType::Integer);
        assert_eq!(p("BOOLEAN"), p("tinyint(1)"));
        assert_eq!(p("tinyint(3) unsigned"), PhysicalType::Other("tinyint unsigned".into()));
        assert_eq!(p("YEAR"), p("year(4)"));
        assert_eq!(p("ENUM('G', 'PG-13')"), p("enum('G','PG-13')"));
        assert_eq!(
            p("SET('a,b','it''s')"),
            PhysicalType::Other("set('a,b','it''s')".into())
        );
        assert_eq!(p("DECIMAL(4,2)"), PhysicalType::Numeric(4, 2));
        assert_eq!(p("NUMERIC(10,2)"), PhysicalType::Numeric(10, 2));
        assert_eq!(p("NVARCHAR(160)"), PhysicalType::Varchar(Some(160)));
        assert!(parse_type("NVARCHAR(160)").national);
        assert_eq!(p("DATETIME"), PhysicalType::Timestamp);
        assert_eq!(p("TIMESTAMP"), PhysicalType::Timestamptz);
        assert_eq!(p("MEDIUMBLOB"), PhysicalType::Other("mediumblob".into()));
        assert_eq!(p("char(20)"), PhysicalType::Char(Some(20)));
    }

    #[test]
    fn charsets_and_collations() {
        assert_eq!(default_collation("utf8"), "utf8mb3_general_ci");
        assert_eq!(canonical_collation("utf8_bin"), "utf8mb3_bin");
        assert_eq!(charset_of("utf8mb4_general_ci"), "utf8mb4");
    }
}
