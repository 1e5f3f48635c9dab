#!/usr/bin/env bash
# Import fidelity before and after: builds the binary of REV (default: the
# commit before the importer learned the other session templates) in a
# worktree beside this one, and this tree's binary, then compares the roles
# each stores for every page of tests/api/proposals/ with the page's
# .expected file (bench/fidelity.py).
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-eb475d3}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/before" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git worktree add --detach --quiet "$work/before" "$rev"
target=${CARGO_TARGET_DIR:-$PWD/target}
(cd "$work/before" && CARGO_TARGET_DIR="$target" cargo build --quiet --bin igf-perspectives)
mkdir -p "$work/before-$rev/bin" "$work/now/bin"
cp "$target/debug/igf-perspectives" "$work/before-$rev/bin/"
cargo build --quiet --bin igf-perspectives
cp "$target/debug/igf-perspectives" "$work/now/bin/"
python3 bench/fidelity.py "$work/before-$rev/bin/igf-perspectives" "$work/now/bin/igf-perspectives"
