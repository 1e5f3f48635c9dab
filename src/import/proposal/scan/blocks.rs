//! Lines under an open list block (people, Moderator and similar role
//! headings, topics, SDGs): which fit, and where they go.

use super::{BlockKind, LastIn, Scanner, Slot};
use crate::import::proposal::{
    names::is_person_line,
    people::people_in,
    roles::person_role,
    tags::{SDG_ITEM, is_topic_line, split_sdgs, split_tags},
    text::strip_list_marker,
};

impl Scanner<'_> {
    /// A line under an open list block: taken when it fits. One that does
    /// not fit closes the block, and is kept under its heading when the
    /// block has taken nothing. Returns whether the line was used.
    pub(super) fn take_block_item(&mut self, line: &str, line_no: usize) -> bool {
        let Some(kind) = self.block.as_ref().map(|b| b.kind) else {
            return false;
        };
        let taken = match kind {
            BlockKind::People(list) => {
                let found = people_in(line, line_no);
                let any = !found.people.is_empty();
                if any {
                    self.draft.warnings.extend(found.tags.warning(line_no));
                    if found.people.len() > 1
                        && (found.tags.participation.is_some() || !found.tags.also.is_empty())
                    {
                        self.draft.warnings.push(format!(
                            "line {line_no}: its tags are not applied: the line names {} \
                             people and the tags do not say whose they are",
                            found.people.len()
                        ));
                    }
                    for role in found.people {
                        self.push_role(list, role);
                    }
                    self.last_in = LastIn::Role;
                }
                any
            }
            BlockKind::Role(list) => {
                let fits = is_person_line(line);
                if fits {
                    let mode = self.block.as_ref().and_then(|b| b.participation);
                    let mut role = person_role(line, line_no, &mut self.draft.warnings);
                    role.participation = role.participation.or(mode);
                    self.push_role(list, role);
                    self.last_in = LastIn::Role;
                }
                fits
            }
            BlockKind::Topics => {
                let fits = is_topic_line(line);
                if fits {
                    self.push_items(false, split_tags(line), line_no);
                }
                fits
            }
            BlockKind::Sdgs => {
                let fits = SDG_ITEM.is_match(strip_list_marker(line).unwrap_or(line));
                if fits {
                    self.push_items(true, split_sdgs(line), line_no);
                }
                fits
            }
        };
        if taken {
            if let Some(b) = &mut self.block {
                b.taken += 1;
            }
            return true;
        }
        let b = self.block.take().expect("block is open");
        if b.taken == 0 {
            // Not what the heading announced: keep it under that heading.
            self.open(Slot::Extra, b.heading, b.line, vec![line.to_owned()]);
            return true;
        }
        false
    }
}
