#!/usr/bin/env bash
# Runs the README's example session (the ```sh block under "## Example session") exactly as it is written, against a
# running service, and fails on the first command that fails (curl -f: any HTTP error).
# Env: PRUNEGCRN_URL (the session's default: http://localhost:8080), EPOCHS (the session's default: 5; CI: 1).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
session=$(awk '/^## Example session/ { found = 1; next } found && /^```sh/ { inside = 1; next } inside && /^```/ { exit } inside' README.md)
[ -n "$session" ] || { echo "README.md has no sh block under '## Example session'" >&2; exit 1; }
bash -euo pipefail -x -c "$session"
