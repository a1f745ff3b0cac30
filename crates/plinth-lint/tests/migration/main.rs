//! Migration rules on SQL read by the real PostgreSQL front end
//! (`plinth_postgres::lint_ops`), one test per rule: the SQL that must fire
//! (rendered findings pinned as an insta snapshot, fixes applied) and the
//! SQL that must stay quiet. MySQL and SQLite rules run on hand-built ops
//! (their front ends live in their own crates).

mod column;
mod compat;
mod constraint;
mod corpus;
mod data;
mod dialects;
mod engine;
mod front_end;
mod index;
mod lock;
mod no_panic;
mod other;
mod rewrite;
mod tx;

use plinth_lint::migration::{self, MigrationFile};
use plinth_lint::{Finding, Settings};
use plinth_model::{DialectKind, Target};

/// PostgreSQL at this major version.
pub fn pg(version: u32) -> Settings {
    Settings::new(Target {
        dialect: DialectKind::Postgres,
        version,
    })
}

/// Lints one file with the settings.
pub fn lint(sql: &str, settings: &Settings) -> Vec<Finding> {
    let file = plinth_postgres::lint_ops::migration_file(sql);
    migration::lint(&[file], &[], settings)
}

/// Lints hand-built files.
pub fn lint_files(files: &[MigrationFile], settings: &Settings) -> Vec<Finding> {
    migration::lint(files, &[], settings)
}

/// The findings of one rule.
pub fn of<'a>(rule: &str, findings: &'a [Finding]) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// `line:col severity rule: message`, the help, and the file with the fix applied.
pub fn render(sql: &str, findings: &[&Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let (line, col) = f.span.map_or((0, 0), |s| line_col(sql, s.start));
        out.push_str(&format!(
            "{line}:{col} {} {}: {}\n",
            f.severity.as_str(),
            f.rule,
            f.message
        ));
        if let Some(h) = &f.help {
            out.push_str(&format!("  help: {h}\n"));
        }
        if let Some(fix) = &f.fix {
            let mut fixed = sql.to_string();
            let mut edits = fix.edits.clone();
            edits.sort_by_key(|e| std::cmp::Reverse(e.start));
            for e in edits {
                fixed.replace_range(e.start..e.end, &e.replacement);
            }
            out.push_str(&format!(
                "  fix ({}):\n    {}\n",
                fix.description,
                fixed.trim().replace('\n', "\n    ")
            ));
        }
    }
    out
}

fn line_col(sql: &str, at: usize) -> (usize, usize) {
    let before = &sql[..at.min(sql.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.len() - before.rfind('\n').map_or(0, |p| p + 1) + 1;
    (line, col)
}

/// Asserts `rule` fires on every `fires` input and on none of `quiet`, and
/// pins the rendered findings of the firing inputs.
pub fn check(rule: &str, settings: &Settings, fires: &[&str], quiet: &[&str]) {
    assert!(plinth_lint::rule(rule).is_some(), "{rule} is not registered");
    let mut rendered = String::new();
    for sql in fires {
        let findings = lint(sql, settings);
        let mine = of(rule, &findings);
        assert!(
            !mine.is_empty(),
            "{rule} should fire on:\n{sql}\nfindings: {findings:#?}"
        );
        rendered.push_str(&format!(
            "--- {}\n{}",
            sql.trim().replace('\n', "\n    "),
            render(sql, &mine)
        ));
    }
    for sql in quiet {
        let findings = lint(sql, settings);
        let mine = of(rule, &findings);
        assert!(mine.is_empty(), "{rule} should stay quiet on:\n{sql}\nfound: {mine:#?}");
    }
    insta::assert_snapshot!(rule.to_string(), rendered);
}
