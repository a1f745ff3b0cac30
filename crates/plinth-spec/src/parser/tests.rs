//! Parser unit tests: tree shapes and recovery.

use crate::ast::*;
use crate::parse;

fn ok(src: &str) -> SpecFile {
    let (f, d) = parse(src);
    assert!(d.is_empty(), "unexpected diagnostics: {d:#?}");
    f
}

#[test]
fn entity_with_fields_and_relations() {
    let f = ok("entity Task @versioned {\n  title text\n  due date? = today() @index\n  project -> Project @on_delete(cascade)\n  tags <-> Tag\n  @@unique(project, title)\n}\n");
    let Item::Entity(e) = &f.items[0] else { panic!() };
    assert_eq!(e.name.text, "Task");
    assert_eq!(e.attrs[0].name.text, "versioned");
    assert_eq!(e.members.len(), 5);
    let Member::Field(due) = &e.members[1] else { panic!() };
    assert!(
        matches!(&due.kind, FieldKind::Scalar { ty: TypeExpr { kind: TypeKind::Date, .. }, nullable: true, default: Some(DefaultValue { kind: DefaultKind::Call(c), .. }) } if c == "today()")
    );
    let Member::Block(b) = &e.members[4] else { panic!() };
    assert_eq!(b.args.len(), 2);
}

#[test]
fn raw_check_args() {
    let f = ok("entity P {\n  price money @check(price > 0 AND note <> ')')\n  x int @check(\"x > 0\")\n}\n");
    let Item::Entity(e) = &f.items[0] else { panic!() };
    let Member::Field(p) = &e.members[0] else { panic!() };
    assert!(matches!(&p.attrs[0].args[0], AttrArg::Raw(r, _) if r == "price > 0 AND note <> ')'"));
    let Member::Field(x) = &e.members[1] else { panic!() };
    assert!(matches!(&x.attrs[0].args[0], AttrArg::Str(r, _) if r == "x > 0"));
}

#[test]
fn quoted_names() {
    let f = ok("entity \"Order \"\"Line\"\"\" {\n  \"Qty\" int\n}\n");
    let Item::Entity(e) = &f.items[0] else { panic!() };
    assert_eq!(e.name.text, "Order \"Line\"");
    assert!(e.name.quoted);
}

#[test]
fn comments_are_attached() {
    let f = ok(
        "// header\n\n// about A\nentity A { // trailing\n  // lead\n  x int // t\n\n  y int\n  // end\n}\n// bottom\n",
    );
    let Item::Entity(e) = &f.items[0] else { panic!() };
    assert_eq!(e.comments.detached, vec![vec!["header".to_string()]]);
    assert_eq!(e.comments.leading, vec!["about A".to_string()]);
    assert_eq!(e.comments.trailing.as_deref(), Some("trailing"));
    assert_eq!(e.comments.inner, vec!["end".to_string()]);
    let Member::Field(x) = &e.members[0] else { panic!() };
    assert_eq!(x.comments.leading, vec!["lead".to_string()]);
    assert_eq!(x.comments.trailing.as_deref(), Some("t"));
    let Member::Field(y) = &e.members[1] else { panic!() };
    assert!(y.comments.blank_line_before);
    assert_eq!(f.trailing_comments, vec!["bottom".to_string()]);
}

#[test]
fn settings_values() {
    let f =
        ok("settings {\n  dialect = postgres 15\n  money = decimal(19, 4)\n  tenant = Workspace\n  audit = true\n}\n");
    let Item::Settings(s) = &f.items[0] else { panic!() };
    assert!(matches!(&s.entries[0].value, SettingValue::IdentVersion(i, 15, _) if i.text == "postgres"));
    assert!(matches!(
        &s.entries[1].value,
        SettingValue::Type(TypeExpr {
            kind: TypeKind::Decimal(19, 4),
            ..
        })
    ));
}

#[test]
fn queries_and_volumes() {
    let f = ok("query board \"by status\" {\n  sql = \"\"\"\n    SELECT 1\n  \"\"\"\n  rate = 0.5/min\n}\nvolume Task = 10_000K\n");
    let Item::Query(q) = &f.items[0] else { panic!() };
    assert_eq!(q.sql, "SELECT 1");
    assert_eq!(q.description.as_deref(), Some("by status"));
    assert_eq!(q.rate.unwrap().per, RateUnit::Minute);
    let Item::Volume(v) = &f.items[1] else { panic!() };
    assert_eq!(v.rows, 10_000_000);
}

#[test]
fn enum_variants_comma_or_newline() {
    let f = ok("enum S @comment(\"s\") { a, b\n  c // third\n}\n");
    let Item::Enum(e) = &f.items[0] else { panic!() };
    assert_eq!(e.variants.len(), 3);
    assert_eq!(e.comments.entries[2].trailing.as_deref(), Some("third"));
}

#[test]
fn recovers_after_errors() {
    let (f, d) = parse("entity A {\n  x tetx ?? \n  y int\n}\nentiy B {\n  z int\n}\nentity C {\n  w int\n}\n");
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!(f.items.len(), 2);
}

#[test]
fn unterminated_block_before_next_item() {
    let (f, d) = parse("entity A {\n  x int\nentity B {\n  y int\n}\n");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "spec::unterminated-block");
    assert_eq!(f.items.len(), 2);
}
