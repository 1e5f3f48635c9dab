//! sea-orm entities of igf-perspectives: one module per table, with their
//! relations and the enums stored in them. Nothing else lives here.

pub mod prelude;

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
