//! Signing in, as a use case: the limits on attempts, then the credential
//! check of [`super::user::sign_in`].
//!
//! Attempts are limited by client address (a spread of emails from one
//! address) and by address and email together (guessing one account's
//! password from one address): past either, `RATE_LIMITED`. By email
//! alone, attempts past the limit are slowed down, never refused: a lock by
//! email alone would let anyone who knows an address lock its owner out
//! with a wrong password now and then, from anywhere.

use std::{net::IpAddr, num::NonZeroU32, time::Duration};

use entity::user;
use governor::{DefaultKeyedRateLimiter, Quota, clock::Clock};
use sea_orm::ConnectionTrait;

use crate::error::{AppError, AppResult};

/// The key a client address is counted under by per-client limits: the
/// address itself for IPv4, its /64 network for IPv6, since one IPv6
/// client commonly holds a whole /64.
pub fn limit_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(bits.into())
        }
        v4 => v4,
    }
}

/// The longest email address there is (RFC 5321 and its errata).
const MAX_EMAIL_BYTES: usize = 320;

/// The longest an attempt for a much-tried email is held back.
pub const MAX_SLOWDOWN: Duration = Duration::from_secs(2);

/// Keys kept before forgotten ones are swept: an attacker trying random
/// emails must not grow memory without bound.
const SWEEP_ABOVE: usize = 10_000;

/// Sign-in attempts per client address, per address and email, and per
/// email.
pub struct LoginLimits {
    by_client: DefaultKeyedRateLimiter<IpAddr>,
    by_client_email: DefaultKeyedRateLimiter<(IpAddr, String)>,
    by_email: DefaultKeyedRateLimiter<String>,
}

impl LoginLimits {
    /// `per_client` attempts a minute from one address, `per_account` for
    /// one email from one address, and `per_account` for one email from
    /// anywhere before attempts for it are slowed down.
    pub fn new(per_client: u32, per_account: u32) -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).expect("at least 1"));
        Self {
            by_client: DefaultKeyedRateLimiter::keyed(quota(per_client)),
            by_client_email: DefaultKeyedRateLimiter::keyed(quota(per_account)),
            by_email: DefaultKeyedRateLimiter::keyed(quota(per_account)),
        }
    }

    /// Whether one more attempt from `client` for `email` may go on: `Ok`
    /// with how long to hold it back first (zero unless the email is much
    /// tried), or `RATE_LIMITED` saying when to try again.
    pub fn check(&self, client: IpAddr, email: &str) -> AppResult<Duration> {
        let client = limit_key(client);
        if self.by_client.len() > SWEEP_ABOVE {
            self.by_client.retain_recent();
        }
        if self.by_client_email.len() > SWEEP_ABOVE {
            self.by_client_email.retain_recent();
        }
        if self.by_email.len() > SWEEP_ABOVE {
            self.by_email.retain_recent();
        }
        let now = self.by_client.clock().now();
        // Both address limits are charged, so that neither a spread of
        // emails nor one email gets past them.
        let by_client = self.by_client.check_key(&client);
        let by_client_email = self.by_client_email.check_key(&(client, email.to_owned()));
        let wait = [by_client, by_client_email]
            .into_iter()
            .filter_map(Result::err)
            .map(|not_until| not_until.wait_time_from(now))
            .max();
        if let Some(wait) = wait {
            return Err(AppError::rate_limited("too many sign-in attempts", wait));
        }
        Ok(match self.by_email.check_key(&email.to_owned()) {
            Ok(()) => Duration::ZERO,
            Err(not_until) => not_until.wait_time_from(now).min(MAX_SLOWDOWN),
        })
    }
}

/// Sign in from `client`: within the limits (held back a little for a
/// much-tried email), the account of `email` if `password` is its password
/// and it is not disabled, else `UNAUTHENTICATED`.
pub async fn login(
    db: &impl ConnectionTrait,
    limits: &LoginLimits,
    client: IpAddr,
    email: &str,
    password: String,
) -> AppResult<user::Model> {
    let email = email.trim().to_lowercase();
    // No account has a longer email (RFC 5321); a longer one is not kept
    // as a key of the limits, whatever its length.
    if email.len() > MAX_EMAIL_BYTES {
        return Err(AppError::invalid(
            "email",
            format!("is longer than {MAX_EMAIL_BYTES} bytes, which no email is"),
        ));
    }
    let hold = limits.check(client, &email)?;
    if !hold.is_zero() {
        tokio::time::sleep(hold).await;
    }
    super::user::sign_in(db, &email, password).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        assert_eq!(limit_key(ip("2001:db8:1:2:3:4:5:6")), ip("2001:db8:1:2::"));
        assert_eq!(limit_key(ip("203.0.113.9")), ip("203.0.113.9"));
        assert_eq!(limit_key(ip("::ffff:203.0.113.9")), ip("203.0.113.9"));
    }
}
