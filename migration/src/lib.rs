//! Migrations for igf-perspectives. Applied migrations are frozen: a change
//! to the schema or to the reference data is a new migration.

pub use sea_orm_migration::prelude::*;

mod m20250601_000001_create_tables;
mod m20250601_000002_seed_reference_data;
mod m20250601_000003_organizer_assignments;
mod m20250601_000004_aliases_and_review;
mod m20250601_000005_search;
mod m20250601_000006_position_counts;
mod m20250601_000007_microsecond_timestamps;
mod m20250601_000008_token_generation;
mod m20250601_000009_role_participation;
mod m20250601_000010_session_format_as_written;
mod m20250601_000011_transcripts;
mod m20250601_000012_speaking_time_counts;
mod m20250601_000013_topic_keywords;
mod m20250601_000014_search_interventions;
mod m20250601_000015_list_orders;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20250601_000001_create_tables::Migration),
            Box::new(m20250601_000002_seed_reference_data::Migration),
            Box::new(m20250601_000003_organizer_assignments::Migration),
            Box::new(m20250601_000004_aliases_and_review::Migration),
            Box::new(m20250601_000005_search::Migration),
            Box::new(m20250601_000006_position_counts::Migration),
            Box::new(m20250601_000007_microsecond_timestamps::Migration),
            Box::new(m20250601_000008_token_generation::Migration),
            Box::new(m20250601_000009_role_participation::Migration),
            Box::new(m20250601_000010_session_format_as_written::Migration),
            Box::new(m20250601_000011_transcripts::Migration),
            Box::new(m20250601_000012_speaking_time_counts::Migration),
            Box::new(m20250601_000013_topic_keywords::Migration),
            Box::new(m20250601_000014_search_interventions::Migration),
            Box::new(m20250601_000015_list_orders::Migration),
        ]
    }
}
