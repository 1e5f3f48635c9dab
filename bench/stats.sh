#!/usr/bin/env bash
# Times positionStats by stance × stakeholder group on fictional data sets
# of 200,000 and 1,000,000 positions, on SQLite and PostgreSQL, and prints
# the figures: the first answer after start (read from the maintained
# counts), the cached answer, and a plain GROUP BY over the positions in the
# database for comparison.
#
#   bench/stats.sh                      # both databases, 200k and 1M
#   SIZES="200000" DATABASES=sqlite bench/stats.sh
source "$(dirname "$0")/lib.sh"

SIZES=${SIZES:-"200000 1000000"}
DATABASES=${DATABASES:-"postgres sqlite"}
build
request=$(body "$STATS_STANCE_GROUP")

printf '%-9s %9s %9s %10s %10s %10s\n' database positions generate first_ms cached_ms group_by_ms
for kind in $DATABASES; do
  for size in $SIZES; do
    gen=$(generate "$kind" $((size / 100)) $((size / 20)) "$size")
    start_server "$(database_url "$kind" "$size")"
    first=$(time_ms "$request")
    cached=()
    for _ in 1 2 3 4 5; do cached+=("$(time_ms "$request")"); done
    scans=()
    for _ in 1 2 3; do scans+=("$(scan_ms "$kind" "$size")"); done
    total=$(gql "$request" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["positionStats"]["total"])')
    stop_server
    printf '%-9s %9s %8ss %10s %10s %10s   (total %s published)\n' "$kind" "$size" "$gen" \
      "$first" "$(median "${cached[@]}")" "$(median "${scans[@]}")" "$total"
    drop_database "$kind" "$size"
  done
done
