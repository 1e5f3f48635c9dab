//! Sign-in and accounts: `login`, `createUser`, `updateUser`,
//! `assignOrganizer`, `unassignOrganizer`. Each resolver checks the viewer,
//! converts its input and calls `service::user`.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::env;
use crate::{
    auth::{self, ClientAddr},
    error::{AppError, AppResult},
    graphql::{
        ids::{self, Kind},
        types::{Timestamp, User, UserRole},
    },
    service::{self, user::Place},
};

/// A signed token and who it is for.
#[derive(SimpleObject)]
pub struct LoginPayload {
    /// Send as `Authorization: Bearer <token>`.
    token: String,
    /// When the token stops working.
    expires_at: Timestamp,
    /// The signed-in account.
    user: User,
}

/// A new account.
#[derive(InputObject)]
pub struct CreateUserInput {
    /// Sign-in email.
    email: String,
    /// At least 12 characters.
    password: String,
    /// What the account may do.
    role: UserRole,
}

/// Changes to an account; fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateUserInput {
    /// A new role.
    role: Option<UserRole>,
    /// A disabled account cannot sign in, and its tokens stop working.
    disabled: Option<bool>,
    /// A new password, at least 12 characters.
    password: Option<String>,
}

impl From<CreateUserInput> for service::user::NewUser {
    fn from(input: CreateUserInput) -> Self {
        Self {
            email: input.email,
            password: input.password,
            role: input.role.into(),
        }
    }
}

impl From<UpdateUserInput> for service::user::UserChange {
    fn from(input: UpdateUserInput) -> Self {
        Self {
            role: input.role.map(Into::into),
            disabled: input.disabled,
            password: input.password,
        }
    }
}

#[derive(Default)]
pub struct AuthMutation;

#[Object]
impl AuthMutation {
    /// Sign in. Attempts are limited per client address, and per address
    /// and email (`RATE_LIMITED`, with `extensions.retryAfter`: the seconds
    /// until the next attempt may pass); attempts for a much-tried email
    /// from anywhere are slowed down, never refused. A wrong email and a
    /// wrong password answer alike.
    async fn login(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The account's email; case and surrounding spaces do not matter.")]
        email: String,
        #[graphql(desc = "The account's password.")] password: String,
    ) -> AppResult<LoginPayload> {
        let (state, _) = env(ctx);
        let client = ctx.data_unchecked::<ClientAddr>().0;
        let user =
            service::login::login(&state.db, &state.login_limits, client, &email, password).await?;
        let (token, exp) = auth::token_for(state, &user)?;
        tracing::info!(user.id = user.id, "signed in");
        Ok(LoginPayload {
            token,
            expires_at: DateTime::from_timestamp(exp as i64, 0)
                .unwrap_or_else(Utc::now)
                .into(),
            user: User(user),
        })
    }

    /// Create an account (admins).
    async fn create_user(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new account.")] input: CreateUserInput,
    ) -> AppResult<User> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let user = service::user::create_account(&state.db, &viewer.actor(), input.into()).await?;
        Ok(User(user))
    }

    /// Change an account's role, password or disabled flag (admins). Takes
    /// effect on the account's next request, whatever tokens are out; a new
    /// password or a disable revokes every earlier token (enabling the
    /// account again does not bring them back).
    async fn update_user(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The account's global ID.")] id: ID,
        #[graphql(desc = "The `version` last read; a stale one is refused with `CONFLICT`.")]
        version: i32,
        #[graphql(desc = "The changes.")] input: UpdateUserInput,
    ) -> AppResult<User> {
        let (state, viewer) = env(ctx);
        viewer.require_admin()?;
        let id = ids::decode_as(&id, Kind::User)?;
        let user =
            service::user::change(&state.db, &viewer.actor(), id, version, input.into()).await?;
        Ok(User(user))
    }

    /// Revoke every token this server signed so far for an account
    /// (admins for any account, anyone for their own: "sign out
    /// everywhere"). Requests with those tokens answer `UNAUTHENTICATED`
    /// from then on; signing in again gives a token that works. A new
    /// password and a disable revoke them too. Tokens of an external
    /// identity provider are revoked by that provider; disabling the
    /// account shuts them out here.
    async fn revoke_tokens(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The account's global ID.")] user: ID,
    ) -> AppResult<User> {
        let (state, viewer) = env(ctx);
        let id = ids::decode_as(&user, Kind::User)?;
        let user = service::user::revoke_tokens(&state.db, viewer, id).await?;
        Ok(User(user))
    }

    /// Let an organizer change an event and all its sessions, or one
    /// session (admins). Give `event` or `session`.
    async fn assign_organizer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organizer's global ID.")] user: ID,
        #[graphql(desc = "The code of an event, to assign all its sessions.")] event: Option<
            String,
        >,
        #[graphql(desc = "The global ID of one session.")] session: Option<ID>,
    ) -> AppResult<User> {
        change_assignment(ctx, user, event, session, true).await
    }

    /// Take back an assignment (admins). Give `event` or `session`.
    async fn unassign_organizer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organizer's global ID.")] user: ID,
        #[graphql(desc = "The code of the event the organizer is assigned to.")] event: Option<
            String,
        >,
        #[graphql(desc = "The global ID of the session the organizer is assigned to.")]
        session: Option<ID>,
    ) -> AppResult<User> {
        change_assignment(ctx, user, event, session, false).await
    }
}

async fn change_assignment(
    ctx: &Context<'_>,
    user: ID,
    event: Option<String>,
    session: Option<ID>,
    assign: bool,
) -> AppResult<User> {
    let (state, viewer) = env(ctx);
    viewer.require_admin()?;
    let user_id = ids::decode_as(&user, Kind::User)?;
    let place = match (event, session) {
        (Some(code), None) => Place::Event(code),
        (None, Some(id)) => Place::Session(ids::decode_as(&id, Kind::Session)?),
        _ => return Err(AppError::bad_input("give either `event` or `session`")),
    };
    let user = service::user::change_assignment(&state.db, &viewer.actor(), user_id, place, assign)
        .await?;
    Ok(User(user))
}
