//! Who is acting: a signed-in account with an organizer's assignments, or
//! the public, and what that viewer may change. Every service takes the
//! acting viewer; `crate::auth` resolves it from a request's token.

use entity::{session, user::UserRole};

use super::audit::Actor;
use crate::error::{AppError, AppResult};

/// A signed-in user as stored now, with an organizer's assignments.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub id: i64,
    pub email: String,
    pub role: UserRole,
    /// Events whose every session the organizer may edit.
    pub event_ids: Vec<i64>,
    /// Single sessions the organizer may edit.
    pub session_ids: Vec<i64>,
}

#[derive(Debug, Clone)]
pub enum Viewer {
    Anonymous,
    User(SignedIn),
}

impl Viewer {
    pub fn user(&self) -> Option<&SignedIn> {
        match self {
            Viewer::User(u) => Some(u),
            Viewer::Anonymous => None,
        }
    }

    pub fn is_admin(&self) -> bool {
        self.user().is_some_and(|u| u.role == UserRole::Admin)
    }

    /// The signed-in user, or `UNAUTHENTICATED`.
    pub fn require_user(&self) -> AppResult<&SignedIn> {
        self.user().ok_or_else(|| {
            AppError::Unauthenticated(
                "sign in first: send `Authorization: Bearer <token>` with a token from `login`"
                    .into(),
            )
        })
    }

    /// An admin, or `FORBIDDEN` (`UNAUTHENTICATED` without a token).
    pub fn require_admin(&self) -> AppResult<&SignedIn> {
        let user = self.require_user()?;
        if user.role != UserRole::Admin {
            return Err(AppError::forbidden("only admins may do this"));
        }
        Ok(user)
    }

    /// An admin or an organizer (who still has to be in scope).
    pub fn require_editor(&self) -> AppResult<&SignedIn> {
        let user = self.require_user()?;
        if user.role == UserRole::Analyst {
            return Err(AppError::forbidden(
                "analysts read; only organizers and admins change the record",
            ));
        }
        Ok(user)
    }

    /// Whether the viewer may change things in this event.
    pub fn may_edit_event(&self, event_id: i64) -> bool {
        match self.user() {
            Some(u) if u.role == UserRole::Admin => true,
            Some(u) if u.role == UserRole::Organizer => u.event_ids.contains(&event_id),
            _ => false,
        }
    }

    /// Whether the viewer may change this session and what hangs off it.
    pub fn may_edit_session(&self, session: &session::Model) -> bool {
        self.may_edit_event(session.event_id)
            || self.user().is_some_and(|u| {
                u.role == UserRole::Organizer && u.session_ids.contains(&session.id)
            })
    }

    /// Whether the viewer may change any of these `(session id, event id)`.
    pub fn may_edit_any(&self, sessions: &[(i64, i64)]) -> bool {
        sessions.iter().any(|&(session_id, event_id)| {
            self.may_edit_event(event_id)
                || self.user().is_some_and(|u| {
                    u.role == UserRole::Organizer && u.session_ids.contains(&session_id)
                })
        })
    }

    /// `FORBIDDEN` unless the viewer may change this session.
    pub fn check_session(&self, session: &session::Model) -> AppResult<()> {
        self.require_editor()?;
        if self.may_edit_session(session) {
            Ok(())
        } else {
            Err(AppError::forbidden(format!(
                "you are not an organizer of session {}",
                session.code
            )))
        }
    }

    /// `FORBIDDEN` unless the viewer may change this event.
    pub fn check_event(&self, event_id: i64) -> AppResult<()> {
        self.require_editor()?;
        if self.may_edit_event(event_id) {
            Ok(())
        } else {
            Err(AppError::forbidden(
                "you are not an organizer of this event",
            ))
        }
    }

    /// Who the audit trail names for this viewer's changes.
    pub fn actor(&self) -> Actor {
        match self.user() {
            Some(u) => Actor {
                user_id: Some(u.id),
                label: u.email.clone(),
            },
            None => Actor {
                user_id: None,
                label: "anonymous".into(),
            },
        }
    }
}
