#!/usr/bin/env python3
"""Writes 美镇申报-单文件版.html into the built site: the whole app — both pages — in one HTML
file, which opens by double-click from a desktop or a download folder (file://), where a browser
fetches nothing.

From Trunk's index.html and verify.html (before scripts/csp.py adds the site's policy): the
style sheets become <style> elements, the icon a data: URL, each page's wasm-bindgen glue an
inline module script, and each page's wasm base64 text in a data block. The URL's fragment
chooses the page (#verify: the city office's, else the county's; src/browser/pages.rs links
so), and only that page's module decodes and instantiates its wasm; going to the other page
reloads the file. A <meta> marks the edition (src/browser/pages.rs: no service worker, links by
fragment; the browser check knows it). Its Content-Security-Policy allows nothing beyond the file itself: scripts and styles by
hash, images from data: and blob: URLs, no requests. One file has no twin for kernels before
Chromium 97 (scripts/csp.py): its first script, assets/kernel-policy.js, writes the policy as
the page's first <meta>, with 'unsafe-eval' in the place of 'wasm-unsafe-eval' for such
kernels, which compile WebAssembly only under it. Run by scripts/postbuild.py after scripts/start_script.py; by hand:
scripts/single_file.py dist
"""

import base64
import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import csp  # noqa: E402
import start_script  # noqa: E402

NAME = "美镇申报-单文件版.html"
MARKER = '<meta name="meizhen-edition" content="single-file" />'

POLICY = [
    "default-src 'none'",
    "script-src {wasm} {scripts}",
    # The workers, started from their source in the file (src/browser/worker.rs).
    "worker-src blob:",
    "style-src {styles}",
    "img-src data: blob:",
    "base-uri 'none'",
    "form-action 'none'",
]

# The workers (Trunk builds them beside index.html): the key derivation and the office files.
# Each as its wasm-bindgen glue (no-modules) and a start from the wasm's bytes, as inert text
# that src/browser/worker.rs turns into a blob: worker. (binary, id of the text in the page)
WORKERS = [("meizhen-kdf", "meizhen-kdf-worker"), ("meizhen-office", "meizhen-office-worker")]
WORKER_START = """
{
  const text = atob('__WASM__');
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  wasm_bindgen({ module_or_path: bytes });
}
"""

# The pages: Trunk's page, the id of its wasm data block, whether it is the city office's.
PAGES = [("index.html", "meizhen-wasm-county", "false"), ("verify.html", "meizhen-wasm-city", "true")]

# Where it is this page's turn (by the fragment), decodes its wasm and starts it as Trunk's
# start-up script does, from bytes; drops both data blocks (a page change reloads the file).
# A block, so that its names cannot clash with the glue's.
START = """
{
  const city = location.hash === '#verify';
  if (city === __CITY__) {
    addEventListener('hashchange', () => {
      const wanted = location.hash === '#verify' ? true : location.hash === '#form' ? false : null;
      if (wanted !== null && wanted !== __CITY__) location.reload();
    });
    const text = atob(document.getElementById('__ID__').textContent);
    for (const block of document.querySelectorAll('script[type="application/octet-stream"]')) block.remove();
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    // No top-level await (Chromium 89); held where the browser check says so.
    if (!window.meizhenHold) {
      __wbg_init({ module_or_path: bytes }).then((started) => {
        dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: started } }));
      });
    }
  }
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
    # The form written into index.html (scripts/prerender.py) links to the other page as the site
    # does; in this file the other page is its #verify (src/browser/pages.rs links so once the app
    # runs).
    html = html.replace('href="./verify.html"', 'href="#verify"')
    # Preloads of the files that are now inside.
    html = re.sub(r'\s*<link rel="(?:modulepreload|preload)"[^>]*>', "", html)

    blocks = []
    modules = []
    for page, block_id, city in PAGES:
        text = html if page == "index.html" else read_text(os.path.join(site, page))
        start = start_script.WRITTEN.search(text)
        if not start:
            raise BuildError(f"Trunk's start-up script is not where it was expected in {page}")
        begin = START.replace("__CITY__", city).replace("__ID__", block_id)
        modules.append(script_safe(module_glue(read_text(local(site, start.group(1)))) + begin))
        with open(local(site, start.group(2)), "rb") as f:
            blocks.append((block_id, base64.b64encode(f.read()).decode()))
        if page == "index.html":
            html = html[: start.start()] + html[start.end() :]
    workers = ""
    for binary, source_id in WORKERS:
        with open(local(site, f"{binary}_bg.wasm"), "rb") as f:
            worker_wasm = base64.b64encode(f.read()).decode()
        source = read_text(local(site, f"{binary}.js")) + WORKER_START.replace("__WASM__", worker_wasm)
        workers += f'<script type="text/plain" id="{source_id}">{script_safe(source)}</script>\n'
    # The wasm text before the modules that read it, at the end of the body.
    tail = workers + "".join(
        f'<script type="application/octet-stream" id="{block_id}">{wasm}</script>\n' for block_id, wasm in blocks
    ) + "".join(f'<script type="module">{glue}</script>\n' for glue in modules)
    html, count = re.subn(r"</body>", lambda _: tail + "</body>", html, count=1)
    if count != 1:
        raise BuildError("no </body> in index.html")

    scripts = [
        sha256(body)
        for attrs, body in re.findall(r"<script(\s[^>]*)?>(.*?)</script>", html, flags=re.S)
        if body.strip() and not re.search(r'type="(?:application/octet-stream|text/plain)"', attrs or "")
    ]
    policies = [
        "; ".join(POLICY).format(wasm=wasm, scripts=" ".join(scripts), styles=" ".join(styles))
        for wasm in (csp.WASM, csp.OLD_KERNEL)
    ]
    head = csp.kernel_policy_script({"policies": policies}) + f"\n    {MARKER}"
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
