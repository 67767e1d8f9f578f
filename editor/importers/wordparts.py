"""The parts of a Word package beyond its paragraphs: relationships that point nowhere, and
text Word keeps in other formats (w:altChunk).

- A relationship whose target the package does not have (WPS writes an image relationship to
  ../NULL when a picture was deleted) opens in Word and WPS, but python-docx refuses the whole
  package with a KeyError. `drop_broken_relationships` takes such relationships out of the
  package before python-docx reads it: the picture is missing either way, the text is not.
- w:altChunk ("alternative format import") puts a part of another format into the document:
  Word shows it where the w:altChunk stands, converted. docx4j, Aspose and many web exports write
  the whole body as one HTML page this way, or as MHT (a MIME message whose text/html part is
  the page, quoted-printable or base64, any charset). `chunk_html` gives that page's bytes and
  the charset its MIME header names; the HTML importer reads it like a saved web page.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from urllib.parse import unquote

from lxml import etree

_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_KIND_NAMES = {"image": "图片", "hyperlink": "链接", "oleObject": "嵌入对象", "chart": "图表", "header": "页眉",
               "footer": "页脚", "footnotes": "脚注", "numbering": "编号定义", "styles": "样式"}
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _target_name(rels_name: str, target: str) -> str:
    """The part name a relationship points at: word/_rels/document.xml.rels + ../NULL → NULL."""
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return target.lstrip("/")
    source_dir = posixpath.dirname(posixpath.dirname(rels_name))     # word/_rels/x.rels → word
    return posixpath.normpath(posixpath.join(source_dir, target))


def drop_broken_relationships(data: bytes) -> tuple[bytes, list[str]]:
    """The package without its internal relationships to parts it does not have, and what each
    of them was (图片, 链接 …) for the import notes; `data` itself when nothing is broken."""
    broken: list[str] = []
    fixed: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = {n.lower() for n in z.namelist()}
        for name in z.namelist():
            if not name.endswith(".rels"):
                continue
            try:
                root = etree.fromstring(z.read(name), _SAFE_XML)
            except (etree.XMLSyntaxError, ValueError):
                continue          # python-docx says what is wrong with an unreadable part
            gone = [rel for rel in root.iter(f"{_RELS_NS}Relationship")
                    if rel.get("TargetMode") != "External" and rel.get("Target")
                    and _target_name(name, rel.get("Target")).lower() not in names]
            for rel in gone:
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                broken.append(_KIND_NAMES.get(kind, kind or "部件"))
                root.remove(rel)
            if gone:
                fixed[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        if not fixed:
            return data, []
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
            for info in z.infolist():
                w.writestr(info, fixed.get(info.filename) or z.read(info.filename))
    return out.getvalue(), broken


_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MHT_TYPES = ("message/rfc822", "multipart/related", "application/x-mimearchive")


def chunk_html(content_type: str, blob: bytes) -> tuple[bytes, str | None] | None:
    """An altChunk part's HTML page and the charset its MIME header names (None: the page's own
    meta tag decides); None when the part holds no HTML (RTF, plain text, another .docx)."""
    ct = content_type.split(";", 1)[0].strip().lower()
    head = blob[:512].lstrip().lower()
    if ct in _MHT_TYPES or head.startswith((b"mime-version", b"content-type")):
        return _mht_html(blob)
    if ct in _HTML_TYPES or head.startswith((b"<!doctype html", b"<html")):
        return blob, None
    return None


def _mht_html(blob: bytes) -> tuple[bytes, str | None] | None:
    """The first text/html part of an MHT (MIME) archive, its transfer encoding undone."""
    from email import policy
    from email.parser import BytesParser

    message = BytesParser(policy=policy.compat32).parsebytes(blob)
    for part in message.walk():
        if part.get_content_type() in _HTML_TYPES:
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                return payload, part.get_content_charset()
    return None
