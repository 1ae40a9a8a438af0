"""Worker processes end with the run that started them, however it ends.

A run killed outright (SIGKILL, the OOM killer, a service manager's timeout) runs no cleanup: the
process pool's extraction workers were left running for good (each holds both ends of the pool's
queue, so none ever reads end-of-file). The pool starts them from a thread of its choosing, and
PR_SET_PDEATHSIG follows the thread that started a child, so a worker watches its parent instead:
`end_with_parent` is the pool's initializer.
"""

from __future__ import annotations

import os
import threading
import time

PARENT_CHECK_SECONDS = 1.0


def end_with_parent(parent_pid: int) -> None:
    """In a worker process: exit as soon as `parent_pid` is no longer its parent (the run was killed)."""
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)  # nothing of the run is left to report to

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()
