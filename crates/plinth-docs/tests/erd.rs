//! Mermaid, DBML and DOT: snapshots of every example, plus the properties a
//! snapshot could hide — every table and foreign key drawn, cardinality,
//! de-emphasised convention columns, groups as clusters, determinism.

mod common;

use plinth_docs::erd::{dbml, dot, mermaid};

#[test]
fn every_example_renders_the_snapshotted_erds() {
    for (name, schema) in common::examples() {
        insta::assert_snapshot!(format!("mermaid_{name}"), mermaid::render(&schema));
        insta::assert_snapshot!(format!("dbml_{name}"), dbml::render(&schema));
        insta::assert_snapshot!(format!("dot_{name}"), dot::render(&schema));
    }
}

#[test]
fn every_table_and_foreign_key_is_drawn_deterministically() {
    for (name, s) in common::all_specs() {
        let (m, d, g) = (mermaid::render(&s), dbml::render(&s), dot::render(&s));
        assert_eq!(m, mermaid::render(&s), "{name}");
        assert_eq!(d, dbml::render(&s), "{name}");
        assert_eq!(g, dot::render(&s), "{name}");
        let fks: usize = s.tables.iter().map(|t| t.foreign_keys.len()).sum();
        assert_eq!(
            m.lines().filter(|l| l.contains(" : \"")).count(),
            fks,
            "{name}: mermaid relationships"
        );
        assert_eq!(
            d.lines().filter(|l| l.starts_with("Ref ")).count(),
            fks,
            "{name}: dbml refs"
        );
        assert_eq!(
            g.lines().filter(|l| l.contains(" -> ")).count(),
            fks,
            "{name}: dot edges"
        );
        assert_eq!(
            d.lines().filter(|l| l.starts_with("Table ")).count(),
            s.tables.len(),
            "{name}"
        );
        assert_eq!(g.matches("<TABLE ").count(), s.tables.len(), "{name}");
    }
}

#[test]
fn cardinality_optionality_and_identifying_keys_are_drawn() {
    let s = common::example("task-tracker");
    let m = mermaid::render(&s);
    // Required, non-identifying, one-to-many.
    assert!(m.contains("  \"projects\" ||..o{ \"tasks\" : \"project\"\n"));
    // Optional self-reference.
    assert!(m.contains("  \"tasks\" |o..o{ \"tasks\" : \"parent\"\n"));
    // Junction keys are part of the primary key: identifying, solid.
    assert!(m.contains("  \"users\" ||--o{ \"task_assignees\" : \"assignee\"\n"));
    assert!(m.contains("    uuid task_id PK, FK\n"));

    let one_to_one = common::design(
        "settings { dialect = postgres 15 }\nentity User { email email @unique }\nentity Profile { user -> User @unique\n bio text? }\n",
    );
    assert!(mermaid::render(&one_to_one).contains("\"users\" ||..o| \"profiles\" : \"user\""));
    assert!(dbml::render(&one_to_one)
        .contains("Ref \"profiles_user_id_fkey\": \"profiles\".\"user_id\" - \"users\".\"id\""));
    assert!(dot::render(&one_to_one).contains("label=\"user (1:1)\", arrowtail=teeodot, arrowhead=teetee"));

    let d = dbml::render(&s);
    assert!(d.contains(
        "Ref \"tasks_project_id_fkey\": \"tasks\".(\"workspace_id\", \"project_id\") > \"projects\".(\"workspace_id\", \"id\") [delete: cascade]"
    ));
    assert!(d.contains("(\"workspace_id\", \"task_id\", \"assignee_id\") [pk, name: 'task_assignees_pkey']"));
    assert!(d.contains("(\"slug\") [unique, name: 'workspaces_slug_key', note: 'WHERE deleted_at IS NULL']"));
    assert!(d.contains("\"plan\" text [not null, default: 'free', note: 'one of: free, pro, enterprise']"));
    assert!(d.contains("TableGroup \"planning\" {\n  \"projects\"\n  \"tasks\"\n"));
}

#[test]
fn dot_quiets_convention_columns_and_clusters_groups() {
    let g = dot::render(&common::example("task-tracker"));
    assert!(g.contains("subgraph cluster_0 {\n    label=\"planning\";"));
    let cluster = &g[g.find("subgraph cluster_0").unwrap()..];
    let cluster = &cluster[..cluster.find("\n  }\n").unwrap()];
    for t in ["\"projects\" [", "\"tasks\" [", "\"labels\" [", "\"task_assignees\" ["] {
        assert!(cluster.contains(t), "{t} not in the planning cluster");
    }
    assert!(!cluster.contains("\"comments\" ["));
    assert!(g.contains("<FONT COLOR=\"#9a9a9a\">workspace_id</FONT>"));
    assert!(g.contains("<FONT COLOR=\"#9a9a9a\">created_at</FONT>"));
    assert!(!g.contains("<FONT COLOR=\"#9a9a9a\">title</FONT>"));
    // Tenant edges are grey and dashed; others carry the link and cardinality.
    assert!(g.contains(
        "\"tasks\":\"e1\":e -> \"workspaces\":\"w0\":w [label=\"tenant (N:1)\", arrowtail=crowodot, arrowhead=teetee, color=\"#9a9a9a\", fontcolor=\"#9a9a9a\", style=dashed];"
    ));
    assert!(g.contains("\"tasks\":\"e2\":e -> \"projects\":\"w0\":w [label=\"project (N:1)\""));
}

#[test]
fn hostile_names_are_escaped_in_every_format() {
    let s = common::design(common::HOSTILE);
    let m = mermaid::render(&s);
    assert!(m.contains("  \"Tag _quoted_\" {\n"), "{m}");
    assert!(m.contains("  \"class\" {\n    uuid id PK\n    text pk_ "), "{m}");
    assert!(m.contains("    integer _2nd \"2nd, nullable\"\n"), "{m}");
    let d = dbml::render(&s);
    assert!(d.contains("Table \"Tag \\\"quoted\\\"\" {"), "{d}");
    assert!(d.contains("\"a%b\\\\c\" text"), "{d}");
    let g = dot::render(&s);
    assert!(g.contains("<B>Tag &quot;quoted&quot;</B>"), "{g}");
    assert!(g.contains("label=\"sales & more\""), "{g}");
}
