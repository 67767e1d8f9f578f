"""The elements of a composition: the issue as laid out, before any writer sets it.

Every layout decision that does not depend on a format's own measuring (fonts, pagination,
OOXML) is made once, in `compose`, and carried here as data: what heads an article and in
which order, where a title breaks, what stays with what follows, where the QR code sits,
the contents' notes, the editors' grid, the back matter's pictures. Style names refer to
`Template.styles`. Sizes are in points or in ems of the style they belong to.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from ..model import ColophonEntry
from ..records import record
from ..template import Template

LINK_CAPTION = ("扫描二维码", "阅读全文")


@record
class Run:
    """A stretch of a paragraph's text, in another style than the paragraph's where style is set."""

    text: str
    style: str | None = None    # None: the paragraph's own style


@record
class LinkQR:
    """The QR code of an article's link, with its caption."""

    url: str
    caption: tuple[str, str] = LINK_CAPTION


@record
class Paragraph:
    """A paragraph of an article, in one of the template's styles."""

    style: str
    runs: list[Run]
    article_id: str = ""
    block_index: int | None = None   # position in the article body, for jump-to-page
    keep_with_next: bool = False     # on the same page as what follows it
    space_after: float | None = None  # points, where the layout asks for more than the style's
    beside: LinkQR | None = None     # a QR code set to the right of its first lines

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@record
class Title:
    """A title's line structure: the lines the editor gave it (`own`), and for each of them the
    lines it is set in at the print measure, broken between words where it does not fit (`set`).

    `set` is reckoned in ems of the title's size (a CJK character one em, others half, see
    measure) a little short of the measure, since Latin letters and digits are only estimated:
    it is for writers that cannot measure their text (a Word document). A writer that measures
    its fonts and applies its punctuation widths (the PDF) breaks `own` itself with
    writers.titles, the same algorithm; one that reflows (HTML) sets `own` and lets the reader's
    screen break the rest."""

    own: list[str]
    set: list[list[str]]
    measure_em: float = 0.0
    keep_with_next: bool = True      # a title never ends a page

    @property
    def lines(self) -> list[str]:
        return [line for part in self.set for line in part]

    @property
    def text(self) -> str:
        return "".join(self.own)


@record
class ContentsEntry:
    """One article in the contents (and in the cover's guide)."""

    article_id: str
    title: str
    lines: list[str] | None = None   # where it breaks when too long: its title's own lines
    note: str = ""                   # the small line under it: its 文号 and source


@record
class Cover:
    """The cover: masthead, issue line, the cover headline and the guide to the rest."""

    title: str
    tagline: str
    slogan: str
    issue_line: str
    headline: Title              # the cover headline
    headline_article: str | None
    headline_label: str = "本期要闻"
    guide_label: str = "本期导读"
    guide: list[tuple[str, list[ContentsEntry]]] = field(default_factory=list)  # the others, by column
    guide_more: str = "……更多文章见本期要目"     # where the guide does not fit


@record
class ColophonRow:
    """One role of the editors' list and its names as laid out: a grid of short names, `lines`
    of at most the grid's `per_row`, each padded to the cell (程茹 → 程　茹); or, where a name is
    not a short Chinese name (an address, a telephone number), one name a line."""

    role: str
    names: list[str]
    grid: bool
    lines: list[list[str]]


@record
class Colophon:
    """The colophon page: the editorial board and the disclaimer."""

    title: str
    issue_line: str
    entries: list[ColophonEntry]
    disclaimer: str
    rows: list[ColophonRow] = field(default_factory=list)
    role_em: float = 4.0             # the roles' column, in ems of their style, each role spread over it
    cell_em: float = 3.0             # a name's cell, in ems of the names' style
    gap_em: float = 1.5              # between two cells
    per_row: int = 1
    least_leading: float = 0.65      # how far its lines may close up on a small page


@record
class Contents:
    """The contents, grouped by column."""

    heading: str
    groups: list[tuple[str, list[ContentsEntry]]]
    subtitle: str = "CONTENTS"


@record
class ColumnStart:
    """A column (栏目) whose banner opens the article after it."""

    name: str
    index: int


@record
class EditorNote:
    """An article's editor's note (编者按), its label and paragraphs."""

    label: str
    paragraphs: list[str]


@record
class ArticleHead:
    """What opens an article, in the order it is set: the column's banner where the article opens
    a column, the 编者按 above the document, the title, the 文号 and the addressee under it.
    The article's link is set as a QR code beside its opening paragraph (Paragraph.beside), or
    after the text where it has none (LinkQR)."""

    article_id: str
    title: Title
    contents_title: str
    column: str
    column_start: ColumnStart | None = None
    new_page: bool = True
    note: EditorNote | None = None
    doc_number: Paragraph | None = None
    addressee: Paragraph | None = None
    link: str | None = None

    @property
    def first_in_column(self) -> bool:
        return self.column_start is not None


@record
class Table:
    """A table of an article, as rows of cell text."""

    rows: list[list[str]]
    article_id: str = ""


@record
class Image:
    """A picture of an article, with its caption."""

    path: Path
    caption: str
    where: str = ""             # the article file and line that names it, for messages


@record
class ArticleEnd:
    """The end of an article."""

    article_id: str


@record
class BackProfile:
    """An organisation's profile at the back, its logo found."""

    name: str
    english_name: str = ""
    paragraphs: list[str] = field(default_factory=list)
    logo: Path | None = None


@record
class BackMatter:
    """The organisation profiles at the back."""

    profiles: list[BackProfile]
    label: str = "机构简介"


Element = (Cover | Colophon | Contents | ArticleHead | Paragraph | Table | Image | LinkQR | ArticleEnd
           | BackMatter)


@record
class Composition:
    """Everything a writer needs: the elements, document-level facts and the template whose
    styles, colours, fonts and page the elements refer to."""

    elements: list[Element]
    title: str                 # 大数据发展动态
    issue_line: str            # 2023年7月21日 第29期 总第140期
    header: str                # running header text
    subject: str
    author: str
    language: str
    file_stem: str             # 大数据发展动态-2023-第29期
    warnings: list[str] = field(default_factory=list)
    template: Template | None = field(default=None, repr=False)

    def heads(self) -> list[ArticleHead]:
        return [e for e in self.elements if isinstance(e, ArticleHead)]
