"""An article's last lines kept off a page of their own, by setting the article a little tighter.

Every article starts on a new page, so an article whose text runs a line or two past a page foot
would end on a page holding only those lines (and its signature, date and source). A typesetter
pulls them back by tightening the pages before. Here: an article whose last page would hold fewer
than MIN_TAIL_LINES lines of text (its closing lines — signature, date, source — not counted) is set again with its leading and the space between its blocks
reduced by 1, 2 or at most 3 % (SQUEEZES), the least that brings those lines back onto the page
before; if even 3 % does not, the article is left as it was (its last page then holds at least the
two lines the widow rule keeps together). The article is paginated on its own for this, without
drawing: it starts on a page of its own, so the rest of the issue cannot change the outcome.
"""

from __future__ import annotations

from .flow import Block, Flow, NextTemplate, PageBreak, PageTemplate
from .flowables import Anchor, EditorNoteBox
from .paragraph import CJKParagraph

SQUEEZES = (0.99, 0.98, 0.97)
MIN_TAIL_LINES = 4        # a last page with fewer lines of text than this is pulled back if it can be


def article_segments(story: list[Block]) -> list[tuple[int, int]]:
    """(start, end) in `story` of each run of blocks between page breaks that holds an article."""
    out, start, body = [], None, False
    for i, b in enumerate(story + [PageBreak()]):
        if isinstance(b, NextTemplate):
            body = b.name == "body"
        if isinstance(b, (PageBreak, NextTemplate)):
            if start is not None and any(isinstance(x, Anchor) and x.key.startswith("art-") for x in story[start:i]):
                out.append((start, i))
            start = i + 1 if body else None
    return out


# the closing lines of a document (署名, 日期, 来源) are not what makes a page worth having
CLOSING_STYLES = frozenset({"source", "signature", "date_line"})


def _lines(block: Block) -> int:
    if isinstance(block, CJKParagraph):
        return 0 if block.style_name in CLOSING_STYLES else len(block.lines or [])
    if isinstance(block, EditorNoteBox):
        return sum(len(p.lines or []) for p in block.paras)
    return 0


def paginate(blocks: list[Block], frame: PageTemplate) -> tuple[int, int]:
    """(pages, lines of text on the last page) of `blocks` set alone from the top of a page."""
    flow = Flow([frame])
    pages = flow.run(list(blocks), frame.name)
    tail = sum(_lines(b) for b, page in flow.placements if page == pages)
    return pages, tail


def _scale(block: Block, factor: float) -> None:
    base = block.__dict__.setdefault("_unsqueezed", (getattr(block, "leading", None), block.space_before,
                                                     block.space_after))
    leading, before, after = base
    if leading is not None:
        block.leading = leading * factor
    block.space_before, block.space_after = before * factor, after * factor
    if isinstance(block, EditorNoteBox):
        for p in ([block.label] if block.label else []) + block.paras:
            _scale(p, factor)


def fit_article_tails(story: list[Block], frame: PageTemplate) -> list[tuple[int, float]]:
    """Tighten each article whose last page would hold too few lines; (segment start, factor) of each."""
    fitted = []
    for start, end in article_segments(story):
        blocks = story[start:end]
        pages, tail = paginate(blocks, frame)
        if pages < 2 or tail >= MIN_TAIL_LINES:
            continue
        for factor in SQUEEZES:
            for b in blocks:
                _scale(b, factor)
            if paginate(blocks, frame)[0] < pages:
                fitted.append((start, factor))
                break
        else:
            for b in blocks:
                _scale(b, 1.0)
    return fitted
