//! From what the reader found to a `.plinth` text: final names, no column a
//! convention already adds, no cycle of required relations, inferences as
//! comments above each entity, open questions at the end.

use crate::model::{name_of, pascal, Attr, RelKind, State, Ty};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// One rendered inference line (without `// `) and the entity it sits above.
pub struct Line {
    pub entity: Option<String>,
    pub subject: String,
    pub detail: String,
    pub sentence: Option<usize>,
}

pub fn quote(s: &str) -> String {
    let s = s.trim().replace('"', "'");
    if s.chars().count() > 110 {
        format!("\"{}…\"", s.chars().take(108).collect::<String>().trim_end())
    } else {
        format!("\"{s}\"")
    }
}

impl Line {
    pub fn text(&self, sentences: &[String]) -> String {
        let mut t = self.subject.clone();
        if !self.detail.is_empty() {
            t.push_str(" — ");
            t.push_str(&self.detail);
        }
        match self.sentence {
            Some(s) => format!("{t}: {}", quote(&sentences[s])),
            None => t,
        }
    }
}

/// Columns a convention adds (see docs/spec-language.md).
fn reserved(name: &str, tenant: Option<&str>) -> bool {
    [
        "id",
        "created_at",
        "updated_at",
        "deleted_at",
        "version",
        "created_by",
        "updated_by",
    ]
    .contains(&name)
        || tenant.is_some_and(|t| name == format!("{t}_id"))
}

/// Makes names final: relations resolved through merges, duplicates and
/// reserved columns removed, required cycles broken.
pub fn finalize(st: &mut State) {
    // resolve relation ends
    let mut rels = std::mem::take(&mut st.rels);
    for r in &mut rels {
        r.from = st.resolve(&r.from);
        r.to = st.resolve(&r.to);
        if r.from == r.to && !matches!(r.kind, RelKind::Many) {
            if r.field == r.to || st.entity(&r.field).is_none() && r.field == r.from {
                r.field = "parent".into();
            }
            r.kind = RelKind::One {
                optional: true,
                unique: false,
            };
        }
    }
    let live: BTreeSet<String> = st
        .entities
        .iter()
        .filter(|e| e.merged_into.is_none())
        .map(|e| e.key.clone())
        .collect();
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    let mut pairs: BTreeSet<(String, String)> = BTreeSet::new();
    let tenant = st.flags.tenant.as_ref().map(|(t, _)| t.clone());
    let mut kept = Vec::new();
    for mut r in rels {
        if !live.contains(&r.from) || !live.contains(&r.to) {
            continue;
        }
        if let Some(f) = name_of(&r.field) {
            r.field = f;
        } else {
            r.field = r.to.clone();
        }
        if r.kind == RelKind::Many {
            let key = if r.from < r.to {
                (r.from.clone(), r.to.clone())
            } else {
                (r.to.clone(), r.from.clone())
            };
            if r.from != r.to && !pairs.insert(key) {
                continue;
            }
        } else {
            // a one-to-many the other way round already links the pair
            if kept.iter().any(|k: &crate::model::Rel| {
                k.from == r.to && k.to == r.from && k.kind != RelKind::Many && r.from != r.to
            }) {
                continue;
            }
            if tenant.as_deref() == Some(r.to.as_str()) && r.field == r.to {
                let global = st.entity(&r.from).is_some_and(|e| e.global);
                if !global {
                    continue;
                }
            }
        }
        if !seen.insert((r.from.clone(), r.field.clone())) {
            continue;
        }
        kept.push(r);
    }
    // person targets keep the role as field; self references are `parent`
    // assignees of a task → task_assignments
    for r in &mut kept {
        if r.kind == RelKind::Many {
            if let Some(base) = r
                .field
                .strip_suffix("ees")
                .filter(|_| st.entity(&r.to).is_some_and(|e| e.person))
            {
                let noun = match base {
                    "assign" => Some("assignments"),
                    "attend" => Some("attendances"),
                    "invit" => Some("invitations"),
                    "enroll" => Some("enrollments"),
                    "nomin" => Some("nominations"),
                    _ => None,
                };
                if let Some(n) = noun {
                    r.map = Some(format!("{}_{n}", r.from));
                }
            }
        }
    }
    // cycles of required relations, counting the implicit tenant column
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if let Some(t) = &tenant {
        for e in st
            .entities
            .iter()
            .filter(|e| e.merged_into.is_none() && !e.global && e.key != *t)
        {
            edges.entry(e.key.clone()).or_default().push(t.clone());
        }
    }
    for r in &mut kept {
        if let RelKind::One {
            optional: false,
            unique,
        } = r.kind
        {
            if r.from == r.to || reaches(&edges, &r.to, &r.from) {
                r.kind = RelKind::One { optional: true, unique };
                st.notes.push(crate::model::Note {
                    subject: format!("{}.{}", pascal(&r.from), r.field),
                    sentence: None,
                    what: "optional, so required relations form no cycle (one row must be inserted first)".into(),
                });
                continue;
            }
            edges.entry(r.from.clone()).or_default().push(r.to.clone());
        }
    }
    st.rels = kept;
    // attribute names: valid, not a convention column, not a relation column
    let keys: Vec<String> = live.iter().cloned().collect();
    for k in keys {
        let rel_cols: Vec<String> = st
            .rels
            .iter()
            .filter(|r| r.from == k)
            .flat_map(|r| [r.field.clone(), format!("{}_id", r.field)])
            .collect();
        let e = st.entity_mut(&k).unwrap();
        let mut names: BTreeSet<String> = BTreeSet::new();
        let mut attrs: Vec<Attr> = Vec::new();
        for mut a in std::mem::take(&mut e.attrs) {
            if a.name == "version" || a.name == "version_number" {
                a.name = "revision".into();
            }
            if reserved(&a.name, tenant.as_deref()) || a.name.ends_with("_id") && rel_cols.contains(&a.name) {
                continue;
            }
            if rel_cols.contains(&a.name) {
                // "assignee" as text and as a relation: the relation wins
                continue;
            }
            if tenant.as_deref() == Some(a.name.as_str()) {
                continue;
            }
            if names.insert(a.name.clone()) {
                attrs.push(a);
            }
        }
        e.attrs = attrs;
        if e.append_only {
            e.versioned = false;
        }
    }
}

fn reaches(edges: &BTreeMap<String, Vec<String>>, from: &str, to: &str) -> bool {
    let mut stack = vec![from.to_string()];
    let mut seen = BTreeSet::new();
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if !seen.insert(n.clone()) {
            continue;
        }
        if let Some(next) = edges.get(&n) {
            stack.extend(next.iter().cloned());
        }
    }
    false
}

/// Every inference line, grouped by the entity it explains.
pub fn lines(st: &State) -> Vec<Line> {
    let mut out = Vec::new();
    for r in &st.rels {
        let subject = match r.kind {
            RelKind::Many => format!("{} <-> {}", pascal(&r.from), pascal(&r.to)),
            RelKind::One { optional, unique } => format!(
                "{} -> {}{}{}",
                pascal(&r.from),
                pascal(&r.to),
                if optional { "?" } else { "" },
                if unique { " @unique" } else { "" }
            ),
        };
        let mut detail = String::new();
        if r.field != r.to && r.field != plinth_model::naming::pluralize(&r.to) {
            detail = format!("as `{}`", r.field);
        }
        out.push(Line {
            entity: Some(r.from.clone()),
            subject,
            detail,
            sentence: Some(r.sentence),
        });
    }
    for e in st.entities.iter().filter(|e| e.merged_into.is_none()) {
        for a in &e.attrs {
            let assumed = a.why.starts_with("assumed");
            out.push(Line {
                entity: Some(e.key.clone()),
                subject: format!("{}.{} {}", pascal(&e.key), a.name, a.ty.spec()),
                detail: if assumed {
                    a.why.clone()
                } else if a.why == "text" {
                    String::new()
                } else {
                    a.why.clone()
                },
                sentence: if assumed { None } else { Some(a.sentence) },
            });
        }
    }
    for n in &st.notes {
        if n.subject.starts_with('?') || n.what.is_empty() && n.sentence.is_none() {
            continue;
        }
        let head: String = n.subject.chars().take_while(|c| c.is_alphanumeric()).collect();
        let entity = st
            .entities
            .iter()
            .find(|e| e.merged_into.is_none() && pascal(&e.key) == head)
            .map(|e| e.key.clone());
        if entity.is_none() && !n.subject.starts_with("tenant") && !n.subject.contains("->") {
            continue;
        }
        if n.subject.contains('.') && entity.is_some() && n.what.contains("(assumed") {
            continue; // already explained by the attribute line
        }
        out.push(Line {
            entity,
            subject: n.subject.clone(),
            detail: n.what.clone(),
            sentence: n.sentence,
        });
    }
    out
}

fn esc(s: &str) -> String {
    s.replace('"', "'")
}

/// The spec text (not yet canonically formatted).
pub fn spec_text(st: &State, lines: &[Line]) -> String {
    let mut out = String::new();
    let tenant = st.flags.tenant.as_ref().map(|(t, _)| t.clone());
    out.push_str("// Drafted by `plinth draft` from a feature description. Every inference cites the\n");
    out.push_str("// sentence it came from; check them, answer the open questions at the end, then\n");
    out.push_str("// run `plinth check`.\n\n");
    // settings
    let cite = |s: Option<usize>| s.map(|s| quote(&st.sentences[s])).unwrap_or_default();
    let _ = writeln!(out, "settings {{");
    out.push_str("  dialect = postgres 15\n  ids = uuidv7\n");
    if let (Some(t), Some((_, s))) = (&tenant, &st.flags.tenant) {
        let _ = writeln!(out, "  tenant = {} // {}", pascal(t), cite(Some(*s)));
    }
    out.push_str("  timestamps = true\n");
    match st.flags.soft_delete {
        Some(s) => {
            let _ = writeln!(out, "  soft_delete = true // {}", cite(Some(s)));
        }
        None => out.push_str("  soft_delete = false\n"),
    }
    match st.flags.audit {
        Some(s) => {
            let _ = writeln!(out, "  audit = true // {}", cite(Some(s)));
        }
        None => out.push_str("  audit = false\n"),
    }
    out.push_str("}\n\n");
    // settings-level notes
    let mut entities: Vec<&crate::model::Entity> = st.entities.iter().filter(|e| e.merged_into.is_none()).collect();
    entities.sort_by_key(|e| e.first);
    for e in entities {
        for l in lines.iter().filter(|l| l.entity.as_deref() == Some(e.key.as_str())) {
            let _ = writeln!(out, "// {}", l.text(&st.sentences));
        }
        for c in &e.comments {
            let _ = writeln!(out, "// {c}");
        }
        let _ = write!(out, "entity {}", pascal(&e.key));
        if e.global && tenant.is_some() {
            out.push_str(" @global");
        }
        if e.versioned {
            out.push_str(" @versioned");
        }
        if e.append_only {
            out.push_str(" @append_only");
        }
        if let Some(c) = &e.entity_comment {
            let _ = write!(out, " @comment(\"{}\")", esc(c));
        }
        out.push_str(" {\n");
        let rels: Vec<&crate::model::Rel> = st.rels.iter().filter(|r| r.from == e.key).collect();
        let mut fields: BTreeSet<String> = BTreeSet::new();
        for r in rels
            .iter()
            .filter(|r| matches!(r.kind, RelKind::One { optional: false, .. }))
        {
            rel_line(&mut out, r, &mut fields);
        }
        for a in &e.attrs {
            attr_line(&mut out, a, &mut fields);
        }
        for r in rels
            .iter()
            .filter(|r| matches!(r.kind, RelKind::One { optional: true, .. }))
        {
            rel_line(&mut out, r, &mut fields);
        }
        for r in rels.iter().filter(|r| r.kind == RelKind::Many) {
            rel_line(&mut out, r, &mut fields);
        }
        let tenant_field = tenant.as_ref().filter(|t| !e.global && **t != e.key).cloned();
        let mut blank = false;
        for (cols, _) in &e.uniques {
            if cols
                .iter()
                .all(|c| fields.contains(c) || Some(c) == tenant_field.as_ref())
                && cols.len() > 1
            {
                if !blank {
                    out.push('\n');
                    blank = true;
                }
                let _ = writeln!(out, "  @@unique({})", cols.join(", "));
            }
        }
        for (c, _) in &e.checks {
            if !blank {
                out.push('\n');
                blank = true;
            }
            let _ = writeln!(out, "  @@check({c})");
        }
        out.push_str("}\n\n");
    }
    for e in st
        .entities
        .iter()
        .filter(|e| e.merged_into.is_none() && e.volume.is_some())
    {
        let _ = writeln!(out, "volume {} = {}", pascal(&e.key), e.volume.as_deref().unwrap());
    }
    // notes that belong to no entity (tenant choice), then the open questions
    let general: Vec<&Line> = lines.iter().filter(|l| l.entity.is_none()).collect();
    if !general.is_empty() || !st.questions.is_empty() {
        out.push('\n');
    }
    for l in general {
        let _ = writeln!(out, "// {}", l.text(&st.sentences));
    }
    if !st.questions.is_empty() {
        out.push_str("// Open questions:\n");
        for q in &st.questions {
            let _ = writeln!(out, "// - {q}");
        }
    }
    out
}

fn rel_line(out: &mut String, r: &crate::model::Rel, fields: &mut BTreeSet<String>) {
    if !fields.insert(r.field.clone()) {
        return;
    }
    match r.kind {
        RelKind::Many => {
            let _ = write!(out, "  {} <-> {}", r.field, pascal(&r.to));
            if let Some(m) = &r.map {
                let _ = write!(out, " @map(\"{m}\")");
            }
        }
        RelKind::One { optional, unique } => {
            let _ = write!(
                out,
                "  {} -> {}{}",
                r.field,
                pascal(&r.to),
                if optional { "?" } else { "" }
            );
            if unique {
                out.push_str(" @unique");
            }
            if r.on_delete_cascade && !optional && r.from.ends_with("_membership") {
                out.push_str(" @on_delete(cascade)");
            }
        }
    }
    out.push('\n');
}

fn attr_line(out: &mut String, a: &Attr, fields: &mut BTreeSet<String>) {
    if !fields.insert(a.name.clone()) {
        return;
    }
    let _ = write!(out, "  {} {}{}", a.name, a.ty.spec(), if a.nullable { "?" } else { "" });
    if let Some(d) = &a.default {
        let ok = match &a.ty {
            Ty::Bool => d == "true" || d == "false",
            Ty::Enum(v) => v.contains(d),
            _ => false,
        };
        if ok {
            let _ = write!(out, " = {d}");
        }
    }
    if a.unique {
        out.push_str(" @unique");
    }
    if let Some(c) = &a.check {
        let _ = write!(out, " @check({c})");
    }
    if let Some(c) = &a.comment {
        let _ = write!(out, " @comment(\"{}\")", esc(c));
    }
    out.push('\n');
}
