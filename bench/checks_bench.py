"""How long the checks take: the whole sample issue, and one article as the app re-checks it per keystroke.

    python bench/checks_bench.py [content/2023-29] [--runs 50]

Prints a Markdown table. "Warm" means modules imported and regexes compiled; no
result is cached between runs (each run_checks call analyses the text afresh).
Besides wall-clock medians it gives this process's CPU time (median and least of the runs):
on a machine shared with other work the wall clock counts their time too, and even the CPU
time grows with their load (caches, clock); the least is the closest to an idle machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.body import make_block  # noqa: E402
from editor.checks import run_checks  # noqa: E402
from editor.project import open_issue  # noqa: E402


def timed(fn, runs: int) -> tuple[float, float, float, float]:
    """Median and 95th percentile of the wall clock, median and least CPU time, in milliseconds."""
    samples, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    samples.sort()
    return (statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))],
            statistics.median(cpu), min(cpu))


def cold_ms(folder: Path) -> float:
    """A fresh process: import, load the issue, first check (what `bulletin check` costs beyond start-up)."""
    code = ("import time,sys; sys.path.insert(0, %r); t=time.perf_counter();"
            "from editor.project import open_issue; from editor.checks import run_checks;"
            "o=open_issue(%r); t1=time.perf_counter(); run_checks(o.issue, o.template);"
            "print((time.perf_counter()-t1)*1000)") % (str(ROOT), str(folder))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> int:
    ap = argparse.ArgumentParser(description="检查速度基准")
    ap.add_argument("folder", nargs="?", default=str(ROOT / "content" / "2023-29"))
    ap.add_argument("--runs", type=int, default=50)
    args = ap.parse_args()
    folder = Path(args.folder)
    opened = open_issue(folder)
    issue, template = opened.issue, opened.template
    for _ in range(3):
        run_checks(issue, template)

    rows = []
    chars = sum(len(b.text) for a in issue.articles for b in a.body)
    count = len(run_checks(issue, template))
    rows.append((f"整期（{len(issue.articles)} 篇，{chars} 字，{count} 个问题）",
                 *timed(lambda: run_checks(issue, template), args.runs)))
    for article in issue.articles:
        ids = [article.id]
        n = sum(len(b.text) for b in article.body)
        rows.append((f"单篇 {article.id}（{n} 字）", *timed(lambda: run_checks(issue, template, article_ids=ids), args.runs)))

    # A keystroke: one paragraph of the longest article changes, then that article is re-checked.
    longest = max(issue.articles, key=lambda a: sum(len(b.text) for b in a.body))
    block_index = max(range(len(longest.body)), key=lambda i: len(longest.body[i].text))

    def keystroke():
        old = longest.body[block_index]
        longest.body[block_index] = make_block(old.text + "。", old.loc, old.spans)
        run_checks(issue, template, article_ids=[longest.id])
        longest.body[block_index] = old
    rows.append((f"一次按键（改一段并重查 {longest.id}）", *timed(keystroke, args.runs)))

    print("| 检查 | 中位数 | 95% | CPU 中位数 | CPU 最少 |\n|---|---:|---:|---:|---:|")
    for name, med, p95, cpu, least in rows:
        print(f"| {name} | {med:.1f} ms | {p95:.1f} ms | {cpu:.1f} ms | {least:.1f} ms |")
    print(f"| 新进程首次检查整期（不含启动与读入） | {cold_ms(folder):.1f} ms | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
