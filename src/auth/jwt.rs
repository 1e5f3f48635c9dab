//! Signing and verifying JWTs. The server signs with its own key (HS256
//! with `JWT_SECRET`, or a configured private key with its `kid`) and also
//! trusts, for verification only, the public keys of external identity
//! providers. A token's `kid` picks the key, so keys can rotate and several
//! issuers can be trusted; the header's `alg` must be the key's own, which
//! shuts out `alg: none` and HS256 tokens signed with a public key.

use std::{collections::HashSet, path::Path};

use anyhow::{Context, bail};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, jwk::JwkSet};
use serde::{Deserialize, Serialize};

use crate::{
    config::AuthConfig,
    error::{AppError, AppResult},
};

/// Used outside production when no `JWT_SECRET` is set, with a warning.
/// Never accepted with `APP_ENV=production`.
pub const DEVELOPMENT_SECRET: &str = "igf-perspectives-development-secret-do-not-use-in-production";
/// Shortest `JWT_SECRET` accepted in production (256 bits).
pub const MIN_SECRET_BYTES: usize = 32;
/// Clock skew tolerated on `exp` and `nbf`, in seconds.
pub const LEEWAY_SECS: u64 = 30;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// Our tokens: the user's id. External tokens: the provider's subject.
    pub sub: String,
    /// The role when the token was issued; the stored role decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// External tokens map to a user by this claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub iss: String,
    /// A string or a list, as RFC 7519 allows; checked by the validation.
    pub aud: serde_json::Value,
    pub exp: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<u64>,
}

/// Who verified a token: this server, or a trusted external issuer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Own,
    External,
}

struct Verifier {
    kid: Option<String>,
    alg: Algorithm,
    key: DecodingKey,
    issuer: String,
    audience: Vec<String>,
    origin: Origin,
}

pub struct Keys {
    signing_key: EncodingKey,
    signing_alg: Algorithm,
    signing_kid: Option<String>,
    issuer: String,
    audience: String,
    verifiers: Vec<Verifier>,
}

/// One trusted external issuer, as listed in `JWT_TRUSTED_ISSUERS_FILE`:
/// `[{"issuer": "https://idp.example", "audience": ["igf-perspectives"], "jwks": {"keys": [...]}}]`.
#[derive(Deserialize)]
struct TrustedIssuer {
    issuer: String,
    audience: Vec<String>,
    jwks: JwkSet,
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

impl Keys {
    /// Build the key set from configuration, refusing in production what
    /// would make tokens forgeable.
    pub fn from_config(config: &AuthConfig) -> anyhow::Result<Self> {
        let production = config.app_env.eq_ignore_ascii_case("production");
        let (signing_key, decoding_key, signing_alg) = match &config.jwt_private_key_file {
            Some(private) => {
                let public = config.jwt_public_key_file.as_ref().context(
                    "JWT_PRIVATE_KEY_FILE needs JWT_PUBLIC_KEY_FILE, to verify what it signs",
                )?;
                let (private, public) = (read(private)?, read(public)?);
                let alg = config.jwt_algorithm;
                let pair = match alg {
                    Algorithm::ES256 | Algorithm::ES384 => (
                        EncodingKey::from_ec_pem(&private)?,
                        DecodingKey::from_ec_pem(&public)?,
                    ),
                    Algorithm::EdDSA => (
                        EncodingKey::from_ed_pem(&private)?,
                        DecodingKey::from_ed_pem(&public)?,
                    ),
                    // RSA signing is refused: the RustCrypto `rsa` crate has a
                    // timing side channel in private-key operations
                    // (RUSTSEC-2023-0071). RS256 still verifies external tokens.
                    other => bail!("JWT_ALGORITHM {other:?} cannot sign here: use ES256 or EdDSA"),
                };
                if config.jwt_key_id.is_none() {
                    bail!(
                        "a private signing key needs JWT_KEY_ID, so tokens name it and keys can rotate"
                    );
                }
                (pair.0, pair.1, alg)
            }
            None => {
                let secret = match config.jwt_secret.as_deref() {
                    None if production => bail!(
                        "APP_ENV=production needs JWT_SECRET (at least {MIN_SECRET_BYTES} bytes)"
                    ),
                    None => {
                        tracing::warn!(
                            "JWT_SECRET is not set: signing with the documented development secret"
                        );
                        DEVELOPMENT_SECRET
                    }
                    Some(s) if s == DEVELOPMENT_SECRET && production => {
                        bail!("APP_ENV=production refuses the development JWT_SECRET")
                    }
                    Some(s) if s.len() < MIN_SECRET_BYTES && production => {
                        bail!(
                            "JWT_SECRET is {} bytes; production needs at least {MIN_SECRET_BYTES}",
                            s.len()
                        )
                    }
                    Some(s) => {
                        if s.len() < MIN_SECRET_BYTES {
                            tracing::warn!("JWT_SECRET is shorter than {MIN_SECRET_BYTES} bytes");
                        }
                        s
                    }
                };
                (
                    EncodingKey::from_secret(secret.as_bytes()),
                    DecodingKey::from_secret(secret.as_bytes()),
                    Algorithm::HS256,
                )
            }
        };
        let mut verifiers = vec![Verifier {
            kid: config.jwt_key_id.clone(),
            alg: signing_alg,
            key: decoding_key,
            issuer: config.jwt_issuer.clone(),
            audience: vec![config.jwt_audience.clone()],
            origin: Origin::Own,
        }];
        if let Some(path) = &config.jwt_trusted_issuers_file {
            let trusted: Vec<TrustedIssuer> = serde_json::from_slice(&read(path)?)
                .with_context(|| format!("{} is not a list of trusted issuers", path.display()))?;
            for issuer in trusted {
                for jwk in &issuer.jwks.keys {
                    let kid = jwk
                        .common
                        .key_id
                        .clone()
                        .context("every trusted key needs a `kid`")?;
                    let alg = jwk
                        .common
                        .key_algorithm
                        .and_then(|a| a.to_string().parse::<Algorithm>().ok())
                        .with_context(|| format!("trusted key {kid} needs an `alg`"))?;
                    if !matches!(alg, Algorithm::RS256 | Algorithm::ES256 | Algorithm::EdDSA) {
                        bail!(
                            "trusted key {kid}: only RS256, ES256 and EdDSA verify external tokens"
                        );
                    }
                    if verifiers
                        .iter()
                        .any(|v| v.kid.as_deref() == Some(kid.as_str()))
                    {
                        bail!("key id {kid} is configured twice");
                    }
                    verifiers.push(Verifier {
                        kid: Some(kid.clone()),
                        alg,
                        key: DecodingKey::from_jwk(jwk)
                            .with_context(|| format!("trusted key {kid}"))?,
                        issuer: issuer.issuer.clone(),
                        audience: issuer.audience.clone(),
                        origin: Origin::External,
                    });
                }
            }
        }
        Ok(Self {
            signing_key,
            signing_alg,
            signing_kid: config.jwt_key_id.clone(),
            issuer: config.jwt_issuer.clone(),
            audience: config.jwt_audience.clone(),
            verifiers,
        })
    }

    /// Sign a token for `sub` with this server's key, valid for `ttl_secs`.
    pub fn issue(&self, sub: &str, role: &str, ttl_secs: u64) -> AppResult<(String, u64)> {
        let now = jsonwebtoken::get_current_timestamp();
        let claims = Claims {
            sub: sub.to_owned(),
            role: Some(role.to_owned()),
            email: None,
            iss: self.issuer.clone(),
            aud: self.audience.clone().into(),
            exp: now + ttl_secs,
            nbf: Some(now),
            iat: Some(now),
        };
        let mut header = Header::new(self.signing_alg);
        header.kid = self.signing_kid.clone();
        let token = jsonwebtoken::encode(&header, &claims, &self.signing_key)
            .map_err(AppError::internal)?;
        Ok((token, claims.exp))
    }

    /// Verify a token and return its claims and who issued it, or
    /// `UNAUTHENTICATED` with a reason that gives nothing away.
    pub fn verify(&self, token: &str) -> AppResult<(Claims, Origin)> {
        let refuse = |why: &str| {
            AppError::Unauthenticated(format!("the bearer token is not accepted: {why}"))
        };
        let header = jsonwebtoken::decode_header(token)
            .map_err(|_| refuse("it is not a well-formed JWT"))?;
        let verifier = self
            .verifiers
            .iter()
            .find(|v| v.kid == header.kid)
            .ok_or_else(|| refuse("its key id is not trusted"))?;
        if header.alg != verifier.alg {
            return Err(refuse("its algorithm does not match its key"));
        }
        let mut validation = Validation::new(verifier.alg);
        validation.leeway = LEEWAY_SECS;
        validation.validate_nbf = true;
        validation.set_issuer(&[&verifier.issuer]);
        validation.aud = Some(verifier.audience.iter().cloned().collect::<HashSet<_>>());
        validation.set_required_spec_claims(&["exp", "sub", "iss", "aud"]);
        let data =
            jsonwebtoken::decode::<Claims>(token, &verifier.key, &validation).map_err(|e| {
                use jsonwebtoken::errors::ErrorKind;
                refuse(match e.kind() {
                    ErrorKind::ExpiredSignature => "it has expired",
                    ErrorKind::ImmatureSignature => "it is not valid yet",
                    ErrorKind::InvalidIssuer => "its issuer is not trusted",
                    ErrorKind::InvalidAudience => "it is meant for another audience",
                    ErrorKind::InvalidSignature => "its signature does not verify",
                    _ => "it does not verify",
                })
            })?;
        Ok((data.claims, verifier.origin))
    }
}
