//! Which role of a session a transcript label names, where a wrong match
//! is worse than none (README, "Importing transcripts"):
//!
//! - a name label fits a person of the session when it is their full name
//!   by the importer's name key (case, accents, punctuation and leading
//!   honorifics aside), their surname alone, or an initial and their
//!   surname (`A. MIREMBE`); it is matched only when exactly one person of
//!   the session fits;
//! - a role label (`MODERATOR`, `SPEAKER`, …) is matched to that role when
//!   the session has exactly one role of that kind;
//! - a floor label (`ATTENDEE`, …) is matched to no one, and is floor.
//!
//! Pure: the session's roles come in, seats come out.

use entity::{
    person_key,
    position::ParticipationMode,
    session_role::{self, RoleKind},
};

use crate::import::transcript::{Role, Speaker};

/// A role of the session, with its person's name when it has a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    pub role_id: i64,
    pub kind: RoleKind,
    pub person_id: Option<i64>,
    /// The person's name key's words (`["ada", "mirembe"]`).
    words: Vec<String>,
    pub stakeholder_group_id: Option<i64>,
    pub region_id: Option<i64>,
    pub participation: Option<ParticipationMode>,
}

/// What a label resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match<'a> {
    /// A role of the session (and its person, if it has one).
    Seat(&'a Seat),
    /// A floor label.
    Floor,
    /// Nobody, or more than one, fits.
    Unmatched,
}

/// The roles of one session.
#[derive(Debug, Clone, Default)]
pub struct Panel {
    seats: Vec<Seat>,
}

/// Which of a person's roles an intervention carries when they hold
/// several in one session: the one they speak in.
fn preference(kind: RoleKind) -> u8 {
    match kind {
        RoleKind::Moderator => 0,
        RoleKind::OnlineModerator => 1,
        RoleKind::Speaker => 2,
        RoleKind::Rapporteur => 3,
        RoleKind::Organizer => 4,
    }
}

fn kind_of(role: Role) -> RoleKind {
    match role {
        Role::Moderator => RoleKind::Moderator,
        Role::OnlineModerator => RoleKind::OnlineModerator,
        Role::Speaker => RoleKind::Speaker,
        Role::Rapporteur => RoleKind::Rapporteur,
    }
}

/// Longest key kept: a label is at most 80 characters, but spelling some
/// scripts in ASCII lengthens it.
const MAX_KEY: usize = 200;

/// The words of a label or name as people are matched on them (ASCII, so
/// cut at any byte).
pub fn key(label: &str) -> String {
    let mut key = person_key(label);
    key.truncate(MAX_KEY);
    key
}

/// Whether a label's key words fit a person's name key words.
fn fits(label: &[&str], name: &[String]) -> bool {
    let Some(surname) = name.last() else {
        return false;
    };
    match label {
        [] => false,
        _ if label.len() == name.len() && label.iter().zip(name).all(|(a, b)| a == b) => true,
        [only] => only == surname,
        [initial, last] if initial.len() == 1 && name.len() >= 2 => {
            name[0].starts_with(initial) && last == surname
        }
        _ => false,
    }
}

impl Panel {
    /// The panel of a session from its roles, each with its person's name.
    pub fn new(roles: impl IntoIterator<Item = (session_role::Model, Option<String>)>) -> Self {
        let mut seats: Vec<Seat> = roles
            .into_iter()
            .map(|(role, name)| Seat {
                role_id: role.id,
                kind: role.role,
                person_id: role.person_id,
                words: name
                    .map(|n| key(&n).split(' ').map(str::to_owned).collect())
                    .unwrap_or_default(),
                stakeholder_group_id: role.stakeholder_group_id,
                region_id: role.region_id,
                participation: role.participation,
            })
            .collect();
        seats.sort_by_key(|s| (preference(s.kind), s.role_id));
        Self { seats }
    }

    /// The role a person speaks in, when they hold one in this session.
    pub fn seat_of(&self, person_id: i64) -> Option<&Seat> {
        self.seats.iter().find(|s| s.person_id == Some(person_id))
    }

    /// What `label`, read as `speaker`, resolves to.
    pub fn resolve(&self, label: &str, speaker: Speaker) -> Match<'_> {
        match speaker {
            Speaker::Floor => Match::Floor,
            Speaker::Role(role) => {
                let kind = kind_of(role);
                let mut of_kind = self.seats.iter().filter(|s| s.kind == kind);
                match (of_kind.next(), of_kind.next()) {
                    (Some(seat), None) => Match::Seat(seat),
                    _ => Match::Unmatched,
                }
            }
            Speaker::Named => {
                let key = key(label);
                let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
                // One seat per person: the first is the role they speak in.
                let mut fitting = Vec::<&Seat>::new();
                for seat in &self.seats {
                    let Some(person) = seat.person_id else {
                        continue;
                    };
                    if fitting.iter().any(|s| s.person_id == Some(person)) {
                        continue;
                    }
                    if fits(&words, &seat.words) {
                        fitting.push(seat);
                    }
                }
                match fitting.as_slice() {
                    [seat] => Match::Seat(seat),
                    _ => Match::Unmatched,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(id: i64, kind: RoleKind, person: Option<i64>) -> session_role::Model {
        session_role::Model {
            id,
            session_id: 1,
            person_id: person,
            role: kind,
            position: 1,
            stakeholder_group_id: None,
            stakeholder_group_raw: None,
            region_id: None,
            region_raw: None,
            affiliation: None,
            participation: None,
            version: 1,
        }
    }

    fn panel() -> Panel {
        Panel::new([
            (
                role(1, RoleKind::Speaker, Some(10)),
                Some("Ada Mirembe".into()),
            ),
            (
                role(2, RoleKind::Speaker, Some(11)),
                Some("Dr. Jonas Falk".into()),
            ),
            (
                role(3, RoleKind::Speaker, Some(12)),
                Some("Kofi Mirembe".into()),
            ),
            (
                role(4, RoleKind::Moderator, Some(13)),
                Some("Élodie Sample".into()),
            ),
            (
                role(5, RoleKind::Organizer, Some(13)),
                Some("Élodie Sample".into()),
            ),
            (role(6, RoleKind::Organizer, None), None),
        ])
    }

    fn person(m: Match<'_>) -> Option<i64> {
        match m {
            Match::Seat(s) => s.person_id,
            _ => None,
        }
    }

    #[test]
    fn names_match_only_when_one_person_fits() {
        let p = panel();
        let named = |l: &str| person(p.resolve(l, Speaker::Named));
        assert_eq!(named("ADA MIREMBE"), Some(10));
        assert_eq!(named("A. MIREMBE"), Some(10));
        assert_eq!(named("K MIREMBE"), Some(12));
        // Two people share the surname: nobody.
        assert_eq!(named("MIREMBE"), None);
        assert_eq!(named("FALK"), Some(11));
        assert_eq!(named("DR. FALK"), Some(11));
        assert_eq!(named("AMBASSADOR FALK"), Some(11));
        assert_eq!(named("JONAS FALK"), Some(11));
        assert_eq!(named("FALKE"), None);
        assert_eq!(named("JONAS"), None);
        assert_eq!(named("B. FALK"), None);
        // Accents aside; one person with two roles fits once, in the role
        // they speak in.
        assert_eq!(named("ELODIE SAMPLE"), Some(13));
        match p.resolve("SAMPLE", Speaker::Named) {
            Match::Seat(s) => assert_eq!(s.kind, RoleKind::Moderator),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn role_labels_need_exactly_one_such_role() {
        let p = panel();
        assert_eq!(
            person(p.resolve("MODERATOR", Speaker::Role(Role::Moderator))),
            Some(13)
        );
        assert_eq!(
            p.resolve("SPEAKER", Speaker::Role(Role::Speaker)),
            Match::Unmatched
        );
        assert_eq!(
            p.resolve("RAPPORTEUR", Speaker::Role(Role::Rapporteur)),
            Match::Unmatched
        );
        assert_eq!(p.resolve("ATTENDEE", Speaker::Floor), Match::Floor);
    }
}
