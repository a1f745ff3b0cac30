//! Patterns outside verb clauses: "Y of a X", "Y per X", "X with Y and Z",
//! "X: a, b, c", arrows ("Sites → buildings"), markers for self-reference
//! ("nested", "replies to") and order ("ordered", "position"), and
//! association entities ("attendees register for events" + "a registration
//! has ..." → one Registration row per pair).

use crate::attributes;
use crate::entities::{entity_key, is_classifier, is_person, is_role, plural_words};
use crate::grammar::{Chunk, Np};
use crate::lexicon;
use crate::model::{Rel, RelKind, State};
use crate::relations::{child_of, clauses, many_to_many, np_list, reference, self_reference, Ctx};
use std::collections::BTreeSet;

/// "X has/with/: a, b and c": each item is an attribute of X, a child of X,
/// a shared classifier, people linked to X, or a thing X points at.
pub fn possess(st: &mut State, ctx: &Ctx, owner: &str, items: &[&Np], optional: bool, why: &str, with_list: bool) {
    let s = ctx.sentence;
    // "start and end times" → start_time, end_time
    const SHARED_HEAD: &[&str] = &[
        "start",
        "end",
        "opening",
        "closing",
        "first",
        "last",
        "min",
        "max",
        "minimum",
        "maximum",
        "home",
        "away",
        "billing",
        "shipping",
        "pickup",
        "dropoff",
        "departure",
        "arrival",
        "check-in",
        "check-out",
        "birth",
        "death",
    ];
    let owned: Vec<Np> = items
        .iter()
        .enumerate()
        .map(|(k, item)| {
            let mut n = (*item).clone();
            if n.words.len() == 1 && SHARED_HEAD.contains(&n.words[0].as_str()) {
                if let Some(next) = items
                    .get(k + 1)
                    .filter(|x| x.words.len() >= 2 && SHARED_HEAD.contains(&x.words[0].as_str()))
                {
                    n.words.push(next.head().to_string());
                    n.plural = next.plural;
                }
            }
            n
        })
        .collect();
    for item in &owned {
        if let Some(k) = ctx.thing(item) {
            let sub_self = k
                .strip_prefix("sub")
                .map(|r| crate::model::singular(r.trim_start_matches('_')));
            if k == owner || sub_self.as_deref() == Some(owner) || k == format!("child_{owner}") {
                self_reference(st, owner, s, why);
                continue;
            }
            let many = item.many || item.plural;
            if many {
                if is_person(&k) && (is_role(&k) || with_list) {
                    many_to_many(st, owner, &k, s, why);
                } else if is_classifier(&k) {
                    many_to_many(st, owner, &k, s, why);
                    st.add_entity(&k, s);
                    pending_shared_question(st, owner, &k);
                } else {
                    child_of(st, &k, owner, s, why);
                }
            } else if item.one
                && item.det.iter().any(|d| d == "one" || d == "single" || d == "exactly")
                && !is_person(&k)
            {
                // "a user has one profile": one-to-one, the profile points at its owner
                st.add_entity(&k, s);
                st.add_rel(Rel {
                    from: k.clone(),
                    to: owner.to_string(),
                    field: owner.to_string(),
                    kind: RelKind::One {
                        optional: false,
                        unique: true,
                    },
                    sentence: s,
                    map: None,
                    on_delete_cascade: true,
                    via: None,
                    role: None,
                });
            } else if item.paren.is_none()
                && !is_person(&k)
                && !ctx.is_known(&k)
                && (!crate::is_data_noun(&k) || why == "lists")
                && !crate::entities::is_organisation(&k)
                && st.entity(&k).is_none()
            {
                // "each class has a room": a thing named once, in passing, is a value of the owner
                if let Some(a) = attributes::from_np(item, s) {
                    st.add_entity(owner, s);
                    st.add_attr(owner, a);
                }
            } else {
                reference(st, owner, &k, &k, optional, s, why);
            }
            continue;
        }
        if let Some(mut a) = attributes::from_np(item, s) {
            if optional {
                a.nullable = !matches!(a.ty, crate::model::Ty::Bool | crate::model::Ty::Enum(_));
            }
            st.add_entity(owner, s);
            st.add_attr(owner, a);
        }
    }
}

/// "is a label shared across projects?" — asked about the owner's parent
/// when the owner has one (decided at the end, see [`ask_shared`]).
fn pending_shared_question(st: &mut State, owner: &str, item: &str) {
    st.note(format!("?shared {owner} {item}"), None, String::new());
}

/// Turns the pending "shared" notes into questions once every relation is known.
pub fn ask_shared(st: &mut State) {
    let pending: Vec<(String, String)> = st
        .notes
        .iter()
        .filter_map(|n| n.subject.strip_prefix("?shared ").map(|r| r.to_string()))
        .filter_map(|r| r.split_once(' ').map(|(a, b)| (a.to_string(), b.to_string())))
        .collect();
    st.notes.retain(|n| !n.subject.starts_with("?shared "));
    for (owner, item) in pending {
        let owner = st.resolve(&owner);
        let parent = st
            .rels
            .iter()
            .find(|r| r.from == owner && r.to != owner && matches!(r.kind, RelKind::One { optional: false, .. }))
            .map(|r| r.to.clone());
        let scope = parent.unwrap_or(owner);
        st.ask(format!(
            "is a {} shared across {}, or does each of them have its own?",
            crate::entities::singular_words(&item),
            plural_words(&scope)
        ));
    }
}

/// Nouns for the act behind a many-to-many verb: "enroll" → enrollment.
pub fn act_nouns(verb: &str) -> Vec<String> {
    let fixed: &[(&str, &[&str])] = &[
        ("register", &["registration", "signup"]),
        ("subscribe", &["subscription"]),
        ("enroll", &["enrollment", "enrolment"]),
        ("enrol", &["enrolment", "enrollment"]),
        ("attend", &["attendance"]),
        ("participate", &["participation"]),
        ("apply", &["application"]),
        ("join", &["membership"]),
        ("borrow", &["loan"]),
        ("rent", &["rental"]),
        ("reserve", &["reservation"]),
        ("book", &["booking"]),
        ("vote", &["vote"]),
    ];
    let mut out: Vec<String> = fixed
        .iter()
        .filter(|(v, _)| *v == verb)
        .flat_map(|(_, n)| n.iter().map(|s| s.to_string()))
        .collect();
    let stem = verb.strip_suffix('e').unwrap_or(verb);
    for n in [
        format!("{verb}ment"),
        format!("{stem}ation"),
        format!("{stem}ion"),
        format!("{stem}ing"),
        format!("{verb}ing"),
        verb.to_string(),
    ] {
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// A many-to-many whose act the text also names as a thing ("attendees
/// register for events" + "a registration has a ticket type") is that
/// thing: an entity pointing at both sides, unique per pair.
pub fn association_entities(st: &mut State) {
    let m2m: Vec<usize> = (0..st.rels.len())
        .filter(|&i| st.rels[i].kind == RelKind::Many && st.rels[i].via.is_some())
        .collect();
    let mut remove = Vec::new();
    for i in m2m {
        let r = st.rels[i].clone();
        let Some(assoc) = act_nouns(r.via.as_deref().unwrap())
            .into_iter()
            .find(|n| st.entity(n).is_some_and(|e| e.merged_into.is_none()))
        else {
            continue;
        };
        let assoc = st.resolve(&assoc);
        if assoc == r.from || assoc == r.to {
            continue;
        }
        remove.push(i);
        let a_field = st
            .rels
            .iter()
            .find(|x| x.from == assoc && x.to == r.from)
            .map(|x| x.field.clone());
        let b_field = st
            .rels
            .iter()
            .find(|x| x.from == assoc && x.to == r.to)
            .map(|x| x.field.clone());
        let from_field = st
            .entity(&r.from)
            .map(|_| original_role(st, &r))
            .unwrap_or_else(|| r.from.clone());
        let a = a_field.unwrap_or_else(|| {
            st.rels.push(Rel {
                from: assoc.clone(),
                to: r.from.clone(),
                field: from_field.clone(),
                kind: RelKind::One {
                    optional: false,
                    unique: false,
                },
                sentence: r.sentence,
                map: None,
                on_delete_cascade: true,
                via: None,
                role: None,
            });
            from_field.clone()
        });
        let b = b_field.unwrap_or_else(|| {
            st.rels.push(Rel {
                from: assoc.clone(),
                to: r.to.clone(),
                field: r.to.clone(),
                kind: RelKind::One {
                    optional: false,
                    unique: false,
                },
                sentence: r.sentence,
                map: None,
                on_delete_cascade: true,
                via: None,
                role: None,
            });
            r.to.clone()
        });
        if a != b {
            if let Some(e) = st.entity_mut(&assoc) {
                e.uniques.push((vec![a.clone(), b.clone()], r.sentence));
            }
        }
        st.note(
            crate::model::pascal(&assoc),
            Some(r.sentence),
            format!(
                "the many-to-many \"{}\" is recorded as {} rows ({} and {}), one per pair",
                r.via.as_deref().unwrap(),
                crate::model::pascal(&assoc),
                a,
                b
            ),
        );
    }
    for i in remove.into_iter().rev() {
        st.rels.remove(i);
    }
}

/// The role name a merged person had before becoming `user` ("attendee").
fn original_role(st: &State, r: &Rel) -> String {
    let _ = st;
    r.role.clone().unwrap_or_else(|| r.from.clone())
}

/// Patterns that need no verb: "Y of a X", "Y per X", "X with Y and Z",
/// "X: a, b, c".
pub(crate) fn phrases(st: &mut State, ctx: &Ctx, chunks: &[Chunk], with_done: &BTreeSet<usize>) {
    let s = ctx.sentence;
    for (i, c) in chunks.iter().enumerate() {
        let prev_np = i.checked_sub(1).and_then(|p| chunks[p].np());
        match c {
            Chunk::Prep(p) if p == "of" => {
                let (Some(y), Some(x)) = (prev_np, chunks.get(i + 1).and_then(Chunk::np)) else {
                    continue;
                };
                if y.many && y.words.len() == 1 && lexicon::contains(lexicon::MANY, &y.words[0]) {
                    continue;
                }
                let Some(xk) = ctx.thing(x) else { continue };
                if let Some(yk) = ctx.thing(y) {
                    if yk != xk && !is_person(&xk) || is_role(&yk) {
                        if is_role(&yk) && y.plural {
                            many_to_many(st, &xk, &yk, s, "of");
                        } else if yk != xk {
                            child_of(st, &yk, &xk, s, "of");
                        }
                    }
                } else if !(y.words.len() == 1
                    && ["date", "place", "number", "time", "amount", "list", "set", "part"].contains(&y.head()))
                {
                    possess(st, ctx, &xk, &[y], true, "of", false);
                }
            }
            // "a line on the tab keeps ...", "tasks in a project have ...", "- comments on tasks, with a body":
            // the subject lives in the other
            Chunk::Prep(p)
                if ["on", "in", "within"].contains(&p.as_str())
                    && (matches!(chunks.get(i + 2), Some(Chunk::Verb(_)))
                        || i == 1 && !chunks.iter().any(|c| matches!(c, Chunk::Verb(_))))
                    && (i < 2 || !matches!(chunks[i - 2], Chunk::Verb(_) | Chunk::Prep(_))) =>
            {
                let (Some(y), Some(x)) = (prev_np, chunks.get(i + 1).and_then(Chunk::np)) else {
                    continue;
                };
                if let (Some(yk), Some(xk)) = (ctx.thing(y), ctx.thing(x)) {
                    if yk != xk && ctx.is_known(&xk) && !is_person(&yk) && !is_person(&xk) {
                        child_of(st, &yk, &xk, s, p);
                    }
                }
            }
            Chunk::Prep(p) if p == "per" => {
                let (Some(y), Some(x)) = (prev_np, chunks.get(i + 1).and_then(Chunk::np)) else {
                    continue;
                };
                let (Some(yk), Some(xk)) = (ctx.thing(y), ctx.thing(x)) else {
                    continue;
                };
                if yk == xk {
                    continue;
                }
                let one = y.one || y.det.iter().any(|d| d == "one" || d == "single");
                st.add_entity(&yk, s);
                st.add_entity(&xk, s);
                if one {
                    st.add_rel(Rel {
                        from: yk.clone(),
                        to: xk.clone(),
                        field: xk.clone(),
                        kind: RelKind::One {
                            optional: false,
                            unique: true,
                        },
                        sentence: s,
                        map: None,
                        on_delete_cascade: true,
                        via: None,
                        role: None,
                    });
                } else {
                    child_of(st, &yk, &xk, s, "per");
                }
            }
            Chunk::Prep(p) if p == "with" && !with_done.contains(&i) => {
                // "reminders per habit with a time": the list describes the first
                let per_owner = match (
                    i.checked_sub(2).map(|k| &chunks[k]),
                    i.checked_sub(3).map(|k| &chunks[k]),
                ) {
                    (Some(Chunk::Prep(per)), Some(Chunk::Np(y))) if per == "per" => ctx.thing(y),
                    _ => None,
                };
                // "seasons, each with a name": "each" stands for the phrase before the comma
                let each_owner = match (
                    i.checked_sub(1).map(|k| &chunks[k]),
                    i.checked_sub(2).map(|k| &chunks[k]),
                ) {
                    (Some(Chunk::Other(e)), Some(Chunk::Comma)) if e == "each" => chunks[..i - 2]
                        .iter()
                        .rev()
                        .find_map(|c| c.np().and_then(|n| ctx.thing(n))),
                    _ => None,
                };
                // "- comments on tasks, with a body and an author": a verbless line describes its first thing
                let line_owner = (i >= 2
                    && matches!(chunks[i - 1], Chunk::Comma)
                    && !chunks.iter().any(|c| matches!(c, Chunk::Verb(_))))
                .then(|| chunks.first().and_then(Chunk::np).and_then(|n| ctx.thing(n)))
                .flatten();
                let Some(owner) = per_owner
                    .or(each_owner)
                    .or(line_owner)
                    .or_else(|| prev_np.and_then(|n| ctx.thing(n)))
                else {
                    continue;
                };
                let (items, _) = np_list(chunks, i + 1);
                possess(st, ctx, &owner, &items, false, "with", true);
            }
            Chunk::Np(n)
                if n.paren
                    .as_ref()
                    .is_some_and(|p| crate::attributes::paren_is_attribute_list(p)) =>
            {
                // "tables (number, seats)", "payments (amount, method, tip)"
                let Some(owner) = ctx.thing(n) else { continue };
                let paren = n.paren.as_ref().unwrap();
                for item in paren.iter().filter(|i| i.contains(": ")) {
                    let (name, values) = item.split_once(": ").unwrap();
                    let vals: Vec<String> = values.split('|').map(String::from).collect();
                    let words: Vec<&str> = name.split(' ').collect();
                    if let (Some(name), Some(vals)) = (
                        crate::attributes::field_name(&words),
                        crate::attributes::enum_values(&vals),
                    ) {
                        st.add_entity(&owner, s);
                        st.add_attr(
                            &owner,
                            crate::model::Attr {
                                name,
                                ty: crate::model::Ty::Enum(vals.clone()),
                                nullable: false,
                                unique: false,
                                check: None,
                                comment: None,
                                default: Some(vals[0].clone()),
                                sentence: s,
                                why: "one of the listed values".into(),
                            },
                        );
                    }
                }
                let items: Vec<Vec<Chunk>> = paren
                    .iter()
                    .filter(|i| !i.contains(": "))
                    .map(|i| crate::grammar::chunk(&crate::text::tokenize(i)))
                    .collect();
                let nps: Vec<&crate::grammar::Np> = items.iter().filter_map(|c| c.iter().find_map(Chunk::np)).collect();
                st.add_entity(&owner, s);
                possess(st, ctx, &owner, &nps, false, "lists", true);
            }
            Chunk::Prep(p) if p == "from" => {
                // "goes from one location to another location (origin/destination)"
                let (Some(x), Some(Chunk::Prep(to)), Some(y)) = (
                    chunks.get(i + 1).and_then(Chunk::np),
                    chunks.get(i + 2),
                    chunks.get(i + 3).and_then(Chunk::np),
                ) else {
                    continue;
                };
                if to != "to" {
                    continue;
                }
                let owner = chunks[..i].iter().filter_map(Chunk::np).find_map(|n| ctx.thing(n));
                if let Some(owner) = owner {
                    crate::relations::from_to(st, ctx, &owner, x, y);
                }
            }
            Chunk::Other(o) if o == "→" => {
                // "Sites → buildings → floors": each one contains the next
                let (Some(parent), Some(child)) = (
                    prev_np.and_then(entity_key),
                    chunks.get(i + 1).and_then(Chunk::np).and_then(entity_key),
                ) else {
                    continue;
                };
                if parent != child {
                    child_of(st, &child, &parent, s, "→");
                }
            }
            Chunk::Colon => {
                // "attachments per task: file name, size": the note is about the first thing
                let per_head = match (
                    i.checked_sub(2).map(|k| &chunks[k]),
                    i.checked_sub(3).map(|k| &chunks[k]),
                ) {
                    (Some(Chunk::Prep(p)), Some(Chunk::Np(x))) if p == "per" || p == "of" || p == "on" => Some(x),
                    _ => None,
                };
                let Some(owner_np) = per_head.or(prev_np) else { continue };
                // "a type: asset, liability or equity": values of an attribute (see `attributes_from_lists`)
                if i > 1
                    && lexicon::contains(lexicon::ATTRIBUTE_HEADS, owner_np.head())
                    && ctx.thing(owner_np).is_none()
                {
                    continue;
                }
                if chunks.get(i + 1).is_some_and(|c| c.verb().is_some()) {
                    continue;
                }
                // "Each order has: ..." is a verb clause; here only "Products: name, price"
                if i >= 2 && chunks[i - 2].verb().is_some() {
                    continue;
                }
                let (items, end) = np_list(chunks, i + 1);
                // "Stock level: quantity per product per bin", "Movement: product, from bin, to bin"
                let structured = i == 1
                    && chunks[i + 1..]
                        .iter()
                        .any(|c| matches!(c, Chunk::Prep(p) if ["per", "from", "to"].contains(&p.as_str())));
                let Some(owner) = ctx.thing(owner_np).or_else(|| {
                    if items.len() >= 2 || structured {
                        entity_key(owner_np)
                    } else {
                        None
                    }
                }) else {
                    continue;
                };
                if structured {
                    st.add_entity(&owner, s);
                    crate::notes::structured_items(st, ctx, chunks, i + 1, &owner);
                    continue;
                }
                // a bullet that is a sentence of its own ("Users sign in") is not a list
                if chunks.get(end).is_some_and(|c| c.verb().is_some()) {
                    continue;
                }
                st.add_entity(&owner, s);
                possess(st, ctx, &owner, &items, false, "lists", true);
            }
            _ => {}
        }
    }
}

/// Words in a sentence (lower case tokens) contain `phrase` (space-separated).
pub fn has_phrase(words: &[&str], phrase: &str) -> bool {
    let p: Vec<&str> = phrase.split(' ').collect();
    words.windows(p.len()).any(|w| w == p.as_slice())
}

/// "nested", "hierarchy", "tree", "replies to", "subcategories" →
/// `parent -> X?`; "ordered", "position", "sort order" → `position int`.
pub fn markers(st: &mut State, ctx: &Ctx, chunks: &[Chunk], words: &[&str]) {
    let s = ctx.sentence;
    let things: Vec<String> = chunks
        .iter()
        .filter_map(Chunk::np)
        .filter_map(|n| ctx.thing(n))
        .collect();
    let subject = clauses(chunks)
        .first()
        .and_then(|c| c.subjects.first().and_then(|n| ctx.thing(n)))
        .or_else(|| things.first().cloned());
    let self_ref = [
        "nested",
        "hierarchy",
        "hierarchical",
        "tree",
        "nest",
        "subfolders",
        "parent",
    ]
    .iter()
    .any(|w| words.contains(w))
        || has_phrase(words, "reply to")
        || has_phrase(words, "replies to")
        || has_phrase(words, "replies")
        || has_phrase(words, "in reply")
        || has_phrase(words, "threaded");
    if self_ref {
        // "Comments can reply to other comments": the thing named twice, else the subject
        let named: Vec<String> = chunks.iter().filter_map(Chunk::np).filter_map(entity_key).collect();
        let target = named
            .iter()
            .find(|k| named.iter().filter(|x| x == k).count() > 1)
            .cloned()
            .or_else(|| {
                words.iter().find_map(|w| {
                    let w = w.strip_prefix("sub")?.trim_start_matches('-');
                    let k = crate::model::singular(w);
                    things.iter().any(|t| *t == k || st.entity(&k).is_some()).then_some(k)
                })
            })
            .or(subject.clone());
        // "pages organised as a tree": the thing before the participle
        let organised = words
            .iter()
            .position(|w| ["organised", "organized", "arranged", "structured"].contains(w))
            .filter(|&p| p > 0 && (has_phrase(words, "a tree") || has_phrase(words, "a hierarchy")))
            .map(|p| crate::model::singular(words[p - 1]))
            .filter(|k| things.contains(k) || st.entity(k).is_some());
        let target = organised.or(target);
        if let Some(t) = target {
            if !is_person(&t) {
                self_reference(st, &t, s, "nested / hierarchy / replies");
            }
        }
    }
    let ordered = [
        "ordered",
        "reorder",
        "reordered",
        "sortable",
        "position",
        "sequence",
        "reorderable",
    ]
    .iter()
    .any(|w| words.contains(w))
        || has_phrase(words, "sort order")
        || has_phrase(words, "in order")
        || has_phrase(words, "drag and drop");
    if ordered {
        if let Some(t) = subject.filter(|t| !is_person(t)) {
            st.add_entity(&t, s);
            st.add_attr(
                &t,
                crate::model::Attr {
                    name: "position".into(),
                    ty: crate::model::Ty::Int,
                    nullable: false,
                    unique: false,
                    check: None,
                    comment: None,
                    default: None,
                    sentence: s,
                    why: "ordered".into(),
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_in_words() {
        let w = ["comments", "can", "reply", "to", "other", "comments"];
        assert!(has_phrase(&w, "reply to"));
        assert!(!has_phrase(&w, "to reply"));
    }

    #[test]
    fn act_nouns_of_verbs() {
        assert!(act_nouns("register").contains(&"registration".to_string()));
        assert!(act_nouns("enroll").contains(&"enrollment".to_string()));
        assert!(act_nouns("like").contains(&"like".to_string()));
    }
}
