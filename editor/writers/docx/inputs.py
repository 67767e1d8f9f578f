"""What the DOCX writer reads besides the composition: the document it starts from and pictures.

The base document (base.docx, written by tools/make_docx_base.py) or the
template's reference .docx/.dotx, opened with python-docx; and a picture's bytes
and size. Each failure is a Chinese ExportError naming the file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from ...errors import ExportError, os_reason
from ...safeio import ReadRefused, read_file, read_picture, zip_problem
from . import oxml as ox

BASE = Path(__file__).with_name("base.docx")
WORD_FORMATS = {"PNG", "JPEG", "GIF", "BMP", "TIFF"}
MAX_REFERENCE_BYTES = 20 * 1024 * 1024


def open_base():
    """python-docx's Document of the base: no text, the few styles every document has, CJK settings."""
    return docx.Document(str(BASE))


def read_image(path: Path) -> tuple[bytes, tuple[float, float]]:
    """The picture's bytes (as PNG when Word cannot show its format) and its size in points."""
    try:
        pic = read_picture(path)
    except ReadRefused as exc:
        raise ExportError(f"图片“{path}”无法读取（{exc.reason}）") from None
    data = pic.data
    if pic.format not in WORD_FORMATS:     # e.g. WebP: Word cannot show it, so convert
        try:
            from PIL import Image

            buf = io.BytesIO()
            with Image.open(io.BytesIO(pic.data)) as im:
                im.save(buf, "PNG")
            data = buf.getvalue()
        except Exception as exc:
            raise ExportError(f"图片“{path}”无法转换为 PNG（{type(exc).__name__}）；"
                              f"请确认它是 PNG、JPEG、GIF、BMP 或 TIFF 图片") from None
    return data, pic.points


def open_reference(path: Path, template_path: Path):
    """python-docx's Document of a reference .docx (or .dotx) without its text, headers and footers:
    what is left are its styles, theme, numbering, font table and settings. A Chinese ExportError
    when it is not a Word document."""
    where = f"参考文档“{path}”（模板 {template_path} 的 reference_docx）"
    resave = "请在 Word 或 WPS 中把它另存为 .docx 后再试"
    try:
        data = read_file(path, MAX_REFERENCE_BYTES, "参考文档")
    except ReadRefused as exc:
        raise ExportError(f"{where}无法读取（{exc.reason}）") from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ExportError(f"{where}不是有效的 Word 文档（.docx）：文件不是 zip 压缩包。{resave}")
    bomb = zip_problem(data)        # as the importer does: refused from the zip directory, unpacked never
    if bomb:
        raise ExportError(f"{where}{bomb}，不能作为参考文档。{resave}")
    template_type, document_type = b"wordprocessingml.template.main+xml", b"wordprocessingml.document.main+xml"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            types = z.read("[Content_Types].xml") if "[Content_Types].xml" in z.namelist() else b""
            if template_type in types:
                # a Word template (.dotx) is a document with another content type for its main part
                buf = io.BytesIO()
                with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
                    for item in z.infolist():
                        part = z.read(item.filename)
                        if item.filename == "[Content_Types].xml":
                            part = part.replace(template_type, document_type)
                        out.writestr(item, part)
                data, types = buf.getvalue(), types.replace(template_type, document_type)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ExportError(f"{where}已损坏，无法读取（{type(exc).__name__}）；{resave}") from None
    if document_type not in types:
        raise ExportError(f"{where}不是有效的 Word 文档（.docx）：压缩包中没有 Word 正文。{resave}")
    try:
        doc = docx.Document(io.BytesIO(data))
        doc.part.part_related_by(RT.STYLES)
    except KeyError:
        raise ExportError(f"{where}中没有样式（styles.xml），不能作为参考文档。{resave}") from None
    except Exception as exc:       # whatever python-docx, lxml or zipfile raise on a damaged package
        raise ExportError(f"{where}已损坏，无法读取（{type(exc).__name__}）；{resave}") from None
    body = doc.element.body
    final = body.get_or_add_sectPr()
    for child in list(body):
        if child is not final:
            body.remove(child)
    # its page layout is the template's business: no headers, columns, first-page or even-page
    # headers, mirrored margins or line numbers of the reference's own
    ox.without_page_layout(final, doc.settings.element)
    _without_its_content(doc)
    return doc


# what a document part keeps of a reference: its styles and what they rest on; every other part
# (headers, footers, pictures, links, comments … of its own text) goes with the text
KEPT_PARTS = {RT.STYLES, RT.SETTINGS, RT.THEME, RT.NUMBERING, RT.FONT_TABLE, RT.WEB_SETTINGS, RT.FOOTNOTES,
              RT.ENDNOTES, RT.CUSTOM_XML, RT.GLOSSARY_DOCUMENT,
              "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.'
           b'openxmlformats.org/officeDocument/2006/extended-properties"><Application>bulletin</Application>'
           b'</Properties>')


def _without_its_content(doc) -> None:
    """Leave nothing of the reference's own text in the package: the parts only its text used
    (nothing refers to them once it is gone), the preview picture of its first page, and its
    application properties (page and word counts, company, template path)."""
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype not in KEPT_PARTS:
            del part.rels[rid]
    package = part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            del package.rels[rid]
            package.relate_to(Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, APP_XML, package),
                              RT.EXTENDED_PROPERTIES)
