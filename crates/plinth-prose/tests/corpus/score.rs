//! Scoring one draft against its expectation (shared by the held-out corpus
//! test and the development-set test).

use super::drafted::Drafted;
use super::expect::{field_key, norm, Class, ExpRelation, Expect, FieldRef};

/// Counts for one file (and, summed, for the corpus).
#[derive(Default, Clone, Copy)]
pub struct Score {
    pub ent_tp: usize,
    pub ent_fn: usize,
    pub ent_fp: usize,
    pub rel_tp: usize,
    pub rel_fn: usize,
    pub rel_fp: usize,
    pub attrs: usize,
    pub attrs_found: usize,
    pub attrs_typed: usize,
    pub uniques: usize,
    pub uniques_found: usize,
    pub uniques_marked: usize,
    pub flags: usize,
    pub flags_ok: usize,
    /// Flags the text asks for (`true`), and how many of them the draft sets.
    pub flags_on: usize,
    pub flags_on_ok: usize,
}

impl std::ops::AddAssign for Score {
    fn add_assign(&mut self, o: Score) {
        self.ent_tp += o.ent_tp;
        self.ent_fn += o.ent_fn;
        self.ent_fp += o.ent_fp;
        self.rel_tp += o.rel_tp;
        self.rel_fn += o.rel_fn;
        self.rel_fp += o.rel_fp;
        self.attrs += o.attrs;
        self.attrs_found += o.attrs_found;
        self.attrs_typed += o.attrs_typed;
        self.uniques += o.uniques;
        self.uniques_found += o.uniques_found;
        self.uniques_marked += o.uniques_marked;
        self.flags += o.flags;
        self.flags_ok += o.flags_ok;
        self.flags_on += o.flags_on;
        self.flags_on_ok += o.flags_on_ok;
    }
}

pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// `(precision, recall, f1)`
pub fn prf(tp: usize, fal_neg: usize, fal_pos: usize) -> (f64, f64, f64) {
    let (p, r) = (ratio(tp, tp + fal_pos), ratio(tp, tp + fal_neg));
    (p, r, if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) })
}

/// Compare a draft (`None`: refused or unusable) with the expectation.
/// Misses are appended to `notes`.
pub fn score(ex: &Expect, d: Option<&Drafted>, notes: &mut Vec<String>) -> Score {
    let empty = Drafted {
        entities: Vec::new(),
        relations: Vec::new(),
        flags: Vec::new(),
    };
    let refused = d.is_none();
    let d = d.unwrap_or(&empty);
    let mut s = Score::default();

    // Entities: each expected entity takes the first unmatched drafted entity
    // whose name is one of its alternatives.
    let mut emap: Vec<Option<usize>> = vec![None; d.entities.len()];
    for (ei, e) in ex.entities.iter().enumerate() {
        let alts: Vec<String> = e.names.iter().map(|n| norm(n)).collect();
        match (0..d.entities.len()).find(|&di| emap[di].is_none() && alts.contains(&norm(&d.entities[di].name))) {
            Some(di) => {
                emap[di] = Some(ei);
                s.ent_tp += usize::from(!e.optional);
            }
            None if !e.optional => {
                s.ent_fn += 1;
                notes.push(format!("missing entity {}", e.names.join(" | ")));
            }
            None => {}
        }
    }

    // Relations: required ones first, one-to-many before many-to-many, so an
    // optional expectation never takes a pair a required one needs.
    let mut used = vec![false; d.relations.len()];
    let mut joins = vec![false; d.entities.len()];
    let fits = |di: usize, ends: &[usize]| emap[di].is_some_and(|ei| ends.contains(&ei));
    let mut order: Vec<&ExpRelation> = ex.relations.iter().collect();
    order.sort_by_key(|r| (r.optional, r.many));
    for r in order {
        let found = if !r.many {
            // Explicit fields first, then the implicit tenant column.
            let pick = (0..d.relations.len())
                .filter(|&k| !used[k] && !d.relations[k].2)
                .filter(|&k| fits(d.relations[k].0, &r.child) && fits(d.relations[k].1, &r.parent))
                .min_by_key(|&k| d.relations[k].3);
            pick.map(|k| used[k] = true).is_some()
        } else {
            let pair = |k: usize| {
                let (a, b, many, _) = d.relations[k];
                many && ((fits(a, &r.child) && fits(b, &r.parent)) || (fits(b, &r.child) && fits(a, &r.parent)))
            };
            if let Some(k) = (0..d.relations.len()).find(|&k| !used[k] && pair(k)) {
                used[k] = true;
                true
            } else {
                // A drafted join entity (unexpected, or optional) with a
                // foreign key to each side is the same many-to-many.
                let via_join = (0..d.entities.len()).find_map(|j| {
                    let free = !matches!(emap[j], Some(ei) if !ex.entities[ei].optional) && !joins[j];
                    let out: Vec<usize> = (0..d.relations.len())
                        .filter(|&k| {
                            free && !used[k] && d.relations[k].0 == j && !d.relations[k].2 && !d.relations[k].3
                        })
                        .collect();
                    out.iter().find_map(|&k1| {
                        let k2 = *out.iter().find(|&&k2| {
                            k2 != k1 && fits(d.relations[k1].1, &r.child) && fits(d.relations[k2].1, &r.parent)
                        })?;
                        Some((j, k1, k2))
                    })
                });
                via_join
                    .map(|(j, k1, k2)| (joins[j], used[k1], used[k2]) = (true, true, true))
                    .is_some()
            }
        };
        match (found, r.optional) {
            (true, false) => s.rel_tp += 1,
            (false, false) => {
                s.rel_fn += 1;
                notes.push(format!(
                    "missing {} {}",
                    if r.many { "many" } else { "relation" },
                    r.text
                ));
            }
            _ => {}
        }
    }
    for (k, &(c, p, many, implicit)) in d.relations.iter().enumerate() {
        if !used[k] && !implicit {
            s.rel_fp += 1;
            let arrow = if many { "<->" } else { "->" };
            notes.push(format!(
                "extra relation {} {arrow} {}",
                d.entities[c].name, d.entities[p].name
            ));
        }
    }
    for (di, e) in d.entities.iter().enumerate() {
        if emap[di].is_none() && !joins[di] {
            s.ent_fp += 1;
            notes.push(format!("extra entity {}", e.name));
        }
    }

    // Fields: the first alternative that exists in the draft decides.
    let lookup = |refs: &[FieldRef]| {
        refs.iter().find_map(|(ei, f)| {
            let di = emap.iter().position(|m| *m == Some(*ei))?;
            d.entities[di].fields.iter().find(|(n, ..)| *n == field_key(f))
        })
    };
    for a in &ex.attrs {
        s.attrs += 1;
        match lookup(&a.fields) {
            None => notes.push(format!("missing field {}", a.text)),
            Some((_, class, _)) => {
                s.attrs_found += 1;
                if class.is_some_and(|c| a.classes.contains(&c)) {
                    s.attrs_typed += 1;
                } else {
                    let want: Vec<String> = a.classes.iter().map(Class::to_string).collect();
                    let got = class.map_or("a relation".to_string(), |c| c.to_string());
                    notes.push(format!("wrong type {}: want {}, got {got}", a.text, want.join("|")));
                }
            }
        }
    }
    for u in &ex.uniques {
        s.uniques += 1;
        if let Some((_, _, unique)) = lookup(&u.fields) {
            s.uniques_found += 1;
            s.uniques_marked += usize::from(*unique);
            if !unique {
                notes.push(format!("not unique {}", u.text));
            }
        }
    }
    for &(flag, want) in &ex.flags {
        s.flags += 1;
        s.flags_on += usize::from(want);
        let got = d.flags.iter().find(|(f, _)| *f == flag).is_some_and(|(_, v)| *v);
        if got == want && !refused {
            s.flags_ok += 1;
            s.flags_on_ok += usize::from(want);
        } else {
            notes.push(format!("flag {} should be {want}", flag.name()));
        }
    }
    s
}
