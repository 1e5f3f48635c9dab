//! Nested fields both ways: session → event, roles, questions, positions,
//! cited paragraphs; person → roles, positions; position → its relations.

mod batches;
mod people;
mod positions;
mod sessions;

use entity::{
    person, policy_question, position, session, session::SessionKind, session_paragraph,
    session_role::RoleKind,
};
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
use serde_json::{Value, json};

use crate::helpers::*;

struct Arranged {
    /// The ids of the paragraphs WS #1 cites.
    paragraphs: Vec<i64>,
}

/// Three sessions of one event, three people with roles, two policy
/// questions, two cited paragraphs, and positions stored interleaved across
/// sessions and people, with a draft among them.
async fn arrange(app: &TestApp) -> Arranged {
    let event = app.event("nri-nested", 2024).await;
    let s1 = app
        .session(
            &event,
            "WS #1",
            "First nested session",
            SessionKind::Workshop,
            None,
        )
        .await;
    let s2 = app
        .session(
            &event,
            "WS #2",
            "Second nested session",
            SessionKind::OpenForum,
            None,
        )
        .await;
    app.session(
        &event,
        "WS #3",
        "Quiet session",
        SessionKind::TownHall,
        None,
    )
    .await;
    let ada = app
        .person("Ada Fictional", Some("civil-society"), Some("weog"))
        .await;
    let bo = app
        .person("Bo Imaginary", Some("government"), Some("african"))
        .await;
    let cyd = app
        .person("Cyd Madeup", Some("technical-community"), Some("grulac"))
        .await;

    add_roles(app, &s1, &s2, [&ada, &bo, &cyd]).await;
    let questions = add_questions(app, &s1).await;
    let paragraphs = cite_paragraphs(app, &s1).await;
    add_positions(app, &s1, &s2, [&ada, &bo], &questions).await;

    Arranged { paragraphs }
}

/// The roles of WS #1 and WS #2.
async fn add_roles(
    app: &TestApp,
    s1: &session::Model,
    s2: &session::Model,
    [ada, bo, cyd]: [&person::Model; 3],
) {
    // Stored out of display order; Ada declares another group for WS #1.
    app.role(
        s1,
        Some(cyd),
        RoleKind::Moderator,
        1,
        "technical-community",
        "grulac",
    )
    .await;
    app.role(s1, Some(bo), RoleKind::Speaker, 2, "government", "african")
        .await;
    app.role(
        s1,
        None,
        RoleKind::Organizer,
        1,
        "civil-society",
        "eastern-european",
    )
    .await;
    app.role(
        s1,
        Some(ada),
        RoleKind::Speaker,
        1,
        "private-sector",
        "asia-pacific",
    )
    .await;
    app.role(s2, Some(ada), RoleKind::Speaker, 1, "civil-society", "weog")
        .await;
}

/// Two policy questions of WS #1, stored in reverse order.
async fn add_questions(app: &TestApp, s1: &session::Model) -> Vec<policy_question::Model> {
    let mut questions = Vec::new();
    for (order, text) in [
        (2, "Second fictional question?"),
        (1, "First fictional question?"),
    ] {
        let q = policy_question::ActiveModel {
            session_id: Set(s1.id),
            position: Set(order),
            text: Set(text.into()),
            version: Set(1),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .unwrap();
        questions.push(q);
    }
    questions
}

/// Two paragraphs WS #1 cites; returns their ids.
async fn cite_paragraphs(app: &TestApp, s1: &session::Model) -> Vec<i64> {
    let reference = app.state.reference();
    let mut paragraphs = Vec::new();
    for (document, number) in [("global-digital-compact", 27), ("tunis-agenda", 70)] {
        let doc = reference
            .documents
            .iter()
            .find(|d| d.code == document)
            .unwrap();
        let paragraph = reference
            .paragraphs
            .iter()
            .find(|p| p.document_id == doc.id && p.number == number)
            .unwrap();
        session_paragraph::ActiveModel {
            session_id: Set(s1.id),
            paragraph_id: Set(paragraph.id),
        }
        .insert(app.db())
        .await
        .unwrap();
        paragraphs.push(paragraph.id);
    }
    paragraphs
}

/// Positions interleaved across sessions and people, with a draft among
/// them.
async fn add_positions(
    app: &TestApp,
    s1: &session::Model,
    s2: &session::Model,
    [ada, bo]: [&person::Model; 2],
    questions: &[policy_question::Model],
) {
    let at = |s: &session::Model, p: Option<&person::Model>, summary: &'static str| {
        (s.clone(), p.cloned(), summary)
    };
    let stored = [
        at(s1, Some(ada), "s1-a"),
        at(s2, Some(bo), "s2-a"),
        at(s1, None, "s1-b"),
        at(s2, Some(ada), "s2-b"),
        at(s1, Some(bo), "s1-c"),
        at(s1, Some(ada), "s1-d"),
        at(s2, None, "s2-c"),
        at(s1, None, "s1-e"),
    ];
    for (i, (session, person, summary)) in stored.iter().enumerate() {
        app.position(NewPosition {
            summary,
            stance: "new-mechanism",
            session: Some(session),
            person: person.as_ref(),
            group: Some("civil-society"),
            region: Some("weog"),
            ..Default::default()
        })
        .await;
        if i == 2 {
            // A draft between published ones, by Ada in WS #1.
            app.position(NewPosition {
                summary: "s1-draft",
                session: Some(s1),
                person: Some(ada),
                published: false,
                ..Default::default()
            })
            .await;
        }
    }
    // s1-a answers the first question, with a group and region written
    // otherwise than their codes.
    let mut s1a = position_by_summary(app, "s1-a").await.into_active_model();
    s1a.policy_question_id = Set(Some(questions[1].id));
    s1a.stakeholder_group_id = Set(Some(app.group_id("government")));
    s1a.stakeholder_group_raw = Set(Some("Government (as written)".into()));
    s1a.region_id = Set(Some(app.region_id("african")));
    s1a.region_raw = Set(Some("Africa (as written)".into()));
    s1a.update(app.db()).await.unwrap();
}

async fn position_by_summary(app: &TestApp, summary: &str) -> position::Model {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    position::Entity::find()
        .filter(position::Column::Summary.eq(summary))
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
}

fn summaries(conn: &Value) -> Vec<&str> {
    conn["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["summary"].as_str().unwrap())
        .collect()
}

const SESSION: &str = r#"query($code: String!) { session(event: "nri-nested", code: $code) {"#;
