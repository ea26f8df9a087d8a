#!/usr/bin/env bash
# Installs what `make bench` needs beyond the build and test tools: Lighthouse, at the version
# pinned in bench/package.json (and bench/package-lock.json), into bench/node_modules with npm ci,
# apart from the root package.json so that `make test` never installs it. Skips what is there.
set -euo pipefail
cd "$(dirname "$0")/../bench"

pinned=$(node -p "require('./package.json').devDependencies.lighthouse")
installed=$(node -p "require('./node_modules/lighthouse/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$pinned" ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  printf '→ 安装 Lighthouse %s（npm ci，bench/node_modules）\n' "$pinned"
  npm ci --no-audit --no-fund --loglevel=error
fi
