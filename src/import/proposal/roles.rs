//! Role lines: `Organizer N:` and `Speaker N:` lines and the names of role
//! blocks, read into a [`RoleDraft`]'s name, affiliation, group and region.

use entity::session_role::RoleKind;

use super::{
    ParseError, ProposalDraft, RoleDraft,
    groups::{looks_like_group, looks_like_region, strong_region},
    names::is_name_line,
    people,
};

/// The lists a [`RoleDraft`] can go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RoleList {
    Organizer,
    Speaker,
    Moderator,
    OnlineModerator,
    Rapporteur,
}

impl RoleList {
    pub(super) fn label(self) -> &'static str {
        match self {
            RoleList::Organizer => "Organizer",
            RoleList::Speaker => "Speaker",
            RoleList::Moderator => "Moderator",
            RoleList::OnlineModerator => "Online Moderator",
            RoleList::Rapporteur => "Rapporteur",
        }
    }

    /// The list for a part a line names.
    pub(super) fn of_kind(kind: RoleKind) -> Self {
        match kind {
            RoleKind::Organizer => RoleList::Organizer,
            RoleKind::Speaker => RoleList::Speaker,
            RoleKind::Moderator => RoleList::Moderator,
            RoleKind::OnlineModerator => RoleList::OnlineModerator,
            RoleKind::Rapporteur => RoleList::Rapporteur,
        }
    }

    /// Organizer and speaker lines carry their own number.
    pub(super) fn numbered(self) -> bool {
        matches!(self, RoleList::Organizer | RoleList::Speaker)
    }

    pub(super) fn of(self, draft: &mut ProposalDraft) -> &mut Vec<RoleDraft> {
        match self {
            RoleList::Organizer => &mut draft.organizers,
            RoleList::Speaker => &mut draft.speakers,
            RoleList::Moderator => &mut draft.moderators,
            RoleList::OnlineModerator => &mut draft.online_moderators,
            RoleList::Rapporteur => &mut draft.rapporteurs,
        }
    }
}

pub(super) fn same_content(a: &RoleDraft, b: &RoleDraft) -> bool {
    a.name == b.name
        && a.affiliation == b.affiliation
        && a.stakeholder_group == b.stakeholder_group
        && a.region == b.region
}

/// Comma-separated fields, each trimmed (so a stray space before a comma
/// goes), empty for an empty text.
fn fields_of(body: &str) -> Vec<&str> {
    if body.is_empty() {
        Vec::new()
    } else {
        body.split(',').map(str::trim).collect()
    }
}

/// The parts of a person's fields.
#[derive(Debug, Default)]
struct Person {
    name: Option<String>,
    affiliation: Option<String>,
    group: Option<String>,
    region: Option<String>,
}

pub(super) fn some(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// Name and affiliation from the fields before group and region. The name
/// is the first field, extended over any later field that is a name suffix
/// (`Doe, Jane, Jr.` stays one name); the rest is the affiliation.
fn name_and_affiliation(head: &[&str]) -> (Option<String>, Option<String>) {
    const SUFFIXES: [&str; 8] = ["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"];
    let is_suffix = |f: &&str| {
        let key: String = f
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        SUFFIXES.contains(&key.as_str())
    };
    if head.is_empty() {
        return (None, None);
    }
    let name_end = head
        .iter()
        .rposition(is_suffix)
        .filter(|&i| i > 0)
        .unwrap_or(0);
    let name = head[..=name_end].join(", ");
    let affiliation = head[name_end + 1..].join(", ");
    (some(&name), some(&affiliation))
}

/// Reads a person's fields by recognising group and region at the end:
/// `Name[, Affiliation], Group, Region`, `Name[, Affiliation], Group`, or
/// `Name[, Affiliation]`.
fn split_person(fields: &[&str]) -> Person {
    let n = fields.len();
    let tail = n >= 3 && {
        let (g, r) = (fields[n - 2], fields[n - 1]);
        (looks_like_group(g) && looks_like_region(r)) || strong_region(r)
    };
    if tail {
        let (name, affiliation) = name_and_affiliation(&fields[..n - 2]);
        return Person {
            name,
            affiliation,
            group: some(fields[n - 2]),
            region: some(fields[n - 1]),
        };
    }
    if n >= 2 && looks_like_group(fields[n - 1]) {
        let (name, affiliation) = name_and_affiliation(&fields[..n - 1]);
        return Person {
            name,
            affiliation,
            group: some(fields[n - 1]),
            region: None,
        };
    }
    let (name, affiliation) = name_and_affiliation(fields);
    Person {
        name,
        affiliation,
        ..Person::default()
    }
}

/// A name line of a Moderator/Online Moderator/Rapporteur block; its
/// tags give the participation, and tags that say nothing are reported.
pub(super) fn person_role(text: &str, line: usize, warnings: &mut Vec<String>) -> RoleDraft {
    let (text, tags) = people::without_furniture(text);
    let tags = people::Tags::read(&tags);
    warnings.extend(tags.warning(line));
    let body = text.trim().trim_end_matches([',', ';']).trim_end();
    let p = split_person(&fields_of(body));
    tags.apply(RoleDraft {
        number: 0,
        name: p.name,
        affiliation: p.affiliation,
        stakeholder_group: p.group,
        region: p.region,
        line,
        participation: None,
        also: Vec::new(),
    })
}

/// A speaker line that gives no group or region where the classic layout
/// has them: `Name, Affiliation` or `Name, job title, employer` (no field
/// reads as a group or a region, so none is invented; the rest is the
/// affiliation), or `Name, Group` / `Name, Region`. `None` for any other
/// line. Each is named in a warning.
fn speaker_without_group_or_region(
    fields: &[&str],
    line: usize,
    number: u32,
    warnings: &mut Vec<String>,
) -> Option<Person> {
    let n = fields.len();
    if n < 2 || fields[0].is_empty() {
        return None;
    }
    let last = fields[n - 1];
    let nothing_reads = !looks_like_group(last)
        && !looks_like_region(last)
        && (n == 2 || !looks_like_group(fields[n - 2]));
    if nothing_reads {
        let (name, affiliation) = name_and_affiliation(fields);
        warnings.push(format!(
            "line {line}: Speaker {number} gives no stakeholder group or region; \
             stored with the affiliation as written"
        ));
        return Some(Person {
            name,
            affiliation,
            group: None,
            region: None,
        });
    }
    if n != 2 {
        return None;
    }
    let (group, region) = if looks_like_group(last) {
        (some(last), None)
    } else {
        (None, some(last))
    };
    warnings.push(format!(
        "line {line}: Speaker {number} gives no {}; stored without it",
        if group.is_some() {
            "region"
        } else {
            "stakeholder group"
        }
    ));
    Some(Person {
        name: some(fields[0]),
        affiliation: None,
        group,
        region,
    })
}

/// What a cut-off role line has, kept as far as it goes.
fn partial(list: RoleList, fields: &[&str]) -> Person {
    let n = fields.len();
    match (list, n) {
        (_, 0) => Person::default(),
        (RoleList::Speaker, 1 | 2) => Person {
            name: some(fields[0]),
            group: fields.get(1).and_then(|f| some(f)),
            ..Person::default()
        },
        // Region missing: the last field is the group.
        (RoleList::Speaker, _) if looks_like_group(fields[n - 1]) => {
            let (name, affiliation) = name_and_affiliation(&fields[..n - 1]);
            Person {
                name,
                affiliation,
                group: some(fields[n - 1]),
                region: None,
            }
        }
        (RoleList::Speaker, _) => split_person(fields),
        // An organizer with one field, a group or a region.
        (_, _) if looks_like_group(fields[0]) => Person {
            group: some(fields[0]),
            ..Person::default()
        },
        (_, _) => Person {
            region: some(fields[0]),
            ..Person::default()
        },
    }
}

/// Parses the part after `Speaker N:` / `Organizer N:`.
///
/// A speaker line ends with group and region (the last two fields); what is
/// before them is the name, then any affiliation. An organizer line is
/// `Group, Region` (2025), `Name, Affiliation` (2022–2024) or a name with
/// group and region, told apart with [`looks_like_group`] and
/// [`looks_like_region`]. A line with missing fields is an error, unless
/// `cut` (it is the last line of a text that stops there): then it is kept
/// with what it has, and a warning.
pub(super) fn parse_role(
    list: RoleList,
    number: &str,
    body: &str,
    line: usize,
    cut: bool,
    warnings: &mut Vec<String>,
) -> Result<RoleDraft, ParseError> {
    let label = list.label();
    let number: u32 = number.parse().map_err(|_| ParseError {
        line,
        message: format!("{label} number {number:?} is too large"),
    })?;
    // Page furniture: the lock mark before hidden affiliations, and
    // `[onsite]`-style tags, read into the role.
    let (body, tags) = people::without_furniture(body);
    let tags = people::Tags::read(&tags);
    warnings.extend(tags.warning(line));
    read_role(list, number, &body, line, cut, warnings).map(|r| tags.apply(r))
}

/// The fields of a role line without its furniture, as [`parse_role`]
/// reads them.
fn read_role(
    list: RoleList,
    number: u32,
    body: &str,
    line: usize,
    cut: bool,
    warnings: &mut Vec<String>,
) -> Result<RoleDraft, ParseError> {
    let label = list.label();
    // A trailing comma or full stop is not an empty region field.
    let body = body.trim().trim_end_matches([',', ';', '.']).trim_end();
    if let Some(found) = people::bracketed(body, line) {
        return Ok(RoleDraft { number, ..found });
    }
    let fields = fields_of(body);
    let n = fields.len();
    let role = |p: Person| RoleDraft {
        number,
        name: p.name,
        affiliation: p.affiliation,
        stakeholder_group: p.group,
        region: p.region,
        line,
        participation: None,
        also: Vec::new(),
    };
    if list == RoleList::Speaker
        && !cut
        && let Some(person) = speaker_without_group_or_region(&fields, line, number, warnings)
    {
        return Ok(role(person));
    }
    let problem = if list == RoleList::Speaker {
        if n < 3 {
            Some(format!(
                "needs \"Name, Stakeholder group, Region\" but has {n} comma-separated field(s)"
            ))
        } else if fields[0].is_empty() {
            Some("has no name".to_owned())
        } else if looks_like_group(fields[n - 1]) && !looks_like_region(fields[n - 1]) {
            Some(format!(
                "has no region: \"{}\" is a stakeholder group; needs \
                 \"Name, Stakeholder group, Region\"",
                fields[n - 1]
            ))
        } else {
            None
        }
    } else if n == 0 || (n == 1 && (looks_like_group(fields[0]) || looks_like_region(fields[0]))) {
        Some(format!(
            "needs \"[Name,] Stakeholder group, Region\" or \"Name, Affiliation\" but has \
             {n} comma-separated field(s)"
        ))
    } else {
        None
    };

    if let Some(problem) = problem {
        if !cut {
            return Err(ParseError {
                line,
                message: format!("{label} {number} {problem}"),
            });
        }
        // The page stops in this line: keep what is there.
        let partial = partial(list, &fields);
        warnings.push(format!(
            "line {line}: {label} {number} is cut off ({problem}); kept as far as it goes"
        ));
        return Ok(role(partial));
    }

    if list == RoleList::Speaker {
        let (name, affiliation) = name_and_affiliation(&fields[..n - 2]);
        return Ok(role(Person {
            name,
            affiliation,
            group: some(fields[n - 2]),
            region: some(fields[n - 1]),
        }));
    }
    // Organizer.
    let anonymous = n == 2
        && (looks_like_group(fields[0]) || (strong_region(fields[1]) && !is_name_line(fields[0])));
    if anonymous {
        return Ok(role(Person {
            group: some(fields[0]),
            region: some(fields[1]),
            ..Person::default()
        }));
    }
    Ok(role(split_person(&fields)))
}

#[cfg(test)]
mod tests;
