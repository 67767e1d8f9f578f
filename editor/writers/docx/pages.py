"""Where each article will start in the DOCX, estimated, for the pre-filled contents.

Word paginates the DOCX itself, so the PDF's page numbers are not the DOCX's.
The contents field is filled with these estimates, and Word shows them as they
are (it is not asked to update fields on open, which it would ask every time
until the file is saved); updating the field recomputes them. The estimate
follows the DOCX's layout, with the styles as the document sets them (a
reference document's own included): every article starts a page, each line is
the style's leading, and a line holds as many full-width characters as fit
(half-width ones count half).
"""

from __future__ import annotations

import math

from ... import compose as C
from ...compose.measure import _WIDE, text_units  # noqa: F401  (the em measure is the composition's)
from ...safeio import ReadRefused, read_picture
from ...template import Template

QR_HEIGHT = 20 * 72 / 25.4 + 40.0     # the code and its two caption lines
CELL_PAD = 2 * 5.4 + 5                # Word's default cell margins, left and right, and some slack (pt)
ROW_PAD = 1.5                         # a row's borders and what rounding adds (pt)


def table_widths(rows: list[list[str]], size: float, width: float) -> list[float]:
    """Column widths of a table in points: narrow columns as wide as their text, see compose.column_widths."""
    ncols = max((len(r) for r in rows), default=0)
    natural = [max(text_units(row[ci]) * size if ci < len(row) else 0.0 for row in rows) + CELL_PAD
               for ci in range(ncols)]
    return C.column_widths(natural, width, 2 * size + CELL_PAD)


def _image_height(path, width: float, height: float) -> float:
    """The height a picture is set at (as DocxWriter.image: at most the text width and 45% of the
    text height, never enlarged); a third of the page when it cannot be read."""
    try:
        w, h = read_picture(path).points
    except ReadRefused:
        return height * 0.3
    return h * min(1.0, width / w, height * 0.45 / h)


class _Pager:
    def __init__(self, template: Template, width: float, height: float):
        self.styles = template.styles
        self.width, self.height = width, height
        self.page, self.y = 1, 0.0

    def new_page(self) -> None:
        if self.y > 0:
            self.page += 1
            self.y = 0.0

    def advance(self, h: float) -> None:
        self.y += h
        while self.y > self.height:
            self.page += 1
            self.y -= self.height

    def text(self, style: str, text: str) -> float:
        """Advance past a paragraph; returns its height."""
        st = self.styles[style]
        per_line = max(1.0, (self.width - st.left_indent * st.size) / st.size)
        lines = 0
        for part in text.split("\n") or [""]:
            lines += max(1, math.ceil((text_units(part) + st.first_indent) / per_line))
        h = st.space_before + st.space_after + lines * st.size * st.leading
        self.advance(h)
        return h


def estimate_article_pages(comp: C.Composition, template: Template, width: float, height: float
                           ) -> dict[str, int]:
    """article id → estimated page number (1 = the first article page, as the footer counts)."""
    pager = _Pager(template, width, height)
    pages: dict[str, int] = {}
    started = False
    for e in comp.elements:
        if isinstance(e, C.ArticleHead):
            if e.column_start is not None:
                if started:
                    pager.new_page()
                pager.text("column_label", e.column_start.name)
            elif e.new_page:
                pager.new_page()
            started = True
            pages[e.article_id] = pager.page
            pager.text("title", "\n".join(e.title.own))
            if e.note is not None:
                pager.text("editor_note_label", e.note.label)
                for t in e.note.paragraphs:
                    pager.text("editor_note", t)
            for p in (e.doc_number, e.addressee):
                if p is not None:
                    _paragraph(pager, p, template)
        elif not started:
            continue
        elif isinstance(e, C.Paragraph):
            _paragraph(pager, e, template)
        elif isinstance(e, C.LinkQR):
            pager.advance(QR_HEIGHT)
        elif isinstance(e, C.Table) and e.rows:
            st = template.styles["table"]
            widths = table_widths(e.rows, st.size, width)
            for row in e.rows:
                lines = max((math.ceil(text_units(c) / max(1.0, (w - CELL_PAD) / st.size + 1e-6))
                             for c, w in zip(row, widths)), default=1)
                h = max(1, lines) * st.size * st.leading + ROW_PAD
                if pager.y + h > pager.height:
                    pager.new_page()          # rows are never split (w:cantSplit)
                pager.advance(h)
        elif isinstance(e, C.Image):
            h = _image_height(e.path, width, height)
            if pager.y + h > pager.height:
                pager.new_page()              # a picture is not split: it moves to the next page
            pager.advance(h + 8)
            if e.caption:
                pager.text("link_caption", e.caption)
        elif isinstance(e, C.BackMatter):
            break
    return pages


def _paragraph(pager: _Pager, e: C.Paragraph, template: Template) -> None:
    h = pager.text(e.style if e.style in template.styles else "body", e.text)
    if e.beside is not None:
        # set in a frame beside the paragraph (DocxWriter): only what it adds below
        pager.advance(max(0.0, QR_HEIGHT - h))
