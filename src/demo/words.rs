//! The vocabulary demo data is built from. Names of people, places and
//! organizations are invented (syllables and made-up words), so no
//! generated person is a real one (DESIGN.md: demo data uses fictional
//! people only). Titles, questions and summaries use Internet-governance
//! vocabulary.

/// Start of a given name; joined with [`GIVEN_ENDS`].
pub const GIVEN_STARTS: &[&str] = &[
    "Ama", "Bel", "Cy", "Dae", "Eli", "Fen", "Gio", "Hali", "Ilo", "Jun", "Kae", "Lio", "Mae",
    "Nio", "Ori", "Pia", "Quin", "Rei", "Sol", "Tavi", "Uma", "Vel", "Wen", "Xi", "Yara", "Zeb",
];

/// End of a given name.
pub const GIVEN_ENDS: &[&str] = &[
    "ra", "nel", "th", "vi", "den", "ko", "ssa", "lon", "mi", "ro", "sha", "tan", "bek", "quo",
];

/// Start of a family name; joined with [`FAMILY_MIDDLES`] and [`FAMILY_ENDS`].
pub const FAMILY_STARTS: &[&str] = &[
    "Ard", "Bel", "Cor", "Dun", "Esk", "Fal", "Gor", "Hal", "Ist", "Jor", "Kel", "Lun", "Mor",
    "Nel", "Orv", "Pell", "Quen", "Ros", "Sel", "Tarr", "Ul", "Vey", "Wyn", "Xan", "Yor", "Zel",
];

pub const FAMILY_MIDDLES: &[&str] = &["a", "e", "i", "o", "u", "ae", "ia", "ou"];

pub const FAMILY_ENDS: &[&str] = &[
    "vane", "mir", "thorpe", "drel", "quist", "nova", "sk", "bridge", "vic", "tarro", "lund",
    "weth", "zani", "mbe", "roux", "kovar",
];

/// Invented place names, each with the UN regional group (region code) it
/// belongs to; people, affiliations and NRI events use them.
pub const COUNTRIES: &[(&str, &str)] = &[
    ("Kalembe", "african"),
    ("Nyaroti", "african"),
    ("Sahendra", "african"),
    ("Odumaya", "african"),
    ("Tazirou", "african"),
    ("Marenji", "asia-pacific"),
    ("Kaitova", "asia-pacific"),
    ("Varanesh", "asia-pacific"),
    ("Lintao Isles", "asia-pacific"),
    ("Sumbawe", "asia-pacific"),
    ("Velmora", "eastern-european"),
    ("Brasko", "eastern-european"),
    ("Kestovia", "eastern-european"),
    ("Alta Veranda", "grulac"),
    ("Costa Ambarina", "grulac"),
    ("Rio Palmaresco", "grulac"),
    ("Eldermark", "weog"),
    ("Westmere", "weog"),
    ("Aubrecy", "weog"),
    ("Caldoria", "weog"),
];

/// Invented words for organization names.
pub const BRANDS: &[&str] = &[
    "Aurelis",
    "Corvana",
    "Delphinet",
    "Fernlight",
    "Glasswing",
    "Ironleaf",
    "Kestrelle",
    "Lumora",
    "Mirovan",
    "Northvale",
    "Opaline",
    "Quillon",
    "Rivenstone",
    "Solvane",
    "Tidewell",
    "Ulvara",
    "Vantor",
    "Wrenfield",
    "Zephyrine",
];

/// Affiliation patterns per stakeholder group code: `{c}` is a country,
/// `{b}` a brand word.
pub const AFFILIATIONS: &[(&str, &[&str])] = &[
    (
        "government",
        &[
            "Ministry of Digital Affairs, {c}",
            "Ministry of Communications and Innovation, {c}",
            "Ministry of Foreign Affairs, {c}",
            "{c} Telecommunications Regulatory Authority",
            "Permanent Mission of {c}",
            "National Cybersecurity Agency of {c}",
        ],
    ),
    (
        "civil-society",
        &[
            "{b} Digital Rights Collective",
            "{b} Foundation for an Open Internet",
            "Internet Users Forum of {c}",
            "{b} Centre for Technology and Society",
            "{c} Community Networks Alliance",
            "{b} Institute for Democracy Online",
        ],
    ),
    (
        "technical-community",
        &[
            "{c} Network Information Centre",
            "{b} Internet Exchange",
            "{b} Institute of Network Engineering",
            "{c} Research and Education Network",
            "{b} Open Standards Lab",
        ],
    ),
    (
        "private-sector",
        &[
            "{b} Telecom",
            "{b} Cloud Services",
            "{b} Digital Ltd",
            "{b} Networks of {c}",
            "{b} Data Systems",
        ],
    ),
    (
        "intergovernmental-organization",
        &[
            "Intergovernmental Council on Digital Cooperation",
            "{b} Regional Development Bank",
            "Commission for Information Society Affairs",
            "Organization for {b} Economic Partnership",
            "Union of {b} Broadcasters and Networks",
        ],
    ),
];

/// Invented host cities of the annual meetings.
pub const CITIES: &[&str] = &[
    "Port Aldenmere",
    "Valecrest",
    "San Orvieta",
    "Kirrabend",
    "Marrowind Falls",
    "Novalind",
    "Tesseraport",
    "Lake Amberly",
    "Qadir Springs",
    "Halvorsund",
];

/// Invented regions for regional NRI events.
pub const NRI_REGIONS: &[(&str, &str)] = &[
    ("Southern Lakes", "african"),
    ("Great Savanna", "african"),
    ("Coral Sea", "asia-pacific"),
    ("Silk Plateau", "asia-pacific"),
    ("Amber Coast", "eastern-european"),
    ("Andean Highlands", "grulac"),
    ("Caribbean Rim", "grulac"),
    ("North Atlantic", "weog"),
];

pub const TITLE_VERBS: &[&str] = &[
    "Rethinking",
    "Strengthening",
    "Bridging",
    "Building",
    "Navigating",
    "Reimagining",
    "Advancing",
    "Governing",
    "Securing",
    "Connecting",
    "Measuring",
    "Localizing",
];

/// Objects of titles and questions.
pub const SUBJECTS: &[&str] = &[
    "enhanced cooperation",
    "the multistakeholder model",
    "digital public infrastructure",
    "cross-border data flows",
    "AI governance",
    "Internet fragmentation",
    "meaningful connectivity",
    "cybersecurity norms",
    "the IGF mandate",
    "digital inclusion",
    "content moderation",
    "DNS abuse mitigation",
    "the Global Digital Compact",
    "WSIS+20 outcomes",
    "community networks",
    "child safety online",
    "open standards",
    "submarine cable resilience",
    "digital trade rules",
    "platform accountability",
    "Internet shutdowns",
    "universal acceptance",
    "data protection",
    "digital public goods",
];

pub const TITLE_QUALIFIERS: &[&str] = &[
    "in the Global South",
    "after WSIS+20",
    "for a people-centred Internet",
    "across stakeholder groups",
    "at national and regional levels",
    "beyond the Tunis Agenda",
    "through existing mechanisms",
    "for small island states",
    "in times of crisis",
    "with youth at the table",
];

pub const TITLE_TAILS: &[&str] = &[
    "who decides?",
    "what comes after WSIS+20?",
    "lessons from the regions",
    "from principles to practice",
    "a multistakeholder agenda",
    "voices from the Global South",
    "the next ten years",
    "mapping the gaps",
];

pub const ACTORS: &[&str] = &[
    "governments",
    "civil society",
    "the technical community",
    "the private sector",
    "intergovernmental organizations",
    "youth",
    "parliamentarians",
    "small and developing states",
];

/// Policy question patterns: `{s}` a subject, `{a}` an actor.
pub const QUESTIONS: &[&str] = &[
    "How can {a} contribute to {s} on an equal footing?",
    "What has enhanced cooperation achieved since the Tunis Agenda, and what remains open on {s}?",
    "Which existing mechanisms already address {s}, and where are the gaps?",
    "Is a new mechanism needed for {s}, or should the IGF's role be strengthened?",
    "How should the WSIS+20 review treat {s}?",
    "How can national and regional IGFs feed their experience of {s} into global processes?",
    "What role should {a} play in decisions on {s}?",
    "How can the Global Digital Compact follow-up and the IGF avoid duplicating work on {s}?",
    "What would meaningful participation of {a} in {s} look like?",
    "Which lessons from {s} apply to enhanced cooperation as a whole?",
];

/// Description sentences: `{s}` a subject, `{a}` an actor.
pub const DESCRIPTIONS: &[&str] = &[
    "The session brings {a} together to take stock of {s} and of the cooperation it needs.",
    "Speakers from every stakeholder group compare how {s} is handled in their regions.",
    "Twenty years after Tunis, the session asks what enhanced cooperation means for {s}.",
    "Practitioners and policy makers trade experience on {s}, with time for questions from the floor.",
    "The discussion maps who does what on {s} and where {a} are missing.",
];

pub const OUTCOMES: &[&str] = &[
    "A short report with key messages on {s} for the meeting's outcome documents.",
    "A list of concrete proposals on {s} to feed into the WSIS+20 review.",
    "A shared map of the mechanisms that deal with {s}, published after the session.",
    "Recommendations for national and regional IGFs on {s}.",
];

pub const GAINS: &[&str] = &[
    "An overview of the debate on enhanced cooperation",
    "Contacts across stakeholder groups",
    "Examples from national and regional IGFs",
    "A clearer picture of the WSIS+20 process",
    "Tools for engaging in policy processes",
    "Case studies from the Global South",
];

pub const HYBRID_NOTES: &[&str] = &[
    "Online speakers join through the meeting platform; an online moderator takes questions from remote participants.",
    "Questions from onsite and online participants alternate, and the chat is summarized for the room.",
    "Remote hubs follow the session live and send questions through the online moderator.",
];

/// What positions are about, inside summaries.
pub const FOCUS: &[&str] = &[
    "public policy issues pertaining to the Internet",
    "cross-border data governance",
    "AI governance",
    "cybersecurity",
    "the WSIS+20 review",
    "the Global Digital Compact follow-up",
    "critical Internet resources",
    "digital inclusion",
    "meaningful connectivity",
    "Internet fragmentation",
];

/// Per stance code: weights by stakeholder group code (government, civil
/// society, technical community, private sector, intergovernmental
/// organization, none), summary patterns (`{f}` a focus) and quotes.
pub struct StanceWords {
    pub code: &'static str,
    pub weights: [u32; 6],
    pub summaries: &'static [&'static str],
    pub quotes: &'static [&'static str],
}

/// The order [`StanceWords::weights`] follows.
pub const GROUP_ORDER: &[&str] = &[
    "government",
    "civil-society",
    "technical-community",
    "private-sector",
    "intergovernmental-organization",
];

pub const STANCES: &[StanceWords] = &[
    StanceWords {
        code: "ongoing-commitment",
        weights: [30, 18, 8, 8, 20, 16],
        summaries: &[
            "Held that enhanced cooperation is a standing commitment of the Tunis Agenda that is still to be fulfilled, above all on {f}.",
            "Argued that governments still lack a place to carry out their roles on {f} on an equal footing, so the mandate of paragraph 69 remains open.",
            "Called for the WSIS+20 review to reaffirm enhanced cooperation as unfinished business, citing {f}.",
        ],
        quotes: &[
            "We cannot call a commitment fulfilled while so many countries have no seat where the rules are made.",
            "Paragraph 69 is not history; it is homework we have not handed in.",
        ],
    },
    StanceWords {
        code: "concluded",
        weights: [8, 12, 20, 22, 6, 14],
        summaries: &[
            "Considered enhanced cooperation concluded and urged that the debate move to multistakeholder dialogue such as the IGF, including on {f}.",
            "Said the term no longer describes a live process and that energy is better spent strengthening the IGF on {f}.",
        ],
        quotes: &[
            "The conversation has moved on, and the IGF is where it now happens.",
            "Let us stop debating a label and start working on the problems.",
        ],
    },
    StanceWords {
        code: "existing-mechanisms",
        weights: [15, 14, 32, 30, 30, 22],
        summaries: &[
            "Pointed to existing intergovernmental and Internet governance organizations as the places where enhanced cooperation on {f} already happens.",
            "Argued that cooperation on {f} is best advanced inside existing bodies rather than through a new process.",
        ],
        quotes: &[
            "Enhanced cooperation happens every day in the bodies we already have.",
            "We do not need a new building; we need to use the rooms we have better.",
        ],
    },
    StanceWords {
        code: "new-mechanism",
        weights: [20, 14, 4, 4, 10, 12],
        summaries: &[
            "Called for a new, dedicated mechanism for enhanced cooperation with a clear mandate on {f}.",
            "Proposed a standing working group on {f}, open to input from all stakeholders.",
        ],
        quotes: &[
            "Without a dedicated mechanism, enhanced cooperation will remain a promise.",
            "Someone has to own these questions, and today nobody does.",
        ],
    },
    StanceWords {
        code: "complementary",
        weights: [17, 28, 26, 24, 22, 22],
        summaries: &[
            "Described the IGF and enhanced cooperation as complementary tracks, with the IGF informing decisions on {f}.",
            "Suggested linking IGF messages on {f} to the enhanced cooperation track so each strengthens the other.",
        ],
        quotes: &[
            "The IGF and enhanced cooperation are two halves of the same bridge.",
            "Dialogue without decisions is empty, and decisions without dialogue are blind.",
        ],
    },
    StanceWords {
        code: "undecided",
        weights: [10, 14, 10, 12, 12, 14],
        summaries: &[
            "Saw merit in several views on enhanced cooperation and asked for clearer evidence on {f} before choosing a way forward.",
            "Noted that views on {f} differ within the stakeholder group and that the question remains open.",
        ],
        quotes: &[
            "I am not sure we even agree on what we are measuring.",
            "There is something to each of these positions.",
        ],
    },
];

/// A summary for a stance an admin added after the reference data.
pub const OTHER_SUMMARY: &str = "Took a position on enhanced cooperation in relation to {f}.";
