//! The Prisma importer on a realistic blog schema: the model, the DDL it
//! emits, and that DDL applied to a real PostgreSQL.

mod common;

use plinth_import::import_prisma;

const BLOG: &str = include_str!("fixtures/blog.prisma");

#[test]
fn blog_imports_without_warnings() {
    let r = import_prisma(BLOG);
    assert!(r.warnings.is_empty(), "{:#?}", r.warnings);
    insta::assert_snapshot!("blog_prisma_model", common::dump(&r.schema));
    insta::assert_snapshot!("blog_prisma_sql", plinth_postgres::emit_script(&r.schema));
}

#[test]
fn blog_applies_on_postgres() {
    common::apply_on_postgres(&import_prisma(BLOG).schema);
}

#[test]
fn truncations_never_panic_and_are_located() {
    common::truncations(BLOG, |s| import_prisma(s).warnings);
}

#[test]
fn unknown_things_are_located_warnings() {
    let r = import_prisma(
        "datasource db {\n  provider = \"postgresql\"\n}\nmodel A {\n  id Int @id @frobnicate\n  x Circle\n  @@weird([id])\n}\nview V {\n  id Int\n}\n",
    );
    let lines: Vec<(usize, &str)> = r.warnings.iter().map(|w| (w.line, w.message.as_str())).collect();
    insta::assert_debug_snapshot!(lines);
}
