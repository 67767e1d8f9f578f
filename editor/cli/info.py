"""bulletin info DIR: the issue at a glance, for people or scripts."""

from __future__ import annotations

from ..project import issue_summary, open_issue


def register(sub) -> None:
    p = sub.add_parser("info", help="显示一期的日期、期号、栏目与文章", description="显示一期的日期、期号、栏目与文章。")
    p.add_argument("folder", metavar="目录", help="一期的文件夹，例如 content/2023-29")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    p.set_defaults(run=run)


def run(args) -> int:
    opened = open_issue(args.folder)
    summary = issue_summary(opened.issue, opened.template)
    if args.format == "json":
        import json

        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    print(f"《{summary['title']}》 {summary['issue_line']}")
    if summary["cover_headline"]:
        print(f"封面要闻：{summary['cover_headline']}")
    for column in summary["columns"]:
        print(f"\n【{column['name']}】{len(column['articles'])} 篇")
        for a in column["articles"]:
            flags = []
            if a["doc_number"]:
                flags.append(a["doc_number"])
            flags.append("有编者按" if a["has_editor_note"] else "无编者按")
            flags.append(f"来源：{a['source']}" if a["source"] else "无来源")
            flags.append(f"{a['blocks']} 段")
            print(f"  · {a['title']}\n    {'；'.join(flags)}")
    return 0
