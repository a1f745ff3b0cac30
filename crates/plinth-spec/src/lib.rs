//! The `.plinth` spec language: lexer, parser, validation, formatter and
//! diagnostics. Pure functions over strings, no IO, so the CLI, the LSP-ish
//! tooling and the tests all see the same behaviour.
//!
//! ```
//! let checked = plinth_spec::check("entity Task {\n  title text\n}\n");
//! let spec = checked.spec.expect("valid");
//! assert_eq!(spec.entities().count(), 1);
//! assert_eq!(plinth_spec::format(&spec.file), "entity Task {\n  title text\n}\n");
//! ```
//!
//! The language is documented in `docs/spec-language.md`.

pub mod accessors;
pub mod ast;
mod diagnostic;
mod format;
pub mod from_model;
mod lexer;
mod parser;
pub mod settings;
pub mod synthetic;
mod validate;

pub use accessors::{ColumnRef, EntityTraits};
pub use diagnostic::{edit_distance, line_col, render, Diagnostic, Severity};
pub use format::format;
pub use parser::ITEM_KEYWORDS;
pub use settings::*;
pub use validate::CODES;

/// Parse only (syntax); always returns a tree (possibly partial: items and
/// members with syntax errors are left out) plus syntax diagnostics.
pub fn parse(src: &str) -> (ast::SpecFile, Vec<Diagnostic>) {
    let parsed = parser::parse(src);
    let mut diags = parsed.diags;
    sort(&mut diags);
    (parsed.file, diags)
}

/// Result of [`check`].
#[derive(Debug, Clone)]
pub struct Checked {
    /// `Some` only when there are no Error-severity diagnostics.
    pub spec: Option<ValidSpec>,
    /// Errors and warnings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A spec that passed validation (see [`ast`] for what that guarantees),
/// with its typed settings.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidSpec {
    pub file: ast::SpecFile,
    pub settings: Settings,
}

/// Parse + validate. Validation also runs when there are syntax errors, on
/// the part of the tree that parsed, so one run reports as much as it can.
pub fn check(src: &str) -> Checked {
    let parser::Parsed {
        file,
        mut diags,
        broken_names,
    } = parser::parse(src);
    let settings = validate::validate(&file, &mut diags, broken_names);
    sort(&mut diags);
    let spec = if diags.iter().any(Diagnostic::is_error) {
        None
    } else {
        Some(ValidSpec { file, settings })
    };
    Checked {
        spec,
        diagnostics: diags,
    }
}

fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| (d.span.start, d.span.end));
}

/// `OrderItem` → `order_item`, `HTTPRequest` → `http_request`. The one
/// implementation lives in the model so validation and design agree.
pub use plinth_model::naming::snake_case;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_examples() {
        assert_eq!(snake_case("OrderItem"), "order_item");
        assert_eq!(snake_case("HTTPRequest"), "http_request");
        assert_eq!(snake_case("in_progress"), "in_progress");
        assert_eq!(snake_case("Task"), "task");
        assert_eq!(snake_case("userID"), "user_id");
        assert_eq!(snake_case("Address2"), "address2");
        assert_eq!(snake_case("V2Item"), "v2_item");
        assert_eq!(snake_case("Order Line"), "order_line");
        assert_eq!(snake_case("dueDate"), "due_date");
        assert_eq!(snake_case("_private"), "private");
    }
}
