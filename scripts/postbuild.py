#!/usr/bin/env python3
"""Trunk's post-build hook, in this order:
1. the single-file edition (scripts/single_file.py), from Trunk's own index.html;
2. the Content-Security-Policy of index.html (scripts/csp.py);
3. the service worker (its cache version is a digest of the final files);
4. the .br and .gz copies of every text and wasm file (scripts/compress.py), sw.js included.
A debug build (`trunk build` without --release) skips 1 and 4, which only a release needs."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import compress  # noqa: E402
import csp  # noqa: E402
import service_worker  # noqa: E402
import single_file  # noqa: E402

if __name__ == "__main__":
    site = sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"]
    release = os.environ.get("TRUNK_PROFILE", "release") == "release"
    if release:
        try:
            single_file.build(site)
        except single_file.BuildError as error:
            print(f"single_file: {error}", file=sys.stderr)
            sys.exit(1)
    status = csp.apply(os.path.join(site, "index.html"))
    if status == 0:
        service_worker.write_service_worker(site)
        if release:
            compress.compress_site(site)
    sys.exit(status)
