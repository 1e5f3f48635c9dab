//! Where a request comes from: the HTTP layer puts the client's address in
//! the request data, and sign-in limits attempts per address.

use std::net::IpAddr;

/// The address a request came from, for per-client rate limits.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub IpAddr);
