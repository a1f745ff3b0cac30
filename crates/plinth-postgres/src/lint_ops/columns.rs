//! Columns, constraints and defaults as the rules see them.

use super::expr;
use super::statements::name;
use crate::import::nodes::{string, strings};
use crate::import::types::physical;
use pg_query::protobuf::{self, ConstrType, Node};
use pg_query::NodeEnum;
use plinth_lint::migration::{ColumnDef, ConstraintDef, ConstraintKind, DefaultValue, Name, Op};

pub(super) fn create_table(s: &protobuf::CreateStmt) -> Op {
    let mut columns = Vec::new();
    let mut constraints = Vec::new();
    for e in &s.table_elts {
        match e.node.as_ref() {
            Some(NodeEnum::ColumnDef(c)) => columns.push(column(c)),
            Some(NodeEnum::Constraint(k)) => constraints.extend(constraint(k)),
            _ => {}
        }
    }
    Op::CreateTable {
        table: s.relation.as_ref().map(name).unwrap_or_else(|| Name::new("")),
        if_not_exists: s.if_not_exists,
        columns,
        constraints,
    }
}

/// The type as the model spells it (`integer`, `varchar(20)`,
/// `timestamp`), `serial` kept as written.
pub(super) fn type_name(tn: Option<&protobuf::TypeName>) -> String {
    let Some(tn) = tn else {
        return String::new();
    };
    if let [n] = strings(&tn.names).as_slice() {
        if serial_name(n) && tn.array_bounds.is_empty() {
            return n.clone();
        }
    }
    physical(tn, &|_, _| None).to_string().to_ascii_lowercase()
}

fn serial_name(n: &str) -> bool {
    matches!(
        n,
        "serial" | "serial4" | "bigserial" | "serial8" | "smallserial" | "serial2"
    )
}

pub(super) fn column(c: &protobuf::ColumnDef) -> ColumnDef {
    let type_name = type_name(c.type_name.as_ref());
    let mut col = ColumnDef {
        name: c.colname.clone(),
        identity: serial_name(&type_name) || !c.identity.is_empty(),
        type_name,
        not_null: c.is_not_null,
        default: c.raw_default.as_deref().map(default),
        generated_stored: c.generated == "s",
        primary_key: false,
        unique: false,
        references: None,
    };
    for k in &c.constraints {
        let Some(NodeEnum::Constraint(k)) = k.node.as_ref() else {
            continue;
        };
        match ConstrType::try_from(k.contype).unwrap_or(ConstrType::Undefined) {
            ConstrType::ConstrNotnull => col.not_null = true,
            ConstrType::ConstrPrimary => {
                col.primary_key = true;
                col.not_null = true;
            }
            ConstrType::ConstrUnique => col.unique = true,
            ConstrType::ConstrDefault => col.default = k.raw_expr.as_deref().map(default),
            ConstrType::ConstrIdentity => col.identity = true,
            // Only stored generated columns exist before PostgreSQL 18; a
            // virtual one (18) is computed on read.
            ConstrType::ConstrGenerated => col.generated_stored = k.generated_kind != "v",
            ConstrType::ConstrForeign => col.references = k.pktable.as_ref().map(name),
            _ => {}
        }
    }
    col
}

/// A default, with whether PostgreSQL must evaluate it per row.
pub(super) fn default(n: &Node) -> DefaultValue {
    DefaultValue {
        sql: expr::text(n),
        volatile: volatile(n),
    }
}

/// Functions known to be volatile (evaluated per row).
const VOLATILE: &[&str] = &[
    "random",
    "clock_timestamp",
    "timeofday",
    "gen_random_uuid",
    "uuid_generate_v1",
    "uuid_generate_v1mc",
    "uuid_generate_v4",
    "uuidv4",
    "uuidv7",
    "nextval",
    "setval",
    "txid_current",
    "random_normal",
];

/// Functions known to be stable or immutable: evaluated once for the whole
/// ADD COLUMN, so no rewrite.
const NOT_VOLATILE: &[&str] = &[
    "now",
    "transaction_timestamp",
    "statement_timestamp",
    "current_setting",
    "lower",
    "upper",
    "concat",
    "coalesce",
    "make_interval",
    "to_jsonb",
    "to_json",
    "jsonb_build_object",
    "json_build_object",
    "jsonb_build_array",
    "array_to_json",
    "to_timestamp",
    "to_date",
    "date_trunc",
    "length",
    "abs",
];

/// Whether the expression calls a volatile function. A function this list
/// does not know counts as volatile: CREATE FUNCTION defaults to VOLATILE.
fn volatile(n: &Node) -> bool {
    let mut found = false;
    walk(n, &mut |f: &protobuf::FuncCall| {
        let fname = strings(&f.funcname);
        let last = fname.last().map(String::as_str).unwrap_or("");
        if VOLATILE.contains(&last) || !NOT_VOLATILE.contains(&last) {
            found = true;
        }
    });
    found
}

/// Visits every function call in an expression (the shapes defaults use).
fn walk(n: &Node, visit: &mut dyn FnMut(&protobuf::FuncCall)) {
    let go = |x: &Option<Box<Node>>, visit: &mut dyn FnMut(&protobuf::FuncCall)| {
        if let Some(x) = x {
            walk(x, visit);
        }
    };
    match n.node.as_ref() {
        Some(NodeEnum::FuncCall(f)) => {
            visit(f);
            for a in &f.args {
                walk(a, visit);
            }
        }
        Some(NodeEnum::TypeCast(c)) => go(&c.arg, visit),
        Some(NodeEnum::AExpr(e)) => {
            go(&e.lexpr, visit);
            go(&e.rexpr, visit);
        }
        Some(NodeEnum::BoolExpr(b)) => b.args.iter().for_each(|a| walk(a, visit)),
        Some(NodeEnum::CoalesceExpr(c)) => c.args.iter().for_each(|a| walk(a, visit)),
        Some(NodeEnum::AArrayExpr(a)) => a.elements.iter().for_each(|e| walk(e, visit)),
        Some(NodeEnum::CaseExpr(c)) => {
            go(&c.arg, visit);
            go(&c.defresult, visit);
            for w in &c.args {
                if let Some(NodeEnum::CaseWhen(w)) = w.node.as_ref() {
                    go(&w.expr, visit);
                    go(&w.result, visit);
                }
            }
        }
        // A subquery in a default is not allowed; anything else is a constant.
        _ => {}
    }
}

/// A table constraint (or an ALTER TABLE ADD CONSTRAINT).
pub(super) fn constraint(k: &protobuf::Constraint) -> Option<ConstraintDef> {
    let keys = |l: &[Node]| l.iter().filter_map(string).map(str::to_string).collect::<Vec<_>>();
    let using_index = (!k.indexname.is_empty()).then(|| k.indexname.clone());
    let kind = match ConstrType::try_from(k.contype).unwrap_or(ConstrType::Undefined) {
        ConstrType::ConstrPrimary => ConstraintKind::PrimaryKey {
            columns: keys(&k.keys),
            using_index,
        },
        ConstrType::ConstrUnique => ConstraintKind::Unique {
            columns: keys(&k.keys),
            using_index,
        },
        ConstrType::ConstrForeign => ConstraintKind::ForeignKey {
            columns: keys(&k.fk_attrs),
            references: k.pktable.as_ref().map(name).unwrap_or_else(|| Name::new("")),
            ref_columns: keys(&k.pk_attrs),
        },
        ConstrType::ConstrCheck => ConstraintKind::Check {
            expr: k.raw_expr.as_deref().map(expr::text).unwrap_or_default(),
            not_null_of: k.raw_expr.as_deref().and_then(is_not_null_of),
        },
        ConstrType::ConstrExclusion => ConstraintKind::Exclude,
        _ => return None,
    };
    Some(ConstraintDef {
        name: (!k.conname.is_empty()).then(|| k.conname.clone()),
        kind,
        not_valid: k.skip_validation,
    })
}

/// `col IS NOT NULL` → `col`.
fn is_not_null_of(n: &Node) -> Option<String> {
    let Some(NodeEnum::NullTest(t)) = n.node.as_ref() else {
        return None;
    };
    if t.nulltesttype != protobuf::NullTestType::IsNotNull as i32 {
        return None;
    }
    match t.arg.as_deref()?.node.as_ref()? {
        NodeEnum::ColumnRef(c) => strings(&c.fields).last().cloned(),
        _ => None,
    }
}
