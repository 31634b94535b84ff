#!/usr/bin/env bash
# Installs, with apt-get, whatever Hearth needs to build and test that this Debian 12 machine lacks.
# Runs `apt-get update` once, and only when something is missing. Safe to run again and again.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  libboost1.81-dev libboost-program-options1.81-dev   # Beast/Asio headers + Program_options
  libsqlite3-dev libsodium-dev
  libargon2-dev                                       # Argon2id in memory we can reuse (server/argon2id_hash.h)
  libutf8proc-dev                                     # Unicode folding for moderation filters (moderation/folded_text.h)
  libprotobuf-dev protobuf-compiler
  catch2                                              # Catch2 v2 (single header)
  nlohmann-json3-dev                                  # JSON reader for the Wycheproof vectors (tests/unit/e2e)
  clang libclang-rt-14-dev                            # libFuzzer targets
  chromium                                            # the browser tests drive it (tests/browser)
)
# The browser client (clients/web) builds and is tested with Node 18 or later (Debian 12 ships 18.20)
# and npm. A node or npm already on the PATH
# (a newer one from elsewhere) is used as it is; only when a command is missing does Debian's
# package come in.
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

echo "hearth: installing missing packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
