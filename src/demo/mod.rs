//! `demo-data`: fill a fresh database with deterministic, fictional events,
//! sessions, people and positions, written in bulk, for demonstrations and
//! benchmarks (DESIGN.md: demo and benchmark data use fictional people and
//! sessions only, never the imported real ones).
//!
//! The generated events' codes start with [`EVENT_PREFIX`]. A database
//! holding any other session, or any person or position, is refused, and so
//! is one that already holds demo data: nothing is written then. Everything
//! is written in one transaction with ids assigned here, so rows refer to
//! each other without reading anything back.

mod plan;
mod words;

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, EntityTrait,
    IntoActiveModel, Iterable, PaginatorTrait, QueryFilter, QuerySelect, Statement,
};

use plan::{Catalog, FirstIds, Plan, Ref};
pub use plan::{EVENT_PREFIX, FIRST_YEAR, LAST_YEAR};

use crate::service::{
    audit::{self, Actor},
    reference::ReferenceData,
};

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 461;

/// Fewest people: every panel (up to 13 people) must be distinct.
pub const MIN_PEOPLE: u32 = 16;

/// How much to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub sessions: u32,
    pub people: u32,
    pub positions: u32,
    /// Interventions, spread evenly over the sessions' transcripts.
    pub interventions: u32,
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub events: u64,
    pub sessions: u64,
    pub roles: u64,
    pub policy_questions: u64,
    pub people: u64,
    pub positions: u64,
    /// Of `positions`, the published ones (the rest are drafts).
    pub published: u64,
    pub transcripts: u64,
    pub interventions: u64,
    pub elapsed: Duration,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "demo data: {} events, {} sessions, {} roles, {} policy questions, {} people, \
             {} positions ({} published, {} drafts), {} transcripts with {} interventions \
             in {:.1} s",
            self.events,
            self.sessions,
            self.roles,
            self.policy_questions,
            self.people,
            self.positions,
            self.published,
            self.positions - self.published,
            self.transcripts,
            self.interventions,
            self.elapsed.as_secs_f64()
        )
    }
}

/// Largest number of bind parameters in one statement.
fn bind_limit(backend: DbBackend) -> usize {
    match backend {
        DbBackend::Postgres => 65_535,
        // SQLite's SQLITE_MAX_VARIABLE_NUMBER since 3.32.
        _ => 32_766,
    }
}

/// Positions generated and written per step; progress is reported after each.
const POSITION_STEP: usize = 20_000;

/// Generate demo data into a migrated database, reporting progress through
/// `progress`. Refuses (writing nothing) a database that holds real
/// sessions, people or positions, or demo data already.
pub async fn generate(
    db: &DatabaseConnection,
    options: Options,
    progress: &mut (dyn FnMut(&str) + Send),
) -> anyhow::Result<Summary> {
    let started = Instant::now();
    if options.sessions == 0 {
        bail!("--sessions must be at least 1");
    }
    if options.people < MIN_PEOPLE {
        bail!("--people must be at least {MIN_PEOPLE}, so every panel has distinct members");
    }
    let reference = ReferenceData::load(db)
        .await
        .context("reading reference data")?;
    let catalog = catalog(&reference)?;

    let txn = crate::service::write::begin(db).await?;
    refuse_unless_fresh(&txn).await?;
    let first = reserve_ids(&txn).await?;
    let mut plan = Plan::new(
        options.seed,
        options.sessions as usize,
        options.people as usize,
        catalog,
        first,
    );

    let limit = bind_limit(txn.get_database_backend());
    insert::<entity::event::Entity>(&txn, &plan.events, limit).await?;
    for e in &plan.events {
        audit::record(
            &txn,
            &Actor {
                user_id: None,
                label: "demo-data".into(),
            },
            "create",
            "event",
            e.id,
            None,
            serde_json::to_value(e).ok(),
        )
        .await?;
    }
    progress(&format!("{} events", plan.events.len()));
    insert::<entity::person::Entity>(&txn, &plan.people, limit).await?;
    progress(&format!("{} people", plan.people.len()));
    insert::<entity::session::Entity>(&txn, &plan.sessions, limit).await?;
    insert::<entity::session_role::Entity>(&txn, &plan.roles, limit).await?;
    insert::<entity::policy_question::Entity>(&txn, &plan.questions, limit).await?;
    progress(&format!(
        "{} sessions, {} roles, {} policy questions",
        plan.sessions.len(),
        plan.roles.len(),
        plan.questions.len()
    ));
    let total = options.positions as usize;
    let mut written = 0;
    while written < total {
        let n = POSITION_STEP.min(total - written);
        let rows = plan.positions(n);
        insert::<entity::position::Entity>(&txn, &rows, limit).await?;
        written += n;
        progress(&format!("{written}/{total} positions"));
    }
    let (transcripts, interventions) = write_transcripts(
        &txn,
        &mut plan,
        first,
        options.interventions as usize,
        progress,
    )
    .await?;
    let summary = Summary {
        transcripts,
        interventions,
        events: plan.events.len() as u64,
        sessions: plan.sessions.len() as u64,
        roles: plan.roles.len() as u64,
        policy_questions: plan.questions.len() as u64,
        people: plan.people.len() as u64,
        positions: written as u64,
        published: plan.published,
        elapsed: Duration::ZERO,
    };
    advance_sequences(&txn, first, &summary).await?;
    txn.commit().await.context("committing demo data")?;
    // Fresh statistics, so the planner sees the new sizes at once and does
    // not wait for (a possibly disabled) autovacuum or `PRAGMA optimize`.
    progress("analysing");
    db.execute_unprepared("ANALYZE")
        .await
        .context("analysing the new data")?;
    Ok(Summary {
        elapsed: started.elapsed(),
        ..summary
    })
}

/// Sessions whose transcripts are generated and written per step.
const TRANSCRIPT_STEP: usize = 500;

/// The transcripts and `total` interventions, a few hundred sessions at a
/// time; gives how many of each were written.
async fn write_transcripts(
    txn: &DatabaseTransaction,
    plan: &mut Plan,
    first: FirstIds,
    total: usize,
    progress: &mut (dyn FnMut(&str) + Send),
) -> anyhow::Result<(u64, u64)> {
    let limit = bind_limit(txn.get_database_backend());
    let mut next = plan::NextIds {
        transcript: first.transcript,
        intervention: first.intervention,
    };
    let (mut transcripts, mut interventions) = (0, 0);
    let sessions = plan.sessions.len();
    let mut from = 0;
    while from < sessions && total > 0 {
        let to = (from + TRANSCRIPT_STEP).min(sessions);
        let (t, i) = plan.transcripts(from, to, total, &mut next);
        insert::<entity::transcript::Entity>(txn, &t, limit).await?;
        insert::<entity::intervention::Entity>(txn, &i, limit).await?;
        transcripts += t.len() as u64;
        interventions += i.len() as u64;
        from = to;
        progress(&format!("{interventions}/{total} interventions"));
    }
    Ok((transcripts, interventions))
}

/// The reference rows the generator points at; the migrations seed them.
fn catalog(reference: &ReferenceData) -> anyhow::Result<Catalog> {
    let topic = reference
        .topic_by_code("enhanced-cooperation")
        .context("demo data needs the enhanced-cooperation topic")?;
    let stances: Vec<Ref> = reference
        .stances_of(topic.id)
        .map(|s| Ref {
            id: s.id,
            code: s.code.clone(),
            name: s.name.clone(),
        })
        .collect();
    if stances.is_empty() || reference.regions.is_empty() || reference.stakeholder_groups.is_empty()
    {
        bail!("demo data needs stances, regions and stakeholder groups; run the migrations");
    }
    Ok(Catalog {
        groups: reference
            .stakeholder_groups
            .iter()
            .map(|g| Ref {
                id: g.id,
                code: g.code.clone(),
                name: g.name.clone(),
            })
            .collect(),
        regions: reference
            .regions
            .iter()
            .map(|r| Ref {
                id: r.id,
                code: r.code.clone(),
                name: r.name.clone(),
            })
            .collect(),
        topic_id: topic.id,
        stances,
    })
}

/// Refuse a database that holds real sessions (the benchmark never
/// touches imported ones), people or positions, or demo data already.
async fn refuse_unless_fresh(txn: &DatabaseTransaction) -> anyhow::Result<()> {
    use entity::{event, person, position, session};
    let demo_events = event::Entity::find()
        .filter(event::Column::Code.starts_with(EVENT_PREFIX))
        .select_only()
        .column(event::Column::Id);
    let real = session::Entity::find()
        .filter(
            session::Column::EventId.not_in_subquery(sea_orm::QueryTrait::into_query(demo_events)),
        )
        .find_also_related(event::Entity)
        .one(txn)
        .await?;
    if let Some((session, event)) = real {
        let count = session::Entity::find().count(txn).await?;
        let event = event.map_or_else(String::new, |e| format!("{} ", e.code));
        bail!(
            "refusing to write demo data: the database holds real sessions ({count} in all, \
             such as {event}{}); demo-data fills a fresh database only",
            session.code
        );
    }
    let demo = event::Entity::find()
        .filter(event::Column::Code.starts_with(EVENT_PREFIX))
        .count(txn)
        .await?;
    if demo > 0 {
        bail!(
            "refusing to write demo data: the database already holds demo data ({demo} events \
             whose codes start with `{EVENT_PREFIX}`); use a fresh database"
        );
    }
    let people = person::Entity::find().count(txn).await?;
    let positions = position::Entity::find().count(txn).await?;
    if people > 0 || positions > 0 {
        bail!(
            "refusing to write demo data: the database holds {people} people and {positions} \
             positions; demo-data fills a fresh database only"
        );
    }
    Ok(())
}

/// The tables rows are written to, in the order of [`FirstIds`].
const TABLES: [&str; 8] = [
    "event",
    "session",
    "person",
    "session_role",
    "policy_question",
    "position",
    "transcript",
    "intervention",
];

/// The first free id of each table. On PostgreSQL it is taken from the
/// table's sequence, which [`advance_sequences`] moves past the rows
/// written; on SQLite it follows the largest id (AUTOINCREMENT keeps
/// counting from the largest id written).
async fn reserve_ids(txn: &DatabaseTransaction) -> anyhow::Result<FirstIds> {
    let backend = txn.get_database_backend();
    let mut first = [0i64; 8];
    for (slot, table) in first.iter_mut().zip(TABLES) {
        let sql = match backend {
            DbBackend::Postgres => {
                format!("SELECT nextval(pg_get_serial_sequence('{table}', 'id')) AS v")
            }
            _ => format!("SELECT COALESCE(MAX(id), 0) + 1 AS v FROM \"{table}\""),
        };
        let row = txn
            .query_one_raw(Statement::from_string(backend, sql))
            .await?
            .with_context(|| format!("reading the next id of {table}"))?;
        *slot = row.try_get("", "v")?;
    }
    Ok(FirstIds {
        event: first[0],
        session: first[1],
        person: first[2],
        role: first[3],
        question: first[4],
        position: first[5],
        transcript: first[6],
        intervention: first[7],
    })
}

/// On PostgreSQL, move each sequence past the ids written, so rows created
/// later get fresh ones.
async fn advance_sequences(
    txn: &DatabaseTransaction,
    first: FirstIds,
    written: &Summary,
) -> anyhow::Result<()> {
    if txn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let rows = [
        (first.event, written.events),
        (first.session, written.sessions),
        (first.person, written.people),
        (first.role, written.roles),
        (first.question, written.policy_questions),
        (first.position, written.positions),
        (first.transcript, written.transcripts),
        (first.intervention, written.interventions),
    ];
    for (table, (first, n)) in TABLES.into_iter().zip(rows) {
        if n == 0 {
            continue;
        }
        let last = first + n as i64 - 1;
        txn.execute_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), {last})"),
        ))
        .await?;
    }
    Ok(())
}

/// Multi-row INSERTs of `rows`, as many rows per statement as the bind
/// parameter limit allows. `insert_many` skips `before_save`, so the
/// derived columns (folded titles and names, match keys) are already
/// filled in by the plan.
async fn insert<E>(txn: &DatabaseTransaction, rows: &[E::Model], limit: usize) -> anyhow::Result<()>
where
    E: EntityTrait,
    E::Model: IntoActiveModel<E::ActiveModel> + Clone,
{
    let per_statement = (limit / E::Column::iter().count()).max(1);
    for chunk in rows.chunks(per_statement) {
        E::insert_many(
            chunk
                .iter()
                .cloned()
                .map(|m| sea_orm::ActiveModelTrait::reset_all(m.into_active_model())),
        )
        .exec_without_returning(txn)
        .await
        .with_context(|| format!("writing {}", E::default().table_name()))?;
    }
    Ok(())
}
