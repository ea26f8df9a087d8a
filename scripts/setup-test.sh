#!/usr/bin/env bash
# Installs what the browser tests need from Debian: Chromium, its driver, CJK fonts, pdftotext,
# nginx with its brotli_static module (tests/browser/nginx.test.mjs); then the old Chromium
# kernels of county PCs (scripts/setup-old-chromium.sh).
# Skips packages already installed; scripts/apt-install.sh waits while another installer runs.
set -euo pipefail

# libreoffice-*-nogui: the smallest LibreOffice that converts .docx and .xlsx headless
# (tests/office_files.rs); libnginx-mod-http-brotli-static: nginx serves the .br copies.
# libnss3: the old kernels' one library beyond Chromium's own (tests/browser/old-kernels.test.mjs).
PACKAGES=(chromium chromium-driver fonts-noto-cjk poppler-utils openssl zbar-tools nginx
  libnginx-mod-http-brotli-static libreoffice-writer-nogui libreoffice-calc-nogui libnss3)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  printf '→ 安装测试所需的系统软件包：%s\n' "${missing[*]}"
  "$(dirname "$0")/apt-install.sh" "${missing[@]}"
fi

# The Python verification recipe of docs/FORMAT.md (tests/verify_recipes.rs runs it).
# python-docx and openpyxl read the exported office files back (tests/office_files.rs).
if ! python3 -c "import rfc8785, cryptography, docx, openpyxl" >/dev/null 2>&1; then
  echo "→ 安装 Python 包：rfc8785、cryptography、python-docx、openpyxl（tests/requirements.txt）"
  python3 -m pip install --quiet --disable-pip-version-check -r "$(dirname "$0")/../tests/requirements.txt"
fi

"$(dirname "$0")/setup-old-chromium.sh"
