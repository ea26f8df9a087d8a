#!/usr/bin/env bash
# Installs what building the app needs, at the pinned versions; skips what is already there.
#   - Rust target wasm32-unknown-unknown (rustup)
#   - trunk 0.21.14 (cargo install --locked)
#   - wasm-bindgen-cli at the version Cargo.lock resolves (cargo install)
#   - wasm-opt from npm binaryen@132.0.0 and playwright-core (npm ci, from package-lock.json)
#   - Python's brotli (Debian python3-brotli, else PyPI): the build writes .br copies of its files
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
say() { printf '→ %s\n' "$*"; }

if ! command -v cargo >/dev/null 2>&1; then
  echo "未找到 cargo：请先安装 Rust 工具链（rustup）。" >&2
  exit 1
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "安装 Rust 目标 wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "安装 trunk $TRUNK_VERSION（cargo install，约需 8 分钟）"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen library exactly.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WBG_VERSION" ]; then
  echo "Cargo.lock 中没有 wasm-bindgen 的版本。" >&2
  exit 1
fi
if ! grep -q "wasm_bindgen = \"$WBG_VERSION\"" Trunk.toml; then
  echo "Trunk.toml 的 [tools] wasm_bindgen 与 Cargo.lock 中的 $WBG_VERSION 不一致。" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WBG_VERSION" ]; then
  say "安装 wasm-bindgen-cli $WBG_VERSION（cargo install）"
  # Not --locked: one of its locked dependencies is not served by the registry mirror.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

if ! command -v npm >/dev/null 2>&1; then
  say "安装 Node.js 与 npm（apt）"
  scripts/apt-install.sh nodejs npm
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
  || [ ! -x node_modules/.bin/wasm-opt ]; then
  say "安装 npm 依赖（binaryen 132 的 wasm-opt、playwright-core）"
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ "$(node_modules/.bin/wasm-opt --version 2>/dev/null | awk '{print $3}')" != "132" ]; then
  echo "node_modules 中的 wasm-opt 不是 132 版。" >&2
  exit 1
fi

# scripts/postbuild.py writes a brotli copy beside each text and wasm file. PyPI's brotli for the
# python3 on PATH (as setup-test.sh installs its packages); Debian's python3-brotli where pip may not.
if ! python3 -c "import brotli" >/dev/null 2>&1; then
  say "安装 Python 的 brotli 压缩模块"
  if ! python3 -m pip install --quiet --disable-pip-version-check brotli; then
    # Every Debian package goes through apt-install.sh, which waits for the dpkg lock.
    scripts/apt-install.sh python3-brotli || true
  fi
  if ! python3 -c "import brotli" >/dev/null 2>&1; then
    echo "未能安装 Python 的 brotli 模块（pip install brotli，或 scripts/apt-install.sh python3-brotli）。" >&2
    exit 1
  fi
fi
