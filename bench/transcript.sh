#!/usr/bin/env bash
# Transcript import benchmark: a fictional 90-minute session (about 15,000
# words, WORDS to change it) imported with the release binary's
# `transcript` command, on SQLite and PostgreSQL, ROUNDS times (default 5),
# the databases interleaved. Each round starts from a fresh database with
# the panel imported, then times three runs of the whole command (process
# start, connection and migration check included):
#   first     the transcript into an empty session (every turn created)
#   again     the same file (every turn unchanged)
#   edited    every tenth turn reworded and one dropped (updated in place)
# and prints each run's median. `--timestamps` times turns from HH:MM:SS.
source "$(dirname "$0")/lib.sh"
words=${WORDS:-15000}
rounds=${ROUNDS:-5}
build
python3 bench/gen_transcript.py "$WORK/t" "$words" "$@" >&2

url_of() {
  if [ "$1" = postgres ]; then echo "$PG_URL/igf_bench_transcript"; else echo "sqlite://$WORK/transcript.db?mode=rwc"; fi
}

fresh() {
  if [ "$1" = postgres ]; then
    psql "$PG_URL/postgres" -qAt -c "DROP DATABASE IF EXISTS igf_bench_transcript" >/dev/null
    psql "$PG_URL/postgres" -qAt -c "CREATE DATABASE igf_bench_transcript" >/dev/null
  else
    rm -f "$WORK/transcript.db"*
  fi
  RUST_LOG=warn "$BIN" import --database-url "$(url_of "$1")" --event igf-2024 \
    "$WORK/t/panel.txt" >/dev/null
}

# timed KIND FILE: seconds the command took; its first line goes to stderr.
timed() {
  local start end out
  start=$(date +%s.%N)
  out=$(RUST_LOG=warn "$BIN" transcript --database-url "$(url_of "$1")" --event igf-2024 \
    --session "WS #900" "$2")
  end=$(date +%s.%N)
  say "  $1: ${out%%$'\n'*}"
  python3 -c "print(f'{$end - $start:.3f}')"
}

declare -A times
kinds="sqlite"
psql "$PG_URL/postgres" -qAt -c "SELECT 1" >/dev/null 2>&1 && kinds="sqlite postgres"
for round in $(seq 1 "$rounds"); do
  say "round $round"
  for kind in $kinds; do
    fresh "$kind"
    times[$kind-first]+="$(timed "$kind" "$WORK/t/transcript.txt") "
    times[$kind-again]+="$(timed "$kind" "$WORK/t/transcript.txt") "
    times[$kind-edited]+="$(timed "$kind" "$WORK/t/edited.txt") "
  done
done
[ "$kinds" = "sqlite postgres" ] && psql "$PG_URL/postgres" -qAt -c "DROP DATABASE IF EXISTS igf_bench_transcript" >/dev/null
printf '%-10s %-8s %s\n' database run "median s (of $rounds)"
for kind in $kinds; do
  for run in first again edited; do
    median=$(python3 -c "import statistics,sys; print(f'{statistics.median(map(float, sys.argv[1:])):.3f}')" ${times[$kind-$run]})
    printf '%-10s %-8s %s\n' "$kind" "$run" "$median"
  done
done
