//! Shared by the `migrate*` tests: the binary, migration directories written
//! to temp folders, throwaway databases on the shared sandbox cluster.
#![allow(dead_code)]

use plinth_sandbox::{Database, Sandbox};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The process-wide sandbox (one cluster per test binary). A missing
/// PostgreSQL fails the test, never skips it.
pub fn sandbox() -> &'static Sandbox {
    static S: OnceLock<Sandbox> = OnceLock::new();
    S.get_or_init(|| Sandbox::shared().expect("PostgreSQL sandbox (install postgresql or set PG_BIN)"))
}

/// A libpq connection string for `db`.
pub fn url(db: &Database<'_>) -> String {
    sandbox().cluster().expect("a sandbox cluster").url(db.name())
}

/// A private copy of the binary cargo built for this test run: other
/// builds in a shared target directory may replace `target/debug/plinth`
/// while a long test (the fault test) is still spawning it.
fn binary() -> &'static Path {
    static COPY: OnceLock<(tempfile::TempDir, std::path::PathBuf)> = OnceLock::new();
    let (_, path) = COPY.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plinth");
        std::fs::copy(env!("CARGO_BIN_EXE_plinth"), &path).unwrap();
        (dir, path)
    });
    path
}

pub fn plinth_command() -> Command {
    let mut c = Command::new(binary());
    c.env("NO_COLOR", "1").env_remove("PLINTH_DATABASE_URL");
    c
}

/// Runs `plinth migrate <args>`.
pub fn migrate(args: &[&str]) -> Output {
    plinth_command()
        .arg("migrate")
        .args(args)
        .output()
        .expect("plinth runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Panics with both streams when the exit code is not `code`.
pub fn expect_code(o: &Output, code: i32, what: &str) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "{what}: exit {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        o.status.code(),
        text(&o.stdout),
        text(&o.stderr)
    );
}

/// Writes `(folder, up.sql, down.sql)` migrations under `root`.
pub fn write_dir(root: &Path, migrations: &[(&str, &str, &str)]) {
    for (folder, up, down) in migrations {
        let dir = root.join(folder);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("up.sql"), up).unwrap();
        if !down.is_empty() {
            std::fs::write(dir.join("down.sql"), down).unwrap();
        }
    }
}

/// One value of a one-row query.
pub fn scalar<T: for<'a> postgres::types::FromSql<'a>>(db: &Database<'_>, sql: &str) -> T {
    db.client()
        .unwrap()
        .query_one(sql, &[])
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .get(0)
}

/// `(version, steps_done, steps_total, finished)` of every history row.
pub fn history(db: &Database<'_>) -> Vec<(String, i32, i32, bool)> {
    db.client()
        .unwrap()
        .query(
            "SELECT version, steps_done, steps_total, finished_at IS NOT NULL FROM plinth.plinth_migrations ORDER BY version",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect()
}

/// The hand-written three-migration directory: a 100k-row table, a column
/// with a batched backfill, a concurrent index, a CHECK added NOT VALID then
/// validated, a second table with a foreign key.
pub const SHOP: &[(&str, &str, &str)] = &[
    (
        "20260101000000_create_orders",
        "-- Orders with 100k rows.\n\
-- plinth:step 1 create_orders phase=expand lock=ACCESS_EXCLUSIVE cost=catalog\n\
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, qty int NOT NULL, price numeric(10,2) NOT NULL);\n\n\
-- plinth:step 2 seed_orders phase=backfill lock=ROW_EXCLUSIVE cost=scan\n\
INSERT INTO orders (qty, price) SELECT 1 + g % 7, (g % 100) + 0.5 FROM generate_series(1, 100000) g;\n\
ANALYZE orders;\n",
        "-- plinth:step 1 unseed_orders lock=ACCESS_EXCLUSIVE destructive\n\
TRUNCATE orders;\n\
-- plinth:step 2 drop_orders lock=ACCESS_EXCLUSIVE destructive\n\
DROP TABLE IF EXISTS orders;\n",
    ),
    (
        "20260102000000_add_order_total",
        "-- plinth:step 1 add_column_total phase=expand lock=ACCESS_EXCLUSIVE cost=catalog\n\
ALTER TABLE orders ADD COLUMN total numeric(12,2);\n\n\
-- plinth:step 2 backfill_total phase=backfill lock=ROW_EXCLUSIVE cost=scan batched\n\
UPDATE orders SET total = qty * price WHERE id = ANY (ARRAY(SELECT id FROM orders WHERE total IS NULL ORDER BY id LIMIT 10000));\n\n\
-- plinth:step 3 index_total phase=expand lock=SHARE_UPDATE_EXCLUSIVE cost=scan no-transaction\n\
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx ON orders (total);\n\n\
-- plinth:step 4 check_total phase=contract lock=ACCESS_EXCLUSIVE cost=catalog\n\
ALTER TABLE orders ADD CONSTRAINT orders_total_not_null CHECK (total IS NOT NULL) NOT VALID;\n\n\
-- plinth:step 5 validate_total phase=contract lock=SHARE_UPDATE_EXCLUSIVE cost=scan\n\
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_not_null;\n",
        "-- plinth:step 1 unvalidate_total lock=NONE\n\
-- Validation changes no data; nothing to undo.\n\
-- plinth:step 2 drop_check_total lock=ACCESS_EXCLUSIVE\n\
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_total_not_null;\n\
-- plinth:step 3 drop_index_total lock=SHARE_UPDATE_EXCLUSIVE no-transaction\n\
DROP INDEX CONCURRENTLY IF EXISTS orders_total_idx;\n\
-- plinth:step 4 unbackfill_total lock=NONE\n\
-- The column is dropped by the next step.\n\
-- plinth:step 5 drop_column_total lock=ACCESS_EXCLUSIVE destructive\n\
ALTER TABLE orders DROP COLUMN IF EXISTS total;\n",
    ),
    (
        "20260103000000_create_customers",
        "-- plinth:step 1 create_customers phase=expand lock=ACCESS_EXCLUSIVE cost=catalog\n\
CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE);\n\n\
-- plinth:step 2 add_customer_id phase=expand lock=SHARE_ROW_EXCLUSIVE cost=catalog\n\
ALTER TABLE orders ADD COLUMN customer_id bigint;\n\
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n\n\
-- plinth:step 3 validate_customer_fk phase=contract lock=SHARE_UPDATE_EXCLUSIVE cost=scan\n\
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;\n\n\
-- plinth:step 4 index_customer_id phase=expand lock=SHARE_UPDATE_EXCLUSIVE cost=scan no-transaction\n\
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);\n",
        "-- plinth:step 1 drop_index_customer_id lock=SHARE_UPDATE_EXCLUSIVE no-transaction\n\
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;\n\
-- plinth:step 2 unvalidate_customer_fk lock=NONE\n\
-- nothing to undo\n\
-- plinth:step 3 drop_customer_id lock=ACCESS_EXCLUSIVE\n\
ALTER TABLE orders DROP COLUMN IF EXISTS customer_id;\n\
-- plinth:step 4 drop_customers lock=ACCESS_EXCLUSIVE\n\
DROP TABLE IF EXISTS customers;\n",
    ),
];
