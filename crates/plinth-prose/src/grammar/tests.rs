use super::*;
use crate::text::tokenize;

fn show(s: &str) -> String {
    chunk(&tokenize(s))
        .iter()
        .map(|c| match c {
            Chunk::Np(n) => {
                let mut s = format!("NP[{}{}]", n.text(), if n.many { "+" } else { "" });
                if let Some(p) = &n.paren {
                    s.push_str(&format!("({})", p.join("|")));
                }
                s
            }
            Chunk::Verb(v) => format!(
                "V[{}{}{}{}]",
                v.word,
                v.particle.as_deref().map(|p| format!(" {p}")).unwrap_or_default(),
                if v.passive { " pass" } else { "" },
                if v.neg { " neg" } else { "" }
            ),
            Chunk::Prep(p) => format!("P[{p}]"),
            Chunk::Conj(c) => format!("C[{c}]"),
            Chunk::Comma => ",".into(),
            Chunk::Colon => ":".into(),
            Chunk::Other(o) => format!("O[{o}]"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn verbs_that_are_also_nouns() {
    assert_eq!(
        show("Customers place orders."),
        "NP[customers+] V[place] NP[orders+] O[.]"
    );
    assert_eq!(show("Each place has a name."), "NP[place] V[has] NP[name] O[.]");
    assert_eq!(
        show("Task comments are threaded"),
        "NP[task comments+] V[threaded pass]"
    );
    assert_eq!(
        show("Users can post comments on articles"),
        "NP[users+] V[post on] NP[comments+] P[on] NP[articles+]"
            .replace("V[post on] NP[comments+] P[on]", "V[post] NP[comments+] P[on]")
    );
}

#[test]
fn quantifiers_particles_and_lists() {
    assert_eq!(
        show("Each order has one or more line items"),
        "NP[order] V[has] NP[line items+]"
    );
    assert_eq!(
        show("A task belongs to a project"),
        "NP[task] V[belongs to] NP[project]"
    );
    assert_eq!(
        show("Posts are written by authors"),
        "NP[posts+] V[written by pass] NP[authors+]"
    );
    assert_eq!(
        show("Tickets have a status (open, pending or closed)"),
        "NP[tickets+] V[have] NP[status](open|pending|closed)"
    );
    assert_eq!(
        show("Lessons are part of a course"),
        "NP[lessons+] V[part of] NP[course]"
    );
    assert_eq!(
        show("Products can be in several categories"),
        "NP[products+] V[are in] NP[categories+]".replace("V[are in]", "V[be in]")
    );
}
