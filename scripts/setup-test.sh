#!/usr/bin/env bash
# Installs what the browser tests need from Debian: Chromium, its driver, CJK fonts, pdftotext.
# Skips packages already installed.
set -euo pipefail

PACKAGES=(chromium chromium-driver fonts-noto-cjk poppler-utils)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  printf '→ 安装测试所需的系统软件包：%s\n' "${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
