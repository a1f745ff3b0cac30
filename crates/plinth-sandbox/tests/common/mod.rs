//! A hand-built `plinth_model::Schema` and hand-written DDL that follows the
//! conventions the probes check. Written by hand on purpose: these tests pin
//! the *contract* between the DDL emitter and the probes, independent of
//! whatever the emitter currently produces.
//!
//! Tables: `workspaces` (tenant root), `users` (global, soft delete,
//! audited), `projects` (tenant, soft delete, audited), `tasks` (tenant,
//! versioned, audited, composite tenant FK), `events` (tenant, append-only),
//! `tags` (global, CUID2 key, one column of most logical types), `audit_log`.

#![allow(dead_code)]

use plinth_model::{
    CheckConstraint, CheckExpr, Column, ColumnRole, DefaultExpr, DialectKind, FkAction, ForeignKey, Identity, Index,
    IndexPurpose, KeyKind, Literal, LogicalType as L, PhysicalType as P, Predicate, PrimaryKey, Routine, RoutineKind,
    Schema, SqlStatement, Table, Target, UniqueConstraint,
};
use plinth_sandbox::{apply, Database};

pub fn column(name: &str, logical: L, physical: P, nullable: bool) -> Column {
    let mut c = Column::new(name, logical, physical);
    c.nullable = nullable;
    c
}

fn id() -> Column {
    let mut c = column("id", L::Key(KeyKind::Uuidv7), P::Uuid, false);
    c.default = Some(DefaultExpr::Uuidv7);
    c.role = ColumnRole::PrimaryKey;
    c
}

fn tenant_col() -> Column {
    let mut c = column("workspace_id", L::Key(KeyKind::Uuidv7), P::Uuid, false);
    c.role = ColumnRole::Tenant;
    c
}

fn timestamps(t: &mut Table) {
    for (name, role) in [
        ("created_at", ColumnRole::CreatedAt),
        ("updated_at", ColumnRole::UpdatedAt),
    ] {
        let mut c = column(name, L::Timestamp, P::Timestamptz, false);
        c.default = Some(DefaultExpr::Now);
        c.role = role;
        t.columns.push(c);
    }
    t.traits.timestamps = true;
}

fn soft_delete(t: &mut Table) {
    let mut c = column("deleted_at", L::Timestamp, P::Timestamptz, true);
    c.role = ColumnRole::DeletedAt;
    t.columns.push(c);
    t.traits.soft_delete = true;
}

fn pk(t: &mut Table, cols: &[&str]) {
    t.primary_key = Some(PrimaryKey {
        name: format!("{}_pkey", t.name),
        columns: cols.iter().map(|c| c.to_string()).collect(),
    });
}

fn fk(t: &mut Table, name: &str, cols: &[&str], ref_table: &str, ref_cols: &[&str], on_delete: FkAction) {
    t.foreign_keys.push(ForeignKey::new(
        name.into(),
        cols.iter().map(|c| c.to_string()).collect(),
        ref_table.into(),
        ref_cols.iter().map(|c| c.to_string()).collect(),
        on_delete,
    ));
}

fn check(t: &mut Table, name: &str, expr: CheckExpr) {
    t.checks.push(CheckConstraint {
        name: name.into(),
        expr,
        origin: None,
    });
}

fn live_unique(t: &mut Table, name: &str, cols: &[&str]) {
    let mut ix = Index::btree(name, cols, IndexPurpose::Unique);
    ix.unique = true;
    ix.predicate = Some(Predicate::IsNull("deleted_at".into()));
    t.indexes.push(ix);
}

/// The schema the correct DDL implements.
pub fn schema() -> Schema {
    let mut s = Schema::new(Target {
        dialect: DialectKind::Postgres,
        version: 15,
    });

    let mut w = Table::new("workspaces");
    w.traits.tenant_root = true;
    w.traits.global = true;
    w.columns.push(id());
    w.columns.push(column("name", L::Text, P::Text, false));
    w.columns.push(column("slug", L::Slug, P::Text, false));
    let mut plan = column("plan", L::Text, P::Text, false);
    plan.default = Some(DefaultExpr::Literal(Literal::Str("free".into())));
    w.columns.push(plan);
    check(
        &mut w,
        "workspaces_plan_check",
        CheckExpr::InList {
            column: "plan".into(),
            values: vec!["free".into(), "pro".into()],
        },
    );
    timestamps(&mut w);
    pk(&mut w, &["id"]);
    w.uniques.push(UniqueConstraint {
        name: "workspaces_slug_key".into(),
        columns: vec!["slug".into()],
        nulls_not_distinct: false,
        origin: None,
    });
    s.tables.push(w);

    let mut u = Table::new("users");
    u.traits.global = true;
    u.traits.audited = true;
    u.columns.push(id());
    u.columns.push(column("email", L::Email, P::Text, false));
    u.columns.push(column("name", L::Text, P::Text, true));
    timestamps(&mut u);
    soft_delete(&mut u);
    pk(&mut u, &["id"]);
    live_unique(&mut u, "users_email_key", &["email"]);
    s.tables.push(u);

    let mut p = Table::new("projects");
    p.tenant_column = Some("workspace_id".into());
    p.traits.audited = true;
    p.columns.push(id());
    p.columns.push(tenant_col());
    p.columns.push(column("name", L::Text, P::Text, false));
    p.columns.push(column("slug", L::Slug, P::Text, false));
    p.columns.push(column("budget", L::Money, P::Numeric(12, 2), true));
    p.columns.push(column("progress", L::Percent, P::Numeric(5, 2), false));
    check(
        &mut p,
        "projects_progress_check",
        CheckExpr::Between {
            column: "progress".into(),
            low: "0".into(),
            high: "100".into(),
        },
    );
    timestamps(&mut p);
    soft_delete(&mut p);
    pk(&mut p, &["id"]);
    p.uniques.push(UniqueConstraint {
        name: "projects_workspace_id_id_key".into(),
        columns: vec!["workspace_id".into(), "id".into()],
        nulls_not_distinct: false,
        origin: None,
    });
    fk(
        &mut p,
        "projects_workspace_id_fkey",
        &["workspace_id"],
        "workspaces",
        &["id"],
        FkAction::Cascade,
    );
    live_unique(&mut p, "projects_workspace_id_slug_key", &["workspace_id", "slug"]);
    s.tables.push(p);

    let mut t = Table::new("tasks");
    t.tenant_column = Some("workspace_id".into());
    t.traits.versioned = true;
    t.traits.audited = true;
    t.columns.push(id());
    t.columns.push(tenant_col());
    let mut project = column("project_id", L::Key(KeyKind::Uuidv7), P::Uuid, false);
    project.role = ColumnRole::ForeignKey;
    t.columns.push(project);
    t.columns.push(column("title", L::String(20), P::Text, false));
    let statuses = vec!["todo".to_string(), "doing".into(), "done".into()];
    let mut status = column(
        "status",
        L::Enum {
            name: "task_status".into(),
            values: statuses.clone(),
        },
        P::Text,
        false,
    );
    status.default = Some(DefaultExpr::Literal(Literal::Str("todo".into())));
    t.columns.push(status);
    t.columns.push(column("due_date", L::Date, P::Date, true));
    let mut assignee = column("assignee_id", L::Key(KeyKind::Uuidv7), P::Uuid, true);
    assignee.role = ColumnRole::ForeignKey;
    t.columns.push(assignee);
    let mut version = column("version", L::Int, P::Integer, false);
    version.default = Some(DefaultExpr::Literal(Literal::Number("1".into())));
    version.role = ColumnRole::Version;
    t.columns.push(version);
    timestamps(&mut t);
    check(
        &mut t,
        "tasks_title_check",
        CheckExpr::MaxLength {
            column: "title".into(),
            max: 20,
        },
    );
    check(
        &mut t,
        "tasks_status_check",
        CheckExpr::InList {
            column: "status".into(),
            values: statuses,
        },
    );
    pk(&mut t, &["id"]);
    fk(
        &mut t,
        "tasks_workspace_id_fkey",
        &["workspace_id"],
        "workspaces",
        &["id"],
        FkAction::Cascade,
    );
    fk(
        &mut t,
        "tasks_project_fkey",
        &["workspace_id", "project_id"],
        "projects",
        &["workspace_id", "id"],
        FkAction::Cascade,
    );
    fk(
        &mut t,
        "tasks_assignee_id_fkey",
        &["assignee_id"],
        "users",
        &["id"],
        FkAction::SetNull,
    );
    s.tables.push(t);

    let mut e = Table::new("events");
    e.tenant_column = Some("workspace_id".into());
    e.traits.append_only = true;
    let mut eid = column("id", L::Key(KeyKind::BigintIdentity), P::BigInt, false);
    eid.identity = Some(Identity::Always);
    eid.role = ColumnRole::PrimaryKey;
    e.columns.push(eid);
    e.columns.push(tenant_col());
    e.columns.push(column("kind", L::Text, P::Text, false));
    e.columns.push(column("payload", L::Json, P::Jsonb, false));
    let mut at = column("at", L::Timestamp, P::Timestamptz, false);
    at.default = Some(DefaultExpr::Now);
    e.columns.push(at);
    pk(&mut e, &["id"]);
    fk(
        &mut e,
        "events_workspace_id_fkey",
        &["workspace_id"],
        "workspaces",
        &["id"],
        FkAction::Cascade,
    );
    s.tables.push(e);

    let mut g = Table::new("tags");
    g.traits.global = true;
    let mut gid = column("id", L::Key(KeyKind::Cuid2), P::Text, false);
    gid.role = ColumnRole::PrimaryKey;
    g.columns.push(gid);
    g.columns.push(column("label", L::String(12), P::Text, false));
    let colors = vec!["red".to_string(), "green".into()];
    g.columns.push(column(
        "color",
        L::Enum {
            name: "tag_color".into(),
            values: colors.clone(),
        },
        P::Text,
        false,
    ));
    for (name, l, p) in [
        ("weight", L::SmallInt, P::SmallInt),
        ("hits", L::BigInt, P::BigInt),
        ("share", L::Percent, P::Numeric(5, 2)),
        ("rank", L::Decimal(4, 1), P::Numeric(4, 1)),
        ("price", L::Money, P::Numeric(19, 4)),
        ("ratio", L::Float, P::Double),
        ("active", L::Bool, P::Boolean),
        ("born", L::Date, P::Date),
        ("opens", L::Time, P::Time),
        ("seen", L::Timestamp, P::Timestamptz),
        ("ttl", L::Duration, P::Interval),
        ("ext_id", L::Uuid, P::Uuid),
        ("meta", L::Json, P::Jsonb),
        ("blob", L::Bytes, P::Bytea),
        ("site", L::Url, P::Text),
        ("contact", L::Email, P::Text),
    ] {
        g.columns.push(column(name, l, p, false));
    }
    g.columns.push(column("note", L::Text, P::Text, true));
    check(
        &mut g,
        "tags_label_check",
        CheckExpr::MaxLength {
            column: "label".into(),
            max: 12,
        },
    );
    check(
        &mut g,
        "tags_color_check",
        CheckExpr::InList {
            column: "color".into(),
            values: colors,
        },
    );
    check(
        &mut g,
        "tags_share_check",
        CheckExpr::Between {
            column: "share".into(),
            low: "0".into(),
            high: "100".into(),
        },
    );
    pk(&mut g, &["id"]);
    s.tables.push(g);

    let mut a = Table::new("audit_log");
    a.traits.global = true;
    a.traits.append_only = false;
    let mut aid = column("id", L::Key(KeyKind::BigintIdentity), P::BigInt, false);
    aid.identity = Some(Identity::Always);
    a.columns.push(aid);
    let mut at = column("at", L::Timestamp, P::Timestamptz, false);
    at.default = Some(DefaultExpr::Now);
    a.columns.push(at);
    a.columns.push(column("actor", L::Text, P::Text, true));
    a.columns.push(column("action", L::Text, P::Text, false));
    a.columns.push(column("table_name", L::Text, P::Text, false));
    a.columns.push(column("row_key", L::Json, P::Jsonb, false));
    a.columns.push(column("before", L::Json, P::Jsonb, true));
    a.columns.push(column("after", L::Json, P::Jsonb, true));
    a.columns.push(column("workspace_id", L::Uuid, P::Uuid, true));
    check(
        &mut a,
        "audit_log_action_check",
        CheckExpr::InList {
            column: "action".into(),
            values: vec!["insert".into(), "update".into(), "delete".into()],
        },
    );
    pk(&mut a, &["id"]);
    s.tables.push(a);

    s.add_routine(Routine {
        name: "audit_row".into(),
        kind: RoutineKind::AuditRow {
            audit_table: "audit_log".into(),
            tenant_column: Some("workspace_id".into()),
        },
    });
    s
}

/// Correct DDL for [`schema`], one statement per string.
pub fn ddl() -> Vec<String> {
    let mut out: Vec<String> = DDL
        .split("\n\n")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    for t in ["workspaces", "users", "projects", "tasks"] {
        out.push(format!(
            "CREATE TRIGGER {t}_touch BEFORE UPDATE ON {t} FOR EACH ROW EXECUTE FUNCTION touch();"
        ));
    }
    for (t, tenant) in [("users", ""), ("projects", "workspace_id"), ("tasks", "workspace_id")] {
        out.push(format!(
            "CREATE TRIGGER {t}_audit AFTER INSERT OR UPDATE OR DELETE ON {t} FOR EACH ROW EXECUTE FUNCTION audit_row('{tenant}', 'id');"
        ));
    }
    for (t, col) in [
        ("workspaces", "id"),
        ("projects", "workspace_id"),
        ("tasks", "workspace_id"),
        ("events", "workspace_id"),
    ] {
        out.push(format!("ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;"));
        out.push(format!("ALTER TABLE {t} FORCE ROW LEVEL SECURITY;"));
        out.push(format!(
            "CREATE POLICY {t}_tenant ON {t} FOR ALL USING ({col} = nullif(current_setting('app.tenant_id', true), '')::uuid) \
             WITH CHECK ({col} = nullif(current_setting('app.tenant_id', true), '')::uuid);"
        ));
    }
    out
}

/// [`ddl`] with `statement` removed; panics if it was not there, so a
/// broken variant can never silently be the correct one.
pub fn ddl_without(statement: &str) -> Vec<String> {
    let all = ddl();
    let n = all.len();
    let kept: Vec<String> = all.into_iter().filter(|s| s != statement).collect();
    assert_eq!(kept.len(), n - 1, "statement not found: {statement}");
    kept
}

/// [`ddl`] with `from` replaced by `to` inside one statement.
pub fn ddl_replacing(from: &str, to: &str) -> Vec<String> {
    let all = ddl();
    assert_eq!(
        all.iter().filter(|s| s.contains(from)).count(),
        1,
        "text not found exactly once: {from}"
    );
    all.into_iter().map(|s| s.replace(from, to)).collect()
}

pub fn statements(ddl: &[String]) -> Vec<SqlStatement> {
    ddl.iter()
        .enumerate()
        .map(|(i, s)| SqlStatement {
            sql: s.clone(),
            object: format!("statement {i}"),
            origin: None,
        })
        .collect()
}

/// Applies `ddl` to `db`, panicking with the server's explanation.
pub fn apply_ddl(db: &Database, ddl: &[String]) {
    let mut client = db.client().unwrap();
    if let Err(e) = apply(&mut client, &statements(ddl)) {
        panic!("{e}");
    }
}

const DDL: &str = r#"
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

CREATE FUNCTION bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END;
$$;

CREATE FUNCTION reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TABLE workspaces (
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  name       text NOT NULL,
  slug       text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  plan       text NOT NULL DEFAULT 'free',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT workspaces_pkey PRIMARY KEY (id),
  CONSTRAINT workspaces_slug_key UNIQUE (slug),
  CONSTRAINT workspaces_plan_check CHECK (plan IN ('free', 'pro'))
);

CREATE TABLE users (
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  email      text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
  name       text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CONSTRAINT users_pkey PRIMARY KEY (id)
);

CREATE UNIQUE INDEX users_email_key ON users (email) WHERE deleted_at IS NULL;

CREATE TABLE projects (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL,
  name         text NOT NULL,
  slug         text NOT NULL,
  budget       numeric(12,2),
  progress     numeric(5,2) NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  deleted_at   timestamptz,
  CONSTRAINT projects_pkey PRIMARY KEY (id),
  CONSTRAINT projects_workspace_id_id_key UNIQUE (workspace_id, id),
  CONSTRAINT projects_progress_check CHECK (progress BETWEEN 0 AND 100),
  CONSTRAINT projects_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX projects_workspace_id_slug_key ON projects (workspace_id, slug) WHERE deleted_at IS NULL;

CREATE TABLE tasks (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL,
  project_id   uuid NOT NULL,
  title        text NOT NULL,
  status       text NOT NULL DEFAULT 'todo',
  due_date     date,
  assignee_id  uuid,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT tasks_pkey PRIMARY KEY (id),
  CONSTRAINT tasks_title_check CHECK (char_length(title) <= 20),
  CONSTRAINT tasks_status_check CHECK (status IN ('todo', 'doing', 'done')),
  CONSTRAINT tasks_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,
  CONSTRAINT tasks_project_fkey FOREIGN KEY (workspace_id, project_id)
    REFERENCES projects (workspace_id, id) ON DELETE CASCADE,
  CONSTRAINT tasks_assignee_id_fkey FOREIGN KEY (assignee_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE events (
  id           bigint GENERATED ALWAYS AS IDENTITY,
  workspace_id uuid NOT NULL,
  kind         text NOT NULL,
  payload      jsonb NOT NULL,
  at           timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_pkey PRIMARY KEY (id),
  CONSTRAINT events_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE TABLE tags (
  id      text NOT NULL,
  label   text NOT NULL,
  color   text NOT NULL,
  weight  smallint NOT NULL,
  hits    bigint NOT NULL,
  share   numeric(5,2) NOT NULL,
  rank    numeric(4,1) NOT NULL,
  price   numeric(19,4) NOT NULL,
  ratio   double precision NOT NULL,
  active  boolean NOT NULL,
  born    date NOT NULL,
  opens   time NOT NULL,
  seen    timestamptz NOT NULL,
  ttl     interval NOT NULL,
  ext_id  uuid NOT NULL,
  meta    jsonb NOT NULL,
  blob    bytea NOT NULL,
  site    text NOT NULL,
  contact text NOT NULL,
  note    text,
  CONSTRAINT tags_pkey PRIMARY KEY (id),
  CONSTRAINT tags_id_check CHECK (id ~ '^[a-z][a-z0-9]{23}$'),
  CONSTRAINT tags_label_check CHECK (char_length(label) <= 12),
  CONSTRAINT tags_color_check CHECK (color IN ('red', 'green')),
  CONSTRAINT tags_share_check CHECK (share BETWEEN 0 AND 100)
);

CREATE TABLE audit_log (
  id           bigint GENERATED ALWAYS AS IDENTITY,
  at           timestamptz NOT NULL DEFAULT now(),
  actor        text,
  action       text NOT NULL,
  table_name   text NOT NULL,
  row_key      jsonb NOT NULL,
  before       jsonb,
  after        jsonb,
  workspace_id uuid,
  CONSTRAINT audit_log_pkey PRIMARY KEY (id),
  CONSTRAINT audit_log_action_check CHECK (action IN ('insert', 'update', 'delete'))
);

CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
  row_data jsonb := coalesce(new_row, old_row);
  row_key jsonb := '{}'::jsonb;
BEGIN
  FOR i IN 1 .. TG_NARGS - 1 LOOP
    row_key := row_key || jsonb_build_object(TG_ARGV[i], row_data -> TG_ARGV[i]);
  END LOOP;
  INSERT INTO audit_log (workspace_id, actor, action, table_name, row_key, before, after)
  VALUES (CASE WHEN TG_ARGV[0] <> '' THEN (row_data ->> TG_ARGV[0])::uuid END,
          nullif(current_setting('app.actor_id', true), ''),
          lower(TG_OP), TG_TABLE_NAME, row_key, old_row, new_row);
  RETURN NULL;
END;
$$;

CREATE TRIGGER tasks_bump_version BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION bump_version();

CREATE TRIGGER events_reject_change BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION reject_change();
"#;
