#!/usr/bin/env bash
# Starts every service and opens the menu; see ./startup.sh --help.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f dist/ops/startup.js ]; then
  echo "startup: the project is not built yet; run ./setup.sh first" >&2
  exit 1
fi
exec node dist/ops/startup.js "$@"
