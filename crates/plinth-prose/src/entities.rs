//! Entities: which noun phrases name things the application stores, people
//! (actors) and whether they share one login (`User`), compound names, and
//! the finishing touches a reader adds (a `name` for named things, an
//! `email` for users).

use crate::attributes;
use crate::grammar::Np;
use crate::lexicon;
use crate::model::{noun_key, Attr, State, Ty};

pub fn is_person(key: &str) -> bool {
    let last = key.rsplit('_').next().unwrap_or(key);
    lexicon::contains(lexicon::PEOPLE, key)
        || lexicon::contains(lexicon::PEOPLE, last)
        || (last.ends_with("ee")
            && last.len() > 4
            && ![
                "coffee",
                "degree",
                "committee",
                "fee",
                "tree",
                "knee",
                "jubilee",
                "toffee",
                "settee",
                "marquee",
                "guarantee",
                "decree",
                "levee",
                "entree",
            ]
            .contains(&last))
}

pub fn is_role(key: &str) -> bool {
    let last = key.rsplit('_').next().unwrap_or(key);
    lexicon::contains(lexicon::ROLES, key) || lexicon::contains(lexicon::ROLES, last)
}

/// Nouns that classify other things and are usually shared between them:
/// when something has several of them, the link is many-to-many.
pub fn is_classifier(key: &str) -> bool {
    const CLASSIFIERS: &[&str] = &[
        "tag",
        "label",
        "category",
        "topic",
        "skill",
        "keyword",
        "genre",
        "interest",
        "hobby",
        "allergen",
        "amenity",
        "badge",
        "permission",
        "role",
        "facet",
        "theme",
        "specialty",
        "speciality",
        "allergy",
        "feature",
        "language",
        "certification",
        "qualification",
        "collection",
        "playlist",
        "list",
        "group",
        "channel",
        "course_tag",
    ];
    let last = key.rsplit('_').next().unwrap_or(key);
    CLASSIFIERS.contains(&last)
}

/// Organisations that own people and data: candidates for the tenant.
pub fn is_organisation(key: &str) -> bool {
    const ORGS: &[&str] = &[
        "workspace",
        "organization",
        "organisation",
        "company",
        "account",
        "tenant",
        "team",
        "school",
        "clinic",
        "agency",
        "firm",
        "business",
        "hospital",
        "practice",
        "club",
        "household",
        "store",
        "shop",
        "restaurant",
        "tenant_org",
        "university",
        "department",
        "library",
        "gym",
        "studio",
        "salon",
        "office",
        "branch",
        "franchise",
        "brand",
        "merchant",
        "publisher",
        "company_account",
        "org",
        "customer_account",
        "client",
        "project_space",
        "hotel",
        "venue",
        "league",
        "church",
        "charity",
        "nonprofit",
        "farm",
        "fleet",
        "warehouse",
        "site",
        "property",
        "building",
        "community",
        "group",
        "family",
        "institution",
        "academy",
        "district",
        "region",
        "city",
        "airline",
        "carrier",
        "dealership",
        "bank",
        "insurer",
        "lab",
        "laboratory",
        "pharmacy",
    ];
    let last = key.rsplit('_').next().unwrap_or(key);
    ORGS.contains(&key) || ORGS.contains(&last)
}

/// The entity key a noun phrase names, if it can name an entity at all.
pub fn entity_key(np: &Np) -> Option<String> {
    if np
        .words
        .iter()
        .all(|w| w.chars().all(|c| c.is_ascii_digit() || c == '-'))
    {
        return None;
    }
    // "the card's last four digits": a number inside the phrase makes it a value
    if np.words.len() > 1
        && np
            .words
            .iter()
            .any(|w| ["two", "three", "four", "five", "six", "ten", "twelve"].contains(&w.as_str()))
    {
        return None;
    }
    // "the number of servings", "the amount of stock": a count, not a thing
    if np.words.len() > 2
        && np.words[1] == "of"
        && ["number", "amount", "count", "quantity", "total"].contains(&np.words[0].as_str())
    {
        return None;
    }
    let key = noun_key(&np.words)?;
    let last = key.rsplit('_').next().unwrap_or(&key).to_string();
    // periods that are rows of their own
    if [
        "fiscal_year",
        "financial_year",
        "academic_year",
        "school_year",
        "tax_year",
        "time_slot",
    ]
    .contains(&key.as_str())
    {
        return Some(key);
    }
    if lexicon::contains(lexicon::NOT_ENTITIES, &key)
        || (lexicon::contains(lexicon::NOT_ENTITIES, &last) && !key.contains('_'))
        || [
            "audit_trail",
            "audit_log",
            "tenant_isolation",
            "change_history",
            "full_text",
            "text_search",
            "full_text_search",
            "soft_delete",
            "time_series",
        ]
        .contains(&key.as_str())
        || (key.contains('_')
            && [
                "trail",
                "isolation",
                "search",
                "history",
                "support",
                "feature",
                "requirement",
                "rule",
                "tenancy",
                "encryption",
                "delete",
                "deletion",
                "locking",
                "series",
                "way",
                "thing",
                "time",
                "platform",
                "system",
                "app",
                "application",
                "portal",
                "site",
                "website",
                "database",
                "second",
                "minute",
                "hour",
                "day",
                "week",
                "month",
                "year",
            ]
            .contains(&last.as_str()))
        || lexicon::contains(lexicon::PRONOUNS, &key)
        || key.len() < 2
    {
        return None;
    }
    Some(key)
}

/// Does this phrase read as an attribute (a value something has) rather
/// than a thing of its own?
pub fn attribute_like(np: &Np, known: &dyn Fn(&str) -> bool) -> bool {
    if let Some(key) = noun_key(&np.words) {
        if known(&key) {
            return false;
        }
    }
    let head = np.head();
    let head_sing = crate::model::singular(head);
    if np.paren.as_ref().is_some_and(|p| {
        (attributes::enum_values(p).is_some() && !attributes::paren_is_attribute_list(p))
            || p.iter()
                .any(|i| i == "unique" || i.starts_with("in ") || i.contains("optional"))
    }) {
        return true;
    }
    let words: Vec<&str> = np.words.iter().map(String::as_str).collect();
    let ty = attributes::infer_type(&words).0;
    // "seasons", "episodes": a count word alone is a thing when it is an everyday data noun
    let counted_thing = words.len() == 1
        && matches!(ty, Ty::Int | Ty::SmallInt | Ty::Json)
        && (crate::is_data_noun(&head_sing) || is_person(&head_sing));
    let typed = ty != Ty::Text && !counted_thing;
    // "photos", "attachments", "addresses": several of them are rows of their own
    if np.plural
        && !typed
        && !crate::grammar::is_plural(&head_sing)
        && [
            "photo",
            "image",
            "picture",
            "attachment",
            "file",
            "document",
            "video",
            "address",
            "phone_number",
            "link",
            "comment",
            "review",
            "rating",
            "answer",
            "question",
            "response",
            "message",
            "note_entry",
            "skill",
            "language",
            "certification",
            "contact",
            "option",
            "variant",
            "size",
            "color",
            "colour",
            "price_tier",
            "slot",
        ]
        .contains(&head_sing.as_str())
    {
        return false;
    }
    if lexicon::contains(lexicon::ATTRIBUTE_HEADS, head) || lexicon::contains(lexicon::ATTRIBUTE_HEADS, &head_sing) {
        return !is_person(&head_sing);
    }
    typed
}

/// Merges people into one `User` when the text suggests the same login:
/// roles (assignee, author, member) always are users; kinds of people
/// (customer, agent, patient) are merged when the text talks about signing
/// in, accounts or users. Records the choice and why.
pub fn merge_people(st: &mut State) {
    let people: Vec<(String, bool)> = st
        .entities
        .iter()
        .filter(|e| e.person && e.merged_into.is_none() && e.key != "user" && !is_tenant(st, &e.key))
        .map(|e| (e.key.clone(), e.role))
        .collect();
    if people.is_empty() {
        return;
    }
    let has_user = st.entity("user").is_some();
    // one kind of person and no "user": they keep the text's name
    if !has_user && people.len() == 1 {
        return;
    }
    let login = st.login_explicit.or(st.login_sentence);
    let kinds: Vec<&String> = people.iter().filter(|(_, r)| !r).map(|(k, _)| k).collect();
    // Which people share the login? Those a sign-in sentence names; else,
    // when people sign in, every person the text gives no data of its own;
    // roles (assignee, author) unless they have data of their own.
    let own_data = |k: &str| {
        st.entity(k).is_some_and(|e| {
            e.attrs
                .iter()
                .any(|a| !["name", "email", "first_name", "last_name", "full_name"].contains(&a.name.as_str()))
        })
    };
    let named_in_login = |k: &str| st.login_words.iter().any(|w| w == k || k.ends_with(&format!("_{w}")));
    let any_named = people.iter().any(|(k, _)| named_in_login(k));
    let mut merge: Vec<String> = Vec::new();
    for (k, role) in &people {
        let m = named_in_login(k)
            || (!own_data(k)
                && (*role && (has_user || login.is_some())
                    || (st.login_explicit.is_some() && !any_named)
                    || (has_user && st.login_explicit.is_some() && !any_named)));
        if m {
            merge.push(k.clone());
        }
    }
    if merge.is_empty() {
        if !kinds.is_empty() {
            let names: Vec<String> = kinds.iter().map(|k| crate::model::pascal(k)).collect();
            st.note(
                names.join(", "),
                None,
                format!(
                    "kept as separate entit{} (people, but the text never says they sign in)",
                    if names.len() == 1 { "y" } else { "ies" }
                ),
            );
            if kinds.len() > 1 {
                st.ask(format!(
                    "do {} sign in? If they share one login, merge them into one User entity with a role.",
                    names.iter().map(|n| plural_words(n)).collect::<Vec<_>>().join(" and ")
                ));
            }
        }
        return;
    }
    // Roles only, one kind of person and no "user": the roles are that person.
    let target = "user".to_string();
    let first = st
        .entities
        .iter()
        .filter(|e| merge.contains(&e.key) || e.key == target)
        .map(|e| e.first)
        .min()
        .unwrap_or(0);
    st.add_entity(&target, first);
    if let Some(t) = st.entity_mut(&target) {
        t.first = t.first.min(first);
        t.person = true;
    }
    let merged: Vec<String> = merge.into_iter().filter(|k| *k != target).collect();
    if merged.is_empty() {
        return;
    }
    for k in &merged {
        let attrs = st.entity(k).map(|e| e.attrs.clone()).unwrap_or_default();
        if let Some(e) = st.entity_mut(k) {
            e.merged_into = Some(target.clone());
        }
        for a in attrs {
            st.add_attr(&target, a);
        }
    }
    let names: Vec<String> = merged.iter().map(|k| plural_words(k)).collect();
    let why = match login {
        Some(_) if kinds.iter().any(|k| merged.contains(k)) => {
            "the text says people sign in, so they share one login".to_string()
        }
        _ if has_user || target == "user" => {
            "they are roles people play, with the same login as every other user".to_string()
        }
        _ => format!(
            "they are roles of the one kind of person the text names ({})",
            plural_words(&target)
        ),
    };
    st.note(
        crate::model::pascal(&target),
        login,
        format!(
            "{} are {} rows ({why}); relations keep the role as the field name",
            names.join(", "),
            crate::model::pascal(&target)
        ),
    );
    let kinds_merged: Vec<&String> = kinds.iter().copied().filter(|k| merged.contains(k)).collect();
    if !kinds_merged.is_empty() {
        st.ask(format!(
            "are {} really the same login as other users? If not, split them out of {} again.",
            kinds_merged
                .iter()
                .map(|k| plural_words(k))
                .collect::<Vec<_>>()
                .join(" and "),
            crate::model::pascal(&target)
        ));
        if let Some(u) = st.entity_mut(&target) {
            let mut roles: Vec<String> = kinds_merged.iter().map(|k| k.to_string()).collect();
            roles.push("admin".into());
            roles.dedup();
            if !u.attrs.iter().any(|a| a.name == "role" || a.name == "kind") && roles.len() > 2 {
                u.attrs.push(Attr {
                    name: "role".into(),
                    ty: Ty::Enum(roles),
                    nullable: false,
                    unique: false,
                    check: None,
                    comment: None,
                    default: None,
                    sentence: login.unwrap_or(first),
                    why: "the kinds of people merged into this entity".into(),
                });
            }
        }
    }
}

fn is_tenant(st: &State, key: &str) -> bool {
    st.flags.tenant.as_ref().is_some_and(|(t, _)| t == key)
}

pub use crate::cleanup::fold_compounds;

/// "line_item" → "line items"
pub fn plural_words(key: &str) -> String {
    plinth_model::naming::pluralize(&plinth_model::naming::snake_case(key)).replace('_', " ")
}

pub fn singular_words(key: &str) -> String {
    plinth_model::naming::snake_case(key).replace('_', " ")
}

/// What a careful reader adds to make each entity usable: users get an
/// email to sign in with; named things get a name.
pub fn finish(st: &mut State) {
    let keys: Vec<String> = st
        .entities
        .iter()
        .filter(|e| e.merged_into.is_none() && !e.synthetic)
        .map(|e| e.key.clone())
        .collect();
    for k in keys {
        let (person, has_scalar, first) = {
            let e = st.entity(&k).unwrap();
            (e.person, !e.attrs.is_empty(), e.first)
        };
        if person && !st.entity(&k).unwrap().attrs.iter().any(|a| a.ty == Ty::Email) {
            st.add_attr(
                &k,
                Attr {
                    name: "email".into(),
                    ty: Ty::Email,
                    nullable: false,
                    unique: true,
                    check: None,
                    comment: None,
                    default: None,
                    sentence: first,
                    why: "assumed: people are told apart by their email".into(),
                },
            );
            st.note(
                format!("{}.email", crate::model::pascal(&k)),
                None,
                "email @unique (assumed: people sign in or are contacted by email)",
            );
        }
        let named = !person && !has_scalar && !looks_like_event(&k);
        if named || (person && !st.entity(&k).unwrap().attrs.iter().any(|a| a.name.contains("name"))) {
            st.add_attr(
                &k,
                Attr {
                    name: "name".into(),
                    ty: Ty::Text,
                    nullable: person,
                    unique: false,
                    check: None,
                    comment: None,
                    default: None,
                    sentence: first,
                    why: "assumed: a name to tell them apart".into(),
                },
            );
            st.note(
                format!("{}.name", crate::model::pascal(&k)),
                None,
                "name text (assumed: the text gives it no attributes)",
            );
        }
    }
}

/// Things that record that something happened, or link two things: they
/// have no name of their own.
pub(crate) fn looks_like_event(key: &str) -> bool {
    const EVENTS: &[&str] = &[
        "membership",
        "assignment",
        "enrollment",
        "enrolment",
        "registration",
        "booking",
        "reservation",
        "payment",
        "reading",
        "event",
        "log",
        "entry",
        "item",
        "like",
        "follow",
        "vote",
        "order",
        "transaction",
        "transfer",
        "visit",
        "appointment",
        "loan",
        "rental",
        "checkin",
        "check_in",
        "attendance",
        "subscription",
        "purchase",
        "sale",
        "shipment",
        "delivery",
        "review",
        "rating",
        "comment",
        "reply",
        "message",
        "answer",
        "submission",
        "application",
        "invoice",
        "receipt",
        "measurement",
        "sample",
        "metric",
        "ping",
        "heartbeat",
        "session",
        "attempt",
        "result",
        "score",
        "response",
        "request",
        "claim",
        "refund",
        "charge",
        "donation",
        "bid",
        "trip",
        "ride",
        "stay",
        "shift",
        "move",
        "step",
        "change",
        "audit",
        "notification",
        "alert",
        "link",
        "line",
        "line_item",
        "position",
        "snapshot",
        "version",
        "revision",
        "post",
        "note",
        "prescription",
        "treatment",
        "session",
        "lesson_progress",
        "progress",
        "completion",
        "grade",
        "mark",
        "feedback",
    ];
    let last = key.rsplit('_').next().unwrap_or(key);
    EVENTS.contains(&key) || EVENTS.contains(&last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Np;

    fn np(words: &str) -> Np {
        Np {
            words: words.split(' ').map(String::from).collect(),
            ..Np::default()
        }
    }

    #[test]
    fn people_roles_and_classifiers() {
        assert!(is_person("customer") && !is_role("customer"));
        assert!(is_person("assignee") && is_role("assignee"));
        assert!(is_person("trainee"));
        assert!(!is_person("fee") && !is_person("committee") && !is_person("order"));
        assert!(is_classifier("label") && is_classifier("tag"));
        assert!(!is_classifier("task"));
        assert!(is_organisation("workspace") && is_organisation("company"));
    }

    #[test]
    fn system_words_are_not_entities() {
        assert_eq!(entity_key(&np("audit trail")), None);
        assert_eq!(entity_key(&np("tenant isolation")), None);
        assert_eq!(entity_key(&np("system")), None);
        assert_eq!(entity_key(&np("line items")).as_deref(), Some("line_item"));
        assert_eq!(entity_key(&np("tasks")).as_deref(), Some("task"));
    }

    #[test]
    fn attributes_versus_things() {
        let none = |_: &str| false;
        assert!(attribute_like(&np("due dates"), &none));
        assert!(attribute_like(&np("price"), &none));
        assert!(attribute_like(&np("weight"), &none));
        assert!(!attribute_like(&np("labels"), &none));
        assert!(!attribute_like(&np("assignees"), &none));
        let known = |k: &str| k == "address";
        assert!(!attribute_like(&np("address"), &known));
    }

    #[test]
    fn roles_merge_into_user_and_kinds_need_a_login() {
        let mut st = State::default();
        st.add_entity("customer", 0);
        st.add_entity("agent", 0);
        st.add_entity("author", 1);
        merge_people(&mut st);
        // no login and no users: everyone keeps the text's name
        assert_eq!(st.resolve("author"), "author");
        assert_eq!(st.resolve("customer"), "customer");
        // with users, a role is a user; the kinds still need a login
        st.add_entity("user", 2);
        merge_people(&mut st);
        assert_eq!(st.resolve("author"), "user");
        assert_eq!(st.resolve("customer"), "customer");
        let mut st = State::default();
        st.add_entity("customer", 0);
        st.add_entity("agent", 0);
        st.login_sentence = Some(1);
        st.login_explicit = Some(1);
        merge_people(&mut st);
        assert_eq!(st.resolve("customer"), "user");
        assert_eq!(st.resolve("agent"), "user");
    }
}
