#!/usr/bin/env bash
# The README's second command: installs what is missing, builds everything with
# AddressSanitizer + UndefinedBehaviorSanitizer and runs every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/install-deps.sh
cmake --preset asan
cmake --build --preset asan
# Integration tests each start their own hearthd on an ephemeral port, so two run at once.
ctest --preset asan -j2
