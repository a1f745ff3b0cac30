//! Every schema rule on a small schema that must make it fire and one that
//! must keep it quiet, imported from SQL through the real PostgreSQL
//! importer. The firing findings are snapshotted.

use plinth_lint::schema::{self, RULES};
use plinth_lint::{Finding, Settings};
use plinth_model::{DialectKind, Schema, Target};
use plinth_postgres::import::{import_sql, ImportOptions};
use std::collections::BTreeMap;

struct Case {
    rule: &'static str,
    fires: &'static str,
    quiet: &'static str,
}

const CASES: &[Case] = &[
    Case {
        rule: "pk-missing",
        fires: "CREATE TABLE events (at timestamptz NOT NULL, kind text NOT NULL);",
        quiet: "CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL);",
    },
    Case {
        rule: "pk-int-overflow",
        fires: "CREATE TABLE events (id serial PRIMARY KEY);",
        quiet: "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY); \
                CREATE TABLE codes (code integer PRIMARY KEY); \
                CREATE TABLE languages (id serial PRIMARY KEY, name text NOT NULL, last_update timestamptz);",
    },
    Case {
        rule: "pk-duplicate-unique",
        fires: "CREATE TABLE users (id bigint PRIMARY KEY, email text, UNIQUE (id));",
        quiet: "CREATE TABLE users (id bigint PRIMARY KEY, email text, UNIQUE (id, email));",
    },
    Case {
        rule: "fk-missing-index",
        fires: "CREATE TABLE customers (id bigint PRIMARY KEY); \
                CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers);",
        quiet: "CREATE TABLE customers (id bigint PRIMARY KEY); \
                CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers); \
                CREATE INDEX orders_customer_id_idx ON orders (customer_id);",
    },
    Case {
        rule: "fk-type-mismatch",
        fires: "CREATE TABLE customers (id bigint PRIMARY KEY); \
                CREATE TABLE orders (id bigint PRIMARY KEY, customer_id integer REFERENCES customers);",
        quiet: "CREATE TABLE customers (id bigint PRIMARY KEY); \
                CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers);",
    },
    Case {
        rule: "fk-duplicate",
        fires: "CREATE TABLE a (id bigint PRIMARY KEY); \
                CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a, FOREIGN KEY (a_id) REFERENCES a);",
        quiet: "CREATE TABLE a (id bigint PRIMARY KEY); \
                CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a, other_id bigint REFERENCES a);",
    },
    Case {
        rule: "fk-cycle",
        fires: "CREATE TABLE teams (id bigint PRIMARY KEY, lead_id bigint NOT NULL); \
                CREATE TABLE people (id bigint PRIMARY KEY, team_id bigint NOT NULL REFERENCES teams); \
                ALTER TABLE teams ADD FOREIGN KEY (lead_id) REFERENCES people;",
        quiet: "CREATE TABLE teams (id bigint PRIMARY KEY, parent_id bigint REFERENCES teams); \
                CREATE TABLE people (id bigint PRIMARY KEY, team_id bigint NOT NULL REFERENCES teams);",
    },
    Case {
        rule: "fk-cascade-to-reference",
        fires: "CREATE TABLE countries (id bigint PRIMARY KEY, name text NOT NULL); \
                CREATE TABLE addresses (id bigint PRIMARY KEY, country_id bigint NOT NULL REFERENCES countries ON DELETE CASCADE); \
                CREATE TABLE shops (id bigint PRIMARY KEY, country_id bigint NOT NULL REFERENCES countries);",
        quiet: "CREATE TABLE countries (id bigint PRIMARY KEY, name text NOT NULL); \
                CREATE TABLE addresses (id bigint PRIMARY KEY, country_id bigint NOT NULL REFERENCES countries ON DELETE RESTRICT); \
                CREATE TABLE shops (id bigint PRIMARY KEY, country_id bigint NOT NULL REFERENCES countries);",
    },
    Case {
        rule: "fk-owner-nullable",
        fires: "CREATE TABLE orders (id bigint PRIMARY KEY); \
                CREATE TABLE lines (id bigint PRIMARY KEY, order_id bigint REFERENCES orders ON DELETE CASCADE);",
        quiet: "CREATE TABLE orders (id bigint PRIMARY KEY); \
                CREATE TABLE lines (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders ON DELETE CASCADE, \
                 coupon_id bigint REFERENCES orders ON DELETE SET NULL);",
    },
    Case {
        rule: "fk-missing-for-id",
        fires: "CREATE TABLE customers (id bigint PRIMARY KEY); \
                CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);",
        quiet: "CREATE TABLE customers (id bigint PRIMARY KEY); \
                CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, stripe_id text);",
    },
    Case {
        rule: "index-duplicate",
        fires: "CREATE TABLE t (id bigint PRIMARY KEY, a int); CREATE INDEX t_a1 ON t (a); CREATE INDEX t_a2 ON t (a);",
        quiet: "CREATE TABLE t (id bigint PRIMARY KEY, a int); CREATE INDEX t_a1 ON t (a); CREATE INDEX t_a2 ON t (a DESC);",
    },
    Case {
        rule: "index-redundant-prefix",
        fires: "CREATE TABLE t (id bigint PRIMARY KEY, a int, b int); CREATE INDEX t_a ON t (a); CREATE INDEX t_ab ON t (a, b);",
        quiet: "CREATE TABLE t (id bigint PRIMARY KEY, a int, b int); CREATE INDEX t_b ON t (b); CREATE INDEX t_ab ON t (a, b);",
    },
    Case {
        rule: "index-none",
        fires: "CREATE TABLE page_views (at timestamptz NOT NULL, path text NOT NULL);",
        quiet: "CREATE TABLE page_views (at timestamptz NOT NULL, path text NOT NULL); CREATE INDEX ON page_views (at);",
    },
    Case {
        rule: "index-lone-boolean",
        fires: "CREATE TABLE users (id bigint PRIMARY KEY, active boolean NOT NULL); CREATE INDEX ON users (active);",
        quiet: "CREATE TABLE users (id bigint PRIMARY KEY, active boolean NOT NULL); CREATE INDEX ON users (id) WHERE NOT active;",
    },
    Case {
        rule: "index-low-cardinality",
        fires: "CREATE TYPE status AS ENUM ('todo', 'done'); \
                CREATE TABLE tasks (id bigint PRIMARY KEY, status status NOT NULL); CREATE INDEX ON tasks (status);",
        quiet: "CREATE TYPE status AS ENUM ('todo', 'done'); \
                CREATE TABLE tasks (id bigint PRIMARY KEY, project bigint, status status NOT NULL); \
                CREATE INDEX ON tasks (project, status);",
    },
    Case {
        rule: "index-unique-nullable",
        fires: "CREATE TABLE tags (id bigint PRIMARY KEY, parent_id bigint, name text NOT NULL, UNIQUE (parent_id, name));",
        quiet: "CREATE TABLE tags (id bigint PRIMARY KEY, parent_id bigint, name text NOT NULL, \
                UNIQUE NULLS NOT DISTINCT (parent_id, name), UNIQUE (name));",
    },
    Case {
        rule: "index-wide",
        fires: "CREATE TABLE t (id bigint PRIMARY KEY, a int, b int, c int, d int); CREATE INDEX ON t (a, b, c, d);",
        quiet: "CREATE TABLE t (id bigint PRIMARY KEY, a int, b int, c int, d int); CREATE INDEX ON t (a, b, c) INCLUDE (d);",
    },
    Case {
        rule: "shape-orphan-table",
        fires: "CREATE TABLE a (id bigint PRIMARY KEY); CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a); \
                CREATE TABLE settings (id bigint PRIMARY KEY, k text);",
        quiet: "CREATE TABLE a (id bigint PRIMARY KEY); CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a); \
                CREATE TABLE c (id bigint PRIMARY KEY, b_id bigint REFERENCES b);",
    },
    Case {
        rule: "shape-repeating-group",
        fires: "CREATE TABLE contacts (id bigint PRIMARY KEY, phone1 text, phone2 text, phone3 text);",
        quiet: "CREATE TABLE contacts (id bigint PRIMARY KEY, address text, address2 text, ipv4 inet, \
                iso_code_1 text, iso_code_3 text, side0 text, side1 text, line1 text, line2 text);",
    },
    Case {
        rule: "shape-single-column",
        fires: "CREATE TABLE tags (name text PRIMARY KEY);",
        quiet: "CREATE TABLE tags (name text PRIMARY KEY, label text NOT NULL);",
    },
    Case {
        rule: "shape-all-nullable",
        fires: "CREATE TABLE visits (visitor text, page text);",
        quiet: "CREATE TABLE visits (visitor text NOT NULL, page text);",
    },
    Case {
        rule: "shape-eav",
        fires: "CREATE TABLE products (id bigint PRIMARY KEY); \
                CREATE TABLE product_attributes (id bigint PRIMARY KEY, product_id bigint REFERENCES products, \
                 attribute text NOT NULL, value text);",
        quiet: "CREATE TABLE products (id bigint PRIMARY KEY, attributes jsonb NOT NULL DEFAULT '{}');",
    },
    Case {
        rule: "default-null-string",
        fires: "CREATE TABLE users (id bigint PRIMARY KEY, nickname text DEFAULT 'NULL');",
        quiet: "CREATE TABLE users (id bigint PRIMARY KEY, nickname text DEFAULT NULL, note text DEFAULT 'nullable');",
    },
    Case {
        rule: "type-timestamp-without-tz",
        fires: "CREATE TABLE events (id bigint PRIMARY KEY, at timestamp NOT NULL);",
        quiet: "CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz NOT NULL);",
    },
    Case {
        rule: "type-char",
        fires: "CREATE TABLE c (id bigint PRIMARY KEY, code char(5) NOT NULL);",
        quiet: "CREATE TABLE c (id bigint PRIMARY KEY, flag char(1) NOT NULL, code text NOT NULL);",
    },
    Case {
        rule: "type-varchar-length",
        fires: "CREATE TABLE u (id bigint PRIMARY KEY, name varchar(100) NOT NULL);",
        quiet: "CREATE TABLE u (id bigint PRIMARY KEY, name text NOT NULL CHECK (char_length(name) <= 100));",
    },
    Case {
        rule: "type-json",
        fires: "CREATE TABLE e (id bigint PRIMARY KEY, payload json NOT NULL);",
        quiet: "CREATE TABLE e (id bigint PRIMARY KEY, payload jsonb NOT NULL);",
    },
    Case {
        rule: "type-float-money",
        fires: "CREATE TABLE invoices (id bigint PRIMARY KEY, total double precision NOT NULL);",
        quiet: "CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric(12,2) NOT NULL, tax_rate real NOT NULL);",
    },
    Case {
        rule: "type-money-integer-unit",
        fires: "CREATE TABLE products (id bigint PRIMARY KEY, price integer NOT NULL);",
        quiet: "CREATE TABLE products (id bigint PRIMARY KEY, price_cents integer NOT NULL, total_count integer);",
    },
    Case {
        rule: "type-boolean-nullable",
        fires: "CREATE TABLE users (id bigint PRIMARY KEY, verified boolean);",
        quiet: "CREATE TABLE users (id bigint PRIMARY KEY, verified boolean NOT NULL DEFAULT false);",
    },
    Case {
        rule: "type-text-no-length-check",
        fires: "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);",
        quiet: "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL CHECK (char_length(email) <= 320), bio text);",
    },
    Case {
        rule: "type-column-inconsistent",
        fires: "CREATE TABLE a (id bigint PRIMARY KEY, customer_id bigint); CREATE TABLE b (id bigint PRIMARY KEY, customer_id bigint); \
                CREATE TABLE c (id bigint PRIMARY KEY, customer_id integer);",
        quiet: "CREATE TABLE a (id bigint PRIMARY KEY, code varchar(10)); CREATE TABLE b (id uuid PRIMARY KEY, code varchar(20));",
    },
    Case {
        rule: "convention-missing-timestamps",
        fires: "CREATE TABLE a (id bigint PRIMARY KEY, created_at timestamptz NOT NULL); \
                CREATE TABLE b (id bigint PRIMARY KEY, created_at timestamptz NOT NULL); \
                CREATE TABLE c (id bigint PRIMARY KEY, created_at timestamptz NOT NULL); \
                CREATE TABLE d (id bigint PRIMARY KEY);",
        quiet: "CREATE TABLE a (id bigint PRIMARY KEY, created_at timestamptz NOT NULL); \
                CREATE TABLE b (id bigint PRIMARY KEY); CREATE TABLE c (id bigint PRIMARY KEY);",
    },
    Case {
        rule: "convention-soft-delete-unique",
        fires: "CREATE TABLE projects (id bigint PRIMARY KEY, name text NOT NULL, deleted_at timestamptz, UNIQUE (name));",
        quiet: "CREATE TABLE projects (id bigint PRIMARY KEY, name text NOT NULL, deleted_at timestamptz); \
                CREATE UNIQUE INDEX projects_name_key ON projects (name) WHERE deleted_at IS NULL; \
                CREATE TABLE tags (id bigint PRIMARY KEY, name text NOT NULL UNIQUE); \
                CREATE TABLE notes (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, deleted_at timestamptz, \
                 UNIQUE (tenant_id, id));",
    },
    Case {
        rule: "convention-missing-soft-delete",
        fires: "CREATE TABLE a (id bigint PRIMARY KEY, deleted_at timestamptz); \
                CREATE TABLE b (id bigint PRIMARY KEY, deleted_at timestamptz); \
                CREATE TABLE c (id bigint PRIMARY KEY, deleted_at timestamptz); \
                CREATE TABLE d (id bigint PRIMARY KEY);",
        quiet: "CREATE TABLE a (id bigint PRIMARY KEY, deleted_at timestamptz); \
                CREATE TABLE b (id bigint PRIMARY KEY); CREATE TABLE c (id bigint PRIMARY KEY);",
    },
    Case {
        rule: "convention-serial-identity-mixed",
        fires: "CREATE TABLE a (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY); CREATE TABLE b (id bigserial PRIMARY KEY);",
        quiet: "CREATE TABLE a (id bigserial PRIMARY KEY); CREATE TABLE b (id bigserial PRIMARY KEY);",
    },
    Case {
        rule: "convention-sequence-unowned",
        fires: "CREATE SEQUENCE orders_id_seq; \
                CREATE TABLE orders (id bigint PRIMARY KEY DEFAULT nextval('orders_id_seq'));",
        quiet: "CREATE SEQUENCE orders_id_seq; \
                CREATE TABLE orders (id bigint PRIMARY KEY DEFAULT nextval('orders_id_seq')); \
                ALTER SEQUENCE orders_id_seq OWNED BY orders.id; CREATE SEQUENCE invoice_numbers;",
    },
    Case {
        rule: "name-too-long",
        fires: "CREATE TABLE t (id bigint PRIMARY KEY, a int); \
                CREATE INDEX t_this_index_name_is_far_too_long_for_postgresql_to_keep_it_whole_idx ON t (a);",
        quiet: "CREATE TABLE t (id bigint PRIMARY KEY, a int); CREATE INDEX t_a_idx ON t (a); \
                COMMENT ON TABLE t IS 'a comment may be longer than sixty-three bytes without being an identifier';",
    },
    Case {
        rule: "name-reserved",
        fires: "CREATE TABLE \"order\" (id bigint PRIMARY KEY, \"user\" bigint);",
        quiet: "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, name text);",
    },
    Case {
        rule: "name-mixed-case",
        fires: "CREATE TABLE \"Artist\" (\"ArtistId\" int PRIMARY KEY, \"Name\" text);",
        quiet: "CREATE TABLE Artist (ArtistId int PRIMARY KEY, name text);",
    },
    Case {
        rule: "name-like-type",
        fires: "CREATE TABLE payments (id bigint PRIMARY KEY, date date NOT NULL);",
        quiet: "CREATE TABLE payments (id bigint PRIMARY KEY, paid_on date NOT NULL);",
    },
    Case {
        rule: "tenant-column-missing",
        fires: "CREATE TABLE tenants (id uuid PRIMARY KEY); \
                CREATE TABLE projects (id uuid PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants); \
                CREATE TABLE labels (id uuid PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants); \
                CREATE TABLE tasks (id uuid PRIMARY KEY, project_id uuid NOT NULL REFERENCES projects);",
        quiet: "CREATE TABLE tenants (id uuid PRIMARY KEY); \
                CREATE TABLE projects (id uuid PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants); \
                CREATE TABLE tasks (id uuid PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants, \
                 project_id uuid NOT NULL REFERENCES projects);",
    },
    Case {
        rule: "rls-not-enabled",
        fires: "CREATE TABLE a (id uuid PRIMARY KEY, tenant_id uuid NOT NULL); CREATE TABLE b (id uuid PRIMARY KEY, tenant_id uuid NOT NULL);",
        quiet: "CREATE TABLE a (id uuid PRIMARY KEY, tenant_id uuid NOT NULL); CREATE TABLE b (id uuid PRIMARY KEY, tenant_id uuid NOT NULL); \
                ALTER TABLE a ENABLE ROW LEVEL SECURITY; ALTER TABLE b ENABLE ROW LEVEL SECURITY;",
    },
    Case {
        rule: "rls-not-forced",
        fires: "CREATE TABLE a (id uuid PRIMARY KEY, tenant_id uuid NOT NULL); CREATE TABLE b (id uuid PRIMARY KEY, tenant_id uuid NOT NULL); \
                ALTER TABLE a ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON a USING (true);",
        quiet: "CREATE TABLE a (id uuid PRIMARY KEY, tenant_id uuid NOT NULL); CREATE TABLE b (id uuid PRIMARY KEY, tenant_id uuid NOT NULL); \
                ALTER TABLE a ENABLE ROW LEVEL SECURITY; ALTER TABLE a FORCE ROW LEVEL SECURITY; \
                ALTER TABLE b ENABLE ROW LEVEL SECURITY; ALTER TABLE b FORCE ROW LEVEL SECURITY;",
    },
    Case {
        rule: "rls-no-policies",
        fires: "CREATE TABLE a (id uuid PRIMARY KEY); ALTER TABLE a ENABLE ROW LEVEL SECURITY;",
        quiet: "CREATE TABLE a (id uuid PRIMARY KEY); ALTER TABLE a ENABLE ROW LEVEL SECURITY; \
                CREATE POLICY p ON a USING (true);",
    },
    Case {
        rule: "convention-table-comment",
        fires: "CREATE TABLE ledger (id bigint PRIMARY KEY);",
        quiet: "CREATE TABLE ledger (id bigint PRIMARY KEY); COMMENT ON TABLE ledger IS 'postings';",
    },
];

fn import(sql: &str) -> Schema {
    let r = import_sql(sql, &ImportOptions::default());
    assert!(r.warnings.is_empty(), "{sql}\n{:?}", r.warnings);
    r.schema
}

fn pg() -> Settings {
    let mut s = Settings::new(Target {
        dialect: DialectKind::Postgres,
        version: 15,
    });
    // Off-by-default rules are tested too.
    for id in schema::OFF_BY_DEFAULT {
        s.overrides.insert(id.to_string(), Some(plinth_lint::Severity::Info));
    }
    s
}

fn of(findings: &[Finding], rule: &str) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.message.clone())
        .collect()
}

#[test]
fn every_rule_fires_on_its_bad_schema_and_stays_quiet_on_the_good_one() {
    let mut snapshot = String::new();
    let mut failures = Vec::new();
    for case in CASES {
        let lint = |sql: &str| {
            let mut f = schema::lint(&import(sql), &pg());
            f.extend(schema::lint_sql_text(sql, &pg()));
            f
        };
        let fired = lint(case.fires);
        let quiet = lint(case.quiet);
        let hits = of(&fired, case.rule);
        if hits.is_empty() {
            failures.push(format!("{} did not fire on: {}", case.rule, case.fires));
        }
        let noise = of(&quiet, case.rule);
        if !noise.is_empty() {
            failures.push(format!("{} fired on the quiet schema: {noise:?}", case.rule));
        }
        snapshot.push_str(&format!("{}\n", case.rule));
        for f in fired.iter().filter(|f| f.rule == case.rule) {
            snapshot.push_str(&format!(
                "  [{}] {}\n    subject: {}\n    help: {}\n",
                f.severity.as_str(),
                f.message,
                f.subject,
                f.help.as_deref().unwrap_or("-")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    insta::assert_snapshot!("schema_rules_firing", snapshot);
}

#[test]
fn every_schema_rule_has_a_case_and_complete_docs() {
    let cased: Vec<&str> = CASES.iter().map(|c| c.rule).collect();
    for rule in RULES {
        let m = &rule.meta;
        assert!(
            cased.contains(&m.id) || m.id == "ignore-unused",
            "{} has no firing/quiet case in tests/schema_rules.rs",
            m.id
        );
        for (field, text) in [
            ("summary", m.summary),
            ("what", m.what),
            ("why", m.why),
            ("example", m.example),
            ("fix", m.fix),
        ] {
            assert!(text.len() > 10, "{}: {field} is too short", m.id);
        }
        assert!(
            m.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{} is not kebab-case",
            m.id
        );
    }
    assert!(RULES.len() >= 40, "{} schema rules", RULES.len());
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for r in plinth_lint::all_rules() {
        *ids.entry(r.id).or_default() += 1;
    }
    assert!(ids.values().all(|&n| n == 1), "duplicate rule ids: {ids:?}");
}

#[test]
fn dialect_gates_postgres_only_rules() {
    let sql = "CREATE TABLE u (id bigint PRIMARY KEY, name varchar(100) NOT NULL, doc json, \"Mixed\" int);";
    let mysql = Settings::new(Target {
        dialect: DialectKind::MySql,
        version: 8,
    });
    let on_mysql = schema::lint(&import(sql), &mysql);
    for rule in ["type-varchar-length", "type-json", "name-mixed-case"] {
        assert!(of(&on_mysql, rule).is_empty(), "{rule} fired on MySQL");
        assert!(
            !of(&schema::lint(&import(sql), &pg()), rule).is_empty(),
            "{rule} silent on PostgreSQL"
        );
    }
}

#[test]
fn severities_and_disabling_come_from_settings() {
    let schema = import("CREATE TABLE e (id bigint PRIMARY KEY, payload json NOT NULL);");
    let mut s = pg();
    s.overrides
        .insert("type-json".into(), Some(plinth_lint::Severity::Error));
    let f = schema::lint(&schema, &s);
    assert_eq!(
        f.iter().find(|f| f.rule == "type-json").unwrap().severity,
        plinth_lint::Severity::Error
    );
    s.overrides.insert("type-json".into(), None);
    assert!(of(&schema::lint(&schema, &s), "type-json").is_empty());
    // Off by default unless named.
    let plain = Settings::new(Target {
        dialect: DialectKind::Postgres,
        version: 15,
    });
    assert!(of(&schema::lint(&schema, &plain), "convention-table-comment").is_empty());
}
