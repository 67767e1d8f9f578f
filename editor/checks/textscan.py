"""Character classes and scanners shared by the Chinese-text rules.

Everything here is compiled once at import: the checks run on every keystroke.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..body import table_layout
from ..conventions import CJK
from ..conventions import is_cjk as is_ideograph  # noqa: F401  (the rules' name for it)
from ..markers import parse_marker
from ..model import Article, Block, BlockKind
from .framework import body_blocks

IDEOGRAPHS = CJK
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕…—·「」『』"
CJK_RE = re.compile(f"[{IDEOGRAPHS}{CJK_PUNCT}]")

# Latin text that legitimately sits in Chinese: web addresses and e-mail addresses.
PROTECTED_RE = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s" + IDEOGRAPHS + CJK_PUNCT + r"]+"
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")

# Blocks whose text is running Chinese prose (signatures, dates, tables, images are not).
PROSE_KINDS = (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.ITEM, BlockKind.SUBHEADING,
               BlockKind.LIST_ITEM, BlockKind.ATTACHMENT)


_CJK_PUNCT_SET = frozenset(CJK_PUNCT)


def is_cjk(ch: str) -> bool:
    """A Chinese character or a full-width Chinese punctuation mark (conventions.is_cjk: the characters only).

    Comparisons, not CJK_RE.match: the text rules ask this of every mark's neighbours, thousands
    of times an article, and a regex call costs several times more."""
    c = ch[:1]
    return bool(c) and ("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff"
                        or c in _CJK_PUNCT_SET)


def protected_spans(text: str) -> list[tuple[int, int]]:
    if "@" not in text and "://" not in text and "www." not in text:
        return []
    return [m.span() for m in PROTECTED_RE.finditer(text)]


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def neighbour(text: str, pos: int, step: int) -> tuple[str, int]:
    """The first character from `pos` in direction `step` that is not an ASCII space, and its index."""
    i = pos
    n = len(text)
    while 0 <= i < n and text[i] in " \t":
        i += step
    return (text[i], i) if 0 <= i < n else ("", i)


def prose_texts(article: Article, *, signatures: bool = False) -> Iterator[tuple[str, int, Block, int]]:
    """(field, block index, block, first offset to look at) of every prose paragraph.

    The marker at the start of a numbered paragraph is left to the numbering
    and marker-style rules, so text rules start after it.
    """
    for fld, i, block in body_blocks(article):
        if fld == "body" and block.kind not in PROSE_KINDS and not (
                signatures and block.kind is BlockKind.SIGNATURE):
            continue
        if not block.text:
            continue
        marker = block.marker
        if marker is None and block.kind in (BlockKind.SUBHEADING, BlockKind.LIST_ITEM):
            marker = parse_marker(block.text)     # "- 1、…" and "# 第一部分 …" keep theirs in the text
        yield fld, i, block, marker.length if marker is not None else 0


def table_cells(article: Article) -> Iterator[tuple[int, str, int]]:
    """(block index, text, start) of every non-empty table cell, for the Chinese-text rules.

    `text` is the table as Edits address it (framework.field_text), cut after the cell, and
    `start` is where the cell begins: rules scan from `start` to the end, so they see one
    cell, and the offsets they report place fixes and locations in that cell. Before the
    cell stands “| ”, which is no Chinese text, so nothing pairs across cells.
    """
    for i, block in enumerate(article.body):
        if block.kind is not BlockKind.TABLE or not block.rows:
            continue
        text, cells = table_layout(block.rows)
        # each cell's text runs from the table's start: the first MAX_CHECKED_CELLS cells are read,
        # the rest of a huge table is not (the work would grow with the square of its cells; a
        # 16,000-cell table took a minute and gigabytes) and structure.table-large says so
        for _, _, start, end in cells[:MAX_CHECKED_CELLS]:
            if end > start:
                yield i, text[:end], start


MAX_CHECKED_CELLS = 2000
