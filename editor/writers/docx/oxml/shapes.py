"""Drawings anchored behind the text, and frames at a place on the page, as WordprocessingML text.

The designed pages (cover, contents, column labels, back cover) have bands and rules that run
to the paper's edge or from a label to the right margin: DrawingML shapes (wps:wsp, Word 2010's
shapes, which WPS and LibreOffice read too) anchored in a paragraph with wp:anchor, behindDoc,
positioned on the page or against the line that anchors them, wrapping nothing. Text that
stands at a fixed place (the masthead over its band) is a framed paragraph (w:framePr against
the page), so it stays a paragraph in its style that Word can restyle.
"""

from __future__ import annotations

from .body import esc
from .props import hex_color, twips

EMU_PER_PT = 12700
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def emu(points: float) -> int:
    return int(round(points * EMU_PER_PT))


def _anchor(shape_id: int, name: str, x: float, y: float, w: float, h: float, graphic: str, *,
            h_from: str, v_from: str, z: int) -> str:
    """A wp:anchor holding `graphic` (a:graphic), `w` × `h` points at (`x`, `y`) from `h_from`/`v_from`."""
    return (f'<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
            f'relativeHeight="{z}" behindDoc="1" locked="1" layoutInCell="1" allowOverlap="1">'
            f'<wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="{h_from}"><wp:posOffset>{emu(x)}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="{v_from}"><wp:posOffset>{emu(y)}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{emu(w)}" cy="{emu(h)}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            f'<wp:docPr id="{shape_id}" name="{esc(name)}"/><wp:cNvGraphicFramePr/>{graphic}'
            f'</wp:anchor></w:drawing></w:r>')


def x_rect(shape_id: int, x: float, y: float, w: float, h: float, fill: str, *, h_from: str = "page",
           v_from: str = "page", z: int = 0) -> str:
    """A run holding a filled rectangle (a band, a rule, a tab's sill) behind the text."""
    graphic = (f'<a:graphic><a:graphicData uri="{WPS}"><wps:wsp xmlns:wps="{WPS}"><wps:cNvSpPr/><wps:spPr>'
               f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'
               f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{hex_color(fill)}"/>'
               f'</a:solidFill><a:ln><a:noFill/></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData>'
               f'</a:graphic>')
    return _anchor(shape_id, f"Rect {shape_id}", x, y, w, h, graphic, h_from=h_from, v_from=v_from,
                   z=251658240 + shape_id + z)


def x_picture_behind(rid: str, shape_id: int, name: str, x: float, y: float, w: float, h: float, *,
                     h_from: str = "page", v_from: str = "page") -> str:
    """A run holding picture part `rid` behind the text (the cover's dot screen)."""
    graphic = (f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
               f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{shape_id}" name="{esc(name)}"/><pic:cNvPicPr/></pic:nvPicPr>'
               f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
               f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'
               f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>')
    return _anchor(shape_id, name, x, y, w, h, graphic, h_from=h_from, v_from=v_from, z=251658240 + shape_id)


def x_frame_at(x: float, y: float, w: float, h: float) -> str:
    """framePr: a frame `w` × `h` points whose top left corner is at (`x`, `y`) on the page."""
    return (f'<w:framePr w:w="{twips(w)}" w:h="{twips(h)}" w:hRule="exact" w:wrap="notBeside" '
            f'w:vAnchor="page" w:hAnchor="page" w:x="{twips(x)}" w:y="{twips(y)}"/>')
