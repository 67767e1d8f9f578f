"""Recognisers for paragraphs with a role: source lines, dates, signatures, attachments.

Shared by the content loader, the importers and the checks so that all three
agree on what a source line or a date line is.
"""

from __future__ import annotations

import re

from .lazy_re import LazyPattern
from .markers import parse_marker
from .records import record

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"   # the ideographs, as a regex character range


# Comparisons rather than re.compile(f"[{CJK}]"): compiling that class walks its 28,000 code
# points one by one, 2–3 ms at every start-up (tests/test_startup.py checks they agree).
def is_cjk(ch: str) -> bool:
    """Whether `ch` starts with a Chinese ideograph (in one of the ranges of CJK)."""
    c = ch[:1]
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff"


def has_cjk(text: str) -> bool:
    return any(map(is_cjk, text))


HOUSE_SOURCE_FORM = "（来源：{issuer}）"

# （来源：X） (来源:X) 【来源：X】 来源：X 资料来源：X … but not 药品来源 / 请注明来源.
_SOURCE_RE = re.compile(
    r"^(?P<open>[（(【\[［]?)[ \t　]*(?P<prefix>(?:资料|信息|文章|原文|稿件|内容)?)来源"
    r"[ \t　]*(?P<colon>[：:]?)[ \t　]*(?P<issuer>.*?)[ \t　]*(?P<close>[）)】\]］]?)[ \t　]*$")


@record(eq=True, frozen=True)
class ParsedSource:
    """A source line taken apart: the issuer and the brackets, colon and prefix around it."""

    text: str
    issuer: str           # may be "" when 来源： has nothing after it
    opening: str
    closing: str
    colon: str
    prefix: str

    @property
    def is_house_form(self) -> bool:
        return self.text == HOUSE_SOURCE_FORM.format(issuer=self.issuer) and bool(self.issuer)

    @property
    def house_form(self) -> str:
        return HOUSE_SOURCE_FORM.format(issuer=self.issuer)


def parse_source(text: str) -> ParsedSource | None:
    """The parts of a source line, or None when `text` is not one.

    A source line is a whole paragraph that starts (after an optional bracket)
    with 来源 and a colon, or is bracketed: running text that merely contains
    来源 is not one.
    """
    t = text.strip()
    if len(t) > 120:
        return None
    m = _SOURCE_RE.match(t)
    if not m:
        return None
    opening, colon, closing = m.group("open"), m.group("colon"), m.group("close")
    if not colon and not (opening and closing):
        return None  # 来源广泛…: running text
    issuer = m.group("issuer").strip()
    if any(ch in issuer for ch in "。；;！？"):
        return None
    return ParsedSource(t, issuer, opening, closing, colon, m.group("prefix"))


_CN_DATE_NUM = "[〇○零一二三四五六七八九十]"
DATE_LINE_RE = LazyPattern(
    rf"^[ \t　]*(\d{{4}}|{_CN_DATE_NUM}{{4}})[ \t　]*年[ \t　]*(\d{{1,2}}|{_CN_DATE_NUM}{{1,3}})[ \t　]*月"
    rf"[ \t　]*(\d{{1,2}}|{_CN_DATE_NUM}{{1,3}})[ \t　]*日[ \t　]*$")


def is_date_line(text: str) -> bool:
    """A 成文日期 standing alone: 2023年7月15日 / 二〇二三年七月十五日."""
    # Only a text ending in 日 can match: most paragraphs are told apart without the pattern,
    # and a run with no date line never compiles it (1–2 ms).
    return text.rstrip(" \t\u3000\n").endswith("日") and DATE_LINE_RE.match(text) is not None


ATTACHMENT_RE = LazyPattern(r"^[ \t　]*附[ \t　]*件[ \t　]*(\d+|[一二三四五六七八九十]+)?[ \t　]*[：:.．]")


def is_attachment(text: str) -> bool:
    # Only a text starting with 附 can match (see is_date_line).
    return text.lstrip(" \t\u3000").startswith("附") and ATTACHMENT_RE.match(text) is not None


def looks_like_signature(text: str) -> bool:
    """A short line naming an issuing body, with no sentence punctuation: 国家发展改革委."""
    t = text.strip()
    if not t or len(t) > 40 or not has_cjk(t):
        return False
    if any(ch in t for ch in "。，；：？！,;:?!、“”《》"):
        return False
    return parse_marker(t) is None and not is_date_line(t)
