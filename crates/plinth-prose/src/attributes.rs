//! Attributes: a name and a logical type from the words a description uses
//! ("due date" → date, "weight in kg" → decimal, "paid flag" → bool,
//! "status (open, closed)" → enum), plus `@unique` for identifiers.

use crate::grammar::Np;
use crate::model::{name_of, singular, Attr, Ty};

const MONEY: &[&str] = &[
    "price",
    "amount",
    "total",
    "cost",
    "salary",
    "balance",
    "fee",
    "budget",
    "revenue",
    "subtotal",
    "tax",
    "wage",
    "rent",
    "deposit",
    "fare",
    "tip",
    "refund",
    "charge",
    "income",
    "expense",
    "value_eur",
    "bid",
    "payout",
    "commission",
    "earnings",
    "credit_limit",
    "premium",
    "deductible",
    "tuition",
    "donation",
    "spend",
    "pay",
    "rate_amount",
    "cash",
    "fine",
];
const COUNT: &[&str] = &[
    "count",
    "quantity",
    "qty",
    "stock",
    "capacity",
    "age",
    "year",
    "rank",
    "position",
    "seats",
    "seat_count",
    "attempts",
    "floor",
    "level_number",
    "copies",
    "pages",
    "views",
    "likes",
    "votes",
    "points",
    "credits",
    "minutes",
    "hours",
    "days",
    "sequence",
    "sort_order",
    "priority_number",
    "guests",
    "people",
    "nights",
    "duration_minutes",
    "laps",
    "reps",
    "sets",
    "calories",
    "steps",
    "edition",
    "episode",
    "season",
    "week",
    "inventory",
    "headcount",
    "players",
];
const MEASURE: &[&str] = &[
    "weight",
    "height",
    "length",
    "width",
    "depth",
    "distance",
    "temperature",
    "volume",
    "area",
    "speed",
    "mileage",
    "odometer",
    "latitude",
    "longitude",
    "lat",
    "lng",
    "lon",
    "size_cm",
    "humidity",
    "pressure",
    "voltage",
    "power",
    "energy",
    "dose",
    "dosage_mg",
    "elevation",
    "altitude",
    "bmi",
    "score_value",
    "value",
    "level",
    "load",
    "amount_kg",
    "consumption",
];
const UNITS: &[&str] = &[
    "bytes",
    "kg",
    "g",
    "grams",
    "kilograms",
    "lb",
    "lbs",
    "pounds",
    "km",
    "m",
    "meters",
    "metres",
    "cm",
    "mm",
    "miles",
    "mi",
    "ft",
    "feet",
    "inches",
    "l",
    "liters",
    "litres",
    "ml",
    "celsius",
    "fahrenheit",
    "degrees",
    "kwh",
    "kw",
    "mph",
    "kmh",
    "km/h",
    "percent",
    "mg",
    "oz",
    "ounces",
    "tons",
    "tonnes",
    "hectares",
    "sqm",
];
const TIME_UNITS: &[&str] = &[
    "minutes",
    "seconds",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "ms",
    "milliseconds",
];
const JSON: &[&str] = &[
    "settings",
    "metadata",
    "preferences",
    "preference",
    "config",
    "configuration",
    "options",
    "option",
    "payload",
    "properties",
    "property",
    "attribute",
    "spec",
    "specification",
    "attributes",
    "extra",
    "custom_fields",
    "custom_field",
    "data",
    "details_json",
    "raw",
    "context",
    "specs",
    "specifications",
];
const FLAG_WORDS: &[&str] = &[
    "active",
    "enabled",
    "disabled",
    "verified",
    "archived",
    "published",
    "public",
    "private",
    "featured",
    "paid",
    "completed",
    "done",
    "approved",
    "visible",
    "hidden",
    "pinned",
    "locked",
    "read",
    "confirmed",
    "cancelled",
    "canceled",
    "default",
    "primary",
    "deleted_flag",
    "available",
    "online",
    "vegan",
    "vegetarian",
    "refundable",
    "taxable",
    "resolved",
    "flagged",
    "blocked",
    "banned",
    "premium",
    "urgent",
    "billable",
    "recurring",
    "draft",
    "open",
    "closed",
    "accepted",
    "shipped",
    "delivered",
    "returned",
    "insured",
    "subscribed",
    "opted_in",
    "admin",
    "internal",
];
const DATE_WORDS: &[&str] = &[
    "date",
    "birthday",
    "dob",
    "deadline",
    "expiry",
    "expiration",
    "anniversary",
    "birthdate",
    "due",
];
const INSTANT_WORDS: &[&str] = &["timestamp", "time", "datetime", "instant", "moment", "when"];
const UNIQUE_IDS: &[&str] = &[
    "isbn",
    "sku",
    "vin",
    "ean",
    "upc",
    "barcode",
    "slug",
    "username",
    "handle",
    "email",
    "iban",
    "ssn",
    "serial_number",
    "license_number",
    "licence_number",
    "plate_number",
    "passport_number",
    "tax_id",
    "registration_number",
    "account_number",
    "employee_number",
    "student_number",
    "invoice_number",
    "order_number",
    "tracking_number",
    "confirmation_code",
    "code",
    "nickname_unique",
    "domain",
    "subdomain",
    "npi",
    "mrn",
    "badge_number",
    "member_number",
    "card_number",
    "policy_number",
    "isbn13",
    "imei",
    "mac_address",
];
const URL_WORDS: &[&str] = &[
    "url",
    "link",
    "website",
    "homepage",
    "avatar_url",
    "image_url",
    "photo_url",
    "logo_url",
];

pub fn is_unit(w: &str) -> bool {
    UNITS.contains(&w) || TIME_UNITS.contains(&w)
}

/// Words that say "a value in a table of values" and are never field names.
const FILLER: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "each", "optional", "required", "unique", "own", "some", "any",
    "one", "single", "exactly", "current", "valid", "given",
];

/// Type for an attribute described by `words` (lower case, as written).
/// Returns the type and why.
pub fn infer_type(words: &[&str]) -> (Ty, &'static str) {
    if let Some(h) = crate::types::hint(words) {
        return h;
    }
    let last_s = singular(words.last().copied().unwrap_or(""));
    let last = if last_s == "setting" || last_s == "detail" || last_s == "minute" || last_s == "hour" || last_s == "day"
    {
        words.last().copied().unwrap_or("")
    } else {
        last_s.as_str()
    };
    let mut joined: Vec<&str> = words.to_vec();
    if let Some(l) = joined.last_mut() {
        *l = last;
    }
    let name = joined.join("_");
    let has = |w: &str| words.contains(&w);
    // units: "weight in kg", "duration in minutes"
    if let Some(p) = words.iter().position(|w| *w == "in" || *w == "per") {
        if words.get(p + 1).is_some_and(|u| TIME_UNITS.contains(u)) {
            return (Ty::Int, "a duration counted in whole units");
        }
        if words.get(p + 1).is_some_and(|u| UNITS.contains(u)) {
            return (Ty::Decimal(10, 2), "a measure with a unit");
        }
    }
    if ["latitude", "lat"].contains(&last) || ["longitude", "lng", "lon"].contains(&last) {
        return (Ty::Decimal(9, 6), "a coordinate");
    }
    if last == "in" && words.len() >= 2 && words.last() != words.first() && has("flag") {
        return (Ty::Bool, "a yes/no flag");
    }
    if name.starts_with("is_")
        || name.starts_with("has_")
        || name.starts_with("can_")
        || last == "flag"
        || has("whether")
    {
        return (Ty::Bool, "a yes/no flag");
    }
    if words.len() == 1 && FLAG_WORDS.contains(&last) {
        return (Ty::Bool, "a yes/no flag");
    }
    if ["email", "e-mail", "email_address"].contains(&last) || name.ends_with("email_address") {
        return (Ty::Email, "an email address");
    }
    if URL_WORDS.contains(&last) || name.ends_with("_url") {
        return (Ty::Url, "a URL");
    }
    if last == "slug" {
        return (Ty::Slug, "a URL-safe key");
    }
    if last == "at" || name.ends_with("_at") {
        return (Ty::Timestamp, "an instant (\"... at\")");
    }
    if DATE_WORDS.contains(&last) || name.contains("date_of") || name.starts_with("date_") || name.ends_with("_on") {
        if has("time") {
            return (Ty::Timestamp, "an instant (date and time)");
        }
        return (Ty::Date, "a calendar date");
    }
    if name == "time_of_day" || (last == "time" && (has("opening") || has("closing") || has("daily"))) {
        return (Ty::Time, "a time of day");
    }
    if INSTANT_WORDS.contains(&last) || name.ends_with("_time") || last == "datetime" {
        return (Ty::Timestamp, "an instant");
    }
    if last == "duration" || last == "length_of_time" {
        return (Ty::Duration, "a length of time");
    }
    if ["percentage", "percent", "pct"].contains(&last) || name.ends_with("_rate") && has("discount") {
        return (Ty::Percent, "a percentage");
    }
    if MONEY.contains(&last) || name.ends_with("_price") || name.ends_with("_cost") {
        return (Ty::Money, "money (exact, never float)");
    }
    if words.first().is_some_and(|w| *w == "number") && has("of") {
        return (Ty::Int, "a count");
    }
    if COUNT.contains(&last) || COUNT.contains(&name.as_str()) || last.ends_with("_count") {
        return (Ty::Int, "a count or quantity");
    }
    if last == "size"
        && words.len() > 1
        && [
            "party",
            "group",
            "team",
            "household",
            "class",
            "batch",
            "family",
            "crew",
            "sample",
            "shoe",
        ]
        .contains(&words[0])
    {
        return (Ty::Int, "a count");
    }
    if ["rating", "stars"].contains(&last) {
        return (Ty::SmallInt, "a small rating");
    }
    if ["score", "grade_points"].contains(&last) {
        return (Ty::Decimal(5, 2), "a score");
    }
    if MEASURE.contains(&last) {
        return (Ty::Decimal(10, 2), "a measure");
    }
    if JSON.contains(&last) || JSON.contains(&name.as_str()) {
        return (Ty::Json, "a bag of keys (JSON)");
    }
    (Ty::Text, "text")
}

/// The field name for an attribute phrase: fillers dropped, plurals made
/// singular, a few spellings normalised ("paid flag" → `paid`,
/// "date of birth" → `date_of_birth`, "number of seats" → `seat_count`,
/// "weight in kg" → `weight_kg`, "is active" → `is_active`).
pub fn field_name(words: &[&str]) -> Option<String> {
    let mut ws: Vec<&str> = words.iter().copied().filter(|w| !FILLER.contains(w)).collect();
    if ws
        .last()
        .is_some_and(|l| ["flag", "timestamp", "time", "date"].contains(l))
        && ws.len() > 2
        && ["at", "in", "on"].contains(&ws[ws.len() - 2])
        || ws.last() == Some(&"flag") && ws.len() > 1
    {
        ws.pop();
    }
    if ws.first() == Some(&"whether") {
        ws.remove(0);
    }
    let joined = if ws.first() == Some(&"number") && ws.get(1) == Some(&"of") && ws.len() > 2 {
        format!("{}_count", singular(&ws[2..].join("_")))
    } else if let Some(p) = ws.iter().position(|w| *w == "in").filter(|p| {
        *p > 0
            && ws
                .get(p + 1)
                .is_some_and(|u| UNITS.contains(u) || TIME_UNITS.contains(u))
    }) {
        format!("{}_{}", ws[..p].join("_"), ws[p + 1])
    } else {
        let n = ws.len();
        let mut parts: Vec<String> = ws.iter().map(|w| w.to_string()).collect();
        if n > 0 && !parts[n - 1].contains("settings") {
            parts[n - 1] = singular(&parts[n - 1]);
        }
        parts.join("_")
    };
    let name = name_of(&joined)?;
    Some(match name.as_str() {
        "e_mail" | "email_address" => "email".into(),
        "due" => "due_date".into(),
        "dob" | "birthday" | "birthdate" => "date_of_birth".into(),
        "expiry" | "expiration" => "expires_on".into(),
        "qty" => "quantity".into(),
        _ => name,
    })
}

/// "(number, seats)", "(amount, method, tip)": the parentheses list the
/// fields of a thing rather than the values of an enumeration.
pub fn paren_is_attribute_list(items: &[String]) -> bool {
    let fields = items
        .iter()
        .filter(|i| {
            let w: Vec<&str> = i.split(' ').collect();
            let last = w.last().copied().unwrap_or("");
            let ty = infer_type(&w).0;
            (crate::lexicon::contains(crate::lexicon::ATTRIBUTE_HEADS, last)
                || crate::lexicon::contains(crate::lexicon::ATTRIBUTE_HEADS, &singular(last))
                || ty != Ty::Text)
                && ty != Ty::Bool
                && !["low", "medium", "high", "open", "closed", "new", "draft", "other"].contains(&last)
        })
        .count();
    fields * 3 >= items.len() && fields > 0
}

/// Enumeration values from a parenthesised list or an "either … or …" list:
/// at least two items, each a short word or phrase.
pub fn enum_values(items: &[String]) -> Option<Vec<String>> {
    let skip = |i: &str| {
        i == "unique"
            || i == "optional"
            || i == "required"
            || i.strip_prefix("in ")
                .is_some_and(|u| UNITS.contains(&u) || TIME_UNITS.contains(&u))
            || i.starts_with("e.g")
            || i.ends_with(" chars")
            || i == "etc"
    };
    let vals: Vec<String> = items
        .iter()
        .filter(|i| !skip(i))
        .filter_map(|i| {
            let i = i.trim_start_matches("either ").trim_start_matches("or ");
            if i.split(' ').count() > 3 {
                return None;
            }
            name_of(i)
        })
        .collect();
    let mut uniq: Vec<String> = Vec::new();
    for v in vals {
        if !uniq.contains(&v) {
            uniq.push(v);
        }
    }
    if uniq.len() >= 2 && items.iter().filter(|i| !skip(i)).count() == uniq.len() {
        Some(uniq)
    } else {
        None
    }
}

/// An attribute from a noun phrase, with its type, uniqueness and checks.
pub fn from_np(np: &Np, sentence: usize) -> Option<Attr> {
    let all: Vec<&str> = np.words.iter().map(String::as_str).collect();
    let words: Vec<&str> = all
        .iter()
        .copied()
        .filter(|w| range(w).is_none() && w.parse::<f64>().is_err() && !w.ends_with("-star"))
        .collect();
    const TIMEISH: &[&str] = &[
        "few", "several", "many", "every", "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days",
        "week", "weeks", "month", "months", "year", "years", "time", "times", "moment", "while",
    ];
    if words.iter().all(|w| TIMEISH.contains(w)) {
        return None;
    }
    let name = field_name(&words)?;
    let (mut ty, mut why) = infer_type(&words);
    let mut unique = false;
    let mut check = None;
    let mut nullable = true;
    if let Some(items) = &np.paren {
        if let Some(vals) = enum_values(items).filter(|_| !paren_is_attribute_list(items)) {
            ty = Ty::Enum(vals);
            why = "one of the listed values";
        }
        if let Some(n) = items.iter().find_map(|i| i.strip_suffix(" chars")?.parse::<u32>().ok()) {
            if n > 0 && matches!(ty, Ty::Text) {
                ty = Ty::String(n);
                why = "text with a stated maximum length";
            }
        }
        if items.iter().any(|i| i == "unique") {
            unique = true;
        }
        if items.iter().any(|i| i == "required") {
            nullable = false;
        }
        if let Some((lo, hi)) = items.iter().find_map(|i| range(i)) {
            check = Some((lo, hi));
        }
        if let Some(unit) = items.iter().find_map(|i| i.strip_prefix("in ")) {
            if TIME_UNITS.contains(&unit) {
                ty = Ty::Int;
                why = "a duration counted in whole units";
            } else if UNITS.contains(&unit) && !matches!(ty, Ty::Decimal(..)) {
                ty = Ty::Decimal(10, 2);
                why = "a measure with a unit";
            }
        }
    }
    // "1-5 rating", "5-star rating"
    if let Some(lo_hi) = all.iter().find_map(|w| range(w)) {
        check = Some(lo_hi);
    }
    if all.len() >= 3 {
        if let (Ok(lo), Ok(hi)) = (all[0].parse::<i64>(), all.get(2).unwrap_or(&"").parse::<i64>()) {
            if all[1] == "-" || all[1] == "to" {
                check = Some((lo, hi));
            }
        }
    }
    let name = name
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '_')
        .trim_start_matches("star_")
        .to_string();
    if name.is_empty() {
        return None;
    }
    let last = name.rsplit('_').next().unwrap_or(&name);
    if UNIQUE_IDS.contains(&name.as_str())
        || UNIQUE_IDS.contains(&last) && name.ends_with("number")
        || ty == Ty::Email
        || ty == Ty::Slug
    {
        unique = unique || ty == Ty::Email || ty == Ty::Slug || UNIQUE_IDS.contains(&name.as_str());
    }
    if check.is_some() && matches!(ty, Ty::Text) {
        ty = Ty::SmallInt;
        why = "a number in a stated range";
    }
    let check = check.map(|(lo, hi)| format!("{name} BETWEEN {lo} AND {hi}"));
    let (default, required) = match &ty {
        Ty::Bool => (Some("false".to_string()), true),
        Ty::Enum(v) => (Some(v[0].clone()), true),
        Ty::Money | Ty::Int if name != "age" => (None, true),
        _ => (None, ["name", "title"].contains(&name.as_str()) || unique),
    };
    Some(Attr {
        name,
        ty,
        nullable: nullable && !required,
        unique,
        check,
        comment: None,
        default,
        sentence,
        why: why.to_string(),
    })
}

/// "1-5", "1..5", "0-10" → (1, 5)
pub fn range(s: &str) -> Option<(i64, i64)> {
    let s = s.trim();
    let (a, b) = s.split_once('-').or_else(|| s.split_once(".."))?;
    let a: i64 = a.trim().parse().ok()?;
    let b: i64 = b
        .trim()
        .trim_end_matches("-star")
        .trim_end_matches(" stars")
        .parse()
        .ok()?;
    (a < b && b <= 1000).then_some((a, b))
}

/// "either draft or published", "can be draft, published or archived" after
/// an attribute word: the values listed after `is`/`can be`/`either`.
pub fn listed_values(tokens: &[crate::text::Token], from: usize) -> Option<(Vec<String>, usize)> {
    let mut i = from;
    while tokens.get(i).is_some_and(|t| {
        [
            "is", "are", "can", "be", "either", "one", "of", "may", ":", "which", "must", "that",
        ]
        .contains(&t.lower.as_str())
    }) {
        i += 1;
    }
    let start = i;
    let mut end = i;
    let mut saw_or = false;
    while let Some(t) = tokens.get(end) {
        if t.is_punct('.') || t.is_punct(';') || t.is_punct('(') || t.is_punct(')') {
            break;
        }
        if t.is("or") {
            saw_or = true;
        }
        if t.is("and") && !saw_or && !tokens[start..end].iter().any(|t| t.is_punct(',')) {
            break;
        }
        end += 1;
    }
    if !saw_or
        && !tokens[start..end]
            .iter()
            .any(|t| t.is_punct(',') || t.is_punct('|') || t.is_punct('/'))
    {
        return None;
    }
    let items = crate::grammar::paren_items(&tokens[start..end]);
    if items.len() < 2 || items.iter().any(|i| i.split(' ').count() > 2) {
        return None;
    }
    enum_values(&items).map(|v| (v, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(s: &str) -> Ty {
        let w: Vec<&str> = s.split(' ').collect();
        infer_type(&w).0
    }

    #[test]
    fn types_from_names() {
        assert_eq!(ty("due date"), Ty::Date);
        assert_eq!(ty("date of birth"), Ty::Date);
        assert_eq!(ty("expiry"), Ty::Date);
        assert_eq!(ty("shipped at"), Ty::Timestamp);
        assert_eq!(ty("start time"), Ty::Timestamp);
        assert_eq!(ty("timestamp"), Ty::Timestamp);
        for m in ["price", "amount", "total", "cost", "salary", "balance", "unit price"] {
            assert_eq!(ty(m), Ty::Money, "{m}");
        }
        assert_eq!(ty("quantity"), Ty::Int);
        assert_eq!(ty("number of seats"), Ty::Int);
        assert_eq!(ty("weight in kg"), Ty::Decimal(10, 2));
        assert_eq!(ty("distance in km"), Ty::Decimal(10, 2));
        assert_eq!(ty("duration in minutes"), Ty::Int);
        assert_eq!(ty("paid flag"), Ty::Bool);
        assert_eq!(ty("is active"), Ty::Bool);
        assert_eq!(ty("active"), Ty::Bool);
        assert_eq!(ty("email"), Ty::Email);
        assert_eq!(ty("settings"), Ty::Json);
        assert_eq!(ty("metadata"), Ty::Json);
        assert_eq!(ty("preferences"), Ty::Json);
        assert_eq!(ty("description"), Ty::Text);
        assert_eq!(ty("phone number"), Ty::Text);
        assert_eq!(ty("latitude"), Ty::Decimal(9, 6));
    }

    #[test]
    fn field_names() {
        let f = |s: &str| field_name(&s.split(' ').collect::<Vec<_>>()).unwrap();
        assert_eq!(f("due dates"), "due_date");
        assert_eq!(f("paid flag"), "paid");
        assert_eq!(f("number of seats"), "seat_count");
        assert_eq!(f("weight in kg"), "weight_kg");
        assert_eq!(f("a date of birth"), "date_of_birth");
        assert_eq!(f("e-mail"), "email");
        assert_eq!(f("settings"), "settings");
    }

    #[test]
    fn enums_uniques_and_ranges() {
        let np = |words: &str, paren: Option<&[&str]>| Np {
            words: words.split(' ').map(String::from).collect(),
            paren: paren.map(|p| p.iter().map(|s| s.to_string()).collect()),
            ..Np::default()
        };
        let a = from_np(&np("status", Some(&["open", "in progress", "closed"])), 0).unwrap();
        assert_eq!(
            a.ty,
            Ty::Enum(vec!["open".into(), "in_progress".into(), "closed".into()])
        );
        assert_eq!(a.default.as_deref(), Some("open"));
        let a = from_np(&np("plate number", Some(&["unique"])), 0).unwrap();
        assert!(a.unique && a.ty == Ty::Text);
        let a = from_np(&np("isbn", None), 0).unwrap();
        assert!(a.unique);
        let a = from_np(&np("1-5 rating", None), 0).unwrap();
        assert_eq!(a.name, "rating");
        assert_eq!(a.check.as_deref(), Some("rating BETWEEN 1 AND 5"));
        assert_eq!(range("1-5"), Some((1, 5)));
        assert_eq!(range("5-1"), None);
        let toks = crate::text::tokenize("is either draft or published.");
        assert_eq!(listed_values(&toks, 0).unwrap().0, ["draft", "published"]);
    }
}
