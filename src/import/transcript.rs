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
//! - The disclaimer is everything before the line of `***`; without such a
//!   line, the transcript starts at its first turn.
//! - A turn starts with `>>` and a label in capitals followed by a colon;
//!   the lines after it, up to the next turn, are its continuation, each
//!   a paragraph.
//! - Stage directions are not speech: anything in square brackets, and
//!   parentheses that hold a direction (`(applause)`, `(inaudible)`,
//!   `(speaking in Spanish)`). Other parentheses are speech (`(GDC)`).
//! - A timestamp at the start of a paragraph (`10:02:15`, `[00:14:03]`) is
//!   removed from the text; a turn that starts with one lasts until the
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

/// Reads a transcript page as it comes, text or HTML (turned into lines by
/// the importers' one HTML parser), its size checked before it is parsed.
///
/// # Errors
///
/// As [`parse`], and a page over the size limit.
pub fn read(page: &str) -> Result<Transcript, ParseError> {
    let text = super::page_text(page).map_err(|message| ParseError { line: 1, message })?;
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
    // The disclaimer ends at the line of asterisks.
    let start = lines
        .iter()
        .position(|l| l.len() >= 3 && l.chars().all(|c| c == '*'))
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
            Some(_) if line.is_empty() => {}
            Some(turn) => turn.add(line),
            None if line.is_empty() => {}
            None => warnings.push(format!(
                "line {line_no}: text before the first turn (`>> NAME:`); not stored"
            )),
        }
    }
    if let Some(done) = open.take() {
        read.push(done.finish());
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
fn speaker_of(label: &str) -> Speaker {
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
            let seconds =
                n("h").unwrap_or(0) * 3600 + n("m").unwrap_or(0) * 60 + n("s").unwrap_or(0);
            if self.paragraphs.is_empty() && self.at.is_none() {
                self.at = Some(seconds);
            }
            line = &line[c.get(0).expect("match").end()..];
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
        // A quoted exchange in lower case is speech, not a turn.
        let t = parse("***\n>> KOFI: He said:\n>> well: then\n").expect("a transcript");
        assert_eq!(t.turns.len(), 1);
        assert_eq!(t.turns[0].text, "He said:\n\n>> well: then");
    }
}
