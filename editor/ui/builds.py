"""Preview and export jobs, run by the build process (editor.ui.buildproc).

A Python thread owns the pipe to the process: it pickles the job (off the UI
thread), waits for replies and turns them into Qt signals. Preview jobs are
coalesced: only the newest waiting one runs. Exports wait their turn and are
never dropped.
"""

from __future__ import annotations

import itertools
import pickle
import threading
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..project import OpenIssue
from . import buildproc
from .textmap import relocate


@dataclass
class Output:
    format: str
    path: Path
    seconds: float
    page_count: int | None
    article_pages: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Job:
    id: int
    kind: str                       # "preview" | "export"
    opened: OpenIssue
    formats: tuple[str, ...]
    out_dir: Path
    stem: str | None
    relocate_ids: set[str]
    revision: int = 0


class BuildService(QObject):
    progress = Signal(int, float, str)          # job, fraction, Chinese text
    finished = Signal(int, str, object, int)    # job, kind, list[Output], revision
    failed = Signal(int, str, str)              # job, kind, Chinese message
    busy_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._lock = threading.Condition()
        self._preview: Job | None = None
        self._exports: deque[Job] = deque()
        self._proc = None
        self._stopping = False
        self.busy = False
        self._thread = threading.Thread(target=self._pump, name="bulletin-build", daemon=True)
        self._thread.start()

    def submit(self, kind: str, opened: OpenIssue, formats, out_dir: Path, stem: str | None = None,
               relocate_ids: set[str] | None = None, revision: int = 0) -> int:
        job = Job(next(self._ids), kind, opened, tuple(formats), Path(out_dir), stem,
                  set(relocate_ids or ()), revision)
        with self._lock:
            if kind == "preview":
                self._preview = job        # a waiting older preview is simply replaced
            else:
                self._exports.append(job)
            self._lock.notify()
        return job.id

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop the pump thread and the build process (a build under way is abandoned)."""
        with self._lock:
            self._stopping = True
            self._preview = None
            self._exports.clear()
            self._lock.notify()
            proc = self._proc
        if proc is not None and proc.poll() is None:
            try:
                if self.busy:
                    proc.kill()
                else:
                    pickle.dump(None, proc.stdin)
                    proc.stdin.close()
                proc.wait(3)
            except Exception:
                proc.kill()
                proc.wait(3)
        self._thread.join(timeout)
        if proc is not None:
            for stream in (proc.stdin, proc.stdout):
                try:
                    stream.close()
                except Exception:
                    pass

    def warm_up(self) -> None:
        """Start the build process now, so that the first preview does not wait for it."""
        with self._lock:
            if self._proc is None:
                self._proc = buildproc.start_process()

    # ------------------------------------------------------------ the pump thread

    def _next(self) -> Job | None:
        with self._lock:
            while not self._stopping and self._preview is None and not self._exports:
                self._lock.wait()
            if self._stopping:
                return None
            if self._exports:
                return self._exports.popleft()
            job, self._preview = self._preview, None
            return job

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busy_changed.emit(busy)

    def _pump(self) -> None:
        while True:
            job = self._next()
            if job is None:
                return
            self._set_busy(True)
            try:
                self._run(job)
            finally:
                with self._lock:
                    idle = self._preview is None and not self._exports
                if idle:
                    self._set_busy(False)

    def _run(self, job: Job) -> None:
        for a in job.opened.issue.articles:       # file positions for edited articles, off the UI thread
            if a.id in job.relocate_ids:
                relocate(a)
        for attempt in (1, 2):                     # a dead process is restarted once
            with self._lock:
                if self._proc is None or self._proc.poll() is not None:
                    self._proc = buildproc.start_process()
                proc = self._proc
            try:
                pickle.dump((job.id, job.opened, list(job.formats), str(job.out_dir), job.stem), proc.stdin,
                            protocol=pickle.HIGHEST_PROTOCOL)
                proc.stdin.flush()
                while True:
                    msg = pickle.load(proc.stdout)
                    if msg[0] == "progress":
                        self.progress.emit(job.id, float(msg[2]), str(msg[3]))
                    elif msg[0] == "done":
                        outs = [Output(f, Path(p), s, n, pages, warns) for f, p, s, n, pages, warns in msg[2]]
                        self.finished.emit(job.id, job.kind, outs, job.revision)
                        return
                    else:
                        self.failed.emit(job.id, job.kind, str(msg[2]))
                        return
            except (EOFError, OSError, pickle.UnpicklingError):
                with self._lock:
                    if self._stopping:
                        return
                    self._proc = None
                if attempt == 2:
                    self.failed.emit(job.id, job.kind, "排版进程意外退出，请重试；若反复出现，请查看日志")
