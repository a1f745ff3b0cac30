//! `ignore-unused`: an inline `plinth-ignore` comment that suppressed
//! nothing. Reported by [`super::ignores::apply`], not by a check.

use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "ignore-unused",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "An inline plinth-ignore comment matches no finding",
        what: "Finds `-- plinth-ignore rule-id` (or `// plinth-ignore` in a spec) comments that suppressed no \
               finding of that rule on the object below them, and ignores naming unknown rules.",
        why: "Stale ignores hide the next real problem on that object, and a misspelt rule id ignores nothing \
              while looking like it does.",
        example: "-- plinth-ignore type-json\nCREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);",
        fix: "Delete the comment, or correct the rule id (`plinth rules` lists them).",
    },
    check,
};

fn check(_: &Schema, _: &Settings, _: &mut Vec<Finding>) {}
