//! The public API as other crates use it: typed settings, resolved traits,
//! column names, accessors, rendering.

use plinth_spec::ast::*;
use plinth_spec::*;

fn valid(src: &str) -> ValidSpec {
    let c = check(src);
    c.spec
        .unwrap_or_else(|| panic!("{}", render(&c.diagnostics, "t.plinth", src, false)))
}

#[test]
fn settings_are_typed_with_defaults() {
    let s = valid("entity A {\n  x int\n}\n").settings;
    assert_eq!(s, Settings::default());
    let s = valid(
        "settings {\n  dialect = postgres 18\n  ids = bigint_identity\n  naming = snake_singular\n  enums = native\n  money = decimal(12, 2)\n  soft_delete = true\n}\n",
    )
    .settings;
    assert_eq!(s.dialect.version, 18);
    assert_eq!(s.ids, IdStrategy::BigintIdentity);
    assert_eq!(s.naming, Naming::SnakeSingular);
    assert_eq!(s.enums, EnumStyle::Native);
    assert_eq!(s.money, (12, 2));
    assert!(s.soft_delete);
}

#[test]
fn traits_resolve_settings_and_attributes() {
    let spec = valid(
        "settings {\n  tenant = Org\n  soft_delete = true\n  audit = true\n}\nentity Org {\n  name text\n}\nentity Log @append_only {\n  line text\n}\nentity Doc @audit(false) @timestamps(false) {\n  body text\n}\n",
    );
    let org = spec.traits(spec.entity("Org").unwrap());
    assert!(org.is_tenant && !org.tenant_scoped);
    let log = spec.traits(spec.entity("Log").unwrap());
    assert!(log.tenant_scoped && log.append_only && !log.soft_delete && log.audit);
    let cols: Vec<String> = log
        .convention_columns(&spec.settings)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(cols, ["id", "org_id", "created_at", "created_by"]);
    let doc = spec.traits(spec.entity("Doc").unwrap());
    assert!(!doc.audit && !doc.timestamps && doc.soft_delete);
}

#[test]
fn column_names_follow_quoting_and_map() {
    let spec = valid(
        "entity U {\n  n text\n}\nentity A {\n  dueDate date\n  \"Qty\" int\n  owner -> U\n  \"Boss\" -> U?\n  other -> U? @map(\"other_user\")\n  tags <-> U\n}\n",
    );
    let a = spec.entity("A").unwrap();
    let cols: Vec<Option<String>> = a.fields().map(Field::column_name).collect();
    assert_eq!(
        cols,
        [
            Some("due_date".into()),
            Some("Qty".into()),
            Some("owner_id".into()),
            Some("Boss".into()),
            Some("other_user".into()),
            None
        ]
    );
    assert_eq!(a.explicit_table_name(), None);
}

#[test]
fn attribute_accessors() {
    let spec = valid(
        "entity T @map(\"tt\") @soft_delete(false) {\n  p int @check(p > 0) @default(1 + 1) @comment(\"points\")\n  @@index(p, created_at)\n}\n",
    );
    let t = spec.entity("T").unwrap();
    assert_eq!(t.explicit_table_name().as_deref(), Some("tt"));
    assert_eq!(t.attr("soft_delete").and_then(Attribute::bool_arg), Some(false));
    let p = t.field("p").unwrap();
    assert_eq!(p.attr("check").and_then(Attribute::sql_arg), Some("p > 0"));
    assert_eq!(p.attr("default").and_then(Attribute::sql_arg), Some("1 + 1"));
    assert_eq!(p.comment_attr(), Some("points"));
    let idx = t.block_attrs().next().unwrap();
    let args: Vec<&str> = idx.name_args().map(|i| i.text.as_str()).collect();
    assert_eq!(args, ["p", "created_at"]);
    assert!(matches!(
        spec.resolve_column_arg(t, "created_at"),
        Some(ColumnRef::Convention("created_at"))
    ));
    assert!(matches!(spec.resolve_column_arg(t, "p"), Some(ColumnRef::Field(_))));
    assert!(spec.resolve_column_arg(t, "nope").is_none());
}

#[test]
fn warnings_do_not_block() {
    let c = check("entity A @global {\n  x int @renamed_from(\"y\")\n}\n");
    assert!(c.spec.is_some());
    assert_eq!(c.diagnostics.len(), 1);
    assert!(c.diagnostics.iter().all(|d| d.severity == Severity::Warning));
}

#[test]
fn parse_returns_partial_tree_with_syntax_errors_only() {
    let (file, diags) = parse("entity A {\n  x tetx\n  y int = \n}\nentity B {}\n");
    // `tetx` is a semantic error (not reported by parse), `= ` a syntax error.
    assert_eq!(diags.len(), 1);
    assert_eq!(file.entities().count(), 2);
    assert_eq!(file.entity("A").unwrap().fields().count(), 1);
}

#[test]
fn render_with_and_without_color() {
    let src = "entity A {\n  x tetx\n}\n";
    let c = check(src);
    let plain = render(&c.diagnostics, "a.plinth", src, false);
    let color = render(&c.diagnostics, "a.plinth", src, true);
    assert!(!plain.contains('\u{1b}'));
    assert!(color.contains('\u{1b}'));
    assert!(plain.contains("a.plinth:2:5") && plain.contains("did you mean `text`?"));
}

#[test]
fn byte_order_mark_is_ignored() {
    assert!(check("\u{feff}entity A {\n  x int\n}\n").spec.is_some());
}

#[test]
fn snake_case_is_public() {
    assert_eq!(snake_case("OrderItem"), "order_item");
    assert_eq!(snake_case("HTTPRequest"), "http_request");
}
