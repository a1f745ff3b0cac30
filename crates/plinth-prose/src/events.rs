//! Event entities named by a verb. "Guests book rooms" stores one Booking
//! per act (the guest, the room); "members borrow copies" a Loan; "students
//! enroll in courses each semester and receive a grade" an Enrollment with
//! the student, the course, the semester and the grade; "customers order
//! products" an Order with its items. Verbs whose act is an everyday record
//! always make one; others ("couriers deliver orders") only when the text
//! also names the act as a thing ("a delivery has a tracking number").
//! "Vets examine pets during visits": the visit records both.

use crate::entities::{is_person, looks_like_event};
use crate::grammar::{Chunk, Np};
use crate::lexicon;
use crate::model::State;
use crate::relations::{child_of, clauses, possess, reference, Ctx};
use std::collections::BTreeSet;

/// Verbs whose act is always a record of its own: `(verb, event noun)`.
const ALWAYS: &[(&str, &str)] = &[
    ("book", "booking"),
    ("reserve", "reservation"),
    ("borrow", "loan"),
    ("rent", "rental"),
    ("enroll", "enrollment"),
    ("enrol", "enrolment"),
    ("register", "registration"),
    ("order", "order"),
    ("purchase", "purchase"),
    ("buy", "purchase"),
    ("subscribe", "subscription"),
    ("apply", "application"),
    ("attend", "attendance"),
    ("donate", "donation"),
    ("bid", "bid"),
    ("comment", "comment"),
    ("adopt", "adoption"),
    ("hire", "rental"),
];

/// Verbs whose act is a record only when the text names it as a thing.
const WHEN_NAMED: &[(&str, &str)] = &[
    ("deliver", "delivery"),
    ("ship", "shipment"),
    ("pay", "payment"),
    ("review", "review"),
    ("rate", "rating"),
    ("visit", "visit"),
    ("examine", "examination"),
    ("treat", "treatment"),
    ("prescribe", "prescription"),
    ("assess", "assessment"),
    ("inspect", "inspection"),
    ("play", "play"),
    ("listen", "listen"),
    ("view", "view"),
    ("transfer", "transfer"),
    ("move", "movement"),
    ("return", "return"),
    ("vote", "vote"),
    ("like", "like"),
    ("check", "check"),
    ("log", "log"),
    ("teach", "lesson"),
    ("stay", "stay"),
    ("take", "attempt"),
    ("complete", "completion"),
    ("submit", "submission"),
    ("answer", "answer"),
    ("grade", "grade"),
    ("sponsor", "sponsorship"),
    ("interview", "interview"),
    ("invite", "invitation"),
    ("follow", "follow"),
];

/// Verbs that, after "and" in the same clause, give the event its data
/// ("... and receive a final grade").
const DATA_VERBS: &[&str] = &[
    "receive", "get", "earn", "have", "pay", "give", "record", "store", "score", "leave", "choose", "pick",
];

/// Prepositions that name the occasion an act happens in ("during visits").
const OCCASION: &[&str] = &["during", "at", "in"];

/// The verbs of [`ALWAYS`], for a single lemma lookup.
pub const ALWAYS_VERBS: &[&str] = &[
    "book",
    "reserve",
    "borrow",
    "rent",
    "enroll",
    "enrol",
    "register",
    "order",
    "purchase",
    "buy",
    "subscribe",
    "apply",
    "attend",
    "donate",
    "bid",
    "comment",
    "adopt",
    "hire",
];

/// A form of a verb whose act is a record ("books", "borrowed", "comment").
pub fn is_event_verb(w: &str) -> bool {
    lexicon::lemma(w, ALWAYS_VERBS).is_some()
}

fn event_noun(word: &str, st: &State, ctx: &Ctx) -> Option<String> {
    let named = |n: &str| ctx.is_known(n) || st.entity(n).is_some();
    let verbs: Vec<&str> = ALWAYS.iter().chain(WHEN_NAMED).map(|(v, _)| *v).collect();
    let lemma = lexicon::lemma(word, &verbs)?;
    // "meeting room booking": a compound the text names wins over the bare noun
    let base = ALWAYS
        .iter()
        .chain(WHEN_NAMED)
        .find(|(v, _)| *v == lemma)
        .map(|(_, n)| n.to_string())?;
    let compound = st
        .entities
        .iter()
        .map(|e| e.key.clone())
        .chain(ctx.known.iter().cloned())
        .find(|k| k.ends_with(&format!("_{base}")) && k.matches('_').count() == 1);
    if let Some(c) = compound {
        return Some(c);
    }
    let always = ALWAYS.iter().any(|(v, _)| *v == lemma);
    (always || named(&base)).then_some(base)
}

/// The clause verbs (by token start) this pass has read, so the clause
/// reader leaves them alone, and the `with` chunks it has used.
pub fn extract(st: &mut State, ctx: &Ctx, chunks: &[Chunk]) -> (BTreeSet<usize>, BTreeSet<usize>) {
    let s = ctx.sentence;
    let mut done = BTreeSet::new();
    let mut with_done = BTreeSet::new();
    let cls = clauses(chunks);
    for (ci, cl) in cls.iter().enumerate() {
        let v = cl.verb;
        if v.neg || v.passive || v.copula {
            continue;
        }
        let subj: Vec<String> = cl
            .subjects
            .iter()
            .filter_map(|n| ctx.thing(n))
            .filter(|k| is_person(k) || ctx.is_known(k) || st.entity(k).is_some())
            .collect();
        if subj.is_empty() {
            continue;
        }
        let objs: Vec<(String, &Np)> = cl
            .objects
            .iter()
            .filter_map(|o| ctx.thing(o).map(|k| (k, *o)))
            .collect();
        // "During an appointment the dentist records treatments": what is recorded belongs to the occasion
        if let (Some(Chunk::Prep(d)), Some(Chunk::Np(occ)), 0) = (chunks.first(), chunks.get(1), ci) {
            let occ = ctx
                .thing(occ)
                .filter(|k| looks_like_event(k) && (ctx.is_known(k) || st.entity(k).is_some()));
            if let (true, Some(occ)) = (d == "during", occ) {
                for (ok, _) in objs.iter().filter(|(k, _)| *k != occ && !is_person(k)) {
                    child_of(st, ok, &occ, s, "during");
                }
                done.insert(v.start);
                continue;
            }
        }
        // "vets examine pets during visits": the occasion records both
        if let Some((p, tail)) = &cl.tail {
            if OCCASION.contains(p) {
                let occasion: Vec<String> = tail
                    .iter()
                    .filter_map(|n| ctx.thing(n))
                    .filter(|k| looks_like_event(k) && (ctx.is_known(k) || st.entity(k).is_some()))
                    .collect();
                if let Some(occ) = occasion.first() {
                    for k in subj.iter().chain(objs.iter().map(|(k, _)| k)) {
                        if k != occ {
                            reference(st, occ, k, k, false, s, "during");
                        }
                    }
                    done.insert(v.start);
                    continue;
                }
            }
        }
        // "volunteers sign up for shifts": a signup per person and shift
        let signup = v.word.starts_with("sign")
            && matches!((chunks.get(cl.after), chunks.get(cl.after + 1)), (Some(Chunk::Prep(u)), Some(Chunk::Prep(f))) if u == "up" && (f == "for" || f == "to"));
        if signup {
            let (nps, _) = crate::relations::np_list(chunks, cl.after + 2);
            let targets: Vec<String> = nps
                .iter()
                .filter_map(|n| ctx.thing(n))
                .filter(|k| ctx.is_known(k) || st.entity(k).is_some())
                .collect();
            if let Some(t) = targets.first() {
                st.add_entity("signup", s);
                for sk in &subj {
                    reference(st, "signup", sk, sk, false, s, "sign up for");
                }
                reference(st, "signup", t, t, false, s, "sign up for");
                done.insert(v.start);
                continue;
            }
        }
        let Some(ev) = event_noun(&v.word, st, ctx) else {
            continue;
        };
        // "book a spot in a class": the place stands for the thing it is in
        let mut objs = objs;
        if let (Some((p, tail)), true) = (&cl.tail, objs.len() == 1) {
            let generic = ["spot", "place", "seat", "slot", "space"].contains(&objs[0].0.as_str());
            if generic && ["in", "on", "at", "for", "of"].contains(p) {
                if let Some(t) = tail.first().and_then(|n| ctx.thing(n).map(|k| (k, *n))) {
                    objs = vec![t];
                }
            }
        }
        // "patients book appointments": the object is the act itself
        // "a driver registers vehicles": registering a thing is owning it, not an act of its own
        let needs_particle = ["register", "enroll", "enrol", "subscribe", "apply"]
            .iter()
            .any(|l| lexicon::lemma(&v.word, &[l]).is_some());
        if needs_particle && v.particle.is_none() {
            continue;
        }
        if objs.is_empty()
            || objs.iter().any(|(k, _)| {
                let record = [
                    "ticket",
                    "pass",
                    "voucher",
                    "license",
                    "licence",
                    "membership",
                    "gift_card",
                ]
                .contains(&k.as_str());
                *k == ev || record || (looks_like_event(k) && ev != "delivery" && ev != "shipment" && ev != "payment")
            })
        {
            continue;
        }
        // "students attend one school": one of them is a plain reference
        if subj.contains(&ev) || objs.iter().all(|(_, n)| n.one) {
            continue;
        }
        done.insert(v.start);
        st.add_entity(&ev, s);
        for sk in &subj {
            reference(st, &ev, sk, sk, false, s, v.word.as_str());
        }
        let ordered = ev == "order" && objs.iter().any(|(_, n)| n.plural || n.many);
        for (ok, _) in &objs {
            if ordered {
                child_of(st, "order_item", "order", s, "order");
                reference(st, "order_item", ok, ok, false, s, "order");
            } else if ok != &ev {
                reference(st, &ev, ok, ok, false, s, v.word.as_str());
            }
        }
        // "guests book rooms with a rate": the list describes the act
        for w in [cl.after, cl.tail_end] {
            if matches!(chunks.get(w), Some(Chunk::Prep(p)) if p == "with") {
                let (items, _) = crate::relations::np_list(chunks, w + 1);
                let attrs: Vec<&Np> = items.into_iter().filter(|o| ctx.thing(o).is_none()).collect();
                possess(st, ctx, &ev, &attrs, false, "with", true);
                with_done.insert(w);
            }
        }
        // "book rooms for a stay at a hotel": named things in the tail are part of the act
        if let Some((p, tail)) = &cl.tail {
            if ["for", "at", "in", "from", "with", "on", "during"].contains(p) {
                for t in tail {
                    if let Some(tk) = ctx.thing(t).filter(|k| ctx.is_known(k) || st.entity(k).is_some()) {
                        if tk != ev && !subj.contains(&tk) {
                            reference(st, &ev, &tk, &tk, false, s, p);
                        }
                    }
                }
            }
        }
        // "... and receive a final grade": the data of the act
        if let Some(next) = cls.get(ci + 1) {
            let joined = next.verb.start > 0
                && chunks
                    .iter()
                    .position(|c| c.verb().is_some_and(|x| x.start == next.verb.start))
                    .is_some_and(|k| k > 0 && matches!(chunks[k - 1], Chunk::Conj(_)));
            if joined && next.verb.lemma_in(DATA_VERBS).is_some() {
                let attrs: Vec<&Np> = next
                    .objects
                    .iter()
                    .copied()
                    .filter(|o| ctx.thing(o).is_none())
                    .collect();
                if !attrs.is_empty() && attrs.len() == next.objects.len() {
                    possess(st, ctx, &ev, &attrs, false, "with", false);
                    done.insert(next.verb.start);
                }
            }
        }
    }
    (done, with_done)
}

/// "for each ingredient in a recipe we keep an amount and a unit": the
/// data belongs to the pair, one row per ingredient of a recipe (an entity
/// that already links both, or a new `recipe_ingredient`); "record
/// attendance for each student in a lesson": the named thing is that row.
pub fn for_each_pair(st: &mut State, ctx: &Ctx, chunks: &[Chunk]) -> BTreeSet<usize> {
    let s = ctx.sentence;
    let mut done = BTreeSet::new();
    for i in 0..chunks.len() {
        let Some(xn) = chunks[i].np().filter(|n| n.has_det("each") || n.has_det("every")) else {
            continue;
        };
        let (Some(Chunk::Prep(p)), Some(Chunk::Np(yn))) = (chunks.get(i + 1), chunks.get(i + 2)) else {
            continue;
        };
        if !["in", "of", "on", "within"].contains(&p.as_str()) {
            continue;
        }
        let (Some(x), Some(y)) = (ctx.thing(xn), ctx.thing(yn)) else {
            continue;
        };
        if x == y {
            continue;
        }
        // the row the text names ("record attendance for each student"), or the one linking both
        let named = match (
            i.checked_sub(2).map(|k| &chunks[k]),
            i.checked_sub(1).map(|k| &chunks[k]),
        ) {
            (Some(Chunk::Np(o)), Some(Chunk::Prep(f))) if f == "for" => ctx.thing(o).filter(|o| *o != x && *o != y),
            _ => None,
        };
        let linking = st
            .rels
            .iter()
            .filter(|r| r.to == x)
            .map(|r| r.from.clone())
            .find(|f| st.rels.iter().any(|r| r.from == *f && r.to == y));
        let mut k = i + 3;
        if matches!(chunks.get(k), Some(Chunk::Other(w)) if w == "we") {
            k += 1;
        }
        let data_verb = chunks.get(k).and_then(Chunk::verb).filter(|v| {
            v.lemma_in(crate::lexicon::verbs::HAVE).is_some()
                || v.lemma_in(&["keep", "store", "record", "track", "need"]).is_some()
        });
        if named.is_none() && data_verb.is_none() {
            continue;
        }
        // "for each product in an order": an order's rows are its items
        let fresh = if ["order", "cart", "invoice", "basket", "bill", "tab", "receipt"].contains(&y.as_str()) {
            format!("{y}_item")
        } else {
            format!("{y}_{x}")
        };
        let row = named.or(linking).unwrap_or(fresh);
        st.add_entity(&row, s);
        child_of(st, &row, &y, s, "for each ... in");
        reference(st, &row, &x, &x, false, s, "for each");
        st.pair_rows.push((x.clone(), y.clone()));
        if let Some(v) = data_verb {
            let (items, _) = crate::relations::np_list(chunks, k + 1);
            let attrs: Vec<&Np> = items.into_iter().filter(|o| ctx.thing(o).is_none()).collect();
            possess(st, ctx, &row, &attrs, false, "for each", false);
            done.insert(v.start);
        }
    }
    done
}

/// "..., every session is with one physio, we need the date and the notes":
/// what "we" keep after a clause belongs to that clause's subject.
pub fn we_keep(st: &mut State, ctx: &Ctx, chunks: &[Chunk]) {
    for w in 1..chunks.len() {
        if !matches!(&chunks[w], Chunk::Other(o) if o == "we") || !matches!(chunks[w - 1], Chunk::Comma) {
            continue;
        }
        let mut k = w + 1;
        if chunks.get(k).and_then(Chunk::verb).is_some_and(|v| {
            v.lemma_in(&["need", "keep", "store", "track", "record", "capture", "want", "log"])
                .is_some()
        }) {
            k += 1;
        }
        let (items, _) = crate::relations::np_list(chunks, k);
        let attrs: Vec<&Np> = items.into_iter().filter(|n| ctx.thing(n).is_none()).collect();
        let owner = clauses(&chunks[..w])
            .iter()
            .rev()
            .find_map(|c| c.subjects.iter().find_map(|n| ctx.thing(n)));
        if let (Some(owner), false) = (owner, attrs.is_empty()) {
            possess(st, ctx, &owner, &attrs, false, "we keep", false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn always_verbs_match_the_table() {
        let table: Vec<&str> = ALWAYS.iter().map(|(v, _)| *v).collect();
        assert_eq!(table.len(), ALWAYS_VERBS.len());
        assert!(table.iter().all(|v| ALWAYS_VERBS.contains(v)));
    }

    #[test]
    fn event_verbs_make_event_entities() {
        let d = crate::draft(
            "Guests book rooms. Members borrow books. Students enroll in courses each semester and receive a grade.",
        )
        .unwrap();
        let flat = d.spec.split_whitespace().collect::<Vec<_>>().join(" ");
        for want in [
            "guest -> Guest",
            "room -> Room",
            "member -> Member",
            "book -> Book",
            "semester -> Semester",
        ] {
            assert!(flat.contains(want), "{want}\n{}", d.spec);
        }
        for e in ["entity Booking", "entity Loan", "entity Enrollment"] {
            assert!(d.spec.contains(e), "{e}\n{}", d.spec);
        }
        assert!(d.spec.contains("grade"), "{}", d.spec);
    }
}
