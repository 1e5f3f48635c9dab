//! The `igf-perspectives` binary: the command line of `cli.rs`.

use clap::Parser;
use igf_perspectives::{cli, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = cli::Cli::parse();
    telemetry::init();
    cli::run(cli).await
}
