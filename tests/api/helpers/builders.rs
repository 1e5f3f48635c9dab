//! Builders for arranging data directly in the database: events, sessions,
//! people, roles and positions. Names are fictional.

use super::*;

impl TestApp {
    pub async fn event(&self, code: &str, year: i32) -> event::Model {
        let now = chrono::Utc::now();
        event::ActiveModel {
            code: Set(code.into()),
            name: Set(code.to_uppercase()),
            kind: Set(event::EventKind::NriNational),
            year: Set(year),
            location: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(self.db())
        .await
        .unwrap()
    }

    pub async fn session(
        &self,
        event: &event::Model,
        code: &str,
        title: &str,
        kind: session::SessionKind,
        format: Option<session::SessionFormat>,
    ) -> session::Model {
        let now = chrono::Utc::now();
        session::ActiveModel {
            event_id: Set(event.id),
            code: Set(code.into()),
            kind: Set(kind),
            title: Set(title.into()),
            format: Set(format),
            duration_minutes: Set(Some(60)),
            format_description: Set(None),
            description: Set(None),
            expected_outcomes: Set(None),
            hybrid_format: Set(None),
            participant_gains: Set(json!([])),
            extra_sections: Set(json!([])),
            starts_at: Set(None),
            ends_at: Set(None),
            room: Set(None),
            online_link: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(self.db())
        .await
        .unwrap()
    }

    pub fn region_id(&self, code: &str) -> i64 {
        self.state.reference().region_by_code(code).unwrap().id
    }

    pub fn group_id(&self, code: &str) -> i64 {
        self.state
            .reference()
            .stakeholder_group_by_code(code)
            .unwrap()
            .id
    }

    /// The id of the enhanced-cooperation topic.
    pub fn topic_id(&self) -> i64 {
        self.state
            .reference()
            .topic_by_code("enhanced-cooperation")
            .unwrap()
            .id
    }

    /// `n` published positions in one statement, on either database, their
    /// summaries `summary` followed by their number.
    pub async fn insert_positions(&self, n: usize, summary: &str) {
        let (topic, stance) = (self.topic_id(), self.stance_id("complementary"));
        let sql = format!(
            "INSERT INTO position (topic_id, stance_id, summary, source, status, recorded_at, \
             version, created_at, updated_at) \
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) \
             SELECT {topic}, {stance}, '{summary}' || i, 'report', \
             'published', CURRENT_TIMESTAMP, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM n"
        );
        self.db().execute_unprepared(&sql).await.unwrap();
    }

    pub fn stance_id(&self, code: &str) -> i64 {
        self.state.reference().stances_by_code(code, None).unwrap()[0]
    }

    pub async fn person(
        &self,
        name: &str,
        group: Option<&str>,
        region: Option<&str>,
    ) -> person::Model {
        let now = chrono::Utc::now();
        person::ActiveModel {
            name: Set(name.into()),
            affiliation: Set(Some("Fictional Institute".into())),
            stakeholder_group_id: Set(group.map(|g| self.group_id(g))),
            region_id: Set(region.map(|r| self.region_id(r))),
            gender: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(self.db())
        .await
        .unwrap()
    }

    pub async fn role(
        &self,
        session: &session::Model,
        person: Option<&person::Model>,
        role: session_role::RoleKind,
        order: i32,
        group: &str,
        region: &str,
    ) -> session_role::Model {
        session_role::ActiveModel {
            session_id: Set(session.id),
            person_id: Set(person.map(|p| p.id)),
            role: Set(role),
            position: Set(order),
            stakeholder_group_id: Set(Some(self.group_id(group))),
            stakeholder_group_raw: Set(Some(group.into())),
            region_id: Set(Some(self.region_id(region))),
            region_raw: Set(Some(region.into())),
            version: Set(1),
            ..Default::default()
        }
        .insert(self.db())
        .await
        .unwrap()
    }

    /// A position; `published` decides its status.
    pub async fn position(&self, p: NewPosition<'_>) -> position::Model {
        let now = chrono::Utc::now();
        let topic = self.topic_id();
        position::ActiveModel {
            topic_id: Set(topic),
            stance_id: Set(self.stance_id(p.stance)),
            summary: Set(p.summary.into()),
            quote: Set(None),
            session_id: Set(p.session.map(|s| s.id)),
            policy_question_id: Set(None),
            person_id: Set(p.person.map(|s| s.id)),
            stakeholder_group_id: Set(p.group.map(|g| self.group_id(g))),
            stakeholder_group_raw: Set(p.group.map(Into::into)),
            region_id: Set(p.region.map(|r| self.region_id(r))),
            region_raw: Set(p.region.map(Into::into)),
            participation_mode: Set(p.mode),
            source: Set(position::PositionSource::Intervention),
            status: Set(if p.published {
                position::PositionStatus::Published
            } else {
                position::PositionStatus::Draft
            }),
            recorded_at: Set(now),
            recorded_by_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(self.db())
        .await
        .unwrap()
    }
}

/// What a test says about a position it arranges.
pub struct NewPosition<'a> {
    pub stance: &'a str,
    pub summary: &'a str,
    pub session: Option<&'a session::Model>,
    pub person: Option<&'a person::Model>,
    pub group: Option<&'a str>,
    pub region: Option<&'a str>,
    pub mode: Option<position::ParticipationMode>,
    pub published: bool,
}

impl Default for NewPosition<'_> {
    fn default() -> Self {
        Self {
            stance: "complementary",
            summary: "The two tracks complement each other.",
            session: None,
            person: None,
            group: None,
            region: None,
            mode: None,
            published: true,
        }
    }
}
