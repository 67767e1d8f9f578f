"""文号: 机关代字〔2023〕95号 — 六角括号, no spaces, no 第, no leading zeros, a plausible year.

The 文号 are found by editor.conventions, once per article per check run (doc_numbers).

GB/T 9704-2012 writes the year in 六角括号 〔〕; [2023], 【2023】, (2023) and
［2023］ are common mistakes. Both the article's own 文号 (front matter) and
文号 cited in the text, e.g. （建市〔2020〕60 号）, are checked.
"""

from __future__ import annotations

from ..conventions import DocNumber, find_doc_numbers, parse_doc_number
from ..model import Article
from .framework import Context, Edit, Example, Fix, diagnostic, rule
from .textscan import prose_texts

# The article's own 文号 may be a little older than the issue (a bulletin reprints recent documents).
MAX_AGE_YEARS = 3


def doc_numbers(ctx: Context, article: Article) -> list[tuple[str, int | None, DocNumber]]:
    """(field, block index, 文号) of each 文号 in the front matter and in the text, found once per
    article per check run and shared by the rules."""
    def compute():
        found = []
        if article.doc_number:
            found += [("doc_number", None, d) for d in find_doc_numbers(article.doc_number, orders=False)]
        for fld, i, block, start in prose_texts(article):
            found += [(fld, i, d) for d in find_doc_numbers(block.text, start, orders=False)]
        return found
    return ctx.cached(("doc-numbers", article.id), compute)


def _shown(d: DocNumber) -> str:
    return d.text[d.open_at - d.start:] if len(d.agency) > 8 else d.text


def _all(ctx: Context):
    for article in ctx.articles():
        for fld, i, d in doc_numbers(ctx, article):
            yield article, fld, i, d


@rule("doc-number.bracket", "doc-number", "error", "文号年份未用六角括号〔〕",
      Example(bad="工信部联网安[2023]95号", good="工信部联网安〔2023〕95号", field="doc_number"),
      why="文号年份用六角括号〔〕（GB/T 9704），方括号、圆括号是常见的录入错误", fix="safe")
def check_bracket(ctx: Context):
    for article, fld, i, d in _all(ctx):
        if d.opening == "〔" and d.closing == "〕":
            continue
        edits = []
        if d.opening != "〔":
            edits.append(Edit(article.id, fld, d.open_at, d.open_at + 1, "〔", i))
        if d.closing != "〕":
            edits.append(Edit(article.id, fld, d.close_at, d.close_at + 1, "〕", i))
        yield diagnostic(ctx, "doc-number.bracket",
                         f"文号“{_shown(d)}”的年份应写在六角括号〔〕中，而不是“{d.bracket}”",
                         article=article, field=fld, block_index=i, offset=d.open_at,
                         length=d.close_at + 1 - d.open_at, fix=Fix("改用六角括号〔〕", tuple(edits)))


@rule("doc-number.space", "doc-number", "warning", "文号中有空格（如“53 号”）",
      Example(bad="渝府办发〔2023〕53 号", good="渝府办发〔2023〕53号", field="doc_number"),
      why="文号中间不留空格，PDF 复制常带进空格", fix="safe")
def check_space(ctx: Context):
    for article, fld, i, d in _all(ctx):
        spaces = d.spaces
        if not spaces:
            continue
        msg = f"文号“{_shown(d)}”中" + ("“号”前" if d.space_before_hao and len(spaces) == 1 else "") + "不应有空格"
        yield diagnostic(ctx, "doc-number.space", msg, article=article, field=fld, block_index=i,
                         offset=spaces[0][0], length=spaces[0][1] - spaces[0][0],
                         fix=Fix("删去空格", tuple(Edit(article.id, fld, a, b, "", i) for a, b in spaces)))


@rule("doc-number.form", "doc-number", "warning", "文号序号前加了“第”或补了 0",
      Example(bad="国办发〔2023〕第05号", good="国办发〔2023〕5号", field="doc_number"),
      why="文号序号不加“第”、不编虚位（GB/T 9704）", fix="safe")
def check_form(ctx: Context):
    for article, fld, i, d in _all(ctx):
        seq = d.sequence
        zeros = d.leading_zeros
        if not d.di and not zeros:
            continue
        edits, what = [], []
        if d.di:
            edits.append(Edit(article.id, fld, d.di_at, d.di_at + len(d.di), "", i))
            what.append("不加“第”")
        if zeros:
            edits.append(Edit(article.id, fld, d.seq_at, d.seq_at + zeros, "", i))
            what.append("不编虚位（不补 0）")
        yield diagnostic(ctx, "doc-number.form", f"文号“{_shown(d)}”的序号应{'、'.join(what)}",
                         article=article, field=fld, block_index=i, offset=d.di_at,
                         length=d.seq_at + len(seq) - d.di_at, fix=Fix("改为“" + seq[zeros:] + "号”", tuple(edits)))


@rule("doc-number.year", "doc-number", "warning", "文号年份与本期日期不相称",
      Example(bad="渝府办发〔2032〕53号", good="渝府办发〔2023〕53号", field="doc_number"),
      why="文号年份晚于本期，或比本期早很多年，多半是打错了或选错了文件", fix="none")
def check_year(ctx: Context):
    this_year = ctx.issue.date.year
    for article, fld, i, d in _all(ctx):
        year = d.year
        if year > this_year:
            msg = f"文号“{_shown(d)}”的年份 {year} 晚于本期日期（{ctx.issue.date.year} 年），请核对"
        elif fld == "doc_number" and year < this_year - MAX_AGE_YEARS:
            msg = f"文号“{_shown(d)}”的年份 {year} 比本期早 {this_year - year} 年，请核对是否为新近的文件"
        else:
            continue
        yield diagnostic(ctx, "doc-number.year", msg, article=article, field=fld, block_index=i,
                         offset=d.year_at, length=4)


@rule("doc-number.unrecognized", "doc-number", "info", "文号写法无法识别（应为 机关代字〔年份〕序号号）",
      Example(bad="工信部联网安2023年95号", good="工信部联网安〔2023〕95号", field="doc_number"),
      why="认不出的文号无法与发文机关核对", fix="none")
def check_unrecognized(ctx: Context):
    for article in ctx.articles():
        # 国务院令第708号 has no year to check, but is a 文号 all the same
        if (article.doc_number and not any(fld == "doc_number" for fld, _, _ in doc_numbers(ctx, article))
                and parse_doc_number(article.doc_number) is None):
            yield diagnostic(ctx, "doc-number.unrecognized",
                             f"无法识别文号“{article.doc_number}”：应写成“机关代字〔年份〕序号号”，例如“国办发〔2023〕1号”",
                             article=article, field="doc_number", length=len(article.doc_number))
