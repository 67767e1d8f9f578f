"""Numbers and dates as GB/T 15835-2011 writes them.

Half-width Arabic digits (not ７月１日); 〇 for the zero of a year written in Chinese numerals
(二〇二三年, not 二○二三年 with a circle or 二0二三年 with a digit); one style of year in an
article's running text; dates that exist; 日, not 号, for the day of a date. 号 stays where it
numbers something: a 文号 (〔2023〕17号), a house (人民路7号), a building or a line.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from ..conventions import CN_YEAR_DIGITS, find_dates
from ..fields import FIELDS
from ..model import Article, BlockKind
from .framework import Context, Edit, Example, Fix, diagnostic, fix_text, related_to, rule
from .textscan import PROSE_KINDS, table_cells

_FULLWIDTH_RE = re.compile("[０-９]+(?:[．.][０-９]+)?")
_TO_HALF = str.maketrans("０１２３４５６７８９．", "0123456789.")
_BAD_ZEROS = "○零0OＯ０"
_CN_YEAR_RE = re.compile(f"(?<![{CN_YEAR_DIGITS}])[{CN_YEAR_DIGITS}]{{4}}(?=[ \\t]*年)")
_ARABIC_YEAR_RE = re.compile(r"(?<![\d.])(?:1[89]|20)\d{2}(?=[ \t]*年)")
_BOOK_TITLE_RE = re.compile("《[^《》]*》")
# 7月21号 names a day; 7月21号楼 / 1月1号文件 / 3月5号线 name something else.
_NOT_A_DAY_AFTER = "楼院线路街道巷弄门栋室房馆厅令文库站台仓码窑井机车船位床"


# The article's own fields a number or date is written in (editor/fields.py): its closing and 版记 too.
_TITLE_FIELDS = ("title", "toc_title")
_CLOSING_FIELDS = ("attachments", "signature", "date", "copy_to", "printed_by")


def _texts(ctx: Context, article: Article, *, dated: bool = True, fields=_TITLE_FIELDS
           ) -> list[tuple[str, int | None, str, int]]:
    """(field, block, text, start) of every text where numbers are written: titles, 编者按, body, cells.

    `dated` adds the places a date stands in alone: the 成文日期, signatures and 版记, as fields
    or as body blocks (a forwarding notice signs and dates before the document it forwards).
    Listed once per check run and article: five rules read them.
    """
    return ctx.cached(("numbers-texts", article.id, dated, fields),
                      lambda: list(_iter_texts(article, dated=dated, fields=fields)))


def _iter_texts(article: Article, *, dated: bool, fields) -> Iterator[tuple[str, int | None, str, int]]:
    for fld in fields + (_CLOSING_FIELDS if dated else ()):
        value = FIELDS[fld].text(article)
        if value:
            yield fld, None, value, 0
    for i, b in enumerate(article.editor_note):
        if b.text:
            yield "editor_note", i, b.text, 0
    for i, b in enumerate(article.body):
        if b.text and (b.kind in PROSE_KINDS or dated and b.kind in (BlockKind.DATE_LINE, BlockKind.SIGNATURE)):
            yield "body", i, b.text, 0
    for i, text, start in table_cells(article):
        yield "body", i, text, start


@rule("numbers.fullwidth-digit", "numbers", "warning", "数字用了全角（如“７月１日”），应为半角阿拉伯数字",
      Example(bad="自２０２３年７月１日起施行，有效期至２０２５年１２月３１日。",
              good="自2023年7月1日起施行，有效期至2025年12月31日。"),
      why="GB/T 15835 规定阿拉伯数字用半角；全角数字多来自网页或输入法，排出来比半角宽，一行里忽宽忽窄",
      fix="safe")
def check_fullwidth_digit(ctx: Context):
    for article in ctx.articles():
        for fld, i, text, start in _texts(ctx, article, fields=_TITLE_FIELDS + ("doc_number", "addressee")):
            hits = [m.span() for m in _FULLWIDTH_RE.finditer(text, start)]
            if not hits:
                continue
            shown = text[hits[0][0]:hits[0][1]]
            count = f" {len(hits)} 处" if len(hits) > 1 else ""
            fix = Fix(fix_text("改为半角数字", len(hits)),
                      tuple(Edit(article.id, fld, a, b, text[a:b].translate(_TO_HALF), i) for a, b in hits))
            yield diagnostic(ctx, "numbers.fullwidth-digit",
                             f"有{count}全角数字“{shown}”，应为半角“{shown.translate(_TO_HALF)}”（GB/T 15835）",
                             article=article, field=fld, block_index=i, offset=hits[0][0],
                             length=hits[0][1] - hits[0][0], fix=fix)


@rule("numbers.year-zero", "numbers", "warning", "汉字数字的年份中，零应写作“〇”（不用“○”“0”“零”）",
      Example(bad="国务院办公厅\n\n二○二三年七月十五日", good="国务院办公厅\n\n二〇二三年七月十五日"),
      why="“○”是几何符号、“0”是阿拉伯数字，混在汉字里字形大小不一；GB/T 15835 规定年份中的零写作“〇”",
      fix="safe")
def check_year_zero(ctx: Context):
    for article in ctx.articles():
        for fld, i, text, start in _texts(ctx, article):
            if "年" not in text:
                continue
            for m in _CN_YEAR_RE.finditer(text, start):
                year = m.group(0)
                if not any(ch in "一二三四五六七八九" for ch in year) or not any(ch in _BAD_ZEROS for ch in year):
                    continue
                bad = [k for k, ch in enumerate(year) if ch in _BAD_ZEROS]
                right = "".join("〇" if ch in _BAD_ZEROS else ch for ch in year)
                fix = Fix(f"改为“{right}年”", tuple(Edit(article.id, fld, m.start() + k, m.start() + k + 1, "〇", i)
                                                  for k in bad))
                yield diagnostic(ctx, "numbers.year-zero",
                                 f"年份“{year}年”中的“{year[bad[0]]}”应写作“〇”（GB/T 15835）",
                                 article=article, field=fld, block_index=i, offset=m.start() + bad[0], length=1,
                                 fix=fix)


def _running_years(article: Article) -> list[tuple[int, int, int, bool]]:
    """(block, start, end, chinese) of each year in the body's running text, outside 《》 titles."""
    years = []
    for i, b in enumerate(article.body):
        text = b.text
        if b.kind not in PROSE_KINDS or "年" not in text:
            continue
        titles = [m.span() for m in _BOOK_TITLE_RE.finditer(text)] if "《" in text else []
        for chinese, pattern in ((False, _ARABIC_YEAR_RE), (True, _CN_YEAR_RE)):
            for m in pattern.finditer(text):
                if any(a <= m.start() < b for a, b in titles):
                    continue
                if chinese and not all(ch in "〇○零0OＯ０一二三四五六七八九" for ch in m.group(0)):
                    continue
                if chinese and not any(ch in "一二三四五六七八九" for ch in m.group(0)):
                    continue
                years.append((i, m.start(), m.end(), chinese))
    years.sort()
    return years


@rule("numbers.year-style", "numbers", "info", "同一篇正文里年份有的写“2023年”，有的写“二〇二三年”",
      Example(bad="到2025年，基本建立制度型开放体系。\n\n到二〇三〇年，全面建成开放型经济新体制。",
              good="到2025年，基本建立制度型开放体系。\n\n到2030年，全面建成开放型经济新体制。"),
      why="GB/T 15835 要求同一文本中数字形式前后一致；两种写法混用多半是两份材料拼在了一起（成文日期和标题不在此列）")
def check_year_style(ctx: Context):
    for article in ctx.articles():
        years = _running_years(article)
        styles = Counter(chinese for *_, chinese in years)
        if len(styles) < 2:
            continue
        # The rarer style is the odd one out; on a tie, the one that comes second.
        odd_style = min(styles, key=lambda s: (styles[s], -next(k for k, y in enumerate(years) if y[3] == s)))
        odd = next(y for y in years if y[3] == odd_style)
        usual = next(y for y in years if y[3] != odd_style)
        shown = lambda y: article.body[y[0]].text[y[1]:y[2]] + "年"     # noqa: E731
        yield diagnostic(ctx, "numbers.year-style",
                         f"年份写法不统一：此处写“{shown(odd)}”，本文其他地方写“{shown(usual)}”"
                         f"（{styles[not odd_style]} 处），同一文本应一致（GB/T 15835）",
                         article=article, block_index=odd[0], offset=odd[1], length=odd[2] - odd[1],
                         related=[related_to(article, f"本文多数写作“{shown(usual)}”", block_index=usual[0],
                                             offset=usual[1], length=usual[2] - usual[1])])


@rule("numbers.bad-date", "numbers", "error", "日期不存在（如“2月30日”“4月31日”“13月”）",
      Example(bad="本办法自2023年2月30日起施行。", good="本办法自2023年3月1日起施行。"),
      why="不存在的日期一定是录入错误，而施行日期、截止日期写错会误导读者")
def check_bad_date(ctx: Context):
    for article in ctx.articles():
        for fld, i, text, start in _texts(ctx, article):
            for d in find_dates(text, start):
                if d.exists and (d.year is None or d.on(d.year) is not None):
                    continue
                written = text[d.start:d.end]
                if d.month is None or d.day is None:
                    why = "月份或日子写法无法识别"
                elif not 1 <= d.month <= 12:
                    why = f"没有 {d.month} 月"
                elif d.month == 2 and d.day == 29:
                    why = f"{d.year} 年不是闰年，2 月没有 29 日"
                else:
                    why = f"{d.month} 月没有 {d.day} 日"
                yield diagnostic(ctx, "numbers.bad-date", f"日期“{written}”不存在：{why}", article=article,
                                 field=fld, block_index=i, offset=d.start, length=d.end - d.start)


@rule("numbers.day-hao", "numbers", "warning", "日期的“日”写成了“号”（如“7月21号”）",
      Example(bad="7月21号，国家发展改革委等部门印发了《关于促进电子产品消费的若干措施》。",
              good="7月21日，国家发展改革委等部门印发了《关于促进电子产品消费的若干措施》。"),
      why="“号”表示日子是口语，书面语写“日”（GB/T 15835 的示例均作“日”）；文号、门牌、楼号中的“号”不受影响",
      fix="confirm")
def check_day_hao(ctx: Context):
    for article in ctx.articles():
        for fld, i, text, start in _texts(ctx, article, dated=False):
            if "号" not in text:
                continue
            for d in find_dates(text, start):
                if d.suffix != "号" or text[d.end:d.end + 1] in _NOT_A_DAY_AFTER and d.end < len(text):
                    continue
                written = text[d.start:d.end]
                fix = Fix(f"改为“{written[:-1]}日”", (Edit(article.id, fld, d.end - 1, d.end, "日", i),), safe=False)
                yield diagnostic(ctx, "numbers.day-hao", f"日期“{written}”中的“号”在书面语中应写作“日”",
                                 article=article, field=fld, block_index=i, offset=d.end - 1, length=1, fix=fix)
