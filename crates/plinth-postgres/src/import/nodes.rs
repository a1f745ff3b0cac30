//! Small readers over pg_query's parse tree: names, constants, deparsing.

use pg_query::protobuf::{self, a_const, Node, ResTarget, SelectStmt};
use pg_query::NodeEnum;

/// The string inside a `String` node.
pub(crate) fn string(n: &Node) -> Option<&str> {
    match n.node.as_ref()? {
        NodeEnum::String(s) => Some(&s.sval),
        _ => None,
    }
}

/// Every `String` node of a list, e.g. a qualified name `[schema, name]`.
pub(crate) fn strings(list: &[Node]) -> Vec<String> {
    list.iter().filter_map(string).map(str::to_string).collect()
}

/// The items of a `List` node (or the node itself when it is not a list).
pub(crate) fn list_items(n: &Node) -> Vec<Node> {
    match n.node.as_ref() {
        Some(NodeEnum::List(l)) => l.items.clone(),
        Some(_) => vec![n.clone()],
        None => Vec::new(),
    }
}

/// An integer constant (`A_Const` integer or an `Integer` node).
pub(crate) fn int(n: &Node) -> Option<i64> {
    match n.node.as_ref()? {
        NodeEnum::Integer(i) => Some(i.ival as i64),
        NodeEnum::Float(f) => f.fval.parse().ok(),
        NodeEnum::AConst(c) => match c.val.as_ref()? {
            a_const::Val::Ival(i) => Some(i.ival as i64),
            a_const::Val::Fval(f) => f.fval.parse().ok(),
            _ => None,
        },
        NodeEnum::TypeCast(tc) => int(tc.arg.as_deref()?),
        NodeEnum::AExpr(e) if strings(&e.name) == ["-"] && e.lexpr.is_none() => Some(-int(e.rexpr.as_deref()?)?),
        _ => None,
    }
}

/// A string constant (`A_Const` string or `String`).
pub(crate) fn const_str(n: &Node) -> Option<String> {
    match n.node.as_ref()? {
        NodeEnum::String(s) => Some(s.sval.clone()),
        NodeEnum::AConst(c) => match c.val.as_ref()? {
            a_const::Val::Sval(s) => Some(s.sval.clone()),
            a_const::Val::Ival(i) => Some(i.ival.to_string()),
            a_const::Val::Fval(f) => Some(f.fval.clone()),
            a_const::Val::Boolval(b) => Some(b.boolval.to_string()),
            a_const::Val::Bsval(b) => Some(b.bsval.clone()),
        },
        NodeEnum::TypeCast(tc) => const_str(tc.arg.as_deref()?),
        _ => None,
    }
}

/// Deparses an expression to SQL text (pg_query's canonical spelling).
///
/// Why wrap it in `SELECT`: the deparser renders statements; an expression
/// is a statement's target. A deparser failure (never seen on parser
/// output, but C code) falls back to the given text.
pub(crate) fn deparse_expr(n: &Node) -> Option<String> {
    let select = SelectStmt {
        target_list: vec![Node {
            node: Some(NodeEnum::ResTarget(Box::new(ResTarget {
                val: Some(Box::new(n.clone())),
                ..Default::default()
            }))),
        }],
        // Enum fields must hold valid values (0 is "undefined" to the C side).
        op: protobuf::SetOperation::SetopNone as i32,
        limit_option: protobuf::LimitOption::Default as i32,
        ..Default::default()
    };
    deparse_stmt(NodeEnum::SelectStmt(Box::new(select)))?
        .strip_prefix("SELECT ")
        .map(str::to_string)
}

/// Deparses one statement node.
pub(crate) fn deparse_stmt(stmt: NodeEnum) -> Option<String> {
    let result = protobuf::ParseResult {
        version: 180000,
        stmts: vec![protobuf::RawStmt {
            stmt: Some(Box::new(Node { node: Some(stmt) })),
            stmt_location: 0,
            stmt_len: 0,
        }],
    };
    std::panic::catch_unwind(|| pg_query::deparse(&result, Default::default()))
        .ok()?
        .ok()
}

/// `RangeVar` → (schema, name), schema empty when unqualified.
pub(crate) fn range_var(rv: &protobuf::RangeVar) -> (String, String) {
    (rv.schemaname.clone(), rv.relname.clone())
}

/// `[schema, name]` or `[name]` → (schema or "", name).
pub(crate) fn qualified(list: &[String]) -> (String, String) {
    match list {
        [] => (String::new(), String::new()),
        [n] => (String::new(), n.clone()),
        [.., s, n] => (s.clone(), n.clone()),
    }
}
