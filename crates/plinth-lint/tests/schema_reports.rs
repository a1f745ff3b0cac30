//! The reporters on real findings from an imported SQL file: SARIF shape
//! (the fields GitHub code scanning requires, checked against the 2.1.0
//! schema's constraints offline), GitHub annotations, GitLab fingerprints,
//! JSON, and the tty rendering (snapshot). Also inline ignores and fixes.

use plinth_lint::report::{self, Source};
use plinth_lint::schema::{self, fixes, ignores};
use plinth_lint::{Finding, Settings};
use plinth_model::{DialectKind, Target};
use plinth_postgres::import::{import_sql, ImportOptions};
use serde_json::Value;
use std::path::Path;

const SQL: &str = "\
CREATE TABLE customers (
    id bigint PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    placed_at timestamp NOT NULL,
    payload json,
    total double precision NOT NULL
);
";

fn settings() -> Settings {
    Settings::new(Target {
        dialect: DialectKind::Postgres,
        version: 15,
    })
}

fn lint(sql: &str) -> Vec<Finding> {
    let schema = import_sql(sql, &ImportOptions::default()).schema;
    let mut f = schema::lint(&schema, &settings());
    for x in &mut f {
        x.file = Some(0);
    }
    fixes::attach(&mut f, sql);
    let known: Vec<&str> = plinth_lint::all_rules().iter().map(|r| r.id).collect();
    ignores::apply(
        f,
        &ignores::parse(sql),
        Some(0),
        &known,
        Some(plinth_lint::Severity::Warning),
    )
}

fn sources(sql: &str) -> Vec<Source> {
    vec![Source {
        name: "db/schema.sql".into(),
        text: Some(sql.into()),
    }]
}

#[test]
fn sarif_has_the_shape_code_scanning_requires() {
    let findings = lint(SQL);
    assert!(findings.len() >= 4, "{findings:?}");
    let doc: Value = serde_json::from_str(&report::sarif::render(&findings, &sources(SQL))).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    assert_eq!(doc["$schema"], report::sarif::SCHEMA);
    let run = &doc["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "plinth");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), plinth_lint::all_rules().len());
    for r in rules {
        assert!(r["id"].is_string() && r["shortDescription"]["text"].is_string());
        let level = r["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["none", "note", "warning", "error"].contains(&level));
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for res in results {
        let id = res["ruleId"].as_str().unwrap();
        let index = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], id, "ruleIndex points at the rule");
        assert!(["none", "note", "warning", "error"].contains(&res["level"].as_str().unwrap()));
        assert!(!res["message"]["text"].as_str().unwrap().is_empty());
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "db/schema.sql");
        let region = &loc["region"];
        let (sl, el) = (
            region["startLine"].as_u64().unwrap(),
            region["endLine"].as_u64().unwrap(),
        );
        assert!(sl >= 1 && el >= sl && region["startColumn"].as_u64().unwrap() >= 1);
        assert!(res["partialFingerprints"]
            .as_object()
            .unwrap()
            .values()
            .all(Value::is_string));
    }
    let money = results.iter().find(|r| r["ruleId"] == "type-float-money").unwrap();
    assert_eq!(money["level"], "error");
    assert_eq!(
        money["locations"][0]["physicalLocation"]["region"]["startLine"], 6,
        "the orders statement"
    );
}

#[test]
fn github_annotations_and_gitlab_fingerprints() {
    let findings = lint(SQL);
    let gh = report::github::render(&findings, &sources(SQL));
    assert_eq!(gh.lines().count(), findings.len());
    assert!(
        gh.lines().any(
            |l| l.starts_with("::error file=db/schema.sql,line=6,col=1,endLine=12,title=plinth type-float-money::")
        ),
        "{gh}"
    );
    assert!(gh
        .lines()
        .all(|l| l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice ")));
    assert!(gh.contains("%0Ahelp: "), "help on an escaped second line: {gh}");

    let gl: Value = serde_json::from_str(&report::gitlab::render(&findings, &sources(SQL))).unwrap();
    let issues = gl.as_array().unwrap();
    let prints: std::collections::BTreeSet<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(prints.len(), issues.len(), "fingerprints are unique");
    for i in issues {
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&i["severity"].as_str().unwrap()));
        assert_eq!(i["location"]["path"], "db/schema.sql");
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    // Stable when lines move: the same findings after a blank line on top.
    let moved = format!("\n{SQL}");
    let gl2: Value = serde_json::from_str(&report::gitlab::render(&lint(&moved), &sources(&moved))).unwrap();
    let prints2: std::collections::BTreeSet<&str> = gl2
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(prints, prints2);
}

#[test]
fn json_and_tty_reports() {
    let findings = lint(SQL);
    let json: Value = serde_json::from_str(&report::json::render(&findings, &sources(SQL))).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), findings.len());
    assert_eq!(json["summary"]["errors"], 1);
    let ts = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "type-timestamp-without-tz")
        .unwrap();
    assert_eq!(ts["fix"]["edits"][0]["replacement"], "timestamptz");
    let tty = report::tty::render(&findings, &sources(SQL), false);
    insta::assert_snapshot!("tty_report", tty);
}

#[test]
fn fixes_rewrite_the_file_and_the_rules_go_quiet() {
    let findings = lint(SQL);
    let (edits, skipped) = fixes::non_overlapping(&findings);
    assert_eq!(skipped, 0);
    assert_eq!(edits.len(), 3, "timestamp, json, FK index: {edits:?}");
    let fixed = fixes::apply(SQL, &edits).unwrap();
    assert!(fixed.contains("placed_at timestamptz NOT NULL"), "{fixed}");
    assert!(fixed.contains("payload jsonb,"), "{fixed}");
    assert!(
        fixed.contains(");\nCREATE INDEX orders_customer_id_idx ON orders (customer_id);\n"),
        "{fixed}"
    );
    let after = lint(&fixed);
    for rule in ["type-timestamp-without-tz", "type-json", "fk-missing-index"] {
        assert!(
            after.iter().all(|f| f.rule != rule),
            "{rule} still fires after the fix:\n{fixed}"
        );
    }
    // Other findings are still there.
    assert!(after.iter().any(|f| f.rule == "type-float-money"));
    // Precision survives; the long spelling is replaced whole.
    let sql = "CREATE TABLE e (id bigint PRIMARY KEY, \"At\" TIMESTAMP(3) WITHOUT TIME ZONE);";
    let f = lint(sql);
    let (edits, _) = fixes::non_overlapping(&f);
    assert_eq!(
        fixes::apply(sql, &edits).unwrap(),
        "CREATE TABLE e (id bigint PRIMARY KEY, \"At\" timestamptz(3));"
    );
    // Overlapping edits are refused, not merged.
    let e = |s, e| plinth_lint::Edit {
        start: s,
        end: e,
        replacement: "x".into(),
    };
    assert!(fixes::apply("abcdef", &[e(0, 3), e(2, 4)]).is_err());
}

#[test]
fn inline_ignores_suppress_and_unused_ones_are_reported() {
    let sql = "\
-- plinth-ignore type-float-money, type-json
CREATE TABLE orders (id bigint PRIMARY KEY, total double precision NOT NULL, payload json);

-- plinth-ignore pk-missing
CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL);

-- plinth-ignore type-jsn
CREATE TABLE more (id bigint PRIMARY KEY);
";
    let f = lint(sql);
    let rules: Vec<&str> = f.iter().map(|f| f.rule).collect();
    assert!(
        !rules.contains(&"type-float-money") && !rules.contains(&"type-json"),
        "{rules:?}"
    );
    let unused: Vec<&Finding> = f.iter().filter(|f| f.rule == "ignore-unused").collect();
    assert_eq!(unused.len(), 2, "{unused:?}");
    assert!(unused[0].message.contains("pk-missing matches no finding"));
    assert!(unused[1].message.contains("unknown rule `type-jsn`"));
    assert_eq!(unused[1].help.as_deref(), Some("did you mean `type-json`?"));
    // A file-wide ignore silences everything it names.
    let file = format!("-- plinth-ignore-file type-float-money\n{SQL}");
    assert!(lint(&file)
        .iter()
        .all(|f| f.rule != "type-float-money" && f.rule != "ignore-unused"));
}

/// Bad input never panics: every rule, the text scan, the fixers, the
/// ignores and every reporter on a real dump cut at many points (mid-word,
/// mid-string, mid-dollar-quote) and with junk spliced in.
#[test]
fn cut_and_spliced_sql_never_panics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = dir
        .ancestors()
        .flat_map(|up| [up.join("shared/corpus"), up.join("../shared/corpus")])
        .find(|c| c.is_dir())
        .expect("the corpus (shared/corpus)");
    let text = std::fs::read_to_string(corpus.join("schemas/chinook/Chinook_PostgreSql.sql")).unwrap();
    let text = &text[..text.find("INSERT INTO").unwrap_or(text.len())];
    let mut cuts = 0;
    for at in (0..text.len()).step_by(193) {
        let mut at = at;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        for sql in [
            text[..at].to_string(),
            format!("{}\"$$'/*-- plinth-ignore{}", &text[..at], &text[at..]),
        ] {
            let f = lint(&sql);
            let src = sources(&sql);
            for format in report::FORMATS {
                report::render(format, &f, &src, false).unwrap();
            }
            let (edits, _) = fixes::non_overlapping(&f);
            fixes::apply(&sql, &edits).unwrap();
            schema::lint_sql_text(&sql, &settings());
            cuts += 1;
        }
    }
    assert!(cuts > 50, "{cuts}");
}
