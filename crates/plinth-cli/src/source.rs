//! Every command that works on a schema reads it through here, whatever it
//! is: a `.plinth` spec (designed with the conventions), an existing schema
//! (`.sql`, `.prisma`, `.dbml`, imported as it is) or a live database
//! (`--db URL`, or a SQLite database file, introspected). `.sql` is read
//! as PostgreSQL unless `--dialect` says otherwise. Diagnostics and import warnings are printed
//! to stderr, located; Err carries the exit code.

use crate::EXIT_INPUT;
use plinth_spec::ast::Span;
use plinth_spec::{Diagnostic, Severity};
use std::path::Path;

/// A schema and where it came from.
pub struct SchemaSource {
    pub schema: plinth_model::Schema,
    /// The file or URL (without password), for messages and titles.
    pub name: String,
    /// A short title for documents: the file stem or the database name.
    pub title: String,
    /// How many import warnings were printed.
    pub warnings: usize,
}

/// The SQL dialect of a `.sql` file (`--dialect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SqlDialect {
    Postgres,
    Sqlite,
    /// MySQL or MariaDB (`--dialect mariadb` is the same).
    #[value(alias = "mariadb")]
    Mysql,
}

/// What a schema file is, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Spec,
    PostgresSql,
    SqliteSql,
    /// A `.sql` file read with `--dialect mysql` (or `mariadb`).
    MysqlSql,
    /// A SQLite database file (introspected, not read as text).
    SqliteDb,
    Prisma,
    Dbml,
}

impl FileKind {
    pub fn of(path: &Path) -> Option<FileKind> {
        match path.extension().and_then(|e| e.to_str()) {
            Some("plinth") => Some(FileKind::Spec),
            Some("sql") => Some(FileKind::PostgresSql),
            Some("prisma") => Some(FileKind::Prisma),
            Some("dbml") => Some(FileKind::Dbml),
            Some("db" | "sqlite" | "sqlite3") => Some(FileKind::SqliteDb),
            _ => None,
        }
    }

    /// The kind from the extension, the `--dialect` and, for a file with
    /// no known extension, SQLite's file header.
    pub fn detect(path: &Path, dialect: Option<SqlDialect>) -> Option<FileKind> {
        match (FileKind::of(path), dialect) {
            (Some(FileKind::PostgresSql), Some(SqlDialect::Sqlite)) => Some(FileKind::SqliteSql),
            (Some(FileKind::PostgresSql), Some(SqlDialect::Mysql)) => Some(FileKind::MysqlSql),
            (None, _) if is_sqlite_file(path) => Some(FileKind::SqliteDb),
            (kind, _) => kind,
        }
    }
}

/// True when the file starts with SQLite's 16-byte header.
fn is_sqlite_file(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"SQLite format 3\0")
}

/// The hint printed when a file's kind cannot be told.
pub const KINDS_HELP: &str = "plinth reads `.plinth` specs, PostgreSQL `.sql` files (SQLite ones with --dialect \
                              sqlite), SQLite database files (`.db`, `.sqlite`), Prisma `.prisma` schemas, `.dbml` \
                              files, or a live database with --db postgres://… or --db sqlite:path";

/// Reads a schema from a file or, when `db` is given, a live database.
pub fn read(path: Option<&Path>, db: Option<&str>, color: bool) -> Result<SchemaSource, u8> {
    read_as(path, db, None, color)
}

/// [`read`], with `.sql` files read in the given dialect.
pub fn read_as(
    path: Option<&Path>,
    db: Option<&str>,
    dialect: Option<SqlDialect>,
    color: bool,
) -> Result<SchemaSource, u8> {
    match (path, db) {
        (_, Some(url)) => match url.strip_prefix("sqlite:") {
            Some(file) => read_sqlite_db(Path::new(file.strip_prefix("//").unwrap_or(file))),
            None => read_db(url),
        },
        (Some(path), None) => read_file(path, dialect, color),
        (None, None) => {
            eprintln!("error: no schema given\n  help: {KINDS_HELP}");
            Err(EXIT_INPUT)
        }
    }
}

/// Reads a schema file of any kind the model can read.
fn read_file(path: &Path, dialect: Option<SqlDialect>, color: bool) -> Result<SchemaSource, u8> {
    let title = path
        .file_stem()
        .map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned());
    let Some(kind) = FileKind::detect(path, dialect) else {
        eprintln!("error: cannot tell what {} is\n  help: {KINDS_HELP}", path.display());
        return Err(EXIT_INPUT);
    };
    if kind == FileKind::SqliteDb {
        return read_sqlite_db(path);
    }
    if kind == FileKind::Spec {
        let loaded = crate::load::load(path, color)?;
        let schema = crate::load::design(&loaded, color);
        // A spec designed for SQLite: the conventions adapted, each change
        // in the decision log.
        let schema = match dialect {
            Some(SqlDialect::Sqlite) => plinth_sqlite::for_sqlite(schema),
            _ => schema,
        };
        return Ok(SchemaSource {
            schema,
            name: loaded.name,
            title,
            warnings: 0,
        });
    }
    let text = crate::files::read(path).map_err(|e| {
        eprintln!("{e}");
        EXIT_INPUT
    })?;
    let name = path.display().to_string();
    let (schema, warnings) = import(kind, &text);
    let unparsed = warnings
        .iter()
        .filter(|(_, m)| m.starts_with("not valid PostgreSQL"))
        .count();
    let warnings = print_warnings(&warnings, &name, &text, color);
    if kind == FileKind::PostgresSql && unparsed > 0 {
        eprintln!(
            "hint: {unparsed} statement(s) of {name} are not valid PostgreSQL; if the file is written for another \
             database, say which: --dialect sqlite or --dialect mysql"
        );
    }
    Ok(SchemaSource {
        schema,
        name,
        title,
        warnings,
    })
}

/// Import warnings as (byte range, message).
pub type Warnings = Vec<(std::ops::Range<usize>, String)>;

/// Imports an existing schema's text (not a spec).
pub fn import(kind: FileKind, text: &str) -> (plinth_model::Schema, Warnings) {
    match kind {
        FileKind::PostgresSql | FileKind::Spec => {
            let r = plinth_postgres::import::import_sql(text, &plinth_postgres::import::ImportOptions::default());
            (r.schema, r.warnings.into_iter().map(|w| (w.span, w.message)).collect())
        }
        // A database file is introspected before it gets here (read_file).
        FileKind::SqliteSql | FileKind::SqliteDb => {
            let r = plinth_sqlite::import_sql(text);
            (r.schema, r.warnings.into_iter().map(|w| (w.span, w.message)).collect())
        }
        FileKind::MysqlSql => {
            let r = plinth_mysql::import_sql(text, &plinth_mysql::ImportOptions::default());
            (r.schema, r.warnings.into_iter().map(|w| (w.span, w.message)).collect())
        }
        FileKind::Prisma => {
            let r = plinth_import::import_prisma(text);
            (r.schema, r.warnings.into_iter().map(|w| (w.span, w.message)).collect())
        }
        FileKind::Dbml => {
            let r = plinth_import::import_dbml(text);
            (r.schema, r.warnings.into_iter().map(|w| (w.span, w.message)).collect())
        }
    }
}

/// Prints import warnings as located diagnostics; returns how many.
pub fn print_warnings(warnings: &Warnings, name: &str, text: &str, color: bool) -> usize {
    let diagnostics: Vec<Diagnostic> = warnings
        .iter()
        .map(|(span, message)| Diagnostic {
            severity: Severity::Warning,
            code: "import::kept-verbatim",
            message: message.clone(),
            span: Span::new(span.start, span.end),
            label: "not fully understood".into(),
            help: "the statement is kept verbatim in the model (an opaque object), never dropped".into(),
            related: vec![],
        })
        .collect();
    if !diagnostics.is_empty() {
        eprint!("{}", plinth_spec::render(&diagnostics, name, text, color));
    }
    diagnostics.len()
}

/// Introspects a SQLite database file (opened read-only, never created).
fn read_sqlite_db(path: &Path) -> Result<SchemaSource, u8> {
    let schema = plinth_sqlite::inspect_file(path).map_err(|e| {
        eprintln!(
            "error: cannot read the SQLite database {}: {e}\n  help: pass an existing SQLite database file, e.g. \
             plinth import app.db (or --db sqlite:app.db)",
            path.display()
        );
        EXIT_INPUT
    })?;
    let title = path
        .file_stem()
        .map_or_else(|| "database".to_string(), |s| s.to_string_lossy().into_owned());
    Ok(SchemaSource {
        schema,
        name: path.display().to_string(),
        title,
        warnings: 0,
    })
}

/// Introspects a live PostgreSQL database (every non-system schema).
fn read_db(url: &str) -> Result<SchemaSource, u8> {
    let shown = without_password(url);
    let mut client = postgres::Client::connect(url, postgres::NoTls).map_err(|e| {
        eprintln!("error: cannot connect to {shown}: {e}\n  help: pass a URL like postgres://user@host:5432/dbname (or a libpq key=value string)");
        EXIT_INPUT
    })?;
    let schema = plinth_postgres::inspect(&mut client, &plinth_postgres::SchemaFilter::default()).map_err(|e| {
        eprintln!("error: reading the catalog of {shown} failed: {e}");
        EXIT_INPUT
    })?;
    let title = shown
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("database")
        .to_string();
    let title = title.split('?').next().unwrap_or(&title).to_string();
    Ok(SchemaSource {
        schema,
        name: shown,
        title,
        warnings: 0,
    })
}

/// The URL (or libpq `key=value` string) with any password replaced by
/// `***`, for messages.
pub fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url
            .split_whitespace()
            .map(|kv| {
                if kv.starts_with("password=") {
                    "password=***"
                } else {
                    kv
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_string();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            without_password("postgres://me:secret@db:5432/app"),
            "postgres://me:***@db:5432/app"
        );
        assert_eq!(without_password("postgres://me@db/app"), "postgres://me@db/app");
        assert_eq!(without_password("host=/tmp dbname=x"), "host=/tmp dbname=x");
        assert_eq!(
            without_password("host=/tmp password=pw dbname=x"),
            "host=/tmp password=*** dbname=x"
        );
    }

    #[test]
    fn kinds_come_from_the_extension() {
        assert_eq!(FileKind::of(Path::new("a/app.plinth")), Some(FileKind::Spec));
        assert_eq!(FileKind::of(Path::new("schema.sql")), Some(FileKind::PostgresSql));
        assert_eq!(FileKind::of(Path::new("schema.prisma")), Some(FileKind::Prisma));
        assert_eq!(FileKind::of(Path::new("erd.dbml")), Some(FileKind::Dbml));
        assert_eq!(FileKind::of(Path::new("notes.txt")), None);
        assert_eq!(FileKind::of(Path::new("app.db")), Some(FileKind::SqliteDb));
        assert_eq!(
            FileKind::detect(Path::new("schema.sql"), Some(SqlDialect::Sqlite)),
            Some(FileKind::SqliteSql)
        );
        assert_eq!(
            FileKind::detect(Path::new("schema.sql"), None),
            Some(FileKind::PostgresSql)
        );
        assert_eq!(
            FileKind::detect(Path::new("dump.sql"), Some(SqlDialect::Mysql)),
            Some(FileKind::MysqlSql)
        );
    }
}
