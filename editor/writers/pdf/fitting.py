"""An article's last lines kept off a page of their own, by setting the article a little tighter
(or, failing that, by moving a line to its last page).

Every article starts on a new page, so an article whose text runs a line or two past a page foot
would end on a page holding only those lines (and its signature, date and source). A typesetter
pulls them back by tightening the pages before. Here: an article whose last page would hold fewer
than MIN_TAIL_LINES lines of text (its closing lines — signature, date, source — not counted) is
set again with its leading and the space between its blocks reduced by 1, 2 or at most 3 %
(SQUEEZES), the least that brings those lines back onto the page before. Where even 3 % does not
(the page before is full and the tail is more than about a line), and the last page holds fewer
than MIN_LAST_PAGE_LINES, the paragraph broken across the last page break hands that many more
lines to the last page (moving one line, as a typesetter does: the page before ends a line short);
only where that moves exactly those lines and nothing else. If neither works the article is left
as it was (its last page then holds at least the two lines the widow rule keeps together). The article is paginated on its own for this, without drawing: it
starts on a page of its own, so the rest of the issue cannot change the outcome.
"""

from __future__ import annotations

from .flow import Block, Flow, NextTemplate, PageBreak, PageTemplate
from .flowables import Anchor, EditorNoteBox
from .paragraph import CJKParagraph

SQUEEZES = (0.99, 0.98, 0.97)
MIN_TAIL_LINES = 4        # a last page with fewer lines of text than this is pulled back if it can be
MIN_LAST_PAGE_LINES = 3   # and one that cannot be pulled back is given at least this many


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


def _flow(blocks: list[Block], frame: PageTemplate) -> Flow:
    flow = Flow([frame])
    flow.run(list(blocks), frame.name)
    return flow


def paginate(blocks: list[Block], frame: PageTemplate) -> tuple[int, int]:
    """(pages, lines of text on the last page) of `blocks` set alone from the top of a page."""
    flow = _flow(blocks, frame)
    tail = sum(_lines(b) for b, page in flow.placements if page == flow.page)
    return flow.page, tail


def _broken_at_last_page(blocks: list[Block], frame: PageTemplate) -> CJKParagraph | None:
    """The paragraph of `blocks` that begins on the page before the last and goes on on the last."""
    flow = _flow(blocks, frame)
    last = [b for b, page in flow.placements if page == flow.page]
    before = {id(getattr(b, "para", None)) for b, page in flow.placements if page == flow.page - 1}
    if not last or not isinstance(last[0], CJKParagraph) or id(last[0].para) not in before:
        return None
    return next((b for b in blocks if isinstance(b, CJKParagraph) and b.para is last[0].para), None)


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


def _first_fit(blocks: list[Block], frame: PageTemplate, factors, good) -> float | None:
    """The first of `factors` whose pagination (pages, tail) is `good`, left applied; None if none is."""
    for factor in factors:
        for b in blocks:
            _scale(b, factor)
        if good(*paginate(blocks, frame)):
            return factor
    for b in blocks:
        _scale(b, 1.0)
    return None


def fit_article_tails(story: list[Block], frame: PageTemplate) -> list[tuple[int, float]]:
    """Tighten each article whose last page would hold too few lines, or move a line to it; (segment
    start, factor — 1.0 where a line moved) of each one changed."""
    fitted = []
    for start, end in article_segments(story):
        blocks = story[start:end]
        pages, tail = paginate(blocks, frame)
        if pages < 2 or tail >= MIN_TAIL_LINES:
            continue
        factor = _first_fit(blocks, frame, SQUEEZES, lambda p, t: p < pages)
        if factor is not None:
            fitted.append((start, factor))
        elif tail < MIN_LAST_PAGE_LINES:
            broken = _broken_at_last_page(blocks, frame)
            if broken is not None:
                broken.give_lines = MIN_LAST_PAGE_LINES - tail
                if paginate(blocks, frame) == (pages, MIN_LAST_PAGE_LINES):
                    fitted.append((start, 1.0))
                else:
                    broken.give_lines = 0
    return fitted
