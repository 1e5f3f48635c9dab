#!/usr/bin/env bash
# Installs, generates, type-checks and runs the typed client example
# against a fresh server on a temporary SQLite database.
#
#   examples/typed-client/run.sh [path/to/igf-perspectives]
#
# The binary defaults to target/debug/igf-perspectives in the repository;
# it is used as built, never rebuilt here.
set -euo pipefail

# A binary given relative to the caller's directory stays valid after the cd.
bin="${1:-target/debug/igf-perspectives}"
if [[ $# -ge 1 && "$bin" != /* ]]; then bin="$PWD/$bin"; fi

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
example=examples/typed-client

if [[ ! -x "$bin" ]]; then
  echo "no server binary at $bin (build it, or pass its path)" >&2
  exit 2
fi

echo "==> npm ci"
# The lock file pins everything. `--loglevel=error` hides the engine
# warnings of codegen's dependencies that declare Node 22 (listr2, the
# URL loader's fetch); codegen runs fine on Node 20 all the same.
npm ci --prefix "$example" --loglevel=error --no-audit --no-fund

# Generated and compiled files from an earlier run could hide a stale document.
rm -rf "$example/src/gql" "$example/dist"

echo "==> codegen (schema.graphql -> $example/src/gql/)"
# `npm run` works in the example's folder, where codegen.ts's paths start.
npm run --prefix "$example" --silent codegen

echo "==> tsc (strict)"
# --prefix finds the example's own TypeScript: a bare `npx tsc` from the
# repository root would fetch an unrelated npm package called `tsc`.
npx --prefix "$example" tsc -p "$example"

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  local status=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && -s "$tmp/server.log" ]]; then
    echo "--- last lines of the server's log ---" >&2
    tail -n 20 "$tmp/server.log" >&2
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

database_url="sqlite://$tmp/example.db"
email=admin.fictional@example.org
# Random each run, so no password is written down anywhere.
password="example-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

# Port 0 lets the kernel pick a free port; the probe closes it at once.
port="$(node -e '
  const probe = require("node:net").createServer();
  probe.listen(0, "127.0.0.1", () => { console.log(probe.address().port); probe.close(); });
')"

echo "==> admin account $email"
# The password comes from standard input, which is not a terminal here.
# This creates and migrates the database file too.
printf '%s\n' "$password" | "$bin" user add --database-url "$database_url" --email "$email" --role admin

echo "==> server on 127.0.0.1:$port"
# The server loads the founding proposal, WS #461, into the empty database.
# NO_COLOR keeps colour codes out of the log shown on failure.
NO_COLOR=1 JWT_SECRET="fictional-signing-secret-for-the-typed-client-example-only" \
  "$bin" serve --database-url "$database_url" --bind "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
server_pid=$!

base_url="http://127.0.0.1:$port"
healthy() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "$base_url/healthz"
}
# About 20 seconds at most: migrations and the founding import come first.
for attempt in $(seq 1 100); do
  if healthy; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the server stopped before it was ready" >&2
    exit 1
  fi
  if [[ $attempt -eq 100 ]]; then
    echo "the server did not answer $base_url/healthz" >&2
    exit 1
  fi
  sleep 0.2
done

echo "==> typed client"
IGF_EMAIL="$email" IGF_PASSWORD="$password" node "$example/dist/main.js" "$base_url/graphql"

echo "typed client example passed in ${SECONDS}s"
