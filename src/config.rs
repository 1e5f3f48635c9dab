//! Configuration: one clap struct, flags with environment fallbacks. The
//! `///` on each field is what `--help` prints and what the README's table says.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use jsonwebtoken::Algorithm;

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

/// Signing in: the server's own signing key, trusted external issuers,
/// token lifetime and sign-in rate limits.
#[derive(Debug, Clone, clap::Args)]
pub struct AuthConfig {
    /// HS256 signing secret: at least 32 bytes, random (`openssl rand
    /// -base64 48`), the same on every instance. Required on PostgreSQL
    /// unless a key pair signs; on SQLite, without it, a key is generated
    /// into `<database file>.jwt-key`. Prefer the environment variable to
    /// the flag, which other users of the machine can see.
    #[arg(long, env = "JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,

    /// PEM private key to sign with instead of `JWT_SECRET` (ES256 or EdDSA).
    #[arg(long, env = "JWT_PRIVATE_KEY_FILE")]
    pub jwt_private_key_file: Option<PathBuf>,

    /// PEM public key that verifies what the private key signs.
    #[arg(long, env = "JWT_PUBLIC_KEY_FILE")]
    pub jwt_public_key_file: Option<PathBuf>,

    /// Algorithm of the private key: ES256 or EdDSA (HS256 with a secret).
    #[arg(long, env = "JWT_ALGORITHM", default_value = "HS256", value_parser = parse_algorithm)]
    pub jwt_algorithm: Algorithm,

    /// `kid` written in the header of the tokens this server signs.
    #[arg(long, env = "JWT_KEY_ID")]
    pub jwt_key_id: Option<String>,

    /// `iss` of the tokens this server signs, and required of them.
    #[arg(long, env = "JWT_ISSUER", default_value = "igf-perspectives")]
    pub jwt_issuer: String,

    /// `aud` of the tokens this server signs, and required of them.
    #[arg(long, env = "JWT_AUDIENCE", default_value = "igf-perspectives")]
    pub jwt_audience: String,

    /// JSON list of external issuers whose public keys (JWKS) verify tokens:
    /// `[{"issuer": "…", "audience": ["…"], "jwks": {"keys": […]}}]`.
    #[arg(long, env = "JWT_TRUSTED_ISSUERS_FILE")]
    pub jwt_trusted_issuers_file: Option<PathBuf>,

    /// How long a token from `login` stays valid, such as `8h` or `30m`.
    #[arg(long, env = "TOKEN_TTL", default_value = "8h", value_parser = humantime::parse_duration)]
    pub token_ttl: Duration,

    /// Sign-in attempts allowed per minute for one email from one client
    /// address; past as many for one email from anywhere, attempts for it
    /// are slowed down (by up to 2 seconds), never refused.
    #[arg(long, env = "LOGIN_ATTEMPTS_PER_MINUTE", default_value_t = 10)]
    pub login_attempts_per_minute: u32,

    /// Sign-in attempts allowed per minute from one client address,
    /// whatever the emails.
    #[arg(
        long,
        env = "LOGIN_ATTEMPTS_PER_MINUTE_PER_CLIENT",
        default_value_t = 30
    )]
    pub login_attempts_per_minute_per_client: u32,
}

fn parse_algorithm(s: &str) -> Result<Algorithm, String> {
    s.parse()
        .map_err(|_| format!("unknown JWT algorithm `{s}`; use HS256, ES256, EdDSA or RS256"))
}

#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    #[command(flatten)]
    pub db: DbConfig,

    #[command(flatten)]
    pub auth: AuthConfig,

    /// Address and port the HTTP server listens on.
    #[arg(long, env = "BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Origins allowed by CORS, comma-separated, or `*` for any origin.
    /// Tokens travel in the `Authorization` header, never in cookies.
    #[arg(long, env = "CORS_ORIGINS", default_value = "*", value_delimiter = ',')]
    pub cors_origins: Vec<String>,

    /// Request headers browsers may send cross-origin, comma-separated:
    /// `content-type` and `authorization` are always allowed; the default
    /// adds the tracing and client-identification headers front ends send
    /// (W3C Trace Context, baggage, Sentry, request ids, Apollo's client
    /// name and version).
    #[arg(
        long,
        env = "CORS_HEADERS",
        default_value = "traceparent,tracestate,baggage,sentry-trace,x-request-id,apollographql-client-name,apollographql-client-version",
        value_delimiter = ','
    )]
    pub cors_headers: Vec<String>,

    /// Where GraphiQL's files (pinned versions of GraphiQL and React,
    /// checked by their integrity hashes) come from: a base URL (a CDN or a
    /// self-hosted mirror with the npm `name@version/…` layout), or a
    /// folder this server serves, for offline and intranet use (fill it
    /// with `tools/graphiql/fetch-assets.sh FOLDER`).
    #[arg(long, env = "GRAPHIQL_ASSETS", default_value = "https://unpkg.com")]
    pub graphiql_assets: String,

    /// Networks of reverse proxies, comma-separated (`10.0.0.0/8,::1`):
    /// from these only, the client's address is read from `Forwarded` or
    /// `X-Forwarded-For`, for per-client limits. Empty (the default): the
    /// connection's own address, whatever the headers say.
    #[arg(long, env = "TRUSTED_PROXIES", value_delimiter = ',', value_parser = crate::auth::client::parse_network)]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// The header the trusted proxies write the client's address in:
    /// `x-forwarded-for` or `forwarded` (RFC 7239). Only that one is read.
    #[arg(
        long,
        env = "TRUSTED_PROXY_HEADER",
        value_enum,
        default_value = "x-forwarded-for"
    )]
    pub trusted_proxy_header: crate::auth::client::ForwardedHeader,

    /// Seconds a client may take to send a request's headers; slower ones
    /// are disconnected.
    #[arg(long, env = "HEADER_READ_TIMEOUT_SECS", default_value_t = 10)]
    pub header_read_timeout_secs: u64,

    /// Most connections one client address may hold open; more are closed
    /// as soon as they are accepted. Trusted proxies are exempt.
    #[arg(long, env = "MAX_CONNECTIONS_PER_CLIENT", default_value_t = 64)]
    pub max_connections_per_client: usize,

    /// Panel balance shows those who may not read genders a declared
    /// gender only where at least this many people declared it; smaller
    /// counts are merged into "other or undisclosed".
    #[arg(long, env = "GENDER_MIN_COUNT", default_value_t = 3)]
    pub gender_min_count: usize,

    /// The onsite rule of panel balance and the session report: a
    /// moderator must be onsite, as IGF's session guidelines ask.
    #[arg(long, env = "ONSITE_MODERATOR", default_value_t = true, action = clap::ArgAction::Set)]
    pub onsite_moderator: bool,

    /// The onsite rule: at least this many speakers onsite (IGF asks for
    /// two).
    #[arg(long, env = "ONSITE_MIN_SPEAKERS", default_value_t = 2)]
    pub onsite_min_speakers: u32,

    /// Largest request body accepted, in bytes (larger: HTTP 413).
    #[arg(long, env = "MAX_BODY_BYTES", default_value_t = 1 << 20)]
    pub max_body_bytes: usize,

    /// Seconds a request may take before it is answered with HTTP 408.
    #[arg(long, env = "REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,

    /// Seconds browsers and shared caches may keep the answer to a query
    /// sent with GET and no token (`Cache-Control: public, max-age=…`).
    #[arg(long, env = "CACHE_MAX_AGE_SECS", default_value_t = 60)]
    pub cache_max_age_secs: u64,

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

    /// Most fields one query document may write, every repetition of a
    /// field counted (checked before anything else, in time linear in the
    /// document's length).
    #[arg(long, env = "MAX_QUERY_FIELDS", default_value_t = 1_000)]
    pub max_query_fields: usize,

    /// Most fragment spreads (`...Name`) one query document may write.
    #[arg(long, env = "MAX_QUERY_FRAGMENT_SPREADS", default_value_t = 200)]
    pub max_query_fragment_spreads: usize,

    /// Most fields a query may select once every fragment spread is
    /// expanded in place (fragments that spread each other multiply).
    #[arg(long, env = "MAX_QUERY_SELECTIONS", default_value_t = 5_000)]
    pub max_query_selections: usize,

    /// Most directives one field may carry.
    #[arg(long, env = "MAX_QUERY_DIRECTIVES", default_value_t = 10)]
    pub max_query_directives: usize,

    /// Milliseconds a data loader gathers the keys of sibling fields before
    /// it runs one statement for all of them. A page whose fields take
    /// longer than this to ask (a busy machine, a debug build) is loaded in
    /// two statements or more; a longer wait costs as much latency per
    /// level of nesting.
    #[arg(long, env = "LOADER_DELAY_MS", default_value_t = 1)]
    pub loader_delay_ms: u64,

    /// Most exports that may stream at once; never more than half the
    /// database pool, which keeps the rest for ordinary requests.
    #[arg(long, env = "MAX_EXPORTS", default_value_t = 4)]
    pub max_exports: usize,

    /// Most exports one account may stream at once.
    #[arg(long, env = "MAX_EXPORTS_PER_ACCOUNT", default_value_t = 2)]
    pub max_exports_per_account: usize,

    /// Seconds an export waits for a client that reads nothing before it
    /// drops the client and frees its database connection.
    #[arg(long, env = "EXPORT_WRITE_TIMEOUT_SECS", default_value_t = 30)]
    pub export_write_timeout_secs: u64,

    /// Most operations one batched POST may carry.
    #[arg(long, env = "MAX_BATCH_SIZE", default_value_t = 10)]
    pub max_batch_size: usize,

    /// On a database with no session, load the IGF 2025 WS #461 proposal
    /// that is compiled into the binary.
    #[arg(long, env = "SEED_FIXTURE", default_value_t = true, action = clap::ArgAction::Set)]
    pub seed_fixture: bool,
}

impl Config {
    /// The onsite rule these settings give.
    pub fn onsite_rule(&self) -> crate::service::balance::onsite::OnsiteRule {
        crate::service::balance::onsite::OnsiteRule {
            moderator: self.onsite_moderator,
            min_speakers: self.onsite_min_speakers,
        }
    }

    /// The defaults, as `serve` with no flags and no environment would use
    /// (the environment is ignored), on the given database.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        use clap::{Args, FromArgMatches};
        let command = Config::augment_args(clap::Command::new("igf-perspectives"))
            .mut_args(|a| a.env(None::<&str>));
        let matches = command.get_matches_from(["igf-perspectives"]);
        let mut config = Config::from_arg_matches(&matches).expect("defaults parse");
        config.db.database_url = database_url.into();
        config
    }
}
