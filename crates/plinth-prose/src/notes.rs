//! Terse note lines with more than a list: "Stock level: quantity per
//! product per bin" (the thing is kept per product and bin), "Movement:
//! product, from bin, to bin, quantity" (two roles to one entity).

use crate::grammar::Chunk;
use crate::model::State;
use crate::relations::{child_of, possess, reference, Ctx};

/// Reads the items after a note's colon: plain items are fields or
/// references, "per X" makes the owner a child of X, "from X" / "to X" are
/// two references named after their role.
pub fn structured_items(st: &mut State, ctx: &Ctx, chunks: &[Chunk], from: usize, owner: &str) {
    let s = ctx.sentence;
    let mut k = from;
    while k < chunks.len() {
        let at_item = k == from || matches!(chunks[k - 1], Chunk::Comma | Chunk::Conj(_) | Chunk::Colon);
        match (&chunks[k], chunks.get(k + 1)) {
            (Chunk::Prep(p), Some(Chunk::Np(x))) if p == "per" => {
                if let Some(xk) = ctx.thing(x).filter(|x| x != owner) {
                    child_of(st, owner, &xk, s, "per");
                }
                k += 2;
            }
            (Chunk::Prep(p), Some(Chunk::Np(x))) if at_item && (p == "from" || p == "to") => {
                if let Some(xk) = ctx.thing(x).filter(|x| x != owner) {
                    reference(st, owner, &xk, &format!("{p}_{xk}"), false, s, p);
                }
                k += 2;
            }
            (Chunk::Np(n), _) if at_item => {
                possess(st, ctx, owner, &[n], false, "lists", true);
                k += 1;
            }
            _ => k += 1,
        }
    }
}
