//! Draft a `.plinth` spec from an English feature description, the way a
//! careful reader would: no language model, deterministic, offline, pure
//! (no IO, no clock, no randomness).
//!
//! ```
//! let d = plinth_prose::draft("Customers place orders. Each order has a total and a paid flag.").unwrap();
//! assert!(d.spec.contains("entity Order"));
//! assert!(plinth_spec::check(&d.spec).spec.is_some());
//! ```
//!
//! The reading happens in rule families, one module each: [`text`]
//! (sentences, bullets, tokens) and [`possessive`] ("X's Y" as "Y of X"),
//! [`grammar`] (noun phrases and verb groups), [`entities`], [`relations`]
//! (clauses and verb patterns), [`events`] (acts named by a verb: "guests
//! book rooms" → Booking), [`phrases`] and [`notes`] (patterns without a
//! verb), [`attributes`] and [`types`], [`settings`], [`constraints`] and
//! [`unique`], [`cleanup`] (the operator business, role compounds, folded
//! compounds), and [`render`] (names, cycles, comments, formatting).

pub mod attributes;
pub mod cleanup;
pub mod constraints;
pub mod entities;
pub mod events;
pub mod grammar;
#[rustfmt::skip]
pub mod lexicon;
pub mod model;
pub mod notes;
pub mod phrases;
pub mod possessive;
pub mod relations;
pub mod render;
pub mod settings;
pub mod text;
pub mod types;
pub mod unique;

use grammar::Chunk;
use model::{pascal, State};
use std::fmt;

/// A drafted spec and the reasoning behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// A complete, canonically formatted `.plinth` text that `plinth_spec::check` accepts.
    pub spec: String,
    /// One per conclusion, citing the sentence it came from (also in `spec` as comments).
    pub inferences: Vec<Inference>,
    /// Where the text is ambiguous (also at the end of `spec`).
    pub questions: Vec<String>,
    /// Entity names in the spec, in order.
    pub entities: Vec<String>,
}

/// One conclusion: "Task -> Project" because of "Projects contain tasks."
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inference {
    /// What was concluded, in spec terms (`Task -> Project`, `Task.due_date date`, `tenant = Workspace`).
    pub subject: String,
    /// Why, when there is more to say than the sentence (`as \`assignees\``, `assumed: ...`).
    pub detail: String,
    /// The sentence it came from; `None` for assumptions.
    pub sentence: Option<String>,
}

impl fmt::Display for Inference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.subject)?;
        if !self.detail.is_empty() {
            write!(f, " — {}", self.detail)?;
        }
        if let Some(s) = &self.sentence {
            write!(f, ": {}", render::quote(s))?;
        }
        Ok(())
    }
}

/// Why nothing could be drafted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftError {
    pub kind: DraftErrorKind,
    pub message: String,
    pub hint: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftErrorKind {
    /// Empty or whitespace-only input.
    Empty,
    /// Text without things to store (one word, a poem, no data nouns).
    NothingUsable,
    /// The drafted spec failed its own check (a bug in the drafter).
    Internal,
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\nhint: {}", self.message, self.hint)
    }
}

impl std::error::Error for DraftError {}

const HINT: &str = "describe what the application stores and how things relate, e.g. \"Users create workspaces. Each workspace has projects. Projects contain tasks with assignees, labels and due dates.\"";

fn nothing_usable(why: &str) -> DraftError {
    DraftError {
        kind: DraftErrorKind::NothingUsable,
        message: format!("nothing usable: {why}"),
        hint: HINT.into(),
    }
}

/// Nouns of everyday applications: a draft needs at least one thing the
/// text clearly stores (or typed attributes and several relations).
const DATA_NOUNS: &[&str] = &[
    "order",
    "product",
    "task",
    "project",
    "invoice",
    "payment",
    "ticket",
    "account",
    "workspace",
    "team",
    "course",
    "lesson",
    "section",
    "module",
    "enrollment",
    "post",
    "comment",
    "article",
    "tag",
    "label",
    "category",
    "item",
    "line_item",
    "order_item",
    "review",
    "rating",
    "booking",
    "reservation",
    "appointment",
    "event",
    "session",
    "message",
    "conversation",
    "channel",
    "thread",
    "document",
    "file",
    "folder",
    "page",
    "note",
    "book",
    "loan",
    "copy",
    "author",
    "vehicle",
    "trip",
    "route",
    "shipment",
    "delivery",
    "warehouse",
    "inventory",
    "stock",
    "supplier",
    "vendor",
    "purchase",
    "cart",
    "address",
    "subscription",
    "plan",
    "invoice",
    "expense",
    "budget",
    "transaction",
    "transfer",
    "entry",
    "ledger",
    "wallet",
    "card",
    "device",
    "sensor",
    "reading",
    "measurement",
    "alert",
    "incident",
    "asset",
    "property",
    "unit",
    "lease",
    "listing",
    "recipe",
    "ingredient",
    "menu",
    "dish",
    "table",
    "room",
    "building",
    "floor",
    "desk",
    "job",
    "application",
    "interview",
    "candidate",
    "shift",
    "schedule",
    "timesheet",
    "quiz",
    "question",
    "answer",
    "assignment",
    "submission",
    "grade",
    "exam",
    "playlist",
    "song",
    "album",
    "track",
    "video",
    "photo",
    "image",
    "gallery",
    "campaign",
    "survey",
    "response",
    "form",
    "field",
    "contract",
    "claim",
    "policy",
    "prescription",
    "medication",
    "visit",
    "diagnosis",
    "treatment",
    "pet",
    "animal",
    "game",
    "match",
    "tournament",
    "score",
    "season",
    "milestone",
    "sprint",
    "epic",
    "issue",
    "release",
    "repository",
    "commit",
    "branch",
    "deployment",
    "server",
    "service",
    "log",
    "metric",
    "report",
    "dashboard",
    "order_line",
    "coupon",
    "discount",
    "cart_item",
    "wishlist",
    "store",
    "shop",
    "restaurant",
    "company",
    "organization",
    "organisation",
    "department",
    "employee",
    "customer",
    "client",
    "contact",
    "lead",
    "deal",
    "opportunity",
    "quote",
    "estimate",
    "proposal",
    "membership",
    "group",
    "club",
    "class",
    "workout",
    "exercise",
    "goal",
    "habit",
    "tracker",
    "record",
    "bill",
    "receipt",
    "donation",
    "fund",
    "grant",
    "volunteer",
    "donor",
    "venue",
    "ticket_type",
    "seat",
    "flight",
    "hotel",
    "stay",
    "guest",
    "package",
    "parcel",
    "order_status",
    "course_section",
    "chapter",
    "story",
    "episode",
    "podcast",
    "newsletter",
    "notification",
    "reminder",
    "calendar",
    "list",
    "board",
    "card",
    "column",
    "sticker",
    "badge",
    "achievement",
    "level",
    "skill",
    "certificate",
    "license",
];

/// A noun of everyday applications ([`DATA_NOUNS`]).
pub fn is_data_noun(key: &str) -> bool {
    let last = key.rsplit('_').next().unwrap_or(key);
    DATA_NOUNS.contains(&key) || DATA_NOUNS.contains(&last)
}

/// Drafts a spec from `text`.
pub fn draft(text: &str) -> Result<Draft, DraftError> {
    if text.trim().is_empty() {
        return Err(DraftError {
            kind: DraftErrorKind::Empty,
            message: "nothing usable: the description is empty".into(),
            hint: HINT.into(),
        });
    }
    let sents = text::sentences(text);
    let chunks: Vec<Vec<Chunk>> = sents.iter().map(|s| grammar::chunk(&s.tokens)).collect();
    let known = relations::known_entities(&chunks);
    let mut st = State {
        sentences: sents.iter().map(|s| s.text.clone()).collect(),
        ..State::default()
    };
    let mut pending = Vec::new();
    let mut sensitive = Vec::new();
    let mut last_subject: Option<String> = None;
    for (i, s) in sents.iter().enumerate() {
        let words: Vec<&str> = s.tokens.iter().map(|t| t.lower.as_str()).collect();
        let ctx = relations::Ctx {
            known: &known,
            sentence: i,
        };
        let (things, attrs) = mentions(&ctx, &chunks[i]);
        let named: Vec<String> = things
            .iter()
            .filter(|k| known.contains(*k) || st.entity(k).is_some() || entities::is_organisation(k))
            .cloned()
            .collect();
        settings::detect(&mut st, i, &words, &named);
        relations::extract(&mut st, &ctx, &chunks[i]);
        phrases::markers(&mut st, &ctx, &chunks[i], &words);
        let toks = text::rewrite(&s.tokens);
        attributes_from_lists(&mut st, &ctx, &chunks[i], &toks, &mut last_subject);
        unique::relative_unique(&mut st, &ctx, &chunks[i]);
        if st
            .notes
            .iter()
            .any(|n| n.subject == "?sensitive" && n.sentence == Some(i))
        {
            sensitive.push(i);
        }
        pending.push(constraints::Pending {
            sentence: i,
            words: words.iter().map(|w| w.to_string()).collect(),
            things,
            attrs,
        });
    }
    st.notes.retain(|n| n.subject != "?sensitive");
    let pairs = st.pair_rows.clone();
    st.rels.retain(|r| !pairs.contains(&(r.from.clone(), r.to.clone())));
    for (from, to, s) in st.aliases.clone() {
        if st.entity(&from).is_some() && st.resolve(&to) != from {
            st.add_entity(&to, s);
            st.entity_mut(&from).unwrap().merged_into = Some(to.clone());
            st.note(
                pascal(&to),
                Some(s),
                format!("{} are {} rows", entities::plural_words(&from), pascal(&to)),
            );
        }
    }
    cleanup::drop_operators(&mut st, &cleanup::operators(&chunks));
    entities::fold_compounds(&mut st);
    entities::merge_people(&mut st);
    resolve_rels(&mut st);
    phrases::association_entities(&mut st);
    prune(&mut st);
    settings::apply_tenancy(&mut st);
    settings::versioned_everywhere(&mut st);
    for i in sensitive {
        let ctx = relations::Ctx {
            known: &known,
            sentence: i,
        };
        let (things, _) = mentions(&ctx, &chunks[i]);
        let things: Vec<String> = things.iter().map(|t| st.resolve(t)).collect();
        let nps: Vec<grammar::Np> = chunks[i].iter().filter_map(Chunk::np).cloned().collect();
        settings::sensitive_fields(&mut st, i, &nps, &things);
    }
    entities::finish(&mut st);
    for p in &pending {
        constraints::apply(&mut st, p);
    }
    relations::ask_shared(&mut st);
    render::finalize(&mut st);
    usable(&st, is_verse(text))?;
    let lines = render::lines(&st);
    let text = render::spec_text(&st, &lines);
    let checked = plinth_spec::check(&text);
    let Some(spec) = checked.spec else {
        return Err(DraftError {
            kind: DraftErrorKind::Internal,
            message: format!(
                "the drafted spec does not pass its own check (a bug in plinth draft):\n{}",
                plinth_spec::render(&checked.diagnostics, "draft.plinth", &text, false)
            ),
            hint: "please report this with the description that caused it".into(),
        });
    };
    let spec_text = plinth_spec::format(&spec.file);
    let mut entity_names: Vec<(usize, String)> = st
        .entities
        .iter()
        .filter(|e| e.merged_into.is_none())
        .map(|e| (e.first, pascal(&e.key)))
        .collect();
    entity_names.sort_by_key(|(f, _)| *f);
    Ok(Draft {
        spec: spec_text,
        inferences: lines
            .iter()
            .map(|l| Inference {
                subject: l.subject.clone(),
                detail: l.detail.clone(),
                sentence: l.sentence.map(|s| st.sentences[s].clone()),
            })
            .collect(),
        questions: st.questions.clone(),
        entities: entity_names.into_iter().map(|(_, n)| n).collect(),
    })
}

/// Entities and attribute names a sentence mentions (for settings and constraints).
fn mentions(ctx: &relations::Ctx, chunks: &[Chunk]) -> (Vec<String>, Vec<String>) {
    let mut things = Vec::new();
    let mut attrs = Vec::new();
    for np in chunks.iter().filter_map(Chunk::np) {
        if let Some(k) = ctx.thing_pub(np) {
            things.push(k);
            continue;
        }
        let words: Vec<&str> = np.words.iter().map(String::as_str).collect();
        // "project keys": an attribute of a named entity
        if words.len() > 1 {
            let first = model::singular(words[0]);
            if ctx.known.contains(&first) {
                things.push(first);
                if let Some(n) = attributes::field_name(&words[1..]) {
                    attrs.push(n);
                }
                continue;
            }
        }
        if let Some(n) = attributes::field_name(&words) {
            attrs.push(n);
        }
    }
    (things, attrs)
}

/// "The status is either draft or published", "task priority can be low,
/// medium or high": an enumeration on the entity the sentence is about.
fn attributes_from_lists(
    st: &mut State,
    ctx: &relations::Ctx,
    chunks: &[Chunk],
    tokens: &[text::Token],
    last_subject: &mut Option<String>,
) {
    let subject = relations::clauses(chunks)
        .first()
        .and_then(|c| c.subjects.first().and_then(|n| ctx.thing_pub(n)));
    let is_be = |c: Option<&Chunk>| c.is_some_and(|c| c.verb().is_some_and(|v| v.copula || v.word == "be"));
    for (i, c) in chunks.iter().enumerate() {
        let Some(np) = c.np() else { continue };
        // "the status of a claim is either pending, approved or rejected"
        let of_owner = match (chunks.get(i + 1), chunks.get(i + 2)) {
            (Some(Chunk::Prep(p)), Some(Chunk::Np(o))) if p == "of" && is_be(chunks.get(i + 3)) => {
                ctx.thing_pub(o).map(|k| (k, o.end))
            }
            _ => None,
        };
        // "a status that is either open or closed"
        let relative_be = matches!(chunks.get(i + 1), Some(Chunk::Other(o)) if o == "that" || o == "which")
            && is_be(chunks.get(i + 2))
            || matches!(chunks.get(i + 1), Some(Chunk::Colon));
        if of_owner.is_none() && (ctx.thing_pub(np).is_some() || !(is_be(chunks.get(i + 1)) || relative_be)) {
            continue;
        }
        let from = of_owner.as_ref().map_or(np.end, |(_, e)| *e);
        let Some((values, _)) = attributes::listed_values(tokens, from) else {
            continue;
        };
        let words: Vec<&str> = np.words.iter().map(String::as_str).collect();
        // the listed values and the attribute are not things
        let mut not_things: Vec<String> = values.clone();
        not_things.extend(entities::entity_key(np));
        st.rels
            .retain(|r| r.sentence != ctx.sentence || !(not_things.contains(&r.from) || not_things.contains(&r.to)));
        let (owner, name_words) = if let Some((o, _)) = &of_owner {
            (Some(o.clone()), &words[..])
        } else if words.len() > 1 && ctx.known.contains(&model::singular(words[0])) {
            (Some(model::singular(words[0])), &words[1..])
        } else {
            (subject.clone().or(last_subject.clone()), &words[..])
        };
        let (Some(owner), Some(name)) = (owner, attributes::field_name(name_words)) else {
            continue;
        };
        st.add_entity(&owner, ctx.sentence);
        if let Some(e) = st.entity_mut(&owner) {
            e.attrs.retain(|a| a.name != name);
        }
        st.add_attr(
            &owner,
            model::Attr {
                name,
                ty: model::Ty::Enum(values.clone()),
                nullable: false,
                unique: false,
                check: None,
                comment: None,
                default: Some(values[0].clone()),
                sentence: ctx.sentence,
                why: "one of the listed values".into(),
            },
        );
    }
    if subject.is_some() {
        *last_subject = subject;
    }
}

fn resolve_rels(st: &mut State) {
    let mut rels = std::mem::take(&mut st.rels);
    for r in &mut rels {
        let from = st.resolve(&r.from);
        if from != r.from {
            r.role = Some(r.from.clone());
        }
        r.from = from;
        r.to = st.resolve(&r.to);
    }
    for r in rels {
        st.add_rel(r);
    }
}

/// Entities the text only mentions in passing (no attribute, no relation).
fn prune(st: &mut State) {
    let tenant = st.flags.tenant.as_ref().map(|(t, _)| st.resolve(t));
    let linked: Vec<String> = st.rels.iter().flat_map(|r| [r.from.clone(), r.to.clone()]).collect();
    for e in st.entities.iter_mut() {
        if e.merged_into.is_none()
            && e.attrs.is_empty()
            && !linked.contains(&e.key)
            && tenant.as_deref() != Some(e.key.as_str())
            && !e.append_only
            && !e.versioned
        {
            e.merged_into = Some(String::new());
        }
    }
    st.entities.retain(|e| e.merged_into.as_deref() != Some(""));
}

/// Short lines without sentence punctuation, no bullets: a poem or a list of words.
fn is_verse(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() < 3 {
        return false;
    }
    let bulleted = lines
        .iter()
        .filter(|l| l.starts_with(['-', '*', '•', '#']) || l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .count();
    let short_open = lines
        .iter()
        .filter(|l| l.split_whitespace().count() <= 10 && !l.ends_with(['.', ':', '?', '!']))
        .count();
    bulleted == 0 && short_open * 10 >= lines.len() * 6
}

fn usable(st: &State, verse: bool) -> Result<(), DraftError> {
    let live: Vec<&model::Entity> = st.entities.iter().filter(|e| e.merged_into.is_none()).collect();
    if live.is_empty() {
        return Err(nothing_usable(
            "no things to store were found (no entity with attributes or relations)",
        ));
    }
    let from_text = |e: &model::Entity| {
        e.attrs.iter().any(|a| !a.why.starts_with("assumed"))
            || st.rels.iter().any(|r| r.from == e.key || r.to == e.key)
    };
    if !live.iter().any(|e| from_text(e)) {
        return Err(nothing_usable(
            "the text names things but says nothing about what they hold or how they relate",
        ));
    }
    let data_noun = live.iter().any(|e| {
        let last = e.key.rsplit('_').next().unwrap_or(&e.key);
        (DATA_NOUNS.contains(&e.key.as_str()) || DATA_NOUNS.contains(&last) || entities::is_organisation(&e.key))
            && from_text(e)
    });
    let typed = live
        .iter()
        .flat_map(|e| &e.attrs)
        .filter(|a| a.ty != model::Ty::Text && !a.why.starts_with("assumed"))
        .count();
    if verse && typed == 0 {
        return Err(nothing_usable(
            "this reads like verse, not a description of data (short unpunctuated lines, no typed attributes)",
        ));
    }
    let structured = st.rels.len() >= 2 && typed >= 1;
    if !data_noun && !structured {
        return Err(nothing_usable(
            "no data nouns (orders, users, tasks, ...) and too little structure to guess a schema",
        ));
    }
    Ok(())
}
