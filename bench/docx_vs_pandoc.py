"""Cold DOCX build of the sample issue against pandoc converting the same text from Markdown to DOCX.

    python bench/docx_vs_pandoc.py [content/2023-29] [--runs 5]

Every measurement is a new process, as a user's `bulletin build` is, measured side by side:

- bulletin: `python -m editor build ISSUE --format docx` (Python's bytecode cached, as after
  installation; the very first run, bytecode compiled and fonts converted, is shown on its own row,
  and so are builds with the DOCX writer's own cache emptied before each — cache_dir()/docx: styles
  part, embedded faces' parts, dot screen — the converted fonts kept, as after a template change);
- pandoc: the pandoc executable that the PyPI package pypandoc_binary ships, converting a
  Markdown file with the same elements (cover, colophon, contents via --toc, column labels,
  editor's notes, titles, 文号, body, tables, links, source lines, back matter) to DOCX;
- pandoc via pypandoc: the same conversion started from Python (`pypandoc.convert_file`),
  which is what a Python program calling pandoc would pay.

Peak memory is each child's maximum resident set size, CPU time its user + system time, both from
os.wait4 (a child's usage includes the processes it waited for: pypandoc's pandoc). On a shared,
busy machine the CPU-time ratio is the steadier one; both are printed. Prints a Markdown table.
Needs the bench extra: pip install pypandoc_binary.
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


def run_child(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(wall seconds, peak resident MB, CPU seconds) of one child process; fails loudly if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    if code != 0:
        raise SystemExit(f"子进程失败（{' '.join(argv[:4])} …）：\n{err.decode('utf-8', 'replace')}\n"
                         f"{out.decode('utf-8', 'replace')}")
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return seconds, rss, usage.ru_utime + usage.ru_stime


# ---------------------------------------------------------------- the same text as Markdown

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~^$])")
_LIST_START = re.compile(r"^(\d+)([.)])")


def md(text: str) -> str:
    """Text escaped so pandoc keeps it as written (no emphasis, no lists from "1." leads)."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LIST_START.sub(r"\1\\\2", text)


def markdown_source(comp) -> str:
    from editor import compose as C

    out: list[str] = []
    for e in comp.elements:
        if isinstance(e, C.Cover):
            out += [md(e.tagline), f"**{md(e.title)}**", md(e.slogan), md(e.issue_line), "本期要闻"]
            out += [f"**{md(line)}**" for line in e.headline.own]
        elif isinstance(e, C.Colophon):
            out.append(f"**{md(e.title)}**")
            out.append("| 职务 | 名单 |\n|---|---|\n" + "\n".join(f"| {md(x.role)} | {md('　'.join(x.names))} |"
                                                          for x in e.entries))
            out.append(md(e.disclaimer))
        elif isinstance(e, C.ArticleHead):
            if e.column_start is not None:
                out.append(f"# {md(e.column_start.name)}")
            if e.note is not None:
                out.append("\n>\n".join(f"> {md(p)}" for p in [e.note.label, *e.note.paragraphs]))
            out.append("## " + md("".join(e.title.own)))
            out += [md(p.text) for p in (e.doc_number, e.addressee) if p is not None]
        elif isinstance(e, C.Paragraph):
            out.append("".join(f"**{md(r.text)}**" if r.style else md(r.text) for r in e.runs))
            if e.beside is not None:
                out.append(f"[{md(' '.join(e.beside.caption))}]({e.beside.url})")
        elif isinstance(e, C.LinkQR):
            out.append(f"[{md(' '.join(e.caption))}]({e.url})")
        elif isinstance(e, C.Table) and e.rows:
            n = max(len(r) for r in e.rows)
            rows = [r + [""] * (n - len(r)) for r in e.rows]
            out.append("\n".join(["| " + " | ".join(md(c) for c in rows[0]) + " |", "|" + "---|" * n]
                                 + ["| " + " | ".join(md(c) for c in r) + " |" for r in rows[1:]]))
        elif isinstance(e, C.BackMatter):
            for p in e.profiles:
                out += [f"**{md(p.name)}**", md(p.english_name)] + [md(x) for x in p.paragraphs]
    return "\n\n".join(x for x in out if x) + "\n"


def prepare_markdown(issue: Path, work: Path) -> Path:
    from editor.compose import compose
    from editor.project import open_issue

    opened = open_issue(issue)
    comp = compose(opened.issue, opened.template, opened.folder)
    src = work / "issue.md"
    src.write_text(markdown_source(comp), encoding="utf-8")
    return src


# ---------------------------------------------------------------- where our time goes

BREAKDOWN = """
import sys, time
clock = time.process_time            # CPU time: what the phases cost, whatever else the machine runs
t0 = clock()
import editor.cli                                    # the CLI, with every command registered
t1 = clock()
from editor.project import open_issue
from editor.compose import compose
opened = open_issue(sys.argv[1])
comp = compose(opened.issue, opened.template, opened.folder)
t2 = clock()
from editor.writers.docx import DocxWriter
t3 = clock()
DocxWriter(comp, opened.template, None).build()
t4 = clock()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)
"""


def breakdown(issue: Path, env: dict[str, str], runs: int) -> list[float]:
    """Median seconds of: CLI import, loading + composing the issue, importing the writer, writing."""
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", BREAKDOWN, str(issue)], cwd=ROOT, env=env, check=True,
                             capture_output=True, text=True).stdout.split()
        samples.append([float(x) for x in out])
    return [statistics.median(col) for col in zip(*samples)]


# ---------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("issue", nargs="?", default=str(ROOT / "content" / "2023-29"))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    try:
        import pypandoc
        pandoc = pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        print("需要 pandoc 的 Python 包：pip install pypandoc_binary（或 pip install -e .[bench]）", file=sys.stderr)
        return 2
    issue = Path(args.issue).resolve()
    work = Path(tempfile.mkdtemp(prefix="bench-docx-"))
    try:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
                   PYTHONPYCACHEPREFIX=str(work / "pycache"), BULLETIN_CACHE_DIR=str(work / "cache"))
        ours = [sys.executable, "-m", "editor", "build", str(issue), "-o", str(work / "out"),
                "--format", "docx", "--quiet"]
        src = prepare_markdown(issue, work)
        pan = [pandoc, str(src), "-f", "markdown", "-t", "docx", "--toc", "-o", str(work / "pandoc.docx")]
        pyp = [sys.executable, "-c", f"import pypandoc; pypandoc.convert_file({str(src)!r}, 'docx', "
               f"format='markdown', extra_args=['--toc'], outputfile={str(work / 'pypandoc.docx')!r})"]

        first = run_child(ours, env)            # bytecode compiled on this run
        run_child(pan, env)                     # let the OS page pandoc's 100+ MB binary in, as ours was
        mine, theirs, via_py, empty = [], [], [], []
        for _ in range(max(1, args.runs)):      # interleaved, so a busy moment hurts both alike
            mine.append(run_child(ours, env))
            theirs.append(run_child(pan, env))
            via_py.append(run_child(pyp, env))
            shutil.rmtree(work / "cache" / "docx", ignore_errors=True)
            empty.append(run_child(ours, env))  # and written again for the next run
        parts = breakdown(issue, env, args.runs)
        ours_kb = next((work / "out").glob("*.docx")).stat().st_size / 1024
        pandoc_kb = (work / "pandoc.docx").stat().st_size / 1024
        chars = len(src.read_text(encoding="utf-8"))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def med(xs, k=0):
        return statistics.median(x[k] for x in xs)

    t_pan, c_pan = med(theirs), med(theirs, 2)
    rows = [
        ("bulletin build --format docx", mine, f"{ours_kb:.0f} KB"),
        ("bulletin build --format docx（首次运行，编译字节码、转换字体）", [first], f"{ours_kb:.0f} KB"),
        ("bulletin build --format docx（DOCX 缓存清空：样式表、嵌入字体、网点图重新生成）", empty, f"{ours_kb:.0f} KB"),
        ("pandoc（pypandoc_binary 自带的可执行文件）--toc", theirs, f"{pandoc_kb:.0f} KB"),
        ("pandoc 经 pypandoc 从 Python 调用", via_py, f"{pandoc_kb:.0f} KB"),
    ]
    print(f"\n样刊：{issue.name}（Markdown 文本 {chars} 字符），每项 {args.runs} 次，取中位数；每次都是新进程；"
          f"测时负载 {os.getloadavg()[0]:.1f}。\n")
    print("| 任务 | 时间 | 相对 pandoc | CPU 时间 | 相对 pandoc | 峰值内存 | 文件 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, xs, size in rows:
        t, c = med(xs), med(xs, 2)
        print(f"| {name} | {t:.2f} s | {t / t_pan:.2f}× | {c:.2f} s | {c / c_pan:.2f}× "
              f"| {max(x[1] for x in xs):.0f} MB | {size} |")
    print("\n目标：冷启动构建不慢于 pandoc（pypandoc_binary）。")
    for label, k in (("时间", 0), ("CPU 时间", 2)):
        ratio, ratio_py = med(mine, k) / med(theirs, k), med(mine, k) / med(via_py, k)
        print(f"- {label}，对 pandoc 可执行文件直接运行：{ratio:.2f}× {'✓' if ratio <= 1 else '✗'}；"
              f"对经 pypandoc 从 Python 调用（Python 程序使用这个包的方式）：{ratio_py:.2f}× "
              f"{'✓' if ratio_py <= 1 else '✗'}")
    names = ("导入命令行（editor.cli；各子命令模块在建参数解析器时导入，计入下一行）", "读入并编排这一期",
             "导入 DOCX 写出模块（含 python-docx、lxml）", "DOCX 写出（样式、正文、打包）")
    print("\n我们的时间花在哪里（进程内 CPU 时间，中位数；另加 Python 启动）：\n")
    print("| 阶段 | 时间 |\n|---|---:|")
    for name, t in zip(names, parts):
        print(f"| {name} | {t * 1000:.0f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
