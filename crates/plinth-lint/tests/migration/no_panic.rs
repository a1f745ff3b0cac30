//! No input panics: every crates.io migration, truncated at many points and
//! mutated, goes through the front end and every rule.

use super::corpus::crates_io;

fn boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[test]
fn truncated_and_mutated_corpus_migrations_never_panic() {
    let files = crates_io();
    assert!(files.len() >= 280, "{} files", files.len());
    let settings = super::pg(16);
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut inputs = 0;
    for m in &files {
        let sql = &m.sql;
        let mut variants = vec![sql.clone()];
        for k in 1..=4 {
            variants.push(sql[..boundary(sql, sql.len() * k / 5)].to_string());
        }
        for _ in 0..4 {
            let a = boundary(sql, next() as usize % (sql.len() + 1));
            let b = boundary(sql, a + next() as usize % 40);
            let mut m = sql.clone();
            match next() % 4 {
                0 => m.replace_range(a..b, ""),
                1 => m.insert_str(a, &sql[a..b]),
                2 => m.insert_str(a, ["'", "$$", "/*", "\"", ";", "(", "--"][next() as usize % 7]),
                _ => m.replace_range(a..b, &sql[a..b].to_uppercase()),
            }
            variants.push(m);
        }
        for v in &variants {
            let file = plinth_postgres::lint_ops::migration_file(v);
            for s in &file.statements {
                assert!(s.span.start <= s.span.end && s.span.end <= v.len());
                assert_eq!(s.sql, v[s.span.start..s.span.end]);
            }
            let _ = plinth_lint::migration::lint(&[file], &[], &settings);
            inputs += 1;
        }
    }
    assert!(inputs >= files.len() * 9);
}
