//! The command line: one `Command` enum, one small `run_*` per subcommand.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::{
    config::{Config, DbConfig},
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
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(config) => run_serve(config).await,
        Command::Migrate(db) => run_migrate(db).await,
        Command::Schema { output } => run_schema(output),
    }
}

async fn run_serve(config: Config) -> anyhow::Result<()> {
    let bind = config.bind;
    let state = AppState::open(config).await?;
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    tracing::info!(addr = %bind, "serving GraphQL at http://{bind}/graphql");
    crate::http::run(listener, state, crate::http::shutdown_signal()).await
}

async fn run_migrate(db: DbConfig) -> anyhow::Result<()> {
    let conn = crate::db::connect(&db.database_url).await?;
    crate::db::migrate(&conn).await?;
    tracing::info!(database = %crate::db::redact(&db.database_url), "migrations applied");
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
