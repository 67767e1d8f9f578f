"""bulletin stats: a year of the bulletin in figures."""

from __future__ import annotations

import sys

from .search import DEFAULT_ARCHIVE


def register(sub) -> None:
    p = sub.add_parser("stats", help="往期统计：期数、各栏目篇数、转载最多的发文机关、平均页数",
                       description="统计存放各期的文件夹中某一年（或全部）的期数、各栏目文章数、转载最多的发文机关和平均页数。"
                                   "页数来自 bulletin build 和 bulletin volume 的排版记录；--count-pages 为没有记录的各期排版计数。")
    p.add_argument("--in", dest="archive", default=DEFAULT_ARCHIVE, metavar="文件夹", help="存放各期的文件夹（默认 content）")
    p.add_argument("--year", type=int, metavar="年份", help="只统计这一年，例如 2023（默认全部）")
    p.add_argument("--count-pages", action="store_true", help="为没有排版记录的各期排版以计算页数（较慢）")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..archive import open_archive
    from ..archive.stats import count_pages, year_stats
    from ..batch import Bar, table

    archive = open_archive(args.archive, max_age=0)      # what the files say now
    for notice in archive.skipped:
        print(f"提示：{notice}", file=sys.stderr)
    stats = year_stats(archive, args.year)
    if args.count_pages and stats.unknown_pages:
        bar = Bar(len(stats.unknown_pages), "排版计页")
        count_pages(archive, stats.unknown_pages, lambda n, name: (bar.step(name), bar.advance()))
        bar.finish()
        stats = year_stats(archive, args.year)
    if args.format == "json":
        import json

        print(json.dumps(stats.as_json(), ensure_ascii=False, indent=2))
        return 0
    when = f"{args.year}年" if args.year else "全部各期"
    if not stats.issues:
        print(f"{archive.folder} 中没有{when}的期刊。")
        return 0
    average = stats.average_pages
    pages = (f"平均每期 {average:.1f} 页（据 {len(stats.pages)} 期的排版记录"
             + (f"，另有 {len(stats.unknown_pages)} 期未排版过，可加 --count-pages）" if stats.unknown_pages else "）")
             if average is not None else "页数未知（各期尚未排版过，可加 --count-pages）")
    print(f"{when}：{stats.issues} 期，{stats.articles} 篇文章，平均每期 {stats.articles / stats.issues:.1f} 篇；{pages}")
    print()
    print(table(["栏目", "篇数", "占比"],
                [[name, str(n), f"{n / max(1, stats.articles):.0%}"] for name, n in stats.columns], right={1, 2}))
    if stats.issuers:
        print()
        print(table(["转载最多的发文机关（来源）", "篇数"], [[name, str(n)] for name, n in stats.issuers], right={1}))
    return 0
