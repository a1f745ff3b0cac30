//! Cross-cutting settings and traits from phrases: tenancy, audit, soft
//! delete, optimistic locking, encryption of named fields, full-text search,
//! and very large append-only tables (partition candidates). Also whether
//! people share one login.

use crate::entities::{is_organisation, is_person, plural_words};
use crate::model::{pascal, Attr, Entity, Rel, RelKind, State, Ty};
use crate::phrases::has_phrase;

/// What one sentence says about the cross-cutting settings.
pub fn detect(st: &mut State, s: usize, words: &[&str], things: &[String]) {
    // "contacts belong to an account": when accounts are things, the word says nothing about signing in
    let account_thing = things.iter().any(|t| t == "account" || t.ends_with("_account"));
    // "volunteers sign up for shifts": signing up for a thing is not an account
    let sign_up_for = ["sign up for", "signs up for", "sign up to", "signs up to"]
        .iter()
        .any(|p| has_phrase(words, p));
    let any = |ps: &[&str]| {
        ps.iter()
            .filter(|p| !(account_thing && p.contains("account")))
            .filter(|p| !(sign_up_for && p.contains("sign")))
            .any(|p| has_phrase(words, p))
    };
    // people sign in
    if any(&[
        "log in",
        "logs in",
        "login",
        "log-in",
        "sign in",
        "signs in",
        "sign-in",
        "sign up",
        "signs up",
        "sign-up",
        "password",
        "same login",
        "same account",
        "single sign-on",
        "sso",
        "authenticate",
        "logged in",
        "an account",
        "accounts",
        "credentials",
    ]) {
        st.login_explicit.get_or_insert(s);
        for w in words {
            let k = crate::model::singular(w);
            if !st.login_words.contains(&k) {
                st.login_words.push(k);
            }
        }
    }
    if st.login_sentence.is_none()
        && (any(&[
            "log in",
            "logs in",
            "login",
            "sign in",
            "signs in",
            "sign-in",
            "sign up",
            "signs up",
            "password",
            "same login",
            "same account",
            "single sign-on",
            "sso",
            "authenticate",
            "logged in",
            "accounts",
            "account",
        ]) || words.iter().any(|w| *w == "users" || *w == "user"))
    {
        st.login_sentence = Some(s);
    }
    // tenancy
    let tenant_words = any(&[
        "multi-tenant",
        "multitenant",
        "multi tenant",
        "tenant isolation",
        "tenant",
        "tenants",
        "isolated",
        "isolation",
        "never visible to",
        "not visible to",
        "must not see",
        "cannot see",
        "can't see",
        "never see",
        "not see",
        "visible to another",
        "visible to other",
        "visible to any other",
        "seen by another",
        "seen by other",
        "access another",
        "see another",
        "see other",
        "leak",
        "leaks",
        "other organizations",
        "another organization",
        "another company",
        "other companies",
    ]);
    if tenant_words && !any(&["tenants rent", "tenant pays"]) {
        let mut chosen: Option<String> = None;
        // "each company is a tenant", "workspaces are the tenants"
        for (i, w) in words.iter().enumerate() {
            if (*w == "tenant" || *w == "tenants")
                && i >= 2
                && ["a", "the", "our", "is", "are", "separate"].contains(&words[i - 1])
            {
                // the noun just before "is a tenant"
                let near = (i.saturating_sub(5)..i).rev().find_map(|j| {
                    let k = crate::model::singular(words[j]);
                    (things.contains(&k) || is_organisation(&k)).then_some(k)
                });
                chosen = near.or_else(|| things.first().cloned());
            }
            // "another organization", "other companies", "per workspace", "between teams"
            if ["another", "other", "per", "between", "different", "each"].contains(w) {
                if let Some(next) = words.get(i + 1) {
                    let k = crate::model::singular(next);
                    if is_organisation(&k) || things.contains(&k) && !is_person(&k) {
                        chosen = chosen.or(Some(k));
                    }
                }
            }
        }
        if let Some(k) = chosen.filter(|k| !is_person(k) || is_organisation(k)) {
            st.add_entity(&k, s);
            st.flags.tenant = Some((k, s));
        } else if st.flags.tenant_wanted.is_none() {
            st.flags.tenant_wanted = Some(s);
        }
    }
    // audit
    if any(&[
        "audit",
        "audited",
        "auditing",
        "audit trail",
        "audit log",
        "who changed",
        "history of who",
        "change history",
        "history of changes",
        "regulator",
        "regulators",
        "regulation",
        "regulations",
        "regulatory",
        "compliance",
        "track every change",
        "who did what",
        "auditable",
        "who made each change",
        "audits",
        "traceable",
        "traceability",
        "full history",
    ]) {
        st.flags.audit.get_or_insert(s);
    }
    // soft delete
    let deleted = words
        .iter()
        .any(|w| w.starts_with("delet") || *w == "removed" || *w == "remove");
    if any(&[
        "soft delete",
        "soft-delete",
        "soft-deleted",
        "soft deleted",
        "recoverable",
        "recycle bin",
        "trash",
        "undelete",
        "hard-deleted",
        "hard deleted",
        "hard delete",
        "hard-delete",
    ]) || (deleted
        && any(&[
            "never",
            "not",
            "nothing",
            "ever",
            "restore",
            "restored",
            "recover",
            "recovered",
            "undo",
            "archived",
            "instead",
        ]))
    {
        st.flags.soft_delete.get_or_insert(s);
    }
    // optimistic locking
    if any(&[
        "lose an update",
        "lost update",
        "lost updates",
        "lose updates",
        "lose edits",
        "lose changes",
        "concurrently",
        "concurrent",
        "at the same time",
        "simultaneously",
        "optimistic",
        "overwrite each other",
        "conflicting edits",
        "same time",
    ]) {
        let targets: Vec<String> = things.iter().filter(|k| !is_person(k)).cloned().collect();
        if targets.is_empty() {
            st.note("?versioned *", Some(s), String::new());
        }
        for k in targets {
            st.add_entity(&k, s);
            st.entity_mut(&k).unwrap().versioned = true;
            st.note(
                format!("{} @versioned", pascal(&k)),
                Some(s),
                "optimistic locking: an update with a stale version changes no row",
            );
        }
    }
    // encryption
    if any(&[
        "sensitive",
        "encrypted",
        "encrypt",
        "encryption",
        "pii",
        "confidential",
        "protected health",
        "personal data",
    ]) {
        st.note("?sensitive", Some(s), String::new());
    }
    // full-text search
    if any(&["full-text", "full text", "fulltext", "searchable", "search"]) && !any(&["search engine optimization"]) {
        for k in things.iter().take(1) {
            st.add_entity(k, s);
            let e = st.entity_mut(k).unwrap();
            e.comments
                .push("full-text search wanted: a tsvector column with a GIN index (see open questions)".into());
            st.ask(format!(
                "full-text search over {}: which fields, and which language configuration? (a generated tsvector column with a GIN index)",
                plural_words(k)
            ));
        }
    }
    // very large, append-only tables
    let huge = any(&[
        "billions",
        "billion",
        "every few seconds",
        "every second",
        "per second",
        "time series",
        "time-series",
        "timeseries",
        "millions per day",
        "millions of rows",
        "high volume",
        "high-volume",
    ]);
    let append = any(&[
        "append-only",
        "append only",
        "immutable",
        "never changed",
        "never change",
        "never updated",
        "never edited",
        "never modified",
        "cannot be changed",
        "can't be changed",
        "ledger",
    ]);
    if huge || append {
        let target = things
            .iter()
            .find(|k| {
                [
                    "reading",
                    "event",
                    "log",
                    "measurement",
                    "metric",
                    "sample",
                    "ping",
                    "heartbeat",
                    "entry",
                    "click",
                    "view",
                    "impression",
                    "transaction",
                    "position",
                    "location",
                ]
                .iter()
                .any(|w| k.ends_with(w))
            })
            .or_else(|| things.iter().find(|k| !is_person(k) && !is_organisation(k)))
            .cloned();
        if let Some(k) = target {
            st.add_entity(&k, s);
            let e = st.entity_mut(&k).unwrap();
            e.append_only = true;
            if huge {
                e.volume = Some("1B".into());
                e.comments.push(
                    "partition candidate: range partitioning by created_at (monthly) keeps indexes and vacuum small"
                        .into(),
                );
            }
            st.note(
                format!("{} @append_only", pascal(&k)),
                Some(s),
                if huge {
                    "very large, written continuously: append-only, partition candidate"
                } else {
                    "rows are never changed"
                },
            );
            if huge {
                st.ask(format!(
                    "{}: partition by time (monthly) and keep how much history?",
                    plural_words(&k)
                ));
            }
        }
    }
}

/// Fields named in a sentence that calls them sensitive get a comment and
/// an open question (plinth does not encrypt columns itself).
pub fn sensitive_fields(st: &mut State, s: usize, nps: &[crate::grammar::Np], things: &[String]) {
    for np in nps {
        let words: Vec<&str> = np.words.iter().map(String::as_str).collect();
        let Some(name) = crate::attributes::field_name(&words) else {
            continue;
        };
        if [
            "data",
            "field",
            "fields",
            "information",
            "rest",
            "sensitive",
            "pii",
            "encryption",
        ]
        .contains(&name.as_str())
            || things.iter().any(|t| *t == crate::model::singular(&name))
            || crate::entities::entity_key(np).is_none()
                && !crate::lexicon::contains(crate::lexicon::ATTRIBUTE_HEADS, np.head())
        {
            continue;
        }
        // the entity that has it already, else one named in the sentence, else a person
        let owner = st
            .entities
            .iter()
            .find(|e| e.merged_into.is_none() && e.attrs.iter().any(|a| a.name == name))
            .map(|e| e.key.clone())
            .or_else(|| things.iter().find(|t| st.entity(t).is_some()).cloned())
            .or_else(|| {
                st.entities
                    .iter()
                    .find(|e| e.person && e.merged_into.is_none())
                    .map(|e| e.key.clone())
            });
        let Some(owner) = owner else { continue };
        let owner = st.resolve(&owner);
        let mut a = crate::attributes::from_np(np, s).unwrap_or(Attr {
            name: name.clone(),
            ty: Ty::Text,
            nullable: true,
            unique: false,
            check: None,
            comment: None,
            default: None,
            sentence: s,
            why: "text".into(),
        });
        a.comment = Some("sensitive: encrypt at rest".into());
        if matches!(a.ty, Ty::Enum(_) | Ty::Bool) {
            a.ty = Ty::Text;
            a.default = None;
        }
        let name = a.name.clone();
        st.add_attr(&owner, a);
        if let Some(e) = st.entity_mut(&owner) {
            if let Some(at) = e.attrs.iter_mut().find(|x| x.name == name) {
                at.comment = Some("sensitive: encrypt at rest".into());
            }
        }
        st.note(
            format!("{}.{name}", pascal(&owner)),
            Some(s),
            "sensitive: encrypt at rest",
        );
        st.ask(format!(
            "{}.{name} is sensitive: encrypt in the application (envelope encryption) or with pgcrypto, and who may read it?",
            pascal(&owner)
        ));
    }
}

/// Chooses the tenant, marks it and the people `@global`, turns the link
/// between people and the tenant into a membership entity, and drops
/// relations to the tenant that the tenant column already makes.
pub fn apply_tenancy(st: &mut State) {
    let (tenant, s) = match st.flags.tenant.clone() {
        Some((k, s)) => (st.resolve(&k), s),
        None => {
            let Some(s) = st.flags.tenant_wanted else { return };
            // the first organisation that owns things, else the first root entity that is not a person
            let live: Vec<&Entity> = st.entities.iter().filter(|e| e.merged_into.is_none()).collect();
            let is_root = |k: &str| {
                !st.rels.iter().any(|r| {
                    r.from == k
                        && r.to != k
                        && !matches!(r.kind, RelKind::Many)
                        && !st.entity(&r.to).is_some_and(|e| e.person)
                })
            };
            let owns = |k: &str| st.rels.iter().any(|r| r.to == k && r.from != k);
            let pick = live
                .iter()
                .find(|e| is_organisation(&e.key) && is_root(&e.key))
                .or_else(|| live.iter().find(|e| is_organisation(&e.key)))
                .or_else(|| live.iter().find(|e| !e.person && is_root(&e.key) && owns(&e.key)));
            match pick {
                Some(e) => {
                    let k = e.key.clone();
                    st.note(
                        format!("tenant = {}", pascal(&k)),
                        Some(s),
                        format!(
                            "the text asks for tenant isolation and {} is the top-level owner",
                            pascal(&k)
                        ),
                    );
                    st.ask(format!(
                        "is {} the right tenant (the unit whose data must never be visible to another)?",
                        pascal(&k)
                    ));
                    (k, s)
                }
                None => {
                    st.ask("the text asks for tenant isolation but names no organisation: which entity is the tenant?");
                    return;
                }
            }
        }
    };
    st.flags.tenant = Some((tenant.clone(), s));
    st.note(
        format!("tenant = {}", pascal(&tenant)),
        Some(s),
        "every other entity not marked @global gets the tenant column and row-level security",
    );
    if let Some(e) = st.entity_mut(&tenant) {
        e.global = true;
    }
    // people with one login across tenants are global
    let people: Vec<String> = st
        .entities
        .iter()
        .filter(|e| e.person && e.merged_into.is_none() && e.key == "user")
        .map(|e| e.key.clone())
        .collect();
    for p in &people {
        st.entity_mut(p).unwrap().global = true;
        st.note(
            format!("{} @global", pascal(p)),
            None,
            format!("one login can belong to several {}", plural_words(&tenant)),
        );
    }
    // links between people and the tenant become a membership entity
    for p in &people {
        let linked: Vec<usize> = (0..st.rels.len())
            .filter(|&i| {
                let r = &st.rels[i];
                (r.from == *p && r.to == tenant) || (r.from == tenant && r.to == *p)
            })
            .collect();
        if linked.is_empty() {
            continue;
        }
        let sentence = st.rels[linked[0]].sentence;
        for i in linked.into_iter().rev() {
            st.rels.remove(i);
        }
        let key = format!("{tenant}_membership");
        let e = st.add_entity(&key, sentence);
        e.synthetic = true;
        e.global = true;
        e.entity_comment = Some(format!(
            "A {}'s seat in a {}",
            crate::entities::singular_words(p),
            crate::entities::singular_words(&tenant)
        ));
        e.attrs.push(Attr {
            name: "role".into(),
            ty: Ty::Enum(vec!["owner".into(), "admin".into(), "member".into()]),
            nullable: false,
            unique: false,
            check: None,
            comment: None,
            default: Some("member".into()),
            sentence,
            why: "a member's rights in the tenant".into(),
        });
        e.uniques.push((vec![tenant.clone(), p.clone()], sentence));
        e.comments.push(format!(
            "global so a {} can list their {} before choosing one",
            crate::entities::singular_words(p),
            plural_words(&tenant)
        ));
        for (to, field) in [(tenant.clone(), tenant.clone()), (p.clone(), p.clone())] {
            st.rels.push(Rel {
                from: key.clone(),
                to,
                field,
                kind: RelKind::One {
                    optional: false,
                    unique: false,
                },
                sentence,
                map: None,
                on_delete_cascade: true,
                via: None,
                role: None,
            });
        }
        st.note(
            pascal(&key),
            Some(sentence),
            format!(
                "{} and {} are linked through memberships (a {} can belong to several {}, with a role in each)",
                plural_words(p),
                plural_words(&tenant),
                crate::entities::singular_words(p),
                plural_words(&tenant)
            ),
        );
    }
    // relations from tenant-scoped entities to the tenant are the tenant column
    let global: Vec<String> = st.entities.iter().filter(|e| e.global).map(|e| e.key.clone()).collect();
    let mut kept = Vec::new();
    for r in std::mem::take(&mut st.rels) {
        if r.to == tenant && !global.contains(&r.from) && !matches!(r.kind, RelKind::Many) && r.field == tenant {
            st.note(
                format!("{} -> {}", pascal(&r.from), pascal(&tenant)),
                Some(r.sentence),
                format!("through the tenant column {tenant}_id"),
            );
            continue;
        }
        kept.push(r);
    }
    st.rels = kept;
}

/// "never lose an update" without naming what: every entity people edit.
pub fn versioned_everywhere(st: &mut State) {
    let Some(s) = st
        .notes
        .iter()
        .find(|n| n.subject == "?versioned *")
        .and_then(|n| n.sentence)
    else {
        return;
    };
    st.notes.retain(|n| n.subject != "?versioned *");
    let keys: Vec<String> = st
        .entities
        .iter()
        .filter(|e| e.merged_into.is_none() && !e.person && !e.append_only && !e.synthetic && !e.global)
        .map(|e| e.key.clone())
        .collect();
    for k in keys {
        st.entity_mut(&k).unwrap().versioned = true;
        st.note(
            format!("{} @versioned", pascal(&k)),
            Some(s),
            "optimistic locking (the text does not say which entities, so all that are edited)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        crate::text::tokenize(s).into_iter().map(|t| t.lower).collect()
    }

    fn detect_in(st: &mut State, s: usize, text: &str, things: &[&str]) {
        let w = words(text);
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        let things: Vec<String> = things.iter().map(|t| t.to_string()).collect();
        detect(st, s, &w, &things);
    }

    #[test]
    fn flags_from_phrases() {
        let mut st = State::default();
        detect_in(&mut st, 0, "We need an audit trail and tenant isolation.", &[]);
        assert!(st.flags.audit.is_some() && st.flags.tenant_wanted.is_some());
        detect_in(&mut st, 1, "Records are never hard-deleted.", &[]);
        assert!(st.flags.soft_delete.is_some());
        let mut st = State::default();
        detect_in(&mut st, 0, "Each company is a tenant.", &["company"]);
        assert_eq!(st.flags.tenant.as_ref().unwrap().0, "company");
        let mut st = State::default();
        detect_in(
            &mut st,
            0,
            "A patient's data must never be visible to another clinic.",
            &["patient", "clinic"],
        );
        assert_eq!(st.flags.tenant.as_ref().unwrap().0, "clinic");
        let mut st = State::default();
        detect_in(
            &mut st,
            0,
            "Nothing is ever deleted; regulators inspect every change.",
            &[],
        );
        assert!(st.flags.soft_delete.is_some() && st.flags.audit.is_some());
    }

    #[test]
    fn locking_append_only_and_search() {
        let mut st = State::default();
        detect_in(
            &mut st,
            0,
            "Two editors may change a document concurrently and must never lose an update.",
            &["editor", "document"],
        );
        assert!(st.entity("document").unwrap().versioned);
        detect_in(
            &mut st,
            1,
            "Sensors send readings every few seconds, billions of rows.",
            &["sensor", "reading"],
        );
        let r = st.entity("reading").unwrap();
        assert!(r.append_only && r.volume.as_deref() == Some("1B"));
        detect_in(&mut st, 2, "Articles need full-text search.", &["article"]);
        assert!(st
            .questions
            .iter()
            .any(|q| q.contains("full-text search over articles")));
    }

    #[test]
    fn tenancy_makes_memberships_and_drops_tenant_relations() {
        let mut st = State::default();
        st.add_entity("user", 0).person = true;
        st.add_entity("workspace", 0);
        st.add_entity("project", 1);
        crate::relations::reference(&mut st, "workspace", "user", "user", false, 0, "create");
        crate::relations::child_of(&mut st, "project", "workspace", 1, "has");
        st.flags.tenant_wanted = Some(2);
        apply_tenancy(&mut st);
        assert_eq!(st.flags.tenant.as_ref().unwrap().0, "workspace");
        assert!(st.entity("workspace").unwrap().global && st.entity("user").unwrap().global);
        let m = st.entity("workspace_membership").unwrap();
        assert!(m.global && m.synthetic);
        let rels: Vec<(String, String)> = st.rels.iter().map(|r| (r.from.clone(), r.to.clone())).collect();
        assert_eq!(
            rels,
            [
                ("workspace_membership".to_string(), "workspace".to_string()),
                ("workspace_membership".into(), "user".into())
            ]
        );
    }
}
