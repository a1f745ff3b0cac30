//! Clauses: a chunked sentence split around its verbs into subjects,
//! verb, objects and a trailing prepositional phrase; and lists of phrases.

use crate::grammar::{Chunk, Np, Verb};

/// A clause: subjects, a verb, objects, and a trailing prepositional phrase.
#[derive(Debug)]
pub struct Clause<'a> {
    pub subjects: Vec<&'a Np>,
    pub verb: &'a Verb,
    pub objects: Vec<&'a Np>,
    pub tail: Option<(&'a str, Vec<&'a Np>)>,
    /// Index of the chunk after the objects (where a tail or a `with` list starts).
    pub after: usize,
    /// Index of the chunk after the tail.
    pub tail_end: usize,
}

pub(crate) fn np_list(chunks: &[Chunk], mut i: usize) -> (Vec<&Np>, usize) {
    let mut out = Vec::new();
    while let Some(c) = chunks.get(i) {
        match c {
            Chunk::Np(n) => out.push(n),
            // "a barcode, which must be unique, and a type": the aside is not part of the list
            Chunk::Comma if matches!(chunks.get(i + 1), Some(Chunk::Other(o)) if o == "which" || o == "who") => {
                match chunks[i + 1..].iter().position(|c| matches!(c, Chunk::Comma)) {
                    Some(p)
                        if chunks
                            .get(i + 1 + p + 1)
                            .is_some_and(|c| matches!(c, Chunk::Conj(_) | Chunk::Np(_))) =>
                    {
                        i += p + 1;
                    }
                    _ => break,
                }
            }
            Chunk::Comma | Chunk::Conj(_) => {
                // ", and a listing can be saved": the next phrase starts a clause
                let mut k = i + 1;
                while matches!(chunks.get(k), Some(Chunk::Comma) | Some(Chunk::Conj(_))) {
                    k += 1;
                }
                if matches!(chunks.get(k), Some(Chunk::Np(_))) && matches!(chunks.get(k + 1), Some(Chunk::Verb(_))) {
                    break;
                }
            }
            Chunk::Other(o) if o == "-" => {}
            _ => break,
        }
        i += 1;
    }
    (out, i)
}

/// Splits a chunked sentence into clauses around its verbs.
pub fn clauses(chunks: &[Chunk]) -> Vec<Clause<'_>> {
    let mut out: Vec<Clause> = Vec::new();
    // verb index → the phrase an object-relative clause is about ("a booking that a guest makes")
    let mut antecedents: Vec<(usize, &Np)> = Vec::new();
    for (v, c) in chunks.iter().enumerate() {
        let Some(verb) = c.verb() else { continue };
        let mut rel_object: Option<&Np> = None;
        // "... belong to a transfer and have an amount": the verb after "and" shares the subject
        let shared = v > 0
            && (matches!(chunks[v - 1], Chunk::Conj(_))
                || matches!(chunks[v - 1], Chunk::Comma) && !verb.aux.iter().any(|a| a == "both"))
            && !out.is_empty();
        // subjects: NPs before the verb, joined by commas/and; a relative
        // pronoun ("users who ...") or a preposition ("tasks in a project")
        // points back at the head phrase.
        let mut subjects: Vec<&Np> = Vec::new();
        let mut j = v;
        let mut relative = false;
        while j > 0 {
            j -= 1;
            match &chunks[j] {
                Chunk::Np(n) => {
                    subjects.push(n);
                    // "an incident date and a status that is ...": the pronoun stands for one phrase
                    if relative && matches!(&chunks[j + 1], Chunk::Other(o) if o == "that" || o == "which") {
                        break;
                    }
                }
                Chunk::Comma | Chunk::Conj(_) => {
                    if subjects.is_empty() && !relative {
                        break;
                    }
                    // ", and a listing can be ...": a new clause, not a list of subjects
                    if !subjects.is_empty()
                        && (matches!(chunks[j], Chunk::Comma) || j > 0 && matches!(chunks[j - 1], Chunk::Comma))
                    {
                        break;
                    }
                    if relative && subjects.is_empty() {
                        continue;
                    }
                }
                Chunk::Other(o) if ["that", "which"].contains(&o.as_str()) && !subjects.is_empty() => {
                    // "a booking that a guest makes": the guest makes the booking
                    if let Some(Chunk::Np(x)) = j.checked_sub(1).map(|k| &chunks[k]) {
                        rel_object = Some(x);
                    }
                    break;
                }
                Chunk::Other(o) if ["who", "that", "which"].contains(&o.as_str()) => relative = true,
                Chunk::Prep(p)
                    if ["of", "in", "on", "for", "within", "from", "at", "per"].contains(&p.as_str()) && j > 0 =>
                {
                    if let Some(Chunk::Np(head)) = chunks.get(j - 1) {
                        subjects.clear();
                        subjects.push(head);
                        j -= 1;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
            if matches!(chunks.get(j.wrapping_sub(1)), Some(Chunk::Verb(_)) | Some(Chunk::Colon)) {
                break;
            }
        }
        subjects.reverse();
        // "... makes for a room stores the dates": the clause after a relative one is about its phrase
        if j > 0 && subjects.len() == 1 {
            if let Some((_, x)) = antecedents.iter().find(|(k, _)| *k + 1 < v && *k == j - 1) {
                subjects = vec![x];
            }
        }
        if let Some(x) = rel_object {
            antecedents.push((v, x));
        }
        // "..., and they can comment": a pronoun stands for the previous clause's subjects;
        // "Zone: name, flag - belongs to a warehouse": a bare verb after a dash is about the listed thing
        if subjects.is_empty() && v > 0 {
            match &chunks[v - 1] {
                Chunk::Other(o) if ["they", "he", "she", "it"].contains(&o.as_str()) => {
                    subjects = out.last().map(|c: &Clause| c.subjects.clone()).unwrap_or_default();
                }
                Chunk::Other(o) if o == "-" => {
                    if let (Some(Chunk::Np(n)), Some(Chunk::Colon)) = (chunks.first(), chunks.get(1)) {
                        subjects.push(n);
                    }
                }
                _ => {}
            }
        }
        // "a shipper and a consignee, both are companies"
        if subjects.is_empty() && verb.copula && v > 1 && matches!(chunks[v - 1], Chunk::Comma) {
            let (before, _) = {
                let mut k = v - 1;
                while k > 0 && matches!(chunks[k - 1], Chunk::Np(_) | Chunk::Conj(_) | Chunk::Comma) {
                    k -= 1;
                }
                np_list(chunks, k)
            };
            subjects = before;
        }
        if shared {
            subjects = out.last().map(|c: &Clause| c.subjects.clone()).unwrap_or_default();
            // "every edit creates a revision, storing the content": the participle is about the object
            if verb.word.ends_with("ing") && matches!(chunks[v - 1], Chunk::Comma) {
                if let Some(last) = out.last().filter(|c| !c.objects.is_empty()) {
                    subjects = last.objects.clone();
                }
            }
        }
        let mut k = v + 1;
        if matches!(chunks.get(k), Some(Chunk::Colon)) {
            k += 1;
        }
        let (mut objects, after) = np_list(chunks, k);
        let mut tail_end = after;
        let mut tail = match chunks.get(after) {
            Some(Chunk::Prep(p)) => {
                let (nps, end) = np_list(chunks, after + 1);
                tail_end = end;
                (!nps.is_empty()).then_some((p.as_str(), nps))
            }
            _ => None,
        };
        if let Some(x) = rel_object {
            // "that a guest makes for a room": the phrase is the object, the particle's phrase the tail
            if let Some(p) = verb.particle.as_deref().filter(|_| !objects.is_empty()) {
                tail = Some((p, std::mem::take(&mut objects)));
            }
            objects.insert(0, x);
        }
        out.push(Clause {
            subjects,
            verb,
            objects,
            tail,
            after,
            tail_end,
        });
    }
    out
}
