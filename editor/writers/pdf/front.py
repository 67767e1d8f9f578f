"""The designed pages: cover, colophon (编委) page, the contents heading and the back matter.

The cover and colophon are each one flowable that fills its page and places
everything itself, the way a designer lays out a fixed page; the back matter
flows, since its length depends on the template.
"""

from __future__ import annotations

from ...compose import Colophon, ColophonRow, Cover
from ...compose.front import COLOPHON_LEFT, COLOPHON_RIGHT, PAD, ROLE_GAP_EM
from .flow import Block
from .flowables import first_baseline, tint
from .kit import Kit
from ..linebreak import Piece, break_lines
from .paragraph import ASCENT, draw_text, set_lines
from ..titles import balance_title

MM = 72 / 25.4


def set_text(canv, kit: Kit, text: str, style: str, x: float, baseline: float, width: float,
             align: str | None = None, spacing: float = 0.0, color=None, balanced: bool = False,
             record: bool = True, size: float | None = None, max_lines: int | None = None) -> int:
    """Set `text` in `style` (at `size`, if given) in a box `width` wide whose first baseline is
    `baseline`; returns the number of lines used. Beyond `max_lines` the text is cut short with ……
    (a cover headline longer than the cover has room for)."""
    st = kit.style(style)
    piece = Piece(text, kit.font(st.font), size or st.size, st.bold, color or st.color)
    if spacing:
        return _spaced(canv, kit, piece, style, x, baseline, width, align or st.align, spacing, record)
    para = kit.prepare([piece])
    geometry = lambda i: (0.0, width)  # noqa: E731
    lines = balance_title(para, geometry) if balanced else break_lines(para, geometry, ragged=True)
    if max_lines is not None and len(lines) > max(1, max_lines):
        keep = max(1, max_lines)
        cut = lines[keep - 1].end
        while True:
            cut -= 1
            piece = Piece(text[:max(cut, 0)].rstrip() + "……", piece.font, piece.size, piece.bold, piece.color)
            para = kit.prepare([piece])
            lines = break_lines(para, geometry, ragged=True)
            if len(lines) <= keep or cut <= 0:
                break
    canv.saveState()
    canv.translate(x, 0)
    set_lines(canv, kit, para, lines, align or st.align, baseline, piece.size * st.leading, piece.color,
              style if record else None)
    canv.restoreState()
    return len(lines)


def _spaced(canv, kit: Kit, piece: Piece, style: str, x: float, baseline: float, width: float, align: str,
            spacing: float, record: bool) -> int:
    """One letter-spaced line (mastheads)."""
    w = kit.measure(piece.font, piece.text, piece.size) + spacing * (len(piece.text) - 1)
    if align == "center":
        x += (width - w) / 2
    elif align == "right":
        x += width - w
    draw_text(canv, kit, piece, x, baseline, spacing, record=style if record else None)
    return 1


def spread(canv, kit: Kit, text: str, style: str, x: float, baseline: float, width: float) -> None:
    """Set a short label spread evenly over `width` (主　编 over the width of 联合主编)."""
    st = kit.style(style)
    font = kit.font(st.font)
    chars = [c for c in text if not c.isspace()]
    widths = [kit.measure(font, c, st.size) for c in chars]
    gap = 0.0 if len(chars) == 1 or sum(widths) >= width else (width - sum(widths)) / (len(chars) - 1)
    draw_text(canv, kit, Piece("".join(chars), font, st.size, st.bold, st.color), x, baseline, gap)


class FullPage(Block):
    """A block that takes its whole frame."""

    def wrap(self, aw, ah):
        self.width, self.height = aw, ah
        return aw, ah


class CoverPage(FullPage):
    def __init__(self, kit: Kit, cover: Cover, publisher: str, page_size: tuple[float, float],
                 margins: tuple[float, float, float, float],
                 teasers: list[tuple[str, list[tuple[str, str, str | None]]]] | None = None):
        super().__init__()
        self.kit, self.cover, self.publisher = kit, cover, publisher
        # (column, [(article id, title, title with its own line break)]), without the headline article
        self.teasers = teasers or []
        self.page_w, self.page_h = page_size
        self.margins = margins    # top, right, bottom, left

    def draw(self):
        c, kit, cv = self.canv, self.kit, self.cover
        W, H = self.page_w, self.page_h
        top, right, bottom, left = self.margins
        primary = kit.color("primary")
        accent = kit.color("accent")
        text_w = W - left - right
        k = min(1.0, H / (297 * MM))        # designed on A4; smaller pages take smaller distances
        # the masthead band: tagline, title and slogan reversed out of the house colour
        band_h = 92 * MM * k
        band_y = H - band_h
        c.setFillColor(primary)
        c.rect(0, band_y, W, band_h, stroke=0, fill=1)
        c.setFillColor(tint(primary, 0.8))
        c.rect(0, band_y, W, 2.2 * MM, stroke=0, fill=1)          # a lighter sill under the band
        c.setFillColor(accent)
        c.rect(0, band_y - 1.4 * MM, W, 1.4 * MM, stroke=0, fill=1)
        y = H - 24 * MM * k
        if cv.tagline:
            set_text(c, kit, cv.tagline, "masthead_tagline", left, y, text_w, color="#FFFFFF",
                     spacing=kit.style("masthead_tagline").size * 0.08)
            # short rules either side of the tagline, as on a printed masthead
            tl = kit.style("masthead_tagline")
            tw = kit.measure(kit.font(tl.font), cv.tagline, tl.size) + tl.size * 0.08 * (len(cv.tagline) - 1)
            c.setStrokeColor(tint(primary, 0.45))
            c.setLineWidth(0.6)
            for x0, x1 in ((left, (W - tw) / 2 - 4 * MM), ((W + tw) / 2 + 4 * MM, W - right)):
                if x1 - x0 > 6 * MM:
                    c.line(x0, y + tl.size * 0.3, x1, y + tl.size * 0.3)
        mt = kit.style("masthead_title")
        # the title as large as its style says, or as fits the width
        natural = kit.measure(kit.font(mt.font), cv.title, 1.0) + 0.14 * (len(cv.title) - 1)
        size = min(mt.size, 0.96 * text_w / natural) if natural else mt.size
        y -= 11 * MM * k + size * ASCENT
        set_text(c, kit, cv.title, "masthead_title", left, y, text_w, spacing=size * 0.14, color="#FFFFFF",
                 size=size)
        if cv.slogan:
            ss = kit.style("masthead_slogan")
            y -= size * 0.42 + ss.size * 1.3
            set_text(c, kit, cv.slogan, "masthead_slogan", left, y, text_w, spacing=ss.size * 0.45,
                     color="#DCE6F3")
        # the issue line under the band, between two rules
        y = band_y - 1.4 * MM - 9 * MM * k
        il = kit.style("issue_line")
        set_text(c, kit, cv.issue_line, "issue_line", left, y, text_w, spacing=il.size * 0.05)
        c.setStrokeColor(primary)
        c.setLineWidth(0.5)
        c.line(left, y - 4 * MM, W - right, y - 4 * MM)
        # the cover headline under its label, then the rest of the issue as a short list
        foot = bottom + 4 * MM
        self._halftone(c, primary, W, foot + 4 * MM, foot + 46 * MM * k)
        y = band_y - 36 * MM * k
        if cv.headline.own:
            hl = kit.style("cover_headline")
            lead = hl.size * hl.leading
            top_y = y
            self._label(c, cv.headline_label, left, y, text_w, accent)
            y -= 9 * MM * k + hl.size * ASCENT
            room = int((y - (foot + 30 * MM * k)) // lead) + 1      # lines above the dot screen
            for line in cv.headline.own:
                if room <= 0:
                    break
                used = set_text(c, kit, line, "cover_headline", left, y, text_w, balanced=True, max_lines=room)
                y -= used * lead
                room -= used
            if cv.headline_article:
                c.linkRect("", f"art-{cv.headline_article}", (left, y, W - right, top_y + 12), relative=1)
            y -= 10 * MM * k
        if self.teasers:
            self._teasers(c, left, y, text_w, accent, floor=foot + 26 * MM * k)
        # a band along the foot with the publisher
        c.setFillColor(primary)
        c.rect(0, 0, W, bottom + 4 * MM, stroke=0, fill=1)
        if self.publisher:
            ft = kit.style("masthead_tagline")
            font = kit.font(ft.font)
            label = self.publisher
            tw = kit.measure(font, label, 11) + 11 * 0.3 * (len(label) - 1)
            draw_text(c, kit, Piece(label, font, 11, False, "#FFFFFF"), (W - tw) / 2, (bottom + 4 * MM) / 2 - 4,
                      11 * 0.3, record="cover_publisher")

    def _label(self, c, text: str, x: float, baseline: float, width: float, color) -> None:
        """A small coloured label with a rule running from it to the right margin."""
        kit = self.kit
        lbl = kit.style("cover_label")
        set_text(c, kit, text, "cover_label", x, baseline, width, align="left")
        label_w = kit.measure(kit.font(lbl.font), text, lbl.size)
        c.setStrokeColor(color)
        c.setLineWidth(1.2)
        c.line(x + label_w + 3 * MM, baseline + lbl.size * 0.3, x + width, baseline + lbl.size * 0.3)

    def _teaser_lines(self, title: str, preferred: str | None, font: str, size: float, width: float, color):
        """A title's lines; a long one breaks where the article's title does (after the issuer), if that
        costs no line."""
        kit = self.kit

        def geometry(i: int) -> tuple[float, float]:      # continuation lines hang one em in
            return (0.0, width) if i == 0 else (size, width - size)
        para = kit.prepare([Piece(title, font, size, False, color)])
        lines = break_lines(para, geometry, ragged=True)
        if len(lines) > 1 and preferred:
            alt = kit.prepare([Piece(preferred, font, size, False, color)])
            alt_lines = break_lines(alt, geometry, ragged=True)
            if len(alt_lines) <= len(lines):
                return alt, alt_lines
        return para, lines

    def _teasers(self, c, left: float, y: float, width: float, accent, floor: float) -> None:
        """本期导读: the other articles by column, each linked to its first page; what does not fit
        above the dot screen is referred to the contents."""
        kit = self.kit
        col_st, entry_st = kit.style("toc_column"), kit.style("toc_entry")
        size = entry_st.size - 0.5
        lead = size * 1.75
        label_y, y = y, y - 8 * MM
        name_w = 6 * size
        font = kit.font(entry_st.font)
        col_font = kit.font(col_st.font)
        flat = [(column, i == 0, entry) for column, entries in self.teasers for i, entry in enumerate(entries)]
        for n, (column, first, (article_id, title, preferred)) in enumerate(flat):
            para, lines = self._teaser_lines(title, preferred, font, size, width - name_w, entry_st.color)
            more = n < len(flat) - 1
            if y - len(lines) * lead - (lead if more else 0) < floor:
                if not n:
                    return          # no room for even one entry (a small page, a long headline)
                draw_text(c, kit, Piece(self.cover.guide_more, font, size - 1, False, "#666666"), left + name_w,
                          y - size * ASCENT, record="cover_teaser")
                c.linkRect("", "contents", (left + name_w, y - lead + 3, left + width, y + 2), relative=1)
                return
            if not n:
                self._label(c, self.cover.guide_label, left, label_y, width, accent)
            if first:
                y -= size * 0.5 if n else 0
                draw_text(c, kit, Piece(column, col_font, size, False, col_st.color), left, y - size * ASCENT,
                          record="cover_teaser")
            c.saveState()
            c.translate(left + name_w, 0)
            set_lines(c, kit, para, lines, "left", y - size * ASCENT, lead, entry_st.color, "cover_teaser")
            c.restoreState()
            c.linkRect("", f"art-{article_id}", (left + name_w, y - len(lines) * lead + 3, left + width, y + 2),
                       relative=1)
            y -= len(lines) * lead + size * 0.2

    @staticmethod
    def _halftone(c, color, W, y0, y1):
        """A quiet dot screen fading upwards: a nod to data without a picture.

        Each row is one dashed line with round caps and zero-length dashes: a row of dots
        in a single path operator, instead of hundreds of circles.
        """
        step = 4.2 * MM
        rows = int((y1 - y0) / step)
        c.saveState()
        c.setStrokeColor(tint(color, 0.22))
        c.setLineCap(1)
        for r in range(rows):
            fade = 1 - r / max(1, rows)
            diameter = 2 * (0.2 + 1.6 * fade * fade)
            c.setLineWidth(diameter)
            c.setDash([0, step], step / 2 if r % 2 else 0)
            c.line(0, y0 + r * step, W, y0 + r * step)
        c.restoreState()


class ColophonPage(FullPage):
    """编委 entries with their roles spread to one width and short names to three characters; the
    disclaimer at the foot of the page."""

    PAD = 10.0

    def __init__(self, kit: Kit, colophon: Colophon):
        super().__init__()
        self.kit, self.col = kit, colophon

    def draw(self):
        c, kit, col = self.canv, self.kit, self.col
        W, H = self.width, self.height
        primary = kit.color("primary")
        role_st, name_st = kit.style("colophon_role"), kit.style("colophon_name")
        em = name_st.size
        lead = name_st.size * name_st.leading
        # masthead in small
        ts = kit.style("toc_heading")
        y = H - ts.size * ASCENT
        set_text(c, kit, col.title, "toc_heading", 0, y, W, spacing=ts.size * 0.12)
        y -= ts.size * 0.6 + 14
        set_text(c, kit, col.issue_line, "issue_line", 0, y, W)
        y -= 10
        c.setStrokeColor(primary)
        c.setLineWidth(1.6)
        c.line(0, y, W, y)
        c.setLineWidth(0.5)
        c.line(0, y - 2.6, W, y - 2.6)
        y -= 2.6 + 16 + role_st.size
        # the grid as the composition lays it out: roles spread over one width, names in cells
        role_w = role_st.size * col.role_em
        block_x = W * COLOPHON_LEFT
        names_x = block_x + role_w + ROLE_GAP_EM * em
        names_w = W - names_x - W * COLOPHON_RIGHT
        cell = col.cell_em * em
        gap = col.gap_em * em
        rows = [self._rows(r, names_w) for r in col.rows]
        space = em * 0.35                               # between entries
        block_h = sum(max(1, r) * lead + space for r in rows)
        room = y - self._disclaimer_height(W) - 2 * lead
        if block_h > room:
            # a long list on a small page: close up the lines (as far as the composition allows)
            # rather than run under the disclaimer
            squeeze = max(col.least_leading, room / block_h)
            lead, space, block_h = lead * squeeze, space * squeeze, block_h * squeeze
        y -= max(0.0, (room - block_h) * 0.4)           # the list sits a little above the middle
        for e, n_rows in zip(col.rows, rows):
            spread(c, kit, e.role, "colophon_role", block_x, y, role_w)
            kit.record("colophon_role", e.role, c.getPageNumber())
            if e.grid:
                for row, line in enumerate(e.lines):
                    for k, name in enumerate(line):
                        x = names_x + k * (cell + gap)
                        if PAD in name:         # a short name padded to the cell: spread over it
                            spread(c, kit, name, "colophon_name", x, y - row * lead, cell)
                        else:
                            set_text(c, kit, name, "colophon_name", x, y - row * lead, cell + gap, align="left",
                                     record=False)
                        kit.record("colophon_name", name.replace(PAD, ""), c.getPageNumber())
            else:
                done = 0
                for (name,) in e.lines:
                    done += set_text(c, kit, name, "colophon_name", names_x, y - done * lead, names_w,
                                     align="left")
            y -= max(1, n_rows) * lead + space
        self._disclaimer(c, W)

    def _rows(self, row: ColophonRow, width: float) -> int:
        if row.grid:
            return len(row.lines)
        kit = self.kit
        st = kit.style("colophon_name")
        return sum(len(break_lines(kit.prepare([Piece(n, kit.font(st.font), st.size)]),
                                   lambda i: (0.0, width), ragged=True)) for (n,) in row.lines)

    def _disclaimer_lines(self, W):
        kit = self.kit
        st = kit.style("disclaimer")
        piece = Piece(self.col.disclaimer, kit.font(st.font), st.size, st.bold, st.color)
        para = kit.prepare([piece])
        indent = st.first_indent * st.size
        width = W - 2 * self.PAD
        return para, break_lines(para, lambda i: (indent if i == 0 else 0.0,
                                                           width - (indent if i == 0 else 0.0)))

    def _disclaimer_height(self, W) -> float:
        if not self.col.disclaimer:
            return 0.0
        st = self.kit.style("disclaimer")
        return len(self._disclaimer_lines(W)[1]) * st.size * st.leading + 2 * self.PAD

    def _disclaimer(self, c, W):
        kit = self.kit
        if not self.col.disclaimer:
            return
        st = kit.style("disclaimer")
        para, lines = self._disclaimer_lines(W)
        pad = self.PAD
        lead = st.size * st.leading
        box_h = len(lines) * lead + 2 * pad
        primary = kit.color("primary")
        c.setFillColor(tint(primary, 0.06))
        c.setStrokeColor(tint(primary, 0.5))
        c.setLineWidth(0.5)
        c.rect(0, 0, W, box_h, stroke=1, fill=1)
        c.saveState()
        c.translate(pad, 0)
        set_lines(c, kit, para, lines, st.align, first_baseline(box_h - pad, lead, st.size), lead,
                  st.color, "disclaimer")
        c.restoreState()

