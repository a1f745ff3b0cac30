//! The decision log, the review checklist and the migration plan.

use super::md::{self, cell, code};
use crate::analysis::{self, CheckStatus, StepKind};
use plinth_model::Schema;

pub fn decisions(out: &mut String, schema: &Schema) {
    if schema.decisions.is_empty() {
        out.push_str(
            "No decisions recorded: the schema was not designed by plinth's passes (an imported schema), so \
             only the review checklist below judges it.\n",
        );
        return;
    }
    let mut rules: Vec<&str> = Vec::new();
    for d in &schema.decisions {
        if !rules.contains(&d.rule) {
            rules.push(d.rule);
        }
    }
    out.push_str(&format!(
        "Every convention applied, in the order the design passes ran: {} under {}.\n\n",
        md::count(schema.decisions.len(), "decision"),
        md::count(rules.len(), "rule")
    ));
    let rows: Vec<Vec<String>> = schema
        .decisions
        .iter()
        .map(|d| vec![code(&d.subject), code(d.rule), cell(&d.why)])
        .collect();
    md::table(out, &["subject", "rule", "why"], &rows);
}

pub fn checklist(out: &mut String, schema: &Schema) {
    let items = analysis::checklist(schema);
    let n = |s: CheckStatus| items.iter().filter(|i| i.status == s).count();
    out.push_str(&format!(
        "Computed from the model, not from the conventions' intent: {} — {} pass, {} fail, {} not applicable.\n\n",
        md::count(items.len(), "check"),
        n(CheckStatus::Pass),
        n(CheckStatus::Fail),
        n(CheckStatus::NotApplicable)
    ));
    let rows: Vec<Vec<String>> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let result = match item.status {
                CheckStatus::Pass => "✅ pass",
                CheckStatus::Fail => "❌ **FAIL**",
                CheckStatus::NotApplicable => "➖ n/a",
            };
            vec![
                (i + 1).to_string(),
                cell(item.title),
                result.to_string(),
                cell(&item.summary),
            ]
        })
        .collect();
    md::table(out, &["#", "check", "result", "details"], &rows);
    for item in items.iter().filter(|i| i.status == CheckStatus::Fail) {
        out.push_str(&format!("**{}** ({}):\n\n", md::prose(item.title), code(item.id)));
        for f in &item.failures {
            out.push_str(&format!("- {}\n", md::prose(f)));
        }
        out.push('\n');
    }
}

fn kind_label(k: StepKind) -> &'static str {
    match k {
        StepKind::Type => "types",
        StepKind::Function => "functions (trigger bodies)",
        StepKind::Table => "tables",
        StepKind::DeferredForeignKey => "foreign keys closing reference cycles",
        StepKind::Index => "indexes",
        StepKind::Comment => "comments",
        StepKind::Trigger => "triggers",
        StepKind::RowSecurity => "row-level security",
        StepKind::Policy => "policies",
    }
}

pub fn migration(out: &mut String, schema: &Schema) {
    let steps = analysis::creation_order(schema);
    if steps.is_empty() {
        out.push_str("Nothing to create.\n");
        return;
    }
    out.push_str(&format!(
        "The initial migration is `schema.sql`: {} in this order. A table comes after the tables it references; \
         a reference cycle is closed with `ALTER TABLE … ADD CONSTRAINT` once every table exists; functions come \
         before the triggers that call them, and row-level security last.\n\n",
        md::count(steps.len(), "statement")
    ));
    // Enabling, forcing and the policies form one phase.
    let phase_of = |k: StepKind| {
        if k == StepKind::Policy {
            StepKind::RowSecurity
        } else {
            k
        }
    };
    let mut phase: Option<StepKind> = None;
    for (i, s) in steps.iter().enumerate() {
        let kind = phase_of(s.kind);
        if phase != Some(kind) {
            let count = steps[i..].iter().take_while(|x| phase_of(x.kind) == kind).count();
            let label = if kind == StepKind::Function && !steps[..i].iter().any(|x| x.kind == StepKind::Table) {
                "functions used by column defaults"
            } else {
                kind_label(kind)
            };
            if phase.is_some() {
                out.push('\n');
            }
            out.push_str(&format!("**{} ({count})**\n\n", capitalise(label)));
            phase = Some(kind);
        }
        let table = s.table.as_deref().unwrap_or_default();
        let what = match s.kind {
            StepKind::Type => format!("type {}", code(&s.name)),
            StepKind::Function => format!("function {}", code(&s.name)),
            StepKind::Table => format!("table {}", code(&s.name)),
            StepKind::DeferredForeignKey => format!("foreign key {} on {}", code(&s.name), code(table)),
            StepKind::Index => format!("index {} on {}", code(&s.name), code(table)),
            StepKind::Comment => format!("comment on {}", code(&s.name)),
            StepKind::Trigger => format!("trigger {} on {}", code(&s.name), code(table)),
            StepKind::RowSecurity if s.object.starts_with("forced ") => {
                format!("force row-level security on {}", code(table))
            }
            StepKind::RowSecurity => format!("enable row-level security on {}", code(table)),
            StepKind::Policy => format!("policy {} on {}", code(&s.name), code(table)),
        };
        out.push_str(&format!("{}. {what}\n", i + 1));
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
