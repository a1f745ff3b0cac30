//! DROP: tables (with their triggers, rules and owned sequences), indexes,
//! sequences, types, schemas, and objects kept verbatim.

use super::nodes::{qualified, strings};
use super::rename::base_name;
use super::types::norm_ns;
use super::Importer;
use pg_query::protobuf::{DropStmt, ObjectType};
use pg_query::NodeEnum;

impl Importer {
    pub(crate) fn drop(&mut self, s: &DropStmt) {
        let ty = ObjectType::try_from(s.remove_type).unwrap_or(ObjectType::Undefined);
        for obj in &s.objects {
            let names = match obj.node.as_ref() {
                Some(NodeEnum::TypeName(t)) => strings(&t.names),
                _ => strings(&super::nodes::list_items(obj)),
            };
            let (schema, name) = qualified(&names);
            let ns = norm_ns(&schema);
            match ty {
                ObjectType::ObjectTable => match self.find_table(&schema, &name) {
                    Some(ti) => {
                        let t = self.schema.tables.remove(ti);
                        self.schema.sequences.retain(|q| {
                            !(q.owned_by.as_ref().is_some_and(|(o, _)| *o == t.name) && q.namespace == t.namespace)
                        });
                        if s.behavior == 2 {
                            for other in &mut self.schema.tables {
                                other
                                    .foreign_keys
                                    .retain(|f| !(f.ref_table == t.name && f.ref_namespace == t.namespace));
                            }
                        }
                        // Its triggers and rules go with it.
                        let suffix = format!(" on {}", t.name);
                        self.schema.opaque.retain(|o| {
                            !(matches!(o.kind.as_str(), "trigger" | "rule")
                                && o.name.ends_with(&suffix)
                                && o.namespace == t.namespace)
                        });
                    }
                    None => self.drop_opaque(&["table"], &schema, &name, s.missing_ok),
                },
                ObjectType::ObjectIndex => {
                    let mut found = false;
                    for t in self
                        .schema
                        .tables
                        .iter_mut()
                        .filter(|t| schema.is_empty() || t.namespace == ns)
                    {
                        let before = t.indexes.len();
                        t.indexes.retain(|i| i.name != name);
                        found |= t.indexes.len() != before;
                    }
                    if !found {
                        self.drop_opaque(&["index"], &schema, &name, true);
                    }
                }
                ObjectType::ObjectSequence => {
                    let before = self.schema.sequences.len();
                    self.schema
                        .sequences
                        .retain(|q| !(q.name == name && (schema.is_empty() || q.namespace == ns)));
                    if before == self.schema.sequences.len() && !s.missing_ok {
                        self.warn(format!("DROP SEQUENCE {name}: no such sequence"));
                    }
                }
                ObjectType::ObjectType => match self.find_enum(&schema, &name) {
                    Some(i) => {
                        self.schema.enums.remove(i);
                    }
                    None => self.drop_opaque(&["type"], &schema, &name, s.missing_ok),
                },
                ObjectType::ObjectDomain => self.drop_opaque(&["domain"], &schema, &name, s.missing_ok),
                ObjectType::ObjectView => self.drop_opaque(&["view"], &schema, &name, s.missing_ok),
                ObjectType::ObjectMatview => self.drop_opaque(&["materialized view"], &schema, &name, s.missing_ok),
                ObjectType::ObjectSchema => {
                    if s.behavior == 2 {
                        // CASCADE: everything in the schema goes with it.
                        let ns = Some(name.clone());
                        self.schema.tables.retain(|t| t.namespace != ns);
                        self.schema.enums.retain(|e| e.namespace != ns);
                        self.schema.sequences.retain(|q| q.namespace != ns);
                        self.schema.opaque.retain(|o| o.namespace != ns || o.kind == "schema");
                    }
                    self.drop_opaque(&["schema"], "", &name, s.missing_ok)
                }
                ObjectType::ObjectExtension => self.drop_opaque(&["extension"], "", &name, s.missing_ok),
                ObjectType::ObjectFunction | ObjectType::ObjectProcedure | ObjectType::ObjectAggregate => {
                    let name = super::opaque::object_with_args_name(obj);
                    self.drop_opaque(&["function", "procedure", "aggregate"], "", &name, s.missing_ok);
                }
                ObjectType::ObjectTrigger | ObjectType::ObjectRule | ObjectType::ObjectPolicy => {
                    // `[schema, table, name]`: the last is the object's name.
                    let table = names.len().checked_sub(2).map(|i| names[i].clone()).unwrap_or_default();
                    let table_schema = if names.len() > 2 {
                        names[0].clone()
                    } else {
                        String::new()
                    };
                    if ty == ObjectType::ObjectPolicy {
                        if let Some(ti) = self.find_table(&table_schema, &table) {
                            if let Some(rls) = &mut self.schema.tables[ti].row_security {
                                rls.policies.retain(|p| p.name != name);
                            }
                            continue;
                        }
                    }
                    let kind = if ty == ObjectType::ObjectTrigger {
                        "trigger"
                    } else {
                        "rule"
                    };
                    let full = format!("{name} on {table}");
                    self.drop_opaque(&[kind], "", &full, s.missing_ok);
                }
                _ => {
                    let kind = super::opaque::object_kind(ty);
                    self.drop_opaque(&[kind], &schema, &name, s.missing_ok);
                }
            }
        }
    }

    fn drop_opaque(&mut self, kinds: &[&str], schema: &str, name: &str, missing_ok: bool) {
        let ns = norm_ns(schema);
        let before = self.schema.opaque.len();
        self.schema.opaque.retain(|o| {
            !(kinds.contains(&o.kind.as_str())
                && (o.name == name || base_name(&o.name) == name)
                && (schema.is_empty() || o.namespace == ns))
        });
        if before == self.schema.opaque.len() && !missing_ok {
            self.warn(format!(
                "DROP {} {name}: not an object this script created; kept verbatim",
                kinds[0]
            ));
            self.keep_opaque("drop", name);
        }
    }
}
