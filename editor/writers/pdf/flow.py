"""A small page-flow engine: blocks into frames, page after page.

reportlab's platypus would do this too, but importing it costs more than a
whole build of the sample, and every block here is our own anyway. The engine
places blocks top to bottom in the current page's frame, splits a block that
does not fit (the block decides where it can break), keeps a block marked
`keep_with_next` on the same page as the one after it, and switches page
templates. With no canvas it only paginates, which is the cheap first pass that
finds the pages on which articles start.
"""

from __future__ import annotations

from collections import deque
from typing import Callable, Iterable

EPS = 1e-6


class Block:
    """Something the engine places. Subclasses set width/height in wrap() and draw at the origin."""

    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False
    width: float = 0.0
    height: float = 0.0
    canv = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float, force: bool = False) -> list[Block]:
        """Parts that together make this block, the first fitting avail_height; [] if it cannot break.
        `force`: the block is taller than a whole page, so it must break even where it would rather
        not (a title of a hundred lines)."""
        return []

    def draw(self) -> None:
        pass

    def continued(self) -> Block | None:
        """What goes first on a new page this block had to move to (a contents column's label)."""
        return None

    def placed(self, flow: Flow, page: int) -> None:
        """Called for every placement, in both passes (anchors record their page here)."""

    def draw_on(self, canv, x: float, y: float) -> None:
        self.canv = canv
        canv.saveState()
        canv.translate(x, y)
        self.draw()
        canv.restoreState()


class PageBreak(Block):
    """Start a new page (unless the current one is still empty)."""


class NextTemplate(Block):
    def __init__(self, name: str):
        self.name = name


class PageTemplate:
    """A page's frame (x, y, width, height) and what is drawn on it at its start and its end:
    on_page(canv or None, page), on_page_end(canv or None, page)."""

    def __init__(self, name: str, frame: tuple[float, float, float, float], on_page: Callable | None = None,
                 on_page_end: Callable | None = None):
        self.name, self.frame, self.on_page, self.on_page_end = name, frame, on_page, on_page_end


class LayoutOverflow(Exception):
    """A block taller than a whole frame that cannot be split."""


class Flow:
    def __init__(self, templates: Iterable[PageTemplate], canv=None):
        self.templates = {t.name: t for t in templates}
        self.canv = canv
        self.page = 0
        self.anchors: dict[str, int] = {}
        self.overflows: list[Block] = []
        self._handled: set[int] = set()     # blocks whose keep-with-next group was already weighed
        self._moved: set[int] = set()       # blocks already moved to a new page for want of room
        self.placements: list[tuple[Block, int]] = []     # every block set, with its page

    def run(self, story: list[Block], first: str) -> int:
        queue = deque(story)
        self._template = self.templates[first]
        self._next: PageTemplate | None = None
        self._new_page()
        while queue:
            block = queue.popleft()
            if isinstance(block, NextTemplate):
                self._next = self.templates[block.name]
                continue
            if isinstance(block, PageBreak):
                if not self._empty:
                    self._new_page()
                continue
            if block.keep_with_next and id(block) not in self._handled:
                self._keep_group(block, queue)
                continue
            self._place(block, queue)
        self._end_page()
        return self.page

    # ------------------------------------------------------------ pages

    def _new_page(self) -> None:
        if self.page:
            self._end_page()
            if self.canv is not None:
                self.canv.showPage()
        self.page += 1
        if self._next is not None:
            self._template, self._next = self._next, None
        t = self._template
        if t.on_page:
            t.on_page(self.canv, self.page)
        x, y, w, h = t.frame
        self._x, self._bottom, self._w = x, y, w
        self._y = y + h
        self._empty = True

    def _end_page(self) -> None:
        t = self._template
        if t.on_page_end:
            t.on_page_end(self.canv, self.page)

    @property
    def _avail(self) -> float:
        return self._y - self._bottom

    # ------------------------------------------------------------ placing

    def _keep_group(self, first: Block, queue: deque) -> None:
        """Move to a new page first if `first` and the blocks it keeps with do not fit here."""
        group = [first]
        while group[-1].keep_with_next and queue and not isinstance(queue[0], (PageBreak, NextTemplate)):
            group.append(queue.popleft())
        total = 0.0
        for i, b in enumerate(group):
            _, h = b.wrap(self._w, 1e9)
            if i == len(group) - 1 and not b.keep_with_next:
                # the last one need only start here: its first lines, if it can split
                h = min(h, getattr(b, "min_height", h))
            total += (b.space_before if i else (0 if self._empty else b.space_before)) + h
            if i < len(group) - 1:
                total += b.space_after
        frame_h = self._template.frame[3]
        if not self._empty and total > self._avail + EPS and total <= frame_h:
            # A long first block (a paragraph kept with the source line after it) may split:
            # its head stays here, its tail goes on with the rest of the group. When the block
            # would fit whole but the group does not, it still gives up its last lines, rather
            # than leaving the foot of this page empty.
            first = group[0]
            room = self._avail - first.space_before
            if first.height <= room:
                room = first.height - 1.0
            parts = first.split(self._w, room) if len(group) > 1 else []
            if len(parts) == 2:
                self._handled.add(id(parts[0]))
                for b in reversed(group[1:]):
                    queue.appendleft(b)
                queue.appendleft(parts[1])
                queue.appendleft(parts[0])
                return
            moved = True
            self._new_page()
        else:
            moved = False
        for b in reversed(group):
            self._handled.add(id(b))
            queue.appendleft(b)
        if moved:
            self._lead(group[0], queue)

    def _place(self, block: Block, queue: deque) -> None:
        before = 0.0 if self._empty else block.space_before
        avail = self._avail - before
        _, h = block.wrap(self._w, max(avail, 0.0))
        if h <= avail + EPS:
            y = self._y - before - h
            if self.canv is not None:
                block.draw_on(self.canv, self._x, y)
            block.placed(self, self.page)
            self.placements.append((block, self.page))
            self._y = y - block.space_after
            self._empty = False
            return
        frame_h = self._template.frame[3]
        if avail <= 0:
            parts = []
        elif h > frame_h + EPS:
            parts = block.split(self._w, avail, force=True)
        else:
            parts = block.split(self._w, avail)
        if len(parts) > 1:
            self._handled.add(id(parts[0]))
            for p in reversed(parts):
                queue.appendleft(p)
            return
        if self._empty or id(block) in self._moved:
            # taller than a whole frame and unbreakable (or than what is left of a page that holds
            # only what it wanted first): set it anyway, overflowing, and say so
            self.overflows.append(block)
            if self.canv is not None:
                block.draw_on(self.canv, self._x, self._y - h)
            block.placed(self, self.page)
            self._y = self._bottom - 1
            self._empty = False
            return
        self._new_page()
        self._handled.add(id(block))
        self._moved.add(id(block))
        queue.appendleft(block)
        self._lead(block, queue)

    def _lead(self, block: Block, queue: deque) -> None:
        """Put what `block` wants first on the page it moved to at the head of the queue."""
        lead = block.continued()
        if lead is not None:
            queue.appendleft(lead)
