//! Verb patterns the clause reader delegates: who holds the key when a
//! person "is assigned to" a piece of work, a second role to the same
//! parent ("reported by a user and assigned to a user"), "work in / play
//! for one X" (a plain reference, not a many-to-many), and a copula clause
//! followed by more places ("a lesson is for one class, in one room").

use super::{reference, Ctx};
use crate::entities::{is_person, looks_like_event};
use crate::grammar::{Chunk, Np, Verb};
use crate::model::State;

/// Things a person is assigned to that hold the person, not the other way round.
const WORK_ITEMS: &[&str] = &[
    "task",
    "ticket",
    "issue",
    "case",
    "claim",
    "match",
    "game",
    "job",
    "request",
    "shift",
    "incident",
    "order",
    "delivery",
    "bug",
    "story",
    "inspection",
    "audit",
    "review",
    "assignment",
    "lesson",
    "class",
    "session",
];

fn work_item(k: &str) -> bool {
    let last = k.rsplit('_').next().unwrap_or(k);
    WORK_ITEMS.contains(&last) || looks_like_event(k)
}

/// "X is assigned to Y": the key, its field and which end holds it.
pub fn assigned(st: &mut State, sk: &str, ok: &str, optional: bool, s: usize) {
    // "referees are assigned to matches": the match names its referee
    if is_person(sk) && !is_person(ok) && work_item(ok) {
        let field = second_role(st, ok, sk, sk);
        reference(st, ok, sk, &field, true, s, "is assigned to");
        return;
    }
    let field = second_role(st, sk, ok, ok);
    reference(st, sk, ok, &field, optional, s, "is assigned to");
}

/// A field for `from -> to` that does not collide with a reference the
/// text already gave ("reported by a user" then "assigned to a user").
fn second_role(st: &State, from: &str, to: &str, field: &str) -> String {
    if st.rels.iter().any(|r| r.from == from && r.to == to && r.field == field) {
        if is_person(to) {
            "assignee".to_string()
        } else {
            format!("assigned_{to}")
        }
    } else {
        field.to_string()
    }
}

/// "players play for one team", "a professor who works in a department":
/// one of them, so a reference rather than a many-to-many.
pub fn single_place(v: &Verb, o: &Np) -> bool {
    let particle = v.particle.as_deref().unwrap_or("");
    let singular = !o.plural && !o.many;
    o.one || (singular && ["in", "at", "for"].contains(&particle) && !v.modal_can() && !o.has_det("each"))
}

/// "a lesson is for one class, taught by one teacher, in one room": the
/// places after a copula clause are references of its subject.
pub fn places_after(st: &mut State, ctx: &Ctx, chunks: &[Chunk], from: usize, subj: &[String]) {
    for i in from..chunks.len() {
        let (Some(Chunk::Comma), Some(Chunk::Prep(p)), Some(Chunk::Np(n))) =
            (chunks.get(i), chunks.get(i + 1), chunks.get(i + 2))
        else {
            if matches!(chunks.get(i), Some(Chunk::Other(o)) if o == "." || o == ";") {
                break;
            }
            continue;
        };
        if ["in", "at", "on", "with", "for"].contains(&p.as_str()) && (n.one || n.has_det("a") || n.has_det("an")) {
            if let Some(k) = ctx.thing(n).filter(|k| ctx.is_known(k) || st.entity(k).is_some()) {
                for sk in subj {
                    if *sk != k {
                        reference(st, sk, &k, &k, false, ctx.sentence, p);
                    }
                }
            }
        }
    }
}

/// "played between a home team and an away team": a reference to each,
/// named after it; "logged with the listener and a played at time": the
/// subject has them.
pub fn between_or_with(st: &mut State, ctx: &Ctx, sk: &str, objs: &[&Np], between: bool) {
    if between {
        for o in objs {
            let Some(ok) = ctx.thing(o) else { continue };
            let field = crate::model::noun_key(&o.words).unwrap_or_else(|| ok.clone());
            if ok != sk {
                reference(st, sk, &ok, &field, false, ctx.sentence, "between");
            }
        }
    } else {
        crate::relations::possess(st, ctx, sk, objs, false, "with", true);
    }
}

/// "goes from one location to another location (origin/destination)",
/// "from an origin port to a destination port": two references from the
/// owner, named after the roles.
pub fn from_to(st: &mut State, ctx: &Ctx, owner: &str, x: &Np, y: &Np) {
    let s = ctx.sentence;
    let (Some(xk), Some(yk)) = (ctx.thing(x), ctx.thing(y)) else {
        return;
    };
    let head = |k: &str| k.split_once('_').map(|(_, h)| h.to_string());
    if xk != yk {
        if let (Some(hx), Some(hy)) = (head(&xk), head(&yk)) {
            if hx == hy && hx != owner {
                st.add_entity(&hx, s);
                reference(st, owner, &hx, &xk, false, s, "from");
                reference(st, owner, &hx, &yk, false, s, "to");
            }
        }
        return;
    }
    if owner == xk {
        return;
    }
    let names = y
        .paren
        .as_ref()
        .filter(|p| p.len() == 2)
        .map(|p| (p[0].replace(' ', "_"), p[1].replace(' ', "_")));
    let (a, b) = names.unwrap_or_else(|| (format!("from_{xk}"), format!("to_{xk}")));
    reference(st, owner, &xk, &a, false, s, "from");
    reference(st, owner, &xk, &b, false, s, "to");
}
