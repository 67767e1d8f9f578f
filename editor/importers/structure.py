"""Recognising an article's parts in cleaned-up lines.

Head: the title (one or several lines), the 文号 in any bracket style and the
addressee line (…：). Body: numbered headings and items at every level (through
editor.body.make_block), unnumbered subheadings, signature and date lines,
attachments, tables. Tail: the source line in any of its forms.
"""

from __future__ import annotations

import re

from ..body import make_block, mark_signatures, settle_list_items
from ..markers import parse_marker
from ..model import Article, Block, BlockKind, SourceLine
from ..conventions import CJK, is_date_line, match_note_label, parse_doc_number, parse_source
from .cleanup import Notes, Unit, ends_sentence, remove_cjk_spaces
from .paragraphs import join_paragraphs, visual_width, wrap_width

# The red header of an official document: 国务院办公厅文件 / 中共某某委员会文件
_RED_HEADER_RE = re.compile(rf"^[{CJK}（）()、 ]{{2,30}}文件$")
# Title continuation that is only a period in brackets: （2023—2025年）
_YEARS_LINE_RE = re.compile(r"^[（(][\d\s—\-－–~～至年度]+[)）]$")
# Words naming an issuing body, for keeping "工业和信息化部 国家金融监督管理总局" on one title line.
_ORG_END = tuple("部局委院厅办署会府行室处社") + ("总局", "政府", "中心", "银行")


def doc_number(text: str) -> str | None:
    """The 文号 a head line is, as written (国办发〔2023〕14号, （国办发〔2023〕14 号）, 发文字号：…)."""
    parsed = parse_doc_number(text)
    return parsed.text if parsed else None


def is_addressee(text: str) -> bool:
    """各省、自治区、直辖市人民政府，国务院各部委、各直属机构：  (a line naming who the document is for)."""
    t = text.strip()
    if not t.endswith(("：", ":")) or len(t) > 200 or len(t) < 3:
        return False
    if any(ch in t for ch in "。；;！？") or parse_marker(t) is not None or parse_source(t):
        return False
    body = t[:-1]
    return body.startswith("各") or "、" in body or "，" in body or body.endswith(_ORG_END)


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


def _note_label(text: str) -> str | None:
    """The text after an 编者按 label (编者按： / 【编者按】), or None when `text` has none."""
    t = text.strip()
    label = match_note_label(t)
    return t[label.end:] if label else None


def _title_lines(raw: list[str]) -> list[str]:
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
    if doc_number(t) or is_addressee(t) or is_date_line(t) or parse_source(t) or _note_label(t) is not None:
        return False
    if not first and _YEARS_LINE_RE.match(t):
        return True
    if parse_marker(t) is not None or (t.startswith(("（", "(")) and not first):
        return False
    return not ends_sentence(t) and not t.endswith(("，", ",", "：", ":")) and not any(ch in t for ch in "，。；")


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
        n += 1
        if n < len(units) and units[n].gap and not _YEARS_LINE_RE.match(units[n].text):
            # A blank line after a title line ends the title, unless the next line is clearly
            # its continuation (short, unpunctuated, followed by the 文号 or the body).
            nxt = units[n].text
            if len(nxt) > 30 or not _looks_like_title_continuation(units, n):
                break
    return n


def _looks_like_title_continuation(units: list[Unit], i: int) -> bool:
    t = units[i].text
    if not _title_line_ok(units[i], False) or len(t) > 30:
        return False
    after = units[i + 1].text if i + 1 < len(units) else ""
    return bool(doc_number(after) or is_addressee(after) or (after and len(after) > 40))


def build_article(units: list[Unit], notes: Notes, *, title_lines: list[str] | None = None,
                  editor_note: list[Unit] | None = None, article_id: str = "",
                  fallback_title: str = "", wrap: float | None = None) -> Article:
    """An Article from tidied units. `title_lines` given when the title is already known;
    `fallback_title` (a web page's <title>, a file name) used when the text has none; `wrap`: the
    wrap width of the whole bulletin the article comes from (measured on the article otherwise)."""
    i = 0
    number = addressee = None
    measured = wrap_width(units) if wrap is None else wrap
    if title_lines is None and editor_note is None and units and _note_label(units[0].text) is not None:
        # Our bulletin sets the 编者按 above the title: the note runs to the first blank line.
        k = _note_above_title(units)
        if k:
            first = units[0]
            rest = _note_label(first.text)
            editor_note = ([Unit(rest, first.gap, first.hard, "", None, first.line, first.indent)] if rest else []) \
                + units[1:k]
            units = units[k:]
            measured = wrap_width(editor_note + units) if wrap is None else wrap
            notes.extra.append("文章开头的“编者按”已作为本文的编者按")
    if title_lines is None:
        # Above the title of an official document: the red header (国务院办公厅文件) and the 文号.
        while i < min(len(units), 3) and units[i].rows is None:
            t = units[i].text
            if _RED_HEADER_RE.match(t):
                notes.add("page")
            elif number is None and doc_number(t):
                number = doc_number(t)
            else:
                break
            i += 1
        n = find_title(units[i:], measured)
        raw = [u.text for u in units[i:i + n]]
        i += n
        if len(raw) == 1:
            title_lines = split_title(raw[0])
        elif raw:
            title_lines = _title_lines(raw)
        elif fallback_title:
            title_lines = [fallback_title]
            notes.extra.append(f"正文开头没有标题，暂用“{fallback_title}”作标题，请核对")
        else:
            title_lines = []
    title = "\n".join(t for t in title_lines if t)
    # An 编者按 pasted with the article stands between the title and the document's text.
    if editor_note is None and i < len(units) and units[i].rows is None and _note_label(units[i].text) is not None:
        u = units[i]
        editor_note = [Unit(_note_label(u.text), u.gap, u.hard, None, None, u.line, u.indent)]
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
        elif addressee is None and (k := _broken_addressee(units, i, measured)):
            addressee = "".join(u.text.strip() for u in units[i:i + k])
            i += k - 1
        else:
            break
        i += 1
    if number is None and notes.meta_doc_number:
        number = notes.meta_doc_number
        notes.extra.append(f"文号取自网页信息表：{number}")
    body_units = units[i:]
    paragraphs = join_paragraphs(body_units, notes, wrap)
    blocks = [_block(u, notes) for u in paragraphs]
    note_blocks = []
    if editor_note:
        for u in join_paragraphs(editor_note, notes, wrap):
            text, n_sp = remove_cjk_spaces(u.text)
            notes.add("cjk_space", n_sp)
            note_blocks.append(Block(BlockKind.PARAGRAPH, text))
    source = None
    if blocks and blocks[-1].kind is BlockKind.SOURCE:
        source = SourceLine(blocks.pop().text)
    elif any(b.kind is BlockKind.SOURCE for b in blocks[:2]):
        # A web page puts 来源：新华社 under the title; the bulletin wants it at the end.
        top = next(b for b in blocks[:2] if b.kind is BlockKind.SOURCE)
        blocks.remove(top)
        source = SourceLine(top.text)
        notes.extra.append(f"来源行从文章开头移到末尾：{top.text}")
    elif notes.meta_source:
        source = SourceLine(f"（来源：{notes.meta_source}）")   # written by us: in the house form
        notes.extra.append(f"来源取自网页信息栏：{notes.meta_source}")
    _mark_subheadings(blocks)
    # The date line may be followed by a note such as （此件公开发布）, and a notice that forwards a
    # plan has its signature and date in the middle: sign what stands above every date line.
    for k, b in enumerate(blocks):
        if b.kind is BlockKind.DATE_LINE:
            mark_signatures(blocks[:k + 1])
    settle_list_items(blocks)
    return Article(id=article_id, title=title, doc_number=number, addressee=addressee, link=notes.link or notes.page_address,
                   editor_note=note_blocks, body=blocks, source=source)


def _note_above_title(units: list[Unit]) -> int:
    """Where the title starts after an 编者按 set above it (0: the note is not above a title): the
    note's lines (after a bare "编者按" line, from the next line) run to a blank line, or in a copy
    without blank lines to a full stop, and a title follows."""
    start = 1 if _note_label(units[0].text) else 2     # "编者按：近日……" / "编者按" then the note
    for k in range(start, min(len(units), 60)):
        u = units[k]
        if u.rows is not None:
            return 0
        if u.gap:
            return k if find_title(units[k:k + 5]) else 0
        if ends_sentence(units[k - 1].text) and find_title(units[k:k + 5]) and k + 1 < len(units):
            return k
    return 0


def _broken_addressee(units: list[Unit], i: int, wrap: float = 0.0) -> int:
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
