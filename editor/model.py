"""The one document model: Issue → Column → Article → Block.

Readers (the content loader, importers) produce it; checks read it; the PDF and
DOCX writers render it; the desktop app edits it. It has no Qt and no I/O.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import field
from enum import Enum

from .markers import Marker
from .records import record


@record(eq=True, frozen=True)
class Location:
    """A place in an issue's files: path relative to the issue folder, 1-based line and column."""

    file: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class BlockKind(str, Enum):
    PARAGRAPH = "paragraph"      # running text
    HEADING = "heading"          # numbered heading standing alone: 一、总体要求 / 第一章 总则
    ITEM = "item"                # numbered paragraph with run-in text: （一）完善……。加强……
    SUBHEADING = "subheading"    # unnumbered heading (# 白皮书内容目录)
    LIST_ITEM = "list_item"      # bulleted item (• / · / -)
    SIGNATURE = "signature"      # 发文机关署名 at the end of a document
    DATE_LINE = "date_line"      # 成文日期: 2023年7月15日
    ATTACHMENT = "attachment"    # 附件：……
    SOURCE = "source"            # a source line (来源：……) that is not the article's last block
    TABLE = "table"
    IMAGE = "image"


@record(eq=True)
class Block:
    """One body block. `text` is the whole paragraph, marker included, as written."""

    kind: BlockKind
    text: str = ""
    marker: Marker | None = None
    loc: Location | None = None
    # Where each source line of the paragraph starts: (offset in text, line, column).
    # Lets a problem at any character of a wrapped paragraph point at its real place.
    spans: tuple[tuple[int, int, int], ...] = ()
    rows: list[list[str]] | None = None   # TABLE: cells, first row is the header
    src: str = ""                          # IMAGE: path relative to the article file

    @property
    def content(self) -> str:
        """The text after the marker."""
        return self.text[self.marker.length:] if self.marker else self.text

    @property
    def numbered(self) -> bool:
        return self.marker is not None

    def locate(self, offset: int) -> Location | None:
        """The file location of character `offset` of `text`."""
        if self.loc is None:
            return None
        best = (0, self.loc.line, self.loc.column)
        for span in self.spans:
            if span[0] <= offset:
                best = span
        return Location(self.loc.file, best[1], best[2] + offset - best[0])


@record(eq=True)
class SourceLine:
    """The article's attribution as written, e.g. （来源：工业和信息化部）."""

    text: str
    loc: Location | None = None

    @property
    def issuer(self) -> str | None:
        from .conventions import parse_source
        parsed = parse_source(self.text)
        return parsed.issuer if parsed else None


@record(eq=True)
class Article:
    """One article: its header fields, editor's note, body and source line."""

    id: str                                  # file stem, unique in the issue
    title: str                               # lines separated by "\n"
    toc_title: str | None = None
    doc_number: str | None = None            # 文号
    addressee: str | None = None             # 主送机关
    link: str | None = None                  # 扫描二维码 阅读全文
    # The document's closing and 版记 (GB/T 9704), as written; see editor/fields.py.
    attachments: list[str] = field(default_factory=list)   # 附件说明: the attachments' names, in order
    signature: str | None = None             # 发文机关署名: one issuing body a line
    date: str | None = None                  # 成文日期 as written: 2023年5月26日 / 二〇〇九年十二月十四日
    remark: str | None = None                # 附注 under the date: （此件公开发布）
    keywords: str | None = None              # 主题词
    copy_to: str | None = None               # 抄送
    printed_by: str | None = None            # 印发: 国务院办公厅 2023年5月26日印发
    editor_note: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    source: SourceLine | None = None
    path: str = ""                           # relative to the issue folder
    field_locs: dict[str, Location] = field(default_factory=dict)

    @property
    def display_title(self) -> str:
        """The title on one line, as contents and lists show it (conventions.join_title_lines)."""
        if "\n" not in self.title:
            return self.title
        from .conventions import join_title_lines
        return join_title_lines(self.title.split("\n"))

    @property
    def contents_title(self) -> str:
        return self.toc_title or self.display_title

    @property
    def signatories(self) -> list[str]:
        """The issuing bodies that sign the document, one each."""
        return [line for line in (self.signature or "").split("\n") if line.strip()]

    @property
    def written_date(self):
        """The 成文日期 taken apart (conventions.WrittenDate: year, month, day, .date), or None."""
        from .conventions import parse_date
        return parse_date(self.date) if self.date else None

    @property
    def has_editor_note(self) -> bool:
        return any(b.text.strip() for b in self.editor_note)

    def location(self, field_name: str) -> Location:
        return self.field_locs.get(field_name) or Location(self.path, 1, 1)


@record(eq=True)
class Column:
    """A column (栏目) of the issue and its articles, in order."""

    name: str
    articles: list[Article] = field(default_factory=list)


@record(eq=True)
class ColophonEntry:
    """A line of the colophon: a role and the names under it."""

    role: str               # 主编 / 编委会 / 咨询电话 …
    names: list[str]


@record(eq=True)
class Profile:
    """An organisation profile in the back matter."""

    name: str
    english_name: str = ""
    paragraphs: list[str] = field(default_factory=list)
    logo: str = ""


@record(eq=True)
class Issue:
    """One issue: its date and numbers, its columns, and its overrides of the template."""

    template_id: str
    date: _dt.date
    number: int                               # 期号, restarts every year
    total_number: int                         # 总期号, never restarts
    columns: list[Column] = field(default_factory=list)
    cover: str | None = None                  # article id of the cover headline
    cover_text: str | None = None
    omit_columns: list[str] = field(default_factory=list)
    # Per-issue overrides of the template; None means "as the template says".
    colophon: list[ColophonEntry] | None = None
    disclaimer: str | None = None
    back_matter: list[Profile] | None = None
    field_locs: dict[str, Location] = field(default_factory=dict)

    @property
    def articles(self) -> list[Article]:
        return [a for c in self.columns for a in c.articles]

    def article(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)

    def column_of(self, article: Article) -> Column | None:
        return next((c for c in self.columns if any(a is article for a in c.articles)), None)

    @property
    def cover_headline(self) -> str:
        if self.cover_text:
            return self.cover_text
        art = self.article(self.cover) if self.cover else None
        return art.title if art else ""

    @property
    def issue_line(self) -> str:
        """2023年7月21日 第29期 总第140期"""
        d = self.date
        return f"{d.year}年{d.month}月{d.day}日 第{self.number}期 总第{self.total_number}期"
