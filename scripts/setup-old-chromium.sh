#!/usr/bin/env bash
# Installs the old Chromium kernels that county PCs run (360安全浏览器 13: 86, UOS and 奇安信: 83,
# 红莲花: 92), and 79, the newest the app does not run on (it must say so), for
# tests/browser/old-kernels.test.mjs: real browser builds, not emulation.
# Each comes from the npm package chrome-aws-lambda, whose tarball carries a headless Chromium
# (bin/chromium.br, brotli); it is unpacked into target/old-chromium/<major>/chromium.
# The tarballs are pinned by version and checked against their registry integrity.
# Skips what is already there. Needs Debian's libnss3 (setup-test.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

# major  package version  integrity (npm view chrome-aws-lambda@<version> dist.integrity)
KERNELS=(
  "79 2.0.2 sha512-Aqgq5F93eJARkO+O/wD+2bCCFOVQNfA329sdPNl8ib0gsRjS00bAgTc9f5Mvto7H7yDuBcy0V3xJQZwMvmILUg=="
  "80 2.1.1 sha512-Wer2QuygxsCov5bM2+8CLa6qYpNsc5AxYTlgTne00aFoxFP491LGJRxOQtGnYtsJP6UG4pB0SfrwTyPnLys1Lw=="
  "83 3.1.1 sha512-ikOcpFgobiiUvDXtBft+jxVz2CsauRV58owDtVyF1ocl/YN+/eqdIrrmbItm3yeJGnb9RtKxzFAqGcpBTQbTCA=="
  "86 5.3.1 sha512-KklZTy2p2U/86cCh1hKL3PGDqoirQCAg7uejvNIn0rDBkWj4Su4GOjYMRVB3kthLwmnWhh3x63RDBTCAaQ9Q3Q=="
  "88 5.5.0 sha512-nYSDzTsVEVsvIFaUUAUN53ulXBLKSRXFS+eVYZOLZD5SA1If59rqBAiy4raMgorQwXWqjSsjK1SF4As+qzPLqA=="
  "90 8.0.2 sha512-a4VEX6DknxISPqGLksZa/JuEnjc4nLXaG0BMp5c9qERvJ/eBHPUJ7oCRQQC+SxSxuxsEwxbBj2RBlCQbivnihg=="
  "92 10.1.0 sha512-NZQVf+J4kqG4sVhRm3WNmOfzY0OtTSm+S8rg77pwePa9RCYHzhnzRs8YvNI6L9tALIW6RpmefWiPURt3vURXcw=="
)
ROOT=target/old-chromium

for entry in "${KERNELS[@]}"; do
  read -r major version integrity <<<"$entry"
  dir="$ROOT/$major"
  if [ -x "$dir/chromium" ] && [ "$(cat "$dir/PACKAGE" 2>/dev/null)" = "chrome-aws-lambda@$version" ]; then
    continue
  fi
  printf '→ 安装旧内核 Chromium %s（npm chrome-aws-lambda@%s）\n' "$major" "$version"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # Retried: a registry hiccup on a cold cache must not fail the run.
  for attempt in 1 2 3; do
    if npm pack "chrome-aws-lambda@$version" --pack-destination "$work" --silent --loglevel=error >/dev/null; then
      break
    fi
    [ "$attempt" -lt 3 ] || { echo "未能下载 chrome-aws-lambda@$version。" >&2; exit 1; }
    sleep 5
  done
  tarball="$work/chrome-aws-lambda-$version.tgz"
  actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [ "$actual" != "$integrity" ]; then
    echo "chrome-aws-lambda@$version 的校验值不符（$actual）。" >&2
    exit 1
  fi
  tar xzf "$tarball" -C "$work" package/bin/chromium.br
  rm -rf "$dir" && mkdir -p "$dir"
  node -e 'const z=require("zlib"),f=require("fs");f.writeFileSync(process.argv[2],z.brotliDecompressSync(f.readFileSync(process.argv[1])))' \
    "$work/package/bin/chromium.br" "$dir/chromium"
  chmod +x "$dir/chromium"
  echo "chrome-aws-lambda@$version" >"$dir/PACKAGE"
  rm -rf "$work"
  trap - EXIT
done
