//! `AppState`: the one thing handed to the schema and the router.

use std::sync::{Arc, RwLock};

use sea_orm::DatabaseConnection;

use crate::{
    auth::{client::TrustedProxies, jwt::Keys},
    config::Config,
    service::reference::ReferenceData,
};

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub keys: Arc<Keys>,
    pub login_limits: Arc<crate::service::login::LoginLimits>,
    /// Whose `Forwarded` headers say who the client is.
    pub trusted_proxies: Arc<TrustedProxies>,
    reference: Arc<RwLock<Arc<ReferenceData>>>,
    /// Held while the reference data reloads for a reader that missed a row.
    reference_reload: Arc<tokio::sync::Mutex<()>>,
    /// `positionStats` answers, valid while the counts do not change.
    pub stats_cache: Arc<crate::service::stats::StatsCache>,
    /// How many exports may stream at once.
    pub exports: Arc<crate::service::export::ExportSlots>,
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
            login_limits: Arc::new(crate::service::login::LoginLimits::new(
                config.auth.login_attempts_per_minute_per_client,
                config.auth.login_attempts_per_minute,
            )),
            trusted_proxies: Arc::new(TrustedProxies::new(
                config.trusted_proxies.clone(),
                config.trusted_proxy_header,
            )),
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
