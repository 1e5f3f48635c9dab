#!/usr/bin/env python3
"""Write N fictional IGF session proposals in the 2025 layout, for the
import benchmark. Every name is generated; no real person appears."""
import random
import sys
from pathlib import Path

FIRST = ["Ada", "Bo", "Cleo", "Dario", "Enid", "Farah", "Gus", "Hana", "Ivo", "Juno", "Kofi", "Lena",
         "Mika", "Nia", "Oren", "Pia", "Quinn", "Rafa", "Sana", "Tomas", "Uma", "Vero", "Wen", "Xavi", "Yara", "Zeno"]
LAST = ["Alder", "Birch", "Cedar", "Dune", "Ember", "Fjord", "Grove", "Heath", "Isle", "Juniper", "Kestrel",
        "Linden", "Moss", "Nettle", "Orchard", "Pine", "Quarry", "Reed", "Sorrel", "Thorn", "Umber", "Vale",
        "Willow", "Yarrow", "Zephyr"]
GROUPS = ["Civil Society", "Government", "Technical Community", "Private Sector", "Intergovernmental Organization"]
REGIONS = ["African Group", "Asia-Pacific Group", "Eastern European Group",
           "Latin American and Caribbean Group (GRULAC)", "Western European and Others Group (WEOG)"]
FORMATS = ["Theater", "Roundtable", "Classroom"]
TOPICS = ["data governance", "digital cooperation", "AI oversight", "connectivity", "cybersecurity norms",
          "content moderation", "digital public goods", "the multistakeholder model"]


def proposal(n: int, rng: random.Random) -> str:
    topic = rng.choice(TOPICS)
    organizers = "\n".join(
        f"    Organizer {i}: {rng.choice(GROUPS)}, {rng.choice(REGIONS)}" for i in range(1, rng.randint(1, 3) + 1))
    speakers = "\n".join(
        f"    Speaker {i}: {rng.choice(FIRST)} {rng.choice(LAST)}, {rng.choice(GROUPS)}, {rng.choice(REGIONS)}"
        for i in range(1, rng.randint(3, 6) + 1))
    questions = " ".join(
        f"How should {topic} evolve in setting {q} of the fictional benchmark?" for q in range(1, rng.randint(2, 5) + 1))
    gains = " ".join(f"- Insight number {g} on {topic}." for g in range(1, 4))
    return f"""IGF 2031 WS #{n} Fictional workshop {n} on {topic}

{organizers}

{speakers}

    Format

    {rng.choice(FORMATS)}
    Duration (minutes): {rng.choice([60, 75, 90])}
    Format description: A fictional session generated for the import benchmark.

    Policy Question(s)

    {questions}

    What will participants gain from attending this session? {gains}

    Description:

    This generated workshop {n} discusses {topic} with fictional speakers only.

    Expected Outcomes

    A fictional report.

    Hybrid Format: Onsite and online participants take turns.
"""


def main() -> None:
    count, out = int(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(461)
    for n in range(1, count + 1):
        (out / f"ws-{n:04}.txt").write_text(proposal(n, rng), encoding="utf-8")


if __name__ == "__main__":
    main()
