#!/usr/bin/env python3
"""Rewrites Trunk's inline start-up script of each built page (run by scripts/postbuild.py,
before the single-file edition and the Content-Security-Policy, which hash the result).

Trunk writes `const wasm = await init(...)` in a module script: a top-level `await`, which
Chromium allows only from version 89 on, so kernels 80–88 refuse the whole script with
"Unexpected reserved word". The rewrite starts the app as a promise instead, and only when the
browser check (assets/browser-check.js, which runs first) has not set `window.meizhenHold`: it
does so when it sends the page to its twin for older kernels, or when this browser cannot run
the app, so that a module it cannot use is never fetched and compiled.
By hand: scripts/start_script.py dist
"""

import os
import re
import sys

# Trunk 0.21's script, as it writes it (the import line, the await, the bindings, the event).
TRUNK = re.compile(
    r"<script type=\"module\">\s*"
    r"import init, \* as bindings from '(?P<js>[^']+\.js)';\s*"
    r"const wasm = await init\(\{ module_or_path: '(?P<wasm>[^']+\.wasm)' \}\);\s*"
    r"window\.wasmBindings = bindings;\s*"
    r"dispatchEvent\(new CustomEvent\(\"TrunkApplicationStarted\", \{detail: \{wasm\}\}\)\);\s*"
    r"</script>"
)

START = """<script type="module">
import init, * as bindings from '{js}';
if (!window.meizhenHold) {{
  init({{ module_or_path: '{wasm}' }}).then((wasm) => {{
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm }} }}));
  }});
}}
</script>"""

# What the single-file edition (scripts/single_file.py) reads back: the glue and the wasm.
WRITTEN = re.compile(
    r"<script type=\"module\">\s*import init, \* as bindings from '(?P<js>[^']+\.js)';\s*"
    r"if \(!window\.meizhenHold\) \{\s*init\(\{ module_or_path: '(?P<wasm>[^']+\.wasm)' \}\).*?</script>",
    flags=re.S,
)


class StartScriptError(Exception):
    pass


def rewrite(html: str, name: str) -> str:
    """The page with Trunk's start-up script replaced; raises where it is not as expected."""
    if WRITTEN.search(html):
        return html
    found = TRUNK.search(html)
    if not found:
        raise StartScriptError(f"Trunk's start-up script is not where it was expected in {name}")
    return html[: found.start()] + START.format(js=found["js"], wasm=found["wasm"]) + html[found.end() :]


def apply_site(site: str, pages) -> int:
    for name in pages:
        path = os.path.join(site, name)
        with open(path, encoding="utf-8") as f:
            html = f.read()
        try:
            html = rewrite(html, name)
        except StartScriptError as error:
            print(f"start_script: {error}", file=sys.stderr)
            return 1
        with open(path, "w", encoding="utf-8") as f:
            f.write(html)
    return 0


def main() -> int:
    site = sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"]
    return apply_site(site, [n for n in ("index.html", "verify.html") if os.path.exists(os.path.join(site, n))])


if __name__ == "__main__":
    sys.exit(main())
