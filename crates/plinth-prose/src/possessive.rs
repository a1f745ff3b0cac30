//! Possessives read as "of": "each member's plan (monthly or yearly)" →
//! "plan (monthly or yearly) of each member", "the GP's name" → "name of
//! the GP", so the "Y of X" rules see the owner.

use crate::lexicon;
use crate::text::Token;

fn closed(w: &str) -> bool {
    lexicon::contains(lexicon::PREPOSITIONS, w)
        || lexicon::contains(lexicon::CONJUNCTIONS, w)
        || lexicon::contains(lexicon::AUX, w)
        || lexicon::contains(lexicon::PRONOUNS, w)
        || lexicon::contains(lexicon::NEGATIONS, w)
}

/// The tokens with each "X's Y" turned into "Y of X".
pub fn reorder(tokens: &[Token]) -> Vec<Token> {
    let mut t: Vec<Token> = tokens.to_vec();
    let mut from = 0;
    while let Some(p) = t[from..].iter().position(|x| x.possessive).map(|p| p + from) {
        t[p].possessive = false;
        from = p + 1;
        // "there's", "it's": a contraction of "is"
        if closed(&t[p].lower) {
            let mut is = t[p].clone();
            is.lower = "is".into();
            t.insert(p + 1, is);
            continue;
        }
        // the owner: up to three nouns back, with one determiner
        let mut a = p;
        while a > 0
            && p - a < 3
            && t[a - 1].is_word()
            && !closed(&t[a - 1].lower)
            && !lexicon::contains(lexicon::DETERMINERS, &t[a - 1].lower)
            && !crate::grammar::verb_form(&t[a - 1].lower)
        {
            a -= 1;
        }
        if a > 0 && lexicon::contains(lexicon::DETERMINERS, &t[a - 1].lower) && t[a - 1].lower != "that" {
            a -= 1;
        }
        // the possessed phrase: up to three words, with a parenthesis right after it
        let mut b = p + 1;
        while b < t.len()
            && b - p <= 3
            && t[b].is_word()
            && !closed(&t[b].lower)
            && !lexicon::contains(lexicon::DETERMINERS, &t[b].lower)
            && !(b > p + 1 && crate::grammar::verb_form(&t[b].lower))
        {
            b += 1;
        }
        // "a patient's records must never be visible": no field is named
        let not_field =
            b == p + 2 && lexicon::contains(lexicon::NOT_ENTITIES, &crate::model::singular(&t[b - 1].lower));
        if b == p + 1 || not_field || t[a..=p].iter().any(|x| x.is("other") || x.is("one")) {
            continue;
        }
        if t.get(b).is_some_and(|x| x.is_punct('(')) {
            if let Some(c) = t[b..].iter().position(|x| x.is_punct(')')) {
                b += c + 1;
            }
        }
        // "the registrar's office" → "the office of the registrar"
        let mut moved: Vec<Token> = Vec::new();
        if a < p && lexicon::contains(lexicon::DETERMINERS, &t[a].lower) {
            moved.push(t[a].clone());
        }
        moved.extend(t[p + 1..b].iter().cloned());
        let mut of = t[p].clone();
        of.lower = "of".into();
        moved.push(of);
        moved.extend(t[a..=p].iter().cloned());
        let len = moved.len();
        t.splice(a..b, moved);
        from = a + len;
    }
    t
}

#[cfg(test)]
mod tests {
    use crate::text::tokenize;

    fn read(s: &str) -> String {
        super::reorder(&tokenize(s))
            .iter()
            .map(|t| t.lower.clone())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn possessives_read_as_of() {
        assert_eq!(
            read("see each member's plan (monthly or yearly)"),
            "see each plan ( monthly or yearly ) of each member"
        );
        assert_eq!(read("the GP's name and practice"), "the name of the gp and practice");
        assert_eq!(
            read("never overwrite each other's changes"),
            "never overwrite each other changes"
        );
    }
}
