//! The self-laid-out SVG ERD: geometry checked on the layout result (no two
//! boxes overlap, frames apart, lines bend only between boxes), the emitted
//! SVG scanned for one box per table, and a snapshot of a small example.

use plinth_docs::erd::svg::{self, Layout, Rect};
use plinth_model::Schema;
use std::path::PathBuf;

fn design(src: &str) -> Schema {
    let checked = plinth_spec::check(src);
    match checked.spec {
        Some(spec) => plinth_design::design(&spec),
        None => panic!("{}", plinth_spec::render(&checked.diagnostics, "t.plinth", src, false)),
    }
}

fn examples() -> Vec<(String, Schema)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "plinth"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, design(&std::fs::read_to_string(p).unwrap()))
        })
        .collect()
}

fn synthetic(n: usize) -> Schema {
    design(&plinth_spec::synthetic::spec(n))
}

/// Every geometric promise of the layout, with the offending names on failure.
fn assert_sound(name: &str, schema: &Schema, l: &Layout) {
    assert_eq!(l.boxes.len(), schema.tables.len(), "{name}: one box per table");
    for (b, t) in l.boxes.iter().zip(&schema.tables) {
        assert_eq!(b.table, t.name, "{name}: boxes in table order");
        assert_eq!(
            b.rows.len(),
            t.columns.len(),
            "{name}: one row per column of {}",
            t.name
        );
        let r = b.rect;
        assert!(
            r.x >= 0.0 && r.y >= 0.0 && r.right() <= l.width && r.bottom() <= l.height,
            "{name}: {} outside",
            b.table
        );
    }
    for (i, a) in l.boxes.iter().enumerate() {
        for b in &l.boxes[i + 1..] {
            assert!(
                !a.rect.overlaps(&b.rect),
                "{name}: {} {:?} overlaps {} {:?}",
                a.table,
                a.rect,
                b.table,
                b.rect
            );
        }
    }
    for (i, a) in l.groups.iter().enumerate() {
        for b in &l.groups[i + 1..] {
            assert!(
                !a.rect.overlaps(&b.rect),
                "{name}: group {} overlaps group {}",
                a.name,
                b.name
            );
        }
    }
    for b in &l.boxes {
        for g in &l.groups {
            let inside = contains(&g.rect, &b.rect);
            if b.group.as_deref() == Some(g.name.as_str()) {
                assert!(inside, "{name}: {} outside its group frame {}", b.table, g.name);
            } else {
                assert!(
                    !g.rect.overlaps(&b.rect),
                    "{name}: {} overlaps the frame of {}",
                    b.table,
                    g.name
                );
            }
        }
    }
    // Lines: straight runs and bends never cross a box other than their ends'.
    for e in &l.edges {
        assert!(e.points.len() >= 2, "{name}: {} has no route", e.constraint);
        if e.self_loop {
            continue;
        }
        let ends = [l.table(&e.from).unwrap().rect, l.table(&e.to).unwrap().rect];
        assert!(
            touches(&ends[0], e.points[0]),
            "{name}: {} does not start at {}",
            e.constraint,
            e.from
        );
        assert!(
            touches(&ends[1], *e.points.last().unwrap()),
            "{name}: {} does not end at {}",
            e.constraint,
            e.to
        );
        for w in e.points.windows(2) {
            let (x0, x1) = (w[0].0.min(w[1].0), w[0].0.max(w[1].0));
            let (y0, y1) = (w[0].1.min(w[1].1), w[0].1.max(w[1].1));
            let span = Rect {
                x: x0 - 0.01,
                y: y0,
                w: x1 - x0 + 0.02,
                h: y1 - y0,
            };
            for b in &l.boxes {
                if b.table == e.from || b.table == e.to {
                    continue;
                }
                assert!(
                    !span.overlaps(&b.rect),
                    "{name}: {} runs across the box of {}: {w:?}",
                    e.constraint,
                    b.table
                );
            }
        }
    }
}

fn contains(outer: &Rect, inner: &Rect) -> bool {
    inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() && inner.bottom() <= outer.bottom()
}

fn touches(r: &Rect, (x, y): (f64, f64)) -> bool {
    x >= r.x && x <= r.right() && (y == r.y || y == r.bottom())
}

#[test]
fn every_example_lays_out_without_overlap() {
    for (name, schema) in examples() {
        assert_sound(&name, &schema, &svg::layout(&schema));
    }
}

#[test]
fn the_largest_example_lays_out_without_overlap() {
    let (name, schema) = examples().into_iter().max_by_key(|(_, s)| s.tables.len()).unwrap();
    let l = svg::layout(&schema);
    assert_sound(&name, &schema, &l);
    let drawn = schema
        .tables
        .iter()
        .flat_map(|t| t.foreign_keys.iter().map(move |fk| (t, fk)))
        .filter(|(t, fk)| !plinth_docs::analysis::is_tenant_fk(t, fk))
        .count();
    assert_eq!(
        l.edges.len(),
        drawn,
        "{name}: every foreign key but the tenant ones is drawn"
    );
}

#[test]
fn eighty_tables_lay_out_without_overlap_at_a_sane_aspect_ratio() {
    let schema = synthetic(80);
    assert!(schema.tables.len() >= 80, "{} tables", schema.tables.len());
    let l = svg::layout(&schema);
    assert_sound("synthetic-80", &schema, &l);
    let ratio = l.width / l.height;
    assert!(
        (0.3..=4.0).contains(&ratio),
        "aspect {ratio}: {} x {}",
        l.width,
        l.height
    );
}

#[test]
fn groups_at_scale_get_frames_that_do_not_overlap() {
    let mut schema = synthetic(80);
    for (i, t) in schema.tables.iter_mut().enumerate() {
        if i % 6 != 5 {
            t.traits.group = Some(format!("area {}", i % 4));
        }
    }
    let l = svg::layout(&schema);
    assert_eq!(l.groups.len(), 4);
    assert_sound("grouped-80", &schema, &l);
}

#[test]
fn cycles_and_self_references_are_drawn() {
    let schema = design("entity A {\n  b -> B?\n}\nentity B {\n  a -> A\n  next -> B?\n}\nentity C {\n  a -> A?\n}\n");
    let l = svg::layout(&schema);
    assert_sound("cycle", &schema, &l);
    assert_eq!(l.edges.iter().filter(|e| e.self_loop).count(), 1);
    assert_eq!(l.edges.len(), 4);
}

#[test]
fn the_svg_has_one_box_per_table_and_is_deterministic() {
    for (name, schema) in examples()
        .into_iter()
        .chain([("synthetic-60".to_string(), synthetic(60))])
    {
        let text = svg::render(&schema);
        assert_eq!(text, svg::render(&schema), "{name}: same model, same bytes");
        assert!(text.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{name}");
        assert_eq!(
            text.matches("<rect class=\"table-box\"").count(),
            schema.tables.len(),
            "{name}"
        );
        let mut drawn: Vec<&str> = text
            .split("<g class=\"erd-table\" ")
            .skip(1)
            .map(|g| g.split("data-table=\"").nth(1).unwrap().split('"').next().unwrap())
            .collect();
        drawn.sort_unstable();
        let mut names: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(drawn, names, "{name}: one group per table, by name");
    }
}

#[test]
fn convention_columns_are_de_emphasised() {
    let schema = examples().into_iter().find(|(n, _)| n == "task-tracker").unwrap().1;
    let l = svg::layout(&schema);
    let tasks = l.table("tasks").unwrap();
    let muted: Vec<&str> = tasks
        .rows
        .iter()
        .filter(|r| r.muted)
        .map(|r| r.column.as_str())
        .collect();
    for c in ["workspace_id", "created_at", "updated_at", "deleted_at", "version"] {
        assert!(muted.contains(&c), "{c} not muted: {muted:?}");
    }
    assert!(!muted.contains(&"title"));
    assert!(svg::render(&schema).contains(r#"<text class="col muted""#));
}

#[test]
fn svg_snapshot_task_tracker() {
    let schema = examples().into_iter().find(|(n, _)| n == "task-tracker").unwrap().1;
    insta::assert_snapshot!(svg::render(&schema));
}
