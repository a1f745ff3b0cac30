//! `plinth fmt`: the canonical text of a spec.
//!
//! Canonical means: items in written order with one blank line between
//! them (consecutive `volume` lines stay together), 2-space indentation,
//! columns aligned inside a block, at most one blank line between members
//! (kept only where the source had one), every comment kept, strings
//! re-escaped one way. Formatting a formatted file changes nothing, and
//! re-parsing it gives the same tree (ignoring spans).

use crate::ast::*;
use crate::lexer::common_indent;

const INDENT: &str = "  ";
/// Enums whose one-line form would be longer than this are written one
/// variant per line.
const MAX_INLINE: usize = 100;

pub fn format(file: &SpecFile) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < file.items.len() {
        if i > 0 {
            out.push('\n');
        }
        if let Item::Volume(_) = &file.items[i] {
            // A run of volumes is one aligned group.
            let mut run = Vec::new();
            while let Some(Item::Volume(v)) = file.items.get(i) {
                run.push(v);
                i += 1;
            }
            volumes(&mut out, &run);
            continue;
        }
        match &file.items[i] {
            Item::Settings(s) => settings(&mut out, s),
            Item::Entity(e) => entity(&mut out, e),
            Item::Enum(e) => enum_decl(&mut out, e),
            Item::Query(q) => query(&mut out, q),
            Item::Volume(_) => unreachable!("handled above"),
        }
        i += 1;
    }
    if !file.trailing_comments.is_empty() {
        if !file.items.is_empty() {
            out.push('\n');
        }
        for c in &file.trailing_comments {
            out.push_str(&comment(c));
            out.push('\n');
        }
    }
    out
}

fn comment(text: &str) -> String {
    if text.is_empty() {
        "//".to_string()
    } else {
        format!("// {text}")
    }
}

/// Detached groups and leading comments above a node, at `indent`.
fn leading(out: &mut String, c: &Comments, indent: &str) {
    for group in &c.detached {
        for line in group {
            out.push_str(indent);
            out.push_str(&comment(line));
            out.push('\n');
        }
        out.push('\n');
    }
    for line in &c.leading {
        out.push_str(indent);
        out.push_str(&comment(line));
        out.push('\n');
    }
}

/// A string literal. One-line text uses `"..."` with `""` for a quote;
/// text with line breaks uses the indented `"""` block form when the
/// block form gives the same text back (see `lexer::decode_triple`), and
/// the verbatim inline `"""...\n..."""` form otherwise.
pub(crate) fn string(s: &str, indent: &str) -> String {
    if !s.contains('\n') || s.contains("\"\"\"") {
        return format!("\"{}\"", s.replace('"', "\"\""));
    }
    let lines: Vec<&str> = s.split('\n').collect();
    let block_safe = lines.iter().all(|l| *l == l.trim_end()) && common_indent(&lines) == 0;
    if !block_safe {
        return format!("\"\"\"{s}\"\"\"");
    }
    let mut out = String::from("\"\"\"\n");
    for l in &lines {
        if !l.is_empty() {
            out.push_str(indent);
            out.push_str(INDENT);
            out.push_str(l);
        }
        out.push('\n');
    }
    out.push_str(indent);
    out.push_str("\"\"\"");
    out
}

fn ident(i: &Ident) -> String {
    if i.quoted {
        string(&i.text, "")
    } else {
        i.text.clone()
    }
}

/// A type as written in a spec.
pub(crate) fn type_text(t: &TypeKind) -> String {
    use TypeKind as T;
    match t {
        T::Text => "text".into(),
        T::String(n) => format!("string({n})"),
        T::Email => "email".into(),
        T::Slug => "slug".into(),
        T::Url => "url".into(),
        T::SmallInt => "smallint".into(),
        T::Int => "int".into(),
        T::BigInt => "bigint".into(),
        T::Decimal(p, s) => format!("decimal({p}, {s})"),
        T::Money => "money".into(),
        T::Percent => "percent".into(),
        T::Float => "float".into(),
        T::Bool => "bool".into(),
        T::Date => "date".into(),
        T::Time => "time".into(),
        T::Timestamp => "timestamp".into(),
        T::Duration => "duration".into(),
        T::Uuid => "uuid".into(),
        T::Json => "json".into(),
        T::Bytes => "bytes".into(),
        T::InlineEnum(vs) => format!("enum({})", vs.iter().map(ident).collect::<Vec<_>>().join(", ")),
        T::Named(n) => ident(n),
    }
}

pub(crate) fn default_text(d: &DefaultKind, indent: &str) -> String {
    match d {
        DefaultKind::Str(s) => string(s, indent),
        DefaultKind::Int(v) => v.to_string(),
        DefaultKind::Number(n) | DefaultKind::Ident(n) | DefaultKind::Call(n) => n.clone(),
        DefaultKind::Bool(b) => b.to_string(),
    }
}

fn attr(a: &Attribute, prefix: &str, indent: &str) -> String {
    let mut s = format!("{prefix}{}", a.name.text);
    if !a.args.is_empty() {
        let args: Vec<String> = a
            .args
            .iter()
            .map(|arg| match arg {
                AttrArg::Ident(i) => ident(i),
                AttrArg::Str(v, _) => string(v, indent),
                AttrArg::Int(v, _) => v.to_string(),
                AttrArg::Bool(b, _) => b.to_string(),
                AttrArg::Raw(r, _) => r.clone(),
            })
            .collect();
        s.push('(');
        s.push_str(&args.join(", "));
        s.push(')');
    }
    s
}

fn attrs(list: &[Attribute], indent: &str) -> String {
    list.iter().map(|a| attr(a, "@", indent)).collect::<Vec<_>>().join(" ")
}

/// One line of a block: up to three aligned cells plus its comments.
struct Row<'a> {
    comments: &'a Comments,
    cells: Vec<String>,
}

fn width(s: &str) -> usize {
    s.rsplit('\n').next().unwrap_or("").chars().count()
}

fn pad(s: &str, w: usize) -> String {
    let n = w.saturating_sub(width(s));
    format!("{s}{}", " ".repeat(n))
}

/// Print rows at one indentation level with aligned columns and comments.
fn rows(out: &mut String, rows: &[Row]) {
    let single = |r: &&Row| !r.cells.iter().any(|c| c.contains('\n'));
    let w0 = rows
        .iter()
        .filter(|r| r.cells.len() >= 2)
        .filter(single)
        .map(|r| width(&r.cells[0]))
        .max()
        .unwrap_or(0);
    let w1 = rows
        .iter()
        .filter(|r| r.cells.len() >= 3 && !r.cells[2].is_empty())
        .filter(single)
        .map(|r| width(&r.cells[1]))
        .max()
        .unwrap_or(0);
    let lines: Vec<String> = rows
        .iter()
        .map(|r| {
            let mut line = r.cells[0].clone();
            if r.cells.len() >= 2 {
                line = format!("{} {}", pad(&line, w0), r.cells[1]);
            }
            if r.cells.len() >= 3 && !r.cells[2].is_empty() {
                line = format!("{} {}", pad(&line, w0 + 1 + w1), r.cells[2]);
            }
            line
        })
        .collect();
    let wc = rows
        .iter()
        .zip(&lines)
        .filter(|(r, _)| r.comments.trailing.is_some())
        .map(|(_, l)| width(l))
        .max()
        .unwrap_or(0);
    for (i, (r, line)) in rows.iter().zip(&lines).enumerate() {
        if i > 0 && r.comments.blank_line_before {
            out.push('\n');
        }
        leading(out, r.comments, INDENT);
        out.push_str(INDENT);
        out.push_str(line);
        if let Some(t) = &r.comments.trailing {
            out.push_str(&" ".repeat(wc - width(line) + 2));
            out.push_str(&comment(t));
        }
        out.push('\n');
    }
}

/// `header {` + trailing comment, the rows, inner comments, `}`.
fn block(out: &mut String, header: &str, c: &Comments, body: &[Row]) {
    leading(out, c, "");
    out.push_str(header);
    if body.is_empty() && c.inner.is_empty() && c.trailing.is_none() {
        out.push_str(" {}\n");
        return;
    }
    out.push_str(" {");
    if let Some(t) = &c.trailing {
        out.push_str("  ");
        out.push_str(&comment(t));
    }
    out.push('\n');
    rows(out, body);
    for line in &c.inner {
        out.push_str(INDENT);
        out.push_str(&comment(line));
        out.push('\n');
    }
    out.push_str("}\n");
}

fn settings(out: &mut String, s: &SettingsBlock) {
    let body: Vec<Row> = s
        .entries
        .iter()
        .map(|e| Row {
            comments: &e.comments,
            cells: vec![e.key.text.clone(), format!("= {}", setting_value(&e.value))],
        })
        .collect();
    block(out, "settings", &s.comments, &body);
}

fn setting_value(v: &SettingValue) -> String {
    match v {
        SettingValue::Ident(i) => ident(i),
        SettingValue::IdentVersion(i, n, _) => format!("{} {n}", ident(i)),
        SettingValue::Bool(b, _) => b.to_string(),
        SettingValue::Int(n, _) => n.to_string(),
        SettingValue::Str(s, _) => string(s, INDENT),
        SettingValue::Type(t) => type_text(&t.kind),
    }
}

fn header_with_attrs(kw: &str, name: &Ident, list: &[Attribute]) -> String {
    let mut h = format!("{kw} {}", ident(name));
    if !list.is_empty() {
        h.push(' ');
        h.push_str(&attrs(list, ""));
    }
    h
}

fn entity(out: &mut String, e: &Entity) {
    let none = Comments::default();
    let body: Vec<Row> = e
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| match m {
            Member::Field(f) => {
                let ty = match &f.kind {
                    FieldKind::Scalar { ty, nullable, default } => {
                        let mut s = type_text(&ty.kind);
                        if *nullable {
                            s.push('?');
                        }
                        if let Some(d) = default {
                            s.push_str(" = ");
                            s.push_str(&default_text(&d.kind, INDENT));
                        }
                        s
                    }
                    FieldKind::Relation { target, nullable } => {
                        format!("-> {}{}", ident(target), if *nullable { "?" } else { "" })
                    }
                    FieldKind::ManyToMany { target } => format!("<-> {}", ident(target)),
                };
                Row {
                    comments: &f.comments,
                    cells: vec![ident(&f.name), ty, attrs(&f.attrs, INDENT)],
                }
            }
            Member::Block(a) => Row {
                comments: e.comments.entries.get(i).unwrap_or(&none),
                cells: vec![attr(a, "@@", INDENT)],
            },
        })
        .collect();
    block(out, &header_with_attrs("entity", &e.name, &e.attrs), &e.comments, &body);
}

fn enum_decl(out: &mut String, e: &EnumDecl) {
    let header = header_with_attrs("enum", &e.name, &e.attrs);
    let c = &e.comments;
    let inline = format!(
        "{header} {{ {} }}",
        e.variants.iter().map(ident).collect::<Vec<_>>().join(", ")
    );
    let fits = !inline.contains('\n') && inline.chars().count() <= MAX_INLINE;
    if !e.variants.is_empty() && fits && c.entries.is_empty() && c.inner.is_empty() && c.trailing.is_none() {
        leading(out, c, "");
        out.push_str(&inline);
        out.push('\n');
        return;
    }
    let none = Comments::default();
    let body: Vec<Row> = e
        .variants
        .iter()
        .enumerate()
        .map(|(i, v)| Row {
            comments: c.entries.get(i).unwrap_or(&none),
            cells: vec![ident(v)],
        })
        .collect();
    block(out, &header, c, &body);
}

fn query(out: &mut String, q: &QueryDecl) {
    let mut header = format!("query {}", ident(&q.name));
    if let Some(d) = &q.description {
        header.push(' ');
        header.push_str(&string(d, ""));
    }
    let none = Comments::default();
    let entry = |i: usize| q.comments.entries.get(i).unwrap_or(&none);
    let key_w = if q.rate.is_some() { 4 } else { 3 };
    let mut body = Vec::new();
    if !(q.sql.is_empty() && q.sql_span.is_empty()) {
        body.push(Row {
            comments: entry(0),
            cells: vec![pad("sql", key_w), format!("= {}", string(&q.sql, INDENT))],
        });
    }
    if let Some(r) = &q.rate {
        body.push(Row {
            comments: entry(1),
            cells: vec!["rate".into(), format!("= {}", rate(r))],
        });
    }
    block(out, &header, &q.comments, &body);
}

fn rate(r: &Rate) -> String {
    let count = if r.count.fract() == 0.0 && r.count.abs() < 1e15 {
        format!("{}", r.count as i64)
    } else {
        format!("{}", r.count)
    };
    let unit = match r.per {
        RateUnit::Second => "s",
        RateUnit::Minute => "min",
        RateUnit::Hour => "h",
        RateUnit::Day => "day",
    };
    format!("{count}/{unit}")
}

/// `10000000` → `10M`: the largest suffix that divides exactly.
pub(crate) fn count(n: u64) -> String {
    for (div, suffix) in [(1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")] {
        if n != 0 && n.is_multiple_of(div) {
            return format!("{}{suffix}", n / div);
        }
    }
    n.to_string()
}

fn volumes(out: &mut String, run: &[&VolumeDecl]) {
    let names: Vec<String> = run.iter().map(|v| ident(&v.entity)).collect();
    let w = names.iter().map(|n| width(n)).max().unwrap_or(0);
    let lines: Vec<String> = run
        .iter()
        .zip(&names)
        .map(|(v, n)| format!("volume {} = {}", pad(n, w), count(v.rows)))
        .collect();
    let wc = run
        .iter()
        .zip(&lines)
        .filter(|(v, _)| v.comments.trailing.is_some())
        .map(|(_, l)| width(l))
        .max()
        .unwrap_or(0);
    for (v, line) in run.iter().zip(&lines) {
        leading(out, &v.comments, "");
        out.push_str(line);
        if let Some(t) = &v.comments.trailing {
            out.push_str(&" ".repeat(wc - width(line) + 2));
            out.push_str(&comment(t));
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_use_largest_exact_suffix() {
        assert_eq!(count(10_000_000), "10M");
        assert_eq!(count(1_500), "1500");
        assert_eq!(count(2_000), "2K");
        assert_eq!(count(3_000_000_000), "3B");
        assert_eq!(count(0), "0");
    }

    #[test]
    fn strings_escape_and_block() {
        assert_eq!(string("a \"b\"", ""), "\"a \"\"b\"\"\"");
        assert_eq!(
            string("SELECT 1\nFROM t", "  "),
            "\"\"\"\n    SELECT 1\n    FROM t\n  \"\"\""
        );
        assert_eq!(string("  x\n  y", ""), "\"\"\"  x\n  y\"\"\"");
    }
}
