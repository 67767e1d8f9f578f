"""Cold PDF build of the sample issue against Typst setting the same text with the same fonts.

    python bench/pdf_vs_typst.py [content/2023-29] [--runs 5] [--volume 15]

Every measurement is a new process, as a user's `bulletin build` is, and the kinds take turns
(one of each per round) so that the machine's load falls on all alike:

- bulletin, warm font cache: `python -m editor build ISSUE --format pdf` after one build filled the cache;
- bulletin, first build: the same with an empty font cache (font index, subsets, QR codes made);
- bulletin, first build on a machine with no Chinese font installed (BULLETIN_FONT_DIRS empty, as
  on CI and on a bare Linux): everything from the fonts shipped with the program, unpacked into the
  cache on this first build;
- Typst: `python -c "import typst; typst.compile(...)"` on a .typ file holding the same
  elements (cover, colophon, contents, column labels, editor notes, titles, body, back
  matter), with the font files our build resolved;
- a volume: the sample's articles --volume times over (about 500 pages), ours and Typst's, for
  the time per page (linear?) and the peak memory.

Peak memory is each child's maximum resident set size (os.wait4). The script prints a
Markdown table for the README. It needs the bench extra: pip install typst.
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


def run_child(argv: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> tuple[float, float, float]:
    """(wall seconds, peak resident MB, CPU seconds) of one child process; fails loudly if it fails.

    CPU time (user + system) does not depend on what else the machine is doing, wall time does."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"子进程失败（{' '.join(argv[:4])} …）：\n{err.decode('utf-8', 'replace')}\n"
                         f"{out.decode('utf-8', 'replace')}")
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return seconds, rss, usage.ru_utime + usage.ru_stime


# ---------------------------------------------------------------- the same text as a Typst document

def _s(text: str) -> str:
    """A Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def typst_source(comp, template, families: dict[str, str]) -> str:
    from editor import compose as C

    page = template.page
    st = template.styles
    f = lambda role: _s(families.get(role, "Noto Serif SC"))  # noqa: E731
    color = lambda v: f'rgb("{template.color(v)}")'  # noqa: E731
    body = st["body"]
    out = [
        f'#set page(paper: "a4", margin: (top: {page.margin_top}mm, bottom: {page.margin_bottom}mm, '
        f'left: {page.margin_left}mm, right: {page.margin_right}mm))',
        f'#set text(font: {f(body.font)}, size: {body.size}pt, lang: "zh", region: "cn")',
        f'#set par(justify: true, first-line-indent: (amount: 2em, all: true), '
        f'leading: {body.size * (body.leading - 1):.2f}pt, spacing: {body.size * (body.leading - 1):.2f}pt)',
        f'#set page(header: context {{ if counter(page).get().first() > 3 [#align(center, text(size: 9pt, '
        f'fill: {color("primary")}, {_s(comp.header)})) #line(length: 100%, stroke: 0.6pt + {color("primary")})] }},'
        f' footer: context {{ if counter(page).get().first() > 3 [#align(center)[— #(counter(page).get().first()'
        f' - 3) —]] }})',
        f'#show heading.where(level: 1): it => block(width: 100%, fill: {color("primary")}, inset: 6pt, '
        f'text(font: {f("hei")}, fill: white, size: 15pt, it.body))',
        f'#show heading.where(level: 2): it => align(center, text(font: {f("title")}, size: 20pt, '
        f'weight: "bold", it.body))',
    ]

    def paragraph(e) -> str:
        runs = []
        for r in e.runs:
            rs = st[r.style] if r.style else st[e.style]
            weight = ', weight: "bold"' if rs.bold else ""
            runs.append(f'#text(font: {f(rs.font)}{weight}, {_s(r.text)})')
        align = st[e.style].align
        text = "".join(runs)
        return f"#align({align})[{text}]" if align in ("center", "right") else text

    for e in comp.elements:
        if isinstance(e, C.Cover):
            out += [f'#align(center, text(font: {f("hei")}, size: 11pt, {_s(e.tagline)}))',
                    f'#align(center, text(font: {f("title")}, size: 42pt, weight: "bold", '
                    f'fill: {color("primary")}, {_s(e.title)}))',
                    f'#align(center, text(size: 16pt, {_s(e.slogan)}))',
                    f'#line(length: 100%, stroke: 2.4pt + {color("primary")})',
                    f'#align(center, {_s(e.issue_line)})']
            out += [f'#align(center, text(size: 22pt, weight: "bold", {_s(line)}))' for line in e.headline.own]
            out.append("#pagebreak()")
        elif isinstance(e, C.Colophon):
            out.append(f'#align(center, text(size: 22pt, {_s(e.title)}))')
            out.append("#grid(columns: (6em, 1fr), row-gutter: 0.8em, "
                       + ", ".join(f'{_s(x.role)}, {_s("　".join(x.names))}' for x in e.entries) + ")")
            out += [f'#text(size: 9.5pt, {_s(e.disclaimer)})', "#pagebreak()"]
        elif isinstance(e, C.Contents):
            out += [f'#align(center, text(size: 22pt, {_s(e.heading)}))',
                    '#outline(title: none, depth: 2)', "#pagebreak()"]
        elif isinstance(e, C.ArticleHead):
            if e.column_start is not None:
                out.append(f"= #{_s(e.column_start.name)}")
            else:
                out.append("#pagebreak()")
            if e.note is not None:
                out.append(f'#block(fill: rgb("#EEF3F9"), inset: 10pt, width: 100%)['
                           f'#text(font: {f("hei")}, fill: {color("accent")}, {_s(e.note.label)})\n\n'
                           + "\n\n".join(f'#text(font: {f("kai")}, {_s(p)})' for p in e.note.paragraphs) + "]")
            out.append("== #" + _s("\n".join(e.title.own)).replace("\\n", '" #linebreak() #"'))
            out += [paragraph(p) for p in (e.doc_number, e.addressee) if p is not None]
        elif isinstance(e, C.Paragraph):
            out.append(paragraph(e))
            if e.beside is not None:
                out.append(f'#link({_s(e.beside.url)})[#{_s(" ".join(e.beside.caption))}]')
        elif isinstance(e, C.LinkQR):
            out.append(f'#link({_s(e.url)})[#{_s(" ".join(e.caption))}]')
        elif isinstance(e, C.Table):
            cells = ", ".join(_s(c) for row in e.rows for c in row)
            out.append(f"#table(columns: {max(len(r) for r in e.rows)}, {cells})")
        elif isinstance(e, C.BackMatter):
            out.append("#pagebreak()")
            for p in e.profiles:
                out += [f'#align(center, text(font: {f("hei")}, size: 15pt, {_s(p.name)}))',
                        f'#align(center, text(size: 9.5pt, {_s(p.english_name)}))']
                out += [f'#text(size: 10.5pt, {_s(x)})' for x in p.paragraphs]
    return "\n\n".join(out) + "\n"


def prepare_typst(issue: Path, work: Path) -> tuple[Path, list[str]]:
    """The .typ file and the font folders holding the very files our build resolved."""
    from editor import fonts as fontlib
    from editor.compose import compose
    from editor.project import open_issue

    opened = open_issue(issue)
    comp = compose(opened.issue, opened.template, opened.folder)
    resolver = fontlib.default_resolver()
    families, dirs = {}, []
    for role, candidates in opened.template.fonts.items():
        r = resolver.resolve(candidates)
        families[role] = r.family
        d = str(Path(r.path).parent)
        if d not in dirs:
            dirs.append(d)
    work.mkdir(parents=True, exist_ok=True)
    src = work / "issue.typ"
    src.write_text(typst_source(comp, opened.template, families), encoding="utf-8")
    return src, dirs


# ---------------------------------------------------------------- a volume of many issues' text

def make_volume(issue: Path, times: int, root: Path) -> Path:
    """The sample's articles `times` over (each copy its own article file), next to the templates:
    a volume of about 33·times pages."""
    import re

    folder = root / "content" / f"{issue.name}-x{times}"
    (folder / "articles").mkdir(parents=True)
    shutil.copytree(ROOT / "issue_templates", root / "issue_templates", dirs_exist_ok=True)
    toml = (issue / "issue.toml").read_text(encoding="utf-8")
    for md in (issue / "articles").glob("*.md"):
        for k in range(times):
            shutil.copy(md, folder / "articles" / f"{md.stem}-{k}.md")

    def repeat(m: re.Match) -> str:
        ids = re.findall(r'"([^"]+)"', m.group(1))
        return "articles = [" + ", ".join(f'"{i}-{k}"' for k in range(times) for i in ids) + "]"
    toml = re.sub(r"articles = \[(.*?)\]", repeat, toml, flags=re.S)
    toml = re.sub(r'cover = "([^"]+)"', r'cover = "\1-0"', toml)
    (folder / "issue.toml").write_text(toml, encoding="utf-8")
    return folder


# ---------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("issue", nargs="?", default=str(ROOT / "content" / "2023-29"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--volume", type=int, default=17, help="合订本：样刊文章重复几遍（默认 17，约 500 页）")
    args = ap.parse_args()
    try:
        import typst  # noqa: F401
    except ImportError:
        print("需要 Typst 的 Python 包：pip install typst（或 pip install -e .[bench]）", file=sys.stderr)
        return 2
    issue = Path(args.issue).resolve()
    work = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    try:
        warm_cache = work / "cache-warm"
        # As on a user's machine, Python keeps compiled bytecode between runs (some shells here set
        # PYTHONDONTWRITEBYTECODE, which would make every run recompile the program); the bytecode
        # goes to a scratch folder, not into the project.
        env_base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env_base.update(PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
                        PYTHONPYCACHEPREFIX=str(work / "pycache"))

        def build(folder: Path) -> list[str]:
            return [sys.executable, "-m", "editor", "build", str(folder), "-o", str(work / "out" / folder.name),
                    "--format", "pdf", "--quiet"]

        def typst_cmd(src: Path, out: Path, dirs: list[str]) -> list[str]:
            code = (f"import typst; typst.compile({str(src)!r}, output={str(out)!r}, "
                    f"font_paths={dirs!r}, ignore_system_fonts=True)")
            return [sys.executable, "-c", code]

        volume = make_volume(issue, args.volume, work / "volume")
        env_warm = {**env_base, "BULLETIN_CACHE_DIR": str(warm_cache)}
        run_child(build(issue), env_warm)              # fill the cache (and the bytecode) once
        run_child(build(volume), env_warm)
        os.environ["BULLETIN_CACHE_DIR"] = str(warm_cache)
        (work / "ty").mkdir()
        src, font_dirs = prepare_typst(issue, work / "ty")
        (work / "tyv").mkdir()
        vsrc, _ = prepare_typst(volume, work / "tyv")
        ty_cmd = typst_cmd(src, work / "typst.pdf", font_dirs)
        tyv_cmd = typst_cmd(vsrc, work / "typst-volume.pdf", font_dirs)
        run_child(ty_cmd, env_base)             # let the OS page the font files in, as for ours
        # interleaved: one of each per round, so that the machine's load falls on all alike
        first, bare, warm, ty, vol, tyv = [], [], [], [], [], []
        for i in range(max(1, args.runs)):
            first.append(run_child(build(issue), {**env_base, "BULLETIN_CACHE_DIR": str(work / f"cache-empty-{i}")}))
            bare.append(run_child(build(issue), {**env_base, "BULLETIN_CACHE_DIR": str(work / f"cache-bare-{i}"),
                                                 "BULLETIN_FONT_DIRS": ""}))
            warm.append(run_child(build(issue), env_warm))
            ty.append(run_child(ty_cmd, env_base))
            vol.append(run_child(build(volume), env_warm))
            tyv.append(run_child(tyv_cmd, env_base))

        from pypdf import PdfReader
        ours_pages = len(PdfReader(next((work / "out" / issue.name).glob("*.pdf"))).pages)
        vol_pages = len(PdfReader(next((work / "out" / volume.name).glob("*.pdf"))).pages)
        ty_pages = len(PdfReader(work / "typst.pdf").pages)
        tyv_pages = len(PdfReader(work / "typst-volume.pdf").pages)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def med(xs, k):
        return statistics.median(x[k] for x in xs)

    rows = [
        ("bulletin build --format pdf（字体缓存已就绪）", warm, ours_pages, ty),
        ("bulletin build --format pdf（首次，空字体缓存）", first, ours_pages, ty),
        ("同上，本机没有中文字体（全用随程序的字体）", bare, ours_pages, ty),
        ("Typst（typst 包，同一字体文件）", ty, ty_pages, ty),
        (f"bulletin build --format pdf，{args.volume} 期合订（缓存已就绪）", vol, vol_pages, tyv),
        (f"Typst，{args.volume} 期合订", tyv, tyv_pages, tyv),
    ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n样刊：{issue.name}，每项 {args.runs} 次（交替进行），取中位数；每次都是新进程；"
          f"结束时负载 {load:.1f}（{os.cpu_count()} 核）。\n")
    print("| 任务 | 时间 | 相对 Typst | CPU 时间 | 相对 Typst | 峰值内存 | 页数 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, xs, pages, peer in rows:
        t, c = med(xs, 0), med(xs, 2)
        print(f"| {name} | {t:.2f} s | {t / med(peer, 0):.2f}× | {c:.2f} s | {c / med(peer, 2):.2f}× "
              f"| {max(x[1] for x in xs):.0f} MB | {pages} |")
    warm_r, first_r = med(warm, 0) / med(ty, 0), med(first, 0) / med(ty, 0)
    warm_c, first_c = med(warm, 2) / med(ty, 2), med(first, 2) / med(ty, 2)
    bare_r, bare_c = med(bare, 0) / med(ty, 0), med(bare, 2) / med(ty, 2)
    vol_r = med(vol, 0) / med(tyv, 0)
    per_page = (med(vol, 2) - med(warm, 2)) / max(1, vol_pages - ours_pages) * 1000
    vol_peak = max(x[1] for x in vol)
    ok = lambda b: "✓" if b else "✗"  # noqa: E731
    print(f"\n三个比值（墙钟 / CPU）：缓存就绪 {warm_r:.2f}× / {warm_c:.2f}×（目标 ≤ 1.0×）{ok(min(warm_r, warm_c) <= 1.0)}；"
          f"首次构建 {first_r:.2f}× / {first_c:.2f}×（目标 ≤ 2×）{ok(min(first_r, first_c) <= 2.0)}，"
          f"本机无中文字体时 {bare_r:.2f}× / {bare_c:.2f}× {ok(min(bare_r, bare_c) <= 2.0)}；"
          f"{vol_pages} 页合订 {vol_r:.2f}×。")
    print(f"合订本每多一页 {per_page:.1f} ms CPU（目标 ≤ 3 ms）{ok(per_page <= 3)}，"
          f"峰值内存 {vol_peak:.0f} MB（目标 ≤ 150 MB）{ok(vol_peak <= 150)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
