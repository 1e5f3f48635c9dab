//! Structured logs: `RUST_LOG` picks what is logged (default `info`),
//! `LOG_FORMAT=json` prints one JSON object per line for log collectors.
//! Text logs are coloured only on a terminal (and never with `NO_COLOR`
//! set), so a log written to a file or a pipe holds no escape codes.

use tracing_subscriber::{EnvFilter, fmt};

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let json = std::env::var("LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    use std::io::IsTerminal;
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let builder = fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(colour);
    // A second init (tests start many servers in one process) is harmless.
    let _ = if json {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.try_init()
    };
}

/// Log an error the server could not turn into an answer: its chain of
/// causes on one line, never a backtrace (`{:#}`, not `{:?}`, so
/// `RUST_BACKTRACE` does not turn one log line into seventy). A database
/// pool with no connection free in time is an expected condition under
/// load and is logged as a warning. Identical errors are logged a few times
/// a minute at most; the others are counted, and the count goes out with
/// the next one logged.
///
/// `path` is where in the answer it happened, if anywhere; it is logged but
/// not part of what makes two errors identical (a failing field of a page
/// fails at every item).
pub fn log_error(context: &str, error: &anyhow::Error, path: &dyn std::fmt::Debug) {
    let busy = pool_timed_out(error);
    let message = format!("{error:#}");
    let Some(suppressed) = THROTTLE.admit(context, &message) else {
        return;
    };
    if busy {
        tracing::warn!(
            error = %message,
            path = ?path,
            suppressed,
            "{context}: no database connection was free in time"
        );
    } else {
        tracing::error!(error = %message, path = ?path, suppressed, "{context}");
    }
}

/// Whether `error` is a database pool that had no connection to give.
pub fn pool_timed_out(error: &anyhow::Error) -> bool {
    matches!(
        error.downcast_ref::<sea_orm::DbErr>(),
        Some(sea_orm::DbErr::ConnectionAcquire(
            sea_orm::error::ConnAcquireErr::Timeout
        ))
    )
}

/// How often one message may be logged.
const BURST: u32 = 3;
const PER_MINUTE: u32 = 6;
/// Keys kept before idle ones are forgotten.
const KEPT: usize = 10_000;

static THROTTLE: std::sync::LazyLock<Throttle> = std::sync::LazyLock::new(Throttle::default);

/// Identical log lines, rate-limited by their text.
struct Throttle {
    limiter: governor::DefaultKeyedRateLimiter<String>,
    suppressed: std::sync::Mutex<std::collections::HashMap<String, u64>>,
}

impl Default for Throttle {
    fn default() -> Self {
        let quota =
            governor::Quota::per_minute(std::num::NonZeroU32::new(PER_MINUTE).expect("> 0"))
                .allow_burst(std::num::NonZeroU32::new(BURST).expect("> 0"));
        Self {
            limiter: governor::DefaultKeyedRateLimiter::keyed(quota),
            suppressed: Default::default(),
        }
    }
}

impl Throttle {
    /// `Some(n)` when the line may be logged, `n` being how many identical
    /// lines were held back since the last one; `None` to hold it back.
    fn admit(&self, context: &str, message: &str) -> Option<u64> {
        let mut key: String = format!("{context}: {message}");
        let mut end = key.len().min(512);
        while !key.is_char_boundary(end) {
            end -= 1;
        }
        key.truncate(end);
        if self.limiter.len() > KEPT {
            self.limiter.retain_recent();
        }
        let mut suppressed = self.suppressed.lock().ok()?;
        if self.limiter.check_key(&key).is_ok() {
            Some(suppressed.remove(&key).unwrap_or(0))
        } else {
            if suppressed.len() >= KEPT {
                // Forget the counts rather than grow without bound.
                suppressed.clear();
            }
            *suppressed.entry(key).or_default() += 1;
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_lines_are_held_back_past_a_burst_and_counted() {
        let throttle = Throttle::default();
        let admitted: Vec<Option<u64>> = (0..10)
            .map(|_| throttle.admit("test", "the same failure"))
            .collect();
        assert_eq!(admitted[..3], [Some(0), Some(0), Some(0)]);
        assert!(admitted[3..].iter().all(Option::is_none));
        assert_eq!(throttle.admit("test", "another failure"), Some(0));
        assert_eq!(
            throttle.suppressed.lock().unwrap()["test: the same failure"],
            7
        );
    }

    #[test]
    fn a_pool_timeout_is_recognised() {
        let timeout = anyhow::Error::from(sea_orm::DbErr::ConnectionAcquire(
            sea_orm::error::ConnAcquireErr::Timeout,
        ));
        assert!(pool_timed_out(&timeout));
        assert!(!pool_timed_out(&anyhow::anyhow!("something else")));
    }
}
