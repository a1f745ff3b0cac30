//! The MySQL DDL emitted for the corpus's sakila file, as a snapshot:
//! deterministic, backticks only where needed, routines and triggers in
//! DELIMITER blocks. (That the server runs it and rebuilds the same schema
//! is proved by roundtrip_mariadb.rs.)

use plinth_mysql::{emit_script, import_sql, ImportOptions};
use std::path::Path;

#[test]
fn sakila_ddl() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = here
        .ancestors()
        .flat_map(|up| {
            [
                up.join("shared/corpus/schemas/sakila/mysql-sakila-schema.sql"),
                up.join("../shared/corpus/schemas/sakila/mysql-sakila-schema.sql"),
            ]
        })
        .find(|p| p.is_file())
        .expect("the corpus's sakila MySQL file");
    let text = std::fs::read_to_string(file).unwrap();
    let schema = import_sql(&text, &ImportOptions::default()).schema;
    let script = emit_script(&schema);
    assert_eq!(script, emit_script(&schema), "emission is deterministic");
    insta::assert_snapshot!(script);
}
