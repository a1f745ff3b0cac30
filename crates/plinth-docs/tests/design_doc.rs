//! DESIGN.md: snapshots of every example, every section present with real
//! content, and a bad schema shown failing instead of described as sound.

mod common;

use plinth_docs::design_doc;
use plinth_model::{Column, DialectKind, LogicalType, PhysicalType, Schema, Table, Target};

#[test]
fn every_example_renders_the_snapshotted_design_doc() {
    for (name, schema) in common::examples() {
        insta::assert_snapshot!(format!("design_{name}"), design_doc::render_titled(&schema, &name));
    }
}

/// `## Title` → body, in document order.
fn sections(doc: &str) -> Vec<(String, String)> {
    doc.split("\n## ")
        .skip(1)
        .map(|s| {
            let (title, body) = s.split_once('\n').unwrap_or((s, ""));
            (title.trim().to_string(), body.to_string())
        })
        .collect()
}

#[test]
fn task_tracker_has_every_section_with_real_content() {
    let doc = design_doc::render_titled(&common::example("task-tracker"), "task-tracker");
    let found = sections(&doc);
    let titles: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(titles, design_doc::section_titles());
    assert_eq!(
        titles,
        [
            "Overview",
            "Entity catalog",
            "Tables",
            "Relationships",
            "Index plan",
            "Query patterns",
            "Decisions",
            "Review checklist",
            "Migration plan",
        ]
    );
    for (title, body) in &found {
        let text: String = body
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(text.len() > 80, "section {title} is (nearly) empty:\n{body}");
        if title != "Migration plan" {
            // A table header, its separator and at least one row.
            let rows = body.lines().filter(|l| l.starts_with("| ")).count();
            assert!(rows >= 2, "section {title} has no table rows:\n{body}");
        }
    }
    let get = |t: &str| &found.iter().find(|(x, _)| x == t).unwrap().1;
    // Real content, not placeholders: spot-check what each must say.
    assert!(get("Overview").contains("PostgreSQL 15") && get("Overview").contains("Multi-tenant"));
    assert!(get("Entity catalog").contains("todo → in_progress → blocked → done"));
    assert!(get("Entity catalog").contains("A customer account; the unit of isolation"));
    for t in ["workspaces", "tasks", "task_assignees", "audit_log"] {
        assert!(
            get("Tables").contains(&format!("\n### {t}\n")),
            "no field table for {t}"
        );
    }
    assert!(get("Tables").contains("| `title` | string(200) → text | not null |"));
    assert!(get("Relationships").contains("SET NULL (parent_id)"));
    assert!(get("Relationships").contains("`tasks` M:N `users`"));
    assert!(get("Index plan").contains("query board"));
    assert!(get("Index plan").contains("FK tasks_parent_id_fkey"));
    assert!(get("Query patterns").contains("10M in `tasks`; returns ≤ 50"));
    assert!(get("Query patterns").contains("`tasks_workspace_id_project_id_status_created_at_idx` on `tasks`"));
    assert!(get("Decisions").contains("`on-delete-explicit`"));
    assert!(get("Review checklist").contains("✅ pass") && !get("Review checklist").contains("FAIL"));
    assert!(get("Migration plan").contains("1. function `plinth_uuidv7`"));
    assert!(get("Migration plan").contains("95. policy `tenant_isolation` on `audit_log`"));
    // Every field table sits under its own heading with rows.
    for sub in get("Tables").split("\n### ").skip(1) {
        assert!(
            sub.lines().filter(|l| l.starts_with("| ")).count() >= 3,
            "empty field table:\n{sub}"
        );
    }
}

#[test]
fn no_heading_is_empty_for_any_spec() {
    for (name, schema) in common::all_specs() {
        let doc = design_doc::render_titled(&schema, &name);
        let lines: Vec<&str> = doc.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            if !l.starts_with('#') {
                continue;
            }
            // The next non-blank line must be content, not another heading
            // of the same or a higher level.
            let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
            let empty = match next {
                None => true,
                Some(n) => n.starts_with("## ") || (l.starts_with("### ") && n.starts_with("### ")),
            };
            assert!(!empty, "{name}: heading {l:?} has no content");
        }
        assert_eq!(
            doc,
            design_doc::render_titled(&schema, &name),
            "{name}: not deterministic"
        );
    }
}

#[test]
fn an_imported_bad_schema_shows_failing_items_and_says_what_is_missing() {
    let mut s = Schema::new(Target {
        dialect: DialectKind::Postgres,
        version: 16,
    });
    let mut t = Table::new("payments");
    t.columns.push(Column::new(
        "amount",
        LogicalType::Other("float8".into()),
        PhysicalType::Double,
    ));
    t.columns.push(Column::new(
        "paid_at",
        LogicalType::Other("timestamp".into()),
        PhysicalType::Other("timestamp".into()),
    ));
    s.tables.push(t);
    let doc = design_doc::render(&s);
    let found = sections(&doc);
    assert_eq!(found.len(), design_doc::section_titles().len());
    let get = |t: &str| &found.iter().find(|(x, _)| x == t).unwrap().1;
    let checklist = get("Review checklist");
    for failing in [
        "| Every table has a primary key | ❌ **FAIL** |",
        "| No floating-point money (exact numeric only) | ❌ **FAIL** |",
        "| No timestamp without time zone | ❌ **FAIL** |",
    ] {
        assert!(checklist.contains(failing), "missing {failing}:\n{checklist}");
    }
    assert!(checklist.contains("- `payments` has no primary key"));
    assert!(checklist.contains("- `payments.amount` is double precision"));
    assert!(get("Decisions").contains("No decisions recorded"));
    assert!(get("Query patterns").contains("No queries declared"));
    assert!(get("Relationships").contains("No foreign keys"));
    assert!(get("Tables").contains("**No primary key.**"));
}
