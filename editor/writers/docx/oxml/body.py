"""The document's body as WordprocessingML text: runs, complex fields (TOC, PAGE, PAGEREF),
bookmarks, internal and external hyperlinks, frames, tables and inline pictures, parsed
by python-docx's parser in one pass (`append_xml`) — building the body element by
element through python-docx's paragraph API costs about as much again as the whole
rest of a build.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ....conventions import has_cjk
from ....records import record
from .props import twips

_CONTROL = {c: None for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)}
_ESCAPES = str.maketrans({**_CONTROL, "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def esc(text: str) -> str:
    """Text for XML content or a double-quoted attribute; characters XML cannot hold are dropped."""
    return text.translate(_ESCAPES)


def append_xml(parent, fragments: list[str], before=None) -> None:
    """Parse WordprocessingML `fragments` (paragraphs, tables) and add them to `parent` in order,
    before its child `before` when given (a body's final w:sectPr)."""
    holder = parse_xml(f'<w:body {nsdecls("w", "r", "wp", "a", "pic")}>{"".join(fragments)}</w:body>')
    for child in list(holder):
        if before is not None:
            before.addprevious(child)
        else:
            parent.append(child)


def x_text(text: str) -> str:
    """Run content: w:t pieces with w:tab for tabs and w:br for newlines."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, seg in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if seg:
                out.append(f'<w:t xml:space="preserve">{esc(seg)}</w:t>')
    return "".join(out)


# Characters Word takes from a run's Latin font unless the run is hinted East Asian (MS-OI29500
# §2.1.88): in Chinese text, quotes, dashes, the ellipsis and the middle dot would come out narrow
AMBIGUOUS = frozenset("“”‘’—–―…·")


def needs_hint(text: str) -> bool:
    """Whether a run of `text` should carry w:hint="eastAsia": Chinese text with an ambiguous mark."""
    return not AMBIGUOUS.isdisjoint(text) and has_cjk(text)


def x_run(text: str, style_id: str | None = None) -> str:
    """A run of `text` in character style `style_id`; hinted East Asian where its marks need it
    (a hint chooses which of the style's fonts sets them: it formats nothing itself)."""
    props = f'<w:rStyle w:val="{style_id}"/>' if style_id else ""
    if needs_hint(text):
        props += '<w:rFonts w:hint="eastAsia"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{x_text(text)}</w:r>"


def _fld(kind: str, dirty: bool = False, style_id: str | None = None) -> str:
    flag = ' w:dirty="true"' if dirty else ""
    rpr = f'<w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>' if style_id else ""
    return f'<w:r>{rpr}<w:fldChar w:fldCharType="{kind}"{flag}/></w:r>'


def x_field_begin(instruction: str, dirty: bool = False, style_id: str | None = None) -> str:
    """A complex field up to its separator; the result runs follow, then x_field_end()."""
    rpr = f'<w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>' if style_id else ""
    return (_fld("begin", dirty, style_id)
            + f'<w:r>{rpr}<w:instrText xml:space="preserve"> {esc(instruction)} </w:instrText></w:r>'
            + _fld("separate", style_id=style_id))


def x_field_end(style_id: str | None = None) -> str:
    return _fld("end", style_id=style_id)


def x_field(instruction: str, result: str, style_id: str | None = None) -> str:
    """A complex field showing `result`, every run of it in character style `style_id` (Word takes
    an updated result's look from its result, LibreOffice from the field's first run)."""
    return x_field_begin(instruction, style_id=style_id) + x_run(result, style_id) + x_field_end(style_id)


def x_hyperlink(inner: str, *, rid: str | None = None, anchor: str | None = None) -> str:
    """A link to an external target (relationship `rid`) or to a bookmark `anchor`."""
    target = f' r:id="{rid}"' if rid else f' w:anchor="{esc(anchor or "")}"'
    return f'<w:hyperlink{target} w:history="1">{inner}</w:hyperlink>'


def x_bookmark(bookmark_id: int, name: str, inner: str) -> str:
    return (f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{esc(name)}"/>{inner}'
            f'<w:bookmarkEnd w:id="{bookmark_id}"/>')


def x_frame_at_foot(width_pt: float) -> str:
    """framePr: a frame the width of the text standing at the foot of the text area."""
    return (f'<w:framePr w:w="{twips(width_pt)}" w:wrap="around" w:vAnchor="margin" w:hAnchor="margin" '
            f'w:xAlign="center" w:yAlign="bottom"/>')


def x_frame_beside(width_pt: float, gap_pt: float) -> str:
    """framePr: a frame at the right margin level with the paragraph after it, the text wrapping round it."""
    return (f'<w:framePr w:w="{twips(width_pt)}" w:hSpace="{twips(gap_pt)}" w:wrap="around" w:vAnchor="text" '
            f'w:hAnchor="margin" w:xAlign="right" w:y="1"/>')


def x_inline_picture(rid: str, shape_id: int, name: str, w_pt: float, h_pt: float,
                     link_rid: str | None = None) -> str:
    """A run holding picture part `rid` inline, `w_pt` × `h_pt`; a link when `link_rid` is given."""
    cx, cy = int(w_pt * 12700), int(h_pt * 12700)
    click = f'<a:hlinkClick r:id="{link_rid}"/>' if link_rid else ""
    return (f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{shape_id}" name="{esc(name)}">{click}</wp:docPr>'
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{shape_id}" name="{esc(name)}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
            f'</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


@record
class Para:
    """One body paragraph: a style, its content and the few paragraph settings a style cannot carry."""

    style: str
    inner: list[str]
    page_break: bool = False
    frame: str = ""
    before: float | None = None
    line: float | None = None         # an exact line height closer than the style's, points
    section_end: bool = False         # the last paragraph of a section: holds its (empty) w:sectPr
    keep: bool | None = None          # on the page of the next paragraph, or not, whatever the style says
    after: float | None = None        # space after, points, where more than the style's

    def xml(self) -> str:
        # CT_PPr order: pStyle, …, pageBreakBefore, framePr, …, spacing, …, sectPr
        ppr = f'<w:pStyle w:val="{self.style}"/>'
        if self.keep is not None:
            ppr += "<w:keepNext/>" if self.keep else '<w:keepNext w:val="0"/>'
        if self.page_break:
            ppr += "<w:pageBreakBefore/>"
        ppr += self.frame
        if self.before is not None or self.after is not None or self.line is not None:
            before = f' w:before="{twips(self.before)}"' if self.before is not None else ""
            after = f' w:after="{twips(self.after)}"' if self.after is not None else ""
            line = f' w:line="{twips(self.line)}" w:lineRule="exact"' if self.line is not None else ""
            ppr += f"<w:spacing{before}{after}{line}/>"
        if self.section_end:
            ppr += "<w:sectPr/>"
        return f"<w:p><w:pPr>{ppr}</w:pPr>{''.join(self.inner)}</w:p>"


def x_table(rows: list[list[str]], widths_pt: list[float], *, indent_pt: float = 0.0, style_id: str | None = None,
            grid: bool = False, header_row: bool = False) -> str:
    """A table of cells given as paragraph XML; `grid` draws single lines where no table style does."""
    tbl_pr = f'<w:tblStyle w:val="{style_id}"/>' if style_id else ""
    tbl_pr += f'<w:tblW w:w="{twips(sum(widths_pt))}" w:type="dxa"/>'
    if indent_pt:
        tbl_pr += f'<w:tblInd w:w="{twips(indent_pt)}" w:type="dxa"/>'
    if grid and not style_id:
        tbl_pr += "<w:tblBorders>" + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                                             for s in ("top", "left", "bottom", "right", "insideH", "insideV")) \
            + "</w:tblBorders>"
    tbl_pr += '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" ' \
              'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
    grid_xml = "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in widths_pt)
    body = []
    for ri, row in enumerate(rows):
        # a row is never split across pages; the header row repeats on each page the table runs onto
        tr_pr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header_row and ri == 0 else \
            "<w:trPr><w:cantSplit/></w:trPr>"
        cells = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{twips(w)}" w:type="dxa"/></w:tcPr>{cell}</w:tc>'
                        for cell, w in zip(row, widths_pt))
        body.append(f"<w:tr>{tr_pr}{cells}</w:tr>")
    return f"<w:tbl><w:tblPr>{tbl_pr}</w:tblPr><w:tblGrid>{grid_xml}</w:tblGrid>{''.join(body)}</w:tbl>"
