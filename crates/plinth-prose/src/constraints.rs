//! Facts the text states as constraints: ranges ("1-5 rating", "from 1 to
//! 5"), signs ("must be positive"), order of two instants ("ends after it
//! starts"), uniqueness ("only once per event", "unique within a project")
//! — a CHECK or a unique constraint where expressible, else an open question.

use crate::entities::plural_words;
use crate::model::{pascal, RelKind, State, Ty};
use crate::phrases::has_phrase;

/// A sentence's constraint facts, applied once every entity and relation is
/// known (they name fields that other sentences introduce).
#[derive(Debug, Clone)]
pub struct Pending {
    pub sentence: usize,
    pub words: Vec<String>,
    pub things: Vec<String>,
    /// Attribute names mentioned in the sentence (field-name form).
    pub attrs: Vec<String>,
}

pub fn apply(st: &mut State, p: &Pending) {
    let words: Vec<&str> = p.words.iter().map(String::as_str).collect();
    let has = |ph: &str| has_phrase(&words, ph);
    let s = p.sentence;
    let things: Vec<String> = p
        .things
        .iter()
        .map(|t| st.resolve(t))
        .filter(|t| st.entity(t).is_some())
        .collect();
    // range: "from 1 to 5", "between 1 and 5", "1-5"
    if let Some((lo, hi)) = stated_range(&words) {
        if let Some((ent, field)) = find_attr(st, &things, &p.attrs, |t| {
            matches!(t, Ty::SmallInt | Ty::Int | Ty::Decimal(..) | Ty::Text)
        }) {
            let e = st.entity_mut(&ent).unwrap();
            let a = e.attrs.iter_mut().find(|a| a.name == field).unwrap();
            if a.check.is_none() {
                if a.ty == Ty::Text {
                    a.ty = Ty::SmallInt;
                }
                a.check = Some(format!("{field} BETWEEN {lo} AND {hi}"));
                st.note(
                    format!("{}.{field}", pascal(&ent)),
                    Some(s),
                    format!("@check({field} BETWEEN {lo} AND {hi})"),
                );
            }
        }
    }
    // sign: "must be positive", "cannot be negative", "at least one"
    let positive = has("positive") || has("greater than zero") || has("more than zero") || has("above zero");
    let non_negative = has("non-negative")
        || has("never negative")
        || has("cannot be negative")
        || has("can't be negative")
        || has("not be negative")
        || has("zero or more");
    if positive || non_negative {
        if let Some((ent, field)) = find_attr(st, &things, &p.attrs, |t| {
            matches!(t, Ty::Int | Ty::SmallInt | Ty::Money | Ty::Decimal(..) | Ty::Percent)
        }) {
            let op = if positive { ">" } else { ">=" };
            let e = st.entity_mut(&ent).unwrap();
            let a = e.attrs.iter_mut().find(|a| a.name == field).unwrap();
            if a.check.is_none() {
                a.check = Some(format!("{field} {op} 0"));
                st.note(
                    format!("{}.{field}", pascal(&ent)),
                    Some(s),
                    format!("@check({field} {op} 0)"),
                );
            }
        }
    }
    // order of two instants/dates: "ends after it starts", "end date after start date"
    if has("after") || has("later than") || has("before") {
        for ent in &things {
            let Some(e) = st.entity(ent) else { continue };
            let temporal: Vec<String> = e
                .attrs
                .iter()
                .filter(|a| matches!(a.ty, Ty::Date | Ty::Timestamp))
                .map(|a| a.name.clone())
                .collect();
            let start = temporal
                .iter()
                .find(|n| n.contains("start") || n.contains("begin") || n.contains("check_in") || n.contains("from"));
            let end = temporal.iter().find(|n| {
                n.contains("end")
                    || n.contains("finish")
                    || n.contains("check_out")
                    || n.contains("until")
                    || n.contains("due")
            });
            if let (Some(a), Some(b)) = (start.cloned(), end.cloned()) {
                let expr = format!("{b} > {a}");
                let e = st.entity_mut(ent).unwrap();
                if !e.checks.iter().any(|(c, _)| *c == expr) {
                    e.checks.push((expr.clone(), s));
                    st.note(pascal(ent), Some(s), format!("@@check({expr})"));
                }
                break;
            }
        }
    }
    // uniqueness of a pair: "only once per event", "at most one review per product"
    let once = has("only once")
        || has("at most once")
        || has("just once")
        || has("once per")
        || has("no more than one")
        || has("at most one")
        || has("only one") && has("per");
    if once && things.len() >= 2 {
        unique_pair(st, s, &things);
    }
    // "unique within a project", "unique per workspace"
    if has("unique within") || has("unique per") || has("unique in") || has("unique across") {
        scoped_unique(st, s, &words, &things, &p.attrs);
    }
    // not expressible as a CHECK
    if has("exactly two")
        || has("exactly three")
        || has("at least two")
        || has("at least one") && !has("at least one of")
    {
        let what = things.iter().map(|t| plural_words(t)).collect::<Vec<_>>().join(" and ");
        st.ask(format!(
            "\"{}\" is a count across rows ({what}): enforce it in the application or with a constraint trigger?",
            quote(&st.sentences[s])
        ));
    }
    if has("sum to zero")
        || has("sums to zero")
        || has("add up to zero")
        || has("balance to zero")
        || has("sum to 0")
        || has("must balance")
    {
        st.ask(format!(
            "\"{}\": amounts must sum to zero per group — a deferred constraint trigger, or checked when the application writes them?",
            quote(&st.sentences[s])
        ));
    }
}

fn quote(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() > 90 {
        format!("{}…", s.chars().take(88).collect::<String>())
    } else {
        s.to_string()
    }
}

/// "1-5", "from 1 to 5", "between 1 and 5", "1 to 5 stars".
pub fn stated_range(words: &[&str]) -> Option<(i64, i64)> {
    for (i, w) in words.iter().enumerate() {
        if let Some(r) = crate::attributes::range(w) {
            return Some(r);
        }
        let num = |j: usize| words.get(j).and_then(|x| x.parse::<i64>().ok());
        if let (Some(a), Some(sep), Some(b)) = (num(i), words.get(i + 1), num(i + 2)) {
            if ["to", "and", "-", "through"].contains(sep)
                && a < b
                && b <= 1000
                && (i == 0 || ["from", "between", "of", "a", "an"].contains(&words[i - 1]) || *sep == "to")
            {
                return Some((a, b));
            }
        }
    }
    None
}

/// The attribute a constraint sentence talks about: one named in the
/// sentence on an entity the sentence names (or any entity that has it).
fn find_attr(st: &State, things: &[String], attrs: &[String], fits: impl Fn(&Ty) -> bool) -> Option<(String, String)> {
    for name in attrs {
        for t in things {
            if let Some(a) = st.entity(t).and_then(|e| e.attrs.iter().find(|a| a.name == *name)) {
                if fits(&a.ty) {
                    return Some((t.clone(), a.name.clone()));
                }
            }
        }
        if let Some(e) = st
            .entities
            .iter()
            .find(|e| e.merged_into.is_none() && e.attrs.iter().any(|a| a.name == *name && fits(&a.ty)))
        {
            return Some((e.key.clone(), name.clone()));
        }
    }
    None
}

/// An entity with relations to the other things named makes that pair unique.
fn unique_pair(st: &mut State, s: usize, things: &[String]) {
    let all: Vec<String> = things
        .iter()
        .cloned()
        .chain(st.entities.iter().map(|e| e.key.clone()))
        .collect();
    for owner in &all {
        if st.entity(owner).is_none_or(|e| e.merged_into.is_some()) {
            continue;
        }
        let fields: Vec<String> = st
            .rels
            .iter()
            .filter(|r| {
                r.from == *owner && things.contains(&r.to) && r.to != *owner && matches!(r.kind, RelKind::One { .. })
            })
            .map(|r| r.field.clone())
            .collect();
        let mut uniq: Vec<String> = Vec::new();
        for f in fields {
            if !uniq.contains(&f) {
                uniq.push(f);
            }
        }
        if uniq.len() >= 2 {
            let e = st.entity_mut(owner).unwrap();
            if !e.uniques.iter().any(|(u, _)| *u == uniq) {
                e.uniques.push((uniq.clone(), s));
            }
            st.note(
                pascal(owner),
                Some(s),
                format!("@@unique({}) (only once per …)", uniq.join(", ")),
            );
            return;
        }
    }
    // a many-to-many link is unique by its primary key already
    if st
        .rels
        .iter()
        .any(|r| r.kind == RelKind::Many && things.contains(&r.from) && things.contains(&r.to))
    {
        st.note(
            "junction",
            Some(s),
            "only once per pair: the junction's primary key already says so",
        );
        return;
    }
    st.ask(format!(
        "\"{}\": which entity records this, so the pair can be made unique?",
        quote(&st.sentences[s])
    ));
}

fn scoped_unique(st: &mut State, s: usize, words: &[&str], things: &[String], attrs: &[String]) {
    let pos = words.iter().position(|w| *w == "unique").unwrap_or(0);
    let scope = words
        .get(pos + 2)
        .or(words.get(pos + 1))
        .map(|w| crate::model::singular(w));
    let Some(scope) = scope.map(|k| st.resolve(&k)) else {
        return;
    };
    let tenant = st.flags.tenant.as_ref().map(|(t, _)| t.clone());
    for name in attrs {
        for t in things.iter().filter(|t| **t != scope) {
            let Some(e) = st.entity(t) else { continue };
            if !e.attrs.iter().any(|a| a.name == *name) {
                continue;
            }
            let scope_field = if tenant.as_deref() == Some(scope.as_str()) && !e.global {
                Some(scope.clone())
            } else {
                st.rels
                    .iter()
                    .find(|r| r.from == *t && r.to == scope && matches!(r.kind, RelKind::One { .. }))
                    .map(|r| r.field.clone())
            };
            let Some(sf) = scope_field else { continue };
            let cols = vec![sf, name.clone()];
            let e = st.entity_mut(t).unwrap();
            if let Some(a) = e.attrs.iter_mut().find(|a| a.name == *name) {
                a.unique = false;
                a.nullable = false;
            }
            if !e.uniques.iter().any(|(u, _)| *u == cols) {
                e.uniques.push((cols.clone(), s));
            }
            st.note(pascal(t), Some(s), format!("@@unique({})", cols.join(", ")));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Attr;

    fn attr(name: &str, ty: Ty) -> Attr {
        Attr {
            name: name.into(),
            ty,
            nullable: true,
            unique: false,
            check: None,
            comment: None,
            default: None,
            sentence: 0,
            why: String::new(),
        }
    }

    fn pending(text: &str, things: &[&str], attrs: &[&str]) -> Pending {
        Pending {
            sentence: 0,
            words: crate::text::tokenize(text).into_iter().map(|t| t.lower).collect(),
            things: things.iter().map(|s| s.to_string()).collect(),
            attrs: attrs.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn state(text: &str) -> State {
        State {
            sentences: vec![text.to_string()],
            ..State::default()
        }
    }

    #[test]
    fn ranges_and_signs_become_checks() {
        let text = "Reviews have a rating from 1 to 5 and the quantity must be positive.";
        let mut st = state(text);
        st.add_entity("review", 0).attrs = vec![attr("rating", Ty::SmallInt), attr("quantity", Ty::Int)];
        apply(&mut st, &pending(text, &["review"], &["rating"]));
        assert_eq!(
            st.entity("review").unwrap().attrs[0].check.as_deref(),
            Some("rating BETWEEN 1 AND 5")
        );
        let text = "The quantity must be positive.";
        st.sentences = vec![text.to_string()];
        apply(&mut st, &pending(text, &["review"], &["quantity"]));
        assert_eq!(
            st.entity("review").unwrap().attrs[1].check.as_deref(),
            Some("quantity > 0")
        );
        assert_eq!(stated_range(&["between", "1", "and", "10"]), Some((1, 10)));
    }

    #[test]
    fn once_per_makes_a_unique_pair_and_counts_become_questions() {
        let text = "A user can register only once per event.";
        let mut st = state(text);
        st.add_entity("user", 0);
        st.add_entity("event", 0);
        st.add_entity("registration", 0);
        crate::relations::reference(&mut st, "registration", "user", "user", false, 0, "");
        crate::relations::reference(&mut st, "registration", "event", "event", false, 0, "");
        apply(&mut st, &pending(text, &["user", "event"], &[]));
        assert_eq!(st.entity("registration").unwrap().uniques[0].0, ["user", "event"]);
        let text = "A transfer has exactly two entries that sum to zero.";
        let mut st = state(text);
        st.add_entity("transfer", 0);
        apply(&mut st, &pending(text, &["transfer", "entry"], &[]));
        assert_eq!(st.questions.len(), 2);
    }

    #[test]
    fn instants_in_order() {
        let text = "A booking ends after it starts.";
        let mut st = state(text);
        st.add_entity("booking", 0).attrs = vec![attr("starts_at", Ty::Timestamp), attr("ends_at", Ty::Timestamp)];
        apply(&mut st, &pending(text, &["booking"], &[]));
        assert_eq!(st.entity("booking").unwrap().checks[0].0, "ends_at > starts_at");
    }
}
