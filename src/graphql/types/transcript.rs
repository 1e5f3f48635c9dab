//! `Transcript` and `Intervention`: a session's captioning record and its
//! turns, each matched to a role of the session where exactly one fits.

use async_graphql::{Context, Description, ID, Object};
use entity::{intervention, transcript};

use super::{
    ParticipationMode, Person, Region, SessionRole, StakeholderGroup, Timestamp, loaders,
    reference, required_session,
};
use crate::{
    error::AppResult,
    graphql::{
        connection::{self, Conn, Scope, TotalCount},
        ids::{self, Kind},
        loaders::{
            CountKey, InterventionParent, InterventionsPage, KeptOfSession, PersonId,
            SessionRoleId, UnmatchedOfSession,
        },
    },
    service,
};

/// A session's captioning transcript as last imported
/// (`importTranscript`): its totals, and what the import could not use.
/// Its turns are the session's `interventions`.
#[derive(Description)]
pub struct Transcript(pub transcript::Model);

#[Object(use_type_description)]
impl Transcript {
    /// Global ID for `node(id:)`.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Transcript, self.0.id)
    }
    /// The session it records.
    async fn session(&self, ctx: &Context<'_>) -> AppResult<super::Session> {
        required_session(ctx, self.0.session_id).await
    }
    /// How many turns it has, that is interventions in the transcript.
    async fn intervention_count(&self) -> i32 {
        self.0.turns
    }
    /// Words spoken in all: whitespace-separated tokens of the speech.
    async fn words(&self) -> i64 {
        self.0.words
    }
    /// Seconds spoken in all, measured and estimated together.
    async fn seconds(&self) -> i64 {
        self.0.seconds
    }
    /// Of `seconds`, how many were estimated from the words (at 150 words
    /// a minute) because the transcript gave no timestamps for them.
    async fn estimated_seconds(&self) -> i64 {
        self.0.estimated_seconds
    }
    /// The speaker labels written as names that are attributed to no one
    /// (they fit no role of the session, or more than one), as first
    /// written; each has a review item (`UNMATCHED_SPEAKER`).
    async fn unmatched_labels(&self, ctx: &Context<'_>) -> AppResult<Vec<String>> {
        let key = UnmatchedOfSession(self.0.session_id);
        Ok(loaders(ctx).load_one(key).await?.unwrap_or_default())
    }
    /// Interventions gone from the transcript at a later import but kept,
    /// because positions cite them: those cited by a position the reader
    /// may see.
    async fn kept_interventions(&self, ctx: &Context<'_>) -> AppResult<Vec<Intervention>> {
        let key = KeptOfSession(self.0.session_id);
        let rows = loaders(ctx).load_one(key).await?.unwrap_or_default();
        Ok(rows.into_iter().map(Intervention).collect())
    }
    /// What the last import read in the page but did not use (text before
    /// the first turn, `>>` lines that start no turn), one line each;
    /// labels it could not match are in `unmatchedLabels`.
    async fn warnings(&self) -> Vec<&str> {
        self.0.warnings.lines().collect()
    }
    /// Optimistic-concurrency version.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When it was first imported.
    async fn created_at(&self) -> Timestamp {
        self.0.created_at.into()
    }
    /// When an import last changed it.
    async fn updated_at(&self) -> Timestamp {
        self.0.updated_at.into()
    }
}

/// One turn of a session's transcript: who spoke, what they said, how
/// many words and how long. A turn is matched to a role of the session
/// only when exactly one fits its label; it then carries that role's
/// person, stakeholder group, region and participation mode.
#[derive(Description)]
pub struct Intervention(pub intervention::Model);

#[Object(use_type_description)]
impl Intervention {
    /// Global ID for `node(id:)`, and for citing it from a position.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Intervention, self.0.id)
    }
    /// Place in the transcript, from 1.
    async fn order(&self) -> i32 {
        self.0.ord
    }
    /// The speaker label as the transcript writes it (`DR. FALK`).
    async fn label(&self) -> &str {
        &self.0.label
    }
    /// What was said: stage directions and timestamps removed, paragraphs
    /// separated by a blank line.
    async fn text(&self) -> &str {
        &self.0.text
    }
    /// Whitespace-separated tokens of `text`.
    async fn words(&self) -> i32 {
        self.0.words
    }
    /// How long it lasted: to the next turn's timestamp where the
    /// transcript gives both, else estimated from `words` at 150 words a
    /// minute (rounded up).
    async fn seconds(&self) -> i32 {
        self.0.seconds
    }
    /// Whether `seconds` was estimated from the words.
    async fn seconds_estimated(&self) -> bool {
        self.0.seconds_estimated
    }
    /// The person who spoke, when the label was matched (or an admin
    /// named them) and the role has a person.
    async fn person(&self, ctx: &Context<'_>) -> AppResult<Option<Person>> {
        let Some(id) = self.0.person_id else {
            return Ok(None);
        };
        Ok(loaders(ctx).load_one(PersonId(id)).await?.map(Person))
    }
    /// The role of the session the speaker holds, when matched.
    async fn role(&self, ctx: &Context<'_>) -> AppResult<Option<SessionRole>> {
        let Some(id) = self.0.role_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)
            .load_one(SessionRoleId(id))
            .await?
            .map(SessionRole))
    }
    /// The stakeholder group of that role in this session.
    async fn stakeholder_group(&self, ctx: &Context<'_>) -> Option<StakeholderGroup> {
        let id = self.0.stakeholder_group_id?;
        reference(ctx)
            .stakeholder_group(id)
            .cloned()
            .map(StakeholderGroup)
    }
    /// The UN regional group of that role in this session.
    async fn region(&self, ctx: &Context<'_>) -> Option<Region> {
        let id = self.0.region_id?;
        reference(ctx).region(id).cloned().map(Region)
    }
    /// Onsite or online, as that role says; null when unrecorded.
    async fn participation_mode(&self) -> Option<ParticipationMode> {
        self.0.participation.map(Into::into)
    }
    /// Spoken from the floor by someone the captioner did not name
    /// (`ATTENDEE`, `AUDIENCE`, `PARTICIPANT`).
    async fn is_floor(&self) -> bool {
        self.0.is_floor
    }
    /// For a floor turn, the sentence in which the speaker introduces
    /// themselves ("My name is …, I work for …").
    async fn self_introduction(&self) -> Option<&str> {
        self.0.self_introduction.as_deref()
    }
    /// The topics it mentions: those with a keyword in its text, case
    /// aside. An intervention can mention several.
    async fn topics(&self, ctx: &Context<'_>) -> Vec<super::Topic> {
        reference(ctx)
            .topics
            .iter()
            .filter(|t| t.mentioned_in(&self.0.text))
            .cloned()
            .map(super::Topic)
            .collect()
    }
    /// False when a later import no longer had this turn and it was kept
    /// because positions cite it.
    async fn in_transcript(&self) -> bool {
        self.0.in_transcript
    }
    /// The session it was said in.
    async fn session(&self, ctx: &Context<'_>) -> AppResult<super::Session> {
        required_session(ctx, self.0.session_id).await
    }
    /// Optimistic-concurrency version.
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// A page of a session's (in transcript order) or a person's (oldest
/// first) interventions.
pub(crate) async fn nested_interventions(
    ctx: &Context<'_>,
    parent: InterventionParent,
    first: Option<i32>,
    after: Option<String>,
) -> AppResult<Conn<Intervention>> {
    let (first, after) = connection::nested_request(Scope::Interventions, first, after)?;
    let mut rows = loaders(ctx)
        .load_one(InterventionsPage {
            parent,
            first,
            after,
        })
        .await?
        .unwrap_or_default();
    let has_next = rows.len() as u64 > first;
    rows.truncate(first as usize);
    let page = service::page::Page {
        rows,
        has_previous: after.is_some(),
        has_next,
    };
    let by_place = matches!(parent, InterventionParent::Session(_));
    Ok(connection::connection(
        Scope::Interventions,
        page,
        TotalCount::Loader(CountKey::InterventionsOf(parent)),
        |i| (None, if by_place { i64::from(i.ord) } else { i.id }),
        Intervention,
    ))
}
