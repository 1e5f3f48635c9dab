//! The accept loop. axum's own `serve` exposes neither a time limit on
//! reading a request's headers nor a cap on connections, so connections are
//! served here with hyper-util's builder, as axum does underneath:
//! - a client that sends its headers slower than
//!   `header_read_timeout_secs` is disconnected (a "slowloris" holds
//!   connections open by sending a header line now and then), and so is a
//!   connection whose first request has not arrived by then (one that
//!   sends nothing, or an HTTP/2 preface and nothing after it);
//! - one client address (an IPv6 client: its /64) holds at most
//!   `max_connections_per_client` open connections; further ones are
//!   closed as soon as they are accepted. Trusted proxies are exempt:
//!   every client behind them shares their address, and the proxy keeps
//!   its own limits.

use std::{
    collections::HashMap,
    net::IpAddr,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use axum::{Router, extract::ConnectInfo};
use hyper::{Request, body::Incoming};
use hyper_util::{
    rt::{TokioExecutor, TokioIo, TokioTimer},
    server::{conn::auto, graceful::GracefulShutdown},
};
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::{auth::client::TrustedProxies, service::login::limit_key};

/// How connections are held to account.
#[derive(Debug, Clone)]
pub struct ConnectionLimits {
    pub header_read_timeout: Duration,
    pub max_per_client: usize,
    pub trusted: Arc<TrustedProxies>,
}

/// Open connections per client address.
#[derive(Debug, Default)]
struct Open(Mutex<HashMap<IpAddr, usize>>);

/// One open connection, counted until it is dropped.
struct Slot {
    open: Arc<Open>,
    ip: IpAddr,
}

impl Open {
    /// A slot for one more connection from `ip`, unless it holds `max`.
    fn take(self: &Arc<Self>, ip: IpAddr, max: usize) -> Option<Slot> {
        let mut open = self.0.lock().expect("connection counts");
        let n = open.entry(ip).or_default();
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(Slot {
            open: self.clone(),
            ip,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.open.0.lock().expect("connection counts");
        if let Some(n) = open.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// Serve `router` on `listener` until `shutdown` resolves; connections then
/// finish what they are answering before this returns.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let open = Arc::new(Open::default());
    let graceful = GracefulShutdown::new();
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, say: wait rather than spin.
                    tracing::warn!(error = %e, "accepting a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let slot = if limits.trusted.contains(peer.ip()) {
            None
        } else {
            match open.take(limit_key(peer.ip()), limits.max_per_client) {
                Some(slot) => Some(slot),
                None => {
                    tracing::debug!(client = %peer.ip(), "too many open connections; closed");
                    continue;
                }
            }
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let asked = Arc::new(AtomicBool::new(false));
        let asked_here = asked.clone();
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            asked_here.store(true, Ordering::Relaxed);
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(request)
        });
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), service)
            .into_owned();
        let connection = graceful.watch(connection);
        let first_request_by = limits.header_read_timeout;
        tokio::spawn(async move {
            tokio::pin!(connection);
            let ended = tokio::select! {
                ended = connection.as_mut() => Some(ended),
                () = tokio::time::sleep(first_request_by) => None,
            };
            let ended = match ended {
                Some(ended) => ended,
                // No request yet: dropping the connection closes it.
                None if !asked.load(Ordering::Relaxed) => Ok(()),
                None => connection.await,
            };
            if let Err(e) = ended {
                tracing::debug!(error = %e, "connection ended");
            }
            drop(slot);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}
