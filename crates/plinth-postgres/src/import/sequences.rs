//! CREATE / ALTER SEQUENCE with their options and OWNED BY.

use super::nodes::{int, list_items, range_var, strings};
use super::Importer;
use pg_query::protobuf::{AlterSeqStmt, CreateSeqStmt, DefElem, Node};
use pg_query::NodeEnum;
use plinth_model::{PhysicalType, Sequence};

fn def_elems(options: &[Node]) -> impl Iterator<Item = &DefElem> {
    options.iter().filter_map(|o| match o.node.as_ref() {
        Some(NodeEnum::DefElem(d)) => Some(&**d),
        _ => None,
    })
}

impl Importer {
    pub(crate) fn create_sequence(&mut self, s: &CreateSeqStmt) {
        let Some(rv) = &s.sequence else { return };
        let (schema, name) = range_var(rv);
        let namespace = self.create_ns(&schema);
        if s.if_not_exists
            && self
                .schema
                .sequences
                .iter()
                .any(|q| q.name == name && q.namespace == namespace)
        {
            return;
        }
        let mut seq = Sequence {
            namespace,
            name,
            data_type: PhysicalType::BigInt,
            start: None,
            increment: None,
            min_value: None,
            max_value: None,
            cache: None,
            cycle: false,
            owned_by: None,
            origin: Some(self.origin()),
        };
        self.apply_options(&mut seq, &s.options);
        self.schema.sequences.push(seq);
    }

    pub(crate) fn alter_sequence(&mut self, s: &AlterSeqStmt) {
        let Some(rv) = &s.sequence else { return };
        let (schema, name) = range_var(rv);
        let ns = self.create_ns(&schema);
        let pos = self
            .schema
            .sequences
            .iter()
            .position(|q| q.name == name && (schema.is_empty() || q.namespace == ns));
        let Some(i) = pos else {
            if !s.missing_ok {
                self.warn(format!(
                    "ALTER SEQUENCE {name}: no such sequence was created before; kept verbatim"
                ));
                self.keep_opaque("alter sequence", &name);
            }
            return;
        };
        let mut seq = self.schema.sequences[i].clone();
        self.apply_options(&mut seq, &s.options);
        self.schema.sequences[i] = seq;
    }

    fn apply_options(&mut self, seq: &mut Sequence, options: &[Node]) {
        for d in def_elems(options) {
            let arg = d.arg.as_deref();
            let value = arg.and_then(int);
            match d.defname.as_str() {
                "as" => {
                    if let Some(NodeEnum::TypeName(tn)) = arg.and_then(|a| a.node.as_ref()) {
                        seq.data_type = self.type_of(tn);
                    }
                }
                "start" => seq.start = value,
                "increment" => seq.increment = value,
                "minvalue" => seq.min_value = value,
                "maxvalue" => seq.max_value = value,
                "cache" => seq.cache = value,
                "cycle" => {
                    seq.cycle = match arg.and_then(|a| a.node.as_ref()) {
                        Some(NodeEnum::Boolean(b)) => b.boolval,
                        _ => arg.and_then(int).is_none_or(|v| v != 0),
                    }
                }
                "restart" => {}
                "owned_by" => {
                    let names = strings(&arg.map(list_items).unwrap_or_default());
                    seq.owned_by = match names.as_slice() {
                        [.., t, c] => {
                            if let [s, ..] = names.as_slice() {
                                if names.len() == 3 && super::types::norm_ns(s) != seq.namespace {
                                    self.warn("OWNED BY a table in another schema is kept as the table's name".into());
                                }
                            }
                            Some((t.clone(), c.clone()))
                        }
                        _ => None, // OWNED BY NONE
                    };
                }
                other => self.warn(format!("sequence option {other} is not modelled")),
            }
        }
    }
}
