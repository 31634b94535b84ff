#!/usr/bin/env bash
# Runs `npm ci` in clients/web when package-lock.json changed since the last install, and only
# then. node_modules lives in the source tree, next to the sources that import it, so that tsc,
# esbuild and the browser tests resolve packages the ordinary way. Build trees share it: a lock
# lets one of two presets building at once install while the other waits, and the hash of the
# lock file installed is kept in node_modules, so the second finds the work done.
set -euo pipefail
web_dir="$(cd "$(dirname "$0")/.." && pwd)"
cd "$web_dir"

# The lock file stays outside node_modules, which npm ci deletes and makes anew.
exec 9>.hearth-build.lock
flock 9

wanted="$(sha256sum package-lock.json | cut -d' ' -f1)"
marker=node_modules/.hearth-lock-sha256
if [ -f "$marker" ] && [ "$(cat "$marker")" = "$wanted" ]; then exit 0; fi

npm ci --no-audit --no-fund
echo "$wanted" > "$marker"
