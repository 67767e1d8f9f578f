"""bulletin build DIR: the issue as PDF and/or DOCX."""

from __future__ import annotations

import sys

from ..build import DEFAULT_OUT, build_issue, parse_formats


def register(sub) -> None:
    p = sub.add_parser("build", help="排版输出 PDF / DOCX", description="把一期排版为 PDF 和/或 DOCX。")
    p.add_argument("folder", metavar="目录", help="一期的文件夹，例如 content/2023-29")
    p.add_argument("-o", "--output", default=str(DEFAULT_OUT), metavar="输出目录", help="默认 build/")
    p.add_argument("--format", default="pdf", metavar="格式", help="pdf、docx 或 pdf,docx（默认 pdf）")
    p.add_argument("--pdfa", action="store_true",
                   help="PDF 写成 PDF/A-2b（长期归档格式；也可在模板 [pdf] 中设 pdfa = true）")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    p.set_defaults(run=run)


def run(args) -> int:
    formats = parse_formats(args.format)

    def progress(fraction: float, text: str) -> None:
        if not args.quiet and sys.stderr.isatty():
            print(f"\r[{fraction * 100:3.0f}%] {text}".ljust(60), end="", file=sys.stderr, flush=True)

    source = args.folder
    if args.pdfa:
        import dataclasses

        from ..project import open_issue

        source = open_issue(args.folder)
        source.template.pdf = dataclasses.replace(source.template.pdf, pdfa=True)
    results = build_issue(source, formats, args.output, progress)
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    for r in results:
        pages = f"，{r.report.page_count} 页" if r.report.page_count else ""
        print(f"已生成 {r.path}（{r.seconds:.2f} 秒{pages}）")
        for w in r.report.warnings:
            print(f"  提示：{w}", file=sys.stderr)
    return 0
