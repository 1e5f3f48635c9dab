//! Paragraphs of the Tunis Agenda and the Global Digital Compact that a
//! page cites: "paragraphs 69 to 71 of the Tunis Agenda", "Tunis Agenda
//! paragraphs 69-71", "GDC paragraph 27", "the Global Digital Compact
//! (para. 27)", "¶¶ 69–71". A reference goes to the document named nearest
//! to it in the same sentence; with none there, to the only document the
//! line before names, unless the line cites another text (a report, a
//! resolution); otherwise it is reported, not guessed.

use std::sync::LazyLock;

use regex::Regex;

/// A paragraph a page cites, by document code and number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The document's code, such as `tunis-agenda`.
    pub document: &'static str,
    /// The paragraph number.
    pub number: i32,
    /// The 1-based line the page cites it on, for messages.
    pub line: usize,
}

/// The documents the debate cites, by code, with how pages name them.
const DOCUMENTS: [(&str, &str); 2] = [
    ("tunis-agenda", r"tunis\s+agenda"),
    (
        "global-digital-compact",
        r"global\s+digital\s+compact|\bgdc\b",
    ),
];

/// A paragraph reference: one number, or a range or pair of them.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\bparagraphs?|\bparas?\.?|¶¶?|§§?)\s*(?P<numbers>\d{1,4}(?:\s*(?:-|–|—|to|and|&|,)\s*\d{1,4})*)\b",
    )
    .expect("valid regex")
});

/// One number of a reference, and the separator before it.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?P<sep>-|–|—|\bto\b|\band\b|&|,)?\s*(?P<n>\d{1,4})").expect("valid regex")
});

static NAMES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    DOCUMENTS
        .iter()
        .map(|(code, name)| {
            (
                *code,
                Regex::new(&format!("(?i){name}")).expect("valid regex"),
            )
        })
        .collect()
});

/// Widest range taken from one reference; a wider one is a typo.
const MAX_RANGE: i32 = 20;

/// The paragraphs `lines` cite, each once, in the order first cited; and
/// warnings for references that name no document.
pub(super) fn citations(lines: &[String]) -> (Vec<Citation>, Vec<String>) {
    let mut found: Vec<Citation> = Vec::new();
    let mut warnings = Vec::new();
    let mut previous: Option<String> = None;
    for (idx, line) in lines.iter().enumerate() {
        // "para." is no end of a sentence.
        let line = ABBREVIATION.replace_all(line, "$p ").into_owned();
        for c in REFERENCE.captures_iter(&line) {
            let whole = c.get(0).expect("match");
            // The document named nearest in the sentence, else the one the
            // line before names alone ("Tunis Agenda:" above "¶¶ 69–71").
            let document = nearest_document(&line, whole.start(), whole.end()).or_else(|| {
                let named: Vec<&'static str> = NAMES
                    .iter()
                    .filter(|(_, re)| previous.as_deref().is_some_and(|p| re.is_match(p)))
                    .map(|(code, _)| *code)
                    .collect();
                (named.len() == 1 && !names_another_text(&line)).then(|| named[0])
            });
            let Some(document) = document else {
                warnings.push(format!(
                    "line {}: {:?} names no document, so no paragraph is linked",
                    idx + 1,
                    whole.as_str()
                ));
                continue;
            };
            for number in numbers(&c["numbers"]) {
                if !found
                    .iter()
                    .any(|f| f.document == document && f.number == number)
                {
                    found.push(Citation {
                        document,
                        number,
                        line: idx + 1,
                    });
                }
            }
        }
        if !line.trim().is_empty() {
            previous = Some(line);
        }
    }
    (found, warnings)
}

/// `para.` and `paras.` written with their dot.
static ABBREVIATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?P<p>paras?)\.").expect("valid regex"));

/// Whether `line` cites some other text by paragraph: a report, a
/// resolution, a declaration.
fn names_another_text(line: &str) -> bool {
    static OTHER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:report|resolution|declaration|charter|convention|statement|of the [a-z]+)\b",
        )
        .expect("valid regex")
    });
    OTHER.is_match(line)
}

/// The paragraph numbers of a reference: `69-71` and `69 to 71` are
/// ranges (up to [`MAX_RANGE`] wide, else their ends), `29 and 35` and
/// `29, 30 and 35` are lists.
fn numbers(text: &str) -> Vec<i32> {
    let mut out: Vec<i32> = Vec::new();
    for c in NUMBER.captures_iter(text) {
        let n: i32 = c["n"].parse().unwrap_or(0);
        let range = c
            .name("sep")
            .is_some_and(|s| matches!(s.as_str().to_lowercase().as_str(), "-" | "–" | "—" | "to"));
        match out.last() {
            Some(&from) if range && n > from && n - from <= MAX_RANGE => {
                out.extend(from + 1..=n);
            }
            _ => out.push(n),
        }
    }
    out.retain(|n| *n > 0);
    out
}

/// The document named nearest to the reference at `start..end` within
/// its sentence.
fn nearest_document(line: &str, start: usize, end: usize) -> Option<&'static str> {
    let sentence_start = line[..start]
        .rfind(['.', '?', '!', ';'])
        .map_or(0, |i| i + 1);
    let sentence_end = line[end..]
        .find(['?', '!', ';'])
        .or_else(|| line[end..].find(". "))
        .map_or(line.len(), |i| end + i);
    NAMES
        .iter()
        .flat_map(|(code, re)| {
            re.find_iter(&line[sentence_start..sentence_end])
                .map(move |m| {
                    let (s, e) = (sentence_start + m.start(), sentence_start + m.end());
                    let distance = if e <= start {
                        start - e
                    } else {
                        s.saturating_sub(end)
                    };
                    (distance, *code)
                })
        })
        .min()
        .map(|(_, code)| code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cited(text: &str) -> Vec<(&'static str, i32)> {
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        citations(&lines)
            .0
            .into_iter()
            .map(|c| (c.document, c.number))
            .collect()
    }

    #[test]
    fn the_ways_pages_cite() {
        let tunis = |n| ("tunis-agenda", n);
        let gdc = |n| ("global-digital-compact", n);
        assert_eq!(
            cited("It revisits paragraphs 69 to 71 of the Tunis Agenda."),
            [tunis(69), tunis(70), tunis(71)]
        );
        assert_eq!(
            cited("As the Tunis Agenda paragraphs 69-71 say. The GDC paragraph 27 too."),
            [tunis(69), tunis(70), tunis(71), gdc(27)]
        );
        assert_eq!(cited("the Global Digital Compact (para. 27)"), [gdc(27)]);
        assert_eq!(
            cited("Tunis Agenda:\n¶¶ 69–71 matter."),
            [tunis(69), tunis(70), tunis(71)]
        );
        assert_eq!(cited("No citation here, 69 to 71."), []);
        assert_eq!(
            cited("The GDC, paragraphs 29 and 35, and para. 40, 41 and 43 of the GDC."),
            [gdc(29), gdc(35), gdc(40), gdc(41), gdc(43)]
        );
        assert_eq!(
            cited("Tunis Agenda para. 72 and para. 73."),
            [tunis(72), tunis(73)]
        );
    }

    #[test]
    fn a_reference_without_a_document_is_reported() {
        // The page names the Tunis Agenda, but this line cites a report.
        let (found, _) = citations(&[
            "The Tunis Agenda.".to_owned(),
            "See paragraph 3 of the report.".to_owned(),
        ]);
        assert!(found.is_empty(), "{found:?}");
        let lines = vec![
            "The Tunis Agenda and the GDC.".to_owned(),
            "See paragraph 12.".to_owned(),
        ];
        let (found, warnings) = citations(&lines);
        assert!(found.is_empty());
        assert_eq!(
            warnings,
            ["line 2: \"paragraph 12\" names no document, so no paragraph is linked"]
        );
    }
}
