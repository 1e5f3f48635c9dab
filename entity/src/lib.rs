//! sea-orm entities of igf-perspectives: one module per table, with their
//! relations and the enums stored in them. Nothing else lives here.

pub mod prelude;

/// The form of a text that case-insensitive search compares: lower case in
/// every script (SQLite's `LOWER` folds ASCII letters only).
pub fn fold(text: &str) -> String {
    text.to_lowercase()
}

pub mod audit_entry;
pub mod document;
pub mod event;
pub mod paragraph;
pub mod person;
pub mod policy_question;
pub mod position;
pub mod position_paragraph;
pub mod region;
pub mod session;
pub mod session_paragraph;
pub mod session_role;
pub mod stakeholder_group;
pub mod stance;
pub mod topic;
pub mod user;
pub mod user_assignment;
