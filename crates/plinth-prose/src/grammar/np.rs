//! Noun phrases: determiners and quantifiers, modifier and head words,
//! and parenthesised lists.

use super::*;

/// Numbers written as words.
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty", "fifty",
    "hundred",
];

/// Determiners/quantifiers, then modifier and head words.
pub(super) fn noun_phrase(tokens: &[Token], mut i: usize, clause_verb: bool) -> (Option<Np>, usize) {
    let start = i;
    let mut np = Np { start, ..Np::default() };
    // quantifiers and determiners
    while let Some(t) = tokens.get(i) {
        let w = t.lower.as_str();
        let next = tokens.get(i + 1).map(|t| t.lower.as_str()).unwrap_or("");
        let next2 = tokens.get(i + 2).map(|t| t.lower.as_str()).unwrap_or("");
        if (w == "one" || w == "zero" || w == "two") && next == "or" && (next2 == "more" || next2 == "many") {
            np.det.push(format!("{w} or {next2}"));
            np.many = true;
            i += 3;
        } else if w == "at" && (next == "least" || next == "most") {
            np.det.push(format!("at {next}"));
            if next == "most" && next2 == "one" {
                np.one = true;
                np.det.push("one".into());
                i += 3;
            } else {
                i += 2;
            }
        } else if ["small", "large", "big", "huge", "growing", "long", "whole"].contains(&w)
            && lexicon::contains(lexicon::MANY, next)
            && next2 == "of"
        {
            // "a small chain of bistros"
            np.det.push(next.to_string());
            np.many = true;
            i += 3;
        } else if w == "up" && next == "to" {
            // "up to ten photos"
            np.det.push("up to".into());
            np.many = true;
            i += 2;
            if tokens
                .get(i)
                .is_some_and(|t| t.kind == Tok::Number || NUMBER_WORDS.contains(&t.lower.as_str()))
            {
                i += 1;
            }
        } else if NUMBER_WORDS.contains(&w) && w != "one" && tokens.get(i + 1).is_some_and(|n| n.is_word()) {
            np.det.push(w.to_string());
            np.many = true;
            i += 1;
        } else if (lexicon::contains(lexicon::MANY, w) || w == "few" || w == "couple")
            && ["of", "a", "any"].contains(&next)
        {
            // "a list of", "a number of", "a set of"
            np.det.push(w.to_string());
            np.many = true;
            i += if next == "of" { 2 } else { 1 };
        } else if [
            "many",
            "several",
            "multiple",
            "various",
            "numerous",
            "more",
            "unlimited",
            "some",
            "all",
        ]
        .contains(&w)
        {
            np.det.push(w.to_string());
            if w != "some" && w != "all" {
                np.many = true;
            }
            i += 1;
        } else if w == "one" && next == "of" {
            // "at one of our clinics": one clinic
            np.det.push("one".into());
            np.one = true;
            i += 2;
            if tokens
                .get(i)
                .is_some_and(|t| ["our", "the", "their", "its", "your", "my"].contains(&t.lower.as_str()))
            {
                i += 1;
            }
        } else if w == "one" || w == "single" || w == "exactly" || w == "only" {
            np.det.push(w.to_string());
            if w != "exactly" || next == "one" {
                np.one = w != "only" || next == "one";
            }
            i += 1;
        } else if lexicon::contains(lexicon::DETERMINERS, w) && w != "own" {
            np.det.push(w.to_string());
            i += 1;
        } else if t.kind == Tok::Number && tokens.get(i + 1).is_some_and(|n| n.is_word()) {
            np.det.push(w.to_string());
            if w != "1" {
                np.many = true;
            }
            i += 1;
        } else {
            break;
        }
    }
    let words_start = i;
    while let Some(t) = tokens.get(i) {
        let w = t.lower.as_str();
        if !t.is_word() {
            // "1-5 rating": numbers inside a phrase are kept as words
            if t.kind == Tok::Number && i == words_start {
                np.words.push(w.to_string());
                i += 1;
                continue;
            }
            // a spaced dash separates ("flag - belongs to"); inner hyphens are part of the word
            break;
        }
        // "published at (timestamp)", "checked in flag", "weight in kg", "date of birth"
        let next_w = tokens.get(i + 1).map(|t| t.lower.as_str()).unwrap_or("");
        let after = tokens.get(i + 2).map(|t| t.lower.as_str()).unwrap_or("");
        let prev_w = np.words.last().map(String::as_str).unwrap_or("");
        // "a year built", "the price paid", "published at": a participle closing an item is part of it
        let item_end = |k: usize| {
            tokens
                .get(k)
                .is_none_or(|t| t.is_punct(',') || t.is_punct('.') || t.is_punct(';') || t.is("and") || t.is("or"))
        };
        if participle(w)
            && !is_be(prev_w)
            && (!np.words.is_empty() && item_end(i + 1)
                || np.words.is_empty() && ["at", "on"].contains(&next_w) && item_end(i + 2) && !clause_verb)
        {
            np.words.push(w.to_string());
            if np.words.len() == 1 {
                np.words.push(next_w.to_string());
                i += 1;
            }
            i += 1;
            continue;
        }
        if w.ends_with("ed")
            && w.len() > 4
            && ["flag", "date", "timestamp", "time", "at", "on"].contains(&next_w)
            && !np.words.is_empty()
        {
            np.words.push(w.to_string());
            i += 1;
            continue;
        }
        if ["at", "in", "on"].contains(&w)
            && (prev_w.ends_with("ed")
                || [
                    "paid", "sent", "made", "held", "sold", "built", "taken", "given", "written", "read", "seen",
                    "done", "begun", "won", "shipped",
                ]
                .contains(&prev_w))
            && (next_w.is_empty()
                || ["timestamp", "time", "date", "flag", ",", ".", "and", "or", ";", ")"].contains(&next_w))
        {
            np.words.push(w.to_string());
            i += 1;
            continue;
        }
        if (w == "in" || w == "per")
            && !np.words.is_empty()
            && ["square", "cubic", "sq"].contains(&next_w)
            && crate::attributes::is_unit(after)
        {
            np.words.push(w.to_string());
            np.words.push(after.to_string());
            i += 3;
            continue;
        }
        if (w == "in" || w == "per") && !np.words.is_empty() && crate::attributes::is_unit(next_w) {
            np.words.push(w.to_string());
            np.words.push(next_w.to_string());
            i += 2;
            continue;
        }
        if w == "of"
            && np.words.len() == 1
            && [
                "date",
                "place",
                "number",
                "time",
                "country",
                "proof",
                "cause",
                "mode",
                "method",
                "amount",
                "length",
                "duration",
                "frequency",
            ]
            .contains(&prev_w)
            && tokens.get(i + 1).is_some_and(|t| t.is_word())
            && !(prev_w == "number" && np.det.iter().any(|d| d == "a" || d == "any"))
        {
            np.words.push(w.to_string());
            np.words.push(next_w.to_string());
            i += 2;
            let _ = after;
            continue;
        }
        let adjective_ly = tokens
            .get(i + 1)
            .is_some_and(|n| n.is_word() && !closed(&n.lower) && !verb_form(&n.lower));
        if w.len() > 4
            && w.ends_with("ly")
            && !adjective_ly
            && ![
                "family",
                "supply",
                "assembly",
                "reply",
                "rally",
                "ally",
                "butterfly",
                "monopoly",
                "anomaly",
                "lily",
                "jelly",
                "italy",
                "july",
                "poly",
                "fly",
                "nightly",
                "daily",
                "weekly",
                "monthly",
                "yearly",
                "hourly",
                "quarterly",
                "early",
                "elderly",
                "friendly",
            ]
            .iter()
            .any(|x| w.ends_with(x))
        {
            break;
        }
        // "a first name", "the last visit": ordinal words inside a phrase
        let ordinal = (w == "first" || w == "last")
            && tokens.get(i + 1).is_some_and(|n| {
                n.is_word() && !closed(&n.lower) && !lexicon::contains(lexicon::DEFINITE_VERBS, &n.lower)
            });
        if ordinal {
            np.words.push(w.to_string());
            i += 1;
            continue;
        }
        if closed(w) && !(w == "own" || w == "other") {
            break;
        }
        // "drivers additionally have": an adverb ends the phrase
        if w.len() > 6 && w.ends_with("ally") && !np.words.is_empty() {
            break;
        }
        if (w == "like" || w == "including") && !np.words.is_empty() {
            break;
        }
        // "credits one account": a number word starts a new phrase
        if NUMBER_WORDS.contains(&w) && !np.words.is_empty() && !["last", "first", "top"].contains(&prev_w) {
            break;
        }
        if lexicon::contains(lexicon::DETERMINERS, w) && w != "own" && w != "other" {
            break;
        }
        if i > words_start || clause_verb {
            // a verb right after the subject ends the phrase
            if lexicon::contains(lexicon::DEFINITE_VERBS, w) && !np.words.is_empty() {
                break;
            }
            if third_person_before_det(tokens, i) && !np.words.is_empty() {
                break;
            }
            // "our hotel group runs hotels": a singular noun before a third-person verb is still the subject
            let next_w = tokens.get(i + 1).map(|t| t.lower.as_str()).unwrap_or("");
            if verb_form(w)
                && !w.ends_with('s')
                && !w.ends_with("ed")
                && !is_plural(prev_w)
                && !lexicon::contains(lexicon::DEFINITE_VERBS, w)
                && third_person_verb(next_w)
            {
                np.words.push(w.to_string());
                i += 1;
                continue;
            }
            if verb_form(w) && !np.words.is_empty() && !clause_verb {
                let next = tokens.get(i + 1);
                let next_w = next.map(|t| t.lower.as_str()).unwrap_or("");
                let next_is_noun_start = next.is_some_and(|n| n.is_word() || n.kind == Tok::Number)
                    && !is_be(next_w)
                    && !lexicon::contains(lexicon::CONJUNCTIONS, next_w)
                    && !["can", "may", "must", "should", "will", "have", "has"].contains(&next_w)
                    && !lexicon::contains(lexicon::DEFINITE_VERBS, next_w);
                if next_is_noun_start {
                    break;
                }
            }
        }
        if w == "other" || w == "own" {
            i += 1;
            continue;
        }
        np.words.push(w.to_string());
        i += 1;
    }
    if np.words.is_empty() {
        return (None, i.max(start + usize::from(i == start)));
    }
    np.end = i;
    // "pages organised": the noun before a trailing participle decides
    let noun = np
        .words
        .iter()
        .rev()
        .find(|w| !participle(w) || np.words.len() == 1)
        .map(String::as_str)
        .unwrap_or("");
    np.plural = is_plural(noun);
    if np.plural && !np.one {
        np.many = np.many || !np.det.iter().any(|d| d == "a" || d == "an" || d == "one");
    }
    (Some(np), i)
}

/// Items of a parenthesised list: `(open, in progress or closed)` →
/// ["open", "in progress", "closed"].
pub fn paren_items(tokens: &[Token]) -> Vec<String> {
    let mut items = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    // "method: cash or card" inside a list of fields: one item "method: cash|card"
    if let Some(c) = tokens.iter().position(|t| t.is_punct(':')) {
        let end = tokens[c..]
            .iter()
            .position(|t| t.is_punct(',') || t.is_punct(';'))
            .map(|p| p + c)
            .unwrap_or(tokens.len());
        let start = tokens[..c]
            .iter()
            .rposition(|t| t.is_punct(',') || t.is_punct(';'))
            .map(|p| p + 1)
            .unwrap_or(0);
        if c > start {
            let mut out = paren_items(&tokens[..start]);
            let name: Vec<String> = tokens[start..c].iter().map(|t| t.lower.clone()).collect();
            let values = paren_items(&tokens[c + 1..end]);
            out.push(format!("{}: {}", name.join(" "), values.join("|")));
            if end < tokens.len() {
                out.extend(paren_items(&tokens[end + 1..]));
            }
            return out;
        }
    }
    for t in tokens {
        if t.is_punct(',') || t.is_punct('/') || t.is_punct('|') || t.is("or") || t.is("and") || t.is_punct(';') {
            if !cur.is_empty() {
                items.push(cur.join(" "));
                cur.clear();
            }
        } else if t.is("e.g") || t.is("eg") || t.is("i.e") || t.is("ie") || t.is("etc") || t.is_punct('.') {
            continue;
        } else {
            cur.push(t.lower.clone());
        }
    }
    if !cur.is_empty() {
        items.push(cur.join(" "));
    }
    // "(with a number and how many seats)": the fields, without the glue words
    items
        .into_iter()
        .map(|i| {
            let mut w: Vec<&str> = i.split(' ').collect();
            while w.len() > 1 && ["with", "a", "an", "the", "its", "their", "how", "many", "much"].contains(&w[0]) {
                w.remove(0);
            }
            w.join(" ")
        })
        .collect()
}
