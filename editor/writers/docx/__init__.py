"""DOCX writer: the composition as a Word document built from named styles, with python-docx.

Four sections, as in the PDF: the cover (no header, no footer); the colophon and
contents (no header, no page number); the articles (running header with the
issue line, "— PAGE —" footer, numbers from 1); the back matter (a band with
the masthead line at the foot). 本期要目 is a real TOC field over the column
labels and article titles, pre-filled with hyperlinked entries whose PAGEREF
numbers are estimated here from the document's own styles (pages.py): Word shows it
as it is, without asking to update fields on open; updating it recomputes them.
Paragraphs carry only a style; runs carry only a character style.

python-docx opens the base document (base.docx, or the template's reference
.docx), holds the styles (styles), sections, headers and footers, pictures,
links and properties, and saves the package. The body's paragraphs are written
as WordprocessingML text (oxml) and parsed into it in one pass.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
from pathlib import Path

from . import _preload  # first: python-docx imported with the collector paused (_preload.py)
from docx.enum.section import WD_SECTION
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ... import compose as C
from ...errors import ExportError
from ...paths import atomic_write
from ...template import Template
from .. import Progress, Target, Writer, WriterReport
from . import oxml as ox
from .oxml import Para, append_xml, x_bookmark, x_field, x_frame_beside, x_hyperlink, x_inline_picture, x_run, x_table
from .fonts import KNOWN_FACES, OBFUSCATED_FONT, FontEntry, FontPlan, embedded_faces
from .inputs import open_base, open_reference, read_image
from .package import DeflatedPart, package_bytes
from .styles import StyleSheet

MM = 72 / 25.4
QR_SIDE_MM = 20.0


class DocxFormat(Writer):
    """The Word document: the composition in named styles, with python-docx."""

    format = "docx"

    def render(self, composition: C.Composition, target: Target) -> WriterReport:
        return write_docx(composition, composition.template, target.path, target.progress)


def write_docx(comp: C.Composition, template: Template, path: Path, progress: Progress | None = None
               ) -> WriterReport:
    writer = DocxWriter(comp, template, progress)
    data = writer.build()
    atomic_write(path, data)
    return WriterReport(page_count=None, warnings=writer.warnings)


class DocxWriter:
    def __init__(self, comp: C.Composition, template: Template, progress: Progress | None):
        self.comp, self.template = comp, template
        self.progress = progress or (lambda f, t: None)
        self.warnings: list[str] = []
        page = template.page
        self.page_mm = page.size_mm
        self.margins_mm = (page.margin_top, page.margin_right, page.margin_bottom, page.margin_left)
        self.text_width = (self.page_mm[0] - page.margin_left - page.margin_right) * MM
        self.text_height = (self.page_mm[1] - page.margin_top - page.margin_bottom) * MM
        self.bookmarks: dict[str, str] = {}        # article id / "column:N" → bookmark name
        self.blocks: list[Para | str] = []         # body paragraphs and tables, in order
        self.sections: list[str] = []              # kind of each section ended so far
        self.current = "cover"                     # the section being written: cover/front/body/back
        self.break_next = False                    # the next paragraph starts a new page
        self.embedded = False                      # faces embedded in the font table
        self.cover_top: float | None = None        # the cover's top margin, points (front.Cover)
        self.contents_bookmark = "_Toc_contents"   # the contents' heading, which the cover's guide links to
        self._ids = 0
        # Hooks for a volume of issues (writers/docx/volume.py): the running head and whether page
        # numbers start again, for the sections begun from now on; whether contents are TOC fields.
        self.header = comp.header
        self.restart_numbering = True
        self.contents_field = True
        self._heads: list[tuple[str, bool]] = [(self.header, self.restart_numbering)]   # per section

    # ------------------------------------------------------------ the whole document

    def build(self) -> bytes:
        try:
            return self._build()
        finally:
            _preload.thaw()

    def _build(self) -> bytes:
        self.progress(0.05, "正在准备 Word 样式…")
        ref = self.template.reference_docx
        self.doc = open_reference(ref, self.template.path) if ref is not None else open_base()
        self.fonts = FontPlan(self.template)
        self.sheet = StyleSheet(self.template, self.text_width, self.doc, reference=ref is not None,
                                fonts=self.fonts)
        self.sheet.define()
        if ref is not None and not self.sheet.kept_own():
            self.warnings.append(f"参考文档“{ref}”中没有与本刊样式同名的样式（如“简报正文”“文章标题”），"
                                 f"它的样式没有用上；样式名见 docs/docx.md")
        for e in self.comp.heads():
            if e.column_start is not None:
                self.bookmarks[f"column:{e.column_start.index}"] = f"_Toc_col{self._next_id():03d}"
            self.bookmarks[e.article_id] = f"_Toc_art{self._next_id():03d}"
        from .pages import estimate_article_pages

        # the contents' page numbers as this document (its styles, a reference's among them) sets them
        laid_out = dataclasses.replace(self.template, styles=self.sheet.layout_styles())
        self.pages = estimate_article_pages(self.comp, laid_out, self.text_width, self.text_height)
        self.progress(0.15, "正在写入 Word 文档…")
        self._elements()
        self._assemble()
        self.sheet.finish()
        self.progress(0.8, "正在嵌入字体…")
        self._font_table()
        self._settings()
        self.progress(0.9, "正在保存 Word 文档…")
        return package_bytes(self.doc)

    def _settings(self) -> None:
        """Settings Word reads on open, the font table's substitutes and the document's properties."""
        doc = self.doc
        ox.prepare_settings(doc.settings.element, self.comp.language)
        ox.embed_fonts_setting(doc.settings.element, self.embedded)
        props = doc.core_properties
        props.title = f"{self.comp.title} {self.comp.issue_line}"
        props.subject = self.comp.subject
        props.author = self.comp.author
        props.keywords = self.comp.title
        props.language = self.comp.language
        props.last_modified_by = self.comp.author
        props.revision = 1
        props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
        for name in ("comments", "category", "content_status", "identifier", "version"):
            setattr(props, name, "")          # a reference document's own, if any

    def _font_table(self) -> None:
        """The font table: every face the document names, described for substitution, the template's
        Chinese faces embedded (subset to the characters set in them) unless the template says not to.
        A reference document's table gives way to it; its entries for faces still named stay."""
        doc = self.doc
        part = doc.part
        stories = [doc.element.body] + [rel.target_part.element for rel in part.rels.values()
                                         if rel.reltype in (RT.HEADER, RT.FOOTER)]
        styles = doc.styles.element
        names = ox.font_names(styles)
        for story in stories:
            names |= ox.font_names(story)
        kept: dict[str, bytes] = {}
        for rid, rel in list(part.rels.items()):
            if rel.reltype == RT.FONT_TABLE:
                try:
                    kept = ox.font_entries(parse_xml(rel.target_part.blob))
                except Exception:
                    kept = {}             # a damaged table of the reference's: ours replaces it
                part.drop_rel(rid)
        faces = {}
        if self.template.docx.embed_fonts:
            uses = ox.text_by_face(styles, stories)
            faces = embedded_faces(self.fonts, uses)
            warning = self.fonts.fallback_warning()
            if warning:
                self.warnings.append(warning)
        ours = [n for n in self.fonts.roles if n in names]
        entries = []
        for name in ours + sorted(names - set(ours)):
            entry = faces.get(name)
            if entry is None:
                entry = FontEntry(name, self.fonts.alternative(name), self.fonts.describe(name)) \
                    if name in self.fonts.roles or name in KNOWN_FACES or name not in kept \
                    else FontEntry(name, raw=kept[name])
            entries.append(entry)
        table = XmlPart(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE,
                        ox.font_table([(e, "rIdR" if e.regular else None, "rIdB" if e.bold else None)
                                       for e in entries]), doc.part.package)
        n = 0
        for entry, element in zip(entries, table.element.findall(qn("w:font"))):
            for tag, face in (("w:embedRegular", entry.regular), ("w:embedBold", entry.bold)):
                if face is None:
                    continue
                n += 1
                font = DeflatedPart(PackURI(f"/word/fonts/font{n}.odttf"), OBFUSCATED_FONT, face.deflated, face.crc,
                                    face.size, doc.part.package)
                element.find(qn(tag)).set(qn("r:id"), table.relate_to(font, RT.FONT))
        part.relate_to(table, RT.FONT_TABLE)
        self.embedded = n > 0

    def _next_id(self) -> int:
        self._ids += 1
        return self._ids

    def _elements(self) -> None:
        in_body = False
        for e in self.comp.elements:
            if isinstance(e, C.Cover):
                if self.blocks:                      # a volume's next issue: its cover opens a section
                    self._end_section("cover")
                    in_body = False
                self.cover(e)
                self._end_section("front")
            elif isinstance(e, C.Colophon):
                self.colophon(e)
            elif isinstance(e, C.Contents):
                self.contents(e)
            elif isinstance(e, C.ArticleHead):
                if not in_body:
                    self._end_section("body")
                    in_body = True
                self.head(e)
            elif isinstance(e, C.Paragraph):
                self.paragraph(e)
            elif isinstance(e, C.LinkQR):
                self.qr(e)
            elif isinstance(e, C.Table):
                self.table(e)
            elif isinstance(e, C.Image):
                try:
                    self.image(e.path, e.caption)
                except ExportError as exc:
                    raise ExportError(f"{e.where}: {exc}" if e.where else str(exc)) from None
            elif isinstance(e, C.BackMatter):
                if self.current != "cover":
                    self._end_section("back")
                self.back_matter(e)
        if not self.blocks or not isinstance(self.blocks[-1], Para):
            self.para("body", "")

    def head(self, e: C.ArticleHead) -> None:
        """The article's opening, in the composition's order: the column's label, the 编者按, the
        title, the 文号 and the addressee."""
        if e.column_start is not None:
            self.break_next = False          # the label's style starts the page
            from .front import tab_drawings

            self.para("column_label", tab_drawings(self, "column_label") + x_bookmark(
                self._next_id(), self.bookmarks[f"column:{e.column_start.index}"], x_run(e.column_start.name)))
        elif e.new_page:
            self.break_next = True
        if e.note is not None:
            self.editor_note(e.note)
        title = "\n".join(e.title.lines)      # Word cannot balance lines: the composition's breaks
        self.para("title", x_bookmark(self._next_id(), self.bookmarks[e.article_id], x_run(title)))
        for p in (e.doc_number, e.addressee):
            if p is not None:
                self.paragraph(p)

    # ------------------------------------------------------------ paragraphs

    def para(self, style: str, inner: str = "", before: float | None = None) -> Para:
        """A body paragraph in `style` (a template style key) holding run XML `inner`."""
        p = Para(self.sheet.id(style), [inner] if inner else [], page_break=self.break_next, before=before)
        self.break_next = False
        self.blocks.append(p)
        return p

    def text(self, style: str, text: str, before: float | None = None) -> Para:
        return self.para(style, x_run(text) if text else "", before)

    def paragraph(self, e: C.Paragraph) -> None:
        if e.beside is not None:
            # the code beside the paragraph, in a frame that comes first, since word processors
            # anchor a frame to the paragraph after it
            self.qr(e.beside, beside=True)
        inner = "".join(x_run(r.text, self.sheet.lead(r.style) if r.style and r.style != e.style else None)
                        for r in e.runs if r.text)
        p = self.para(e.style, inner)
        p.keep, p.after = e.keep_with_next, e.space_after       # what stays together, as the composition says

    def editor_note(self, e: C.EditorNote) -> None:
        self.text("editor_note_label", e.label)
        for text in e.paragraphs:
            self.text("editor_note", text)

    def link(self, url: str) -> str:
        """The relationship id of an external hyperlink to `url`."""
        return self.doc.part.relate_to(url, RT.HYPERLINK, is_external=True)

    def picture(self, data: bytes) -> str:
        """The relationship id of an image part holding `data` (python-docx stores a picture once)."""
        rid, _ = self.doc.part.get_or_add_image(io.BytesIO(data))
        return rid

    # ------------------------------------------------------------ front matter

    def cover(self, e: C.Cover) -> None:
        from .front import Cover

        Cover(self, e).write()

    def balanced(self, style: str, lines: list[str], width: float | None = None) -> str:
        """Lines of a contents or guide entry, each too long for `width` (the text width) broken
        evenly between words as the composition breaks titles; joined by line breaks. Word cannot
        balance lines itself."""
        from ...compose.measure import ESTIMATE_MARGIN, set_lines

        st = self.template.styles[style]
        measure = ((width or self.text_width) - (st.left_indent + st.first_indent) * st.size) / st.size
        return "\n".join(part for line in lines for part in set_lines(line, measure * ESTIMATE_MARGIN))

    def _height(self, style: str, text: str, width: float | None = None, line: float | None = None) -> float:
        """Estimated height of a paragraph of `text` in `style`, `width` wide (the text width)."""
        from .pages import text_units

        if not text:
            return 0.0
        st = self.template.styles[style]
        per_line = max(1, int((width or self.text_width) / st.size))     # whole characters a line
        lines = max(1, -int(-text_units(text) // per_line))
        return lines * (line or st.size * st.leading) + st.space_before + st.space_after

    def colophon(self, e: C.Colophon) -> None:
        from .front import colophon

        colophon(self, e)

    def contents(self, e: C.Contents) -> None:
        from .front import contents

        contents(self, e)

    # ------------------------------------------------------------ media

    def qr(self, e: C.LinkQR, beside: bool = False) -> None:
        """The QR code of a link with its caption, both links; `beside`: framed at the right margin."""
        from .qr import qr_matrix, qr_png

        rid = self.link(e.url)
        side = QR_SIDE_MM * MM
        image = self.picture(qr_png(qr_matrix(e.url)))
        code = self.para("picture", x_inline_picture(image, self._next_id(), "qr.png", side, side, rid))
        caption = self.para("link_caption", x_hyperlink(x_run("\n".join(e.caption)), rid=rid))
        if beside:
            # the same frame settings on both paragraphs make them one frame
            code.frame = caption.frame = x_frame_beside(side + 12, 9.0)
            if code.page_break:               # a page break belongs to the text, not to the frame
                code.page_break = False
                self.break_next = True

    def image(self, path: Path, caption: str, max_height: float | None = None) -> None:
        path = Path(path)
        if not os.path.lexists(path):
            raise ExportError(f"图片“{path}”不存在：请检查文章中的图片路径，或把图片放到该位置")
        data, (w, h) = read_image(path)
        scale = min(1.0, self.text_width / w, (max_height or self.text_height * 0.45) / h)
        try:
            rid = self.picture(data)
        except Exception as exc:      # python-docx reads the picture's header itself and may refuse it
            raise ExportError(f"图片“{path}”无法放入 Word 文档（{type(exc).__name__}）；"
                              f"请把它另存为 PNG 或 JPEG 后再试") from None
        self.para("picture", x_inline_picture(rid, self._next_id(), path.name, w * scale, h * scale))
        if caption:
            self.text("link_caption", caption)

    def table(self, e: C.Table) -> None:
        if not e.rows:
            return
        ncols = max(len(r) for r in e.rows)
        head, cell = self.sheet.id("table_header"), self.sheet.id("table")
        rows = [[Para(head if ri == 0 else cell, [x_run(row[ci])] if ci < len(row) and row[ci] else []).xml()
                 for ci in range(ncols)] for ri, row in enumerate(e.rows)]
        grid_style = self.sheet.table_grid()
        if self.break_next:
            self.para("body")
        from .pages import table_widths

        widths = table_widths(e.rows, self.template.style("table").size, self.text_width)
        self.blocks.append(x_table(rows, widths, style_id=grid_style, grid=True, header_row=True))

    # ------------------------------------------------------------ back matter

    def back_matter(self, e: C.BackMatter) -> None:
        self.break_next = True
        for n, profile in enumerate(e.profiles):
            if n:
                self.para("back_rule")       # a short rule between two profiles, as the PDF
            if profile.logo:
                self.image(profile.logo, "", max_height=48.0)
            self.text("back_title", profile.name)
            if profile.english_name:
                self.text("back_subtitle", profile.english_name)
            for text in profile.paragraphs:
                self.text("back_body", text)

    # ------------------------------------------------------------ sections

    def _end_section(self, following: str) -> None:
        """End the current section with the last paragraph written so far (its sectPr goes there)."""
        if not self.blocks or not isinstance(self.blocks[-1], Para):
            self.para("body")
        self.blocks[-1].section_end = True
        self.sections.append(self.current)
        self.current = following
        self.break_next = False
        self._heads.append((self.header, self.restart_numbering))

    def _assemble(self) -> None:
        """The body into the document; then each section's page, numbering, header and footer."""
        body = self.doc.element.body
        append_xml(body, [b.xml() if isinstance(b, Para) else b for b in self.blocks], before=body.sectPr)
        top, right, bottom, left = self.margins_mm
        kinds = self.sections + [self.current]
        sections = list(self.doc.sections)
        assert len(sections) == len(kinds), (len(sections), kinds)
        after_body = False
        for section, kind, (header, restart) in zip(sections, kinds, self._heads):
            section.start_type = WD_SECTION.NEW_PAGE
            section.page_width, section.page_height = Mm(self.page_mm[0]), Mm(self.page_mm[1])
            section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
            if kind == "cover" and self.cover_top is not None:
                section.top_margin = Pt(self.cover_top)        # its headline starts there (front.Cover)
            section.left_margin, section.right_margin = Mm(left), Mm(right)
            section.header_distance, section.footer_distance = Mm(max(6.0, top - 12)), Mm(max(6.0, bottom - 12))
            section.gutter = 0
            ox.page_numbering(section._sectPr, {"front": "lowerRoman", "body": "decimal"}.get(kind),
                              1 if kind in ("front", "body") and restart else None)
            ox.no_document_grid(section._sectPr)
            if kind == "body":
                # the running header with the issue line, and "— PAGE —" at the foot
                self._story(section.header, "header", x_run(header))
                self._story(section.footer, "footer", x_run("— ") + x_field("PAGE", "1") + x_run(" —"))
                after_body = True
            elif kind == "back":
                # the back cover: an empty header (no running header, no rule), the masthead line in a
                # band at the foot
                self._story(section.header, "Normal", "")
                from .front import back_band

                self._story(section.footer, "back_band", x_run(self.comp.header), back_band(self))
            elif after_body:
                # a volume's next issue: its cover and front matter have none, where linking to the
                # previous section would repeat the last issue's running head
                self._story(section.header, "Normal", "")
                self._story(section.footer, "Normal", "")
            else:
                # the cover and the front matter have none; a section without its own takes the
                # previous one's, and these come before any
                section.header.is_linked_to_previous = True
                section.footer.is_linked_to_previous = True

    def _story(self, story, style: str, inner: str, placed: tuple[str, str] = ("", "")) -> None:
        """Give a section its own header or footer (python-docx adds the part) holding one paragraph;
        `placed`: its frame and the drawings anchored in it."""
        story.is_linked_to_previous = False
        element = story._element
        for child in list(element):
            element.remove(child)
        sid = self.sheet.style_id("Normal") if style == "Normal" else self.sheet.id(style)
        frame, drawings = placed
        append_xml(element, [Para(sid, [drawings + inner] if inner or drawings else [], frame=frame).xml()])
