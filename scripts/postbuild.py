#!/usr/bin/env python3
"""Trunk's post-build hook: the Content-Security-Policy first (it changes index.html), then
the service worker (its cache version is a digest of the final files)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import csp  # noqa: E402
import service_worker  # noqa: E402

if __name__ == "__main__":
    site = sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"]
    status = csp.apply(os.path.join(site, "index.html"))
    if status == 0:
        service_worker.write_service_worker(site)
    sys.exit(status)
