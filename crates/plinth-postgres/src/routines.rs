//! Bodies of the helper routines the model owns, in SQL and PL/pgSQL.

use crate::expr::{physical, ACTOR_SETTING};
use crate::quote::{ident, literal};
use plinth_model::{Routine, RoutineKind, Schema};

pub fn create(schema: &Schema, r: &Routine) -> String {
    let name = ident(&r.name);
    match &r.kind {
        RoutineKind::Uuidv7 => format!(
            "-- UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits; version 7, variant 10.\n\
CREATE FUNCTION {name}() RETURNS uuid\n\
LANGUAGE sql VOLATILE PARALLEL SAFE\n\
AS $$\n\
  SELECT encode(\n\
    set_bit(set_bit(\n\
      overlay(uuid_send(gen_random_uuid())\n\
        PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)\n\
        FROM 1 FOR 6),\n\
      52, 1), 53, 1),\n\
    'hex')::uuid\n\
$$;"
        ),
        RoutineKind::Touch { updated_at, updated_by } => {
            let mut body = String::new();
            if *updated_at {
                body.push_str("  NEW.updated_at := now();\n");
            }
            if *updated_by {
                body.push_str(&format!(
                    "  IF nullif(current_setting({s}, true), '') IS NOT NULL THEN\n    NEW.updated_by := current_setting({s}, true);\n  END IF;\n",
                    s = literal(ACTOR_SETTING)
                ));
            }
            format!(
                "-- Keeps updated_at/updated_by true on every UPDATE, whatever the application sends.\n\
CREATE FUNCTION {name}() RETURNS trigger\nLANGUAGE plpgsql\nAS $$\nBEGIN\n{body}  RETURN NEW;\nEND;\n$$;"
            )
        }
        RoutineKind::BumpVersion => format!(
            "-- Optimistic locking: every UPDATE increments version.\n\
CREATE FUNCTION {name}() RETURNS trigger\nLANGUAGE plpgsql\nAS $$\nBEGIN\n  NEW.version := OLD.version + 1;\n  RETURN NEW;\nEND;\n$$;"
        ),
        RoutineKind::RejectChange => format!(
            "-- Append-only tables: history cannot be rewritten.\n\
CREATE FUNCTION {name}() RETURNS trigger\nLANGUAGE plpgsql\nAS $$\nBEGIN\n  RAISE EXCEPTION '% on % is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME\n    USING ERRCODE = 'restrict_violation';\nEND;\n$$;"
        ),
        RoutineKind::AuditRow { audit_table, tenant_column } => {
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
            format!(
                "-- Audit trail: one row per change with the row before and after.\n\
-- Arguments: tenant column ('' if none), then the primary key columns.\n\
CREATE FUNCTION {name}() RETURNS trigger\nLANGUAGE plpgsql\nAS $$\nDECLARE\n\
  old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;\n\
  new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;\n\
  row_data jsonb := coalesce(new_row, old_row);\n\
  row_key jsonb := '{{}}'::jsonb;\n\
BEGIN\n\
  FOR i IN 1 .. TG_NARGS - 1 LOOP\n\
    row_key := row_key || jsonb_build_object(TG_ARGV[i], row_data -> TG_ARGV[i]);\n\
  END LOOP;\n\
  INSERT INTO {table} ({tenant_col}action, table_name, row_key, before, after)\n\
  VALUES ({tenant_val}lower(TG_OP), TG_TABLE_NAME, row_key, old_row, new_row);\n\
  RETURN NULL;\n\
END;\n$$;",
                table = ident(audit_table)
            )
        }
    }
}
