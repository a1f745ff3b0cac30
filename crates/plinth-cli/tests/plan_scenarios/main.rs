//! Zero-downtime plans proven on real PostgreSQL (the sandbox's throwaway
//! cluster; a missing server fails the suite): one test per scenario file
//! in `cases/`, each run by [`harness::run`] — FROM + rows, plan up, schema
//! equals TO and rows intact, down, schema equals FROM and rows intact,
//! up again.

mod harness;

macro_rules! scenarios {
    ($($name:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $name() {
                let outcome = harness::run($file);
                assert!(outcome.up_steps > 0 && outcome.down_steps > 0, "{}: empty plan", $file);
            }
        )*

        /// Every file in cases/ has a test.
        #[test]
        fn every_case_file_is_listed() {
            let listed = [$($file),*];
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/plan_scenarios/cases");
            let mut files: Vec<String> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned())
                .collect();
            files.sort();
            assert_eq!(files, listed.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert!(listed.len() >= 30, "{} scenarios", listed.len());
        }
    };
}

/// FROM and TO are `.plinth` specs: designed, emitted, planned, proven the same way.
#[test]
fn spec_evolve_project() {
    let outcome = harness::run("spec_evolve_project");
    assert!(outcome.up_steps > 5, "{} steps", outcome.up_steps);
}

#[test]
fn stopping_before_the_contract_phase_is_not_to() {
    for name in ["09_rename_column", "12_int_to_bigint", "06_add_required_column"] {
        let n = harness::differences_without_contract(name);
        assert!(n > 0, "{name}: expand + backfill alone already equal TO");
    }
}

scenarios! {
    create_table => "01_create_table",
    drop_table => "02_drop_table",
    rename_table => "03_rename_table",
    add_nullable_column => "04_add_nullable_column",
    add_column_constant_default => "05_add_column_constant_default",
    add_required_column => "06_add_required_column",
    add_column_volatile_default => "07_add_column_volatile_default",
    drop_column => "08_drop_column",
    rename_column => "09_rename_column",
    varchar_widen => "10_varchar_widen",
    varchar_to_text => "11_varchar_to_text",
    int_to_bigint => "12_int_to_bigint",
    int_to_bigint_not_null => "13_int_to_bigint_not_null",
    text_to_integer => "14_text_to_integer",
    numeric_precision => "15_numeric_precision",
    set_default => "16_set_default",
    drop_default => "17_drop_default",
    set_not_null => "18_set_not_null",
    drop_not_null => "19_drop_not_null",
    add_foreign_key => "20_add_foreign_key",
    drop_foreign_key => "21_drop_foreign_key",
    add_check => "22_add_check",
    drop_check => "23_drop_check",
    add_unique => "24_add_unique",
    drop_unique => "25_drop_unique",
    primary_key_change => "26_primary_key_change",
    add_index => "27_add_index",
    drop_index => "28_drop_index",
    change_index => "29_change_index",
    enum_add_value => "30_enum_add_value",
    enum_rename_value => "31_enum_rename_value",
    enum_remove_value => "32_enum_remove_value",
    tenant_column_added => "33_tenant_column_added",
    soft_delete_added => "34_soft_delete_added",
    no_primary_key_backfill => "35_no_primary_key_backfill",
    comments => "36_comments",
    partition_table => "37_partition_table",
    row_security => "38_row_security",
}
