#!/usr/bin/env python3
"""Adds the Content-Security-Policy to the built index.html (a Trunk post-build hook).

Many static hosts cannot set response headers, so the policy travels in a <meta> tag. It
allows nothing but the page's own origin. Trunk's start-up script and the browser check of
index.html are inline, so each is allowed by its SHA-256 hash, computed here from the exact bytes
in the built page; no other inline script can run. Run by Trunk with TRUNK_STAGING_DIR set, or by hand: scripts/csp.py dist/index.html
It also writes csp.nginx.conf beside index.html: the same policy as an nginx header line.
"""

import base64
import hashlib
import os
import re
import sys

POLICY = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval' {hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
]
# Only a response header can forbid framing (browsers ignore frame-ancestors in a <meta>).
HEADER_ONLY = ["frame-ancestors 'none'"]


def main() -> int:
    if len(sys.argv) > 1:
        path = sys.argv[1]
    else:
        path = os.path.join(os.environ["TRUNK_STAGING_DIR"], "index.html")
    return apply(path)


def apply(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        html = f.read()
    if 'http-equiv="Content-Security-Policy"' in html:
        print(f"csp: {path} already has a policy", file=sys.stderr)
        return 0
    scripts = re.findall(r"<script(?:\s[^>]*)?>(.*?)</script>", html, flags=re.S)
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
        if s.strip()
    )
    policy = "; ".join(POLICY).format(hashes=hashes)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}" />'
    html, count = re.subn(r'(<meta charset="utf-8" />)', r"\1\n    " + meta, html, count=1)
    if count != 1:
        print("csp: no <meta charset> in index.html to put the policy after", file=sys.stderr)
        return 1
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)
    # The same policy as a response header, for servers that can send one (deploy/nginx.conf
    # includes this file).
    header = os.path.join(os.path.dirname(path), "csp.nginx.conf")
    with open(header, "w", encoding="utf-8") as f:
        header_policy = "; ".join([policy, *HEADER_ONLY])
        f.write(f'add_header Content-Security-Policy "{header_policy}" always;\n')
    return 0


if __name__ == "__main__":
    sys.exit(main())
