//! From a schema to a [`Layout`]: which lines to draw, groups as blocks,
//! and stitching routes that leave a group through its frame.
//!
//! Groups are laid out inside-out. The block graph (each group one node,
//! each ungrouped table one node) is oriented first, so every foreign key
//! that crosses a group frame knows whether it leaves upwards or downwards.
//! Each group is then laid out on its own with a port node per crossing line
//! on its top or bottom border; its size becomes the block's size in the
//! top-level layout, and a crossing line is drawn as inner route + outer
//! route + inner route, meeting at the ports. Because blocks are ordinary
//! boxes at the top level, frames can never overlap each other or a table.
//!
//! Tenant foreign keys (`workspace_id → workspaces`) are not drawn: every
//! tenant-scoped table has one, and sixty lines into one box hide everything
//! else. They still rank the tenant table above the others, and the greyed
//! tenant column in each box says the same thing.

use super::content::{self, HEADER_H};
use super::layered::{self, Edge, Kind, Node};
use super::{EdgeRoute, GroupFrame, Layout, Rect, TableBox};
use crate::analysis::{self, Cardinality};
use plinth_model::Schema;
use std::collections::HashMap;

const MARGIN: f64 = 20.0;
/// Wanted width : height of a layout (screens are wider than tall).
const ASPECT: f64 = 1.6;
const FRAME_PAD_X: f64 = 16.0;
/// Room for the group's name above its first layer.
const FRAME_TITLE: f64 = 30.0;
const FRAME_PAD_BOTTOM: f64 = 14.0;
/// How far a self-reference loop sticks out to the right of its box.
const LOOP_OUT: f64 = 16.0;
const LOOP_STEP: f64 = 6.0;
/// Room right of the outermost loop for its cardinality labels.
const LOOP_LABEL: f64 = 34.0;

/// A drawn foreign key between two different tables.
struct Link {
    child: usize,
    parent: usize,
    constraint: String,
    from_label: &'static str,
    to_label: &'static str,
}

/// Where a group's own layout put things, relative to the block's top-left.
#[derive(Default)]
struct Inner {
    w: f64,
    h: f64,
    /// Table index → top-left and width.
    tables: HashMap<usize, (f64, f64, f64)>,
    /// Link index → route (upper to lower) for links inside the group.
    routes: HashMap<usize, Vec<(f64, f64)>>,
    /// Link index → (port x offset, route from upper to lower end).
    ports: HashMap<usize, (f64, Vec<(f64, f64)>)>,
}

pub(super) fn layout(schema: &Schema) -> Layout {
    let tables = &schema.tables;
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, t) in tables.iter().enumerate() {
        index.entry(t.name.as_str()).or_insert(i);
    }
    let contents: Vec<_> = tables.iter().map(content::rows).collect();

    let mut links: Vec<Link> = Vec::new();
    let mut loops: Vec<Vec<Link>> = tables.iter().map(|_| Vec::new()).collect();
    let mut tenant: Vec<(usize, usize)> = Vec::new();
    let mut tenant_table: Option<String> = None;
    for r in analysis::relationships(schema) {
        let (Some(&child), Some(&parent)) = (index.get(r.table.as_str()), index.get(r.ref_table.as_str())) else {
            continue;
        };
        if r.tenant {
            if child != parent {
                tenant.push((child, parent));
                tenant_table.get_or_insert(r.ref_table.clone());
            }
            continue;
        }
        let link = Link {
            child,
            parent,
            constraint: r.constraint.clone(),
            from_label: if r.cardinality == Cardinality::OneToOne {
                "0..1"
            } else {
                "*"
            },
            to_label: if r.optional { "0..1" } else { "1" },
        };
        if child == parent {
            loops[child].push(link);
        } else {
            links.push(link);
        }
    }
    let space_right = |t: usize| match loops[t].len() {
        0 => 0.0,
        n => LOOP_OUT + LOOP_STEP * (n - 1) as f64 + LOOP_LABEL,
    };

    // Blocks: each group once (at its first table), each ungrouped table.
    let mut groups: Vec<&str> = Vec::new();
    let mut block_of = vec![0usize; tables.len()];
    let mut blocks: Vec<Result<usize, usize>> = Vec::new(); // Ok(table) or Err(group)
    for (i, t) in tables.iter().enumerate() {
        match t.traits.group.as_deref() {
            Some(g) => {
                let gi = groups.iter().position(|x| *x == g).unwrap_or_else(|| {
                    groups.push(g);
                    blocks.push(Err(groups.len() - 1));
                    groups.len() - 1
                });
                block_of[i] = blocks.iter().position(|b| *b == Err(gi)).unwrap_or(0);
            }
            None => {
                blocks.push(Ok(i));
                block_of[i] = blocks.len() - 1;
            }
        }
    }

    // Orient the block graph: crossing links and tenant links together.
    let cross: Vec<usize> = (0..links.len())
        .filter(|&e| block_of[links[e].child] != block_of[links[e].parent])
        .collect();
    let tenant_cross: Vec<(usize, usize)> = tenant
        .iter()
        .map(|&(c, p)| (block_of[c], block_of[p]))
        .filter(|(c, p)| c != p)
        .collect();
    let block_links: Vec<(usize, usize)> = cross
        .iter()
        .map(|&e| (block_of[links[e].child], block_of[links[e].parent]))
        .chain(tenant_cross.iter().copied())
        .collect();
    let reversed = layered::orient(blocks.len(), &block_links);
    // Per crossing link: is the child's block the upper one?
    let child_upper: HashMap<usize, bool> = cross.iter().zip(&reversed).map(|(&e, &r)| (e, r)).collect();
    let tenant_layers: Vec<(usize, usize)> = tenant_cross
        .iter()
        .zip(&reversed[cross.len()..])
        .map(|(&(c, p), &r)| if r { (c, p) } else { (p, c) })
        .collect();

    let inners: Vec<Inner> = (0..groups.len())
        .map(|g| {
            let members: Vec<usize> = (0..tables.len()).filter(|&t| blocks[block_of[t]] == Err(g)).collect();
            layout_group(&members, &links, &child_upper, &tenant, &contents, &space_right)
        })
        .collect();

    // The top level: blocks as boxes, crossing links with fixed ports on groups.
    let nodes: Vec<Node> = blocks
        .iter()
        .map(|b| match *b {
            Ok(t) => Node {
                w: contents[t].1,
                h: contents[t].2,
                space_right: space_right(t),
                kind: Kind::Box,
            },
            Err(g) => Node {
                w: inners[g].w,
                h: inners[g].h,
                space_right: 0.0,
                kind: Kind::Box,
            },
        })
        .collect();
    let port = |block: usize, e: usize| match blocks[block] {
        Err(g) => inners[g].ports.get(&e).map(|p| p.0),
        Ok(_) => None,
    };
    let top_edges: Vec<Edge> = cross
        .iter()
        .map(|&e| {
            let (c, p) = (block_of[links[e].child], block_of[links[e].parent]);
            let (upper, lower) = if child_upper[&e] { (c, p) } else { (p, c) };
            Edge {
                upper,
                lower,
                upper_port: port(upper, e),
                lower_port: port(lower, e),
            }
        })
        .collect();
    let top = layered::place(&nodes, &top_edges, &tenant_layers, ASPECT);
    let at = |(x, y): (f64, f64), (dx, dy): (f64, f64)| (x + dx, y + dy);
    let block_origin: Vec<(f64, f64)> = top.pos.iter().map(|&p| at(p, (MARGIN, MARGIN))).collect();

    let mut boxes: Vec<TableBox> = Vec::with_capacity(tables.len());
    for (i, t) in tables.iter().enumerate() {
        let b = block_of[i];
        let (x, y, w) = match blocks[b] {
            Ok(_) => (block_origin[b].0, block_origin[b].1, top.widths[b]),
            Err(g) => {
                let (x, y, w) = inners[g].tables[&i];
                (x + block_origin[b].0, y + block_origin[b].1, w)
            }
        };
        let (rows, _, h) = contents[i].clone();
        boxes.push(TableBox {
            table: t.name.clone(),
            rect: Rect { x, y, w, h },
            group: t.traits.group.clone(),
            comment: t.comment.clone(),
            rows,
        });
    }
    let frames = blocks
        .iter()
        .enumerate()
        .filter_map(|(b, blk)| {
            let g = blk.err()?;
            let (x, y) = block_origin[b];
            Some(GroupFrame {
                name: groups[g].to_string(),
                rect: Rect {
                    x,
                    y,
                    w: inners[g].w,
                    h: inners[g].h,
                },
            })
        })
        .collect();

    let shift = |pts: &[(f64, f64)], by: (f64, f64)| pts.iter().map(|&p| at(p, by)).collect::<Vec<_>>();
    let mut edges = Vec::with_capacity(links.len());
    let top_route: HashMap<usize, usize> = cross.iter().enumerate().map(|(k, &e)| (e, k)).collect();
    for (e, link) in links.iter().enumerate() {
        let (bc, bp) = (block_of[link.child], block_of[link.parent]);
        let (mut pts, child_first) = if bc == bp {
            let Err(g) = blocks[bc] else {
                unreachable!("a link inside one block joins two tables of a group")
            };
            let route = &inners[g].routes[&e];
            let (cy, py) = (inners[g].tables[&link.child].1, inners[g].tables[&link.parent].1);
            (shift(route, block_origin[bc]), cy < py)
        } else {
            let k = top_route[&e];
            let up = top_edges[k].upper;
            let low = top_edges[k].lower;
            let mut pts = Vec::new();
            if let Err(g) = blocks[up] {
                pts.extend(shift(&inners[g].ports[&e].1, block_origin[up]));
            }
            pts.extend(shift(&top.routes[k], (MARGIN, MARGIN)));
            if let Err(g) = blocks[low] {
                pts.extend(shift(&inners[g].ports[&e].1, block_origin[low]));
            }
            (pts, child_upper[&e])
        };
        pts.dedup();
        if !child_first {
            pts.reverse();
        }
        edges.push(EdgeRoute {
            from: tables[link.child].name.clone(),
            to: tables[link.parent].name.clone(),
            constraint: link.constraint.clone(),
            points: pts,
            from_label: link.from_label,
            to_label: link.to_label,
            self_loop: false,
        });
    }
    for (t, ls) in loops.iter().enumerate() {
        let r = boxes[t].rect;
        for (k, link) in ls.iter().enumerate() {
            let y1 = (r.y + HEADER_H + 8.0 + 14.0 * k as f64).min(r.bottom() - 14.0);
            let out = r.right() + LOOP_OUT + LOOP_STEP * k as f64;
            edges.push(EdgeRoute {
                from: tables[t].name.clone(),
                to: tables[t].name.clone(),
                constraint: link.constraint.clone(),
                points: vec![(r.right(), y1), (out, y1), (out, y1 + 10.0), (r.right(), y1 + 10.0)],
                from_label: link.from_label,
                to_label: link.to_label,
                self_loop: true,
            });
        }
    }

    Layout {
        width: (top.width + 2.0 * MARGIN).ceil(),
        height: (top.height + 2.0 * MARGIN).ceil(),
        boxes,
        groups: frames,
        edges,
        tenant_note: tenant_table,
    }
}

/// Lays out one group with a port per link crossing its frame.
fn layout_group(
    members: &[usize],
    links: &[Link],
    child_upper: &HashMap<usize, bool>,
    tenant: &[(usize, usize)],
    contents: &[(Vec<super::BoxRow>, f64, f64)],
    space_right: &dyn Fn(usize) -> f64,
) -> Inner {
    let local: HashMap<usize, usize> = members.iter().enumerate().map(|(i, &t)| (t, i)).collect();
    let mut nodes: Vec<Node> = members
        .iter()
        .map(|&t| Node {
            w: contents[t].1,
            h: contents[t].2,
            space_right: space_right(t),
            kind: Kind::Box,
        })
        .collect();
    // Inside links, oriented within the group.
    let inside: Vec<usize> = (0..links.len())
        .filter(|&e| local.contains_key(&links[e].child) && local.contains_key(&links[e].parent))
        .collect();
    let inside_tenant: Vec<(usize, usize)> = tenant
        .iter()
        .filter_map(|(c, p)| Some((*local.get(c)?, *local.get(p)?)))
        .collect();
    let pairs: Vec<(usize, usize)> = inside
        .iter()
        .map(|&e| (local[&links[e].child], local[&links[e].parent]))
        .chain(inside_tenant.iter().copied())
        .collect();
    let reversed = layered::orient(members.len(), &pairs);
    let mut edges: Vec<Edge> = Vec::new();
    let mut owner: Vec<(usize, bool)> = Vec::new(); // (link, is a port edge)
    for (k, &e) in inside.iter().enumerate() {
        let (c, p) = pairs[k];
        let (upper, lower) = if reversed[k] { (c, p) } else { (p, c) };
        edges.push(Edge {
            upper,
            lower,
            upper_port: None,
            lower_port: None,
        });
        owner.push((e, false));
    }
    let layer_only: Vec<(usize, usize)> = inside_tenant
        .iter()
        .zip(&reversed[inside.len()..])
        .map(|(&(c, p), &r)| if r { (c, p) } else { (p, c) })
        .collect();
    // Ports: one per crossing link, on the side facing the other block.
    for (e, link) in links.iter().enumerate() {
        let (c_in, p_in) = (local.get(&link.child), local.get(&link.parent));
        let (Some(&t), true) = (c_in.or(p_in), c_in.is_some() != p_in.is_some()) else {
            continue;
        };
        // The table here is the upper end when it is the child and the child is upper, etc.
        let here_upper = child_upper[&e] == c_in.is_some();
        nodes.push(Node {
            w: 0.0,
            h: 0.0,
            space_right: 0.0,
            kind: if here_upper { Kind::PortBottom } else { Kind::PortTop },
        });
        let p = nodes.len() - 1;
        let (upper, lower) = if here_upper { (t, p) } else { (p, t) };
        edges.push(Edge {
            upper,
            lower,
            upper_port: None,
            lower_port: None,
        });
        owner.push((e, true));
    }
    let placed = layered::place(&nodes, &edges, &layer_only, ASPECT);
    let has_top = nodes.iter().any(|n| n.kind == Kind::PortTop);
    let has_bottom = nodes.iter().any(|n| n.kind == Kind::PortBottom);
    let off = (FRAME_PAD_X, if has_top { 0.0 } else { FRAME_TITLE });
    let moved = |pts: &[(f64, f64)]| pts.iter().map(|&(x, y)| (x + off.0, y + off.1)).collect::<Vec<_>>();
    let mut inner = Inner {
        w: (placed.width + 2.0 * FRAME_PAD_X).ceil(),
        h: (off.1 + placed.height + if has_bottom { 0.0 } else { FRAME_PAD_BOTTOM }).ceil(),
        ..Inner::default()
    };
    for (i, &t) in members.iter().enumerate() {
        inner
            .tables
            .insert(t, (placed.pos[i].0 + off.0, placed.pos[i].1 + off.1, placed.widths[i]));
    }
    for (k, &(e, is_port)) in owner.iter().enumerate() {
        let route = moved(&placed.routes[k]);
        if is_port {
            let port_node = if edges[k].upper >= members.len() {
                edges[k].upper
            } else {
                edges[k].lower
            };
            inner.ports.insert(e, (placed.pos[port_node].0 + off.0, route));
        } else {
            inner.routes.insert(e, route);
        }
    }
    inner
}
