//! Builders and sample values shared by the parser's tests.

use chrono::{DateTime, NaiveDate, Utc};
use entity::session::SessionKind;

use super::{ExtraSection, ProposalDraft, RoleDraft};

pub(super) fn role(
    number: u32,
    name: Option<&str>,
    group: &str,
    region: &str,
    line: usize,
) -> RoleDraft {
    RoleDraft {
        number,
        name: name.map(str::to_owned),
        affiliation: None,
        stakeholder_group: Some(group.to_owned()),
        region: Some(region.to_owned()),
        line,
        participation: None,
        also: Vec::new(),
    }
}

pub(super) const EEG: &str = "Eastern European Group";
pub(super) const WEOG: &str = "Western European and Others Group (WEOG)";

// ---- 2022–2024 layouts, messy text and errors (issue 4, items 2, 3, 5).
// All people and organisations below are fictional.

/// The lines joined with "\n", with a final line break.
pub(super) fn text(lines: &[&str]) -> String {
    lines.join("\n") + "\n"
}

/// A draft with every field empty, for `..blank()`.
pub(super) fn blank() -> ProposalDraft {
    ProposalDraft {
        year: None,
        kind: SessionKind::Other,
        code: String::new(),
        title: String::new(),
        header: None,
        organizers: vec![],
        speakers: vec![],
        moderators: vec![],
        online_moderators: vec![],
        rapporteurs: vec![],
        format: None,
        format_raw: None,
        duration_minutes: None,
        format_description: None,
        room: None,
        starts_at: None,
        ends_at: None,
        topic_tags: vec![],
        sdgs: vec![],
        additional_speakers: None,
        policy_questions: vec![],
        participant_gains: vec![],
        description: None,
        expected_outcomes: None,
        hybrid_format: None,
        extra_sections: vec![],
        citations: vec![],
        unread_people: vec![],
        warnings: vec![],
    }
}

pub(super) fn person(
    number: u32,
    name: Option<&str>,
    affiliation: Option<&str>,
    group: Option<&str>,
    region: Option<&str>,
    line: usize,
) -> RoleDraft {
    let s = |v: Option<&str>| v.map(str::to_owned);
    RoleDraft {
        number,
        name: s(name),
        affiliation: s(affiliation),
        stakeholder_group: s(group),
        region: s(region),
        line,
        participation: None,
        also: Vec::new(),
    }
}

pub(super) fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(y, mo, d)
        .and_then(|d| d.and_hms_opt(h, mi, 0))
        .expect("valid date")
        .and_utc()
}

pub(super) fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

pub(super) fn extra(heading: &str, body: &str) -> ExtraSection {
    ExtraSection {
        heading: heading.to_owned(),
        body: body.to_owned(),
    }
}

/// `role`, taking part onsite.
pub(super) fn onsite(role: RoleDraft) -> RoleDraft {
    RoleDraft {
        participation: Some(entity::position::ParticipationMode::Onsite),
        ..role
    }
}

/// `role`, taking part online.
pub(super) fn online(role: RoleDraft) -> RoleDraft {
    RoleDraft {
        participation: Some(entity::position::ParticipationMode::Online),
        ..role
    }
}
