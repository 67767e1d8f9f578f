"""The archive of every issue (issue #18): indexing, searching, and one process for many issues.

    python bench/archive_bench.py [--issues 50] [--years 10] [--runs 3] [--work /tmp/archive-bench]

Generates (once, kept in --work) an archive of --issues issues of 2023 and one of --years × 50
issues (about 350 articles a year) with tests/archive_support.make_archive, then measures, each
beside its peer, in rounds (every round runs every item once, so the machine's load falls on
all alike) and prints medians as a Markdown table:

- indexing the 50 issues from scratch (a fresh process, empty cache) beside a fresh process that
  only reads and parses the same files (load_issue of each: the floor any index must pay);
- re-indexing after one article changed beside indexing from scratch;
- a search on the ten-year archive (warm: the index open) beside a Python scan of the same
  paragraphs held in memory, and beside `grep -rl` over the files (what an editor does today);
- `bulletin check content` (all 50 in one process) beside 50 processes `bulletin check 2023-NN`;
- `bulletin build content --format pdf` beside 50 processes `bulletin build 2023-NN --format pdf`;
- `bulletin volume content --year 2023 --format pdf` beside the same 50 one-issue processes.

Times of child processes are wall clock and CPU (user + system, os.wait4), and their peak
resident memory: on a machine shared with other work the CPU time is the steadier one.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

ISSUES_PER_YEAR = 50


def run_child(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, float, str]:
    """(wall s, CPU s, peak MB, stdout) of one child process; fails loudly if it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:   # not pipes: check's output is long
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        out, err = out.read(), err.read()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):             # bulletin check exits 1 when it found errors: that is its answer
        raise SystemExit(f"子进程失败（{' '.join(argv[2:6])} …，退出码 {code}）：\n{err.decode('utf-8', 'replace')}")
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return seconds, usage.ru_utime + usage.ru_stime, rss, out.decode("utf-8", "replace")


def in_process_seconds(code: str, env: dict[str, str], cwd: Path) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MB) of `code` run in a fresh process; wall and CPU as `code` prints them
    (the work itself, not the interpreter's start-up)."""
    _, _, rss, out = run_child([sys.executable, "-c", code], env, cwd)
    wall, cpu = map(float, out.split())
    return wall, cpu, rss


SEARCHES = """
import statistics, sys, time
sys.path.insert(0, {root!r})
from editor.archive import open_archive
archive = open_archive("content")
texts = [t for (t,) in archive.query("SELECT text FROM paragraphs")]
print("articles", 0, 0, archive.query("SELECT count(*) FROM articles WHERE problem IS NULL")[0][0])
print("paragraphs", 0, 0, len(texts))
for w in {words!r}:
    for name, fn, runs in (("search", lambda: archive.search(w), {runs}),
                           ("scan", lambda: [x for x in texts if w in x], max(3, {runs} // 10))):
        wall, cpu = [], []
        for _ in range(runs):
            t, c = time.perf_counter(), time.process_time()
            r = fn()
            wall.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        n = r.total if name == "search" else len(r)
        print(name + ":" + w, statistics.median(wall), statistics.median(cpu), n)
"""

TIMED = ("import sys, time; sys.path.insert(0, {root!r}); t, c = time.perf_counter(), time.process_time()\n"
         "{body}\n"
         "print(time.perf_counter() - t, time.process_time() - c)")


def make(work: Path, name: str, issues: int) -> Path:
    """The generated archive `name` with `issues` issues (made once, kept in work/)."""
    dest = work / name
    content = dest / "content"
    if content.is_dir() and len([p for p in content.iterdir() if (p / "issue.toml").is_file()]) == issues:
        return dest
    shutil.rmtree(dest, ignore_errors=True)
    print(f"生成 {issues} 期的档案：{dest}", file=sys.stderr)
    from archive_support import make_archive      # here: the parent stays small (see SEARCHES)

    make_archive(dest, issues)
    return dest


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main() -> int:
    ap = argparse.ArgumentParser(description="往期档案基准：索引、检索、一个进程处理多期")
    ap.add_argument("--issues", type=int, default=50)
    ap.add_argument("--years", type=int, default=10, help="检索用的档案有多少年（每年 50 期）")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--searches", type=int, default=50, help="每轮每个检索词查几次（取中位数）")
    ap.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "archive-bench"))
    ap.add_argument("--skip-processes", action="store_true", help="不测一期一个进程的做法（很慢）")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    year = make(work, "year", args.issues)
    decade = make(work, "decade", args.years * ISSUES_PER_YEAR)
    folders = sorted(p for p in (year / "content").iterdir() if (p / "issue.toml").is_file())
    base = {k: v for k, v in os.environ.items() if k not in ("BULLETIN_CACHE_DIR",)}
    base["PYTHONPATH"] = str(ROOT) + os.pathsep + base.get("PYTHONPATH", "")
    warm_cache = work / "cache-warm"
    warm = {**base, "BULLETIN_CACHE_DIR": str(warm_cache)}
    bulletin = [sys.executable, "-m", "editor"]

    # warm-up: fonts found and subset once, both indexes built (every build after is "cache ready")
    run_child([*bulletin, "search", "数据要素", "--in", "content"], warm, year)
    run_child([*bulletin, "search", "数据要素", "--in", "content"], warm, decade)
    run_child([*bulletin, "build", str(folders[0]), "-o", str(work / "out-warmup"), "--format", "pdf"], warm, year)

    index_code = TIMED.format(root=str(ROOT), body="from editor.archive import open_archive; "
                              "a = open_archive('content'); assert a.last_report.articles > 0")
    load_code = TIMED.format(root=str(ROOT), body="from editor.content import load_issue; from pathlib import Path; "
                             "[load_issue(p) for p in sorted(Path('content').iterdir()) if (p / 'issue.toml').is_file()]")
    victim = folders[len(folders) // 2] / "articles" / "03-上海数据要素.md"
    reindex_code = TIMED.format(root=str(ROOT), body=(
        "from editor.archive import open_archive; p = __import__('pathlib').Path(%r); "
        "a = open_archive('content'); "
        "p.write_text(p.read_text(encoding='utf-8').replace('数据要素', '数据元素', 1) if '数据要素' in "
        "p.read_text(encoding='utf-8') else p.read_text(encoding='utf-8').replace('数据元素', '数据要素', 1), "
        "encoding='utf-8'); t, c = time.perf_counter(), time.process_time(); r = a.refresh(); "
        "assert len(r.read) == 1, r.read") % str(victim))

    rows: dict[str, list[tuple[float, float, float]]] = {}

    def add(key: str, sample: tuple[float, float, float]) -> None:
        rows.setdefault(key, []).append(sample)

    def per_issue(verb: list[str]) -> tuple[float, float, float]:
        wall = cpu = peak = 0.0
        for f in folders:
            w, c, r, _ = run_child([*bulletin, verb[0], str(f), *verb[1:]], warm, year)
            wall, cpu, peak = wall + w, cpu + c, max(peak, r)
        return wall, cpu, peak

    words = ["数据要素", "算力", "浦东新区发布数据要素市场建设专项措施", "网络安全保险"]
    # in a child, as everything measured: the parent stays small, since a child's peak memory
    # (ru_maxrss) starts from its parent's size when it is forked
    search_code = SEARCHES.format(root=str(ROOT), words=words, runs=args.searches)
    counts: dict[str, int] = {}

    for n in range(args.runs):
        print(f"第 {n + 1}/{args.runs} 轮", file=sys.stderr)
        empty = {**base, "BULLETIN_CACHE_DIR": str(work / f"cache-empty-{n}")}
        shutil.rmtree(work / f"cache-empty-{n}", ignore_errors=True)
        add("index", in_process_seconds(index_code, empty, year))
        add("load", in_process_seconds(load_code, empty, year))
        add("reindex", in_process_seconds(reindex_code, warm, year))
        out = run_child([sys.executable, "-c", search_code], warm, decade)[3]
        for line in out.splitlines():
            key, wall, cpu, n = line.rsplit(" ", 3)
            add(key, (float(wall), float(cpu), 0.0))
            counts[key] = int(n)
        s = time.perf_counter()
        subprocess.run(["grep", "-rl", words[0], "content"], cwd=decade, capture_output=True)
        add("grep", (time.perf_counter() - s, 0.0, 0.0))
        add("check", run_child([*bulletin, "check", "content"], warm, year)[:3])
        add("build", run_child([*bulletin, "build", "content", "-o", str(work / "out-batch"), "--format", "pdf"],
                               warm, year)[:3])
        *measured, said = run_child([*bulletin, "volume", "content", "--year", "2023", "-o",
                                     str(work / "out-volume"), "--format", "pdf"], warm, year)
        add("volume", tuple(measured))
        pages = int(re.search(r"(\d+) 页）", said).group(1))
        if not args.skip_processes:
            add("check each", per_issue(["check"]))
            add("build each", per_issue(["build", "-o", str(work / "out-each"), "--format", "pdf"]))

    def med(key: str, k: int) -> float:
        return statistics.median(r[k] for r in rows[key])

    articles, paragraphs = counts["articles"], counts["paragraphs"]
    n = len(folders)
    print(f"\n档案：{n} 期（2023 年）；检索用 {args.years} 年 {args.years * ISSUES_PER_YEAR} 期、{articles} 篇文章、"
          f"{paragraphs} 段；合订本 {pages} 页；{args.runs} 轮取中位数；"
          f"结束时负载 {os.getloadavg()[0]:.1f}（{os.cpu_count()} 核）\n")
    print("| 任务 | 时间 | CPU 时间 | 峰值内存 | 对照 | 对照时间 | 对照 CPU | 比值（CPU） | 目标 |")
    print("|---|---:|---:|---:|---|---:|---:|---:|---|")

    def line(task, key, peer_name, peer, target, memory=True):
        w, c, r = med(key, 0), med(key, 1), med(key, 2)
        pw, pc = (med(peer, 0), med(peer, 1)) if peer in rows else (float("nan"), float("nan"))
        ratio = c / pc if pc == pc and pc > 0 else float("nan")
        print(f"| {task} | {fmt(w)} | {fmt(c)} | {f'{r:.0f} MB' if memory else '—'} | {peer_name} | "
              f"{fmt(pw) if pw == pw else '—'} | {fmt(pc) if pc == pc else '—'} | "
              f"{f'{ratio:.2f}×' if ratio == ratio else '—'} | {target} |")

    line(f"索引 {n} 期（从零开始，进程内）", "index", "只读入并解析这些文件", "load", "≤ 3 s")
    line("改一篇后重新索引（进程内）", "reindex", "从零索引", "index", "≤ 0.2 s")
    for w in words:
        sw, sc, pw, pc = (med(f"search:{w}", 0), med(f"search:{w}", 1), med(f"scan:{w}", 0), med(f"scan:{w}", 1))
        print(f"| 检索“{w}”（{counts[f'search:{w}']} 篇命中，索引已打开） | {fmt(sw)} | {fmt(sc)} | — | "
              f"内存中逐段查找（{counts[f'scan:{w}']} 段） | {fmt(pw)} | {fmt(pc)} | {sc / pc:.2f}× | ≤ 20 ms |")
    print(f"| — | — | — | — | grep -rl 全部文件 | {fmt(med('grep', 0))} | — | — | — |")
    line(f"bulletin check content（{n} 期，一个进程）", "check", f"{n} 个进程各查一期", "check each", "≤ 2 s")
    line(f"bulletin build content --format pdf（{n} 期，一个进程）", "build", f"{n} 个进程各排一期", "build each",
         "≤ 8 s")
    line(f"bulletin volume --year 2023 --format pdf（{pages} 页）", "volume", f"{n} 个进程各排一期", "build each",
         "≤ 6 s、≤ 400 MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
