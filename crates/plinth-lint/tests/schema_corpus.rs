//! The schema rules on the real-world corpus (pagila, sakila, chinook,
//! northwind, MusicBrainz), imported from their SQL files. Each schema's
//! findings are counted by rule (snapshot) and a few representative ones
//! are pinned by hand: findings a reviewer would defend.

use plinth_lint::{schema, Finding, Settings};
use plinth_postgres::import::{import_scripts, ImportOptions, Script};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    for up in here.ancestors() {
        for c in [up.join("shared/corpus"), up.join("../shared/corpus")] {
            if c.is_dir() {
                return c;
            }
        }
    }
    panic!("the corpus (shared/corpus) is missing above {}", here.display());
}

fn lint(files: &[&str], search_path: &[&str]) -> Vec<Finding> {
    let dir = corpus().join("schemas");
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            (
                f.to_string(),
                std::fs::read_to_string(dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}")),
            )
        })
        .collect();
    let scripts: Vec<Script<'_>> = texts.iter().map(|(n, t)| Script { name: n, sql: t }).collect();
    let options = ImportOptions {
        search_path: search_path.iter().map(|s| s.to_string()).collect(),
        version: 15,
    };
    let schema = import_scripts(&scripts, &options).schema;
    schema::lint(&schema, &Settings::new(schema.target))
}

fn counts(findings: &[Finding]) -> String {
    let mut by: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in findings {
        *by.entry((f.rule, f.severity.as_str())).or_default() += 1;
    }
    by.iter().map(|((r, s), n)| format!("{r} [{s}]: {n}\n")).collect()
}

/// The finding of `rule` on `subject`, or a failure listing what fired.
fn pin<'f>(findings: &'f [Finding], rule: &str, subject: &str) -> &'f Finding {
    findings
        .iter()
        .find(|f| f.rule == rule && f.subject == subject)
        .unwrap_or_else(|| {
            let of_rule: Vec<&str> = findings
                .iter()
                .filter(|f| f.rule == rule)
                .map(|f| f.subject.as_str())
                .collect();
            panic!("no {rule} on {subject}; {rule} fired on {of_rule:?}")
        })
}

fn absent(findings: &[Finding], rule: &str) {
    let hits: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.message.as_str())
        .collect();
    assert!(hits.is_empty(), "{rule} should not fire: {hits:?}");
}

#[test]
fn pagila() {
    let f = lint(&["pagila/pagila-schema-pg15.sql"], &["public"]);
    // rental's only index on customer_id has it third: deleting a customer scans rental.
    pin(
        &f,
        "fk-missing-index",
        "table rental, foreign key rental_customer_id_fkey",
    );
    // The dump creates the same index twice under two names on every payment partition.
    pin(
        &f,
        "index-duplicate",
        "table payment_p2022_01, index payment_p2022_01_customer_id_idx",
    );
    // language.name is char(20) while every other name is text.
    let name = pin(&f, "type-column-inconsistent", "table language, column name");
    assert!(name.message.contains("is char but name is text"), "{}", name.message);
    // The serial sequences are created without OWNED BY.
    pin(&f, "convention-sequence-unowned", "sequence customer_customer_id_seq");
    // Partitioned payment: its partitions carry the foreign keys, so it is not an orphan.
    assert!(!f
        .iter()
        .any(|x| x.rule == "shape-orphan-table" && x.subject == "table payment"));
    absent(&f, "pk-missing");
    absent(&f, "fk-type-mismatch");
    absent(&f, "type-float-money");
    insta::assert_snapshot!("pagila_counts", counts(&f));
}

#[test]
fn sakila() {
    let f = lint(&["sakila/postgres-sakila-schema.sql"], &["public"]);
    // store.manager_staff_id → staff and staff.store_id → store, both NOT NULL.
    pin(&f, "fk-cycle", "tables staff, store");
    // staff.active is boolean, customer.active an integer flag.
    pin(&f, "type-column-inconsistent", "table staff, column active");
    pin(&f, "type-timestamp-without-tz", "table rental, column rental_date");
    pin(&f, "pk-int-overflow", "table film, column film_id");
    insta::assert_snapshot!("sakila_counts", counts(&f));
}

#[test]
fn chinook() {
    let f = lint(&["chinook/Chinook_PostgreSql.sql"], &["public"]);
    // The index on playlist_id repeats the leading column of the primary key.
    pin(
        &f,
        "index-redundant-prefix",
        "table playlist_track, index playlist_track_playlist_id_idx",
    );
    pin(&f, "type-timestamp-without-tz", "table invoice, column invoice_date");
    // The PostgreSQL edition is snake_case: nothing needs quoting.
    absent(&f, "name-mixed-case");
    insta::assert_snapshot!("chinook_counts", counts(&f));
}

#[test]
fn northwind() {
    let f = lint(&["northwind/northwind.sql"], &["public"]);
    // Money in real.
    pin(&f, "type-float-money", "table order_details, column unit_price");
    pin(&f, "type-float-money", "table orders, column freight");
    // discount is a fraction (0.05), not an amount.
    assert!(!f
        .iter()
        .any(|x| x.rule == "type-float-money" && x.subject.ends_with("column discount")));
    pin(&f, "fk-missing-index", "table orders, foreign key fk_orders_customers");
    pin(&f, "shape-orphan-table", "table us_states");
    insta::assert_snapshot!("northwind_counts", counts(&f));
}

#[test]
fn musicbrainz() {
    let files = [
        "musicbrainz/Extensions.sql",
        "musicbrainz/CreateCollations.sql",
        "musicbrainz/CreateSearchConfiguration.sql",
        "musicbrainz/CreateTypes.sql",
        "musicbrainz/CreateTables.sql",
        "musicbrainz/CreateFunctions.sql",
        "musicbrainz/CreatePrimaryKeys.sql",
        "musicbrainz/CreateFKConstraints.sql",
        "musicbrainz/CreateIndexes.sql",
    ];
    let f = lint(&files, &["musicbrainz", "public"]);
    // isrc (isrc) is the prefix of the unique (isrc, recording).
    pin(
        &f,
        "index-redundant-prefix",
        "table musicbrainz.isrc, index isrc_idx_isrc",
    );
    // entity0 / entity1 (relationship ends), iso_code_1 / iso_code_3 (two ISO standards) and the
    // two seconder foreign keys are not repeating groups.
    absent(&f, "shape-repeating-group");
    // Collated and plain indexes on the same column are different indexes.
    absent(&f, "index-duplicate");
    // The alias indexes are partial WHERE locale IS NOT NULL: not a nullable unique.
    assert!(!f
        .iter()
        .any(|x| x.rule == "index-unique-nullable" && x.subject.contains("alias_idx_primary")));
    // A constraint name the scanner truncates, found in the file's text.
    let fk = std::fs::read_to_string(corpus().join("schemas/musicbrainz/CreateFKConstraints.sql")).unwrap();
    let long = plinth_lint::schema::lint_sql_text(
        &fk,
        &Settings::new(plinth_model::Target {
            dialect: plinth_model::DialectKind::Postgres,
            version: 15,
        }),
    );
    assert!(
        long.iter()
            .any(|x| x.subject == "identifier medium_attribute_type_allowed_value_allowed_format_fk_medium_format"),
        "{long:?}"
    );
    insta::assert_snapshot!("musicbrainz_counts", counts(&f));
}
