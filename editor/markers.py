"""Numbering markers at the start of a paragraph: 一、 （一） 1. 1、 （1） 1） ① ㈠ 第一章 第一条 一是 1.1 …

`parse_marker(text)` returns the `Marker` that opens a paragraph, or None when the
paragraph does not start with one. A marker knows its *family* (the numbering
series it belongs to, regardless of bracket width or punctuation), its value and
the exact characters it was written with, so checks can compare members of one
series and report mixed forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"
_CN_NUM = f"[{CN_NUMERAL_CHARS}]+"

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_to_int(s: str) -> int | None:
    """Value of a Chinese numeral such as 十一, 二十四, 一百零五; None if malformed."""
    if not s or any(ch not in CN_DIGITS and ch not in CN_UNITS for ch in s):
        return None
    if all(ch in CN_DIGITS for ch in s):
        if len(s) == 1:
            return CN_DIGITS[s]
        return None  # "二四" is not a numeral in running numbering
    total, digit, last_unit = 0, None, 10_000
    for ch in s:
        if ch in CN_DIGITS:
            if digit is not None and CN_DIGITS[ch] != 0:
                return None
            digit = CN_DIGITS[ch] if CN_DIGITS[ch] != 0 else None
        else:
            unit = CN_UNITS[ch]
            if unit >= last_unit:
                return None
            total += (digit if digit is not None else 1) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


def int_to_cn(n: int) -> str:
    """Chinese numeral for 1 ≤ n < 10000, as used in numbering (十一, 二十, 一百零五)."""
    if n <= 0:
        raise ValueError(n)
    digits = "零一二三四五六七八九"
    parts, zero = [], False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit_value % 10
        if d:
            if zero:
                parts.append("零")
            parts.append(digits[d] + unit)
            zero = False
        elif parts:
            zero = True
    s = "".join(parts)
    return s[1:] if s.startswith("一十") else s


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PAREN_IDEOGRAPH = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"

# Families: the series a marker belongs to. Order here is the conventional
# nesting (GB/T 9704: 一、→（一）→1.→（1）); the actual hierarchy is built from
# the order in which families appear in an article.
FAMILY_NAMES = {
    "part": "第X部分",
    "chapter": "第X章",
    "section": "第X节",
    "article": "第X条",
    "cn": "一、",
    "cn-paren": "（一）",
    "cn-shi": "一是",
    "arabic": "1.",
    "arabic-paren": "（1）",
    "circled": "①",
    "paren-ideograph": "㈠",
    "decimal2": "1.1",
    "decimal3": "1.1.1",
    "decimal4": "1.1.1.1",
}


@dataclass(frozen=True)
class Marker:
    """A numbering marker as written at the start of a paragraph."""

    family: str
    value: int
    raw: str              # the marker characters, e.g. "（一）", "(七)", "1.", "第三条"
    length: int           # characters consumed, including spaces after the marker
    bracket: str = ""     # "full" （）, "half" (), "mixed" （), "close" 1） (no opening bracket), or ""
    punct: str = ""       # the punctuation after the number: 、 . ． or ""
    path: tuple[int, ...] = ()  # decimal markers: all components, e.g. (2, 3)

    @property
    def label(self) -> str:
        return FAMILY_NAMES.get(self.family, self.family)


# What follows 第X条 when a text cites an article instead of numbering one
_CITED_AFTER = ("规定", "明确", "指出", "要求", "所称", "所列", "中的", "至第", "和第", "或第", "及第", "、第")
_UNIT_AFTER_NUMBER = "年月日时分秒号期届次个元万亿千百倍%％"
# A decimal with nothing after it but a unit is an amount on a line of its own (a table copied
# as lines), not a section number: 1.5 GHz, 100.5 吨, 3.14 平方公里.
_AMOUNT_UNIT_RE = re.compile(r"(?:[kKMGTP]?(?:Hz|W|Wh|B|bps)|[kcm]?m[²³]?|kg|%|‰|℃|(?:平方|立方)?(?:千米|公里|米)|公顷|亩|吨|千克|公斤|克|毫?升|"
                             r"(?:千|兆)?瓦时?|度|人次?|户|家|座|台|套|项|元|倍|小时|天|分钟|秒|岁|辆|艘|架|件|张)[。；;，,]?")

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("structural", re.compile(rf"^第({_CN_NUM}|\d+)(部分|章|节|条)(?=[\s　]|$|[^\s　，。、；：,.;:])")),
    ("cn-paren", re.compile(rf"^([（(])({_CN_NUM})([)）])")),
    ("arabic-paren", re.compile(r"^([（(])(\d{1,3})([)）])")),
    # 1） / 1) / 一）: only the closing bracket, common in text pasted from web pages.
    ("cn-close", re.compile(rf"^({_CN_NUM})([)）])")),
    ("arabic-close", re.compile(r"^(\d{1,3})([)）])")),
    ("cn", re.compile(rf"^({_CN_NUM})([、，．.])")),
    # what must follow these two is checked in _build: a class of all CJK ideographs costs
    # milliseconds to compile at every start-up
    ("cn-shi", re.compile(rf"^({_CN_NUM})是")),
    ("decimal", re.compile(r"^(\d{1,3}(?:\.\d{1,3}){1,3})")),
    ("arabic", re.compile(r"^(\d{1,3})([.．、])(?!\d)")),
    ("circled", re.compile(f"^([{CIRCLED}])")),
    ("paren-ideograph", re.compile(f"^([{PAREN_IDEOGRAPH}])")),
]
_STRUCTURAL_FAMILY = {"部分": "part", "章": "chapter", "节": "section", "条": "article"}
_SPACES = re.compile(r"[ \t　]*")


def _number(s: str) -> int | None:
    return int(s) if s.isdigit() else cn_to_int(s)


_HEAD = 40


def _ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def parse_marker(text: str) -> Marker | None:
    """The marker opening `text`, or None.

    Rejects what only looks like a marker: a decimal or a number standing alone,
    a date or amount (2023年, 1.5亿元, 1.4GHz), an enumeration of numerals
    (一、二级医院, 1、2号线) and a marker with no text after it.
    """
    # only the opening matters: a marker is a dozen characters at most
    t = text[:_HEAD].translate(FULLWIDTH_DIGITS) + text[_HEAD:] if len(text) > _HEAD else \
        text.translate(FULLWIDTH_DIGITS)
    for kind, pattern in _PATTERNS:
        m = pattern.match(t)
        if not m:
            continue
        marker = _build(kind, m, t, text)
        if marker is None:
            continue
        rest = t[marker.length:]
        if not rest.strip():
            return None
        return marker
    return None


def _build(kind: str, m: re.Match[str], t: str, original: str) -> Marker | None:
    end = m.end()
    raw = original[:end]
    after = t[end:]
    spaces = _SPACES.match(after).end()
    length = end + spaces
    nxt = after[spaces:spaces + 1]
    if kind == "structural":
        value = _number(m.group(1))
        if value is None or value == 0:
            return None
        if m.group(2) == "条" and (t[end:end + 2] in _CITED_AFTER or t[end:end + 1] in "第款项的"):
            return None      # 第九十九条规定：“……” / 第一百一十八条第一款: an article cited, not numbered
        return Marker(_STRUCTURAL_FAMILY[m.group(2)], value, raw, length)
    if kind in ("cn-paren", "arabic-paren"):
        value = _number(m.group(2))
        if value is None or value == 0:
            return None
        opening, closing = m.group(1), m.group(3)
        width = "full" if opening == "（" and closing == "）" else (
            "half" if opening == "(" and closing == ")" else "mixed")
        return Marker(kind, value, raw, length, bracket=width)
    if kind in ("cn-close", "arabic-close"):
        # One series with （一）/（1）, written without the opening bracket: the outline
        # decides whether it continues a （1） series or opens a level of its own.
        value = _number(m.group(1))
        if value is None or value == 0 or (nxt and (nxt in "）)" or nxt.isdigit())):
            return None
        family = "cn-paren" if kind == "cn-close" else "arabic-paren"
        return Marker(family, value, raw, length, bracket="close")
    if kind == "cn":
        value = cn_to_int(m.group(1))
        punct = m.group(2)
        if value is None or value == 0:
            return None
        if punct == "，":
            return None  # "一，" opens a clause, not a heading
        # 一、二级医院 / 一、二类: an enumeration of numerals, not a marker.
        if nxt and nxt in CN_NUMERAL_CHARS:
            follow = after[spaces + 1:spaces + 3]
            if not follow or follow[0] in "级类等档星批号、" or follow[0] in CN_NUMERAL_CHARS:
                return None
        return Marker("cn", value, raw, length, punct=punct)
    if kind == "cn-shi":
        # 一是，… / 一是加强…: a comma, colon or Chinese text right after 是
        if not after or not (after[0] in "，,：:" or _ideograph(after[0])):
            return None
        value = cn_to_int(m.group(1))
        if value is None or value == 0:
            return None
        return Marker("cn-shi", value, raw, length)
    if kind == "decimal":
        # 1.2 followed by spaces and text, or straight by Chinese text
        gap = len(after) - len(after.lstrip())
        if not (0 < gap < len(after) or (after and _ideograph(after[0]))):
            return None
        parts = tuple(int(p) for p in m.group(1).split("."))
        if nxt in _UNIT_AFTER_NUMBER or (spaces == 0 and nxt.isascii() and nxt.isalnum()):
            return None  # 1.5亿元, 1.4GHz
        if 0 in parts or _AMOUNT_UNIT_RE.fullmatch(after.strip()):
            return None
        return Marker(f"decimal{len(parts)}", parts[-1], raw, length, path=parts)
    if kind == "arabic":
        value = int(m.group(1))
        punct = m.group(2)
        if value == 0:
            return None
        if nxt and (nxt.isdigit() or (nxt in _UNIT_AFTER_NUMBER and punct != "、")):
            return None  # 1、2号线 / 1.5亿; after 、 a unit word is the text (1、时间：……)
        if punct in ".．" and nxt and nxt.isascii() and nxt.isalnum():
            return None  # 1.4GHz, version numbers
        return Marker("arabic", value, raw, length, punct=punct)
    if kind == "circled":
        return Marker("circled", CIRCLED.index(m.group(1)) + 1, raw, length)
    if kind == "paren-ideograph":
        return Marker("paren-ideograph", PAREN_IDEOGRAPH.index(m.group(1)) + 1, raw, length,
                      bracket="full")
    return None


def format_marker(marker: Marker, value: int) -> str:
    """`marker` rewritten with another value, keeping its brackets and punctuation."""
    raw = marker.raw
    if marker.family == "circled" and 1 <= value <= len(CIRCLED):
        return CIRCLED[value - 1]
    if marker.family == "paren-ideograph" and 1 <= value <= len(PAREN_IDEOGRAPH):
        return PAREN_IDEOGRAPH[value - 1]
    if marker.family.startswith("decimal"):
        return ".".join(str(p) for p in marker.path[:-1] + (value,))
    m = re.search(r"[0-9０-９]+", raw)
    if m:
        return raw[:m.start()] + str(value) + raw[m.end():]
    m = re.search(_CN_NUM, raw)
    return raw[:m.start()] + int_to_cn(value) + raw[m.end():] if m else raw
