"""The designed pages of the DOCX: the cover, the editors' page and the contents.

The cover is laid out as the PDF lays it out (writers/pdf/front.py), to the same
measurements: the masthead band from the top edge of the paper, its lighter sill and
the red rule under it, the tagline between two short rules, the issue line over a
thin rule, the headline and the guide each under a label with a rule running to the
right margin, a dot screen and the publisher's band along the foot. Bands, rules and
the screen are drawings behind the text, placed on the page; the masthead texts are
framed paragraphs at their place, the headline and guide flow from the cover's top
margin. Every cover line is exact (Word and LibreOffice set an exact line's baseline
at 80 % of its height), so the page is where the PDF's is.
"""

from __future__ import annotations

from ... import compose as C
from ...compose.measure import text_units
from .oxml import (Para, x_bookmark, x_field, x_field_begin, x_field_end, x_frame_at_foot, x_hyperlink, x_run,
                   x_table)
from .oxml.props import tint
from .oxml.shapes import x_frame_at, x_picture_behind, x_rect
from .styles import GUIDE_COLUMN, GUIDE_INDENT, STYLE_NAMES, TOC_LEVELS
from .texture import dot_screen_png

MM = 72 / 25.4
ASCENT = 0.88            # the ideographic em box above the baseline, as the PDF measures it
BASELINE = 0.8           # where Word and LibreOffice set the baseline in an exact line


class Cover:
    """The cover of `writer` (a DocxWriter), composed from `e` (compose.Cover)."""

    def __init__(self, writer, e: C.Cover):
        self.w, self.e = writer, e
        self.styles = writer.template.styles
        self.W, self.H = (v * MM for v in writer.page_mm)
        top, right, bottom, left = (v * MM for v in writer.margins_mm)
        self.left, self.right, self.bottom = left, right, bottom
        self.text_w = self.W - left - right
        self.k = min(1.0, self.H / (297 * MM))     # designed on A4; smaller pages take smaller distances
        self.band_h = 92 * MM * self.k
        self.shapes: list[str] = []

    # ------------------------------------------------------------ geometry

    def line(self, style: str, size: float | None = None) -> float:
        """The exact line of a cover style (the writer's own take their template style's leading)."""
        from .styles import EXTRA

        st = self.styles[EXTRA[style][2] if style in EXTRA else style]
        if style == "cover_guide":
            return (st.size - 0.5) * 1.75
        return (size or st.size) * st.leading

    def framed(self, style: str, text: str, baseline: float, size: float | None = None) -> None:
        """`text` in a frame whose (exact, single) line's baseline is at `baseline`: the width of the
        text, or, for a centred line, as far into both margins as the nearer allows (3 mm short of the
        paper's edge), as the PDF lets a long tagline run past the measure on small paper; a second
        line would be cut off by the frame's exact height."""
        from .styles import EXTRA

        height = self.line(style, size)
        p = self.w.text(style, text)
        key = EXTRA[style][2] if style in EXTRA else style
        centred = style == "cover_publisher" or self.styles[key].align == "center"
        out = max(0.0, min(self.left, self.right) - 3 * MM) if centred else 0.0
        p.frame = x_frame_at(self.left - out, baseline - BASELINE * height, self.text_w + 2 * out, height)

    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        self.shapes.append(x_rect(self.w._next_id(), x, y, w, h, fill))

    def rule_from(self, label: str, baseline: float) -> None:
        """The rule from a label to the right margin, through the middle of its characters."""
        st = self.styles["cover_label"]
        x = self.left + text_units(label) * st.size + 3 * MM
        self.rect(x, baseline - st.size * 0.3 - 0.6, self.W - self.right - x, 1.2, self.w.template.color("accent"))

    # ------------------------------------------------------------ the page

    def write(self) -> None:
        w, e = self.w, self.e
        color = w.template.color
        primary, accent = color("primary"), color("accent")
        k, W = self.k, self.W
        self.rect(0, 0, W, self.band_h, primary)
        self.rect(0, self.band_h - 2.2 * MM, W, 2.2 * MM, "#" + tint(primary, 0.8))
        self.rect(0, self.band_h, W, 1.4 * MM, accent)
        y = 24 * MM * k
        if e.tagline:
            self.framed("masthead_tagline", e.tagline, y)
            ts = self.styles["masthead_tagline"]
            tw = (text_units(e.tagline) + 0.08 * (len(e.tagline) - 1)) * ts.size
            for x0, x1 in ((self.left, (W - tw) / 2 - 4 * MM), ((W + tw) / 2 + 4 * MM, W - self.right)):
                if x1 - x0 > 6 * MM:
                    self.rect(x0, y - ts.size * 0.3 - 0.3, x1 - x0, 0.6, "#" + tint(primary, 0.45))
        size = w.sheet.masthead_size
        y += 11 * MM * k + size * ASCENT
        self.framed("masthead_title", e.title, y, size)
        if e.slogan:
            y += size * 0.42 + self.styles["masthead_slogan"].size * 1.3
            self.framed("masthead_slogan", e.slogan, y)
        issue = self.band_h + 1.4 * MM + 9 * MM * k
        self.framed("cover_issue_line", e.issue_line, issue)
        self.rect(self.left, issue + 4 * MM - 0.25, self.text_w, 0.5, primary)
        foot = self.bottom + 4 * MM
        screen_top, screen_h = self.H - foot - 46 * MM * k, 46 * MM * k - 4 * MM
        png = dot_screen_png(W / MM, screen_h / MM + 1, _rgb(tint(primary, 0.22)))
        self.shapes.append(x_picture_behind(w.picture(png), w._next_id(), "dots.png", 0, screen_top, W,
                                            screen_h + MM))
        self.rect(0, self.H - foot, W, foot, primary)
        if w.comp.author:
            st = self.styles["masthead_tagline"]
            self.framed("cover_publisher", w.comp.author, self.H - (foot / 2 - 4), st.size)
        self.flow(floor=self.H - foot - 26 * MM * k)

    def at(self, style: str, inner: str, baseline: float, lines: int = 1) -> Para:
        """A flowing paragraph in `style` whose first baseline is at `baseline` (from the page's top):
        the space before it is what lies between the line above and its own line's top."""
        height = self.line(style)
        top = baseline - BASELINE * height
        p = self.w.para(style, inner)
        if top - self.y > 0.01:
            p.before = round(top - self.y, 2)
        self.y = max(self.y, top) + lines * height
        return p

    def flow(self, floor: float) -> None:
        """The headline and the guide, from the cover's top margin down (exact lines, so their
        positions are known and the labels' rules placed beside them); the guide as far as fits above
        `floor` (from the page's top), the rest referred to the contents, as in the PDF."""
        w, e, k = self.w, self.e, self.k
        label_base = self.band_h + 36 * MM * k
        w.cover_top = self.y = label_base - BASELINE * self.line("cover_label")   # the flow starts here
        first = None
        if e.headline.own:
            first = self.at("cover_label", x_run(e.headline_label), label_base)
            self.rule_from(e.headline_label, label_base)
            hl_line = self.line("cover_headline")
            base = label_base + 9 * MM * k + self.styles["cover_headline"].size * ASCENT
            anchor = w.bookmarks.get(e.headline_article or "")
            for part in e.headline.set:
                text = x_run("\n".join(part))
                self.at("cover_headline", x_hyperlink(text, anchor=anchor) if anchor else text, base, len(part))
                base += len(part) * hl_line
            label_base = base + 10 * MM * k       # as the PDF: a line under the last baseline, and 10 mm
        if e.guide:
            first = self.guide(label_base, floor) or first
        if first is None:
            first = w.para("cover_label", "")
        first.inner[:0] = self.shapes                        # the drawings, anchored in the first line

    def guide(self, label_base: float, floor: float) -> Para | None:
        """本期导读 under its label: each column's name beside its first entry, every entry a link to
        its article; the entries that fit above `floor`, then a line referring to the contents."""
        w, e = self.w, self.e
        size = self.styles["toc_entry"].size - 0.5
        lead = size * 1.75
        width = self.text_w - GUIDE_INDENT * size
        flat = [(name, i == 0, entry) for name, entries in e.guide for i, entry in enumerate(entries)]
        top = label_base + 8 * MM                  # the first entry's em box, as in the PDF
        placed = []
        for n, (name, first_of_column, entry) in enumerate(flat):
            text = _broken(_guide_lines(entry, size, width), (width - size) / size)
            lines = text.count("\n") + 1
            if first_of_column and n:
                top += size * 0.5
            more = n < len(flat) - 1
            if top + lines * lead + (lead if more else 0) > floor:
                if not n:
                    return None             # no room for even one entry (a small page, a long headline)
                placed.append((x_run("\t") + x_hyperlink(x_run(e.guide_more), anchor=w.contents_bookmark),
                               top, 1))
                break
            anchor = w.bookmarks.get(entry.article_id)
            title = x_hyperlink(x_run(text), anchor=anchor) if anchor else x_run(text)
            lead_run = x_run(name, w.sheet.style_id(GUIDE_COLUMN[0])) if first_of_column else ""
            placed.append((lead_run + x_run("\t") + title, top, lines))
            top += lines * lead + size * 0.2
        label = self.at("cover_label", x_run(e.guide_label), label_base)
        self.rule_from(e.guide_label, label_base)
        for inner, line_top, lines in placed:
            self.at("cover_guide", inner, line_top + size * ASCENT, lines)
        return label


def _guide_lines(entry: C.ContentsEntry, size: float, width: float) -> list[str]:
    """A guide entry's lines: where too long, as its article's title breaks."""
    fits = text_units(entry.title) * size <= width * 0.96
    return (not fits and entry.lines) or [entry.title]


def _broken(lines: list[str], measure_em: float) -> str:
    """Lines each broken evenly between words where wider than `measure_em`, joined by line breaks."""
    from ...compose.measure import ESTIMATE_MARGIN, set_lines

    return "\n".join(part for line in lines for part in set_lines(line, measure_em * ESTIMATE_MARGIN))


def _rgb(hex6: str) -> tuple[int, int, int]:
    return tuple(int(hex6[i:i + 2], 16) for i in (0, 2, 4))


# ---------------------------------------------------------------- the editors' page

def colophon(w, e: C.Colophon) -> None:
    """The editors' page as the PDF sets it: the masthead line and issue line over their rules, the
    composition's grid of roles and names from 12 % of the measure, a little above the middle of
    what the disclaimer leaves, and the disclaimer in its box at the foot."""
    w.text("colophon_title", e.title)
    issue = w.text("issue_line", e.issue_line)
    name = w.template.styles["colophon_name"]
    lead = name.size * name.leading
    space = round(name.size * 0.35, 2)                   # between entries (the styles' space after)
    lines = _colophon_lines(w, e) if e.entries else 0
    # the issue line's rules and the space under them (18 pt), the disclaimer's box (6 pt of padding
    # and its rule on each side) and 14 pt between them, half a line to spare: word processors lay
    # out a little differently
    box = w._height("disclaimer", e.disclaimer, w.text_width - 13) + 13 if e.disclaimer else 0.0
    room = w.text_height - (w._height("toc_heading", e.title) + w._height("issue_line", e.issue_line)
                            + 18 + box + 14 + lead / 2)
    block = lines * lead + len(e.rows) * space
    squeeze, gap = 1.0, space
    if block > room:
        # a long list on a small page: the space between its entries goes first, then its lines
        # close up (as far as the composition allows) rather than push the disclaimer onto a page
        # of its own
        gap = max(0.0, (room - lines * lead) / max(1, len(e.rows)))
        if gap == 0.0:
            squeeze = max(e.least_leading, room / (lines * lead))
    block = lines * lead * squeeze + len(e.rows) * gap
    at_foot = block <= room + 0.01
    if at_foot and gap == space:
        # the list a little above the middle of the room it has, as in the PDF
        issue.after = round(max(w.template.styles["issue_line"].space_after, 14.0) + (room - block) * 0.3, 2)
    if e.disclaimer and at_foot:
        # a frame at the foot of the page, anchored to the table after it
        w.text("disclaimer", e.disclaimer).frame = x_frame_at_foot(w.text_width)
    if e.entries:
        _colophon_table(w, e, lead * squeeze if squeeze < 1 else None, round(gap, 2) if gap != space else None)
    if e.disclaimer and not at_foot:
        # where even that is not enough, it follows the list instead of covering it
        w.text("disclaimer", e.disclaimer, before=18)


CELL_MARGIN = 5.4        # Word's default left and right cell margins, points
ROLE_SLACK_EM = 0.5      # the roles' cell a little wider than their spread width: else they wrap


def _colophon_lines(w, e: C.Colophon) -> int:
    """How many lines the editors' list will take: its line breaks, and long names (an address)
    wrapping in their cell."""
    from ...compose.front import ROLE_GAP_EM

    size = w.template.styles["colophon_name"].size
    (_, names_w), texts = _colophon_cells(w, e)
    text_w = names_w - 2 * CELL_MARGIN - max(0.0, (ROLE_GAP_EM - ROLE_SLACK_EM) * size - 2 * CELL_MARGIN)
    per_line = max(1.0, text_w / size - 1)                 # a character short: digits' widths vary
    return sum(max(1, -int(-text_units(line) // per_line)) for cell in texts for line in cell.split("\n"))


def _colophon_cells(w, e: C.Colophon) -> tuple[list[float], list[str]]:
    """The list's column widths (the roles' cell holds their spread width exactly) and the text of
    each names cell: the composition's grid, its lines joined by line breaks and its names (padded to
    the cell) by tabs to the style's stops."""
    from ...compose.front import COLOPHON_LEFT, COLOPHON_RIGHT

    role_w = w.template.styles["colophon_role"].size * (e.role_em + ROLE_SLACK_EM) + 2 * CELL_MARGIN
    names_w = w.text_width * (1 - COLOPHON_LEFT - COLOPHON_RIGHT) - role_w + 2 * CELL_MARGIN
    return [role_w, names_w], ["\n".join("\t".join(line) for line in row.lines) for row in e.rows]


def _colophon_table(w, e: C.Colophon, line: float | None = None, after: float | None = None) -> None:
    """The editors' list as a table of role and names; `line` and `after`: a closer line height and
    space between entries, points."""
    from ...compose.front import COLOPHON_LEFT

    widths, texts = _colophon_cells(w, e)
    role_id, name_id = w.sheet.id("colophon_role"), w.sheet.id("colophon_name")
    rows = [[Para(role_id, [x_run(entry.role)], line=line, after=after).xml(),
             Para(name_id, [x_run(text)], line=line, after=after).xml()] for entry, text in zip(e.rows, texts)]
    w.blocks.append(x_table(rows, widths, indent_pt=w.text_width * COLOPHON_LEFT - CELL_MARGIN))


# ---------------------------------------------------------------- the contents

def contents(w, e: C.Contents) -> None:
    """本期要目: a TOC field over the column labels and titles, filled in as Word would fill it
    (hyperlinked entries, PAGEREF numbers estimated from the document's styles), set as the PDF
    sets it: CONTENTS under the heading, each column on a tab, the numbers in the house colour
    and under each entry its 文号 and source in grey. What an update of the field regenerates
    keeps the styles (toc 1, toc 2); the tabs' rules, the numbers' colour and the notes are the
    pre-filled contents' own."""
    from .styles import TOC_LEADER, TOC_NUMBER

    w.break_next = True
    w.para("toc_heading", x_bookmark(w._next_id(), w.contents_bookmark, x_run(e.heading))).after = 0.0
    if e.subtitle:
        w.text("toc_subtitle", e.subtitle)
    w.text("issue_line", w.comp.issue_line)
    levels = ",".join(f"{STYLE_NAMES[s][1]},{n}" for n, s in enumerate(TOC_LEVELS, 1))
    instruction = f'TOC \\h \\z \\n "1-1" \\t "{levels}"'
    entries = []
    for index, (name, group) in enumerate(e.groups):
        entries.append(("toc_column", name, w.bookmarks.get(f"column:{index}"), None, None, ""))
        for entry in group:
            entries.append(("toc_entry", entry.title, w.bookmarks.get(entry.article_id),
                            w.pages.get(entry.article_id), entry.lines, entry.note))
    if not entries:
        if w.contents_field:
            w.para("toc_entry", x_field_begin(instruction) + x_field_end())
        return
    size = w.template.styles["toc_entry"].size
    width = w.text_width - 5 * size                    # room for the leader and the number
    leader, number = w.sheet.style_id(TOC_LEADER[0]), w.sheet.style_id(TOC_NUMBER[0])
    gap = max(w.template.styles["toc_entry"].space_after, 7.0)
    for k, (style, text, anchor, page, lines, note) in enumerate(entries):
        if style == "toc_entry" and text_units(text) * size > width * 0.96:
            # a title too long for one line breaks where its own title does, else between words
            text = w.balanced(style, lines or [text], width - size)
        inner = x_run(text)
        if page is not None and anchor:
            inner += x_run("\t", leader) + x_field(f"PAGEREF {anchor} \\h", str(page), number)
        inner = x_hyperlink(inner, anchor=anchor) if anchor else inner
        if style == "toc_column":
            inner = tab_drawings(w, "toc_column") + inner
        if k == 0 and w.contents_field:           # a volume's are plain entries (writers/docx/volume.py)
            inner = x_field_begin(instruction) + inner
        last = k == len(entries) - 1 and w.contents_field
        if last and not note:
            inner += x_field_end()
        p = w.para(style, inner)
        if style == "toc_entry" and not note:
            p.after = gap
        elif note:
            p.keep = True                   # its note never starts the next page alone
        if note:
            w.para("toc_note", x_run(note) + (x_field_end() if last else ""))


def tab_drawings(w, style: str) -> str:
    """The sill beside a column label's tab and the rule from it to the right margin, as the PDF's
    ColumnBand draws them: drawings against the label's line, so they move with it."""
    from .looks import tab

    st = w.template.styles[style]
    color = w.template.color(st.color)
    block, _, above, below = tab(st, w.sheet.longest_column())
    box_top = -(above + 0.5)
    box_h = 1 + above + below + st.size * 1.4
    sill = st.size * 0.35
    return (x_rect(w._next_id(), block, box_top, sill, box_h, "#" + tint(color, 0.35), h_from="margin",
                   v_from="line")
            + x_rect(w._next_id(), block + sill, box_top + box_h - 1.2, w.text_width - block - sill, 1.2, color,
                     h_from="margin", v_from="line"))


def back_band(w) -> tuple[str, str]:
    """The back cover's foot: (frame, drawings) of its footer, the masthead line reversed out of a
    band along the paper's foot, as in the PDF (a quarter less tall than the bottom margin)."""
    W, H = (v * MM for v in w.page_mm)
    top, right, bottom, left = (v * MM for v in w.margins_mm)
    band = bottom * 0.75
    st = w.template.styles["header"]
    size = st.size + 1
    line = size * 1.2
    baseline = H - (band / 2 - size * 0.35)
    return (x_frame_at(left, baseline - BASELINE * line, W - left - right, line),
            x_rect(w._next_id(), 0, H - band, W, band, w.template.color("primary")))
