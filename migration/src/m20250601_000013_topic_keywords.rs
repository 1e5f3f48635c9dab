//! Topics carry keywords (one per line) that say when an intervention
//! mentions them: for enhanced cooperation, the phrases its debate uses.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// What marks a mention of enhanced cooperation; admins edit the list.
const ENHANCED_COOPERATION: &str =
    "enhanced cooperation\nTunis Agenda\nparagraph 69\nparagraphs 69\nWSIS";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("topic")
                .add_column(text_null("keywords"))
                .take(),
        )
        .await?;
        let seed = Query::update()
            .table("topic")
            .value("keywords", ENHANCED_COOPERATION)
            .and_where(Expr::col("code").eq("enhanced-cooperation"))
            .to_owned();
        m.exec_stmt(seed).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("topic").drop_column("keywords").take())
            .await
    }
}
