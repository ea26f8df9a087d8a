#!/usr/bin/env python3
"""Writes the county page's first view into the built index.html (run by scripts/postbuild.py,
before the single-file edition and the Content-Security-Policy), so that the form is on screen
as soon as the HTML is parsed, before the wasm has arrived; the wasm then takes it over
(`ui::start_county` hydrates it).

The markup is not written by hand: `meizhen-prerender` renders the same components natively
(Leptos's `ssr` feature; `ui::prerender_county`). It goes first in <body>, with nothing between
<body> and it, because the app takes the page over from the body's first child; the loading
placeholder and the browser check stay after it.
By hand: scripts/prerender.py dist
"""

import os
import re
import subprocess
import sys

# Its own target directory: the native tests build the library without the `ssr` feature, and
# sharing theirs would rebuild it at every switch.
TARGET = os.path.join("target", "prerender")
MARK = "<!-- the county page's first view, as the app renders it -->"


class PrerenderError(Exception):
    pass


def render(source: str) -> str:
    """The county page's first view as HTML, from `meizhen-prerender`."""
    command = [
        "cargo", "run", "--quiet", "--locked", "--features", "ssr", "--bin", "meizhen-prerender",
        "--target-dir", os.path.join(source, TARGET),
    ]
    # Trunk's variables, and any flags meant for the wasm build, are not for this native run
    # (its flags are in .cargo/config.toml).
    unset = ("CARGO_BUILD_TARGET", "CARGO_TARGET_DIR", "CARGO_ENCODED_RUSTFLAGS", "RUSTFLAGS")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRUNK_") and k not in unset}
    done = subprocess.run(command, cwd=source, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise PrerenderError("meizhen-prerender failed:\n" + done.stderr)
    html = done.stdout
    if 'class="declaration-form"' not in html:
        raise PrerenderError("meizhen-prerender did not render the form")
    return html


def insert(html: str, view: str) -> str:
    """`html` with `view` as the first thing in its <body> (once; a second run changes nothing)."""
    if MARK in html:
        return html
    at = html.find("<body>")
    if at < 0:
        raise PrerenderError("index.html has no <body>")
    at += len("<body>")
    # The mark goes at the end of <head>: anything before the view in <body> would become the
    # body's first child.
    head_end = html.find("</head>")
    if head_end < 0 or head_end > at:
        raise PrerenderError("index.html has no </head> before <body>")
    html = html[:at] + view + html[at:]
    # The form needs only the HTML and the style sheets: no preload of the app's module and its
    # glue competes with them for the line (on a slow county link, for the style sheets that hold
    # the first paint). The start-up script asks for both once the page is parsed.
    html = re.sub(r'<link rel="(?:modulepreload|preload)"[^>]*>', "", html)
    head_end = html.find("</head>")
    html = html[:head_end] + MARK + "\n" + html[head_end:]
    # For style/main.css: the page holds the form before its scripts have run.
    tag = html.find("<html")
    if tag < 0 or tag > head_end:
        raise PrerenderError("index.html has no <html> before </head>")
    return html[:tag] + "<html data-prerendered" + html[tag + len("<html") :]


def apply_site(site: str, source: str) -> int:
    path = os.path.join(site, "index.html")
    try:
        with open(path, encoding="utf-8") as f:
            html = f.read()
        html = insert(html, render(source))
    except PrerenderError as error:
        print(f"prerender: {error}", file=sys.stderr)
        return 1
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)
    return 0


def main() -> int:
    site = sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"]
    return apply_site(site, os.getcwd())


if __name__ == "__main__":
    sys.exit(main())
