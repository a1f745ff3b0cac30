//! What the reader has found so far: candidate entities, attributes,
//! relations, settings, constraints, inferences and open questions. The
//! rule families write here; [`crate::render`] turns it into a spec.

use plinth_model::naming::singularize;

/// A logical type for a drafted attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    Text,
    String(u32),
    Int,
    SmallInt,
    BigInt,
    Decimal(u32, u32),
    Money,
    Percent,
    Bool,
    Date,
    Time,
    Timestamp,
    Duration,
    Json,
    Email,
    Url,
    Slug,
    Enum(Vec<String>),
}

impl Ty {
    pub fn spec(&self) -> String {
        match self {
            Ty::Text => "text".into(),
            Ty::String(n) => format!("string({n})"),
            Ty::Int => "int".into(),
            Ty::SmallInt => "smallint".into(),
            Ty::BigInt => "bigint".into(),
            Ty::Decimal(p, s) => format!("decimal({p}, {s})"),
            Ty::Money => "money".into(),
            Ty::Percent => "percent".into(),
            Ty::Bool => "bool".into(),
            Ty::Date => "date".into(),
            Ty::Time => "time".into(),
            Ty::Timestamp => "timestamp".into(),
            Ty::Duration => "duration".into(),
            Ty::Json => "json".into(),
            Ty::Email => "email".into(),
            Ty::Url => "url".into(),
            Ty::Slug => "slug".into(),
            Ty::Enum(v) => format!("enum({})", v.join(", ")),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Attr {
    pub name: String,
    pub ty: Ty,
    pub nullable: bool,
    pub unique: bool,
    pub check: Option<String>,
    pub comment: Option<String>,
    pub default: Option<String>,
    pub sentence: usize,
    /// Why this type (cited in the inference line).
    pub why: String,
}

#[derive(Debug, Clone, Default)]
pub struct Entity {
    /// Singular snake_case key, e.g. `line_item`.
    pub key: String,
    /// A person (actor) noun.
    pub person: bool,
    /// A role of a person in the system (assignee, author, member).
    pub role: bool,
    /// Merged into another entity (people into `user`).
    pub merged_into: Option<String>,
    pub first: usize,
    pub sentence: Option<usize>,
    pub attrs: Vec<Attr>,
    pub global: bool,
    pub versioned: bool,
    pub append_only: bool,
    pub comments: Vec<String>,
    pub entity_comment: Option<String>,
    pub volume: Option<String>,
    /// Added by the reader (memberships), not named by the text.
    pub synthetic: bool,
    pub uniques: Vec<(Vec<String>, usize)>,
    pub checks: Vec<(String, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelKind {
    /// `field -> Target`; `optional` makes it `?`, `unique` one-to-one.
    One { optional: bool, unique: bool },
    /// `field <-> Target`
    Many,
}

#[derive(Debug, Clone)]
pub struct Rel {
    pub from: String,
    pub to: String,
    /// Field name as the text names the role (singular for `->`, plural for `<->`).
    pub field: String,
    pub kind: RelKind,
    pub sentence: usize,
    pub map: Option<String>,
    pub on_delete_cascade: bool,
    /// The verb behind a many-to-many ("enroll"), to find its association entity ("enrollment").
    pub via: Option<String>,
    /// The name `from` had before people were merged ("attendee" for `user`).
    pub role: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub tenant: Option<(String, usize)>,
    pub tenant_wanted: Option<usize>,
    pub audit: Option<usize>,
    pub soft_delete: Option<usize>,
}

/// One line of reasoning: what was concluded, from which sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub subject: String,
    pub sentence: Option<usize>,
    pub what: String,
}

#[derive(Debug, Default)]
pub struct State {
    pub sentences: Vec<String>,
    pub entities: Vec<Entity>,
    pub rels: Vec<Rel>,
    pub flags: Flags,
    pub notes: Vec<Note>,
    pub questions: Vec<String>,
    pub login_sentence: Option<usize>,
    /// Singular words of the sentences that say people sign in ("agents and customers log in").
    pub login_words: Vec<String>,
    pub login_explicit: Option<usize>,
    /// "X is also a Y": X names the same entity as Y.
    pub aliases: Vec<(String, String, usize)>,
    /// `(x, y)` pairs that have a row of their own ("for each ingredient in a
    /// recipe ..."): a plain `x -> y` is then dropped.
    pub pair_rows: Vec<(String, String)>,
}

/// Adjectives and fillers dropped from the front of an entity noun phrase.
const DROP_MODIFIERS: &[&str] = &[
    "new",
    "old",
    "open",
    "closed",
    "active",
    "inactive",
    "other",
    "own",
    "different",
    "same",
    "individual",
    "specific",
    "existing",
    "current",
    "previous",
    "next",
    "main",
    "related",
    "optional",
    "required",
    "public",
    "private",
    "personal",
    "separate",
    "given",
    "particular",
    "whole",
    "entire",
    "recurring",
    "reversing",
    "pending",
    "outstanding",
    "various",
    "single",
    "registered",
    "past",
    "upcoming",
    "future",
    "multiple",
    "several",
    "many",
    "more",
    "additional",
    "extra",
    "possible",
    "certain",
    "actual",
    "real",
    "relevant",
    "corresponding",
    "respective",
    "any",
    "every",
    "each",
    "all",
    "both",
    "just",
    "only",
    "also",
    "first",
    "last",
    "latest",
    "recent",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "unique",
    "simple",
    "basic",
    "custom",
    "own",
    "free",
    "paid",
    "online",
    "offline",
    "shared",
    "nested",
    "ordered",
    "sub",
    "top",
    "sorted",
    "important",
    "internal",
    "external",
    "physical",
    "digital",
    "local",
    "few",
    "our",
    "my",
];

/// Singular snake key of a noun phrase's words (last two words at most,
/// leading adjectives dropped): "open support tickets" → `support_ticket`.
pub fn noun_key(words: &[String]) -> Option<String> {
    let mut ws: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| w.chars().any(|c| c.is_alphabetic()))
        .collect();
    while ws.len() > 1 && DROP_MODIFIERS.contains(&ws[0]) {
        ws.remove(0);
    }
    // "every part used", "the volunteers needed": a trailing participle does not name the thing
    while ws.len() > 1
        && ws.last().is_some_and(|w| {
            w.len() > 4 && w.ends_with("ed") && !["need", "feed", "seed", "speed", "breed"].contains(w)
                || ["paid", "sold", "built", "made", "held", "kept", "sent"].contains(w)
        })
    {
        ws.pop();
    }
    if ws.len() == 1 && DROP_MODIFIERS.contains(&ws[0]) && !["order", "item"].contains(&ws[0]) {
        // "the active ones": nothing left
    }
    // "proof of delivery": the head comes before "of"
    if let Some(of) = ws.iter().position(|w| *w == "of").filter(|&p| p > 0) {
        ws.truncate(of);
    }
    if ws.len() > 2 {
        ws = ws[ws.len() - 2..].to_vec();
    }
    let joined = ws.join("_");
    let snake = name_of(&joined)?;
    Some(singular(&snake))
}

/// An ASCII identifier part from a word: accents already folded, other
/// non-ASCII letters dropped, `-` and spaces to `_`.
pub fn name_of(s: &str) -> Option<String> {
    let s = s.replace("e-mail", "email");
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c == '_' || c == '-' || c == ' ' || c == '/') && !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let out = out.trim_matches('_').to_string();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(out)
}

/// Singular of a snake name (`line_items` → `line_item`), keeping words
/// that only look plural.
pub fn singular(snake: &str) -> String {
    let last = snake.rsplit('_').next().unwrap_or(snake);
    if crate::grammar::is_plural(last) || ["people", "children", "criteria"].contains(&last) {
        singularize(snake)
    } else {
        snake.to_string()
    }
}

pub fn pascal(snake: &str) -> String {
    snake
        .split('_')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

impl State {
    pub fn entity(&self, key: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.key == key)
    }
    pub fn entity_mut(&mut self, key: &str) -> Option<&mut Entity> {
        self.entities.iter_mut().find(|e| e.key == key)
    }

    /// The entity a key resolves to after merges (people into `user`).
    pub fn resolve(&self, key: &str) -> String {
        let mut k = key.to_string();
        for _ in 0..4 {
            match self.entity(&k).and_then(|e| e.merged_into.clone()) {
                Some(m) => k = m,
                None => break,
            }
        }
        k
    }

    /// Adds an entity (or counts a mention of a known one).
    pub fn add_entity(&mut self, key: &str, sentence: usize) -> &mut Entity {
        if let Some(i) = self.entities.iter().position(|e| e.key == key) {
            return &mut self.entities[i];
        }
        let person = crate::entities::is_person(key);
        let role = person && crate::entities::is_role(key);
        self.entities.push(Entity {
            key: key.to_string(),
            person,
            role,
            first: sentence,
            sentence: Some(sentence),
            ..Entity::default()
        });
        let n = self.entities.len() - 1;
        &mut self.entities[n]
    }

    pub fn note(&mut self, subject: impl Into<String>, sentence: Option<usize>, what: impl Into<String>) {
        let n = Note {
            subject: subject.into(),
            sentence,
            what: what.into(),
        };
        if !self.notes.contains(&n) {
            self.notes.push(n);
        }
    }

    pub fn ask(&mut self, q: impl Into<String>) {
        let q = q.into();
        if !self.questions.contains(&q) {
            self.questions.push(q);
        }
    }

    pub fn add_attr(&mut self, entity: &str, attr: Attr) {
        let Some(e) = self.entity_mut(entity) else { return };
        if let Some(existing) = e.attrs.iter_mut().find(|a| a.name == attr.name) {
            // a later, more specific statement refines the type
            if existing.ty == Ty::Text && attr.ty != Ty::Text {
                existing.ty = attr.ty;
                existing.why = attr.why;
            }
            existing.unique |= attr.unique;
            if existing.check.is_none() {
                existing.check = attr.check;
            }
            if existing.comment.is_none() {
                existing.comment = attr.comment;
            }
            return;
        }
        e.attrs.push(attr);
    }

    pub fn add_rel(&mut self, rel: Rel) {
        if rel.from == rel.to && !matches!(rel.kind, RelKind::Many) && rel.field == rel.to {
            return;
        }
        // one relation per pair and field; a many-to-many statement wins over a plain reference
        if let Some(r) = self.rels.iter_mut().find(|r| {
            (r.from == rel.from
                && r.to == rel.to
                && (r.field == rel.field
                    || r.kind == rel.kind
                        && (matches!(rel.kind, RelKind::Many) || r.field == r.to || rel.field == rel.to)))
                || (r.from == rel.to && r.to == rel.from && r.kind == RelKind::Many && rel.kind == RelKind::Many)
        }) {
            if rel.kind == RelKind::Many && r.kind != RelKind::Many && r.from == rel.from {
                *r = rel;
            }
            return;
        }
        // the opposite direction of an existing one-to-many is the same fact
        if self.rels.iter().any(|r| {
            r.from == rel.to
                && r.to == rel.from
                && rel.from != rel.to
                && !matches!(r.kind, RelKind::Many)
                && !matches!(rel.kind, RelKind::Many)
        }) {
            return;
        }
        self.rels.push(rel);
    }
}

/// Plural noun by inflection (with the words the inflector gets wrong).
pub fn is_plural(w: &str) -> bool {
    const SINGULAR_S: &[&str] = &[
        "status",
        "address",
        "business",
        "class",
        "process",
        "access",
        "campus",
        "bonus",
        "virus",
        "alias",
        "axis",
        "analysis",
        "thesis",
        "diagnosis",
        "basis",
        "gas",
        "bus",
        "lens",
        "news",
        "series",
        "species",
        "sms",
        "canvas",
        "atlas",
        "census",
        "corpus",
        "apparatus",
        "status",
        "glass",
        "pass",
        "boss",
        "loss",
        "mass",
        "chess",
        "dress",
        "press",
        "progress",
        "success",
        "witness",
        "fitness",
        "wellness",
        "express",
        "this",
        "its",
        "his",
        "yes",
        "various",
        "previous",
        "famous",
        "numerous",
        "plus",
        "minus",
        "us",
        "is",
        "was",
        "has",
        "does",
        "gps",
        "dns",
        "os",
        "ios",
        "aws",
        "mls",
        "rss",
        "css",
        "cms",
        "crm",
        "sas",
        "less",
        "kudos",
        "physics",
        "mathematics",
        "economics",
        "analytics",
        "settings",
        "metadata",
        "data",
        "media",
        "staff",
        "feedback",
        "information",
    ];
    if [
        "people", "children", "data", "media", "criteria", "staff", "men", "women", "mice", "geese", "teeth", "feet",
    ]
    .contains(&w)
    {
        return w != "data" && w != "media" && w != "staff";
    }
    if [
        "menus", "gurus", "emus", "haikus", "tofus", "bonuses", "campuses", "statuses", "viruses",
    ]
    .contains(&w)
    {
        return true;
    }
    if !w.ends_with('s') || w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || w.len() < 3 {
        return false;
    }
    if SINGULAR_S.contains(&w) {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn noun_keys_are_singular_snake_and_short() {
        assert_eq!(noun_key(&w("open support tickets")).unwrap(), "support_ticket");
        assert_eq!(noun_key(&w("line items")).unwrap(), "line_item");
        assert_eq!(noun_key(&w("categories")).unwrap(), "category");
        assert_eq!(noun_key(&w("people")).unwrap(), "person");
        assert_eq!(noun_key(&w("status")).unwrap(), "status");
        assert_eq!(noun_key(&w("cafe menus")).unwrap(), "cafe_menu");
        assert_eq!(noun_key(&w("e-mail addresses")).unwrap(), "email_address");
        assert!(noun_key(&w("日本")).is_none());
        assert_eq!(pascal("line_item"), "LineItem");
    }
}
