//! `shape-eav`: an entity-attribute-value table.

use super::util::fk_columns;
use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "shape-eav",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Entity-attribute-value table (entity, attribute, value columns)",
        what: "Finds narrow tables that hold an entity reference, an attribute name (`attribute`, `key`, \
               `property`, `field`) and a generic `value` column.",
        why: "EAV stores every attribute as untyped text: no types, no NOT NULL, no CHECK, no foreign keys per \
              attribute, and every read is a pivot. It is a schema hidden inside data.",
        example: "CREATE TABLE product_attributes (product_id bigint REFERENCES products, attribute text, \
                  value text);",
        fix: "Make frequent attributes real columns; keep the open-ended rest in one jsonb column \
              (`attributes jsonb` with a GIN index), validated where it matters.",
    },
    check,
};

const ATTRIBUTE: &[&str] = &[
    "attribute",
    "attr",
    "attribute_name",
    "key",
    "property",
    "field",
    "attribute_id",
];
const VALUE: &[&str] = &[
    "value",
    "val",
    "value_text",
    "value_string",
    "attribute_value",
    "string_value",
];
const ENTITY: &[&str] = &[
    "entity",
    "entity_id",
    "entity_type",
    "object_id",
    "record_id",
    "owner_id",
];

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        let has = |names: &[&str]| {
            table
                .columns
                .iter()
                .find(|c| names.contains(&c.name.to_ascii_lowercase().as_str()))
        };
        let (Some(attr), Some(value)) = (has(ATTRIBUTE), has(VALUE)) else {
            continue;
        };
        let entity = has(ENTITY)
            .map(|c| c.name.as_str())
            .or_else(|| fk_columns(table).find(|c| *c != attr.name));
        let Some(entity) = entity else { continue };
        let fields = table
            .columns
            .iter()
            .filter(|c| !c.role.is_convention() && c.name != "id")
            .count();
        if fields > 6 {
            continue;
        }
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!(
                    "table {} stores attributes as rows ({entity}, {}, {})",
                    table.name, attr.name, value.name
                ),
            )
            .help("make frequent attributes columns; keep the open-ended rest in a jsonb column")
            .at(table.origin),
        );
    }
}
