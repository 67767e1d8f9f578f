"""The .docx package: parts, relationships and content types, written as a zip.

The DOCX writer produces every part as XML text and this module puts them into
the Open Packaging container: [Content_Types].xml naming the type of every part,
the package and document relationships (styles, settings, headers, footers,
images, hyperlinks), and the core properties. A reference .docx lends its styles,
theme, numbering and font table; nothing else of it is kept.
"""

from __future__ import annotations

import datetime as _dt
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ExportError
from .docx_xml import XML_HEAD, esc

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = {k: f"{R}/{k}" for k in ("styles", "settings", "header", "footer", "image", "hyperlink", "theme",
                               "numbering", "fontTable", "officeDocument", "extended-properties")}
REL["core-properties"] = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
TYPES = {
    "document": f"{WML}.document.main+xml", "styles": f"{WML}.styles+xml", "settings": f"{WML}.settings+xml",
    "header": f"{WML}.header+xml", "footer": f"{WML}.footer+xml", "numbering": f"{WML}.numbering+xml",
    "fontTable": f"{WML}.fontTable+xml", "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
    "core": "application/vnd.openxmlformats-package.core-properties+xml",
    "app": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}
IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "bmp": "image/bmp", "tiff": "image/tiff"}

# The styles every document has besides ours: the default character, table and list styles and a
# bordered table style (what Word calls them, so Word's own menus find them).
BASE_STYLES = (
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default '
    'Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" '
    'w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
    '<w:uiPriority w:val="59"/><w:tblPr><w:tblBorders>'
    + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
              for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders></w:tblPr></w:style>'
)


@dataclass
class Reference:
    """What a reference .docx lends: its styles.xml and the parts those styles may refer to."""

    styles: bytes
    extra: dict[str, tuple[bytes, str, str]] = field(default_factory=dict)   # name → (data, type, rel)
    style_names: dict[str, str] = field(default_factory=dict)                # style name → styleId


def read_reference(path: Path, template_path: Path) -> Reference:
    """Read the styles of a reference .docx (or .dotx); a Chinese ExportError when it is not one."""
    where = f"参考文档“{path}”（模板 {template_path} 的 reference_docx）"
    resave = "请在 Word 或 WPS 中把它另存为 .docx 后再试"
    if not zipfile.is_zipfile(path):
        raise ExportError(f"{where}不是有效的 Word 文档（.docx）：文件不是 zip 压缩包。{resave}")
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            main = _target(z, "_rels/.rels", "", REL["officeDocument"])
            if main is None or main not in names:
                raise ExportError(f"{where}不是有效的 Word 文档（.docx）：压缩包中没有 Word 正文。{resave}")
            rels = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
            folder = posixpath.dirname(main)
            styles = _target(z, rels, folder, REL["styles"])
            if styles is None or styles not in names:
                raise ExportError(f"{where}中没有样式（styles.xml），不能作为参考文档。{resave}")
            ref = Reference(z.read(styles))
            for kind, name in (("theme", "theme/theme1.xml"), ("numbering", "numbering.xml"),
                               ("fontTable", "fontTable.xml")):
                part = _target(z, rels, folder, REL[kind])
                if part in names:
                    ref.extra[name] = (z.read(part), TYPES[kind], REL[kind])
    except ExportError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ExportError(f"{where}已损坏，无法读取（{type(exc).__name__}）；{resave}") from None
    try:
        from lxml import etree

        root = etree.fromstring(ref.styles)
    except Exception as exc:       # lxml's XMLSyntaxError and friends
        raise ExportError(f"{where}的样式已损坏，无法读取（{type(exc).__name__}）；{resave}") from None
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for s in root.iter(w + "style"):
        name = s.find(w + "name")
        if name is not None and name.get(w + "val"):
            ref.style_names[name.get(w + "val")] = s.get(w + "styleId")
    return ref


def _target(z: zipfile.ZipFile, rels: str, folder: str, rel_type: str) -> str | None:
    """The part a relationship of `rel_type` in `rels` points at, as a zip member name."""
    try:
        text = z.read(rels).decode("utf-8")
    except KeyError:
        return None
    for m in re.finditer(r"<Relationship\b[^>]*>", text):
        tag = m.group(0)
        if f'Type="{rel_type}"' in tag:
            target = re.search(r'Target="([^"]+)"', tag)
            if target:
                t = target.group(1)
                return t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join(folder, t))
    return None


class Package:
    """Parts of the document being written, with the document's relationships."""

    def __init__(self):
        self.parts: dict[str, tuple[bytes, str]] = {}     # zip name → (data, content type)
        self.rels: list[tuple[str, str, str, bool]] = []   # (id, type, target, external)
        self._images: dict[bytes, str] = {}                # picture bytes → relationship id
        self._links: dict[str, str] = {}                   # url → relationship id
        self._counts: dict[str, int] = {}

    def relate(self, rel_type: str, target: str, external: bool = False) -> str:
        rid = f"rId{len(self.rels) + 1}"
        self.rels.append((rid, rel_type, target, external))
        return rid

    def add(self, name: str, data: bytes | str, content_type: str, rel_type: str | None) -> str | None:
        """Put part word/`name` into the package; related from the document when `rel_type` is given."""
        self.parts[f"word/{name}"] = (data.encode("utf-8") if isinstance(data, str) else data, content_type)
        return self.relate(rel_type, name) if rel_type else None

    def numbered(self, stem: str, ext: str) -> str:
        self._counts[stem] = self._counts.get(stem, 0) + 1
        return f"{stem}{self._counts[stem]}.{ext}"

    def image(self, data: bytes, ext: str) -> str:
        """The relationship id of an image part holding `data` (the same picture is stored once)."""
        if data not in self._images:
            self._images[data] = self.add("media/" + self.numbered("image", ext), data, IMAGE_TYPES[ext],
                                          REL["image"])
        return self._images[data]

    def hyperlink(self, url: str) -> str:
        if url not in self._links:
            self._links[url] = self.relate(REL["hyperlink"], url, external=True)
        return self._links[url]

    def save(self, document: str, core: dict[str, str]) -> bytes:
        buf = io.BytesIO()
        self.parts["word/document.xml"] = (document.encode("utf-8"), TYPES["document"])
        self.parts["docProps/core.xml"] = (_core_xml(core).encode("utf-8"), TYPES["core"])
        self.parts["docProps/app.xml"] = (
            (XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
             'properties"><Application>bulletin</Application></Properties>').encode("utf-8"), TYPES["app"])
        package_rels = [("rId1", REL["officeDocument"], "word/document.xml", False),
                        ("rId2", REL["core-properties"], "docProps/core.xml", False),
                        ("rId3", REL["extended-properties"], "docProps/app.xml", False)]
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            z.writestr("[Content_Types].xml", self._content_types())
            z.writestr("_rels/.rels", _rels_xml(package_rels))
            z.writestr("word/_rels/document.xml.rels", _rels_xml(self.rels))
            for name, (data, _) in self.parts.items():
                z.writestr(name, data)
        return buf.getvalue()

    def _content_types(self) -> str:
        exts = sorted({n.rsplit(".", 1)[1] for n in self.parts if n.startswith("word/media/")})
        defaults = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
                    '+xml"/>', '<Default Extension="xml" ContentType="application/xml"/>']
        defaults += [f'<Default Extension="{e}" ContentType="{IMAGE_TYPES[e]}"/>' for e in exts]
        overrides = [f'<Override PartName="/{n}" ContentType="{t}"/>'
                     for n, (_, t) in self.parts.items() if not n.startswith("word/media/")]
        return (XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                + "".join(defaults + overrides) + "</Types>")


def _rels_xml(rels: list[tuple[str, str, str, bool]]) -> str:
    items = "".join(f'<Relationship Id="{rid}" Type="{t}" Target="{esc(target)}"'
                    + (' TargetMode="External"/>' if external else "/>") for rid, t, target, external in rels)
    return XML_HEAD + f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}' \
                      '</Relationships>'


def _core_xml(core: dict[str, str]) -> str:
    now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    fields = "".join(f"<{tag}>{esc(core[key])}</{tag}>" for key, tag in
                     (("title", "dc:title"), ("subject", "dc:subject"), ("author", "dc:creator"),
                      ("keywords", "cp:keywords"), ("language", "dc:language")) if core.get(key))
    return (XML_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-'
            'properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'{fields}<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>')
