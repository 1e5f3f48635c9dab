#!/usr/bin/env python3
"""Write a fictional session proposal and its captioning transcript of about
WORDS words (default 15,000: a 90-minute session) into FOLDER, for
bench/transcript.sh: `panel.txt`, `transcript.txt`, and `edited.txt` (the
same transcript with every tenth turn reworded and one turn dropped).

Usage: gen_transcript.py FOLDER [WORDS] [--timestamps]
"""

import argparse
import pathlib
import random

PANEL = [
    ("Speaker 1", "Ada Fictional", "Civil Society", "African Group", "onsite"),
    ("Speaker 2", "Jonas Invented", "Government", "WEOG", "online"),
    ("Speaker 3", "Lea Madeup", "Private Sector", "Asia-Pacific Group", "onsite"),
    ("Speaker 4", "Ravi Imaginary", "Technical Community", "Eastern European Group", "onsite"),
    ("Speaker 5", "Noor Placeholder", "Civil Society", "GRULAC", "online"),
    ("Speaker 6", "Tomas Sample", "Government", "African Group", "onsite"),
]
MODERATOR = "Mira Examplar"

SENTENCES = [
    "Enhanced cooperation remains an open commitment of the Tunis Agenda.",
    "We should build on the existing mechanisms before we design new ones.",
    "In our region the question of meaningful participation comes up at every meeting.",
    "Paragraph 69 asks governments to act on an equal footing with each other.",
    "I would like to add a point about capacity building for smaller delegations.",
    "Our experience shows that small steps build trust faster than new bodies.",
    "The Global Digital Compact gives us a chance to settle this question.",
    "Let me answer the question from the floor directly and briefly.",
    "We need more voices from the Global South in these rooms. [ Applause ]",
    "That is a fair point, and I partly agree with it (inaudible) in principle.",
]


def label(rng):
    roll = rng.random()
    if roll < 0.12:
        return rng.choice(["AUDIENCE", "ATTENDEE", "PARTICIPANT"])
    if roll < 0.2:
        return "MODERATOR"
    name = rng.choice(PANEL)[1]
    first, last = name.split()
    return rng.choice([name.upper(), last.upper(), f"{first[0]}. {last.upper()}"])


def turn(rng):
    paragraphs = []
    for _ in range(rng.randint(1, 2)):
        paragraphs.append(" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 8))))
    return paragraphs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=pathlib.Path)
    parser.add_argument("words", type=int, nargs="?", default=15000)
    parser.add_argument("--timestamps", action="store_true", help="start every turn with HH:MM:SS")
    args = parser.parse_args()
    rng = random.Random(461)
    args.folder.mkdir(parents=True, exist_ok=True)
    lines = ["IGF 2024 WS #900 A Fictional Ninety Minutes on Enhanced Cooperation"]
    for slot, name, group, region, mode in PANEL:
        lines.append(f"{slot}: {name}, {group}, {region} [{mode}]")
    lines += ["", "Onsite Moderator", MODERATOR, "", "Description:", "A fictional session.", ""]
    (args.folder / "panel.txt").write_text("\n".join(lines))

    turns, words = [], 0
    while words < args.words:
        t = (label(rng), turn(rng))
        turns.append(t)
        words += sum(len(p.split()) for p in t[1])

    def write(name, turns):
        out = [
            "This is the output of the real-time captioning taken during the session. "
            "It may be inaccurate.",
            "***",
        ]
        clock = 9 * 3600
        for who, paragraphs in turns:
            stamp = ""
            if args.timestamps:
                stamp = f"{clock // 3600:02}:{clock // 60 % 60:02}:{clock % 60:02} "
                clock += sum(len(p.split()) for p in paragraphs) * 60 // 150 + 1
            out.append(f">> {who}: {stamp}{paragraphs[0]}")
            out.extend(paragraphs[1:])
            out.append("")
        (args.folder / name).write_text("\n".join(out))

    write("transcript.txt", turns)
    edited = [
        (who, [p + " Indeed." for p in ps]) if i % 10 == 5 else (who, ps)
        for i, (who, ps) in enumerate(turns)
        if i != len(turns) // 2
    ]
    write("edited.txt", edited)
    print(f"{len(turns)} turns, {words} words")


if __name__ == "__main__":
    main()
