//! Reads back what a schema in the database actually is, from `pg_catalog`.
//!
//! Seven queries for the whole schema (not one per table), so introspecting
//! a hundred tables costs the same round trips as one. Names are returned
//! raw (never quoted or case-folded), because the point of introspection in
//! `verify` is to check that names survive the trip exactly — `user`,
//! `Order "Line"`, `MixedCase`. Objects that belong to an extension are left
//! out: they are not part of the design. Requires PostgreSQL ≥ 12.

use std::collections::BTreeMap;

use plinth_model::{FkAction, Identity};
use postgres::GenericClient;

/// Everything the design put into one schema.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Catalog {
    pub schema: String,
    /// Ordinary and partitioned tables, sorted by name.
    pub tables: Vec<TableInfo>,
    /// Functions and procedures, sorted by name then arguments.
    pub functions: Vec<FunctionInfo>,
}

impl Catalog {
    pub fn table(&self, name: &str) -> Option<&TableInfo> {
        self.tables.iter().find(|t| t.name == name)
    }

    pub fn table_names(&self) -> Vec<&str> {
        self.tables.iter().map(|t| t.name.as_str()).collect()
    }

    pub fn function(&self, name: &str) -> Option<&FunctionInfo> {
        self.functions.iter().find(|f| f.name == name)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableInfo {
    pub name: String,
    /// `relkind = 'p'`.
    pub partitioned: bool,
    pub rls_enabled: bool,
    pub rls_forced: bool,
    pub comment: Option<String>,
    /// In column order (`attnum`).
    pub columns: Vec<ColumnInfo>,
    /// Sorted by name.
    pub constraints: Vec<ConstraintInfo>,
    /// Sorted by name; includes the indexes behind PRIMARY KEY and UNIQUE.
    pub indexes: Vec<IndexInfo>,
    /// Sorted by name.
    pub policies: Vec<PolicyInfo>,
    /// User triggers (not the internal ones behind foreign keys), by name.
    pub triggers: Vec<TriggerInfo>,
}

impl TableInfo {
    pub fn column(&self, name: &str) -> Option<&ColumnInfo> {
        self.columns.iter().find(|c| c.name == name)
    }

    pub fn column_names(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.name.as_str()).collect()
    }

    pub fn constraint(&self, name: &str) -> Option<&ConstraintInfo> {
        self.constraints.iter().find(|c| c.name == name)
    }

    pub fn index(&self, name: &str) -> Option<&IndexInfo> {
        self.indexes.iter().find(|i| i.name == name)
    }

    pub fn primary_key(&self) -> Option<&ConstraintInfo> {
        self.constraints.iter().find(|c| c.kind == ConstraintKind::PrimaryKey)
    }

    pub fn trigger(&self, name: &str) -> Option<&TriggerInfo> {
        self.triggers.iter().find(|t| t.name == name)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ColumnInfo {
    pub name: String,
    /// `format_type(atttypid, atttypmod)`, e.g. `numeric(12,2)`,
    /// `timestamp with time zone`, `character varying(20)`.
    pub data_type: String,
    pub not_null: bool,
    /// Default expression (`pg_get_expr`), e.g. `now()`.
    pub default: Option<String>,
    pub identity: Option<Identity>,
    /// Generation expression of a stored generated column.
    pub generated: Option<String>,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConstraintKind {
    PrimaryKey,
    ForeignKey,
    Unique,
    Check,
    Exclusion,
    /// Constraint triggers and anything newer than this code.
    Other(char),
}

impl ConstraintKind {
    fn from_code(c: &str) -> Self {
        match c {
            "p" => ConstraintKind::PrimaryKey,
            "f" => ConstraintKind::ForeignKey,
            "u" => ConstraintKind::Unique,
            "c" => ConstraintKind::Check,
            "x" => ConstraintKind::Exclusion,
            other => ConstraintKind::Other(other.chars().next().unwrap_or('?')),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConstraintInfo {
    pub name: String,
    pub kind: ConstraintKind,
    /// Constrained columns in key order (empty for table-level CHECKs).
    pub columns: Vec<String>,
    /// `pg_get_constraintdef`, e.g. `FOREIGN KEY (a) REFERENCES t(id) ON DELETE CASCADE`.
    pub definition: String,
    /// Referenced table (foreign keys only), unqualified.
    pub ref_table: Option<String>,
    pub ref_schema: Option<String>,
    pub ref_columns: Vec<String>,
    pub on_delete: Option<FkAction>,
    pub on_update: Option<FkAction>,
    /// False for a constraint added `NOT VALID` and not validated yet.
    pub validated: bool,
    pub deferrable: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndexInfo {
    pub name: String,
    /// `pg_get_indexdef`, the complete `CREATE INDEX` statement.
    pub definition: String,
    pub unique: bool,
    pub primary: bool,
    /// Partial-index predicate (`pg_get_expr`), e.g. `(deleted_at IS NULL)`.
    pub predicate: Option<String>,
    /// Key columns in order; an expression key appears as its SQL text.
    pub columns: Vec<String>,
    /// `INCLUDE` columns.
    pub include: Vec<String>,
    /// Access method: `btree`, `gin`, ...
    pub method: String,
    /// False for an index left INVALID by a failed concurrent build.
    pub valid: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyInfo {
    pub name: String,
    /// `ALL`, `SELECT`, `INSERT`, `UPDATE` or `DELETE`.
    pub command: String,
    pub permissive: bool,
    /// Role names; `public` when the policy applies to everyone. Sorted.
    pub roles: Vec<String>,
    /// `USING` expression.
    pub qual: Option<String>,
    pub with_check: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TriggerInfo {
    pub name: String,
    /// Name of the trigger function.
    pub function: String,
    /// `pg_get_triggerdef`, the complete `CREATE TRIGGER` statement.
    pub definition: String,
    /// `tgenabled`: `O` (origin, the default), `D` disabled, `R`, `A`.
    pub enabled: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FunctionInfo {
    pub name: String,
    /// `pg_get_function_identity_arguments`, e.g. `integer, text`.
    pub arguments: String,
    /// `f` function, `p` procedure, `a` aggregate, `w` window.
    pub kind: String,
    /// `pg_get_function_result`, e.g. `trigger`; `None` for procedures.
    pub result: Option<String>,
}

/// Tables of a schema, excluding extension members. `$1` is the schema.
const TABLES_FROM: &str = "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') \
       AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass \
                       AND e.objid = c.oid AND e.deptype = 'e')";

/// Introspects `schema_name` (usually `public`).
pub fn introspect(client: &mut impl GenericClient, schema_name: &str) -> Result<Catalog, postgres::Error> {
    let mut tables: BTreeMap<String, TableInfo> = BTreeMap::new();
    let q = format!(
        "SELECT c.relname::text, c.relkind = 'p', c.relrowsecurity, c.relforcerowsecurity, \
                obj_description(c.oid, 'pg_class') {TABLES_FROM}"
    );
    for r in client.query(&q, &[&schema_name])? {
        let name: String = r.get(0);
        tables.insert(
            name.clone(),
            TableInfo {
                name,
                partitioned: r.get(1),
                rls_enabled: r.get(2),
                rls_forced: r.get(3),
                comment: r.get(4),
                ..TableInfo::default()
            },
        );
    }

    let q = format!(
        "SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull, \
                CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END, \
                a.attidentity::text, \
                CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END, \
                col_description(c.oid, a.attnum) \
         FROM pg_attribute a JOIN ({}) c ON c.oid = a.attrelid \
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
         WHERE a.attnum > 0 AND NOT a.attisdropped \
         ORDER BY c.relname, a.attnum",
        table_oids()
    );
    for r in client.query(&q, &[&schema_name])? {
        let identity: String = r.get(5);
        let col = ColumnInfo {
            name: r.get(1),
            data_type: r.get(2),
            not_null: r.get(3),
            default: r.get(4),
            identity: match identity.as_str() {
                "a" => Some(Identity::Always),
                "d" => Some(Identity::ByDefault),
                _ => None,
            },
            generated: r.get(6),
            comment: r.get(7),
        };
        if let Some(t) = tables.get_mut(&r.get::<_, String>(0)) {
            t.columns.push(col);
        }
    }

    let q = format!(
        "SELECT c.relname::text, k.conname::text, k.contype::text, \
                array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, o) \
                      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o), \
                pg_get_constraintdef(k.oid), r.relname::text, rn.nspname::text, \
                array(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, o) \
                      JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o), \
                k.confdeltype::text, k.confupdtype::text, k.convalidated, k.condeferrable \
         FROM pg_constraint k JOIN ({}) c ON c.oid = k.conrelid \
         LEFT JOIN pg_class r ON r.oid = k.confrelid \
         LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace \
         ORDER BY c.relname, k.conname",
        table_oids()
    );
    for r in client.query(&q, &[&schema_name])? {
        let kind = ConstraintKind::from_code(&r.get::<_, String>(2));
        let fk = kind == ConstraintKind::ForeignKey;
        let con = ConstraintInfo {
            name: r.get(1),
            kind,
            columns: r.get(3),
            definition: r.get(4),
            ref_table: r.get(5),
            ref_schema: r.get(6),
            ref_columns: r.get(7),
            on_delete: if fk { fk_action(&r.get::<_, String>(8)) } else { None },
            on_update: if fk { fk_action(&r.get::<_, String>(9)) } else { None },
            validated: r.get(10),
            deferrable: r.get(11),
        };
        if let Some(t) = tables.get_mut(&r.get::<_, String>(0)) {
            t.constraints.push(con);
        }
    }

    let key_columns = |filter: &str| {
        format!(
            "array(SELECT CASE WHEN u.n = 0 THEN pg_get_indexdef(x.indexrelid, u.o::int, true) \
                               ELSE a.attname::text END \
                   FROM unnest(x.indkey::int2[]) WITH ORDINALITY u(n, o) \
                   LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.n \
                   WHERE {filter} ORDER BY u.o)"
        )
    };
    let q = format!(
        "SELECT c.relname::text, i.relname::text, pg_get_indexdef(x.indexrelid), x.indisunique, \
                x.indisprimary, pg_get_expr(x.indpred, x.indrelid), {}, {}, am.amname::text, x.indisvalid \
         FROM pg_index x JOIN ({}) c ON c.oid = x.indrelid \
         JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam \
         ORDER BY c.relname, i.relname",
        key_columns("u.o <= x.indnkeyatts"),
        key_columns("u.o > x.indnkeyatts"),
        table_oids()
    );
    for r in client.query(&q, &[&schema_name])? {
        let ix = IndexInfo {
            name: r.get(1),
            definition: r.get(2),
            unique: r.get(3),
            primary: r.get(4),
            predicate: r.get(5),
            columns: r.get(6),
            include: r.get(7),
            method: r.get(8),
            valid: r.get(9),
        };
        if let Some(t) = tables.get_mut(&r.get::<_, String>(0)) {
            t.indexes.push(ix);
        }
    }

    let q = format!(
        "SELECT c.relname::text, p.polname::text, p.polcmd::text, p.polpermissive, \
                array(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END \
                      FROM unnest(p.polroles) r ORDER BY 1), \
                pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid) \
         FROM pg_policy p JOIN ({}) c ON c.oid = p.polrelid \
         ORDER BY c.relname, p.polname",
        table_oids()
    );
    for r in client.query(&q, &[&schema_name])? {
        let command = match r.get::<_, String>(2).as_str() {
            "r" => "SELECT",
            "a" => "INSERT",
            "w" => "UPDATE",
            "d" => "DELETE",
            _ => "ALL",
        };
        let p = PolicyInfo {
            name: r.get(1),
            command: command.to_string(),
            permissive: r.get(3),
            roles: r.get(4),
            qual: r.get(5),
            with_check: r.get(6),
        };
        if let Some(t) = tables.get_mut(&r.get::<_, String>(0)) {
            t.policies.push(p);
        }
    }

    let q = format!(
        "SELECT c.relname::text, t.tgname::text, f.proname::text, pg_get_triggerdef(t.oid), t.tgenabled::text \
         FROM pg_trigger t JOIN ({}) c ON c.oid = t.tgrelid JOIN pg_proc f ON f.oid = t.tgfoid \
         WHERE NOT t.tgisinternal \
         ORDER BY c.relname, t.tgname",
        table_oids()
    );
    for r in client.query(&q, &[&schema_name])? {
        let tr = TriggerInfo {
            name: r.get(1),
            function: r.get(2),
            definition: r.get(3),
            enabled: r.get(4),
        };
        if let Some(t) = tables.get_mut(&r.get::<_, String>(0)) {
            t.triggers.push(tr);
        }
    }

    let q = "SELECT p.proname::text, pg_get_function_identity_arguments(p.oid), p.prokind::text, \
                    pg_get_function_result(p.oid) \
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
             WHERE n.nspname = $1 \
               AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass \
                               AND e.objid = p.oid AND e.deptype = 'e') \
             ORDER BY 1, 2";
    let functions = client
        .query(q, &[&schema_name])?
        .iter()
        .map(|r| FunctionInfo {
            name: r.get(0),
            arguments: r.get(1),
            kind: r.get(2),
            result: r.get(3),
        })
        .collect();

    Ok(Catalog {
        schema: schema_name.to_string(),
        tables: tables.into_values().collect(),
        functions,
    })
}

/// Subquery of `oid, relname` for the schema's tables (`$1`).
fn table_oids() -> String {
    format!("SELECT c.oid, c.relname {TABLES_FROM}")
}

fn fk_action(code: &str) -> Option<FkAction> {
    Some(match code {
        "a" => FkAction::NoAction,
        "r" => FkAction::Restrict,
        "c" => FkAction::Cascade,
        "n" => FkAction::SetNull,
        "d" => FkAction::SetDefault,
        _ => return None,
    })
}
