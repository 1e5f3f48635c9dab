#!/usr/bin/env bash
# CPU time per request of the server, this checkout against another commit,
# on the shapes of bench/run.sh (Q1 one session by code, Q2 fifty sessions
# with speakers, Q3 positionStats by three dimensions). Both release
# binaries serve the same fictional data set in turn, interleaved (A B, B A,
# ...), each driven by wrk for DURATION seconds per shape; the server's own
# user+system CPU time (from /proc) is divided by the requests it answered.
# Prints the medians and the change.
#
#   bench/cpu.sh 74b0a8c
#   DATABASES=sqlite RUNS=3 DURATION=5 bench/cpu.sh HEAD~1   # a quick look
#   BASE_BIN=/path/to/its/release/binary bench/cpu.sh 74b0a8c # built already
source "$(dirname "$0")/lib.sh"

BASE=${1:-HEAD~1}
DATABASES=${DATABASES:-"sqlite postgres"}
RUNS=${RUNS:-5}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
CONNECTIONS=${CONNECTIONS:-16}
POSITIONS=${POSITIONS:-200000}

command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null ||
  { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

build
cp "$BIN" "$WORK/head"
base_sha=$(git rev-parse --short "$BASE")
if [ -n "${BASE_BIN:-}" ]; then
  cp "$BASE_BIN" "$WORK/base"
else
  say "building the release binary of $base_sha"
  git worktree add -q --detach "$WORK/base-src" "$BASE"
  CARGO_TARGET_DIR="$PWD/target" cargo build --release --quiet \
    --manifest-path "$WORK/base-src/Cargo.toml"
  cp "$BIN" "$WORK/base"
  git worktree remove --force "$WORK/base-src"
  cargo build --release --quiet # leave this checkout's binary in target/
fi
BIN="$WORK/head" # the data sets are made by this checkout

cat >"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open(os.getenv("BODY_FILE"))
wrk.body = f:read("*a")
f:close()
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout))
end
LUA

# CPU ticks (user + system) the server has used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }

# measure KIND BINARY QUERY: one line "requests errors cpu_ms".
measure() {
  local before after out
  before=$(cpu_ticks)
  out=$(BODY_FILE="$WORK/$3.json" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/post.lua" \
    "http://127.0.0.1:$PORT/graphql" | awk '/^BENCH/ { print $2, $3 }')
  after=$(cpu_ticks)
  echo "$out $(((after - before) * 1000 / $(getconf CLK_TCK)))"
}

RESULTS=$WORK/cpu.jsonl
: >"$RESULTS"
for kind in $DATABASES; do
  say "== $kind: generating $POSITIONS positions"
  generate "$kind" $((POSITIONS / 100)) $((POSITIONS / 20)) "$POSITIONS" >/dev/null
  url=$(database_url "$kind" "$POSITIONS")
  BIN="$WORK/head" start_server "$url"
  read -r event code < <(gql "$(body '{ sessions(first: 1) { nodes { code event { code } } } }')" |
    python3 -c 'import json,sys; n=json.load(sys.stdin)["data"]["sessions"]["nodes"][0]; print(n["event"]["code"], n["code"])')
  stop_server
  body 'query($e: String!, $c: String!) { session(event: $e, code: $c) { code title roles(role: SPEAKER) { person { name affiliation } stakeholderGroup { name } region { name } } policyQuestions { text } } }' \
    "{\"e\": \"$event\", \"c\": \"$code\"}" >"$WORK/Q1.json"
  body '{ sessions(first: 50) { nodes { code title roles(role: SPEAKER) { person { name affiliation } stakeholderGroup { name } region { name } } } } }' >"$WORK/Q2.json"
  body '{ positionStats(groupBy: [STANCE, STAKEHOLDER_GROUP, REGION]) { total buckets { stance { code } stakeholderGroup { code } region { code } count shareWithinGroup } } }' >"$WORK/Q3.json"
  for run in $(seq 1 "$RUNS"); do
    order="base head"
    [ $((run % 2)) -eq 0 ] && order="head base"
    for which in $order; do
      BIN="$WORK/$which" start_server "$url"
      for q in Q1 Q2 Q3; do
        gql "$(cat "$WORK/$q.json")" >/dev/null
        BODY_FILE="$WORK/$q.json" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/post.lua" \
          "http://127.0.0.1:$PORT/graphql" >/dev/null
        read -r requests errors cpu_ms < <(measure "$kind" "$which" "$q")
        say "  $kind $q $which run $run: $requests requests, $errors errors, $cpu_ms ms CPU"
        echo "{\"database\": \"$kind\", \"query\": \"$q\", \"binary\": \"$which\", \"requests\": $requests, \"errors\": $errors, \"cpu_ms\": $cpu_ms}" >>"$RESULTS"
      done
      stop_server
    done
  done
  drop_database "$kind" "$POSITIONS"
done

python3 - "$RESULTS" "$base_sha" "$(git rev-parse --short HEAD)" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
base, head = sys.argv[2], sys.argv[3]
def per_request(db, q, b):
    return statistics.median(r["cpu_ms"] * 1000 / r["requests"] for r in rows
                             if (r["database"], r["query"], r["binary"]) == (db, q, b) and r["requests"])
print(f"CPU microseconds per request, median of the runs (base {base}, head {head})")
print(f"{'database':9} {'query':5} {'base':>9} {'head':>9} {'change':>8} {'errors':>6}")
for db in dict.fromkeys(r["database"] for r in rows):
    for q in ("Q1", "Q2", "Q3"):
        a, b = per_request(db, q, "base"), per_request(db, q, "head")
        errors = sum(r["errors"] for r in rows if (r["database"], r["query"]) == (db, q))
        print(f"{db:9} {q:5} {a:>9.0f} {b:>9.0f} {100 * (b - a) / a:>+7.1f}% {errors:>6}")
PY
