"""The head of an imported document: title lines, 文号, addressee, and what stands above them.

GB/T 9704's head is 文号 (under the red header or the title), title, addressee (…：); a web page
or a law collection adds its own lines. Everything here looks at cleaned-up units (cleanup.Unit).
"""

from __future__ import annotations

import re

from ..conventions import (ADOPTED_RE, CJK, ORG_SUFFIXES, find_doc_numbers, is_adoption_note, is_date_line,
                           is_month_line, match_note_label, parse_doc_number, parse_source)
from ..markers import parse_marker
from .cleanup import Unit, ends_sentence
from .paragraphs import visual_width

# The red header of an official document: 国务院办公厅文件 / 中共某某委员会文件
RED_HEADER_RE = re.compile(rf"^[{CJK}（）()、 ]{{2,30}}文件$")
# Title continuation that is only a period in brackets: （2023—2025年）
_YEARS_LINE_RE = re.compile(r"^[（(][\d\s—\-－–~～至年度]+[)）]$")
# A title's last line that is only its version or status in brackets: （试行第九版） （第八版）
# （2018年修订） （征求意见稿） （暂行）. A note on how it was adopted is longer and names a meeting.
_VERSION_LINE_RE = re.compile(r"^[（(][ \u3000]*[^（）()。，；：:]{0,10}?(?:试行|暂行|征求意见稿|草案|送审稿|修订|修正|"
                              r"第[一二三四五六七八九十\d]{1,3}版|[\d]{4}年版)[^（）()。，；：:]{0,6}[)）]$")


def _qualifier_line(text: str) -> bool:
    """（2023—2025年） or （试行第九版）: a title's bracketed last line."""
    t = text.strip()
    return bool(_YEARS_LINE_RE.match(t) or (len(t) <= 18 and _VERSION_LINE_RE.match(t)))
# What opens or fills a sentence, never a list of the bodies a document is addressed to.
_SENTENCE_OPENERS = ("为", "根据", "按照", "依据", "现将", "现就", "近年", "近期", "关于", "特此", "兹", "通过")
_SENTENCE_WORDS = ("如下", "以下", "提出", "通知", "意见", "决定", "规定", "要求", "制定", "印发")
# How a list of addressees ends besides an issuing body's name: 区属各单位 / 有关企业 / 各高校
_ADDRESSEES = ("单位", "部门", "机构", "企业", "学校", "高校", "医院", "组织", "团体", "党组", "党委", "人民政府")
# Words naming an issuing body, for keeping "工业和信息化部 国家金融监督管理总局" on one title line.
_ORG_END = ORG_SUFFIXES


def doc_number(text: str) -> str | None:
    """The 文号 a head line is, as written (国办发〔2023〕14号, （国办发〔2023〕14 号）, 发文字号：…)."""
    parsed = parse_doc_number(text)
    return parsed.text if parsed else None


def split_glued_doc_number(text: str) -> tuple[str, str | None]:
    """A title with its 文号 glued on in brackets, as web pages write it:
    关于……的通知(发改能源规〔2020〕816号) → ("关于……的通知", "发改能源规〔2020〕816号")."""
    t = text.rstrip()
    if not t.endswith(("）", ")")) or "号" not in t:
        return text, None
    k = max(t.rfind("（"), t.rfind("("))
    while k > 0:
        parsed = parse_doc_number(t[k:])
        if parsed is not None and parsed.start == 1:
            return t[:k].rstrip(), parsed.text
        k = max(t.rfind("（", 0, k), t.rfind("(", 0, k))      # the 文号's own year in （2023）
    return text, None


_ORDER_NUMBER_RE = re.compile(r"^第[ \t\u3000]*[0-9０-９]{1,5}[ \t\u3000]*号$")


def order_header(units: list[Unit], i: int) -> int:
    """How many lines at `i` head an order (令): 广州市人民政府令 / 第179号 (2), or one line
    中华人民共和国国务院令第746号 followed by its text (1); 0 when they do not."""
    t = units[i].text.strip()
    if units[i].rows is None and t.endswith("令") and 3 <= len(t) <= 24 and i + 1 < len(units) \
            and units[i + 1].rows is None and _ORDER_NUMBER_RE.match(units[i + 1].text.strip()):
        return 2
    parsed = parse_doc_number(t)
    return 1 if parsed is not None and parsed.kind == "order" else 0


def promulgated_title(units: list[Unit], i: int) -> int | None:
    """Where the regulation an order promulgates has its title: the first title-shaped line after
    the order's date (《广州市老年人优待办法》已经……通过，现予公布 / 市长：温国辉 / 2021年1月29日 / title)."""
    for k in range(i, min(len(units), i + 12)):
        if units[k].rows is None and is_date_line(units[k].text):
            for j in range(k + 1, min(len(units), k + 3)):
                if units[j].rows is None and (units[j].style in ("title", "subheading") or _title_line_ok(units[j], True)):
                    return j
            return None
    return None


def is_addressee(text: str) -> bool:
    """各省、自治区、直辖市人民政府，国务院各部委、各直属机构：  (a line naming who the document is for)."""
    t = text.strip()
    if not t.endswith(("：", ":")) or len(t) > 200 or len(t) < 3:
        return False
    if any(ch in t for ch in "。；;！？《》“”") or parse_marker(t) is not None or parse_source(t):
        return False
    body = t[:-1]
    if body.startswith(_SENTENCE_OPENERS) or any(w in body for w in _SENTENCE_WORDS):
        return False      # 为落实……，现就……提出以下意见： is the text's first sentence, not a list of bodies
    return ("各" in body[:6] or "、" in body or "，" in body or body.endswith(_ORG_END)
            or body.endswith(_ADDRESSEES))


def split_title(text: str) -> list[str]:
    """A one-line title whose spaces stand for the line breaks of the original layout.

    Leading issuing bodies stay together on their line: "工业和信息化部 国家金融监督管理总局 关于……"
    → ["工业和信息化部 国家金融监督管理总局", "关于……"].
    """
    tokens = re.split(rf"(?<=[{CJK}）)》”])[ \u3000]+(?=[{CJK}（(《“])", text.strip())
    if len(tokens) == 1:
        return tokens
    lines: list[str] = []
    i = 0
    while i < len(tokens) - 1 and tokens[i].endswith(_ORG_END) and len(tokens[i]) <= 20:
        i += 1
    if i:
        lines.append(" ".join(tokens[:i]))
    lines.extend(tokens[i:])
    return lines


def note_label(text: str) -> str | None:
    """The text after an 编者按 label (编者按： / 【编者按】), or None when `text` has none."""
    t = text.strip()
    label = match_note_label(t)
    return t[label.end:] if label else None


def title_lines_of(raw: list[str]) -> list[str]:
    """Title lines as the original broke them (a deliberate layout: "……配置改革" / "实施方案"),
    except where a copy's wrapping tore "的通知" apart ("……规划》的" / "通知"): a title breaks
    between words (GB/T 9704), and the bulletin would typeset "通知" as a line of its own."""
    lines = [t.strip() for t in raw]
    if len(lines) > 1 and len(lines[-1]) <= 3 and lines[-2].endswith("的"):
        lines[-2:] = [lines[-2] + lines[-1]]
    return lines


def _title_line_ok(u: Unit, first: bool) -> bool:
    t = u.text
    if u.rows is not None or not t or len(t) > 70:
        return False
    if doc_number(t) or is_addressee(t) or is_date_line(t) or parse_source(t) or note_label(t) is not None:
        return False
    if not first and _qualifier_line(t):
        return True           # before the next test: （2018年修订） is a version, not an adoption note
    if is_adoption_note(t):
        return False          # １９９４年７月５日……会议通过: how it was adopted, under the title
    if parse_marker(t) is not None or (t.startswith(("（", "(")) and not first):
        return False
    return not ends_sentence(t) and not t.endswith(("，", ",", "：", ":")) and not any(ch in t for ch in "，。；")


def title_shaped(u: Unit) -> bool:
    """A line that could be a title's first line: short, no sentence punctuation, no marker."""
    return _title_line_ok(u, True)


def find_title(units: list[Unit], wrap: float = 0) -> int:
    """How many leading units form the title (0 if none looks like one).

    `wrap`: the line width of a wrapped copy; a line that fills it is body text, not a title line.
    """
    styled = 0
    while styled < len(units) and units[styled].style == "title":
        styled += 1
    if styled:
        return styled
    n = 0
    while n < min(len(units), 4) and _title_line_ok(units[n], n == 0):
        if n > 0 and len(units[n].text) > 40 and units[n].gap:
            break
        if n > 0 and wrap and abs(visual_width(units[n].text) - wrap) <= 1.5:
            break
        if n > 0 and (_closed_by_qualifier(units[n - 1].text, units[n].text) or _table_header(units[n].text)):
            break
        n += 1
        if n == 1 and n < len(units) and _issuer_line(units[0].text) and _title_line_ok(units[1], False):
            continue          # 江西省人民政府外事办公室 / 2022年招考……大纲: the issuer heads the title
        if n < len(units) and units[n].gap and not _qualifier_line(units[n].text):
            # A blank line after a title line ends the title, unless the next line is clearly
            # its continuation (short, unpunctuated, followed by the 文号 or the body).
            nxt = units[n].text
            if len(nxt) > 40 or not _looks_like_title_continuation(units, n):
                break
    return n


_QUALIFIER_RE = re.compile(r"[（(][^（）()]{1,12}[)）]$")


def _closed_by_qualifier(prev: str, line: str) -> bool:
    """A title line ending in its qualifier in brackets — （试行） （征求意见稿） （2023—2025年） （71人） —
    ends the title, unless the next line plainly goes on with it (……的通知, 》……)."""
    return bool(_QUALIFIER_RE.search(prev.rstrip())) and not line.lstrip().startswith(("的", "》", "”", "之"))


def _table_header(text: str) -> bool:
    """职位代码 部门名称 职位名称 姓名: a table's header row copied as a line, not a title line."""
    tokens = text.split()
    return len(tokens) >= 3 and all(len(t) <= 6 for t in tokens)


def _issuer_line(text: str) -> bool:
    t = text.strip()
    return 4 <= len(t) <= 30 and t.endswith(ORG_SUFFIXES) and " " not in t and "关于" not in t


def _looks_like_title_continuation(units: list[Unit], i: int) -> bool:
    """Whether the short lines from `i` (after a blank line or a paragraph break) still belong to
    the title: they are title-shaped, at most three more, and what follows them ends a title (the
    文号, the addressee, a note on how it was adopted, or running text)."""
    k = i
    while k < len(units) and k - i < 3 and _title_line_ok(units[k], False) and len(units[k].text) <= 40:
        k += 1
    if k == i or k >= len(units):
        return False
    return ends_title(units[k])


def bracketed_note(units: list[Unit], i: int, limit: int = 8) -> str:
    """The text of a note in brackets that opens at `i` and may run over several lines (a page
    writes ( 1993年……通过 / 根据……修正 / ……主席令第四十二号公布) with a break after each step): its
    lines joined, or the line at `i` alone when it does not open such a note."""
    first = units[i].text.strip()
    if not first.startswith(("（", "(")) or first.endswith(("）", ")")):
        return first
    lines = [first]
    for u in units[i + 1:i + limit]:
        if u.rows is not None:
            break
        lines.append(u.text.strip())
        if lines[-1].endswith(("）", ")")):
            return " ".join(lines)
    return first


def adoption_order(text: str) -> str | None:
    """The order (令第N号) a note under a title says promulgated the document:
    （2021年7月27日中华人民共和国国务院令第746号公布） → 中华人民共和国国务院令第746号."""
    t = text.strip()
    if not (ADOPTED_RE.match(t) or (t[:1] in "（(" and t[-1:] in "）)" and len(t) <= 600
                                    and _ADOPTED_LONG_RE.search(t))):
        return None
    return next((d.text for d in find_doc_numbers(t) if d.kind == "order"), None)


# a long note (every amendment listed) still ends with how it was promulgated: ……令第四十二号公布)
_ADOPTED_LONG_RE = re.compile(r"(?:通过|公布|发布|批准|施行|修订|修正)[^（）()]{0,20}[)）]$")


_CREDIT_RE = re.compile(r"(?<=[。！？”])[ \u3000]*[（(]([^（）()，。、；：\s]{2,20})[)）]$")


def trailing_credit(text: str) -> str | None:
    """An attribution glued to the end of a text's last paragraph: ……第一。（德清县发改局） → （德清县发改局）.
    Only an issuing body's name (it ends as one does) after a full stop."""
    m = _CREDIT_RE.search(text.rstrip())
    return m.group(0) if m and m.group(1).endswith(ORG_SUFFIXES) else None


def ends_title(u: Unit) -> bool:
    """A line that follows a title: the 文号, the addressee, a note on its adoption
    （2007年6月29日……会议通过）, an 编者按 label, or running text."""
    t = u.text
    return u.rows is None and bool(doc_number(t) or is_addressee(t) or is_adoption_note(t)
                                   or note_label(t) is not None or len(t) > 40)


def note_above_title(units: list[Unit]) -> int:
    """Where the title starts after an 编者按 set above it (0: the note is not above a title): the
    note's lines (after a bare "编者按" line, from the next line) run to a blank line, or in a copy
    without blank lines to a full stop, and a title follows."""
    start = 1 if note_label(units[0].text) else 2     # "编者按：近日……" / "编者按" then the note
    for k in range(start, min(len(units), 60)):
        u = units[k]
        if u.rows is not None:
            return 0
        if u.gap:
            return k if find_title(units[k:k + 5]) else 0
        if ends_sentence(units[k - 1].text) and find_title(units[k:k + 5]) and k + 1 < len(units):
            return k
    return 0


def broken_addressee(units: list[Unit], i: int, wrap: float = 0.0) -> int:
    """Lines at `i` that together form an addressee a PDF copy wrapped (0 if they do not)."""
    joined = ""
    for k in range(min(3, len(units) - i)):
        u = units[i + k]
        full = k and wrap and visual_width(units[i + k - 1].text) >= wrap - 2.5
        if u.rows is not None or u.hard or (k and u.gap and not full) or ends_sentence(u.text):
            return 0
        joined += u.text.strip()
        if joined.endswith(("：", ":")):
            return k + 1 if k and is_addressee(joined) else 0
    return 0


def cover_closing(title_lines: list[str], units: list[Unit], i: int) -> tuple[list[str], str, int, int] | None:
    """A cover's issuing bodies and date: under the title one body a line (深圳市统计局 /
    深圳市妇女儿童工作委员会), read as the title's last lines or standing after it at `i`, then the date
    alone (二〇二二年十二月, or a full date). (the bodies, the date as written, how many title lines
    they take, how many units from `i` they and the date take), or None when it is no cover."""
    def issuer(t: str) -> bool:
        t = t.strip()
        return t.endswith(ORG_SUFFIXES) and 3 <= len(t) <= 24 and " " not in t and "关于" not in t

    def issuers(t: str) -> list[str]:
        """The bodies a cover line names: one, or several side by side with spaces between."""
        parts = t.split()
        return parts if parts and len(parts) <= 4 and all(issuer(p) for p in parts) else []

    signed: list[str] = []
    from_title = 0
    for line in reversed(title_lines[1:]):
        if not (found := issuers(line)):
            break
        signed[:0] = found
        from_title += 1
    k = i
    while k < len(units) and k - i < 4 and units[k].rows is None and (found := issuers(units[k].text)):
        signed += found
        k += 1
    if k >= len(units) or units[k].rows is not None or not signed:
        return None
    date = units[k].text.strip()
    if date[:1] in "（(" and date[-1:] in "）)":
        date = date[1:-1].strip()            # （2023年5月）
    if not (is_month_line(date) or is_date_line(date)):
        return None
    return signed, date, from_title, k + 1 - i
