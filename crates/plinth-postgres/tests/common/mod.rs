//! Helpers shared by the emitter tests.

use plinth_model::Schema;

/// Designs a spec given as text; panics with rendered diagnostics if invalid.
pub fn design(src: &str) -> Schema {
    let checked = plinth_spec::check(src);
    match checked.spec {
        Some(spec) => plinth_design::design(&spec),
        None => panic!(
            "{}",
            plinth_spec::render(&checked.diagnostics, "test.plinth", src, false)
        ),
    }
}

/// The SQL and the decision log, as one snapshot text.
pub fn sql_and_decisions(src: &str) -> String {
    let schema = design(src);
    let mut out = plinth_postgres::emit_script(&schema);
    out.push_str("\n\n-- decisions:\n");
    for d in &schema.decisions {
        out.push_str(&format!("-- [{}] {}: {}\n", d.rule, d.subject, d.why));
    }
    out
}
