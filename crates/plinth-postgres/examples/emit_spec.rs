//! Developer aid: `cargo run -p plinth-postgres --example emit_spec -- FILE`
//! prints the DDL for a spec (the CLI does the same with diagnostics).
fn main() {
    let path = std::env::args().nth(1).expect("usage: emit_spec FILE");
    let src = std::fs::read_to_string(&path).expect("readable file");
    let checked = plinth_spec::check(&src);
    let Some(spec) = checked.spec else {
        eprint!("{}", plinth_spec::render(&checked.diagnostics, &path, &src, false));
        std::process::exit(2);
    };
    print!("{}", plinth_postgres::emit_script(&plinth_design::design(&spec)));
}
