#!/usr/bin/env bash
# GraphiQL in a real browser, offline: fills a folder with the pinned
# GraphiQL files, serves them from a fresh server on the embedded database,
# opens GraphiQL in headless Chromium with every other host refused, runs a
# query and checks the answer. Needs Debian's chromium (apt install
# chromium) and Node.js; run it before each release (it is not part of
# `cargo test`, as it fetches and starts a browser).
#
#   tools/graphiql/browser-check.sh [path/to/igf-perspectives]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-target/debug/igf-perspectives}
[ -x "$bin" ] || cargo build -q
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
tools/graphiql/fetch-assets.sh "$work/assets" >/dev/null
npm ci --prefix tools/clients --no-audit --no-fund --loglevel=error
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
JWT_SECRET=graphiql-check-fictional-secret-0123456789 \
  "$bin" serve --database-url "sqlite://$work/check.db" --bind "127.0.0.1:$port" \
  --graphiql-assets "$work/assets" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.2
done
node tools/clients/graphiql-check.mjs "http://127.0.0.1:$port" "${CHROMIUM:-/usr/bin/chromium}"
