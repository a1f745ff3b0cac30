//! Cycles of required relations.
//!
//! If `A.b -> B` and `B.a -> A` are both required (NOT NULL foreign keys),
//! neither row can be inserted first. The implicit tenant column counts as
//! a required relation too: a tenant-scoped entity references the tenant.

use super::Ctx;
use crate::accessors::EntityTraits;
use crate::ast::*;
use crate::diagnostic::Diagnostic;
use crate::snake_case;
use std::collections::{HashMap, VecDeque};

struct Edge {
    from: usize,
    to: usize,
    span: Span,
    /// `Task.project -> Project`
    text: String,
    /// Field name and target, for the help example; `None` for the tenant edge.
    field: Option<(String, String)>,
}

pub(crate) fn check_cycles(file: &SpecFile, ctx: &mut Ctx) {
    // Nodes in file order (first declaration of each name).
    let mut nodes: Vec<&Entity> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for e in file.entities() {
        if !index.contains_key(e.name.text.as_str()) {
            index.insert(&e.name.text, nodes.len());
            nodes.push(e);
        }
    }
    let mut edges: Vec<Edge> = Vec::new();
    for (i, e) in nodes.iter().enumerate() {
        for f in e.fields() {
            if let FieldKind::Relation {
                target,
                nullable: false,
            } = &f.kind
            {
                if let Some(&j) = index.get(target.text.as_str()) {
                    edges.push(Edge {
                        from: i,
                        to: j,
                        span: Span::new(f.name.span.start, target.span.end),
                        text: format!("{}.{} -> {}", e.name.text, f.name.text, target.text),
                        field: Some((f.name.text.clone(), target.text.clone())),
                    });
                }
            }
        }
        if let Some(tenant) = ctx.settings.tenant.clone() {
            if let Some(&j) = index.get(tenant.as_str()) {
                if EntityTraits::resolve(e, &ctx.settings).tenant_scoped {
                    edges.push(Edge {
                        from: i,
                        to: j,
                        span: e.name.span,
                        text: format!("{}.{}_id -> {tenant} (tenant column)", e.name.text, snake_case(&tenant)),
                        field: None,
                    });
                }
            }
        }
    }
    let n = nodes.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut rev: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, e) in edges.iter().enumerate() {
        out[e.from].push(k);
        rev[e.to].push(k);
    }
    let comp = components(n, &edges, &out, &rev);

    // Required self-references: one report each.
    for e in edges.iter().filter(|e| e.from == e.to) {
        let (field, target) = e.field.clone().unwrap_or_default();
        ctx.push(
            Diagnostic::error(
                "spec::required-cycle",
                format!("required relations form a cycle: {}", e.text),
                e.span,
                "required reference to its own entity",
            )
            .with_help(format!(
                "make one side optional with `?` (`{field} -> {target}?`): the first row has nothing to point to"
            )),
        );
    }
    // Larger cycles: one report per strongly connected component.
    let mut reported = vec![false; n];
    for s in 0..n {
        let c = comp[s];
        if reported[c] || !(0..n).any(|v| v != s && comp[v] == c) {
            continue;
        }
        reported[c] = true;
        let Some(cycle) = shortest_cycle(s, &edges, &out, &comp) else {
            continue;
        };
        let names: Vec<&str> = cycle.iter().map(|&k| nodes[edges[k].from].name.text.as_str()).collect();
        let mut path = names.join(" -> ");
        path.push_str(&format!(" -> {}", names[0]));
        let first = &edges[cycle[0]];
        let example = cycle
            .iter()
            .find_map(|&k| edges[k].field.clone())
            .map(|(f, t)| format!(" (e.g. `{f} -> {t}?`)"))
            .unwrap_or_default();
        let mut d = Diagnostic::error(
            "spec::required-cycle",
            format!("required relations form a cycle: {path}"),
            first.span,
            format!("{} is required", first.text),
        )
        .with_help(format!(
            "make one side optional with `?`{example}, so one row can be inserted before the other"
        ));
        for &k in &cycle[1..] {
            d = d.with_related(edges[k].span, format!("{} is required", edges[k].text));
        }
        ctx.push(d);
    }
}

/// Strongly connected components (Kosaraju, iterative). Returns the
/// component id of every node.
fn components(n: usize, edges: &[Edge], out: &[Vec<usize>], rev: &[Vec<usize>]) -> Vec<usize> {
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    for root in 0..n {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        let mut stack = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            if *i < out[v].len() {
                let w = edges[out[v][*i]].to;
                *i += 1;
                if !seen[w] {
                    seen[w] = true;
                    stack.push((w, 0));
                }
            } else {
                order.push(v);
                stack.pop();
            }
        }
    }
    let mut comp = vec![usize::MAX; n];
    let mut next = 0;
    for &root in order.iter().rev() {
        if comp[root] != usize::MAX {
            continue;
        }
        comp[root] = next;
        let mut stack = vec![root];
        while let Some(v) = stack.pop() {
            for &k in &rev[v] {
                let u = edges[k].from;
                if comp[u] == usize::MAX {
                    comp[u] = next;
                    stack.push(u);
                }
            }
        }
        next += 1;
    }
    comp
}

/// Edges of a shortest cycle through `s` inside its component (BFS).
fn shortest_cycle(s: usize, edges: &[Edge], out: &[Vec<usize>], comp: &[usize]) -> Option<Vec<usize>> {
    let mut via: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([s]);
    while let Some(v) = queue.pop_front() {
        for &k in &out[v] {
            let w = edges[k].to;
            if comp[w] != comp[s] || w == v {
                continue;
            }
            if w == s {
                let mut path = vec![k];
                let mut cur = v;
                while cur != s {
                    let e = via[&cur];
                    path.push(e);
                    cur = edges[e].from;
                }
                path.reverse();
                return Some(path);
            }
            if let std::collections::hash_map::Entry::Vacant(slot) = via.entry(w) {
                slot.insert(k);
                queue.push_back(w);
            }
        }
    }
    None
}
