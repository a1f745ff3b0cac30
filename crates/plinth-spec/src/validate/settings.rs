//! The `settings { }` block → typed [`Settings`].

use super::Ctx;
use crate::ast::*;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::settings::*;
use std::collections::HashMap;

pub(crate) const SETTING_KEYS: &[&str] = &[
    "dialect",
    "ids",
    "tenant",
    "timestamps",
    "soft_delete",
    "audit",
    "naming",
    "enums",
    "money",
];

pub(crate) fn value_span(v: &SettingValue) -> Span {
    match v {
        SettingValue::Ident(i) => i.span,
        SettingValue::IdentVersion(i, _, s) => Span::new(i.span.start, s.end),
        SettingValue::Bool(_, s) | SettingValue::Int(_, s) | SettingValue::Str(_, s) => *s,
        SettingValue::Type(t) => t.span,
    }
}

fn bad_value(key: &str, v: &SettingValue, expected: &str, help: String) -> Diagnostic {
    Diagnostic::error(
        "spec::bad-setting-value",
        format!("`{key}` must be {expected}"),
        value_span(v),
        format!("not {expected}"),
    )
    .with_help(help)
}

/// Pick one of `options` for an identifier value, or report.
fn choice<T: Copy>(
    key: &str,
    v: &SettingValue,
    options: &[(&str, T)],
    aliases: &[(&str, &str)],
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
    let list = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    if let SettingValue::Ident(i) = v {
        if let Some((_, t)) = options.iter().find(|(n, _)| *n == i.text) {
            return Some(*t);
        }
        let hint = aliases
            .iter()
            .find(|(a, _)| *a == i.text)
            .map(|(_, to)| format!("did you mean `{to}`?"))
            .or_else(|| did_you_mean(&i.text, names.iter().copied()));
        let help = match hint {
            Some(h) => format!("{h} `{key}` is one of {list}"),
            None => format!("`{key}` is one of {list}"),
        };
        diags.push(
            Diagnostic::error(
                "spec::bad-setting-value",
                format!("unknown `{key}` value `{}`", i.text),
                i.span,
                format!("not one of {list}"),
            )
            .with_help(help),
        );
        return None;
    }
    diags.push(bad_value(
        key,
        v,
        &format!("one of {list}"),
        format!("write e.g. `{key} = {}`", names[0]),
    ));
    None
}

pub(crate) fn check_settings(file: &SpecFile, diags: &mut Vec<Diagnostic>) -> Settings {
    let mut settings = Settings::default();
    let blocks: Vec<&SettingsBlock> = file
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Settings(s) => Some(s),
            _ => None,
        })
        .collect();
    let Some(block) = blocks.first() else {
        return settings;
    };
    for other in &blocks[1..] {
        diags.push(
            Diagnostic::error(
                "spec::duplicate-settings-block",
                "a spec has one `settings` block",
                Span::new(other.span.start, other.span.start + "settings".len()),
                "second `settings` block",
            )
            .with_related(
                Span::new(block.span.start, block.span.start + "settings".len()),
                "first `settings` block",
            )
            .with_help("move these keys into the first `settings` block"),
        );
    }
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for entry in &block.entries {
        let key = entry.key.text.as_str();
        if let Some(first) = seen.get(key) {
            diags.push(
                Diagnostic::error(
                    "spec::duplicate-setting",
                    format!("`{key}` is set twice"),
                    entry.key.span,
                    "set again here",
                )
                .with_related(*first, "first set here")
                .with_help(format!("keep one `{key} = ...` line")),
            );
            continue;
        }
        seen.insert(key, entry.key.span);
        let v = &entry.value;
        let flag = |diags: &mut Vec<Diagnostic>| match v {
            SettingValue::Bool(b, _) => Some(*b),
            _ => {
                diags.push(bad_value(
                    key,
                    v,
                    "`true` or `false`",
                    format!("write `{key} = true` or `{key} = false`"),
                ));
                None
            }
        };
        match key {
            "dialect" => {
                if let Some(d) = dialect(v, diags) {
                    settings.dialect = d;
                }
            }
            "ids" => {
                let opts = [
                    ("uuidv7", IdStrategy::Uuidv7),
                    ("cuid2", IdStrategy::Cuid2),
                    ("bigint_identity", IdStrategy::BigintIdentity),
                ];
                let aliases = [
                    ("uuid", "uuidv7"),
                    ("uuid7", "uuidv7"),
                    ("uuidv4", "uuidv7"),
                    ("cuid", "cuid2"),
                    ("serial", "bigint_identity"),
                    ("bigserial", "bigint_identity"),
                    ("bigint", "bigint_identity"),
                    ("identity", "bigint_identity"),
                    ("autoincrement", "bigint_identity"),
                ];
                if let Some(x) = choice(key, v, &opts, &aliases, diags) {
                    settings.ids = x;
                }
            }
            "tenant" => match v {
                SettingValue::Ident(i) if i.text == "none" && !i.quoted => settings.tenant = None,
                SettingValue::Ident(i) => settings.tenant = Some(i.text.clone()),
                _ => diags.push(bad_value(
                    key,
                    v,
                    "an entity name or `none`",
                    "write `tenant = Workspace` (the entity that owns the data) or `tenant = none`".into(),
                )),
            },
            "timestamps" => {
                if let Some(b) = flag(diags) {
                    settings.timestamps = b;
                }
            }
            "soft_delete" => {
                if let Some(b) = flag(diags) {
                    settings.soft_delete = b;
                }
            }
            "audit" => {
                if let Some(b) = flag(diags) {
                    settings.audit = b;
                }
            }
            "naming" => {
                let opts = [
                    ("snake_plural", Naming::SnakePlural),
                    ("snake_singular", Naming::SnakeSingular),
                ];
                let aliases = [
                    ("plural", "snake_plural"),
                    ("singular", "snake_singular"),
                    ("snake_case", "snake_plural"),
                    ("snake", "snake_plural"),
                ];
                if let Some(x) = choice(key, v, &opts, &aliases, diags) {
                    settings.naming = x;
                }
            }
            "enums" => {
                let opts = [("check", EnumStyle::Check), ("native", EnumStyle::Native)];
                let aliases = [("text", "check"), ("enum", "native"), ("type", "native")];
                if let Some(x) = choice(key, v, &opts, &aliases, diags) {
                    settings.enums = x;
                }
            }
            "money" => match v {
                SettingValue::Type(TypeExpr {
                    kind: TypeKind::Decimal(p, s),
                    span,
                }) => {
                    if super::types::check_decimal(*p, *s, *span, diags) {
                        settings.money = (*p, *s);
                    }
                }
                _ => diags.push(bad_value(
                    key,
                    v,
                    "`decimal(precision, scale)`",
                    "write `money = decimal(19, 4)`".into(),
                )),
            },
            other => {
                let help = did_you_mean(other, SETTING_KEYS.iter().copied())
                    .unwrap_or_else(|| format!("known settings: {}", SETTING_KEYS.join(", ")));
                diags.push(
                    Diagnostic::error(
                        "spec::unknown-setting",
                        format!("unknown setting `{other}`"),
                        entry.key.span,
                        "not a setting",
                    )
                    .with_help(help),
                );
            }
        }
    }
    settings
}

fn dialect(v: &SettingValue, diags: &mut Vec<Diagnostic>) -> Option<Dialect> {
    let (name, version, vspan) = match v {
        SettingValue::Ident(i) => (i, None, i.span),
        SettingValue::IdentVersion(i, ver, s) => (i, Some(*ver), *s),
        _ => {
            diags.push(bad_value(
                "dialect",
                v,
                "a database and version",
                "write `dialect = postgres 16`".into(),
            ));
            return None;
        }
    };
    if name.text != "postgres" {
        let help = match name.text.as_str() {
            "postgresql" | "pg" | "pgsql" => "write `dialect = postgres 16`".to_string(),
            other => did_you_mean(other, ["postgres"])
                .map(|d| format!("{d} plinth targets PostgreSQL: `dialect = postgres 16`"))
                .unwrap_or_else(|| "plinth targets PostgreSQL for now: `dialect = postgres 16`".to_string()),
        };
        diags.push(
            Diagnostic::error(
                "spec::unsupported-dialect",
                format!("unsupported dialect `{}`", name.text),
                name.span,
                "not a supported database",
            )
            .with_help(help),
        );
        return None;
    }
    let version = version.unwrap_or(Settings::default().dialect.version);
    if !(13..=18).contains(&version) {
        diags.push(
            Diagnostic::error(
                "spec::unsupported-dialect",
                format!("PostgreSQL {version} is not supported"),
                vspan,
                "outside 13–18",
            )
            .with_help("plinth targets PostgreSQL 13 to 18; write e.g. `dialect = postgres 16`"),
        );
        return None;
    }
    Some(Dialect {
        kind: DialectKind::Postgres,
        version,
    })
}

/// The tenant must name an entity (only knowable after collecting names).
pub(crate) fn check_tenant(file: &SpecFile, ctx: &mut Ctx) {
    let Some(tenant) = ctx.settings.tenant.clone() else {
        return;
    };
    if ctx.entities.contains_key(tenant.as_str()) || ctx.broken_names.contains(&tenant) {
        return;
    }
    let span = file
        .settings_block()
        .and_then(|b| b.entries.iter().find(|e| e.key.text == "tenant"))
        .map(|e| value_span(&e.value))
        .unwrap_or_default();
    let names = ctx.entity_names();
    let help = did_you_mean(&tenant, names.iter().copied())
        .unwrap_or_else(|| format!("declare `entity {tenant} @global {{ ... }}` or set `tenant = none`"));
    ctx.push(
        Diagnostic::error(
            "spec::unknown-entity",
            format!("the tenant `{tenant}` is not an entity"),
            span,
            "no entity with this name",
        )
        .with_help(help),
    );
    // Keep validating as if there were no tenant, to avoid a cascade.
    ctx.settings.tenant = None;
}
