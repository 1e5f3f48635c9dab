//! argon2id password hashes, computed off the async runtime.

use std::sync::{
    LazyLock,
    atomic::{AtomicU64, Ordering},
};

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};

use crate::error::{AppError, AppResult};

/// Shortest password `user add` accepts.
pub const MIN_LENGTH: usize = 12;

/// A PHC string (`$argon2id$v=19$…`) for `password`, with the crate's
/// default argon2id parameters (19 MiB, 2 passes, 1 lane: OWASP's minimum).
pub async fn hash(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::internal(anyhow::anyhow!("hashing a password: {e}")))
    })
    .await
    .map_err(AppError::internal)?
}

/// Whether `password` matches `phc`. A malformed hash never matches.
pub async fn verify(password: String, phc: String) -> AppResult<bool> {
    tokio::task::spawn_blocking(move || {
        let Ok(parsed) = PasswordHash::new(&phc) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
    .await
    .map_err(AppError::internal)
}

static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(b"no account has this password", &salt)
        .expect("hashing the dummy password")
        .to_string()
});

static DUMMY_VERIFICATIONS: AtomicU64 = AtomicU64::new(0);

/// Spend the time a real verification takes, for a sign-in with an unknown
/// email, so the answer's timing does not tell whether the email exists.
pub async fn verify_dummy(password: String) -> AppResult<()> {
    DUMMY_VERIFICATIONS.fetch_add(1, Ordering::Relaxed);
    let phc = tokio::task::spawn_blocking(|| DUMMY_HASH.clone())
        .await
        .map_err(AppError::internal)?;
    verify(password, phc).await?;
    Ok(())
}

/// Compute the dummy hash now, at start-up, so the first sign-in with an
/// unknown email takes no longer than the others.
pub async fn warm_up() {
    let _ = tokio::task::spawn_blocking(|| LazyLock::force(&DUMMY_HASH).len()).await;
}

/// How many dummy verifications this process has run (for tests that check
/// the unknown-email path really verifies).
pub fn dummy_verifications() -> u64 {
    DUMMY_VERIFICATIONS.load(Ordering::Relaxed)
}
