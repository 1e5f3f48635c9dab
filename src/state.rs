//! `AppState`: the one thing handed to the schema and the router.

use std::{
    num::NonZeroU32,
    sync::{Arc, RwLock},
    time::Duration,
};

use governor::{DefaultKeyedRateLimiter, Quota, clock::Clock};
use sea_orm::DatabaseConnection;

use crate::{auth::jwt::Keys, config::Config, service::reference::ReferenceData};

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub keys: Arc<Keys>,
    pub login_limits: Arc<LoginLimits>,
    reference: Arc<RwLock<Arc<ReferenceData>>>,
    /// Held while the reference data reloads for a reader that missed a row.
    reference_reload: Arc<tokio::sync::Mutex<()>>,
    /// `positionStats` answers, valid while the counts do not change.
    pub stats_cache: Arc<crate::service::stats::StatsCache>,
    /// How many exports may stream at once.
    pub exports: Arc<crate::service::export::ExportSlots>,
}

/// Sign-in attempts per client address and per email address.
pub struct LoginLimits {
    pub by_client: DefaultKeyedRateLimiter<String>,
    pub by_email: DefaultKeyedRateLimiter<String>,
}

/// Keys kept before forgotten ones are swept: an attacker trying random
/// emails must not grow memory without bound.
const SWEEP_ABOVE: usize = 10_000;

impl LoginLimits {
    /// Whether one more attempt from `client` for `email` is allowed: `Err`
    /// holds how long until it would be, by the stricter of the two limits.
    pub fn check(&self, client: &str, email: &str) -> Result<(), Duration> {
        for limiter in [&self.by_client, &self.by_email] {
            if limiter.len() > SWEEP_ABOVE {
                limiter.retain_recent();
            }
        }
        // Both are charged, so neither a spread of emails from one address
        // nor a spread of addresses on one email gets through.
        let by_client = self.by_client.check_key(&client.to_owned());
        let by_email = self.by_email.check_key(&email.to_owned());
        let now = self.by_client.clock().now();
        let wait = [by_client, by_email]
            .into_iter()
            .filter_map(|checked| checked.err())
            .map(|not_until| not_until.wait_time_from(now))
            .max();
        match wait {
            None => Ok(()),
            Some(wait) => Err(wait),
        }
    }

    fn new(per_minute: u32) -> Self {
        let quota = Quota::per_minute(NonZeroU32::new(per_minute.max(1)).expect("at least 1"));
        Self {
            by_client: DefaultKeyedRateLimiter::keyed(quota),
            by_email: DefaultKeyedRateLimiter::keyed(quota),
        }
    }
}

impl AppState {
    /// Wrap a migrated database, loading the reference data into memory.
    pub async fn new(db: DatabaseConnection, config: Config) -> anyhow::Result<Self> {
        let keys = Keys::from_config(&config.auth, &config.db.database_url)?;
        Self::with_keys(db, config, keys).await
    }

    async fn with_keys(db: DatabaseConnection, config: Config, keys: Keys) -> anyhow::Result<Self> {
        let reference = ReferenceData::load(&db).await?;
        let exports = Arc::new(crate::service::export::ExportSlots::new(
            config.max_exports,
            config.max_exports_per_account,
            crate::db::pool_size(&config.db.database_url) as usize,
        ));
        Ok(Self {
            db,
            keys: Arc::new(keys),
            login_limits: Arc::new(LoginLimits::new(config.auth.login_attempts_per_minute)),
            config: Arc::new(config),
            reference: Arc::new(RwLock::new(Arc::new(reference))),
            reference_reload: Arc::default(),
            stats_cache: Default::default(),
            exports,
        })
    }

    /// A snapshot of the reference data; cheap, and consistent for a request.
    pub fn reference(&self) -> Arc<ReferenceData> {
        self.reference
            .read()
            .expect("reference data lock poisoned")
            .clone()
    }

    /// Reload the reference data unless `found` already finds what is
    /// wanted in the current snapshot. Reloads take turns, so many readers
    /// missing the same row at once (a page of them) cause one reload.
    pub async fn reload_reference_unless(
        &self,
        found: impl Fn(&ReferenceData) -> bool,
    ) -> Result<(), sea_orm::DbErr> {
        let _turn = self.reference_reload.lock().await;
        if found(&self.reference()) {
            return Ok(());
        }
        self.reload_reference().await
    }

    /// Reload the reference data after a change to it.
    pub async fn reload_reference(&self) -> Result<(), sea_orm::DbErr> {
        let fresh = Arc::new(ReferenceData::load(&self.db).await?);
        *self
            .reference
            .write()
            .expect("reference data lock poisoned") = fresh;
        Ok(())
    }
}

impl AppState {
    /// Connect, run pending migrations, load the founding proposal into an
    /// empty database (unless configured not to), and load reference data:
    /// everything `serve` needs before it listens.
    pub async fn open(config: Config) -> anyhow::Result<Self> {
        // The key first: a server that must refuse to start does so before
        // it creates or migrates a database.
        let keys = Keys::from_config(&config.auth, &config.db.database_url)?;
        let db = crate::db::connect(&config.db.database_url).await?;
        crate::db::migrate(&db).await?;
        crate::db::optimize(&db).await;
        let state = Self::with_keys(db, config, keys).await?;
        crate::auth::password::warm_up().await;
        if state.config.seed_fixture {
            crate::import::seed_founding_proposal(&state.db, &state.reference()).await?;
        }
        Ok(state)
    }
}
