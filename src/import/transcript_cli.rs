//! `igf-perspectives transcript`: one transcript file into one session, a
//! summary of what changed, its warnings, and a non-zero exit on error.

use std::{io::Read, path::Path};

use anyhow::{Context, bail};

use super::{Outcome, transcript::MAX_HTML_BYTES};
use crate::{
    config::DbConfig,
    service::{audit::Actor, transcript::TranscriptReport},
};

/// The file's text: refused when over the limit, or not UTF-8 text.
fn read(path: &Path) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    let limit = MAX_HTML_BYTES as u64 + 1;
    if path.as_os_str() == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    }
    .with_context(|| format!("reading {}", path.display()))?;
    if bytes.len() > MAX_HTML_BYTES {
        bail!(
            "{}: over the limit of {MAX_HTML_BYTES} bytes for one transcript",
            path.display()
        );
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..valid]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            bail!(
                "{}: line {line}: not a text transcript: the bytes are not UTF-8 text",
                path.display()
            )
        }
    }
}

/// What the import did, in a few lines.
fn summary(r: &TranscriptReport, dry_run: bool) -> String {
    let verb = match (r.outcome, dry_run) {
        (Outcome::Created, false) => "created",
        (Outcome::Created, true) => "would create",
        (Outcome::Updated, false) => "updated",
        (Outcome::Updated, true) => "would update",
        (Outcome::Unchanged, _) => "unchanged",
    };
    let mut out = format!(
        "{verb} the transcript of {}: {} interventions, {} words, {} s ({} s estimated)\n    \
         {} created, {} updated, {} unchanged, {} removed; {} matched to a role, {} from the floor",
        r.session.code,
        r.turns,
        r.words,
        r.seconds,
        r.estimated_seconds,
        r.created,
        r.updated,
        r.unchanged,
        r.removed,
        r.matched,
        r.floor,
    );
    if !r.unmatched_labels.is_empty() {
        out.push_str(&format!(
            "\n    unmatched: {}",
            r.unmatched_labels.join(", ")
        ));
    }
    if !r.kept.is_empty() {
        out.push_str(&format!("\n    kept: {}", r.kept.join("; ")));
    }
    for w in &r.warnings {
        out.push_str(&format!("\n    warning: {w}"));
    }
    out
}

pub async fn run(
    db: DbConfig,
    event: &str,
    session: &str,
    dry_run: bool,
    file: &Path,
) -> anyhow::Result<()> {
    let text = read(file)?;
    let conn = crate::db::connect(&db.database_url).await?;
    crate::db::migrate(&conn).await?;
    let actor = Actor {
        user_id: None,
        label: "cli".into(),
    };
    let target = crate::service::transcript::find_session(&conn, event, session).await;
    let report = match target {
        Ok(s) => crate::service::transcript::import_into(&conn, &actor, s, &text, dry_run).await,
        Err(e) => Err(e),
    };
    match report {
        Ok(report) => {
            println!("{}", summary(&report, dry_run));
            if dry_run {
                println!("dry run: nothing written");
            }
            Ok(())
        }
        Err(e) => {
            let e = e.to_string();
            bail!(
                "{}: {}",
                file.display(),
                e.strip_prefix("text: ").unwrap_or(&e)
            )
        }
    }
}
