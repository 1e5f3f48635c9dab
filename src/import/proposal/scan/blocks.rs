//! Lines under an open list block (people, Moderator and similar role
//! headings, topics, SDGs): which fit, and where they go.

use super::{BlockKind, LastIn, Scanner, Slot};
use crate::import::proposal::{
    names::is_person_line,
    people::{people_in, tags_warning},
    roles::person_role,
    tags::{SDG_ITEM, is_topic_line, split_sdgs, split_tags},
    text::strip_list_marker,
};

impl Scanner<'_> {
    /// A line under an open list block: taken when it fits. One that does
    /// not fit closes the block, and is kept under its heading when the
    /// block has taken nothing. Returns whether the line was used.
    pub(super) fn take_block_item(&mut self, line: &str, line_no: usize) -> bool {
        let Some(b) = &mut self.block else {
            return false;
        };
        if let BlockKind::People(list) = b.kind {
            let found = people_in(line, line_no);
            if !found.people.is_empty() {
                b.taken += 1;
                if let Some(warning) = tags_warning(&found.tags, line_no) {
                    self.draft.warnings.push(warning);
                }
                for role in found.people {
                    self.push_role(list, role);
                }
                self.last_in = LastIn::Role;
                return true;
            }
        }
        let fits = match b.kind {
            BlockKind::People(_) => false,
            BlockKind::Role(_) => is_person_line(line),
            BlockKind::Topics => is_topic_line(line),
            BlockKind::Sdgs => SDG_ITEM.is_match(strip_list_marker(line).unwrap_or(line)),
        };
        if fits {
            b.taken += 1;
            match b.kind {
                BlockKind::Role(list) => {
                    self.push_role(list, person_role(line, line_no));
                    self.last_in = LastIn::Role;
                }
                BlockKind::Topics => self.push_items(false, split_tags(line), line_no),
                BlockKind::Sdgs => self.push_items(true, split_sdgs(line), line_no),
                BlockKind::People(_) => {}
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
