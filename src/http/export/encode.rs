//! How exported rows (positions, interventions) are written: CSV (RFC
//! 4180, by the `csv` crate) or JSON lines, with global IDs as GraphQL gives
//! them, reference codes, and enum values spelled as in GraphQL. In CSV,
//! free text that would start a spreadsheet formula goes out behind a `'`;
//! NDJSON keeps every text exact.

use std::{borrow::Cow, io, sync::Arc};

use entity::{
    position::{ParticipationMode, PositionSource, PositionStatus},
    session_role::RoleKind,
};
use serde::Serialize;

use crate::{
    graphql::ids::{self, Kind},
    service::{
        export::{Encode, ExportRow, InterventionRow},
        reference::ReferenceData,
    },
};

#[derive(Debug, Clone, Copy)]
pub enum Format {
    Csv,
    Ndjson,
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Ndjson => "application/x-ndjson",
        }
    }
    /// The attachment's file name: `what` (`positions`, `interventions`)
    /// with the format's extension.
    pub fn disposition(self, what: &str) -> String {
        let extension = match self {
            Format::Csv => "csv",
            Format::Ndjson => "ndjson",
        };
        format!("attachment; filename=\"{what}.{extension}\"")
    }
    fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Ndjson => "ndjson",
        }
    }
}

/// The columns, in order; [`Record`] serializes its fields in this order.
const POSITION_COLUMNS: [&str; 20] = [
    "id",
    "topic",
    "stance",
    "summary",
    "quote",
    "session_id",
    "session_code",
    "event",
    "event_year",
    "policy_question_id",
    "person_id",
    "person_name",
    "stakeholder_group",
    "stakeholder_group_as_written",
    "region",
    "region_as_written",
    "participation_mode",
    "source",
    "status",
    "recorded_at",
];

/// One exported line. IDs are the global IDs GraphQL gives, codes are the
/// reference codes, enum values are spelled as in GraphQL.
#[derive(Debug, Serialize)]
struct Record<'a> {
    id: String,
    topic: Option<&'a str>,
    stance: Option<&'a str>,
    summary: Cow<'a, str>,
    quote: Option<Cow<'a, str>>,
    session_id: Option<String>,
    session_code: Option<Cow<'a, str>>,
    event: Option<&'a str>,
    event_year: Option<i32>,
    policy_question_id: Option<String>,
    person_id: Option<String>,
    person_name: Option<Cow<'a, str>>,
    stakeholder_group: Option<&'a str>,
    stakeholder_group_as_written: Option<Cow<'a, str>>,
    region: Option<&'a str>,
    region_as_written: Option<Cow<'a, str>>,
    participation_mode: Option<&'static str>,
    source: &'static str,
    status: &'static str,
    recorded_at: String,
}

impl<'a> Record<'a> {
    fn new(row: &'a ExportRow, refs: &'a ReferenceData) -> Self {
        let global = |kind, id: Option<i64>| id.map(|id| ids::encode(kind, id).0);
        Self {
            id: ids::encode(Kind::Position, row.id).0,
            topic: refs.topic(row.topic_id).map(|t| t.code.as_str()),
            stance: refs.stance(row.stance_id).map(|s| s.code.as_str()),
            summary: Cow::Borrowed(&row.summary),
            quote: row.quote.as_deref().map(Cow::Borrowed),
            session_id: global(Kind::Session, row.session_id),
            session_code: row.session_code.as_deref().map(Cow::Borrowed),
            event: row.event_code.as_deref(),
            event_year: row.event_year,
            policy_question_id: global(Kind::PolicyQuestion, row.policy_question_id),
            person_id: global(Kind::Person, row.person_id),
            person_name: row.person_name.as_deref().map(Cow::Borrowed),
            stakeholder_group: row
                .stakeholder_group_id
                .and_then(|id| refs.stakeholder_group(id))
                .map(|g| g.code.as_str()),
            stakeholder_group_as_written: row.stakeholder_group_raw.as_deref().map(Cow::Borrowed),
            region: row
                .region_id
                .and_then(|id| refs.region(id))
                .map(|r| r.code.as_str()),
            region_as_written: row.region_raw.as_deref().map(Cow::Borrowed),
            participation_mode: row.participation_mode.map(mode),
            source: match row.source {
                PositionSource::Intervention => "INTERVENTION",
                PositionSource::WrittenSubmission => "WRITTEN_SUBMISSION",
                PositionSource::Report => "REPORT",
            },
            status: match row.status {
                PositionStatus::Draft => "DRAFT",
                PositionStatus::Published => "PUBLISHED",
            },
            // As GraphQL's `DateTime` writes it.
            recorded_at: crate::timestamp::format(&row.recorded_at),
        }
    }
}

impl Record<'_> {
    /// The record as a CSV cell may hold it: free text that a spreadsheet
    /// would take for a formula is neutralised (see [`neutralise`]).
    fn for_csv(mut self) -> Self {
        neutralise(&mut self.summary);
        for text in [
            &mut self.quote,
            &mut self.session_code,
            &mut self.person_name,
            &mut self.stakeholder_group_as_written,
            &mut self.region_as_written,
        ]
        .into_iter()
        .flatten()
        {
            neutralise(text);
        }
        self
    }
}

/// A participation mode as GraphQL spells it.
fn mode(m: ParticipationMode) -> &'static str {
    match m {
        ParticipationMode::Onsite => "ONSITE",
        ParticipationMode::Online => "ONLINE",
    }
}

/// The columns of the intervention export, in order; [`Turn`] serializes
/// its fields in this order.
const INTERVENTION_COLUMNS: [&str; 18] = [
    "id",
    "session_id",
    "session_code",
    "event",
    "event_year",
    "place",
    "label",
    "person_id",
    "person_name",
    "role",
    "stakeholder_group",
    "region",
    "participation_mode",
    "floor",
    "words",
    "seconds",
    "seconds_estimated",
    "text",
];

/// One exported intervention, spelled as GraphQL spells it.
#[derive(Debug, Serialize)]
struct Turn<'a> {
    id: String,
    session_id: String,
    session_code: Cow<'a, str>,
    event: Option<&'a str>,
    event_year: Option<i32>,
    place: i32,
    label: Cow<'a, str>,
    person_id: Option<String>,
    person_name: Option<Cow<'a, str>>,
    role: Option<&'static str>,
    stakeholder_group: Option<&'a str>,
    region: Option<&'a str>,
    participation_mode: Option<&'static str>,
    floor: bool,
    words: i32,
    seconds: i32,
    seconds_estimated: bool,
    text: Cow<'a, str>,
}

impl<'a> Turn<'a> {
    fn new(row: &'a InterventionRow, refs: &'a ReferenceData) -> Self {
        Self {
            id: ids::encode(Kind::Intervention, row.id).0,
            session_id: ids::encode(Kind::Session, row.session_id).0,
            session_code: Cow::Borrowed(&row.session_code),
            event: row.event_code.as_deref(),
            event_year: row.event_year,
            place: row.ord,
            label: Cow::Borrowed(&row.label),
            person_id: row.person_id.map(|id| ids::encode(Kind::Person, id).0),
            person_name: row.person_name.as_deref().map(Cow::Borrowed),
            role: row.role.map(|r| match r {
                RoleKind::Organizer => "ORGANIZER",
                RoleKind::Speaker => "SPEAKER",
                RoleKind::Moderator => "MODERATOR",
                RoleKind::OnlineModerator => "ONLINE_MODERATOR",
                RoleKind::Rapporteur => "RAPPORTEUR",
            }),
            stakeholder_group: row
                .stakeholder_group_id
                .and_then(|id| refs.stakeholder_group(id))
                .map(|g| g.code.as_str()),
            region: row
                .region_id
                .and_then(|id| refs.region(id))
                .map(|r| r.code.as_str()),
            participation_mode: row.participation.map(mode),
            floor: row.is_floor,
            words: row.words,
            seconds: row.seconds,
            seconds_estimated: row.seconds_estimated,
            text: Cow::Borrowed(&row.text),
        }
    }

    /// As a CSV cell may hold it (see [`neutralise`]).
    fn for_csv(mut self) -> Self {
        for text in [&mut self.session_code, &mut self.label, &mut self.text] {
            neutralise(text);
        }
        if let Some(name) = &mut self.person_name {
            neutralise(name);
        }
        self
    }
}

/// A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
/// is a formula to Excel, LibreOffice and Google Sheets; OWASP's advice on
/// CSV injection is to put a `'` in front, which spreadsheets show as text
/// and do not run.
fn neutralise(text: &mut Cow<'_, str>) {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        *text = Cow::Owned(format!("'{text}"));
    }
}

/// Rows in `format`, codes read from the reference snapshot of the request.
pub struct Encoder {
    format: Format,
    bom: bool,
    refs: Arc<ReferenceData>,
}

impl Encoder {
    /// An encoder whose first bytes are the CSV header (after a byte-order
    /// mark when `bom`), or nothing for NDJSON.
    pub fn new(format: Format, bom: bool, refs: Arc<ReferenceData>) -> Self {
        Self { format, bom, refs }
    }
}

impl Encoder {
    fn header(&self, columns: &[&str], buf: &mut Vec<u8>) -> io::Result<()> {
        if self.bom {
            buf.extend_from_slice("\u{feff}".as_bytes());
        }
        if let Format::Csv = self.format {
            let mut w = csv_writer(buf);
            w.write_record(columns)?;
            w.flush()?;
        }
        Ok(())
    }

    /// One record: `csv` (already neutralised) or `json`, whichever the
    /// format is.
    fn record<T: Serialize>(
        &self,
        csv: impl FnOnce() -> T,
        json: impl FnOnce() -> T,
        buf: &mut Vec<u8>,
    ) -> io::Result<()> {
        match self.format {
            Format::Csv => {
                let mut w = csv_writer(buf);
                w.serialize(csv()).map_err(io::Error::other)?;
                w.flush()
            }
            Format::Ndjson => {
                serde_json::to_writer(&mut *buf, &json())?;
                buf.push(b'\n');
                Ok(())
            }
        }
    }
}

impl Encode<ExportRow> for Encoder {
    fn name(&self) -> &'static str {
        self.format.name()
    }

    fn start(&mut self, buf: &mut Vec<u8>) -> io::Result<()> {
        self.header(&POSITION_COLUMNS, buf)
    }

    fn row(&mut self, row: &ExportRow, buf: &mut Vec<u8>) -> io::Result<()> {
        let refs = &self.refs;
        self.record(
            || Record::new(row, refs).for_csv(),
            || Record::new(row, refs),
            buf,
        )
    }
}

impl Encode<InterventionRow> for Encoder {
    fn name(&self) -> &'static str {
        self.format.name()
    }

    fn start(&mut self, buf: &mut Vec<u8>) -> io::Result<()> {
        self.header(&INTERVENTION_COLUMNS, buf)
    }

    fn row(&mut self, row: &InterventionRow, buf: &mut Vec<u8>) -> io::Result<()> {
        let refs = &self.refs;
        self.record(
            || Turn::new(row, refs).for_csv(),
            || Turn::new(row, refs),
            buf,
        )
    }
}

/// A csv writer for one record at a time: the crate does the quoting of
/// commas, quotes and line breaks (RFC 4180).
fn csv_writer(buf: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .buffer_capacity(4096)
        .from_writer(buf)
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;

    #[test]
    fn the_csv_header_names_the_record_fields_in_order() {
        let row = ExportRow {
            id: 1,
            topic_id: 0,
            stance_id: 0,
            summary: "s".into(),
            quote: None,
            session_id: None,
            policy_question_id: None,
            person_id: None,
            stakeholder_group_id: None,
            stakeholder_group_raw: None,
            region_id: None,
            region_raw: None,
            participation_mode: None,
            source: PositionSource::Report,
            status: PositionStatus::Draft,
            recorded_at: Utc::now(),
            session_code: None,
            event_code: None,
            event_year: None,
            person_name: None,
        };
        let refs = ReferenceData::default();
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(Record::new(&row, &refs)).unwrap();
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(text.lines().next().unwrap(), POSITION_COLUMNS.join(","));
    }

    #[test]
    fn the_intervention_header_names_the_turn_fields_in_order() {
        let row = InterventionRow {
            id: 1,
            session_id: 2,
            ord: 1,
            label: "A".into(),
            text: "t".into(),
            words: 1,
            seconds: 1,
            seconds_estimated: true,
            is_floor: false,
            person_id: None,
            role: None,
            stakeholder_group_id: None,
            region_id: None,
            participation: None,
            session_code: "WS 1".into(),
            event_code: None,
            event_year: None,
            person_name: None,
        };
        let refs = ReferenceData::default();
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(Turn::new(&row, &refs)).unwrap();
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(text.lines().next().unwrap(), INTERVENTION_COLUMNS.join(","));
    }
}
