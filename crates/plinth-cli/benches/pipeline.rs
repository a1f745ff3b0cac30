//! `cargo bench -p plinth-cli --bench pipeline` — parse + design + emit of a
//! generated 1,000-entity spec in release mode. Prints the median and the
//! spread of each stage and the process's peak resident memory, and writes
//! the spec and an equivalent DBML file to target/bench/ for the peer
//! comparison in scripts/bench.sh. Figures go to docs/benchmarks.md.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

const ENTITIES: usize = 1_000;
const RUNS: usize = 21;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Peak resident set size of this process (Linux), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// The designed model as DBML (tables, columns, keys, refs, indexes): the
/// input a DBML-to-SQL tool needs to produce comparable DDL.
fn dbml(schema: &plinth_model::Schema) -> String {
    let q = |s: &str| format!("\"{s}\"");
    let mut out = String::new();
    for t in &schema.tables {
        let _ = writeln!(out, "Table {} {{", q(&t.name));
        for c in &t.columns {
            let ty = match &c.physical {
                plinth_model::PhysicalType::Numeric(p, s) => format!("\"numeric({p},{s})\""),
                other => format!("{:?}", other).to_lowercase(),
            };
            let mut attrs = Vec::new();
            if !c.nullable {
                attrs.push("not null".to_string());
            }
            let attrs = if attrs.is_empty() {
                String::new()
            } else {
                format!(" [{}]", attrs.join(", "))
            };
            let _ = writeln!(out, "  {} {}{}", q(&c.name), ty, attrs);
        }
        out.push_str("  indexes {\n");
        if let Some(pk) = &t.primary_key {
            let _ = writeln!(
                out,
                "    ({}) [pk]",
                pk.columns.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ")
            );
        }
        for u in &t.uniques {
            let _ = writeln!(
                out,
                "    ({}) [unique]",
                u.columns.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ")
            );
        }
        for i in &t.indexes {
            let cols: Vec<String> = i.leading_columns().iter().map(|c| q(c)).collect();
            let _ = writeln!(
                out,
                "    ({}){}",
                cols.join(", "),
                if i.unique { " [unique]" } else { "" }
            );
        }
        out.push_str("  }\n}\n\n");
        for fk in &t.foreign_keys {
            let _ = writeln!(
                out,
                "Ref: {}.({}) > {}.({}) [delete: cascade]",
                q(&t.name),
                fk.columns.iter().map(|c| q(c)).collect::<Vec<_>>().join(", "),
                q(&fk.ref_table),
                fk.ref_columns.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ")
            );
        }
    }
    out
}

fn main() {
    // `cargo test --benches` runs benches with --bench absent; stay quick then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let runs = if quick { 1 } else { RUNS };
    let src = plinth_spec::synthetic::spec(ENTITIES);
    let (mut parse, mut design, mut emit, mut total) = (vec![], vec![], vec![], vec![]);
    let mut last = (0, 0, 0);
    for _ in 0..runs + 2 {
        let t0 = Instant::now();
        let spec = plinth_spec::check(&src).spec.expect("synthetic spec is valid");
        let t1 = Instant::now();
        let schema = plinth_design::design(&spec);
        let t2 = Instant::now();
        let sql = plinth_postgres::emit_script(&schema);
        let t3 = Instant::now();
        parse.push(t1 - t0);
        design.push(t2 - t1);
        emit.push(t3 - t2);
        total.push(t3 - t0);
        last = (schema.tables.len(), sql.len(), sql.matches(";\n").count());
    }
    // Drop the two warm-up runs.
    for v in [&mut parse, &mut design, &mut emit, &mut total] {
        v.drain(..2);
    }
    let (tables, bytes, _) = last;
    println!(
        "pipeline: {ENTITIES} entities ({} KiB spec) -> {tables} tables, {} KiB SQL; {runs} runs",
        src.len() / 1024,
        bytes / 1024
    );
    for (name, v) in [
        ("parse+check", &parse),
        ("design", &design),
        ("emit", &emit),
        ("total", &total),
    ] {
        let mut s = v.clone();
        s.sort();
        println!(
            "  {name:<12} median {:8.2} ms   min {:8.2} ms   max {:8.2} ms",
            ms(median(v.clone())),
            ms(s[0]),
            ms(s[s.len() - 1])
        );
    }
    if let Some(mib) = peak_rss_mib() {
        println!("  peak RSS     {mib:.1} MiB");
    }
    if !quick {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
        std::fs::create_dir_all(&dir).expect("target/bench");
        let spec = plinth_spec::check(&src).spec.unwrap();
        let schema = plinth_design::design(&spec);
        std::fs::write(dir.join("spec-1000.plinth"), &src).unwrap();
        std::fs::write(dir.join("schema-1000.dbml"), dbml(&schema)).unwrap();
        std::fs::write(dir.join("schema-1000.sql"), plinth_postgres::emit_script(&schema)).unwrap();
        println!("  wrote {}", dir.display());
    }
}
