"""One ingestion at a time, started from the Reports-in page and followed while it runs.

The run is a child process (ingest_worker.py) that reports progress as JSON lines; a thread here reads them
into an IngestState the page shows. The outcome of every file is then read from the warehouse (load_files),
where the flow recorded it, so the page and `township-rollup ingest` tell the same story.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from township_rollup.web.errors import WebError
from township_rollup.web.ingest_worker import MARK
from township_rollup.web.settings import WebSettings

PHASE_LABEL = {
    "starting": "准备中（约需半分钟）",
    "reading": "读取报告",
    "loading": "校验数据并写入数据库",
    "done": "导入完成",
    "failed": "导入没有完成",
}


@dataclass(frozen=True)
class IngestState:
    """What the page shows about the current or last run. phase: starting | reading | loading | done | failed."""

    job_id: str
    label: str  # what is being ingested, in the clerk's words (e.g. "上传的 2 个文件")
    started_at: datetime
    phase: str = "starting"
    done: int = 0
    total: int = 0
    load_id: str | None = None  # the run's id in the warehouse, once it has finished
    message: str | None = None  # why it failed
    finished_at: datetime | None = None
    counts: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # files refused at upload, with why

    @property
    def running(self) -> bool:
        return self.phase not in ("done", "failed")

    @property
    def phase_label(self) -> str:
        return PHASE_LABEL.get(self.phase, self.phase)

    @property
    def percent(self) -> int:
        if self.phase == "reading" and self.total:
            return int(100 * self.done / self.total)
        return {"starting": 0, "loading": 100, "done": 100}.get(self.phase, 0)


class IngestRunner:
    """Starts the child process and keeps its latest state; a second start while one runs is refused."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self._state: IngestState | None = None
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._tail: deque[str] = deque(maxlen=20)

    @property
    def state(self) -> IngestState | None:
        return self._state

    def busy(self) -> bool:
        return self._state is not None and self._state.running

    def start(self, sources: Sequence[Path], label: str, notes: Sequence[str] = ()) -> IngestState:
        with self._lock:
            if self.busy():
                raise WebError(409, "已有导入正在进行",
                               "上一批报告还在导入，请等它完成后再开始新的导入。")
            s = self.settings
            job = {"sources": [str(p) for p in sources], "db": str(s.db),
                   "county": str(s.county) if s.county else None,
                   "indicators": str(s.indicators) if s.indicators else None,
                   "max_mb": s.max_upload_mb, "wait_seconds": 60.0}
            job_id = datetime.now().strftime("%Y%m%d-%H%M%S")
            self._tail.clear()
            self._process = subprocess.Popen(
                [sys.executable, "-m", "township_rollup.web.ingest_worker", json.dumps(job, ensure_ascii=False)],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
                encoding="utf-8", errors="replace", env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
            self._state = IngestState(job_id, label, datetime.now(), notes=tuple(notes))
            threading.Thread(target=self._follow, args=(self._process,), name=f"ingest-{job_id}",
                             daemon=True).start()
            return self._state

    def _follow(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(MARK):
                try:
                    self._apply(json.loads(line[len(MARK):]))
                except (ValueError, TypeError):
                    self._tail.append(line.rstrip())
            elif line.strip():
                self._tail.append(line.rstrip())
        code = process.wait()
        state = self._state
        if state is not None and state.running:  # the process ended without saying how
            tail = " / ".join(list(self._tail)[-3:])
            self._state = replace(state, phase="failed", finished_at=datetime.now(),
                                  message=f"导入程序意外退出（代码 {code}）。已导入的数据不受影响。{tail}")

    def _apply(self, event: dict[str, object]) -> None:
        state = self._state
        if state is None:
            return
        kind = event.get("event")
        if kind == "progress":
            done, total = int(event.get("done", 0)), int(event.get("total", 0))  # type: ignore[call-overload]
            phase = "loading" if done >= total else "reading"
            self._state = replace(state, phase=phase, done=done, total=total)
        elif kind == "done":
            counts = {k: int(v) for k, v in event.items() if isinstance(v, int)}  # type: ignore[call-overload]
            self._state = replace(state, phase="done", load_id=str(event.get("load_id")), counts=counts,
                                  finished_at=datetime.now())
        elif kind == "failed":
            self._state = replace(state, phase="failed", message=str(event.get("message")),
                                  finished_at=datetime.now())

    def wait(self, timeout: float) -> IngestState | None:
        """For the command line and tests: until the run ends or `timeout` seconds pass."""
        deadline = time.monotonic() + timeout
        while self._state is not None and self._state.running and time.monotonic() < deadline:
            time.sleep(0.2)
        return self._state

    def stop(self) -> None:
        """On shutdown: end a run still going (its open transaction rolls back; nothing half-written)."""
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
