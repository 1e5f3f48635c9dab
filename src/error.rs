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
    /// An update or delete named a version that is no longer current.
    /// (The message names the kind of record, not its row id, which
    /// clients never see: they know it by its global ID.)
    #[error(
        "this {entity} was changed by someone else: you sent version {sent}, the current version is {current}; reload it and try again"
    )]
    Stale {
        entity: &'static str,
        id: i64,
        sent: i32,
        current: i32,
    },
    /// One field of the input is invalid; nothing was written.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// Too many attempts; the next may pass in `retry_after_secs` (at
    /// least 1), which `extensions.retryAfter` and `Retry-After` carry.
    #[error("{message}")]
    RateLimited {
        message: String,
        retry_after_secs: u64,
    },
    /// Anything else. Logged once in [`finalize_errors`], answered as
    /// "internal error" and never leaked.
    #[error("internal error")]
    Internal(Arc<anyhow::Error>),
}

pub type AppResult<T> = Result<T, AppError>;

/// What is wrong with a text that holds a NUL (U+0000), and what to do.
pub const NUL_REFUSAL: &str =
    "holds a NUL character (U+0000), which no text here may hold; remove it and send again";

impl AppError {
    pub fn bad_input(message: impl Into<String>) -> Self {
        Self::BadUserInput(message.into())
    }

    /// `BAD_USER_INPUT` for one field, which `extensions.field` names.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// `BAD_USER_INPUT` for a text of `field` that holds a NUL character,
    /// which PostgreSQL cannot store and no reader expects.
    pub fn nul(field: impl Into<String>) -> Self {
        Self::invalid(field, NUL_REFUSAL)
    }

    /// The same error, its field named as part of a list item
    /// (`region` in `roles[2]` becomes `roles[2].region`).
    pub fn within(self, prefix: &str) -> Self {
        match self {
            Self::Invalid { field, message } => Self::Invalid {
                field: format!("{prefix}.{field}"),
                message,
            },
            other => other,
        }
    }

    /// `RATE_LIMITED` after too many of `what`, for a wait of `wait`
    /// rounded up to whole seconds (at least 1), so that a client waiting
    /// that long gets through.
    pub fn rate_limited(what: &str, wait: std::time::Duration) -> Self {
        let secs = (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1);
        let unit = if secs == 1 { "second" } else { "seconds" };
        Self::RateLimited {
            message: format!("{what}; try again in {secs} {unit}"),
            retry_after_secs: secs,
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::Forbidden(message.into())
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
            Self::Conflict(_) | Self::Stale { .. } => "CONFLICT",
            Self::Invalid { .. } => "BAD_USER_INPUT",
            Self::RateLimited { .. } => "RATE_LIMITED",
            Self::Internal(_) => "INTERNAL",
        }
    }
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        // A unique violation is the client's to fix (STYLE habit 5).
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(detail)) => {
                return Self::Conflict(format!("that already exists ({})", unique_key(&detail)));
            }
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => {
                return Self::Conflict(
                    "other records still refer to it, or a reference names nothing".into(),
                );
            }
            _ => {}
        }
        Self::internal(err)
    }
}

/// The extension that says, in whole seconds, when to try again after
/// `RATE_LIMITED`; the HTTP layer copies it into `Retry-After`.
pub const RETRY_AFTER: &str = "retryAfter";

/// Codes set before execution by [`crate::graphql`] (its `limits`, `size`
/// and `validation`), kept as they are.
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
                crate::telemetry::log_error("internal error", source, &error.path);
            }
            let extra: Option<(&str, Value)> = match app {
                AppError::Stale { current, .. } => Some(("currentVersion", Value::from(*current))),
                AppError::Invalid { field, .. } => Some(("field", Value::from(field.clone()))),
                AppError::RateLimited {
                    retry_after_secs, ..
                } => Some((RETRY_AFTER, Value::from(*retry_after_secs))),
                _ => None,
            };
            (app.code(), matches!(app, AppError::Internal(_)), extra)
        });
        let code = if let Some((code, internal, extra)) = app {
            if internal {
                error.message = "internal error".into();
            }
            if let Some((name, value)) = extra {
                error
                    .extensions
                    .get_or_insert_with(ErrorExtensionValues::default)
                    .set(name, value);
            }
            code
        } else if let Some(db) = error.source::<DbErr>() {
            crate::telemetry::log_error("database error", &anyhow::anyhow!("{db}"), &error.path);
            error.message = "internal error".into();
            "INTERNAL"
        } else if !error.path.is_empty() {
            // Raised while executing but not by our code: async-graphql's
            // own coercion of argument values.
            "BAD_USER_INPUT"
        } else {
            // Found before executing by async-graphql and not coded by
            // `graphql::limits` (an operation the document does not name):
            // a query the schema cannot answer.
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

/// Name the unique key a violation message is about, without the SQL.
fn unique_key(detail: &str) -> &'static str {
    const KEYS: &[(&str, &str)] = &[
        ("session", "an event has one session per code"),
        ("email", "one account per email"),
        ("stance", "a topic has one stance per code"),
        ("paragraph", "a document has one paragraph per number"),
        ("user_assignment", "the organizer is already assigned there"),
        ("code", "codes are unique"),
    ];
    KEYS.iter()
        .find(|(needle, _)| detail.contains(needle))
        .map_or("a unique key", |(_, says)| says)
}
