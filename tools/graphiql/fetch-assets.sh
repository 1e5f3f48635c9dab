#!/usr/bin/env bash
# Fill FOLDER with the GraphiQL files the server pins (exact versions, as
# npm packs them), for `serve --graphiql-assets FOLDER`: GraphiQL then
# loads from the server itself, offline and on intranets. The server checks
# every file against its integrity hash when it starts.
#
#   tools/graphiql/fetch-assets.sh /srv/igf-perspectives/graphiql
set -euo pipefail
dir=${1:?usage: fetch-assets.sh FOLDER}
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for package in react@18.3.1 react-dom@18.3.1 graphiql@3.9.0; do
  tarball=$(cd "$work" && npm pack "$package" --silent)
  mkdir -p "$dir/$package"
  tar -xzf "$work/$tarball" -C "$dir/$package" --strip-components=1
done
echo "GraphiQL assets in $dir"
