"""Desktop editor benchmark: start-up, typing latency with checks and preview running, memory.

    python bench/gui_bench.py [content/2023-29] [--chars 300] [--runs 3]

Runs offscreen (QT_QPA_PLATFORM=offscreen unless a display platform is set).
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BURST = 20          # keys typed without a pause
PAUSE_S = 0.7       # then a pause, as people pause: checks (300 ms) and the preview (400 ms here) start
sys.path.insert(0, str(ROOT))

STARTUP_CHILD = r"""
import sys, time
t0 = time.perf_counter()
from editor.ui.app import application
from editor.ui.mainwindow import MainWindow
from PySide6.QtCore import QTimer
app = application()
win = MainWindow(interactive=False)
win.open_folder(sys.argv[1])
win.show()
def ready():
    # first event-loop turn after the window is shown: it paints and takes input from here on
    print("READY %.4f %s" % (time.perf_counter() - t0, win.editor.article_id), flush=True)
    win.doc.mark_saved(); win.close(); app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def rss_mb(pid: int | None = None) -> float | None:
    """Resident memory now, from /proc (Linux); None elsewhere."""
    try:
        text = Path(f"/proc/{pid or 'self'}/status").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def startup(folder: Path, runs: int, env: dict) -> dict:
    wall, inside = [], []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", STARTUP_CHILD, str(folder)], env=env, cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
        end = time.perf_counter()
        line = next((x for x in out.stdout.splitlines() if x.startswith("READY")), None)
        if line is None:
            raise SystemExit(f"启动失败：{out.stderr[-2000:]}")
        inside.append(float(line.split()[1]))
        wall.append(end - start)
    return {"process_start_to_interactive_s": statistics.median(inside) + interpreter_start(env),
            "in_process_s": statistics.median(inside), "wall_incl_exit_s": statistics.median(wall)}


def interpreter_start(env: dict) -> float:
    """Time for a bare interpreter to start and exit (added to the in-process figure)."""
    times = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
        times.append(time.perf_counter() - t)
    return min(times)


def typing(folder: Path, chars: int, interval_ms: int) -> dict:
    """Type into the longest article while checks and previews run; measure what typing waits for."""
    from PySide6.QtCore import QElapsedTimer, QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    from editor.ui import preview, problems
    from editor.ui.app import application, settle
    from editor.ui.mainwindow import MainWindow

    app = application()
    win = MainWindow(interactive=False)
    win.resize(1440, 900)
    win.open_folder(folder)
    win.show()
    settle(win, app)
    win.preview.delay = 400                     # rebuild the preview often, to type through builds
    longest = max(win.doc.issue.articles, key=lambda a: sum(len(b.text) for b in a.body))
    win.select(longest.id)
    body = win.editor.body
    body.setFocus()
    cursor = body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.Down, n=5)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    body.setTextCursor(cursor)

    text = ("加强数据要素市场建设，推动公共数据开放共享,完善数据产权制度。" * 40)[:chars]
    keys: list[float] = []
    gaps: list[float] = []
    checks = [0]
    previews = [0]
    win.checker.updated.connect(lambda: checks.__setitem__(0, checks[0] + 1))
    win.preview.loaded.connect(lambda: previews.__setitem__(0, previews[0] + 1))
    beat = QElapsedTimer()
    beat.start()
    last = [0]

    def heartbeat():
        now = beat.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    hb = QTimer(interval=5, timerType=Qt.TimerType.PreciseTimer, timeout=heartbeat)
    hb.start()
    waits: list[float] = []      # how long each key waited for the event loop, plus its handling
    busy_seen = [False]
    win.service.busy_changed.connect(lambda b: busy_seen.__setitem__(0, busy_seen[0] or b))
    start = time.perf_counter()
    due = start
    for i, ch in enumerate(text):
        # a key is due; the loop below lets Qt run (checks arriving, previews swapped) until it is
        while time.perf_counter() < due:
            app.processEvents()
            time.sleep(0.0005)
        app.processEvents()              # whatever is pending when the key arrives runs first
        t = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(body, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
        done = time.perf_counter()
        keys.append((done - t) * 1000)
        waits.append((done - due) * 1000)
        due = done + (PAUSE_S if (i + 1) % BURST == 0 else interval_ms / 1000)
    typing_s = time.perf_counter() - start
    hb.stop()
    settle(win, app)
    ok = longest.body and text[:20] in "".join(b.text for b in longest.body)
    gui_rss = rss_mb()
    proc = win.service._proc
    build_rss = rss_mb(proc.pid) if proc is not None else None
    win.doc.mark_saved()
    win.close()
    keys.sort()
    waits.sort()
    return {
        "chars": len(text), "interval_ms": interval_ms, "typing_s": typing_s, "text_reached_model": bool(ok),
        "key_mean_ms": statistics.mean(keys), "key_p95_ms": keys[int(len(keys) * 0.95) - 1],
        "key_max_ms": keys[-1], "key_wait_p95_ms": waits[int(len(waits) * 0.95) - 1],
        "key_wait_max_ms": waits[-1],
        "loop_max_stall_ms": max(gaps[1:]) - 5 if len(gaps) > 1 else 0.0,
        "checks_during": checks[0], "previews_during": previews[0], "build_process_used": busy_seen[0],
        "gui_rss_mb": gui_rss, "gui_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "build_process_rss_mb": build_rss,
        "delays": {"check_ms": problems.PARTIAL_DELAY_MS, "preview_ms": preview.PREVIEW_DELAY_MS},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description="桌面编辑器基准：启动、打字延迟、内存")
    ap.add_argument("folder", nargs="?", default=str(ROOT / "content" / "2023-29"))
    ap.add_argument("--chars", type=int, default=300)
    ap.add_argument("--interval", type=int, default=40, help="两次按键的间隔（毫秒）")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="gui-bench-"))
    os.environ["BULLETIN_DATA_DIR"] = str(work / "data")
    os.environ.setdefault("BULLETIN_CACHE_DIR", str(work / "cache"))
    folder = work / "content" / Path(args.folder).name
    shutil.copytree(args.folder, folder)
    shutil.copytree(ROOT / "issue_templates", work / "issue_templates")
    try:
        start = startup(folder, args.runs, dict(os.environ))
        typed = typing(folder, args.chars, args.interval)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps({"startup": start, "typing": typed}, ensure_ascii=False, indent=1))
        return
    rows = [
        ("启动到可操作（进程启动起，含解释器）", f"{start['process_start_to_interactive_s']:.2f} 秒", "< 1 秒"),
        ("其中程序内（导入 Qt、注册字体、打开样刊、显示窗口）", f"{start['in_process_s']:.2f} 秒", ""),
        (f"打字：{typed['chars']} 字，每 {typed['interval_ms']} 毫秒一键，同时检查 {typed['checks_during']} 次、"
         f"预览重排 {typed['previews_during']} 次", f"{typed['typing_s']:.1f} 秒", ""),
        ("每次按键处理：平均 / p95 / 最大", f"{typed['key_mean_ms']:.1f} / {typed['key_p95_ms']:.1f} / "
         f"{typed['key_max_ms']:.1f} 毫秒", "< 16 毫秒"),
        ("按键从到达到处理完（含等待事件循环）：p95 / 最大", f"{typed['key_wait_p95_ms']:.1f} / "
         f"{typed['key_wait_max_ms']:.1f} 毫秒", "< 50 毫秒"),
        ("事件循环最长停顿（含停顿间隙里换上新预览）", f"{typed['loop_max_stall_ms']:.1f} 毫秒", ""),
        ("界面进程常驻内存（峰值）", f"{typed['gui_rss_mb']:.0f} MB（{typed['gui_peak_rss_mb']:.0f} MB）", "< 300 MB"),
        ("排版进程常驻内存", f"{typed['build_process_rss_mb']:.0f} MB" if typed["build_process_rss_mb"] else "—", ""),
    ]
    print("| 项目 | 结果 | 目标 |\n|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} |")


if __name__ == "__main__":
    main()
