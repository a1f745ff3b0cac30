//! Corrections once the whole text is read: the business that runs the
//! application ("our hotel group runs several hotels", "the garage keeps a
//! list of vehicles") is not a row of its own, and a role named by a
//! modifier ("a home branch", "a parent account") is a reference to the
//! plain entity, not a new one.

use crate::entities::{entity_key, is_organisation};
use crate::grammar::Chunk;
use crate::model::State;
use std::collections::{BTreeMap, BTreeSet};

/// Modifiers that name a role of an entity rather than a kind of it.
pub const ROLE_MODIFIERS: &[&str] = &[
    "home",
    "primary",
    "default",
    "preferred",
    "favourite",
    "favorite",
    "billing",
    "shipping",
    "origin",
    "destination",
    "source",
    "target",
    "backup",
    "secondary",
    "away",
    "assigned",
    "reporting",
    "managing",
];

/// Nouns for the business that runs the application when it is "the" or "our" one.
const BUSINESS: &[&str] = &[
    "practice", "garage", "group", "chain", "league", "firm", "agency", "business", "network",
];

/// Keys every mention of which is "our X" / "the X" (singular), for a
/// business-like noun or with "our"/"my" at least once.
pub fn operators(all: &[Vec<Chunk>]) -> BTreeSet<String> {
    let mut style: BTreeMap<String, bool> = BTreeMap::new();
    let mut ours: BTreeSet<String> = BTreeSet::new();
    let mut mentions: BTreeMap<String, usize> = BTreeMap::new();
    for (si, chunks) in all.iter().enumerate() {
        for (ci, np) in chunks.iter().enumerate().filter_map(|(ci, c)| c.np().map(|n| (ci, n))) {
            let Some(k) = entity_key(np) else { continue };
            *mentions.entry(k.clone()).or_default() += 1;
            // "A bus company sells tickets ...": the text opens with the business
            let opening = si == 0 && ci == 0 && (np.has_det("a") || np.has_det("an")) && np.det.len() == 1;
            let single = !np.plural
                && !np.many
                && !np.det.is_empty()
                && (opening || np.det.iter().all(|d| ["the", "our", "my"].contains(&d.as_str())));
            *style.entry(k.clone()).or_insert(true) &= single;
            if np.det.iter().any(|d| d == "our" || d == "my") {
                ours.insert(k);
            }
        }
    }
    style
        .into_iter()
        .filter(|(k, only)| {
            let last = k.rsplit('_').next().unwrap_or(k);
            *only && (ours.contains(k) || is_organisation(k) || BUSINESS.contains(&last))
        })
        .map(|(k, _)| k)
        .collect()
}

/// Drops the operator entities (no attributes of their own, not the tenant)
/// and every relation to them.
pub fn drop_operators(st: &mut State, ops: &BTreeSet<String>) {
    let tenant = st.flags.tenant.as_ref().map(|(t, _)| t.clone());
    let drop: Vec<String> = st
        .entities
        .iter()
        .filter(|e| ops.contains(&e.key) && e.attrs.is_empty() && tenant.as_deref() != Some(e.key.as_str()))
        .filter(|e| e.merged_into.is_none())
        .map(|e| e.key.clone())
        .collect();
    for k in &drop {
        st.rels.retain(|r| r.from != *k && r.to != *k);
        st.note(
            crate::model::pascal(k),
            None,
            "not an entity: the business that runs the application, named only as \"the\" or \"our\" one",
        );
    }
    st.entities.retain(|e| !drop.contains(&e.key));
}

/// "home branch" where the text also names branches: the role is a
/// reference to Branch (the field keeps the role's name).
pub fn role_compound(st: &State, compound: &str) -> Option<String> {
    let (first, last) = compound.split_once('_')?;
    (ROLE_MODIFIERS.contains(&first) && st.entity(last).is_some()).then(|| last.to_string())
}

/// Two-word names whose words are both entities ("project tasks") name the
/// second one: the first word says which project, not a new kind of thing.
pub fn fold_compounds(st: &mut State) {
    // "an origin port and a destination port": two roles of one Port
    let role_heads: Vec<(String, usize)> = st
        .entities
        .iter()
        .filter(|e| e.merged_into.is_none() && e.attrs.is_empty())
        .filter_map(|e| {
            let (first, last) = e.key.split_once('_')?;
            crate::cleanup::ROLE_MODIFIERS
                .contains(&first)
                .then(|| (last.to_string(), e.first))
        })
        .collect();
    for (head, first) in &role_heads {
        if !head.contains('_') && role_heads.iter().filter(|(h, _)| h == head).count() >= 2 {
            st.add_entity(head, *first);
        }
    }
    // "a home branch": a role of Branch, not a new kind of thing
    let roles: Vec<(String, String)> = st
        .entities
        .iter()
        .filter(|e| e.merged_into.is_none() && e.attrs.is_empty())
        .filter_map(|e| crate::cleanup::role_compound(st, &e.key).map(|t| (e.key.clone(), t)))
        .collect();
    for (k, t) in roles {
        if let Some(e) = st.entity_mut(&k) {
            e.merged_into = Some(t);
        }
    }
    // "employees request leave" + "a leave request": the thing asked for is the request
    let acts: Vec<(String, String)> = st
        .entities
        .iter()
        .filter_map(|e| {
            let (first, last) = e.key.split_once('_')?;
            let act = [
                "request",
                "booking",
                "reservation",
                "application",
                "registration",
                "order",
            ]
            .contains(&last);
            (act && st.entity(first).is_some_and(|f| f.merged_into.is_none() && !f.person))
                .then(|| (first.to_string(), e.key.clone()))
        })
        .collect();
    for (a, k) in acts {
        let attrs = st.entity(&a).map(|e| e.attrs.clone()).unwrap_or_default();
        if let Some(e) = st.entity_mut(&a) {
            e.merged_into = Some(k.clone());
        }
        for at in attrs {
            st.add_attr(&k, at);
        }
    }
    let keys: Vec<String> = st
        .entities
        .iter()
        .filter(|e| e.merged_into.is_none())
        .map(|e| e.key.clone())
        .collect();
    // "sensor readings" then "readings": the short name means the specific thing
    for k in &keys {
        let Some((first, last)) = k.split_once('_') else {
            continue;
        };
        if last.contains('_') || keys.iter().any(|x| x == first) || !keys.iter().any(|x| x == last) {
            continue;
        }
        if keys.iter().filter(|x| x.ends_with(&format!("_{last}"))).count() > 1 || crate::entities::is_person(last) {
            continue;
        }
        let attrs = st.entity(last).map(|e| e.attrs.clone()).unwrap_or_default();
        let (first_seen, ao, vol, ver) = st
            .entity(last)
            .map(|e| (e.first, e.append_only, e.volume.clone(), e.versioned))
            .unwrap();
        if let Some(e) = st.entity_mut(last) {
            e.merged_into = Some(k.clone());
        }
        if let Some(e) = st.entity_mut(k) {
            e.first = e.first.min(first_seen);
            e.append_only |= ao;
            e.versioned |= ver;
            e.volume = e.volume.clone().or(vol);
        }
        for a in attrs {
            st.add_attr(k, a);
        }
    }
    for k in &keys {
        let Some((first, last)) = k.split_once('_') else {
            continue;
        };
        if last.contains('_') || !keys.iter().any(|x| x == first) || !keys.iter().any(|x| x == last) {
            continue;
        }
        // "recipe ingredients" that point at both: a row of their own
        let links = |t: &str| st.rels.iter().any(|r| r.from == *k && r.to == t);
        if links(first) && links(last) {
            continue;
        }
        let attrs = st.entity(k).map(|e| e.attrs.clone()).unwrap_or_default();
        if let Some(e) = st.entity_mut(k) {
            e.merged_into = Some(last.to_string());
        }
        for a in attrs {
            st.add_attr(last, a);
        }
    }
}
