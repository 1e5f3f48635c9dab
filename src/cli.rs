//! The command line: one `Command` enum, one small `run_*` per subcommand.

use std::{
    io::{BufRead, IsTerminal},
    path::PathBuf,
    time::Duration,
};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use entity::user::UserRole;
use sea_orm::ActiveEnum;

use crate::{
    auth::jwt::Keys,
    config::{AuthConfig, Config, DbConfig},
    service::{self, audit::Actor},
    state::AppState,
};

/// GraphQL API for stakeholder perspectives on enhanced cooperation in
/// Internet governance.
#[derive(Debug, Parser)]
#[command(name = "igf-perspectives", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per process: the size of `Serve`'s settings costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, load the founding proposal into an empty one,
    /// and serve GraphQL at /graphql.
    Serve(Config),
    /// Apply pending migrations and exit.
    Migrate(DbConfig),
    /// Print the GraphQL schema (SDL), or write it to a file.
    Schema {
        /// Write here instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Import session proposals as IGF publishes them: files, folders
    /// (every `.txt`, `.html` and `.htm` in them) or `-` for standard input. Each proposal is
    /// one transaction; importing it again updates its session in place.
    Import {
        #[command(flatten)]
        db: DbConfig,
        /// Event code, such as `igf-2025`; an IGF annual meeting that is not
        /// stored yet is created.
        #[arg(long)]
        event: String,
        /// Refuse proposals whose regions or groups map to nothing.
        #[arg(long)]
        strict: bool,
        /// Show what would change, and write nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Import a session's captioning transcript (text, or an HTML page as
    /// saved from the site) as its interventions, matched to the session's
    /// roles. Importing it again updates them in place.
    Transcript {
        #[command(flatten)]
        db: DbConfig,
        /// Event code, such as `igf-2024`.
        #[arg(long)]
        event: String,
        /// Session code in that event, such as "WS #206"; its proposal
        /// must be imported first.
        #[arg(long)]
        session: String,
        /// Show what would change, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The transcript file, or `-` for standard input.
        file: PathBuf,
    },
    /// Print a session's report as Markdown (the same as the
    /// `sessionReport` query).
    Report {
        #[command(flatten)]
        db: DbConfig,
        /// Event code, such as `igf-2025`.
        #[arg(long)]
        event: String,
        /// Session code as published, such as "WS #461".
        #[arg(long)]
        code: String,
        /// Write the report to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Mint a token for automation, signed with the server's key.
    Token {
        #[command(flatten)]
        db: DbConfig,
        #[command(flatten)]
        auth: AuthConfig,
        /// The account: its email or id.
        #[arg(long)]
        sub: String,
        /// The account's role, as a check: it must be the stored one.
        #[arg(long, value_parser = parse_role)]
        role: UserRole,
        /// How long the token stays valid, such as `1h` or `30d`.
        #[arg(long, default_value = "1h", value_parser = humantime::parse_duration)]
        ttl: Duration,
    },
    /// Fill a fresh database with deterministic, fictional events,
    /// sessions, people, positions and transcripts (for demonstrations and
    /// benchmarks).
    /// Refuses a database that holds real sessions, people or positions, or
    /// demo data already.
    DemoData {
        #[command(flatten)]
        db: DbConfig,
        #[command(flatten)]
        options: DemoOptions,
    },
}

/// How much demo data to make; the same values give the same data.
#[derive(Debug, Clone, clap::Args)]
pub struct DemoOptions {
    /// Sessions, spread over IGF annual meetings and NRI events.
    #[arg(long, default_value_t = 2_000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub sessions: u32,
    /// People, about six of whom speak in each session.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(crate::demo::MIN_PEOPLE as i64..=500_000))]
    pub people: u32,
    /// Positions on enhanced cooperation, about 95 % of them published.
    #[arg(long, default_value_t = 200_000, value_parser = clap::value_parser!(u32).range(0..=20_000_000))]
    pub positions: u32,
    /// Interventions, spread evenly over the sessions' transcripts.
    #[arg(long, default_value_t = 40_000, value_parser = clap::value_parser!(u32).range(0..=20_000_000))]
    pub interventions: u32,
    /// Seed of the generator.
    #[arg(long, default_value_t = crate::demo::DEFAULT_SEED)]
    pub seed: u64,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account. The password is read from standard input when it is
    /// not a terminal (one line), otherwise asked for twice; never a flag.
    Add {
        #[command(flatten)]
        db: DbConfig,
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = parse_role)]
        role: UserRole,
    },
}

fn parse_role(s: &str) -> Result<UserRole, String> {
    match s {
        "admin" => Ok(UserRole::Admin),
        "organizer" => Ok(UserRole::Organizer),
        "analyst" => Ok(UserRole::Analyst),
        _ => Err(format!(
            "unknown role `{s}`; use admin, organizer or analyst"
        )),
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(config) => run_serve(config).await,
        Command::Migrate(db) => run_migrate(db).await,
        Command::Schema { output } => run_schema(output),
        Command::User(UserCommand::Add { db, email, role }) => run_user_add(db, email, role).await,
        Command::Import {
            db,
            event,
            strict,
            dry_run,
            paths,
        } => {
            crate::import::cli::run(db, event, crate::import::Options { dry_run, strict }, paths)
                .await
        }
        Command::Report {
            db,
            event,
            code,
            output,
        } => run_report(db, event, code, output).await,
        Command::Transcript {
            db,
            event,
            session,
            dry_run,
            file,
        } => crate::import::transcript_cli::run(db, &event, &session, dry_run, &file).await,
        Command::Token {
            db,
            auth,
            sub,
            role,
            ttl,
        } => run_token(db, auth, sub, role, ttl).await,
        Command::DemoData { db, options } => run_demo_data(db, options).await,
    }
}

async fn run_serve(config: Config) -> anyhow::Result<()> {
    let bind = config.bind;
    crate::http::graphiql::Assets::from_setting(&config.graphiql_assets)
        .check()
        .map_err(anyhow::Error::msg)?;
    let state = AppState::open(config).await?;
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    // The address bound, so that `--bind 127.0.0.1:0` says its port.
    let addr = listener.local_addr().unwrap_or(bind);
    tracing::info!(addr = %addr, "serving GraphQL at http://{addr}/graphql");
    crate::http::run(listener, state, crate::http::shutdown_signal()).await
}

/// Opens the database as `serve` does (migrating it, and loading the
/// founding proposal into an empty one), so a fresh checkout can report on
/// WS #461 straight away.
async fn run_report(
    db: DbConfig,
    event: String,
    code: String,
    output: Option<PathBuf>,
) -> anyhow::Result<()> {
    let mut config = Config::for_database(db.database_url);
    // A report signs and verifies no token: a throwaway random key spares
    // it the signing key PostgreSQL would otherwise require.
    config.auth.jwt_secret = Some(crate::auth::key_file::random_secret()?);
    let state = AppState::open(config).await?;
    let report = service::report::session_report(
        &state.db,
        &state.reference(),
        service::report::Reader {
            viewer: &crate::auth::Viewer::Anonymous,
            gender_min_count: state.config.gender_min_count,
            onsite_rule: state.config.onsite_rule(),
        },
        &event,
        &code,
    )
    .await?;
    match output {
        Some(path) => std::fs::write(&path, report)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => print!("{report}"),
    }
    Ok(())
}

async fn run_migrate(db: DbConfig) -> anyhow::Result<()> {
    let conn = crate::db::connect(&db.database_url).await?;
    crate::db::migrate(&conn).await?;
    tracing::info!(database = %crate::db::redact(&db.database_url), "migrations applied");
    Ok(())
}

/// The password for a new account: one line of standard input, or asked
/// for twice at a terminal without echo.
fn read_password() -> anyhow::Result<String> {
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = rpassword::prompt_password("Password: ")?;
    let again = rpassword::prompt_password("Password again: ")?;
    if first != again {
        bail!("the two passwords differ");
    }
    Ok(first)
}

async fn run_user_add(db: DbConfig, email: String, role: UserRole) -> anyhow::Result<()> {
    let password = read_password()?;
    let conn = crate::db::connect(&db.database_url).await?;
    crate::db::migrate(&conn).await?;
    let actor = Actor {
        user_id: None,
        label: "cli".into(),
    };
    let new = service::user::NewUser {
        email,
        password,
        role,
    };
    let user = service::user::create_account(&conn, &actor, new).await?;
    println!(
        "added {} ({}), id {}",
        user.email,
        user.role.to_value(),
        user.id
    );
    Ok(())
}

async fn run_token(
    db: DbConfig,
    auth: AuthConfig,
    sub: String,
    role: UserRole,
    ttl: Duration,
) -> anyhow::Result<()> {
    // The server's own key: on SQLite with none configured, the key file
    // beside the database, so the server verifies what this signs.
    let keys = Keys::from_config(&auth, &db.database_url)?;
    let conn = crate::db::connect(&db.database_url).await?;
    let user = match sub.parse::<i64>() {
        Ok(id) => service::write::find::<entity::user::Entity>(&conn, id)
            .await
            .ok(),
        Err(_) => service::user::by_email(&conn, &sub).await?,
    };
    let Some(user) = user else {
        bail!("no account {sub}")
    };
    if user.disabled {
        bail!("account {} is disabled", user.email);
    }
    if user.role != role {
        bail!(
            "account {} has role {}, not {}",
            user.email,
            user.role.to_value(),
            role.to_value()
        );
    }
    let (token, _) = keys.issue(
        &user.id.to_string(),
        &role.to_value(),
        user.token_generation,
        ttl.as_secs(),
    )?;
    println!("{token}");
    Ok(())
}

async fn run_demo_data(db: DbConfig, options: DemoOptions) -> anyhow::Result<()> {
    let conn = crate::db::connect(&db.database_url).await?;
    // Migrated, but not seeded with the founding proposal: a database
    // holding demo data has sessions, so `serve` never seeds it later.
    crate::db::migrate(&conn).await?;
    let options = crate::demo::Options {
        sessions: options.sessions,
        people: options.people,
        positions: options.positions,
        interventions: options.interventions,
        seed: options.seed,
    };
    let started = std::time::Instant::now();
    let summary = crate::demo::generate(&conn, options, &mut |step| {
        eprintln!("{:>6.1} s  {step}", started.elapsed().as_secs_f64());
    })
    .await?;
    println!("{summary}");
    Ok(())
}

fn run_schema(output: Option<PathBuf>) -> anyhow::Result<()> {
    let sdl = crate::sdl();
    match output {
        Some(path) => {
            std::fs::write(&path, sdl).with_context(|| format!("writing {}", path.display()))
        }
        None => {
            print!("{sdl}");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn verify_cli() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
