//! The HTML report as text: self-contained (nothing fetched), one list
//! entry, section and diagram box per table, hostile names escaped, any
//! model accepted (even an empty one), and a snapshot of its skeleton.
//! The browser side (search, pan/zoom script, on-screen overlaps) is tested
//! in crates/plinth-cli/tests/report_browser.rs.

use plinth_docs::report;
use plinth_model::{Column, LogicalType, PhysicalType, Schema, Table, Target};
use std::path::PathBuf;

fn example(name: &str) -> Schema {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../examples/{name}.plinth"));
    let src = std::fs::read_to_string(path).unwrap();
    plinth_design::design(&plinth_spec::check(&src).spec.expect("valid example"))
}

/// The report's skeleton, one line per landmark: sections with their ids,
/// headings, tables with their row counts, overview counts, list entries and
/// checklist results. Cell texts are left out: they come from `analysis`
/// (pinned by the DESIGN.md snapshots), and the inline style, script and
/// diagram are pinned by the SVG snapshot and the browser test.
fn skeleton(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let name = tag.split([' ', '>']).next().unwrap_or("");
        let attrs = |keys: &[&str]| -> String {
            keys.iter()
                .filter_map(|k| {
                    let at = tag.find(&format!(" {k}=\""))? + k.len() + 3;
                    Some(format!(" {k}={}", &tag[at..at + tag[at..].find('"')?]))
                })
                .collect()
        };
        match name {
            "section" | "ul" | "details" => {
                let a = attrs(&["id", "class", "data-table", "data-failed"]);
                if !a.is_empty() {
                    out.push_str(&format!("{name}{a}\n"));
                }
            }
            "h1" | "h2" | "h3" | "h4" => {
                let text = &rest[end + 1..rest.find("</").unwrap()];
                out.push_str(&format!("  {name} {text}\n"));
            }
            "table" => {
                let body = &rest[..rest.find("</table>").unwrap()];
                let rows = body.matches("<tr").count() - 1;
                out.push_str(&format!("  table{} rows={rows}\n", attrs(&["id", "class"])));
            }
            "li" | "tr" => {
                let a = attrs(&["data-count", "data-table", "data-check", "data-status", "data-query"]);
                if !a.is_empty() {
                    out.push_str(&format!("    {name}{a}\n"));
                }
            }
            _ => {}
        }
        rest = &rest[end..];
    }
    out
}

#[test]
fn report_skeleton_task_tracker() {
    insta::assert_snapshot!(skeleton(&report::render(&example("task-tracker"), "task-tracker")));
}

#[test]
fn the_report_fetches_nothing() {
    for name in ["task-tracker", "shop", "courses"] {
        let html = report::render(&example(name), name);
        for needle in ["src=", "<link", "@import", "url(", "https:", "//fonts", "<iframe"] {
            assert!(!html.contains(needle), "{name}: {needle} in the report");
        }
        // The only URL is the SVG namespace, which is a name, not a fetch.
        assert_eq!(html.matches("http:").count(), 1, "{name}");
        assert!(html.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    }
}

#[test]
fn every_table_has_a_list_entry_a_section_and_a_box() {
    for name in ["task-tracker", "shop", "courses"] {
        let schema = example(name);
        let html = report::render(&schema, name);
        for t in &schema.tables {
            let a = format!("data-table=\"{}\"", t.name);
            assert_eq!(html.matches(&format!("<li {a}")).count(), 1, "{name}: {}", t.name);
            assert_eq!(html.matches("class=\"table-section\" id=").count(), schema.tables.len());
            assert_eq!(html.matches(&a).count(), 3, "{name}: {} list, section, box", t.name);
        }
        for id in [
            "overview",
            "search",
            "table-list",
            "erd",
            "erd-viewport",
            "zoom-in",
            "zoom-out",
            "zoom-fit",
            "index-plan",
            "queries",
            "checklist",
            "migration",
            "decisions",
            "selftest",
        ] {
            assert_eq!(html.matches(&format!("id=\"{id}\"")).count(), 1, "{name}: #{id}");
        }
    }
}

#[test]
fn any_model_renders_even_an_empty_one() {
    let target = Target {
        dialect: plinth_model::DialectKind::Postgres,
        version: 16,
    };
    let html = report::render(&Schema::new(target), "empty");
    assert!(html.contains("<body data-tables=\"0\">"));
    assert!(html.contains("No query patterns declared."));
    assert!(html.contains("No decisions recorded"));
    assert!(html.ends_with("</html>\n"));
}

#[test]
fn hostile_names_are_escaped() {
    let mut schema = Schema::new(Target {
        dialect: plinth_model::DialectKind::Postgres,
        version: 16,
    });
    let evil = "<script>alert(\"x\")</script> & 'q'";
    let mut t = Table::new(evil);
    t.comment = Some("</section><b>".into());
    t.columns
        .push(Column::new("a\"b<c>", LogicalType::Text, PhysicalType::Text));
    schema.tables.push(t);
    let html = report::render(&schema, "<title>");
    assert_eq!(html.matches("<script>").count(), 1, "only the report's own script");
    assert!(!html.contains("a\"b<c>"));
    assert!(!html.contains("</section><b>"));
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"));
    assert!(html.contains(
        "data-search=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; a&quot;b&lt;c&gt;\""
    ));
}
