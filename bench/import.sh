#!/usr/bin/env bash
# Import benchmark: generate N fictional proposals (default 1000) and import
# them into a fresh SQLite database with the release binary, twice: the
# first run creates every session, the second finds them all unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
python3 bench/gen_proposals.py "$count" "$work/proposals"
db="sqlite://$work/bench.db"
./target/release/igf-perspectives migrate --database-url "$db" 2>/dev/null

for run in first again; do
  start=$(date +%s.%N)
  ./target/release/igf-perspectives import --database-url "$db" --event igf-2031 "$work/proposals" >"$work/$run.log" 2>&1
  end=$(date +%s.%N)
  printf '%s import of %s proposals: %.2f s — %s\n' "$run" "$count" "$(echo "$end - $start" | bc)" "$(tail -n 1 "$work/$run.log")"
done
