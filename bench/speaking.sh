#!/usr/bin/env bash
# Times speakingTime on fictional data with INTERVENTIONS interventions
# (default 1,000,000, over 2,000 sessions' transcripts) on SQLite and
# PostgreSQL, both servers up at once and the requests interleaved, ROUNDS
# times (default 7); prints each query's median in ms, end to end over
# HTTP, beside a plain GROUP BY over the interventions in the database.
#   four maintained   [EVENT, STAKEHOLDER_GROUP, REGION, ROLE]
#   four, filtered    [STAKEHOLDER_GROUP, REGION, PARTICIPATION_MODE, FLOOR], one year
#   by session        [SESSION, FLOOR] of one event (counted from the interventions)
source "$(dirname "$0")/lib.sh"
interventions=${INTERVENTIONS:-1000000}
rounds=${ROUNDS:-7}
DATABASES=${DATABASES:-"sqlite postgres"}
build

url_of() {
  if [ "$1" = postgres ]; then echo "$PG_URL/igf_bench_speaking"; else echo "sqlite://$WORK/speaking.db?mode=rwc"; fi
}

declare -A port pid
n=0
for kind in $DATABASES; do
  if [ "$kind" = postgres ]; then
    psql "$PG_URL/postgres" -qAt -c "DROP DATABASE IF EXISTS igf_bench_speaking" >/dev/null
    psql "$PG_URL/postgres" -qAt -c "CREATE DATABASE igf_bench_speaking" >/dev/null
  fi
  say "generating $interventions interventions on $kind"
  RUST_LOG=warn "$BIN" demo-data --database-url "$(url_of "$kind")" --sessions 2000 \
    --people 10000 --positions 0 --interventions "$interventions" >&2
  port[$kind]=$((PORT + n)); n=$((n + 1))
  RUST_LOG=warn JWT_SECRET=bench-secret-bench-secret-bench-secret \
    "$BIN" serve --database-url "$(url_of "$kind")" --bind "127.0.0.1:${port[$kind]}" \
    >"$WORK/server-$kind.log" 2>&1 &
  pid[$kind]=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:${port[$kind]}/readyz" >/dev/null 2>&1 && break
    sleep 0.2
  done
done
cleanup() {
  for kind in $DATABASES; do kill "${pid[$kind]}" 2>/dev/null || true; done
  [[ " $DATABASES " == *" postgres "* ]] &&
    psql "$PG_URL/postgres" -qAt -c "DROP DATABASE IF EXISTS igf_bench_speaking" >/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

event=$(PORT=${port[sqlite]:-${port[postgres]}} gql "$(body '{ events { code } }')" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["events"][0]["code"])')
declare -A queries=(
  [four]="{ speakingTime(groupBy: [EVENT, STAKEHOLDER_GROUP, REGION, ROLE]) { total { interventions seconds } buckets { totals { seconds } shareWithinGroup } } }"
  [filtered]="{ speakingTime(filter: { year: 2024 }, groupBy: [STAKEHOLDER_GROUP, REGION, PARTICIPATION_MODE, FLOOR]) { total { interventions seconds } buckets { totals { seconds } shareWithinGroup } } }"
  [session]="{ speakingTime(filter: { event: \"$event\" }, groupBy: [SESSION, FLOOR]) { total { interventions seconds } buckets { totals { seconds } } } }"
)
group_by_ms() {
  local sql="SELECT event_id, stakeholder_group_id, region_id, role, COUNT(*), SUM(seconds) FROM intervention WHERE in_transcript GROUP BY 1, 2, 3, 4"
  if [ "$1" = postgres ]; then
    psql "$PG_URL/igf_bench_speaking" -qAt -c '\timing on' -c "$sql" | awk '/^Time:/ { print $2 }' | tail -n 1
  else
    python3 - "$WORK/speaking.db" "$sql" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
start = time.perf_counter()
db.execute(sys.argv[2]).fetchall()
print(round((time.perf_counter() - start) * 1000, 2))
PY
  fi
}
declare -A times
for kind in $DATABASES; do
  total=$(PORT=${port[$kind]} gql "$(body "${queries[four]}")" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["speakingTime"]["total"]["interventions"])')
  say "$kind: $total interventions counted"
done
for _ in $(seq 1 "$rounds"); do
  for name in four filtered session; do
    for kind in $DATABASES; do
      times[$kind-$name]+="$(PORT=${port[$kind]} time_ms "$(body "${queries[$name]}")") "
    done
  done
  for kind in $DATABASES; do times[$kind-scan]+="$(group_by_ms "$kind") "; done
done
printf '%-9s %-10s %s\n' database query "median ms (of $rounds)"
for kind in $DATABASES; do
  for name in four filtered session scan; do
    label=$name; [ "$name" = scan ] && label="GROUP BY"
    # shellcheck disable=SC2086
    printf '%-9s %-10s %s\n' "$kind" "$label" "$(median ${times[$kind-$name]})"
  done
done
