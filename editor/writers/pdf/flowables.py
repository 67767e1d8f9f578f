"""Blocks of the article pages: anchors, rules, column bands, the 编者按 box, QR codes, contents entries.

Each one is small and draws with vector primitives, so text extraction sees only
the words (dot leaders and QR modules are shapes, not characters).
"""

from __future__ import annotations

import copy
from typing import Sequence

from .flow import Block, Flow
from .kit import Color, Kit, short_key
from ..linebreak import Piece, break_lines
from ..titles import IN_WORD, break_costs, title_spans
from .paragraph import ASCENT, CJKParagraph, SideBox, draw_text, set_lines


def tint(color: Color, amount: float) -> Color:
    """`color` mixed with white; amount 0 = white, 1 = the colour."""
    return Color(1 - (1 - color.red) * amount, 1 - (1 - color.green) * amount, 1 - (1 - color.blue) * amount)


def first_baseline(height: float, leading: float, size: float) -> float:
    """Baseline of the first line of a block `height` tall whose lines are `leading` apart."""
    return height - (leading - size) / 2 - ASCENT * size


class Anchor(Block):
    """Zero-size mark where something begins: bookmark destination, outline entry, page record."""

    def __init__(self, key: str, title: str, level: int):
        self.key, self.title, self.level = key, title, level
        self.keep_with_next = True

    def wrap(self, aw, ah):
        return 0.0, 0.0

    def placed(self, flow: Flow, page: int) -> None:
        flow.anchors.setdefault(self.key, page)

    def draw(self):
        self.canv.bookmarkHorizontal(self.key, 0, 12)
        self.canv.addOutlineEntry(self.title, self.key, self.level, closed=False)


class Rule(Block):
    def __init__(self, color: Color, thickness: float = 0.6, space_before: float = 0, space_after: float = 0,
                 width_fraction: float = 1.0):
        self.color, self.thickness, self.fraction = color, thickness, width_fraction
        self.space_before, self.space_after = space_before, space_after
        self.height = thickness

    def draw(self):
        w = self.width * self.fraction
        x = (self.width - w) / 2
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x, self.thickness / 2, x + w, self.thickness / 2)


class Spacer(Block):
    def __init__(self, height: float):
        self.height = height


class SpacedLine(Block):
    """One short letter-spaced line, centred (a label such as CONTENTS)."""

    def __init__(self, kit: Kit, piece: Piece, spacing: float, space_after: float = 0.0):
        self.kit, self.piece, self.spacing = kit, piece, spacing
        self.height = piece.size * 1.3
        self.space_after = space_after
        self.keep_with_next = True

    def draw(self):
        p = self.piece
        w = self.kit.measure(p.font, p.text, p.size) + self.spacing * (len(p.text) - 1)
        draw_text(self.canv, self.kit, p, (self.width - w) / 2, (self.height - p.size) / 2 + (1 - ASCENT) * p.size,
                  self.spacing)


class ColumnBand(Block):
    """A column's label: its name reversed out of a solid block, and a rule to the margin."""

    def __init__(self, kit: Kit, name: str, style: str = "column_label"):
        self.kit, self.name, self.style = kit, name, style
        st = kit.style(style)
        self.st = st
        self.height = st.size * 2.0
        self.space_before, self.space_after = st.space_before, st.space_after
        self.keep_with_next = True

    def draw(self):
        c, kit, st = self.canv, self.kit, self.st
        color = kit.color(st.color)
        font = kit.font(st.font)
        spacing = st.size * 0.25        # a little letter-spacing for a label
        text_w = kit.measure(font, self.name, st.size) + spacing * (len(self.name) - 1)
        block_w = text_w + st.size * 2.4
        c.setFillColor(color)
        c.rect(0, 0, block_w, self.height, stroke=0, fill=1)
        c.setFillColor(tint(color, 0.35))
        c.rect(block_w, 0, st.size * 0.35, self.height, stroke=0, fill=1)
        c.setStrokeColor(color)
        c.setLineWidth(1.2)
        c.line(block_w + st.size * 0.35, 0.6, self.width, 0.6)
        draw_text(c, kit, Piece(self.name, font, st.size, st.bold, "#FFFFFF"), st.size * 1.2,
                  (self.height - st.size) / 2 + (1 - ASCENT) * st.size, spacing, record=self.style)


class EditorNoteBox(Block):
    """The 编者按: a tinted panel with a coloured bar, its label, and the note in the 楷 style."""

    PAD = 11.0
    BAR = 3.0

    def __init__(self, kit: Kit, label: str | None, paragraphs: Sequence[CJKParagraph], first: bool = True,
                 last: bool = True):
        self.kit, self.paras, self.first, self.last = kit, list(paragraphs), first, last
        self.label = None
        if label and first:
            self.label = CJKParagraph(kit, [kit.piece(label, "editor_note_label")], "editor_note_label",
                                      align="left", first_indent=0, space_after=2)
        note = kit.style("editor_note")
        self.space_before = note.space_before if first else 0.0
        self.space_after = max(note.space_after, 14.0) if last else 0.0
        self.color = kit.color("primary")

    def _inner(self) -> list[CJKParagraph]:
        return ([self.label] if self.label else []) + self.paras

    def _pads(self) -> tuple[float, float]:
        return (self.PAD if self.first else 4.0), (self.PAD if self.last else 4.0)

    def wrap(self, aw, ah):
        iw = aw - 2 * self.PAD - self.BAR
        inner = self._inner()
        h = 0.0
        for i, f in enumerate(inner):
            _, fh = f.wrap(iw, 1e9)
            h += fh + (f.space_before if i else 0.0) + (f.space_after if i < len(inner) - 1 else 0.0)
        top, bottom = self._pads()
        self.width, self.height = aw, h + top + bottom
        return self.width, self.height

    def split(self, aw, ah, force: bool = False):
        iw = aw - 2 * self.PAD - self.BAR
        top, _ = self._pads()
        room = ah - top - 4.0
        used = 0.0
        inner = self._inner()
        for i, f in enumerate(inner):
            _, fh = f.wrap(iw, 1e9)
            before = f.space_before if i else 0.0
            if used + before + fh <= room:
                used += before + fh + f.space_after
                continue
            parts = f.split(iw, room - used - before)
            head = inner[:i] + parts[:1] if len(parts) == 2 else inner[:i]
            tail = parts[1:] if len(parts) == 2 else inner[i:]
            head = [p for p in head if p is not self.label]
            if not head:
                return []
            a = EditorNoteBox(self.kit, None, head, first=self.first, last=False)
            a.label = self.label
            a.space_before = self.space_before
            b = EditorNoteBox(self.kit, None, [p for p in tail if p is not self.label], first=False,
                              last=self.last)
            return [a, b]
        return [self]

    def draw(self):
        c = self.canv
        c.setFillColor(tint(self.color, 0.07))
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setFillColor(self.color)
        c.rect(0, 0, self.BAR, self.height, stroke=0, fill=1)
        top, _ = self._pads()
        y = self.height - top
        x = self.BAR + self.PAD
        for i, f in enumerate(self._inner()):
            if i:
                y -= f.space_before
            y -= f.height
            f.draw_on(c, x, y)
            y -= f.space_after


def qr_matrix(kit: Kit, url: str) -> list[list[bool]]:
    """The modules of the QR code for `url` (error correction M), cached on disk like the fonts."""
    cache = kit.__dict__.setdefault("_qr", {})
    if url in cache:
        return cache[url]
    from ...paths import atomic_write, cache_dir

    stored = cache_dir() / "qr" / (short_key(url.encode("utf-8")) + ".txt")
    try:
        first, *rows = stored.read_text(encoding="utf-8").split("\n")
        matrix = [[c == "1" for c in row] for row in rows]
        if first == url and matrix and all(len(r) == len(matrix) for r in matrix):
            cache[url] = matrix
            return matrix
    except (OSError, ValueError):
        pass
    import segno      # only when a link is new: importing segno costs more than drawing its code

    matrix = [[bool(m) for m in row] for row in segno.make(url, error="m").matrix_iter(border=0)]
    try:
        text = "\n".join([url] + ["".join("1" if m else "0" for m in row) for row in matrix])
        atomic_write(stored, text.encode("utf-8"))
    except OSError:
        pass
    cache[url] = matrix
    return matrix


def qr_side_box(kit: Kit, url: str, caption: tuple[str, str]) -> SideBox:
    """A QR code with its two-line caption, to sit beside a paragraph; code and caption link to `url`."""
    matrix = qr_matrix(kit, url)
    n = len(matrix)
    side = 56.0                               # ≈ 20 mm: scans well, does not crowd the text
    module = side / n
    st = kit.style("link_caption")
    lead = st.size * st.leading
    height = side + 4 + len(caption) * lead

    def draw(canv, x, top):
        y0 = top - side
        canv.saveState()
        canv.setFillColorRGB(0, 0, 0)
        p = canv.beginPath()
        for r, row in enumerate(matrix):
            c = 0
            while c < n:
                if row[c]:
                    start = c
                    while c < n and row[c]:
                        c += 1
                    p.rect(x + start * module, top - (r + 1) * module, (c - start) * module, module)
                else:
                    c += 1
        canv.drawPath(p, stroke=0, fill=1)
        canv.restoreState()
        canv.saveState()
        canv.translate(x, 0)
        pieces = [Piece(text, kit.font(st.font), st.size, st.bold, st.color) for text in caption]
        for i, piece in enumerate(pieces):
            para = kit.prepare([piece])
            lines = break_lines(para, lambda _i: (0.0, side), ragged=True)[:1]
            set_lines(canv, kit, para, lines, "center", y0 - 4 - i * lead - (lead - st.size) / 2
                      - ASCENT * st.size, lead, st.color, "link_caption")
        canv.restoreState()
        canv.linkURL(url, (x, y0 - 4 - len(caption) * lead, x + side, top), relative=1)

    return SideBox(side, height, draw)


class TocEntry(Block):
    """One contents entry: the title (wrapping if long), dot leaders, the page number at the right, and
    under it a small note (the 文号 and the source).

    The number is looked up when the entry is drawn, in `numbers` (article id → printed page),
    which the writer fills between the two passes.
    """

    NOTE_SCALE = 0.8        # the note under a title (its source), relative to the entry's size

    def __init__(self, kit: Kit, title: str, article_id: str, dest: str, numbers: dict[str, int],
                 title_lines: list[str] | None = None, note: str = "", column: str = ""):
        self.kit, self.title, self.article_id, self.dest, self.numbers = kit, title, article_id, dest, numbers
        self.column = column
        # where the title itself breaks (the composition's choice): the natural place
        self.preferred = "\n".join(title_lines) if title_lines else None
        self.note = note
        st = kit.style("toc_entry")
        self.st = st
        self.font = kit.font(st.font)
        self.leading = st.size * st.leading
        self.space_before, self.space_after = st.space_before, max(st.space_after, 7.0)
        self.indent = st.left_indent * st.size
        self.num_w = kit.measure(kit.font(kit.style("toc_column").font), "000", st.size + 0.5)
        self.piece = Piece(title, self.font, st.size, st.bold, st.color)
        self.para = kit.prepare([self.piece])
        self.lines = None
        self.closing = True         # this part ends the entry: dot leaders, number and note
        self._fixed = False

    def wrap(self, aw, ah):
        st = self.st
        if not self._fixed and (self.lines is None or self.width != aw):
            text_w = aw - self.indent - self.num_w - 3 * st.size

            def geometry(i):
                return self.indent + (0 if i == 0 else st.size), text_w - (0 if i == 0 else st.size)
            self.lines = break_lines(self.para, geometry, ragged=True, min_last=6)
            n = len(self.lines)
            # words kept whole, in as many lines as the greedy break, else in one more
            for count in (n, n + 1) if n > 1 else ():
                found = self._break_at_title_line(geometry, count) or self._break_at_space(geometry, count) \
                    or self._break_between_words(geometry, count)
                if found:
                    self.lines = found
                    break
            self.note_lines = self._note_lines(text_w) if self.note else []
        self.width = aw
        if not self.closing:
            self.note_lines = []
        self.height = len(self.lines) * self.leading + len(self.note_lines) * self._note_lead
        return self.width, self.height

    def split(self, aw, ah, force: bool = False):
        """Between lines of a title too long for one page (never fewer than two on either side)."""
        self.wrap(aw, ah)
        fit = int((ah - len(self.note_lines) * self._note_lead + 1e-6) // self.leading)
        n = len(self.lines)
        fit = min(fit, n - 2)
        if fit < 2:
            return []
        head, tail = copy.copy(self), copy.copy(self)
        head.lines, tail.lines = self.lines[:fit], self.lines[fit:]
        head.closing, head._fixed, tail._fixed = False, True, True
        head.note_lines = []
        head.space_after = tail.space_before = 0.0
        return [head, tail]

    @property
    def _note_size(self) -> float:
        return self.st.size * self.NOTE_SCALE

    @property
    def _note_lead(self) -> float:
        return self._note_size * 1.45

    def continued(self) -> Block | None:
        """On a new contents page, the entry's column label goes first again: 地方新政（续）."""
        return ColumnBand(self.kit, f"{self.column}（续）", "toc_column") if self.column else None

    def _note_lines(self, width: float):
        st = self.kit.style("source")
        self.note_para = self.kit.prepare([Piece(self.note, self.kit.font(st.font), self._note_size, False,
                                                 "#666666")])
        return break_lines(self.note_para, lambda i: (self.indent, width), ragged=True)

    def _break_at_title_line(self, geometry, n: int):
        if not self.preferred:
            return None
        return self._try(self.preferred, geometry, n)

    def _break_at_space(self, geometry, n: int):
        """A long title breaks where it has a space (often its own line break), if that costs no line."""
        text = self.title
        for i in reversed([i for i, c in enumerate(text) if c == " "][-8:]):   # the last few
            lines = self._try(text[:i] + "\n" + text[i + 1:], geometry, n)
            if lines:
                return lines
        return None

    def _break_between_words(self, geometry, n: int):
        """Else where titles.title_spans breaks it: not inside 数据, 市场化 or 试点."""
        spans = title_spans(self.title, self.para.adv, geometry(1)[1], self.st.size, n)
        if spans is None:
            return None
        return self._try("\n".join(self.title[a:b].strip() for a, b in spans), geometry, n)

    def _whole_words(self, text: str, avail: float) -> str:
        """`text` with a line break wherever titles.title_spans breaks a part of it (between its
        \n) that is wider than `avail`: a part of two lines or more keeps its words whole too."""
        widths = self.kit.widths(self.piece.font)
        size = self.piece.size
        parts = []
        for part in text.split("\n"):
            adv = [widths[c] * size for c in part]
            spans = title_spans(part, adv, avail, size, None) if sum(adv) > avail else None
            parts.append("\n".join(part[a:b].strip() for a, b in spans) if spans else part)
        return "\n".join(parts)

    def _try(self, text: str, geometry, n: int):
        text = self._whole_words(text, geometry(1)[1])
        piece = Piece(text, self.piece.font, self.piece.size, self.piece.bold, self.piece.color)
        para = self.kit.prepare([piece])
        lines = break_lines(para, geometry, ragged=True, min_last=6)
        if len(lines) > n or lines[0].end - lines[0].start < 6 or not self._keeps_words(para, lines):
            return None
        self.piece, self.para = piece, para
        return lines

    def _keeps_words(self, para, lines) -> bool:
        """No line of `lines` ends inside a word of the title (titles.break_costs, spaces aside)."""
        flat = "".join(self.title.split())
        costs = break_costs(flat)
        at = 0
        for line in lines[:-1]:
            at += len("".join(para.text[line.start:line.end].split()))
            cost = costs[at] if 0 < at < len(flat) else None
            if cost is None or cost >= IN_WORD:
                return False
        return True

    def draw(self):
        c, st, kit = self.canv, self.st, self.kit
        note_h = len(self.note_lines) * self._note_lead
        set_lines(c, kit, self.para, self.lines, "left",
                  first_baseline(self.height, self.leading, st.size), self.leading, st.color, "toc_entry")
        if not self.closing:
            return
        last = self.lines[-1]
        baseline = note_h + first_baseline(self.leading, self.leading, st.size)
        end_x = last.x + last.natural + st.size * 0.6
        stop = self.width - self.num_w - st.size * 0.5
        step = st.size * 0.5
        c.setStrokeColor(kit.color("#8A8A8A"))
        c.setLineCap(1)
        c.setLineWidth(1.1)
        c.setDash([0, step])
        first_dot = stop - step * int((stop - end_x) / step)
        if stop > end_x:
            c.line(first_dot, baseline + st.size * 0.12, stop + 0.01, baseline + st.size * 0.12)
        c.setDash([])
        number = self.numbers.get(self.article_id)
        text = str(number) if number is not None else ""
        num_font = kit.font(kit.style("toc_column").font)
        size = st.size + 0.5
        draw_text(c, kit, Piece(text, num_font, size, False, "primary"),
                  self.width - kit.measure(num_font, text, size), baseline, record="toc_number")
        if self.note_lines:     # after the number, so that the text reads: title, number, note
            set_lines(c, kit, self.note_para, self.note_lines, "left",
                      first_baseline(note_h, self._note_lead, self._note_size) - 1.5, self._note_lead,
                      "#666666", "toc_note")
        c.linkRect("", self.dest, (self.indent, 0, self.width, self.height), relative=1)
