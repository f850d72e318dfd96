#!/usr/bin/env bash
# The README's run command (`npm start`): sets up (npm ci when needed), then runs the lab's demo
# without Docker — Junction in front of 3 jokes APIs and 2 static sites on loopback, with its
# dashboard (scripts/demo/start.mjs). Arguments pass through: `npm start -- --no-build`.
# The workspace's Node 24 (node_modules/.bin/node, which setup.sh checks) runs it, however this is started.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node_modules/.bin/node scripts/demo/start.mjs "$@"
