"""bulletin build DIR: the issue as PDF and/or DOCX."""

from __future__ import annotations

import sys
from pathlib import Path

# editor.build (composition, the writers) is imported when a build runs: every command imports this
# module to build the parser, and `bulletin check` has no use for them (11 ms)
DEFAULT_OUT = "build"       # editor.build.DEFAULT_OUT


def register(sub) -> None:
    p = sub.add_parser("build", help="排版输出 PDF / DOCX", description="把一期排版为 PDF 和/或 DOCX。")
    p.add_argument("folders", nargs="+", metavar="目录",
                   help="一期的文件夹，例如 content/2023-29；可给多期，或存放各期的文件夹（如 content），在同一进程中逐期排版")
    p.add_argument("-o", "--output", default=DEFAULT_OUT, metavar="输出目录", help="默认 build/")
    p.add_argument("--format", default="pdf", metavar="格式", help="pdf、docx 或 pdf,docx（默认 pdf）")
    p.add_argument("--pdfa", action="store_true",
                   help="PDF 写成 PDF/A-2b（长期归档格式；也可在模板 [pdf] 中设 pdfa = true）")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..batch import is_batch
    from ..build import build_issue, parse_formats

    formats = parse_formats(args.format)
    if is_batch(args.folders):
        return _run_batch(args, formats)

    def progress(fraction: float, text: str) -> None:
        if not args.quiet and sys.stderr.isatty():
            print(f"\r[{fraction * 100:3.0f}%] {text}".ljust(60), end="", file=sys.stderr, flush=True)

    source = args.folders[0]
    if args.pdfa:
        from ..project import open_issue

        source = _as_pdfa(open_issue(args.folders[0]))
    results = build_issue(source, formats, args.output, progress)
    _record_pages(Path(args.folders[0]), results)
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    for r in results:
        pages = f"，{r.report.page_count} 页" if r.report.page_count else ""
        print(f"已生成 {r.path}（{r.seconds:.2f} 秒{pages}）")
        for w in r.report.warnings:
            print(f"  提示：{w}", file=sys.stderr)
    return 0


def _run_batch(args, formats: list[str]) -> int:
    """Several issues in one process (modules, fonts and templates loaded once), then a table."""
    from ..batch import fewer_collections

    with fewer_collections():
        return _build_each(args, formats)


def _build_each(args, formats: list[str]) -> int:
    from ..batch import Bar, Issues, expand, table
    from ..build import build_issue
    from ..errors import BulletinError

    from ..archive.pages import PageRecorder

    folders = expand(args.folders)
    issues, bar = Issues(keep=False), Bar(len(folders), "排版", quiet=args.quiet)
    rows, warnings, failed = [], [], 0
    recorder = PageRecorder()           # the archive's database opened once for the run
    try:
        for folder in folders:
            bar.step(folder.name)
            try:
                opened = issues.open(folder)
                results = build_issue(_as_pdfa(opened) if args.pdfa else opened, formats, args.output)
            except BulletinError as exc:
                bar.advance()
                bar.clear()
                print(f"错误：{folder}：{exc}", file=sys.stderr)
                rows.append([str(folder), "—", "—", "—", "失败"])
                failed += 1
                continue
            bar.advance()
            pages = _record_pages(folder, results, recorder)
            rows.append([str(folder), str(pages or "—"), f"{sum(r.seconds for r in results):.2f}",
                         "、".join(r.path.name for r in results), "完成"])
            warnings.extend(w for r in results for w in r.report.warnings)
    finally:
        recorder.close()
    bar.finish()
    for w in dict.fromkeys(warnings):
        print(f"提示：{w}", file=sys.stderr)
    print(table(["期", "页数", "秒", "文件", "结果"], rows, right={1, 2}))
    print(f"共 {len(folders)} 期，{len(folders) - failed} 期已生成到 {args.output}" + (f"，{failed} 期失败" if failed else ""))
    return 2 if failed else 0


def _as_pdfa(opened):
    """The opened issue with its template asking for PDF/A-2b (--pdfa)."""
    import dataclasses

    opened.template.pdf = dataclasses.replace(opened.template.pdf, pdfa=True)
    return opened


def _record_pages(folder: Path, results, recorder=None) -> int | None:
    """The PDF's page count, remembered for `bulletin stats` (editor/archive/stats.py); `recorder`:
    a PageRecorder kept for a run over several issues."""
    pages = next((r.report.page_count for r in results if r.format == "pdf" and r.report.page_count), None)
    if pages:
        if recorder is not None:
            recorder.record(folder, pages)
        else:
            from ..archive.pages import record_pages

            record_pages(folder, pages)
    return pages
