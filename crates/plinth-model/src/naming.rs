//! Names: case conversion, inflection with an override list, and
//! deterministic shortening to an identifier length limit.

/// Words whose plural the inflection crate gets wrong for schema design,
/// or that are conventionally uncountable in table names.
const PLURAL_OVERRIDES: &[(&str, &str)] = &[
    ("person", "people"),
    ("data", "data"),
    ("datum", "data"),
    ("media", "media"),
    ("metadata", "metadata"),
    ("status", "statuses"),
    ("category", "categories"),
    ("index", "indexes"),
    ("canvas", "canvases"),
    ("criterion", "criteria"),
    ("child", "children"),
    ("staff", "staff"),
    ("feedback", "feedback"),
    ("information", "information"),
    ("settings", "settings"),
    ("analytics", "analytics"),
];

/// `OrderItem` → `order_item`, `HTTPRequest` → `http_request`,
/// `in_progress` → `in_progress`, `Order Line` → `order_line`.
pub fn snake_case(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            if c.is_uppercase() {
                let prev = if i > 0 { Some(chars[i - 1]) } else { None };
                let next = chars.get(i + 1).copied();
                let boundary = match prev {
                    Some(p) if p.is_lowercase() || p.is_ascii_digit() => true,
                    Some(p) if p.is_uppercase() => next.is_some_and(|n| n.is_lowercase()),
                    _ => false,
                };
                if boundary && !out.ends_with('_') && !out.is_empty() {
                    out.push('_');
                }
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// Plural of the last word of a snake_case name: `order_item` → `order_items`.
pub fn pluralize(snake: &str) -> String {
    let (head, last) = split_last_word(snake);
    let plural = PLURAL_OVERRIDES
        .iter()
        .find(|(s, _)| *s == last)
        .map(|(_, p)| (*p).to_string())
        .unwrap_or_else(|| {
            if PLURAL_OVERRIDES.iter().any(|(_, p)| *p == last) {
                last.to_string()
            } else {
                cruet::to_plural(last)
            }
        });
    format!("{head}{plural}")
}

/// Singular of the last word of a snake_case name: `categories` → `category`.
pub fn singularize(snake: &str) -> String {
    let (head, last) = split_last_word(snake);
    let singular = PLURAL_OVERRIDES
        .iter()
        .find(|(_, p)| *p == last)
        .map(|(s, _)| (*s).to_string())
        .unwrap_or_else(|| {
            if PLURAL_OVERRIDES.iter().any(|(s, _)| *s == last) {
                last.to_string()
            } else {
                cruet::to_singular(last)
            }
        });
    format!("{head}{singular}")
}

fn split_last_word(snake: &str) -> (&str, &str) {
    match snake.rfind('_') {
        Some(i) => (&snake[..=i], &snake[i + 1..]),
        None => ("", snake),
    }
}

/// 32-bit FNV-1a: tiny, stable across platforms and releases, enough to keep
/// shortened names apart.
pub fn fnv1a32(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Shortens `name` to at most `max_bytes` bytes by cutting it (on a char
/// boundary) and appending `_` + 8 hex digits of its hash. Names already
/// within the limit are returned unchanged.
pub fn fit_identifier(name: &str, max_bytes: usize) -> String {
    if name.len() <= max_bytes {
        return name.to_string();
    }
    let suffix = format!("_{:08x}", fnv1a32(name));
    let mut cut = max_bytes.saturating_sub(suffix.len());
    while cut > 0 && !name.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = name[..cut].trim_end_matches('_');
    format!("{head}{suffix}")
}

/// `<table>_<col>_<col>_<suffix>` as PostgreSQL names constraints by default.
pub fn object_name(table: &str, columns: &[&str], suffix: &str, max_bytes: usize) -> String {
    let mut name = String::from(table);
    for c in columns {
        name.push('_');
        name.push_str(c);
    }
    name.push('_');
    name.push_str(suffix);
    fit_identifier(&name, max_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_cases() {
        assert_eq!(snake_case("OrderItem"), "order_item");
        assert_eq!(snake_case("HTTPRequest"), "http_request");
        assert_eq!(snake_case("in_progress"), "in_progress");
        assert_eq!(snake_case("Order Line"), "order_line");
        assert_eq!(snake_case("userID"), "user_id");
        assert_eq!(snake_case("Address2"), "address2");
    }

    #[test]
    fn plurals_follow_overrides_then_inflection() {
        for (s, p) in [
            ("person", "people"),
            ("category", "categories"),
            ("status", "statuses"),
            ("data", "data"),
            ("media", "media"),
            ("task", "tasks"),
            ("order_item", "order_items"),
            ("address", "addresses"),
            ("child", "children"),
            ("lesson_progress", "lesson_progresses"),
        ] {
            assert_eq!(pluralize(s), p, "plural of {s}");
            assert_eq!(singularize(p), s, "singular of {p}");
        }
    }

    #[test]
    fn long_names_are_cut_with_a_stable_hash() {
        let long = "a".repeat(70);
        let fitted = fit_identifier(&long, 63);
        assert_eq!(fitted.len(), 63);
        assert_eq!(fitted, fit_identifier(&long, 63));
        assert_ne!(fitted, fit_identifier(&"a".repeat(71), 63));
        assert_eq!(fit_identifier("short", 63), "short");
        // multi-byte characters are never split
        let wide = "é".repeat(40);
        let f = fit_identifier(&wide, 63);
        assert!(f.len() <= 63 && f.is_char_boundary(f.len()));
    }
}
