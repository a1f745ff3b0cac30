//! The design report: one self-contained HTML file (inline CSS, JS and SVG;
//! no network, no web fonts) that a reviewer can open from a CI artifact or
//! an e-mail attachment and read offline.
//!
//! It is built from the model and [`crate::analysis`] alone, like DESIGN.md,
//! so both documents say the same things and an imported schema gets the
//! same report. Layout: an overview header; a sidebar with a search box and
//! the table list; the ERD with pan and zoom; a section per table; the index
//! plan, query patterns, review checklist, migration plan and decisions.
//!
//! Elements carry stable hooks for tests and scripts: `data-table` on the
//! list entry, the table section and the ERD box of every table;
//! `#table-list[data-visible-count]` after each search; and `#selftest`,
//! which the page fills in when opened with `#selftest=<query>` (see
//! `report.js`).

mod plan;
mod tables;

use crate::analysis;
use crate::erd::svg::{self, esc};
use plinth_model::Schema;
use std::fmt::Write;

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

/// The report as one HTML document.
pub fn render(schema: &Schema, title: &str) -> String {
    let mut h = String::with_capacity(64 * 1024 + schema.tables.len() * 8 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"plinth\">\n<title>{} — design report</title>\n<style>\n{CSS}</style>\n</head>\n",
        esc(title)
    );
    let _ = writeln!(h, "<body data-tables=\"{}\">", schema.tables.len());
    overview(&mut h, schema, title);
    h.push_str("<div class=\"page\">\n");
    sidebar(&mut h, schema);
    h.push_str("<main>\n");
    erd(&mut h, schema);
    tables::sections(&mut h, schema);
    plan::index_plan(&mut h, schema);
    plan::queries(&mut h, schema);
    plan::checklist(&mut h, schema);
    plan::migration(&mut h, schema);
    plan::decisions(&mut h, schema);
    h.push_str("</main>\n</div>\n<div id=\"selftest\" hidden></div>\n");
    let _ = write!(h, "<script>\n{JS}</script>\n</body>\n</html>\n");
    h
}

/// Lower-cased table name and column names: what the search box matches.
pub fn search_text(t: &plinth_model::Table) -> String {
    let mut s = t.name.to_lowercase();
    for c in &t.columns {
        s.push(' ');
        s.push_str(&c.name.to_lowercase());
    }
    s
}

/// The id of a table's section: by position, since names may hold any character.
pub(crate) fn section_id(i: usize) -> String {
    format!("t-{i}")
}

fn overview(h: &mut String, schema: &Schema, title: &str) {
    let o = analysis::overview(schema);
    let rels = analysis::relationships(schema).len();
    let _ = writeln!(
        h,
        "<header id=\"overview\">\n<h1>{}</h1>\n<p class=\"target\">Design report · {}</p>",
        esc(title),
        esc(&o.target)
    );
    h.push_str("<ul class=\"counts\">\n");
    let counts = [
        ("tables", o.tables),
        ("columns", o.columns),
        ("foreign keys", rels),
        ("indexes", o.indexes),
        ("constraints", o.constraints),
        ("triggers", o.triggers),
        ("policies", o.policies),
        ("queries", o.queries),
        ("decisions", o.decisions),
    ];
    for (label, n) in counts {
        let key = label.replace(' ', "-");
        let _ = writeln!(h, "<li data-count=\"{key}\"><b>{n}</b><span>{label}</span></li>");
    }
    h.push_str("</ul>\n");
    if !o.facts.is_empty() {
        h.push_str("<ul class=\"facts\">\n");
        for f in &o.facts {
            let _ = writeln!(h, "<li>{}</li>", inline_code(f));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</header>\n");
}

fn sidebar(h: &mut String, schema: &Schema) {
    h.push_str(
        "<nav id=\"sidebar\">\n<input id=\"search\" type=\"search\" placeholder=\"Search tables and columns\" \
         autocomplete=\"off\" aria-label=\"Search tables and columns\">\n<div id=\"match-count\"></div>\n",
    );
    let _ = writeln!(
        h,
        "<ul id=\"table-list\" data-visible-count=\"{}\">",
        schema.tables.len()
    );
    for (i, t) in schema.tables.iter().enumerate() {
        let _ = writeln!(
            h,
            "<li data-table=\"{}\" data-search=\"{}\"><a href=\"#{}\"><span>{}</span><span class=\"n\">{}</span></a></li>",
            esc(&t.name),
            esc(&search_text(t)),
            section_id(i),
            esc(&t.name),
            t.columns.len()
        );
    }
    h.push_str("</ul>\n<h2>Sections</h2>\n<ul class=\"jump\">\n");
    for (id, label) in [
        ("erd", "Diagram"),
        ("tables", "Tables"),
        ("index-plan", "Index plan"),
        ("queries", "Query patterns"),
        ("checklist", "Review checklist"),
        ("migration", "Migration plan"),
        ("decisions", "Decisions"),
    ] {
        let _ = writeln!(h, "<li><a href=\"#{id}\">{label}</a></li>");
    }
    h.push_str("</ul>\n</nav>\n");
}

fn erd(h: &mut String, schema: &Schema) {
    let layout = svg::layout(schema);
    h.push_str(
        "<section id=\"erd\">\n<h2>Diagram</h2>\n<div id=\"erd-toolbar\">\
         <button id=\"zoom-in\" type=\"button\" title=\"Zoom in\">+</button>\
         <button id=\"zoom-out\" type=\"button\" title=\"Zoom out\">−</button>\
         <button id=\"zoom-fit\" type=\"button\" title=\"Fit to view\">Fit</button>\
         <span class=\"hint\">Drag to pan, wheel to zoom, click a table to open it.</span></div>\n\
         <div id=\"erd-viewport\"><div id=\"erd-canvas\">\n",
    );
    h.push_str(&svg::render_layout(&layout));
    h.push_str("</div></div>\n</section>\n");
}

/// Escapes `s` and turns `backticked` spans (as the analysis sentences
/// write names) into `<code>`.
pub(crate) fn inline_code(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in s.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", esc(part));
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}
