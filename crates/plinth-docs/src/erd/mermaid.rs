//! Mermaid `erDiagram`: one entity block per table (stored type, name,
//! PK/FK/UK markers, a short comment) and one relationship line per
//! foreign key with crow's-foot cardinality, drawn solid when the key is
//! identifying (part of the child's primary key) and dashed otherwise.
//!
//! Mermaid's lexer is strict, so every name goes through a sanitiser:
//! entity names are always quoted (a table called `class` or `many` would
//! otherwise lex as a keyword), and attribute names and types keep only
//! the characters Mermaid's attribute-word rule accepts. What a sanitiser
//! changed is kept readable in the attribute's comment.

use crate::analysis::{self, Cardinality, FieldRow};
use plinth_model::Schema;
use std::collections::HashMap;

/// The whole diagram, deterministic for a given model.
pub fn render(schema: &Schema) -> String {
    let names = entity_names(schema);
    let mut out = String::from("erDiagram\n");
    for t in &schema.tables {
        out.push_str(&format!("  {} {{\n", names[&t.name]));
        for f in analysis::fields(t) {
            out.push_str(&format!("    {}\n", attribute(&f)));
        }
        out.push_str("  }\n");
    }
    for r in analysis::relationships(schema) {
        let (Some(parent), Some(child)) = (names.get(&r.ref_table), names.get(&r.table)) else {
            continue;
        };
        let parent_end = if r.optional { "|o" } else { "||" };
        let line = if r.identifying { "--" } else { ".." };
        let child_end = match r.cardinality {
            Cardinality::OneToOne => "o|",
            Cardinality::OneToMany => "o{",
        };
        out.push_str(&format!(
            "  {parent} {parent_end}{line}{child_end} {child} : \"{}\"\n",
            comment_text(&r.label)
        ));
    }
    out
}

/// Quoted entity name per table. Mermaid's quoted names cannot hold `"`,
/// `%`, `\` or line breaks; those become `_`, and a name that then clashes
/// with another table's gets a numeric suffix.
fn entity_names(schema: &Schema) -> HashMap<String, String> {
    let mut taken: Vec<String> = Vec::new();
    let mut out = HashMap::new();
    for t in &schema.tables {
        let clean: String = t
            .name
            .chars()
            .map(|c| {
                if matches!(c, '"' | '%' | '\\') || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let clean = if clean.trim().is_empty() {
            "_".to_string()
        } else {
            clean
        };
        let mut name = clean.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{clean}_{n}");
            n += 1;
        }
        taken.push(name.clone());
        out.insert(t.name.clone(), format!("\"{name}\""));
    }
    out
}

/// A word Mermaid's attribute rule takes: starts with a letter, `_` or
/// `*`, continues with letters, digits, `_`, `-`, `()[].,*`; and is not
/// the key keyword PK, FK or UK (matched case-insensitively at a word
/// boundary, so `pk-x` would lex as `PK` too).
fn attribute_word(s: &str, keep_punctuation: bool) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            let ok = c.is_alphanumeric()
                || c == '_'
                || (keep_punctuation && matches!(c, '(' | ')' | '[' | ']' | ',' | '.' | '-'));
            if ok {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || !out.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    let lower = out.to_lowercase();
    for kw in ["pk", "fk", "uk"] {
        if lower.starts_with(kw) && !lower[2..].starts_with(|c: char| c.is_alphanumeric() || c == '_') {
            out.insert(2, '_');
            break;
        }
    }
    out
}

/// Comments are double-quoted: `"` becomes `'`, whitespace runs one space.
fn comment_text(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    flat.replace('"', "'")
}

const COMMENT_MAX: usize = 80;

fn attribute(f: &FieldRow) -> String {
    let ty = attribute_word(&f.physical, true);
    let name = attribute_word(&f.column, false);
    let mut keys = Vec::new();
    if f.primary_key {
        keys.push("PK");
    }
    if f.foreign_key {
        keys.push("FK");
    }
    if f.unique {
        keys.push("UK");
    }
    let mut line = format!("{ty} {name}");
    if !keys.is_empty() {
        line.push(' ');
        line.push_str(&keys.join(", "));
    }
    let mut comment: Vec<String> = Vec::new();
    if name != f.column {
        comment.push(f.column.clone());
    }
    if let Some(c) = &f.comment {
        comment.push(c.trim_end_matches('.').to_string());
    } else if f.logical.starts_with("enum(") {
        comment.push(f.logical.clone());
    } else if let Some(label) = analysis::role_label(f.role) {
        comment.push(label.into());
    }
    if f.nullable {
        comment.push("nullable".into());
    }
    if !comment.is_empty() {
        let mut c = comment_text(&comment.join(", "));
        if c.chars().count() > COMMENT_MAX {
            c = c.chars().take(COMMENT_MAX - 1).collect::<String>() + "…";
        }
        line.push_str(&format!(" \"{c}\""));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_words_avoid_mermaid_pitfalls() {
        assert_eq!(attribute_word("numeric(19,4)", true), "numeric(19,4)");
        assert_eq!(attribute_word("double precision", true), "double_precision");
        assert_eq!(attribute_word("2nd line", false), "_2nd_line");
        assert_eq!(attribute_word("pk", false), "pk_");
        assert_eq!(attribute_word("UK", false), "UK_");
        assert_eq!(attribute_word("pk_id", false), "pk_id");
        assert_eq!(attribute_word("fk-x", true), "fk_-x");
        assert_eq!(attribute_word("my\"col", false), "my_col");
        assert_eq!(attribute_word("", false), "_");
    }

    #[test]
    fn comments_cannot_break_out_of_their_quotes() {
        assert_eq!(comment_text("say \"hi\"\nthere"), "say 'hi' there");
    }
}
