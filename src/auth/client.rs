//! Where a request comes from: the HTTP layer puts the client's address in
//! the request data, and sign-in limits attempts per address. Behind a
//! reverse proxy every connection comes from the proxy; only when the
//! connection comes from a network configured as a trusted proxy is the
//! client's address read from `Forwarded` or `X-Forwarded-For`, and never
//! otherwise (any client can write those headers).

use std::{net::IpAddr, str::FromStr};

use axum::http::{HeaderMap, HeaderName, header};
use ipnet::IpNet;

/// The address a request came from, for per-client rate limits.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub IpAddr);

/// Networks whose connections are reverse proxies that say whom they
/// forward, and the header they say it in.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies {
    networks: Vec<IpNet>,
    header: ForwardedHeader,
}

/// The header trusted proxies write the client's address in. Only that
/// one is read: a proxy that writes `X-Forwarded-For` passes a client's
/// own `Forwarded` header through untouched, and the other way round.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For: client, proxy1, …` (nginx, HAProxy, cloud load
    /// balancers).
    #[default]
    XForwardedFor,
    /// `Forwarded: for=client, for=proxy1` (RFC 7239).
    Forwarded,
}

/// A network as configured: `10.0.0.0/8`, `::1/128`, or one address.
pub fn parse_network(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    IpNet::from_str(text)
        .or_else(|_| IpAddr::from_str(text).map(IpNet::from))
        .map_err(|_| format!("`{text}` is neither a network (10.0.0.0/8) nor an address"))
}

impl TrustedProxies {
    pub fn new(networks: Vec<IpNet>, header: ForwardedHeader) -> Self {
        Self { networks, header }
    }

    /// Whether `ip` is in a trusted proxy's network. An IPv4 address seen
    /// as IPv6 (`::ffff:10.0.0.1`) is the IPv4 address.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.networks.iter().any(|net| net.contains(&ip))
    }

    /// The client's address for a connection from `peer`: `peer` itself
    /// unless it is a trusted proxy. From a trusted proxy, the forwarded
    /// addresses of the configured header are read from the nearest hop
    /// back, and the first that is not a trusted proxy is the client. An entry that is not an address (`unknown`, an
    /// obfuscated name) ends the walk: nothing beyond it can be trusted, so
    /// the last trusted hop stands for the client.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.contains(peer) {
            return peer;
        }
        let hops = match self.header {
            ForwardedHeader::Forwarded => forwarded_for(headers),
            ForwardedHeader::XForwardedFor => {
                listed(headers, &HeaderName::from_static("x-forwarded-for"))
            }
        };
        let mut client = peer;
        for hop in hops.iter().rev() {
            match hop {
                Some(ip) if self.contains(*ip) => client = *ip,
                Some(ip) => return *ip,
                None => break,
            }
        }
        client
    }
}

/// The `for=` addresses of every `Forwarded` element (RFC 7239), in order;
/// `None` for one that is not an address.
fn forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let mut out = Vec::new();
    for value in headers.get_all(header::FORWARDED) {
        let Ok(value) = value.to_str() else {
            out.push(None);
            continue;
        };
        for element in value.split(',') {
            let node = element.split(';').find_map(|pair| {
                let (name, value) = pair.split_once('=')?;
                name.trim()
                    .eq_ignore_ascii_case("for")
                    .then(|| value.trim().trim_matches('"'))
            });
            if let Some(node) = node {
                out.push(node_address(node));
            }
        }
    }
    out
}

/// The addresses of a comma-separated list header, in order.
fn listed(headers: &HeaderMap, name: &HeaderName) -> Vec<Option<IpAddr>> {
    headers
        .get_all(name)
        .iter()
        .flat_map(|value| match value.to_str() {
            Ok(value) => value.split(',').map(|v| node_address(v.trim())).collect(),
            Err(_) => vec![None],
        })
        .collect()
}

/// An address as a proxy writes it: `192.0.2.1`, `192.0.2.1:4711`,
/// `[2001:db8::1]`, `[2001:db8::1]:4711` or `2001:db8::1`.
fn node_address(node: &str) -> Option<IpAddr> {
    if let Some(rest) = node.strip_prefix('[') {
        let (ip, _) = rest.split_once(']')?;
        return ip.parse::<IpAddr>().ok().map(|ip| ip.to_canonical());
    }
    if let Ok(ip) = node.parse::<IpAddr>() {
        return Some(ip.to_canonical());
    }
    let (ip, port) = node.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    ip.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn only_a_trusted_peer_is_believed_and_only_up_to_the_first_untrusted_hop() {
        let networks = vec![
            parse_network("10.0.0.0/8").unwrap(),
            parse_network("::1").unwrap(),
        ];
        let trusted = TrustedProxies::new(networks.clone(), ForwardedHeader::XForwardedFor);
        let rfc = TrustedProxies::new(networks, ForwardedHeader::Forwarded);
        let spoofed = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(
            trusted.client(ip("198.51.100.7"), &spoofed),
            ip("198.51.100.7")
        );
        assert_eq!(trusted.client(ip("10.1.2.3"), &spoofed), ip("203.0.113.9"));
        // The client wrote a first address itself; the proxies appended.
        let chain = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.9, 10.9.9.9")]);
        assert_eq!(trusted.client(ip("10.1.2.3"), &chain), ip("203.0.113.9"));
        let forwarded = headers(&[
            ("forwarded", "for=1.2.3.4"),
            (
                "forwarded",
                "for=\"[2001:db8::7]:4711\";proto=https, For=10.0.0.2:80",
            ),
            ("x-forwarded-for", "198.51.100.1"),
        ]);
        assert_eq!(rfc.client(ip("::1"), &forwarded), ip("2001:db8::7"));
        // Each reads its own header only: a client's own `Forwarded` is
        // nothing to a proxy that writes `X-Forwarded-For`.
        assert_eq!(trusted.client(ip("::1"), &forwarded), ip("198.51.100.1"));
        let unknown = headers(&[("forwarded", "for=192.0.2.60, for=unknown, for=10.0.0.5")]);
        assert_eq!(rfc.client(ip("10.1.2.3"), &unknown), ip("10.0.0.5"));
        assert_eq!(trusted.client(ip("10.1.2.3"), &unknown), ip("10.1.2.3"));
        assert_eq!(
            trusted.client(ip("10.1.2.3"), &HeaderMap::new()),
            ip("10.1.2.3")
        );
        assert_eq!(
            trusted.client(ip("::ffff:10.1.2.3"), &spoofed),
            ip("203.0.113.9")
        );
        assert!(parse_network("ten").is_err());
    }
}
