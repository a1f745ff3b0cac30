//! Type hints [`crate::attributes::infer_type`] asks first: names whose
//! last word misleads the general rules ("hourly rate" is money, "shirt
//! number" a count, "opening hours" text, "year built" a year, a bare
//! "start" an instant, "price paid" money).

use crate::model::Ty;

/// Positions counted in whole numbers when followed by "number".
const ORDINAL: &[&str] = &[
    "shirt", "jersey", "episode", "level", "floor", "chapter", "season", "week", "lap", "round", "step", "page",
    "sequence", "issue", "volume", "track",
];
const PERIODS: &[&str] = &[
    "hourly", "nightly", "daily", "weekly", "monthly", "yearly", "annual", "base",
];
const COUNTS: &[&str] = &[
    "seats", "credits", "points", "votes", "likes", "views", "pages", "words", "servings",
];
const MONEY_WORDS: &[&str] = &["price", "cost", "amount", "fee", "total", "fare", "premium"];

pub fn hint(words: &[&str]) -> Option<(Ty, &'static str)> {
    let last = *words.last()?;
    let first = words[0];
    let has = |w: &str| words.contains(&w);
    if words.len() == 2 && last == "number" && ORDINAL.contains(&first) {
        return Some((Ty::Int, "a number counted in order"));
    }
    if last == "rate" && words.iter().any(|w| PERIODS.contains(w)) {
        return Some((Ty::Money, "a price per period"));
    }
    if (has("opening") || has("closing")) && last == "hours" {
        return Some((Ty::Text, "opening hours, as written"));
    }
    if has("year") && !has("date") && !has("group") && words.len() <= 3 {
        return Some((Ty::Int, "a year"));
    }
    if has("bytes") || last == "bytes" {
        return Some((Ty::BigInt, "a size in bytes"));
    }
    if words.len() == 1 && ["start", "end", "starts", "ends"].contains(&last) {
        return Some((Ty::Timestamp, "an instant"));
    }
    if words.len() <= 2 && COUNTS.contains(&last) {
        return Some((Ty::Int, "a count"));
    }
    if words.len() == 2 && MONEY_WORDS.contains(&first) && (last.ends_with("ed") || last == "paid") {
        return Some((Ty::Money, "money (exact, never float)"));
    }
    if words.len() == 1 && last == "premium" {
        return Some((Ty::Money, "money (exact, never float)"));
    }
    None
}
