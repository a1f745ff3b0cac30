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
