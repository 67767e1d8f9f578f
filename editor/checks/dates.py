"""Calendar dates as written in running text: 2023年7月21日, 7月21日, 二〇二三年七月二十一日, 7月21号.

A stop-gap finder for the rules in numbers.py and note.py until editor/conventions.py
(issue #12) parses dates once for everyone; it only finds month-and-day dates (a year alone
is not a date), with the year when it is written right before them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..markers import cn_to_int
from ..records import record

# Year digits as people write them: 〇 is right (GB/T 15835); ○ 0 O Ｏ ０ 零 are common slips.
CN_YEAR_DIGITS = "〇○零0OＯ０一二三四五六七八九"
_ZEROS = "〇○零0OＯ０"
_CN_SMALL = "一二三四五六七八九十两"
_DATE_RE = re.compile(
    rf"(?:(?P<year>(?:1[89]|20)\d{{2}}|[{CN_YEAR_DIGITS}]{{4}})[ \t]*年[ \t]*)?"
    rf"(?P<month>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})[ \t]*月[ \t]*"
    rf"(?P<day>\d{{1,2}}|[{_CN_SMALL}]{{1,4}})[ \t]*(?P<suffix>[日号])")


@record
class WrittenDate:
    """A month-and-day date found in a text, with what can be read from it."""

    start: int
    end: int
    year: int | None            # None when no year is written before the month
    month: int | None           # None when the numeral cannot be read
    day: int | None
    suffix: str                 # 日 or 号
    chinese: bool               # written in Chinese numerals (七月二十一日)
    year_span: tuple[int, int] | None

    @property
    def exists(self) -> bool:
        """Whether month and day name a real day (29 February needs a leap year, when one is given)."""
        if self.month is None or self.day is None or not 1 <= self.month <= 12 or self.day < 1:
            return False
        last = calendar.monthrange(self.year or 2024, self.month)[1]     # 2024: a leap year
        return self.day <= last

    def on(self, year: int) -> dt.date | None:
        """This date in `year` (its own year when it has one), or None when it does not exist."""
        if not self.exists:
            return None
        y = self.year or year
        if self.month == 2 and self.day == 29 and not calendar.isleap(y):
            return None
        return dt.date(y, self.month, self.day)


def _value(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return cn_to_int(text.replace("两", "二"))


def year_value(text: str) -> int | None:
    """A year written in digits or as four Chinese numerals (二〇二三, 二○二三, 二0二三)."""
    if text.isdigit() and text.isascii():
        return int(text)
    digits = []
    for ch in text:
        if ch in _ZEROS:
            digits.append("0")
        elif ch in "一二三四五六七八九":
            digits.append(str("一二三四五六七八九".index(ch) + 1))
        else:
            return None
    return int("".join(digits)) if len(digits) == 4 else None


def find_dates(text: str, start: int = 0) -> list[WrittenDate]:
    """Every month-and-day date in `text` from `start`."""
    if "月" not in text:
        return []
    found = []
    for m in _DATE_RE.finditer(text, start):
        month_text, day_text = m.group("month"), m.group("day")
        chinese = not month_text.isdigit()
        if chinese == day_text.isdigit():
            continue            # 7月二十日: not a date anyone writes
        if m.start() > 0 and text[m.start() - 1].isdigit() and not m.group("year"):
            continue            # 12月 inside 2012月…: a run of digits, not a month
        year = year_value(m.group("year")) if m.group("year") else None
        found.append(WrittenDate(m.start(), m.end(), year, _value(month_text), _value(day_text),
                                 m.group("suffix"), chinese, m.span("year") if m.group("year") else None))
    return found
