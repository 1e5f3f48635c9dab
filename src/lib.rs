//! igf-perspectives: a GraphQL API for stakeholder perspectives on enhanced
//! cooperation in Internet governance (see DESIGN.md).

/// Who is asking: tokens, passwords, the viewer and what it may do.
pub mod auth;
/// Command line: subcommands and their `run_*` functions.
pub mod cli;
/// Configuration from flags and environment.
pub mod config;
/// Connecting to SQLite or PostgreSQL and migrating.
pub mod db;
/// Deterministic, fictional demo data written in bulk (`demo-data`).
pub mod demo;
/// The error type and the one place that picks `extensions.code`.
pub mod error;
/// The GraphQL schema: types, root fields, loaders, limits.
pub mod graphql;
/// The HTTP layer: routes, middleware, graceful shutdown.
pub mod http;
/// Session proposals: parser and storage.
pub mod import;
/// Domain operations shared by the API and the command line.
pub mod service;
/// The state handed to the schema and the router.
pub mod state;
/// Logging setup.
pub mod telemetry;
/// Timestamps: microsecond precision, one output form.
pub mod timestamp;

pub use graphql::{Schemas, sdl};
pub use http::app;
