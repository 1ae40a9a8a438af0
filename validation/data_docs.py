"""Make a GX Data Docs site self-contained: no page may make a clerk's browser reach the internet.

GX's templates load Bootstrap, jQuery, Vega and logos from CDNs; county office machines are often
offline (or the CDNs are blocked), and the project contacts no network address. The pages' content
is rendered server-side, so dropping the remote tags and adding a small local stylesheet keeps them
readable; the interactive filters that needed the remote scripts are lost.
"""

from __future__ import annotations

import re
from pathlib import Path

_REMOTE_TAG = re.compile(
    r"""<script\b[^>]*\bsrc\s*=\s*["']https?://[^>]*>\s*</script>"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']https?://[^>]*>"""
    r"""|<img\b[^>]*\bsrc\s*=\s*["']https?://[^>]*>""",
    re.IGNORECASE,
)

_REMOTE_CSS_URL = re.compile(r"""url\(\s*["']?https?://[^)]*\)""", re.IGNORECASE)

LOCAL_STYLE = """<style>
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; margin: .5em 0; }
td, th { border: 1px solid #ccc; padding: .25em .5em; vertical-align: top; text-align: left; }
.text-danger, .fa-times { color: #b00020; } .text-success, .fa-check { color: #1b5e20; }
.collapse:not(.show) { display: block; } .sticky { position: static; }
</style>"""


def make_offline(site: Path) -> int:
    """Strip remote scripts, stylesheets and images from every page under `site`; return pages changed."""
    changed = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        local = _REMOTE_CSS_URL.sub("none", _REMOTE_TAG.sub("", html))
        if "<style>\nbody { font-family" not in local:
            local = local.replace("</head>", LOCAL_STYLE + "</head>", 1)
        if local != html:
            page.write_text(local, encoding="utf-8")
            changed += 1
    return changed


def remote_references(site: Path) -> list[str]:
    """Every src/href attribute or CSS url() still pointing at http(s) resources a browser would fetch on load."""
    fetched = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["'](https?://[^"']+)"""
                         r"""|url\(\s*["']?(https?://[^)"']+)""", re.IGNORECASE)
    return [a or b for page in site.rglob("*.html") for a, b in fetched.findall(page.read_text(encoding="utf-8"))]
