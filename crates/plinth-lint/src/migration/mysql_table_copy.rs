//! `mysql-table-copy`: ALTER TABLE operations that MySQL/MariaDB can only
//! do by copying the table.

use super::util::table_subject;
use super::{AlterAction, Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};
use plinth_model::DialectKind;

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "mysql-table-copy",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "This ALTER forces MySQL to copy the table, blocking writes",
        what: "Finds ALTER TABLE operations that InnoDB performs only with ALGORITHM=COPY: changing a column's \
               data type (other than widening a VARCHAR within the same length-byte class), dropping the \
               primary key without adding one, and adding a STORED generated column.",
        why: "With the COPY algorithm the table is rebuilt row by row and concurrent writes wait for the whole \
              copy; on a large table that is an outage.",
        example: "ALTER TABLE orders MODIFY total DECIMAL(12,2) NOT NULL;",
        fix: "Use an online schema change tool (gh-ost, pt-online-schema-change), or add a new column and \
              backfill it in batches. Writing `ALGORITHM=INPLACE, LOCK=NONE` makes MySQL refuse instead of \
              copying silently.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::AlterTable { table, actions, .. } = &cx.statement.op else {
        return;
    };
    if cx.settings.target.dialect != DialectKind::MySql || !cx.state.is_existing(table) {
        return;
    }
    // An explicit non-copy algorithm makes the server refuse rather than copy.
    let explicit = actions.iter().any(|a| {
        matches!(a, AlterAction::MySqlOption { name, value }
            if name.eq_ignore_ascii_case("algorithm") && !value.eq_ignore_ascii_case("copy") && !value.eq_ignore_ascii_case("default"))
    });
    if explicit {
        return;
    }
    for a in actions {
        let what = match a {
            AlterAction::AlterType { column, type_name, .. } => {
                let old = cx.state.column_type(table, column);
                if old.is_some_and(|o| varchar_widening(o, type_name)) {
                    continue;
                }
                format!("changing the type of {column} to {type_name}")
            }
            AlterAction::DropConstraint { name, .. } if name.eq_ignore_ascii_case("primary") => {
                if actions.iter().any(|a| {
                    matches!(a, AlterAction::AddConstraint(c) if matches!(c.kind, super::ConstraintKind::PrimaryKey { .. }))
                }) {
                    continue;
                }
                "dropping the primary key".to_string()
            }
            AlterAction::AddColumn { column, .. } if column.generated_stored => {
                format!("adding the STORED generated column {}", column.name)
            }
            _ => continue,
        };
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!("{what} makes MySQL copy {table} row by row, blocking writes until it ends"),
            )
            .help("use gh-ost / pt-online-schema-change, or a new column with a batched backfill"),
        );
    }
}

/// `varchar(n)` → `varchar(m)`, m ≥ n, both under or both over 64 characters
/// (the 1-byte / 2-byte length prefix with utf8mb4): done in place.
fn varchar_widening(old: &str, new: &str) -> bool {
    let len = |t: &str| -> Option<u32> { t.strip_prefix("varchar(")?.strip_suffix(')')?.trim().parse().ok() };
    match (len(&old.to_ascii_lowercase()), len(&new.to_ascii_lowercase())) {
        (Some(o), Some(n)) => n >= o && (n < 64) == (o < 64),
        _ => false,
    }
}
