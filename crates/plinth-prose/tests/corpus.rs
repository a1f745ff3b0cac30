//! Held-out evaluation of `plinth draft` on the prose corpus in `tests/prose/`
//! (how it was built and annotated: `docs/prose-corpus.md`).
//!
//! For every `NN-slug.txt` the test calls [`plinth_prose::draft`] and compares
//! the drafted spec with `NN-slug.expect`. Negative inputs must be refused;
//! every other draft must pass `plinth_spec::check` with no error. The scores
//! are computed over the whole corpus:
//!
//! - entities: precision / recall / F1, names matched case-insensitively
//!   against the accepted alternatives;
//! - relations: F1 over child→parent pairs and unordered many-to-many pairs,
//!   both ends mapped to the matched expected entities;
//! - attributes: how many expected fields exist in the draft, and the share of
//!   those with an accepted type class;
//! - uniques (reported only), flags (tenant, audit, soft delete, versioned,
//!   partitioned), refusals.
//!
//! `cargo test -p plinth-prose --test corpus -- --nocapture` prints the table;
//! `PLINTH_PROSE_DETAILS=1` adds every miss per file, `PLINTH_PROSE_ONLY=07`
//! restricts the run to the files whose name contains `07` (floors are then
//! not asserted).

#[path = "corpus/drafted.rs"]
mod drafted;
#[path = "corpus/expect.rs"]
mod expect;
#[path = "corpus/score.rs"]
mod score;

use std::path::{Path, PathBuf};

use drafted::read_draft;
use expect::Expect;
use score::{prf, ratio, score, Score};

// Floors are regression guards set just under the scores measured on
// 2026-11-22 after the event, clause and note rules (docs/prose-corpus.md);
// the aims are entity F1 ≥ 0.90 and relationship F1 ≥ 0.85
// (attributes found ≥ 0.70 was the corpus author's proposal). Raise a floor
// whenever the extractor improves; never lower one to make a change pass.
const ENTITY_F1_FLOOR: f64 = 0.74;
const RELATION_F1_FLOOR: f64 = 0.44;
const ATTR_FOUND_FLOOR: f64 = 0.41;
const ATTR_TYPE_ACCURACY_FLOOR: f64 = 0.89;
/// Most annotated flags are `false`: a draft that sets none scores 0.805,
/// hence the second floor on the flags the texts do ask for.
const FLAG_ACCURACY_FLOOR: f64 = 0.90;
const FLAGS_ASKED_SET_FLOOR: f64 = 0.80;
/// Every negative input must be refused.
const REFUSAL_FLOOR: f64 = 1.0;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/prose")
}

/// `(slug, text, expectation)` for every corpus file, sorted by name.
fn load_corpus() -> Vec<(String, String, Expect)> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/prose exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|txt| {
            let slug = txt.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&txt).expect("readable .txt");
            let src = std::fs::read_to_string(txt.with_extension("expect"))
                .unwrap_or_else(|_| panic!("{slug}.txt has no {slug}.expect"));
            let ex = expect::parse(&src).unwrap_or_else(|e| panic!("{slug}.expect: {e}"));
            (slug, text, ex)
        })
        .collect()
}

/// Every `.expect` file parses and names its own entities; the corpus has
/// the size and shape docs/prose-corpus.md promises.
#[test]
fn expectations_are_well_formed() {
    let corpus = load_corpus();
    let negatives = corpus.iter().filter(|(_, _, ex)| ex.refuse).count();
    assert!(corpus.len() - negatives >= 24, "at least 24 positive descriptions");
    assert!(negatives >= 4, "at least 4 negative inputs");
    for (slug, _, ex) in &corpus {
        let required = ex.entities.iter().filter(|e| !e.optional).count();
        assert!(ex.refuse || (3..=15).contains(&required), "{slug}: {required} entities");
    }
}

#[test]
fn drafts_match_the_corpus() {
    let only = std::env::var("PLINTH_PROSE_ONLY").ok();
    let details = std::env::var_os("PLINTH_PROSE_DETAILS").is_some();
    let mut total = Score::default();
    let (mut negatives, mut refused) = (0, 0);
    let mut failures: Vec<String> = Vec::new();

    println!(
        "\n{:<26} {:>12} {:>12} {:>11} {:>6} {:>6}  note",
        "file", "entity t/e/x", "rel t/e/x", "attr f/e/ok", "uniq", "flags"
    );
    for (slug, text, ex) in load_corpus() {
        if only.as_ref().is_some_and(|o| !slug.contains(o.as_str())) {
            continue;
        }
        let result = std::panic::catch_unwind(|| plinth_prose::draft(&text).map(|d| d.spec));
        let mut notes = Vec::new();
        let (drafted, note) = match result {
            Err(_) => {
                failures.push(format!("{slug}: draft panicked"));
                (None, "PANIC".to_string())
            }
            Ok(Err(_)) => (None, "refused".to_string()), // wrong for a positive file: scores 0
            Ok(Ok(spec)) => {
                let again = plinth_prose::draft(&text).map(|d| d.spec);
                if again.as_ref().ok() != Some(&spec) {
                    failures.push(format!("{slug}: a second draft of the same text differs"));
                }
                let checked = plinth_spec::check(&spec);
                match &checked.spec {
                    Some(valid) => (Some(read_draft(&spec, valid)), String::new()),
                    None => {
                        let shown = plinth_spec::render(&checked.diagnostics, &format!("{slug}.plinth"), &spec, false);
                        failures.push(format!("{slug}: the draft fails `plinth check`:\n{shown}"));
                        (None, "INVALID SPEC".to_string())
                    }
                }
            }
        };
        if ex.refuse {
            negatives += 1;
            let ok = drafted.is_none() && note == "refused";
            refused += usize::from(ok);
            let verdict = if ok { "refused, as expected" } else { "NOT REFUSED" };
            println!("{slug:<26} {:51}  {verdict}", "");
            continue;
        }
        let s = score(&ex, drafted.as_ref(), &mut notes);
        total += s;
        println!(
            "{slug:<26} {:>12} {:>12} {:>11} {:>6} {:>6}  {note}",
            format!("{}/{}/{}", s.ent_tp, s.ent_tp + s.ent_fn, s.ent_fp),
            format!("{}/{}/{}", s.rel_tp, s.rel_tp + s.rel_fn, s.rel_fp),
            format!("{}/{}/{}", s.attrs_found, s.attrs, s.attrs_typed),
            format!("{}/{}", s.uniques_marked, s.uniques),
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
    let attr_found = ratio(t.attrs_found, t.attrs);
    let attr_typed = if t.attrs_found == 0 {
        0.0
    } else {
        ratio(t.attrs_typed, t.attrs_found)
    };
    let flag_acc = ratio(t.flags_ok, t.flags);
    let flags_on = ratio(t.flags_on_ok, t.flags_on);
    let refusal = ratio(refused, negatives);
    println!("\ncolumns: t/e/x = matched / expected / extra; f/e/ok = found / expected / right type class");
    println!("entities      P {ep:.3}  R {er:.3}  F1 {ef:.3}   (floor {ENTITY_F1_FLOOR})");
    println!("relations     P {rp:.3}  R {rr:.3}  F1 {rf:.3}   (floor {RELATION_F1_FLOOR})");
    println!(
        "attributes    found {}/{} = {attr_found:.3} (floor {ATTR_FOUND_FLOOR}); right type {}/{} = {attr_typed:.3} (floor {ATTR_TYPE_ACCURACY_FLOOR})",
        t.attrs_found, t.attrs, t.attrs_typed, t.attrs_found
    );
    println!(
        "uniques       found {}/{}; marked unique {}/{}",
        t.uniques_found, t.uniques, t.uniques_marked, t.uniques
    );
    println!(
        "flags         {}/{} = {flag_acc:.3} (floor {FLAG_ACCURACY_FLOOR}); asked for and set {}/{} = {flags_on:.3} (floor {FLAGS_ASKED_SET_FLOOR})",
        t.flags_ok, t.flags, t.flags_on_ok, t.flags_on
    );
    println!("refusals      {refused}/{negatives} = {refusal:.3}   (floor {REFUSAL_FLOOR})");

    assert!(failures.is_empty(), "{}", failures.join("\n"));
    if only.is_some() {
        return;
    }
    let below: Vec<String> = [
        ("entity F1", ef, ENTITY_F1_FLOOR),
        ("relation F1", rf, RELATION_F1_FLOOR),
        ("attributes found", attr_found, ATTR_FOUND_FLOOR),
        ("attribute type accuracy", attr_typed, ATTR_TYPE_ACCURACY_FLOOR),
        ("flag accuracy", flag_acc, FLAG_ACCURACY_FLOOR),
        ("flags asked for and set", flags_on, FLAGS_ASKED_SET_FLOOR),
        ("refusals", refusal, REFUSAL_FLOOR),
    ]
    .iter()
    .filter(|(_, got, floor)| got < floor)
    .map(|(name, got, floor)| format!("{name} {got:.3} < {floor}"))
    .collect();
    assert!(below.is_empty(), "below the floors: {}", below.join(", "));
}
