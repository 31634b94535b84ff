#!/usr/bin/env bash
# The README's first command: installs what is missing, builds Hearth (Release) and runs hearthd
# with demo rooms on 127.0.0.1:8080. On a fresh database hearthd prints, once, the invite code
# that makes you the first admin. Extra arguments go to hearthd (see hearthd --help).
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release

data_dir="${HEARTH_DATA_DIR:-./hearth-data}"
listen="${HEARTH_LISTEN:-127.0.0.1:8080}"
mkdir -p "$data_dir"
cat <<BANNER

  Hearth is starting. Open it in your browser:
      http://${listen}/
  Or, in another terminal, use the command-line client:
      $(pwd)/build/release/clients/cli/hearth --help
      $(pwd)/build/release/clients/cli/hearth register YOUR-NAME
      $(pwd)/build/release/clients/cli/hearth join families-together
      $(pwd)/build/release/clients/cli/hearth chat families-together
  Stop the server with Ctrl-C; your data stays in $data_dir.

BANNER
exec build/release/server/hearthd --listen "$listen" --data-dir "$data_dir" --demo-rooms "$@"
