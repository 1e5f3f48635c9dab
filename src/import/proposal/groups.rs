//! Stakeholder groups and regional groups: recognising the shape of the
//! last fields of a role line (`..., Civil Society, WEOG`).

use super::text::collapse_ws;

/// Whether `s` is a stakeholder group: Government, Civil Society, Technical
/// Community, Private Sector, Intergovernmental Organization/Organisation or
/// International Organization/Organisation (singular or plural), in any case,
/// with any spacing or hyphens. The whole field must be the group.
pub fn looks_like_group(s: &str) -> bool {
    const GROUPS: [&str; 14] = [
        "government",
        "governments",
        "civil society",
        "technical community",
        "private sector",
        "intergovernmental organization",
        "intergovernmental organizations",
        "intergovernmental organisation",
        "intergovernmental organisations",
        "international organization",
        "international organizations",
        "international organisation",
        "international organisations",
        "igo",
    ];
    let key = fold_key(s);
    GROUPS.contains(&key.as_str())
}

/// Whether `s` reads like a regional group: it contains `WEOG`, `GRULAC`,
/// `Asia`, `Africa`, `Europe`, `America`, `Pacific`, `Caribbean`,
/// `Intergovernmental`, `Oceania`, `Latin`, `Arab`, `Middle East`, `other
/// States` or `Others Group`, in any case, and every word of it is one a
/// region's name is made of (so `Western European and Others Group
/// (WEOG)`, `(Western European and other States)`, `Asia-Pacific` and
/// `Intergovernmental Organization` all do, `Repair Commons Africa` does
/// not). A heuristic: it recognises the shape of a role line, it does not
/// map the value.
pub fn looks_like_region(s: &str) -> bool {
    // "Group" and "States" alone name no region ("Lagoon Telecom Group",
    // "UNITED STATES"); with a region's words they do.
    const WORDS: [&str; 13] = [
        "weog",
        "grulac",
        "asia",
        "africa",
        "europe",
        "america",
        "pacific",
        "caribbean",
        "intergovernmental",
        "oceania",
        "latin",
        "arab",
        "middle east",
    ];
    let key = fold_key(s);
    let named = WORDS.iter().any(|w| key.contains(w))
        || key.contains("other states")
        || key.contains("others group")
        || key.contains("small island developing")
        || key.split(' ').any(|w| {
            matches!(
                w,
                "eeg" | "apg" | "lac" | "sids" | "apac" | "latam" | "eeca" | "mena"
            )
        });
    // Every word is a region's ("Repair Commons Africa" is an
    // organisation), before any aside: `WEOG (Germany)`, `African Group -
    // Nigeria`.
    let main = s
        .split(['(', '[', '¹', '²', '*'])
        .next()
        .unwrap_or(s)
        .split(" - ")
        .next()
        .unwrap_or(s)
        .split(" – ")
        .next()
        .unwrap_or(s);
    let main_key = fold_key(main);
    named && (main_key.is_empty() || main_key.split(' ').all(region_word))
}

/// A word that a region's name is made of.
fn region_word(word: &str) -> bool {
    const CORE: [&str; 12] = [
        "africa",
        "europe",
        "america",
        "asia",
        "pacific",
        "caribbean",
        "latin",
        "arab",
        "oceania",
        "intergovernmental",
        "organi",
        "saharan",
    ];
    const OTHERS: [&str; 48] = [
        "",
        "world",
        "sids",
        "apac",
        "latam",
        "eeca",
        "and",
        "&",
        "of",
        "the",
        "other",
        "others",
        "states",
        "group",
        "groups",
        "region",
        "regions",
        "regional",
        "north",
        "south",
        "east",
        "west",
        "eastern",
        "western",
        "northern",
        "southern",
        "central",
        "middle",
        "sub",
        "southeast",
        "northeast",
        "islands",
        "island",
        "small",
        "developing",
        "countries",
        "weog",
        "grulac",
        "eeg",
        "apg",
        "lac",
        "mena",
        "un",
        "united",
        "nations",
        "international",
        "igo",
        "caucasus",
    ];
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
    OTHERS.contains(&word) || CORE.iter().any(|c| word.starts_with(c))
}

/// A region that cannot be part of an affiliation: it names a UN regional
/// group (`... Group`, `WEOG`, `... and other States`).
pub(super) fn strong_region(s: &str) -> bool {
    let key = fold_key(s);
    key.split(' ')
        .any(|w| matches!(w, "group" | "groups" | "weog" | "grulac" | "eeg" | "apg"))
        || key.contains("other states")
        || key.starts_with("intergovernmental organi")
}

/// Lower case, brackets and hyphens as spaces, whitespace collapsed, no
/// trailing full stop.
fn fold_key(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '-' | '–' | '_' | '(' | ')' | '[' | ']' | '/' => ' ',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    collapse_ws(&s).trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_as_pages_write_them_and_organisations_that_are_not() {
        for r in [
            "Asia & Pacific",
            "Latin America & the Caribbean",
            "WEOG/Western European and Others Group",
            "WEOG (Germany)",
            "African Group - Nigeria",
            "Small Island Developing States (SIDS)",
            "Asia-Pacific (APAC)",
            "Eastern European Group (EEG)",
        ] {
            assert!(looks_like_region(r), "{r}");
        }
        for not in [
            "Repair Commons Africa",
            "Lagoon Telecom Group",
            "UNITED STATES",
        ] {
            assert!(!looks_like_region(not), "{not}");
        }
    }

    #[test]
    fn group_and_region_recognition() {
        for g in [
            "Government",
            "CIVIL SOCIETY",
            "Civil society",
            "Civil-Society",
            "technical community",
            "Private Sector",
            "Intergovernmental Organisation",
            "Intergovernmental Organization",
            "International Organization",
        ] {
            assert!(looks_like_group(g), "{g}");
        }
        for not in [
            "Ministry of Examples",
            "Government of Example",
            "WEOG",
            "Jane Doe",
        ] {
            assert!(!looks_like_group(not), "{not}");
        }
        for r in [
            "WEOG",
            "Western European and Others Group (WEOG)",
            "(Western European and other States)",
            "Asia-Pacific",
            "GRULAC",
            "Latin American and Caribbean Group",
            "African Group",
            "Eastern European Group",
            "Intergovernmental Organization",
            "North America",
            "eeg",
        ] {
            assert!(looks_like_region(r), "{r}");
        }
        for not in ["Government", "Civil Society", "Example Lab", "Jane Doe"] {
            assert!(!looks_like_region(not), "{not}");
        }
    }
}
