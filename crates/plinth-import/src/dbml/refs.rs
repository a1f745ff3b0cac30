//! `Ref: a.b > c.d [delete: cascade]` and inline `ref:`, resolved once
//! every table is known.

use super::{src_ref, text_of, Endpoint, Parser, Ref};
use crate::lex::Tok;
use plinth_model::*;

impl Parser<'_, '_, '_> {
    pub(super) fn top_ref(&mut self, start: usize) {
        if !self.c.is(':') && !self.c.is('{') {
            self.c.name();
        }
        if self.c.eat(':') {
            self.ref_body(start);
        } else if self.open_block("Ref") {
            self.block_lines(start, |p| p.ref_body(start));
        } else {
            self.diag
                .warn(start..self.c.prev_end(), "expected `:` or `{` after `Ref`");
        }
    }

    fn endpoint(&mut self) -> Option<Endpoint> {
        let mut parts = vec![self.c.name()?];
        let mut columns = Vec::new();
        while self.c.eat('.') {
            if self.c.eat('(') {
                while let Some(n) = self.c.name() {
                    columns.push(n);
                    if !self.c.eat(',') {
                        break;
                    }
                }
                if !self.c.eat(')') {
                    return None;
                }
                break;
            }
            parts.push(self.c.name()?);
        }
        if columns.is_empty() {
            if parts.len() < 2 {
                return None;
            }
            columns.push(parts.pop()?);
        }
        Some(Endpoint { table: parts, columns })
    }

    fn ref_body(&mut self, start: usize) {
        let Some(from) = self.endpoint() else {
            self.diag
                .warn(start..self.c.span().end, "expected `table.column` in Ref");
            return self.c.skip_line();
        };
        let op = match (self.c.peek(), self.c.peek_at(1)) {
            (Some(Tok::Punct('<')), Some(Tok::Punct('>'))) => {
                self.c.next();
                "<>"
            }
            (Some(Tok::Punct('<')), _) => "<",
            (Some(Tok::Punct('>')), _) => ">",
            (Some(Tok::Punct('-')), _) => "-",
            _ => {
                self.diag.warn(self.c.span(), "expected `>`, `<`, `-` or `<>`");
                return self.c.skip_line();
            }
        };
        self.c.next();
        let Some(to) = self.endpoint() else {
            self.diag
                .warn(start..self.c.span().end, "expected `table.column` after the relation");
            return self.c.skip_line();
        };
        let settings = self.settings();
        self.refs.push(Ref {
            from,
            op: op.into(),
            to,
            settings,
            span: start..self.c.prev_end(),
        });
    }

    pub(super) fn resolve_refs(&mut self) {
        for r in std::mem::take(&mut self.refs) {
            let (Some(a), Some(b)) = (self.find_table(&r.from.table), self.find_table(&r.to.table)) else {
                self.diag
                    .warn(r.span.clone(), "reference to a table that is not defined");
                continue;
            };
            if r.from.columns.len() != r.to.columns.len() {
                self.diag
                    .warn(r.span.clone(), "the two sides of the reference differ in column count");
                continue;
            }
            let (child, ccols, parent, pcols) = match r.op.as_str() {
                "<" => (b, &r.to.columns, a, &r.from.columns),
                "<>" => {
                    self.junction(a, &r.from.columns, b, &r.to.columns, &r.span);
                    continue;
                }
                _ => (a, &r.from.columns, b, &r.to.columns),
            };
            let mut on_delete = FkAction::NoAction;
            let mut on_update = FkAction::NoAction;
            for s in &r.settings {
                let action = match text_of(&s.value).map(|v| v.to_ascii_lowercase()).as_deref() {
                    Some("cascade") => FkAction::Cascade,
                    Some("restrict") => FkAction::Restrict,
                    Some("set null") => FkAction::SetNull,
                    Some("set default") => FkAction::SetDefault,
                    Some("no action") => FkAction::NoAction,
                    _ => {
                        self.diag.warn(s.span.clone(), "referential action is not understood");
                        continue;
                    }
                };
                match s.key.as_str() {
                    "delete" => on_delete = action,
                    "update" => on_update = action,
                    _ => self
                        .diag
                        .warn(s.span.clone(), format!("ref setting `{}` is not understood", s.key)),
                }
            }
            let pt = &self.schema.tables[parent];
            let (pns, pname) = (pt.namespace.clone(), pt.name.clone());
            let t = &mut self.schema.tables[child];
            let mut fk = ForeignKey::new(
                format!("{}_{}_fkey", t.name, ccols.join("_")),
                ccols.clone(),
                pname,
                pcols.clone(),
                on_delete,
            );
            fk.on_update = on_update;
            fk.ref_namespace = pns;
            fk.origin = src_ref(&r.span);
            t.foreign_keys.push(fk);
        }
    }

    /// `<>`: a junction table `{a}_{b}` with `{a}_{col}` and `{b}_{col}`
    /// columns, as `@dbml/core` exports many-to-many references.
    fn junction(&mut self, a: usize, acols: &[String], b: usize, bcols: &[String], span: &std::ops::Range<usize>) {
        let (ta, tb) = (self.schema.tables[a].clone(), self.schema.tables[b].clone());
        let mut j = Table::new(format!("{}_{}", ta.name, tb.name));
        j.namespace = ta.namespace.clone();
        j.traits.junction = true;
        j.origin = src_ref(span);
        let mut pk = Vec::new();
        for (t, cols) in [(&ta, acols), (&tb, bcols)] {
            let mut mine = Vec::new();
            for c in cols {
                let ty = t.column(c).map_or(PhysicalType::Integer, |c| c.physical.clone());
                let name = format!("{}_{c}", t.name);
                j.columns
                    .push(Column::new(name.clone(), plinth_postgres::import::logical_for(&ty), ty));
                mine.push(name);
            }
            let mut fk = ForeignKey::new(
                format!("{}_{}_fkey", j.name, mine.join("_")),
                mine.clone(),
                t.name.clone(),
                cols.to_vec(),
                FkAction::NoAction,
            );
            fk.ref_namespace = t.namespace.clone();
            j.foreign_keys.push(fk);
            pk.extend(mine);
        }
        j.primary_key = Some(PrimaryKey {
            name: format!("{}_pkey", j.name),
            columns: pk,
        });
        self.schema.tables.push(j);
    }
}
