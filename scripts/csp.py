#!/usr/bin/env python3
"""Adds the Content-Security-Policy to each built page, index.html and verify.html, and writes
each page's twin for older kernels, index-old-kernel.html and verify-old-kernel.html (run by
scripts/postbuild.py).

Many static hosts cannot set response headers, so the policy travels in a <meta> tag. It
allows nothing but the page's own origin. Trunk's start-up script and the browser check are
inline, so each is allowed by its SHA-256 hash, computed here from the exact bytes in the built
page; no other inline script can run. By hand: scripts/csp.py dist

Kernels before Chromium 97 (Firefox 102, Safari 16) do not know 'wasm-unsafe-eval' and compile
WebAssembly only where the policy allows 'unsafe-eval'. The strict page keeps today's policy;
its browser check, finding the compile refused, goes to the page's twin (named in
<html data-old-kernel-page>), whose policy has 'unsafe-eval' in the place of 'wasm-unsafe-eval'
and is otherwise the same. The twin starts
with assets/kernel-policy.js, which sends a newer kernel back to the strict page.

It also writes csp.nginx.conf beside the pages: the same policies for a response header, as an
nginx map of $meizhen_csp (deploy/nginx.conf includes it and sends the header): the strict one
for every file, the one for older kernels for the twins; each allows the inline scripts of the
pages it is for.
"""

import base64
import hashlib
import json
import os
import re
import sys

POLICY = [
    "default-src 'self'",
    "script-src 'self' {wasm} {hashes}",
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
# How a page's policy lets it compile WebAssembly: newer kernels know 'wasm-unsafe-eval';
# kernels before Chromium 97 do not (and say so in the console), and compile it only under
# 'unsafe-eval', which allows it on every kernel.
WASM = "'wasm-unsafe-eval'"
OLD_KERNEL = "'unsafe-eval'"
KERNEL_POLICY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "kernel-policy.js")


def twin_name(page: str) -> str:
    """index.html → index-old-kernel.html."""
    return page[: -len(".html")] + "-old-kernel.html"


def kernel_policy_script(page: dict) -> str:
    """assets/kernel-policy.js with the page's choice (its PAGE), as an inline <script>."""
    with open(KERNEL_POLICY, encoding="utf-8") as f:
        source = f.read()
    if "__PAGE__" not in source:
        raise ValueError("assets/kernel-policy.js has no __PAGE__")
    return "<script>" + source.replace("__PAGE__", json.dumps(page, ensure_ascii=False)) + "</script>"


def main() -> int:
    site = sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"]
    return apply_site(site, [n for n in ("index.html", "verify.html") if os.path.exists(os.path.join(site, n))])


def policy_of(hashes: list, old_kernel: bool = False) -> str:
    return "; ".join(POLICY).format(wasm=OLD_KERNEL if old_kernel else WASM, hashes=" ".join(hashes))


def inline_hashes(html: str) -> list:
    scripts = re.findall(r"<script(?:\s[^>]*)?>(.*?)</script>", html, flags=re.S)
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
        if s.strip()
    ]


def with_policy(html: str, name: str, old_kernel: bool) -> str:
    """`html` with its policy <meta> right after <meta charset>, allowing its inline scripts."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_of(inline_hashes(html), old_kernel)}" />'
    html, count = re.subn(r'(<meta charset="utf-8" />)', lambda m: m.group(1) + "\n    " + meta, html, count=1)
    if count != 1:
        raise ValueError(f"no <meta charset> in {name} to put the policy after")
    return html


def twin_of(html: str, name: str) -> str:
    """The page for older kernels: assets/kernel-policy.js first in <head>, no twin of its own."""
    html = html.replace(f' data-old-kernel-page="{twin_name(name)}"', "", 1)
    script = kernel_policy_script({"strict": name})
    html, count = re.subn(r'(<meta charset="utf-8" />)', lambda m: m.group(1) + "\n    " + script, html, count=1)
    if count != 1:
        raise ValueError(f"no <meta charset> in {name}")
    return html


def apply_site(site: str, pages) -> int:
    """Adds each page's policy and writes its twin; writes csp.nginx.conf: the strict pages'
    policy with the scripts of all of them, the twins' with theirs."""
    every = {False: [], True: []}
    for name in pages:
        path = os.path.join(site, name)
        with open(path, encoding="utf-8") as f:
            html = f.read()
        if 'http-equiv="Content-Security-Policy"' in html:
            print(f"csp: {path} already has a policy", file=sys.stderr)
            continue
        html, count = re.subn(r"<html ", f'<html data-old-kernel-page="{twin_name(name)}" ', html, count=1)
        if count != 1:
            print(f"csp: no <html> in {name}", file=sys.stderr)
            return 1
        try:
            twin = twin_of(html, name)
            pages_out = [(name, with_policy(html, name, False)), (twin_name(name), with_policy(twin, name, True))]
        except ValueError as error:
            print(f"csp: {error}", file=sys.stderr)
            return 1
        for (out_name, out), old_kernel in zip(pages_out, (False, True)):
            every[old_kernel] += [h for h in inline_hashes(out) if h not in every[old_kernel]]
            with open(os.path.join(site, out_name), "w", encoding="utf-8") as f:
                f.write(out)
    # The same policies as response headers, for servers that can send them: deploy/nginx.conf
    # includes this map in its http block and sends $meizhen_csp; the twins get theirs.
    strict = "; ".join([policy_of(every[False]), *HEADER_ONLY])
    old = "; ".join([policy_of(every[True], old_kernel=True), *HEADER_ONLY])
    with open(os.path.join(site, "csp.nginx.conf"), "w", encoding="utf-8") as f:
        f.write(
            "# Written by scripts/csp.py: the pages' Content-Security-Policy as a header (with\n"
            "# frame-ancestors, which only a header can carry). The pages for kernels before\n"
            "# Chromium 97 (*-old-kernel.html) allow 'unsafe-eval', without which those kernels\n"
            "# compile no WebAssembly.\n"
            "map $uri $meizhen_csp {\n"
            f'    "~-old-kernel\\.html$" "{old}";\n'
            f'    default "{strict}";\n'
            "}\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
