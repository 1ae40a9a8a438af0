"""Nothing a report links to is fetched while LibreOffice converts it.

A .doc or .wps that is really a web page, Word 2003 XML or RTF names stylesheets, images, frames and
included files by address, and LibreOffice fetches them while it imports the file, from any address:
a report could make every office that reads it call a server of the sender's choosing. Two layers:

1. `neutralise` rewrites the copy handed to LibreOffice: in markup, the elements that load something
   (link, script, img, iframe, frame, object, embed, base, meta refresh, media, VML image data) are
   dropped, every attribute that names an address to load is emptied and CSS url()/@import removed;
   in RTF, URL schemes are broken in place (same length: its structure stays as it was). Text, tables
   and headings are kept: that is all the reader wants.
2. `offline_prefix` runs the converter in a fresh network namespace (`unshare`), where no address but
   its own loopback exists, whenever the system allows it; a binary .doc (OLE), which cannot be
   rewritten safely, relies on this layer.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import lru_cache

_LOADING_ELEMENTS = re.compile(
    rb"<(script|iframe|object|audio|video)\b.*?</\1\s*>"  # with their content
    rb"|<(?:link|script|img|image|iframe|frame|frameset|object|embed|base|source|track|input|audio|video|"
    rb"v:imagedata|v:fill|o:oleobject|bgsound|applet|param)\b[^>]*>"  # empty or unclosed
    # a meta refresh (or Link header) loads an address; Content-Type stays: it names the page's charset
    rb"|<meta\b[^>]*http-equiv\s*=\s*[\"']?\s*(?:refresh|link)\b[^>]*>",
    re.IGNORECASE | re.DOTALL,
)
_LOADING_ATTRIBUTES = re.compile(
    rb"""(\s(?:src|href|background|data|poster|lowsrc|dynsrc|codebase|cite|action|longdesc|usemap|srcset|"""
    rb"""xlink:href|o:href|v:src|r:id|r:link)\s*=\s*)(?:"[^"]*"|'[^']*'|[^\s>]+)""",
    re.IGNORECASE,
)
_CSS_LOADS = re.compile(rb"@import\b[^;]*;?|url\s*\([^)]*\)|expression\s*\([^)]*\)", re.IGNORECASE)
# Same-length replacements: the file's structure (and a binary's) is untouched.
_SCHEMES = re.compile(rb"(?:https?|ftps?|file|smb|nfs|webdavs?|vnd\.sun\.star\.webdav)(?=:)", re.IGNORECASE)


def neutralise(data: bytes, kind: str) -> bytes:
    """`data` (a file of content kind `kind`, as extractors.readers.sniff names it) with nothing to fetch.

    Markup (html, word_xml) loses what would load something (its text keeps any address it shows); RTF keeps
    its length with every URL scheme broken (http: -> xxxx:, which also disarms INCLUDEPICTURE and INCLUDETEXT
    fields); anything else (plain text, an OLE binary) is returned as it is.
    """
    if kind in ("html", "word_xml"):
        data = _LOADING_ELEMENTS.sub(b"", data)
        data = _LOADING_ATTRIBUTES.sub(rb'\1""', data)
        return _CSS_LOADS.sub(b"", data)
    if kind == "rtf":
        return _SCHEMES.sub(lambda m: b"x" * len(m.group()), data)
    return data


def offline_prefix() -> list[str]:
    """The command prefix that runs a program without a network (a new network namespace), or [] where the
    system does not allow one (the neutralised file then carries no address to fetch)."""
    return list(_offline_prefix())


@lru_cache(maxsize=1)
def _offline_prefix() -> tuple[str, ...]:
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    # root may make a network namespace outright; anyone may where user namespaces are enabled (-r)
    candidates = ([unshare, "--net"],) if os.geteuid() == 0 else ()
    for prefix in (*candidates, [unshare, "--map-root-user", "--net"]):
        try:
            done = subprocess.run([*prefix, "true"], capture_output=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return tuple(prefix)
    return ()
