"""The WordprocessingML of the DOCX, written as XML text, in one place.

East Asian fonts (w:rFonts/@w:eastAsia with no theme font overriding it, lang
zh-CN), whole style definitions, complex fields (TOC, PAGE, PAGEREF), bookmarks,
internal and external hyperlinks, paragraph borders and shading, frames, tables,
inline pictures, section settings and settings.xml. Element order follows the
schema (CT_PPr, CT_RPr, CT_SectPr, CT_Settings sequences), since Word reports an
out-of-order child as a damaged file. Only a reference .docx's styles are handled
as elements (lxml), to merge ours into them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = {
    "w": W_NS,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
TWIPS_PER_MM = 1440 / 25.4
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def twips(points: float) -> int:
    return int(round(points * 20))


def hex_color(value: str) -> str:
    return value.lstrip("#").upper()


def tint(value: str, amount: float) -> str:
    """`value` mixed with white: amount 0 is white, 1 the colour itself."""
    v = hex_color(value)
    rgb = [int(v[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - c) * amount):02X}" for c in rgb)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def esc(text: str) -> str:
    """Text for XML content or a double-quoted attribute; characters XML cannot hold are dropped."""
    text = _CONTROL.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def quoteattr(text: str) -> str:
    return f'"{esc(text)}"'


def nsdecls(*prefixes: str) -> str:
    return " ".join(f'xmlns:{p}="{NAMESPACES[p]}"' for p in prefixes)


def qn(tag: str) -> str:
    """Clark notation of a prefixed name: w:style → {…/main}style."""
    prefix, name = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{name}"


# ---------------------------------------------------------------- properties as XML text

@dataclass
class Border:
    side: str             # top / left / bottom / right
    val: str = "single"   # single, thickThinSmallGap, thinThickSmallGap …
    size: float = 0.5     # points
    color: str = "000000"
    space: int = 1        # points between border and text


@dataclass
class RunProps:
    latin: str = ""
    east_asia: str = ""
    size: float | None = None
    bold: bool | None = None
    color: str | None = None
    spacing: float = 0.0          # extra space between characters, points
    lang: str = "zh-CN"

    def xml(self) -> str:
        parts = []
        if self.latin or self.east_asia:
            latin, ea = self.latin or self.east_asia, self.east_asia or self.latin
            parts.append(f'<w:rFonts w:ascii={quoteattr(latin)} w:hAnsi={quoteattr(latin)} '
                         f'w:eastAsia={quoteattr(ea)} w:cs={quoteattr(latin)}/>')
        if self.bold is not None:
            v = "" if self.bold else ' w:val="0"'
            parts.append(f"<w:b{v}/><w:bCs{v}/>")
        if self.color:
            parts.append(f'<w:color w:val="{hex_color(self.color)}"/>')
        if self.spacing:
            parts.append(f'<w:spacing w:val="{twips(self.spacing)}"/>')
        if self.size:
            half = int(round(self.size * 2))
            parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
        if self.lang:
            parts.append(f'<w:lang w:val="en-US" w:eastAsia="{self.lang}" w:bidi="ar-SA"/>')
        return "<w:rPr>" + "".join(parts) + "</w:rPr>"


@dataclass
class ParaProps:
    align: str | None = None            # left/center/right/justify/distribute
    line: float | None = None           # exact line height, points; None: single, grows with content
    before: float = 0.0
    after: float = 0.0
    first_chars: float = 0.0            # first-line indent in characters (2 = 两字)
    left_chars: float = 0.0
    size: float = 12.0                  # for the twips fallback of character indents
    left: float = 0.0                   # extra left/right indent, points
    right: float = 0.0
    hanging: float = 0.0                # hanging indent, points (replaces the first-line indent)
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    outline: int | None = None          # 0-based outline level
    borders: tuple[Border, ...] = ()
    shade: str | None = None            # fill colour
    tabs: tuple[tuple[str, float, str], ...] = ()   # (alignment, position pt, leader)
    frame_bottom: bool = False          # a frame anchored at the foot of the text area

    def xml(self) -> str:
        p = []
        if self.keep_next:
            p.append("<w:keepNext/>")
        if self.keep_lines:
            p.append("<w:keepLines/>")
        if self.page_break_before:
            p.append("<w:pageBreakBefore/>")
        if self.frame_bottom:
            p.append('<w:framePr w:wrap="notBeside" w:vAnchor="margin" w:hAnchor="margin" '
                     'w:xAlign="center" w:yAlign="bottom"/>')
        if self.borders:
            order = {"top": 0, "left": 1, "bottom": 2, "right": 3}
            sides = "".join(f'<w:{b.side} w:val="{b.val}" w:sz="{max(2, round(b.size * 8))}" '
                            f'w:space="{b.space}" w:color="{hex_color(b.color)}"/>'
                            for b in sorted(self.borders, key=lambda b: order[b.side]))
            p.append(f"<w:pBdr>{sides}</w:pBdr>")
        if self.shade:
            p.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{hex_color(self.shade)}"/>')
        if self.tabs:
            p.append("<w:tabs>" + "".join(f'<w:tab w:val="{a}" w:leader="{lead}" w:pos="{twips(pos)}"/>'
                                           for a, pos, lead in self.tabs) + "</w:tabs>")
        # Chinese punctuation rules (避头尾) and no extra space between CJK and Latin text
        p.append('<w:kinsoku/><w:overflowPunct/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
                 '<w:snapToGrid w:val="0"/>')
        line = (f' w:line="{twips(self.line)}" w:lineRule="exact"' if self.line
                else ' w:line="240" w:lineRule="auto"')
        p.append(f'<w:spacing w:before="{twips(self.before)}" w:after="{twips(self.after)}"{line}/>')
        ind = []
        if self.left_chars or self.left:
            ind.append(f'w:leftChars="{round(self.left_chars * 100)}" '
                       f'w:left="{twips(self.left_chars * self.size + self.left)}"')
        if self.right:
            ind.append(f'w:right="{twips(self.right)}"')
        if self.hanging:
            ind.append(f'w:hanging="{twips(self.hanging)}"')
        elif self.first_chars:
            ind.append(f'w:firstLineChars="{round(self.first_chars * 100)}" '
                       f'w:firstLine="{twips(self.first_chars * self.size)}"')
        else:
            ind.append('w:firstLineChars="0" w:firstLine="0"')
        p.append(f"<w:ind {' '.join(ind)}/>")
        if self.align:
            jc = {"justify": "both", "left": "left", "center": "center", "right": "right",
                  "distribute": "distribute"}[self.align]
            p.append(f'<w:jc w:val="{jc}"/>')
        if self.outline is not None:
            p.append(f'<w:outlineLvl w:val="{self.outline}"/>')
        return "<w:pPr>" + "".join(p) + "</w:pPr>"


def style_xml(style_id: str, name: str, kind: str, ppr: ParaProps | None, rpr: RunProps | None,
              based_on: str | None = "Normal", next_id: str | None = None, custom: bool = True,
              priority: int | None = None, default: bool = False) -> str:
    """A complete w:style (kind: paragraph or character), as XML text."""
    parts = [f"<w:name w:val={quoteattr(name)}/>"]
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_id:
        parts.append(f'<w:next w:val="{next_id}"/>')
    if priority is not None:
        parts.append(f'<w:uiPriority w:val="{priority}"/>')
    parts.append("<w:qFormat/>")
    if ppr is not None:
        parts.append(ppr.xml())
    if rpr is not None:
        parts.append(rpr.xml())
    flags = (' w:default="1"' if default else "") + (' w:customStyle="1"' if custom else "")
    return f'<w:style w:type="{kind}"{flags} w:styleId="{style_id}">' + "".join(parts) + "</w:style>"


def doc_defaults_xml(run: RunProps) -> str:
    return f"<w:docDefaults><w:rPrDefault>{run.xml()}</w:rPrDefault><w:pPrDefault><w:pPr>" \
           "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"


def merge_styles(styles_xml: bytes, ours: list[str]) -> bytes:
    """A reference document's styles.xml with `ours` added (replacing styles with the same id) and no
    theme font left overriding an explicit one."""
    from lxml import etree

    root = etree.fromstring(styles_xml)
    holder = etree.fromstring(f'<w:styles {nsdecls("w")}>' + "".join(ours) + "</w:styles>")
    existing = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
    for new in list(holder):
        old = existing.get(new.get(qn("w:styleId")))
        if old is not None:
            old.addprevious(new)
            root.remove(old)
        else:
            root.append(new)
    strip_theme_fonts(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def strip_theme_fonts(root) -> int:
    """Remove theme font attributes that would override an explicit font in the same w:rFonts
    (w:eastAsiaTheme beside w:eastAsia …) under `root`, an lxml element. Returns how many.

    A reference document's theme-only fonts are its author's choice and stay, with its theme.
    """
    n = 0
    for fonts in root.iter(qn("w:rFonts")):
        for attr in THEME_ATTRS:
            explicit = "w:cs" if attr == "w:cstheme" else attr.replace("Theme", "")
            if fonts.get(qn(attr)) is not None and fonts.get(qn(explicit)) is not None:
                del fonts.attrib[qn(attr)]
                n += 1
    return n


# ---------------------------------------------------------------- body text

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


def x_run(text: str, style_id: str | None = None) -> str:
    rpr = f'<w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>' if style_id else ""
    return f"<w:r>{rpr}{x_text(text)}</w:r>"


def _fld(kind: str, dirty: bool = False) -> str:
    flag = ' w:dirty="true"' if dirty else ""
    return f'<w:r><w:fldChar w:fldCharType="{kind}"{flag}/></w:r>'


def x_field_begin(instruction: str, dirty: bool = False) -> str:
    """A complex field up to its separator; the result runs follow, then x_field_end()."""
    return (_fld("begin", dirty) + f'<w:r><w:instrText xml:space="preserve"> {esc(instruction)} </w:instrText></w:r>'
            + _fld("separate"))


def x_field_end() -> str:
    return _fld("end")


def x_field(instruction: str, result: str) -> str:
    return x_field_begin(instruction) + x_run(result) + x_field_end()


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


@dataclass
class Para:
    """One body paragraph: a style, its content and the few paragraph settings a style cannot carry."""

    style: str
    inner: list[str]
    page_break: bool = False
    frame: str = ""
    before: float | None = None
    sect: str = ""

    def xml(self) -> str:
        # CT_PPr order: pStyle, …, pageBreakBefore, framePr, …, spacing, …, sectPr
        ppr = f'<w:pStyle w:val="{self.style}"/>'
        if self.page_break:
            ppr += "<w:pageBreakBefore/>"
        ppr += self.frame
        if self.before is not None:
            ppr += f'<w:spacing w:before="{twips(self.before)}"/>'
        ppr += self.sect
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


# ---------------------------------------------------------------- sections and settings

def x_sectpr(size_mm: tuple[float, float], margins_mm: tuple[float, float, float, float], header_mm: float,
             footer_mm: float, number_format: str | None = None, number_start: int | None = None,
             header_rid: str | None = None, footer_rid: str | None = None) -> str:
    """A section's header/footer, page size, margins (top, right, bottom, left) and page numbering.

    A section without a header (footer) reference takes the previous section's; the first has none.
    """
    mm = lambda v: int(round(v * TWIPS_PER_MM))  # noqa: E731
    top, right, bottom, left = margins_mm
    refs = (f'<w:headerReference w:type="default" r:id="{header_rid}"/>' if header_rid else "") + \
           (f'<w:footerReference w:type="default" r:id="{footer_rid}"/>' if footer_rid else "")
    num = ""
    if number_format or number_start:
        num = "<w:pgNumType" + (f' w:fmt="{number_format}"' if number_format else "") \
              + (f' w:start="{number_start}"' if number_start else "") + "/>"
    return (f'<w:sectPr>{refs}<w:type w:val="nextPage"/><w:pgSz w:w="{mm(size_mm[0])}" w:h="{mm(size_mm[1])}"/>'
            f'<w:pgMar w:top="{mm(top)}" w:right="{mm(right)}" w:bottom="{mm(bottom)}" w:left="{mm(left)}" '
            f'w:header="{mm(header_mm)}" w:footer="{mm(footer_mm)}" w:gutter="0"/>{num}'
            f'<w:cols w:space="425"/><w:docGrid w:type="default" w:linePitch="312"/></w:sectPr>')


def document_xml(blocks: list[str], final_sectpr: str) -> str:
    return (XML_HEAD + f'<w:document {nsdecls("w", "r", "wp", "a", "pic")}><w:body>' + "".join(blocks)
            + final_sectpr + "</w:body></w:document>")


def story_xml(kind: str, paragraphs: list[str]) -> str:
    """A header (kind "hdr") or footer ("ftr") part holding the paragraphs."""
    return XML_HEAD + f'<w:{kind} {nsdecls("w", "r")}>' + "".join(paragraphs) + f"</w:{kind}>"


def settings_xml(lang: str = "zh-CN") -> str:
    """Word updates fields (the contents' page numbers) on open; punctuation compressed, as CJK print does."""
    return (XML_HEAD + f'<w:settings {nsdecls("w")}><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
            '<w:characterSpacingControl w:val="compressPunctuation"/><w:updateFields w:val="true"/>'
            '<w:compat><w:useFELayout/><w:compatSetting w:name="compatibilityMode" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
            f'<w:themeFontLang w:val="en-US" w:eastAsia="{lang}"/>'
            '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>')
