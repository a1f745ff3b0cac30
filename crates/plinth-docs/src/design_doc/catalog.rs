//! Overview, entity catalog and the field table of every table.

use super::md::{self, cell, code};
use crate::analysis::{self, text, Tenancy};
use plinth_model::{PolicyCommand, Schema, Table, TriggerEvent, TriggerTiming};

pub fn overview(out: &mut String, schema: &Schema) {
    let o = analysis::overview(schema);
    out.push_str(&format!(
        "Target: **{}**. {} with {}, {} junction {}.\n\n",
        o.target,
        md::count(o.tables, "table"),
        md::count(o.columns, "column"),
        o.junction_tables,
        if o.junction_tables == 1 { "table" } else { "tables" }
    ));
    md::table(
        out,
        &[
            "tables",
            "columns",
            "indexes",
            "constraints",
            "triggers",
            "policies",
            "functions",
            "enum types",
            "queries",
            "decisions",
        ],
        &[[
            o.tables,
            o.columns,
            o.indexes,
            o.constraints,
            o.triggers,
            o.policies,
            o.routines,
            o.enums,
            o.queries,
            o.decisions,
        ]
        .iter()
        .map(|n| n.to_string())
        .collect()],
    );
    out.push_str(
        "Indexes count `CREATE INDEX` objects; primary keys and unique constraints are counted as constraints \
         (the index plan lists both).\n\n",
    );
    for f in &o.facts {
        out.push_str(&format!("- {}\n", md::prose(f)));
    }
    if !schema.enums.is_empty() {
        out.push_str("\nEnum types:\n\n");
        for e in &schema.enums {
            out.push_str(&format!("- {}: {}\n", code(&e.name), md::prose(&e.values.join(", "))));
        }
    }
}

fn tenancy(t: &Tenancy) -> String {
    match t {
        Tenancy::Root => "tenant root".into(),
        Tenancy::Scoped(c) => format!("per tenant ({})", code(c)),
        Tenancy::Global => "global".into(),
    }
}

pub fn entities(out: &mut String, schema: &Schema) {
    let rows = analysis::entities(schema);
    if rows.is_empty() {
        out.push_str("The schema has no tables.\n");
        return;
    }
    out.push_str(
        "Purpose comes from the spec's `@comment`; the lifecycle from status-like enumerations; the owner is the \
         table whose deletion takes the row with it; rows are the declared `volume`.\n\n",
    );
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let lifecycle: Vec<String> = r
                .lifecycle
                .iter()
                .map(|l| {
                    let mut s = format!("{}: {}", code(&l.column), cell(&l.states.join(" → ")));
                    if let Some(i) = &l.initial {
                        s.push_str(&format!(" (starts {})", cell(i)));
                    }
                    s
                })
                .collect();
            let mut traits: Vec<String> = r.traits.iter().map(|t| t.to_string()).collect();
            if let Some(g) = &r.group {
                traits.push(format!("group {}", cell(g)));
            }
            vec![
                code(&r.table),
                r.purpose.as_deref().map(cell).unwrap_or_default(),
                tenancy(&r.tenancy),
                r.owner.as_deref().map(code).unwrap_or_default(),
                lifecycle.join("; "),
                traits.join(", "),
                r.volume.map(text::count).unwrap_or_default(),
            ]
        })
        .collect();
    md::table(
        out,
        &["table", "purpose", "tenancy", "owner", "lifecycle", "traits", "rows"],
        &body,
    );
}

pub fn tables(out: &mut String, schema: &Schema) {
    if schema.tables.is_empty() {
        out.push_str("The schema has no tables.\n");
        return;
    }
    out.push_str(
        "One section per table. Type is the spec's type → the stored type; notes say which convention added a \
         column and carry its comment.\n",
    );
    for t in &schema.tables {
        table(out, schema, t);
    }
}

fn table(out: &mut String, schema: &Schema, t: &Table) {
    out.push_str(&format!("\n### {}\n\n", md::prose(&t.name)));
    let mut intro = Vec::new();
    if let Some(c) = &t.comment {
        intro.push(md::sentence(c));
    }
    if let Some(e) = &t.entity {
        intro.push(format!("From entity {}.", code(e)));
    }
    if let Some(n) = analysis::volume(schema, &t.name) {
        intro.push(format!("Expected rows: {}.", text::count(n)));
    }
    if !intro.is_empty() {
        out.push_str(&format!("{}\n\n", intro.join(" ")));
    }
    let rows: Vec<Vec<String>> = analysis::fields(t)
        .into_iter()
        .map(|f| {
            vec![
                code(&f.column),
                cell(&f.ty),
                if f.nullable { "null".into() } else { "not null".into() },
                f.default.as_deref().map(code).unwrap_or_default(),
                f.constraints.iter().map(|c| cell(c)).collect::<Vec<_>>().join("; "),
                f.notes.iter().map(|c| cell(c)).collect::<Vec<_>>().join("; "),
            ]
        })
        .collect();
    if rows.is_empty() {
        out.push_str("No columns.\n\n");
    } else {
        md::table(
            out,
            &["column", "type", "null", "default", "constraints", "notes"],
            &rows,
        );
    }
    let mut extra = Vec::new();
    match &t.primary_key {
        Some(pk) => extra.push(format!(
            "Primary key {} ({}).",
            code(&pk.name),
            md::prose(&pk.columns.join(", "))
        )),
        None => extra.push("**No primary key.**".to_string()),
    }
    for u in t.uniques.iter().filter(|u| u.columns.len() > 1) {
        extra.push(format!(
            "Unique {} ({}){}.",
            code(&u.name),
            md::prose(&u.columns.join(", ")),
            if u.nulls_not_distinct {
                ", NULLS NOT DISTINCT"
            } else {
                ""
            }
        ));
    }
    for (name, expr) in analysis::table_checks(t) {
        extra.push(format!("Check {}: {}.", code(&name), code(&expr)));
    }
    for tr in &t.triggers {
        let timing = match tr.timing {
            TriggerTiming::Before => "before",
            TriggerTiming::After => "after",
        };
        let events: Vec<String> = tr
            .events
            .iter()
            .map(|e| {
                match e {
                    TriggerEvent::Insert => "insert",
                    TriggerEvent::Update => "update",
                    TriggerEvent::Delete => "delete",
                }
                .to_string()
            })
            .collect();
        extra.push(format!(
            "Trigger {} {timing} {} runs {}.",
            code(&tr.name),
            md::and_list(&events).replace(" and ", " or "),
            code(&format!("{}()", tr.routine))
        ));
    }
    if let Some(rls) = &t.row_security {
        let state = match (rls.enabled, rls.forced) {
            (true, true) => "enabled and forced",
            (true, false) => "enabled, not forced (the owner bypasses it)",
            (false, _) => "declared but not enabled",
        };
        extra.push(format!("Row-level security {state}."));
        for p in &rls.policies {
            let cmd = match p.command {
                PolicyCommand::All => "all commands",
                PolicyCommand::Select => "SELECT",
                PolicyCommand::Insert => "INSERT",
                PolicyCommand::Update => "UPDATE",
                PolicyCommand::Delete => "DELETE",
            };
            let mut s = format!("Policy {} for {cmd}", code(&p.name));
            if let Some(u) = &p.using {
                s.push_str(&format!(": rows where {}", code(&text::policy(u))));
            }
            if let Some(w) = p.with_check.as_ref().filter(|w| Some(*w) != p.using.as_ref()) {
                s.push_str(&format!("; writes where {}", code(&text::policy(w))));
            }
            extra.push(format!("{s}."));
        }
    }
    for e in extra {
        out.push_str(&format!("- {e}\n"));
    }
}
