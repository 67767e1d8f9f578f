"""文号: 机关代字〔2023〕95号 — 六角括号, no spaces, no 第, no leading zeros, a plausible year.

GB/T 9704-2012 writes the year in 六角括号 〔〕; [2023], 【2023】, (2023) and
［2023］ are common mistakes. Both the article's own 文号 (front matter) and
文号 cited in the text, e.g. （建市〔2020〕60 号）, are checked.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Article
from .framework import Context, Edit, Example, Fix, diagnostic, rule
from .textscan import DOC_NUMBER_RE, prose_texts

# The article's own 文号 may be a little older than the issue (a bulletin reprints recent documents).
MAX_AGE_YEARS = 3
_SPACE_GROUPS = ("sp1", "sp2", "sp3", "sp4", "sp5")


def _occurrences(article: Article) -> Iterator[tuple[str, int | None, re.Match[str]]]:
    """(field, block index, match) of each 文号 in the front matter and in the text."""
    if article.doc_number:
        for m in DOC_NUMBER_RE.finditer(article.doc_number):
            yield "doc_number", None, m
    for fld, i, block, start in prose_texts(article):
        text = block.text
        if "号" not in text:
            continue
        for m in DOC_NUMBER_RE.finditer(text, start):
            yield fld, i, m


def _shown(m: re.Match[str]) -> str:
    return m.group(0)[m.start("open") - m.start(0):] if len(m.group("agency")) > 8 else m.group(0)


def _all(ctx: Context):
    for article in ctx.articles():
        for fld, i, m in _occurrences(article):
            yield article, fld, i, m


@rule("doc-number.bracket", "doc-number", "error", "文号年份未用六角括号〔〕",
      Example(bad="工信部联网安[2023]95号", good="工信部联网安〔2023〕95号", field="doc_number"))
def check_bracket(ctx: Context):
    for article, fld, i, m in _all(ctx):
        if m.group("open") == "〔" and m.group("close") == "〕":
            continue
        edits = []
        if m.group("open") != "〔":
            edits.append(Edit(article.id, fld, m.start("open"), m.end("open"), "〔", i))
        if m.group("close") != "〕":
            edits.append(Edit(article.id, fld, m.start("close"), m.end("close"), "〕", i))
        yield diagnostic(ctx, "doc-number.bracket",
                         f"文号“{_shown(m)}”的年份应写在六角括号〔〕中，而不是“{m.group('open')}{m.group('close')}”",
                         article=article, field=fld, block_index=i, offset=m.start("open"),
                         length=m.end("close") - m.start("open"), fix=Fix("改用六角括号〔〕", tuple(edits)))


@rule("doc-number.space", "doc-number", "warning", "文号中有空格（如“53 号”）",
      Example(bad="渝府办发〔2023〕53 号", good="渝府办发〔2023〕53号", field="doc_number"))
def check_space(ctx: Context):
    for article, fld, i, m in _all(ctx):
        spaces = [(m.start(g), m.end(g)) for g in _SPACE_GROUPS if m.group(g)]
        if not spaces:
            continue
        before_hao = bool(m.group("sp5"))
        msg = f"文号“{_shown(m)}”中" + ("“号”前" if before_hao and len(spaces) == 1 else "") + "不应有空格"
        yield diagnostic(ctx, "doc-number.space", msg, article=article, field=fld, block_index=i,
                         offset=spaces[0][0], length=spaces[0][1] - spaces[0][0],
                         fix=Fix("删去空格", tuple(Edit(article.id, fld, a, b, "", i) for a, b in spaces)))


@rule("doc-number.form", "doc-number", "warning", "文号序号前加了“第”或补了 0",
      Example(bad="国办发〔2023〕第05号", good="国办发〔2023〕5号", field="doc_number"))
def check_form(ctx: Context):
    for article, fld, i, m in _all(ctx):
        seq = m.group("seq")
        zeros = len(seq) - len(seq.lstrip("0０")) if len(seq) > 1 else 0
        zeros = min(zeros, len(seq) - 1)
        if not m.group("di") and not zeros:
            continue
        edits, what = [], []
        if m.group("di"):
            edits.append(Edit(article.id, fld, m.start("di"), m.end("di"), "", i))
            what.append("不加“第”")
        if zeros:
            edits.append(Edit(article.id, fld, m.start("seq"), m.start("seq") + zeros, "", i))
            what.append("不编虚位（不补 0）")
        yield diagnostic(ctx, "doc-number.form", f"文号“{_shown(m)}”的序号应{'、'.join(what)}",
                         article=article, field=fld, block_index=i, offset=m.start("di"),
                         length=m.end("seq") - m.start("di"), fix=Fix("改为“" + seq[zeros:] + "号”", tuple(edits)))


@rule("doc-number.year", "doc-number", "warning", "文号年份与本期日期不相称",
      Example(bad="渝府办发〔2032〕53号", good="渝府办发〔2023〕53号", field="doc_number"))
def check_year(ctx: Context):
    this_year = ctx.issue.date.year
    for article, fld, i, m in _all(ctx):
        year = int(m.group("year"))
        if year > this_year:
            msg = f"文号“{_shown(m)}”的年份 {year} 晚于本期日期（{ctx.issue.date.year} 年），请核对"
        elif fld == "doc_number" and year < this_year - MAX_AGE_YEARS:
            msg = f"文号“{_shown(m)}”的年份 {year} 比本期早 {this_year - year} 年，请核对是否为新近的文件"
        else:
            continue
        yield diagnostic(ctx, "doc-number.year", msg, article=article, field=fld, block_index=i,
                         offset=m.start("year"), length=4)


@rule("doc-number.unrecognized", "doc-number", "info", "文号写法无法识别（应为 机关代字〔年份〕序号号）",
      Example(bad="工信部联网安2023年95号", good="工信部联网安〔2023〕95号", field="doc_number"))
def check_unrecognized(ctx: Context):
    for article in ctx.articles():
        if article.doc_number and DOC_NUMBER_RE.search(article.doc_number) is None:
            yield diagnostic(ctx, "doc-number.unrecognized",
                             f"无法识别文号“{article.doc_number}”：应写成“机关代字〔年份〕序号号”，例如“国办发〔2023〕1号”",
                             article=article, field="doc_number", length=len(article.doc_number))
