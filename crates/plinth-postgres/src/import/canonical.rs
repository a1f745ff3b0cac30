//! A canonical spelling of SQL expressions, for semantic equality.
//!
//! Why: the server stores expressions rewritten (`x IN ('a','b')` comes back
//! as `x = ANY (ARRAY['a'::text, 'b'::text])`, `price >= 0` on a numeric as
//! `price >= (0)::numeric`, `lower(title)` on a varchar as
//! `lower((title)::text)`), so a file and the database it was loaded into
//! spell the same expression differently. Both sides are parsed with the
//! real grammar, rewritten the same way, and deparsed:
//! - casts of constants, of ARRAY[...] literals, and string-type casts of
//!   columns (implicit in the source) are dropped;
//! - `IN (...)` becomes `= ANY (ARRAY[...])`, `NOT IN` `<> ALL (...)`;
//! - `BETWEEN` becomes `>= AND <=`; `LIKE` becomes the `~~` operator;
//! - `pg_catalog.` and `public.` qualifiers are dropped.
//!
//! Text that does not parse is returned unchanged.

use super::nodes::{deparse_expr, strings};
use pg_query::protobuf::{AArrayExpr, AExpr, AExprKind, BoolExpr, BoolExprType, Node};
use pg_query::NodeEnum;

/// The canonical spelling of one expression.
pub fn normalize_expr(sql: &str) -> String {
    let Ok(parsed) = pg_query::parse(&format!("SELECT {sql}"), pg_query::ParserOptions::DEFAULT) else {
        return sql.to_string();
    };
    let mut stmts = parsed.protobuf.stmts;
    let Some(NodeEnum::SelectStmt(select)) = stmts.first_mut().and_then(|s| s.stmt.as_deref_mut()?.node.as_mut())
    else {
        return sql.to_string();
    };
    let Some(NodeEnum::ResTarget(target)) = select.target_list.first_mut().and_then(|t| t.node.as_mut()) else {
        return sql.to_string();
    };
    let Some(val) = target.val.as_deref_mut() else {
        return sql.to_string();
    };
    rewrite(val);
    deparse_expr(val).unwrap_or_else(|| sql.to_string())
}

/// Casts of a column the server prints for implicit coercions (varchar to
/// text, a domain to its base type, integer to numeric). Dropped on both
/// sides; an explicit cast of a column to one of these types is taken for
/// the same coercion, the one spelling this normaliser cannot tell apart.
const IMPLICIT_COLUMN_CASTS: &[&str] = &[
    "text", "varchar", "bpchar", "int2", "int4", "int8", "numeric", "float4", "float8",
];

fn is_const(n: &Node) -> bool {
    match n.node.as_ref() {
        Some(NodeEnum::AConst(_)) => true,
        Some(NodeEnum::TypeCast(t)) => t.arg.as_deref().is_some_and(is_const),
        Some(NodeEnum::AArrayExpr(a)) => a.elements.iter().all(is_const),
        _ => false,
    }
}

fn strip_schema(names: &mut Vec<Node>) {
    if names.len() > 1 {
        let first = strings(&names[..1]);
        if matches!(first.first().map(String::as_str), Some("pg_catalog" | "public")) {
            names.remove(0);
        }
    }
}

fn op(name: &str) -> Vec<Node> {
    vec![Node {
        node: Some(NodeEnum::String(pg_query::protobuf::String { sval: name.into() })),
    }]
}

fn rewrite(n: &mut Node) {
    let Some(node) = n.node.as_mut() else { return };
    // Children first.
    match node {
        NodeEnum::AExpr(e) => {
            e.lexpr.as_deref_mut().map(rewrite);
            e.rexpr.as_deref_mut().map(rewrite);
        }
        NodeEnum::BoolExpr(e) => e.args.iter_mut().for_each(rewrite),
        NodeEnum::FuncCall(f) => {
            f.args.iter_mut().for_each(rewrite);
            strip_schema(&mut f.funcname);
            // nextval('public.s') is nextval('s'): public is the default.
            let name = strings(&f.funcname);
            if matches!(name.last().map(String::as_str), Some("nextval" | "currval" | "setval")) {
                if let Some(NodeEnum::AConst(c)) = f.args.first_mut().and_then(|a| a.node.as_mut()) {
                    if let Some(pg_query::protobuf::a_const::Val::Sval(s)) = c.val.as_mut() {
                        if let Some(rest) = s.sval.strip_prefix("public.") {
                            s.sval = rest.to_string();
                        }
                    }
                }
            }
        }
        NodeEnum::TypeCast(t) => {
            t.arg.as_deref_mut().map(rewrite);
            if let Some(tn) = &mut t.type_name {
                strip_schema(&mut tn.names);
            }
        }
        NodeEnum::NullTest(t) => {
            t.arg.as_deref_mut().map(rewrite);
        }
        NodeEnum::BooleanTest(t) => {
            t.arg.as_deref_mut().map(rewrite);
        }
        NodeEnum::CollateClause(c) => {
            c.arg.as_deref_mut().map(rewrite);
        }
        NodeEnum::AIndirection(i) => {
            i.arg.as_deref_mut().map(rewrite);
        }
        NodeEnum::List(l) => l.items.iter_mut().for_each(rewrite),
        NodeEnum::CoalesceExpr(c) => c.args.iter_mut().for_each(rewrite),
        NodeEnum::MinMaxExpr(c) => c.args.iter_mut().for_each(rewrite),
        NodeEnum::AArrayExpr(a) => a.elements.iter_mut().for_each(rewrite),
        NodeEnum::RowExpr(r) => r.args.iter_mut().for_each(rewrite),
        NodeEnum::CaseExpr(c) => {
            c.arg.as_deref_mut().map(rewrite);
            c.args.iter_mut().for_each(rewrite);
            c.defresult.as_deref_mut().map(rewrite);
        }
        NodeEnum::CaseWhen(w) => {
            w.expr.as_deref_mut().map(rewrite);
            w.result.as_deref_mut().map(rewrite);
        }
        NodeEnum::SubLink(s) => {
            s.testexpr.as_deref_mut().map(rewrite);
        }
        _ => {}
    }
    // Then this node.
    let replacement: Option<Node> = match node {
        NodeEnum::TypeCast(t) => {
            let ty = t.type_name.as_ref().map(|tn| strings(&tn.names)).unwrap_or_default();
            let ty = ty.last().map(String::as_str).unwrap_or("");
            let arg = t.arg.as_deref();
            let drop = match arg.and_then(|a| a.node.as_ref()) {
                Some(NodeEnum::ColumnRef(_)) => IMPLICIT_COLUMN_CASTS.contains(&ty),
                Some(_) => arg.is_some_and(is_const),
                None => false,
            };
            if drop {
                t.arg.as_deref().cloned().map(|a| numeric_literal(a, ty))
            } else {
                None
            }
        }
        NodeEnum::AExpr(e) => rewrite_aexpr(e),
        NodeEnum::BoolExpr(b) if b.boolop != BoolExprType::NotExpr as i32 => {
            // `(a AND b) AND c` is `a AND b AND c` (the server flattens).
            let op = b.boolop;
            let args = std::mem::take(&mut b.args);
            for a in args {
                match a.node {
                    Some(NodeEnum::BoolExpr(inner)) if inner.boolop == op => b.args.extend(inner.args),
                    _ => b.args.push(a),
                }
            }
            None
        }
        _ => None,
    };
    if let Some(r) = replacement {
        *n = r;
    }
}

/// `'-1'::integer` is the number -1: a quoted number cast to a numeric
/// type becomes the number.
fn numeric_literal(n: Node, ty: &str) -> Node {
    use pg_query::protobuf::{a_const::Val, AConst, Float, Integer};
    let Some(NodeEnum::AConst(c)) = n.node.as_ref() else {
        return n;
    };
    let Some(Val::Sval(s)) = c.val.as_ref() else { return n };
    let val = match ty {
        "int2" | "int4" | "int8" => s
            .sval
            .trim()
            .parse::<i32>()
            .ok()
            .map(|i| Val::Ival(Integer { ival: i })),
        "numeric" | "float4" | "float8" => s.sval.trim().parse::<f64>().ok().map(|_| {
            if let Ok(i) = s.sval.trim().parse::<i32>() {
                Val::Ival(Integer { ival: i })
            } else {
                Val::Fval(Float {
                    fval: s.sval.trim().to_string(),
                })
            }
        }),
        _ => None,
    };
    match val {
        Some(v) => Node {
            node: Some(NodeEnum::AConst(AConst {
                val: Some(v),
                ..c.clone()
            })),
        },
        None => n,
    }
}

fn rewrite_aexpr(e: &mut AExpr) -> Option<Node> {
    let kind = AExprKind::try_from(e.kind).unwrap_or(AExprKind::Undefined);
    let name = strings(&e.name);
    match kind {
        AExprKind::AexprIn => {
            let items = match e.rexpr.as_deref().and_then(|r| r.node.as_ref()) {
                Some(NodeEnum::List(l)) => l.items.clone(),
                _ => return None,
            };
            let negated = name.first().map(String::as_str) == Some("<>");
            Some(Node {
                node: Some(NodeEnum::AExpr(Box::new(AExpr {
                    kind: if negated {
                        AExprKind::AexprOpAll
                    } else {
                        AExprKind::AexprOpAny
                    } as i32,
                    name: e.name.clone(),
                    lexpr: e.lexpr.clone(),
                    rexpr: Some(Box::new(Node {
                        node: Some(NodeEnum::AArrayExpr(AArrayExpr {
                            elements: items,
                            ..Default::default()
                        })),
                    })),
                    ..Default::default()
                }))),
            })
        }
        AExprKind::AexprLike | AExprKind::AexprIlike => {
            e.kind = AExprKind::AexprOp as i32;
            None
        }
        AExprKind::AexprBetween | AExprKind::AexprNotBetween => {
            let bounds = match e.rexpr.as_deref().and_then(|r| r.node.as_ref()) {
                Some(NodeEnum::List(l)) if l.items.len() == 2 => l.items.clone(),
                _ => return None,
            };
            let between = kind == AExprKind::AexprBetween;
            let cmp = |o: &str, rhs: &Node| Node {
                node: Some(NodeEnum::AExpr(Box::new(AExpr {
                    kind: AExprKind::AexprOp as i32,
                    name: op(o),
                    lexpr: e.lexpr.clone(),
                    rexpr: Some(Box::new(rhs.clone())),
                    ..Default::default()
                }))),
            };
            let (lo, hi) = if between { (">=", "<=") } else { ("<", ">") };
            Some(Node {
                node: Some(NodeEnum::BoolExpr(Box::new(BoolExpr {
                    boolop: if between {
                        BoolExprType::AndExpr
                    } else {
                        BoolExprType::OrExpr
                    } as i32,
                    args: vec![cmp(lo, &bounds[0]), cmp(hi, &bounds[1])],
                    ..Default::default()
                }))),
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_expr as n;

    #[test]
    fn server_rewrites_and_source_spellings_meet() {
        assert_eq!(
            n("status IN ('a', 'b')"),
            n("(status = ANY (ARRAY['a'::text, 'b'::text]))")
        );
        assert_eq!(n("price >= 0"), n("(price >= (0)::numeric)"));
        assert_eq!(n("lower(title)"), n("lower((title)::text)"));
        assert_eq!(n("x BETWEEN 1 AND 5"), n("((x >= 1) AND (x <= 5))"));
        assert_eq!(n("name LIKE 'a%'"), n("((name)::text ~~ 'a%'::text)"));
        assert_eq!(n("'G'::mpaa_rating"), n("'G'"));
        assert_eq!(n("pg_catalog.now()"), n("now()"));
        assert_eq!(n("nextval('public.s'::regclass)"), n("nextval('s'::regclass)"));
        assert_ne!(n("x > 1"), n("x >= 1"));
        assert_eq!(n("a BETWEEN 1 AND 2 AND b"), n("a >= 1 AND a <= 2 AND b"));
        assert_eq!(n("(score)::integer > 0"), n("score > 0"));
        assert_eq!(n("vote IN (-1, 0, 1)"), n("(vote = ANY (ARRAY['-1'::integer, 0, 1]))"));
    }
}
