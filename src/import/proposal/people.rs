//! People listed under a bare `Speakers` or `Organizers` heading, with no
//! `Speaker N:` before them, in the forms real pages use:
//!
//! ```text
//! Ada Mirembe, Example University, Civil Society
//! Ada Mirembe, Example University (Civil Society, African Group)
//! Ada Mirembe, Example University (Civil Society, African Group) Jonas Falk, Example Ministry (Government, WEOG)
//! Ada Mirembe, Example University, African Group
//! Ada Mirembe - Example University, African Group
//! Ada Mirembe, Example University, KENYA [onsite]
//! ```
//!
//! A field goes into the stakeholder group or the region only when it
//! reads as one ([`looks_like_group`], [`looks_like_region`]); anything else
//! after the name (a job title, an employer, a country) is kept as the
//! affiliation as written, never as an invented group or region. Page
//! furniture is taken off: the lock mark the site puts before hidden
//! affiliations, and `[onsite]`/`[online, moderator]` tags, read into the
//! role's participation and the other parts it names.

use std::sync::LazyLock;

use regex::Regex;

use entity::{position::ParticipationMode, session_role::RoleKind};

use super::{
    RoleDraft,
    groups::{looks_like_group, looks_like_region},
    names::is_person_line,
};

/// One person and the text before the next: `Name, Org (Group, Region)`.
static WITH_PARENS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?P<who>[^()\[\]]+?)\s*\((?P<inner>(?:[^()]|\([^()]*\))*)\)\s*[,;]?")
        .expect("valid regex")
});

/// A bracketed tag such as `[onsite]` or `[online, moderator]`.
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\[(?P<tag>[^\[\]]{1,40})\]").expect("valid regex"));

/// The lock marks the site puts before hidden affiliations.
pub(super) const FURNITURE: [char; 3] = ['\u{1F512}', '\u{1F513}', '\u{1F510}'];

/// What one line under a bare people heading gives: the people it names,
/// and the tags taken off it.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct PeopleLine {
    pub(super) people: Vec<RoleDraft>,
    pub(super) tags: Tags,
}

/// The people `line` names, in order; none when it does not read as a list
/// of people (a sentence, a heading).
pub(super) fn people_in(line: &str, line_no: usize) -> PeopleLine {
    let (text, tags) = without_furniture(line);
    let text = text.trim().trim_end_matches([',', ';', '.']).trim();
    // A name alone cannot be told from an organisation's ("The Example
    // Collective"): a person's line says more than the name.
    if !text.contains([',', '(', ';']) && !text.contains(" - ") && !text.contains(" – ") {
        return PeopleLine::default();
    }
    let mut people = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        match with_parens(part, line_no) {
            Some(found) => people.extend(found),
            None => people.extend(plain(part, line_no)),
        }
    }
    if people.is_empty() || people.iter().any(|p| p.name.is_none()) {
        return PeopleLine::default();
    }
    let tags = Tags::read(&tags);
    // Several people run together on one line share its tags only when
    // there is one of them.
    if people.len() == 1 {
        people = people.into_iter().map(|p| tags.apply(p)).collect();
    }
    PeopleLine { people, tags }
}

/// `line` without the page's furniture: the lock marks are dropped, and
/// the `[onsite]`-style tags taken off are given back, to be reported.
pub(super) fn without_furniture(line: &str) -> (String, Vec<String>) {
    let cleaned: String = line.chars().filter(|c| !FURNITURE.contains(c)).collect();
    let cleaned = balanced(&cleaned);
    let tags: Vec<String> = TAG
        .captures_iter(&cleaned)
        .map(|c| c["tag"].trim().to_owned())
        .collect();
    if tags.is_empty() {
        return (cleaned, tags);
    }
    (TAG.replace_all(&cleaned, "").into_owned(), tags)
}

/// `text` with its round brackets balanced, as the page meant them: a `)`
/// that closes nothing is dropped (`African Group)`), and a `(` the page's
/// rendering left open is closed at the end (`(Private Sector, African
/// Group`).
fn balanced(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut open = 0usize;
    for c in text.chars() {
        match c {
            '(' => {
                open += 1;
                out.push(c);
            }
            ')' if open == 0 => {}
            ')' => {
                open -= 1;
                out.push(c);
            }
            c => out.push(c),
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.extend(std::iter::repeat_n(')', open));
    out
}

/// What a line's bracketed tags say: how the person takes part, the
/// other parts the line gives them, and the tags that say neither.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Tags {
    pub(super) participation: Option<ParticipationMode>,
    pub(super) also: Vec<RoleKind>,
    pub(super) unread: Vec<String>,
}

impl Tags {
    /// Reads tags such as `onsite`, `online, moderator` or `in person`.
    pub(super) fn read(tags: &[String]) -> Self {
        let mut out = Self::default();
        for tag in tags {
            let mut unread = Vec::new();
            for word in tag
                .split([',', ';', '/'])
                .map(str::trim)
                .filter(|w| !w.is_empty())
            {
                let key = word.to_lowercase().replace(['-', '_'], " ");
                let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
                match key.as_str() {
                    "onsite" | "on site" | "in person" | "in room" => {
                        out.participation = Some(ParticipationMode::Onsite);
                    }
                    "online" | "remote" | "virtual" | "remotely" => {
                        out.participation = Some(ParticipationMode::Online);
                    }
                    "online moderator" | "remote moderator" => {
                        out.participation = Some(ParticipationMode::Online);
                        out.also.push(RoleKind::OnlineModerator);
                    }
                    "onsite moderator" | "on site moderator" => {
                        out.participation = Some(ParticipationMode::Onsite);
                        out.also.push(RoleKind::Moderator);
                    }
                    "moderator" | "chair" | "facilitator" => out.also.push(RoleKind::Moderator),
                    "rapporteur" => out.also.push(RoleKind::Rapporteur),
                    _ => unread.push(word.to_owned()),
                }
            }
            if !unread.is_empty() {
                out.unread.push(unread.join(", "));
            }
        }
        out
    }

    /// `role` with what the tags say about it.
    pub(super) fn apply(&self, mut role: RoleDraft) -> RoleDraft {
        role.participation = self.participation.or(role.participation);
        role.also.extend(self.also.iter().copied());
        role
    }

    /// The warning for tags on line `line_no` that say neither how the
    /// person takes part nor a part they play, if any.
    pub(super) fn warning(&self, line_no: usize) -> Option<String> {
        if self.unread.is_empty() {
            return None;
        }
        let tags: Vec<String> = self.unread.iter().map(|t| format!("[{t}]")).collect();
        Some(format!(
            "line {line_no}: {} taken off and not stored: it says neither onsite or online \
             nor a part in the session",
            tags.join(", ")
        ))
    }
}

/// One person written `Name, Org (Group, Region)`: the group and region in
/// brackets, which splitting at commas would cut in two (`Example Network
/// (Civil Society` and `WEOG)`).
pub(super) fn bracketed(body: &str, line_no: usize) -> Option<RoleDraft> {
    match with_parens(body, line_no) {
        Some(mut found) if found.len() == 1 => found.pop(),
        _ => None,
    }
}

/// `Name, Org (Group, Region)`, once or several times run together; `None`
/// when no bracket holds a group or region.
fn with_parens(part: &str, line_no: usize) -> Option<Vec<RoleDraft>> {
    let mut out = Vec::new();
    let mut end = 0;
    for c in WITH_PARENS.captures_iter(part) {
        let whole = c.get(0).expect("match");
        if whole.start() != end {
            return None;
        }
        end = whole.end();
        let inner: Vec<&str> = c["inner"].split(',').map(str::trim).collect();
        if !inner
            .iter()
            .any(|f| looks_like_group(f) || looks_like_region(f))
        {
            return None;
        }
        let who: Vec<&str> = c["who"]
            .trim()
            .trim_end_matches(',')
            .split(',')
            .map(str::trim)
            .collect();
        // `Name, Civil Society, Western European and Others Group (WEOG)`:
        // the bracket only spells out the region before it; the line is
        // read field by field.
        let last = who[who.len() - 1];
        if !c["inner"].contains(',')
            && who.len() > 1
            && (looks_like_group(last) || looks_like_region(last))
        {
            return None;
        }
        let mut role = draft(who[0], line_no)?;
        let mut affiliation: Vec<&str> = who[1..].to_vec();
        for field in inner {
            if looks_like_group(field) && role.stakeholder_group.is_none() {
                role.stakeholder_group = Some(field.to_owned());
            } else if looks_like_region(field) && role.region.is_none() {
                role.region = Some(field.to_owned());
            } else if !field.is_empty() {
                affiliation.push(field);
            }
        }
        role.affiliation = joined(&affiliation);
        out.push(role);
    }
    (end == part.len() && !out.is_empty()).then_some(out)
}

/// `Name, Org, Group, Region`, `Name, Org, Region`, `Name - Org, Region`,
/// `Name, job title, employer`: the name first, then group and region
/// peeled off the end where they read as such, the rest the affiliation.
fn plain(part: &str, line_no: usize) -> Option<RoleDraft> {
    let (name, rest) = match part.split_once(',') {
        Some((name, rest)) if !name.contains(" - ") && !name.contains(" – ") => {
            (name.trim(), rest.trim())
        }
        _ => match part.split_once(" - ").or_else(|| part.split_once(" – ")) {
            Some((name, rest)) => (name.trim(), rest.trim()),
            None => (part.trim(), ""),
        },
    };
    let mut role = draft(name, line_no)?;
    let mut fields: Vec<&str> = rest
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    if let Some(last) = fields.last()
        && looks_like_region(last)
        && !looks_like_group(last)
    {
        role.region = fields.pop().map(str::to_owned);
    }
    if let Some(last) = fields.last()
        && looks_like_group(last)
    {
        role.stakeholder_group = fields.pop().map(str::to_owned);
    }
    role.affiliation = joined(&fields);
    Some(role)
}

/// A role for `name`, if it reads as a person's name.
fn draft(name: &str, line_no: usize) -> Option<RoleDraft> {
    const NOT_NAMES: [&str; 5] = ["tbc", "tbd", "n/a", "none", "to be confirmed"];
    let name = name.trim();
    if name.is_empty()
        || name.split_whitespace().count() > 6
        || !is_person_line(name)
        || looks_like_group(name)
        || looks_like_region(name)
        || NOT_NAMES.contains(&name.to_lowercase().trim_end_matches('.'))
    {
        return None;
    }
    Some(RoleDraft {
        number: 0,
        name: Some(name.to_owned()),
        affiliation: None,
        stakeholder_group: None,
        region: None,
        line: line_no,
        participation: None,
        also: Vec::new(),
    })
}

fn joined(fields: &[&str]) -> Option<String> {
    let text = fields
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (name, affiliation, group, region) of each person on `line`.
    fn read(line: &str) -> Vec<(String, String, String, String)> {
        people_in(line, 1)
            .people
            .into_iter()
            .map(|r| {
                (
                    r.name.unwrap_or_default(),
                    r.affiliation.unwrap_or_default(),
                    r.stakeholder_group.unwrap_or_default(),
                    r.region.unwrap_or_default(),
                )
            })
            .collect()
    }

    fn p(n: &str, a: &str, g: &str, r: &str) -> (String, String, String, String) {
        (n.into(), a.into(), g.into(), r.into())
    }

    #[test]
    fn the_forms_real_pages_use() {
        assert_eq!(
            read("Ada Mirembe, Example University, Civil Society"),
            [p("Ada Mirembe", "Example University", "Civil Society", "")]
        );
        assert_eq!(
            read("Ada Mirembe, Example University (Civil Society, African Group)"),
            [p(
                "Ada Mirembe",
                "Example University",
                "Civil Society",
                "African Group"
            )]
        );
        assert_eq!(
            read(
                "Ada Mirembe, Example University (Civil Society, African Group) Jonas Falk, Example Ministry (Government, WEOG)"
            ),
            [
                p(
                    "Ada Mirembe",
                    "Example University",
                    "Civil Society",
                    "African Group"
                ),
                p("Jonas Falk", "Example Ministry", "Government", "WEOG"),
            ]
        );
        assert_eq!(
            read("Ada Mirembe, Example University, African Group"),
            [p("Ada Mirembe", "Example University", "", "African Group")]
        );
        assert_eq!(
            read("Ada Mirembe - Example University, African Group"),
            [p("Ada Mirembe", "Example University", "", "African Group")]
        );
        let tagged = people_in(
            "Ada Mirembe, \u{1F512}Example University, KENYA [onsite]",
            1,
        );
        assert_eq!(
            tagged.people[0].participation,
            Some(ParticipationMode::Onsite)
        );
        let tagged = people_in("Ravi Invented, Example Institute [online, moderator]", 1);
        assert_eq!(
            tagged.people[0].participation,
            Some(ParticipationMode::Online)
        );
        assert_eq!(tagged.people[0].also, [RoleKind::Moderator]);
        assert_eq!(tagged.tags.unread, Vec::<String>::new());
        assert_eq!(
            read("Ada Mirembe, \u{1F512}Example University, KENYA [onsite]"),
            [p("Ada Mirembe", "Example University, KENYA", "", "")]
        );
        // A job title and an employer are never a group and a region.
        assert_eq!(
            read("Jonas Falk, Senior Adviser, Example Ministry"),
            [p("Jonas Falk", "Senior Adviser, Example Ministry", "", "")]
        );
        // A bracket that spells out the region before it.
        assert_eq!(
            read("Jonas Falk, Civil Society, Western European and Others Group (WEOG)"),
            [p(
                "Jonas Falk",
                "",
                "Civil Society",
                "Western European and Others Group (WEOG)"
            )]
        );
        // Brackets that are part of a name of an organisation stay there.
        assert_eq!(
            read("Jonas Falk, Example Network (EN), Government, WEOG"),
            [p(
                "Jonas Falk",
                "Example Network (EN)",
                "Government",
                "WEOG"
            )]
        );
    }

    #[test]
    fn unbalanced_brackets_are_read_as_the_page_meant_them() {
        assert_eq!(balanced("Group, African Group)"), "Group, African Group");
        assert_eq!(
            balanced("A (Private Sector, African Group "),
            "A (Private Sector, African Group)"
        );
        assert_eq!(balanced("A (B) C"), "A (B) C");
        assert_eq!(
            read("Jonas Falk, Example Ministry (Government, WEOG"),
            [p("Jonas Falk", "Example Ministry", "Government", "WEOG")]
        );
    }

    #[test]
    fn sentences_are_not_people() {
        for line in [
            "The speakers will be confirmed closer to the date of the session and announced online.",
            "To be confirmed.",
            "The Example Collective.",
            "Government, WEOG",
            "",
        ] {
            assert_eq!(people_in(line, 1), PeopleLine::default(), "{line}");
        }
    }
}
