//! The session report the proposal promises, as Markdown in the shape of
//! IGF session reports: who was on the panel, the panelists' interventions
//! by policy question, the participants' perspectives by stakeholder group
//! and region (onsite and online apart), the stance summary and the panel
//! balance. Published positions only, whoever asks.

use std::{collections::BTreeMap, fmt::Write};

use entity::{
    person,
    position::{self, ParticipationMode},
    session_role::{self, RoleKind},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{balance, position::published, reference::ReferenceData};
use crate::{
    error::{AppError, AppResult},
    service::viewer::Viewer,
};

/// Markdown-safe inline text: no line breaks, and characters that would
/// start markup escaped.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        if matches!(c, '\\' | '*' | '_' | '`' | '|' | '<' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn role_label(role: RoleKind) -> &'static str {
    match role {
        RoleKind::Organizer => "Organizer",
        RoleKind::Speaker => "Speaker",
        RoleKind::Moderator => "Moderator",
        RoleKind::OnlineModerator => "Online moderator",
        RoleKind::Rapporteur => "Rapporteur",
    }
}

fn mode_label(mode: Option<ParticipationMode>) -> &'static str {
    match mode {
        Some(ParticipationMode::Onsite) => "onsite",
        Some(ParticipationMode::Online) => "online",
        None => "mode not recorded",
    }
}

fn plural(n: i64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn percent(n: usize, of: usize) -> String {
    if of == 0 {
        "–".into()
    } else {
        format!("{:.0} %", 100.0 * n as f64 / of as f64)
    }
}

/// The report of the session `code` of event `event_code`.
pub async fn session_report(
    db: &impl ConnectionTrait,
    refs: &ReferenceData,
    reader: Reader<'_>,
    event_code: &str,
    code: &str,
) -> AppResult<String> {
    let facts = Facts::load(db, refs, reader, event_code, code).await?;
    Ok(facts.render(Names { refs }))
}

/// Who reads a report: its panel balance shows declared genders as this
/// viewer may see them (`balance::GenderView`). The command line reads as
/// the public, since a report is made to be published.
#[derive(Clone, Copy)]
pub struct Reader<'a> {
    pub viewer: &'a Viewer,
    /// The server's `GENDER_MIN_COUNT`.
    pub gender_min_count: usize,
    /// The server's onsite rule (`ONSITE_MODERATOR`, `ONSITE_MIN_SPEAKERS`).
    pub onsite_rule: balance::onsite::OnsiteRule,
}

/// A published position with the person who took it, if named.
type Taken = (position::Model, Option<person::Model>);

/// Everything a report says, read in one go.
struct Facts {
    event: entity::event::Model,
    session: entity::session::Model,
    /// In the order the panel is listed: by role, then position.
    roles: Vec<(session_role::Model, Option<person::Model>)>,
    questions: Vec<entity::policy_question::Model>,
    /// Published positions taken in the session, oldest first.
    positions: Vec<Taken>,
    balance: balance::Balance,
    onsite_rule: balance::onsite::OnsiteRule,
    /// The transcript's speaking time, by the panel's groups and regions.
    time: super::speaking::PanelTime,
}

/// The display names of reference rows, with what a report says when one
/// was not declared.
#[derive(Clone, Copy)]
struct Names<'a> {
    refs: &'a ReferenceData,
}

impl<'a> Names<'a> {
    fn group(self, id: Option<i64>) -> &'a str {
        id.and_then(|id| self.refs.stakeholder_group(id))
            .map_or("stakeholder group not declared", |g| g.name.as_str())
    }

    fn region(self, id: Option<i64>) -> &'a str {
        id.and_then(|id| self.refs.region(id))
            .map_or("region not declared", |r| r.name.as_str())
    }

    fn stance(self, id: i64) -> &'a str {
        self.refs
            .stance(id)
            .map_or("unknown stance", |s| s.name.as_str())
    }

    /// One panelist's intervention, as a list item.
    fn intervention(self, w: &mut String, p: &position::Model, who: Option<&person::Model>) {
        let name = who.map_or("A panelist".to_owned(), |p| inline(&p.name));
        writeln!(
            w,
            "- **{name}** ({}, {}; {}): _{}_. {}",
            self.group(p.stakeholder_group_id),
            self.region(p.region_id),
            mode_label(p.participation_mode),
            inline(self.stance(p.stance_id)),
            inline(&p.summary)
        )
        .ok();
        if let Some(q) = &p.quote {
            writeln!(w, "  > “{}”", inline(q)).ok();
        }
    }
}

impl Facts {
    async fn load(
        db: &impl ConnectionTrait,
        refs: &ReferenceData,
        reader: Reader<'_>,
        event_code: &str,
        code: &str,
    ) -> AppResult<Self> {
        // The event is what the report is about, not a filter: unknown is
        // NOT_FOUND, as the `sessionReport` documentation says.
        let event = super::event::by_code(db, event_code)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("no event `{event_code}`")))?;
        let session = super::session::by_event_and_code(db, event.id, code)
            .await?
            .ok_or_else(|| {
                AppError::NotFound(format!("no session `{code}` in event `{event_code}`"))
            })?;
        let mut roles = session_role::Entity::find()
            .filter(session_role::Column::SessionId.eq(session.id))
            .find_also_related(person::Entity)
            .all(db)
            .await?;
        roles.sort_by_key(|(r, _)| (r.role as u8, r.position, r.id));
        let questions = entity::policy_question::Entity::find()
            .filter(entity::policy_question::Column::SessionId.eq(session.id))
            .order_by_asc(entity::policy_question::Column::Position)
            .order_by_asc(entity::policy_question::Column::Id)
            .all(db)
            .await?;
        let positions = position::Entity::find()
            .filter(published())
            .filter(position::Column::SessionId.eq(session.id))
            .order_by_asc(position::Column::Id)
            .find_also_related(person::Entity)
            .all(db)
            .await?;
        let seats = balance::seats(db, balance::Scope::Sessions(&[session.id]))
            .await?
            .remove(&session.id)
            .unwrap_or_default();
        let view =
            balance::GenderView::of(db, reader.viewer, &seats, reader.gender_min_count).await?;
        let balance = balance::assess_seen(seats, refs, view);
        let time = super::speaking::panel_time(db, Some(session.id), None).await?;
        Ok(Self {
            event,
            session,
            roles,
            questions,
            positions,
            balance,
            onsite_rule: reader.onsite_rule,
            time,
        })
    }

    /// The report, section by section.
    fn render(&self, names: Names<'_>) -> String {
        let mut md = String::new();
        let w = &mut md;
        self.heading(w);
        let panelists = self.panel(w, names);
        let (panel, floor): (Vec<&Taken>, Vec<&Taken>) = self
            .positions
            .iter()
            .partition(|(p, _)| p.person_id.is_some_and(|id| panelists.contains(&id)));
        self.interventions(w, names, &panel);
        participants(w, names, &floor);
        self.stance_summary(w, names, &panel, &floor);
        self.balance(w, names);
        self.speaking_time(w, names);
        md
    }

    /// Each group's and region's share of the speaker seats beside its
    /// share of the speakers' speaking time, and the floor's share of all
    /// of it; nothing until a transcript is imported.
    fn speaking_time(&self, w: &mut String, names: Names<'_>) {
        let time = &self.time;
        let all = time.panel.seconds + time.floor.seconds;
        if all == 0 {
            return;
        }
        writeln!(w, "\n## Seats against speaking time\n").ok();
        let seats = self.balance.total.speakers;
        let share = |a: i64, b: i64| if b == 0 { 0 } else { (a * 100 + b / 2) / b };
        let rows = |tallies: &[(Option<i64>, balance::Tally)],
                    spoken: &[(Option<i64>, super::speaking::Totals)],
                    name: &dyn Fn(Option<i64>) -> String| {
            let mut keys: Vec<Option<i64>> = tallies
                .iter()
                .filter(|(_, t)| t.speakers > 0)
                .map(|(id, _)| *id)
                .collect();
            for (id, _) in spoken {
                if !keys.contains(id) {
                    keys.push(*id);
                }
            }
            keys.into_iter()
                .map(|id| {
                    let n = tallies
                        .iter()
                        .find(|(k, _)| *k == id)
                        .map_or(0, |(_, t)| t.speakers);
                    let s = spoken
                        .iter()
                        .find(|(k, _)| *k == id)
                        .map_or(0, |(_, t)| t.seconds);
                    format!(
                        "{} {}% of seats, {}% of time",
                        name(id),
                        share(n, seats),
                        share(s, time.speakers.seconds)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let by_group = rows(&self.balance.by_group, &time.by_group, &|id| {
            names.group(id).to_owned()
        });
        let by_region = rows(&self.balance.by_region, &time.by_region, &|id| {
            names.region(id).to_owned()
        });
        writeln!(w, "- By stakeholder group: {by_group}").ok();
        writeln!(w, "- By region: {by_region}").ok();
        writeln!(
            w,
            "- The floor: {}% of all speaking time ({} of {} s; {} s estimated from words)",
            share(time.floor.seconds, all),
            time.floor.seconds,
            all,
            time.panel.estimated_seconds + time.floor.estimated_seconds
        )
        .ok();
    }

    fn heading(&self, w: &mut String) {
        let session = &self.session;
        writeln!(w, "# {}: {}", inline(&session.code), inline(&session.title)).ok();
        writeln!(w).ok();
        let mut facts = vec![format!("**Event:** {}", inline(&self.event.name))];
        if let Some(format) = session.format {
            facts.push(format!("**Format:** {format:?}"));
        }
        if let Some(minutes) = session.duration_minutes {
            facts.push(format!("**Duration:** {minutes} minutes"));
        }
        facts.push(format!("**Session type:** {:?}", session.kind));
        writeln!(w, "{}", facts.join(" · ")).ok();
    }

    /// The people listed, with their roles; returns the panelists (named
    /// people other than organizers and rapporteurs).
    fn panel(&self, w: &mut String, names: Names<'_>) -> Vec<i64> {
        writeln!(w, "\n## Organizers and speakers\n").ok();
        if self.roles.is_empty() {
            writeln!(w, "_No one is listed yet._").ok();
        }
        let mut panelists = Vec::new();
        for (role, person) in &self.roles {
            let who = match person {
                Some(p) => {
                    if !matches!(role.role, RoleKind::Organizer | RoleKind::Rapporteur) {
                        panelists.push(p.id);
                    }
                    // As declared for this session, else the person's.
                    match role.affiliation.as_ref().or(p.affiliation.as_ref()) {
                        Some(a) => format!("{}, {}", inline(&p.name), inline(a)),
                        None => inline(&p.name),
                    }
                }
                None => "(name not given)".into(),
            };
            let mode = match role.participation {
                Some(ParticipationMode::Onsite) => "; onsite",
                Some(ParticipationMode::Online) => "; online",
                None => "",
            };
            writeln!(
                w,
                "- {}: {who} ({}, {}{mode})",
                role_label(role.role),
                names.group(role.stakeholder_group_id),
                names.region(role.region_id)
            )
            .ok();
        }
        panelists
    }

    /// The panel's interventions, by question, then those on no question
    /// of the session.
    fn interventions(&self, w: &mut String, names: Names<'_>, panel: &[&Taken]) {
        writeln!(w, "\n## Panelists' interventions by policy question").ok();
        for (i, q) in self.questions.iter().enumerate() {
            writeln!(w, "\n### {}. {}\n", i + 1, inline(&q.text)).ok();
            let answers: Vec<_> = panel
                .iter()
                .filter(|(p, _)| p.policy_question_id == Some(q.id))
                .collect();
            if answers.is_empty() {
                writeln!(w, "_No intervention recorded._").ok();
            }
            for (p, who) in answers {
                names.intervention(w, p, who.as_ref());
            }
        }
        let other: Vec<_> = panel
            .iter()
            .filter(|(p, _)| {
                p.policy_question_id
                    .is_none_or(|id| !self.questions.iter().any(|q| q.id == id))
            })
            .collect();
        if !other.is_empty() || self.questions.is_empty() {
            writeln!(w, "\n### Other interventions\n").ok();
            if other.is_empty() {
                writeln!(w, "_No intervention recorded._").ok();
            }
            for (p, who) in other {
                names.intervention(w, p, who.as_ref());
            }
        }
    }

    /// How many positions took each stance, the panel's and the floor's.
    fn stance_summary(&self, w: &mut String, names: Names<'_>, panel: &[&Taken], floor: &[&Taken]) {
        let positions = &self.positions;
        writeln!(w, "\n## Stance summary\n").ok();
        if positions.is_empty() {
            writeln!(w, "_No published position yet._").ok();
            return;
        }
        writeln!(w, "| Stance | Panelists | Participants | All | Share |").ok();
        writeln!(w, "|---|---:|---:|---:|---:|").ok();
        let topics: Vec<i64> = {
            let mut t: Vec<i64> = positions.iter().map(|(p, _)| p.topic_id).collect();
            t.sort_unstable();
            t.dedup();
            t
        };
        for topic in topics {
            for s in names.refs.stances_of(topic) {
                let of = |ps: &[&Taken]| ps.iter().filter(|(p, _)| p.stance_id == s.id).count();
                let all = positions
                    .iter()
                    .filter(|(p, _)| p.stance_id == s.id)
                    .count();
                if all == 0 {
                    continue;
                }
                writeln!(
                    w,
                    "| {} | {} | {} | {all} | {} |",
                    inline(&s.name),
                    of(panel),
                    of(floor),
                    percent(all, positions.len())
                )
                .ok();
            }
        }
    }

    /// The panel's balance score, its tallies, criteria and advice.
    fn balance(&self, w: &mut String, names: Names<'_>) {
        let balance = &self.balance;
        writeln!(w, "\n## Panel balance\n").ok();
        writeln!(
            w,
            "Score: **{} / 100** ({}, {}).\n",
            balance.score,
            plural(balance.total.speakers, "speaker"),
            plural(balance.total.organizers, "organizer")
        )
        .ok();
        let groups = tallies(
            balance
                .by_group
                .iter()
                .map(|(id, t)| (names.group(*id), t.speakers))
                .collect(),
        );
        let regions = tallies(
            balance
                .by_region
                .iter()
                .map(|(id, t)| (names.region(*id), t.speakers))
                .collect(),
        );
        writeln!(w, "- Speakers by stakeholder group: {groups}").ok();
        writeln!(w, "- Speakers by region: {regions}").ok();
        for c in &balance.criteria {
            match c.points {
                Some(p) => writeln!(
                    w,
                    "- {}: {p:.0} of {:.0} points ({})",
                    c.name, c.max, c.note
                ),
                None => writeln!(w, "- {}: not assessed ({})", c.name, c.note),
            }
            .ok();
        }
        for a in &balance.advice {
            writeln!(w, "- {a}").ok();
        }
        // Who is in the room, once any role says how it takes part.
        let onsite = &balance.onsite;
        let recorded = onsite.speakers.onsite
            + onsite.speakers.online
            + onsite.moderators.onsite
            + onsite.moderators.online;
        if recorded > 0 {
            writeln!(w, "- Onsite: {}", onsite.note(self.onsite_rule)).ok();
        }
    }
}

/// `name n` for each item counted at least once, or `none`.
fn tallies(items: Vec<(&str, i64)>) -> String {
    let listed: Vec<String> = items
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(name, n)| format!("{name} {n}"))
        .collect();
    if listed.is_empty() {
        "none".to_owned()
    } else {
        listed.join(", ")
    }
}

/// The floor's positions, by group and region, onsite and online apart:
/// a table of counts, then each place's positions.
fn participants(w: &mut String, names: Names<'_>, floor: &[&Taken]) {
    writeln!(w, "\n## Participants' perspectives\n").ok();
    if floor.is_empty() {
        writeln!(w, "_No participant's position recorded._").ok();
        return;
    }
    let mut by_place: BTreeMap<(String, String), Vec<&position::Model>> = BTreeMap::new();
    for (p, _) in floor {
        by_place
            .entry((
                names.group(p.stakeholder_group_id).to_owned(),
                names.region(p.region_id).to_owned(),
            ))
            .or_default()
            .push(p);
    }
    writeln!(
        w,
        "| Stakeholder group | Region | Onsite | Online | Not recorded |"
    )
    .ok();
    writeln!(w, "|---|---|---:|---:|---:|").ok();
    let count = |ps: &[&position::Model], m: Option<ParticipationMode>| {
        ps.iter().filter(|p| p.participation_mode == m).count()
    };
    for ((g, r), ps) in &by_place {
        writeln!(
            w,
            "| {g} | {r} | {} | {} | {} |",
            count(ps, Some(ParticipationMode::Onsite)),
            count(ps, Some(ParticipationMode::Online)),
            count(ps, None)
        )
        .ok();
    }
    for ((g, r), ps) in &by_place {
        writeln!(w, "\n### {g}, {r}").ok();
        for mode in [
            Some(ParticipationMode::Onsite),
            Some(ParticipationMode::Online),
            None,
        ] {
            let here: Vec<_> = ps.iter().filter(|p| p.participation_mode == mode).collect();
            if here.is_empty() {
                continue;
            }
            writeln!(w, "\n{}:\n", {
                let mut l = mode_label(mode).to_owned();
                l[..1].make_ascii_uppercase();
                l
            })
            .ok();
            for p in here {
                writeln!(
                    w,
                    "- _{}_. {}",
                    inline(names.stance(p.stance_id)),
                    inline(&p.summary)
                )
                .ok();
            }
        }
    }
}
