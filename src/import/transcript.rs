//! Session transcripts as IGF publishes them, read into turns: who spoke
//! (the label as written), what they said, how many words and how long.
//!
//! [`parse`] is pure, as the proposal parser is. It takes the text (an
//! HTML page is turned into lines first, by [`super::page_text`]) and
//! returns the turns in order:
//!
//! ```text
//! This is the output of the real-time captioning taken during ... may be inaccurate.
//! ***
//! >> MODERATOR: Good morning, everyone. [ Applause ]
//! >> JANE DOE: Thank you.
//! A continuation paragraph of Jane Doe's turn.
//! >> ATTENDEE: My name is Ola Nord, I work for Example Network. My question is ...
//! ```
//!
//! - The disclaimer is everything before the line of `***` that comes
//!   before the first turn; without such a line, the transcript starts at
//!   its first turn. A line of asterisks later is a break, not speech.
//! - A turn starts with `>>` and a label in capitals followed by a colon;
//!   the lines after it, up to the next turn, are its continuation, each
//!   a paragraph. A `>>` line that is no turn stays speech, with a warning.
//! - Stage directions are not speech: anything in square brackets, and
//!   parentheses that hold a direction (`(applause)`, `(inaudible)`,
//!   `(speaking in Spanish)`). Other parentheses are speech (`(GDC)`).
//! - A timestamp at the start of a paragraph (`10:02:15`, `[00:14:03]`,
//!   minutes and seconds under 60) is removed from the text; a turn that starts with one lasts until the
//!   next turn's, otherwise its length is estimated from its words at
//!   [`WORDS_PER_MINUTE`].
//! - `words` counts the whitespace-separated tokens of the speech.

use std::sync::LazyLock;

use regex::Regex;

/// Speaking rate used to estimate a turn's length when the transcript has
/// no timestamps: 150 words a minute, the middle of the range usually
/// given for conference speech.
pub const WORDS_PER_MINUTE: u32 = 150;

/// How a turn's label names its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    /// A name (`JANE DOE`, `DOE`, `DR. DOE`), to match to the panel.
    Named,
    /// A role of the session (`MODERATOR`, `SPEAKER`, `RAPPORTEUR`).
    Role(Role),
    /// Someone from the floor the captioner did not name (`ATTENDEE`,
    /// `AUDIENCE`, `PARTICIPANT`).
    Floor,
}

/// The roles a label can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Moderator,
    OnlineModerator,
    Speaker,
    Rapporteur,
}

/// One turn of a transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// The label as written, without `>>` and the colon (`JANE DOE`).
    pub label: String,
    pub speaker: Speaker,
    /// What was said, stage directions and timestamps removed, paragraphs
    /// joined with a blank line.
    pub text: String,
    /// Whitespace-separated tokens of [`Self::text`].
    pub words: u32,
    /// How long the turn lasted, from timestamps or estimated.
    pub seconds: u32,
    /// Whether [`Self::seconds`] was estimated from the words.
    pub seconds_estimated: bool,
    /// For a floor turn, the sentence in which the speaker introduces
    /// themselves ("My name is …, I work for …").
    pub self_introduction: Option<String>,
    /// The 1-based line the turn starts on.
    pub line: usize,
}

/// A transcript read into turns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcript {
    pub turns: Vec<Turn>,
    /// What was read but not used, each naming its line.
    pub warnings: Vec<String>,
}

/// Why a text could not be read as a transcript.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

/// `>> LABEL: speech`.
static TURN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^>>\s*(?P<label>[^:>]{1,80}?)\s*:\s*(?P<rest>.*)$").expect("valid regex")
});

/// A timestamp at the start of a paragraph.
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\[?(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{2})\]?\s+").expect("valid regex")
});

/// Anything in square brackets.
static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\[[^\[\]]*\]").expect("valid regex"));

/// A parenthesis that holds a stage direction.
static DIRECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s*\((?:[^()]*\b(?:applause|laughter|laughs|laughing|inaudible|indiscernible|crosstalk|silence|pause|music|no audio|audio|off mic|off-mic|background noise|interpret\w*|speaking in|speaks in|in \w+ language|technical difficult\w*|chuckles)\b[^()]*)\)",
    )
    .expect("valid regex")
});

/// "My name is …" and what follows in that sentence.
static INTRODUCTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bmy name(?: is|'s)\s+[^.!?]*[.!?]?").expect("valid regex"));

/// Largest transcript text accepted, in bytes: a three-hour session's
/// captioning is about 200 KiB.
pub const MAX_BYTES: usize = 1024 * 1024;

/// Most turns one transcript may have: a three-hour session has a few
/// hundred; the bound keeps an import's cost in step with real records.
pub const MAX_TURNS: usize = 5_000;

/// Largest transcript HTML page accepted, in bytes, checked before it is
/// parsed.
pub const MAX_HTML_BYTES: usize = 2 * 1024 * 1024;

/// Reads a transcript page as it comes, text or HTML (turned into lines by
/// the importers' one HTML parser), its size checked before it is parsed.
///
/// # Errors
///
/// As [`parse`], and a page over the size limit.
pub fn read(page: &str) -> Result<Transcript, ParseError> {
    let text = super::page_text_within(page, MAX_BYTES, MAX_HTML_BYTES)
        .map_err(|message| ParseError { line: 1, message })?;
    parse(&text)
}

/// Reads a transcript.
///
/// # Errors
///
/// A [`ParseError`] naming the line when the text is empty or binary, or
/// has no turn (`>> NAME:`).
pub fn parse(text: &str) -> Result<Transcript, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        let line = text[..text.find('\0').unwrap_or(0)].lines().count().max(1);
        return Err(ParseError {
            line,
            message: "not a text transcript: binary data".to_owned(),
        });
    }
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let separator = |l: &str| l.len() >= 3 && l.chars().all(|c| c == '*');
    // The disclaimer ends at the line of asterisks before the first turn;
    // one after a turn is a break in the record, not the disclaimer's end.
    let first_turn = lines
        .iter()
        .position(|l| TURN.captures(l).is_some_and(|c| is_label(&c["label"])))
        .unwrap_or(lines.len());
    let start = lines[..first_turn]
        .iter()
        .position(|l| separator(l))
        .map_or(0, |i| i + 1);
    let mut read: Vec<Pending> = Vec::new();
    let mut warnings = Vec::new();
    let mut open: Option<Open> = None;
    for (idx, line) in lines.iter().enumerate().skip(start) {
        let line_no = idx + 1;
        if let Some(c) = TURN.captures(line)
            && is_label(&c["label"])
        {
            if let Some(done) = open.take() {
                read.push(done.finish());
            }
            let mut turn = Open::new(c["label"].trim(), line_no);
            turn.add(&c["rest"]);
            open = Some(turn);
            continue;
        }
        match &mut open {
            Some(_) if line.is_empty() || separator(line) => {}
            Some(turn) => {
                if line.starts_with(">>") {
                    warnings.push(format!(
                        "line {line_no}: `>>` starts no turn here (a label is up to 80 capital \
                         letters, spaces, dots, hyphens and apostrophes, then a colon); kept as \
                         speech of the turn before"
                    ));
                }
                turn.add(line);
            }
            None if line.is_empty() || separator(line) => {}
            None => warnings.push(format!(
                "line {line_no}: text before the first turn (`>> NAME:`); not stored"
            )),
        }
    }
    if let Some(done) = open.take() {
        read.push(done.finish());
    }
    if read.len() > MAX_TURNS {
        return Err(ParseError {
            line: read[MAX_TURNS].turn.line,
            message: format!(
                "{} turns is over the limit of {MAX_TURNS} for one transcript; split the record \
                 by session",
                read.len()
            ),
        });
    }
    if read.is_empty() {
        return Err(ParseError {
            line: start + 1,
            message: "no turns: a transcript's turns start with `>>` and the speaker in \
                      capitals, such as `>> JANE DOE:`"
                .to_owned(),
        });
    }
    Ok(Transcript {
        turns: timed(read),
        warnings,
    })
}

/// Whether `label` is a speaker label: letters in capitals, with spaces,
/// dots, hyphens and apostrophes.
fn is_label(label: &str) -> bool {
    let label = label.trim();
    label.chars().any(char::is_alphabetic)
        && label.chars().all(|c| {
            c.is_uppercase() || c.is_whitespace() || ".-'’".contains(c) || c.is_ascii_digit()
        })
}

/// How a label names its speaker.
pub fn speaker_of(label: &str) -> Speaker {
    let key: String = label
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match key.as_str() {
        "ATTENDEE"
        | "AUDIENCE"
        | "PARTICIPANT"
        | "AUDIENCE MEMBER"
        | "FLOOR"
        | "SPEAKER FROM THE FLOOR"
        | "UNIDENTIFIED SPEAKER"
        | "UNKNOWN SPEAKER"
        | "QUESTION" => Speaker::Floor,
        "MODERATOR" | "ONSITE MODERATOR" | "CHAIR" | "FACILITATOR" => {
            Speaker::Role(Role::Moderator)
        }
        "ONLINE MODERATOR" | "REMOTE MODERATOR" => Speaker::Role(Role::OnlineModerator),
        "SPEAKER" | "PANELIST" | "PANELLIST" => Speaker::Role(Role::Speaker),
        "RAPPORTEUR" => Speaker::Role(Role::Rapporteur),
        _ => Speaker::Named,
    }
}

/// A turn being read.
struct Open {
    label: String,
    line: usize,
    paragraphs: Vec<String>,
    /// Seconds from the start of the transcript, when the turn's first
    /// paragraph starts with a timestamp.
    at: Option<u32>,
}

impl Open {
    fn new(label: &str, line: usize) -> Self {
        Self {
            label: label.to_owned(),
            line,
            paragraphs: Vec::new(),
            at: None,
        }
    }

    /// Adds a paragraph of speech (each line of a transcript is one): a
    /// timestamp at its start and stage directions anywhere are removed.
    fn add(&mut self, line: &str) {
        let mut line = line.trim();
        if let Some(c) = TIMESTAMP.captures(line) {
            let n = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
            let (h, m, sec) = (
                n("h").unwrap_or(0),
                n("m").unwrap_or(0),
                n("s").unwrap_or(0),
            );
            // A clock time only: `10:75` is speech, not a timestamp.
            if m < 60 && sec < 60 {
                if self.paragraphs.is_empty() && self.at.is_none() {
                    self.at = Some(h * 3600 + m * 60 + sec);
                }
                line = &line[c.get(0).expect("match").end()..];
            }
        }
        let speech = BRACKETED.replace_all(line, "");
        let speech = DIRECTION.replace_all(&speech, "");
        let speech = speech.split_whitespace().collect::<Vec<_>>().join(" ");
        if !speech.is_empty() {
            self.paragraphs.push(speech);
        }
    }

    fn finish(self) -> Pending {
        let text = self.paragraphs.join("\n\n");
        let words = u32::try_from(text.split_whitespace().count()).unwrap_or(u32::MAX);
        let speaker = speaker_of(&self.label);
        let self_introduction = (speaker == Speaker::Floor)
            .then(|| {
                INTRODUCTION
                    .find(&text)
                    .map(|m| m.as_str().trim().to_owned())
            })
            .flatten();
        Pending {
            turn: Turn {
                label: self.label,
                speaker,
                text,
                words,
                seconds: 0,
                seconds_estimated: true,
                self_introduction,
                line: self.line,
            },
            at: self.at,
        }
    }
}

/// A turn read, before its length is known.
struct Pending {
    turn: Turn,
    at: Option<u32>,
}

/// Lengths: from a turn's timestamp to the next turn's where both have
/// one and the next is later, otherwise estimated from the words (at least
/// a second for a turn that says anything).
fn timed(read: Vec<Pending>) -> Vec<Turn> {
    let next_at: Vec<Option<u32>> = read
        .iter()
        .skip(1)
        .map(|p| p.at)
        .chain(std::iter::once(None))
        .collect();
    read.into_iter()
        .zip(next_at)
        .map(|(p, next)| {
            let mut turn = p.turn;
            match (p.at, next) {
                (Some(at), Some(next)) if next > at => {
                    turn.seconds = next - at;
                    turn.seconds_estimated = false;
                }
                _ => {
                    let estimate =
                        (u64::from(turn.words) * 60).div_ceil(u64::from(WORDS_PER_MINUTE));
                    turn.seconds = u32::try_from(estimate).unwrap_or(u32::MAX);
                    turn.seconds_estimated = true;
                }
            }
            turn
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "This is the output of the real-time captioning taken during the session. \
It may be inaccurate.
***
>> MODERATOR: Good morning, everyone. [ Applause ]
Welcome to this fictional session (GDC) on harbours.

>> ADA MIREMBE: Thank you. (Speaking in French) We keep the harbour open.
>> ATTENDEE: My name is Ola Nord, I work for Example Network. My question is short.
>> DR. FALK: (inaudible) Yes.
";

    #[test]
    fn turns_labels_continuations_and_directions() {
        let t = parse(PAGE).expect("a transcript");
        let labels: Vec<(&str, Speaker)> = t
            .turns
            .iter()
            .map(|t| (t.label.as_str(), t.speaker))
            .collect();
        assert_eq!(
            labels,
            [
                ("MODERATOR", Speaker::Role(Role::Moderator)),
                ("ADA MIREMBE", Speaker::Named),
                ("ATTENDEE", Speaker::Floor),
                ("DR. FALK", Speaker::Named),
            ]
        );
        assert_eq!(
            t.turns[0].text,
            "Good morning, everyone.\n\nWelcome to this fictional session (GDC) on harbours."
        );
        assert_eq!(t.turns[1].text, "Thank you. We keep the harbour open.");
        assert_eq!(t.turns[1].words, 7);
        assert_eq!(t.turns[3].text, "Yes.");
        assert_eq!(
            t.turns[2].self_introduction.as_deref(),
            Some("My name is Ola Nord, I work for Example Network.")
        );
        assert_eq!(t.turns[0].line, 3);
        // No timestamps: 150 words a minute, rounded up to the second.
        assert!(t.turns.iter().all(|t| t.seconds_estimated));
        assert_eq!(t.turns[1].seconds, 3);
        assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    }

    #[test]
    fn an_html_page_reads_as_its_text_does() {
        let html = "<!doctype html><html><body><nav>Home</nav><main>\
            <p>Captioning output; it may be inaccurate.</p><p>***</p>\
            <p>&gt;&gt; JANE ROE: Hello &amp; welcome.</p><p>More from Jane.</p>\
            <script>var x = '>> DECOY: no';</script></main></body></html>";
        let t = read(html).expect("a transcript");
        assert_eq!(t.turns.len(), 1);
        assert_eq!(t.turns[0].text, "Hello & welcome.\n\nMore from Jane.");
    }

    #[test]
    fn timestamps_give_lengths_up_to_the_next_turn() {
        let t = parse(
            "***\n>> JANE ROE: 10:00:05 Hello there.\n>> KOFI: [10:01:35] Good day.\n\
             >> JANE ROE: Thanks.\n",
        )
        .expect("a transcript");
        assert_eq!(
            (t.turns[0].seconds, t.turns[0].seconds_estimated),
            (90, false)
        );
        assert_eq!(t.turns[0].text, "Hello there.");
        // The next turn has no timestamp: estimated.
        assert_eq!(
            (t.turns[1].seconds, t.turns[1].seconds_estimated),
            (1, true)
        );
        assert_eq!(t.turns[1].text, "Good day.");
    }

    #[test]
    fn what_is_not_a_transcript_is_refused_naming_the_line() {
        assert_eq!(
            parse("A disclaimer.\n***\nJust text.\n").map(|_| ()),
            Err(ParseError {
                line: 3,
                message: "no turns: a transcript's turns start with `>>` and the speaker in \
                          capitals, such as `>> JANE DOE:`"
                    .to_owned()
            })
        );
        assert!(parse("ab\0cd").is_err());
        assert!(parse("").is_err());
        // Text after the disclaimer and before the first turn is reported.
        let t = parse("***\nStray line.\n>> KOFI: Hi.\n").expect("a transcript");
        assert_eq!(
            t.warnings,
            ["line 2: text before the first turn (`>> NAME:`); not stored"]
        );
        // A quoted exchange in lower case is speech, not a turn, and said.
        let t = parse("***\n>> KOFI: He said:\n>> well: then\n").expect("a transcript");
        assert_eq!(t.turns.len(), 1);
        assert_eq!(t.turns[0].text, "He said:\n\n>> well: then");
        assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
        assert!(t.warnings[0].starts_with("line 3: `>>` starts no turn"));
    }

    #[test]
    fn more_turns_than_the_limit_are_refused_naming_the_first_one_over() {
        let text: String = (0..=MAX_TURNS)
            .map(|i| format!(">> KOFI: Turn {i}.\n"))
            .collect();
        let e = parse(&text).expect_err("over the limit");
        assert_eq!(e.line, MAX_TURNS + 1);
        assert!(
            e.message
                .starts_with("5001 turns is over the limit of 5000"),
            "{e}"
        );
    }

    #[test]
    fn a_break_after_the_first_turn_ends_no_disclaimer_and_clock_times_only_are_timestamps() {
        let t =
            parse(">> KOFI: 10:75 Hello.\n***\n>> ADA: 25:99:99 Hi.\n>> KOFI: [00:00:10] Yes.\n")
                .expect("a transcript");
        let texts: Vec<&str> = t.turns.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["10:75 Hello.", "25:99:99 Hi.", "Yes."]);
        assert!(t.turns.iter().all(|t| t.seconds_estimated));
        assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    }
}
