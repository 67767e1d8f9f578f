"""What each DOCX style looks like beyond the template's fields: the PDF's design, style by style.

`decorate` adds to a template style's properties (worked out by StyleSheet from the
template's font, size, colour, spacing and indents) what the PDF draws around that
kind of text: the masthead's letter spacing and colours (its band is a drawing),
the column labels' tab reversed out of the house colour, the 编者按 panel, the
contents' leaders, the keeps and outline levels. `decorate_extra` does the same for
the writer's own styles, each derived from a template style. The cover's styles have
exact lines and no spacing of their own: the cover is placed by front.Cover.
"""

from __future__ import annotations

from ...template import Style
from .oxml import Border, tint

# the writer's cover: its paragraphs' lines are exact and placed by front.Cover
COVER_STYLES = {"masthead_tagline", "masthead_title", "masthead_slogan", "cover_label", "cover_headline",
                "cover_issue_line", "cover_guide", "cover_publisher"}
# letter spacing in ems, as the PDF sets these lines
SPREAD = {"masthead_tagline": 0.08, "masthead_title": 0.14, "masthead_slogan": 0.45, "cover_issue_line": 0.05,
          "cover_publisher": 0.3, "toc_column": 0.25, "column_label": 0.25, "colophon_title": 0.12}
SLOGAN_COLOR = "#DCE6F3"
NOTE_PAD, NOTE_BAR = 11.0, 3.0           # the 编者按 panel's padding and bar, points (as the PDF's)
TOC_NOTE_SCALE = 0.8                     # the note under a contents entry, relative to the entry's size


def fit(text_width: float, text: str, spread: float) -> float:
    """The largest size at which `text`, letter-spaced by `spread` ems, fits 96 % of the measure."""
    from ...compose.measure import text_units

    ems = text_units(text) + spread * max(0, len(text) - 1)
    return text_width * 0.96 / ems if ems else 1e9


def tab(st: Style, longest: int) -> tuple[float, float, float, float]:
    """A column label's tab (the name reversed out of a block of the house colour, as the PDF's
    ColumnBand): (block width, side padding, top and bottom border spaces), points."""
    size = st.size
    block = size * (longest + SPREAD["column_label"] * (longest - 1)) + 2.4 * size
    return block, 1.2 * size, round(0.26 * size), round(0.34 * size)


def _shared(sheet, key: str, st: Style, ppr, rpr) -> None:
    """What template styles and the writer's own have alike: bold where a 黑体 is stood in for,
    letter spacing, and the cover's exact leading."""
    if sheet.stands_in_for_hei(st) and not st.bold:
        rpr.bold = True
    if key in SPREAD:
        rpr.spacing = round(st.size * SPREAD[key], 2)
    if key in COVER_STYLES:
        ppr.before = ppr.after = 0.0
        ppr.line = ("exact", round(st.size * st.leading, 2))


def decorate(sheet, key: str, st: Style, ppr, rpr) -> None:
    """Add the PDF's design for template style `key` to its properties `ppr` and `rpr`."""
    primary = sheet.color("primary")
    tpl = sheet.template
    _shared(sheet, key, st, ppr, rpr)
    if key in ("masthead_tagline", "masthead_title", "masthead_slogan"):
        # reversed out of the band (a drawing behind them, see front.Cover); on smaller paper the
        # title shrinks to one line, as on the PDF cover
        rpr.color = SLOGAN_COLOR if key == "masthead_slogan" else "#FFFFFF"
        if key == "masthead_title":
            size = min(st.size, fit(sheet.text_width, tpl.publication.title, SPREAD[key]))
            rpr.size, ppr.size = size, size
            rpr.spacing = round(size * SPREAD[key], 2)
            ppr.line = ("exact", round(size * st.leading, 2))
            sheet.masthead_size = size
    elif key == "issue_line":
        # the masthead rules under the issue line: thick over thin
        ppr.borders = (Border("bottom", "thickThinSmallGap", 3, primary, 4),)
        ppr.after = max(ppr.after, 14)
    elif key == "cover_label":
        ppr.keep_next = True
    elif key in ("colophon_role", "colophon_name"):
        ppr.after = round(st.size * 0.35, 2)          # between the editors' entries, as the PDF
        if key == "colophon_role":
            from .front import ROLE_SLACK_EM

            ppr.align = "distribute"               # spread over the roles' width, as the PDF
            ppr.right = (ROLE_SLACK_EM - 0.25) * st.size    # a quarter em to spare: else a role wraps
        else:
            # the names 2 em after the roles (their cells' margins, 2 × 5.4 pt, are most of it);
            # a cell of three characters and 1.5 em to the next, as the composition's grid
            from ...compose.front import CELL_EM, GAP_EM, ROLE_GAP_EM
            from .front import CELL_MARGIN, ROLE_SLACK_EM

            em = st.size
            ppr.left = max(0.0, (ROLE_GAP_EM - ROLE_SLACK_EM) * em - 2 * CELL_MARGIN)
            ppr.first_chars = ppr.left_chars = 0.0
            ppr.tabs = tuple(("left", ppr.left + k * (CELL_EM + GAP_EM) * em, "none") for k in range(1, 12)
                             if k * (CELL_EM + GAP_EM) * em < sheet.text_width)
    elif key == "disclaimer":
        ppr.borders = tuple(Border(s, "single", 0.5, tint(primary, 0.5), 6) for s in ("top", "left", "bottom", "right"))
        ppr.shade = tint(primary, 0.06)
    elif key == "toc_heading":
        ppr.keep_next = True
    elif key in ("toc_column", "column_label"):
        # the name reversed out of a block the width of the longest column name: borders in the
        # block's colour make its padding (the sill and the rule to the margin are drawings)
        color = sheet.color(st.color)
        block, pad, above, below = tab(st, sheet.longest_column())
        ppr.shade, rpr.color, ppr.align = color, "#FFFFFF", "left"
        ppr.borders = (Border("top", "single", 0.5, color, above), Border("left", "single", 0.5, color, pad - 0.5),
                       Border("bottom", "single", 0.5, color, below),
                       Border("right", "single", 0.5, color, pad - 0.5))
        ppr.left, ppr.right = pad, max(0.0, sheet.text_width - block + pad)
        ppr.first_chars = ppr.left_chars = 0.0
        ppr.line = ("exact", round(st.size * 1.4, 2))
        ppr.keep_next = True
        if key == "column_label":
            ppr.page_break_before = True
            ppr.outline = 0
    elif key == "toc_entry":
        # wrapped lines hang a character in; dotted leaders to the number at the margin
        size = st.size
        ppr.left_chars, ppr.first_chars = 0.0, 0.0
        ppr.left, ppr.hanging = st.left_indent * size + size, size
        ppr.after = 0.0                  # the note under it, or the writer where there is none, has the gap
        ppr.tabs = (("right", sheet.text_width - 1, "middleDot"),)
        ppr.right = 0.0
    elif key in ("editor_note_label", "editor_note"):
        # the 编者按 panel: tinted, a bar in the house colour, padded; label and note share the same
        # borders and indents, so Word draws them as one box
        panel = tint(primary, 0.07)
        ppr.borders = (Border("top", "single", 0.5, panel, NOTE_PAD), Border("left", "single", NOTE_BAR, primary, NOTE_PAD),
                       Border("bottom", "single", 0.5, panel, NOTE_PAD), Border("right", "single", 0.5, panel, NOTE_PAD))
        ppr.shade = panel
        ppr.left, ppr.right = NOTE_PAD + NOTE_BAR, NOTE_PAD
        ppr.keep_next = key == "editor_note_label"
        if key == "editor_note_label":
            ppr.after = 2.0
    elif key in ("attachment", "attachment_item", "signature"):
        ppr.keep_next = True    # 附件说明, 署名 and 成文日期 stay together on one page
    elif key == "title":
        ppr.keep_next = ppr.keep_lines = True
        ppr.outline = 1
    elif key in ("heading1", "heading2", "heading3", "heading4", "subheading"):
        if key != "subheading" and not st.bold and sheet._as_body(st):
            rpr.bold = True         # as in the PDF: its face is the text's here, its weight is not
        ppr.keep_next = True
        ppr.outline = 2 + int(key[-1]) - 1 if key != "subheading" else 2
    elif key == "header":
        ppr.borders = (Border("bottom", "single", 0.6, sheet.color(st.color), 3),)


def decorate_extra(sheet, key: str, st: Style, ppr, rpr) -> None:
    """The writer's own styles, each from template style `st` (see styles.EXTRA)."""
    primary = sheet.color("primary")
    _shared(sheet, key, st, ppr, rpr)
    if key == "table_header":
        rpr.bold, ppr.align = True, "center"
    elif key == "picture":
        ppr.line, ppr.keep_next, ppr.before, ppr.after = None, True, 6.0, 2.0
    elif key == "cover_issue_line":
        ppr.borders = ()                 # its rule is the cover's, a drawing
        ppr.line = ("exact", round(st.size * st.leading, 2))
    elif key == "cover_guide":
        from .styles import GUIDE_INDENT

        size = st.size - 0.5
        rpr.size, ppr.size, ppr.line = size, size, ("exact", round(size * 1.75, 2))
        # the column's name in the gutter, the title after a tab; its wrapped lines one em further in
        ppr.left_chars, ppr.first_chars = 0.0, 0.0
        ppr.left, ppr.hanging = (GUIDE_INDENT + 1) * size, (GUIDE_INDENT + 1) * size
        ppr.align, ppr.after = "left", 0.0
        ppr.tabs = (("left", GUIDE_INDENT * size, "none"),)
    elif key == "cover_publisher":
        rpr.color, ppr.align = "#FFFFFF", "center"
        ppr.borders, ppr.shade = (), None
    elif key == "back_band":
        # reversed out of the band along the back cover's foot (a drawing), one size up, as the PDF
        rpr.color, ppr.align, ppr.borders = "#FFFFFF", "center", ()
        rpr.size = ppr.size = st.size + 1
        ppr.line = ("exact", round((st.size + 1) * 1.2, 2))
        ppr.before = ppr.after = 0.0
    elif key == "toc_subtitle":
        rpr.size, ppr.size = 9.0, 9.0
        rpr.spacing, rpr.color, rpr.bold = 4.5, primary, False
        ppr.align, ppr.before, ppr.after = "center", 0.0, 8.0
        ppr.line = ("exact", 9 * 1.3)
        ppr.keep_next = True
    elif key == "back_rule":
        # a short rule between two profiles, a third of the measure, as the PDF's
        width = sheet.text_width
        ppr.borders = (Border("bottom", "single", 0.6, tint(primary, 0.5), 0),)
        ppr.left = ppr.right = width * 0.35
        ppr.first_chars = ppr.left_chars = 0.0
        ppr.before, ppr.after, ppr.line = 10.0, 14.0, ("exact", 1.0)
        ppr.keep_next = True
    elif key == "toc_note":
        size = round(sheet.template.styles["toc_entry"].size * TOC_NOTE_SCALE, 1)
        entry = sheet.template.styles["toc_entry"]
        rpr.size, ppr.size, rpr.color, rpr.bold = size, size, "#666666", False
        ppr.align, ppr.before, ppr.after = "left", 0.0, max(entry.space_after, 7.0)
        ppr.line = ("exact", round(size * 1.45, 2))
        ppr.first_chars = ppr.left_chars = 0.0
        ppr.left = entry.left_indent * entry.size
