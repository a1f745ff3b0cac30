//! The development set: `tests/dev/*.txt` that have a `.expect` next to them,
//! scored with the held-out corpus's scorer (`tests/corpus/score.rs`). These
//! texts were written and annotated by the extractor's developers before
//! their drafts were looked at; they are where rules are tuned, so the
//! held-out corpus in `tests/prose/` stays unseen.
//!
//! `cargo test -p plinth-prose --test dev_score -- --nocapture` prints the
//! table; `PLINTH_DEV_DETAILS=1` adds every miss, `PLINTH_DEV_ONLY=hotel`
//! restricts the run (floors are then not asserted).

#[allow(dead_code)]
#[path = "corpus/drafted.rs"]
mod drafted;
#[allow(dead_code)]
#[path = "corpus/expect.rs"]
mod expect;
#[path = "corpus/score.rs"]
mod score;

use std::path::PathBuf;

use drafted::read_draft;
use score::{prf, ratio, score, Score};

// Regression guards, just under the figures measured on the dev set on
// 2026-11-22 (entity F1 0.914, relation F1 0.809, attributes found 0.772).
const DEV_ENTITY_F1_FLOOR: f64 = 0.91;
const DEV_RELATION_F1_FLOOR: f64 = 0.80;
const DEV_ATTR_FOUND_FLOOR: f64 = 0.77;

#[test]
fn dev_set_scores() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/dev");
    let only = std::env::var("PLINTH_DEV_ONLY").ok();
    let details = std::env::var_os("PLINTH_DEV_DETAILS").is_some();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt") && p.with_extension("expect").exists())
        .collect();
    files.sort();
    assert!(files.len() >= 12, "only {} annotated dev descriptions", files.len());
    let mut total = Score::default();
    println!(
        "\n{:<14} {:>12} {:>12} {:>11} {:>6}",
        "file", "entity t/e/x", "rel t/e/x", "attr f/e/ok", "flags"
    );
    for txt in files {
        let slug = txt.file_stem().unwrap().to_string_lossy().into_owned();
        if only.as_ref().is_some_and(|o| !slug.contains(o.as_str())) {
            continue;
        }
        let text = std::fs::read_to_string(&txt).unwrap();
        let ex = expect::parse(&std::fs::read_to_string(txt.with_extension("expect")).unwrap())
            .unwrap_or_else(|e| panic!("{slug}.expect: {e}"));
        let d = plinth_prose::draft(&text).unwrap_or_else(|e| panic!("{slug}: {e}"));
        let checked = plinth_spec::check(&d.spec);
        let valid = checked.spec.as_ref().unwrap_or_else(|| panic!("{slug}: invalid draft"));
        let drafted = read_draft(&d.spec, valid);
        let mut notes = Vec::new();
        let s = score(&ex, Some(&drafted), &mut notes);
        total += s;
        println!(
            "{slug:<14} {:>12} {:>12} {:>11} {:>6}",
            format!("{}/{}/{}", s.ent_tp, s.ent_tp + s.ent_fn, s.ent_fp),
            format!("{}/{}/{}", s.rel_tp, s.rel_tp + s.rel_fn, s.rel_fp),
            format!("{}/{}/{}", s.attrs_found, s.attrs, s.attrs_typed),
            format!("{}/{}", s.flags_ok, s.flags),
        );
        if details {
            for n in &notes {
                println!("    {n}");
            }
        }
    }
    let t = total;
    let (ep, er, ef) = prf(t.ent_tp, t.ent_fn, t.ent_fp);
    let (rp, rr, rf) = prf(t.rel_tp, t.rel_fn, t.rel_fp);
    let found = ratio(t.attrs_found, t.attrs);
    let typed = ratio(t.attrs_typed, t.attrs_found);
    println!("entities      P {ep:.3}  R {er:.3}  F1 {ef:.3}");
    println!("relations     P {rp:.3}  R {rr:.3}  F1 {rf:.3}");
    println!(
        "attributes    found {}/{} = {found:.3}; right type {}/{} = {typed:.3}",
        t.attrs_found, t.attrs, t.attrs_typed, t.attrs_found
    );
    println!(
        "uniques       found {}/{}; marked unique {}/{}",
        t.uniques_found, t.uniques, t.uniques_marked, t.uniques
    );
    println!(
        "flags         {}/{} = {:.3}; asked for and set {}/{}",
        t.flags_ok,
        t.flags,
        ratio(t.flags_ok, t.flags),
        t.flags_on_ok,
        t.flags_on
    );
    if only.is_none() {
        assert!(
            ef >= DEV_ENTITY_F1_FLOOR,
            "dev entity F1 {ef:.3} < {DEV_ENTITY_F1_FLOOR}"
        );
        assert!(
            rf >= DEV_RELATION_F1_FLOOR,
            "dev relation F1 {rf:.3} < {DEV_RELATION_F1_FLOOR}"
        );
        assert!(
            found >= DEV_ATTR_FOUND_FLOOR,
            "dev attributes found {found:.3} < {DEV_ATTR_FOUND_FLOOR}"
        );
    }
}
