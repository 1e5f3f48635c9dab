#!/usr/bin/env bash
# Load benchmark. Builds the release binary, fills a fresh database per
# backend with fictional data (demo-data: 2,000 sessions, 10,000 people,
# 200,000 positions), starts the server and drives it with wrk:
#
#   Q1  one generated session by code, with speakers and policy questions
#   Q2  the first 50 sessions by code, each with speakers, group and region
#   Q3  positionStats by stance × stakeholder group × region, all positions
#
# at each concurrency for DURATION seconds after a warm-up, RUNS times each,
# quoting the median. Then, on a 1,000,000-position data set, it times
# positionStats and streams the full CSV export while watching the server's
# peak memory. Prints a table and writes bench/results/<commit>.json.
#
#   bench/run.sh
#   DATABASES=sqlite RUNS=1 DURATION=5 BIG=0 bench/run.sh     # a quick look
source "$(dirname "$0")/lib.sh"

DATABASES=${DATABASES:-"postgres sqlite"}
CONCURRENCY=${CONCURRENCY:-"16 64"}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
RUNS=${RUNS:-2}
POSITIONS=${POSITIONS:-200000}
BIG=${BIG:-1000000}
THREADS=${THREADS:-2}

if ! command -v wrk >/dev/null; then
  say "installing wrk"
  apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi
build
mkdir -p bench/results
RESULTS=$WORK/results.jsonl
: >"$RESULTS"

cat >"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open(os.getenv("BODY_FILE"))
wrk.body = f:read("*a")
f:close()
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %.1f %.3f %.3f %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
LUA

Q2='{ sessions(first: 50) { nodes { code title roles(role: SPEAKER) { person { name affiliation } stakeholderGroup { name } region { name } } } } }'
Q3='{ positionStats(groupBy: [STANCE, STAKEHOLDER_GROUP, REGION]) { total buckets { stance { code } stakeholderGroup { code } region { code } count shareWithinGroup } } }'

# load NAME CONCURRENCY: wrk RUNS times; one JSON line with the medians.
load() {
  local name=$1 c=$2 kind=$3 runs=() line
  for run in $(seq 1 "$RUNS"); do
    line=$(BODY_FILE="$WORK/$name.json" wrk -t"$THREADS" -c"$c" -d"${DURATION}s" \
      -s "$WORK/post.lua" "http://127.0.0.1:$PORT/graphql" | awk '/^BENCH/ { print $2, $3, $4, $5 }')
    runs+=("$line")
    say "  $kind $name c=$c run $run: $line (req/s p50 p99 errors)"
  done
  python3 - "$kind" "$name" "$c" "${runs[@]}" >>"$RESULTS" <<'PY'
import json, statistics, sys
kind, name, c, *runs = sys.argv[1:]
cols = [list(map(float, r.split())) for r in runs]
med = lambda i: statistics.median(r[i] for r in cols)
print(json.dumps({"database": kind, "query": name, "concurrency": int(c),
    "requests_per_s": med(0), "p50_ms": med(1), "p99_ms": med(2),
    "errors": int(sum(r[3] for r in cols)), "runs": cols}))
PY
}

declare -A GEN PEAK BIGSTATS EXPORT
for kind in $DATABASES; do
  say "== $kind: generating $POSITIONS positions"
  GEN[$kind]=$(generate "$kind" $((POSITIONS / 100)) $((POSITIONS / 20)) "$POSITIONS")
  start_server "$(database_url "$kind" "$POSITIONS")"
  # Q1 asks for a generated session.
  read -r event code < <(gql "$(body '{ sessions(first: 1) { nodes { code event { code } } } }')" |
    python3 -c 'import json,sys; n=json.load(sys.stdin)["data"]["sessions"]["nodes"][0]; print(n["event"]["code"], n["code"])')
  body 'query($e: String!, $c: String!) { session(event: $e, code: $c) { code title roles(role: SPEAKER) { person { name affiliation } stakeholderGroup { name } region { name } } policyQuestions { text } } }' \
    "{\"e\": \"$event\", \"c\": \"$code\"}" >"$WORK/Q1.json"
  body "$Q2" >"$WORK/Q2.json"
  body "$Q3" >"$WORK/Q3.json"
  for q in Q1 Q2 Q3; do
    gql "$(cat "$WORK/$q.json")" >/dev/null # answers without errors
    BODY_FILE="$WORK/$q.json" wrk -t"$THREADS" -c16 -d"${WARMUP}s" -s "$WORK/post.lua" \
      "http://127.0.0.1:$PORT/graphql" >/dev/null
    for c in $CONCURRENCY; do load "$q" "$c" "$kind"; done
  done
  PEAK[$kind]=$(peak_rss_mb)
  stop_server
  drop_database "$kind" "$POSITIONS"

  if [ "$BIG" -gt 0 ]; then
    say "== $kind: generating $BIG positions"
    gen_big=$(generate "$kind" $((BIG / 100)) $((BIG / 20)) "$BIG")
    url=$(database_url "$kind" "$BIG")
    printf 'a-long-bench-password\n' | RUST_LOG=warn "$BIN" user add --database-url "$url" \
      --email analyst@bench.example --role analyst >/dev/null
    start_server "$url"
    token=$(gql "$(body 'mutation { login(email: "analyst@bench.example", password: "a-long-bench-password") { token } }')" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["login"]["token"])')
    first=$(time_ms "$(cat "$WORK/Q3.json")")
    cached=()
    for _ in 1 2 3 4 5; do cached+=("$(time_ms "$(cat "$WORK/Q3.json")")"); done
    before=$(peak_rss_mb)
    start=$(date +%s.%N)
    bytes=$(curl -fsS -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$PORT/export/positions.csv" | wc -c)
    end=$(date +%s.%N)
    EXPORT[$kind]="{\"rows_bytes\": $bytes, \"seconds\": $(python3 -c "print(round($end - $start, 1))"), \"peak_rss_mb_before\": $before, \"peak_rss_mb_after\": $(peak_rss_mb)}"
    BIGSTATS[$kind]="{\"positions\": $BIG, \"generate_s\": $gen_big, \"first_ms\": $first, \"cached_ms\": $(median "${cached[@]}"), \"group_by_scan_ms\": $(scan_ms "$kind" "$BIG")}"
    stop_server
    drop_database "$kind" "$BIG"
  fi
done

commit=$(git rev-parse --short HEAD)
out=bench/results/$commit.json
python3 - "$RESULTS" "$out" "$commit" "$DURATION" "$RUNS" "$POSITIONS" \
  "$(for k in $DATABASES; do printf '"%s": {"generate_s": %s, "peak_rss_mb": %s, "big_stats": %s, "export_1m_csv": %s}, ' \
      "$k" "${GEN[$k]}" "${PEAK[$k]}" "${BIGSTATS[$k]:-null}" "${EXPORT[$k]:-null}"; done)" <<'PY'
import json, sys, datetime, os
results_file, out, commit, duration, runs, positions, per_db = sys.argv[1:]
rows = [json.loads(l) for l in open(results_file)]
per_db = json.loads("{" + per_db.rstrip(", ") + "}")
doc = {"commit": commit, "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
       "cores": os.cpu_count(), "duration_s": int(duration), "runs": int(runs),
       "positions": int(positions), "load": rows, "databases": per_db}
json.dump(doc, open(out, "w"), indent=2)
print(f"{'database':9} {'query':5} {'conc':>4} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
for r in rows:
    print(f"{r['database']:9} {r['query']:5} {r['concurrency']:>4} {r['requests_per_s']:>9.0f} "
          f"{r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} {r['errors']:>6}")
print()
for k, v in per_db.items():
    print(f"{k}: demo-data {v['generate_s']} s; server peak RSS under load {v['peak_rss_mb']} MB")
    if v.get("big_stats"):
        b = v["big_stats"]
        print(f"  {b['positions']} positions: positionStats first {b['first_ms']} ms, cached {b['cached_ms']} ms, "
              f"plain GROUP BY {b['group_by_scan_ms']} ms (demo-data {b['generate_s']} s)")
    if v.get("export_1m_csv"):
        e = v["export_1m_csv"]
        print(f"  CSV export of every position: {e['rows_bytes']} bytes in {e['seconds']} s, "
              f"peak RSS {e['peak_rss_mb_before']} -> {e['peak_rss_mb_after']} MB")
print(f"\nwritten to {out}")
PY
