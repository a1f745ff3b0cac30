//! One section per table: what it is for, its columns, links, constraints,
//! indexes, triggers and row-level security. Sub-headings appear only when
//! there is something under them, so no section reads as an empty form.

use super::{inline_code, section_id};
use crate::analysis::{self, text, EntityRow, IndexRow, Relationship, Tenancy};
use crate::erd::svg::esc;
use plinth_model::{PolicyCommand, Schema, Table, TriggerEvent, TriggerTiming};
use std::collections::HashMap;
use std::fmt::Write;

pub(super) fn sections(h: &mut String, schema: &Schema) {
    let entities = analysis::entities(schema);
    let rels = analysis::relationships(schema);
    let plan = analysis::index_plan(schema);
    let _ = writeln!(
        h,
        "<section id=\"tables\">\n<h2>Tables</h2>\n<p class=\"lead\">{} tables, in creation order of the model. \
         Grey rows are columns added by conventions (tenant, timestamps, soft delete, version, actors).</p>",
        schema.tables.len()
    );
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, t) in schema.tables.iter().enumerate() {
        ids.entry(t.name.as_str()).or_insert(i);
    }
    for (i, t) in schema.tables.iter().enumerate() {
        let entity = entities.iter().find(|e| e.table == t.name);
        section(h, i, t, entity, &rels, &plan, &ids);
    }
    h.push_str("</section>\n");
}

/// Links to other tables' sections, by name.
type Ids<'a> = HashMap<&'a str, usize>;

fn section(
    h: &mut String,
    i: usize,
    t: &Table,
    entity: Option<&EntityRow>,
    rels: &[Relationship],
    plan: &[IndexRow],
    ids: &Ids,
) {
    let _ = writeln!(
        h,
        "<section class=\"table-section\" id=\"{}\" data-table=\"{}\">\n<h3>{}</h3>",
        section_id(i),
        esc(&t.name),
        esc(&t.name)
    );
    if let Some(c) = entity.and_then(|e| e.purpose.as_ref()).or(t.comment.as_ref()) {
        let _ = writeln!(h, "<p class=\"lead\">{}</p>", esc(c));
    }
    badges(h, t, entity);
    columns(h, t);
    links(h, t, rels, ids);
    constraints(h, t);
    indexes(h, t, plan);
    triggers(h, t);
    security(h, t);
    h.push_str("</section>\n");
}

fn badges(h: &mut String, t: &Table, entity: Option<&EntityRow>) {
    let mut b: Vec<String> = Vec::new();
    if let Some(e) = entity {
        if let Some(name) = &e.entity {
            b.push(format!("entity {name}"));
        }
        b.push(match &e.tenancy {
            Tenancy::Root => "tenant root".to_string(),
            Tenancy::Scoped(c) => format!("tenant-scoped by {c}"),
            Tenancy::Global => "global".to_string(),
        });
        b.extend(e.traits.iter().map(|s| s.to_string()));
        if let Some(g) = &e.group {
            b.push(format!("group {g}"));
        }
        if let Some(owner) = &e.owner {
            b.push(format!("owned by {owner}"));
        }
        if let Some(v) = e.volume {
            b.push(format!("~{} rows", text::count(v)));
        }
        for l in &e.lifecycle {
            b.push(format!("{}: {}", l.column, l.states.join(" → ")));
        }
    } else if let Some(g) = &t.traits.group {
        b.push(format!("group {g}"));
    }
    if b.is_empty() {
        return;
    }
    h.push_str("<ul class=\"badges\">");
    for x in b {
        let _ = write!(h, "<li>{}</li>", esc(&x));
    }
    h.push_str("</ul>\n");
}

fn columns(h: &mut String, t: &Table) {
    if t.columns.is_empty() {
        return;
    }
    h.push_str(
        "<h4>Columns</h4>\n<table class=\"grid columns\"><thead><tr><th>column</th><th>type</th><th>null</th>\
         <th>default</th><th>constraints</th><th>notes</th></tr></thead><tbody>\n",
    );
    for f in analysis::fields(t) {
        let _ = writeln!(
            h,
            "<tr{}><td class=\"mono\">{}</td><td class=\"mono\">{}</td><td class=\"null\">{}</td><td class=\"mono\">{}</td><td>{}</td><td>{}</td></tr>",
            if f.de_emphasised { " class=\"muted\"" } else { "" },
            esc(&f.column),
            esc(&f.ty),
            if f.nullable { "yes" } else { "" },
            esc(f.default.as_deref().unwrap_or("")),
            esc(&f.constraints.join("; ")),
            esc(&f.notes.join(" · "))
        );
    }
    h.push_str("</tbody></table>\n");
}

/// A table name, linked to its section when the schema has it.
fn table_link(name: &str, ids: &Ids) -> String {
    match ids.get(name) {
        Some(&i) => format!("<a href=\"#{}\">{}</a>", section_id(i), esc(name)),
        None => esc(name),
    }
}

fn links(h: &mut String, t: &Table, rels: &[Relationship], ids: &Ids) {
    let out: Vec<&Relationship> = rels.iter().filter(|r| r.table == t.name).collect();
    let into: Vec<&Relationship> = rels
        .iter()
        .filter(|r| r.ref_table == t.name && !r.tenant && r.table != t.name)
        .collect();
    if !out.is_empty() {
        h.push_str("<h4>References</h4>\n<ul class=\"plain refs\">\n");
        for r in out {
            let _ = write!(
                h,
                "<li><code>({})</code> → {} <code>({})</code> · {}{} · ON DELETE {}",
                esc(&r.columns.join(", ")),
                table_link(&r.ref_table, ids),
                esc(&r.ref_columns.join(", ")),
                r.cardinality.label(),
                if r.optional { ", optional" } else { "" },
                esc(&r.on_delete_text)
            );
            if let Some(why) = &r.reason {
                let _ = write!(h, " <span class=\"why\">— {}</span>", inline_code(why));
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ul>\n");
    }
    if !into.is_empty() {
        h.push_str("<h4>Referenced by</h4>\n<ul class=\"plain refs\">\n");
        for r in into {
            let _ = writeln!(
                h,
                "<li>{} <code>({})</code> · {} · ON DELETE {}</li>",
                table_link(&r.table, ids),
                esc(&r.columns.join(", ")),
                r.cardinality.label(),
                esc(&r.on_delete_text)
            );
        }
        h.push_str("</ul>\n");
    }
}

fn constraints(h: &mut String, t: &Table) {
    let mut items: Vec<String> = Vec::new();
    if let Some(pk) = &t.primary_key {
        items.push(format!(
            "<code>{}</code> PRIMARY KEY ({})",
            esc(&pk.name),
            esc(&pk.columns.join(", "))
        ));
    }
    for u in &t.uniques {
        items.push(format!(
            "<code>{}</code> UNIQUE{} ({})",
            esc(&u.name),
            if u.nulls_not_distinct {
                " NULLS NOT DISTINCT"
            } else {
                ""
            },
            esc(&u.columns.join(", "))
        ));
    }
    for ch in &t.checks {
        items.push(format!(
            "<code>{}</code> CHECK ({})",
            esc(&ch.name),
            esc(&text::check(&ch.expr))
        ));
    }
    for x in &t.exclusions {
        let parts: Vec<String> = x.elements.iter().map(|(e, op)| format!("{e} WITH {op}")).collect();
        items.push(format!(
            "<code>{}</code> EXCLUDE ({})",
            esc(&x.name),
            esc(&parts.join(", "))
        ));
    }
    list(h, "Constraints", &items);
}

fn indexes(h: &mut String, t: &Table, plan: &[IndexRow]) {
    let rows: Vec<&IndexRow> = plan.iter().filter(|r| r.table == t.name).collect();
    if rows.is_empty() {
        return;
    }
    h.push_str(
        "<h4>Indexes</h4>\n<table class=\"grid indexes\"><thead><tr><th>name</th><th>kind</th><th>columns</th>\
         <th>where</th><th>serves</th></tr></thead><tbody>\n",
    );
    for r in rows {
        index_cells(h, r, false);
    }
    h.push_str("</tbody></table>\n");
}

/// One index-plan row; `with_table` for the schema-wide plan.
pub(super) fn index_cells(h: &mut String, r: &IndexRow, with_table: bool) {
    h.push_str("<tr>");
    if with_table {
        let _ = write!(h, "<td class=\"mono\">{}</td>", esc(&r.table));
    }
    let mut cols = r.columns.join(", ");
    if !r.include.is_empty() {
        cols.push_str(&format!(" INCLUDE ({})", r.include.join(", ")));
    }
    let serves: Vec<String> = r.serves.iter().map(|s| s.describe()).collect();
    let _ = writeln!(
        h,
        "<td class=\"mono\">{}</td><td>{} ({})</td><td class=\"mono\">{}</td><td class=\"mono\">{}</td><td>{}</td></tr>",
        esc(&r.name),
        r.kind.label(),
        r.method,
        esc(&cols),
        esc(r.predicate.as_deref().unwrap_or("")),
        esc(&serves.join("; "))
    );
}

fn triggers(h: &mut String, t: &Table) {
    let items: Vec<String> = t
        .triggers
        .iter()
        .map(|tr| {
            let timing = match tr.timing {
                TriggerTiming::Before => "BEFORE",
                TriggerTiming::After => "AFTER",
            };
            let events: Vec<&str> = tr
                .events
                .iter()
                .map(|e| match e {
                    TriggerEvent::Insert => "INSERT",
                    TriggerEvent::Update => "UPDATE",
                    TriggerEvent::Delete => "DELETE",
                })
                .collect();
            format!(
                "<code>{}</code> {timing} {} → <code>{}({})</code>",
                esc(&tr.name),
                events.join(" OR "),
                esc(&tr.routine),
                esc(&tr.args.join(", "))
            )
        })
        .collect();
    list(h, "Triggers", &items);
}

fn security(h: &mut String, t: &Table) {
    let Some(rs) = &t.row_security else { return };
    let mut items = vec![format!(
        "row-level security {}{}",
        if rs.enabled { "enabled" } else { "disabled" },
        if rs.forced {
            " and forced (applies to the owner too)"
        } else {
            ""
        }
    )];
    for p in &rs.policies {
        let command = match p.command {
            PolicyCommand::All => "ALL",
            PolicyCommand::Select => "SELECT",
            PolicyCommand::Insert => "INSERT",
            PolicyCommand::Update => "UPDATE",
            PolicyCommand::Delete => "DELETE",
        };
        let mut s = format!("policy <code>{}</code> for {command}", esc(&p.name));
        if !p.roles.is_empty() {
            s.push_str(&format!(" to {}", esc(&p.roles.join(", "))));
        }
        if let Some(u) = &p.using {
            s.push_str(&format!(" USING (<code>{}</code>)", esc(&text::policy(u))));
        }
        if let Some(c) = &p.with_check {
            s.push_str(&format!(" WITH CHECK (<code>{}</code>)", esc(&text::policy(c))));
        }
        if !p.permissive {
            s.push_str(" (restrictive)");
        }
        items.push(s);
    }
    list(h, "Row-level security", &items);
}

/// A headed list of pre-escaped HTML items; nothing when empty.
fn list(h: &mut String, heading: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(h, "<h4>{heading}</h4>\n<ul class=\"plain\">");
    for i in items {
        let _ = writeln!(h, "<li>{i}</li>");
    }
    h.push_str("</ul>\n");
}
