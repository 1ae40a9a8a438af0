"""Paths as flow parameters: Prefect sends a flow's parameters to its API as JSON, which cannot carry
a file name that is not valid UTF-8 (a GBK folder name from a Windows share reaches Python with lone
surrogates, and the whole run failed on them before any work).

`as_param` writes such a path as `fsbytes:` and its bytes in base64 (any other path as itself);
`from_param` turns either back into the real path, so the flow opens the folder the clerk named.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

_MARK = "fsbytes:"


def as_param(path: Path | str) -> str:
    """A JSON-safe string for `path`, reversible by `from_param`."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _MARK + base64.b64encode(os.fsencode(text)).decode("ascii")
    return text


def from_param(value: str) -> Path:
    """The path `as_param` wrote (a plain path is taken as it is)."""
    if value.startswith(_MARK):
        try:
            return Path(os.fsdecode(base64.b64decode(value[len(_MARK) :], validate=True)))
        except (binascii.Error, ValueError):
            pass  # a real path that happens to start with the mark
    return Path(value)
