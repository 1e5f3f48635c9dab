//! Integration tests: each starts the real server on an ephemeral port with
//! a fresh database and speaks HTTP to it. `TEST_DATABASE_URL=postgres://…`
//! runs the same suite on PostgreSQL; without it, each test gets a
//! temporary SQLite file.

mod helpers;

mod audit;
mod auth;
mod balance;
mod connections;
mod contract;
mod counts;
mod defects;
mod demo;
mod denial;
mod errors;
mod export;
mod export_formulas;
mod export_limits;
mod genders;
mod http;
mod import;
mod logs;
mod mutations;
mod nested;
mod node;
mod nul;
mod pagination;
mod people;
mod positions;
mod reference;
mod report;
mod schema;
mod scope;
mod search;
mod sessions;
mod signing_key;
mod speed;
mod statements;
mod stats;
mod timestamps;
mod transcripts;
mod visibility;
