//! plinth.toml `[lint]` parsing: every key, groups in select/ignore,
//! severities, and located errors with hints for unknown keys and ids.

use plinth_lint::config::{parse, LintConfig};
use plinth_lint::Severity;
use plinth_model::{DialectKind, Target};

fn known() -> Vec<&'static str> {
    plinth_lint::all_rules().iter().map(|r| r.id).collect()
}

const PG15: Target = Target {
    dialect: DialectKind::Postgres,
    version: 15,
};

#[test]
fn every_key_is_read() {
    let text = r#"
[design]
anything = "other tools' sections are not ours"

[lint]
select = ["fk", "type-json", "convention-table-comment"]
ignore = ["fk-cycle"]
dialect = "postgresql"
version = 14
minor = 2
assume-in-transaction = false
large-tables = ["events"]
exclude = ["legacy/**"]
severity-threshold = "warning"

[lint.severity]
fk-missing-index = "error"
fk-duplicate = "off"
"#;
    let c = parse(text, &known()).unwrap();
    assert_eq!(c.version, Some(14));
    assert_eq!(c.threshold, Some(Severity::Warning));
    assert_eq!(c.exclude, ["legacy/**"]);
    let s = c.settings(Target {
        dialect: DialectKind::MySql,
        version: 8,
    });
    assert_eq!(s.target, PG15.with_version(14));
    assert_eq!(s.minor, Some(2));
    assert!(!s.assume_in_transaction);
    assert!(s.is_large("events"));
    // select: the fk group and two ids; everything else is off.
    assert_eq!(s.severity("fk-missing-index", Severity::Warning), Some(Severity::Error));
    assert_eq!(s.severity("fk-type-mismatch", Severity::Error), Some(Severity::Error));
    assert_eq!(s.severity("type-json", Severity::Warning), Some(Severity::Warning));
    assert_eq!(s.severity("type-char", Severity::Warning), None);
    // ignore wins over select; "off" disables.
    assert_eq!(s.severity("fk-cycle", Severity::Warning), None);
    assert_eq!(s.severity("fk-duplicate", Severity::Warning), None);
    // An off-by-default rule named in select runs.
    let meta = plinth_lint::rule("convention-table-comment").unwrap();
    assert_eq!(plinth_lint::schema::enabled(meta, &s), Some(Severity::Info));
}

trait WithVersion {
    fn with_version(self, v: u32) -> Target;
}

impl WithVersion for Target {
    fn with_version(self, v: u32) -> Target {
        Target { version: v, ..self }
    }
}

#[test]
fn no_lint_table_is_the_default() {
    assert_eq!(parse("[design]\nx = 1\n", &known()).unwrap(), LintConfig::default());
    let s = LintConfig::default().settings(PG15);
    assert_eq!(s.target, PG15);
    assert!(s.overrides.is_empty());
}

#[test]
fn mistakes_are_located_with_a_hint() {
    let e = parse("[lint]\nignore = [\"fk-missng-index\"]\n", &known()).unwrap_err();
    assert_eq!(e.message, "unknown rule `fk-missng-index` in plinth.toml");
    assert!(e.help.contains("did you mean `fk-missing-index`?"), "{}", e.help);
    assert_eq!(e.span, Some(18..33), "the id inside the quotes");
    let e = parse("[lint]\nselct = []\n", &known()).unwrap_err();
    assert!(
        e.message.contains("unknown key `selct`") && e.help.contains("`select`"),
        "{e}"
    );
    let e = parse("[lint.severity]\ntype-json = \"loud\"\n", &known()).unwrap_err();
    assert!(e.message.contains("unknown severity `loud`"), "{e}");
    let e = parse("[lint]\ndialect = \"oracle\"\n", &known()).unwrap_err();
    assert!(e.message.contains("unknown dialect"), "{e}");
    let e = parse("[lint]\nversion = \"15\"\n", &known()).unwrap_err();
    assert!(e.message.contains("`version` must be"), "{e}");
    let e = parse("[lint\n", &known()).unwrap_err();
    assert!(e.message.starts_with("plinth.toml is not valid TOML"), "{e}");
    assert!(e.span.is_some());
    // A group name that is no rule's group.
    assert!(parse("[lint]\nselect = [\"banana\"]\n", &known()).is_err());
}
