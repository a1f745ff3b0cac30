//! `plinth.toml` `[lint]` → [`LintConfig`] (pure: the CLI finds and reads
//! the file). Unknown keys and unknown rule ids are errors with a hint.
//!
//! ```toml
//! [lint]
//! select = ["fk", "index", "type-json"]    # ids or groups; only these run
//! ignore = ["name-mixed-case"]            # ids or groups that never run
//! dialect = "postgres"                     # postgres | mysql | sqlite
//! version = 15                             # major; `minor = 4` for 14.4-style checks
//! assume-in-transaction = true             # migration files run in a transaction
//! large-tables = ["events", "orders"]
//! exclude = ["migrations/legacy/**"]       # globs, relative to plinth.toml
//! severity-threshold = "error"             # exit 1 at or above
//!
//! [lint.severity]
//! type-varchar-length = "warning"          # info | warning | error | off
//! ```

use crate::rule::Severity;
use crate::settings::Settings;
use plinth_model::{DialectKind, Target};
use std::collections::BTreeMap;
use std::ops::Range;

/// The `[lint]` table, parsed and checked against the known rules.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LintConfig {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub severities: BTreeMap<String, Option<Severity>>,
    pub dialect: Option<DialectKind>,
    pub version: Option<u32>,
    pub minor: Option<u32>,
    pub assume_in_transaction: Option<bool>,
    pub large_tables: Vec<String>,
    pub exclude: Vec<String>,
    pub threshold: Option<Severity>,
}

/// A configuration error, located in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    pub help: String,
    pub span: Option<Range<usize>>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}\n  help: {}", self.message, self.help)
    }
}

const KEYS: &[&str] = &[
    "select",
    "ignore",
    "severity",
    "dialect",
    "version",
    "minor",
    "assume-in-transaction",
    "large-tables",
    "exclude",
    "severity-threshold",
];

/// Parses plinth.toml text; `known` is every rule id. A file without a
/// `[lint]` table is the default configuration.
pub fn parse(text: &str, known: &[&str]) -> Result<LintConfig, ConfigError> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| ConfigError {
        message: format!("plinth.toml is not valid TOML: {}", e.message()),
        help: "see the [lint] example in the README".into(),
        span: e.span(),
    })?;
    let Some(lint) = table.get("lint") else {
        return Ok(LintConfig::default());
    };
    let lint = lint
        .as_table()
        .ok_or_else(|| error(text, "lint", "`lint` must be a table: [lint]", "write [lint]"))?;
    let mut config = LintConfig::default();
    for (key, value) in lint {
        let wrong = |what: &str| {
            error(
                text,
                key,
                &format!("`{key}` must be {what}"),
                "see the [lint] example in the README",
            )
        };
        match key.as_str() {
            "select" => config.select = Some(rules(text, key, value, known)?),
            "ignore" => config.ignore = rules(text, key, value, known)?,
            "severity" => {
                let t = value.as_table().ok_or_else(|| wrong("a table of rule = \"level\""))?;
                for (id, level) in t {
                    check_rule(text, id, known)?;
                    let level = level.as_str().ok_or_else(|| wrong("a table of rule = \"level\""))?;
                    let parsed = match level {
                        "off" | "none" => None,
                        other => Some(Severity::parse(other).ok_or_else(|| {
                            error(
                                text,
                                level,
                                &format!("unknown severity `{level}` for {id}"),
                                "use info, warning, error or off",
                            )
                        })?),
                    };
                    config.severities.insert(id.clone(), parsed);
                }
            }
            "dialect" => {
                let d = value.as_str().ok_or_else(|| wrong("a string"))?;
                config.dialect = Some(match d {
                    "postgres" | "postgresql" | "pg" => DialectKind::Postgres,
                    "mysql" | "mariadb" => DialectKind::MySql,
                    "sqlite" => DialectKind::Sqlite,
                    _ => {
                        return Err(error(
                            text,
                            d,
                            &format!("unknown dialect `{d}`"),
                            "use postgres, mysql or sqlite",
                        ))
                    }
                });
            }
            "version" | "minor" => {
                let v = value
                    .as_integer()
                    .filter(|v| (0..1000).contains(v))
                    .ok_or_else(|| wrong("a number like 15"))? as u32;
                if key == "version" {
                    config.version = Some(v);
                } else {
                    config.minor = Some(v);
                }
            }
            "assume-in-transaction" => {
                config.assume_in_transaction = Some(value.as_bool().ok_or_else(|| wrong("true or false"))?)
            }
            "large-tables" => config.large_tables = strings(value).ok_or_else(|| wrong("a list of table names"))?,
            "exclude" => config.exclude = strings(value).ok_or_else(|| wrong("a list of globs"))?,
            "severity-threshold" => {
                let s = value
                    .as_str()
                    .and_then(Severity::parse)
                    .ok_or_else(|| wrong("info, warning or error"))?;
                config.threshold = Some(s);
            }
            other => {
                let hint = closest(other, KEYS)
                    .map(|k| format!("did you mean `{k}`?"))
                    .unwrap_or_else(|| format!("known keys: {}", KEYS.join(", ")));
                return Err(error(text, other, &format!("unknown key `{other}` in [lint]"), &hint));
            }
        }
    }
    Ok(config)
}

impl LintConfig {
    /// The settings for a schema or migrations whose own target is
    /// `default` (the spec's settings, or PostgreSQL 15); the file wins.
    pub fn settings(&self, default: Target) -> Settings {
        let mut s = Settings::new(Target {
            dialect: self.dialect.unwrap_or(default.dialect),
            version: self.version.unwrap_or(default.version),
        });
        s.minor = self.minor;
        if let Some(t) = self.assume_in_transaction {
            s.assume_in_transaction = t;
        }
        s.large_tables = self.large_tables.clone();
        let all = crate::all_rules();
        if let Some(select) = &self.select {
            for r in &all {
                if !select.iter().any(|x| matches(x, r.id)) {
                    s.overrides.insert(r.id.to_string(), None);
                } else {
                    // Selecting a rule by id turns on rules that are off by default.
                    s.overrides.entry(r.id.to_string()).or_insert(Some(r.severity));
                }
            }
        }
        for r in &all {
            if self.ignore.iter().any(|x| matches(x, r.id)) {
                s.overrides.insert(r.id.to_string(), None);
            }
        }
        for (id, level) in &self.severities {
            s.overrides.insert(id.clone(), *level);
        }
        s
    }
}

/// `x` selects `id`: the id itself, or its group (`fk` selects `fk-cycle`).
fn matches(x: &str, id: &str) -> bool {
    x == id || id.strip_prefix(x).is_some_and(|rest| rest.starts_with('-'))
}

fn strings(value: &toml::Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect()
}

fn rules(text: &str, key: &str, value: &toml::Value, known: &[&str]) -> Result<Vec<String>, ConfigError> {
    let list = strings(value).ok_or_else(|| {
        error(
            text,
            key,
            &format!("`{key}` must be a list of rule ids or groups"),
            "e.g. [\"fk\", \"type-json\"]",
        )
    })?;
    for id in &list {
        check_rule(text, id, known)?;
    }
    Ok(list)
}

fn check_rule(text: &str, id: &str, known: &[&str]) -> Result<(), ConfigError> {
    if known.iter().any(|k| matches(id, k)) {
        return Ok(());
    }
    let hint = closest(id, known)
        .map(|c| format!("did you mean `{c}`? (`plinth rules` lists every rule)"))
        .unwrap_or_else(|| "`plinth rules` lists every rule id".into());
    Err(error(text, id, &format!("unknown rule `{id}` in plinth.toml"), &hint))
}

/// An error located at the first occurrence of `needle` in the file.
fn error(text: &str, needle: &str, message: &str, help: &str) -> ConfigError {
    ConfigError {
        message: message.to_string(),
        help: help.to_string(),
        span: text.find(needle).map(|at| at..at + needle.len()),
    }
}

/// The candidate closest to `word` by edit distance, when close enough to
/// be a typo (at most a third of the word's length, and 3).
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (word.len() / 3).clamp(1, 3);
    candidates
        .iter()
        .map(|c| (levenshtein(word, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_only() {
        assert_eq!(
            closest("fk-missng-index", &["fk-missing-index", "fk-cycle"]),
            Some("fk-missing-index")
        );
        assert_eq!(closest("banana", &["fk-missing-index", "fk-cycle"]), None);
    }
}
