//! Who is asking: the viewer of a request, resolved from its bearer token
//! against the stored user (so a disabled account or a changed role takes
//! effect on the next request), and what that viewer may read and change.

pub mod client;
pub mod jwt;
pub mod key_file;

pub use crate::service::password;
pub use crate::service::viewer::{SignedIn, Viewer};
pub use client::ClientAddr;

use axum::http::{HeaderMap, header};
use entity::user;
use sea_orm::ActiveEnum;

use crate::{
    error::{AppError, AppResult},
    service,
    state::AppState,
};

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
