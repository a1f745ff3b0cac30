//! POS-ish chunking: a token stream becomes noun phrases, verb groups,
//! prepositions, conjunctions, commas, colons and parenthesised lists.
//! Heuristics, not a parser: closed word classes from [`crate::lexicon`],
//! plural nouns by inflection, and a verb/noun decision for words that can
//! be either ("customers *place* orders" vs "each *place* has a name").

use crate::lexicon::{self, verbs};
use crate::text::{Tok, Token};

#[derive(Debug, Clone, Default)]
pub struct Np {
    /// Modifier and head words, lower case, as written (plural kept).
    pub words: Vec<String>,
    /// Determiners and quantifiers before the words ("each", "one or more").
    pub det: Vec<String>,
    /// The head is a plural noun, or a quantifier says "many".
    pub plural: bool,
    pub many: bool,
    /// "one", "a single", "exactly one", "at most one", "only one".
    pub one: bool,
    /// Items of a parenthesised list right after the phrase: `(open, closed)`.
    pub paren: Option<Vec<String>>,
    /// Token range in the sentence.
    pub start: usize,
    pub end: usize,
}

impl Np {
    pub fn head(&self) -> &str {
        self.words.last().map(String::as_str).unwrap_or("")
    }
    pub fn text(&self) -> String {
        self.words.join(" ")
    }
    pub fn has_det(&self, w: &str) -> bool {
        self.det.iter().any(|d| d == w)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Verb {
    /// The main verb as written (lower case), e.g. `contains`; for a bare
    /// copula ("is part of", "are in") the copula itself.
    pub word: String,
    pub aux: Vec<String>,
    pub neg: bool,
    /// be + past participle ("are written by", "is assigned to").
    pub passive: bool,
    /// Only a form of "be": "tasks are in projects".
    pub copula: bool,
    /// A preposition right after the verb: to, in, of, with, by, into...
    pub particle: Option<String>,
    pub start: usize,
    pub end: usize,
}

impl Verb {
    pub fn lemma_in<'a>(&self, list: &[&'a str]) -> Option<&'a str> {
        lexicon::lemma(&self.word, list)
    }
    pub fn modal_can(&self) -> bool {
        self.aux
            .iter()
            .any(|a| a == "can" || a == "may" || a == "could" || a == "might")
    }
}

#[derive(Debug, Clone)]
pub enum Chunk {
    Np(Np),
    Verb(Verb),
    Prep(String),
    Conj(String),
    Comma,
    Colon,
    /// Any other word or punctuation ("we", "who", "-", "/").
    Other(String),
}

impl Chunk {
    pub fn np(&self) -> Option<&Np> {
        match self {
            Chunk::Np(n) => Some(n),
            _ => None,
        }
    }
    pub fn verb(&self) -> Option<&Verb> {
        match self {
            Chunk::Verb(v) => Some(v),
            _ => None,
        }
    }
}

const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "am"];

pub fn is_be(w: &str) -> bool {
    BE.contains(&w)
}

/// A word that can be a verb (any family) in some reading.
pub fn verb_form(w: &str) -> bool {
    lexicon::contains(lexicon::DEFINITE_VERBS, w)
        || participle(w)
        || lexicon::lemma_in_any(
            w,
            &[
                verbs::HAVE,
                verbs::BELONG,
                verbs::CREATE,
                verbs::MANY_TO_MANY,
                verbs::REFER,
                verbs::SETTINGS,
                crate::events::ALWAYS_VERBS,
            ],
        )
}

/// Past participles that read as verbs after a form of "be" ("are nested",
/// "is shared", "are ordered").
fn participle(w: &str) -> bool {
    (w.ends_with("ed") && w.len() > 4 && !["need", "feed", "seed", "speed", "bed", "breed", "red"].contains(&w))
        || [
            "written", "made", "taken", "given", "sent", "held", "kept", "sold", "bought", "paid", "seen", "read",
            "built", "done", "known", "shown", "grown", "drawn", "found", "taught", "led", "run", "owned",
        ]
        .contains(&w)
}

/// Closed-class word that cannot be part of a noun phrase.
fn closed(w: &str) -> bool {
    lexicon::contains(lexicon::AUX, w)
        || lexicon::contains(lexicon::NEGATIONS, w)
        || lexicon::contains(lexicon::PREPOSITIONS, w)
        || lexicon::contains(lexicon::CONJUNCTIONS, w)
        || lexicon::contains(lexicon::PRONOUNS, w)
}

pub use crate::model::is_plural;

fn is_number(t: &Token) -> bool {
    t.kind == Tok::Number
}

/// Chunks one sentence.
pub fn chunk(tokens: &[Token]) -> Vec<Chunk> {
    let rewritten = crate::text::rewrite(tokens);
    let tokens = rewritten.as_slice();
    let mut out: Vec<Chunk> = Vec::new();
    let mut i = 0;
    let mut clause_verb = false;
    while i < tokens.len() {
        let t = &tokens[i];
        match &t.kind {
            Tok::Punct(',') => {
                out.push(Chunk::Comma);
                i += 1;
                continue;
            }
            Tok::Punct(':') => {
                out.push(Chunk::Colon);
                clause_verb = false;
                i += 1;
                continue;
            }
            Tok::Punct('(') => {
                // A parenthesised list attaches to the preceding noun phrase.
                let close = tokens[i..].iter().position(|t| t.is_punct(')')).map(|p| p + i);
                let end = close.unwrap_or(tokens.len());
                let items = paren_items(&tokens[i + 1..end]);
                match out.last_mut() {
                    Some(Chunk::Np(np)) if np.paren.is_none() => {
                        np.paren = Some(items);
                        np.end = end;
                    }
                    // "plays are logged (user, track, played at)": what the act is logged with
                    Some(Chunk::Verb(v)) if v.passive && v.particle.is_none() && items.len() > 1 => {
                        v.particle = Some("with".into());
                        for item in &items {
                            let words: Vec<String> = item.split(' ').map(String::from).collect();
                            out.push(Chunk::Np(Np {
                                plural: is_plural(words.last().map(String::as_str).unwrap_or("")),
                                words,
                                start: i,
                                end,
                                ..Np::default()
                            }));
                            out.push(Chunk::Comma);
                        }
                        out.pop();
                    }
                    _ => {}
                }
                i = close.map(|c| c + 1).unwrap_or(tokens.len());
                continue;
            }
            Tok::Punct('.') | Tok::Punct(';') | Tok::Punct('!') | Tok::Punct('?') => {
                clause_verb = false;
                out.push(Chunk::Other(t.lower.clone()));
                i += 1;
                continue;
            }
            Tok::Punct(_) => {
                out.push(Chunk::Other(t.lower.clone()));
                i += 1;
                continue;
            }
            _ => {}
        }
        let w = t.lower.as_str();
        if lexicon::contains(lexicon::CONJUNCTIONS, w) {
            // ", and each student majors in ...": a new clause may start
            if matches!(out.last(), Some(Chunk::Comma)) {
                clause_verb = false;
            }
            out.push(Chunk::Conj(w.to_string()));
            i += 1;
            continue;
        }
        // "claim documents such as photos and receipts", "cuisines like thai": examples, not things
        let example = (w == "such" && tokens.get(i + 1).is_some_and(|t| t.is("as")))
            || ((w == "like" || w == "including")
                && matches!(out.last(), Some(Chunk::Np(n)) if !crate::entities::is_person(&crate::model::singular(n.head()))));
        // "details like a bio and an avatar": the examples are the fields themselves
        let container = matches!(out.last(), Some(Chunk::Np(n)) if [
            "details", "fields", "info", "information", "attributes", "properties", "data", "things", "stuff",
        ]
        .contains(&n.head()));
        if example && container {
            i += if w == "such" { 2 } else { 1 };
            continue;
        }
        if example {
            i += if w == "such" { 2 } else { 1 };
            while let Some(t) = tokens.get(i) {
                let x = t.lower.as_str();
                let stop = !(t.is_word() || t.is_punct(',') || t.is_punct('-') || t.kind == Tok::Number)
                    || is_be(x)
                    || lexicon::contains(lexicon::DEFINITE_VERBS, x)
                    || ["can", "may", "must", "should", "will"].contains(&x);
                if stop {
                    break;
                }
                i += 1;
            }
            continue;
        }
        // ", published at": a list item named by a participle
        let end_at = |k: usize| {
            tokens
                .get(k)
                .is_none_or(|t| t.is_punct(',') || t.is_punct('.') || t.is_punct(';') || t.is("and"))
        };
        if participle(w)
            && tokens.get(i + 1).is_some_and(|t| t.is("at") || t.is("on"))
            && end_at(i + 2)
            && matches!(
                out.last(),
                Some(Chunk::Comma) | Some(Chunk::Conj(_)) | Some(Chunk::Colon)
            )
        {
            out.push(Chunk::Np(Np {
                words: vec![w.to_string(), tokens[i + 1].lower.clone()],
                start: i,
                end: i + 2,
                ..Np::default()
            }));
            i += 2;
            continue;
        }
        // "we keep track of orders": not a music track
        if w == "track"
            && i > 0
            && tokens[i - 1].lower.starts_with("keep")
            && tokens.get(i + 1).is_some_and(|t| t.is("of"))
        {
            i += 2;
            continue;
        }
        // "pays either by card or by bank transfer": the alternatives are values, not things
        if w == "either"
            && tokens[i + 1..]
                .iter()
                .take_while(|t| !t.is_punct('.') && !t.is_punct(';') && !t.is_punct(','))
                .any(|t| t.is("or"))
        {
            i += 1;
            while tokens
                .get(i)
                .is_some_and(|t| !(t.is_punct('.') || t.is_punct(';') || t.is_punct(',')))
            {
                i += 1;
            }
            out.push(Chunk::Other("either".into()));
            continue;
        }
        // "users follow each other": the subject's own kind
        if w == "each" && tokens.get(i + 1).is_some_and(|t| t.is("other")) {
            out.push(Chunk::Other("each_other".into()));
            i += 2;
            continue;
        }
        // "so basically physios see patients": sentence adverbs and fillers say nothing
        if [
            "basically",
            "additionally",
            "actually",
            "obviously",
            "essentially",
            "probably",
            "currently",
            "ok",
            "okay",
            "oh",
            "um",
            "hmm",
            "anyway",
            "btw",
        ]
        .contains(&w)
        {
            i += 1;
            continue;
        }
        // "..., storing the content and the author": a participle clause
        if w.ends_with("ing")
            && matches!(out.last(), Some(Chunk::Comma))
            && lexicon::lemma(
                w,
                &["store", "record", "keep", "include", "list", "hold", "track", "capture"],
            )
            .is_some()
        {
            out.push(Chunk::Verb(Verb {
                word: w.to_string(),
                start: i,
                end: i + 1,
                ..Verb::default()
            }));
            clause_verb = true;
            i += 1;
            continue;
        }
        // Verb groups: auxiliaries, negation, main verb, particle.
        let after_subject_like = matches!(out.last(), Some(Chunk::Np(_)))
            || matches!(out.last(), Some(Chunk::Other(o)) if ["who", "that", "which", "we", "they", "it", "users"].contains(&o.as_str()));
        let starts_verb = is_be(w)
            || [
                "can", "could", "may", "might", "must", "should", "shall", "will", "would", "do", "does", "did",
            ]
            .contains(&w)
            || lexicon::contains(lexicon::NEGATIONS, w)
            || lexicon::contains(lexicon::DEFINITE_VERBS, w)
            || (verb_form(w) && verb_position(tokens, i, &out, clause_verb, after_subject_like));
        if starts_verb && !(w == "no" || w == "each" || w == "all") {
            let (v, next) = verb_group(tokens, i);
            if let Some(v) = v {
                clause_verb = true;
                // "is either open, under review or closed": the values are not phrases of their own
                let values = v.copula && v.aux.iter().any(|a| a == "either");
                out.push(Chunk::Verb(v));
                i = next;
                if values {
                    while tokens.get(i).is_some_and(|t| !(t.is_punct('.') || t.is_punct(';'))) {
                        i += 1;
                    }
                    out.push(Chunk::Other("either".into()));
                }
                continue;
            }
        }
        if lexicon::contains(lexicon::PREPOSITIONS, w) && !is_quantifier_start(tokens, i) {
            out.push(Chunk::Prep(w.to_string()));
            i += 1;
            continue;
        }
        // "a booking that a guest makes", "a number, which is unique": a relative pronoun
        if (w == "that" || w == "which") && matches!(out.last(), Some(Chunk::Np(_)) | Some(Chunk::Comma)) {
            out.push(Chunk::Other(w.to_string()));
            i += 1;
            continue;
        }
        if lexicon::contains(lexicon::PRONOUNS, w) && !lexicon::contains(lexicon::DETERMINERS, w) {
            out.push(Chunk::Other(w.to_string()));
            i += 1;
            continue;
        }
        let (np, next) = noun_phrase(tokens, i, clause_verb);
        if next > i {
            match np {
                Some(np) => out.push(Chunk::Np(np)),
                // "seasons, each with a name": "each" stands for the phrase before
                None if w == "each" => out.push(Chunk::Other(w.to_string())),
                None => {}
            }
            i = next;
        } else {
            out.push(Chunk::Other(w.to_string()));
            i += 1;
        }
    }
    out
}

/// "one or more", "a list of", "at least one", "a number of": a quantifier
/// phrase, not a preposition.
fn is_quantifier_start(tokens: &[Token], i: usize) -> bool {
    let w = tokens[i].lower.as_str();
    w == "at"
        && tokens
            .get(i + 1)
            .is_some_and(|t| ["least", "most"].contains(&t.lower.as_str()))
}

/// Is the verb-or-noun word at `i` a verb here?
fn verb_position(tokens: &[Token], i: usize, out: &[Chunk], clause_verb: bool, after_subject: bool) -> bool {
    let next = tokens.get(i + 1);
    let next_w = next.map(|t| t.lower.as_str()).unwrap_or("");
    // "a room stores the dates": a third-person verb before a determiner
    if after_subject && third_person_before_det(tokens, i) {
        return true;
    }
    // after a pronoun ("who", "we") or a modal/aux it is a verb
    if matches!(out.last(), Some(Chunk::Other(o)) if ["who", "that", "which", "we", "they", "you", "i", "also", "only", "to"].contains(&o.as_str()))
    {
        return true;
    }
    // "like and comment on": a conjunction after a verb keeps verbs coming
    if matches!(out.last(), Some(Chunk::Conj(_))) && out.iter().rev().nth(1).is_some_and(|c| c.verb().is_some()) {
        return !next.is_some_and(|t| t.is_punct(',') || t.is_punct('.'));
    }
    // "users can like posts and save recipes": a verb form after "and" that takes an object
    if matches!(out.last(), Some(Chunk::Conj(_)))
        && out.iter().any(|c| c.verb().is_some_and(|v| !v.copula))
        && next.is_some_and(|t| {
            t.is_word() && !is_be(next_w) && !closed(next_w) && !verb_form(next_w)
                || lexicon::contains(lexicon::DETERMINERS, next_w)
        })
        && !lexicon::contains(lexicon::DEFINITE_VERBS, next_w)
    {
        return true;
    }
    if !after_subject || clause_verb {
        return false;
    }
    // "task comments are ...": the word is the head of the subject
    if next.is_none() || next.is_some_and(|t| !t.is_word() && !is_number(t)) {
        return false;
    }
    if is_be(next_w)
        || lexicon::contains(lexicon::DEFINITE_VERBS, next_w)
        || lexicon::contains(lexicon::CONJUNCTIONS, next_w)
        || [
            "can", "may", "must", "should", "will", "have", "has", "belong", "belongs",
        ]
        .contains(&next_w)
    {
        return false;
    }
    true
}

/// A verb's third-person form: "runs", "stores", "specifies".
fn third_person_verb(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && verb_form(w) && !is_be(w)
}

/// A third-person verb form right before a determiner ("stores the", "records a").
fn third_person_before_det(tokens: &[Token], i: usize) -> bool {
    third_person_verb(&tokens[i].lower)
        && tokens
            .get(i + 1)
            .is_some_and(|t| ["the", "a", "an", "each", "every", "its", "their"].contains(&t.lower.as_str()))
}

/// Parses auxiliaries + main verb + particle from `i`.
fn verb_group(tokens: &[Token], mut i: usize) -> (Option<Verb>, usize) {
    let start = i;
    let mut v = Verb {
        start,
        ..Verb::default()
    };
    let mut saw_be = false;
    while i < tokens.len() {
        let w = tokens[i].lower.as_str();
        if lexicon::contains(lexicon::NEGATIONS, w) {
            v.neg = true;
            i += 1;
        } else if is_be(w) {
            saw_be = true;
            v.aux.push(w.to_string());
            i += 1;
        } else if [
            "can",
            "could",
            "may",
            "might",
            "must",
            "should",
            "shall",
            "will",
            "would",
            "do",
            "does",
            "did",
            "also",
            "always",
            "usually",
            "often",
            "sometimes",
            "typically",
            "only",
            "just",
            "optionally",
            "then",
            "each",
            "both",
            "all",
            "automatically",
            "directly",
            "actually",
            "really",
            "permanently",
            "ever",
            "either",
            "generally",
            "normally",
        ]
        .contains(&w)
        {
            v.aux.push(w.to_string());
            i += 1;
        } else if (w == "need" || w == "needs" || w == "have" || w == "has")
            && tokens.get(i + 1).is_some_and(|t| t.is("to"))
        {
            v.aux.push(w.to_string());
            i += 2;
        } else {
            break;
        }
    }
    let w = tokens.get(i).map(|t| t.lower.as_str()).unwrap_or("");
    let main = tokens.get(i).is_some_and(|t| t.is_word())
        && (lexicon::contains(lexicon::DEFINITE_VERBS, w) || (verb_form(w) && !closed(w)))
        && !(saw_be && !participle(w) && !lexicon::contains(lexicon::DEFINITE_VERBS, w) && !w.ends_with("ing"));
    if main && !is_be(w) {
        v.word = w.to_string();
        // "a course taught by a professor": a bare participle before "by" is passive too
        v.passive = (saw_be || v.aux.is_empty() && tokens.get(i + 1).is_some_and(|t| t.is("by"))) && participle(w);
        i += 1;
        // "I want to add teachers": the action is the verb after "to"
        if lexicon::lemma(w, &["want", "need", "wish", "like", "plan", "try"]).is_some()
            && tokens.get(i).is_some_and(|t| t.is("to"))
            && tokens
                .get(i + 1)
                .is_some_and(|t| t.is_word() && !closed(&t.lower) && !is_be(&t.lower))
        {
            v.aux.push(w.to_string());
            v.word = tokens[i + 1].lower.clone();
            i += 2;
        }
        // "have" as a full verb followed by "to" was consumed above; "has been" etc.
    } else if saw_be {
        v.word = v.aux.iter().rev().find(|a| is_be(a)).cloned().unwrap_or_default();
        v.copula = true;
    } else if !v.aux.is_empty() {
        // "can" alone: modal without a verb we know; keep the next word as the verb
        if tokens.get(i).is_some_and(|t| t.is_word() && !closed(&t.lower)) {
            v.word = tokens[i].lower.clone();
            i += 1;
        } else {
            return (None, start);
        }
    } else {
        return (None, start);
    }
    // particle ("belongs to", "enroll in", "consist of", "tagged with", "written by")
    // "part of", "made up of", "assigned to"
    if v.copula && tokens.get(i).is_some_and(|t| t.is("part")) && tokens.get(i + 1).is_some_and(|t| t.is("of")) {
        v.word = "part".into();
        v.particle = Some("of".into());
        i += 2;
    } else if tokens.get(i).is_some_and(|t| t.is("up")) && tokens.get(i + 1).is_some_and(|t| t.is("of")) {
        v.particle = Some("of".into());
        i += 2;
    } else if let Some(t) = tokens.get(i) {
        if [
            "to", "in", "of", "with", "by", "into", "on", "for", "under", "from", "within", "across", "between", "per",
        ]
        .contains(&t.lower.as_str())
            // "work at one organization"; not "starts at 9" nor "published at"
            || t.is("at") && !v.copula && !v.passive && lexicon::lemma(&v.word, verbs::MANY_TO_MANY).is_some()
            && !tokens.get(i + 1).is_some_and(|n| n.is("least") || n.is("most"))
        {
            v.particle = Some(t.lower.clone());
            i += 1;
        }
    }
    v.end = i;
    (Some(v), i)
}

mod np;
use np::noun_phrase;
pub use np::paren_items;

#[cfg(test)]
mod tests;
