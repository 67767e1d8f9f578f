"""Recognising an article's parts in cleaned-up lines.

Head: the title (one or several lines), the 文号 in any bracket style and the
addressee line (…：). Body: numbered headings and items at every level (through
editor.body.make_block), unnumbered subheadings, signature and date lines,
attachments, tables. Tail: the source line in any of its forms.
"""

from __future__ import annotations

import re

from ..body import make_block, mark_signatures, settle_list_items
from ..conventions import find_doc_numbers, is_label_line, strip_label_prefix
from ..markers import parse_marker
from ..model import Article, Block, BlockKind, SourceLine
from .cleanup import Notes, Unit, remove_cjk_spaces
from .closing import take_closing
from .head import (RED_HEADER_RE, bracketed_note, broken_addressee, cover_closing, doc_number, find_title, is_addressee,  # noqa: F401
                   note_above_title, adoption_order, note_label, trailing_credit, order_header, promulgated_title,
                   split_glued_doc_number, split_title, title_lines_of, title_shaped)
from .matter import appendix_start, contents_span
from .paragraphs import join_paragraphs, split_glued_structure, wrap_width

_FOOTNOTE_MARK = re.compile(r"(?<=[\u4e00-\u9fff）》”])[ \u3000]*[\[［]\d{1,2}[\]］]$")


def build_article(units: list[Unit], notes: Notes, *, title_lines: list[str] | None = None,
                  editor_note: list[Unit] | None = None, article_id: str = "",
                  fallback_title: str = "", wrap: float | None = None) -> Article:
    """An Article from tidied units. `title_lines` given when the title is already known;
    `fallback_title` (a web page's <title>, a file name) used when the text has none; `wrap`: the
    wrap width of the whole bulletin the article comes from (measured on the article otherwise)."""
    i = 0
    number = addressee = None
    measured = wrap_width(units) if wrap is None else wrap
    if title_lines is None and editor_note is None and units and note_label(units[0].text) is not None:
        # Our bulletin sets the 编者按 above the title: the note runs to the first blank line.
        k = note_above_title(units)
        if k:
            first = units[0]
            rest = note_label(first.text)
            editor_note = ([Unit(rest, first.gap, first.hard, "", None, first.line, first.indent)] if rest else []) \
                + units[1:k]
            units = units[k:]
            measured = wrap_width(editor_note + units) if wrap is None else wrap
            notes.extra.append("文章开头的“编者按”已作为本文的编者按")
    if title_lines is None:
        # Above the title of an official document: the red header (国务院办公厅文件) and the 文号.
        order = False
        while i < min(len(units), 3) and units[i].rows is None:
            t = units[i].text
            if RED_HEADER_RE.match(t):
                notes.add("page")
            elif is_label_line(t) and i + 1 < len(units) and title_shaped(units[i + 1]):
                # 附件1 / 大纲4 above an attachment published on its own: its label, not its title
                notes.extra.append(f"标题上方的“{t.strip()}”是附件的标签，未作为标题")
            elif number is None and doc_number(t):
                number = doc_number(t)
            elif number is None and (k := order_header(units, i)):
                # 广州市人民政府令 / 第179号: an order, whose text promulgates the regulation below it
                number = doc_number("".join(u.text.strip() for u in units[i:i + k]))
                order = True
                i += k - 1
            else:
                break
            i += 1
        if order and (at := promulgated_title(units, i)) is not None:
            title_lines = [units[at].text.strip()]
            units = units[:at] + units[at + 1:]
            notes.extra.append(f"命令公布的规章，标题取其名称：{title_lines[0]}")
        n = find_title(units[i:], measured) if title_lines is None else 0
        raw = [u.text for u in units[i:i + n]]
        i += n
        if title_lines is not None:
            pass
        elif len(raw) == 1:
            title_lines = split_title(raw[0])
        elif raw:
            title_lines = title_lines_of(raw)
        elif fallback_title:
            title_lines = [fallback_title]
            notes.extra.append(f"正文开头没有标题，暂用“{fallback_title}”作标题，请核对")
        else:
            title_lines = []
    if title_lines and (bare := strip_label_prefix(title_lines[0])) != title_lines[0]:
        notes.extra.append(f"标题前的“{title_lines[0][:len(title_lines[0]) - len(bare)].strip()}”是附件的标签，已去掉")
        title_lines = [bare.strip(), *title_lines[1:]]
    for k, line in enumerate(title_lines or []):
        if m := _FOOTNOTE_MARK.search(line):
            # 江西省2022年……统计公报[1]: a web page's footnote reference, not part of the title
            notes.extra.append(f"标题末尾的注释标号“{m.group(0).strip()}”已去掉")
            title_lines[k] = line[:m.start()].rstrip()
    cover = cover_closing(title_lines, units, i) if title_lines else None
    if cover is not None:
        # a report's cover: under the title, the issuing bodies and the month it was issued
        signed, dated, in_title, taken = cover
        title_lines = title_lines[:len(title_lines) - in_title]
        i += taken
        notes.extra.append("封面上标题下的发文机关和日期已作为署名和日期：" + "、".join(signed) + " " + dated)
    if title_lines:
        last, glued = split_glued_doc_number(title_lines[-1])
        if glued:
            title_lines = title_lines[:-1] + ([last] if last else [])
            number = number or glued
    title = "\n".join(t for t in title_lines if t)
    # An 编者按 pasted with the article stands between the title and the document's text.
    if editor_note is None and i < len(units) and units[i].rows is None and note_label(units[i].text) is not None:
        u = units[i]
        editor_note = [Unit(note_label(u.text), u.gap, u.hard, None, None, u.line, u.indent)]
        i += 1
        if not editor_note[0].text and i < len(units):      # "编者按" alone on its line
            editor_note = [units[i]]
            i += 1
        while (i < len(units) and units[i].rows is None and not units[i].gap
               and not is_addressee(units[i].text) and parse_marker(units[i].text) is None):
            editor_note.append(units[i])
            i += 1
        notes.extra.append("文章开头的“编者按”已作为本文的编者按")
    # The 文号 and the addressee come right after the title (a 文号 may also stand just above it).
    for _ in range(3):
        if i >= len(units) or units[i].rows is not None:
            break
        t = units[i].text
        if number is None and doc_number(t):
            number = doc_number(t)
        elif addressee is None and is_addressee(t):
            addressee = t.strip()
        elif addressee is None and (k := broken_addressee(units, i, measured)):
            addressee = "".join(u.text.strip() for u in units[i:i + k])
            i += k - 1
        else:
            break
        i += 1
    if addressee:
        # a PDF's line wrap leaves spaces inside the list of bodies (人力资源社会保障 厅（局）/ ， 解放军)
        addressee = re.sub(r"[ \u00a0]+(?=[，、：；（）])|(?<=[，、：；（）])[ \u00a0]+", "", remove_cjk_spaces(addressee)[0])
    if number is None and i < len(units) and units[i].rows is None and (cited := adoption_order(bracketed_note(units, i))):
        # （2021年7月27日中华人民共和国国务院令第746号公布）: the order that promulgated it is its 文号
        number = cited
        notes.extra.append(f"文号取自标题下的公布说明：{number}")
    if number is None and notes.meta_doc_number:
        number = notes.meta_doc_number
        notes.extra.append(f"文号取自网页信息表：{number}")
    if number is None:
        # a law collection's promulgation line: 2022年6月6日 中华人民共和国国家安全部令第2号公布
        cited = next((d for line in notes.info_lines for d in find_doc_numbers(line)), None)
        if cited is not None:
            number = cited.text
            notes.extra.append(f"文号取自公布信息：{number}")
    if notes.info_lines:
        notes.extra.append("标题下的公布信息未放入正文：" + "；".join(notes.info_lines))
    body_units = units[i:]
    paragraphs = split_glued_structure(join_paragraphs(body_units, notes, wrap), notes)
    blocks = [_block(u, notes) for u in paragraphs]
    if (span := contents_span(blocks)) is not None:
        del blocks[span[0]:span[1]]
        notes.extra.append(f"正文前的目录（{span[1] - span[0]} 行）未放入正文")
    note_blocks = []
    if editor_note:
        for u in join_paragraphs(editor_note, notes, wrap):
            text, n_sp = remove_cjk_spaces(u.text)
            notes.add("cjk_space", n_sp)
            note_blocks.append(Block(BlockKind.PARAGRAPH, text))
    source = None
    if blocks and blocks[-1].kind is BlockKind.PARAGRAPH and (credit := trailing_credit(blocks[-1].text)):
        # ……位列三县两区第一。（德清县发改局）: the text's own attribution, glued to its last paragraph
        blocks[-1] = make_block(blocks[-1].text[:-len(credit)].rstrip())
        blocks.append(Block(BlockKind.SOURCE, f"（来源：{credit.strip('（）() ')}）"))
        notes.extra.append(f"正文末尾的“{credit}”作为来源行")
    if blocks and blocks[-1].kind is BlockKind.SOURCE:
        source = SourceLine(blocks.pop().text)
    elif any(b.kind is BlockKind.SOURCE for b in blocks[:2]):
        # A web page puts 来源：新华社 under the title; the bulletin wants it at the end.
        top = next(b for b in blocks[:2] if b.kind is BlockKind.SOURCE)
        blocks.remove(top)
        source = SourceLine(top.text)
        notes.extra.append(f"来源行从文章开头移到末尾：{top.text}")
    elif notes.meta_source:
        # the page's 来源：能源局 field is not a line of the document: it says what the source line
        # names, written by us in the house form (an information table's 发文机关 is no source)
        source = SourceLine(f"（来源：{notes.meta_source}）")
        notes.extra.append(f"来源取自网页信息栏：{notes.meta_source}")
    appendix = appendix_start(blocks)
    if appendix is not None:
        at, appendix_name = appendix
        notes.extra.append(f"法律条文后的附录“{appendix_name}”（{len(blocks) - at} 段）未放入正文，已列为附件")
        del blocks[at:]
    _mark_subheadings(blocks)
    # The date line may be followed by a note such as （此件公开发布）, and a notice that forwards a
    # plan has its signature and date in the middle: sign what stands above every date line.
    for k, b in enumerate(blocks):
        if b.kind is BlockKind.DATE_LINE:
            mark_signatures(blocks[:k + 1])
    blocks, closing = take_closing(blocks)
    if closing.dropped:
        notes.extra.append("文末另一文件的开头或重复的发文机关未放入正文：" + "；".join(closing.dropped))
    settle_list_items(blocks)
    article = Article(id=article_id, title=title, doc_number=number, addressee=addressee,
                      link=notes.link or notes.page_address, editor_note=note_blocks, body=blocks, source=source)
    closing.apply(article)
    if appendix is not None and not article.attachments:
        article.attachments = [appendix[1]]
    if cover is not None and not article.signature and not article.date:
        article.signature, article.date = "\n".join(cover[0]), cover[1]
    if closing.moved:
        notes.extra.append("文末的" + "、".join(
            w for w, v in (("附件说明", closing.attachments), ("署名", closing.signature), ("成文日期", closing.date),
                           ("附注", closing.remark), ("版记", closing.keywords or closing.copy_to or closing.printed_by))
            if v) + "已填入文章信息")
    return article


def _block(u: Unit, notes: Notes) -> Block:
    if u.rows is not None:
        return Block(BlockKind.TABLE, "", rows=u.rows)
    text = u.text
    marker = parse_marker(text)
    head = marker.length if marker else 0
    rest, n = remove_cjk_spaces(text[head:])
    notes.add("cjk_space", n)
    text = text[:head] + rest
    if u.style == "subheading" and marker is None:
        return Block(BlockKind.SUBHEADING, text)
    if u.style == "list" and marker is None:
        return Block(BlockKind.LIST_ITEM, text)
    return make_block(text)


def _mark_subheadings(blocks: list[Block]) -> None:
    """A short unpunctuated line introducing numbered blocks is an unnumbered subheading."""
    for k in range(len(blocks) - 1):
        b = blocks[k]
        if b.kind is not BlockKind.PARAGRAPH or len(b.text) > 20 or re.search(r"[。，；：、,.;:!?！？]", b.text):
            continue
        if blocks[k + 1].marker is None or k == 0 and len(blocks) < 3:
            continue
        b.kind = BlockKind.SUBHEADING
