//! Graphviz DOT: one HTML-like table node per table (a port per column),
//! one edge per foreign key from the referencing column (east side) to the
//! referenced one (west side), labelled with the link and its cardinality and drawn with
//! crow's-foot ends. Convention columns (tenant, timestamps, soft delete,
//! version, actor) are grey so the designed fields stand out, tenant edges
//! are grey and dashed (every tenant table has one), and tables sharing a
//! `traits.group` are drawn in one cluster.

use crate::analysis::{self, Cardinality};
use plinth_model::Schema;

const QUIET: &str = "#9a9a9a";
const HEADER: &str = "#dbe7f5";
const JUNCTION_HEADER: &str = "#eeeeee";

/// The whole graph, deterministic for a given model.
pub fn render(schema: &Schema) -> String {
    let mut out = String::from("digraph schema {\n");
    out.push_str("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.5, ranksep=1.2];\n");
    out.push_str("  node [shape=plain, fontname=\"Helvetica\", fontsize=10];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#4a5a6a\", arrowsize=0.8, dir=both];\n");
    let mut groups: Vec<&str> = Vec::new();
    for t in &schema.tables {
        if let Some(g) = t.traits.group.as_deref() {
            if !groups.contains(&g) {
                groups.push(g);
            }
        }
    }
    for (gi, g) in groups.iter().enumerate() {
        out.push_str(&format!("\n  subgraph cluster_{gi} {{\n"));
        out.push_str(&format!(
            "    label={}; style=\"rounded,dashed\"; color=\"#8899aa\"; fontcolor=\"#556677\";\n",
            quote(g)
        ));
        for t in schema.tables.iter().filter(|t| t.traits.group.as_deref() == Some(*g)) {
            out.push_str(&node(t, "    "));
        }
        out.push_str("  }\n");
    }
    out.push('\n');
    for t in schema.tables.iter().filter(|t| t.traits.group.is_none()) {
        out.push_str(&node(t, "  "));
    }
    out.push('\n');
    for r in analysis::relationships(schema) {
        let (Some(child), Some(parent)) = (schema.table(&r.table), schema.table(&r.ref_table)) else {
            continue;
        };
        // The link column (not the tenant column) and the key it points at.
        let pick = r
            .columns
            .iter()
            .zip(&r.ref_columns)
            .rev()
            .find(|(c, _)| r.tenant || child.tenant_column.as_ref() != Some(*c))
            .or_else(|| r.columns.iter().zip(&r.ref_columns).next());
        // Leave the child row on its east side, enter the parent row on its
        // west side: with left-to-right ranks the lines then run straight.
        let port = |t: &plinth_model::Table, col: Option<&String>, side: &str| {
            col.and_then(|c| t.columns.iter().position(|x| &x.name == c))
                .map(|i| format!(":\"{side}{i}\":{side}"))
                .unwrap_or_default()
        };
        let from = port(child, pick.map(|p| p.0), "e");
        let to = port(parent, pick.map(|p| p.1), "w");
        let tail = match r.cardinality {
            Cardinality::OneToMany => "crowodot",
            Cardinality::OneToOne => "teeodot",
        };
        let head = if r.optional { "teeodot" } else { "teetee" };
        let mut attrs = vec![
            format!(
                "label={}",
                quote(&format!(
                    "{} ({})",
                    r.label,
                    match r.cardinality {
                        Cardinality::OneToMany => "N:1",
                        Cardinality::OneToOne => "1:1",
                    }
                ))
            ),
            format!("arrowtail={tail}"),
            format!("arrowhead={head}"),
        ];
        if r.tenant {
            attrs.push(format!("color=\"{QUIET}\", fontcolor=\"{QUIET}\", style=dashed"));
        } else if r.optional {
            attrs.push("style=dashed".into());
        }
        out.push_str(&format!(
            "  {}{from} -> {}{to} [{}];\n",
            quote(&r.table),
            quote(&r.ref_table),
            attrs.join(", ")
        ));
    }
    out.push_str("}\n");
    out
}

/// A DOT double-quoted string.
fn quote(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
    )
}

/// Text inside an HTML-like label.
fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\n', " ")
}

fn node(t: &plinth_model::Table, indent: &str) -> String {
    let header = if analysis::is_junction(t) {
        JUNCTION_HEADER
    } else {
        HEADER
    };
    let mut rows = vec![format!(
        "<TR><TD COLSPAN=\"2\" BGCOLOR=\"{header}\"><B>{}</B></TD></TR>",
        html(&t.name)
    )];
    for (i, f) in analysis::fields(t).iter().enumerate() {
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
        let mut ty = html(&f.physical);
        if !keys.is_empty() {
            ty.push_str(&format!(" <B>{}</B>", keys.join(" ")));
        }
        if f.nullable {
            ty.push_str(" ?");
        }
        let name = if f.primary_key {
            format!("<U>{}</U>", html(&f.column))
        } else {
            html(&f.column)
        };
        let (name, ty) = if f.de_emphasised {
            (
                format!("<FONT COLOR=\"{QUIET}\">{name}</FONT>"),
                format!("<FONT COLOR=\"{QUIET}\">{ty}</FONT>"),
            )
        } else {
            (name, ty)
        };
        rows.push(format!(
            "<TR><TD PORT=\"w{i}\" ALIGN=\"LEFT\">{name}</TD><TD PORT=\"e{i}\" ALIGN=\"LEFT\">{ty}</TD></TR>"
        ));
    }
    let mut s = format!(
        "{indent}{} [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">\n",
        quote(&t.name)
    );
    for r in rows {
        s.push_str(&format!("{indent}  {r}\n"));
    }
    s.push_str(&format!("{indent}</TABLE>>];\n"));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_for_dot_and_html() {
        assert_eq!(quote("a\"b\\"), "\"a\\\"b\\\\\"");
        assert_eq!(html("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
