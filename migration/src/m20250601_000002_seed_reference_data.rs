//! Reference data every database has: the UN regional groups and the
//! stakeholder groups IGF forms use, the `enhanced-cooperation` topic with the
//! camps the WS #461 proposal names, and the paragraphs the debate cites.
//! Written with sea-query rather than `entity`, because an applied migration
//! must not change when the entities do.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const REGIONS: &[(&str, &str)] = &[
    ("african", "African Group"),
    ("asia-pacific", "Asia-Pacific Group"),
    ("eastern-european", "Eastern European Group"),
    ("grulac", "Latin American and Caribbean Group (GRULAC)"),
    ("weog", "Western European and Others Group (WEOG)"),
    (
        "intergovernmental-organization",
        "Intergovernmental Organization",
    ),
];

const STAKEHOLDER_GROUPS: &[(&str, &str)] = &[
    ("government", "Government"),
    ("civil-society", "Civil Society"),
    ("technical-community", "Technical Community"),
    ("private-sector", "Private Sector"),
    (
        "intergovernmental-organization",
        "Intergovernmental Organization",
    ),
];

/// The camps named in the WS #461 description and policy questions.
const STANCES: &[(&str, &str, &str)] = &[
    (
        "ongoing-commitment",
        "Ongoing commitment",
        "Enhanced cooperation is an ongoing, standing commitment of the Tunis Agenda that remains to be fulfilled.",
    ),
    (
        "concluded",
        "Concluded; shift to multistakeholder dialogue",
        "Enhanced cooperation is concluded or no longer applicable; the focus should shift to multistakeholder policy dialogue such as the IGF.",
    ),
    (
        "existing-mechanisms",
        "Through existing mechanisms",
        "Enhanced cooperation happens through the existing mechanisms of intergovernmental and Internet governance organizations rather than a new process.",
    ),
    (
        "new-mechanism",
        "New dedicated mechanism",
        "A new, dedicated mechanism for enhanced cooperation is needed.",
    ),
    (
        "complementary",
        "IGF and EC complement each other",
        "The IGF and enhanced cooperation co-exist and complement each other.",
    ),
    (
        "undecided",
        "Undecided or mixed",
        "Undecided, or a mix of the views above.",
    ),
];

/// Tunis Agenda ¶69 as the WS #461 proposal quotes it.
const TUNIS_69: &str = "We further recognize the need for enhanced cooperation in the future, to enable governments, on an equal footing, to carry out their roles and responsibilities, in international public policy issues pertaining to the Internet, but not in the day-to-day technical and operational matters, that do not impact on international public policy issues.";

/// The part of GDC ¶27 the WS #461 proposal quotes.
const GDC_27: &str = "Internet governance should continue to follow the provisions set forth in the outcomes of the summits held in Geneva and Tunis, including in relation to enhanced cooperation.";

async fn insert(m: &SchemaManager<'_>, stmt: InsertStatement) -> Result<(), DbErr> {
    m.exec_stmt(stmt).await
}

async fn id_of(m: &SchemaManager<'_>, table: &'static str, code: &str) -> Result<i64, DbErr> {
    let stmt = Query::select()
        .column("id")
        .from(table)
        .and_where(Expr::col("code").eq(code))
        .take();
    let row = m
        .get_connection()
        .query_one(&stmt)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("{table} {code}")))?;
    row.try_get("", "id")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, rows) in [
            ("region", REGIONS),
            ("stakeholder_group", STAKEHOLDER_GROUPS),
        ] {
            let mut stmt = Query::insert();
            stmt.into_table(table).columns(["code", "name"]);
            for (code, name) in rows {
                stmt.values_panic([(*code).into(), (*name).into()]);
            }
            insert(m, stmt).await?;
        }

        insert(
            m,
            Query::insert()
                .into_table("topic")
                .columns(["code", "name", "description"])
                .values_panic([
                    "enhanced-cooperation".into(),
                    "Enhanced cooperation".into(),
                    "Enhanced cooperation as a follow-up track of the Tunis Agenda (paragraphs 69-71), beside the IGF.".into(),
                ])
                .take(),
        )
        .await?;
        let topic = id_of(m, "topic", "enhanced-cooperation").await?;
        let mut stmt = Query::insert();
        stmt.into_table("stance")
            .columns(["topic_id", "code", "name", "description", "position"]);
        for (i, (code, name, description)) in STANCES.iter().enumerate() {
            stmt.values_panic([
                topic.into(),
                (*code).into(),
                (*name).into(),
                (*description).into(),
                (i as i32 + 1).into(),
            ]);
        }
        insert(m, stmt).await?;

        let documents: [(&str, &str, i32, &[(i32, Option<&str>)]); 2] = [
            (
                "tunis-agenda",
                "Tunis Agenda for the Information Society",
                2005,
                &[(69, Some(TUNIS_69)), (70, None), (71, None)],
            ),
            (
                "global-digital-compact",
                "Global Digital Compact",
                2024,
                &[(27, Some(GDC_27))],
            ),
        ];
        for (code, title, year, paragraphs) in documents {
            insert(
                m,
                Query::insert()
                    .into_table("document")
                    .columns(["code", "title", "year"])
                    .values_panic([code.into(), title.into(), year.into()])
                    .take(),
            )
            .await?;
            let document = id_of(m, "document", code).await?;
            let mut stmt = Query::insert();
            stmt.into_table("paragraph")
                .columns(["document_id", "number", "text"]);
            for (number, text) in paragraphs {
                stmt.values_panic([
                    document.into(),
                    (*number).into(),
                    text.map(str::to_owned).into(),
                ]);
            }
            insert(m, stmt).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "paragraph",
            "document",
            "stance",
            "topic",
            "stakeholder_group",
            "region",
        ] {
            m.exec_stmt(Query::delete().from_table(table).take())
                .await?;
        }
        Ok(())
    }
}
