//! Signing and verifying JWTs. The server signs with its own key (HS256
//! with `JWT_SECRET` or, on SQLite, a key file beside the database; or a
//! configured private key with its `kid`) and also
//! trusts, for verification only, the public keys of external identity
//! providers. A token's `kid` picks the key, so keys can rotate and several
//! issuers can be trusted; the header's `alg` must be the key's own, which
//! shuts out `alg: none` and HS256 tokens signed with a public key.

use std::{
    collections::HashSet,
    fmt,
    path::{Path, PathBuf},
};

use anyhow::{Context, bail};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, jwk::JwkSet};
use serde::{Deserialize, Serialize};

use crate::{
    auth::key_file,
    config::AuthConfig,
    db::SqliteFile,
    error::{AppError, AppResult},
};

/// The secret earlier versions signed with when no key was configured.
/// The README published it, so anyone could sign an admin token with it:
/// it never signs, and is refused wherever a secret is read.
pub const DEVELOPMENT_SECRET: &str = "igf-perspectives-development-secret-do-not-use-in-production";
/// Shortest signing secret accepted (256 bits).
pub const MIN_SECRET_BYTES: usize = 32;
/// How to make a secret, for the messages that refuse one.
pub const HOW_TO_MAKE_A_SECRET: &str = "make one with `openssl rand -base64 48`";
/// Clock skew tolerated on `exp` and `nbf`, in seconds.
pub const LEEWAY_SECS: u64 = 30;

/// Where this server's signing key comes from: logged at start (never the
/// key itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// `JWT_SECRET`.
    Secret,
    /// The key file beside the SQLite database, as an earlier start left it.
    KeyFile(PathBuf),
    /// The key file beside the SQLite database, made by this start.
    GeneratedKeyFile(PathBuf),
    /// A random key in memory only, for an in-memory SQLite database.
    Ephemeral,
    /// `JWT_PRIVATE_KEY_FILE` signs, `JWT_PUBLIC_KEY_FILE` verifies.
    KeyPair { private: PathBuf, public: PathBuf },
}

impl fmt::Display for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySource::Secret => f.write_str("JWT_SECRET"),
            KeySource::KeyFile(path) => write!(f, "key file {}", path.display()),
            KeySource::GeneratedKeyFile(path) => {
                write!(f, "key file {} (generated now)", path.display())
            }
            KeySource::Ephemeral => f.write_str(
                "ephemeral random key (in-memory database: its tokens end with the process)",
            ),
            KeySource::KeyPair { private, public } => {
                write!(f, "key pair {} / {}", private.display(), public.display())
            }
        }
    }
}

/// Refuse a signing secret that anyone could know or guess, or that looks
/// like a paste error. `name` says where it came from, never what it is.
pub fn check_secret(secret: &[u8], name: &str) -> anyhow::Result<()> {
    let trimmed = secret.trim_ascii();
    if trimmed == DEVELOPMENT_SECRET.as_bytes() {
        bail!(
            "{name} is the development secret published in the README, which anyone can \
             sign tokens with; {HOW_TO_MAKE_A_SECRET}"
        );
    }
    if trimmed.len() != secret.len() {
        bail!(
            "{name} starts or ends with whitespace, most likely a paste error; \
             remove it, or {HOW_TO_MAKE_A_SECRET}"
        );
    }
    if secret.len() < MIN_SECRET_BYTES {
        bail!(
            "{name} is {} bytes; a signing secret needs at least {MIN_SECRET_BYTES}: \
             {HOW_TO_MAKE_A_SECRET}",
            secret.len()
        );
    }
    if secret.iter().all(|b| *b == secret[0]) {
        bail!("{name} is one character repeated; {HOW_TO_MAKE_A_SECRET}");
    }
    Ok(())
}

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
    /// Our tokens: the account's token generation when it was signed
    /// (tokens signed before generations existed count as 0).
    #[serde(rename = "gen", default, skip_serializing_if = "Option::is_none")]
    pub generation: Option<i32>,
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
    source: KeySource,
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

/// This server's own key: what signs, what verifies, and where it came from.
struct OwnKey {
    signing: EncodingKey,
    verifying: DecodingKey,
    alg: Algorithm,
    source: KeySource,
}

impl OwnKey {
    /// The configured key pair, else `JWT_SECRET`, else, on SQLite, the key
    /// file beside the database. There is no built-in secret.
    fn from_config(config: &AuthConfig, database_url: &str) -> anyhow::Result<Self> {
        if let Some(private) = &config.jwt_private_key_file {
            return Self::key_pair(config, private);
        }
        let (secret, source) = match config.jwt_secret.as_deref() {
            Some(secret) => {
                check_secret(secret.as_bytes(), "JWT_SECRET")?;
                (secret.as_bytes().to_vec(), KeySource::Secret)
            }
            None => Self::secret_for_database(database_url)?,
        };
        Ok(Self {
            signing: EncodingKey::from_secret(&secret),
            verifying: DecodingKey::from_secret(&secret),
            alg: Algorithm::HS256,
            source,
        })
    }

    /// With no key configured: SQLite keeps one in a file beside the
    /// database (an in-memory database, in memory); PostgreSQL serves
    /// several instances, which must share one key, so it needs a
    /// configured key.
    fn secret_for_database(database_url: &str) -> anyhow::Result<(Vec<u8>, KeySource)> {
        match crate::db::sqlite_file(database_url)? {
            Some(SqliteFile::Memory) => Ok((
                key_file::random_secret()?.into_bytes(),
                KeySource::Ephemeral,
            )),
            Some(SqliteFile::Path(database)) => {
                let path = key_file::beside(&database);
                let (key, created) = key_file::read_or_create(&path)?;
                check_secret(&key, &format!("the signing key {}", path.display()))?;
                let source = if created {
                    KeySource::GeneratedKeyFile(path)
                } else {
                    KeySource::KeyFile(path)
                };
                Ok((key, source))
            }
            None => bail!(
                "no signing key is configured, and on PostgreSQL the server keeps none of its \
                 own: set JWT_SECRET to a random secret of at least {MIN_SECRET_BYTES} bytes, \
                 the same on every instance (`export JWT_SECRET=$(openssl rand -base64 48)`), \
                 or sign with a key pair (JWT_PRIVATE_KEY_FILE, JWT_PUBLIC_KEY_FILE, JWT_KEY_ID)"
            ),
        }
    }

    fn key_pair(config: &AuthConfig, private_path: &Path) -> anyhow::Result<Self> {
        let public_path = config
            .jwt_public_key_file
            .as_ref()
            .context("JWT_PRIVATE_KEY_FILE needs JWT_PUBLIC_KEY_FILE, to verify what it signs")?;
        let (private, public) = (read(private_path)?, read(public_path)?);
        let alg = config.jwt_algorithm;
        let (signing, verifying) = match alg {
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
            bail!("a private signing key needs JWT_KEY_ID, so tokens name it and keys can rotate");
        }
        Ok(Self {
            signing,
            verifying,
            alg,
            source: KeySource::KeyPair {
                private: private_path.to_owned(),
                public: public_path.clone(),
            },
        })
    }
}

impl Keys {
    /// Build the key set from configuration, refusing what would make
    /// tokens forgeable. `database_url` decides where a key that is not
    /// configured comes from (see [`OwnKey::from_config`]).
    pub fn from_config(config: &AuthConfig, database_url: &str) -> anyhow::Result<Self> {
        let own = OwnKey::from_config(config, database_url)?;
        tracing::info!(jwt.key_source = %own.source, "signing key: {}", own.source);
        let (signing_key, decoding_key, signing_alg) = (own.signing, own.verifying, own.alg);
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
            source: own.source,
            issuer: config.jwt_issuer.clone(),
            audience: config.jwt_audience.clone(),
            verifiers,
        })
    }

    /// Where the signing key came from.
    pub fn source(&self) -> &KeySource {
        &self.source
    }

    /// Sign a token for `sub` with this server's key, valid for `ttl_secs`
    /// and until the account's token generation moves past `generation`.
    pub fn issue(
        &self,
        sub: &str,
        role: &str,
        generation: i32,
        ttl_secs: u64,
    ) -> AppResult<(String, u64)> {
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
            generation: Some(generation),
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
