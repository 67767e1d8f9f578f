"""bulletin search 词…: every issue's articles that say it, newest first, with where."""

from __future__ import annotations

import sys
from pathlib import Path

DEFAULT_ARCHIVE = "content"


def register(sub) -> None:
    p = sub.add_parser("search", help="在往期中检索文字（标题、文号、编者按、正文、来源）",
                       description="在存放各期的文件夹中检索：列出含有所有检索词的文章（期号 · 栏目 · 标题），"
                                   "每处附上下文和文件:行号，新的在前。多个词用空格分开。")
    p.add_argument("words", nargs="+", metavar="检索词", help="例如 数据要素；多个词须同时出现在一篇文章中")
    p.add_argument("--in", dest="archive", default=DEFAULT_ARCHIVE, metavar="文件夹",
                   help="存放各期的文件夹（默认 content）")
    p.add_argument("--column", metavar="栏目", help="只看这个栏目，例如 地方新政")
    p.add_argument("--year", type=int, metavar="年份", help="只看这一年的各期，例如 2023")
    p.add_argument("--limit", type=int, default=50, metavar="篇数", help="最多列出多少篇（默认 50，0 表示全部）")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..archive import open_archive

    archive = open_archive(args.archive, max_age=0)      # what the files say now
    for notice in archive.skipped:
        print(f"提示：{notice}", file=sys.stderr)
    result = archive.search(" ".join(args.words), column=args.column, year=args.year, limit=args.limit or None)
    base = Path(args.archive)
    if args.format == "json":
        import json

        print(json.dumps({"query": result.query, "words": result.words, "total": result.total, "hits": [
            {"issue": h.folder, "date": h.date, "year": h.year, "number": h.number, "total_number": h.total_number,
             "column": h.column, "title": h.title, "article": h.article, "doc_number": h.doc_number,
             "file": str(base / h.path), "more": h.more,
             "matches": [{"field": m.field, "line": m.line, "column": m.column, "snippet": m.snippet,
                          "start": m.start, "end": m.end} for m in h.matches]}
            for h in result.hits]}, ensure_ascii=False, indent=2))
        return 0
    bold = sys.stdout.isatty()
    for h in result.hits:
        print(h.label)
        for m in h.matches:
            snippet = (m.snippet[:m.start] + "\033[1m" + m.snippet[m.start:m.end] + "\033[0m" + m.snippet[m.end:]
                       if bold else m.snippet)
            print(f"  {base / h.path}:{m.line}:{m.column}  {snippet}")
        if h.more:
            print(f"  ……另有 {h.more} 处")
    sys.stdout.flush()
    shown = f"，列出最近的 {len(result.hits)} 篇" if len(result.hits) < result.total else ""
    print(f"共 {result.total} 篇文章含有“{'”“'.join(result.words)}”{shown}。" if result.total
          else f"没有找到含有“{'”“'.join(result.words)}”的文章。", file=sys.stderr)
    return 0
