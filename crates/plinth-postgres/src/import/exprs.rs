//! Expressions kept as text, read again when a later statement changes
//! what they refer to: the server stores parsed trees, so a renamed column
//! is renamed inside checks and index expressions too, and dropping a
//! column drops the constraints and indexes whose expressions use it.

use super::nodes::deparse_expr;
use super::tables::column_refs;
use pg_query::protobuf::Node;
use pg_query::NodeEnum;

fn parse_expr(sql: &str) -> Option<Node> {
    let parsed = pg_query::parse(&format!("SELECT {sql}"), pg_query::ParserOptions::DEFAULT).ok()?;
    let stmt = parsed.protobuf.stmts.into_iter().next()?.stmt?;
    let NodeEnum::SelectStmt(select) = stmt.node? else {
        return None;
    };
    let target = select.target_list.into_iter().next()?;
    let NodeEnum::ResTarget(t) = target.node? else {
        return None;
    };
    t.val.map(|v| *v)
}

/// Does the expression use column `col`?
pub(crate) fn mentions(sql: &str, col: &str) -> bool {
    match parse_expr(sql) {
        Some(n) => {
            let mut refs = Vec::new();
            column_refs(&n, &mut refs);
            refs.iter().any(|r| r == col)
        }
        None => false,
    }
}

/// The expression with column `old` renamed to `new` (unchanged when it
/// does not use it or does not parse).
pub(crate) fn rename_column(sql: &str, old: &str, new: &str) -> String {
    let Some(mut n) = parse_expr(sql) else {
        return sql.to_string();
    };
    if !rename(&mut n, old, new) {
        return sql.to_string();
    }
    deparse_expr(&n).unwrap_or_else(|| sql.to_string())
}

fn rename_opt(x: &mut Option<Box<Node>>, old: &str, new: &str) -> bool {
    x.as_deref_mut().is_some_and(|x| rename(x, old, new))
}

fn rename_all(list: &mut [Node], old: &str, new: &str) -> bool {
    list.iter_mut().fold(false, |any, x| rename(x, old, new) | any)
}

fn rename(n: &mut Node, old: &str, new: &str) -> bool {
    let Some(node) = n.node.as_mut() else { return false };
    match node {
        NodeEnum::ColumnRef(c) => match c.fields.last_mut().and_then(|f| f.node.as_mut()) {
            Some(NodeEnum::String(s)) if s.sval == old => {
                s.sval = new.to_string();
                true
            }
            _ => false,
        },
        NodeEnum::AExpr(e) => rename_opt(&mut e.lexpr, old, new) | rename_opt(&mut e.rexpr, old, new),
        NodeEnum::TypeCast(t) => rename_opt(&mut t.arg, old, new),
        NodeEnum::NullTest(t) => rename_opt(&mut t.arg, old, new),
        NodeEnum::BooleanTest(t) => rename_opt(&mut t.arg, old, new),
        NodeEnum::CollateClause(c) => rename_opt(&mut c.arg, old, new),
        NodeEnum::AIndirection(i) => rename_opt(&mut i.arg, old, new),
        NodeEnum::SubLink(s) => rename_opt(&mut s.testexpr, old, new),
        NodeEnum::CaseExpr(c) => {
            rename_opt(&mut c.arg, old, new)
                | rename_opt(&mut c.defresult, old, new)
                | rename_all(&mut c.args, old, new)
        }
        NodeEnum::CaseWhen(w) => rename_opt(&mut w.expr, old, new) | rename_opt(&mut w.result, old, new),
        NodeEnum::BoolExpr(e) => rename_all(&mut e.args, old, new),
        NodeEnum::FuncCall(f) => rename_all(&mut f.args, old, new),
        NodeEnum::List(l) => rename_all(&mut l.items, old, new),
        NodeEnum::CoalesceExpr(c) => rename_all(&mut c.args, old, new),
        NodeEnum::MinMaxExpr(c) => rename_all(&mut c.args, old, new),
        NodeEnum::AArrayExpr(a) => rename_all(&mut a.elements, old, new),
        NodeEnum::RowExpr(r) => rename_all(&mut r.args, old, new),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_inside_expressions_only_the_column() {
        assert_eq!(
            rename_column("qty > 0 AND lower(name) <> ''", "name", "title"),
            "qty > 0 AND lower(title) <> ''"
        );
        assert_eq!(rename_column("qty > 0", "name", "title"), "qty > 0");
        assert!(mentions("coalesce(a, b) > 0", "b"));
        assert!(!mentions("coalesce(a, b) > 0", "c"));
    }
}
