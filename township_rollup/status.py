"""How a command ends: its exit status, and the one line a clerk reads when it cannot go on.

The exit statuses are the README's: 0 all done; 1 done, but something needs the clerk's attention
(files rejected or quarantined, townships without a report); 2 nothing could be done (a folder or the
database missing or held by another program, a wrong setting). 130 and 143: stopped by Ctrl-C or SIGTERM.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_FAILED = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM


class Stop(Exception):
    """End the command with one message to the clerk and an exit status (2 unless said otherwise)."""

    def __init__(self, message: str, status: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class Interrupted(BaseException):
    """SIGTERM (or SIGINT) arrived; a BaseException like KeyboardInterrupt, so no `except Exception` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
