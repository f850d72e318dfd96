#!/usr/bin/env bash
# The README's run command (`npm start`). Sets up (npm ci when needed), then runs what Junction
# has today. While the proxy server is being built, that is lb-core's walk-through: it parses the
# lab's Traefik rules, routes requests and shows the balancing strategies.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo
echo "Junction today: the core library (lb-core). The proxy, demo stack and dashboard are not built yet;"
echo "see README.md. Walking through lb-core with the lab's rules:"
echo
npx tsx --conditions=junction-source packages/lb-core/examples/quickstart.ts
