#!/usr/bin/env bash
# Generates src/gen/ (TypeScript messages for protocol/hearth/v1/*.proto) with Debian's protoc and
# protoc-gen-es from node_modules. Two build trees (presets) may run this at once on the same
# source tree, so it holds a lock, generates into a temporary directory and moves in only the
# files that changed (each by an atomic rename), which also keeps unchanged files' times for
# incremental builds.
set -euo pipefail
web_dir="$(cd "$(dirname "$0")/.." && pwd)"
proto_root="$(cd "$web_dir/../../protocol" && pwd)"
protoc="${PROTOC:-protoc}"

exec 9>"$web_dir/.hearth-build.lock"
flock 9

tmp="$(mktemp -d "$web_dir/.hearth-gen.XXXXXX")" # same file system: mv is a rename
trap 'rm -rf "$tmp"' EXIT
"$protoc" \
  --plugin=protoc-gen-es="$web_dir/node_modules/.bin/protoc-gen-es" \
  --es_out="$tmp" --es_opt=target=ts \
  -I "$proto_root" "$proto_root"/hearth/v1/*.proto

mkdir -p "$web_dir/src/gen"
(cd "$tmp" && find . -type f) | while read -r file; do
  target="$web_dir/src/gen/$file"
  if ! cmp -s "$tmp/$file" "$target"; then
    mkdir -p "$(dirname "$target")"
    mv -f "$tmp/$file" "$target"
  fi
done
