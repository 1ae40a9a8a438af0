"""Errors a user can fix by editing a file: the CLI prints them as one line and exits 2."""

from __future__ import annotations


class ConfigError(ValueError):
    """An unreadable or malformed county registry (county.yaml) or indicator catalog."""
