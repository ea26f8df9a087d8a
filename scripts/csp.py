#!/usr/bin/env python3
"""Adds the Content-Security-Policy to each built page, index.html and verify.html (run by
scripts/postbuild.py).

Many static hosts cannot set response headers, so the policy travels in a <meta> tag. It
allows nothing but the page's own origin. Trunk's start-up script and the browser check are
inline, so each is allowed by its SHA-256 hash, computed here from the exact bytes in the built
page; no other inline script can run. By hand: scripts/csp.py dist
It also writes csp.nginx.conf beside the pages: the same policy as an nginx header line, which
allows the inline scripts of both pages (a server sends one header for the whole site).
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
    site = sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"]
    return apply_site(site, [n for n in ("index.html", "verify.html") if os.path.exists(os.path.join(site, n))])


def policy_of(hashes: list) -> str:
    return "; ".join(POLICY).format(hashes=" ".join(hashes))


def inline_hashes(html: str) -> list:
    scripts = re.findall(r"<script(?:\s[^>]*)?>(.*?)</script>", html, flags=re.S)
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
        if s.strip()
    ]


def apply_site(site: str, pages) -> int:
    """Adds each page's policy; writes csp.nginx.conf with the scripts of all of them."""
    every = []
    for name in pages:
        path = os.path.join(site, name)
        with open(path, encoding="utf-8") as f:
            html = f.read()
        hashes = inline_hashes(html)
        every += [h for h in hashes if h not in every]
        if 'http-equiv="Content-Security-Policy"' in html:
            print(f"csp: {path} already has a policy", file=sys.stderr)
            continue
        meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_of(hashes)}" />'
        html, count = re.subn(r'(<meta charset="utf-8" />)', lambda m: m.group(1) + "\n    " + meta, html, count=1)
        if count != 1:
            print(f"csp: no <meta charset> in {name} to put the policy after", file=sys.stderr)
            return 1
        with open(path, "w", encoding="utf-8") as f:
            f.write(html)
    # The same policy as a response header, for servers that can send one (deploy/nginx.conf
    # includes this file).
    with open(os.path.join(site, "csp.nginx.conf"), "w", encoding="utf-8") as f:
        header_policy = "; ".join([policy_of(every), *HEADER_ONLY])
        f.write(f'add_header Content-Security-Policy "{header_policy}" always;\n')
    return 0


if __name__ == "__main__":
    sys.exit(main())
