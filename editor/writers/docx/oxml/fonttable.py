"""The font table (fontTable.xml) and what it is made from: which faces the document names, and
which characters it sets in each East Asian face (for the embedded subsets).
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from .body import esc
from .props import _W_CLARK, _clark


def font_table(entries) -> object:
    """fontTable.xml (w:fonts) from `entries` (editor.writers.docx.fonts.FontEntry, in order), each
    with its relationship ids: (entry, regular rId or None, bold rId or None)."""
    out = []
    for e, regular, bold in entries:
        if e.raw is not None:
            out.append(e.raw.decode("utf-8"))
            continue
        x = f'<w:font w:name="{esc(e.name)}">'
        if e.alt:
            x += f'<w:altName w:val="{esc(e.alt)}"/>'
        if e.info is not None:
            i = e.info
            x += (f'<w:panose1 w:val="{i.panose}"/><w:charset w:val="{i.charset}"/><w:family w:val="{i.family}"/>'
                  f'<w:pitch w:val="{i.pitch}"/><w:sig w:usb0="{i.sig[0]}" w:usb1="{i.sig[1]}" w:usb2="{i.sig[2]}" '
                  f'w:usb3="{i.sig[3]}" w:csb0="{i.sig[4]}" w:csb1="{i.sig[5]}"/>')
        for tag, rid, face in (("embedRegular", regular, e.regular), ("embedBold", bold, e.bold)):
            if rid and face:
                x += f'<w:{tag} r:id="{rid}" w:fontKey="{face.key}" w:subsetted="1"/>'
        out.append(x + "</w:font>")
    return parse_xml(f'<w:fonts {nsdecls("w", "r")}>{"".join(out)}</w:fonts>')


def font_entries(fonts_root) -> dict[str, bytes]:
    """A font table's own entries by name, without their embedded faces (which are not carried over)."""
    out = {}
    for font in fonts_root.findall(_clark("w:font")):
        name = font.get(_clark("w:name"))
        if not name:
            continue
        for child in list(font):
            if child.tag.rsplit("}", 1)[1].startswith("embed"):
                font.remove(child)
        out[name] = etree.tostring(font)
    return out


def font_names(root) -> set[str]:
    """Every face named by a w:rFonts under `root` (Latin, East Asian, complex script)."""
    names = set()
    attrs = [_clark(a) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")]
    for fonts in root.iter(_clark("w:rFonts")):
        for a in attrs:
            v = fonts.get(a)
            if v:
                names.add(v)
    return names


def _on(el) -> bool | None:
    if el is None:
        return None
    return el.get(_clark("w:val"), "true") not in ("0", "false", "off")


def text_by_face(styles_root, stories) -> dict[tuple[str, bool], set[str]]:
    """The characters the document sets in each East Asian face, bold or not: (face, bold) → chars.
    A run's face and weight are its own, else its character style's, else its paragraph style's,
    each following w:basedOn, else the document defaults'. `stories`: body, headers, footers."""
    W_ = _W_CLARK
    props: dict[str, tuple[str | None, bool | None, str | None]] = {}
    default_para = None
    for st in styles_root.iter(W_ + "style"):
        sid = st.get(W_ + "styleId")
        rpr = st.find(W_ + "rPr")
        fonts = rpr.find(W_ + "rFonts") if rpr is not None else None
        based = st.find(W_ + "basedOn")
        props[sid] = (fonts.get(W_ + "eastAsia") if fonts is not None else None,
                      _on(rpr.find(W_ + "b")) if rpr is not None else None,
                      based.get(W_ + "val") if based is not None else None)
        if st.get(W_ + "type") == "paragraph" and st.get(W_ + "default") in ("1", "true", "on"):
            default_para = sid
    base = styles_root.find(f"{W_}docDefaults/{W_}rPrDefault/{W_}rPr")
    base_font = base_bold = None
    if base is not None:
        f = base.find(W_ + "rFonts")
        base_font = f.get(W_ + "eastAsia") if f is not None else None
        base_bold = _on(base.find(W_ + "b"))
    memo: dict[str | None, tuple[str | None, bool | None]] = {}

    def chain(sid):
        if sid in memo:
            return memo[sid]
        memo[sid] = (None, None)              # a cycle of basedOn ends here
        font = bold = None
        seen = 0
        at = sid
        while at is not None and at in props and seen < 32:
            f, b, up = props[at]
            font = font if font is not None else f
            bold = bold if bold is not None else b
            at, seen = up, seen + 1
        memo[sid] = (font, bold)
        return memo[sid]

    P, R, T, RPR, PPR, PSTYLE, RSTYLE, RFONTS, B = (W_ + t for t in ("p", "r", "t", "rPr", "pPr", "pStyle",
                                                                  "rStyle", "rFonts", "b"))
    EA, VAL = W_ + "eastAsia", W_ + "val"
    texts: dict[tuple[str, bool], list[str]] = {}
    para: dict[object, tuple[str | None, bool | None]] = {}
    # run by run (their w:t are their children), each run's properties read from its children in
    # one pass: a third less than finding each property of each text's run
    for root in stories:
        for r in root.iter(R):
            parts = [t.text for t in r.iterchildren(T) if t.text]
            if not parts:
                continue
            p = r.getparent()
            while p is not None and p.tag != P:       # through hyperlinks and fields' runs
                p = p.getparent()
            got = para.get(p)
            if got is None:
                ps = None
                if p is not None:
                    ppr = next(p.iterchildren(PPR), None)
                    ps = next(ppr.iterchildren(PSTYLE), None) if ppr is not None else None
                got = para[p] = chain(ps.get(VAL) if ps is not None else default_para)
            font, bold = got
            rpr = r[0]
            if rpr.tag == RPR:
                rs = next(rpr.iterchildren(RSTYLE), None)
                if rs is not None:
                    f, b = chain(rs.get(VAL))
                    font, bold = f or font, b if b is not None else bold
                f = next(rpr.iterchildren(RFONTS), None)
                if f is not None and f.get(EA):
                    font = f.get(EA)
                b = next(rpr.iterchildren(B), None)
                if b is not None:
                    bold = _on(b)
            font = font or base_font
            if font:
                key = (font, bool(bold if bold is not None else base_bold))
                texts.setdefault(key, []).extend(parts)
    out = {key: set("".join(parts)) for key, parts in texts.items()}
    return out
