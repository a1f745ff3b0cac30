//! Relationships from clause patterns: "each X has (many) Y", "X contain Y",
//! "Y belongs to X", "Y of a X", "Y per X", "X is assigned to Y", "X with Y
//! and Z", "A can be in several B", "tagged with", "follow" (many-to-many),
//! "nested"/"hierarchy"/"replies to" (self-reference), and verbs of
//! creation ("customers place orders": the order references its customer).

use crate::entities::{attribute_like, entity_key, is_person};
use crate::grammar::{Chunk, Np, Verb};
use crate::lexicon::{self, verbs};
use crate::model::{Rel, RelKind, State};
use std::collections::BTreeSet;

/// Pass 1: the nouns the text treats as things (subjects and objects of
/// relation verbs, phrases with "each"/"every"), so a later "has an address"
/// can tell an entity from an attribute.
pub fn known_entities(all: &[Vec<Chunk>]) -> BTreeSet<String> {
    let mut known = BTreeSet::new();
    for chunks in all {
        for cl in clauses(chunks) {
            if cl.verb.neg || settings_verb(cl.verb) {
                continue;
            }
            let relational = cl.verb.passive
                && cl
                    .verb
                    .particle
                    .as_deref()
                    .is_some_and(|p| ["into", "from"].contains(&p))
                || cl.verb.lemma_in(verbs::BELONG).is_some()
                || cl.verb.lemma_in(verbs::CREATE).is_some()
                || cl.verb.lemma_in(verbs::MANY_TO_MANY).is_some()
                || cl.verb.lemma_in(verbs::REFER).is_some()
                || cl.verb.copula && cl.verb.particle.is_some();
            // "X is also a Y", "X and Y, both are Zs": names for the same thing
            if cl.verb.copula
                && cl.verb.particle.is_none()
                && !cl.objects.is_empty()
                && cl.verb.aux.iter().any(|a| a == "both")
            {
                for n in cl.subjects.iter().chain(cl.objects.iter()) {
                    if let Some(k) = entity_key(n) {
                        known.insert(k);
                    }
                }
            }
            for s in &cl.subjects {
                let has = cl.verb.lemma_in(verbs::HAVE).is_some();
                if has || relational || s.has_det("each") || s.has_det("every") {
                    if let Some(k) = entity_key(s) {
                        known.insert(k);
                    }
                }
            }
            if relational {
                for o in &cl.objects {
                    // "divided into units with a number and a rent": several of them, with data of their own
                    let listed = o.plural
                        && chunks
                            .iter()
                            .position(|c| c.np().is_some_and(|n| n.start == o.start))
                            .is_some_and(|k| matches!(chunks.get(k + 1), Some(Chunk::Prep(p)) if p == "with"));
                    if !attribute_like(o, &|_| false) || listed {
                        if let Some(k) = entity_key(o) {
                            known.insert(k);
                        }
                    }
                }
            }
        }
        for c in chunks {
            if let Chunk::Np(n) = c {
                if (n.has_det("each") || n.has_det("every")) && !attribute_like(n, &|_| false) {
                    if let Some(k) = entity_key(n) {
                        known.insert(k);
                    }
                }
            }
        }
    }
    known
}

pub(crate) fn settings_verb(v: &Verb) -> bool {
    v.lemma_in(verbs::SETTINGS).is_some()
        && v.lemma_in(verbs::HAVE).is_none()
        && v.lemma_in(verbs::CREATE).is_none()
        && v.lemma_in(verbs::MANY_TO_MANY).is_none()
        && v.lemma_in(verbs::BELONG).is_none()
}

pub struct Ctx<'a> {
    pub known: &'a BTreeSet<String>,
    pub sentence: usize,
}

impl Ctx<'_> {
    /// An entity key for a phrase that names a thing (not an attribute).
    pub fn thing_pub(&self, np: &Np) -> Option<String> {
        self.thing(np)
    }
    pub(crate) fn is_known(&self, k: &str) -> bool {
        self.known.contains(k)
    }
    /// An entity key for a phrase that names a thing (not an attribute).
    pub(crate) fn thing(&self, np: &Np) -> Option<String> {
        let k = entity_key(np)?;
        if self.is_known(&k) || !attribute_like(np, &|x| self.is_known(x)) {
            Some(k)
        } else {
            None
        }
    }
}

fn rel(st: &mut State, from: &str, to: &str, field: &str, kind: RelKind, s: usize, why: &str) {
    st.add_entity(from, s);
    st.add_entity(to, s);
    let field = field.to_string();
    st.add_rel(Rel {
        from: from.to_string(),
        to: to.to_string(),
        field,
        kind,
        sentence: s,
        map: None,
        on_delete_cascade: false,
        via: None,
        role: None,
    });
    let _ = why;
}

pub fn many_to_many(st: &mut State, owner: &str, target: &str, s: usize, why: &str) {
    let field = if owner == target {
        format!("related_{}", plinth_model::naming::pluralize(target))
    } else {
        plinth_model::naming::pluralize(target)
    };
    rel(st, owner, target, &field, RelKind::Many, s, why);
}

pub fn child_of(st: &mut State, child: &str, parent: &str, s: usize, why: &str) {
    if child == parent {
        return self_reference(st, child, s, why);
    }
    rel(
        st,
        child,
        parent,
        parent,
        RelKind::One {
            optional: false,
            unique: false,
        },
        s,
        why,
    );
    if let Some(r) = st.rels.iter_mut().rev().find(|r| r.from == child && r.to == parent) {
        r.on_delete_cascade = true;
    }
}

pub fn reference(st: &mut State, from: &str, to: &str, field: &str, optional: bool, s: usize, why: &str) {
    if from == to && field == to {
        return self_reference(st, from, s, why);
    }
    rel(
        st,
        from,
        to,
        field,
        RelKind::One {
            optional,
            unique: false,
        },
        s,
        why,
    );
}

pub fn self_reference(st: &mut State, key: &str, s: usize, why: &str) {
    rel(
        st,
        key,
        key,
        "parent",
        RelKind::One {
            optional: true,
            unique: false,
        },
        s,
        why,
    );
}

pub use crate::phrases::{ask_shared, possess};

/// Pass 2: every clause of one sentence.
/// "The sender and recipient of a message are users": each role is a
/// reference from the owner to the entity, named after the role.
fn roles_of(st: &mut State, ctx: &Ctx, chunks: &[Chunk]) -> Vec<String> {
    for (v, c) in chunks.iter().enumerate() {
        let Some(verb) = c.verb() else { continue };
        if !verb.copula || verb.particle.is_some() || verb.neg || v < 3 {
            continue;
        }
        let (Some(Chunk::Np(owner)), Some(Chunk::Prep(p)), Some(Chunk::Np(target))) =
            (chunks.get(v - 1), chunks.get(v - 2), chunks.get(v + 1))
        else {
            continue;
        };
        if p != "of" || !matches!(chunks.get(v + 2), None | Some(Chunk::Other(_))) {
            continue;
        }
        let (Some(ok), Some(tk)) = (ctx.thing(owner), ctx.thing(target)) else {
            continue;
        };
        if !(ctx.is_known(&tk) || is_person(&tk) || st.entity(&tk).is_some()) {
            continue;
        }
        let mut k = v - 2;
        let mut roles = Vec::new();
        while k > 0 {
            k -= 1;
            match &chunks[k] {
                Chunk::Np(n) => {
                    match crate::attributes::field_name(&n.words.iter().map(String::as_str).collect::<Vec<_>>()) {
                        Some(f) => roles.push(f),
                        None => break,
                    }
                }
                Chunk::Comma | Chunk::Conj(_) => {}
                _ => break,
            }
        }
        // "the driver of a trip is an employee": one role is enough when it names a person
        let person_role = roles.len() == 1 && is_person(&roles[0]) && is_person(&tk);
        if roles.len() < 2 && !target.plural && !person_role {
            continue;
        }
        roles.reverse();
        for r in &roles {
            reference(st, &ok, &tk, r, false, ctx.sentence, "a role of");
        }
        return roles;
    }
    Vec::new()
}

pub fn extract(st: &mut State, ctx: &Ctx, chunks: &[Chunk]) {
    let s = ctx.sentence;
    let mut with_done: BTreeSet<usize> = BTreeSet::new();
    let roles = roles_of(st, ctx, chunks);
    if !roles.is_empty() {
        return;
    }
    let (mut events, used) = crate::events::extract(st, ctx, chunks);
    with_done.extend(used);
    events.extend(crate::events::for_each_pair(st, ctx, chunks));
    crate::events::we_keep(st, ctx, chunks);
    for cl in clauses(chunks) {
        let v = cl.verb;
        if v.neg || (settings_verb(v) && !v.copula) || events.contains(&v.start) {
            continue;
        }
        let subj: Vec<String> = cl.subjects.iter().filter_map(|n| ctx.thing(n)).collect();
        let subj_any: Vec<String> = cl.subjects.iter().filter_map(|n| entity_key(n)).collect();
        let objs: Vec<&Np> = cl.objects.clone();
        let modal = v.modal_can();
        let many_q = |n: &Np| {
            n.det.iter().any(|d| {
                [
                    "several",
                    "many",
                    "multiple",
                    "various",
                    "more",
                    "one or more",
                    "zero or more",
                    "any",
                ]
                .contains(&d.as_str())
                    || lexicon::contains(lexicon::MANY, d)
            })
        };
        let particle = v.particle.as_deref().unwrap_or("");
        let relational = v.copula || v.word == "part" || v.passive || v.lemma_in(verbs::BELONG).is_some();
        if relational {
            // "Trips belong to a vehicle with a distance": the list describes the subject
            let with_at = if matches!(chunks.get(cl.after), Some(Chunk::Prep(p)) if p == "with") {
                Some(cl.after)
            } else if matches!(chunks.get(cl.tail_end), Some(Chunk::Prep(p)) if p == "with") {
                Some(cl.tail_end)
            } else {
                None
            };
            if let Some(w) = with_at {
                let is_tag = particle == "with";
                if !is_tag {
                    with_done.insert(w);
                    let (items, _) = np_list(chunks, w + 1);
                    for sk in &subj {
                        possess(st, ctx, sk, &items, false, "with", true);
                    }
                }
            }
        }
        // 0. "a manager, who is also an employee": one kind of person is another
        if v.copula && particle.is_empty() {
            for sk in &subj_any {
                for o in &objs {
                    if let Some(ok) = entity_key(o) {
                        // "every customer company is a separate account": the organisation goes by another name
                        let each_org = crate::entities::is_organisation(&ok)
                            && cl.subjects.iter().any(|n| n.has_det("every") || n.has_det("each"));
                        let same_kind =
                            is_person(sk) && is_person(&ok) || v.aux.iter().any(|a| a == "both") || each_org;
                        let sub_plural = cl.subjects.iter().any(|n| n.plural) || cl.subjects.len() > 1;
                        if ok != *sk && same_kind && (!o.many || sub_plural) {
                            st.aliases.push((sk.clone(), ok.clone(), s));
                        }
                    }
                }
            }
        }
        // "each shipment goes from an origin port to a destination port"
        if particle == "from" && !v.passive {
            if let (Some(("to", tail)), Some(x)) = (cl.tail.as_ref().map(|(p, t)| (*p, t)), objs.first()) {
                if let Some(y) = tail.first() {
                    for sk in &subj {
                        verbs_more::from_to(st, ctx, sk, x, y);
                    }
                    continue;
                }
            }
        }
        // "a comment is a reply to another comment": a reference to its own kind
        if v.copula && particle.is_empty() {
            if let Some((_, tail)) = cl.tail.as_ref().filter(|(p, _)| *p == "to" || *p == "of") {
                let own = subj_any
                    .iter()
                    .find(|sk| tail.iter().any(|t| entity_key(t).as_deref() == Some(sk.as_str())));
                if let (Some(sk), Some(_)) = (own, objs.first()) {
                    self_reference(st, sk, s, "a reply to another");
                    continue;
                }
            }
        }
        // 1. copula + place ("are in", "is part of", "are within")
        if v.copula || v.word == "part" {
            if particle == "for" || particle == "with" {
                // "a lesson is for one class, in one room"
                for sk in &subj {
                    for o in objs.iter().filter(|o| o.one || o.has_det("a") || o.has_det("an")) {
                        if let Some(ok) = ctx.thing(o).filter(|k| k != sk) {
                            reference(st, sk, &ok, &ok, false, s, "is for");
                        }
                    }
                }
                verbs_more::places_after(st, ctx, chunks, cl.after, &subj);
            }
            if ["in", "within", "inside", "under", "of", "on"].contains(&particle) {
                for sk in &subj {
                    for o in &objs {
                        let Some(ok) = ctx.thing(o) else { continue };
                        if modal && many_q(o) || o.det.iter().any(|d| d == "several" || d == "multiple" || d == "many")
                        {
                            many_to_many(st, sk, &ok, s, "can be in several");
                        } else {
                            child_of(st, sk, &ok, s, "is in / part of");
                        }
                    }
                }
            }
            continue;
        }
        // 2. belong to
        if v.lemma_in(verbs::BELONG).is_some() {
            for sk in &subj {
                for o in &objs {
                    let Some(ok) = ctx.thing(o) else { continue };
                    if many_q(o) {
                        many_to_many(st, sk, &ok, s, "can belong to several");
                    } else {
                        child_of(st, sk, &ok, s, "belongs to");
                    }
                }
            }
            continue;
        }
        // 3. passive forms
        if v.passive && particle.is_empty() {
            let w = v.word.as_str();
            let mut stems = vec![
                w.trim_end_matches("ed").to_string(),
                w.trim_end_matches('d').to_string(),
            ];
            // "every trip is paid once": the payment is done to the trip
            let irregular = [
                ("paid", "pay"),
                ("sold", "sale"),
                ("sent", "send"),
                ("bought", "purchase"),
                ("held", "hold"),
            ];
            stems.extend(irregular.iter().filter(|(p, _)| *p == w).map(|(_, l)| l.to_string()));
            let b = w.trim_end_matches("ed").as_bytes();
            if b.len() > 2 && b[b.len() - 1] == b[b.len() - 2] {
                stems.push(w.trim_end_matches("ed")[..b.len() - 1].to_string());
            }
            let act = stems
                .iter()
                .flat_map(|st| crate::phrases::act_nouns(st))
                .find(|n| ctx.is_known(n) || st.entity(n).is_some());
            if let Some(act) = act {
                for sk in &subj {
                    if *sk != act {
                        child_of(st, &act, sk, s, "is done to");
                    }
                }
                continue;
            }
        }
        if v.passive {
            let lemma_m2m = v.lemma_in(verbs::MANY_TO_MANY);
            if particle == "by" {
                for sk in &subj {
                    for o in &objs {
                        let Some(ok) = ctx.thing(o) else { continue };
                        if lemma_m2m.is_some() && v.lemma_in(verbs::CREATE).is_none() {
                            many_to_many(st, &ok, sk, s, "passive: many people can do it to many");
                        } else if many_q(o) {
                            // "an article can be co-written by several journalists"
                            st.rels
                                .retain(|r| !(r.from == *sk && r.to == ok && r.kind != RelKind::Many));
                            many_to_many(st, sk, &ok, s, "by several");
                        } else {
                            reference(st, sk, &ok, &ok, false, s, "is made by");
                        }
                    }
                }
            } else if particle == "with"
                && [
                    "tag",
                    "label",
                    "mark",
                    "associate",
                    "link",
                    "categorize",
                    "categorise",
                    "classify",
                ]
                .iter()
                .any(|w| lexicon::lemma(&v.word, &[w]).is_some())
            {
                for sk in &subj {
                    for o in &objs {
                        if let Some(ok) = ctx.thing(o) {
                            many_to_many(st, sk, &ok, s, "tagged with");
                        }
                    }
                }
            } else if ["divide", "split", "break", "separate"]
                .iter()
                .any(|w| lexicon::lemma(&v.word, &[w]).is_some())
                && particle == "into"
            {
                for sk in &subj {
                    for o in &objs {
                        if let Some(ok) = ctx.thing(o) {
                            child_of(st, &ok, sk, s, "is divided into");
                        }
                    }
                }
            } else if ["to", "with", "for", "on"].contains(&particle) && v.lemma_in(verbs::REFER).is_some() {
                for sk in &subj {
                    for o in &objs {
                        let Some(ok) = ctx.thing(o) else { continue };
                        if many_q(o) {
                            let field = plinth_model::naming::pluralize(&ok);
                            rel(st, sk, &ok, &field, RelKind::Many, s, "can be assigned to several");
                        } else if o.has_det("each") || o.has_det("every") {
                            reference(st, &ok, sk, sk, true, s, "one is assigned to each");
                        } else {
                            verbs_more::assigned(st, sk, &ok, true, s);
                        }
                    }
                }
            } else if [
                "in", "into", "within", "under", "inside", "by", "for", "on", "at", "per", "from",
            ]
            .contains(&particle)
            {
                // "invoices can be paid in instalments": the parts belong to the whole
                let parts = particle == "in"
                    && lexicon::lemma(&v.word, &["pay", "split", "divide", "deliver", "ship", "send", "break"])
                        .is_some();
                for sk in &subj {
                    for o in &objs {
                        if let Some(ok) = ctx.thing(o) {
                            if parts && o.plural {
                                child_of(st, &ok, sk, s, "in parts");
                            } else if many_q(o) {
                                many_to_many(st, sk, &ok, s, "in several");
                            } else {
                                child_of(st, sk, &ok, s, "is grouped in");
                            }
                        }
                    }
                }
            } else if particle == "between"
                || particle == "with"
                    && v.lemma_in(&["log", "record", "store", "save", "keep", "track", "capture"])
                        .is_some()
            {
                // "played between a home team and an away team", "is logged with the listener and a time"
                for sk in &subj {
                    verbs_more::between_or_with(st, ctx, sk, &objs, particle == "between");
                }
            }
            continue;
        }
        // 4. have / contain / include / consist of
        if v.lemma_in(verbs::HAVE).is_some() {
            for sk in &subj {
                possess(st, ctx, sk, &objs, modal, "has", false);
            }
            if let (Some((p, tail)), false) = (&cl.tail, subj.is_empty()) {
                if *p == "with" {
                    with_done.insert(cl.after);
                    if let Some(last) = objs.last().and_then(|o| ctx.thing(o)) {
                        possess(st, ctx, &last, tail, false, "with", true);
                    }
                }
            }
            continue;
        }
        // 5. many-to-many verbs
        if v.lemma_in(verbs::MANY_TO_MANY).is_some() && v.lemma_in(verbs::REFER).is_none() {
            if objs.is_empty() && matches!(chunks.get(cl.after), Some(Chunk::Other(o)) if o == "each_other") {
                for sk in &subj {
                    let field = format!("followed_{}", plinth_model::naming::pluralize(sk));
                    rel(st, sk, sk, &field, RelKind::Many, s, "each other");
                }
            }
            for sk in &subj {
                for o in &objs {
                    if let Some(ok) = ctx.thing(o) {
                        // "a driver registers vehicles": registering a thing makes it theirs
                        let owns = particle.is_empty() && lexicon::lemma(&v.word, &["register"]).is_some();
                        if owns && ok != *sk {
                            reference(st, &ok, sk, sk, false, s, "registers");
                            continue;
                        }
                        if verbs_more::single_place(v, o) && ok != *sk {
                            reference(st, sk, &ok, &ok, false, s, v.word.as_str());
                            continue;
                        }
                        let lemma = lexicon::lemma(&v.word, verbs::MANY_TO_MANY);
                        let field = if lemma == Some("follow") {
                            format!("followed_{}", plinth_model::naming::pluralize(&ok))
                        } else if *sk == ok {
                            match lemma {
                                Some("block") => "blocked".to_string(),
                                _ => format!("related_{}", plinth_model::naming::pluralize(&ok)),
                            }
                        } else {
                            plinth_model::naming::pluralize(&ok)
                        };
                        rel(st, sk, &ok, &field, RelKind::Many, s, v.word.as_str());
                        if let (Some(l), Some(r)) = (lemma, st.rels.last_mut()) {
                            if r.kind == RelKind::Many && r.from == *sk && r.to == ok {
                                r.via = Some(l.to_string());
                            }
                        }
                    }
                }
            }
            continue;
        }
        // 6. reference verbs (assign to, reference, link to)
        if v.lemma_in(verbs::REFER).is_some() {
            if let Some((p, tail)) = &cl.tail {
                if ["to", "with", "for"].contains(p) {
                    for o in &objs {
                        let Some(ok) = ctx.thing(o) else { continue };
                        for t in tail {
                            if let Some(tk) = ctx.thing(t) {
                                reference(st, &ok, &tk, &tk, true, s, "is assigned to");
                            }
                        }
                    }
                    continue;
                }
            }
            for sk in &subj {
                for o in &objs {
                    if let Some(ok) = ctx.thing(o) {
                        // "an entry that points to the original": its own kind
                        if ["original", "predecessor", "previous", "parent"].contains(&ok.as_str()) {
                            self_reference(st, sk, s, "points to the original");
                            continue;
                        }
                        if many_q(o) {
                            rel(
                                st,
                                sk,
                                &ok,
                                &plinth_model::naming::pluralize(&ok),
                                RelKind::Many,
                                s,
                                "references several",
                            );
                        } else {
                            reference(st, sk, &ok, &ok, false, s, "references");
                        }
                    }
                }
            }
            continue;
        }
        // "employees report to a manager": no object, "to" someone: the subject references them
        if particle == "to" && !v.passive && !settings_verb(v) && v.lemma_in(verbs::HAVE).is_none() {
            {
                for sk in &subj {
                    for t in &objs {
                        if let Some(tk) = ctx.thing(t).filter(|k| ctx.is_known(k) || is_person(k)) {
                            let optional = !t.has_det("a") && !t.has_det("one");
                            reference(st, sk, &tk, &tk, optional, s, "reports to");
                        }
                    }
                }
                continue;
            }
        }
        // "split each event into shifts": the parts belong to the whole
        if lexicon::lemma(&v.word, &["split", "divide", "break", "organize", "organise", "group"]).is_some() {
            if let Some(("into", tail)) = cl.tail.as_ref().map(|(p, t)| (*p, t)) {
                for o in &objs {
                    let Some(ok) = ctx.thing(o) else { continue };
                    for t in tail {
                        if let Some(tk) = ctx.thing(t).filter(|k| *k != ok) {
                            child_of(st, &tk, &ok, s, "split into");
                        }
                    }
                }
                continue;
            }
        }
        // 7. creation and other actions: the object references the actor.
        if v.lemma_in(verbs::CREATE).is_some() {
            let obj_keys: Vec<String> = objs.iter().filter_map(|o| ctx.thing(o)).collect();
            for ok in &obj_keys {
                for sk in subj_any.iter().filter(|k| ctx.is_known(k) || is_person(k)) {
                    if sk != ok {
                        reference(st, ok, sk, sk, v.lemma_in(verbs::CREATE).is_none(), s, v.word.as_str());
                    }
                }
            }
            // objects that are attributes belong to the subject
            for sk in &subj {
                let attrs: Vec<&Np> = objs.iter().copied().filter(|o| ctx.thing(o).is_none()).collect();
                if !attrs.is_empty() && v.lemma_in(verbs::CREATE).is_some() {
                    possess(st, ctx, sk, &attrs, true, "sets", false);
                }
            }
            if let Some((p, tail)) = &cl.tail {
                if [
                    "for", "on", "about", "to", "with", "in", "at", "from", "of", "into", "against",
                ]
                .contains(p)
                {
                    with_done.insert(cl.after);
                    for ok in &obj_keys {
                        // "trainers create classes with a title and a start time": the list describes them
                        if *p == "with" {
                            let attrs: Vec<&Np> = tail.iter().copied().filter(|t| ctx.thing(t).is_none()).collect();
                            possess(st, ctx, ok, &attrs, false, "with", true);
                        }
                        for t in tail {
                            if let Some(tk) = ctx.thing(t) {
                                if tk != *ok {
                                    reference(st, ok, &tk, &tk, false, s, &format!("{} {p}", v.word));
                                }
                            }
                        }
                    }
                    // "leave reviews on products with a rating": the list describes the review
                    if matches!(chunks.get(cl.tail_end), Some(Chunk::Prep(w)) if w == "with") {
                        with_done.insert(cl.tail_end);
                        let (items, _) = np_list(chunks, cl.tail_end + 1);
                        if let Some(ok) = obj_keys.first() {
                            possess(st, ctx, ok, &items, false, "with", true);
                        }
                    }
                    // "book appointments with a dentist at one of our clinics": a second place
                    if let Some(Chunk::Prep(w)) = chunks.get(cl.tail_end) {
                        if ["at", "in", "for"].contains(&w.as_str()) {
                            let (items, _) = np_list(chunks, cl.tail_end + 1);
                            for ok in &obj_keys {
                                for t in &items {
                                    if let Some(tk) = ctx
                                        .thing(t)
                                        .filter(|k| k != ok && (ctx.is_known(k) || st.entity(k).is_some()))
                                    {
                                        reference(st, ok, &tk, &tk, false, s, w);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    crate::phrases::phrases(st, ctx, chunks, &with_done);
}

mod clause;
pub(crate) use clause::np_list;
pub use clause::{clauses, Clause};

#[cfg(test)]
mod tests;
#[path = "relations/verbs.rs"]
mod verbs_more;
pub use verbs_more::from_to;
