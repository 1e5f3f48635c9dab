//! Who is asking: the viewer of a request, resolved from its bearer token
//! against the stored user (so a disabled account or a changed role takes
//! effect on the next request), and what that viewer may read and change.

pub mod client;
pub mod jwt;
pub mod key_file;
pub mod password;

pub use client::ClientAddr;

use axum::http::{HeaderMap, header};
use entity::{session, user, user::UserRole};
use sea_orm::ActiveEnum;

use crate::{
    error::{AppError, AppResult},
    service::{self, audit::Actor},
    state::AppState,
};

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

/// The viewer of a request: anonymous without an `Authorization` header,
/// the stored user for a valid bearer token, `UNAUTHENTICATED` otherwise.
pub async fn viewer(state: &AppState, headers: &HeaderMap) -> AppResult<Viewer> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(Viewer::Anonymous);
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            AppError::Unauthenticated("the Authorization header must be `Bearer <token>`".into())
        })?;
    let (claims, origin) = state.keys.verify(token)?;
    let gone =
        || AppError::Unauthenticated("the token's account does not exist or is disabled".into());
    let found = match origin {
        jwt::Origin::Own => {
            let id: i64 = claims.sub.parse().map_err(|_| gone())?;
            service::user::by_id(&state.db, id).await?
        }
        // An external identity maps to an account by its email.
        jwt::Origin::External => match &claims.email {
            // Exactly as the claim has it: `by_email` would trim spaces.
            Some(email) if email.trim() == email => {
                service::user::by_email(&state.db, email).await?
            }
            _ => None,
        },
    };
    let user = found.filter(|u| !u.disabled).ok_or_else(gone)?;
    if origin == jwt::Origin::Own && claims.generation.unwrap_or(0) != user.token_generation {
        return Err(AppError::Unauthenticated(
            "the token was revoked (a new password, a disabled account or revokeTokens); sign in again"
                .into(),
        ));
    }
    signed_in(state, user).await.map(Viewer::User)
}

/// A stored user with their assignments.
pub async fn signed_in(state: &AppState, user: user::Model) -> AppResult<SignedIn> {
    let assignments = service::user::assignments(&state.db, user.id).await?;
    Ok(SignedIn {
        id: user.id,
        email: user.email,
        role: user.role,
        event_ids: assignments.iter().filter_map(|a| a.event_id).collect(),
        session_ids: assignments.iter().filter_map(|a| a.session_id).collect(),
    })
}

/// Sign a token for a stored account: its id as `sub`, its role, valid
/// for the configured time. Answers the token and when it expires.
pub fn token_for(state: &AppState, user: &user::Model) -> AppResult<(String, u64)> {
    let ttl = state.config.auth.token_ttl.as_secs();
    state.keys.issue(
        &user.id.to_string(),
        &user.role.to_value(),
        user.token_generation,
        ttl,
    )
}
