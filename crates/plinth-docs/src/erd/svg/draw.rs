//! SVG text for a [`Layout`].
//!
//! The document carries its own `<style>` (scoped under `.plinth-erd`) so it
//! looks the same opened on its own or inlined in the HTML report, and uses
//! only a system monospace font stack (no web fonts, no network). Each table
//! is a `<g class="erd-table" data-table="…">` holding exactly one
//! `<rect class="table-box">`, which tests and the report's script rely on.

use super::content::{KeyMark, HEADER_FONT, HEADER_H, MARK_W, MUTED_FONT, PAD_X, ROW_FONT};
use super::{EdgeRoute, Layout};
use std::fmt::Write;

const STYLE: &str = r#"
.plinth-erd { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; }
.plinth-erd .group-frame { fill: #f4f6fb; stroke: #b8c3d9; stroke-dasharray: 6 4; }
.plinth-erd .group-name { fill: #4a5a7a; font-size: 13px; font-weight: bold; }
.plinth-erd .edge path { fill: none; stroke: #8491a8; stroke-width: 1.3; }
.plinth-erd .edge:hover path { stroke: #d9480f; stroke-width: 2.2; }
.plinth-erd .card { fill: #3d4a63; font-size: 10px; }
.plinth-erd .table-box { fill: #ffffff; stroke: #4a5a7a; stroke-width: 1.2; }
.plinth-erd .table-head { fill: #2f3e5c; }
.plinth-erd .table-name { fill: #ffffff; font-size: 13px; font-weight: bold; }
.plinth-erd .col { fill: #1d2433; font-size: 12px; }
.plinth-erd .ty { fill: #5b6b8c; font-size: 12px; }
.plinth-erd .muted { fill: #9aa3b2; font-size: 10.5px; }
.plinth-erd .mk { font-size: 9.5px; font-weight: bold; }
.plinth-erd .mk-pk { fill: #b7791f; }
.plinth-erd .mk-fk { fill: #2b6cb0; }
.plinth-erd .note { fill: #6b7890; font-size: 11px; }
.plinth-erd .erd-table.dim { opacity: 0.25; }
"#;

/// Extra height for the note under the diagram.
const NOTE_H: f64 = 22.0;

/// XML-escapes text and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Coordinates with at most one decimal and no trailing `.0`.
fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

pub(super) fn svg(l: &Layout) -> String {
    let height = l.height + if l.tenant_note.is_some() { NOTE_H } else { 0.0 };
    let mut s = String::with_capacity(4096 + l.boxes.len() * 2048);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="plinth-erd" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="Entity-relationship diagram of {count} tables">"#,
        w = n(l.width),
        h = n(height),
        count = l.boxes.len()
    );
    let _ = writeln!(s, "<style>{STYLE}</style>");

    s.push_str("<g class=\"erd-groups\">\n");
    for g in &l.groups {
        let r = g.rect;
        let _ = writeln!(
            s,
            r#"<g class="erd-group" data-group="{name}"><rect class="group-frame" x="{x}" y="{y}" width="{w}" height="{h}" rx="8"/><text class="group-name" x="{tx}" y="{ty}">{name}</text></g>"#,
            name = esc(&g.name),
            x = n(r.x),
            y = n(r.y),
            w = n(r.w),
            h = n(r.h),
            tx = n(r.x + 10.0),
            ty = n(r.y + 18.0)
        );
    }
    s.push_str("</g>\n<g class=\"erd-edges\">\n");
    for e in &l.edges {
        edge(&mut s, e);
    }
    s.push_str("</g>\n<g class=\"erd-tables\">\n");
    for (i, b) in l.boxes.iter().enumerate() {
        let r = b.rect;
        let _ = write!(
            s,
            r#"<g class="erd-table" id="erd-t{i}" data-table="{}">"#,
            esc(&b.table)
        );
        let title = match &b.comment {
            Some(c) => format!("{}: {}", b.table, c),
            None => b.table.clone(),
        };
        let _ = write!(s, "<title>{}</title>", esc(&title));
        let _ = write!(
            s,
            r#"<rect class="table-box" x="{}" y="{}" width="{}" height="{}" rx="4"/>"#,
            n(r.x),
            n(r.y),
            n(r.w),
            n(r.h)
        );
        // Header band with rounded top corners only.
        let _ = write!(
            s,
            r#"<path class="table-head" d="M{x0},{yh}V{y1}Q{x0},{y0} {x1},{y0}H{x2}Q{x3},{y0} {x3},{y1}V{yh}Z"/>"#,
            x0 = n(r.x),
            x1 = n(r.x + 4.0),
            x2 = n(r.right() - 4.0),
            x3 = n(r.right()),
            y0 = n(r.y),
            y1 = n(r.y + 4.0),
            yh = n(r.y + HEADER_H)
        );
        let _ = write!(
            s,
            r#"<text class="table-name" x="{}" y="{}">{}</text>"#,
            n(r.x + PAD_X),
            n(r.y + HEADER_H / 2.0 + HEADER_FONT * 0.35),
            esc(&b.table)
        );
        for row in &b.rows {
            let size = if row.muted { MUTED_FONT } else { ROW_FONT };
            let base = n(r.y + row.dy + row.h / 2.0 + size * 0.35);
            let muted = if row.muted { " muted" } else { "" };
            if row.key != KeyMark::None {
                let class = if row.key == KeyMark::ForeignKey {
                    "mk-fk"
                } else {
                    "mk-pk"
                };
                let _ = write!(
                    s,
                    r#"<text class="mk {class}" x="{}" y="{base}">{}</text>"#,
                    n(r.x + PAD_X),
                    row.key.label()
                );
            }
            let _ = write!(
                s,
                r#"<text class="col{muted}" x="{}" y="{base}">{}</text><text class="ty{muted}" x="{}" y="{base}" text-anchor="end">{}</text>"#,
                n(r.x + PAD_X + MARK_W),
                esc(&row.column),
                n(r.right() - PAD_X),
                esc(&row.ty)
            );
        }
        s.push_str("</g>\n");
    }
    s.push_str("</g>\n");
    if let Some(t) = &l.tenant_note {
        let _ = writeln!(
            s,
            r#"<text class="note" x="20" y="{}">Tenant foreign keys (→ {}) are not drawn; the grey tenant column in each box marks them.</text>"#,
            n(l.height + 6.0),
            esc(t)
        );
    }
    s.push_str("</svg>\n");
    s
}

fn edge(s: &mut String, e: &EdgeRoute) {
    let Some(&(x0, y0)) = e.points.first() else { return };
    let mut d = format!("M{},{}", n(x0), n(y0));
    for w in e.points.windows(2) {
        let ((x1, y1), (x2, y2)) = (w[0], w[1]);
        if x1 == x2 || y1 == y2 {
            let _ = write!(d, "L{},{}", n(x2), n(y2));
        } else {
            let ym = (y1 + y2) / 2.0;
            let _ = write!(d, "C{},{} {},{} {},{}", n(x1), n(ym), n(x2), n(ym), n(x2), n(y2));
        }
    }
    let _ = write!(
        s,
        r#"<g class="edge" data-from="{}" data-to="{}"><title>{}: {} → {}</title><path d="{d}"/>"#,
        esc(&e.from),
        esc(&e.to),
        esc(&e.constraint),
        esc(&e.from),
        esc(&e.to)
    );
    let ends = [(0, e.from_label), (e.points.len() - 1, e.to_label)];
    for (i, label) in ends {
        let (x, y) = e.points[i];
        let toward = if i == 0 {
            e.points.get(1)
        } else {
            e.points.get(i.wrapping_sub(1))
        };
        let (lx, ly) = match toward {
            // Right of the loop, above its upper leg and below its lower one.
            Some(&(tx, _)) if e.self_loop => (tx + 3.0, if i == 0 { y - 1.0 } else { y + 9.0 }),
            Some(&(_, ty)) if ty < y => (x + 3.0, y - 4.0),
            _ => (x + 3.0, y + 11.0),
        };
        let _ = write!(s, r#"<text class="card" x="{}" y="{}">{label}</text>"#, n(lx), n(ly));
    }
    s.push_str("</g>\n");
}
