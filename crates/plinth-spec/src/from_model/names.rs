//! Spec names that design back to the same physical names: a bare name
//! only when the naming convention reproduces the SQL name, otherwise a
//! quoted identifier (used verbatim by the design).

use plinth_model::naming::{pluralize, singularize, snake_case};

/// `[A-Za-z_][A-Za-z0-9_]*`
pub fn is_ident(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|f| f.is_ascii_alphabetic() || f == '_') && c.all(|x| x.is_ascii_alphanumeric() || x == '_')
}

/// A quoted identifier, `""` for a quote.
pub fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A spec string literal on one line.
pub fn string_lit(s: &str) -> String {
    quoted(&s.replace(['\n', '\r'], " "))
}

/// A field name whose column is exactly `column`: bare when snake_case
/// leaves it unchanged, quoted otherwise.
pub fn field(column: &str) -> String {
    if is_ident(column) && snake_case(column) == column && !column.starts_with('_') && !column.ends_with('_') {
        column.to_string()
    } else {
        quoted(column)
    }
}

/// `order_item` → `OrderItem`.
pub fn pascal(snake: &str) -> String {
    snake
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// The table a bare entity name gives under the naming setting.
pub fn table_of(entity: &str, plural: bool) -> String {
    let s = snake_case(entity);
    if plural {
        pluralize(&s)
    } else {
        s
    }
}

/// A bare entity name designing back to `table`, if there is one.
pub fn bare_entity(table: &str, plural: bool, hint: Option<&str>) -> Option<String> {
    if let Some(h) = hint.filter(|h| is_ident(h)) {
        if table_of(h, plural) == table {
            return Some(h.to_string());
        }
    }
    if !is_ident(table) {
        return None;
    }
    let cand = pascal(&if plural { singularize(table) } else { table.to_string() });
    (is_ident(&cand) && table_of(&cand, plural) == table).then_some(cand)
}

/// The spec name of a native or named enum type whose SQL name is `ty`.
pub fn enum_name(ty: &str) -> String {
    let cand = pascal(ty);
    if is_ident(&cand) && snake_case(&cand) == ty {
        cand
    } else {
        quoted(ty)
    }
}
