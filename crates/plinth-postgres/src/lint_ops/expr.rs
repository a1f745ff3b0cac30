//! Expressions as text for messages (defaults, CHECKs, index expressions).
//!
//! Why not always the deparser: each deparse re-encodes the tree and calls
//! into C; on a 20,000-statement migration that was a tenth of the time.
//! The shapes migrations use (constants, casts, column references, calls,
//! operators, AND/OR/NOT, IS [NOT] NULL) are rendered here; anything else
//! goes to the deparser.

use crate::import::nodes::{deparse_expr, strings};
use crate::import::types::physical;
use pg_query::protobuf::{a_const, AExprKind, BoolExprType, Node, NullTestType};
use pg_query::NodeEnum;

/// The expression's SQL text (empty when even the deparser gives up).
pub(super) fn text(n: &Node) -> String {
    render(n, false).or_else(|| deparse_expr(n)).unwrap_or_default()
}

fn render(n: &Node, nested: bool) -> Option<String> {
    Some(match n.node.as_ref()? {
        NodeEnum::AConst(c) => match c.val.as_ref() {
            None => "NULL".into(),
            Some(a_const::Val::Ival(i)) => i.ival.to_string(),
            Some(a_const::Val::Fval(f)) => f.fval.clone(),
            Some(a_const::Val::Boolval(b)) => b.boolval.to_string(),
            Some(a_const::Val::Sval(s)) => format!("'{}'", s.sval.replace('\'', "''")),
            Some(a_const::Val::Bsval(b)) => b.bsval.clone(),
        },
        NodeEnum::ColumnRef(c) => {
            let fields = strings(&c.fields);
            if fields.len() != c.fields.len() {
                return None; // `t.*`
            }
            fields.join(".")
        }
        NodeEnum::TypeCast(c) => {
            let arg = render(c.arg.as_deref()?, true)?;
            format!("{arg}::{}", physical(c.type_name.as_ref()?, &|_, _| None))
        }
        NodeEnum::FuncCall(f) => {
            if f.agg_star || f.agg_distinct || f.over.is_some() || !f.agg_order.is_empty() || f.agg_filter.is_some() {
                return None;
            }
            let args = f.args.iter().map(|a| render(a, false)).collect::<Option<Vec<_>>>()?;
            format!("{}({})", strings(&f.funcname).join("."), args.join(", "))
        }
        NodeEnum::AExpr(e) if e.kind == AExprKind::AexprOp as i32 => {
            let op = strings(&e.name).join(".");
            let right = render(e.rexpr.as_deref()?, true)?;
            let text = match e.lexpr.as_deref() {
                Some(l) => format!("{} {op} {right}", render(l, true)?),
                None => format!("{op}{right}"),
            };
            paren(text, nested)
        }
        NodeEnum::BoolExpr(b) => {
            let args = b.args.iter().map(|a| render(a, true)).collect::<Option<Vec<_>>>()?;
            let text = match BoolExprType::try_from(b.boolop).ok()? {
                BoolExprType::AndExpr => args.join(" AND "),
                BoolExprType::OrExpr => args.join(" OR "),
                BoolExprType::NotExpr => format!("NOT {}", args.first()?),
                BoolExprType::Undefined => return None,
            };
            paren(text, nested)
        }
        NodeEnum::NullTest(t) => {
            let arg = render(t.arg.as_deref()?, true)?;
            let test = if t.nulltesttype == NullTestType::IsNull as i32 {
                "IS NULL"
            } else {
                "IS NOT NULL"
            };
            paren(format!("{arg} {test}"), nested)
        }
        _ => return None,
    })
}

fn paren(text: String, nested: bool) -> String {
    if nested {
        format!("({text})")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(sql: &str) -> Node {
        let parsed = pg_query::parse(&format!("SELECT {sql}"), pg_query::ParserOptions::DEFAULT).unwrap();
        let Some(NodeEnum::SelectStmt(s)) = parsed.protobuf.stmts[0].stmt.as_ref().unwrap().node.clone() else {
            panic!()
        };
        let Some(NodeEnum::ResTarget(r)) = s.target_list[0].node.clone() else {
            panic!()
        };
        *r.val.unwrap()
    }

    #[test]
    fn common_shapes_render_without_the_deparser() {
        for (sql, want) in [
            ("gen_random_uuid()", "gen_random_uuid()"),
            ("'it''s'", "'it''s'"),
            ("'new'::text", "'new'::text"),
            ("char_length(name) < 100", "char_length(name) < 100"),
            (
                "a >= 0 AND (b IS NOT NULL OR c = 'x')",
                "(a >= 0) AND ((b IS NOT NULL) OR (c = 'x'))",
            ),
            ("-1", "-1"),
            ("now()", "now()"),
        ] {
            assert_eq!(render(&expr(sql), false).as_deref(), Some(want), "{sql}");
        }
    }

    #[test]
    fn other_shapes_fall_back_to_the_deparser() {
        let n = expr("CASE WHEN a THEN 1 ELSE 2 END");
        assert!(render(&n, false).is_none());
        assert_eq!(text(&n), "CASE WHEN a THEN 1 ELSE 2 END");
    }
}
