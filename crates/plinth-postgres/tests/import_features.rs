//! What the SQL importer understands, one statement family at a time.

use plinth_model::{
    CheckExpr, DefaultExpr, FkAction, Identity, IndexKey, IndexMethod, PartitionMethod, PhysicalType, PolicyCommand,
    Predicate,
};
use plinth_postgres::import::{diesel_order, import_scripts, import_sql, ImportOptions, Script};

fn import(sql: &str) -> plinth_postgres::ImportResult {
    let r = import_sql(sql, &ImportOptions::default());
    assert!(r.warnings.is_empty(), "{:#?}", r.warnings);
    r
}

#[test]
fn columns_types_defaults_identity_generated_collation() {
    let r = import(
        "CREATE TYPE mood AS ENUM ('sad', 'ok');
         CREATE DOMAIN year AS integer CHECK (VALUE > 1900);
         CREATE TABLE t (
           id      bigint GENERATED ALWAYS AS IDENTITY,
           n       int4 NOT NULL DEFAULT 0,
           price   numeric(12,2),
           name    character varying(40) COLLATE \"C\",
           code    char(3),
           tags    text[],
           m       mood DEFAULT 'ok',
           y       year,
           at      timestamp with time zone DEFAULT now(),
           total   numeric GENERATED ALWAYS AS (price * 2) STORED,
           legacy  text DEFAULT NULL
         );",
    );
    let t = r.schema.table("t").unwrap();
    let c = |n: &str| t.column(n).unwrap();
    assert_eq!(c("id").identity, Some(Identity::Always));
    assert!(!c("id").nullable);
    assert_eq!(c("n").physical, PhysicalType::Integer);
    assert_eq!(c("n").default, Some(DefaultExpr::Sql("0".into())));
    assert_eq!(c("price").physical, PhysicalType::Numeric(12, 2));
    assert_eq!(c("name").physical, PhysicalType::Varchar(Some(40)));
    assert_eq!(c("name").collation.as_deref(), Some("\"C\""));
    assert_eq!(c("code").physical, PhysicalType::Char(Some(3)));
    assert_eq!(c("tags").physical, PhysicalType::Array(Box::new(PhysicalType::Text)));
    assert_eq!(c("m").physical, PhysicalType::Enum("mood".into()));
    assert_eq!(c("y").physical, PhysicalType::Other("year".into()));
    assert_eq!(c("at").physical, PhysicalType::Timestamptz);
    assert_eq!(
        c("total").generated.as_ref().map(|g| (g.expr.as_str(), g.stored)),
        Some(("price * 2", true))
    );
    assert_eq!(c("legacy").default, None, "DEFAULT NULL is no default");
    assert!(r.schema.opaque.iter().any(|o| o.kind == "domain" && o.name == "year"));
    assert_eq!(r.schema.enums[0].values, ["sad", "ok"]);
}

#[test]
fn serial_makes_an_owned_sequence_and_a_nextval_default() {
    let r = import("CREATE TABLE film (film_id serial PRIMARY KEY, big bigserial);");
    let t = r.schema.table("film").unwrap();
    let id = t.column("film_id").unwrap();
    assert_eq!(id.physical, PhysicalType::Integer);
    assert_eq!(
        id.default,
        Some(DefaultExpr::Sql("nextval('film_film_id_seq'::regclass)".into()))
    );
    let seq = &r.schema.sequences[0];
    assert_eq!(seq.name, "film_film_id_seq");
    assert_eq!(seq.data_type, PhysicalType::Integer);
    assert_eq!(seq.owned_by, Some(("film".into(), "film_id".into())));
    assert_eq!(r.schema.sequences[1].data_type, PhysicalType::BigInt);
    assert_eq!(t.primary_key.as_ref().unwrap().name, "film_pkey");
}

#[test]
fn constraints_get_postgres_names_and_keep_every_option() {
    let r = import(
        "CREATE TABLE a (id int PRIMARY KEY, x int, y int);
         CREATE TABLE b (
           id int,
           a_id int REFERENCES a ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
           x int, y int,
           email text UNIQUE NULLS NOT DISTINCT,
           qty int CHECK (qty > 0),
           CHECK (x < y),
           FOREIGN KEY (x, y) REFERENCES a (x, y) MATCH FULL ON UPDATE SET NULL,
           EXCLUDE USING gist (x WITH =, y WITH &&) WHERE (x > 0)
         );",
    );
    let b = r.schema.table("b").unwrap();
    let fk = &b.foreign_keys[0];
    assert_eq!(fk.name, "b_a_id_fkey");
    assert_eq!(fk.ref_columns, ["id"], "REFERENCES a means its primary key");
    assert_eq!(fk.on_delete, FkAction::Cascade);
    assert!(fk.deferrable && fk.initially_deferred);
    let fk2 = &b.foreign_keys[1];
    assert_eq!(fk2.name, "b_x_y_fkey");
    assert!(fk2.match_full);
    assert_eq!(fk2.on_update, FkAction::SetNull);
    assert_eq!(b.uniques[0].name, "b_email_key");
    assert!(b.uniques[0].nulls_not_distinct);
    let checks: Vec<(&str, &CheckExpr)> = b.checks.iter().map(|c| (c.name.as_str(), &c.expr)).collect();
    assert_eq!(checks[0], ("b_qty_check", &CheckExpr::Sql("qty > 0".into())));
    assert_eq!(checks[1].0, "b_check", "two columns: no column in the name");
    let x = &b.exclusions[0];
    assert_eq!(x.name, "b_x_y_excl");
    assert_eq!(x.method, IndexMethod::Gist);
    assert_eq!(
        x.elements,
        [("x".to_string(), "=".to_string()), ("y".to_string(), "&&".to_string())]
    );
    assert_eq!(x.predicate, Some(Predicate::Sql("x > 0".into())));
}

#[test]
fn indexes_keep_method_expressions_opclasses_order_predicate_include() {
    let r = import(
        "CREATE TABLE t (a text, b int, c int);
         CREATE UNIQUE INDEX t_a ON t USING btree (lower(a) text_pattern_ops DESC NULLS LAST, b COLLATE \"C\")
           INCLUDE (c) NULLS NOT DISTINCT WHERE b > 0;
         CREATE INDEX ON t USING gin (to_tsvector('simple', a));
         CREATE INDEX ON t (b);",
    );
    let t = r.schema.table("t").unwrap();
    let ix = &t.indexes[0];
    assert!(ix.unique && ix.nulls_not_distinct);
    assert_eq!(ix.elements[0].key, IndexKey::Expr("lower(a)".into()));
    assert_eq!(ix.elements[0].opclass.as_deref(), Some("text_pattern_ops"));
    assert!(ix.elements[0].descending);
    assert_eq!(ix.elements[0].nulls_first, Some(false));
    assert_eq!(ix.elements[1].collation.as_deref(), Some("\"C\""));
    assert_eq!(ix.include, ["c"]);
    assert_eq!(ix.predicate, Some(Predicate::Sql("b > 0".into())));
    assert_eq!(t.indexes[1].method, IndexMethod::Gin);
    assert_eq!(t.indexes[1].name, "t_to_tsvector_idx");
    assert_eq!(t.indexes[2].name, "t_b_idx");
}

#[test]
fn alter_table_statements_apply_in_order() {
    let r = import(
        "CREATE TABLE t (a int, b text, c int);
         ALTER TABLE ONLY t ADD CONSTRAINT t_pk PRIMARY KEY (a);
         ALTER TABLE t ADD COLUMN d date NOT NULL DEFAULT CURRENT_DATE;
         ALTER TABLE t DROP COLUMN c;
         ALTER TABLE t ALTER COLUMN b TYPE varchar(10), ALTER COLUMN b SET NOT NULL;
         ALTER TABLE t ALTER COLUMN d DROP DEFAULT;
         ALTER TABLE t RENAME COLUMN b TO title;
         ALTER TABLE t RENAME TO things;
         ALTER TABLE things OWNER TO someone;
         ALTER TABLE things ENABLE ROW LEVEL SECURITY;
         ALTER TABLE things FORCE ROW LEVEL SECURITY;
         CREATE POLICY own ON things AS RESTRICTIVE FOR UPDATE TO app USING (a > 0) WITH CHECK (a < 10);
         COMMENT ON TABLE things IS 'Things.';
         COMMENT ON COLUMN things.title IS 'A title.';",
    );
    let t = r.schema.table("things").unwrap();
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["a", "title", "d"]);
    assert_eq!(t.primary_key.as_ref().unwrap().name, "t_pk");
    let title = t.column("title").unwrap();
    assert_eq!(title.physical, PhysicalType::Varchar(Some(10)));
    assert!(!title.nullable);
    assert_eq!(title.comment.as_deref(), Some("A title."));
    assert_eq!(t.column("d").unwrap().default, None);
    assert_eq!(t.comment.as_deref(), Some("Things."));
    let rls = t.row_security.as_ref().unwrap();
    assert!(rls.enabled && rls.forced);
    let p = &rls.policies[0];
    assert_eq!(
        (p.command, p.permissive, p.roles.as_slice()),
        (PolicyCommand::Update, false, &["app".to_string()][..])
    );
}

#[test]
fn renamed_and_dropped_columns_reach_into_expressions() {
    let r = import(
        "CREATE TABLE t (a int, b text, c int CHECK (c > 0), CHECK (a < c));
         CREATE INDEX t_lower_b ON t (lower(b)) WHERE a > 0;
         CREATE INDEX t_c ON t ((c + 1));
         ALTER TABLE t RENAME COLUMN b TO name;
         ALTER TABLE t RENAME COLUMN a TO first;
         ALTER TABLE t DROP COLUMN c;",
    );
    let t = r.schema.table("t").unwrap();
    assert!(
        t.checks.is_empty(),
        "checks on a dropped column go with it: {:?}",
        t.checks
    );
    assert_eq!(t.indexes.len(), 1, "{:?}", t.indexes);
    assert_eq!(t.indexes[0].elements[0].key, IndexKey::Expr("lower(name)".into()));
    assert_eq!(t.indexes[0].predicate, Some(Predicate::Sql("first > 0".into())));
}

#[test]
fn sequences_enums_partitions_drops_and_search_path() {
    let r = import(
        "CREATE SCHEMA app;
         SET search_path = app, public;
         CREATE SEQUENCE s AS integer START WITH 10 INCREMENT BY 5 CACHE 1 NO CYCLE;
         CREATE TYPE st AS ENUM ('a', 'c');
         ALTER TYPE st ADD VALUE 'b' BEFORE 'c';
         CREATE TABLE m (id int DEFAULT nextval('s'), at date NOT NULL, s st) PARTITION BY RANGE (at);
         ALTER SEQUENCE s OWNED BY m.id;
         CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
         CREATE TABLE gone (x int);
         CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
         CREATE TRIGGER t BEFORE INSERT ON gone FOR EACH ROW EXECUTE FUNCTION f();
         DROP TABLE gone;
         CREATE SCHEMA tmp;
         CREATE TABLE tmp.x (a int);
         DROP SCHEMA tmp CASCADE;
         CREATE TABLE public.p (x int);",
    );
    let s = &r.schema.sequences[0];
    assert_eq!(
        (s.namespace.as_deref(), s.start, s.increment),
        (Some("app"), Some(10), Some(5))
    );
    assert_eq!(s.owned_by, Some(("m".into(), "id".into())));
    assert_eq!(r.schema.enums[0].values, ["a", "b", "c"]);
    let m = r.schema.table("m").unwrap();
    assert_eq!(m.namespace.as_deref(), Some("app"));
    assert_eq!(m.partitioning.as_ref().unwrap().method, PartitionMethod::Range);
    let part = r.schema.table("m_2024").unwrap();
    let of = part.partition_of.as_ref().unwrap();
    assert_eq!(
        (of.parent.as_str(), of.bound.as_str()),
        ("m", "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')")
    );
    assert_eq!(part.columns.len(), 3, "a partition has its parent's columns");
    assert!(r.schema.table("gone").is_none());
    assert!(
        !r.schema.opaque.iter().any(|o| o.kind == "trigger"),
        "a table's triggers go with it"
    );
    assert!(r.schema.table("x").is_none(), "DROP SCHEMA CASCADE");
    assert!(!r.schema.opaque.iter().any(|o| o.name == "tmp"));
    assert_eq!(
        r.schema.table("p").unwrap().namespace,
        None,
        "public is the default namespace"
    );
    assert!(r.schema.opaque.iter().any(|o| o.kind == "schema" && o.name == "app"));
}

#[test]
fn opaque_objects_are_named_and_know_what_they_depend_on() {
    let r = import(
        "CREATE TABLE film (id int);
         CREATE FUNCTION n_films(p integer, OUT total bigint) AS 'SELECT count(*) FROM film' LANGUAGE sql;
         CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
         CREATE TRIGGER t BEFORE UPDATE ON film FOR EACH ROW EXECUTE FUNCTION touch();
         CREATE OR REPLACE VIEW v AS SELECT id FROM film;
         CREATE EXTENSION IF NOT EXISTS pgcrypto;
         COMMENT ON VIEW v IS 'all films';",
    );
    let o = |kind: &str| r.schema.opaque.iter().find(|o| o.kind == kind).unwrap();
    assert_eq!(o("function").name, "n_films(integer)");
    assert_eq!(
        o("function").depends_on,
        ["film"],
        "a SQL body is read for dependencies"
    );
    assert_eq!(o("trigger").name, "t on film");
    assert!(o("trigger").depends_on.contains(&"touch".to_string()));
    assert_eq!(o("view").depends_on, ["film"]);
    assert!(
        o("view").sql.ends_with("COMMENT ON VIEW v IS 'all films'"),
        "{}",
        o("view").sql
    );
    assert_eq!(o("extension").name, "pgcrypto");
}

#[test]
fn migrations_replay_in_diesel_order() {
    let mut dirs = vec![
        "2017-09-23-182408_b",
        "20170305095748_a",
        "00000000000000_diesel_initial_setup",
    ];
    diesel_order(&mut dirs);
    let mut styles = vec!["20250101000000_old_style", "2024-01-01-000000-0000_new_style"];
    diesel_order(&mut styles);
    assert_eq!(
        styles[0], "2024-01-01-000000-0000_new_style",
        "by date, whatever the style"
    );
    assert_eq!(
        dirs,
        [
            "00000000000000_diesel_initial_setup",
            "20170305095748_a",
            "2017-09-23-182408_b"
        ]
    );
    let r = import_scripts(
        &[
            Script {
                name: "1",
                sql: "CREATE TABLE packages (id serial PRIMARY KEY, name text);",
            },
            Script {
                name: "2",
                sql: "ALTER TABLE packages RENAME TO crates;",
            },
            Script {
                name: "3",
                sql: "CREATE TABLE versions (crate_id int REFERENCES crates);",
            },
            Script {
                name: "4",
                sql: "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                      CREATE TRIGGER v_touch BEFORE UPDATE ON versions FOR EACH ROW EXECUTE FUNCTION f();
                      ALTER TABLE versions RENAME TO releases;",
            },
        ],
        &ImportOptions::default(),
    );
    assert!(r.schema.table("packages").is_none());
    assert_eq!(r.schema.table("releases").unwrap().foreign_keys[0].ref_table, "crates");
    assert_eq!(r.schema.sequences[0].owned_by.as_ref().unwrap().0, "crates");
    let trigger = r.schema.opaque.iter().find(|o| o.kind == "trigger").unwrap();
    assert_eq!(trigger.name, "v_touch on releases");
    assert!(trigger.sql.contains("ON releases"), "{}", trigger.sql);
}

/// pagila for PostgreSQL 18 cannot be applied here (no pgvector), so the
/// round trip does not run it; the import must still read all of it.
#[test]
fn pagila_pg18_imports_with_every_unknown_located() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = here
        .ancestors()
        .flat_map(|a| [a.join("shared/corpus"), a.join("../shared/corpus")])
        .find(|c| c.is_dir())
        .expect("the corpus")
        .join("schemas/pagila/pagila-schema-pg18.sql");
    let sql = std::fs::read_to_string(path).unwrap();
    let r = import_sql(
        &sql,
        &ImportOptions {
            version: 18,
            ..ImportOptions::default()
        },
    );
    let film = r.schema.table("film").unwrap();
    let hours = film.column("length_hours").unwrap().generated.as_ref().unwrap();
    assert!(!hours.stored, "VIRTUAL generated column");
    let uuid = r.schema.tables.iter().find_map(|t| t.column("uuid")).unwrap();
    assert_eq!(uuid.default, Some(DefaultExpr::Sql("uuidv7()".into())));
    assert!(r
        .schema
        .opaque
        .iter()
        .any(|o| o.kind == "extension" && o.name == "vector"));
    let embedding = r.schema.tables.iter().find_map(|t| t.column("embedding")).unwrap();
    assert_eq!(embedding.physical, PhysicalType::Other("vector(20)".into()));
    // The HNSW index: an access method the model does not know.
    let hnsw = r
        .warnings
        .iter()
        .find(|w| w.message.contains("hnsw"))
        .expect("a warning for the hnsw index");
    assert!(sql[hnsw.span.clone()].contains("USING hnsw"), "{hnsw}");
    assert!(r
        .schema
        .opaque
        .iter()
        .any(|o| o.kind == "index" && o.sql.contains("hnsw")));
    for w in &r.warnings {
        assert!(w.span.end <= sql.len() && w.span.start < w.span.end, "{w}");
    }
}
