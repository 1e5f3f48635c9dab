use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::user;

use super::env;
use crate::{
    auth::password,
    error::{AppError, AppResult},
    graphql::{
        ids::{self, Kind},
        types::{Timestamp, User, UserRole},
    },
    http::ClientAddr,
    service::{self, write},
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

#[derive(Default)]
pub struct AuthMutation;

const WRONG: &str = "wrong email or password";

#[Object]
impl AuthMutation {
    /// Sign in. Attempts are limited per client address and per email
    /// (`RATE_LIMITED`, with `extensions.retryAfter`: the seconds until the
    /// next attempt may pass); a wrong email and a wrong password answer
    /// alike.
    async fn login(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The account's email; case and surrounding spaces do not matter.")]
        email: String,
        #[graphql(desc = "The account's password.")] password: String,
    ) -> AppResult<LoginPayload> {
        let (state, _) = env(ctx);
        let email = email.trim().to_lowercase();
        let client = ctx.data_unchecked::<ClientAddr>().0.to_string();
        if let Err(wait) = state.login_limits.check(&client, &email) {
            return Err(AppError::rate_limited("too many sign-in attempts", wait));
        }
        let Some(user) = service::user::by_email(&state.db, &email).await? else {
            password::verify_dummy(password).await?;
            return Err(AppError::Unauthenticated(WRONG.into()));
        };
        if !password::verify(password, user.password_hash.clone()).await? || user.disabled {
            return Err(AppError::Unauthenticated(WRONG.into()));
        }
        let ttl = state.config.auth.token_ttl.as_secs();
        let role = sea_orm::ActiveEnum::to_value(&user.role);
        let (token, exp) = state.keys.issue(&user.id.to_string(), &role, ttl)?;
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
        let txn = write::begin(&state.db).await?;
        let user = service::user::create(
            &txn,
            &viewer.actor(),
            &input.email,
            input.password,
            input.role.into(),
        )
        .await?;
        txn.commit().await?;
        Ok(User(user))
    }

    /// Change an account's role, password or disabled flag (admins). Takes
    /// effect on the account's next request, whatever tokens are out.
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
        let change = service::user::UserChange {
            role: input.role.map(Into::into),
            disabled: input.disabled,
            password: input.password,
        };
        let txn = write::begin(&state.db).await?;
        let user = service::user::update(&txn, &viewer.actor(), id, version, change).await?;
        txn.commit().await?;
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
    let txn = write::begin(&state.db).await?;
    let scope = match (event, session) {
        (Some(code), None) => {
            service::user::Scope::Event(service::event::require(&txn, &code).await?.id)
        }
        (None, Some(id)) => {
            let id = ids::decode_as(&id, Kind::Session)?;
            write::find::<entity::session::Entity>(&txn, id).await?;
            service::user::Scope::Session(id)
        }
        _ => return Err(AppError::bad_input("give either `event` or `session`")),
    };
    if assign {
        service::user::assign(&txn, &viewer.actor(), user_id, scope).await?;
    } else {
        service::user::unassign(&txn, &viewer.actor(), user_id, scope).await?;
    }
    let user = write::find::<user::Entity>(&txn, user_id).await?;
    txn.commit().await?;
    Ok(User(user))
}
