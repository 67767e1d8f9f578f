"""The build process: previews and exports run here, in a separate Python process.

Typesetting is pure-Python work that would hold the interpreter lock for
seconds; in a thread of the app it would make typing stutter. This process
keeps reportlab and the fonts warm between builds, and a crash in it cannot
take unsaved work with it. It imports no Qt.

Protocol on stdin/stdout: pickled tuples, one after another.
  request   (job id, OpenIssue, formats, out dir, file stem or None)    None ends the process
  replies   ("progress", job, fraction, text)
            ("done", job, [ (format, path, seconds, page_count, article_pages, warnings), … ])
            ("error", job, Chinese message)
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import traceback
from pathlib import Path


def serve(inp, out) -> None:
    """Answer build requests from `inp` on `out` until None or end of input."""
    from ..build import build_issue
    from ..errors import BulletinError

    def send(msg) -> None:
        pickle.dump(msg, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    while True:
        try:
            msg = pickle.load(inp)
        except (EOFError, pickle.UnpicklingError):
            return
        if msg is None:
            return
        job, opened, formats, out_dir, stem = msg
        try:
            results = build_issue(opened, formats, out_dir,
                                  lambda f, t: send(("progress", job, f, t)), file_stem=stem)
            send(("done", job, [(r.format, str(r.path), r.seconds, r.report.page_count,
                                 dict(r.report.article_pages), list(r.report.warnings)) for r in results]))
        except BulletinError as exc:
            send(("error", job, str(exc)))
        except OSError as exc:        # a folder that cannot be written, a full disk: said in Chinese
            from .safety import failed_path, os_reason

            send(("error", job, f"无法写入 {failed_path(exc, out_dir)}（{os_reason(exc)}）"))
        except Exception:  # reported to the window, which shows it in Chinese
            traceback.print_exc(file=sys.stderr)
            send(("error", job, f"内部错误：{traceback.format_exc(limit=3).strip().splitlines()[-1]}"))


def interpreter() -> list[str]:
    """What runs `-m MODULE`: this Python, or in the bundled app its console launcher `bulletin`,
    which accepts -m (the app's own launcher has no console and no interpreter to hand over to)."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).with_name("bulletin.exe" if os.name == "nt" else "bulletin"))]
    return [sys.executable]


def start_process() -> subprocess.Popen:
    """Start a build process running this module with the same interpreter."""
    root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM", "offscreen")
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)   # no console window on Windows
    return subprocess.Popen([*interpreter(), "-m", "editor.ui.buildproc"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, env=env, creationflags=flags)


def main() -> None:
    out = sys.stdout.buffer
    sys.stdout = sys.stderr          # a stray print must not corrupt the protocol
    serve(sys.stdin.buffer, out)


if __name__ == "__main__":
    main()
