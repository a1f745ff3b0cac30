//! Whether PostgreSQL can change a column's type without rewriting the table.

use crate::change::TypeChange;
use plinth_model::equality::type_key;
use plinth_model::PhysicalType as P;

/// `varchar(n)` → `text`, `varchar` or a larger `n`; `numeric(p,s)` → a
/// larger `p` with the same `s` or unconstrained `numeric`; `text` ↔
/// `varchar` without a limit; `varchar(n)` ↔ `text` spelled either way.
/// Everything else rewrites (int → bigint, timestamp → timestamptz, ...).
pub fn classify(from: &P, to: &P) -> TypeChange {
    let (a, b) = (type_key(from), type_key(to));
    let coercible = match (a.as_str(), b.as_str()) {
        (x, y) if x == y => true,
        ("character varying" | "text", "text" | "character varying") => true,
        (x, "text" | "character varying") if x.starts_with("character varying(") => true,
        (x, y) if x.starts_with("character varying(") && y.starts_with("character varying(") => length(x) <= length(y),
        (x, "numeric") if x.starts_with("numeric") => true,
        (x, y) if x.starts_with("numeric(") && y.starts_with("numeric(") => {
            let (p1, s1) = precision(x);
            let (p2, s2) = precision(y);
            s1 == s2 && p2 >= p1
        }
        _ => false,
    };
    if coercible {
        TypeChange::Coercible
    } else {
        TypeChange::Rewrite
    }
}

fn length(k: &str) -> u32 {
    k.trim_start_matches("character varying(")
        .trim_end_matches(')')
        .parse()
        .unwrap_or(u32::MAX)
}

fn precision(k: &str) -> (u32, u32) {
    let inner = k.trim_start_matches("numeric(").trim_end_matches(')');
    let mut parts = inner.split(',').map(|p| p.trim().parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widening_is_catalog_only_and_int_to_bigint_rewrites() {
        assert_eq!(
            classify(&P::Varchar(Some(10)), &P::Varchar(Some(20))),
            TypeChange::Coercible
        );
        assert_eq!(
            classify(&P::Varchar(Some(20)), &P::Varchar(Some(10))),
            TypeChange::Rewrite
        );
        assert_eq!(classify(&P::Varchar(Some(20)), &P::Text), TypeChange::Coercible);
        assert_eq!(classify(&P::Numeric(10, 2), &P::Numeric(12, 2)), TypeChange::Coercible);
        assert_eq!(classify(&P::Numeric(10, 2), &P::Numeric(12, 3)), TypeChange::Rewrite);
        assert_eq!(classify(&P::Integer, &P::BigInt), TypeChange::Rewrite);
        assert_eq!(classify(&P::Text, &P::Integer), TypeChange::Rewrite);
    }
}
