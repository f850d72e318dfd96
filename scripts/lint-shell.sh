#!/usr/bin/env bash
# Lints the repository's shell scripts with ShellCheck (the `lint` target of the `scripts` project):
# every tracked *.sh file under scripts/ and docker/, plus .ci/run. ShellCheck is a system package that
# `scripts/setup.sh --system` installs; without it this fails and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v shellcheck >/dev/null; then
  echo "lint-shell: shellcheck is not installed; run 'bash scripts/setup.sh --system' (Debian: apt-get install shellcheck)" >&2
  exit 1
fi
mapfile -t files < <(git ls-files -- 'scripts/*.sh' 'docker/*.sh' 2>/dev/null || true)
# Outside a git checkout (e.g. a source tarball), look in the same folders.
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(find scripts docker -name '*.sh' -not -path '*/node_modules/*')
shellcheck --severity=style "${files[@]}" .ci/run
echo "lint-shell: ${#files[@]} scripts and .ci/run are clean"
