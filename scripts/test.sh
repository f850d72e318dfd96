#!/usr/bin/env bash
# The README's test command (`npm test`): sets up this machine, then lints, type-checks, tests
# and builds every project, runs the e2e, chaos, soak and swarm suites, checks the formatting,
# and ends with one line `N passed, N failed, N skipped`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --system
export NX_DAEMON=false NX_NO_CLOUD=true
rm -f packages/*/reports/vitest*.json
status=0
# In CI every target runs for real: Nx's local cache lives outside the clone (e.g. /tmp/.nx),
# so a machine that ran the suite before could otherwise replay results.
cache=()
[ "${CI:-}" = "true" ] && cache=(--skip-nx-cache)
npx nx run-many -t lint typecheck test build --outputStyle=static "${cache[@]}" || status=$?
# The e2e suites (lb-server's `e2e` target: a Docker engine the tests start, Chromium, Pebble, the
# demo apps as images and bundles): apart from `test` so that one stays fast and cacheable; never cached.
npx nx run-many -t e2e --outputStyle=static || status=$?
# lb-server's chaos suite (Docker replicas, dockerd and Junction itself replaced under load) and a
# CI-sized soak (60 s; the full one is 5 min): their own targets, never cached; each prints its
# figures and one closing line, and a missed goal fails the run.
npx nx run lb-server:chaos --outputStyle=static || status=$?
SOAK_SECONDS=60 npx nx run lb-server:soak --outputStyle=static || status=$?
# lb-server's swarm suite: makes the tests' engine a one-node swarm (which no other Docker test
# must see, so it runs alone, last), deploys stacks and tallies load through Junction replicas.
npx nx run lb-server:swarm --outputStyle=static || status=$?
# Formatting, one named step: Prettier's check of the whole tree (`npm run format` fixes it).
echo "format: npm run format:check"
npm run --silent format:check || status=$?
node scripts/test-summary.mjs || status=$?
exit $status
