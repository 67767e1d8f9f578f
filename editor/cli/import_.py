"""bulletin import: one article into an issue, or a whole bulletin into a new issue folder."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..content import create_issue, write_issue
from ..errors import BulletinError
from ..model import Column


def register(sub) -> None:
    p = sub.add_parser(
        "import", help="导入文章（.txt .md .html .docx .pdf）或整期简报的文本",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="导入从 PDF、网页、Word 复制来的政策文件：接回断行、去掉网页杂项，识别标题、文号、"
                    "主送机关、编号、署名日期和来源。\n\n"
                    "  bulletin import 文件 --into 期目录 [--column 栏目]   把一篇文章加入一期\n"
                    "  bulletin import 简报.txt -o 新目录                  由整期简报的文本重建一期\n"
                    "  bulletin import 文件                               只显示清理结果，不写文件")
    p.add_argument("file", metavar="文件", help="要导入的文件：.txt .md .html .htm .docx .pdf，或整期简报的 .txt .docx")
    dest = p.add_mutually_exclusive_group()
    dest.add_argument("--into", metavar="期目录", help="把文章加入这一期（更新 issue.toml）")
    dest.add_argument("-o", "--output", metavar="新目录", help="把整期简报导入为新的一期（目录不能已有内容）")
    p.add_argument("--column", metavar="栏目", help="文章放入的栏目（默认第一个栏目）")
    p.add_argument("--template", default="big-data-weekly", metavar="模板", help="整期导入时使用的模板（默认 big-data-weekly）")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..importers import import_bulletin, import_file

    src = Path(args.file)
    if args.output:
        out = Path(args.output)
        if out.exists() and (not out.is_dir() or any(out.iterdir())):
            raise BulletinError(f"目标文件夹“{out}”已有内容；为免覆盖，请换一个新文件夹")
        issue = import_bulletin(src, args.template)
        create_issue(issue, out)
        print(f"已导入 {issue.issue_line}：{out}")
        for column in issue.columns:
            print(f"【{column.name}】{len(column.articles)} 篇")
            for a in column.articles:
                flags = "（有编者按）" if a.has_editor_note else ""
                print(f"  {a.id}：{a.display_title}{flags}，{len(a.body)} 段")
                from ..archive import published_notices      # 该文已刊于 …: the archive beside the issue

                for note in published_notices(a, out, issue.date):
                    print(f"    · {note}")
        for note in getattr(issue, "import_notes", []):
            print(f"  · {note}")
        return 0

    imported = import_file(src)
    if not args.into:
        if args.column:
            raise BulletinError("--column 只能与 --into 一起使用")
        sys.stdout.write(imported.cleaned_text)
        for note in imported.notes:
            print(f"· {note}", file=sys.stderr)
        return 0

    from ..project import open_issue
    opened = open_issue(args.into)
    issue = opened.issue
    name = args.column or (issue.columns[0].name if issue.columns else
                           (opened.template.columns[0].name if opened.template.columns else "文章"))
    column = next((c for c in issue.columns if c.name == name), None)
    if column is None:
        known = [c.name for c in issue.columns] + [c.name for c in opened.template.columns]
        if name not in known:
            raise BulletinError(f"栏目“{name}”既不在本期也不在模板中；可用的栏目：{'、'.join(dict.fromkeys(known))}")
        column = Column(name)
        issue.columns.append(column)
    article = imported.article
    article.id = _free_id(issue, article.id)
    column.articles.append(article)
    write_issue(issue, opened.folder)
    print(f"已导入“{article.display_title}”到【{column.name}】：articles/{article.id}.md")
    for note in imported.notes:
        print(f"  · {note}")
    from ..archive import published_notices      # 该文已刊于 …: the archive beside the issue

    for note in published_notices(article, opened.folder, issue.date):
        print(f"  · {note}")
    return 0


def _free_id(issue, slug: str) -> str:
    """NN-slug with NN one past the highest number in the issue, unique among its articles."""
    numbers = [int(m.group(1)) for a in issue.articles if (m := re.match(r"^(\d+)-", a.id))]
    n = max(numbers, default=len(issue.articles)) + 1
    taken = {a.id for a in issue.articles}
    candidate = f"{n:02d}-{slug}"
    k = 2
    while candidate in taken:
        candidate = f"{n:02d}-{slug}-{k}"
        k += 1
    return candidate
