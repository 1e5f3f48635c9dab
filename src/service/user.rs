//! Accounts: creating them, changing role or password, disabling, and
//! organizers' assignments.

use entity::{
    user::{self, UserRole},
    user_assignment,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set,
};

use super::{audit, audit::Actor, validate, write};
use crate::{
    auth::password,
    error::{AppError, AppResult},
};

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

/// A new account with an argon2id hash of `password`.
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
    if let Some(password) = change.password {
        check_password(&password)?;
        am.password_hash = Set(password::hash(password).await?);
    }
    write::update(txn, actor, id, version, am).await
}

/// Where an organizer is assigned: a whole event or one session.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Event(i64),
    Session(i64),
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
