#!/usr/bin/env bash
# Installs what Junction needs on this machine: npm packages from the lock file (which also
# bring Node 24 for every npm script), and, when asked, system packages from the OS.
#   scripts/setup.sh            npm packages only
#   scripts/setup.sh --system   also the system packages the full test suite needs
# It fails loudly when something cannot be installed: nothing is skipped silently.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages the test suite uses: a Docker engine (Docker provider, dashboard container
# actions, compose end-to-end), Chromium (dashboard UI tests), and the proxies and load generator
# the harness compares Junction with (their configurations are checked by the harness's tests).
# pebble (Let's Encrypt's test CA, for the ACME tests), openssl and curl (TLS and HTTP/2 tests).
# ShellCheck: the `scripts` project's lint target runs it on the shell scripts (scripts/lint-shell.sh).
SYSTEM_PACKAGES=(docker.io docker-compose chromium nginx-light haproxy caddy wrk pebble openssl curl shellcheck)

need_system=false
[ "${1:-}" = "--system" ] && need_system=true

if $need_system && [ ${#SYSTEM_PACKAGES[@]} -gt 0 ]; then
  missing=()
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "setup: installing system packages: ${missing[*]}"
      # Installed for tests only: keep the packages' services (nginx, haproxy, caddy, docker)
      # from starting on their default ports; the tests start what they need themselves.
      own_policy=false
      if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=true
      fi
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
      if $own_policy; then rm -f /usr/sbin/policy-rc.d; fi
    else
      echo "setup: missing system packages: ${missing[*]}" >&2
      echo "setup: install them (Debian/Ubuntu: sudo apt-get install -y ${missing[*]}) and run again." >&2
      exit 1
    fi
  fi
fi

# npm packages: install when node_modules is missing or older than the lock file.
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi
node_bin=node_modules/.bin/node
if [ ! -x "$node_bin" ]; then
  echo "setup: $node_bin is missing after npm ci; Junction's scripts need the node@24 package" >&2
  exit 1
fi
echo "setup: ready (npm scripts run on Node $($node_bin --version))"
