//! Configuration: one clap struct, flags with environment fallbacks. The
//! `///` on each field is what `--help` prints and what the README's table says.

use std::net::SocketAddr;

#[derive(Debug, Clone, clap::Args)]
pub struct DbConfig {
    /// Database to use: `sqlite://FILE` (created on first start) or
    /// `postgres://USER@HOST:PORT/DB`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://igf-perspectives.db"
    )]
    pub database_url: String,
}

#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    #[command(flatten)]
    pub db: DbConfig,

    /// Address and port the HTTP server listens on.
    #[arg(long, env = "BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Origins allowed by CORS, comma-separated, or `*` for any origin.
    /// Tokens travel in the `Authorization` header, never in cookies.
    #[arg(long, env = "CORS_ORIGINS", default_value = "*", value_delimiter = ',')]
    pub cors_origins: Vec<String>,

    /// Largest request body accepted, in bytes (larger: HTTP 413).
    #[arg(long, env = "MAX_BODY_BYTES", default_value_t = 1 << 20)]
    pub max_body_bytes: usize,

    /// Seconds a request may take before it is answered with HTTP 408.
    #[arg(long, env = "REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,

    /// Deepest selection nesting a query may have.
    #[arg(long, env = "MAX_QUERY_DEPTH", default_value_t = 12)]
    pub max_query_depth: usize,

    /// Highest cost a query may have; a list field's cost is its page size
    /// (`first`/`last`, default 20) times the cost of what it selects.
    #[arg(long, env = "MAX_QUERY_COMPLEXITY", default_value_t = 25_000)]
    pub max_query_complexity: usize,

    /// Most aliases one query document may use.
    #[arg(long, env = "MAX_QUERY_ALIASES", default_value_t = 30)]
    pub max_query_aliases: usize,

    /// Most operations one batched POST may carry.
    #[arg(long, env = "MAX_BATCH_SIZE", default_value_t = 10)]
    pub max_batch_size: usize,

    /// On a database with no session, load the IGF 2025 WS #461 proposal
    /// that is compiled into the binary.
    #[arg(long, env = "SEED_FIXTURE", default_value_t = true, action = clap::ArgAction::Set)]
    pub seed_fixture: bool,
}

impl Config {
    /// The defaults, as `serve` with no flags and no environment would use.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        use clap::Parser;
        #[derive(clap::Parser)]
        struct Wrapper {
            #[command(flatten)]
            config: Config,
        }
        let mut config = Wrapper::parse_from(["igf-perspectives"]).config;
        config.db.database_url = database_url.into();
        config
    }
}
