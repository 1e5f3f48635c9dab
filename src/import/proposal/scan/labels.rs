//! Lines that give roles without a role line: organizer field blocks,
//! name lines whose labels were lost, and what a role heading says about
//! how its people take part.

use entity::position::ParticipationMode;

use super::{Input, LastIn, Scanner};
use crate::import::proposal::roles::{RoleList, person_role};

impl Scanner<'_> {
    /// A line of an organizer field block: the block's roles are taken at
    /// its first line.
    pub(super) fn take_field_line(&mut self, input: &Input<'_>, idx: usize) -> bool {
        let Some(block) = input.fields.iter().find(|b| b.lines.contains(&idx)) else {
            return false;
        };
        self.close_block();
        self.current = None;
        if block.lines.first() == Some(&idx) {
            for (list, role) in &block.roles {
                self.push_role(*list, role.clone());
            }
        }
        self.last_in = LastIn::Role;
        true
    }

    /// A name line whose role label was lost goes to the list
    /// [`super::names::lost_labels`] gave it; the first one warns.
    pub(super) fn take_lost_label(&mut self, input: &Input<'_>, idx: usize, line: &str) -> bool {
        let Some(&(_, list)) = input.lost.iter().find(|(i, _)| *i == idx) else {
            return false;
        };
        let line_no = idx + 1;
        self.close_block();
        self.current = None;
        if !self.lost_warned {
            self.lost_warned = true;
            let taken: Vec<&str> = input.lost.iter().map(|(_, l)| l.label()).collect();
            self.draft.warnings.push(format!(
                "line {line_no}: {} name line(s) after the speakers have no label; \
                 taken as {} in that order",
                input.lost.len(),
                taken.join(", ")
            ));
        }
        let role = person_role(line, line_no, &mut self.draft.warnings);
        self.push_role(list, role);
        self.last_in = LastIn::Role;
        true
    }
}

/// How the people under a role heading take part, when it says: an
/// online moderator is online; an `Onsite Moderator` is onsite.
pub(super) fn heading_participation(list: RoleList, heading: &str) -> Option<ParticipationMode> {
    let heading = heading.to_lowercase();
    if list == RoleList::OnlineModerator || heading.contains("online") {
        Some(ParticipationMode::Online)
    } else if heading.contains("onsite")
        || heading.contains("on-site")
        || heading.contains("in-person")
    {
        Some(ParticipationMode::Onsite)
    } else {
        None
    }
}
