"""Work that must grow with the input, not faster (issue #20): the sizes that once hung, at n, 2n, 4n.

    python bench/robust_bench.py [--runs 3] [--scale 1.0]

For each case the issue is written at three sizes and the same operation is timed on each, in this
process, as CPU time (the machine is shared: the wall clock counts everyone's work). The table gives
the median CPU seconds, the time per unit at each size, and the ratio of the time per unit at 4n to
that at n: about 1 is linear, 2 would be n log n at worst, 4 quadratic. The last column says
whether the largest size meets its target (issue #20 "Done when"):

  title       a title of 5,000 characters, built into a PDF (contents, article head)  ≤ 1 s
  cover       a cover text of 5,000 characters, built into a PDF                        ≤ 1 s
  paragraph   one paragraph of 40,000 source lines: check, then build a PDF             ≤ 2 s
  table       a table of 16,000 cells, checked                                          ≤ 1 s
  docx        a .docx of 100,000 paragraphs, imported                                   ≤ 15 s

The targets are the operation's own time; what the whole build costs around it (fonts, the other
articles) is measured once per case on the smallest size and subtracted ("base").
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
os.environ.setdefault("BULLETIN_FONT_DIRS", "")

import campaign_inputs as inputs  # noqa: E402

TITLE_WORDS = "关于加快推进公共数据资源开发利用和数据要素市场化配置改革的实施意见"


def _issue(work: Path, name: str, title: str | None = None, body: str | None = None,
           cover_text: str | None = None) -> Path:
    case = work / name
    issue = inputs.make_base(case)
    if title is not None or body is not None:
        text = inputs._front(title or "上海市促进城市数字化转型的若干政策措施") + (body or "正文。\n")
        (issue / "articles" / "a2.md").write_text(text, encoding="utf-8")
    if cover_text is not None:
        toml = (issue / "issue.toml").read_text(encoding="utf-8")
        (issue / "issue.toml").write_text(toml.replace('cover = "a1"', f'cover = "a1"\ncover_text = "{cover_text}"'),
                                          encoding="utf-8")
    return issue


def _title(n: int) -> str:
    return (TITLE_WORDS * (n // len(TITLE_WORDS) + 1))[:n]


def _build(issue: Path) -> None:
    from editor.build import build_issue

    out = issue.parent.parent / "out"
    build_issue(issue, ["pdf"], out)


def _check(issue: Path) -> None:
    from editor.checks import run_checks
    from editor.project import open_issue

    opened = open_issue(issue)
    run_checks(opened.issue, opened.template)


def _paragraph(n: int) -> str:
    return "\n".join(f"第{i}行内容，推进数据要素市场建设" for i in range(n)) + "\n"


def _table(cells: int) -> str:
    cols = 50
    rows = cells // cols
    return ("| " + " | ".join(f"列{c}" for c in range(cols)) + " |\n|" + " --- |" * cols + "\n"
            + "".join("| " + " | ".join(str(r * cols + c) for c in range(cols)) + " |\n" for r in range(rows - 1)))


def _docx(paragraphs: int, path: Path) -> Path:
    import zipfile

    members = dict(inputs._members(inputs.base_docx()))
    xml = members["word/document.xml"].decode()
    body_start = xml.index("<w:body>") + len("<w:body>")
    paras = [f"<w:p><w:r><w:t>第{i}段：推进数据要素市场建设，完善数据产权制度。</w:t></w:r></w:p>" for i in range(paragraphs)]
    xml = xml[:body_start] + "".join(paras) + xml[body_start:]
    members["word/document.xml"] = xml.encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


def _import(path: Path) -> None:
    from editor.importers import import_file

    import_file(path)


# name → (sizes at 1×, unit, target seconds at the largest size, setup(work, n) → argument, operation)
CASES = {
    "title": ([1250, 2500, 5000], "字", 1.0, lambda w, n: _issue(w, f"title{n}", title=_title(n)), _build),
    "cover": ([1250, 2500, 5000], "字", 1.0, lambda w, n: _issue(w, f"cover{n}", cover_text=_title(n)), _build),
    "paragraph": ([10000, 20000, 40000], "行", 2.0, lambda w, n: _issue(w, f"para{n}", body=_paragraph(n)),
                  lambda issue: (_check(issue), _build(issue))),
    "table": ([4000, 8000, 16000], "格", 1.0, lambda w, n: _issue(w, f"table{n}", body=_table(n)), _check),
    "docx": ([25000, 50000, 100000], "段", 15.0, lambda w, n: _docx(n, w / f"doc{n}.docx"), _import),
}
BASE = {"title": lambda w: _issue(w, "base-title"), "cover": lambda w: _issue(w, "base-cover"),
        "paragraph": lambda w: _issue(w, "base-para"), "table": lambda w: _issue(w, "base-table"),
        "docx": lambda w: _docx(10, w / "base.docx")}


def cpu(fn, arg, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.process_time()
        fn(arg)
        samples.append(time.process_time() - start)
    return statistics.median(samples)


def main() -> int:
    ap = argparse.ArgumentParser(description="线性时间基准（issue #20）")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scale", type=float, default=1.0, help="sizes × this (0.1 for a quick look)")
    ap.add_argument("--case", action="append", choices=list(CASES))
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="robust-bench-"))
    os.environ.setdefault("BULLETIN_CACHE_DIR", str(work / ".cache"))
    try:
        _build(_issue(work, "warm"))          # fonts converted and cached, modules imported
        rows = []
        for name in args.case or CASES:
            sizes, unit, target, setup, op = CASES[name]
            sizes = [max(1, int(s * args.scale)) for s in sizes]
            base_arg = BASE[name](work)
            op(base_arg)
            base = cpu(op, base_arg, args.runs)
            prepared = [setup(work, n) for n in sizes]
            for arg in prepared:            # once untimed: the fonts' subsets for these texts are cached
                op(arg)
            # interleaved: each round times every size once, so a change of load hits all alike
            samples: dict[int, list[float]] = {n: [] for n in sizes}
            for _ in range(args.runs):
                for n, arg in zip(sizes, prepared):
                    start = time.process_time()
                    op(arg)
                    samples[n].append(time.process_time() - start)
            own = {n: max(0.0, statistics.median(samples[n]) - base) for n in sizes}
            per = {n: own[n] / n * 1e6 for n in sizes}
            ratio = per[sizes[-1]] / per[sizes[0]] if per[sizes[0]] else float("nan")
            ok = "✓" if own[sizes[-1]] <= target * args.scale + 1e-9 or args.scale != 1.0 and ratio < 1.6 else "✗"
            rows.append((name, unit, sizes, base, own, per, ratio, target, ok))
        print(f"| 情形 | 基础（秒） | " + " | ".join(f"规模 {k} 秒（每单位 µs）" for k in ("n", "2n", "4n"))
              + " | 4n/n 每单位 | 目标 | 达标 |")
        print("|---|---|---|---|---|---|---|---|")
        for name, unit, sizes, base, own, per, ratio, target, ok in rows:
            cells = " | ".join(f"{n} {unit}：{own[n]:.2f}（{per[n]:.1f}）" for n in sizes)
            print(f"| {name} | {base:.2f} | {cells} | {ratio:.2f} | ≤ {target:g} 秒 | {ok} |")
        return 0 if all(r[-1] == "✓" for r in rows) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
