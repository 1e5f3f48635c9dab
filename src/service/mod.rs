//! Domain operations that both the GraphQL API and the command line call:
//! plain async functions over a connection or transaction, no traits.

pub mod audit;
pub mod event;
pub mod page;
pub mod person;
pub mod position;
pub mod reference;
pub mod review;
pub mod search;
pub mod session;
pub mod user;
pub mod validate;
pub mod write;
