//! `plinth report` in a real browser: headless Chromium opens report.html,
//! takes a screenshot, and dumps the DOM after the page's own script ran.
//!
//! Opened with `#selftest=<query>`, the page searches for <query> and writes
//! what it measured into `#selftest` (visible list entries and sections, the
//! number of ERD boxes and how many of their bounding boxes overlap), so
//! `--dump-dom` is enough to assert on: no DevTools client, no extra crate.
//!
//! Needs `PLINTH_CHROMIUM` (scripts/test.sh installs Debian's `chromium` and
//! sets it). Without it these tests fail, with the command to fix it: a
//! browser test that silently passes proves nothing.
//! `PLINTH_UPDATE_SCREENSHOT=1` also refreshes docs/report.png.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--hide-scrollbars",
];
const LIMIT: Duration = Duration::from_secs(90);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn chromium() -> PathBuf {
    match std::env::var_os("PLINTH_CHROMIUM").map(PathBuf::from) {
        Some(p) if p.is_file() => p,
        other => panic!(
            "PLINTH_CHROMIUM {} — the report browser test needs headless Chromium.\n\
             Run scripts/test.sh (it installs Debian's chromium and sets PLINTH_CHROMIUM), or:\n  \
             apt-get update && apt-get install -y chromium\n  export PLINTH_CHROMIUM=/usr/bin/chromium",
            match other {
                Some(p) => format!("is {} but that is not a file", p.display()),
                None => "is not set".to_string(),
            }
        ),
    }
}

/// Runs Chromium with a fresh profile; returns stdout and how long it took.
fn browse(args: &[String]) -> (String, Duration) {
    let profile = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut child = Command::new(chromium())
        .args(FLAGS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let reader = {
        let mut out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut out, &mut s).unwrap();
            s
        })
    };
    let err_reader = {
        let mut err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut err, &mut s);
            s
        })
    };
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {LIMIT:?}: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = started.elapsed();
    let stdout = reader.join().unwrap();
    let stderr = err_reader.join().unwrap();
    assert!(status.success(), "chromium {args:?} failed: {status}\n{stderr}");
    (stdout, elapsed)
}

fn report(spec: &Path, out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_plinth"))
        .args(["report", spec.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

fn schema(spec_text: &str) -> plinth_model::Schema {
    plinth_design::design(&plinth_spec::check(spec_text).spec.expect("valid spec"))
}

/// The value of `name="…"` in the first tag starting with `tag_start`.
fn attr(dom: &str, tag_start: &str, name: &str) -> Option<String> {
    let tag = &dom[dom.find(tag_start)?..];
    let tag = &tag[..tag.find('>')?];
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[at..at + tag[at..].find('"')?].to_string())
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

/// Opens the report of `spec_text` (saved as `name.plinth`), searches for
/// `query`, and checks the DOM and a screenshot.
fn check(name: &str, spec_text: &str, query: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join(format!("{name}.plinth"));
    std::fs::write(&spec, spec_text).unwrap();
    let html = dir.path().join("report.html");
    report(&spec, &html);
    let model = schema(spec_text);
    let n = model.tables.len();
    let expected = model
        .tables
        .iter()
        .filter(|t| plinth_docs::report::search_text(t).contains(&query.to_lowercase()))
        .count();
    assert!(
        expected > 0 && expected < n,
        "{name}: query {query:?} should match some tables, not all"
    );

    let url = format!("file://{}#selftest={query}", html.display());
    let (dom, took) = browse(&["--dump-dom".to_string(), url]);
    eprintln!("{name}: chromium --dump-dom took {took:?} ({n} tables)");
    let selftest =
        |a: &str| attr(&dom, "<div id=\"selftest\"", a).unwrap_or_else(|| panic!("{name}: no {a} in #selftest"));
    assert!(
        attr(&dom, "<div id=\"selftest\"", "data-error").is_none(),
        "{name}: script error {:?}",
        attr(&dom, "<div id=\"selftest\"", "data-error")
    );
    assert_eq!(
        selftest("data-status"),
        "done",
        "{name}: the page's script did not finish"
    );
    assert_eq!(selftest("data-query"), query);
    assert_eq!(
        selftest("data-list-count"),
        n.to_string(),
        "{name}: one list entry per table"
    );
    assert_eq!(
        selftest("data-box-count"),
        n.to_string(),
        "{name}: one ERD box per table"
    );
    assert_eq!(
        selftest("data-empty-boxes"),
        "0",
        "{name}: every box has a size on screen"
    );
    assert_eq!(
        selftest("data-overlaps"),
        "0",
        "{name}: ERD boxes overlap in the browser"
    );
    assert_eq!(
        selftest("data-visible-count"),
        expected.to_string(),
        "{name}: search {query:?} list"
    );
    assert_eq!(
        selftest("data-visible-sections"),
        expected.to_string(),
        "{name}: search {query:?} sections"
    );
    // Start tags (up to '>') of list entries, table sections and ERD boxes.
    let tags = |open: &str| -> Vec<&str> { dom.split(open).skip(1).map(|s| &s[..s.find('>').unwrap()]).collect() };
    let items = tags("<li data-table=");
    assert_eq!(items.len(), n, "{name}: list entries");
    let hidden = items.iter().filter(|t| t.contains(" hidden")).count();
    assert_eq!(
        hidden,
        n - expected,
        "{name}: entries not matching {query:?} are hidden"
    );
    let sections = tags("<section class=\"table-section\"");
    assert_eq!(sections.len(), n, "{name}: table sections");
    let boxes: Vec<&str> = tags("<g class=\"erd-table")
        .into_iter()
        .filter(|t| !t.starts_with('s'))
        .collect();
    assert_eq!(boxes.len(), n, "{name}: ERD table groups");
    assert_eq!(
        boxes.iter().filter(|t| t.starts_with(" dim")).count(),
        n - expected,
        "{name}: dimmed boxes"
    );
    for t in &model.tables {
        let a = format!("data-table=\"{}\"", html_escape(&t.name));
        assert_eq!(
            dom.matches(&format!("<li {a}")).count(),
            1,
            "{name}: list entry of {}",
            t.name
        );
        assert_eq!(
            sections.iter().filter(|s| s.contains(&a)).count(),
            1,
            "{name}: section of {}",
            t.name
        );
        assert_eq!(
            boxes.iter().filter(|g| g.contains(&a)).count(),
            1,
            "{name}: ERD box of {}",
            t.name
        );
    }

    let png = dir.path().join("report.png");
    let (_, took) = browse(&[
        format!("--screenshot={}", png.display()),
        "--window-size=1400,1000".to_string(),
        format!("file://{}", html.display()),
    ]);
    eprintln!("{name}: chromium --screenshot took {took:?}");
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert_eq!(png_size(&bytes), (1400, 1000), "{name}: screenshot size");
    assert!(
        bytes.len() > 30_000,
        "{name}: screenshot is nearly empty ({} bytes)",
        bytes.len()
    );
    bytes
}

#[test]
fn task_tracker_report_in_chromium() {
    let text = std::fs::read_to_string(root().join("examples/task-tracker.plinth")).unwrap();
    let png = check("task-tracker", &text, "task");
    if std::env::var_os("PLINTH_UPDATE_SCREENSHOT").is_some() {
        std::fs::write(root().join("docs/report.png"), png).unwrap();
    }
}

#[test]
fn sixty_table_report_in_chromium() {
    let text = plinth_spec::synthetic::spec(60);
    assert!(schema(&text).tables.len() >= 60);
    check("synthetic-60", &text, "entity4");
}
