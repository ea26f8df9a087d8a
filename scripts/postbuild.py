#!/usr/bin/env python3
"""Trunk's post-build hook. Trunk builds one page per run: `trunk build` builds the county's
page (index.html), and this hook builds the city office's page (verify.html) with a second Trunk
run into target/site-verify, then finishes the site with both, in this order:
1. the city office's page and its files, copied beside index.html;
2. the county page's first view written into index.html (scripts/prerender.py);
3. each page's start-up script made to run on Chromium 80 (scripts/start_script.py);
4. the single-file edition (scripts/single_file.py), from those pages;
5. the Content-Security-Policy of each page, and each page's twin for kernels before
   Chromium 97 (scripts/csp.py);
6. the service worker, which precaches every page (its cache version is a digest of the files);
7. the .br and .gz copies of every text and wasm file (scripts/compress.py), sw.js included.
A debug build (`trunk build` without --release) skips 4 and 7, which only a release needs.
The second run's own hook does nothing (its page is finished here)."""

import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import compress  # noqa: E402
import csp  # noqa: E402
import prerender  # noqa: E402
import service_worker  # noqa: E402
import single_file  # noqa: E402
import start_script  # noqa: E402

PAGES = ("index.html", "verify.html")
CITY_SITE = os.path.join("target", "site-verify")


def build_city_page(site: str, release: bool) -> int:
    """Builds verify.html with Trunk and copies its files into `site`."""
    source = os.environ.get("TRUNK_SOURCE_DIR", os.getcwd())
    out = os.path.join(source, CITY_SITE)
    # The outer run's variables describe the county's page; the inner run reads its own.
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRUNK_")}
    command = ["trunk", "build", "verify.html", "--dist", out, "--html-output", "verify.html"]
    if release:
        command.append("--release")
    done = subprocess.run(command, cwd=source, env=env)
    if done.returncode != 0:
        print("postbuild: the city office's page (verify.html) did not build", file=sys.stderr)
        return done.returncode
    for name in os.listdir(out):
        target = os.path.join(site, name)
        # The style sheets and the icon are the same files, with the same hashed names.
        if not os.path.exists(target):
            shutil.copy2(os.path.join(out, name), target)
    return 0


def main() -> int:
    if os.environ.get("TRUNK_HTML_FILE", "").endswith("verify.html"):
        return 0
    site = sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"]
    release = os.environ.get("TRUNK_PROFILE", "release") == "release"
    status = build_city_page(site, release)
    if status != 0:
        return status
    status = prerender.apply_site(site, os.environ.get("TRUNK_SOURCE_DIR", os.getcwd()))
    if status != 0:
        return status
    status = start_script.apply_site(site, PAGES)
    if status != 0:
        return status
    if release:
        try:
            single_file.build(site)
        except single_file.BuildError as error:
            print(f"single_file: {error}", file=sys.stderr)
            return 1
    status = csp.apply_site(site, PAGES)
    if status == 0:
        service_worker.write_service_worker(site)
        if release:
            compress.compress_site(site)
    return status


if __name__ == "__main__":
    sys.exit(main())
