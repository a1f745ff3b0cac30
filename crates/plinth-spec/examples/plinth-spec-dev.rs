//! Development helper: `cargo run -p plinth-spec --example plinth-spec-dev -- FILE`
//! prints the rendered diagnostics, or the formatted text when `--fmt` is given.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let fmt = args.iter().any(|a| a == "--fmt");
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        let src = std::fs::read_to_string(path).expect("read");
        if fmt {
            let (file, _) = plinth_spec::parse(&src);
            print!("{}", plinth_spec::format(&file));
        } else {
            let checked = plinth_spec::check(&src);
            print!("{}", plinth_spec::render(&checked.diagnostics, path, &src, false));
            println!("{}: {} diagnostics", path, checked.diagnostics.len());
        }
    }
}
