"""The HTML build (web edition + WeChat fragments) against pandoc's Markdown → HTML, and how it grows.

    python bench/html_vs_pandoc.py [content/2023-29] [--runs 7] [--volume 16]

1. Every measurement is a new process, as a user's `bulletin build` is, interleaved with its peer:
   - bulletin: `python -m editor build ISSUE --format html` (Python's bytecode cached, as after
     installation), which writes index.html and the 公众号 fragments;
   - pandoc: the executable that the PyPI package pypandoc_binary ships, converting the same
     elements as Markdown (the DOCX bench's markdown_source) to one standalone HTML page with --toc.
   Wall time and CPU time (user + system of the child, which other processes on a busy machine
   distort less), medians. The target is ≤ 0.2 s wall for the sample.
2. Growth: the sample's articles repeated to make volumes of 1, 2, 4, 8 and `--volume` times the
   sample (33 PDF pages each time; 16 × is about 530 pages), the HTML writer's render timed in
   one process (median of runs, after composing): time per article should stay flat.

Prints Markdown tables. Needs the bench extra: pip install pypandoc_binary.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SAMPLE_PAGES = 33          # the sample's PDF


def run_child(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one child process; fails loudly if the child fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read()
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"子进程失败（{' '.join(argv[:4])} …）：\n{err.decode('utf-8', 'replace')}")
    return wall, usage.ru_utime + usage.ru_stime


def volume(issue: Path, times: int, work: Path) -> Path:
    """A copy of `issue` whose columns hold its articles `times` over (ids and titles numbered)."""
    import tomllib

    folder = work / f"vol{times}" / "content" / "volume"
    shutil.copytree(issue, folder)
    templates = ROOT / "issue_templates"
    (folder.parent.parent / "issue_templates").symlink_to(templates, target_is_directory=True)
    data = tomllib.loads((folder / "issue.toml").read_text(encoding="utf-8"))
    lines = [f'template = "{data["template"]}"', f"date = {data['date'].isoformat()}",
             f"number = {data['number']}", f"total_number = {data['total_number']}", ""]
    for column in data["columns"]:
        ids = []
        for k in range(times):
            for article in column["articles"]:
                if k:
                    src = folder / "articles" / f"{article}.md"
                    text = src.read_text(encoding="utf-8")
                    (folder / "articles" / f"{article}-{k}.md").write_text(text, encoding="utf-8")
                ids.append(article if k == 0 else f"{article}-{k}")
        lines += ["[[columns]]", f'name = "{column["name"]}"', "articles = [" + ", ".join(f'"{i}"' for i in ids) + "]", ""]
    (folder / "issue.toml").write_text("\n".join(lines), encoding="utf-8")
    return folder


GROWTH = """
import sys, time, statistics, tempfile
from pathlib import Path
from editor.project import open_issue
from editor.compose import compose
from editor.world import World
from editor.writers import Target, writer_for
opened = open_issue(sys.argv[1])
comp = compose(opened.issue, opened.template, World(opened.folder))
writer = writer_for("html")
times, size = [], 0
for _ in range(int(sys.argv[2])):
    out = Path(tempfile.mkdtemp())
    t = time.perf_counter()
    writer.render(comp, Target(out))
    times.append(time.perf_counter() - t)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
print(statistics.median(times), size, len(comp.heads()))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("issue", nargs="?", default=str(ROOT / "content" / "2023-29"))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--volume", type=int, default=16)
    args = ap.parse_args()
    try:
        import pypandoc
        pandoc = pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        print("需要 pandoc 的 Python 包：pip install pypandoc_binary（或 pip install -e .[bench]）", file=sys.stderr)
        return 2
    from docx_vs_pandoc import prepare_markdown

    issue = Path(args.issue).resolve()
    work = Path(tempfile.mkdtemp(prefix="bench-html-"))
    try:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
                   PYTHONPYCACHEPREFIX=str(work / "pycache"), BULLETIN_CACHE_DIR=str(work / "cache"))
        ours = [sys.executable, "-m", "editor", "build", str(issue), "-o", str(work / "out"), "--format", "html",
                "--quiet"]
        src = prepare_markdown(issue, work)
        pan = [pandoc, str(src), "-f", "markdown", "-t", "html", "-s", "--toc", "--metadata", "title=样刊",
               "-o", str(work / "pandoc.html")]
        run_child(ours, env)                    # bytecode compiled, QR codes cached, as after a first build
        run_child(pan, env)                     # pandoc's binary paged in, as ours was
        mine, theirs = [], []
        for _ in range(max(1, args.runs)):      # interleaved, so a busy moment hurts both alike
            mine.append(run_child(ours, env))
            theirs.append(run_child(pan, env))
        folder = next((work / "out").iterdir())
        ours_kb = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024
        index_kb = (folder / "index.html").stat().st_size / 1024
        pandoc_kb = (work / "pandoc.html").stat().st_size / 1024
        load = os.getloadavg()[0]

        growth = []
        for times in sorted({1, 2, 4, 8, args.volume}):
            vol = volume(issue, times, work)
            out = subprocess.run([sys.executable, "-c", GROWTH, str(vol), str(args.runs)], cwd=ROOT, env=env,
                                 check=True, capture_output=True, text=True).stdout.split()
            growth.append((times, float(out[0]), int(out[1]), int(out[2])))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def med(xs, i):
        return statistics.median(x[i] for x in xs)

    print(f"\n样刊：{issue.name}，每项 {args.runs} 次交替运行，取中位数；每次都是新进程；机器负载 {load:.1f}。\n")
    print("| 任务 | 时间 | CPU 时间 | 相对 pandoc（时间 / CPU） | 输出 |")
    print("|---|---:|---:|---:|---:|")
    tw, tc = med(theirs, 0), med(theirs, 1)
    print(f"| bulletin build --format html（网页版 + 公众号片段） | {med(mine, 0):.3f} s | {med(mine, 1):.3f} s | "
          f"{med(mine, 0) / tw:.2f}× / {med(mine, 1) / tc:.2f}× | {ours_kb:.0f} KB（index.html {index_kb:.0f} KB） |")
    print(f"| pandoc Markdown → HTML（-s --toc） | {tw:.3f} s | {tc:.3f} s | 1 | {pandoc_kb:.0f} KB |")
    ok = med(mine, 0) <= 0.2
    print(f"\n目标：样刊 ≤ 0.2 s（新进程）：{med(mine, 0):.3f} s {'✓' if ok else '✗'}")
    print("\n随篇幅增长（进程内只计 HTML 写出，已编排好；中位数）：\n")
    print("| 篇幅 | 文章 | 约合 PDF 页 | 写出时间 | 每篇 | 输出 |")
    print("|---|---:|---:|---:|---:|---:|")
    base = growth[0][1] / growth[0][3]
    for times, t, size, n in growth:
        print(f"| {times} × 样刊 | {n} | {times * SAMPLE_PAGES} | {t * 1000:.0f} ms | {t / n * 1000:.2f} ms"
              f"（{t / n / base:.2f}×） | {size / 1024:.0f} KB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
