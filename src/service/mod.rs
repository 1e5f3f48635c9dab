//! Domain operations that both the GraphQL API and the command line call:
//! plain async functions over a connection or transaction, no traits.

pub mod alias;
pub mod audit;
pub mod balance;
pub mod document;
pub mod event;
pub mod export;
pub mod import;
pub mod login;
pub mod page;
pub mod paragraph;
pub mod password;
pub mod person;
pub mod position;
pub mod reference;
pub mod report;
pub mod review;
pub mod role;
pub mod search;
pub mod session;
pub mod speaking;
pub mod stance;
pub mod stats;
pub mod topic;
pub mod transcript;
pub mod user;
pub mod validate;
pub mod viewer;
pub mod write;

/// The database handle and its error, for the layers above that only pass
/// them through (the per-request loaders).
pub use sea_orm::{DatabaseConnection, DbErr};
