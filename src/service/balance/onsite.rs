//! Who is in the room: IGF's session guidelines ask for the moderator and
//! at least two speakers onsite. The rule is a setting
//! (`ONSITE_MODERATOR`, `ONSITE_MIN_SPEAKERS`); the counts come from the
//! roles' participation, where the page or an editor gave it.

use entity::{position::ParticipationMode, session_role::RoleKind};

use super::Seat;

/// What a session needs onsite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnsiteRule {
    /// A moderator must be onsite.
    pub moderator: bool,
    /// At least this many speakers must be onsite.
    pub min_speakers: u32,
}

impl Default for OnsiteRule {
    fn default() -> Self {
        Self {
            moderator: true,
            min_speakers: 2,
        }
    }
}

/// Onsite, online and not recorded, for one kind of role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Modes {
    pub onsite: i64,
    pub online: i64,
    pub not_recorded: i64,
}

impl Modes {
    fn add(&mut self, mode: Option<ParticipationMode>) {
        match mode {
            Some(ParticipationMode::Onsite) => self.onsite += 1,
            Some(ParticipationMode::Online) => self.online += 1,
            None => self.not_recorded += 1,
        }
    }
}

/// How a panel takes part: its speakers and its moderators.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Onsite {
    pub speakers: Modes,
    pub moderators: Modes,
}

impl Onsite {
    /// The counts of `seats` (speakers and moderators; others are skipped).
    pub fn of(seats: &[Seat]) -> Self {
        let mut out = Self::default();
        for seat in seats {
            match seat.role {
                RoleKind::Speaker => out.speakers.add(seat.participation),
                RoleKind::Moderator => out.moderators.add(seat.participation),
                _ => {}
            }
        }
        out
    }

    /// Whether the panel meets `rule`: `Some(true)` when it does,
    /// `Some(false)` when it cannot whatever the roles not recorded turn out
    /// to be, `None` while those decide.
    pub fn meets(&self, rule: OnsiteRule) -> Option<bool> {
        let need = i64::from(rule.min_speakers);
        let speakers_met = self.speakers.onsite >= need;
        let speakers_possible = self.speakers.onsite + self.speakers.not_recorded >= need;
        let moderator_met = !rule.moderator || self.moderators.onsite > 0;
        let moderator_possible =
            !rule.moderator || self.moderators.onsite + self.moderators.not_recorded > 0;
        if speakers_met && moderator_met {
            Some(true)
        } else if !speakers_possible || !moderator_possible {
            Some(false)
        } else {
            None
        }
    }

    /// The rule and where the panel stands, in a sentence.
    pub fn note(&self, rule: OnsiteRule) -> String {
        let asked = match (rule.moderator, rule.min_speakers) {
            (true, 0) => "the moderator onsite".to_owned(),
            (true, n) => format!("the moderator and at least {n} speakers onsite"),
            (false, n) => format!("at least {n} speakers onsite"),
        };
        let moderator = match (self.moderators.onsite, self.moderators.not_recorded) {
            (0, 0) if self.moderators.online == 0 => "no moderator is listed".to_owned(),
            (0, 0) => "no moderator is onsite".to_owned(),
            (0, _) => "no moderator is recorded as onsite".to_owned(),
            _ => "a moderator is onsite".to_owned(),
        };
        let total = self.speakers.onsite + self.speakers.online + self.speakers.not_recorded;
        let mut speakers = format!("{} of {total} speakers are onsite", self.speakers.onsite);
        if self.speakers.not_recorded > 0 {
            speakers.push_str(&format!(" ({} not recorded)", self.speakers.not_recorded));
        }
        let verdict = match self.meets(rule) {
            Some(true) => "met",
            Some(false) => "not met",
            None => "not known yet",
        };
        format!("IGF asks for {asked}: {verdict}; {moderator}, {speakers}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seat(role: RoleKind, mode: Option<ParticipationMode>) -> Seat {
        Seat {
            owner: 1,
            role,
            person_id: None,
            stakeholder_group_id: None,
            region_id: None,
            gender: None,
            participation: mode,
        }
    }

    #[test]
    fn the_rule_is_met_not_met_or_not_known_yet() {
        use ParticipationMode::{Online, Onsite as Here};
        let rule = OnsiteRule::default();
        let panel = |seats: &[Seat]| Onsite::of(seats).meets(rule);
        let moderator = seat(RoleKind::Moderator, Some(Here));
        let speaker = |m| seat(RoleKind::Speaker, m);
        assert_eq!(
            panel(&[moderator.clone(), speaker(Some(Here)), speaker(Some(Here))]),
            Some(true)
        );
        assert_eq!(
            panel(&[
                moderator.clone(),
                speaker(Some(Here)),
                speaker(Some(Online))
            ]),
            Some(false)
        );
        assert_eq!(
            panel(&[moderator.clone(), speaker(Some(Here)), speaker(None)]),
            None
        );
        assert_eq!(
            panel(&[
                seat(RoleKind::Moderator, Some(Online)),
                speaker(Some(Here)),
                speaker(Some(Here))
            ]),
            Some(false)
        );
        let lenient = OnsiteRule {
            moderator: false,
            min_speakers: 1,
        };
        assert_eq!(
            Onsite::of(&[speaker(Some(Here))]).meets(lenient),
            Some(true)
        );
        assert_eq!(
            Onsite::of(&[moderator, speaker(Some(Here)), speaker(None)]).note(rule),
            "IGF asks for the moderator and at least 2 speakers onsite: not known yet; \
             a moderator is onsite, 1 of 2 speakers are onsite (1 not recorded)."
        );
    }
}
