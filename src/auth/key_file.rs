//! The signing key a SQLite deployment keeps beside its database when no
//! key is configured: made on first start, reused after. It lives in its
//! own file, never inside the database, so a copy of the database (a
//! backup, a replica, a file sent for a bug report) does not carry it.

use std::{
    fs::OpenOptions,
    io::{ErrorKind, Write},
    path::{Path, PathBuf},
};

use anyhow::{Context, bail};
use base64::{Engine, engine::general_purpose::STANDARD};
use rand::TryRngCore;

/// Random bytes in a generated key (384 bits), as `openssl rand -base64 48`
/// makes; the file holds them in base64.
const GENERATED_BYTES: usize = 48;

/// `<database file>.jwt-key`, in the database's folder.
pub fn beside(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".jwt-key");
    PathBuf::from(name)
}

/// A new random secret, base64 text (64 characters).
pub fn random_secret() -> anyhow::Result<String> {
    let mut bytes = [0u8; GENERATED_BYTES];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .context("the operating system gave no random bytes for a signing key")?;
    Ok(STANDARD.encode(bytes))
}

/// The key in `path`, made first if there is none; and whether it was
/// made now.
pub fn read_or_create(path: &Path) -> anyhow::Result<(Vec<u8>, bool)> {
    if let Some(key) = read(path)? {
        return Ok((key, false));
    }
    let created = create(path)?;
    let key = read(path)?.with_context(|| format!("{} vanished", path.display()))?;
    Ok((key, created))
}

/// The key in `path`, without one trailing newline; `None` when there is
/// no such file. Whoever can read the file can sign tokens for any
/// account, and whoever can plant it chooses that key, so it must be a
/// regular file (not a link) that this process's user owns and no one
/// else may read or write; the file read is the one checked.
pub fn read(path: &Path) -> anyhow::Result<Option<Vec<u8>>> {
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    if !metadata.file_type().is_file() {
        bail!(
            "the signing key {} is not a regular file (a link or a folder); \
             remove it, and a new key is made at the next start",
            path.display()
        );
    }
    #[cfg(unix)]
    owner_only(path, &metadata)?;
    let mut file =
        std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let opened = file.metadata()?;
        if (opened.dev(), opened.ino()) != (metadata.dev(), metadata.ino()) {
            bail!(
                "the signing key {} changed while it was read",
                path.display()
            );
        }
    }
    let mut key = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut key)
        .with_context(|| format!("reading {}", path.display()))?;
    if key.ends_with(b"\n") {
        key.pop();
        if key.ends_with(b"\r") {
            key.pop();
        }
    }
    Ok(Some(key))
}

/// Refuse a key file open to other users, or owned by another user than
/// the one this process runs as (read from `/proc/self` where there is
/// one: a file planted by someone else would choose the key).
#[cfg(unix)]
fn owner_only(path: &Path, metadata: &std::fs::Metadata) -> anyhow::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let mode = metadata.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        bail!(
            "the signing key {path} is open to other users (mode {mode:o}); \
             make it owner-only with `chmod 600 {path}`",
            path = path.display()
        );
    }
    if let Ok(me) = std::fs::metadata("/proc/self")
        && metadata.uid() != me.uid()
    {
        bail!(
            "the signing key {path} belongs to user {owner}, not to the user the server runs \
             as ({me}); whoever owns it chose the key: remove it, and a new key is made at the \
             next start",
            path = path.display(),
            owner = metadata.uid(),
            me = me.uid()
        );
    }
    Ok(())
}

/// Write a new key to `path` so that no reader ever sees a part of it and
/// two processes starting at once agree on one key: the key goes to an
/// owner-only temporary file in the same folder, which is then linked to
/// `path` only if `path` does not exist yet. Returns whether this call
/// made the file (false: another process was first).
fn create(path: &Path) -> anyhow::Result<bool> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{} names no file", path.display()))?;
    let temporary = folder.join(format!(
        ".{}.{}-{:016x}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        rand::random::<u64>()
    ));
    let written = write_owner_only(&temporary, random_secret()?.as_bytes());
    let linked = written.and_then(|()| match std::fs::hard_link(&temporary, path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    });
    let _ = std::fs::remove_file(&temporary);
    let created = linked.with_context(|| {
        format!(
            "cannot create the signing key {}; set JWT_SECRET instead",
            path.display()
        )
    })?;
    // The link is durable once the folder is: best effort, as a lost key
    // only signs everyone out.
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(created)
}

fn write_owner_only(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}
