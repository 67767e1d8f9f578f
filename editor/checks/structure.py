"""Article structure: lists whose items end inconsistently, articles without a body, missing images."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..content import ARTICLES_DIR
from ..conventions import match_note_label
from ..model import Article, BlockKind
from ..paths import resolved
from .framework import Context, Edit, Example, Fix, diagnostic, rule
from .numbering import analysis_of
from .textscan import MAX_CHECKED_CELLS

_ENDINGS = {";": "；", "；": "；", "。": "。"}


def _siblings(ctx: Context, article: Article) -> list[list[int]]:
    """Block indices of each group of numbered siblings (one series under one parent)."""
    def compute():
        analysis = analysis_of(ctx, article)
        groups: dict[int, list[int]] = {}
        group_of: dict[int, int] = {}
        for i in sorted(analysis.outline):
            node = analysis.outline[i]
            prev = node.previous
            g = group_of[prev] if prev is not None and not node.reopened and prev in group_of else i
            group_of[i] = g
            groups.setdefault(g, []).append(i)
        return list(groups.values())
    return ctx.cached(("siblings", article.id), compute)


def _lists(ctx: Context, article: Article) -> list[list[int]]:
    """Block indices of each list: sibling numbered items, or a run of bulleted items."""
    lists = list(_siblings(ctx, article))
    run: list[int] = []
    for i, b in enumerate(article.body + [None]):
        if b is not None and b.kind is BlockKind.LIST_ITEM:
            run.append(i)
            continue
        if run:
            lists.append(run)
            run = []
    return [items for items in lists if len(items) >= 3]


def _ending(text: str) -> str:
    t = text.rstrip()
    return _ENDINGS.get(t[-1:], t[-1:]) if t else ""


@rule("structure.item-ending", "structure", "warning", "同一列表各项的结尾标点不一致（；与。混用）",
      Example(bad="1、优质数据流通支持申请表；\n\n2、各交易企业的数据交易所交易凭证复印件。\n\n"
                  "3、数据交易所支持各交易企业的证明材料；\n\n4、各交易企业的营业执照复印件。",
              good="1、优质数据流通支持申请表；\n\n2、各交易企业的数据交易所交易凭证复印件；\n\n"
                   "3、数据交易所支持各交易企业的证明材料；\n\n4、各交易企业的营业执照复印件。"),
      why="同一列表各项结尾标点应一致，混用多半是拼接所致", fix="confirm")
def check_item_ending(ctx: Context):
    for article in ctx.articles():
        for items in _lists(ctx, article):
            inner = items[:-1]          # the last item legitimately closes the list with 。
            ends = {i: _ending(article.body[i].text) for i in inner}
            for usual, odd in (("；", "。"), ("。", "；")):
                n = sum(1 for e in ends.values() if e == usual)
                if n < 2 or n * 3 < len(inner) * 2:
                    continue
                for i in inner:
                    if ends[i] == usual:
                        continue
                    if ends[i] != odd and not (usual == "；" and ends[i] in ("", "，", ",")):
                        continue
                    text = article.body[i].text.rstrip()
                    shown = f"以“{ends[i]}”结尾" if ends[i] else "没有结尾标点"
                    pos = len(text) - (1 if ends[i] else 0)
                    at = pos if ends[i] else max(pos - 1, 0)
                    fix = Fix(f"改为“{usual}”", (Edit(article.id, "body", pos, len(text), usual, i),), safe=False)
                    yield diagnostic(ctx, "structure.item-ending",
                                     f"列表各项结尾不一致：同一列表的其他项以“{usual}”结尾，这一项{shown}",
                                     article=article, block_index=i, offset=at, length=1, fix=fix)
                break


@rule("structure.heading-ending", "structure", "info", "同一级小标题有的带句号、有的不带",
      Example(bad="（一）指导思想。\n\n以习近平新时代中国特色社会主义思想为指导。\n\n（二）试点目标\n\n建立健全智能建造政策体系。",
              good="（一）指导思想。\n\n以习近平新时代中国特色社会主义思想为指导。\n\n（二）试点目标。\n\n建立健全智能建造政策体系。"),
      why="同级小标题结尾应一致，有的带句号有的不带，版面不齐", fix="confirm")
def check_heading_ending(ctx: Context):
    for article in ctx.articles():
        for group in _siblings(ctx, article):
            heads = [i for i in group if article.body[i].kind is BlockKind.HEADING]
            if len(heads) < 2:
                continue
            with_stop = [i for i in heads if article.body[i].text.rstrip().endswith("。")]
            if not with_stop or len(with_stop) == len(heads):
                continue
            # The minority is the odd one out; on a tie, the form of the first heading wins.
            first_has = heads[0] in with_stop
            keep_stop = len(with_stop) * 2 > len(heads) or (len(with_stop) * 2 == len(heads) and first_has)
            odd = [i for i in heads if (i in with_stop) != keep_stop]
            for i in odd:
                text = article.body[i].text.rstrip()
                if keep_stop:
                    edit, what = Edit(article.id, "body", len(text), len(text), "。", i), "没有句号"
                else:
                    edit, what = Edit(article.id, "body", len(text) - 1, len(text), "", i), "带句号"
                others = "带句号" if keep_stop else "不带句号"
                yield diagnostic(ctx, "structure.heading-ending",
                                 f"同一级的其他小标题{others}，这一个{what}", article=article, block_index=i,
                                 offset=max(len(text) - 1, 0), length=1,
                                 fix=Fix("加上句号" if keep_stop else "删去句号", (edit,), safe=False))


@rule("structure.empty", "structure", "error", "文章没有正文",
      Example(bad="（正文为空，只有标题）", good="网络安全保险是为网络安全风险提供保险保障的新兴险种……", field=""),
      why="没有正文的文章会排出一个空标题", fix="none")
def check_empty(ctx: Context):
    for article in ctx.articles():
        if not any((b.text or b.rows or b.src) for b in article.body):
            yield diagnostic(ctx, "structure.empty", "文章没有正文", article=article, field="title")


@rule("structure.table-large", "structure", "info", "表格太大，超出的格子未检查标点与数字",
      Example(bad="（一张 40 列、100 行的表格：4000 格）", good="（一张 5 列、20 行的表格）", field=""),
      why="逐格检查的工作量随格数的平方增长，太大的表格只检查前面的部分，并在这里说明", fix="none")
def check_table_large(ctx: Context):
    for article in ctx.articles():
        for i, b in enumerate(article.body):
            cells = sum(len(r) for r in b.rows) if b.kind is BlockKind.TABLE and b.rows else 0
            if cells > MAX_CHECKED_CELLS:
                yield diagnostic(ctx, "structure.table-large",
                                 f"表格有 {cells} 格，只检查了前 {MAX_CHECKED_CELLS} 格的标点与数字",
                                 article=article, block_index=i, offset=0, length=0)


@rule("structure.image-missing", "structure", "error", "正文引用的图片文件不存在",
      Example(bad="![数据交易示意图](../images/示意图.png)（images/ 下没有这个文件）",
              good="![数据交易示意图](../images/示意图.png)（文件在 images/ 下）", field=""),
      why="找不到的图片排版时只能留空", fix="none")
def check_images(ctx: Context):
    world = ctx.world
    if world.folder is None:
        return          # an issue made in memory: nothing on disk to compare with
    for article in ctx.articles():
        # an article not saved yet will be written to articles/<id>.md
        base = PurePosixPath(article.path or f"{ARTICLES_DIR}/{article.id}.md").parent
        for i, b in enumerate(article.body):
            if b.kind is not BlockKind.IMAGE or not b.src or "://" in b.src:
                continue
            if not world.exists(base / b.src):
                where = world.path(base / b.src)
                why = _unreadable(where) if where is not None else None
                text = (f"图片“{b.src}”无法读取：{why}" if why else
                        f"找不到图片“{b.src}”（应在 {resolved(where) if where is not None else b.src}）")
                yield diagnostic(ctx, "structure.image-missing", text,
                                 article=article, block_index=i, offset=0, length=0)


def _unreadable(path) -> str | None:
    """Why a picture that is there cannot be read (a folder, a FIFO, a device, a link loop); None
    when it is simply not there."""
    from ..safeio import ReadRefused, check_regular

    try:
        check_regular(path)
    except ReadRefused as exc:
        return None if exc.missing else exc.reason
    return None


@rule("structure.note-label", "structure", "info", "编者按的文字又以“编者按：”开头（版面已有“编者按”标题，排版时略去）",
      Example(bad="> 编者按：近日，国家发展改革委等部门印发了《关于促进电子产品消费的若干措施》。",
              good="> 近日，国家发展改革委等部门印发了《关于促进电子产品消费的若干措施》。"),
      why="版面已有“编者按”标题，正文再写一次就重复了", fix="safe")
def check_note_label(ctx: Context):
    for article in ctx.articles():
        if not article.editor_note:
            continue
        # the label compose drops at typesetting (conventions.match_note_label): the same definition
        label = match_note_label(article.editor_note[0].text)
        if label:
            fix = Fix(f"删去“{label.label}”", (Edit(article.id, "editor_note", 0, label.end, "", 0),))
            yield diagnostic(ctx, "structure.note-label",
                             f"编者按的文字以“{label.label}”开头：版面已有“编者按”标题，这几个字多余（排版时略去）",
                             article=article, field="editor_note", block_index=0, offset=0, length=label.end,
                             fix=fix)


@rule("structure.title-punct", "structure", "warning", "标题末尾不加句号等标点（GB/T 9704）",
      Example(bad="关于促进电子产品消费的若干措施。", good="关于促进电子产品消费的若干措施", field="title"),
      why="公文标题末尾不加标点（GB/T 9704）", fix="safe")
def check_title_punct(ctx: Context):
    for article in ctx.articles():
        for fld in ("title", "toc_title"):
            text = getattr(article, fld) or ""
            stripped = text.rstrip()
            end = len(stripped)
            while end and stripped[end - 1] in "。.，,；;：:、":
                end -= 1
            if end == len(stripped) or not end:
                continue
            yield diagnostic(ctx, "structure.title-punct", f"标题末尾多了标点“{stripped[end:]}”",
                             article=article, field=fld, offset=end, length=len(stripped) - end,
                             fix=Fix(f"删去“{stripped[end:]}”", (Edit(article.id, fld, end, len(text), ""),)))


@rule("structure.addressee-colon", "structure", "warning", "主送机关末尾应有全角冒号“：”",
      Example(bad="addressee = \"各省、自治区、直辖市人民政府，国务院各部委、各直属机构\"",
              good="addressee = \"各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\"", field=""),
      why="主送机关后用全角冒号（GB/T 9704）", fix="safe")
def check_addressee_colon(ctx: Context):
    for article in ctx.articles():
        text = article.addressee or ""
        stripped = text.rstrip()
        if not stripped or stripped.endswith(("：", ":")):    # a half-width colon: punctuation.halfwidth
            continue
        cut = len(stripped) - 1 if stripped[-1] in "，,。；;" else len(stripped)
        yield diagnostic(ctx, "structure.addressee-colon",
                         "主送机关末尾应为全角冒号“：”", article=article, field="addressee",
                         offset=cut, length=len(stripped) - cut,
                         fix=Fix("末尾改为“：”", (Edit(article.id, "addressee", cut, len(text), "："),)))


_LINK_RE = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


@rule("structure.link", "structure", "warning", "原文链接不是完整的网址（二维码扫出来打不开）",
      Example(bad="link = \"www.gov.cn/zhengce/content/2023-07/21/content_6893420.htm\"",
              good="link = \"https://www.gov.cn/zhengce/content/2023-07/21/content_6893420.htm\"", field=""),
      why="不完整的网址排成二维码后扫不开", fix="confirm")
def check_link(ctx: Context):
    for article in ctx.articles():
        link = article.link
        if not link or _LINK_RE.match(link.strip()):
            continue
        bare = re.match(r"^(?:www\.|[\w-]+\.(?:gov|com|cn|org|net)\b)\S*$", link.strip())
        fix = Fix("前面加上“https://”", (Edit(article.id, "link", 0, 0, "https://"),), safe=False) if bare else None
        yield diagnostic(ctx, "structure.link",
                         f"原文链接“{link}”不是以 http:// 或 https:// 开头的完整网址，排出的二维码扫出来打不开",
                         article=article, field="link", offset=0, length=len(link), fix=fix)
