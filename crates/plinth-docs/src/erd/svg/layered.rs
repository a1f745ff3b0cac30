//! A layered (Sugiyama-style) layout of boxes of any size, used once per
//! group and once for the whole diagram.
//!
//! 1. **Layers.** Edges are already oriented (upper, lower) and acyclic
//!    ([`orient`] breaks cycles). Each box goes to the first layer below all
//!    its upper neighbours that still has room under a width cap derived from
//!    the total box area and the wanted aspect ratio: wide layers wrap onto
//!    the next layer instead of making a diagram 30 screens wide. Boxes with
//!    no edge at all fill remaining room last.
//! 2. **Dummies.** An edge spanning several layers gets a dummy node in each
//!    layer it crosses, so it owns a slot there and never passes under a box.
//! 3. **Order.** Barycenter sweeps, down and up, keeping the order with the
//!    fewest crossings seen.
//! 4. **Coordinates.** Each sweep moves every node towards the mean x of its
//!    neighbours, then fits the layer with weighted isotonic regression
//!    (pool-adjacent-violators): the closest positions to the wanted ones
//!    that keep the order and the minimum gaps. Boxes of one layer therefore
//!    never overlap, and layers are separate horizontal bands.
//! 5. **Routes.** Ports are spread along the box's top or bottom side in the
//!    order of where the edge goes; a route runs straight down through its
//!    slots and bends only in the empty gaps between bands.
//!
//! Everything is index-ordered with explicit tie-breaks: same input, same
//! output.

/// Minimum gap between two boxes in a layer.
const GAP_X: f64 = 36.0;
/// Minimum gap next to a dummy (an edge passing through the layer).
const DUMMY_GAP: f64 = 14.0;
/// Base vertical gap between layers; grows with the edges crossing it.
const GAP_Y: f64 = 56.0;
const SWEEPS: usize = 24;
/// Distance between two ports on one side: room for a `0..1` label.
const PORT_MIN: f64 = 28.0;
const FIT_ROUNDS: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A table or a group block.
    Box,
    /// An attachment point on the top border (edges leaving a group upwards).
    PortTop,
    /// An attachment point on the bottom border.
    PortBottom,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    pub w: f64,
    pub h: f64,
    /// Extra room kept free on the right (self-reference loops).
    pub space_right: f64,
    pub kind: Kind,
}

/// An oriented edge; `*_port` fixes the attachment's x offset from the
/// node's left side (group blocks, whose ports come from the inner layout).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Edge {
    pub upper: usize,
    pub lower: usize,
    pub upper_port: Option<f64>,
    pub lower_port: Option<f64>,
}

pub(crate) struct Placed {
    /// Top-left of every input node.
    pub pos: Vec<(f64, f64)>,
    /// Width of every input node: at least the asked one, wider for many ports.
    pub widths: Vec<f64>,
    /// Per edge, from the upper node's bottom to the lower node's top.
    pub routes: Vec<Vec<(f64, f64)>>,
    pub width: f64,
    pub height: f64,
}

/// Which `(child, parent)` links must point upwards-reversed to make the
/// graph acyclic: a depth-first search in index order marks every link that
/// closes a cycle. Returns one flag per link.
pub(crate) fn orient(n: usize, links: &[(usize, usize)]) -> Vec<bool> {
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, &(c, _)) in links.iter().enumerate() {
        out_edges[c].push(i);
    }
    let mut reversed = vec![false; links.len()];
    let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        state[start] = 1;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&e) = out_edges[v].get(*next) {
                *next += 1;
                let p = links[e].1;
                match state[p] {
                    0 => {
                        state[p] = 1;
                        stack.push((p, 0));
                    }
                    1 => reversed[e] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    reversed
}

/// One node of the layered graph: an input node or a dummy.
struct VNode {
    layer: usize,
    w: f64,
    space: f64,
    dummy: bool,
    /// (neighbour, own attachment offset, neighbour's attachment offset).
    up: Vec<(usize, f64, f64)>,
    down: Vec<(usize, f64, f64)>,
}

pub(crate) fn place(nodes: &[Node], edges: &[Edge], layer_only: &[(usize, usize)], aspect: f64) -> Placed {
    // A box wide enough for a labelled port per line on its busiest side, so
    // the cardinality labels of a much-referenced table do not pile up.
    let mut wide = nodes.to_vec();
    let (mut top, mut bottom) = (vec![0usize; nodes.len()], vec![0usize; nodes.len()]);
    for e in edges {
        bottom[e.upper] += usize::from(e.upper_port.is_none());
        top[e.lower] += usize::from(e.lower_port.is_none());
    }
    for (i, n) in wide.iter_mut().enumerate() {
        if n.kind == Kind::Box {
            n.w = n.w.max(((top[i].max(bottom[i]) + 1) as f64 * PORT_MIN).ceil());
        }
    }
    let nodes = &wide[..];
    let layer_of = assign_layers(nodes, edges, layer_only, aspect);
    let n_layers = layer_of.iter().copied().max().map_or(0, |m| m + 1);

    // Virtual nodes: inputs first (same index), then dummies edge by edge.
    let mut v: Vec<VNode> = nodes
        .iter()
        .zip(&layer_of)
        .map(|(n, &layer)| VNode {
            layer,
            w: n.w,
            space: n.space_right,
            dummy: false,
            up: Vec::new(),
            down: Vec::new(),
        })
        .collect();
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(edges.len());
    for e in edges {
        let mut chain = vec![e.upper];
        for layer in layer_of[e.upper] + 1..layer_of[e.lower] {
            v.push(VNode {
                layer,
                w: 0.0,
                space: 0.0,
                dummy: true,
                up: Vec::new(),
                down: Vec::new(),
            });
            chain.push(v.len() - 1);
        }
        chain.push(e.lower);
        let offset = |node: usize, fixed: Option<f64>| {
            if node < nodes.len() {
                fixed.unwrap_or(nodes[node].w / 2.0)
            } else {
                0.0
            }
        };
        for (i, pair) in chain.windows(2).enumerate() {
            let a_off = offset(pair[0], if i == 0 { e.upper_port } else { None });
            let b_off = offset(pair[1], if i + 2 == chain.len() { e.lower_port } else { None });
            v[pair[0]].down.push((pair[1], a_off, b_off));
            v[pair[1]].up.push((pair[0], b_off, a_off));
        }
        chains.push(chain);
    }

    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); n_layers];
    for (i, node) in v.iter().enumerate() {
        layers[node.layer].push(i);
    }
    order_layers(&v, &mut layers);
    let x = fit_x(&v, &layers);

    // Bands: boxes are top-aligned in their layer.
    let mut band_top = vec![0.0; n_layers];
    let mut band_h = vec![0.0f64; n_layers];
    for (i, n) in nodes.iter().enumerate() {
        band_h[layer_of[i]] = band_h[layer_of[i]].max(n.h);
    }
    let mut y = 0.0;
    for l in 0..n_layers {
        band_top[l] = y;
        let crossing = if l + 1 < n_layers {
            layers[l].iter().map(|&a| v[a].down.len()).sum::<usize>()
        } else {
            0
        };
        y += band_h[l] + GAP_Y + 2.0 * crossing.min(20) as f64;
    }
    let height = if n_layers == 0 {
        0.0
    } else {
        band_top[n_layers - 1] + band_h[n_layers - 1]
    };
    let width = v
        .iter()
        .enumerate()
        .map(|(i, n)| x[i] + n.w + n.space)
        .fold(0.0, f64::max);

    let ports = spread_ports(nodes, edges, &chains, &x);
    let routes = chains
        .iter()
        .zip(&ports)
        .map(|(chain, &(upper_x, lower_x))| {
            let (u, l) = (chain[0], chain[chain.len() - 1]);
            let (t, h) = (band_top[layer_of[u]], band_h[layer_of[u]]);
            let mut pts = vec![(upper_x, t + nodes[u].h), (upper_x, t + h)];
            for &d in &chain[1..chain.len() - 1] {
                let (t, h) = (band_top[v[d].layer], band_h[v[d].layer]);
                pts.push((x[d], t));
                pts.push((x[d], t + h));
            }
            pts.push((lower_x, band_top[layer_of[l]]));
            pts.dedup();
            pts
        })
        .collect();
    let pos = (0..nodes.len()).map(|i| (x[i], band_top[layer_of[i]])).collect();
    Placed {
        pos,
        widths: nodes.iter().map(|n| n.w).collect(),
        routes,
        width,
        height,
    }
}

fn assign_layers(nodes: &[Node], edges: &[Edge], layer_only: &[(usize, usize)], aspect: f64) -> Vec<usize> {
    let n = nodes.len();
    let is_box = |i: usize| nodes[i].kind == Kind::Box;
    let mut uppers: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut linked = vec![false; n];
    for (u, l) in edges
        .iter()
        .map(|e| (e.upper, e.lower))
        .chain(layer_only.iter().copied())
    {
        linked[u] = true;
        linked[l] = true;
        if is_box(u) && is_box(l) {
            uppers[l].push(u);
        }
    }
    // Longest path from the top (Kahn order; the edges are acyclic).
    let mut indegree: Vec<usize> = uppers.iter().map(Vec::len).collect();
    let mut lowers: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (l, us) in uppers.iter().enumerate() {
        for &u in us {
            lowers[u].push(l);
        }
    }
    let mut rank = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|&i| is_box(i) && indegree[i] == 0).collect();
    let mut next = 0;
    while next < ready.len() {
        let u = ready[next];
        next += 1;
        for &l in &lowers[u] {
            rank[l] = rank[l].max(rank[u] + 1);
            indegree[l] -= 1;
            if indegree[l] == 0 {
                ready.push(l);
            }
        }
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| is_box(i)).collect();
    order.sort_by_key(|&i| (!linked[i], rank[i], i));

    let area: f64 = order
        .iter()
        .map(|&i| (nodes[i].w + nodes[i].space_right + GAP_X) * (nodes[i].h + GAP_Y))
        .sum();
    let widest = order
        .iter()
        .map(|&i| nodes[i].w + nodes[i].space_right)
        .fold(0.0, f64::max);
    let cap = widest.max((area * aspect).sqrt());

    let mut layer = vec![0usize; n];
    let mut used: Vec<f64> = Vec::new();
    for &i in &order {
        let w = nodes[i].w + nodes[i].space_right;
        let mut l = uppers[i].iter().map(|&u| layer[u] + 1).max().unwrap_or(0);
        while l < used.len() && used[l] > 0.0 && used[l] + GAP_X + w > cap {
            l += 1;
        }
        if l >= used.len() {
            used.resize(l + 1, 0.0);
        }
        used[l] += if used[l] > 0.0 { GAP_X + w } else { w };
        layer[i] = l;
    }
    // Ports go to an extra layer above or below everything.
    let has_top = nodes.iter().any(|n| n.kind == Kind::PortTop);
    let last = used.len().saturating_sub(1) + usize::from(has_top);
    for (i, node) in nodes.iter().enumerate() {
        layer[i] = match node.kind {
            Kind::Box => layer[i] + usize::from(has_top),
            Kind::PortTop => 0,
            Kind::PortBottom => last + 1,
        };
    }
    layer
}

/// Crossings between layer `l` and the next, for the given positions.
fn crossings_below(v: &[VNode], layer: &[usize], pos: &[usize]) -> usize {
    let mut segs: Vec<(usize, usize)> = Vec::new();
    for &a in layer {
        for &(b, _, _) in &v[a].down {
            segs.push((pos[a], pos[b]));
        }
    }
    segs.sort_unstable();
    let mut count = 0;
    for i in 0..segs.len() {
        for j in i + 1..segs.len() {
            if segs[i].0 < segs[j].0 && segs[i].1 > segs[j].1 {
                count += 1;
            }
        }
    }
    count
}

fn total_crossings(v: &[VNode], layers: &[Vec<usize>], pos: &[usize]) -> usize {
    layers.iter().map(|l| crossings_below(v, l, pos)).sum()
}

fn order_layers(v: &[VNode], layers: &mut [Vec<usize>]) {
    let mut pos = vec![0usize; v.len()];
    let index = |layers: &[Vec<usize>], pos: &mut [usize]| {
        for l in layers {
            for (i, &n) in l.iter().enumerate() {
                pos[n] = i;
            }
        }
    };
    index(layers, &mut pos);
    let mut best = layers.to_vec();
    let mut best_c = total_crossings(v, layers, &pos);
    for sweep in 0..SWEEPS {
        if best_c == 0 {
            break;
        }
        let down = sweep % 2 == 0;
        let seq: Vec<usize> = if down {
            (1..layers.len()).collect()
        } else {
            (0..layers.len().saturating_sub(1)).rev().collect()
        };
        for l in seq {
            let mut keyed: Vec<(f64, usize, usize)> = layers[l]
                .iter()
                .map(|&n| {
                    let nb = if down { &v[n].up } else { &v[n].down };
                    let bary = if nb.is_empty() {
                        pos[n] as f64
                    } else {
                        nb.iter().map(|&(m, _, _)| pos[m] as f64).sum::<f64>() / nb.len() as f64
                    };
                    (bary, pos[n], n)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            layers[l] = keyed.into_iter().map(|k| k.2).collect();
            for (i, &n) in layers[l].iter().enumerate() {
                pos[n] = i;
            }
        }
        let c = total_crossings(v, layers, &pos);
        if c < best_c {
            best_c = c;
            best = layers.to_vec();
        }
    }
    layers.clone_from_slice(&best);
}

fn separation(v: &[VNode], a: usize, b: usize) -> f64 {
    if v[a].dummy || v[b].dummy {
        DUMMY_GAP
    } else {
        GAP_X
    }
}

/// Left x of every virtual node.
fn fit_x(v: &[VNode], layers: &[Vec<usize>]) -> Vec<f64> {
    let mut x = vec![0.0; v.len()];
    for layer in layers {
        let mut at = 0.0;
        for (i, &n) in layer.iter().enumerate() {
            if i > 0 {
                at += separation(v, layer[i - 1], n);
            }
            x[n] = at;
            at += v[n].w + v[n].space;
        }
    }
    for round in 0..FIT_ROUNDS * 2 + 2 {
        let (use_up, use_down) = match round {
            r if r >= FIT_ROUNDS * 2 => (true, true),
            r if r % 2 == 0 => (true, false),
            _ => (false, true),
        };
        let seq: Vec<usize> = if use_up && !use_down {
            (1..layers.len()).collect()
        } else {
            (0..layers.len()).rev().collect()
        };
        for l in seq {
            let layer = &layers[l];
            let wanted: Vec<(f64, f64)> = layer
                .iter()
                .enumerate()
                .map(|(i, &n)| {
                    if v[n].up.is_empty() && v[n].down.is_empty() {
                        // Unconnected: sit next to a neighbour instead of where packing left it.
                        return match (i.checked_sub(1).map(|p| layer[p]), layer.get(i + 1)) {
                            (Some(p), _) => (x[p] + v[p].w + v[p].space + separation(v, p, n), 0.5),
                            (None, Some(&q)) => (x[q] - separation(v, n, q) - v[n].w - v[n].space, 0.5),
                            (None, None) => (x[n], 0.5),
                        };
                    }
                    let mut nb: Vec<&(usize, f64, f64)> = Vec::new();
                    if use_up {
                        nb.extend(&v[n].up);
                    }
                    if use_down {
                        nb.extend(&v[n].down);
                    }
                    if nb.is_empty() {
                        return (x[n], 0.2);
                    }
                    let mean = nb.iter().map(|&&(m, own, theirs)| x[m] + theirs - own).sum::<f64>() / nb.len() as f64;
                    (mean, if v[n].dummy { 2.0 } else { 1.0 })
                })
                .collect();
            fit_layer(v, &layers[l], &wanted, &mut x);
        }
    }
    // A layer of unconnected boxes only (the tenant table, an audit log) has
    // nothing pulling it anywhere: centre it over the rest.
    let lo = (0..v.len()).map(|i| x[i]).fold(f64::INFINITY, f64::min);
    let hi = (0..v.len())
        .map(|i| x[i] + v[i].w + v[i].space)
        .fold(f64::NEG_INFINITY, f64::max);
    for layer in layers {
        if layer.iter().all(|&n| v[n].up.is_empty() && v[n].down.is_empty()) && !layer.is_empty() {
            let first = x[layer[0]];
            let last = layer[layer.len() - 1];
            let width = x[last] + v[last].w + v[last].space - first;
            let shift = (lo + hi) / 2.0 - width / 2.0 - first;
            for &n in layer {
                x[n] += shift;
            }
        }
    }
    let min = x.iter().copied().fold(f64::INFINITY, f64::min);
    if min.is_finite() {
        for xi in &mut x {
            *xi = (*xi - min).round();
        }
    }
    x
}

/// Closest positions to `wanted` (weighted least squares) that keep the
/// layer's order and minimum gaps: isotonic regression on `x - offset`.
fn fit_layer(v: &[VNode], layer: &[usize], wanted: &[(f64, f64)], x: &mut [f64]) {
    let mut offsets = Vec::with_capacity(layer.len());
    let mut at = 0.0;
    for (i, &n) in layer.iter().enumerate() {
        if i > 0 {
            at += separation(v, layer[i - 1], n);
        }
        offsets.push(at);
        at += v[n].w + v[n].space;
    }
    // Blocks of (weighted sum, weight, count) whose means never decrease.
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
    for (i, &(want, weight)) in wanted.iter().enumerate() {
        blocks.push(((want - offsets[i]) * weight, weight, 1));
        while blocks.len() >= 2 {
            let (b, a) = (blocks[blocks.len() - 1], blocks[blocks.len() - 2]);
            if a.0 / a.1 <= b.0 / b.1 {
                break;
            }
            blocks.pop();
            *blocks.last_mut().unwrap() = (a.0 + b.0, a.1 + b.1, a.2 + b.2);
        }
    }
    let mut i = 0;
    for (sum, weight, count) in blocks {
        for _ in 0..count {
            x[layer[i]] = sum / weight + offsets[i];
            i += 1;
        }
    }
}

/// (x on the upper node's bottom, x on the lower node's top) per edge.
fn spread_ports(nodes: &[Node], edges: &[Edge], chains: &[Vec<usize>], x: &[f64]) -> Vec<(f64, f64)> {
    let center = |n: usize| if n < nodes.len() { x[n] + nodes[n].w / 2.0 } else { x[n] };
    let mut out: Vec<(f64, f64)> = edges
        .iter()
        .map(|e| {
            let at = |n: usize, p: Option<f64>| p.map_or(x[n] + nodes[n].w / 2.0, |p| x[n] + p);
            (at(e.upper, e.upper_port), at(e.lower, e.lower_port))
        })
        .collect();
    // side 0: bottom of the upper node; side 1: top of the lower node.
    for side in 0..2 {
        let mut by_node: Vec<Vec<(f64, usize)>> = vec![Vec::new(); nodes.len()];
        for (i, (e, chain)) in edges.iter().zip(chains).enumerate() {
            let (node, fixed, toward) = if side == 0 {
                (e.upper, e.upper_port, chain[1])
            } else {
                (e.lower, e.lower_port, chain[chain.len() - 2])
            };
            if fixed.is_none() && nodes[node].kind == Kind::Box {
                by_node[node].push((center(toward), i));
            }
        }
        for (node, mut ends) in by_node.into_iter().enumerate() {
            ends.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let k = ends.len() as f64;
            for (j, (_, e)) in ends.into_iter().enumerate() {
                let px = (x[node] + nodes[node].w * (j as f64 + 1.0) / (k + 1.0)).round();
                if side == 0 {
                    out[e].0 = px;
                } else {
                    out[e].1 = px;
                }
            }
        }
    }
    out
}
