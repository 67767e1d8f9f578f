"""Tables and images in article bodies.

A table is a grid of Chinese paragraphs: narrow columns get the width they need and
the wide ones share the rest in proportion to their content, the header row is tinted and repeats on every page
the table runs onto, and the table splits between rows, never leaving one row alone. An image is scaled to the
text width (and to at most half the page height) and stays with its caption.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...compose import column_widths
from ...errors import ExportError
from ...safeio import ReadRefused, read_picture
from .flow import Block
from .flowables import tint
from .kit import Kit
from .paragraph import CJKParagraph

PAD_X, PAD_Y = 5.0, 3.0
NUMBER = re.compile(r"[-+]?[\d,，.]+\s*[%％]?")


class TableBlock(Block):
    def __init__(self, kit: Kit, rows: list[list[str]], header: bool = True, _cells=None, _widths=None):
        self.kit = kit
        self.rows = rows
        self.header = header
        n = max((len(r) for r in rows), default=0)
        self.ncols = n
        if _cells is None:
            _cells = []
            for ri, row in enumerate(rows):
                cells = []
                for ci in range(n):
                    text = row[ci] if ci < len(row) else ""
                    piece = kit.piece(text, "table")
                    align = None
                    if header and ri == 0:
                        piece.bold = True
                        align = "center"
                    elif NUMBER.fullmatch(text.strip()):
                        align = "right"              # figures line up on the right
                    cells.append(CJKParagraph(kit, [piece], "table", first_indent=0, left_indent=0,
                                              align=align, space_before=0, space_after=0))
                _cells.append(cells)
        self.cells = _cells
        self.col_widths = _widths
        st = kit.style("table")
        self.space_before, self.space_after = 6 + st.space_before, 8 + st.space_after

    def _widths(self, aw: float) -> list[float]:
        if self.col_widths and abs(sum(self.col_widths) - aw) < 0.5:
            return self.col_widths
        kit = self.kit
        size = kit.style("table").size
        natural = [max((kit.measure(c.pieces[0].font, c.pieces[0].text, size) if c.pieces else 0)
                       for c in col) + 2 * PAD_X for col in zip(*self.cells)]
        widths = column_widths(natural, aw, 2 * size + 2 * PAD_X)
        self.col_widths = widths
        return widths

    def _row_heights(self, aw: float) -> list[float]:
        widths = self._widths(aw)
        heights = []
        for row in self.cells:
            h = 0.0
            for cell, w in zip(row, widths):
                _, ch = cell.wrap(w - 2 * PAD_X, 1e9)
                h = max(h, ch)
            heights.append(h + 2 * PAD_Y)
        return heights

    def wrap(self, aw, ah):
        self.heights = self._row_heights(aw)
        self.width, self.height = aw, sum(self.heights)
        return self.width, self.height

    def split(self, aw, ah, force: bool = False):
        heights = self._row_heights(aw)
        head = 1 if self.header else 0
        used, k = 0.0, 0
        for h in heights:
            if used + h > ah:
                break
            used += h
            k += 1
        if k >= len(heights):
            return []
        if len(heights) - k < 2 and len(heights) - head >= 4:
            k = len(heights) - 2            # no row left alone at the top of the next page
        if k - head < min(2, len(heights) - head):
            return []                       # nor alone under the header at the foot of this one
        first = TableBlock(self.kit, self.rows[:k], self.header, self.cells[:k], self.col_widths)
        rest_rows = self.rows[:head] + self.rows[k:]
        rest_cells = self.cells[:head] + self.cells[k:]
        second = TableBlock(self.kit, rest_rows, self.header, rest_cells, self.col_widths)
        first.space_after = 0
        second.space_before = 0
        return [first, second]

    def draw(self):
        c, kit = self.canv, self.kit
        primary = kit.color("primary")
        widths = self.col_widths
        y = self.height
        if self.header and self.heights:
            c.setFillColor(tint(primary, 0.12))
            c.rect(0, y - self.heights[0], self.width, self.heights[0], stroke=0, fill=1)
        c.setStrokeColor(tint(primary, 0.6))
        c.setLineWidth(0.5)
        for ri, (row, h) in enumerate(zip(self.cells, self.heights)):
            x = 0.0
            for cell, w in zip(row, widths):
                cell.draw_on(c, x + PAD_X, y - PAD_Y - cell.height - (h - 2 * PAD_Y - cell.height) / 2)
                x += w
            y -= h
            if ri < len(self.cells) - 1:
                c.line(0, y, self.width, y)
        x = 0.0
        for w in widths[:-1]:
            x += w
            c.line(x, 0, x, self.height)
        c.setStrokeColor(primary)
        c.setLineWidth(1.2)
        c.line(0, self.height, self.width, self.height)
        c.line(0, 0, self.width, 0)


class ImageBlock(Block):
    def __init__(self, path: Path, max_height: float):
        self.path = Path(path)
        try:
            self.picture = read_picture(self.path)
        except ReadRefused as exc:
            if exc.missing:
                raise ExportError(f"图片“{self.path}”不存在：请检查文章中的图片路径，或把图片放到该位置") from None
            raise ExportError(f"图片“{self.path}”无法读取（{exc.reason}）") from None
        self.px = self.picture.pixels
        self.max_height = max_height
        self.space_before, self.space_after = 6.0, 3.0
        self.keep_with_next = True

    def wrap(self, aw, ah):
        w, h = self.px
        scale = min(aw / w, self.max_height / h, 1.0)      # pixels as points, never enlarged
        self.draw_w, self.height = w * scale, h * scale
        self.width = aw
        return aw, self.height

    def draw(self):
        try:
            self.canv.drawImage(str(self.path), (self.width - self.draw_w) / 2, 0, self.draw_w, self.height,
                                mask="auto")
        except ExportError:
            raise
        except Exception as exc:
            raise ExportError(f"图片“{self.path}”无法写入 PDF（{type(exc).__name__}）") from None
