//! Bare name lines: telling a person's name from a heading or a sentence,
//! and the Moderator, Online Moderator and Rapporteur lines whose labels
//! were lost.

use entity::session::SessionFormat;

use super::{
    groups::{looks_like_group, strong_region},
    layout::{Line, classify, format_from_raw},
    roles::RoleList,
    sections::looks_like_unknown_heading,
};

/// The three role labels in the order the 2022–2023 template gives them.
const TEMPLATE: [RoleList; 3] = [
    RoleList::Moderator,
    RoleList::OnlineModerator,
    RoleList::Rapporteur,
];

/// Bare name lines right after the speakers (and any organizer lines that
/// follow them) whose Moderator, Online Moderator and Rapporteur labels were
/// lost, with the list each goes to. When no such label is left on the
/// page, one to three of them are taken in the template's order. When some
/// are left, the template's order around them tells: a name before the
/// `Online Moderator` label is the moderator, and a second name after the
/// online moderator's is the rapporteur, each only where that label is
/// nowhere on the page. Returns the line indexes with their lists.
pub(super) fn lost_labels(lines: &[String], header_idx: Option<usize>) -> Vec<(usize, RoleList)> {
    let classes: Vec<Option<Line<'_>>> = lines
        .iter()
        .map(|l| (!l.is_empty()).then(|| classify(l)))
        .collect();
    let has_speaker = classes.iter().any(|c| {
        matches!(
            c,
            Some(Line::Role {
                list: RoleList::Speaker,
                ..
            })
        )
    });
    let Some(last_role) = classes
        .iter()
        .rposition(|c| matches!(c, Some(Line::Role { .. })))
        .filter(|_| has_speaker)
    else {
        return Vec::new();
    };
    let present: Vec<RoleList> = classes
        .iter()
        .filter_map(|c| match c {
            Some(Line::RoleBlock { list, .. }) => Some(*list),
            _ => None,
        })
        .collect();
    if present.is_empty() {
        all_lost(lines, &classes, last_role, header_idx)
    } else {
        some_lost(lines, &classes, last_role, &present)
    }
}

/// No role label on the page: one to three name lines after the roles.
fn all_lost(
    lines: &[String],
    classes: &[Option<Line<'_>>],
    last_role: usize,
    header_idx: Option<usize>,
) -> Vec<(usize, RoleList)> {
    let header = header_idx.map(|h| lines[h].as_str());
    let mut names = Vec::new();
    let mut stop = None;
    for idx in last_role + 1..lines.len() {
        let Some(class) = &classes[idx] else {
            continue;
        };
        if class.is_plain() && Some(lines[idx].as_str()) != header && is_name_line(&lines[idx]) {
            names.push(idx);
        } else {
            stop = Some(idx);
            break;
        }
    }
    // A Title-Cased line followed by prose is a heading, not a name.
    if let Some(s) = stop
        && classes[s].as_ref().is_some_and(Line::is_plain)
        && !lines[s].ends_with(':')
        && let Some(&last) = names.last()
        && looks_like_unknown_heading(lines, last)
    {
        names.pop();
    }
    if names.len() > 3 {
        return Vec::new();
    }
    names.into_iter().zip(TEMPLATE).collect()
}

/// Some role labels left on the page: bare name lines around them go to
/// the labels missing from the page, in the template's order, only where
/// the order leaves no doubt: as many names as missing labels between the
/// labels around them.
fn some_lost(
    lines: &[String],
    classes: &[Option<Line<'_>>],
    last_role: usize,
    present: &[RoleList],
) -> Vec<(usize, RoleList)> {
    /// What the lines after the roles are, up to the first that is neither.
    enum Item {
        /// A label, and whether its name is on its line.
        Label(RoleList, bool),
        Name(usize),
    }
    let mut items = Vec::new();
    for idx in last_role + 1..lines.len() {
        match &classes[idx] {
            None => {}
            // A plural heading ("Moderators") takes every name under it.
            Some(Line::RoleBlock { .. }) if is_plural_heading(&lines[idx]) => break,
            Some(Line::RoleBlock { list, rest }) => items.push(Item::Label(*list, rest.is_some())),
            Some(class) if class.is_plain() && is_name_line(&lines[idx]) => {
                items.push(Item::Name(idx));
            }
            Some(_) => break,
        }
    }
    let slot_of = |list: RoleList| TEMPLATE.iter().position(|t| *t == list).unwrap_or(0);
    let mut out = Vec::new();
    let mut slot = 0;
    let mut i = 0;
    while i < items.len() {
        match items[i] {
            Item::Label(list, inline) => {
                slot = slot_of(list);
                i += 1;
                // The name under a label without one on its line is its own.
                if !inline && matches!(items.get(i), Some(Item::Name(_))) {
                    i += 1;
                }
                slot += 1;
            }
            Item::Name(_) => {
                let names: Vec<usize> = items[i..]
                    .iter()
                    .map_while(|it| match it {
                        Item::Name(idx) => Some(*idx),
                        Item::Label(..) => None,
                    })
                    .collect();
                let bound = match items.get(i + names.len()) {
                    Some(Item::Label(list, _)) => slot_of(*list),
                    _ => TEMPLATE.len(),
                };
                let missing: Vec<RoleList> = TEMPLATE
                    .get(slot..bound.max(slot))
                    .unwrap_or_default()
                    .iter()
                    .filter(|l| !present.contains(l))
                    .copied()
                    .collect();
                if missing.len() != names.len() {
                    break;
                }
                out.extend(names.iter().copied().zip(missing));
                i += names.len();
                slot = bound;
            }
        }
    }
    out
}

/// A role heading for several people (`Moderators`, `Rapporteur(s)`): the
/// names under it are its own, never labels lost.
fn is_plural_heading(line: &str) -> bool {
    let head = line.split(':').next().unwrap_or(line).to_lowercase();
    head.contains("moderators") || head.contains("rapporteurs") || head.contains("(s)")
}

/// Words that do not occur in names, to tell a bare heading from a name.
const NOT_NAME_WORDS: [&str; 82] = [
    "session",
    "sessions",
    "forum",
    "internet",
    "online",
    "onsite",
    "participation",
    "format",
    "description",
    "outcomes",
    "objectives",
    "agenda",
    "policy",
    "questions",
    "speakers",
    "organizers",
    "moderator",
    "summary",
    "background",
    "panel",
    "discussion",
    "governance",
    "digital",
    "workshop",
    "event",
    "report",
    "resources",
    "links",
    "notes",
    "contact",
    "takeaways",
    "key",
    "issues",
    "targets",
    "institute",
    "university",
    "foundation",
    "ministry",
    "association",
    "council",
    "centre",
    "center",
    "lab",
    "laboratory",
    "trust",
    "alliance",
    "society",
    "agency",
    "office",
    "union",
    "committee",
    "commission",
    "coalition",
    "initiative",
    "company",
    "ltd",
    "inc",
    "corporation",
    "authority",
    "department",
    "school",
    "college",
    "academy",
    "observatory",
    "archive",
    "collective",
    "club",
    "federation",
    "partnership",
    "programme",
    "program",
    "project",
    "network",
    "networks",
    "group",
    "holdings",
    "secretariat",
    "bank",
    "organisation",
    "organization",
    "telecom",
    "institution",
];

/// Lower-case particles of names: `de`, `van`, `bin`, `al`...
const PARTICLES: [&str; 30] = [
    "de", "del", "della", "der", "den", "di", "da", "das", "do", "dos", "du", "la", "le", "van",
    "von", "y", "e", "bin", "binti", "bint", "ibn", "al", "el", "ter", "ten", "zu", "af", "av",
    "ben", "st",
];

/// A bare line that is surely a person: two to six capitalised words (or
/// name particles) before the first comma, no digits or sentence marks.
pub(super) fn is_name_line(line: &str) -> bool {
    if line.chars().count() > 150 {
        return false;
    }
    let name = line.split(',').next().unwrap_or("").trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=6).contains(&words.len())
        || name.contains(|c: char| c.is_ascii_digit() || "?!:;\"“”()[]{}|#@".contains(c))
        || format_from_raw(name) != SessionFormat::Other
        || looks_like_group(name)
        || strong_region(name)
    {
        return false;
    }
    words.iter().all(|word| {
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = core.chars().next() else {
            return word.chars().all(|c| c == '.' || c == '-' || c == '\'');
        };
        let lower = core.to_lowercase();
        let stem = lower.split(['-', '\'', '’']).next().unwrap_or("");
        if NOT_NAME_WORDS.contains(&lower.as_str()) {
            return false;
        }
        first.is_uppercase() || PARTICLES.contains(&lower.as_str()) || PARTICLES.contains(&stem)
    }) && !words
        .last()
        .is_some_and(|w| w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() > 3)
}

/// A line that reads as a person: a name followed by a comma, a bracket or
/// a dash (`Ada Mirembe, Example Lab`, `Ada Mirembe (moderator)`, `Ada
/// Mirembe - Example Lab`).
pub(super) fn looks_like_person(line: &str) -> bool {
    let cut = [",", "(", " - ", " – "]
        .iter()
        .filter_map(|sep| line.find(sep))
        .min();
    cut.is_some_and(|at| at > 0 && is_name_line(line[..at].trim()))
}

/// A line under a Moderator/Online Moderator/Rapporteur heading that can be
/// a person: a short name part with at most one lower-case word that is not
/// a name particle (so a sentence is not taken for a name).
pub(super) fn is_person_line(line: &str) -> bool {
    if line.chars().count() > 150 || line.contains(['?', '!', ';']) || line.ends_with(':') {
        return false;
    }
    let name = line.split(',').next().unwrap_or("").trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(1..=10).contains(&words.len()) || !name.contains(char::is_alphabetic) {
        return false;
    }
    let lower_words = words
        .iter()
        .filter(|w| {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric());
            core.chars().next().is_some_and(char::is_lowercase)
                && !PARTICLES.contains(&core.to_lowercase().as_str())
        })
        .count();
    let sentence_end = words
        .last()
        .is_some_and(|w| w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() > 3);
    lower_words <= 1 && !sentence_end
}

#[cfg(test)]
mod tests {
    use crate::import::proposal::{
        RoleDraft, parse,
        test_support::{extra, online, person, text},
    };

    #[test]
    fn a_plural_heading_keeps_every_name_under_it() {
        let d = parse(&text(&[
            "IGF 2023 WS #5 T",
            "Speaker 1: Yusuf Demir, Civil Society, WEOG",
            "Moderators:",
            "Nadia Haddad",
            "Tomás Ruiz",
            "",
            "Moderator: Ines Moreau",
            "Example Harbour Institute",
            "Rapporteur: Kofi Mensah",
        ]))
        .expect("parses");
        let names = |roles: &[RoleDraft]| -> Vec<String> {
            roles.iter().filter_map(|r| r.name.clone()).collect()
        };
        assert_eq!(
            names(&d.moderators),
            ["Nadia Haddad", "Tomás Ruiz", "Ines Moreau"]
        );
        assert_eq!(names(&d.online_moderators), Vec::<String>::new());
        assert_eq!(names(&d.rapporteurs), ["Kofi Mensah"]);
    }

    #[test]
    fn lost_labels_only_when_no_label_and_not_headings() {
        // Two bare names after the organizers that follow the speakers.
        let d = parse(&text(&[
            "IGF 2022 Lightning Talk #7 Example Talk",
            "Speaker 1: Yusuf Demir, Civil Society, WEOG",
            "Organizer 1: Yusuf Demir, Example Org",
            "",
            "Dr. Chidi Eze",
            "Ms. Björk Jónsdóttir, Example Lab",
            "",
            "Format: Theater - 30 Min",
        ]))
        .expect("parses");
        assert_eq!(
            d.moderators,
            vec![person(1, Some("Dr. Chidi Eze"), None, None, None, 5)]
        );
        assert_eq!(
            d.online_moderators,
            vec![online(person(
                1,
                Some("Ms. Björk Jónsdóttir"),
                Some("Example Lab"),
                None,
                None,
                6
            ))]
        );
        assert_eq!(d.rapporteurs, vec![]);
        assert_eq!(
            d.warnings[0],
            "line 5: 2 name line(s) after the speakers have no label; taken as Moderator, \
             Online Moderator in that order"
        );
        // A labelled block elsewhere: bare lines are not guessed at.
        let d = parse(&text(&[
            "IGF 2023 WS #5 T",
            "Speaker 1: Yusuf Demir, Civil Society, WEOG",
            "Nadia Haddad",
            "Rapporteur: Tomás Ruiz",
        ]))
        .expect("parses");
        assert_eq!(d.moderators, vec![]);
        assert_eq!(d.extra_sections, vec![extra("", "Nadia Haddad")]);
        // A Title-Cased heading with prose under it is not a name.
        let d = parse(&text(&[
            "IGF 2023 WS #5 T",
            "Speaker 1: Yusuf Demir, Civil Society, WEOG",
            "",
            "Key Issues",
            "",
            "The session will look at three things.",
        ]))
        .expect("parses");
        assert_eq!(d.moderators, vec![]);
        assert_eq!(
            d.extra_sections,
            vec![extra(
                "Key Issues",
                "The session will look at three things."
            )]
        );
    }
}
