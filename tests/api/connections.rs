//! What a client's connections may hold: headers sent too slowly are cut
//! off, one address holds only so many connections, and the address a
//! client is counted under comes from `Forwarded`/`X-Forwarded-For` only
//! when the connection comes from a trusted proxy. Other clients stand in
//! as other loopback addresses (127.0.0.2, 127.0.0.3, ...).

use std::{
    net::{IpAddr, Ipv4Addr, SocketAddr},
    time::{Duration, Instant},
};

use serde_json::{Value, json};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpSocket, TcpStream},
};

use crate::helpers::*;

/// A TCP connection to the server from `127.0.0.<host>`.
async fn connect_from(app: &TestApp, host: u8) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket
        .bind(SocketAddr::new(
            IpAddr::V4(Ipv4Addr::new(127, 0, 0, host)),
            0,
        ))
        .unwrap();
    socket.connect(app.addr).await.unwrap()
}

/// Whether the server closes `stream` (or answers and closes it) within
/// `within`, reading whatever it sends.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    let mut buf = [0u8; 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0) | Err(_)) => return true,
            Ok(Ok(_)) => {}
        }
    }
}

/// `GET /healthz` over `stream`: the status line.
async fn health_over(stream: &mut TcpStream) -> String {
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .expect("an answer")
        .unwrap();
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn headers_sent_too_slowly_are_cut_off_and_others_are_served_meanwhile() {
    let app = spawn_app_with(|c| c.header_read_timeout_secs = 1).await;
    let mut half_sent = connect_from(&app, 1).await;
    half_sent
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\n")
        .await
        .unwrap();
    // A slowloris: a header line now and then, never the blank line.
    let mut trickle = connect_from(&app, 1).await;
    let trickling = tokio::spawn(async move {
        let started = Instant::now();
        let _ = trickle.write_all(b"GET /healthz HTTP/1.1\r\n").await;
        for n in 0..20 {
            tokio::time::sleep(Duration::from_millis(250)).await;
            if trickle
                .write_all(format!("X-Slow-{n}: x\r\n").as_bytes())
                .await
                .is_err()
            {
                break;
            }
        }
        (
            closed_within(&mut trickle, Duration::from_secs(1)).await,
            started.elapsed(),
        )
    });

    let mut other = connect_from(&app, 1).await;
    assert_eq!(health_over(&mut other).await, "HTTP/1.1 200 OK");
    assert!(
        closed_within(&mut half_sent, Duration::from_secs(4)).await,
        "a half-sent request is cut off"
    );
    let (closed, after) = trickling.await.unwrap();
    assert!(closed, "a trickle of header lines is cut off");
    assert!(after < Duration::from_secs(5), "{after:?}");
}

#[tokio::test]
async fn a_connection_whose_first_request_never_comes_is_closed() {
    let app = spawn_app_with(|c| c.header_read_timeout_secs = 1).await;
    // Nothing at all; a part of the HTTP/2 preface; the whole preface and
    // then nothing.
    let mut silent = connect_from(&app, 1).await;
    let mut partial = connect_from(&app, 1).await;
    partial.write_all(b"PRI * HT").await.unwrap();
    let mut preface = connect_from(&app, 1).await;
    preface
        .write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
        .await
        .unwrap();

    let closed = [
        closed_within(&mut silent, Duration::from_secs(4)).await,
        closed_within(&mut partial, Duration::from_secs(4)).await,
        closed_within(&mut preface, Duration::from_secs(4)).await,
    ];

    assert_eq!(closed, [true, true, true]);
    // A keep-alive connection that did send a request is not cut off by
    // that deadline while it is being answered.
    let mut busy = connect_from(&app, 1).await;
    assert_eq!(health_over(&mut busy).await, "HTTP/1.1 200 OK");
}

#[tokio::test]
async fn one_address_holds_only_so_many_connections_and_others_still_connect() {
    let app = spawn_app_with(|c| c.max_connections_per_client = 3).await;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(connect_from(&app, 2).await);
    }
    // Let the server count them before the next arrives.
    tokio::time::sleep(Duration::from_millis(200)).await;

    let mut one_too_many = connect_from(&app, 2).await;
    let refused = closed_within(&mut one_too_many, Duration::from_secs(3)).await;
    let mut from_elsewhere = connect_from(&app, 3).await;
    let elsewhere = health_over(&mut from_elsewhere).await;
    let mut on_held = held.pop().unwrap();
    let on_a_held_one = health_over(&mut on_held).await;
    drop(on_held);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut after_one_closed = connect_from(&app, 2).await;
    let again = health_over(&mut after_one_closed).await;

    assert!(
        refused,
        "the fourth connection of 127.0.0.2 is closed at once"
    );
    assert_eq!(elsewhere, "HTTP/1.1 200 OK");
    assert_eq!(on_a_held_one, "HTTP/1.1 200 OK");
    assert_eq!(
        again, "HTTP/1.1 200 OK",
        "a closed connection frees its place"
    );
}

/// Sign in with a wrong password from `127.0.0.<host>`, saying the client
/// is `forwarded_for`: the error code.
async fn attempt(app: &TestApp, host: u8, forwarded_for: &str, email: &str) -> String {
    let client = reqwest::Client::builder()
        .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, host)))
        .build()
        .unwrap();
    let body: Value = client
        .post(app.url("/graphql"))
        .header("x-forwarded-for", forwarded_for)
        .header("forwarded", format!("for={forwarded_for}"))
        .json(&json!({
            "query": "mutation($e: String!) { login(email: $e, password: \"guess\") { token } }",
            "variables": { "e": email },
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    error_code(&body).to_owned()
}

#[tokio::test]
async fn behind_a_trusted_proxy_clients_are_told_apart_and_nobody_else_is_believed() {
    let app = spawn_app_with(|c| {
        c.auth.login_attempts_per_minute_per_client = 2;
        c.trusted_proxies = vec!["127.0.0.2/32".parse().unwrap()];
    })
    .await;
    let email = |n: u32| format!("nobody{n}.fictional@example.org");

    // Through the proxy, one client uses up its attempts...
    let first_client: Vec<String> = [
        attempt(&app, 2, "198.51.100.1", &email(1)).await,
        attempt(&app, 2, "198.51.100.1", &email(2)).await,
        attempt(&app, 2, "198.51.100.1", &email(3)).await,
    ]
    .into();
    // ...and another client behind the same proxy still has its own.
    let second_client = attempt(&app, 2, "198.51.100.2", &email(4)).await;

    // A client that is not a proxy cannot pose as others: its own address
    // counts, whatever it writes.
    let spoofing: Vec<String> = [
        attempt(&app, 3, "203.0.113.1", &email(5)).await,
        attempt(&app, 3, "203.0.113.2", &email(6)).await,
        attempt(&app, 3, "203.0.113.3", &email(7)).await,
    ]
    .into();

    assert_eq!(
        first_client,
        ["UNAUTHENTICATED", "UNAUTHENTICATED", "RATE_LIMITED"]
    );
    assert_eq!(second_client, "UNAUTHENTICATED");
    assert_eq!(
        spoofing,
        ["UNAUTHENTICATED", "UNAUTHENTICATED", "RATE_LIMITED"]
    );
}
