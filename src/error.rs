//! The one error type of the request path, and the one place that decides
//! which `extensions.code` a client sees (DESIGN.md, Contract: errors).

use std::sync::Arc;

use async_graphql::{ErrorExtensionValues, ServerError, Value};
use sea_orm::{DbErr, SqlErr};

/// What can go wrong while serving a request. Resolvers and services return
/// it; [`finalize_errors`] turns it into `extensions.code`.
#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Unauthenticated(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    /// Input the client can fix; the message says what to fix.
    #[error("{0}")]
    BadUserInput(String),
    #[error("{0}")]
    Conflict(String),
    /// Anything else. Logged once in [`finalize_errors`], answered as
    /// "internal error" and never leaked.
    #[error("internal error")]
    Internal(Arc<anyhow::Error>),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn bad_input(message: impl Into<String>) -> Self {
        Self::BadUserInput(message.into())
    }

    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        Self::Internal(Arc::new(err.into()))
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated(_) => "UNAUTHENTICATED",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::NotFound(_) => "NOT_FOUND",
            Self::BadUserInput(_) => "BAD_USER_INPUT",
            Self::Conflict(_) => "CONFLICT",
            Self::Internal(_) => "INTERNAL",
        }
    }
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        // A unique violation is the client's to fix (STYLE habit 5).
        if let Some(SqlErr::UniqueConstraintViolation(detail)) = err.sql_err() {
            return Self::Conflict(format!("already exists: {detail}"));
        }
        Self::internal(err)
    }
}

/// Codes set before execution by [`crate::graphql::limits`], kept as they are.
pub const PARSE_FAILED: &str = "GRAPHQL_PARSE_FAILED";
pub const VALIDATION_FAILED: &str = "GRAPHQL_VALIDATION_FAILED";
pub const TOO_COMPLEX: &str = "QUERY_TOO_COMPLEX";

/// Give every error of a response its `extensions.code`, log internal
/// errors and replace their message, so nothing internal reaches a client.
pub fn finalize_errors(errors: &mut [ServerError]) {
    for error in errors {
        if error
            .extensions
            .as_ref()
            .is_some_and(|e| e.get("code").is_some())
        {
            continue;
        }
        let app = error.source::<AppError>().map(|app| {
            if let AppError::Internal(source) = app {
                tracing::error!(error = ?source, path = ?error.path, "internal error");
            }
            (app.code(), matches!(app, AppError::Internal(_)))
        });
        let code = if let Some((code, internal)) = app {
            if internal {
                error.message = "internal error".into();
            }
            code
        } else if let Some(db) = error.source::<DbErr>() {
            tracing::error!(error = %db, path = ?error.path, "database error");
            error.message = "internal error".into();
            "INTERNAL"
        } else if !error.path.is_empty() {
            // Raised while executing but not by our code: async-graphql's
            // own coercion of argument values.
            "BAD_USER_INPUT"
        } else {
            VALIDATION_FAILED
        };
        set_code(error, code);
    }
}

pub fn set_code(error: &mut ServerError, code: &str) {
    error
        .extensions
        .get_or_insert_with(ErrorExtensionValues::default)
        .set("code", Value::from(code));
}

/// A data loader's shared error.
impl From<Arc<DbErr>> for AppError {
    fn from(err: Arc<DbErr>) -> Self {
        Self::internal(anyhow::anyhow!("{err}"))
    }
}
