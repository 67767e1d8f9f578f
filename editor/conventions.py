"""The conventions of Chinese official documents, each recognised once, as a typed value with its span.

- CJK ideographs: `CJK` (the ranges, for a regex class), `is_cjk`, `has_cjk`;
- the 文号: `parse_doc_number(text)` for a text that is one (a head line, a front-matter value),
  `find_doc_numbers(text)` for those cited in running text, both giving `DocNumber`s that keep
  every part as written (agency code, year, bracket style, 第, leading zeros, spaces, 令第N号);
- the 编者按 label: `match_note_label`, `strip_note_label` (编者按 / 【编者按】 / 编者的话 / 编者语 /
  （编者按）, with or without a colon);
- the source line: `parse_source` → `ParsedSource`;
- the 成文日期: `parse_date` → `WrittenDate` (2023年5月26日, 二〇〇九年十二月十四日), `is_date_line`;
  dates in running text: `find_dates` → `DateInText` (7月21日, 二〇二三年七月二十一日, 7月21号);
- attachments: `is_attachment`; signatures: `looks_like_signature`.

The content loader, the importers, the checks and compose all ask here, so that they agree.
Start-up stays cheap: no pattern here holds a class of all ideographs (compiling one walks its
28,000 code points), and the patterns most runs never reach are compiled on first use.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Iterator

from .lazy_re import LazyPattern
from .markers import cn_to_int, parse_marker
from .records import record

# ---------------------------------------------------------------- CJK ideographs

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"   # the ideographs, as a regex character range


# Comparisons rather than re.compile(f"[{CJK}]"): compiling that class walks its 28,000 code
# points one by one, 2–3 ms at every start-up (tests/test_startup.py checks they agree).
def is_cjk(ch: str) -> bool:
    """Whether `ch` starts with a Chinese ideograph (in one of the ranges of CJK)."""
    c = ch[:1]
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff"


def has_cjk(text: str) -> bool:
    return any(map(is_cjk, text))


_SP = "[ \t\u3000]*"                      # spaces as a copy leaves them: never a line break

# ---------------------------------------------------------------- 文号

# Opening and closing brackets a 文号's year is found in: 〔〕 is the standard's (GB/T 9704),
# the others are what web pages and typists write instead.
DOC_OPENINGS = "〔［[（(【〈<﹝〖"
DOC_CLOSINGS = "〕］]）)】〉>﹞〗"
STANDARD_BRACKETS = "〔〕"
MAX_AGENCY = 16                           # 机关代字: 国办发, 工信部联网安, 发改能源规 …
MAX_ORDER_AGENCY = 20                     # 令第N号: 中华人民共和国国务院令

# What follows the agency code. The agency (ideographs) is found by walking back from the match,
# so that no pattern needs an ideograph class.
_YEAR_TAIL = LazyPattern(
    rf"(?P<sp1>{_SP})(?P<open>[{re.escape(DOC_OPENINGS)}])(?P<sp2>{_SP})(?P<year>(?:19|20|１９|２０)[0-9０-９]{{2}})"
    rf"(?P<sp3>{_SP})(?P<close>[{re.escape(DOC_CLOSINGS)}])(?P<sp4>{_SP})(?P<di>第?)(?P<sp6>{_SP})"
    rf"(?P<seq>[0-9０-９]{{1,5}})(?P<sp5>{_SP})号")
_ORDER_TAIL = LazyPattern(
    rf"(?P<sp1>{_SP})令(?P<sp2>{_SP})(?P<di>第)(?P<sp6>{_SP})(?P<seq>[0-9０-９]{{1,5}}|[〇零一二三四五六七八九十百千]{{1,8}})"
    rf"(?P<sp5>{_SP})号")     # 主席令第四十二号: orders before the 2000s counted in Chinese numerals
_SPACE_GROUPS = ("sp1", "sp2", "sp3", "sp4", "sp6", "sp5")      # in the order they stand
_DOC_LABEL = LazyPattern(rf"(?:发文字号|发文号|文号|字号){_SP}[：:]{_SP}")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


@record(eq=True, frozen=True)
class DocNumber:
    """A 文号 as written, its parts and where each stands in the text it was found in.

    `kind` is "year" (国办发〔2023〕17号, in any bracket) or "order" (国务院令第708号).
    Offsets (`start`, `end`, the `*_at` fields, `spaces`) are positions in that text.
    """

    text: str                 # the 文号 as written: 渝府办发〔2023〕53 号
    start: int
    end: int
    kind: str                 # "year" | "order"
    agency: str               # 机关代字: 渝府办发 (for "order": 国务院, without 令)
    year: int | None          # None for 令第N号
    number: int               # the sequence's value: 53
    sequence: str             # the sequence as written, leading zeros kept: "053"
    opening: str = ""         # the year's brackets as written; "" for 令第N号
    closing: str = ""
    di: str = ""              # "第" when written before the sequence
    agency_at: int = 0
    open_at: int = 0          # where `opening` is (for "order": where 令 is)
    close_at: int = 0
    year_at: int = 0
    di_at: int = 0            # where 第 is, or would be (right before the sequence's spaces)
    seq_at: int = 0
    spaces: tuple[tuple[int, int], ...] = ()    # (start, end) of each run of spaces inside

    @property
    def bracket(self) -> str:
        return self.opening + self.closing

    @property
    def leading_zeros(self) -> int:
        """Zeros written before the sequence's first significant digit (053 → 1; 0 alone → 0)."""
        s = self.sequence
        return min(len(s) - len(s.lstrip("0０")), len(s) - 1)

    @property
    def space_before_hao(self) -> bool:
        return any(b == self.end - 1 for _, b in self.spaces)

    @property
    def canonical(self) -> str:
        """The form GB/T 9704 writes: 渝府办发〔2023〕53号 / 国务院令第708号."""
        if self.kind == "order":
            return f"{self.agency}令第{self.number}号"
        return f"{self.agency}〔{self.year}〕{self.number}号"

    @property
    def is_standard(self) -> bool:
        return self.text == self.canonical


def _walk_back(text: str, at: int, lower: int, limit: int) -> int:
    """Where the run of ideographs that ends at `at` starts (at most `limit` of them, not before `lower`).

    A date's 日 ends the run: 2022年6月6日国家安全部令第2号 cites 国家安全部令第2号."""
    k = at
    while k > lower and at - k < limit and is_cjk(text[k - 1]):
        if text[k - 1] == "日" and k >= 2 and (text[k - 2].isdigit() or text[k - 2] in "一二三四五六七八九十〇○"):
            break
        k -= 1
    return k


def _doc_number(text: str, m: re.Match[str], agency_at: int, kind: str) -> DocNumber:
    seq = m.group("seq")
    year = m.group("year").translate(_FULLWIDTH) if kind == "year" else None
    groups = m.groupdict()
    spaces = tuple(m.span(g) for g in _SPACE_GROUPS if groups.get(g))
    open_at = m.start("open") if kind == "year" else m.end("sp1")
    return DocNumber(
        text=text[agency_at:m.end()], start=agency_at, end=m.end(), kind=kind,
        agency=text[agency_at:m.start()], year=int(year) if year else None,
        number=int(seq.translate(_FULLWIDTH)) if seq[0].translate(_FULLWIDTH).isdigit() else (cn_to_int(seq) or 0),
        sequence=seq,
        opening=m.group("open") if kind == "year" else "", closing=m.group("close") if kind == "year" else "",
        di=m.group("di"), agency_at=agency_at, open_at=open_at,
        close_at=m.start("close") if kind == "year" else open_at,
        year_at=m.start("year") if kind == "year" else open_at, di_at=m.start("di"), seq_at=m.start("seq"),
        spaces=spaces)


def find_doc_numbers(text: str, start: int = 0, *, orders: bool = True) -> Iterator[DocNumber]:
    """The 文号 cited in `text` (from offset `start`), in order: （建市〔2020〕60 号）, 国务院令第708号.

    The agency code is the run of ideographs right before the bracket (at most MAX_AGENCY), as a
    reader takes it; in running text it may therefore include a word before the code
    (按照国办发〔2023〕17号). `orders`: also 令第N号 forms.
    """
    if "号" not in text:
        return
    found: list[DocNumber] = []
    for m in _YEAR_TAIL.finditer(text, start):
        at = _walk_back(text, m.start(), start, MAX_AGENCY)
        if at < m.start():
            found.append(_doc_number(text, m, at, "year"))
    if orders and "令" in text:
        taken = [(d.start, d.end) for d in found]
        for m in _ORDER_TAIL.finditer(text, start):
            at = _walk_back(text, m.start(), start, MAX_ORDER_AGENCY)
            if at < m.start() and not any(a < m.end() and at < b for a, b in taken):
                found.append(_doc_number(text, m, at, "order"))
        found.sort(key=lambda d: d.start)
    yield from found


def doc_number_spans(text: str) -> list[tuple[int, int]]:
    """Where the 文号 of `text` are (for rules that leave them to the 文号 rules)."""
    return [(d.start, d.end) for d in find_doc_numbers(text)]


def parse_doc_number(text: str) -> DocNumber | None:
    """The 文号 that `text` is, or None: a head line or a front-matter value.

    Accepted around it: spaces, a label (发文字号：), and the parentheses a published copy puts
    the 文号 in under the title (（国办发〔2023〕17号）, (发改能源规〔2020〕816号)). The agency code is
    then all the ideographs before the bracket; offsets are positions in `text`.
    """
    if "号" not in text:
        return None
    lo, hi = 0, len(text)
    while lo < hi and text[lo] in " \t\u3000\n":
        lo += 1
    while hi > lo and text[hi - 1] in " \t\u3000\n":
        hi -= 1
    label = _DOC_LABEL.match(text, lo, hi)
    if label:
        lo = label.end()
    if hi - lo >= 2 and text[lo] in "（(" and text[hi - 1] in "）)":
        lo, hi = lo + 1, hi - 1
        while lo < hi and text[lo] in " \t\u3000":
            lo += 1
        while hi > lo and text[hi - 1] in " \t\u3000":
            hi -= 1
    inner = text[:hi]
    k = lo
    while k < hi and is_cjk(inner[k]):
        k += 1
    if k == lo:
        return None
    m = _YEAR_TAIL.compiled.fullmatch(inner, k, hi) if k - lo <= MAX_AGENCY else None
    if m:
        return _doc_number(inner, m, lo, "year")
    if "令" in inner:
        # 国务院令第708号: 令 and 第 are ideographs too, so the agency ends somewhere in the run
        for j in range(lo + 1, min(k, lo + MAX_ORDER_AGENCY) + 1):
            m = _ORDER_TAIL.compiled.fullmatch(inner, j, hi)
            if m:
                return _doc_number(inner, m, lo, "order")
    return None


_AGENCY_END = LazyPattern(rf"[{re.escape(DOC_OPENINGS)}\s0-9０-９]")


def agency_code(doc_number: str) -> str:
    """The 机关代字 of a 文号 (渝府办发〔2023〕51号 → 渝府办发), or of a 文号 written some other
    way, what stands before its first bracket, space or digit."""
    parsed = parse_doc_number(doc_number)
    if parsed is not None:
        return parsed.agency
    m = _AGENCY_END.search(doc_number)
    return (doc_number[:m.start()] if m else doc_number).strip()


# ---------------------------------------------------------------- the 编者按 label

NOTE_NAMES = ("编者按", "编者的话", "编者语")
_NOTE_NAME = "|".join(r"\s*".join(name) for name in NOTE_NAMES)      # 编 者 按: spaced out too
# 【编者按】 （编者按）： [编者按] or 编者按 followed by a colon, a space or nothing: the label an editor
# typed above a note. 编者按照… is not one.
_NOTE_OPENINGS = "【[〔（(［"
NOTE_LABEL = LazyPattern(rf"^\s*(?:[{re.escape(_NOTE_OPENINGS)}]\s*(?:{_NOTE_NAME})\s*[】\]〕）)］]\s*[:：]?|"
                         rf"(?:{_NOTE_NAME})\s*(?:[:：]|\s|$))\s*")


@record(eq=True, frozen=True)
class NoteLabel:
    """An 编者按 label at the start of a text: the label as written and where the note's text starts."""

    label: str        # 【编者按】 / 编者的话： as written, without the spaces around it
    end: int          # offset in the text where the note's own text starts

    @property
    def name(self) -> str:
        return next(n for n in NOTE_NAMES if n in re.sub(r"\s+", "", self.label))


def match_note_label(text: str) -> NoteLabel | None:
    """The 编者按 label opening `text`, or None."""
    t = text.lstrip()
    if t[:1] in _NOTE_OPENINGS:
        t = t[1:].lstrip()
    if not t.startswith("编"):      # no label without 编 first: most paragraphs never compile the pattern
        return None
    m = NOTE_LABEL.match(text)
    return NoteLabel(m.group(0).strip(), m.end()) if m else None


def strip_note_label(text: str) -> str:
    """`text` without the 编者按 label that opens it (the whole text when there is none)."""
    label = match_note_label(text)
    return text[label.end:] if label else text


# ---------------------------------------------------------------- the source line

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
    if len(t) > 120 or "来源" not in t:
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


# ---------------------------------------------------------------- the 成文日期

_CN_DATE_NUM = "[〇○零一二三四五六七八九十]"
DATE_LINE_RE = LazyPattern(
    rf"^[ \t　]*(\d{{4}}|{_CN_DATE_NUM}{{4}})[ \t　]*年[ \t　]*(\d{{1,2}}|{_CN_DATE_NUM}{{1,3}})[ \t　]*月"
    rf"[ \t　]*(\d{{1,2}}|{_CN_DATE_NUM}{{1,3}})[ \t　]*日[ \t　]*$")
_YEAR_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                "八": 8, "九": 9}


@record(eq=True, frozen=True)
class WrittenDate:
    """A date as written (2023年5月26日, 二〇〇九年十二月十四日), its parts and its span."""

    text: str
    start: int
    end: int
    year: int
    month: int
    day: int

    @property
    def date(self) -> _dt.date | None:
        """The calendar date, or None when the text names none (2023年2月30日)."""
        try:
            return _dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


def _date_part(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(ch in _YEAR_DIGITS for ch in s):     # 二〇二三: digit by digit
        return int("".join(str(_YEAR_DIGITS[ch]) for ch in s))
    return cn_to_int(s.replace("〇", "零").replace("○", "零"))


def is_date_line(text: str) -> bool:
    """A 成文日期 standing alone: 2023年7月15日 / 二〇二三年七月十五日."""
    # Only a text ending in 日 can match: most paragraphs are told apart without the pattern,
    # and a run with no date line never compiles it (1–2 ms).
    return text.rstrip(" \t\u3000\n").endswith("日") and DATE_LINE_RE.match(text) is not None


# A cover's date, month and year only: 二〇二二年十二月 / 2023年5月
MONTH_LINE_RE = LazyPattern(
    rf"^[ \t　]*(\d{{4}}|{_CN_DATE_NUM}{{4}})[ \t　]*年[ \t　]*(\d{{1,2}}|{_CN_DATE_NUM}{{1,2}})[ \t　]*月[ \t　]*$")


def is_month_line(text: str) -> bool:
    """A year and month standing alone, as a report's cover dates it: 二〇二二年十二月."""
    return text.rstrip(" \t\u3000\n").endswith("月") and MONTH_LINE_RE.match(text) is not None


def parse_date(text: str) -> WrittenDate | None:
    """The date that `text` is (spaces around it allowed), or None."""
    if not is_date_line(text):
        return None
    m = DATE_LINE_RE.match(text)
    parts = [_date_part(m.group(k)) for k in (1, 2, 3)]
    if None in parts:
        return None
    start = len(text) - len(text.lstrip(" \t\u3000"))
    end = len(text.rstrip(" \t\u3000\n"))
    return WrittenDate(text[start:end], start, end, *parts)


# ---------------------------------------------------------------- dates in running text

# Year digits as people write them: 〇 is right (GB/T 15835); ○ 0 O Ｏ ０ 零 are common slips.
CN_YEAR_DIGITS = "〇○零0OＯ０一二三四五六七八九"
_YEAR_SLIPS = str.maketrans("0OＯ０", "〇〇〇〇")
_CN_SMALL = "一二三四五六七八九十两"
_TEXT_DATE = LazyPattern(
    rf"(?:(?P<year>(?:1[89]|20)\d{{2}}|[{CN_YEAR_DIGITS}]{{4}}){_SP}年{_SP})?"
    rf"(?P<month>\d{{1,2}}|[{_CN_SMALL}]{{1,3}}){_SP}月{_SP}"
    rf"(?P<day>\d{{1,2}}|[{_CN_SMALL}]{{1,4}}){_SP}(?P<suffix>[日号])")


@record(eq=True, frozen=True)
class DateInText:
    """A month-and-day date in running text (7月21日, 2023年7月21日, 二〇二三年七月二十一日, 7月21号),
    with its year when one is written right before the month."""

    text: str
    start: int
    end: int
    year: int | None
    month: int | None             # None when the numeral cannot be read
    day: int | None
    suffix: str                   # 日, or 号 as speech writes it
    chinese: bool                 # in Chinese numerals
    year_span: tuple[int, int] | None

    @property
    def exists(self) -> bool:
        """Whether month and day name a day of some year (29 February of a leap year at least)."""
        if self.month is None or self.day is None or not 1 <= self.month <= 12 or self.day < 1:
            return False
        return self.on(self.year or 2024) is not None         # 2024: a leap year

    def on(self, year: int) -> _dt.date | None:
        """This date in `year` (in its own year when it has one), or None when there is no such day."""
        try:
            return _dt.date(self.year or year, self.month or 0, self.day or 0)
        except ValueError:
            return None


def find_dates(text: str, start: int = 0) -> list[DateInText]:
    """Every month-and-day date in `text` from `start` (a year alone, 2025年, is no date)."""
    if "月" not in text:
        return []
    found = []
    for m in _TEXT_DATE.finditer(text, start):
        month_text, day_text = m.group("month"), m.group("day")
        chinese = not month_text.isdigit()
        if chinese == day_text.isdigit():
            continue            # 7月二十日: not a date anyone writes
        if m.start() > 0 and text[m.start() - 1].isdigit() and not m.group("year"):
            continue            # the tail of a longer number, not a month
        written = m.group("year")
        year = _date_part(written if written.isdigit() else written.translate(_YEAR_SLIPS)) if written else None
        found.append(DateInText(m.group(0), m.start(), m.end(), year, _date_part(month_text.replace("两", "二")),
                                _date_part(day_text.replace("两", "二")), m.group("suffix"), chinese,
                                m.span("year") if m.group("year") else None))
    return found


# ---------------------------------------------------------------- attachments and signatures

# 附件：… / 附件1.… / 附件2-….pdf (a download's name) / 附件一：…
ATTACHMENT_RE = LazyPattern(r"^[ \t　]*附[ \t　]*件[ \t　]*(?:(\d+|[一二三四五六七八九十]+)[ \t　]*[：:.．\-－—、]|[：:])")


def is_attachment(text: str) -> bool:
    # Only a text starting with 附 can match (see is_date_line).
    return text.lstrip(" \t\u3000").startswith("附") and ATTACHMENT_RE.match(text) is not None


# The label an attachment carries above its own title when it is published on its own (a web
# page's download, a file sent with a notice): 附件1 / 附件： / 附表2 / 附录 / 大纲4 / 材料3.
_LABEL_NUMBER = r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})"
LABEL_LINE_RE = LazyPattern(rf"^{_SP}(?:附{_SP}[件表录图]?{_SP}{_LABEL_NUMBER}?|[{CJK}]{{1,4}}?{_SP}\d{{1,3}}){_SP}[：:]?{_SP}$")
LABEL_PREFIX_RE = LazyPattern(rf"^{_SP}附{_SP}[件表录图]{_SP}{_LABEL_NUMBER}?{_SP}[：:]{_SP}")


def is_label_line(text: str) -> bool:
    """附件1, 附件：, 附表2, 大纲4: a label standing on its own line, never a title."""
    t = text.strip(" \t\u3000")
    return 0 < len(t) <= 8 and LABEL_LINE_RE.match(t) is not None


def strip_label_prefix(text: str) -> str:
    """附件： 2016年……职位表 → 2016年……职位表 (a title written on one line with its label)."""
    m = LABEL_PREFIX_RE.match(text)
    return text[m.end():] if m and len(text) - m.end() >= 4 else text


# How the name of an issuing body ends: 工业和信息化部, 国家能源局, 国务院办公厅, 广州市人民政府 …
ORG_SUFFIXES = tuple("部局委院厅办署会府行室处社所司组队") + ("总局", "政府", "中心", "银行", "集团", "公司",
                                                     "协会", "学会", "联合会", "委员会", "办公室", "法院", "检察院")


def join_title_lines(lines: list[str]) -> str:
    """A title's lines as one line: run together, except that a line of issuing bodies followed by a
    line opening with another body keeps a space between the two names, as a title on one line
    writes them (广州市民政局 / 广州市财政局关于印发… → 广州市民政局 广州市财政局关于印发…; but
    国家金融监督管理总局 / 关于… and 国务院办公厅 / 印发… run together)."""
    out = ""
    for i, line in enumerate(lines):
        line = line.strip()
        if i and out and _issuers_line(lines[i - 1].strip()) and _opens_with_issuer(line):
            out += " "
        out += line
    return out


def _issuers_line(line: str) -> bool:
    return bool(line) and "关于" not in line and line.endswith(ORG_SUFFIXES)


def _opens_with_issuer(line: str) -> bool:
    head = line.split("关于", 1)[0].split(" ")[0] if "关于" in line else ""
    # 市政府办公厅 / 转发市财政局关于…: a verb opens the line, not a body
    return len(head) >= 3 and head.endswith(ORG_SUFFIXES) and not head.startswith(_TITLE_VERBS)


_TITLE_VERBS = ("转发", "印发", "批转", "发布", "公布", "同意", "对")


# A signer by office and name, as an order (令) is signed: 市长：温国辉 / 市　长　温国辉
_SIGNER_RE = LazyPattern(r"^[^\s：:，。]{1,10}?[ \t\u3000]*[：:][ \t\u3000]*[^\s：:，。]{2,4}$")


def looks_like_signature(text: str) -> bool:
    """A short line naming an issuing body, with no sentence punctuation: 国家发展改革委; or an
    office and a name: 市长：温国辉."""
    t = text.strip()
    if not t or len(t) > 40 or not has_cjk(t):
        return False
    if any(ch in t for ch in "：:") and _SIGNER_RE.match(t) and not any(ch in t for ch in "。，；？！,;?!、“”《》"):
        return True
    if any(ch in t for ch in "。，；：？！,;:?!、“”《》"):
        return False
    return parse_marker(t) is None and not is_date_line(t)


# ---------------------------------------------------------------- how a law was adopted

# Under a law's or regulation's title: （2007年6月29日……会议通过） in brackets, or without them a line
# of its own from its date: １９９４年７月５日中华人民共和国主席令第二十八号公布
ADOPTED_RE = LazyPattern(r"^[（(].{0,60}(?:通过|公布|发布|批准|施行|修订|修正)[^（）()]{0,20}[)）]$")
_PROMULGATED_RE = LazyPattern(r"^[（(]?[ \u3000]*[0-9０-９]{4}[ \u3000]*年[ \u3000]*[0-9０-９]{1,2}[ \u3000]*月[ \u3000]*"
                              r"[0-9０-９]{1,2}[ \u3000]*日.{0,80}?(?:通过|公布|发布|批准|施行|修订|修正)[）)]?$")


def is_adoption_note(text: str) -> bool:
    """A note on how a law or regulation was adopted, promulgated or amended, as printed under its
    title with or without brackets."""
    t = text.strip()
    return len(t) <= 160 and bool(ADOPTED_RE.match(t) or _PROMULGATED_RE.match(t))
