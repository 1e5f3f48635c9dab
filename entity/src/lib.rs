//! sea-orm entities of igf-perspectives: one module per table, with their
//! relations and the enums stored in them. Nothing else lives here.

pub mod prelude;

/// The form of a text that case-insensitive search compares: lower case in
/// every script (SQLite's `LOWER` folds ASCII letters only).
pub fn fold(text: &str) -> String {
    text.to_lowercase()
}

/// Titles dropped from the start of names before matching people.
const HONORIFICS: &[&str] = &[
    "dr",
    "prof",
    "professor",
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "sir",
    "dame",
    "hon",
    "amb",
    "ambassador",
    "eng",
];

/// The words of a name as people are matched on it: ASCII lower case
/// (accents dropped), punctuation and leading honorifics removed. Only
/// leading words are titles: the surname He stays in "He Wei".
fn name_words(name: &str) -> Vec<String> {
    let text = deunicode::deunicode(name)
        .to_lowercase()
        .replace("h.e.", " ")
        .replace("h. e.", " ");
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    while words.len() > 1 && HONORIFICS.contains(&words[0].as_str()) {
        words.remove(0);
    }
    words
}

/// The key two records of the same person share: `Dr. Élodie  FICTIVE`
/// and `elodie fictive` both give `elodie fictive`.
pub fn person_key(name: &str) -> String {
    name_words(name).join(" ")
}

/// The same words in any order: `Fictive Elodie` and `Elodie Fictive` share
/// it. Equal token keys with different person keys are likely duplicates,
/// never merged without an admin.
pub fn person_token_key(name: &str) -> String {
    let mut words = name_words(name);
    words.sort_unstable();
    words.join(" ")
}

pub mod alias;
pub mod audit_entry;
pub mod document;
pub mod event;
pub mod intervention;
pub mod paragraph;
pub mod person;
pub mod policy_question;
pub mod position;
pub mod position_paragraph;
pub mod region;
pub mod review_item;
pub mod session;
pub mod session_paragraph;
pub mod session_role;
pub mod stakeholder_group;
pub mod stance;
pub mod topic;
pub mod transcript;
pub mod user;
pub mod user_assignment;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_match_across_case_accents_spacing_and_titles() {
        assert_eq!(person_key("Dr. Élodie  FICTIVE"), "elodie fictive");
        assert_eq!(
            person_key("H.E. José da Silva"),
            person_key("Jose da Silva")
        );
        assert_eq!(person_key("He Wei"), "he wei");
        assert_ne!(person_key("Dr. Wei"), person_key("He Wei"));
        assert_eq!(
            person_token_key("Fictive Elodie"),
            person_token_key("Élodie Fictive")
        );
        assert_ne!(person_key("Fictive Elodie"), person_key("Élodie Fictive"));
    }
}
