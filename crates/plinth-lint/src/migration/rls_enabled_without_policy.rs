//! `rls-enabled-without-policy`: ENABLE ROW LEVEL SECURITY with no policy.

use super::util::table_subject;
use super::{AlterAction, Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "rls-enabled-without-policy",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "Row-level security enabled with no policy hides every row",
        what: "Finds ALTER TABLE ... ENABLE ROW LEVEL SECURITY when the table has no policy before it and the \
               same file creates none after it.",
        why: "With RLS on and no policy, every role except the owner and superusers sees no rows and cannot \
              write any: the application's queries return nothing the moment the migration commits.",
        example: "ALTER TABLE documents ENABLE ROW LEVEL SECURITY;",
        fix: "Create the policies in the same migration, before or right after enabling RLS: \
              `CREATE POLICY tenant_isolation ON documents USING (tenant_id = current_setting('app.tenant_id')::bigint);`",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::AlterTable { table, actions, .. } = &cx.statement.op else {
        return;
    };
    if !actions.iter().any(|a| matches!(a, AlterAction::EnableRowLevelSecurity)) {
        return;
    }
    let has_policy = cx.state.tables_with_policies.contains(&table.name)
        || cx
            .rest
            .iter()
            .any(|s| matches!(&s.op, Op::CreatePolicy { table: t, .. } if t.name == table.name));
    if has_policy {
        return;
    }
    out.push(
        Finding::new(
            &RULE.meta,
            table_subject(table),
            format!("row-level security on {table} with no policy: every non-owner query sees no rows"),
        )
        .help("create the table's policies in the same migration"),
    );
}
