//! ALTER TABLE: added and dropped columns, constraints and indexes,
//! modified and renamed columns. Anything else is kept verbatim with a
//! located warning.

use super::tables::split_name;
use super::{Importer, Stmt};
use crate::canonical::table_collation;
use sqlparser::ast::{AlterTableOperation, ColumnDef, ColumnOptionDef, MySQLColumnPosition, Statement};

impl Importer<'_> {
    pub(super) fn alter_table(&mut self, st: &Stmt<'_>) {
        let Some(stmt) = self.parse(st, st.sql) else { return };
        let Statement::AlterTable(at) = stmt else {
            return self.unsupported(st, "not a plain ALTER TABLE");
        };
        let (_, name) = split_name(&at.name);
        let Some(mut table) = self.take_table(&name) else {
            return self.unsupported(st, &format!("ALTER TABLE of unknown table {name}"));
        };
        let coll = table_collation(&table).unwrap_or_else(|| self.current_collation());
        let mut kept_whole = false;
        for op in &at.operations {
            match op {
                AlterTableOperation::AddConstraint { constraint, .. } => self.constraint(st, &mut table, constraint),
                AlterTableOperation::AddColumn {
                    column_def,
                    column_position,
                    ..
                } => {
                    self.column(st, &mut table, column_def, &coll, false);
                    place(&mut table, &column_def.name.value, column_position.as_ref());
                }
                AlterTableOperation::ModifyColumn {
                    col_name,
                    data_type,
                    options,
                    column_position,
                } => {
                    let cd = column_def(col_name.clone(), data_type.clone(), options);
                    self.column(st, &mut table, &cd, &coll, false);
                    place(&mut table, &col_name.value, column_position.as_ref());
                }
                AlterTableOperation::ChangeColumn {
                    old_name,
                    new_name,
                    data_type,
                    options,
                    column_position,
                } => {
                    let pos = table.columns.iter().position(|c| c.name == old_name.value);
                    let cd = column_def(new_name.clone(), data_type.clone(), options);
                    table.columns.retain(|c| c.name != old_name.value);
                    self.column(st, &mut table, &cd, &coll, false);
                    if let (Some(p), Some(col)) = (pos, table.columns.pop()) {
                        table.columns.insert(p.min(table.columns.len()), col);
                    }
                    place(&mut table, &new_name.value, column_position.as_ref());
                }
                AlterTableOperation::DropColumn { column_names, .. } => {
                    for c in column_names {
                        table.columns.retain(|x| x.name != c.value);
                    }
                }
                AlterTableOperation::DropForeignKey { name, .. } => table.foreign_keys.retain(|f| f.name != name.value),
                AlterTableOperation::DropIndex { name } => {
                    table.indexes.retain(|i| i.name != name.value);
                    table.uniques.retain(|u| u.name != name.value);
                }
                AlterTableOperation::DropPrimaryKey { .. } => table.primary_key = None,
                other => {
                    if !kept_whole {
                        self.unsupported(st, &format!("`{other}` is not applied by the MySQL importer"));
                        kept_whole = true;
                    }
                }
            }
        }
        self.schema.tables.push(table);
    }
}

fn column_def(
    name: sqlparser::ast::Ident,
    data_type: sqlparser::ast::DataType,
    options: &[sqlparser::ast::ColumnOption],
) -> ColumnDef {
    ColumnDef {
        name,
        data_type,
        options: options
            .iter()
            .map(|o| ColumnOptionDef {
                name: None,
                option: o.clone(),
            })
            .collect(),
    }
}

/// `FIRST` / `AFTER other` moves a column.
fn place(table: &mut plinth_model::Table, name: &str, position: Option<&MySQLColumnPosition>) {
    let Some(position) = position else { return };
    let Some(from) = table.columns.iter().position(|c| c.name == name) else {
        return;
    };
    let col = table.columns.remove(from);
    let to = match position {
        MySQLColumnPosition::First => 0,
        MySQLColumnPosition::After(other) => table
            .columns
            .iter()
            .position(|c| c.name == other.value)
            .map_or(table.columns.len(), |i| i + 1),
    };
    table.columns.insert(to, col);
}
