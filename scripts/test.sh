#!/usr/bin/env bash
# The README's test command (`npm test`): sets up this machine, then lints, type-checks,
# tests and builds every package, and ends with one line `N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --system
export NX_DAEMON=false NX_NO_CLOUD=true
rm -f packages/*/reports/vitest.json
status=0
npx nx run-many -t lint typecheck test build --outputStyle=static || status=$?
node scripts/test-summary.mjs || status=$?
exit $status
