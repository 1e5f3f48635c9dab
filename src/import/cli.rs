//! `igf-perspectives import`: many files, one transaction each, a summary
//! line per file, a progress bar on a terminal, and a non-zero exit when
//! any file failed.

use std::{
    io::Read,
    path::{Path, PathBuf},
};

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};

use super::{Options, Outcome, Report, Target};
use crate::{config::DbConfig, service::audit::Actor, service::reference::ReferenceData};

/// The files to import: `-`, files, and every `.txt`, `.html` and `.htm`
/// of a folder, sorted.
fn expand(paths: Vec<PathBuf>) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || path.is_file() {
            files.push(path);
        } else if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&path)
                .with_context(|| format!("reading folder {}", path.display()))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension().is_some_and(|e| {
                            ["txt", "html", "htm"]
                                .iter()
                                .any(|x| e.eq_ignore_ascii_case(x))
                        })
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            bail!("{}: no such file or folder", path.display());
        }
    }
    Ok(files)
}

fn read(path: &Path) -> Result<String, String> {
    let mut bytes = Vec::new();
    let limit = super::MAX_HTML_BYTES as u64 + 1;
    let read = if path.as_os_str() == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    read.map_err(|e| e.to_string())?;
    super::decode(&bytes)
}

fn summary(report: &Report, dry_run: bool) -> String {
    let verb = match (report.outcome, dry_run) {
        (Outcome::Created, false) => "created",
        (Outcome::Created, true) => "would create",
        (Outcome::Updated, false) => "updated",
        (Outcome::Updated, true) => "would update",
        (Outcome::Unchanged, _) => "unchanged",
    };
    let mut line = format!("{verb} {} \"{}\"", report.code, report.title);
    if report.outcome == Outcome::Created {
        line.push_str(&format!(" ({} records)", report.created.len()));
    } else {
        for (what, items) in [
            ("added", &report.created),
            ("changed", &report.updated),
            ("removed", &report.removed),
        ] {
            if !items.is_empty() {
                line.push_str(&format!("; {what}: {}", items.join(", ")));
            }
        }
    }
    if !report.kept.is_empty() {
        line.push_str(&format!("; kept: {}", report.kept.join(", ")));
    }
    line.push_str(&format!("\n    {}", report.counts.line()));
    for warning in &report.warnings {
        line.push_str(&format!("\n    warning: {warning}"));
    }
    line
}

pub async fn run(
    db: DbConfig,
    event: String,
    options: Options,
    paths: Vec<PathBuf>,
) -> anyhow::Result<()> {
    let files = expand(paths)?;
    let conn = crate::db::connect(&db.database_url).await?;
    crate::db::migrate(&conn).await?;
    let reference = ReferenceData::load(&conn).await?;
    let actor = Actor {
        user_id: None,
        label: "cli".into(),
    };
    let target = Target::CreateIfMissing(event.clone());
    let bar = if files.len() > 1 {
        ProgressBar::new(files.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let (mut created, mut updated, mut unchanged, mut failed, mut warned) = (0, 0, 0, 0, 0);
    for file in &files {
        let name = if file.as_os_str() == "-" {
            "<stdin>".to_owned()
        } else {
            file.display().to_string()
        };
        bar.set_message(name.clone());
        let result = match read(file) {
            Ok(text) => super::import(&conn, &actor, &target, &text, &reference, options)
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        match result {
            Ok(report) => {
                match report.outcome {
                    Outcome::Created => created += 1,
                    Outcome::Updated => updated += 1,
                    Outcome::Unchanged => unchanged += 1,
                }
                warned += usize::from(!report.warnings.is_empty());
                bar.suspend(|| println!("{name}: {}", summary(&report, options.dry_run)));
            }
            Err(reason) => {
                failed += 1;
                let reason = reason.strip_prefix("text: ").unwrap_or(&reason).to_owned();
                bar.suspend(|| println!("{name}: error: {reason}"));
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let dry = if options.dry_run {
        " (dry run: nothing written)"
    } else {
        ""
    };
    println!(
        "{} files into {event}: {created} created, {updated} updated, {unchanged} unchanged, {failed} failed, {warned} with warnings{dry}",
        files.len()
    );
    if failed > 0 {
        bail!("{failed} of {} files failed to import", files.len());
    }
    Ok(())
}
