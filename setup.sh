#!/usr/bin/env bash
# Installs, builds and creates the live data from data/seed/ where it is missing.
# Safe to run again: it never overwrites live data.
set -euo pipefail
cd "$(dirname "$0")"

need_major=20; need_minor=17
version=$(node -p 'process.versions.node' 2>/dev/null || true)
if [ -z "$version" ]; then
  echo "setup: Node.js >= ${need_major}.${need_minor} is required and was not found" >&2
  exit 1
fi
IFS=. read -r major minor _ <<<"$version"
if [ "$major" -lt "$need_major" ] || { [ "$major" -eq "$need_major" ] && [ "$minor" -lt "$need_minor" ]; }; then
  echo "setup: Node.js >= ${need_major}.${need_minor} is required, found $version" >&2
  exit 1
fi

# Dependencies: npm ci, skipped when node_modules already matches package-lock.json.
stamp=node_modules/.setup-lock-hash
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$lock_hash" ]; then
  echo "==> installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
  echo "$lock_hash" >"$stamp"
else
  echo "==> dependencies up to date"
fi

echo "==> building"
npm run --silent build

# The end-to-end tests drive the menu under tmux; install it where we can.
if ! command -v tmux >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing tmux (used by the end-to-end tests)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null) ||
      echo "setup: could not install tmux; the menu tests will fail" >&2
  else
    echo "setup: tmux is not installed; the end-to-end menu tests need it (apt-get install tmux)" >&2
  fi
fi

# The web front desk's tests drive Debian's chromium (headless); install it where we can.
if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing chromium (used by the web front desk's browser tests)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ||
      echo "setup: could not install chromium; the browser tests will fail" >&2
  else
    echo "setup: chromium is not installed; the browser tests need it (apt-get install chromium)" >&2
  fi
fi

echo "==> live data in ${DATA_DIR:-data}/"
node dist/ops/setup.js
echo "==> done. Start with ./startup.sh (or ./startup.sh --detach)"
