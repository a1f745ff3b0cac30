//! Live introspection: pg_catalog → [`Schema`].
//!
//! A fixed number of catalog queries for the whole database (never one per
//! table, so 1,000 tables cost the same round trips as one), with the schema
//! filter applied in SQL (the server never sends what is filtered out).
//!
//! Why the queries return DDL and the importer turns it into the model: the
//! server renders constraints, indexes, defaults, views, functions and
//! triggers itself (`pg_get_constraintdef`, `pg_get_indexdef`, `pg_get_expr`,
//! `format_type`, ...) — its canonical spelling — and one SQL → model mapping
//! means an imported file and an introspected database can never disagree
//! because two readers interpreted the same thing differently.
//!
//! Left out, as the catalog marks them: objects that belong to an extension
//! (the extension itself is kept), identity sequences (part of their column),
//! indexes behind constraints (the constraint is kept), internal triggers.
//! Extensions are database-wide: every extension but plpgsql is read,
//! whatever the filter. Not read yet: ACLs (GRANT), text search mappings,
//! operator classes and families, comments on triggers and policies. The
//! public schema's stock comment is left out (every database has it).

use crate::import::{import_sql, ImportOptions};
use crate::quote::literal;
use plinth_model::Schema;
use postgres::GenericClient;

/// Which schemas to read. Empty: every schema that is not a system one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaFilter {
    pub schemas: Vec<String>,
}

impl SchemaFilter {
    pub fn only(schemas: &[&str]) -> Self {
        SchemaFilter {
            schemas: schemas.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// `n` is pg_namespace; `$1` the filter list.
const NS: &str = "((cardinality($1::text[]) = 0 AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
     AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%') OR n.nspname = ANY($1::text[]))";

/// Not a member of an extension (`classid` is the catalog of `oid`).
fn not_ext(catalog: &str, oid: &str) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '{catalog}'::regclass \
         AND e.objid = {oid} AND e.deptype = 'e')"
    )
}

/// `schema.name` for a relation or type, quoted as needed.
const QUAL_REL: &str = "quote_ident(n.nspname) || '.' || quote_ident(c.relname)";

/// Reads the schemas selected by `filter` into the model.
pub fn inspect(client: &mut impl GenericClient, filter: &SchemaFilter) -> Result<Schema, postgres::Error> {
    let f: &[String] = &filter.schemas;
    let mut sql: Vec<String> = Vec::new();
    let version: i32 = client
        .query_one("SELECT current_setting('server_version_num')::int", &[])?
        .get(0);
    let path: Vec<String> = client.query_one("SELECT current_schemas(false)::text[]", &[])?.get(0);

    // 1. Schemas, extensions, collations, text search configurations.
    let q = format!(
        "SELECT 'CREATE SCHEMA ' || quote_ident(n.nspname) FROM pg_namespace n \
         WHERE {NS} AND n.nspname <> 'public' AND {} \
         UNION ALL \
         SELECT 'CREATE EXTENSION IF NOT EXISTS ' || quote_ident(x.extname) || ' WITH SCHEMA ' || \
                quote_ident(xn.nspname) FROM pg_extension x JOIN pg_namespace xn ON xn.oid = x.extnamespace \
         WHERE x.extname <> 'plpgsql' \
         UNION ALL \
         SELECT 'CREATE COLLATION ' || quote_ident(n.nspname) || '.' || quote_ident(k.collname) || \
                ' (provider = ' || CASE k.collprovider WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin' ELSE 'libc' END || \
                ', locale = ' || quote_literal(coalesce(to_jsonb(k) ->> 'colllocale', to_jsonb(k) ->> 'colliculocale', \
                k.collcollate)) || CASE WHEN NOT k.collisdeterministic THEN ', deterministic = false' ELSE '' END || ')' \
         FROM pg_collation k JOIN pg_namespace n ON n.oid = k.collnamespace WHERE {NS} AND {} \
         UNION ALL \
         SELECT 'CREATE TEXT SEARCH CONFIGURATION ' || quote_ident(n.nspname) || '.' || quote_ident(t.cfgname) || \
                ' (PARSER = ' || quote_ident(pn.nspname) || '.' || quote_ident(p.prsname) || ')' \
         FROM pg_ts_config t JOIN pg_namespace n ON n.oid = t.cfgnamespace \
         JOIN pg_ts_parser p ON p.oid = t.cfgparser JOIN pg_namespace pn ON pn.oid = p.prsnamespace \
         WHERE {NS} AND {}",
        not_ext("pg_namespace", "n.oid"),
        not_ext("pg_collation", "k.oid"),
        not_ext("pg_ts_config", "t.oid"),
    );
    sql.extend(client.query(&q, &[&f])?.iter().map(|r| r.get::<_, String>(0)));

    // 2. Types: enums, domains, composite types.
    let q = format!(
        "SELECT CASE t.typtype \
           WHEN 'e' THEN 'CREATE TYPE ' || q.n || ' AS ENUM (' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' \
                ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) || ')' \
           WHEN 'd' THEN 'CREATE DOMAIN ' || q.n || ' AS ' || format_type(t.typbasetype, t.typtypmod) || \
                CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END || coalesce(' DEFAULT ' || t.typdefault, '') || \
                coalesce((SELECT string_agg(' CONSTRAINT ' || quote_ident(k.conname) || ' ' || \
                pg_get_constraintdef(k.oid), '' ORDER BY k.conname) FROM pg_constraint k WHERE k.contypid = t.oid), '') \
           WHEN 'r' THEN 'CREATE TYPE ' || q.n || ' AS RANGE (SUBTYPE = ' || (SELECT format_type(r.rngsubtype, NULL) \
                FROM pg_range r WHERE r.rngtypid = t.oid) || ')' \
           ELSE 'CREATE TYPE ' || q.n || ' AS (' || (SELECT string_agg(quote_ident(a.attname) || ' ' || \
                format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum) FROM pg_attribute a \
                WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) || ')' END \
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
         CROSS JOIN LATERAL (SELECT quote_ident(n.nspname) || '.' || quote_ident(t.typname) AS n) q \
         WHERE {NS} AND {} AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND \
               (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')) \
         ORDER BY t.typtype DESC, t.oid",
        not_ext("pg_type", "t.oid"),
    );
    sql.extend(
        client
            .query(&q, &[&f])?
            .iter()
            .filter_map(|r| r.get::<_, Option<String>>(0)),
    );

    // 3. Sequences (not the ones behind identity columns) and their owners.
    let q = format!(
        "SELECT {QUAL_REL}, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, \
                s.seqcache, s.seqcycle, \
                (SELECT quote_ident(tn.nspname) || '.' || quote_ident(t.relname) || '.' || quote_ident(a.attname) \
                 FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace \
                 JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid \
                 WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'a' \
                   AND d.refobjsubid > 0 LIMIT 1) \
         FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE {NS} AND {} AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass \
               AND d.objid = c.oid AND d.deptype = 'i') \
         ORDER BY 1",
        not_ext("pg_class", "c.oid"),
    );
    let mut owners = Vec::new();
    for r in client.query(&q, &[&f])? {
        let name: String = r.get(0);
        let mut s = format!(
            "CREATE SEQUENCE {name} AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH {} CACHE {}",
            r.get::<_, String>(1),
            r.get::<_, i64>(3),
            r.get::<_, i64>(4),
            r.get::<_, i64>(5),
            r.get::<_, i64>(2),
            r.get::<_, i64>(6),
        );
        if r.get::<_, bool>(7) {
            s.push_str(" CYCLE");
        }
        sql.push(s);
        if let Some(owner) = r.get::<_, Option<String>>(8) {
            owners.push(format!("ALTER SEQUENCE {name} OWNED BY {owner}"));
        }
    }

    // 4. Tables with their columns (one query; columns aggregated in order).
    let q = format!(
        "SELECT {QUAL_REL}, c.relkind::text, c.relispartition, \
                CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, \
                CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END, \
                (SELECT quote_ident(pn.nspname) || '.' || quote_ident(p.relname) FROM pg_inherits i \
                 JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace \
                 WHERE i.inhrelid = c.oid ORDER BY i.inhseqno LIMIT 1), \
                c.relrowsecurity, c.relforcerowsecurity, obj_description(c.oid, 'pg_class'), \
                coalesce((SELECT array_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) || \
                   CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation THEN ' COLLATE ' || \
                        quote_ident(cn.nspname) || '.' || quote_ident(co.collname) ELSE '' END || \
                   CASE WHEN a.attgenerated <> '' THEN ' GENERATED ALWAYS AS (' || pg_get_expr(d.adbin, d.adrelid) || \
                        ')' || CASE a.attgenerated WHEN 's' THEN ' STORED' ELSE ' VIRTUAL' END \
                        WHEN d.adbin IS NOT NULL THEN ' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid) ELSE '' END || \
                   CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' \
                        WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END || \
                   CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END ORDER BY a.attnum) \
                 FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid \
                 LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
                 LEFT JOIN pg_collation co ON co.oid = a.attcollation \
                 LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace \
                 WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped \
                   AND (a.attislocal OR c.relispartition)), '{{}}'), \
                (SELECT array_agg('COMMENT ON COLUMN ' || {QUAL_REL} || '.' || quote_ident(a.attname) || ' IS ' || \
                   quote_literal(ds.description) ORDER BY a.attnum) FROM pg_attribute a \
                 JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass \
                   AND ds.objsubid = a.attnum WHERE a.attrelid = c.oid) \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE {NS} AND c.relkind IN ('r', 'p') AND {} ORDER BY 1",
        not_ext("pg_class", "c.oid"),
    );
    let mut later = Vec::new();
    for r in client.query(&q, &[&f])? {
        let name: String = r.get(0);
        let kind: String = r.get(1);
        let is_partition: bool = r.get(2);
        let partkey: Option<String> = r.get(3);
        let bound: Option<String> = r.get(4);
        let parent: Option<String> = r.get(5);
        let columns: Vec<String> = r.get(9);
        let mut s = format!("CREATE TABLE {name} (\n  {}\n)", columns.join(",\n  "));
        match (&parent, is_partition) {
            (Some(p), false) => s.push_str(&format!(" INHERITS ({p})")),
            (Some(p), true) => later.push(format!(
                "ALTER TABLE {p} ATTACH PARTITION {name} {}",
                bound.unwrap_or_else(|| "DEFAULT".into())
            )),
            _ => {}
        }
        if kind == "p" {
            if let Some(k) = partkey {
                s.push_str(&format!(" PARTITION BY {k}"));
            }
        }
        sql.push(s);
        if r.get::<_, bool>(6) {
            later.push(format!("ALTER TABLE {name} ENABLE ROW LEVEL SECURITY"));
        }
        if r.get::<_, bool>(7) {
            later.push(format!("ALTER TABLE {name} FORCE ROW LEVEL SECURITY"));
        }
        if let Some(c) = r.get::<_, Option<String>>(8) {
            later.push(format!("COMMENT ON TABLE {name} IS {}", literal(&c)));
        }
        later.extend(r.get::<_, Option<Vec<String>>>(10).unwrap_or_default());
    }
    sql.extend(owners);
    sql.extend(later);

    // 5. Constraints (local ones; inherited copies follow their parent).
    let q = format!(
        "SELECT 'ALTER TABLE ' || {QUAL_REL} || ' ADD CONSTRAINT ' || quote_ident(k.conname) || ' ' || \
                pg_get_constraintdef(k.oid) \
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE {NS} AND k.contype IN ('p', 'u', 'f', 'c', 'x') AND k.conislocal AND k.conparentid = 0 \
           AND c.relkind IN ('r', 'p') AND {} \
         UNION ALL \
         SELECT 'COMMENT ON CONSTRAINT ' || quote_ident(k.conname) || ' ON ' || {QUAL_REL} || ' IS ' || \
                quote_literal(d.description) \
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_description d ON d.objoid = k.oid AND d.classoid = 'pg_constraint'::regclass \
         WHERE {NS} AND {} \
         ORDER BY 1",
        not_ext("pg_class", "c.oid"),
        not_ext("pg_class", "c.oid"),
    );
    sql.extend(client.query(&q, &[&f])?.iter().map(|r| r.get::<_, String>(0)));

    // 6. Views and materialized views, triggers, rules (before indexes: an
    //    index on a materialized view belongs with it).
    let q = format!(
        "SELECT CASE c.relkind WHEN 'm' THEN 'CREATE MATERIALIZED VIEW ' ELSE 'CREATE VIEW ' END || {QUAL_REL} || \
                ' AS ' || pg_get_viewdef(c.oid), c.oid::bigint \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE {NS} AND c.relkind IN ('v', 'm') AND {} \
         UNION ALL \
         SELECT pg_get_triggerdef(t.oid), 1 << 40 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {NS} AND NOT t.tgisinternal \
         UNION ALL \
         SELECT pg_get_ruledef(r.oid), 1 << 41 FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class \
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {NS} AND r.rulename <> '_RETURN' \
         ORDER BY 2, 1",
        not_ext("pg_class", "c.oid"),
    );
    sql.extend(client.query(&q, &[&f])?.iter().map(|r| r.get::<_, String>(0)));

    // 7. Indexes not behind a constraint, not attached to a parent index.
    let q = format!(
        "SELECT pg_get_indexdef(x.indexrelid) \
         FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE {NS} AND {} \
           AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = c.oid \
                           AND k.contype IN ('p', 'u', 'x')) \
           AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = x.indexrelid) \
         ORDER BY 1",
        not_ext("pg_class", "c.oid"),
    );
    sql.extend(client.query(&q, &[&f])?.iter().map(|r| r.get::<_, String>(0)));

    // 8. Policies.
    let q = format!(
        "SELECT 'CREATE POLICY ' || quote_ident(p.polname) || ' ON ' || {QUAL_REL} || \
                CASE WHEN p.polpermissive THEN '' ELSE ' AS RESTRICTIVE' END || ' FOR ' || \
                CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' \
                     WHEN 'd' THEN 'DELETE' ELSE 'ALL' END || \
                ' TO ' || (SELECT string_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END, \
                     ', ') FROM unnest(p.polroles) r) || \
                coalesce(' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')', '') || \
                coalesce(' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', '') \
         FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE {NS} ORDER BY 1"
    );
    sql.extend(client.query(&q, &[&f])?.iter().map(|r| r.get::<_, String>(0)));

    // 9. Functions, procedures and aggregates.
    let q = format!(
        "SELECT CASE WHEN p.prokind = 'a' THEN \
                  'CREATE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || \
                  pg_get_function_identity_arguments(p.oid) || ') (SFUNC = ' || g.aggtransfn::regproc::text || \
                  ', STYPE = ' || format_type(g.aggtranstype, NULL) || \
                  coalesce(', INITCOND = ' || quote_literal(g.agginitval), '') || \
                  CASE WHEN g.aggfinalfn <> 0 THEN ', FINALFUNC = ' || g.aggfinalfn::regproc::text ELSE '' END || ')' \
                ELSE pg_get_functiondef(p.oid) END \
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
         LEFT JOIN pg_aggregate g ON g.aggfnoid = p.oid \
         WHERE {NS} AND p.prokind IN ('f', 'p', 'a') AND {} \
           AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_proc'::regclass AND i.objid = p.oid \
                           AND i.deptype = 'i') \
         ORDER BY p.oid",
        not_ext("pg_proc", "p.oid"),
    );
    sql.extend(client.query(&q, &[&f])?.iter().map(|r| r.get::<_, String>(0)));

    // 10. Casts, operators and event triggers the user made; comments on
    //     objects other than tables, columns and constraints (after all
    //     objects, which they are appended to).
    let q = format!(
        "SELECT 'CREATE CAST (' || format_type(k.castsource, NULL) || ' AS ' || format_type(k.casttarget, NULL) || \
                ') ' || CASE k.castmethod WHEN 'f' THEN 'WITH FUNCTION ' || k.castfunc::regprocedure::text \
                WHEN 'i' THEN 'WITH INOUT' ELSE 'WITHOUT FUNCTION' END || \
                CASE k.castcontext WHEN 'a' THEN ' AS ASSIGNMENT' WHEN 'i' THEN ' AS IMPLICIT' ELSE '' END, 0 \
         FROM pg_cast k WHERE k.oid >= 16384 AND {} AND NOT EXISTS (SELECT 1 FROM pg_depend i \
              WHERE i.classid = 'pg_cast'::regclass AND i.objid = k.oid AND i.deptype = 'i') \
         UNION ALL \
         SELECT 'CREATE OPERATOR ' || quote_ident(n.nspname) || '.' || o.oprname || ' (FUNCTION = ' || \
                o.oprcode::regproc::text || coalesce(', LEFTARG = ' || format_type(nullif(o.oprleft, 0), NULL), '') || \
                coalesce(', RIGHTARG = ' || format_type(nullif(o.oprright, 0), NULL), '') || ')', 1 \
         FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE {NS} AND {} \
         UNION ALL \
         SELECT 'CREATE EVENT TRIGGER ' || quote_ident(e.evtname) || ' ON ' || e.evtevent || \
                ' EXECUTE FUNCTION ' || e.evtfoid::regproc::text || '()', 2 FROM pg_event_trigger e \
         UNION ALL \
         SELECT 'COMMENT ON ' || CASE c.relkind WHEN 'v' THEN 'VIEW ' WHEN 'm' THEN 'MATERIALIZED VIEW ' \
                WHEN 'S' THEN 'SEQUENCE ' ELSE 'INDEX ' END || {QUAL_REL} || ' IS ' || quote_literal(d.description), 3 \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0 \
         WHERE {NS} AND c.relkind IN ('v', 'm', 'S', 'i') AND {} \
         UNION ALL \
         SELECT 'COMMENT ON ' || CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' WHEN 'a' THEN 'AGGREGATE ' \
                ELSE 'FUNCTION ' END || p.oid::regprocedure::text || ' IS ' || quote_literal(d.description), 4 \
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
         JOIN pg_description d ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass \
         WHERE {NS} AND {} \
         UNION ALL \
         SELECT 'COMMENT ON SCHEMA ' || quote_ident(n.nspname) || ' IS ' || quote_literal(d.description), 6 \
         FROM pg_namespace n JOIN pg_description d ON d.objoid = n.oid AND d.classoid = 'pg_namespace'::regclass \
         WHERE {NS} AND NOT (n.nspname = 'public' AND d.description = 'standard public schema') \
         UNION ALL \
         SELECT 'COMMENT ON ' || CASE t.typtype WHEN 'd' THEN 'DOMAIN ' ELSE 'TYPE ' END || \
                quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' IS ' || quote_literal(d.description), 5 \
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
         JOIN pg_description d ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass \
         WHERE {NS} AND {} \
         ORDER BY 2, 1",
        not_ext("pg_cast", "k.oid"),
        not_ext("pg_operator", "o.oid"),
        not_ext("pg_class", "c.oid"),
        not_ext("pg_proc", "p.oid"),
        not_ext("pg_type", "t.oid"),
    );
    sql.extend(client.query(&q, &[&f])?.iter().map(|r| r.get::<_, String>(0)));

    let script = sql
        .iter()
        .map(|s| format!("{};\n", s.trim_end().trim_end_matches(';')))
        .collect::<String>();
    let options = ImportOptions {
        search_path: if path.is_empty() { vec!["public".into()] } else { path },
        version: (version / 10_000) as u32,
    };
    let mut result = import_sql(&script, &options);
    // Origins point into the generated script, which nobody can open.
    for t in &mut result.schema.tables {
        t.origin = None;
    }
    Ok(result.schema)
}
