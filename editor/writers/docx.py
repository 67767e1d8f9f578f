"""DOCX writer: the composition as a Word document built from named styles.

Four sections, as in the PDF: the cover (no header, no footer); the colophon and
contents (no header, no page number); the articles (running header with the
issue line, "— PAGE —" footer, numbers from 1); the back matter (a band with
the masthead line at the foot). 本期要目 is a real TOC field over the column
labels and article titles, pre-filled with hyperlinked entries whose PAGEREF
numbers are estimated here, and Word updates it on open (settings updateFields).
Paragraphs carry only a style; runs carry only a character style.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .. import compose as C
from ..errors import ExportError
from ..paths import atomic_write
from ..template import Template
from . import Progress, WriterReport
from .docx_styles import GUIDE_COLUMN, TOC_LEVELS, StyleSheet
from .docx_xml import (add_bookmark, add_field, add_hyperlink, add_run, end_section, field_begin, field_end,
                       frame_at_foot, indent_table, link_picture, repeat_header_row, set_section, set_settings,
                       strip_theme_fonts)

MM = 72 / 25.4
QR_SIDE_MM = 20.0
COVER_LABEL = "本期要闻"
GUIDE_LABEL = "本期导读"


def write_docx(comp: C.Composition, template: Template, path: Path, progress: Progress | None = None
               ) -> WriterReport:
    writer = DocxWriter(comp, template, progress)
    data = writer.build()
    atomic_write(path, data)
    return WriterReport(page_count=None, warnings=writer.warnings)


def open_base(template: Template):
    """The reference .docx of the template (its styles are kept), or python-docx's blank document."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    ref = template.reference_docx
    if ref is None:
        return docx.Document(), False
    where = f"参考文档“{ref}”（模板 {template.path} 的 reference_docx）"
    if not zipfile.is_zipfile(ref):
        raise ExportError(f"{where}不是有效的 Word 文档（.docx）：文件不是 zip 压缩包。"
                          f"请在 Word 或 WPS 中把它另存为 .docx 后再试") from None
    try:
        doc = docx.Document(str(ref))
    except (PackageNotFoundError, KeyError):
        raise ExportError(f"{where}不是有效的 Word 文档（.docx）：压缩包中没有 Word 正文。"
                          f"请在 Word 或 WPS 中把它另存为 .docx 后再试") from None
    except ValueError:            # a .dotx template or a .docm: another content type
        raise ExportError(f"{where}不是 .docx 文档（可能是 .dotx 模板或带宏的 .docm）；"
                          f"请在 Word 或 WPS 中把它另存为 .docx 后再试") from None
    except OSError as exc:
        raise ExportError(f"{where}无法读取（{exc.strerror or exc}）") from None
    except Exception as exc:      # damaged XML or zip members
        raise ExportError(f"{where}已损坏，无法读取（{type(exc).__name__}）；"
                          f"请在 Word 或 WPS 中把它另存为 .docx 后再试") from None
    from docx.oxml.ns import qn

    body = doc.element.body
    for child in list(body):            # the reference's own text goes; its sectPr and styles stay
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc, True


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
        self.bookmarks: dict[str, str] = {}        # article id / column key → bookmark name
        self._next_bookmark = 1
        self.break_next = False                     # the next paragraph starts a new page

    # ------------------------------------------------------------ the whole document

    def build(self) -> bytes:
        self.progress(0.05, "正在准备 Word 样式…")
        self.doc, from_reference = open_base(self.template)
        self.body = self.doc.element.body
        self.part = self.doc.part
        self.sentinel = self.body.get_or_add_sectPr()
        for ref in self.sentinel.xpath("w:headerReference|w:footerReference"):
            self.sentinel.remove(ref)
        self.sheet = StyleSheet(self.doc, self.template, self.text_width, from_reference)
        self.sheet.define()
        for e in self.comp.elements:
            if isinstance(e, C.ArticleStart):
                self.bookmarks[e.article_id] = self._bookmark_name("art")
            elif isinstance(e, C.ColumnStart):
                self.bookmarks[f"column:{e.index}"] = self._bookmark_name("col")
        from .docx_pages import estimate_article_pages

        self.pages = estimate_article_pages(self.comp, self.template, self.text_width, self.text_height)
        self.last_p = None
        self.section_ends: list = []
        self._elements()
        self._finish_sections()
        set_settings(self.doc.settings.element, self.comp.language)
        strip_theme_fonts(self.doc.styles.element)
        self._properties()
        self.progress(0.9, "正在保存 Word 文档…")
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def _bookmark_name(self, kind: str) -> str:
        name = f"_Toc_{kind}{self._next_bookmark:03d}"
        self._next_bookmark += 1
        return name

    def _elements(self) -> None:
        elements = self.comp.elements
        n = len(elements)
        i = 0
        in_body = False
        while i < n:
            e = elements[i]
            nxt = elements[i + 1] if i + 1 < n else None
            if i % 40 == 0:
                self.progress(0.1 + 0.75 * i / n, "正在写入 Word 文档…")
            if isinstance(e, C.Cover):
                self.cover(e)
                self._end_section()
            elif isinstance(e, C.Colophon):
                self.colophon(e)
            elif isinstance(e, C.Contents):
                self.contents(e)
            elif isinstance(e, (C.ColumnStart, C.ArticleStart)) and not in_body:
                self._end_section()
                in_body = True
                continue
            elif isinstance(e, C.ColumnStart):
                p = self.para("column_label", e.name)
                self.break_next = False
                add_bookmark(p, self._bid(), self.bookmarks[f"column:{e.index}"])
            elif isinstance(e, C.ArticleStart):
                if not e.first_in_column:
                    self.break_next = True
                if isinstance(nxt, C.EditorNote):
                    # as in the PDF and the printed bulletin: the editors' note, then the document
                    self.editor_note(nxt)
                    i += 1
                p = self.para("title", "\n".join(line.strip() for line in e.title_lines if line.strip()))
                add_bookmark(p, self._bid(), self.bookmarks[e.article_id])
            elif isinstance(e, C.EditorNote):
                self.editor_note(e)
            elif isinstance(e, C.Paragraph):
                self.paragraph(e)
            elif isinstance(e, C.LinkQR):
                self.qr(e)
            elif isinstance(e, C.Table):
                self.table(e)
            elif isinstance(e, C.Image):
                self.image(e.path, e.caption)
            elif isinstance(e, C.BackMatter):
                if in_body:
                    self._end_section()
                self.back_matter(e)
            i += 1
        if self.last_p is None:
            self.para("body", "")

    # ------------------------------------------------------------ paragraphs

    def para(self, style: str, text: str = "", run_style: str | None = None):
        """A body-level paragraph in `style` holding `text` (newlines become line breaks)."""
        p = self.body.add_p()
        p.style = self.sheet.id(style)
        if self.break_next:
            p.get_or_add_pPr().pageBreakBefore_val = True
            self.break_next = False
        if text:
            add_run(p, text, run_style)
        self.last_p = p
        return p

    def paragraph(self, e: C.Paragraph) -> None:
        p = self.para(e.style)
        for run in e.runs:
            if run.text:
                add_run(p, run.text, self.sheet.lead(run.style) if run.style and run.style != e.style else None)

    def editor_note(self, e: C.EditorNote) -> None:
        self.para("editor_note_label", e.label)
        for text in e.paragraphs:
            self.para("editor_note", text)

    def _bid(self) -> int:
        self._next_bookmark += 1
        return self._next_bookmark

    # ------------------------------------------------------------ front matter

    def cover(self, e: C.Cover) -> None:
        if e.tagline:
            self.para("masthead_tagline", e.tagline)
        self.para("masthead_title", e.title)
        if e.slogan:
            self.para("masthead_slogan", e.slogan)
        self._space(self.para("issue_line", e.issue_line), 14)
        if self.comp.author:
            p = self.para("cover_publisher", self.comp.author)
            frame_at_foot(p, self.text_width)
        if e.headline:
            self._space(self.para("cover_label", COVER_LABEL), 40)
            anchor = self.bookmarks.get(e.headline_article or "")
            for line in e.headline:
                p = self.para("cover_headline")
                parent = add_hyperlink(p, self.part, anchor=anchor) if anchor else p
                add_run(parent, line)
        self._guide(e.headline_article)

    def _guide(self, headline_article: str | None) -> None:
        """本期导读: the other articles by column, each a link to its title, as on the PDF cover."""
        contents = next((x for x in self.comp.elements if isinstance(x, C.Contents)), None)
        groups = [(name, [x for x in entries if x.article_id != headline_article])
                  for name, entries in (contents.groups if contents else [])]
        groups = [(name, entries) for name, entries in groups if entries]
        if not groups:
            return
        self._space(self.para("cover_label", GUIDE_LABEL), 16)
        for name, entries in groups:
            for k, entry in enumerate(entries):
                p = self.para("cover_guide")
                if k == 0:
                    add_run(p, name, GUIDE_COLUMN[0])
                add_run(p, "\t")
                anchor = self.bookmarks.get(entry.article_id)
                add_run(add_hyperlink(p, self.part, anchor=anchor) if anchor else p, entry.title)

    def colophon(self, e: C.Colophon) -> None:
        self.para("toc_heading", e.title)
        self.para("issue_line", e.issue_line)
        if e.disclaimer:
            # a frame at the foot of the page; it comes before the list because word processors
            # anchor a frame to the paragraph that follows it
            p = self.para("disclaimer", e.disclaimer)
            frame_at_foot(p, self.text_width)
        if e.entries:
            self._colophon_table(e)

    def _colophon_table(self, e: C.Colophon) -> None:
        from docx.shared import Pt

        role_st = self.template.styles["colophon_role"]
        name_st = self.template.styles["colophon_name"]
        role_w = role_st.size * max(4, max(len(x.role) for x in e.entries)) + 12
        names_w = self.text_width * 0.88 - role_w - 2 * name_st.size
        per_row = max(1, int((names_w + 1.5 * name_st.size) // (4.5 * name_st.size)))
        table = self.doc.add_table(rows=len(e.entries), cols=2)
        table.autofit = False
        indent_table(table._tbl, self.text_width * 0.08)
        table.columns[0].width, table.columns[1].width = Pt(role_w), Pt(names_w + 2 * name_st.size)
        for row, entry in zip(table.rows, e.entries):
            role_cell, names_cell = row.cells
            role_cell.width, names_cell.width = Pt(role_w), Pt(names_w + 2 * name_st.size)
            role_p = role_cell.paragraphs[0]._p
            role_p.style = self.sheet.id("colophon_role")
            add_run(role_p, entry.role)
            names_p = names_cell.paragraphs[0]._p
            names_p.style = self.sheet.id("colophon_name")
            if all(2 <= len(n) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in n) for n in entry.names):
                rows = [entry.names[k:k + per_row] for k in range(0, len(entry.names), per_row)]
                text = "\n".join("\t".join(r) for r in rows)
            else:
                text = "\n".join(entry.names)
            add_run(names_p, text)
        self.last_p = None

    def contents(self, e: C.Contents) -> None:
        self.break_next = True
        self.para("toc_heading", e.heading)
        self.para("issue_line", self.comp.issue_line)
        levels = ",".join(f"{self.sheet_name(s)},{n}" for n, s in enumerate(TOC_LEVELS, 1))
        instruction = f'TOC \\h \\z \\n "1-1" \\t "{levels}"'
        entries = []
        column_index = 0
        for name, group in e.groups:
            entries.append(("toc_column", name, self.bookmarks.get(f"column:{column_index}"), None))
            column_index += 1
            for entry in group:
                entries.append(("toc_entry", entry.title, self.bookmarks.get(entry.article_id),
                                self.pages.get(entry.article_id)))
        for k, (style, text, anchor, page) in enumerate(entries):
            p = self.para(style)
            if k == 0:
                field_begin(p, instruction, dirty=True)
            link = add_hyperlink(p, self.part, anchor=anchor) if anchor else p
            add_run(link, text)
            if page is not None and anchor:
                add_run(link, "\t")
                add_field(link, f"PAGEREF {anchor} \\h", str(page))
            if k == len(entries) - 1:
                field_end(p)
        if not entries:
            p = self.para("toc_entry")
            field_begin(p, instruction, dirty=True)
            field_end(p)

    def sheet_name(self, style: str) -> str:
        from .docx_styles import STYLE_NAMES

        return STYLE_NAMES[style][1]

    # ------------------------------------------------------------ media

    def qr(self, e: C.LinkQR) -> None:
        import segno

        buf = io.BytesIO()
        segno.make(e.url, error="m").save(buf, kind="png", scale=8, border=2)
        buf.seek(0)
        from docx.shared import Mm

        p = self.para("picture")
        r = add_run(p)
        run = _run_proxy(r, p, self.part)
        shape = run.add_picture(buf, width=Mm(QR_SIDE_MM))
        link_picture(shape._inline, self.part, e.url)
        cap = self.para("link_caption")
        link = add_hyperlink(cap, self.part, url=e.url)
        add_run(link, "\n".join(e.caption))

    def image(self, path: Path, caption: str, max_height: float | None = None) -> None:
        from docx.shared import Pt

        path = Path(path)
        if not path.is_file():
            raise ExportError(f"图片“{path}”不存在：请检查文章中的图片路径，或把图片放到该位置")
        p = self.para("picture")
        run = _run_proxy(add_run(p), p, self.part)
        try:
            shape = run.add_picture(str(path))
        except Exception as exc:
            raise ExportError(f"图片“{path}”无法读取，Word 文档只支持 PNG、JPEG、GIF、BMP、TIFF 图片"
                              f"（{type(exc).__name__}）") from None
        limit_h = Pt(max_height or self.text_height * 0.45)
        scale = min(1.0, Pt(self.text_width) / shape.width, limit_h / shape.height)
        shape.width, shape.height = int(shape.width * scale), int(shape.height * scale)
        if caption:
            self.para("link_caption", caption)

    def table(self, e: C.Table) -> None:
        if not e.rows:
            return
        ncols = max(len(r) for r in e.rows)
        table = self.doc.add_table(rows=len(e.rows), cols=ncols)
        try:
            table.style = self.doc.styles["Table Grid"]
        except KeyError:
            pass
        for ri, (row, cells) in enumerate(zip(table.rows, e.rows)):
            style = self.sheet.id("table_header" if ri == 0 else "table")
            for ci, cell in enumerate(row.cells):
                p = cell.paragraphs[0]._p
                p.style = style
                if ci < len(cells) and cells[ci]:
                    add_run(p, cells[ci])
        repeat_header_row(table.rows[0]._tr)
        self.last_p = None

    # ------------------------------------------------------------ back matter

    def back_matter(self, e: C.BackMatter) -> None:
        self.break_next = True
        for n, profile in enumerate(e.profiles):
            if profile.logo:
                self.image(self.template.folder / profile.logo, "", max_height=48.0)
            p = self.para("back_title", profile.name)
            if n:
                self._space(p, 28)
            if profile.english_name:
                self.para("back_subtitle", profile.english_name)
            for text in profile.paragraphs:
                self.para("back_body", text)

    # ------------------------------------------------------------ sections

    def _end_section(self) -> None:
        if self.last_p is None:
            self.para("body", "")
        self.section_ends.append(end_section(self.last_p, self.sentinel))
        self.last_p = None

    def _finish_sections(self) -> None:
        """Cover, front, body, back: sizes, margins, numbering, headers and footers."""
        from docx.section import Section

        kinds = ["cover", "front", "body", "back"]
        has_back = any(isinstance(e, C.BackMatter) for e in self.comp.elements)
        has_body = any(isinstance(e, C.ColumnStart) for e in self.comp.elements)
        if not has_back:
            kinds.remove("back")
        if not has_body:
            kinds.remove("body")
        sects = self.section_ends + [self.sentinel]
        top, right, bottom, left = self.margins_mm
        for kind, sect in zip(kinds, sects):
            fmt = {"front": "lowerRoman", "body": "decimal"}.get(kind)
            set_section(sect, self.page_mm, self.margins_mm, header_mm=max(6.0, top - 12),
                        footer_mm=max(6.0, bottom - 12), number_format=fmt,
                        number_start=1 if kind in ("front", "body") else None)
            section = Section(sect, self.part)
            if kind == "body":
                self._header_footer(section)
            elif kind == "back" and has_body:
                section.header.is_linked_to_previous = False
                section.footer.is_linked_to_previous = False
                p = section.footer.paragraphs[0]._p
                p.style = self.sheet.id("back_band")
                add_run(p, self.comp.header)
            elif kind == "back":
                p = section.footer.paragraphs[0]._p
                p.style = self.sheet.id("back_band")
                add_run(p, self.comp.header)

    def _header_footer(self, section) -> None:
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        hp = section.header.paragraphs[0]._p
        hp.style = self.sheet.id("header")
        add_run(hp, self.comp.header)
        fp = section.footer.paragraphs[0]._p
        fp.style = self.sheet.id("footer")
        add_run(fp, "— ")
        add_field(fp, "PAGE", "1")
        add_run(fp, " —")

    def _properties(self) -> None:
        props = self.doc.core_properties
        props.title = f"{self.comp.title} {self.comp.issue_line}"
        props.subject = self.comp.subject
        props.author = self.comp.author
        props.language = self.comp.language
        props.keywords = self.comp.title

    @staticmethod
    def _space(p, before: float) -> None:
        from docx.shared import Pt

        p.get_or_add_pPr().spacing_before = Pt(before)


def _run_proxy(r, p, part):
    """A python-docx Run over the raw w:r, for add_picture (it needs the story part)."""
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    class _Parent:                     # Run looks up `.part` through its parent
        pass

    parent = _Parent()
    parent.part = part
    return Run(r, Paragraph(p, parent))
