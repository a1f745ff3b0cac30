//! Tests of the relationship phrases.
use super::*;
use crate::grammar::chunk;
use crate::phrases::markers;
use crate::text::tokenize;

fn run(sentences: &[&str]) -> State {
    let all: Vec<Vec<Chunk>> = sentences.iter().map(|s| chunk(&tokenize(s))).collect();
    let known = known_entities(&all);
    let mut st = State::default();
    for (i, c) in all.iter().enumerate() {
        let ctx = Ctx {
            known: &known,
            sentence: i,
        };
        extract(&mut st, &ctx, c);
        let toks = tokenize(sentences[i]);
        let words: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        markers(&mut st, &ctx, c, &words);
    }
    st
}

fn rels(st: &State) -> Vec<String> {
    st.rels
        .iter()
        .map(|r| match r.kind {
            RelKind::Many => format!("{} <-> {} ({})", r.from, r.to, r.field),
            RelKind::One { optional, unique } => format!(
                "{}.{} -> {}{}{}",
                r.from,
                r.field,
                r.to,
                if optional { "?" } else { "" },
                if unique { " unique" } else { "" }
            ),
        })
        .collect()
}

#[test]
fn has_contain_belong() {
    let st = run(&[
        "Each workspace has projects.",
        "Projects contain tasks.",
        "A comment belongs to a task.",
    ]);
    assert_eq!(
        rels(&st),
        [
            "project.workspace -> workspace",
            "task.project -> project",
            "comment.task -> task"
        ]
    );
}

#[test]
fn with_lists_split_attributes_people_and_classifiers() {
    let st = run(&["Projects contain tasks with assignees, labels and due dates."]);
    assert_eq!(
        rels(&st),
        [
            "task.project -> project",
            "task <-> assignee (assignees)",
            "task <-> label (labels)"
        ]
    );
    let task = st.entity("task").unwrap();
    assert_eq!(task.attrs[0].name, "due_date");
}

#[test]
fn creation_verbs_point_the_object_at_the_actor() {
    let st = run(&[
        "Customers place orders.",
        "Posts are written by authors.",
        "Customers leave reviews on products.",
    ]);
    assert_eq!(
        rels(&st),
        [
            "order.customer -> customer",
            "post.author -> author",
            "review.customer -> customer",
            "review.product -> product"
        ]
    );
}

#[test]
fn many_to_many_phrases() {
    let st = run(&[
        "Students join clubs.",
        "A product can be in several categories.",
        "Articles are tagged with tags.",
        "Users can follow other users.",
    ]);
    assert_eq!(
        rels(&st),
        [
            "student <-> club (clubs)",
            "product <-> category (categories)",
            "article <-> tag (tags)",
            "user <-> user (followed_users)"
        ]
    );
}

#[test]
fn of_per_assigned_and_self_reference() {
    let st = run(&[
        "Tickets are assigned to agents.",
        "There is one invoice per order.",
        "Categories can be nested.",
        "Lessons are ordered within a section.",
    ]);
    assert_eq!(
        rels(&st),
        [
            "ticket.agent -> agent?",
            "invoice.order -> order unique",
            "category.parent -> category?",
            "lesson.section -> section"
        ]
    );
    assert!(st.entity("lesson").unwrap().attrs.iter().any(|a| a.name == "position"));
}
