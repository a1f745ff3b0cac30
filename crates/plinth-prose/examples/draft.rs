//! Prints the draft of a description file: `cargo run -p plinth-prose --example draft -- FILE`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: draft FILE");
    let text = std::fs::read_to_string(&path).expect("readable file");
    match plinth_prose::draft(&text) {
        Ok(d) => print!("{}", d.spec),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
