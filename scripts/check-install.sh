#!/usr/bin/env bash
# Packs grill and grill-server (scripts/pack.mjs) and installs both tarballs into a temporary
# npm prefix, as a user would (`npm install -g ./grill-<version>.tgz`), then runs them from
# another folder with a fresh home: `grill --version`, `grill due` on the bundled decks,
# `grill-server --help`. Run after `pnpm build`. Exits non-zero on the first failure.
# `check-install.sh PREFIX` installs into PREFIX and leaves it there (scripts/ci-other-node.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=${1:-$work/prefix}
node scripts/pack.mjs --out "$work/tarballs" >"$work/packed"
mapfile -t tarballs <"$work/packed"
npm install -g --no-fund --no-audit --loglevel=error --prefix "$prefix" "${tarballs[@]}"
cd "$work"
export GRILL_HOME="$work/home" PATH="$prefix/bin:$PATH"
unset GRILL_CONTENT
echo "grill --version: $(grill --version)"
grill due | tee "$work/due"
# The bundled decks came from the package: every deck has cards to learn.
grep -q '^http-rest ' "$work/due" || { echo "check-install: grill due shows no bundled decks" >&2; exit 1; }
grill-server --help | head -n 1
