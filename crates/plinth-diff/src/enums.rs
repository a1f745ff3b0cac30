//! Enum types: created, dropped, values added (in place), renamed (from a
//! hint) or removed (the type is rebuilt).

use crate::{Change, Hints};
use plinth_model::{EnumType, Schema};

/// (changes that go before the tables, drops that go after them).
pub(crate) fn diff(from: &Schema, to: &Schema, hints: &Hints) -> (Vec<Change>, Vec<Change>) {
    let mut early = Vec::new();
    let mut late = Vec::new();
    let mut names: Vec<&EnumType> = to.enums.iter().collect();
    names.sort_by(|a, b| a.name.cmp(&b.name));
    for b in names {
        let Some(a) = from
            .enums
            .iter()
            .find(|e| e.name == b.name && e.namespace == b.namespace)
        else {
            early.push(Change::CreateEnum(b.clone()));
            continue;
        };
        values(a, b, hints, &mut early);
    }
    let mut gone: Vec<&EnumType> = from
        .enums
        .iter()
        .filter(|a| !to.enums.iter().any(|b| b.name == a.name && b.namespace == a.namespace))
        .collect();
    gone.sort_by(|a, b| a.name.cmp(&b.name));
    late.extend(gone.into_iter().map(|e| Change::DropEnum(e.clone())));
    (early, late)
}

fn values(a: &EnumType, b: &EnumType, hints: &Hints, out: &mut Vec<Change>) {
    if a.values == b.values {
        return;
    }
    // Renames first: the old value takes the new name in place.
    let mut current = a.values.clone();
    for v in &b.values {
        if let Some(old) = hints.enum_values.get(&(b.name.clone(), v.clone())) {
            if let Some(i) = current.iter().position(|x| x == old).filter(|_| !current.contains(v)) {
                out.push(Change::RenameEnumValue {
                    name: b.name.clone(),
                    from: old.clone(),
                    to: v.clone(),
                });
                current[i] = v.clone();
            }
        }
    }
    let removed = current.iter().any(|v| !b.values.contains(v));
    let kept: Vec<&String> = b.values.iter().filter(|v| current.contains(v)).collect();
    let old_order: Vec<&String> = current.iter().filter(|v| b.values.contains(v)).collect();
    if removed || kept != old_order {
        let mut renamed = a.clone();
        renamed.values = current;
        out.push(Change::RemoveEnumValues {
            from: renamed,
            to: b.clone(),
        });
        return;
    }
    for (i, v) in b.values.iter().enumerate() {
        if current.contains(v) {
            continue;
        }
        let before = b.values[i + 1..].iter().find(|n| current.contains(n)).cloned();
        out.push(Change::AddEnumValue {
            name: b.name.clone(),
            value: v.clone(),
            before,
        });
    }
}
