"""bulletin new: the next issue from a previous one, or a first issue from a template."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..content import FIRST_DATE, LAST_DATE, MAX_NUMBER, create_issue
from ..errors import BulletinError
from ..project import open_issue
from ..template import load_template


def _date(text: str) -> dt.date:
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise BulletinError(f"日期“{text}”写法不对，应为 YYYY-MM-DD，例如 2023-07-28") from None
    if not FIRST_DATE <= date <= LAST_DATE:
        raise BulletinError(f"日期 {text} 超出范围（{FIRST_DATE.year} 年到 {LAST_DATE.year} 年之间）")
    return date


def _number(value: int | None, option: str, label: str) -> int:
    if value is None:
        return 1
    if not 1 <= value <= MAX_NUMBER:
        raise BulletinError(f"{option} 给出的{label} {value} 不对：应为 1 到 {MAX_NUMBER} 的整数")
    return value


def register(sub) -> None:
    p = sub.add_parser("new", help="新建下一期（或由模板新建第一期）",
                       description="由上一期新建下一期：刊头、编委、栏目沿用，日期、期号、总期号顺延，不含文章。")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--from", dest="previous", metavar="上一期目录", help="上一期的文件夹")
    src.add_argument("--template", metavar="模板", help="由模板新建（需同时给出 --date）")
    p.add_argument("-o", "--output", required=True, metavar="新目录", help="新一期的文件夹（不能已有内容）")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="出刊日期；默认按模板的周期顺延")
    p.add_argument("--number", type=int, metavar="期号", help="由模板新建时的期号（默认 1）")
    p.add_argument("--total-number", type=int, metavar="总期号", help="由模板新建时的总期号（默认 1）")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..cadence import first_issue, next_issue   # (calendar, locale): only this command uses them

    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise BulletinError(f"“{out}”是一个文件，不是文件夹；请给出新一期的文件夹")
    if out.exists() and any(out.iterdir()):
        raise BulletinError(f"目标文件夹“{out}”已有内容；为免覆盖，请换一个新文件夹")
    date = _date(args.date) if args.date else None
    if args.previous:
        opened = open_issue(args.previous)
        if date is not None and date <= opened.issue.date:
            raise BulletinError(f"出刊日期 {date.isoformat()} 不晚于上一期（{opened.issue.issue_line}），"
                                "下一期的日期应在其后")
        issue = next_issue(opened.issue, opened.template, date)
    else:
        if date is None:
            raise BulletinError("由模板新建时必须用 --date 给出出刊日期")
        template = load_template(args.template, start=Path.cwd())
        issue = first_issue(template, date, _number(args.number, "--number", "期号"),
                            _number(args.total_number, "--total-number", "总期号"))
    create_issue(issue, out)
    print(f"已新建 {issue.issue_line}：{out}")
    return 0
