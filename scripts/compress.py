#!/usr/bin/env python3
"""Writes a brotli (.br) and a gzip (.gz) copy beside every text and wasm file of the built site,
for servers that send precompressed files (deploy/nginx.conf: brotli_static, gzip_static;
scripts/serve.mjs). Maximum compression, done once per build instead of on every request.

Deterministic: the same file always gives the same bytes (gzip without a time stamp or a name).
A copy that would not be smaller than the file is not written. Run last (after the service
worker, which must not list the copies): scripts/postbuild.py does. By hand: scripts/compress.py dist
"""

import gzip
import os
import sys

import brotli

# What the servers compress: HTML, scripts, styles, WebAssembly, JSON, SVG.
EXTENSIONS = (".html", ".js", ".mjs", ".css", ".wasm", ".json", ".svg", ".webmanifest", ".txt")
SUFFIXES = (".br", ".gz")
# The single-file edition (scripts/single_file.py) is for sending, not for serving.
SKIP = {"美镇申报-单文件版.html"}


def compressible(name: str) -> bool:
    return name.endswith(EXTENSIONS) and name not in SKIP


def compress_site(site: str) -> list[tuple[str, int, int, int]]:
    """Writes NAME.br and NAME.gz for each compressible file in `site` (not in sub-folders);
    returns (name, raw, brotli, gzip) byte counts, one row per file."""
    sizes = []
    for name in sorted(os.listdir(site)):
        path = os.path.join(site, name)
        if not os.path.isfile(path) or not compressible(name):
            continue
        with open(path, "rb") as f:
            data = f.read()
        mode = brotli.MODE_TEXT if not name.endswith(".wasm") else brotli.MODE_GENERIC
        br = brotli.compress(data, mode=mode, quality=11)
        gz = gzip.compress(data, compresslevel=9, mtime=0)
        for suffix, body in ((".br", br), (".gz", gz)):
            copy = path + suffix
            if len(body) < len(data):
                with open(copy, "wb") as f:
                    f.write(body)
            elif os.path.exists(copy):
                os.remove(copy)
        sizes.append((name, len(data), len(br), len(gz)))
    return sizes


if __name__ == "__main__":
    site = sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"]
    for name, raw, br, gz in compress_site(site):
        print(f"{name}: {raw} bytes, brotli {br}, gzip {gz}")
