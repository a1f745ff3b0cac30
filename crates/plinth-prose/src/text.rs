//! Text to sentences to tokens: normalisation (quotes, dashes, accents),
//! paragraph and bullet handling, sentence splitting and a small tokenizer.

/// One sentence (or bullet) of the description.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// The text as the reader wrote it (whitespace collapsed), for citations.
    pub text: String,
    /// The text the rules read: a bullet under a heading is read together
    /// with its heading ("Each order has:" + "- a total" → "Each order has a total").
    pub reading: String,
    pub tokens: Vec<Token>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    Word,
    Number,
    Punct(char),
}

#[derive(Debug, Clone)]
pub struct Token {
    /// ASCII-folded lower case (`Café` → `cafe`); punctuation as itself.
    pub lower: String,
    pub kind: Tok,
    /// Written with a possessive `'s` ("member's"), which is dropped from `lower`.
    pub possessive: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == Tok::Word
    }
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Tok::Punct(c)
    }
}

/// Folds common Latin letters with diacritics to ASCII; other characters are
/// kept (they never become part of a name: see [`crate::naming`]).
pub fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' => "E",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'İ' => "I",
        'ł' | 'ľ' => "l",
        'Ł' => "L",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "O",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'Ś' | 'Š' | 'Ş' => "S",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' => "U",
        'ý' | 'ÿ' => "y",
        'ž' | 'ź' | 'ż' => "z",
        'Ž' | 'Ź' | 'Ż' => "Z",
        _ => return None,
    })
}

/// Typographic punctuation to ASCII, so the rules see one spelling.
fn normalise(text: &str) -> String {
    let text = text.replace("->", " → ").replace("=>", " → ");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => out.push('"'),
            '\u{2013}' | '\u{2212}' => out.push('-'),
            '\u{2192}' | '\u{21D2}' | '\u{27F6}' | '\u{2794}' => out.push_str(" → "),
            '\u{2014}' | '\u{2015}' => out.push_str(" - "),
            '\u{2026}' => out.push_str("..."),
            '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\t' => out.push(' '),
            '\r' => {}
            '\u{FEFF}' => {}
            _ => out.push(c),
        }
    }
    out
}

/// A bullet marker at the start of a (trimmed) line: `- `, `* `, `• `, `+ `,
/// `1. `, `2) `, `a) `. Returns the text after it.
fn strip_bullet(line: &str) -> Option<&str> {
    for m in ["- ", "* ", "• ", "+ ", "· ", "‣ ", "◦ "] {
        if let Some(rest) = line.strip_prefix(m) {
            return Some(rest.trim_start());
        }
    }
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(r.trim_start());
        }
    }
    None
}

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "approx", "mr", "mrs", "ms", "dr", "no", "incl", "esp", "cf", "min", "max", "st",
];

/// Splits a paragraph at `.`, `!`, `?` and `;` followed by a space (or the
/// end), except after abbreviations and inside numbers.
fn split_sentences(par: &str, out: &mut Vec<String>) {
    let chars: Vec<(usize, char)> = par.char_indices().collect();
    let mut start = 0;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | ';') {
            continue;
        }
        let next = chars.get(k + 1).map(|&(_, n)| n);
        if next.is_some_and(|n| !n.is_whitespace() && n != '"' && n != ')') {
            continue;
        }
        if c == '.' {
            let before = &par[start..i];
            let word: String = before
                .chars()
                .rev()
                .take_while(|ch| ch.is_alphanumeric() || *ch == '.')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if ABBREVIATIONS.contains(&word.to_lowercase().as_str()) {
                continue;
            }
        }
        let s = par[start..=i].trim();
        if !s.is_empty() {
            out.push(s.to_string());
        }
        start = i + c.len_utf8();
    }
    let s = par[start..].trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sentences of a description: paragraphs (lines joined until a blank line
/// or a bullet) split into sentences; each bullet is a sentence, read with
/// the heading line above it when that heading ends with `:`.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let text = normalise(text);
    let mut out: Vec<Sentence> = Vec::new();
    let mut paragraph = String::new();
    let mut heading: Option<String> = None;
    // "- Vehicle" with deeper bullets under it: (indent, noun)
    let mut bullet_head: Option<(usize, String)> = None;
    let mut last_line = String::new();
    let short_noun = |l: &str| {
        let l = l.trim_end_matches(':').trim();
        !l.is_empty()
            && l.split_whitespace().count() <= 3
            && !l.ends_with(['.', '!', '?', ';', ','])
            && l.chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '_')
    };
    let flush = |paragraph: &mut String, out: &mut Vec<Sentence>, heading: &mut Option<String>| {
        if paragraph.trim().is_empty() {
            paragraph.clear();
            return;
        }
        let mut parts = Vec::new();
        split_sentences(&collapse_ws(paragraph), &mut parts);
        for p in parts {
            push(out, &p, &p);
        }
        *heading = out
            .last()
            .filter(|s| s.text.ends_with(':'))
            .map(|s| s.text.trim_end_matches(':').trim().to_string());
        paragraph.clear();
    };
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            flush(&mut paragraph, &mut out, &mut heading);
            continue;
        }
        if let Some(item) = strip_bullet(line) {
            // "Warehouse" on its own line above bullets: a heading without a colon
            let lone = (short_noun(&last_line)
                && paragraph
                    .trim()
                    .strip_suffix(last_line.as_str())
                    .is_some_and(|b| b.trim().is_empty() || b.trim_end().ends_with(['.', '!', '?', ';'])))
            .then(|| last_line.trim().trim_end_matches(':').to_string())
            // "habit tracker" above bullets is a title; "Warehouse" or "Order items" a heading
            .filter(|h| {
                let words: Vec<&str> = h.split_whitespace().collect();
                words.len() == 1
                    || words.last().is_some_and(|w| crate::model::is_plural(&w.to_lowercase()))
                    || h.ends_with(':')
            });
            flush(&mut paragraph, &mut out, &mut heading);
            if let Some(h) = lone {
                heading = Some(h);
            }
            let indent = raw.len() - raw.trim_start().len();
            let item = collapse_ws(item);
            let nested = bullet_head
                .as_ref()
                .filter(|(i, _)| indent > *i)
                .map(|(_, h)| h.clone());
            if nested.is_none() {
                bullet_head = short_noun(&item).then(|| (indent, item.trim_end_matches(':').trim().to_string()));
            }
            let mut parts = Vec::new();
            split_sentences(&item, &mut parts);
            for (k, p) in parts.iter().enumerate() {
                let reading = match (&nested, &heading, k) {
                    (Some(h), _, 0) => join_heading(h, p),
                    (None, Some(h), 0) => join_heading(h, p),
                    _ => p.clone(),
                };
                push(&mut out, p, &reading);
            }
            continue;
        }
        bullet_head = None;
        // A markdown heading or a line ending with ':' stands alone.
        if line.starts_with('#') {
            flush(&mut paragraph, &mut out, &mut heading);
            let h = line.trim_start_matches('#').trim().trim_end_matches(':').to_string();
            if !h.is_empty() {
                push(&mut out, &h, &h);
                heading = Some(h);
            }
            continue;
        }
        if line.ends_with(':') {
            flush(&mut paragraph, &mut out, &mut heading);
            paragraph.push_str(line);
            flush(&mut paragraph, &mut out, &mut heading);
            continue;
        }
        // "owners: name, email, phone": a line that lists a thing's fields stands alone
        let thing_line = line.find(':').is_some_and(|c| {
            c > 0
                && c + 1 < line.len()
                && line[..c].split_whitespace().count() <= 3
                && line[..c]
                    .chars()
                    .all(|ch| ch.is_alphanumeric() || ch == ' ' || ch == '-' || ch == '_')
                && line[c + 1..].contains(',')
        });
        if thing_line {
            flush(&mut paragraph, &mut out, &mut heading);
            paragraph.push_str(line);
            flush(&mut paragraph, &mut out, &mut heading);
            last_line = line.to_string();
            continue;
        }
        // Terse notes: a line without closing punctuation followed by one that
        // starts with a capital ("Vehicle: plate, make" / "Driver: name") is a sentence.
        let open_end = !paragraph.trim_end().ends_with(['.', '!', '?', ';', ',', ':', '-', '(']);
        // short unpunctuated lines are notes, one per line, whatever their case
        let short_note = last_line.len() < 50 && paragraph.trim_end().ends_with(last_line.trim_end());
        if !paragraph.is_empty() && open_end && (line.chars().next().is_some_and(char::is_uppercase) || short_note) {
            paragraph.push('.');
            flush(&mut paragraph, &mut out, &mut heading);
        }
        if !paragraph.is_empty() {
            paragraph.push(' ');
        } else {
            heading = None;
        }
        paragraph.push_str(line);
        last_line = line.to_string();
    }
    flush(&mut paragraph, &mut out, &mut heading);
    out
}

/// How a bullet reads with its heading: "Each order has" + "a total" →
/// "Each order has a total"; "Products" + "name, price" → "Products: name, price".
/// A bullet that is a sentence of its own (it has a verb) under a generic
/// heading is left to [`crate::grammar`] to judge; here the heading is
/// prefixed and the reader decides which part carries the subject.
fn join_heading(heading: &str, item: &str) -> String {
    // "- each check-in: habit, date" names its own subject
    if item.contains(':') {
        return item.to_string();
    }
    format!("{heading}: {item}")
}

fn push(out: &mut Vec<Sentence>, text: &str, reading: &str) {
    let tokens = tokenize(reading);
    if tokens.is_empty() {
        return;
    }
    out.push(Sentence {
        text: text.to_string(),
        reading: reading.to_string(),
        tokens,
    });
}

/// Words (letters, digits, `_`, inner `'` and `-`), numbers and punctuation.
/// Possessive `'s` is dropped; letters are folded to ASCII lower case.
pub fn tokenize(s: &str) -> Vec<Token> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() {
                let ch = chars[i];
                let inner = (ch == '\'' || ch == '-' || ch == '.')
                    && i + 1 < chars.len()
                    && chars[i + 1].is_alphanumeric()
                    && i > start;
                // a '.' only joins digits (1.5) ; '-' and '\'' join letters
                let inner = inner && (ch != '.' || (chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit()));
                if ch.is_alphanumeric() || ch == '_' || inner {
                    i += 1;
                } else {
                    break;
                }
            }
            let raw: String = chars[start..i].iter().collect();
            let mut lower = String::with_capacity(raw.len());
            for ch in raw.chars() {
                match fold_char(ch) {
                    Some(f) => lower.push_str(&f.to_lowercase()),
                    None => lower.extend(ch.to_lowercase()),
                }
            }
            // possessives: customer's → customer, users' handled below
            let possessive = lower.ends_with("'s");
            if let Some(stem) = lower.strip_suffix("'s") {
                lower = stem.to_string();
            }
            let lower = lower.trim_matches('\'').to_string();
            // contractions: we're → we are, can't → can not, they'll → they will
            let split = [
                ("n't", "not"),
                ("'re", "are"),
                ("'ve", "have"),
                ("'ll", "will"),
                ("'d", "would"),
                ("'m", "am"),
            ]
            .iter()
            .find_map(|(suf, full)| lower.strip_suffix(suf).map(|stem| (stem.to_string(), *full)));
            if let Some((stem, full)) = split {
                let stem = match stem.as_str() {
                    "ca" => "can".to_string(),
                    "wo" => "will".to_string(),
                    _ => stem,
                };
                if !stem.is_empty() {
                    out.push(Token {
                        lower: stem,
                        kind: Tok::Word,
                        possessive: false,
                    });
                }
                out.push(Token {
                    lower: full.to_string(),
                    kind: Tok::Word,
                    possessive: false,
                });
                continue;
            }
            let kind = if lower.chars().all(|c| c.is_ascii_digit() || c == '.') {
                Tok::Number
            } else {
                Tok::Word
            };
            out.push(Token {
                lower,
                kind,
                possessive,
            });
            // trailing possessive apostrophe (users')
            if i < chars.len() && chars[i] == '\'' {
                i += 1;
            }
            continue;
        }
        if c.is_whitespace() || c == '\'' || c == '"' || c == '`' || c == '*' {
            i += 1;
            continue;
        }
        out.push(Token {
            lower: c.to_string(),
            kind: Tok::Punct(c),
            possessive: false,
        });
        i += 1;
    }
    out
}

/// "we (also) (need to) keep/store/track/record ...": the reader's own bookkeeping verbs.
const KEEP: &[&str] = &[
    "also", "need", "needs", "to", "want", "must", "should", "will", "have", "keep", "store", "track", "record",
    "save", "capture", "log", "hold", "maintain", "remember", "manage",
];

fn punct(c: char) -> Token {
    Token {
        lower: c.to_string(),
        kind: Tok::Punct(c),
        possessive: false,
    }
}

fn word(w: &str) -> Token {
    Token {
        lower: w.to_string(),
        kind: Tok::Word,
        possessive: false,
    }
}

/// Rewrites that make common shapes plain: a user story "As a trainer, I
/// want to see my classes so that ..." reads "trainer see my classes";
/// "whether they're an admin" reads as the flag `is_admin`.
pub fn rewrite(tokens: &[Token]) -> Vec<Token> {
    let mut t: Vec<Token> = crate::possessive::reorder(tokens);
    if t.first().is_some_and(|x| x.is("as")) && t.get(1).is_some_and(|x| x.is("a") || x.is("an")) {
        if let Some(comma) = t.iter().position(|x| x.is_punct(',')) {
            let actor: Vec<Token> = t[2..comma].to_vec();
            let rest = &t[comma + 1..];
            if rest.first().is_some_and(|x| x.is("i")) {
                let mut k = 1;
                while rest.get(k).is_some_and(|x| {
                    [
                        "want", "need", "would", "'d", "like", "can", "should", "must", "to", "be", "able", "love",
                        "wish",
                    ]
                    .contains(&x.lower.as_str())
                }) {
                    k += 1;
                }
                let mut body: Vec<Token> = rest[k..].to_vec();
                if let Some(p) = body.windows(2).position(|w| w[0].is("so") && w[1].is("that")) {
                    body.truncate(p);
                }
                let mut n = actor;
                n.extend(body);
                t = n;
            }
        }
    }
    // "For each restaurant(,) we keep its name ..." → "each restaurant has its name ..."
    if t.first().is_some_and(|x| x.is("for")) {
        if let Some(we) = t.iter().position(|x| x.is("we")) {
            let mut k = we + 1;
            while t.get(k).is_some_and(|x| KEEP.contains(&x.lower.as_str())) {
                k += 1;
            }
            if k > we + 1 && we > 1 {
                let mut n: Vec<Token> = t[1..we].iter().filter(|x| !x.is_punct(',')).cloned().collect();
                n.push(word("has"));
                n.extend(t[k..].iter().cloned());
                t = n;
            }
        }
    }
    // "We (also need to) track payments ... for each order" → "payments ... belong to each order"
    if t.first().is_some_and(|x| x.is("we")) {
        let mut k = 1;
        while t.get(k).is_some_and(|x| KEEP.contains(&x.lower.as_str())) {
            k += 1;
        }
        if k > 1 {
            let mut n: Vec<Token> = t[k..].to_vec();
            if let Some(p) = n
                .windows(2)
                .position(|w| w[0].is("for") && (w[1].is("each") || w[1].is("every")))
            {
                n[p] = word("belongs");
                n.insert(p + 1, word("to"));
            }
            t = n;
        }
    }
    // "Vehicle: plate, make, model" → "each vehicle has plate, make, model"
    // "playlists - owned by a user, name, public flag": a dash after the thing works like a colon
    if let Some(d) = t.iter().position(|x| x.is_punct('-')).filter(|&d| (1..=3).contains(&d)) {
        let listed = t[d + 1..].iter().any(|x| x.is_punct(','))
            || t.get(d + 1).is_some_and(|x| crate::grammar::verb_form(&x.lower));
        if listed && t[..d].iter().all(|x| x.is_word()) && !t.iter().any(|x| x.is_punct(':')) {
            t[d] = punct(':');
        }
    }
    if let Some(c) = t.iter().position(|x| x.is_punct(':')) {
        let prefix = &t[..c];
        let rest = &t[c + 1..];
        let listing = rest.iter().filter(|x| x.is_punct(',')).count() >= 2;
        let noun_prefix = (1..=3).contains(&prefix.len())
            && prefix.iter().all(|x| {
                x.is_word()
                    && (listing || !crate::grammar::verb_form(&x.lower))
                    && !crate::lexicon::contains(crate::lexicon::NOT_ENTITIES, &crate::model::singular(&x.lower))
                    && !crate::lexicon::contains(crate::lexicon::PRONOUNS, &x.lower)
                    && ![
                        "each", "every", "a", "an", "the", "note", "notes", "e.g", "i.e", "also", "later",
                    ]
                    .contains(&x.lower.as_str())
            });
        let commas = rest.iter().filter(|x| x.is_punct(',')).count();
        let plain_rest = !rest.is_empty()
            && !rest.iter().any(|x| {
                crate::grammar::is_be(&x.lower)
                    || crate::lexicon::contains(crate::lexicon::PRONOUNS, &x.lower)
                    || crate::lexicon::contains(crate::lexicon::AUX, &x.lower)
                    || x.is_punct(':')
            })
            && (commas > 0 || rest.len() <= 3 && !rest.iter().any(|x| crate::grammar::verb_form(&x.lower)));
        // "Podcasts: have a title ...", "Listeners: can subscribe": the bullet is the predicate
        let verbish = |x: &Token| {
            crate::grammar::is_be(&x.lower)
                || [
                    "have", "has", "can", "may", "must", "should", "will", "contain", "contains",
                ]
                .contains(&x.lower.as_str())
                || crate::lexicon::contains(crate::lexicon::DEFINITE_VERBS, &x.lower) && !x.lower.ends_with("ed")
        };
        // "scheduled in a room": a participle with its preposition
        let participle_first = rest.first().is_some_and(|x| x.lower.ends_with("ed"))
            && rest
                .get(1)
                .is_some_and(|x| ["in", "by", "into", "to", "for", "from", "with"].contains(&x.lower.as_str()));
        let verb_first = rest.first().is_some_and(verbish) || participle_first;
        // "habit tracker: user has habits": a bullet that is a whole sentence does not need its heading
        let first_comma = rest.iter().position(|x| x.is_punct(',')).unwrap_or(rest.len());
        let sentence = !verb_first && rest.iter().take(first_comma).skip(1).any(verbish) && prefix.len() > 1;
        if noun_prefix && sentence {
            t = rest.to_vec();
        } else if noun_prefix && verb_first {
            let mut n: Vec<Token> = prefix.to_vec();
            n.extend(rest.iter().cloned());
            t = n;
        } else if noun_prefix && plain_rest {
            let mut n = vec![word("each")];
            n.extend(prefix.iter().cloned());
            n.push(word("has"));
            n.extend(rest.iter().cloned());
            t = n;
        }
    }
    let mut out: Vec<Token> = Vec::with_capacity(t.len());
    let mut i = 0;
    while i < t.len() {
        // "body up to 280 chars" → "body (280 chars)"
        if (t[i].is("up") && t.get(i + 1).is_some_and(|x| x.is("to")) || t[i].is("max") || t[i].is("maximum"))
            && !out.is_empty()
            && out.iter().filter(|x| x.is_punct('(')).count() <= out.iter().filter(|x| x.is_punct(')')).count()
        {
            let k = if t[i].is("up") { i + 2 } else { i + 1 };
            if let (Some(n), Some(u)) = (t.get(k), t.get(k + 1)) {
                if n.lower.parse::<u32>().is_ok()
                    && ["chars", "characters", "char", "character"].contains(&u.lower.as_str())
                {
                    out.push(punct('('));
                    out.push(n.clone());
                    out.push(word("chars"));
                    out.push(punct(')'));
                    i = k + 2;
                    continue;
                }
            }
        }
        if t[i].is("whether") {
            let mut j = i + 1;
            let mut last = None;
            while let Some(x) = t.get(j) {
                if !x.is_word() || x.is("and") || x.is("or") {
                    break;
                }
                if ![
                    "they", "they're", "it", "it's", "he", "she", "the", "is", "are", "a", "an", "has", "have", "was",
                    "been", "be", "he's", "she's", "not", "already",
                ]
                .contains(&x.lower.as_str())
                {
                    last = Some(x.lower.clone());
                }
                j += 1;
            }
            if let Some(l) = last {
                out.push(word(&format!("is_{l}")));
                i = j;
                continue;
            }
        }
        out.push(t[i].clone());
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        sentences(s).into_iter().map(|s| s.reading).collect()
    }

    #[test]
    fn splits_sentences_and_keeps_abbreviations_and_decimals() {
        assert_eq!(
            texts("Users create workspaces. Each workspace has projects; projects have tasks!"),
            [
                "Users create workspaces.",
                "Each workspace has projects;",
                "projects have tasks!"
            ]
        );
        assert_eq!(
            texts("Items weigh 1.5 kg, e.g. apples. Done."),
            ["Items weigh 1.5 kg, e.g. apples.", "Done."]
        );
    }

    #[test]
    fn bullets_are_read_with_their_heading() {
        let s = texts("Each order has:\n- a total\n- one or more line items\n\nCustomers place orders.");
        assert_eq!(
            s,
            [
                "Each order has:",
                "Each order has: a total",
                "Each order has: one or more line items",
                "Customers place orders."
            ]
        );
        let s = texts("- Users sign in\n- Teams have members");
        assert_eq!(s, ["Users sign in", "Teams have members"]);
    }

    #[test]
    fn tokens_fold_accents_quotes_and_possessives() {
        let t = tokenize(&normalise(
            "The café’s “menu” lists crème brûlée — a customer's e-mail, 1-5 stars, 2.5 kg.",
        ));
        let words: Vec<&str> = t.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            words,
            [
                "the", "cafe", "menu", "lists", "creme", "brulee", "-", "a", "customer", "e-mail", ",", "1-5", "stars",
                ",", "2.5", "kg", "."
            ]
        );
        let t = tokenize("日本 users");
        assert_eq!(t[1].lower, "users");
    }
}
