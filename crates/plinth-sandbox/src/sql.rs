//! Quoting helpers. Every identifier this crate writes into SQL goes through
//! [`ident`], because the schemas it verifies deliberately include hostile
//! names (`"user"`, `"Order ""Line"""`) and a bare name would silently fold
//! case or fail to parse.

/// A double-quoted identifier: `Order "Line"` → `"Order ""Line"""`.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A single-quoted string literal. Assumes `standard_conforming_strings = on`
/// (the default since PostgreSQL 9.1), so backslashes need no escaping.
pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// `"public"."t"` for a table in a schema.
pub fn qualified(schema: &str, name: &str) -> String {
    format!("{}.{}", ident(schema), ident(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_hostile_names_and_literals() {
        assert_eq!(ident("user"), "\"user\"");
        assert_eq!(ident("Order \"Line\""), "\"Order \"\"Line\"\"\"");
        assert_eq!(literal("it's"), "'it''s'");
        assert_eq!(literal("a\\b"), "'a\\b'");
        assert_eq!(qualified("public", "MixedCase"), "\"public\".\"MixedCase\"");
    }
}
