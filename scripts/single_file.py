#!/usr/bin/env python3
"""Writes 美镇申报-单文件版.html into the built site: the whole app in one HTML file, which opens
by double-click from a desktop or a download folder (file://), where a browser fetches nothing.

From Trunk's index.html (before scripts/csp.py adds the site's policy): the style sheets become
<style> elements, the icon a data: URL, the wasm-bindgen glue an inline module script, and the
wasm base64 text in a data block that the module decodes and instantiates. A <meta> marks the
edition (src/browser/offline.rs registers no service worker there; the check in index.html knows
it). Its Content-Security-Policy allows nothing beyond the file itself: scripts and styles by
hash, images from data: and blob: URLs, no requests. Run by scripts/postbuild.py; by hand:
scripts/single_file.py dist
"""

import base64
import hashlib
import os
import re
import sys

NAME = "美镇申报-单文件版.html"
MARKER = '<meta name="meizhen-edition" content="single-file" />'

POLICY = [
    "default-src 'none'",
    "script-src 'wasm-unsafe-eval' {scripts}",
    "style-src {styles}",
    "img-src data: blob:",
    "base-uri 'none'",
    "form-action 'none'",
]

# Decodes the wasm and starts the app as Trunk's start-up script does, from bytes. A block, so
# that its names cannot clash with the glue's.
START = """
{
  const data = document.getElementById('meizhen-wasm');
  const text = atob(data.textContent);
  data.remove();
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  const started = await __wbg_init({ module_or_path: bytes });
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: started } }));
}
"""


class BuildError(Exception):
    pass


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def local(site: str, href: str) -> str:
    """The path in `site` of a relative URL such as ./main-0123.css."""
    name = href[2:] if href.startswith("./") else href
    if "/" in name or not name or not os.path.isfile(os.path.join(site, name)):
        raise BuildError(f"not a file of the build: {href}")
    return os.path.join(site, name)


def read_text(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def script_safe(js: str) -> str:
    """JavaScript that can stand inside <script>…</script>: the sequences that would end or
    confuse the element are written with an escaped slash or bracket, the same inside strings."""
    return js.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def module_glue(js: str) -> str:
    """wasm-bindgen's ES module, made an inline module's body: no exports, and no imports
    (the app has no JavaScript snippets; should it get one, the build says so)."""
    if re.search(r"^\s*import\s", js, flags=re.M):
        raise BuildError("the wasm-bindgen glue imports another file; the single file cannot hold it")
    js = re.sub(r"^export\s+(?=(?:async\s+)?function\b|class\b|const\b|let\b)", "", js, flags=re.M)
    js = re.sub(r"^export\s*\{[^}]*\};?\s*$", "", js, flags=re.M)
    js = re.sub(r"^export\s+default\s+\w+;?\s*$", "", js, flags=re.M)
    if re.search(r"^\s*export\b", js, flags=re.M):
        raise BuildError("the wasm-bindgen glue has an export this script does not know")
    if "__wbg_init" not in js:
        raise BuildError("the wasm-bindgen glue has no __wbg_init")
    return js


def build(site: str) -> str:
    html = read_text(os.path.join(site, "index.html"))
    html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    styles = []

    def style(match: re.Match) -> str:
        tag = match.group(0)
        href = re.search(r'href="([^"]+)"', tag).group(1)
        css = read_text(local(site, href))
        if re.search(r"url\(\s*['\"]?(?!data:)", css):
            raise BuildError(f"{href} refers to another file")
        if "</style" in css:
            raise BuildError(f"{href} contains </style")
        media = re.search(r'media="[^"]+"', tag)
        styles.append(sha256(css))
        return f"<style{' ' + media.group(0) if media else ''}>{css}</style>"

    html, count = re.subn(r'<link rel="stylesheet"[^>]*>', style, html)
    if count == 0:
        raise BuildError("no style sheet in index.html")

    def icon(match: re.Match) -> str:
        tag = match.group(0)
        href = re.search(r'href="([^"]+)"', tag).group(1)
        with open(local(site, href), "rb") as f:
            data = base64.b64encode(f.read()).decode()
        kind = re.search(r'type="([^"]+)"', tag)
        mime = kind.group(1) if kind else "image/svg+xml"
        return f'<link rel="icon" type="{mime}" href="data:{mime};base64,{data}" />'

    html = re.sub(r'<link rel="icon"[^>]*>', icon, html)
    # Preloads of the files that are now inside.
    html = re.sub(r'\s*<link rel="(?:modulepreload|preload)"[^>]*>', "", html)

    start = re.search(
        r"<script type=\"module\">\s*import init[^\n]*from '([^']+\.js)';\s*"
        r"const wasm = await init\(\{ module_or_path: '([^']+\.wasm)' \}\);.*?</script>",
        html,
        flags=re.S,
    )
    if not start:
        raise BuildError("Trunk's start-up script is not where it was expected")
    glue = script_safe(module_glue(read_text(local(site, start.group(1)))) + START)
    with open(local(site, start.group(2)), "rb") as f:
        wasm = base64.b64encode(f.read()).decode()
    html = html[: start.start()] + html[start.end() :]
    # The wasm's text before the module that reads it, at the end of the body.
    tail = (
        f'<script type="application/octet-stream" id="meizhen-wasm">{wasm}</script>\n'
        f'<script type="module">{glue}</script>\n'
    )
    html, count = re.subn(r"</body>", lambda _: tail + "</body>", html, count=1)
    if count != 1:
        raise BuildError("no </body> in index.html")

    scripts = [
        sha256(body)
        for attrs, body in re.findall(r"<script(\s[^>]*)?>(.*?)</script>", html, flags=re.S)
        if body.strip() and "application/octet-stream" not in (attrs or "")
    ]
    policy = "; ".join(POLICY).format(scripts=" ".join(scripts), styles=" ".join(styles))
    head = f'<meta http-equiv="Content-Security-Policy" content="{policy}" />\n    {MARKER}'
    html, count = re.subn(r'(<meta charset="utf-8" />)', lambda m: m.group(1) + "\n    " + head, html, count=1)
    if count != 1:
        raise BuildError("no <meta charset> in index.html")
    path = os.path.join(site, NAME)
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)
    return path


def main() -> int:
    site = sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"]
    try:
        build(site)
    except BuildError as error:
        print(f"single_file: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
