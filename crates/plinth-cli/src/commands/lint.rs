//! `plinth lint [PATH…] [--db URL] [--migrations DIR|FILE…]`: the review
//! engine at the edge. Reads schema sources (spec → design, SQL, Prisma,
//! DBML, a live database) and migration files, finds and reads plinth.toml,
//! runs the rules, prints a report, and with `--fix` / `--diff` rewrites
//! SQL files or prints the patch.
//!
//! Exit codes: 0 no finding at or above the threshold; 1 at least one;
//! 2 bad input (unreadable file, invalid spec, bad plinth.toml), nothing
//! written.

use crate::source::{FileKind, KINDS_HELP};
use crate::{files, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use plinth_lint::config::LintConfig;
use plinth_lint::report::Source;
use plinth_lint::schema::{fixes, ignores};
use plinth_lint::{Finding, Severity};
use plinth_model::{DialectKind, Target};
use std::path::{Path, PathBuf};

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics for people (miette), with the object highlighted and the fix as help.
    Tty,
    /// plinth's JSON (findings with location, help and fix; a summary).
    Json,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow annotations (::error file=…,line=…::…).
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Tty => "tty",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Gitlab => "gitlab",
        }
    }
}

/// The minimum severity that fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Threshold {
    Info,
    Warning,
    Error,
}

impl From<Threshold> for Severity {
    fn from(t: Threshold) -> Severity {
        match t {
            Threshold::Info => Severity::Info,
            Threshold::Warning => Severity::Warning,
            Threshold::Error => Severity::Error,
        }
    }
}

/// Everything `plinth lint` was asked to do.
pub struct Options<'a> {
    pub paths: &'a [PathBuf],
    pub db: Option<&'a str>,
    /// The dialect of `.sql` schema files (default PostgreSQL).
    pub dialect: Option<crate::source::SqlDialect>,
    pub migrations: &'a [PathBuf],
    pub format: Format,
    pub config: Option<&'a Path>,
    pub fix: bool,
    pub diff: bool,
    pub threshold: Option<Threshold>,
    pub color: bool,
}

/// One input after reading: where it is, its text, and how it is linted.
struct Input {
    path: PathBuf,
    name: String,
    text: Option<String>,
    kind: InputKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum InputKind {
    Schema(FileKind),
    Database,
    Migration,
}

pub fn run(o: &Options<'_>) -> u8 {
    match run_inner(o) {
        Ok(code) | Err(code) => code,
    }
}

fn run_inner(o: &Options<'_>) -> Result<u8, u8> {
    let (config, base) = load_config(o.config)?;
    let mut inputs = collect(o, &config, &base)?;
    if inputs.is_empty() {
        eprintln!(
            "error: nothing to lint\n  help: give schema files or folders, --db URL or --migrations DIR|FILE; {KINDS_HELP}"
        );
        return Err(EXIT_INPUT);
    }
    let (mut findings, mut sources) = lint_all(&inputs, &config, o)?;
    if o.fix || o.diff {
        let mut patch = String::new();
        let mut changed = 0;
        for (i, input) in inputs.iter_mut().enumerate() {
            let Some(text) = &input.text else { continue };
            let mine: Vec<Finding> = findings.iter().filter(|f| f.file == Some(i)).cloned().collect();
            let (edits, skipped) = fixes::non_overlapping(&mine);
            if edits.is_empty() {
                continue;
            }
            let fixed = fixes::apply(text, &edits).map_err(|e| {
                eprintln!("error: {}: {e}", input.name);
                EXIT_INPUT
            })?;
            if skipped > 0 {
                eprintln!(
                    "note: {}: {skipped} overlapping fix(es) left for the next run",
                    input.name
                );
            }
            if o.diff {
                patch.push_str(&unified(&input.name, text, &fixed));
            } else {
                files::write_atomic(&input.path, &fixed).map_err(|e| {
                    eprintln!("{e}");
                    EXIT_INPUT
                })?;
                eprintln!(
                    "fixed {} ({} edit{})",
                    input.name,
                    edits.len(),
                    if edits.len() == 1 { "" } else { "s" }
                );
                input.text = Some(fixed);
                changed += 1;
            }
        }
        if o.diff {
            emit(&patch);
            return Ok(exit_code(&findings, threshold(o, &config)));
        }
        if changed > 0 {
            // Report what is left after the fixes.
            (findings, sources) = lint_all(&inputs, &config, o)?;
        }
    }
    let rendered = plinth_lint::report::render(o.format.name(), &findings, &sources, o.color)
        .expect("every Format has a reporter");
    emit(&rendered);
    Ok(exit_code(&findings, threshold(o, &config)))
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

fn threshold(o: &Options<'_>, config: &LintConfig) -> Severity {
    o.threshold
        .map(Severity::from)
        .or(config.threshold)
        .unwrap_or(Severity::Error)
}

fn exit_code(findings: &[Finding], threshold: Severity) -> u8 {
    if findings.iter().any(|f| f.severity >= threshold) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// plinth.toml from --config, or the nearest one walking up from the
/// current folder; its folder is the base for `exclude` globs.
fn load_config(explicit: Option<&Path>) -> Result<(LintConfig, PathBuf), u8> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => cwd.ancestors().map(|d| d.join("plinth.toml")).find(|p| p.is_file()),
    };
    let Some(path) = path else {
        return Ok((LintConfig::default(), cwd));
    };
    let text = files::read(&path).map_err(|e| {
        eprintln!("{e}");
        EXIT_INPUT
    })?;
    let known: Vec<&str> = plinth_lint::all_rules().iter().map(|r| r.id).collect();
    let config = plinth_lint::config::parse(&text, &known).map_err(|e| {
        let at = e.span.as_ref().map_or(String::new(), |s| {
            let (l, c) = plinth_lint::report::line_col(&text, s.start);
            format!(":{l}:{c}")
        });
        eprintln!("error: {}{at}: {}\n  help: {}", path.display(), e.message, e.help);
        EXIT_INPUT
    })?;
    let base = path.parent().map_or(cwd, Path::to_path_buf);
    Ok((config, base))
}

/// Schema files (folders expand to the files plinth can read, sorted),
/// the database, and migration files in the order they run.
fn collect(o: &Options<'_>, config: &LintConfig, base: &Path) -> Result<Vec<Input>, u8> {
    let excluded = |p: &Path| {
        let rel = p.strip_prefix(base).unwrap_or(p).to_string_lossy().replace('\\', "/");
        config
            .exclude
            .iter()
            .any(|g| glob_match(g, &rel) || glob_match(g, &p.to_string_lossy()))
    };
    let mut inputs = Vec::new();
    for path in o.paths {
        let files = if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found);
            found.retain(|p| FileKind::of(p).is_some());
            found
        } else {
            vec![path.clone()]
        };
        for file in files.into_iter().filter(|f| !excluded(f)) {
            let Some(kind) = FileKind::detect(&file, o.dialect) else {
                eprintln!("error: cannot tell what {} is\n  help: {KINDS_HELP}", file.display());
                return Err(EXIT_INPUT);
            };
            if kind == FileKind::SqliteDb {
                // A database file: introspected, no text to point into.
                inputs.push(Input {
                    name: file.display().to_string(),
                    path: file,
                    text: None,
                    kind: InputKind::Schema(kind),
                });
            } else {
                inputs.push(read_input(&file, InputKind::Schema(kind))?);
            }
        }
    }
    if let Some(url) = o.db {
        inputs.push(Input {
            path: PathBuf::new(),
            name: crate::source::without_password(url),
            text: None,
            kind: InputKind::Database,
        });
    }
    for m in o.migrations {
        for file in migration_files(m)?.into_iter().filter(|f| !excluded(f)) {
            inputs.push(read_input(&file, InputKind::Migration)?);
        }
    }
    Ok(inputs)
}

fn read_input(path: &Path, kind: InputKind) -> Result<Input, u8> {
    let text = files::read(path).map_err(|e| {
        eprintln!("{e}");
        EXIT_INPUT
    })?;
    Ok(Input {
        path: path.to_path_buf(),
        name: path.display().to_string(),
        text: Some(text),
        kind,
    })
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// A migration folder in run order: `*.sql` files sorted by name, and
/// Diesel-style folders (`<version>_<name>/up.sql`) in Diesel's order.
fn migration_files(path: &Path) -> Result<Vec<PathBuf>, u8> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        eprintln!("error: cannot read migrations at {}\n  help: pass a folder of .sql files (or Diesel up.sql folders) or the files themselves", path.display());
        return Err(EXIT_INPUT);
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    plinth_postgres::import::diesel_order(&mut names);
    let mut out = Vec::new();
    for n in names {
        let p = path.join(&n);
        if p.is_dir() && p.join("up.sql").is_file() {
            out.push(p.join("up.sql"));
        } else if p.is_file() && n.ends_with(".sql") && !n.ends_with(".down.sql") && n != "down.sql" {
            out.push(p);
        }
    }
    Ok(out)
}

/// Lints every input; findings carry the index of their input.
fn lint_all(inputs: &[Input], config: &LintConfig, o: &Options<'_>) -> Result<(Vec<Finding>, Vec<Source>), u8> {
    let known: Vec<&str> = plinth_lint::all_rules().iter().map(|r| r.id).collect();
    let default = Target {
        dialect: DialectKind::Postgres,
        version: 15,
    };
    let mut findings = Vec::new();
    let mut existing: Vec<String> = Vec::new();
    let mut grouped = vec![false; inputs.len()];
    for (i, input) in inputs.iter().enumerate() {
        if grouped[i] {
            continue;
        }
        let schema = match input.kind {
            InputKind::Schema(kind) if is_sql_text(kind) => {
                // SQL files of one dialect are one schema split into files, read in order.
                let members: Vec<usize> = (i..inputs.len()).filter(|&j| inputs[j].kind == input.kind).collect();
                for &j in &members {
                    grouped[j] = true;
                }
                let (found, tables) = lint_sql_files(inputs, &members, kind, config, &known, o.color);
                existing.extend(tables);
                findings.extend(found);
                continue;
            }
            InputKind::Schema(kind) => schema_of(input, kind, o.color)?,
            InputKind::Database => crate::source::read(None, o.db, o.color)?.schema,
            InputKind::Migration => continue,
        };
        existing.extend(schema.tables.iter().map(|t| t.name.clone()));
        let settings = config.settings(schema.target);
        let mut found = plinth_lint::schema::lint(&schema, &settings);
        for f in &mut found {
            f.file = Some(i);
        }
        if let Some(text) = &input.text {
            let unused = plinth_lint::schema::enabled(&plinth_lint::schema::ignore_unused::RULE.meta, &settings);
            found = ignores::apply(found, &ignores::parse(text), Some(i), &known, unused);
        }
        findings.extend(found);
    }
    let migrations: Vec<(usize, &Input)> = inputs
        .iter()
        .enumerate()
        .filter(|(_, x)| x.kind == InputKind::Migration)
        .collect();
    if !migrations.is_empty() {
        let files: Vec<_> = migrations
            .iter()
            .map(|(_, x)| plinth_postgres::lint_ops::migration_file(x.text.as_deref().unwrap_or("")))
            .collect();
        let settings = config.settings(default);
        for mut f in plinth_lint::migration::lint(&files, &existing, &settings) {
            f.file = f.file.map(|k| migrations[k].0);
            findings.push(f);
        }
    }
    plinth_lint::schema::sort(&mut findings);
    let sources = inputs
        .iter()
        .map(|x| Source {
            name: x.name.clone(),
            text: x.text.clone(),
        })
        .collect();
    Ok((findings, sources))
}

fn is_sql_text(kind: FileKind) -> bool {
    matches!(kind, FileKind::PostgresSql | FileKind::SqliteSql | FileKind::MysqlSql)
}

/// Lints SQL files as one schema: their texts are joined (in order) and
/// imported once, then every finding, fix edit and import warning is mapped
/// back to the file and offset it came from. Returns the findings and the
/// schema's table names.
fn lint_sql_files(
    inputs: &[Input],
    members: &[usize],
    kind: FileKind,
    config: &LintConfig,
    known: &[&str],
    color: bool,
) -> (Vec<Finding>, Vec<String>) {
    let mut joined = String::new();
    let mut offsets = Vec::with_capacity(members.len());
    for &j in members {
        offsets.push(joined.len());
        let text = inputs[j].text.as_deref().unwrap_or("");
        joined.push_str(text);
        // A last statement without `;` must not run into the next file.
        if !text.trim_end().is_empty() && !text.trim_end().ends_with(';') {
            joined.push(';');
        }
        joined.push('\n');
    }
    let member_of = |at: usize| offsets.iter().rposition(|&o| o <= at).unwrap_or(0);
    let (schema, warnings) = crate::source::import(kind, &joined);
    for (k, &j) in members.iter().enumerate() {
        let local: crate::source::Warnings = warnings
            .iter()
            .filter(|(r, _)| member_of(r.start) == k)
            .map(|(r, m)| (r.start - offsets[k]..r.end.saturating_sub(offsets[k]), m.clone()))
            .collect();
        crate::source::print_warnings(&local, &inputs[j].name, inputs[j].text.as_deref().unwrap_or(""), color);
    }
    let settings = config.settings(schema.target);
    let mut found = plinth_lint::schema::lint(&schema, &settings);
    // Only PostgreSQL text has the scanner truncation and the fixers.
    if kind == FileKind::PostgresSql {
        found.extend(plinth_lint::schema::lint_sql_text(&joined, &settings));
        fixes::attach(&mut found, &joined);
    }
    let unused = plinth_lint::schema::enabled(&plinth_lint::schema::ignore_unused::RULE.meta, &settings);
    let found = ignores::apply(found, &ignores::parse(&joined), None, known, unused);
    let found = found
        .into_iter()
        .map(|mut f| {
            let k = f.span.map_or(0, |s| member_of(s.start));
            let shift = offsets[k];
            let len = inputs[members[k]].text.as_deref().map_or(0, str::len);
            let local = |at: usize| at.saturating_sub(shift).min(len);
            if let Some(s) = &mut f.span {
                *s = plinth_lint::SourceRef {
                    start: local(s.start),
                    end: local(s.end),
                };
            }
            if let Some(fix) = &mut f.fix {
                for e in &mut fix.edits {
                    e.start = local(e.start);
                    e.end = local(e.end);
                }
            }
            f.file = Some(members[k]);
            f
        })
        .collect();
    (found, schema.tables.iter().map(|t| t.name.clone()).collect())
}

/// The schema a file describes: a spec is checked and designed (errors
/// print and stop the run), other kinds are imported as they are.
fn schema_of(input: &Input, kind: FileKind, color: bool) -> Result<plinth_model::Schema, u8> {
    let text = input.text.as_deref().unwrap_or("");
    if kind == FileKind::SqliteDb {
        return Ok(crate::source::read(Some(&input.path), None, color)?.schema);
    }
    if kind == FileKind::Spec {
        let loaded = crate::load::load(&input.path, color)?;
        return Ok(crate::load::design(&loaded, color));
    }
    let (schema, warnings) = crate::source::import(kind, text);
    crate::source::print_warnings(&warnings, &input.name, text, color);
    Ok(schema)
}

/// A unified diff of one file.
fn unified(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// `*` matches within a path segment, `**` across segments, `?` one character.
pub fn glob_match(pattern: &str, path: &str) -> bool {
    fn go(p: &[u8], s: &[u8]) -> bool {
        match p.first() {
            None => s.is_empty(),
            Some(b'*') if p.get(1) == Some(&b'*') => {
                let rest = p[2..].strip_prefix(b"/").unwrap_or(&p[2..]);
                (0..=s.len()).any(|i| go(rest, &s[i..]))
            }
            Some(b'*') => (0..=s.len())
                .take_while(|&i| i == 0 || s[i - 1] != b'/')
                .any(|i| go(&p[1..], &s[i..])),
            Some(b'?') => !s.is_empty() && s[0] != b'/' && go(&p[1..], &s[1..]),
            Some(c) => s.first() == Some(c) && go(&p[1..], &s[1..]),
        }
    }
    go(pattern.as_bytes(), path.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match("migrations/legacy/**", "migrations/legacy/2019/up.sql"));
        assert!(glob_match("*.sql", "schema.sql"));
        assert!(!glob_match("*.sql", "db/schema.sql"));
        assert!(glob_match("**/*.sql", "db/schema.sql"));
        assert!(!glob_match("legacy/*", "legacy/a/b.sql"));
    }
}
