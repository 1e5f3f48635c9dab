//! The scanner: one walk over the lines that puts roles, dates, rooms,
//! topics and SDGs straight into the draft, counts repeated lines once, and
//! collects everything else into raw sections for [`super::sections`].

use chrono::{DateTime, Utc};
use entity::{position::ParticipationMode, session::SessionFormat};

use super::{
    ParseError, ProposalDraft, RoleDraft,
    fields::{FieldBlock, field_blocks},
    layout::{Line, ROOM_WORD, classify, format_from_raw},
    names::is_person_line,
    roles::{RoleList, parse_role, person_role, same_content},
    sections::{Known, RawSection, Slot, label_among_questions, looks_like_unknown_heading},
    tags::{split_sdgs, split_tags},
};

/// Where the last non-empty line went, for telling a cut-off page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LastIn {
    Role,
    Section(Slot),
    Other,
}

/// An open list block: the heading's line and text, and how many items it
/// has taken so far.
#[derive(Debug)]
struct Block {
    kind: BlockKind,
    line: usize,
    heading: String,
    taken: usize,
    /// How the people under it take part, when the heading says so
    /// (`Onsite Moderator`, `Online Moderator`).
    participation: Option<ParticipationMode>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Role(RoleList),
    /// People under a bare `Speakers` or `Organizers` heading, in any of
    /// the forms [`people_in`] reads. The heading often stands above
    /// `Speaker N:` lines instead, so an empty block is no warning.
    People(RoleList),
    Topics,
    Sdgs,
}

/// What [`scan`] found besides the roles and fields it set directly.
pub(super) struct Scanned {
    pub(super) sections: Vec<RawSection>,
    pub(super) last_in: LastIn,
}

/// The scanner's state while it walks the lines.
struct Scanner<'d> {
    draft: &'d mut ProposalDraft,
    sections: Vec<RawSection>,
    current: Option<usize>,
    block: Option<Block>,
    /// Roles already seen, for counting a repeated line once.
    roles_seen: Vec<(RoleList, RoleDraft)>,
    /// Single-value lines already seen (date, room), with their line.
    values_seen: Vec<(String, usize)>,
    last_in: LastIn,
    /// Whether the line before was a date line: the next may name the room.
    after_date: bool,
    /// Whether the warning about lost role labels has been given.
    lost_warned: bool,
}

impl Scanner<'_> {
    /// Ends an open list block, warning when it took nothing.
    fn close_block(&mut self) {
        if let Some(b) = self.block.take()
            && b.taken == 0
            && !matches!(b.kind, BlockKind::People(_))
        {
            self.draft
                .warnings
                .push(format!("line {}: {} has no entries", b.line, b.heading));
        }
    }

    /// Adds a role to its list, counting a repeated one once, and to the
    /// lists of the other parts the line gives the person.
    fn push_role(&mut self, list: RoleList, mut role: RoleDraft) {
        for kind in std::mem::take(&mut role.also) {
            let other = RoleList::of_kind(kind);
            if other != list {
                let copy = RoleDraft {
                    number: 0,
                    ..role.clone()
                };
                self.push_one(other, copy);
            }
        }
        self.push_one(list, role);
    }

    /// Adds a role to one list, counting a repeated one once. An online
    /// moderator takes part online.
    fn push_one(&mut self, list: RoleList, mut role: RoleDraft) {
        if list == RoleList::OnlineModerator {
            role.participation = Some(ParticipationMode::Online);
        }
        let label = list.label();
        let line = role.line;
        // Numbered lists take `Speaker N:` lines by their number; people
        // listed without one (number 0) are appended in order.
        if list.numbered() && role.number > 0 {
            let same_number: Vec<&RoleDraft> = self
                .roles_seen
                .iter()
                .filter(|(l, r)| *l == list && r.number == role.number)
                .map(|(_, r)| r)
                .collect();
            if let Some(dup) = same_number.iter().find(|r| same_content(r, &role)) {
                self.draft.warnings.push(format!(
                    "line {line}: repeats {label} {} from line {}; counted once",
                    role.number, dup.line
                ));
                return;
            }
            if let Some(other) = same_number.first() {
                self.draft.warnings.push(format!(
                    "line {line}: {label} {} differs from line {}; both kept",
                    role.number, other.line
                ));
            }
        } else {
            if let Some((_, dup)) = self
                .roles_seen
                .iter()
                .find(|(l, r)| *l == list && same_content(r, &role))
            {
                self.draft.warnings.push(format!(
                    "line {line}: repeats {label} {} from line {}; counted once",
                    dup.name.as_deref().unwrap_or(""),
                    dup.line
                ));
                return;
            }
            role.number = u32::try_from(list.of(self.draft).len() + 1).unwrap_or(u32::MAX);
        }
        self.roles_seen.push((list, role.clone()));
        list.of(self.draft).push(role);
    }

    /// Whether `value` repeats an earlier single-value line; warns if so.
    fn repeated_value(&mut self, value: &str, line: usize) -> bool {
        if let Some((_, first)) = self.values_seen.iter().find(|(v, _)| v == value) {
            self.draft
                .warnings
                .push(format!("line {line}: repeats line {first}; counted once"));
            return true;
        }
        self.values_seen.push((value.to_owned(), line));
        false
    }

    /// Appends list items (topics, SDGs), counting a repeated one once.
    fn push_items(&mut self, sdgs: bool, items: Vec<String>, line: usize) {
        for item in items {
            let (list, what) = if sdgs {
                (&mut self.draft.sdgs, "SDG")
            } else {
                (&mut self.draft.topic_tags, "topic")
            };
            if list.contains(&item) {
                self.draft.warnings.push(format!(
                    "line {line}: repeats {what} {item:?}; counted once"
                ));
            } else {
                list.push(item);
            }
        }
    }

    /// Opens a new raw section and makes it current.
    fn open(&mut self, slot: Slot, heading: String, line: usize, body: Vec<String>) {
        self.sections.push(RawSection {
            slot,
            heading,
            line,
            body,
        });
        self.current = Some(self.sections.len() - 1);
        self.last_in = LastIn::Section(slot);
    }
}

/// What the scanner reads besides its own state: the lines, and what
/// [`super::parse`] found before the walk.
struct Input<'a> {
    lines: &'a [String],
    header_idx: Option<usize>,
    /// The header line, for telling a repeat of it.
    header: Option<String>,
    /// Name lines whose role labels were lost, with the list each goes to.
    lost: &'a [(usize, RoleList)],
    /// The last line, when the text stops there without a line break.
    cut_at: Option<usize>,
    /// Organizers written as blocks of fields.
    fields: &'a [FieldBlock],
}

/// Walks the lines: roles, dates, rooms, topics and SDGs go straight into
/// the draft; everything else is collected into raw sections, in input
/// order.
pub(super) fn scan(
    lines: &[String],
    start: usize,
    header_idx: Option<usize>,
    lost: &[(usize, RoleList)],
    cut_at: Option<usize>,
    draft: &mut ProposalDraft,
) -> Result<Scanned, ParseError> {
    let fields = field_blocks(lines);
    let input = Input {
        lines,
        header_idx,
        header: header_idx.map(|h| lines[h].clone()),
        lost,
        cut_at,
        fields: &fields,
    };
    let mut s = Scanner {
        draft,
        sections: Vec::new(),
        current: None,
        block: None,
        roles_seen: Vec::new(),
        values_seen: Vec::new(),
        last_in: LastIn::Other,
        after_date: false,
        lost_warned: false,
    };
    for (idx, line) in lines.iter().enumerate().skip(start) {
        s.take_line(&input, idx, line)?;
    }
    s.close_block();
    Ok(Scanned {
        sections: s.sections,
        last_in: s.last_in,
    })
}

impl Scanner<'_> {
    /// Takes one line; the checks run in this order, the first that takes
    /// the line wins.
    fn take_line(&mut self, input: &Input<'_>, idx: usize, line: &str) -> Result<(), ParseError> {
        if line.is_empty() {
            self.blank_line();
            return Ok(());
        }
        let follows_date = std::mem::take(&mut self.after_date);
        self.last_in = LastIn::Other;
        if self.skip_header(input, idx, line)
            || self.take_field_line(input, idx)
            || self.take_lost_label(input, idx, line)
        {
            return Ok(());
        }
        let class = self.classify_here(line, idx + 1);
        if self.fill_single_value(&class, line) {
            return Ok(());
        }
        if !class.is_plain() {
            self.close_block();
            self.current = None;
        }
        if self.take_classified(class, input.cut_at, idx, line)? {
            return Ok(());
        }
        self.take_plain(input.lines, idx, line, follows_date);
        Ok(())
    }

    /// A blank line ends a list block that has taken items, and separates
    /// paragraphs of the current section.
    fn blank_line(&mut self) {
        if self.block.as_ref().is_some_and(|b| b.taken > 0) {
            self.block = None;
        }
        if let Some(i) = self.current {
            self.sections[i].body.push(String::new());
        }
    }

    /// The header line ends what is open; a repeat of it is counted once.
    fn skip_header(&mut self, input: &Input<'_>, idx: usize, line: &str) -> bool {
        if Some(idx) == input.header_idx {
            self.close_block();
            self.current = None;
            return true;
        }
        if input.header_idx.is_some_and(|h| idx > h) && input.header.as_deref() == Some(line) {
            self.draft.warnings.push(format!(
                "line {}: repeats the header line; counted once",
                idx + 1
            ));
            return true;
        }
        false
    }

    /// What the line is where it stands; warns about an impossible date.
    fn classify_here<'l>(&mut self, line: &'l str, line_no: usize) -> Line<'l> {
        let class = match classify(line) {
            // Inside open text, "Panel discussion - 45 min" is an agenda
            // item; only a layout that maps ("Round Table - 90 Min") is one.
            Line::Layout(raw)
                if self.current.is_some() && format_from_raw(raw) == SessionFormat::Other =>
            {
                Line::Plain
            }
            class => class,
        };
        if let Line::Date(None) = class {
            self.draft.warnings.push(format!(
                "line {line_no}: date line with an impossible date; kept as text"
            ));
        }
        class
    }

    /// A single-value section waiting for its value takes a plain line
    /// as is (it is "Theater" under "Format", not a heading of its own).
    fn fill_single_value(&mut self, class: &Line<'_>, line: &str) -> bool {
        if matches!(class, Line::Plain | Line::Layout(_) | Line::Date(None))
            && let Some(i) = self.current
            && let Slot::Known(k) = self.sections[i].slot
            && k.single_value()
            && self.sections[i].body.iter().all(String::is_empty)
        {
            self.sections[i].body.push(line.to_owned());
            self.current = None;
            self.last_in = LastIn::Section(Slot::Known(k));
            return true;
        }
        false
    }

    /// Takes a line that is more than text; `false` for plain text and a
    /// date line with an impossible date.
    fn take_classified(
        &mut self,
        class: Line<'_>,
        cut_at: Option<usize>,
        idx: usize,
        line: &str,
    ) -> Result<bool, ParseError> {
        let line_no = idx + 1;
        match class {
            Line::Role { list, number, body } => {
                let cut = cut_at == Some(idx);
                let role = parse_role(list, number, body, line_no, cut, &mut self.draft.warnings)?;
                self.push_role(list, role);
                self.last_in = LastIn::Role;
            }
            Line::RoleBlock { list, rest } => self.open_role_block(list, rest, line, line_no),
            Line::Date(Some((starts, ends))) => self.take_date(starts, ends, line, line_no),
            Line::Room(room) => self.set_room(room, line_no),
            Line::Topics(rest) => self.take_items_heading(false, rest, line, line_no),
            Line::Sdgs(rest) => self.take_items_heading(true, rest, line, line_no),
            Line::Known(known, content) => self.open_known(known, content, line, line_no),
            Line::Layout(raw) => {
                self.open(
                    Slot::Known(Known::Format),
                    Known::Format.label().to_owned(),
                    line_no,
                    vec![raw.to_owned()],
                );
                self.current = None;
            }
            Line::Plain | Line::Date(None) => return Ok(false),
        }
        Ok(true)
    }

    /// A Moderator/Online Moderator/Rapporteur heading: a name on the same
    /// line is the role, other text is kept, and a bare heading opens a
    /// block for the name lines under it.
    fn open_role_block(&mut self, list: RoleList, rest: Option<&str>, line: &str, line_no: usize) {
        let heading = line.split(':').next().unwrap_or(line).trim().to_owned();
        let participation = heading_participation(list, &heading);
        match rest {
            Some(rest) if is_person_line(rest) => {
                let mut role = person_role(rest, line_no, &mut self.draft.warnings);
                role.participation = role.participation.or(participation);
                self.push_role(list, role);
                self.last_in = LastIn::Role;
            }
            Some(rest) => {
                self.open(Slot::Extra, heading, line_no, vec![rest.to_owned()]);
            }
            None => {
                self.block = Some(Block {
                    kind: BlockKind::Role(list),
                    line: line_no,
                    heading,
                    taken: 0,
                    participation,
                });
            }
        }
    }

    /// A date line: the session's start and end, unless it repeats one
    /// (counted once) or is a second, different one (kept as a section).
    fn take_date(
        &mut self,
        starts: DateTime<Utc>,
        ends: Option<DateTime<Utc>>,
        line: &str,
        line_no: usize,
    ) {
        self.after_date = true;
        if self.repeated_value(line, line_no) {
            return;
        }
        if self.draft.starts_at.is_some() {
            self.draft.warnings.push(format!(
                "line {line_no}: a second, different date line; kept as an extra section"
            ));
            self.open(
                Slot::Extra,
                "Date".to_owned(),
                line_no,
                vec![line.to_owned()],
            );
            self.current = None;
            return;
        }
        if ends.is_some_and(|e| e < starts) {
            self.draft
                .warnings
                .push(format!("line {line_no}: the session ends before it starts"));
        }
        self.draft.starts_at = Some(starts);
        self.draft.ends_at = ends;
    }

    /// A Topics or SDGs line: items on the same line are taken, a bare
    /// heading opens a block for the item lines under it.
    fn take_items_heading(&mut self, sdgs: bool, rest: Option<&str>, line: &str, line_no: usize) {
        let heading = line.split(':').next().unwrap_or(line).trim().to_owned();
        match rest {
            Some(rest) => {
                let items = if sdgs {
                    split_sdgs(rest)
                } else {
                    split_tags(rest)
                };
                self.push_items(sdgs, items, line_no);
            }
            None => {
                self.block = Some(Block {
                    kind: if sdgs {
                        BlockKind::Sdgs
                    } else {
                        BlockKind::Topics
                    },
                    line: line_no,
                    heading,
                    taken: 0,
                    participation: None,
                });
            }
        }
    }

    /// A known heading opens its section, with any same-line content as
    /// its first body line.
    fn open_known(&mut self, known: Known, content: Option<String>, line: &str, line_no: usize) {
        if known == Known::RoleList {
            let list = if line.to_lowercase().contains("speaker") {
                RoleList::Speaker
            } else {
                RoleList::Organizer
            };
            self.block = Some(Block {
                kind: BlockKind::People(list),
                line: line_no,
                heading: line.trim_end_matches(':').trim_end().to_owned(),
                taken: 0,
                participation: None,
            });
            return;
        }
        let heading = if known == Known::RoleList {
            line.trim_end_matches(':').trim_end().to_owned()
        } else {
            known.label().to_owned()
        };
        self.open(Slot::Known(known), heading, line_no, Vec::new());
        if let Some(content) = content.filter(|c| !c.is_empty()) {
            let i = self.sections.len() - 1;
            self.sections[i].body.push(content);
            if known.single_value() {
                self.current = None;
            }
        }
    }

    /// Plain text: an item of the open list block, the room named right
    /// after a date line, an unknown heading, or body text of the current
    /// section (text outside any section is kept too).
    fn take_plain(&mut self, lines: &[String], idx: usize, line: &str, follows_date: bool) {
        let line_no = idx + 1;
        if self.take_block_item(line, line_no) {
            return;
        }

        if follows_date
            && line.chars().count() <= 80
            && !line.ends_with(['.', '?', '!', ':'])
            && ROOM_WORD.is_match(line)
        {
            self.set_room(line, line_no);
            return;
        }

        if looks_like_unknown_heading(lines, idx) {
            let heading = line.trim_end_matches(':').trim_end().to_owned();
            self.open(Slot::Extra, heading, line_no, Vec::new());
            return;
        }

        // Only text under the policy-question heading is a question: a
        // label the parser does not know ends that section.
        if let Some(i) = self.current
            && self.sections[i].slot == Slot::Known(Known::PolicyQuestions)
            && let Some(label) = label_among_questions(lines, idx)
        {
            if label.cut {
                self.draft.warnings.push(format!(
                    "line {line_no}: {:?} looks like a heading cut off by the page; \
                     it and the text under it are kept as extra text, not as policy questions",
                    label.heading
                ));
            }
            // A label with its text on its line is a section of one line;
            // the questions go on after it. A label alone heads what follows.
            let inline = label.content.is_some();
            let body = label.content.into_iter().collect();
            self.open(Slot::Extra, label.heading, line_no, body);
            if inline {
                self.current = Some(i);
            }
            return;
        }

        match self.current {
            Some(i) => {
                self.sections[i].body.push(line.to_owned());
                self.last_in = LastIn::Section(self.sections[i].slot);
            }
            // Text outside any section: kept, never dropped.
            None => self.open(Slot::Orphan, String::new(), line_no, vec![line.to_owned()]),
        }
    }

    /// The room, unless it repeats one (counted once) or is a second,
    /// different one (kept as a section).
    fn set_room(&mut self, room: &str, line: usize) {
        if self.repeated_value(room, line) {
            return;
        }
        if self.draft.room.is_some() {
            self.draft.warnings.push(format!(
                "line {line}: a second, different room; kept as an extra section"
            ));
            self.open(Slot::Extra, "Room".to_owned(), line, vec![room.to_owned()]);
            self.current = None;
            return;
        }
        self.draft.room = Some(room.to_owned());
    }
}

mod blocks;
mod labels;

use labels::heading_participation;
#[cfg(test)]
mod tests;
