//! Writing a transcript: its turns become the session's interventions, in
//! the caller's transaction. Importing the same session again updates in
//! place: turns found unchanged (same label and text, by a sequence diff)
//! keep their intervention ids, an edited turn in the same place with the
//! same label keeps its id too, and an intervention gone from the
//! transcript is deleted unless a position cites it, in which case it is
//! kept, marked as no longer in the transcript, and reported.

use std::collections::HashMap;

use entity::{intervention, person, position, session, transcript};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set};
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use super::{
    attribution::{Attribution, assigned, attribute_label, note_labels, panel},
    matching::{self, Panel},
};
use crate::{
    error::AppResult,
    import::{
        Outcome,
        transcript::{Speaker, Transcript, Turn},
    },
    service::{audit::Actor, write},
};

/// What importing a transcript did, or would do on a dry run.
#[derive(Debug, Clone)]
pub struct TranscriptReport {
    pub outcome: Outcome,
    pub session: session::Model,
    /// Turns read.
    pub turns: usize,
    pub words: i64,
    pub seconds: i64,
    pub estimated_seconds: i64,
    /// Interventions created, updated in place, left as they were, deleted.
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Interventions gone from the transcript but kept, because positions
    /// cite them.
    pub kept: Vec<String>,
    /// Turns matched to a role of the session, and floor turns.
    pub matched: usize,
    pub floor: usize,
    /// Distinct name labels matched to no one, as first written.
    pub unmatched_labels: Vec<String>,
    pub warnings: Vec<String>,
    /// Of `warnings`, what the reader found in the page.
    pub read_warnings: Vec<String>,
}

/// One turn as it will be stored.
struct Planned<'a> {
    turn: &'a Turn,
    key: String,
    who: Attribution,
}

/// Store `read` as session `session`'s transcript.
pub async fn store(
    txn: &DatabaseTransaction,
    actor: &Actor,
    session: session::Model,
    read: &Transcript,
    digest: String,
) -> AppResult<TranscriptReport> {
    let panel = panel(txn, session.id).await?;
    let assigned = assigned(txn, session.id).await?;
    let mut report = TranscriptReport {
        outcome: Outcome::Unchanged,
        turns: read.turns.len(),
        words: read.turns.iter().map(|t| i64::from(t.words)).sum(),
        seconds: read.turns.iter().map(|t| i64::from(t.seconds)).sum(),
        estimated_seconds: read
            .turns
            .iter()
            .filter(|t| t.seconds_estimated)
            .map(|t| i64::from(t.seconds))
            .sum(),
        created: 0,
        updated: 0,
        unchanged: 0,
        removed: 0,
        kept: Vec::new(),
        matched: 0,
        floor: 0,
        unmatched_labels: Vec::new(),
        warnings: read.warnings.clone(),
        read_warnings: read.warnings.clone(),
        session,
    };
    let planned = plan(&panel, &assigned, read, &mut report);
    let (transcript, existed, transcript_changed) =
        save_transcript(txn, actor, &report, &digest).await?;
    let existing = intervention::Entity::find()
        .filter(intervention::Column::TranscriptId.eq(transcript.id))
        .order_by_asc(intervention::Column::Ord)
        .order_by_asc(intervention::Column::Id)
        .all(txn)
        .await?;
    let (mut current, gone): (Vec<_>, Vec<_>) = existing.into_iter().partition(|i| i.in_transcript);
    let mut pairs = pair(&current, &planned);
    // A turn the diff did not place (moved, or back after an import that
    // lacked it) takes an intervention with its label and text that is
    // left over, kept ones included, rather than a new id.
    current.extend(gone);
    let mut taken = vec![false; current.len()];
    for &i in pairs.iter().flatten() {
        taken[i] = true;
    }
    let mut left: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, old) in current.iter().enumerate().rev() {
        if !taken[i] {
            left.entry((old.label.as_str(), old.text.as_str()))
                .or_default()
                .push(i);
        }
    }
    for (slot, p) in pairs.iter_mut().zip(&planned) {
        if slot.is_none() {
            *slot = left
                .get_mut(&(p.turn.label.as_str(), p.turn.text.as_str()))
                .and_then(Vec::pop);
        }
    }
    let mut reused = vec![false; current.len()];
    for (ord, (p, old)) in planned.iter().zip(&pairs).enumerate() {
        let ord = i32::try_from(ord + 1).unwrap_or(i32::MAX);
        let am = active(p, ord, &report.session, transcript.id);
        match old {
            Some(i) => {
                reused[*i] = true;
                let old = &current[*i];
                if same(old, &report.session, p, ord) {
                    report.unchanged += 1;
                } else {
                    write::update(txn, actor, old.id, old.version, am).await?;
                    report.updated += 1;
                }
            }
            None => {
                write::create(txn, actor, am).await?;
                report.created += 1;
            }
        }
    }
    let dropped = current
        .into_iter()
        .zip(reused)
        .filter(|(_, reused)| !reused)
        .map(|(i, _)| i);
    retire(txn, actor, dropped, &mut report).await?;
    note_unmatched(txn, actor, &report).await?;
    report.outcome = if !existed {
        Outcome::Created
    } else if report.created + report.updated + report.removed > 0 || transcript_changed {
        Outcome::Updated
    } else {
        Outcome::Unchanged
    };
    Ok(report)
}

/// Who said each turn, and the tallies of the report.
fn plan<'a>(
    panel: &Panel,
    assigned: &HashMap<String, person::Model>,
    read: &'a Transcript,
    report: &mut TranscriptReport,
) -> Vec<Planned<'a>> {
    let mut unmatched: Vec<(String, String, usize)> = Vec::new();
    let mut unmatched_roles: Vec<String> = Vec::new();
    let planned: Vec<Planned<'a>> = read
        .turns
        .iter()
        .map(|turn| {
            let key = matching::key(&turn.label);
            let who = match attribute_label(panel, assigned, &turn.label, &key, turn.speaker) {
                Some(who) => who,
                None => {
                    if turn.speaker == Speaker::Named {
                        match unmatched.iter_mut().find(|u| u.1 == key) {
                            Some(u) => u.2 += 1,
                            None => unmatched.push((turn.label.clone(), key.clone(), 1)),
                        }
                    } else if !unmatched_roles.contains(&turn.label) {
                        unmatched_roles.push(turn.label.clone());
                    }
                    Attribution::default()
                }
            };
            if who.is_floor {
                report.floor += 1;
            } else if who.person_id.is_some() || who.role_id.is_some() {
                report.matched += 1;
            }
            Planned { turn, key, who }
        })
        .collect();
    for (label, _, n) in &unmatched {
        let turns = if *n == 1 { "turn" } else { "turns" };
        report.warnings.push(format!(
            "speaker `{label}` ({n} {turns}) matches no one of the session's roles, or more \
             than one; queued for review (resolve it by naming the person)"
        ));
    }
    for label in unmatched_roles {
        report.warnings.push(format!(
            "role label `{label}`: the session does not have exactly one such role; its \
             turns are attributed to no one"
        ));
    }
    report.unmatched_labels = unmatched.into_iter().map(|u| u.0).collect();
    planned
}

/// For each planned turn, the index of the current intervention it keeps:
/// equal runs by label and text (a sequence diff), then, inside a replaced
/// run, turns in the same place with the same label (an edited turn).
fn pair(current: &[intervention::Model], planned: &[Planned<'_>]) -> Vec<Option<usize>> {
    let old: Vec<(&str, &str)> = current
        .iter()
        .map(|i| (i.label.as_str(), i.text.as_str()))
        .collect();
    let new: Vec<(&str, &str)> = planned
        .iter()
        .map(|p| (p.turn.label.as_str(), p.turn.text.as_str()))
        .collect();
    let mut pairs = vec![None; planned.len()];
    // A diff that takes too long gives up on finding the shortest edit;
    // its answer is still a correct one.
    let deadline = Instant::now() + Duration::from_secs(2);
    for op in capture_diff_slices_deadline(Algorithm::Myers, &old, &new, Some(deadline)) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    pairs[new_index + k] = Some(old_index + k);
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                for k in 0..old_len.min(new_len) {
                    if old[old_index + k].0 == new[new_index + k].0 {
                        pairs[new_index + k] = Some(old_index + k);
                    }
                }
            }
            DiffOp::Delete { .. } | DiffOp::Insert { .. } => {}
        }
    }
    pairs
}

/// Whether stored intervention `old` of `session` already is planned turn
/// `p` at `ord`.
fn same(old: &intervention::Model, session: &session::Model, p: &Planned<'_>, ord: i32) -> bool {
    let t = p.turn;
    old.in_transcript
        && old.event_id == Some(session.event_id)
        && old.ord == ord
        && old.label == t.label
        && old.label_key == p.key
        && old.text == t.text
        && old.words == to_i32(t.words)
        && old.seconds == to_i32(t.seconds)
        && old.seconds_estimated == t.seconds_estimated
        && old.self_introduction == t.self_introduction
        && old.is_floor == p.who.is_floor
        && old.person_id == p.who.person_id
        && old.role_id == p.who.role_id
        && old.role == p.who.role
        && old.stakeholder_group_id == p.who.stakeholder_group_id
        && old.region_id == p.who.region_id
        && old.participation == p.who.participation
}

fn to_i32(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Every column of planned turn `p` at `ord`.
fn active(
    p: &Planned<'_>,
    ord: i32,
    session: &session::Model,
    transcript_id: i64,
) -> intervention::ActiveModel {
    let t = p.turn;
    intervention::ActiveModel {
        session_id: Set(session.id),
        event_id: Set(Some(session.event_id)),
        transcript_id: Set(transcript_id),
        ord: Set(ord),
        in_transcript: Set(true),
        label: Set(t.label.clone()),
        label_key: Set(p.key.clone()),
        text: Set(t.text.clone()),
        words: Set(to_i32(t.words)),
        seconds: Set(to_i32(t.seconds)),
        seconds_estimated: Set(t.seconds_estimated),
        is_floor: Set(p.who.is_floor),
        self_introduction: Set(t.self_introduction.clone()),
        person_id: Set(p.who.person_id),
        role_id: Set(p.who.role_id),
        role: Set(p.who.role),
        stakeholder_group_id: Set(p.who.stakeholder_group_id),
        region_id: Set(p.who.region_id),
        participation: Set(p.who.participation),
        ..Default::default()
    }
}

/// The session's transcript row, created or brought to this import's
/// totals; and whether it existed, and whether it changed.
async fn save_transcript(
    txn: &DatabaseTransaction,
    actor: &Actor,
    report: &TranscriptReport,
    digest: &str,
) -> AppResult<(transcript::Model, bool, bool)> {
    let existing = transcript::Entity::find()
        .filter(transcript::Column::SessionId.eq(report.session.id))
        .one(txn)
        .await?;
    let turns = i32::try_from(report.turns).unwrap_or(i32::MAX);
    // What the page held that was not used; labels left unmatched are
    // read live (`unmatched_labels`), as an admin may settle them later.
    let warnings = report.read_warnings.join("\n");
    match existing {
        Some(t)
            if t.digest == digest
                && t.turns == turns
                && t.words == report.words
                && t.seconds == report.seconds
                && t.estimated_seconds == report.estimated_seconds
                && t.warnings == warnings =>
        {
            Ok((t, true, false))
        }
        existing => {
            let am = transcript::ActiveModel {
                session_id: Set(report.session.id),
                turns: Set(turns),
                words: Set(report.words),
                seconds: Set(report.seconds),
                estimated_seconds: Set(report.estimated_seconds),
                digest: Set(digest.to_owned()),
                warnings: Set(warnings),
                ..Default::default()
            };
            match existing {
                Some(t) => Ok((
                    write::update(txn, actor, t.id, t.version, am).await?,
                    true,
                    true,
                )),
                None => Ok((write::create(txn, actor, am).await?, false, true)),
            }
        }
    }
}

/// Interventions no longer in the transcript: deleted, unless positions
/// cite them (then kept, marked, and reported).
async fn retire(
    txn: &DatabaseTransaction,
    actor: &Actor,
    gone: impl Iterator<Item = intervention::Model>,
    report: &mut TranscriptReport,
) -> AppResult<()> {
    let gone: Vec<intervention::Model> = gone.collect();
    if gone.is_empty() {
        return Ok(());
    }
    let citing = position::Entity::find()
        .filter(position::Column::InterventionId.is_in(gone.iter().map(|i| i.id)))
        .all(txn)
        .await?;
    for i in gone {
        let n = citing
            .iter()
            .filter(|p| p.intervention_id == Some(i.id))
            .count();
        if n == 0 {
            write::delete::<intervention::Entity>(txn, actor, i.id, i.version).await?;
            report.removed += 1;
            continue;
        }
        let opening: Vec<&str> = i.text.split_whitespace().take(8).collect();
        let what = format!(
            "{}: \"{}…\" (intervention {} when last in the transcript), cited by {n} position{}",
            i.label,
            opening.join(" "),
            i.ord,
            if n == 1 { "" } else { "s" }
        );
        if i.in_transcript {
            let am = intervention::ActiveModel {
                in_transcript: Set(false),
                ..Default::default()
            };
            write::update(txn, actor, i.id, i.version, am).await?;
            report.warnings.push(format!(
                "{what} is no longer in the transcript; kept, marked as such"
            ));
        }
        report.kept.push(what);
    }
    Ok(())
}

/// One review item per distinct unmatched name label of the session.
async fn note_unmatched(
    txn: &DatabaseTransaction,
    actor: &Actor,
    report: &TranscriptReport,
) -> AppResult<()> {
    note_labels(txn, actor, &report.session, &report.unmatched_labels).await
}
