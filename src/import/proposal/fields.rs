//! Organizers written as blocks of fields, as Day 0 and launch/award pages
//! do, one block per organizing entity, the fields in any order:
//!
//! ```text
//! Organizational Affiliation: Example Harbour Institute
//! Moderator and Organizer: Ada Mirembe (main), Jonas Falk (sub)
//! Stakeholder: Civil Society
//! Regional Group: African Group
//! ```
//!
//! Each person named becomes an organizer (and a moderator when the field
//! says so) with the block's affiliation, stakeholder group and region; a
//! block that names nobody is one anonymous organizer. A block is a run of
//! field lines without a blank line between them; a field that comes again
//! starts the next block.

use std::sync::LazyLock;

use regex::Regex;

use super::{RoleDraft, people::without_furniture, roles::RoleList};

/// `Key: value` on a field line, with the keys these blocks use.
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?P<key>organi[sz]ational\s+affiliation|affiliation|organi[sz]ation|stakeholder(?:\s+group)?|regional\s+group|region|(?:(?:onsite\s+)?moderators?\s+and\s+)?(?:co-?)?organi[sz]ers?(?:\s+and\s+moderators?)?|moderators?)\s*:\s*(?P<value>.*)$",
    )
    .expect("valid regex")
});

/// A field's part in a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    /// `Organizational Affiliation`: the organizing entity itself.
    EntityAffiliation,
    Affiliation,
    Group,
    Region,
    /// People, and whether they also moderate, and whether they organize.
    People {
        organize: bool,
        moderate: bool,
    },
}

fn key_of(key: &str) -> Key {
    let key = key.to_lowercase();
    if key.starts_with("organi") && key.contains("affiliation") {
        Key::EntityAffiliation
    } else if key.contains("affiliation") || key.starts_with("organi") && key.ends_with("ation") {
        Key::Affiliation
    } else if key.starts_with("stakeholder") {
        Key::Group
    } else if key.starts_with("region") {
        Key::Region
    } else {
        Key::People {
            organize: key.contains("organi"),
            moderate: key.contains("moderator"),
        }
    }
}

/// One block: the lines it spans and the roles it gives, in order.
#[derive(Debug)]
pub(super) struct FieldBlock {
    /// Line indexes of its field lines.
    pub(super) lines: Vec<usize>,
    pub(super) roles: Vec<(RoleList, RoleDraft)>,
}

/// The organizer field blocks of `lines`. A run counts only when it has an
/// affiliation, stakeholder or regional group field, so a lone
/// `Moderator: Name` line is left to the role headings.
pub(super) fn field_blocks(lines: &[String]) -> Vec<FieldBlock> {
    let mut blocks = Vec::new();
    let mut run: Vec<(usize, Key, String)> = Vec::new();
    // Under an `Organizers` heading (or after another block), a run that
    // names nobody is still an organizing entity.
    let mut among_organizers = false;
    for (idx, line) in lines.iter().enumerate() {
        let field = FIELD
            .captures(line)
            .map(|c| (key_of(&c["key"]), c["value"].trim().to_owned()));
        let repeats = field
            .as_ref()
            .is_some_and(|(k, _)| run.iter().any(|(_, seen, _)| seen == k));
        if field.is_none() || repeats {
            let block = block_of(std::mem::take(&mut run), among_organizers);
            among_organizers |= block.is_some();
            blocks.extend(block);
        }
        match field {
            Some((key, value)) => run.push((idx, key, value)),
            None if line.is_empty() => {}
            None => among_organizers = ORGANIZERS_HEADING.is_match(line),
        }
    }
    blocks.extend(block_of(run, among_organizers));
    blocks
}

/// A bare `Organizers` heading.
static ORGANIZERS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:co-?\s*)?organi[sz]ers?(?:\s*\(s\))?\s*:?$").expect("valid regex")
});

/// The block a run of fields makes, if it is one.
fn block_of(run: Vec<(usize, Key, String)>, among_organizers: bool) -> Option<FieldBlock> {
    let value = |want: Key| {
        run.iter()
            .find(|(_, k, v)| *k == want && !v.is_empty())
            .map(|(_, _, v)| without_furniture(v).0.trim().to_owned())
    };
    let affiliation = value(Key::EntityAffiliation).or_else(|| value(Key::Affiliation));
    let group = value(Key::Group);
    let region = value(Key::Region);
    if affiliation.is_none() && group.is_none() && region.is_none() {
        return None;
    }
    let names_people = run.iter().any(|(_, k, _)| matches!(k, Key::People { .. }));
    // A run that names nobody is an organizing entity only when it says
    // so, or stands among organizers; `Organization:` and `Region:` lines
    // under a speaker are not one.
    if !names_people
        && !among_organizers
        && !run.iter().any(|(_, k, _)| *k == Key::EntityAffiliation)
    {
        return None;
    }
    let first = run.first()?.0;
    let role = |name: Option<String>, line: usize| RoleDraft {
        number: 0,
        name,
        affiliation: affiliation.clone(),
        stakeholder_group: group.clone(),
        region: region.clone(),
        line: line + 1,
        participation: None,
        also: Vec::new(),
    };
    let mut organizers = Vec::new();
    let mut moderators = Vec::new();
    for (idx, key, value) in &run {
        let Key::People { organize, moderate } = *key else {
            continue;
        };
        for name in names(value) {
            if organize || !moderate {
                organizers.push((RoleList::Organizer, role(Some(name.clone()), *idx)));
            }
            if moderate {
                moderators.push((RoleList::Moderator, role(Some(name), *idx)));
            }
        }
    }
    if !names_people {
        organizers.push((RoleList::Organizer, role(None, first)));
    }
    organizers.extend(moderators);
    Some(FieldBlock {
        lines: run.iter().map(|(i, _, _)| *i).collect(),
        roles: organizers,
    })
}

/// The people a field names: `A (main), B (sub)`, `A and B`, `A; B`.
fn names(value: &str) -> Vec<String> {
    static MARK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*\([^()]*\)").expect("valid regex"));
    let value = without_furniture(value).0;
    let value = MARK.replace_all(&value, "");
    let mut names: Vec<String> = Vec::new();
    for part in value
        .split([',', ';', '/'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        // A single word after a name is its letters (`Ada Mirembe, PhD`).
        match names.last_mut() {
            Some(last) if !part.contains(' ') => {
                last.push_str(", ");
                last.push_str(part);
            }
            _ => names.push(part.to_owned()),
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    #[test]
    fn a_block_names_its_organizers_and_moderators() {
        let blocks = field_blocks(&lines(
            "Organizers\nOrganizational Affiliation: Example Institute\n\
             Moderator and Organizer: Ada Mirembe (main), Jonas Falk (sub)\n\
             Stakeholder: Civil Society\nRegional Group: African Group\n\n\
             Stakeholder: Government\nRegional Group: WEOG\n",
        ));
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].lines, [1, 2, 3, 4]);
        let people: Vec<(RoleList, Option<&str>, Option<&str>)> = blocks[0]
            .roles
            .iter()
            .map(|(l, r)| (*l, r.name.as_deref(), r.affiliation.as_deref()))
            .collect();
        assert_eq!(
            people,
            [
                (
                    RoleList::Organizer,
                    Some("Ada Mirembe"),
                    Some("Example Institute")
                ),
                (
                    RoleList::Organizer,
                    Some("Jonas Falk"),
                    Some("Example Institute")
                ),
                (
                    RoleList::Moderator,
                    Some("Ada Mirembe"),
                    Some("Example Institute")
                ),
                (
                    RoleList::Moderator,
                    Some("Jonas Falk"),
                    Some("Example Institute")
                ),
            ]
        );
        // A block without a person is one anonymous organizer.
        assert_eq!(blocks[1].roles.len(), 1);
        assert_eq!(blocks[1].roles[0].1.name, None);
        assert_eq!(blocks[1].roles[0].1.region.as_deref(), Some("WEOG"));
    }

    #[test]
    fn fields_that_are_not_an_organizing_entity_give_no_organizer() {
        // A moderator with an affiliation: no anonymous organizer besides.
        let blocks = field_blocks(&lines("Moderator: Jane Roe\nAffiliation: Example Lab\n"));
        let lists: Vec<RoleList> = blocks
            .iter()
            .flat_map(|b| b.roles.iter().map(|r| r.0))
            .collect();
        assert_eq!(lists, [RoleList::Moderator]);
        // A speaker's organisation and region are no organizing entity.
        assert!(
            field_blocks(&lines("Speaker: Jane Roe\nOrganization: U\nRegion: WEOG\n")).is_empty()
        );
        // An organizer and then a moderator are one block; letters stay
        // with the name.
        let blocks = field_blocks(&lines(
            "Organizer: Ada Mirembe, PhD\nModerator: Jonas Falk\n\
             Organizational Affiliation: X\nStakeholder: Government\nRegional Group: WEOG\n",
        ));
        assert_eq!(blocks.len(), 1);
        let named: Vec<(RoleList, Option<&str>)> = blocks[0]
            .roles
            .iter()
            .map(|(l, r)| (*l, r.name.as_deref()))
            .collect();
        assert_eq!(
            named,
            [
                (RoleList::Organizer, Some("Ada Mirembe, PhD")),
                (RoleList::Moderator, Some("Jonas Falk")),
            ]
        );
    }

    #[test]
    fn a_lone_moderator_line_is_no_block() {
        assert!(field_blocks(&lines("Moderator: Ada Mirembe\nOrganizer: Jonas Falk\n")).is_empty());
    }
}
