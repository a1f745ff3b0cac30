//! Bodies of the helper routines the model owns, in SQL and PL/pgSQL.
//! Templates use `{name}`-style placeholders filled by [`fill`].

use crate::expr::{physical, ACTOR_SETTING};
use crate::quote::{ident, literal};
use plinth_model::{Routine, RoutineKind, Schema};

const UUIDV7: &str = r#"-- UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits; version 7, variant 10.
CREATE FUNCTION {name}() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE
AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
        PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
        FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;"#;

const TOUCH: &str = r#"-- Keeps {what} true on every UPDATE, whatever the application sends.
CREATE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
{body}  RETURN NEW;
END;
$$;"#;

const SET_UPDATED_AT: &str = "  NEW.updated_at := now();\n";
const SET_UPDATED_BY: &str = r#"  IF nullif(current_setting({actor}, true), '') IS NOT NULL THEN
    NEW.updated_by := current_setting({actor}, true);
  END IF;
"#;

const BUMP_VERSION: &str = r#"-- Optimistic locking: every UPDATE increments version.
CREATE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END;
$$;"#;

const REJECT_CHANGE: &str = r#"-- Append-only tables: history cannot be rewritten.
CREATE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;"#;

const AUDIT: &str = r#"-- Audit trail: one row per change, with the row before and after.
-- Trigger arguments: the tenant column ('' if none), then the primary key columns.
CREATE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  old_row  jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
  new_row  jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
  row_data jsonb := coalesce(new_row, old_row);
  row_key  jsonb := '{}'::jsonb;
BEGIN
  FOR i IN 1 .. TG_NARGS - 1 LOOP
    row_key := row_key || jsonb_build_object(TG_ARGV[i], row_data -> TG_ARGV[i]);
  END LOOP;
  INSERT INTO {table} ({tenant_col}action, table_name, row_key, before, after)
  VALUES ({tenant_val}lower(TG_OP), TG_TABLE_NAME, row_key, old_row, new_row);
  RETURN NULL;
END;
$$;"#;

fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in vars {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

pub fn create(schema: &Schema, r: &Routine) -> String {
    let name = ident(&r.name);
    match &r.kind {
        RoutineKind::Uuidv7 => fill(UUIDV7, &[("name", &name)]),
        RoutineKind::Touch { updated_at, updated_by } => {
            let mut body = String::new();
            let mut what = Vec::new();
            if *updated_at {
                body.push_str(SET_UPDATED_AT);
                what.push("updated_at");
            }
            if *updated_by {
                body.push_str(&fill(SET_UPDATED_BY, &[("actor", &literal(ACTOR_SETTING))]));
                what.push("updated_by");
            }
            fill(
                TOUCH,
                &[("name", &name), ("what", &what.join(" and ")), ("body", &body)],
            )
        }
        RoutineKind::BumpVersion => fill(BUMP_VERSION, &[("name", &name)]),
        RoutineKind::RejectChange => fill(REJECT_CHANGE, &[("name", &name)]),
        RoutineKind::AuditRow {
            audit_table,
            tenant_column,
        } => {
            let (tenant_col, tenant_val) = match tenant_column {
                Some(tc) => {
                    let ty = schema
                        .table(audit_table)
                        .and_then(|t| t.column(tc))
                        .map(|c| physical(&c.physical))
                        .unwrap_or_else(|| "text".into());
                    (
                        format!("{}, ", ident(tc)),
                        format!("CASE WHEN TG_ARGV[0] <> '' THEN (row_data ->> TG_ARGV[0])::{ty} END, "),
                    )
                }
                None => (String::new(), String::new()),
            };
            fill(
                AUDIT,
                &[
                    ("name", &name),
                    ("table", &ident(audit_table)),
                    ("tenant_col", &tenant_col),
                    ("tenant_val", &tenant_val),
                ],
            )
        }
    }
}
