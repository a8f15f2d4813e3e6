#!/usr/bin/env bash
# Prints the path of a base-image tarball for the Dockerfile's BASE_IMAGE: Debian bookworm
# (mmdebstrap minbase, from the apt mirror this machine uses) with this machine's Node 20
# and npm copied in. There is no registry to pull node:20-slim from here. The tarball is
# cached in $LIBRARY_DEPLOY_CACHE (default ~/.cache/library-deploy, outside the repo) under
# a name with Node's version, and rebuilt whenever it is missing.
set -euo pipefail
cache=${LIBRARY_DEPLOY_CACHE:-$HOME/.cache/library-deploy}
node_bin=$(command -v node)
node_version=$(node -p process.version)
npm_dir=$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd)
tarball="$cache/bookworm-minbase-node-$node_version.tar"
if [ -s "$tarball" ]; then
  echo "base-image: cached $tarball" >&2
  echo "$tarball"
  exit 0
fi
# The first deb URI of a bookworm suite in this machine's apt sources (deb822 or one-line).
mirror=$(awk '/^URIs:/ { uri = $2 } /^Suites:.*bookworm( |$)/ && uri ~ /debian\/?$/ { print uri; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
if [ -z "$mirror" ]; then
  mirror=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true)
fi
if [ -z "$mirror" ]; then
  echo "base-image: no bookworm mirror in /etc/apt/sources.list*" >&2
  exit 1
fi
mkdir -p "$cache"
echo "base-image: mmdebstrap minbase bookworm from $mirror, with Node $node_version ($node_bin) and npm ($npm_dir)" >&2
mmdebstrap --quiet --variant=minbase --include=ca-certificates \
  --customize-hook="copy-in $node_bin /usr/bin" \
  --customize-hook="mkdir -p \"\$1/usr/lib/node_modules\"" \
  --customize-hook="copy-in $npm_dir /usr/lib/node_modules" \
  --customize-hook="chroot \"\$1\" ln -sf ../lib/node_modules/npm/bin/npm-cli.js /usr/bin/npm" \
  --customize-hook="chroot \"\$1\" sh -c 'rm -rf /var/cache/apt/* /var/lib/apt/lists/*'" \
  --format=tar bookworm "$tarball.partial" "$mirror" >&2
mv "$tarball.partial" "$tarball"
echo "$tarball"
