//! `PanelBalance` and its tallies: who sits on a panel, by stakeholder
//! group, region and declared gender (`service::balance`).

use std::collections::HashMap;

use async_graphql::{Context, Description, Object};

use super::{Region, StakeholderGroup, loaders, reference, viewer};
use crate::{
    error::AppResult,
    graphql::loaders::SessionsOfPerson,
    service::balance::{
        self, GenderView, Seat, Tally,
        onsite::{Onsite, OnsiteRule},
    },
    state::AppState,
};

/// Who is on a panel, who is missing, and a score to act on, in the spirit
/// of IGF's diversity criteria for workshops. Speakers are `SPEAKER` roles
/// and organizers `ORGANIZER` roles; a role's group and region are those
/// declared for the session, or else its person's. Declared gender appears
/// here in aggregate only: in full for admins and for organizers who may
/// read every counted person's gender; for everyone else a gender fewer
/// than k people declared (the server's `GENDER_MIN_COUNT`, 3 by default)
/// counts as undisclosed, in `byGender` and in the score alike.
#[derive(Description)]
pub struct PanelBalance(
    pub balance::Balance,
    pub Option<OnsiteRule>,
    /// The session (`true`) or event (`false`) it is the balance of.
    pub Option<(bool, i64)>,
);

impl PanelBalance {
    /// The balance of `seats` as the viewer may see it
    /// (`service::balance::GenderView`), the sessions of the people who
    /// declared a gender loaded with the page's other lookups.
    /// `per_session` applies the onsite rule, which is a session's.
    pub async fn as_seen(
        ctx: &Context<'_>,
        seats: Vec<Seat>,
        per_session: bool,
        owner: i64,
    ) -> AppResult<Self> {
        let viewer = viewer(ctx);
        let k = ctx.data_unchecked::<AppState>().config.gender_min_count;
        let mut sessions_of: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
        if viewer.user().is_some() && !viewer.is_admin() {
            let people: Vec<SessionsOfPerson> = balance::declared_people(&seats)
                .map(SessionsOfPerson)
                .collect();
            sessions_of = loaders(ctx)
                .load_many(people)
                .await?
                .into_iter()
                .map(|(person, sessions)| (person.0, sessions))
                .collect();
        }
        let view = GenderView::given(viewer, &seats, &sessions_of, k);
        let rule = per_session.then(|| ctx.data_unchecked::<AppState>().config.onsite_rule());
        Ok(Self(
            balance::assess_seen(seats, &reference(ctx), view),
            rule,
            Some((per_session, owner)),
        ))
    }
}

#[Object(use_type_description)]
impl PanelBalance {
    /// The panel's seats beside its speaking time in the transcript(s):
    /// each stakeholder group's and region's share of the speaker seats
    /// counted here against its share of the speakers' speaking time (as
    /// their roles declare group and region), and the floor's share of all
    /// speaking time. All zeros until a transcript is imported.
    #[graphql(complexity = 30)]
    async fn seats_against_speaking_time(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<SeatsAgainstSpeakingTime> {
        let db = &ctx.data_unchecked::<AppState>().db;
        let (session, event) = match self.2 {
            Some((true, id)) => (Some(id), None),
            Some((false, id)) => (None, Some(id)),
            None => (None, None),
        };
        let time = crate::service::speaking::panel_time(db, session, event).await?;
        let seats = |tallies: &[(Option<i64>, balance::Tally)]| -> Vec<(Option<i64>, i64)> {
            tallies.iter().map(|(id, t)| (*id, t.speakers)).collect()
        };
        Ok(SeatsAgainstSpeakingTime {
            by_group: shares(&seats(&self.0.by_group), &time.by_group, &time.speakers),
            by_region: shares(&seats(&self.0.by_region), &time.by_region, &time.speakers),
            speakers: time.speakers,
            panel: time.panel,
            floor: time.floor,
        })
    }
    /// Speaker roles counted.
    async fn speakers(&self) -> i64 {
        self.0.total.speakers
    }
    /// Organizer roles counted.
    async fn organizers(&self) -> i64 {
        self.0.total.organizers
    }
    /// Every stakeholder group, zeros included, then the roles with no
    /// declared group (`stakeholderGroup: null`) if any.
    async fn by_stakeholder_group(&self) -> Vec<GroupTally> {
        self.0
            .by_group
            .iter()
            .map(|(id, t)| GroupTally(*id, t.clone()))
            .collect()
    }
    /// Every region, zeros included, then the roles with no declared
    /// region (`region: null`) if any.
    async fn by_region(&self) -> Vec<RegionTally> {
        self.0
            .by_region
            .iter()
            .map(|(id, t)| RegionTally(*id, t.clone()))
            .collect()
    }
    /// Self-declared genders (trimmed, lower case), most speakers first,
    /// then the roles whose person declared none (`gender: null`), with,
    /// for those who may not read genders, the genders fewer than k people
    /// declared ("other or undisclosed").
    async fn by_gender(&self) -> Vec<GenderTally> {
        self.0
            .by_gender
            .iter()
            .map(|(g, t)| GenderTally(g.clone(), t.clone()))
            .collect()
    }
    /// Stakeholder groups with no speaker.
    async fn missing_stakeholder_groups(&self, ctx: &Context<'_>) -> Vec<StakeholderGroup> {
        let refs = reference(ctx);
        self.0
            .missing_groups
            .iter()
            .filter_map(|id| refs.stakeholder_group(*id).cloned().map(StakeholderGroup))
            .collect()
    }
    /// Regions with no speaker.
    async fn missing_regions(&self, ctx: &Context<'_>) -> Vec<Region> {
        let refs = reference(ctx);
        self.0
            .missing_regions
            .iter()
            .filter_map(|id| refs.region(*id).cloned().map(Region))
            .collect()
    }
    /// 0 to 100: the points of `criteria` that could be assessed, as a
    /// percentage of their maximum.
    async fn score(&self) -> i32 {
        self.0.score
    }
    /// How the score is made: speakers from the four main stakeholder
    /// groups (40 points), from the five UN regional groups (40), and not
    /// all of one declared gender (20).
    async fn criteria(&self) -> Vec<BalanceCriterion> {
        self.0
            .criteria
            .iter()
            .cloned()
            .map(BalanceCriterion)
            .collect()
    }
    /// What to change, in plain words.
    async fn advice(&self) -> &[String] {
        &self.0.advice
    }
    /// Who is in the room: speakers and moderators onsite, online or not
    /// recorded, and, for a session, whether it meets the onsite rule (IGF
    /// asks for the moderator and at least two speakers onsite; the
    /// server's `ONSITE_MODERATOR` and `ONSITE_MIN_SPEAKERS`).
    async fn onsite(&self) -> OnsitePresence {
        OnsitePresence(self.0.onsite, self.1)
    }
}

/// Who is in the room, from the roles' participation.
#[derive(Description)]
pub struct OnsitePresence(Onsite, Option<OnsiteRule>);

#[Object(use_type_description)]
impl OnsitePresence {
    /// Speakers taking part onsite.
    async fn speakers_onsite(&self) -> i64 {
        self.0.speakers.onsite
    }
    /// Speakers taking part online.
    async fn speakers_online(&self) -> i64 {
        self.0.speakers.online
    }
    /// Speakers whose participation is not recorded.
    async fn speakers_not_recorded(&self) -> i64 {
        self.0.speakers.not_recorded
    }
    /// Moderators taking part onsite.
    async fn moderators_onsite(&self) -> i64 {
        self.0.moderators.onsite
    }
    /// Moderators taking part online.
    async fn moderators_online(&self) -> i64 {
        self.0.moderators.online
    }
    /// Moderators whose participation is not recorded.
    async fn moderators_not_recorded(&self) -> i64 {
        self.0.moderators.not_recorded
    }
    /// For a session: `true` when it meets the onsite rule, `false` when it
    /// cannot whatever the roles not recorded turn out to be, null while
    /// those decide. Null for an event's sessions together.
    async fn meets_rule(&self) -> Option<bool> {
        self.1.and_then(|rule| self.0.meets(rule))
    }
    /// For a session, the rule and where the panel stands, in a sentence;
    /// null for an event.
    async fn note(&self) -> Option<String> {
        self.1.map(|rule| self.0.note(rule))
    }
}

/// Speakers and organizers of one stakeholder group.
#[derive(Description)]
pub struct GroupTally(Option<i64>, Tally);

#[Object(use_type_description)]
impl GroupTally {
    /// Null for roles with no declared group.
    async fn stakeholder_group(&self, ctx: &Context<'_>) -> Option<StakeholderGroup> {
        reference(ctx)
            .stakeholder_group(self.0?)
            .cloned()
            .map(StakeholderGroup)
    }
    /// Speaker roles counted here.
    async fn speakers(&self) -> i64 {
        self.1.speakers
    }
    /// Organizer roles counted here.
    async fn organizers(&self) -> i64 {
        self.1.organizers
    }
}

/// Speakers and organizers of one region.
#[derive(Description)]
pub struct RegionTally(Option<i64>, Tally);

#[Object(use_type_description)]
impl RegionTally {
    /// Null for roles with no declared region.
    async fn region(&self, ctx: &Context<'_>) -> Option<Region> {
        reference(ctx).region(self.0?).cloned().map(Region)
    }
    /// Speaker roles counted here.
    async fn speakers(&self) -> i64 {
        self.1.speakers
    }
    /// Organizer roles counted here.
    async fn organizers(&self) -> i64 {
        self.1.organizers
    }
}

/// Speakers and organizers of one declared gender.
#[derive(Description)]
pub struct GenderTally(Option<String>, Tally);

#[Object(use_type_description)]
impl GenderTally {
    /// As declared (trimmed, lower case); null for none declared, or
    /// (for those who may not read genders) other or undisclosed.
    async fn gender(&self) -> Option<&str> {
        self.0.as_deref()
    }
    /// Speaker roles counted here.
    async fn speakers(&self) -> i64 {
        self.1.speakers
    }
    /// Organizer roles counted here.
    async fn organizers(&self) -> i64 {
        self.1.organizers
    }
}

/// One part of the balance score.
#[derive(Description)]
pub struct BalanceCriterion(balance::Criterion);

#[Object(use_type_description)]
impl BalanceCriterion {
    /// `stakeholder groups`, `regions` or `gender`.
    async fn name(&self) -> &str {
        self.0.name
    }
    /// Points earned; null when it cannot be assessed (then it does not
    /// count towards the score).
    async fn points(&self) -> Option<f64> {
        self.0.points
    }
    /// The most points it can earn: 40, 40 or 20.
    async fn max_points(&self) -> f64 {
        self.0.max
    }
    /// What was counted.
    async fn note(&self) -> &str {
        &self.0.note
    }
}

/// One stakeholder group's or region's seats beside its speaking time.
#[derive(Debug, Clone)]
pub struct SeatShareRow {
    id: Option<i64>,
    seats: i64,
    seat_share: f64,
    seconds: i64,
    speaking_share: f64,
}

/// Every key with seats or speaking time: the seats' order first, then
/// keys that only spoke.
fn shares(
    seats: &[(Option<i64>, i64)],
    time: &[(Option<i64>, crate::service::speaking::Totals)],
    panel: &crate::service::speaking::Totals,
) -> Vec<SeatShareRow> {
    let all_seats: i64 = seats.iter().map(|(_, n)| n).sum();
    let ratio = |a: i64, b: i64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let mut keys: Vec<Option<i64>> = seats.iter().map(|(id, _)| *id).collect();
    for (id, _) in time {
        if !keys.contains(id) {
            keys.push(*id);
        }
    }
    keys.into_iter()
        .map(|id| {
            let n = seats.iter().find(|(k, _)| *k == id).map_or(0, |(_, n)| *n);
            let s = time
                .iter()
                .find(|(k, _)| *k == id)
                .map_or(0, |(_, t)| t.seconds);
            SeatShareRow {
                id,
                seats: n,
                seat_share: ratio(n, all_seats),
                seconds: s,
                speaking_share: ratio(s, panel.seconds),
            }
        })
        .collect()
}

/// A panel's seats beside its speaking time (`PanelBalance`).
#[derive(Description)]
pub struct SeatsAgainstSpeakingTime {
    by_group: Vec<SeatShareRow>,
    by_region: Vec<SeatShareRow>,
    speakers: crate::service::speaking::Totals,
    panel: crate::service::speaking::Totals,
    floor: crate::service::speaking::Totals,
}

#[Object(use_type_description)]
impl SeatsAgainstSpeakingTime {
    /// Seconds the speakers spoke: what `speakingShare` divides.
    async fn speaker_seconds(&self) -> i64 {
        self.speakers.seconds
    }
    /// Every stakeholder group with speaker seats or speaking time (null
    /// for seats and time with no group), seats' share beside time's.
    async fn by_stakeholder_group(&self) -> Vec<SeatsAgainstTimeRow> {
        self.by_group
            .iter()
            .cloned()
            .map(|r| SeatsAgainstTimeRow(r, true))
            .collect()
    }
    /// Every region with speaker seats or speaking time (null for seats and
    /// time with no region).
    async fn by_region(&self) -> Vec<SeatsAgainstTimeRow> {
        self.by_region
            .iter()
            .cloned()
            .map(|r| SeatsAgainstTimeRow(r, false))
            .collect()
    }
    /// Seconds the panel spoke (everyone but the floor, matched or not:
    /// moderators and unmatched speakers too).
    async fn panel_seconds(&self) -> i64 {
        self.panel.seconds
    }
    /// Seconds the floor spoke.
    async fn floor_seconds(&self) -> i64 {
        self.floor.seconds
    }
    /// The floor's share of all speaking time (0 without a transcript).
    async fn floor_share(&self) -> f64 {
        let all = self.panel.seconds + self.floor.seconds;
        if all == 0 {
            0.0
        } else {
            self.floor.seconds as f64 / all as f64
        }
    }
    /// Of all the seconds, those estimated from words.
    async fn estimated_seconds(&self) -> i64 {
        self.panel.estimated_seconds + self.floor.estimated_seconds
    }
}

/// One stakeholder group's (or region's) seats and speaking time.
#[derive(Description)]
pub struct SeatsAgainstTimeRow(SeatShareRow, bool);

#[Object(use_type_description)]
impl SeatsAgainstTimeRow {
    /// The stakeholder group, in `byStakeholderGroup`.
    async fn stakeholder_group(&self, ctx: &Context<'_>) -> Option<StakeholderGroup> {
        let id = self.0.id.filter(|_| self.1)?;
        reference(ctx)
            .stakeholder_group(id)
            .cloned()
            .map(StakeholderGroup)
    }
    /// The region, in `byRegion`.
    async fn region(&self, ctx: &Context<'_>) -> Option<Region> {
        let id = self.0.id.filter(|_| !self.1)?;
        reference(ctx).region(id).cloned().map(Region)
    }
    /// Speaker seats.
    async fn seats(&self) -> i64 {
        self.0.seats
    }
    /// Its share of the speaker seats.
    async fn seat_share(&self) -> f64 {
        self.0.seat_share
    }
    /// Seconds its speakers spoke.
    async fn seconds(&self) -> i64 {
        self.0.seconds
    }
    /// Its share of the speakers' speaking time.
    async fn speaking_share(&self) -> f64 {
        self.0.speaking_share
    }
}
