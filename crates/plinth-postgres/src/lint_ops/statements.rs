//! One parsed statement → one [`Op`].

use super::{alter, columns};
use crate::import::nodes::{const_str, string, strings};
use pg_query::protobuf::{self, ObjectType, RangeVar, TransactionStmtKind};
use pg_query::NodeEnum;
use plinth_lint::migration::{DmlKind, EnumChange, IndexDef, Name, Op};

pub(super) fn op(node: &NodeEnum) -> Op {
    match node {
        NodeEnum::CreateStmt(s) => columns::create_table(s),
        NodeEnum::AlterTableStmt(s) => alter::alter_table(s),
        NodeEnum::IndexStmt(s) => Op::CreateIndex(index(s)),
        NodeEnum::DropStmt(s) => drop(s),
        NodeEnum::RenameStmt(s) => rename(s),
        NodeEnum::ReindexStmt(s) => Op::Reindex {
            concurrently: has_option(&s.params, "concurrently"),
            target: s
                .relation
                .as_ref()
                .map(|r| name(r).to_string())
                .unwrap_or_else(|| s.name.clone()),
        },
        NodeEnum::CreateEnumStmt(s) => Op::CreateEnum {
            name: qualified(&strings(&s.type_name)),
            values: s.vals.iter().filter_map(string).map(str::to_string).collect(),
        },
        NodeEnum::AlterEnumStmt(s) => alter_enum(s),
        NodeEnum::TruncateStmt(s) => Op::Truncate {
            tables: relations(&s.relations),
        },
        NodeEnum::VacuumStmt(s) => vacuum(s),
        NodeEnum::ClusterStmt(s) => Op::Rewrite {
            command: "CLUSTER".into(),
            table: s.relation.as_ref().map(name),
        },
        NodeEnum::TransactionStmt(s) => transaction(s),
        NodeEnum::VariableSetStmt(s) => Op::Set {
            name: s.name.to_ascii_lowercase(),
            value: s.args.iter().filter_map(const_str).collect::<Vec<_>>().join(", "),
            local: s.is_local,
        },
        NodeEnum::UpdateStmt(s) => dml(DmlKind::Update, s.relation.as_ref(), s.where_clause.is_some()),
        NodeEnum::DeleteStmt(s) => dml(DmlKind::Delete, s.relation.as_ref(), s.where_clause.is_some()),
        NodeEnum::InsertStmt(s) => dml(DmlKind::Insert, s.relation.as_ref(), true),
        NodeEnum::DoStmt(_) => Op::Opaque { kind: "DO".into() },
        NodeEnum::CallStmt(_) => Op::Opaque { kind: "CALL".into() },
        NodeEnum::SelectStmt(s) if calls_function(s) => Op::Opaque {
            kind: "SELECT of a function".into(),
        },
        NodeEnum::CreateTrigStmt(s) => Op::CreateTrigger {
            table: s.relation.as_ref().map(name).unwrap_or_else(|| Name::new("")),
            name: s.trigname.clone(),
        },
        NodeEnum::CreatePolicyStmt(s) => Op::CreatePolicy {
            table: s.table.as_ref().map(name).unwrap_or_else(|| Name::new("")),
            name: s.policy_name.clone(),
        },
        NodeEnum::CreateSchemaStmt(s) => create("schema", Name::new(s.schemaname.clone()), s.if_not_exists, false),
        NodeEnum::CreateExtensionStmt(s) => create("extension", Name::new(s.extname.clone()), s.if_not_exists, false),
        NodeEnum::CreateSeqStmt(s) => create(
            "sequence",
            s.sequence.as_ref().map(name).unwrap_or_else(|| Name::new("")),
            s.if_not_exists,
            false,
        ),
        NodeEnum::ViewStmt(s) => create(
            "view",
            s.view.as_ref().map(name).unwrap_or_else(|| Name::new("")),
            false,
            s.replace,
        ),
        NodeEnum::CreateFunctionStmt(s) => create(
            if s.is_procedure { "procedure" } else { "function" },
            qualified(&strings(&s.funcname)),
            false,
            s.replace,
        ),
        NodeEnum::CompositeTypeStmt(s) => create(
            "type",
            s.typevar.as_ref().map(name).unwrap_or_else(|| Name::new("")),
            false,
            false,
        ),
        NodeEnum::CreateDomainStmt(s) => create("domain", qualified(&strings(&s.domainname)), false, false),
        NodeEnum::CreateTableAsStmt(s) => {
            let target = s.into.as_ref().and_then(|i| i.rel.as_ref()).map(name);
            create(
                if s.objtype == ObjectType::ObjectMatview as i32 {
                    "materialized view"
                } else {
                    "table"
                },
                target.unwrap_or_else(|| Name::new("")),
                s.if_not_exists,
                false,
            )
        }
        other => Op::Other {
            kind: kind(other).into(),
        },
    }
}

pub(super) fn name(rv: &RangeVar) -> Name {
    Name {
        schema: (!rv.schemaname.is_empty()).then(|| rv.schemaname.clone()),
        name: rv.relname.clone(),
    }
}

/// `[schema, name]` or `[name]` → a [`Name`].
pub(super) fn qualified(list: &[String]) -> Name {
    match list {
        [] => Name::new(""),
        [n] => Name::new(n.clone()),
        [.., s, n] => Name {
            schema: Some(s.clone()),
            name: n.clone(),
        },
    }
}

fn relations(list: &[protobuf::Node]) -> Vec<Name> {
    list.iter()
        .filter_map(|n| match n.node.as_ref()? {
            NodeEnum::RangeVar(rv) => Some(name(rv)),
            _ => None,
        })
        .collect()
}

fn create(kind: &str, name: Name, if_not_exists: bool, or_replace: bool) -> Op {
    Op::CreateObject {
        kind: kind.into(),
        name,
        if_not_exists,
        or_replace,
    }
}

fn index(s: &protobuf::IndexStmt) -> IndexDef {
    IndexDef {
        name: (!s.idxname.is_empty()).then(|| s.idxname.clone()),
        table: s.relation.as_ref().map(name).unwrap_or_else(|| Name::new("")),
        columns: s
            .index_params
            .iter()
            .filter_map(|p| match p.node.as_ref()? {
                NodeEnum::IndexElem(e) if !e.name.is_empty() => Some(e.name.clone()),
                NodeEnum::IndexElem(e) => e.expr.as_deref().map(super::expr::text),
                _ => None,
            })
            .collect(),
        unique: s.unique,
        concurrently: s.concurrent,
        if_not_exists: s.if_not_exists,
        partial: s.where_clause.is_some(),
    }
}

fn drop(s: &protobuf::DropStmt) -> Op {
    let kind = ObjectType::try_from(s.remove_type).unwrap_or(ObjectType::Undefined);
    let names: Vec<Name> = s
        .objects
        .iter()
        .map(|o| match o.node.as_ref() {
            Some(NodeEnum::List(l)) => qualified(&strings(&l.items)),
            Some(NodeEnum::ObjectWithArgs(f)) => qualified(&strings(&f.objname)),
            Some(NodeEnum::TypeName(t)) => qualified(&strings(&t.names)),
            Some(NodeEnum::String(x)) => Name::new(x.sval.clone()),
            _ => Name::new(""),
        })
        .collect();
    match kind {
        ObjectType::ObjectTable => Op::DropTable {
            tables: names,
            if_exists: s.missing_ok,
            cascade: s.behavior == protobuf::DropBehavior::DropCascade as i32,
        },
        ObjectType::ObjectIndex => Op::DropIndex {
            names,
            concurrently: s.concurrent,
            if_exists: s.missing_ok,
        },
        other => Op::DropObject {
            kind: object_kind(other).into(),
            names,
            if_exists: s.missing_ok,
        },
    }
}

fn rename(s: &protobuf::RenameStmt) -> Op {
    let ty = ObjectType::try_from(s.rename_type).unwrap_or(ObjectType::Undefined);
    let relation = s.relation.as_ref().map(name).unwrap_or_else(|| Name::new(""));
    match ty {
        ObjectType::ObjectTable => Op::RenameTable {
            table: relation,
            to: s.newname.clone(),
        },
        ObjectType::ObjectColumn if s.relation_type == ObjectType::ObjectTable as i32 => Op::AlterTable {
            table: relation,
            if_exists: s.missing_ok,
            actions: vec![plinth_lint::migration::AlterAction::RenameColumn {
                column: s.subname.clone(),
                to: s.newname.clone(),
            }],
        },
        ObjectType::ObjectTabconstraint => Op::AlterTable {
            table: relation,
            if_exists: s.missing_ok,
            actions: vec![plinth_lint::migration::AlterAction::RenameConstraint {
                name: s.subname.clone(),
                to: s.newname.clone(),
            }],
        },
        other => {
            let object = match s.object.as_deref().and_then(|o| o.node.as_ref()) {
                Some(NodeEnum::List(l)) => qualified(&strings(&l.items)),
                Some(NodeEnum::ObjectWithArgs(f)) => qualified(&strings(&f.objname)),
                Some(NodeEnum::String(x)) => Name::new(x.sval.clone()),
                _ if !s.subname.is_empty() => Name::new(s.subname.clone()),
                _ => relation,
            };
            Op::RenameObject {
                kind: object_kind(other).into(),
                name: object,
                to: s.newname.clone(),
            }
        }
    }
}

fn alter_enum(s: &protobuf::AlterEnumStmt) -> Op {
    let change = if s.old_val.is_empty() {
        EnumChange::AddValue {
            value: s.new_val.clone(),
            if_not_exists: s.skip_if_new_val_exists,
        }
    } else {
        EnumChange::RenameValue {
            from: s.old_val.clone(),
            to: s.new_val.clone(),
        }
    };
    Op::AlterEnum {
        name: qualified(&strings(&s.type_name)),
        change,
    }
}

fn vacuum(s: &protobuf::VacuumStmt) -> Op {
    let table = s.rels.iter().find_map(|r| match r.node.as_ref()? {
        NodeEnum::VacuumRelation(v) => v.relation.as_ref().map(name),
        _ => None,
    });
    if s.is_vacuumcmd && has_option(&s.options, "full") {
        Op::Rewrite {
            command: "VACUUM FULL".into(),
            table,
        }
    } else {
        Op::Other {
            kind: if s.is_vacuumcmd { "VACUUM" } else { "ANALYZE" }.into(),
        }
    }
}

fn transaction(s: &protobuf::TransactionStmt) -> Op {
    use TransactionStmtKind as K;
    match K::try_from(s.kind).unwrap_or(K::Undefined) {
        K::TransStmtBegin | K::TransStmtStart => Op::Begin,
        K::TransStmtCommit => Op::Commit,
        K::TransStmtRollback => Op::Rollback,
        K::TransStmtSavepoint => Op::Other {
            kind: "SAVEPOINT".into(),
        },
        K::TransStmtRelease => Op::Other { kind: "RELEASE".into() },
        K::TransStmtRollbackTo => Op::Other {
            kind: "ROLLBACK TO".into(),
        },
        _ => Op::Other {
            kind: "two-phase commit".into(),
        },
    }
}

fn dml(kind: DmlKind, relation: Option<&RangeVar>, has_where: bool) -> Op {
    Op::Dml {
        kind,
        table: relation.map(name).unwrap_or_else(|| Name::new("")),
        has_where,
    }
}

/// `(FULL)`, `CONCURRENTLY` and friends are `DefElem`s named in lower case.
fn has_option(options: &[protobuf::Node], option: &str) -> bool {
    options
        .iter()
        .any(|o| matches!(o.node.as_ref(), Some(NodeEnum::DefElem(d)) if d.defname == option))
}

/// `SELECT f(...)` without FROM: a migration calling a function for its effect.
fn calls_function(s: &protobuf::SelectStmt) -> bool {
    s.from_clause.is_empty()
        && s.target_list.iter().any(|t| match t.node.as_ref() {
            Some(NodeEnum::ResTarget(r)) => matches!(
                r.val.as_deref().and_then(|v| v.node.as_ref()),
                Some(NodeEnum::FuncCall(_))
            ),
            _ => false,
        })
}

fn object_kind(t: ObjectType) -> &'static str {
    use ObjectType as O;
    match t {
        O::ObjectTable => "table",
        O::ObjectIndex => "index",
        O::ObjectView => "view",
        O::ObjectMatview => "materialized view",
        O::ObjectFunction => "function",
        O::ObjectProcedure => "procedure",
        O::ObjectRoutine => "routine",
        O::ObjectType => "type",
        O::ObjectDomain => "domain",
        O::ObjectSequence => "sequence",
        O::ObjectSchema => "schema",
        O::ObjectExtension => "extension",
        O::ObjectTrigger => "trigger",
        O::ObjectPolicy => "policy",
        O::ObjectDatabase => "database",
        O::ObjectTabconstraint => "constraint",
        O::ObjectColumn => "column",
        O::ObjectCollation => "collation",
        O::ObjectAggregate => "aggregate",
        O::ObjectOperator => "operator",
        O::ObjectRule => "rule",
        O::ObjectRole => "role",
        _ => "object",
    }
}

/// A short, readable kind for statements the rules do not read.
fn kind(n: &NodeEnum) -> &'static str {
    match n {
        NodeEnum::CommentStmt(_) => "COMMENT",
        NodeEnum::GrantStmt(_) | NodeEnum::GrantRoleStmt(_) => "GRANT",
        NodeEnum::AlterOwnerStmt(_) => "ALTER OWNER",
        NodeEnum::SelectStmt(_) => "SELECT",
        NodeEnum::CopyStmt(_) => "COPY",
        NodeEnum::LockStmt(_) => "LOCK",
        NodeEnum::AlterSeqStmt(_) => "ALTER SEQUENCE",
        NodeEnum::AlterFunctionStmt(_) => "ALTER FUNCTION",
        NodeEnum::AlterDomainStmt(_) => "ALTER DOMAIN",
        NodeEnum::AlterPolicyStmt(_) => "ALTER POLICY",
        NodeEnum::AlterExtensionStmt(_) => "ALTER EXTENSION",
        NodeEnum::AlterObjectSchemaStmt(_) => "ALTER ... SET SCHEMA",
        NodeEnum::CreateRoleStmt(_) => "CREATE ROLE",
        NodeEnum::RuleStmt(_) => "CREATE RULE",
        NodeEnum::DefineStmt(_) => "CREATE (definition)",
        NodeEnum::ExplainStmt(_) => "EXPLAIN",
        NodeEnum::RefreshMatViewStmt(_) => "REFRESH MATERIALIZED VIEW",
        NodeEnum::NotifyStmt(_) => "NOTIFY",
        NodeEnum::CreatedbStmt(_) => "CREATE DATABASE",
        NodeEnum::MergeStmt(_) => "MERGE",
        _ => "statement",
    }
}
