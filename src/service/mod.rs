//! Domain operations that both the GraphQL API and the command line call:
//! plain async functions over a connection or transaction, no traits.

pub mod audit;
pub mod balance;
pub mod document;
pub mod event;
pub mod export;
pub mod page;
pub mod paragraph;
pub mod person;
pub mod position;
pub mod reference;
pub mod report;
pub mod review;
pub mod search;
pub mod session;
pub mod stance;
pub mod stats;
pub mod topic;
pub mod user;
pub mod validate;
pub mod write;
