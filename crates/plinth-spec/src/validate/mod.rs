//! Semantic checks. After these pass, the design passes can trust the tree
//! (see the contract in [`crate::ast`]).

mod attrs;
mod entity;
mod graph;
mod items;
mod keys;
mod settings;
mod types;

use crate::ast::*;
use crate::diagnostic::Diagnostic;
use crate::settings::Settings;
use std::collections::{HashMap, HashSet};

/// Every diagnostic code with a one-line meaning (also in
/// docs/spec-language.md; a test keeps the two in sync).
pub const CODES: &[(&str, &str)] = &[
    (
        "spec::unexpected-token",
        "a token that cannot appear here (syntax error)",
    ),
    ("spec::unterminated-block", "a `{` without its `}`"),
    ("spec::unterminated-string", "a string without its closing quote"),
    ("spec::unclosed-paren", "a `(` without its `)` on the same line"),
    (
        "spec::unknown-keyword",
        "a top-level word that is not settings/entity/enum/query/volume",
    ),
    ("spec::invalid-number", "a malformed or out-of-range number"),
    ("spec::bad-name", "an empty or multi-line quoted name"),
    (
        "spec::bad-type-args",
        "wrong or out-of-range type arguments (`string(0)`, `decimal(2, 5)`)",
    ),
    (
        "spec::unknown-type",
        "a type that is neither built in nor a declared enum",
    ),
    (
        "spec::unknown-entity",
        "a relation target, tenant or volume naming no entity",
    ),
    ("spec::name-conflict", "an enum and an entity with the same name"),
    ("spec::reserved-name", "an enum named like a built-in type"),
    ("spec::duplicate-entity", "two entities with the same name"),
    ("spec::duplicate-field", "two fields with the same name in one entity"),
    ("spec::duplicate-column", "two fields that become the same column"),
    ("spec::duplicate-enum", "two enums with the same name"),
    ("spec::duplicate-variant", "an enum variant listed twice"),
    ("spec::duplicate-setting", "a settings key given twice"),
    ("spec::duplicate-settings-block", "more than one `settings` block"),
    ("spec::duplicate-query", "two queries with the same name"),
    ("spec::duplicate-query-key", "`sql` or `rate` given twice in a query"),
    ("spec::duplicate-volume", "two volumes for the same entity"),
    ("spec::duplicate-attribute", "the same attribute twice on one node"),
    ("spec::empty-enum", "an enum without variants"),
    (
        "spec::bad-primary-key",
        "an `@id` on a nullable field, or an `@@id` naming an optional relation or a convention column",
    ),
    (
        "spec::duplicate-primary-key",
        "more than one `@id` in an entity, or `@id` together with `@@id`",
    ),
    (
        "spec::natural-key-unsupported",
        "`@id`/`@@id` on the tenant entity or on an entity in a `<->` relation (not supported yet)",
    ),
    ("spec::bad-default", "a `= default` that does not fit the field's type"),
    (
        "spec::unknown-variant",
        "an enum default that is not a variant of the enum",
    ),
    (
        "spec::default-conflict",
        "both `= value` and `@default(...)` on one field",
    ),
    ("spec::unknown-attribute", "an attribute plinth does not know"),
    ("spec::attribute-not-allowed", "a known attribute in the wrong position"),
    ("spec::bad-attribute-arg", "wrong arguments to an attribute"),
    (
        "spec::conflicting-traits",
        "entity attributes that contradict each other",
    ),
    ("spec::unknown-setting", "a settings key plinth does not know"),
    ("spec::bad-setting-value", "a settings value of the wrong kind"),
    (
        "spec::unsupported-dialect",
        "a dialect or version plinth does not target",
    ),
    (
        "spec::reserved-column",
        "a field whose column a convention already adds",
    ),
    (
        "spec::required-cycle",
        "required relations that form a cycle, so no row can be inserted first",
    ),
    (
        "spec::unknown-field",
        "an `@@unique`/`@@index` argument naming no field",
    ),
    ("spec::missing-sql", "a query without (or with empty) `sql`"),
    ("spec::unknown-query-key", "a query key other than `sql`/`rate`"),
    ("spec::unknown-rate-unit", "a rate unit other than s/min/h/day"),
    ("spec::bad-rate", "a rate that is zero, negative or not finite"),
    (
        "spec::global-without-tenant",
        "warning: `@global` has no effect without a tenant setting",
    ),
];

/// Everything validation looks names up in.
pub(crate) struct Ctx<'a> {
    pub settings: Settings,
    pub entities: HashMap<&'a str, &'a Entity>,
    pub enums: HashMap<&'a str, &'a EnumDecl>,
    pub diags: &'a mut Vec<Diagnostic>,
    /// Spans of syntax errors, to keep follow-on errors quiet (a query
    /// whose `sql` line did not parse is not also "missing sql").
    pub syntax_errors: Vec<Span>,
    /// Items the parser dropped; references to them are not reported again.
    pub broken_names: HashSet<String>,
}

impl Ctx<'_> {
    /// Whether a syntax error lies inside `span` (its checks may see a
    /// partial body).
    pub fn has_syntax_error_in(&self, span: Span) -> bool {
        self.syntax_errors
            .iter()
            .any(|e| e.start >= span.start && e.start <= span.end)
    }
}

impl Ctx<'_> {
    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    pub fn entity_names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.entities.keys().copied().collect();
        v.sort_unstable();
        v
    }
}

/// Run every check, appending to `diags`; returns the typed settings
/// (defaults where the block is missing or broken).
pub(crate) fn validate(file: &SpecFile, diags: &mut Vec<Diagnostic>, broken_names: Vec<String>) -> Settings {
    let syntax_errors = diags.iter().filter(|d| d.is_error()).map(|d| d.span).collect();
    let settings = settings::check_settings(file, diags);
    let mut ctx = Ctx {
        settings,
        entities: HashMap::new(),
        enums: HashMap::new(),
        diags,
        syntax_errors,
        broken_names: broken_names.into_iter().collect(),
    };
    items::collect_names(file, &mut ctx);
    settings::check_tenant(file, &mut ctx);
    for item in &file.items {
        match item {
            Item::Entity(e) => entity::check_entity(e, &mut ctx),
            Item::Enum(e) => items::check_enum(e, &mut ctx),
            Item::Query(_) | Item::Volume(_) | Item::Settings(_) => {}
        }
    }
    items::check_queries(file, &mut ctx);
    items::check_volumes(file, &mut ctx);
    graph::check_cycles(file, &mut ctx);
    ctx.settings
}
