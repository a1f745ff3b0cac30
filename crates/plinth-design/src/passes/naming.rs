//! Naming: snake_case identifiers, plural or singular table names through
//! inflection with an override list, verbatim names for quoted or `@map`ped
//! spec names, and every identifier fitted to the target's length limit.

use crate::context::Design;
use crate::lower::{arg_text, attr};
use plinth_model::naming::{fit_identifier, pluralize, snake_case};
use plinth_spec::ast::{Entity, EnumDecl, Field, Ident};
use plinth_spec::Naming;

/// Identifier limit used before the target is known (PostgreSQL's).
const MAX: usize = 63;

pub fn table_name(d: &Design, e: &Entity) -> String {
    if let Some(m) = attr(&e.attrs, "map").and_then(arg_text) {
        return fit_identifier(&m, MAX);
    }
    if e.name.quoted {
        return fit_identifier(&e.name.text, MAX);
    }
    let snake = snake_case(&e.name.text);
    let name = match d.settings.naming {
        Naming::SnakePlural => pluralize(&snake),
        Naming::SnakeSingular => snake,
    };
    fit_identifier(&name, MAX)
}

/// The table an entity had under its previous spec name (`@renamed_from`):
/// named like [`table_name`] (naming setting); a name with no capital
/// letter is taken as the old table name itself.
pub fn old_table_name(d: &Design, old: &str) -> String {
    if !old.chars().any(|c| c.is_ascii_uppercase()) {
        return fit_identifier(old, MAX);
    }
    let snake = snake_case(old);
    let name = match d.settings.naming {
        Naming::SnakePlural => pluralize(&snake),
        Naming::SnakeSingular => snake,
    };
    fit_identifier(&name, MAX)
}

/// The column a field had under its previous name (`@renamed_from`); for
/// a relation field, its `<old>_id` column (unless the old name already
/// ends in `_id`).
pub fn old_column_name(old: &str, relation: bool) -> String {
    let snake = snake_case(old);
    if relation && !snake.ends_with("_id") {
        return fit_identifier(&format!("{snake}_id"), MAX);
    }
    fit_identifier(&snake, MAX)
}

pub fn column_name(f: &Field) -> String {
    if let Some(m) = attr(&f.attrs, "map").and_then(arg_text) {
        return fit_identifier(&m, MAX);
    }
    if f.name.quoted {
        return fit_identifier(&f.name.text, MAX);
    }
    fit_identifier(&snake_case(&f.name.text), MAX)
}

/// `project -> Project` is stored in `project_id`.
pub fn relation_column_name(f: &Field) -> String {
    if let Some(m) = attr(&f.attrs, "map").and_then(arg_text) {
        return fit_identifier(&m, MAX);
    }
    if f.name.quoted {
        return fit_identifier(&f.name.text, MAX);
    }
    fit_identifier(&format!("{}_id", snake_case(&f.name.text)), MAX)
}

/// The column of a `->` field for one key column of its target: the usual
/// `<field>_id` for a surrogate `id`, else `<field>_<key column>`
/// (`book -> Book` with `isbn @id` is `book_isbn`); `@map` names the column
/// when the target's key has one column.
pub fn relation_key_column_name(f: &Field, key_column: &str, single: bool) -> String {
    if key_column == "id" || (single && attr(&f.attrs, "map").is_some()) {
        return relation_column_name(f);
    }
    let base = if f.name.quoted {
        f.name.text.clone()
    } else {
        snake_case(&f.name.text)
    };
    fit_identifier(&format!("{base}_{key_column}"), MAX)
}

/// A named enum's type name: `@map` if given, else from its name.
pub fn enum_decl_name(e: &EnumDecl) -> String {
    match attr(&e.attrs, "map").and_then(arg_text) {
        Some(m) => fit_identifier(&m, MAX),
        None => enum_type_name(&e.name),
    }
}

pub fn enum_type_name(name: &Ident) -> String {
    if name.quoted {
        fit_identifier(&name.text, MAX)
    } else {
        fit_identifier(&snake_case(&name.text), MAX)
    }
}

/// Names were chosen at lowering; this pass explains them.
pub fn run(d: &mut Design) {
    let style = match d.settings.naming {
        Naming::SnakePlural => "snake_case plural table names (a table holds many rows)",
        Naming::SnakeSingular => "snake_case singular table names",
    };
    d.schema.decide(
        "schema",
        "naming-convention",
        format!("Identifiers are {style}; quoted or @map names are kept verbatim; names longer than {MAX} bytes get a hash suffix because PostgreSQL would truncate them silently."),
    );
    let renamed: Vec<(String, String)> = d
        .schema
        .tables
        .iter()
        .filter_map(|t| {
            // Only names the inflector chose and that differ from adding an
            // `s` deserve a word; quoted and @map names were the user's.
            let e = t.entity.as_deref()?;
            let snake = snake_case(e);
            let inflected = t.name == pluralize(&snake) && d.settings.naming == Naming::SnakePlural;
            (inflected && t.name != format!("{snake}s")).then(|| (t.name.clone(), e.to_string()))
        })
        .collect();
    let shortened: Vec<(String, String)> = d
        .schema
        .tables
        .iter()
        .filter_map(|t| {
            let e = t.entity.as_deref()?;
            let full = [pluralize(&snake_case(e)), snake_case(e), e.to_string()];
            full.iter()
                .any(|f| f.len() > MAX && fit_identifier(f, MAX) == t.name)
                .then(|| (t.name.clone(), e.to_string()))
        })
        .collect();
    for (table, entity) in shortened {
        d.schema.decide(
            table.clone(),
            "naming-shortened",
            format!("`{entity}` would need more than {MAX} bytes, which PostgreSQL truncates silently (two long names could collide); it is cut and given a stable hash suffix."),
        );
    }
    for (table, entity) in renamed {
        d.schema.decide(
            table.clone(),
            "naming-inflection",
            format!("`{entity}` is stored in `{table}`: the inflection rules (with overrides for irregular and uncountable words) give that plural."),
        );
    }
}
