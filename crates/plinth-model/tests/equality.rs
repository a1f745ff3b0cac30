//! Semantic equality: what it ignores (order, spelling) and what it
//! reports (anything that changes behaviour), readably.

use plinth_model::equality::{compare, CompareOptions, Report};
use plinth_model::*;

fn schema() -> Schema {
    let mut s = Schema::new(Target {
        dialect: DialectKind::Postgres,
        version: 15,
    });
    let mut t = Table::new("t");
    t.columns
        .push(Column::new("a", LogicalType::Int, PhysicalType::Integer));
    t.columns.push(Column::new("b", LogicalType::Text, PhysicalType::Text));
    s.tables.push(t);
    s
}

#[test]
fn order_and_type_aliases_are_ignored() {
    let a = schema();
    let mut b = schema();
    b.tables[0].columns.reverse();
    b.tables[0].columns[1].physical = PhysicalType::Other("int4".into());
    assert_eq!(compare(&a, &b, &CompareOptions::default()), vec![]);
}

#[test]
fn behaviour_changes_are_reported_readably() {
    let a = schema();
    let mut b = schema();
    b.tables[0].columns[0].nullable = true;
    b.tables[0].columns[1].default = Some(DefaultExpr::Sql("( 'x' )".into()));
    let d = compare(&a, &b, &CompareOptions::default());
    assert_eq!(d.len(), 2, "{}", Report(&d));
    let text = Report(&d).to_string();
    assert!(text.contains("table t column a: nullable differs"), "{text}");
    assert!(text.contains("B: 'x'"), "{text}");
}

#[test]
fn whitespace_and_outer_parentheses_in_expressions_do_not_count() {
    let mut a = schema();
    let mut b = schema();
    a.tables[0].columns[0].default = Some(DefaultExpr::Sql("(1 +  2)".into()));
    b.tables[0].columns[0].default = Some(DefaultExpr::Sql("1 + 2".into()));
    assert!(compare(&a, &b, &CompareOptions::default()).is_empty());
}

#[test]
fn index_names_count_only_when_asked() {
    let mut a = schema();
    a.tables[0]
        .indexes
        .push(Index::btree("t_a_idx", &["a"], IndexPurpose::Imported));
    let mut b = a.clone();
    b.tables[0].indexes[0].name = "other_name".into();
    assert!(compare(&a, &b, &CompareOptions::default()).is_empty());
    let named = CompareOptions {
        index_names: true,
        ..CompareOptions::default()
    };
    assert_eq!(compare(&a, &b, &named).len(), 2);
    b.tables[0].indexes[0].elements[0].descending = true;
    assert_eq!(
        compare(&a, &b, &CompareOptions::default()).len(),
        2,
        "one index only in each"
    );
}

#[test]
fn sequence_defaults_equal_their_explicit_values() {
    let seq = |start, max| Sequence {
        namespace: None,
        name: "s".into(),
        data_type: PhysicalType::Integer,
        start,
        increment: None,
        min_value: None,
        max_value: max,
        cache: None,
        cycle: false,
        owned_by: None,
        origin: None,
    };
    let mut a = schema();
    let mut b = schema();
    a.sequences.push(seq(None, None));
    b.sequences.push(seq(Some(1), Some(i32::MAX as i64)));
    assert!(compare(&a, &b, &CompareOptions::default()).is_empty());
    b.sequences[0].start = Some(10);
    assert_eq!(compare(&a, &b, &CompareOptions::default()).len(), 1);
}

#[test]
fn triggers_and_routines_of_designed_schemas_are_compared() {
    let mut a = schema();
    a.routines.push(Routine {
        name: "touch".into(),
        kind: RoutineKind::BumpVersion,
    });
    a.tables[0].triggers.push(Trigger {
        name: "t_touch".into(),
        timing: TriggerTiming::Before,
        events: vec![TriggerEvent::Update],
        routine: "touch".into(),
        args: vec![],
    });
    let mut b = a.clone();
    b.tables[0].triggers[0].timing = TriggerTiming::After;
    b.routines[0].kind = RoutineKind::RejectChange;
    let d = compare(&a, &b, &CompareOptions::default());
    assert_eq!(d.len(), 2, "{}", Report(&d));
}

#[test]
fn a_boolean_default_spelled_as_text_is_the_boolean() {
    let mut a = schema();
    a.tables[0].columns[0].physical = PhysicalType::Boolean;
    let mut b = a.clone();
    a.tables[0].columns[0].default = Some(DefaultExpr::Sql("'f'".into()));
    b.tables[0].columns[0].default = Some(DefaultExpr::Literal(Literal::Bool(false)));
    assert!(compare(&a, &b, &CompareOptions::default()).is_empty());
}

#[test]
fn a_cast_on_a_lone_literal_default_is_spelling() {
    let mut a = schema();
    let mut b = schema();
    a.tables[0].columns[1].default = Some(DefaultExpr::Sql("'x'::text".into()));
    b.tables[0].columns[1].default = Some(DefaultExpr::Literal(Literal::Str("x".into())));
    assert!(compare(&a, &b, &CompareOptions::default()).is_empty());
    b.tables[0].columns[1].default = Some(DefaultExpr::Sql("'x'::text || 'y'".into()));
    assert_eq!(compare(&a, &b, &CompareOptions::default()).len(), 1);
}

#[test]
fn sqlite_table_options_and_autoincrement_are_behaviour() {
    let a = schema();
    let mut b = schema();
    b.tables[0].options = vec!["without  rowid".into(), "STRICT".into()];
    b.tables[0].columns[0].autoincrement = true;
    let d = compare(&a, &b, &CompareOptions::default());
    assert_eq!(d.len(), 2, "{}", Report(&d));
    let text = Report(&d).to_string();
    assert!(text.contains("table t: options differs"), "{text}");
    assert!(text.contains("B: STRICT, WITHOUT ROWID"), "{text}");
    assert!(text.contains("table t column a: autoincrement differs"), "{text}");
    // The same options in another order and case are the same table.
    let mut c = b.clone();
    c.tables[0].options = vec!["strict".into(), "WITHOUT ROWID".into()];
    assert_eq!(compare(&b, &c, &CompareOptions::default()), vec![]);
}

#[test]
fn an_on_update_value_is_behaviour() {
    let a = schema();
    let mut b = schema();
    b.tables[0].columns[0].on_update = Some(DefaultExpr::Now);
    let d = compare(&a, &b, &CompareOptions::default());
    assert_eq!(d.len(), 1, "{}", Report(&d));
    assert!(Report(&d).to_string().contains("on update differs"), "{}", Report(&d));
    let mut c = a.clone();
    c.tables[0].columns[0].on_update = Some(DefaultExpr::Now);
    assert_eq!(compare(&b, &c, &CompareOptions::default()), vec![]);
}
