//! Schema-wide sections: the index plan, query patterns, review checklist,
//! migration plan and decisions log, from [`crate::analysis`] so they match
//! DESIGN.md row for row. A section with nothing to show says so in one
//! sentence rather than showing an empty table.

use super::inline_code;
use crate::analysis::{self, text, CheckStatus};
use crate::erd::svg::esc;
use plinth_model::Schema;
use std::fmt::Write;

pub(super) fn index_plan(h: &mut String, schema: &Schema) {
    let rows = analysis::index_plan(schema);
    h.push_str("<section id=\"index-plan\">\n<h2>Index plan</h2>\n");
    if rows.is_empty() {
        h.push_str("<p class=\"lead\">No indexes.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(
        h,
        "<p class=\"lead\">{} index-backed objects (primary keys and unique constraints included), each with what it serves.</p>",
        rows.len()
    );
    h.push_str(
        "<table class=\"grid\" id=\"index-plan-table\"><thead><tr><th>table</th><th>name</th><th>kind</th>\
         <th>columns</th><th>where</th><th>serves</th></tr></thead><tbody>\n",
    );
    for r in &rows {
        super::tables::index_cells(h, r, true);
    }
    h.push_str("</tbody></table>\n</section>\n");
}

pub(super) fn queries(h: &mut String, schema: &Schema) {
    let rows = analysis::queries(schema);
    h.push_str("<section id=\"queries\">\n<h2>Query patterns</h2>\n");
    if rows.is_empty() {
        h.push_str("<p class=\"lead\">No query patterns declared.</p>\n</section>\n");
        return;
    }
    h.push_str(
        "<table class=\"grid\" id=\"query-table\"><thead><tr><th>query</th><th>SQL</th><th>rate</th><th>tables</th>\
         <th>rows</th><th>served by</th></tr></thead><tbody>\n",
    );
    for q in &rows {
        let mut name = format!("<b>{}</b>", esc(&q.name));
        if let Some(d) = &q.description {
            let _ = write!(name, "<br><span class=\"why\">{}</span>", esc(d));
        }
        let mut volume = q
            .table_rows()
            .map(|n| format!("{} in {}", text::count(n), esc(&q.tables[0])))
            .unwrap_or_default();
        if let Some(l) = q.limit {
            let _ = write!(
                volume,
                "{}at most {l} returned",
                if volume.is_empty() { "" } else { "; " }
            );
        }
        let served = if q.indexes.is_empty() {
            format!(
                "<span class=\"status fail\">no index</span> {}",
                esc(q.not_indexed.as_deref().unwrap_or(""))
            )
        } else {
            q.indexes
                .iter()
                .map(|(t, i)| format!("<code>{}</code> on {}", esc(i), esc(t)))
                .collect::<Vec<_>>()
                .join("<br>")
        };
        let _ = writeln!(
            h,
            "<tr data-query=\"{}\"><td>{name}</td><td><pre class=\"sql\">{}</pre></td><td>{}</td><td class=\"mono\">{}</td><td>{volume}</td><td>{served}</td></tr>",
            esc(&q.name),
            esc(q.sql.trim()),
            q.per_second.map(text::rate).unwrap_or_default(),
            esc(&q.tables.join(", "))
        );
    }
    h.push_str("</tbody></table>\n</section>\n");
}

pub(super) fn checklist(h: &mut String, schema: &Schema) {
    let items = analysis::checklist(schema);
    let failed = items.iter().filter(|i| i.status == CheckStatus::Fail).count();
    let _ = writeln!(
        h,
        "<section id=\"checklist\" data-failed=\"{failed}\">\n<h2>Review checklist</h2>\n<p class=\"lead\">{} items, {failed} failing.</p>",
        items.len()
    );
    h.push_str(
        "<table class=\"grid\" id=\"checklist-table\"><thead><tr><th>status</th><th>check</th><th>result</th></tr></thead><tbody>\n",
    );
    for i in &items {
        let class = match i.status {
            CheckStatus::Pass => "pass",
            CheckStatus::Fail => "fail",
            CheckStatus::NotApplicable => "na",
        };
        let mut result = inline_code(&i.summary);
        if !i.failures.is_empty() {
            result.push_str("<ul class=\"plain\">");
            for f in &i.failures {
                let _ = write!(result, "<li>{}</li>", inline_code(f));
            }
            result.push_str("</ul>");
        }
        let _ = writeln!(
            h,
            "<tr data-check=\"{}\" data-status=\"{class}\"><td><span class=\"status {class}\">{}</span></td><td>{}</td><td>{result}</td></tr>",
            i.id,
            i.status.label(),
            esc(i.title)
        );
    }
    h.push_str("</tbody></table>\n</section>\n");
}

pub(super) fn migration(h: &mut String, schema: &Schema) {
    let steps = analysis::creation_order(schema);
    let _ = writeln!(
        h,
        "<section id=\"migration\">\n<h2>Migration plan</h2>\n<p class=\"lead\">The initial migration creates {} objects in this order \
         (each table after the tables it references).</p>\n<details><summary>Show all steps</summary>\n<ol class=\"mono\">",
        steps.len()
    );
    for s in &steps {
        let _ = writeln!(h, "<li>{}</li>", esc(&s.object));
    }
    h.push_str("</ol>\n</details>\n</section>\n");
}

pub(super) fn decisions(h: &mut String, schema: &Schema) {
    h.push_str("<section id=\"decisions\">\n<h2>Decisions</h2>\n");
    if schema.decisions.is_empty() {
        h.push_str("<p class=\"lead\">No decisions recorded (an imported schema has none).</p>\n</section>\n");
        return;
    }
    let _ = writeln!(
        h,
        "<p class=\"lead\">Every convention applied, with the reason ({}).</p>\n<table class=\"grid\" id=\"decision-table\">\
         <thead><tr><th>subject</th><th>rule</th><th>why</th></tr></thead><tbody>",
        schema.decisions.len()
    );
    for d in &schema.decisions {
        let _ = writeln!(
            h,
            "<tr><td class=\"mono\">{}</td><td class=\"mono\">{}</td><td>{}</td></tr>",
            esc(&d.subject),
            esc(d.rule),
            inline_code(&d.why)
        );
    }
    h.push_str("</tbody></table>\n</section>\n");
}
