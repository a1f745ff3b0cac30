//! "a microchip number, which is unique", "a code that must be unique":
//! a relative clause that makes the attribute before it unique.

use crate::grammar::Chunk;
use crate::model::State;
use crate::relations::{clauses, Ctx};

pub fn relative_unique(st: &mut State, ctx: &Ctx, chunks: &[Chunk]) {
    let owner = clauses(chunks)
        .first()
        .and_then(|c| c.subjects.iter().find_map(|n| ctx.thing(n)));
    let Some(owner) = owner.map(|o| st.resolve(&o)) else {
        return;
    };
    for (i, c) in chunks.iter().enumerate() {
        let Some(np) = c.np() else { continue };
        let mut k = i + 1;
        if matches!(chunks.get(k), Some(Chunk::Comma)) {
            k += 1;
        }
        let relative = matches!(chunks.get(k), Some(Chunk::Other(o)) if o == "which" || o == "that");
        let copula = chunks
            .get(k + 1)
            .and_then(Chunk::verb)
            .is_some_and(|v| v.copula && !v.neg);
        let unique = chunks
            .get(k + 2)
            .and_then(Chunk::np)
            .is_some_and(|n| n.words == ["unique"]);
        if !(relative && copula && unique) {
            continue;
        }
        let words: Vec<&str> = np.words.iter().map(String::as_str).collect();
        let Some(name) = crate::attributes::field_name(&words) else {
            continue;
        };
        if let Some(a) = st
            .entity_mut(&owner)
            .and_then(|e| e.attrs.iter_mut().find(|a| a.name == name))
        {
            a.unique = true;
            a.nullable = false;
        }
    }
}
