#!/usr/bin/env python3
"""How the code is shaped: where transactions are opened, where SQL is
built, the largest files and the longest functions. Reads `src/` and
`tests/` of the checkout it lives in; prints a report.

    scripts/code-shape.py            # the report
    scripts/code-shape.py --check    # exit 1 if a file is over 600 lines
                                     # or a function over 120
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
MAX_FILE, MAX_FN = 600, 120
FN = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(async\s+)?(const\s+)?(unsafe\s+)?fn\s+(\w+)")
RAW_START = re.compile(r'b?r(#*)"')
CHAR = re.compile(r"'(?:\\(?:u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|.)|[^'\\\n])'")
SQL = re.compile(r"Entity::find|find_by_id|Statement::|from_raw_sql|execute_unprepared|Query::(select|insert|update|delete)|into_query\(|QueryFilter|\.exec\(|\.begin\(")


def rust_files(*dirs):
    for d in dirs:
        yield from sorted((ROOT / d).rglob("*.rs"))


def blank_strings(text):
    """The code of `text` alone: string and char literals (raw, multi-line
    or not) emptied and comments removed, line breaks kept, so that only
    the code's own braces are counted."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("\n" * text.count("\n", i, end))
            i = end
        elif RAW_START.match(text, i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = RAW_START.match(text, i)
            close = '"' + m.group(1)
            end = text.find(close, m.end())
            end = n if end < 0 else end + len(close)
            out.append('""' + "\n" * text.count("\n", i, end))
            i = end
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j + 1
        elif c == "'" and CHAR.match(text, i):
            i = CHAR.match(text, i).end()
            out.append("' '")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(path):
    """(name, first line, length) of each fn, by brace counting from its
    signature, with strings emptied and `//` comments cut."""
    lines = blank_strings(path.read_text()).splitlines()
    out = []
    i = 0
    while i < len(lines):
        m = FN.match(lines[i])
        if not m:
            i += 1
            continue
        depth, started, j = 0, False, i
        while j < len(lines):
            code = lines[j].split("//")[0]
            if not started and code.rstrip().endswith(";") and "{" not in code:
                break  # a declaration without a body
            depth += code.count("{") - code.count("}")
            started = started or "{" in code
            if started and depth <= 0:
                break
            j += 1
        if started:
            out.append((m.group(6), i + 1, j - i + 1))
        i += 1
    return out


def layer(path):
    rel = path.relative_to(ROOT / "src").as_posix()
    return rel.split("/")[0].removesuffix(".rs")


def main():
    check = "--check" in sys.argv
    begins, sql = {}, {}
    for path in rust_files("src"):
        text = path.read_text()
        n = text.count("write::begin(") + len(re.findall(r"\.begin\(\)", text))
        if path.name == "write.rs":
            n = 0  # where `begin` is defined
        if n:
            begins[layer(path)] = begins.get(layer(path), 0) + n
        if SQL.search(text):
            sql.setdefault(layer(path), []).append(path.relative_to(ROOT).as_posix())
    print("transactions opened, by layer:")
    for k, v in sorted(begins.items(), key=lambda kv: -kv[1]):
        print(f"  {k:10} {v}")
    print("files that build SQL, by layer:")
    for k, v in sorted(sql.items()):
        print(f"  {k:10} {len(v):3}  " + (", ".join(v) if k not in ("service", "import", "entity") else ""))
    sizes = sorted(((len(p.read_text().splitlines()), p) for p in rust_files("src", "tests")), reverse=True)
    print("largest files:")
    for n, p in sizes[:5]:
        print(f"  {n:5}  {p.relative_to(ROOT)}")
    fns = sorted(((n, f"{p.relative_to(ROOT)}:{line} {name}") for p in rust_files("src", "tests")
                  for name, line, n in functions(p)), reverse=True)
    print(f"functions over {MAX_FN} lines: {sum(1 for n, _ in fns if n > MAX_FN)}; longest:")
    for n, where in fns[:5]:
        print(f"  {n:5}  {where}")
    bad = [p for n, p in sizes if n > MAX_FILE] + [w for n, w in fns if n > MAX_FN]
    if check and bad:
        print("over the limits:", *bad, sep="\n  ")
        sys.exit(1)


if __name__ == "__main__":
    main()
