//! Session roles read across sessions and people: who holds which part in
//! which session. Roles are written with their session (`service::session`).

pub mod load;
