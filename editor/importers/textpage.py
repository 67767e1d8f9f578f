"""A whole web page copied as text (or turned into Markdown by a reader tool): where its document is.

Select-all on a government page copies the menus, breadcrumbs, the page's own <title>, the date
and source line, the text, then share buttons, related links, rankings and the footer. The known
chrome lines are dropped by cleanup.tidy; what is left is cut here to the document the way a
reader finds it: the longest stretch of running text (lines of Chinese prose score, short or
unpunctuated lines cost: the best-scoring stretch, found in one pass), widened upwards to the
title the page names (or the title-shaped line above the text) and downwards over the closing
(署名, 日期, 附件, 来源). Only a text that shows it is a page (several chrome lines dropped, or a
reader tool's Title: header) is cut: a PDF copy or a plain document is left alone.
"""

from __future__ import annotations

import re

from ..conventions import is_attachment, is_date_line, looks_like_signature, parse_source
from ..markers import parse_marker
from .cleanup import Notes, Unit, ends_sentence
from .head import doc_number, ends_title, is_addressee, split_glued_doc_number, title_shaped
from .webpage import agrees, norm, page_title_text

_PUNCT = "。，；！？：、"
_FOOTER = ("主办单位", "主办：", "承办：", "版权所有", "备案号", "备案序号", "ICP备", "公网安备", "网站标识码", "技术支持",
           "联系我们", "网站地图")
_REMARK = re.compile(r"^[（(].{1,60}[)）]$")


def is_page(units: list[Unit], notes: Notes) -> bool:
    dropped = notes.counts.get("chrome", 0) + notes.counts.get("meta", 0) + notes.counts.get("qr", 0)
    return dropped >= 3 or notes.reader_header


def _score(u: Unit) -> float:
    if u.rows is not None:
        return 2.0
    t = u.text.strip()
    if any(w in t for w in _FOOTER):
        return -6.0
    punct = sum(t.count(p) for p in _PUNCT)
    if len(t) >= 12 and punct:
        return min(len(t) / 20, 6.0) + min(punct, 6)
    if parse_marker(t) is not None and len(t) >= 4:
        return 1.0              # 一、总体要求: a heading of the text
    return -1.0


def _closing_line(u: Unit) -> bool:
    t = u.text.strip()
    return u.rows is None and bool(looks_like_signature(t) or is_date_line(t) or is_attachment(t)
                                   or parse_source(t) or _REMARK.match(t) or t.endswith("印发"))


def page_region(units: list[Unit], notes: Notes) -> list[Unit]:
    """The units of the document in a whole page's text (all of them when it is not a page)."""
    if not units or not is_page(units, notes) or sum(u.hard for u in units) * 2 > len(units):
        return units        # not a page, or a web page's content block already (HTML, DOCX)
    title = notes.page_title
    if not title and units[0].rows is None and agrees_later(units):
        title = page_title_text(units[0].text)
        notes.page_title = title
    title = split_glued_doc_number(title)[0] if title else title     # …的通知(发改能源规〔2020〕816号)
    scores = [(-3.0 if title and u.rows is None and agrees(title, u.text) else _score(u)) for u in units]
    best, best_at, run, run_at = 0.0, (0, -1), 0.0, 0
    for k, s in enumerate(scores):             # the best-scoring stretch (Kadane): one pass
        if run <= 0:
            run, run_at = 0.0, k
        run += s
        if run > best:
            best, best_at = run, (run_at, k)
    start, end = best_at
    if end < start:
        return units
    start = _title_above(units, start, title)
    if notes.meta_source is None:
        # 来源：能源局 between the page's heading and the text's own title lines
        found = next((p for u in reversed(units[max(0, start - 15):start])
                      if u.rows is None and (p := parse_source(u.text)) is not None and p.issuer), None)
        if found is not None:
            notes.meta_source = found.issuer
    # a short sentence closing the text (快转发给需要的人！) is the text's, a repeated title is not
    for k in range(end + 1, min(len(units), end + 4)):
        if scores[k] < -1 or units[k].rows is not None:
            break
        if ends_sentence(units[k].text):
            end = k
    # the closing under the text: signatures count only when a date or attachment line follows
    k = end
    while k + 1 < len(units) and k + 1 - best_at[1] <= 10 and _closing_line(units[k + 1]):
        k += 1
        if not looks_like_signature(units[k].text.strip()) or is_date_line(units[k].text):
            end = k
    dropped = len(units) - (end - start + 1)
    if dropped:
        notes.add("chrome", dropped)
    return units[start:end + 1]


def agrees_later(units: list[Unit]) -> bool:
    """Whether the first line is the page's <title>: it names a line that comes again below."""
    first = page_title_text(units[0].text)
    return len(first) >= 6 and any(agrees(first, u.text) for u in units[1:60] if u.rows is None)


def _title_above(units: list[Unit], start: int, title: str) -> int:
    """Where the document starts above its first stretch of text: the line that agrees with the
    page's title, else the first of the title-shaped and head lines (文号, addressee) right above."""
    lo = max(0, start - 15)
    if title:
        for k in range(start - 1, lo - 1, -1):
            if units[k].rows is not None:
                continue
            # the line, or the line with the one or two under it (a title set on several lines)
            parts = [units[j].text for j in range(k, min(k + 3, start)) if units[j].rows is None]
            n = next((m for m in range(1, len(parts) + 1) if agrees(title, "".join(parts[:m]))), 0)
            if n:
                # the line above may start the same title (国家发展改革委 国家能源局关于… / 规划…的通知)
                while k > lo and n < 4 and units[k - 1].rows is None and title_shaped(units[k - 1]) \
                        and norm(title) not in norm("".join(u.text for u in units[k:k + n])) \
                        and agrees(title, "".join(u.text for u in units[k - 1:k + n])):
                    k, n = k - 1, n + 1
                for j in range(k, k + n):
                    units[j].style = "title"      # the page says so, even for a headline ending in ！
                while k > lo and units[k - 1].rows is None and (_continues_up(units[k - 1], title)
                                                               or doc_number(units[k - 1].text)):
                    k -= 1
                return k
    k = start
    while k > lo and units[k - 1].rows is None and (
            doc_number(units[k - 1].text) or is_addressee(units[k - 1].text)
            or (title_shaped(units[k - 1]) and ends_title(units[k]))):
        k -= 1
    return k


def _continues_up(u: Unit, title: str) -> bool:
    """A line above the title's line that is its first part (a title set on two lines)."""
    t = u.text.strip()
    return 2 <= len(t) <= 30 and title_shaped(u) and re.sub(r"\s+", "", t) in re.sub(r"\s+", "", title)
