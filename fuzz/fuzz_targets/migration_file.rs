//! Any bytes through the migration front end (psql-aware splitter, pg_query,
//! directives), every migration rule, and the schema importer on the same
//! text: nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plinth_model::{DialectKind, Target};

fuzz_target!(|data: &[u8]| {
    let Ok(sql) = std::str::from_utf8(data) else {
        return;
    };
    let file = plinth_postgres::lint_ops::migration_file(sql);
    for s in &file.statements {
        assert!(s.span.end <= sql.len() && s.sql == sql[s.span.start..s.span.end]);
    }
    for version in [10, 14, 16] {
        let settings = plinth_lint::Settings::new(Target {
            dialect: DialectKind::Postgres,
            version,
        });
        let _ = plinth_lint::migration::lint(std::slice::from_ref(&file), &[], &settings);
    }
    let _ = plinth_postgres::import_sql(sql, &plinth_postgres::ImportOptions::default());
});
