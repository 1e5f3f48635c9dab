# Shared by bench/run.sh and bench/stats.sh: build, fictional data,
# a server to measure, and timing helpers. Source it; it sets BIN and WORK.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
PORT=${PORT:-18080}
BIN=target/release/igf-perspectives
WORK=$(mktemp -d /tmp/igf-bench.XXXXXX)
SERVER_PID=
trap 'stop_server; rm -rf "$WORK"' EXIT

say() { printf '%s\n' "$*" >&2; }

build() {
  say "building the release binary"
  cargo build --release --quiet
}

# database_url KIND POSITIONS: where the data set of this size lives.
database_url() {
  case $1 in
    sqlite) echo "sqlite://$WORK/bench-$2.db" ;;
    postgres) echo "$PG_URL/igf_bench_$2" ;;
    *) say "unknown database kind $1"; exit 2 ;;
  esac
}

# generate KIND SESSIONS PEOPLE POSITIONS: a fresh database filled with
# fictional data; prints the seconds demo-data took.
generate() {
  local kind=$1 sessions=$2 people=$3 positions=$4 url
  url=$(database_url "$kind" "$positions")
  if [ "$kind" = postgres ]; then
    psql "$PG_URL/postgres" -qAt -c "DROP DATABASE IF EXISTS igf_bench_$positions" >/dev/null
    psql "$PG_URL/postgres" -qAt -c "CREATE DATABASE igf_bench_$positions" >/dev/null
  else
    rm -f "$WORK/bench-$positions.db"*
  fi
  local start end
  start=$(date +%s.%N)
  RUST_LOG=warn "$BIN" demo-data --database-url "$url" \
    --sessions "$sessions" --people "$people" --positions "$positions" >&2
  end=$(date +%s.%N)
  python3 -c "print(round($end - $start, 1))"
}

drop_database() {
  if [ "$1" = postgres ]; then
    psql "$PG_URL/postgres" -qAt -c "DROP DATABASE IF EXISTS igf_bench_$2" >/dev/null
  fi
}

start_server() {
  local url=$1
  RUST_LOG=warn JWT_SECRET=bench-secret-bench-secret-bench-secret \
    "$BIN" serve --database-url "$url" --bind "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && return
    sleep 0.2
  done
  say "the server did not start:"; cat "$WORK/server.log" >&2; exit 1
}

stop_server() {
  if [ -n "${SERVER_PID:-}" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}

# Peak resident memory of the server so far, in MB.
peak_rss_mb() {
  awk '/VmHWM/ { printf "%.1f\n", $2 / 1024 }' "/proc/$SERVER_PID/status"
}

# body QUERY [VARIABLES_JSON]: a GraphQL request body.
body() {
  python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1], "variables": json.loads(sys.argv[2])}))' \
    "$1" "${2:-{\}}"
}

# gql BODY [TOKEN]: POST it, print the answer; fail on GraphQL errors.
gql() {
  local auth=()
  [ -n "${2:-}" ] && auth=(-H "Authorization: Bearer $2")
  local out
  out=$(curl -fsS "http://127.0.0.1:$PORT/graphql" -H 'content-type: application/json' \
    "${auth[@]}" --data-binary "$1")
  if python3 -c 'import json,sys; sys.exit(1 if "errors" in json.loads(sys.argv[1]) else 0)' "$out"; then
    printf '%s\n' "$out"
  else
    say "GraphQL errors: $out"; exit 1
  fi
}

# time_ms BODY: milliseconds one request takes, end to end.
time_ms() {
  curl -fsS -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT/graphql" \
    -H 'content-type: application/json' --data-binary "$1" |
    python3 -c 'import sys; print(round(float(sys.stdin.read()) * 1000, 2))'
}

median() { python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

# scan_ms KIND POSITIONS: a plain GROUP BY of published positions by stance
# and stakeholder group, timed in the database itself (the cost the
# maintained counts avoid).
scan_ms() {
  local sql="SELECT stance_id, stakeholder_group_id, COUNT(*) FROM position WHERE status = 'published' GROUP BY stance_id, stakeholder_group_id"
  if [ "$1" = postgres ]; then
    psql "$PG_URL/igf_bench_$2" -qAt -c '\timing on' -c "$sql" | awk '/^Time:/ { print $2 }' | tail -n 1
  else
    python3 - "$WORK/bench-$2.db" "$sql" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
start = time.perf_counter()
db.execute(sys.argv[2]).fetchall()
print(round((time.perf_counter() - start) * 1000, 2))
PY
  fi
}

STATS_STANCE_GROUP='{ positionStats(groupBy: [STANCE, STAKEHOLDER_GROUP]) { total buckets { stance { code } stakeholderGroup { code } count shareWithinGroup } } }'
