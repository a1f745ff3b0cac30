//! Introspection round-trips hostile names exactly (`user`, `Order "Line"`,
//! `MixedCase`, columns `select` and `group`) and reads every kind of
//! object the probes and `verify` rely on.

use plinth_model::{FkAction, Identity};
use plinth_sandbox::{introspect, ConstraintKind, Sandbox};

const DDL: &str = r#"
CREATE EXTENSION pg_trgm;
CREATE TABLE "user" (
  "id"       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  "select"   text NOT NULL DEFAULT 'x',
  "group"    integer,
  "MixedCol" numeric(12,2)
);
COMMENT ON TABLE "user" IS 'people, named after a reserved word';
COMMENT ON COLUMN "user"."select" IS 'also reserved';
CREATE TABLE "Order ""Line""" (
  "id"       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "user"     bigint NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
  "select"   varchar(20),
  "group"    text,
  deleted_at timestamptz,
  total      integer GENERATED ALWAYS AS (length("group")) STORED,
  CONSTRAINT "Order ""Line""_group_check" CHECK ("group" <> '')
);
CREATE UNIQUE INDEX "Order ""Line""_select_key" ON "Order ""Line""" ("select") INCLUDE ("group")
  WHERE deleted_at IS NULL;
CREATE INDEX "Order ""Line""_expr_idx" ON "Order ""Line""" (lower("group"), "user" DESC);
CREATE TABLE "MixedCase" ("select" int NOT NULL, "group" int NOT NULL, CONSTRAINT "MixedCase_key" UNIQUE ("group", "select"));
ALTER TABLE "MixedCase" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MixedCase" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Tenant Policy" ON "MixedCase" FOR SELECT USING ("group" = 1);
CREATE FUNCTION "Touch Me"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER "Before Update" BEFORE UPDATE ON "user" FOR EACH ROW EXECUTE FUNCTION "Touch Me"();
CREATE SCHEMA other;
CREATE TABLE other."user" (x int);
"#;

#[test]
fn hostile_names_round_trip_exactly() {
    let sandbox = Sandbox::shared().unwrap_or_else(|e| panic!("{e}"));
    let db = sandbox.fresh_database().unwrap();
    let mut client = db.client().unwrap();
    client.batch_execute(DDL).unwrap();
    let cat = introspect(&mut client, "public").unwrap();

    assert_eq!(cat.table_names(), ["MixedCase", "Order \"Line\"", "user"]);

    let user = cat.table("user").unwrap();
    assert_eq!(user.column_names(), ["id", "select", "group", "MixedCol"]);
    assert_eq!(user.comment.as_deref(), Some("people, named after a reserved word"));
    let id = user.column("id").unwrap();
    assert_eq!(
        (id.data_type.as_str(), id.not_null, id.identity),
        ("bigint", true, Some(Identity::Always))
    );
    let select = user.column("select").unwrap();
    assert_eq!(select.default.as_deref(), Some("'x'::text"));
    assert_eq!(select.comment.as_deref(), Some("also reserved"));
    assert_eq!(user.column("MixedCol").unwrap().data_type, "numeric(12,2)");
    assert!(!user.column("group").unwrap().not_null);
    assert_eq!(user.primary_key().unwrap().columns, ["id"]);
    let trigger = user.trigger("Before Update").unwrap();
    assert_eq!(trigger.function, "Touch Me");
    assert!(trigger.definition.contains("BEFORE UPDATE"), "{}", trigger.definition);
    assert!(!user.rls_enabled && !user.rls_forced);

    let line = cat.table("Order \"Line\"").unwrap();
    assert_eq!(
        line.column_names(),
        ["id", "user", "select", "group", "deleted_at", "total"]
    );
    assert_eq!(line.column("select").unwrap().data_type, "character varying(20)");
    assert_eq!(line.column("id").unwrap().default.as_deref(), Some("gen_random_uuid()"));
    let total = line.column("total").unwrap();
    assert_eq!(
        (total.default.as_deref(), total.generated.as_deref()),
        (None, Some("length(\"group\")"))
    );
    let fk = line
        .constraints
        .iter()
        .find(|c| c.kind == ConstraintKind::ForeignKey)
        .unwrap();
    assert_eq!(fk.columns, ["user"]);
    assert_eq!(fk.ref_table.as_deref(), Some("user"));
    assert_eq!(fk.ref_columns, ["id"]);
    assert_eq!(fk.on_delete, Some(FkAction::Cascade));
    assert_eq!(fk.on_update, Some(FkAction::NoAction));
    let check = line.constraint("Order \"Line\"_group_check").unwrap();
    assert_eq!(check.kind, ConstraintKind::Check);
    assert_eq!(check.columns, ["group"]);
    assert!(check.definition.starts_with("CHECK"), "{}", check.definition);
    let unique = line.index("Order \"Line\"_select_key").unwrap();
    assert!(unique.unique && !unique.primary && unique.valid);
    assert_eq!(unique.columns, ["select"]);
    assert_eq!(unique.include, ["group"]);
    assert_eq!(unique.predicate.as_deref(), Some("(deleted_at IS NULL)"));
    let expr = line.index("Order \"Line\"_expr_idx").unwrap();
    assert_eq!(expr.columns, ["lower(\"group\")", "user"]);
    assert_eq!(expr.method, "btree");
    assert!(expr.definition.contains("DESC"), "{}", expr.definition);

    let mixed = cat.table("MixedCase").unwrap();
    assert!(mixed.rls_enabled && mixed.rls_forced);
    assert_eq!(mixed.constraint("MixedCase_key").unwrap().columns, ["group", "select"]);
    assert_eq!(mixed.index("MixedCase_key").unwrap().columns, ["group", "select"]);
    let policy = &mixed.policies[0];
    assert_eq!(policy.name, "Tenant Policy");
    assert_eq!(policy.command, "SELECT");
    assert_eq!(policy.roles, ["public"]);
    assert!(policy.permissive);
    assert_eq!(policy.qual.as_deref(), Some("(\"group\" = 1)"));
    assert_eq!(policy.with_check, None);

    // Our function, not the extension's (pg_trgm installs dozens).
    let names: Vec<&str> = cat.functions.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Touch Me"]);
    assert_eq!(cat.function("Touch Me").unwrap().result.as_deref(), Some("trigger"));

    // Schemas are kept apart.
    assert_eq!(introspect(&mut client, "other").unwrap().table_names(), ["user"]);

    // Deterministic.
    assert_eq!(introspect(&mut client, "public").unwrap(), cat);
}

#[test]
fn empty_and_missing_schemas_are_empty() {
    let sandbox = Sandbox::shared().unwrap();
    let db = sandbox.fresh_database().unwrap();
    let mut client = db.client().unwrap();
    let cat = introspect(&mut client, "public").unwrap();
    assert!(cat.tables.is_empty() && cat.functions.is_empty());
    assert!(introspect(&mut client, "no_such_schema").unwrap().tables.is_empty());
}
