"""Setting Chinese paragraphs: the paragraph block and the text operators that draw its lines.

A CJKParagraph breaks its lines with writers.linebreak, justifies them by spreading
space between characters, sets bold runs in the family's bold face where one is
installed and otherwise in faux bold (fill + thin stroke, see Kit.stroke_width), may
leave room beside its first lines for a box (the QR
code), and splits between lines without leaving one line alone on either side
of a page break. Every line drawn is recorded in the Kit for tests.

Text is written as PDF operators directly (one BT … ET per block, state tracked
here): the glyphs of a run share one Tj with the justification as Tc, so a
justified line costs a handful of operators and no time goes to a general
text object.
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

from .flow import Block
from .kit import Kit
from ..linebreak import CLOSING, Line, Para, Piece, break_lines, segments
from ..titles import balance_title

ASCENT = 0.88          # ideographic em box above the baseline, as a fraction of the size
SIDE_GAP_EM = 1.0      # space between text and a side box, in ems


class TextOps:
    """One text object's operators, written straight into the canvas's page stream."""

    def __init__(self, canv, kit: Kit):
        self.canv, self.kit = canv, kit
        self.ops: list[str] = ["BT"]
        self.font_key = None
        self.font = None
        self.tc = None
        self.bold = None
        self.color = None
        self.used_bold = False

    def show(self, piece: Piece, text: str, x: float, y: float, tc: float, color: str) -> None:
        ops = self.ops
        if color != self.color:
            c = self.kit.color(color)
            rgb = f"{c.red:.3f} {c.green:.3f} {c.blue:.3f}"
            ops.append(f"{rgb} rg {rgb} RG")
            self.color = color
        piece = self.kit.real(piece)
        stroke = self.kit.stroke_width(piece)
        if stroke != self.bold:
            ops.append(f"2 Tr {stroke:.3f} w" if stroke else "0 Tr")
            self.bold = stroke
            self.used_bold = self.used_bold or bool(stroke)
        if tc != self.tc:
            ops.append(f"{tc:.4f} Tc")
            self.tc = tc
        key = (piece.font, piece.size)
        if key != self.font_key:
            self.font = self.kit.embedded(piece.font, self.canv)
            ops.append(f"/{self.font.name} {piece.size:g} Tf")
            self.font_key = key
        font = self.font
        ops.append(f"1 0 0 1 {x:.3f} {y:.3f} Tm {font.encode(text)} Tj")

    def actual_text(self, text: str | None) -> None:
        """Begin (a string) or end (None) a span whose text, for copying and searching, is `text`."""
        self.ops.append(f"/Span <</ActualText <FEFF{text.encode('utf-16-be').hex().upper()}>>> BDC"
                        if text is not None else "EMC")

    def close(self) -> None:
        if len(self.ops) > 1:
            self.ops.append("ET")
            if self.used_bold:
                # faux bold set a line width and render mode: keep them from leaking past this text
                self.ops[0] = "q BT"
                self.ops.append("Q")
            self.canv._code.append("\n".join(self.ops))
        self.ops = ["BT"]
        self.font_key = self.tc = self.bold = self.color = None
        self.used_bold = False


def draw_text(canv, kit: Kit, piece: Piece, x: float, y: float, tc: float = 0.0, text: str | None = None,
              record: str | None = None) -> None:
    """One run of text at (x, y) — labels, page numbers — through the same operators as paragraphs."""
    ops = TextOps(canv, kit)
    ops.show(piece, piece.text if text is None else text, x, y, tc, piece.color or "#000000")
    ops.close()
    if record:
        kit.record(record, piece.text if text is None else text, canv.getPageNumber())


def draw_line(ops: TextOps, para: Para, line: Line, align: str, baseline: float, default_color: str,
              links: list | None = None) -> None:
    """Set one line: a few runs of glyphs, each one text operator with the justification as Tc."""
    pieces = para.pieces
    text = para.text
    one_piece = len(pieces) == 1
    runs = segments(para, line, align)
    trim_l = para.trim_l
    span = False
    for k, (a, b, x, tc) in enumerate(runs):
        p = pieces[0] if one_piece else pieces[para.piece_at(a)]
        # A closing mark followed by an opening one drawn half an em to the left (》《 in one em): the
        # two glyphs share a place, which text extraction would read as two words; the pair is
        # marked with its own text so that copying gives “》《” and nothing between.
        if b - a == 1 and b in trim_l and text[a] in CLOSING and b < line.end:
            ops.actual_text(text[a:b + 1])
            span = True
        ops.show(p, text[a:b], x, baseline, tc, p.color or default_color)
        if span and a in trim_l:
            ops.actual_text(None)
            span = False
        if links is not None and p.link:
            end = x + para.cum[b] - para.cum[a] + tc * (b - a - 1)
            links.append((p.link, x, baseline - 0.2 * p.size, end, baseline + 0.9 * p.size))


def set_lines(canv, kit: Kit, para: Para, lines, align: str, first_baseline: float, leading: float,
              color: str, style: str | None = None) -> None:
    """Draw `lines` from `first_baseline` down, each `leading` apart, and record them under `style`."""
    ops = TextOps(canv, kit)
    links: list = []
    for i, ln in enumerate(lines):
        draw_line(ops, para, ln, align, first_baseline - i * leading, color, links)
    ops.close()
    for url, x0, y0, x1, y1 in links:
        canv.linkURL(url, (x0, y0, x1, y1), relative=1)
    if style is not None and kit.record_lines:
        page = canv.getPageNumber()
        for ln in lines:
            kit.record(style, ln.text(para), page, id(para))


class SideBox:
    """Something set to the right of a paragraph's first lines: (width, height, draw(canv, x, y_top))."""

    def __init__(self, width: float, height: float, draw: Callable):
        self.width, self.height, self.draw = width, height, draw


class CJKParagraph(Block):
    def __init__(self, kit: Kit, pieces: Sequence[Piece], style: str, *, align: str | None = None,
                 first_indent: float | None = None, left_indent: float | None = None,
                 right_indent: float = 0.0, space_before: float | None = None,
                 space_after: float | None = None, keep_with_next: bool = False,
                 balanced: bool = False, side: SideBox | None = None, record: bool = True,
                 leading: float | None = None, min_last: int = 2, splittable: bool = True):
        st = kit.style(style)
        self.kit, self.pieces, self.style_name = kit, list(pieces), style
        self.size = st.size
        self.leading = leading if leading is not None else st.size * st.leading
        self.align = align or st.align
        em = st.size
        self.first_indent = em * (st.first_indent if first_indent is None else first_indent)
        self.left_indent = em * (st.left_indent if left_indent is None else left_indent)
        self.right_indent = right_indent
        self.space_before = st.space_before if space_before is None else space_before
        self.space_after = st.space_after if space_after is None else space_after
        self.keep_with_next = keep_with_next
        self.balanced = balanced
        self.side = side
        self.record_lines = record
        self.color = st.color
        self.min_last = min_last
        self.splittable = splittable    # a title is never split across pages
        self.para: Para | None = None
        self.lines: list[Line] | None = None
        self._width: float | None = None
        self._fixed = False        # a part of a split paragraph keeps its lines
        self.give_lines = 0        # lines it hands to the next page beyond what the break needs (fitting.py)

    # ------------------------------------------------------------ layout

    def _geometry(self, avail: float):
        side_lines = math.ceil(self.side.height / self.leading) if self.side is not None else 0
        narrow = (self.side.width + SIDE_GAP_EM * self.size) if self.side is not None else 0.0
        base = avail - self.left_indent - self.right_indent
        left, first = self.left_indent, self.first_indent

        def geometry(i: int) -> tuple[float, float]:
            w = base - (first if i == 0 else 0.0)
            if i < side_lines:
                w -= narrow
            return left + (first if i == 0 else 0.0), w
        return geometry

    def _layout(self, avail: float) -> None:
        if self._fixed or (self.lines is not None and self._width == avail):
            return
        if self.para is None:
            self.para = self.kit.prepare(self.pieces)
        geometry = self._geometry(avail)
        if self.balanced:
            self.lines = self._balanced_lines(geometry)
        else:
            self.lines = break_lines(self.para, geometry, ragged=self.align != "justify",
                                     min_last=self.min_last)
        self._width = avail

    def _balanced_lines(self, geometry) -> list[Line]:
        """Each forced line (a title's own lines) balanced on its own, then stacked. A line that must
        break breaks between words where it can (titles.balance_title: at the space between two
        names, before 《…》, not inside 数据 or 市场化)."""
        lines: list[Line] = []
        offset = 0
        for part in self.para.text.split("\n"):
            if part:
                sub = self.kit.prepare([Piece(part, *self._look())])
                lines += [Line(ln.start + offset, ln.end + offset, ln.x, ln.avail, ln.natural, ln.end_trim, True,
                               ln.start_trim)
                          for ln in balance_title(sub, geometry)]
            offset += len(part) + 1
        return lines

    def _look(self):
        p = self.pieces[0]
        return p.font, p.size, p.bold, p.color, p.link

    def wrap(self, avail_width, avail_height):
        self._layout(avail_width)
        h = len(self.lines) * self.leading
        if self.side is not None:
            h = max(h, self.side.height)
        self.width, self.height = avail_width, h
        return avail_width, h

    @property
    def min_height(self) -> float:
        """What must fit at the foot of a page for this paragraph to start there."""
        n = len(self.lines or [])
        least = 2 if n > 3 and self.splittable else n
        h = least * self.leading
        return max(h, self.side.height) if self.side is not None else h

    def split(self, avail_width, avail_height, force: bool = False):
        if not self.splittable and not force:
            return []
        self._layout(avail_width)
        n = len(self.lines)
        fit = int((avail_height + 1e-6) // self.leading)
        least = 2
        if self.side is not None:
            least = max(least, math.ceil(self.side.height / self.leading))
        if fit >= n:
            return [self]
        if n - fit < 2:
            fit = n - 2
        fit -= self.give_lines
        if fit < least or fit < 1:
            return []
        head = self._part(self.lines[:fit], side=self.side, space_after=0.0, keep=False)
        head.space_before = self.space_before
        tail = self._part(self.lines[fit:], side=None, space_after=self.space_after, keep=self.keep_with_next)
        tail.space_before = 0.0
        return [head, tail]

    def _part(self, lines: list[Line], side, space_after: float, keep: bool) -> CJKParagraph:
        p = CJKParagraph.__new__(CJKParagraph)
        p.__dict__.update(self.__dict__)
        p.canv = None
        p.lines = list(lines)
        p.side = side
        p.space_after = space_after
        p.keep_with_next = keep
        p._fixed = True
        p.give_lines = 0
        return p

    # ------------------------------------------------------------ drawing

    def draw(self):
        canv = self.canv
        first = self.height - (self.leading - self.size) / 2 - ASCENT * self.size
        set_lines(canv, self.kit, self.para, self.lines, self.align, first, self.leading,
                  self.color, self.style_name if self.record_lines else None)
        if self.side is not None:
            self.side.draw(canv, self.width - self.right_indent - self.side.width, self.height)

    def line_texts(self) -> list[str]:
        return [ln.text(self.para) for ln in self.lines or []]
