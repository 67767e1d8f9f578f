"""Issue numbering over time: the next issue's date, 期号 and 总期号."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .content import FIRST_DATE, LAST_DATE, MAX_NUMBER
from .errors import BulletinError
from .model import Column, Issue
from .template import Cadence, Template


def advance(date: dt.date, cadence: Cadence, steps: int = 1) -> dt.date:
    """`date` moved on by `steps` cadence periods; BulletinError past the last date an issue may have."""
    try:
        if cadence.unit == "day":
            moved = date + dt.timedelta(days=cadence.interval * steps)
        elif cadence.unit == "week":
            moved = date + dt.timedelta(weeks=cadence.interval * steps)
        else:
            months = date.month - 1 + cadence.interval * steps
            year, month = date.year + months // 12, months % 12 + 1
            moved = date.replace(year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1]))
    except (OverflowError, ValueError):       # past year 9999 (or before year 1)
        moved = None
    if moved is None or not FIRST_DATE <= moved <= LAST_DATE:
        raise BulletinError(f"从 {date.isoformat()} 按出刊周期顺延后的日期超出范围"
                            f"（{FIRST_DATE.year} 年到 {LAST_DATE.year} 年之间）；请用 --date 给出出刊日期")
    return moved


@dataclass(frozen=True)
class Numbers:
    date: dt.date
    number: int
    total_number: int


def next_numbers(date: dt.date, number: int, total_number: int, cadence: Cadence,
                 new_date: dt.date | None = None) -> Numbers:
    """Date and numbers of the issue after (date, number, total_number).

    期号 restarts at 1 in a new year when the cadence says so; 总期号 always advances.
    """
    new_date = new_date or advance(date, cadence)
    restart = cadence.number_restarts == "yearly" and new_date.year != date.year
    numbers = Numbers(new_date, 1 if restart else number + 1, total_number + 1)
    if max(numbers.number, numbers.total_number) > MAX_NUMBER:
        raise BulletinError(f"下一期的期号或总期号将超过 {MAX_NUMBER}，无法顺延")
    return numbers


def next_issue(previous: Issue, template: Template, date: dt.date | None = None) -> Issue:
    """A new, empty issue following `previous`: columns, overrides and template carry over."""
    n = next_numbers(previous.date, previous.number, previous.total_number, template.cadence, date)
    return Issue(template_id=previous.template_id, date=n.date, number=n.number,
                 total_number=n.total_number, columns=[Column(c.name) for c in previous.columns],
                 omit_columns=[], colophon=previous.colophon, disclaimer=previous.disclaimer,
                 back_matter=previous.back_matter)


def first_issue(template: Template, date: dt.date, number: int = 1, total_number: int = 1) -> Issue:
    """A new, empty issue from a template: one empty column for each template column."""
    return Issue(template_id=template.id, date=date, number=number, total_number=total_number,
                 columns=[Column(c.name) for c in template.columns])
