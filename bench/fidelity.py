#!/usr/bin/env python3
"""Import fidelity: how many people in roles each binary stores right.

Usage: bench/fidelity.py BINARY [BINARY...]

Imports every page of tests/api/proposals/ (or of $FIDELITY_PAGES), each
into an event of its own, with each binary into a fresh SQLite database,
then compares the stored roles with the page's hand-written `.expected`
file. A role is right when
its kind, order, name, stakeholder group and region as written are those
the page gives; a page is exact when every role is right and none is extra.
With FIDELITY_SHOW=1, names each role missed or not expected, per page.
Prints, per fixture family (the letters before the year in the file name),
the roles the pages hold, the roles stored right by each binary, and the
pages imported exactly.
"""

import collections
import os
import pathlib
import re
import sqlite3
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAGES = pathlib.Path(os.environ.get("FIDELITY_PAGES", ROOT / "tests" / "api" / "proposals"))
KIND = {
    "organizer": "ORGANIZER",
    "speaker": "SPEAKER",
    "moderator": "MODERATOR",
    "online_moderator": "ONLINE_MODERATOR",
    "rapporteur": "RAPPORTEUR",
}
ORDER = list(KIND.values())


def expected_roles(path):
    roles, in_roles = [], False
    for line in path.read_text().splitlines():
        if line.startswith("#"):
            continue
        if re.match(r"^[a-z]+:", line):
            in_roles = line.startswith("roles:")
            continue
        if in_roles and line.strip():
            fields = [f.strip() for f in line.split("|")]
            roles.append(tuple(fields[:2] + fields[3:5]))
    return roles


def stored_roles(db, session_id):
    rows = db.execute(
        """SELECT r.role, r.position, p.name, r.stakeholder_group_raw, r.region_raw
           FROM session_role r LEFT JOIN person p ON p.id = r.person_id
           WHERE r.session_id = ?""",
        (session_id,),
    ).fetchall()
    out = [
        (f"{KIND[k]} {n}", name or "-", group or "-", region or "-")
        for k, n, name, group, region in rows
    ]
    return sorted(out, key=lambda r: (ORDER.index(r[0].split()[0]), int(r[0].split()[1])))


def run(binary, pages):
    """Per page: (roles expected, roles right, extra roles)."""
    results = {}
    with tempfile.TemporaryDirectory() as work:
        url = f"sqlite://{work}/fidelity.db"
        subprocess.run([binary, "migrate", "--database-url", url], check=True, capture_output=True)
        events = {}
        for i, page in enumerate(pages):
            event = f"igf-{2040 + i}"
            events[page.name] = event
            subprocess.run(
                [binary, "import", "--database-url", url, "--event", event, str(page)],
                capture_output=True,
            )
        db = sqlite3.connect(f"{work}/fidelity.db")
        for page in pages:
            want = expected_roles(page.with_suffix(".expected"))
            row = db.execute(
                "SELECT s.id FROM session s JOIN event e ON e.id = s.event_id WHERE e.code = ?",
                (events[page.name],),
            ).fetchone()
            got = stored_roles(db, row[0]) if row else []
            left = collections.Counter(got)
            right = 0
            for role in want:
                if left[role] > 0:
                    left[role] -= 1
                    right += 1
            results[page.name] = (len(want), right, sum(left.values()))
            if os.environ.get("FIDELITY_SHOW") and (right < len(want) or sum(left.values())):
                missing = collections.Counter(want) - collections.Counter(got)
                print(f"{binary}: {page.name}", file=sys.stderr)
                for role in sorted(missing.elements()):
                    print(f"  expected, not stored: {' | '.join(role)}", file=sys.stderr)
                for role in sorted(left.elements()):
                    print(f"  stored, not expected: {' | '.join(role)}", file=sys.stderr)
    return results


def family(name):
    """The letters before the year: `ws`, `of`, `d0` (Day 0), `nri`..."""
    m = re.match(r"(.+?)20\d\d", name)
    return m.group(1) if m else name


def main():
    binaries = sys.argv[1:]
    if not binaries:
        sys.exit(__doc__)
    pages = sorted(p for p in PAGES.iterdir() if p.suffix in (".txt", ".html"))
    runs = [run(b, pages) for b in binaries]
    names = [os.path.basename(os.path.dirname(os.path.dirname(b))) or b for b in binaries]
    head = ["family", "pages", "roles"]
    for n in names:
        head += [f"right ({n})", f"exact ({n})"]
    print(" | ".join(head))
    families = sorted({family(p.name) for p in pages})
    totals = collections.defaultdict(int)
    for fam in families + ["all"]:
        members = [p.name for p in pages if fam == "all" or family(p.name) == fam]
        roles = sum(runs[0][m][0] for m in members)
        row = [fam, str(len(members)), str(roles)]
        for r in runs:
            right = sum(r[m][1] for m in members)
            exact = sum(1 for m in members if r[m][1] == r[m][0] and r[m][2] == 0)
            row += [f"{right} ({100 * right // max(roles, 1)} %)", f"{exact}/{len(members)}"]
        print(" | ".join(row))
        totals[fam] = roles


if __name__ == "__main__":
    main()
