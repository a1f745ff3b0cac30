//! `cargo bench -p plinth-postgres --features live --bench import_inspect`
//!
//! 1. Import the MusicBrainz schema (corpus, nine files in load order).
//! 2. Import a generated 1,000-table dump (target < 1 s).
//! 3. Introspect a live PostgreSQL database with 1,000 tables, 10,000
//!    columns and 3,000 indexes (target < 3 s), and in the same run time
//!    `pg_dump --schema-only` on the same database, the peer.
//!
//! Release mode; prints the median and spread of each. Figures go to
//! docs/benchmarks.md.

use plinth_postgres::import::{import_scripts, import_sql, ImportOptions, Script};
use plinth_postgres::{inspect, SchemaFilter};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const TABLES: usize = 1_000;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration, Duration) {
    let mut v = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f());
        v.push(t.elapsed());
    }
    let min = *v.iter().min().unwrap();
    let max = *v.iter().max().unwrap();
    (median(v), min, max)
}

fn report(what: &str, (med, min, max): (Duration, Duration, Duration)) {
    println!(
        "{what:<58} median {:>8.1} ms  (min {:.1}, max {:.1})",
        ms(med),
        ms(min),
        ms(max)
    );
}

/// A pg_dump-like script: 1,000 tables of 10 columns, each with a primary
/// key, a foreign key to the previous table, a check, a unique constraint
/// and three indexes (one partial, one on an expression), and comments.
fn dump() -> String {
    let mut s = String::from("SET statement_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\n");
    for i in 0..TABLES {
        s.push_str(&format!(
            "CREATE TABLE public.t{i} (\n    id bigint NOT NULL,\n    parent_id bigint,\n    name character varying(200) \
             NOT NULL,\n    code text,\n    qty integer DEFAULT 0 NOT NULL,\n    price numeric(12,2),\n    active boolean \
             DEFAULT true NOT NULL,\n    created_at timestamp with time zone DEFAULT now() NOT NULL,\n    payload \
             jsonb,\n    note text,\n    CONSTRAINT t{i}_qty_check CHECK ((qty >= 0))\n);\n\
             ALTER TABLE public.t{i} OWNER TO postgres;\n\
             COMMENT ON TABLE public.t{i} IS 'Table {i}.';\n"
        ));
    }
    for i in 0..TABLES {
        s.push_str(&format!(
            "ALTER TABLE ONLY public.t{i} ADD CONSTRAINT t{i}_pkey PRIMARY KEY (id);\n\
             ALTER TABLE ONLY public.t{i} ADD CONSTRAINT t{i}_code_key UNIQUE (code);\n"
        ));
    }
    for i in 0..TABLES {
        s.push_str(&format!(
            "CREATE INDEX t{i}_parent_id_idx ON public.t{i} USING btree (parent_id);\n\
             CREATE INDEX t{i}_lower_name_idx ON public.t{i} USING btree (lower((name)::text));\n\
             CREATE INDEX t{i}_active_idx ON public.t{i} USING btree (created_at DESC) WHERE active;\n"
        ));
        if i > 0 {
            s.push_str(&format!(
                "ALTER TABLE ONLY public.t{i} ADD CONSTRAINT t{i}_parent_id_fkey FOREIGN KEY (parent_id) \
                 REFERENCES public.t{} (id) ON DELETE CASCADE;\n",
                i - 1
            ));
        }
    }
    s
}

fn corpus() -> Option<PathBuf> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .flat_map(|a| [a.join("shared/corpus"), a.join("../shared/corpus")])
        .find(|c| c.is_dir())
}

fn main() {
    // 1. MusicBrainz.
    if let Some(c) = corpus() {
        let dir = c.join("schemas/musicbrainz");
        let files = [
            "Extensions.sql",
            "CreateCollations.sql",
            "CreateSearchConfiguration.sql",
            "CreateTypes.sql",
            "CreateTables.sql",
            "CreateFunctions.sql",
            "CreatePrimaryKeys.sql",
            "CreateFKConstraints.sql",
            "CreateIndexes.sql",
        ];
        let texts: Vec<String> = files
            .iter()
            .map(|f| std::fs::read_to_string(dir.join(f)).unwrap())
            .collect();
        let bytes: usize = texts.iter().map(String::len).sum();
        let scripts: Vec<Script> = files
            .iter()
            .zip(&texts)
            .map(|(name, sql)| Script { name, sql })
            .collect();
        let options = ImportOptions {
            search_path: vec!["musicbrainz".into(), "public".into()],
            version: 15,
        };
        let r = import_scripts(&scripts, &options);
        report(
            &format!(
                "import MusicBrainz ({} KiB, {} statements, {} tables)",
                bytes / 1024,
                r.summary.statements,
                r.schema.tables.len()
            ),
            time(11, || import_scripts(&scripts, &options)),
        );
    } else {
        println!("import MusicBrainz: corpus not found, skipped");
    }

    // 2. A generated 1,000-table dump.
    let sql = dump();
    let r = import_sql(&sql, &ImportOptions::default());
    assert_eq!(r.schema.tables.len(), TABLES);
    let indexes: usize = r.schema.tables.iter().map(|t| t.indexes.len()).sum();
    report(
        &format!(
            "import 1,000-table dump ({} KiB, {} statements, {indexes} indexes)",
            sql.len() / 1024,
            r.summary.statements
        ),
        time(11, || import_sql(&sql, &ImportOptions::default())),
    );

    // 3. Live introspection vs pg_dump --schema-only.
    let sandbox = plinth_sandbox::Sandbox::start().expect("a PostgreSQL server for the live benchmark");
    let db = sandbox.fresh_database().unwrap();
    let mut client = db.client().unwrap();
    client
        .batch_execute("DO $$ BEGIN CREATE ROLE postgres; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        .unwrap();
    let t = Instant::now();
    client.batch_execute(&sql).unwrap();
    println!("(loaded the 1,000-table dump in {:.0} ms)", ms(t.elapsed()));
    let schema = inspect(&mut client, &SchemaFilter::only(&["public"])).unwrap();
    let columns: usize = schema.tables.iter().map(|t| t.columns.len()).sum();
    let indexes: usize = schema.tables.iter().map(|t| t.indexes.len()).sum();
    let constraint_indexes: usize = schema
        .tables
        .iter()
        .map(|t| t.primary_key.iter().count() + t.uniques.len())
        .sum();
    assert_eq!(schema.tables.len(), TABLES);
    report(
        &format!(
            "inspect live: {} tables, {columns} columns, {} indexes",
            schema.tables.len(),
            indexes + constraint_indexes
        ),
        time(5, || inspect(&mut client, &SchemaFilter::only(&["public"])).unwrap()),
    );
    let cluster = sandbox.cluster().expect("an owned cluster");
    let pg_dump = ["/usr/lib/postgresql/15/bin/pg_dump", "pg_dump"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file() || p.components().count() == 1)
        .unwrap();
    let url = cluster.url(db.name());
    report(
        "pg_dump --schema-only (same database)",
        time(5, || {
            let out = Command::new(&pg_dump)
                .args(["--schema-only", "-d", &url])
                .output()
                .expect("pg_dump runs");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            out.stdout.len()
        }),
    );
}
