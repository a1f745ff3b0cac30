//! ALTER TABLE subcommands → [`AlterAction`]s.

use super::columns::{column, constraint, default, type_name};
use super::statements::name;
use pg_query::protobuf::{self, AlterTableType};
use pg_query::NodeEnum;
use plinth_lint::migration::{AlterAction, Name, Op};

pub(super) fn alter_table(s: &protobuf::AlterTableStmt) -> Op {
    let table = s.relation.as_ref().map(name).unwrap_or_else(|| Name::new(""));
    let actions = s
        .cmds
        .iter()
        .filter_map(|c| match c.node.as_ref()? {
            NodeEnum::AlterTableCmd(cmd) => Some(action(cmd)),
            _ => None,
        })
        .collect();
    Op::AlterTable {
        table,
        if_exists: s.missing_ok,
        actions,
    }
}

fn action(cmd: &protobuf::AlterTableCmd) -> AlterAction {
    use AlterTableType as A;
    let ty = A::try_from(cmd.subtype).unwrap_or(A::Undefined);
    let def = cmd.def.as_deref().and_then(|d| d.node.as_ref());
    let col = || cmd.name.clone();
    match (ty, def) {
        (A::AtAddColumn, Some(NodeEnum::ColumnDef(c))) => AlterAction::AddColumn {
            column: column(c),
            if_not_exists: cmd.missing_ok,
        },
        (A::AtDropColumn, _) => AlterAction::DropColumn {
            column: col(),
            if_exists: cmd.missing_ok,
        },
        (A::AtAlterColumnType, Some(NodeEnum::ColumnDef(c))) => AlterAction::AlterType {
            column: col(),
            type_name: type_name(c.type_name.as_ref()),
            using: c.raw_default.as_deref().map(super::expr::text),
        },
        (A::AtSetNotNull, _) => AlterAction::SetNotNull { column: col() },
        (A::AtDropNotNull, _) => AlterAction::DropNotNull { column: col() },
        (A::AtColumnDefault, Some(d)) => AlterAction::SetDefault {
            column: col(),
            default: default(&protobuf::Node { node: Some(d.clone()) }),
        },
        (A::AtColumnDefault, None) => AlterAction::DropDefault { column: col() },
        (A::AtAddConstraint, Some(NodeEnum::Constraint(k))) => match constraint(k) {
            Some(c) => AlterAction::AddConstraint(c),
            None => AlterAction::Other {
                kind: "ADD CONSTRAINT".into(),
            },
        },
        (A::AtValidateConstraint, _) => AlterAction::ValidateConstraint { name: col() },
        (A::AtDropConstraint, _) => AlterAction::DropConstraint {
            name: col(),
            if_exists: cmd.missing_ok,
        },
        (A::AtEnableRowSecurity | A::AtForceRowSecurity, _) => AlterAction::EnableRowLevelSecurity,
        (A::AtAttachPartition, Some(NodeEnum::PartitionCmd(p))) => AlterAction::AttachPartition {
            partition: p.name.as_ref().map(name).unwrap_or_else(|| Name::new("")),
        },
        (A::AtDetachPartition, Some(NodeEnum::PartitionCmd(p))) => AlterAction::DetachPartition {
            partition: p.name.as_ref().map(name).unwrap_or_else(|| Name::new("")),
            concurrently: p.concurrent,
        },
        (A::AtSetTableSpace, _) => AlterAction::SetTablespace,
        (other, _) => AlterAction::Other {
            kind: format!("{other:?}").trim_start_matches("At").to_string(),
        },
    }
}
