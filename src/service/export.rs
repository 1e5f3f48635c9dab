//! How many exports may run at once. An export holds a database connection
//! for as long as it streams, so without a cap a few clients that open
//! exports and never read would hold the whole pool, and every other
//! request would fail waiting for a connection.
//!
//! Exports run in slots: at most a configured number per account, and at
//! most a configured number in all, never more than half the database pool,
//! so ordinary requests always keep the other half. A slot is held by the
//! task that streams the export and given back when it ends, however it
//! ends (finished, failed, or a client that stopped reading).

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::AppError;

/// When a refused client may try again: exports are long, so no exact time
/// is known; this is a polite pause.
const RETRY_AFTER: Duration = Duration::from_secs(5);

/// The export slots of a server.
pub struct ExportSlots {
    total: Arc<Semaphore>,
    per_account_max: usize,
    running: Arc<Mutex<HashMap<i64, usize>>>,
}

/// One running export's slot; dropping it frees the slot.
#[derive(Debug)]
pub struct ExportSlot {
    _permit: OwnedSemaphorePermit,
    account: i64,
    running: Arc<Mutex<HashMap<i64, usize>>>,
}

impl ExportSlots {
    /// `total` exports at once (capped at half of `pool_size`, and at least
    /// one), `per_account` of them for any one account.
    pub fn new(total: usize, per_account: usize, pool_size: usize) -> Self {
        let total = total.min(pool_size / 2).max(1);
        Self {
            total: Arc::new(Semaphore::new(total)),
            per_account_max: per_account.max(1),
            running: Arc::default(),
        }
    }

    /// A slot for `account`, or `RATE_LIMITED` saying which cap is reached.
    pub fn acquire(&self, account: i64) -> Result<ExportSlot, AppError> {
        let mut running = self.running.lock().expect("export slots lock");
        let mine = running.get(&account).copied().unwrap_or(0);
        if mine >= self.per_account_max {
            return Err(AppError::rate_limited(
                &format!(
                    "this account already runs {mine} exports, the most one account may run at once; \
                     finish or cancel one first"
                ),
                RETRY_AFTER,
            ));
        }
        let permit = self.total.clone().try_acquire_owned().map_err(|_| {
            AppError::rate_limited(
                "the server is running as many exports as it may",
                RETRY_AFTER,
            )
        })?;
        running.insert(account, mine + 1);
        Ok(ExportSlot {
            _permit: permit,
            account,
            running: self.running.clone(),
        })
    }
}

impl Drop for ExportSlot {
    fn drop(&mut self) {
        let mut running = self.running.lock().expect("export slots lock");
        if let Some(n) = running.get_mut(&self.account) {
            *n -= 1;
            if *n == 0 {
                running.remove(&self.account);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_capped_per_account_and_in_all_and_come_back() {
        let slots = ExportSlots::new(3, 2, 16);
        let a1 = slots.acquire(1).unwrap();
        let _a2 = slots.acquire(1).unwrap();
        assert!(slots.acquire(1).is_err(), "two per account");
        let _b1 = slots.acquire(2).unwrap();
        assert!(slots.acquire(3).is_err(), "three in all");
        drop(a1);
        let _c1 = slots.acquire(3).unwrap();
        assert!(slots.acquire(1).is_err());
    }

    #[test]
    fn exports_never_take_more_than_half_the_pool() {
        let slots = ExportSlots::new(100, 100, 8);
        let held: Vec<_> = (0..4).map(|a| slots.acquire(a).unwrap()).collect();
        assert!(slots.acquire(99).is_err());
        assert_eq!(held.len(), 4);
    }
}
