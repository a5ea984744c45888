#!/usr/bin/env bash
# `bash scripts/ci-other-node.sh MAJOR [PREFIX]`: grill on another Node.js major, as a student
# with that Node would have it. The official Node binary comes from the npm registry (package
# node-linux-<arch>@MAJOR: bin/node and the headers in include/node) into a temporary folder and
# goes first on PATH, so pnpm, npm, node-gyp and the tests all run under it; native modules
# (better-sqlite3, and node-pty for the tests) are compiled against its own headers
# (npm_config_nodedir, which also overrides an npm setting that points builds at another Node's
# headers, as this machine's ~/.npmrc does). Then:
#   1. in a separate clone of this checkout (uncommitted changes copied in), `pnpm install
#      --frozen-lockfile` (which builds) and the README's test command, `pnpm test`, with the same
#      environment as the main run: with GRILL_REQUIRE_POSTGRES set by .ci/run the PostgreSQL
#      tests run there too, against the server that clone's vitest starts. Its vitest report is
#      copied to reports/vitest-node<MAJOR>.json;
#   2. when the Node first on PATH before (in CI the main run's, Node 20) is another major, it
#      runs the clone's `grill doctor`, whose better-sqlite3 is built for MAJOR: one line on
#      stderr must name `pnpm rebuild better-sqlite3` and the clone;
#   3. given PREFIX, an npm prefix where scripts/check-install.sh installed grill with another
#      Node (in CI the main run's), this Node runs that grill as a student who switched Node
#      versions would (this machine's npm settings, no override): the one line must name
#      `npm rebuild -g better-sqlite3 --prefix PREFIX`; the command it names is then run as it
#      is, and `grill doctor` must pass: the hint works, whatever npm's nodedir setting.
# The pnpm store is shared with the main run (same user, same store), so packages are fetched
# once per CI run; pnpm keys its cache of built native modules by Node major, so nothing built
# for one Node is reused under another. GRILL_CI_KEEP=1 keeps the temporary folder (to look at a
# failure). Exits non-zero if anything fails.
set -euo pipefail
major=${1:?usage: scripts/ci-other-node.sh MAJOR [PREFIX] (e.g. 22)}
prefix=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64) arch=arm64 ;;
  *) echo "ci-other-node: no node-linux package for $(uname -m)" >&2; exit 1 ;;
esac
main_node=$(command -v node)
main_path=$PATH
work=$(mktemp -d "${TMPDIR:-/tmp}/grill-node$major-XXXXXX")
[ -n "${GRILL_CI_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
say() { printf -- '-- node %s [%dm%02ds]: %s\n' "$major" $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }

say "fetching node-linux-$arch@$major from the npm registry"
(cd "$work" && npm pack --silent "node-linux-$arch@$major" >/dev/null)
mkdir "$work/node"
tar -xzf "$work"/node-linux-*.tgz -C "$work/node" --strip-components=1
rm "$work"/node-linux-*.tgz
[ -x "$work/node/bin/node" ] && [ -f "$work/node/include/node/node_version.h" ] ||
  { echo "ci-other-node: the package has no bin/node or include/node" >&2; exit 1; }
export PATH="$work/node/bin:$PATH"
export npm_config_nodedir="$work/node"
# node-gyp compiles a module's sources in parallel (better-sqlite3: SQLite and its binding).
export JOBS=max
say "$(node --version) (NODE_MODULE_VERSION $(node -p process.versions.modules)), pnpm $(pnpm --version), npm $(npm --version)"

say "cloning this checkout"
git -c advice.detachedHead=false clone -q "$root" "$work/repo"
git -C "$root" diff --binary HEAD | git -C "$work/repo" apply --allow-empty --whitespace=nowarn
git -C "$root" ls-files -z --others --exclude-standard |
  tar -C "$root" --null -T - -cf - | tar -C "$work/repo" -xf -
cd "$work/repo"

say "install (frozen lockfile; prepare builds the workspace)"
pnpm install --frozen-lockfile
# Each native module loads under this Node: the SQLite driver, the FSRS optimizer (Node-API,
# prebuilt) and node-pty (the tests' terminal).
node -e "
  const { createRequire } = require('node:module');
  const core = createRequire(require.resolve('./packages/core/package.json'));
  new (core('better-sqlite3'))(':memory:').close();
  core('@open-spaced-repetition/binding');
  createRequire(require.resolve('./packages/tui/package.json'))('node-pty');"
say "better-sqlite3, the FSRS optimizer and node-pty load under $(node --version)"

say "tests (the README's test command)"
status=0
pnpm test || status=$?
mkdir -p "$root/reports"
if [ -f reports/vitest.json ]; then cp reports/vitest.json "$root/reports/vitest-node$major.json"; fi
[ "$status" -eq 0 ] || { echo "ci-other-node: tests failed on $(node --version)" >&2; exit 1; }

# One line on stderr, a failure status, and each of the other arguments in the line.
expect_hint() {
  local message=$1 code=$2 needle
  printf '%s\n' "$message"
  [ "$code" -ne 0 ] && [ "$(printf '%s\n' "$message" | wc -l)" -eq 1 ] || {
    echo "ci-other-node: expected one line and a failure status (got status $code)" >&2
    exit 1
  }
  for needle in "${@:3}"; do
    grep -qF -- "$needle" <<<"$message" || { echo "ci-other-node: the line does not say: $needle" >&2; exit 1; }
  done
}
main_major=$("$main_node" -p 'process.versions.node.split(".")[0]')
if [ "$main_major" != "$major" ]; then
  say "$("$main_node" --version) runs the clone's grill, with a better-sqlite3 built for Node $major"
  set +e
  message=$(cd "$work" && env -u npm_config_nodedir -u JOBS PATH="$main_path" GRILL_HOME="$work/home" \
    "$main_node" "$work/repo/packages/tui/bundle/cli.js" doctor 2>&1 >/dev/null)
  code=$?
  set -e
  expect_hint "$message" "$code" "built for Node.js $major " "run \`pnpm rebuild better-sqlite3\` in $work/repo"
fi

if [ -n "$prefix" ]; then
  say "$(node --version) runs grill as installed with npm in $prefix by another Node"
  student() { (cd "$work" && env -u npm_config_nodedir GRILL_HOME="$work/home" "$@"); }
  set +e
  message=$(student "$prefix/bin/grill" doctor 2>&1 >/dev/null)
  code=$?
  set -e
  expect_hint "$message" "$code" "not for this Node.js $(node --version)" \
    "npm rebuild -g better-sqlite3 --prefix $prefix\`"
  command=$(sed -E 's/.*: run `([^`]+)`.*/\1/' <<<"$message")
  say "running what it says: $command"
  student bash -c "$command"
  student "$prefix/bin/grill" doctor >/dev/null
  say "grill doctor passes after it"
fi
say "passed"
