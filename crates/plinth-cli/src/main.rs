//! `plinth`: design a database schema from a spec, emit it, verify it.
//!
//! Exit codes (also in `plinth --help` and the README):
//! 0 success; 1 findings or failed verification; 2 usage or input error.

mod commands;
mod files;
mod load;
mod source;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code: everything went well.
pub const EXIT_OK: u8 = 0;
/// Exit code: the command ran, and found problems (verification failed, fmt --check differs).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: bad usage or bad input (unreadable file, invalid spec); nothing was written.
pub const EXIT_INPUT: u8 = 2;

#[derive(Parser)]
#[command(
    name = "plinth",
    version,
    about = "An automated database architect: spec → schema model → verified DDL.",
    after_help = "Exit codes: 0 ok, 1 findings (lint at or above the threshold) or verification failed, 2 usage or input error.\n\nExamples:\n  plinth new shop\n  plinth check shop.plinth\n  plinth design shop.plinth --out build/\n  plinth erd shop.plinth --format mermaid\n  plinth verify shop.plinth"
)]
struct Cli {
    /// Colour in diagnostics: auto, always or never.
    #[arg(long, global = true, default_value = "auto")]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Parse and validate a spec; report every problem with file:line:col.
    #[command(after_help = "Example:\n  plinth check examples/task-tracker.plinth")]
    Check { spec: PathBuf },
    /// Print the spec in canonical form, or rewrite it in place.
    #[command(
        after_help = "Examples:\n  plinth fmt app.plinth            # print the canonical form\n  plinth fmt --write app.plinth    # rewrite the file\n  plinth fmt --check app.plinth    # exit 1 if not canonical (CI)"
    )]
    Fmt {
        spec: PathBuf,
        /// Exit 1 (and print nothing) when the file is not in canonical form.
        #[arg(long, conflicts_with = "write")]
        check: bool,
        /// Rewrite the file in place (atomically).
        #[arg(long)]
        write: bool,
    },
    /// Apply the conventions and write the design artifacts (schema.sql, DESIGN.md, ERDs) to a folder.
    #[command(
        after_help = "Examples:\n  plinth design examples/shop.plinth --out build/shop\n  # writes build/shop/schema.sql, DESIGN.md, erd.mmd, erd.dbml, erd.dot, erd.svg\n  plinth design --from-prose examples/prose/task-tracker.txt --out build/tt\n  # drafts build/tt/draft.plinth from the description, then designs it\n  plinth design schema.sql --out build/current     # document an existing schema as it is\n  plinth design --db postgres://me@localhost/app --out build/live\n  plinth design shop.plinth --dialect sqlite --out build/sqlite   # the design adapted to SQLite"
    )]
    Design {
        /// A spec, or an existing schema (.sql, .prisma, .dbml) documented as it is.
        #[arg(required_unless_present_any = ["from_prose", "db"])]
        spec: Option<PathBuf>,
        /// Draft the spec from an English description first (a file, `-` or the text); also writes draft.plinth.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["spec", "db"])]
        from_prose: Option<String>,
        /// Read the schema from a live database instead of a file (postgres://… or sqlite:path).
        #[arg(long, value_name = "URL", conflicts_with = "spec")]
        db: Option<String>,
        /// The dialect of a `.sql` source (default postgres; mysql, alias mariadb, for MySQL/MariaDB).
        #[arg(long, value_enum)]
        dialect: Option<source::SqlDialect>,
        /// Output folder (created if missing).
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Apply the DDL to a throwaway PostgreSQL and probe every convention.
    #[command(
        after_help = "Examples:\n  plinth verify examples/task-tracker.plinth\n  plinth verify app.plinth --database-url postgres://me@localhost/postgres\n\nWithout --database-url (or PLINTH_DATABASE_URL) plinth starts a throwaway\ncluster from the PostgreSQL binaries it finds (PG_BIN, PATH, /usr/lib/postgresql/*/bin)."
    )]
    Verify {
        spec: PathBuf,
        /// Use this server instead of a throwaway cluster; a fresh database is created and dropped.
        #[arg(long, env = "PLINTH_DATABASE_URL")]
        database_url: Option<String>,
    },
    /// Draw the entity-relationship diagram: Mermaid, DBML, Graphviz DOT or SVG.
    #[command(
        after_help = "Examples:\n  plinth erd examples/shop.plinth --format mermaid\n  plinth erd examples/shop.plinth --format dbml --out build/shop.dbml\n  plinth erd app.plinth --format dot | dot -Tpng -o erd.png\n\n`plinth design` writes all of them next to schema.sql."
    )]
    Erd {
        /// A spec, or an existing schema (.sql, .prisma, .dbml).
        #[arg(required_unless_present = "db")]
        spec: Option<PathBuf>,
        /// Read the schema from a live PostgreSQL database instead of a file.
        #[arg(long, value_name = "URL", conflicts_with = "spec")]
        db: Option<String>,
        /// mermaid, dbml, dot or svg.
        #[arg(long, short, value_enum)]
        format: commands::erd::Format,
        /// Write the diagram to this file (atomically) instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Write the design as one self-contained HTML report (diagram, tables, index plan, checklist).
    #[command(
        after_help = "Example:\n  plinth report examples/task-tracker.plinth --out build/report.html\n\nThe file needs no network: CSS, script and the diagram are inline."
    )]
    Report {
        /// A spec, or an existing schema (.sql, .prisma, .dbml).
        #[arg(required_unless_present = "db")]
        spec: Option<PathBuf>,
        /// Read the schema from a live PostgreSQL database instead of a file.
        #[arg(long, value_name = "URL", conflicts_with = "spec")]
        db: Option<String>,
        /// The HTML file to write (its folder is created if missing).
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Draft a spec from an English description: a file, `-` (stdin) or the text itself.
    #[command(
        after_help = "Examples:\n  plinth draft \"Users create workspaces. Each workspace has projects. Projects contain tasks with assignees, labels and due dates. We need an audit trail and tenant isolation.\"\n  plinth draft examples/prose/task-tracker.txt --out app.plinth\n  cat notes.txt | plinth draft - > app.plinth\n\nEvery inference is a comment citing its sentence; open questions are listed at the end.\nExit 2 when the text holds nothing usable (empty, one word, a poem)."
    )]
    Draft {
        /// A file, `-` for standard input, or the description itself.
        input: String,
        /// Write the spec here (atomically) instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Read an existing schema (PostgreSQL, SQLite or MySQL/MariaDB .sql, a SQLite database, Prisma .prisma, .dbml) and write it as a .plinth spec.
    #[command(
        after_help = "Examples:\n  plinth import schema.sql --out app.plinth\n  plinth import prisma/schema.prisma > app.plinth\n  plinth import --db postgres://me@localhost/app > app.plinth\n  plinth import schema.sql --dialect sqlite --out app.plinth\n  plinth import dump.sql --dialect mysql --out app.plinth     # MySQL/MariaDB SQL (alias: mariadb)\n  plinth import app.db > app.plinth            # a SQLite database, introspected\n\nWhat the importer cannot read is kept verbatim and reported with file:line:col;\nwhat the spec cannot express is listed in the spec's header."
    )]
    Import {
        /// The schema to read: a `.sql` file, a SQLite database file, a Prisma `.prisma` schema or a `.dbml` file.
        #[arg(required_unless_present = "db")]
        source: Option<PathBuf>,
        /// Read the schema from a live database instead of a file (postgres://… or sqlite:path).
        #[arg(long, value_name = "URL", conflicts_with = "source")]
        db: Option<String>,
        /// The dialect of a `.sql` source (default postgres; mysql, alias mariadb, for MySQL/MariaDB).
        #[arg(long, value_enum)]
        dialect: Option<source::SqlDialect>,
        /// Write the spec here (atomically) instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Apply, inspect or roll back a migration directory on a live PostgreSQL database.
    #[command(
        subcommand,
        after_help = "Examples:\n  plinth migrate apply --db postgres://me@localhost/app migrations/ --dry-run\n  plinth migrate apply --db postgres://me@localhost/app migrations/\n  plinth migrate status --db postgres://me@localhost/app migrations/\n  plinth migrate down --db postgres://me@localhost/app migrations/\n\nThe history lives in plinth.plinth_migrations; an interrupted apply resumes at its first unfinished step."
    )]
    Migrate(commands::migrate::Action),
    /// Review schemas and migration files like a principal architect (`plinth rules` lists the rules).
    #[command(
        after_help = "Examples:\n  plinth lint app.plinth schema.sql             # schema rules on any source\n  plinth lint --db postgres://me@localhost/app\n  plinth lint --migrations migrations/          # statement by statement, in run order\n  plinth lint schema.sql --fix                   # apply mechanical fixes (atomic rewrite)\n  plinth lint schema.sql --diff                  # print the patch instead\n  plinth lint --migrations db/ --format sarif > plinth.sarif\n\nConfiguration: plinth.toml [lint] (found by walking up from the current folder, or --config).\nInline: `-- plinth-ignore rule-id` above an object or statement; `-- plinth-ignore-file`.\n\nExit codes: 0 no finding at or above the threshold (default error); 1 at least one; 2 bad input."
    )]
    Lint {
        /// Schema sources: .plinth specs, .sql, .prisma, .dbml files, or folders of them.
        paths: Vec<PathBuf>,
        /// Also lint the schema of a live PostgreSQL database.
        #[arg(long, value_name = "URL")]
        db: Option<String>,
        /// The dialect of `.sql` schema files (default postgres).
        #[arg(long, value_enum)]
        dialect: Option<source::SqlDialect>,
        /// Migration files, or folders of them (sorted; Diesel `<version>_<name>/up.sql` folders supported).
        #[arg(long, value_name = "DIR|FILE", num_args = 1..)]
        migrations: Vec<PathBuf>,
        /// Report format.
        #[arg(long, value_enum, default_value = "tty")]
        format: commands::lint::Format,
        /// plinth.toml to use instead of the nearest one.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Apply mechanical fixes to SQL files (atomically), then report what is left.
        #[arg(long, conflicts_with = "diff")]
        fix: bool,
        /// Print the fixes as a unified diff instead of applying them.
        #[arg(long)]
        diff: bool,
        /// Exit 1 when a finding at or above this severity exists (default: error, or plinth.toml).
        #[arg(long, value_enum)]
        severity_threshold: Option<commands::lint::Threshold>,
    },
    /// List every lint rule (id, kind, default severity, summary).
    #[command(
        after_help = "Examples:\n  plinth rules\n  plinth rules --format json\n  plinth rules --write-docs docs/rules"
    )]
    Rules {
        #[arg(long, value_enum, default_value = "tty")]
        format: commands::rules::Format,
        /// Write one Markdown page per rule and an index to this folder.
        #[arg(long, value_name = "DIR")]
        write_docs: Option<PathBuf>,
    },
    /// Print a lint rule's documentation: what it finds, why it matters, an example, the fix.
    #[command(after_help = "Example:\n  plinth explain fk-missing-index")]
    Explain { rule: String },
    /// The change set between two schemas (spec, .sql, .prisma, .dbml or a live database), offline.
    #[command(
        after_help = "Examples:\n  plinth diff old.plinth new.plinth\n  plinth diff schema.sql app.plinth --format json\n  plinth diff --from-db postgres://me@localhost/app app.plinth\n  plinth diff a.sql b.sql --rename column:orders.title=name\n\nRenames come only from hints: @renamed_from(\"old\") in a spec, `-- plinth:renamed-from old` above a\nCREATE TABLE or column in SQL, or --rename. A likely rename without one is reported as a question.\n\nExit codes: 0 ok (with --exit-code: 0 no change, 1 changes); 2 bad input, or a destructive change\n(drop table/column, enum value removal) without --allow-destructive."
    )]
    Diff {
        /// FROM and TO files (one of them when the other side is --from-db or --to-db).
        #[arg(value_name = "FROM TO", num_args = 0..=2)]
        sources: Vec<PathBuf>,
        /// Read the schema before from a live database.
        #[arg(long, value_name = "URL")]
        from_db: Option<String>,
        /// Read the schema after from a live database.
        #[arg(long, value_name = "URL")]
        to_db: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: commands::diff::Format,
        /// Accept changes that drop data (drop table/column, enum value removal).
        #[arg(long)]
        allow_destructive: bool,
        /// Exit 1 when there are changes (like `git diff --exit-code`).
        #[arg(long)]
        exit_code: bool,
        /// Rename hint: table:old=new, column:table.old=new, value:enum_type.old=new.
        #[arg(long, value_name = "HINT")]
        rename: Vec<String>,
    },
    /// Plan a zero-downtime migration (expand → backfill → contract) from one schema to another.
    #[command(
        after_help = "Examples:\n  plinth plan old.plinth new.plinth                      # print the plan\n  plinth plan old.plinth new.plinth --out migrations --name add_order_total\n  plinth plan --from-db postgres://me@localhost/app app.plinth --out db/migrations --format dbmate\n  plinth plan a.sql b.sql --out alembic/versions --format alembic\n\nEach step says its phase, lock and cost; CONCURRENTLY steps run outside a transaction; backfills run\nin batches. The default format is plinth's migration directory (docs/migration-format.md), run by\n`plinth migrate apply`. Exit codes: 0 ok; 2 bad input or a destructive change without --allow-destructive."
    )]
    Plan {
        /// FROM and TO files (one of them when the other side is --from-db or --to-db).
        #[arg(value_name = "FROM TO", num_args = 0..=2)]
        sources: Vec<PathBuf>,
        #[arg(long, value_name = "URL")]
        from_db: Option<String>,
        #[arg(long, value_name = "URL")]
        to_db: Option<String>,
        /// Folder to write the migration into (created if missing); without it the plan is printed.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Migration name, snake_case.
        #[arg(long)]
        name: Option<String>,
        /// Migration version, UTC YYYYMMDDHHMMSS (default: now).
        #[arg(long)]
        version: Option<String>,
        #[arg(long, value_enum, default_value = "sql")]
        format: commands::plan::Format,
        /// Print the files instead of writing them.
        #[arg(long)]
        dry_run: bool,
        /// Accept changes that drop data.
        #[arg(long)]
        allow_destructive: bool,
        /// Rename hint: table:old=new, column:table.old=new, value:enum_type.old=new.
        #[arg(long, value_name = "HINT")]
        rename: Vec<String>,
        /// `SET lock_timeout` before each locking step: the longest time a queued lock blocks the application
        /// per attempt (`plinth migrate` retries with backoff), e.g. 100ms.
        #[arg(long, value_name = "DURATION", default_value = "2s")]
        lock_timeout: String,
    },
    /// Write a starter spec NAME.plinth to begin from.
    #[command(after_help = "Example:\n  plinth new shop        # writes shop.plinth\n  plinth check shop.plinth")]
    New {
        name: String,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_INPUT } else { EXIT_OK });
        }
    };
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::IsTerminal::is_terminal(&std::io::stderr()) && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let code = match cli.command {
        Command::Check { spec } => commands::check::run(&spec, color),
        Command::Fmt { spec, check, write } => commands::fmt::run(&spec, check, write, color),
        Command::Design {
            spec,
            from_prose,
            db,
            dialect,
            out,
        } => match from_prose {
            Some(prose) => commands::design::run_from_prose(&prose, &out, color),
            None => commands::design::run(spec.as_deref(), db.as_deref(), dialect, &out, color),
        },
        Command::Draft { input, out } => commands::draft::run(&input, out.as_deref()),
        Command::Verify { spec, database_url } => commands::verify::run(&spec, database_url.as_deref(), color),
        Command::Erd { spec, db, format, out } => {
            commands::erd::run(spec.as_deref(), db.as_deref(), format, out.as_deref(), color)
        }
        Command::Report { spec, db, out } => commands::report::run(spec.as_deref(), db.as_deref(), &out, color),
        Command::Import {
            source,
            db,
            dialect,
            out,
        } => commands::import::run(source.as_deref(), db.as_deref(), dialect, out.as_deref(), color),
        Command::Migrate(action) => commands::migrate::run(action),
        Command::Diff {
            sources,
            from_db,
            to_db,
            format,
            allow_destructive,
            exit_code,
            rename,
        } => commands::diff::run(
            &commands::diff::Sides::new(&sources, from_db.as_deref(), to_db.as_deref(), &rename, color),
            format,
            allow_destructive,
            exit_code,
        ),
        Command::Plan {
            sources,
            from_db,
            to_db,
            out,
            name,
            version,
            format,
            dry_run,
            allow_destructive,
            rename,
            lock_timeout,
        } => commands::plan::run(&commands::plan::Options {
            sides: commands::diff::Sides::new(&sources, from_db.as_deref(), to_db.as_deref(), &rename, color),
            out: out.as_deref(),
            name: name.as_deref(),
            version: version.as_deref(),
            format,
            dry_run,
            allow_destructive,
            lock_timeout: &lock_timeout,
        }),
        Command::New { name, force } => commands::new::run(&name, force),
        Command::Lint {
            paths,
            db,
            dialect,
            migrations,
            format,
            config,
            fix,
            diff,
            severity_threshold,
        } => commands::lint::run(&commands::lint::Options {
            paths: &paths,
            db: db.as_deref(),
            dialect,
            migrations: &migrations,
            format,
            config: config.as_deref(),
            fix,
            diff,
            threshold: severity_threshold,
            color,
        }),
        Command::Rules { format, write_docs } => commands::rules::run(format, write_docs.as_deref()),
        Command::Explain { rule } => commands::explain::run(&rule),
    };
    ExitCode::from(code)
}
