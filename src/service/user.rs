//! Accounts: signing in, listing them, creating them, changing role or
//! password, disabling, and organizers' assignments. The use cases open
//! their own transaction; the `*_in` style pieces (`create`, `update`,
//! `assign`, `unassign`) run inside a caller's.

use entity::{
    user::{self, UserRole},
    user_assignment,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, Set,
};

use super::{
    audit,
    audit::Actor,
    event,
    page::{self, Page, PageRequest, Total},
    validate, write,
};
use crate::{
    error::{AppError, AppResult},
    service::{password, viewer::Viewer},
};

/// What `login` answers for a wrong email and a wrong password alike.
const WRONG: &str = "wrong email or password";

/// The account, if it exists.
pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> AppResult<Option<user::Model>> {
    Ok(user::Entity::find_by_id(id).one(db).await?)
}

/// A page of every account by email, and its total.
pub async fn list(
    db: &impl ConnectionTrait,
    request: &PageRequest,
) -> AppResult<(Page<user::Model>, Total)> {
    page::fetch_counted(
        db,
        user::Entity::find(),
        Some(user::Column::Email),
        user::Column::Id,
        request,
    )
    .await
}

/// Sign in: the account of `email` if `password` is its password and it
/// is not disabled, else `UNAUTHENTICATED`. A wrong email costs a hash
/// check too, so that it answers like a wrong password, and as slowly.
pub async fn sign_in(
    db: &impl ConnectionTrait,
    email: &str,
    password: String,
) -> AppResult<user::Model> {
    let Some(user) = by_email(db, email).await? else {
        password::verify_dummy(password).await?;
        return Err(AppError::Unauthenticated(WRONG.into()));
    };
    if !password::verify(password, user.password_hash.clone()).await? || user.disabled {
        return Err(AppError::Unauthenticated(WRONG.into()));
    }
    Ok(user)
}

pub async fn by_email(db: &impl ConnectionTrait, email: &str) -> AppResult<Option<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email.trim().to_lowercase()))
        .one(db)
        .await?)
}

fn check_password(password: &str) -> AppResult<()> {
    let n = password.chars().count();
    if n < password::MIN_LENGTH {
        return Err(AppError::invalid(
            "password",
            format!(
                "is {n} characters long; use at least {}",
                password::MIN_LENGTH
            ),
        ));
    }
    if n > 1024 {
        return Err(AppError::invalid(
            "password",
            "is longer than 1024 characters",
        ));
    }
    Ok(())
}

/// A new account to create.
#[derive(Debug)]
pub struct NewUser {
    pub email: String,
    pub password: String,
    pub role: UserRole,
}

/// Create an account in one transaction (see [`create`]).
pub async fn create_account(
    db: &DatabaseConnection,
    actor: &Actor,
    new: NewUser,
) -> AppResult<user::Model> {
    let txn = write::begin(db).await?;
    let user = create(&txn, actor, &new.email, new.password, new.role).await?;
    txn.commit().await?;
    Ok(user)
}

/// A new account with an argon2id hash of `password`, in `txn`.
pub async fn create(
    txn: &DatabaseTransaction,
    actor: &Actor,
    email: &str,
    password: String,
    role: UserRole,
) -> AppResult<user::Model> {
    let email = validate::email("email", email)?;
    check_password(&password)?;
    if by_email(txn, &email).await?.is_some() {
        return Err(AppError::Conflict(format!(
            "an account with email {email} already exists"
        )));
    }
    let am = user::ActiveModel {
        email: Set(email),
        password_hash: Set(password::hash(password).await?),
        role: Set(role),
        disabled: Set(false),
        ..Default::default()
    };
    write::create(txn, actor, am).await
}

/// What an admin may change about an account.
#[derive(Debug, Default)]
pub struct UserChange {
    pub role: Option<UserRole>,
    pub disabled: Option<bool>,
    pub password: Option<String>,
}

/// Change account `id` at `version` in one transaction (see [`update`]).
pub async fn change(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
    change: UserChange,
) -> AppResult<user::Model> {
    let txn = write::begin(db).await?;
    let user = update(&txn, actor, id, version, change).await?;
    txn.commit().await?;
    Ok(user)
}

/// Change account `id` at `version` in `txn`, hashing a new password. A
/// new password and a disable revoke every token signed before them, so
/// that neither an old password's tokens nor, once it is enabled again, a
/// disabled account's come back.
pub async fn update(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: i64,
    version: i32,
    change: UserChange,
) -> AppResult<user::Model> {
    let mut am = <user::ActiveModel as Default>::default();
    if let Some(role) = change.role {
        am.role = Set(role);
    }
    if let Some(disabled) = change.disabled {
        am.disabled = Set(disabled);
    }
    let revoke = change.password.is_some() || change.disabled == Some(true);
    if let Some(password) = change.password {
        check_password(&password)?;
        am.password_hash = Set(password::hash(password).await?);
    }
    if revoke {
        let current = write::find::<user::Entity>(txn, id).await?;
        am.token_generation = Set(current.token_generation + 1);
    }
    write::update(txn, actor, id, version, am).await
}

/// Revoke every token this server signed so far for account `id` (admins for any
/// account, anyone for their own): the next request with one of them is
/// `UNAUTHENTICATED`; signing in again gives a token that works. In one
/// transaction, audited.
pub async fn revoke_tokens(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
) -> AppResult<user::Model> {
    let me = viewer.require_user()?;
    if me.id != id && me.role != UserRole::Admin {
        return Err(AppError::forbidden(
            "only admins may revoke another account's tokens",
        ));
    }
    let txn = write::begin(db).await?;
    let current = write::find::<user::Entity>(&txn, id).await?;
    let am = user::ActiveModel {
        token_generation: Set(current.token_generation + 1),
        ..Default::default()
    };
    let user = write::update(&txn, &viewer.actor(), id, current.version, am).await?;
    txn.commit().await?;
    Ok(user)
}

/// Where an organizer is assigned: a whole event or one session.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Event(i64),
    Session(i64),
}

/// Where to assign an organizer, as a client names it: an event by its
/// code, or a session by id.
#[derive(Debug, Clone)]
pub enum Place {
    Event(String),
    Session(i64),
}

/// Assign organizer `user_id` to `place` (or, without `assign`, take the
/// assignment back) in one transaction; answers the account.
pub async fn change_assignment(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i64,
    place: Place,
    assign_it: bool,
) -> AppResult<user::Model> {
    let txn = write::begin(db).await?;
    let scope = match place {
        Place::Event(code) => Scope::Event(event::require(&txn, &code).await?.id),
        Place::Session(id) => {
            write::find::<entity::session::Entity>(&txn, id).await?;
            Scope::Session(id)
        }
    };
    if assign_it {
        assign(&txn, actor, user_id, scope).await?;
    } else {
        unassign(&txn, actor, user_id, scope).await?;
    }
    let user = write::find::<user::Entity>(&txn, user_id).await?;
    txn.commit().await?;
    Ok(user)
}

pub async fn assign(
    txn: &DatabaseTransaction,
    actor: &Actor,
    user_id: i64,
    scope: Scope,
) -> AppResult<()> {
    let user = write::find::<user::Entity>(txn, user_id).await?;
    if user.role != UserRole::Organizer {
        return Err(AppError::invalid(
            "user",
            "only organizers are assigned to events or sessions",
        ));
    }
    let (event_id, session_id) = match scope {
        Scope::Event(id) => (Some(id), None),
        Scope::Session(id) => (None, Some(id)),
    };
    let row = user_assignment::ActiveModel {
        user_id: Set(user_id),
        event_id: Set(event_id),
        session_id: Set(session_id),
        created_at: Set(crate::timestamp::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    audit::record(
        txn,
        actor,
        "assign",
        "user",
        user_id,
        None,
        serde_json::to_value(&row).ok(),
    )
    .await
}

pub async fn unassign(
    txn: &DatabaseTransaction,
    actor: &Actor,
    user_id: i64,
    scope: Scope,
) -> AppResult<()> {
    let mut q = user_assignment::Entity::find().filter(user_assignment::Column::UserId.eq(user_id));
    q = match scope {
        Scope::Event(id) => q.filter(user_assignment::Column::EventId.eq(id)),
        Scope::Session(id) => q.filter(user_assignment::Column::SessionId.eq(id)),
    };
    let row = q
        .one(txn)
        .await?
        .ok_or_else(|| AppError::NotFound("the organizer is not assigned there".into()))?;
    user_assignment::Entity::delete_by_id(row.id)
        .exec(txn)
        .await?;
    audit::record(
        txn,
        actor,
        "unassign",
        "user",
        user_id,
        serde_json::to_value(&row).ok(),
        None,
    )
    .await
}

pub async fn assignments(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> AppResult<Vec<user_assignment::Model>> {
    Ok(user_assignment::Entity::find()
        .filter(user_assignment::Column::UserId.eq(user_id))
        .all(db)
        .await?)
}
