//! Deterministic synthetic specs of any size, for benchmarks and scale
//! tests. Every construct appears: settings with tenancy, soft delete and
//! audit, named and inline enums, required/optional/self/many-to-many
//! relations, traits, composite uniques and indexes, queries and volumes.
//! Required relations only point at earlier entities, so no cycle exists.

use std::fmt::Write;

/// A valid spec with `entities` entities (at least 2).
pub fn spec(entities: usize) -> String {
    let n = entities.max(2);
    let mut s = String::with_capacity(n * 400);
    s.push_str("settings {\n  dialect     = postgres 15\n  ids         = uuidv7\n  tenant      = Entity0\n  timestamps  = true\n  soft_delete = true\n  audit       = true\n}\n\n");
    let enums = (n / 50).max(1);
    for e in 0..enums {
        let _ = writeln!(s, "enum Kind{e} {{ alpha, beta, gamma, delta }}\n");
    }
    let _ = writeln!(s, "entity Entity0 @global {{\n  name text\n  slug slug @unique\n}}\n");
    for i in 1..n {
        let mut traits = String::new();
        if i % 20 == 0 {
            traits.push_str(" @global");
        } else if i % 13 == 0 {
            traits.push_str(" @append_only");
        } else if i % 7 == 0 {
            traits.push_str(" @versioned");
        }
        let _ = writeln!(s, "entity Entity{i}{traits} {{");
        let _ = writeln!(s, "  name     string(200)");
        let _ = writeln!(s, "  code     string(32) @unique");
        let _ = writeln!(s, "  amount   money?");
        let _ = writeln!(s, "  state    enum(open, closed, archived) = open");
        let _ = writeln!(s, "  kind     Kind{} = alpha", i % enums);
        let _ = writeln!(s, "  due      date?");
        let _ = writeln!(s, "  contact  email?");
        let global = i % 20 == 0;
        if i > 1 && !global {
            let parent = 1 + (i * 7919) % (i - 1);
            let _ = writeln!(s, "  parent   -> Entity{parent}");
        }
        if i > 2 {
            let other = 1 + (i * 104_729) % (i - 1);
            let _ = writeln!(s, "  related  -> Entity{other}?");
        }
        if i % 5 == 0 {
            let _ = writeln!(s, "  previous -> Entity{i}?");
        }
        if i % 10 == 0 && i > 3 {
            let _ = writeln!(s, "  links    <-> Entity{}", i / 2);
        }
        let _ = writeln!(s, "  @@index(state, due)");
        let _ = writeln!(s, "}}\n");
    }
    for q in 0..(n / 10).max(1) {
        let table = 1 + (q * 37) % (n - 1);
        let _ = writeln!(
            s,
            "query q{q} \"lookup {q}\" {{\n  sql  = \"SELECT * FROM entity{table}s WHERE state = $1 AND deleted_at IS NULL ORDER BY created_at DESC\"\n  rate = {}/s\n}}\n",
            q + 1
        );
    }
    for v in (1..n).step_by(25) {
        let _ = writeln!(s, "volume Entity{v} = {}K", v * 10);
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_specs_are_valid() {
        for n in [2, 10, 120] {
            let src = super::spec(n);
            let checked = crate::check(&src);
            assert!(
                checked.spec.is_some(),
                "{}",
                crate::render(&checked.diagnostics, "synthetic", &src, false)
            );
        }
    }
}
