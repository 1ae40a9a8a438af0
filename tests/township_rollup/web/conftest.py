"""The folder the workbench's browser tests leave their screenshots in, named at the end of the run."""

from __future__ import annotations

import pytest

SCREENSHOT_FOLDERS: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for folder in SCREENSHOT_FOLDERS:
        terminalreporter.write_line(f"workbench screenshots (1366x768, one per page): {folder}")
