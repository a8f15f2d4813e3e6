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

# A Debian package some tests need, installed where we can (root with apt-get), else a
# warning saying which tests will fail. Arguments: package, what uses it.
install_test_tool() {
  local package=$1 used_by=$2
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing ${package} (used by ${used_by})"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null) ||
      echo "setup: could not install ${package}; ${used_by} will fail" >&2
  else
    echo "setup: ${package} is not installed; ${used_by} need it (apt-get install ${package})" >&2
  fi
}

# The end-to-end tests drive the menu under tmux.
command -v tmux >/dev/null 2>&1 || install_test_tool tmux "the end-to-end menu tests"
# The web front desk's tests drive Debian's chromium (headless).
if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  install_test_tool chromium "the web front desk's browser tests"
fi

echo "==> live data in ${DATA_DIR:-data}/"
node dist/ops/setup.js
echo "==> done. Start with ./startup.sh (or ./startup.sh --detach); the client is bin/library (export PATH=\"\$PWD/bin:\$PATH\" puts library on PATH)"
