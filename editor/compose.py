"""Issue + template → the sequence of elements every writer sets.

This is the one tokenizer of the build: the PDF and DOCX writers consume the
same elements and differ only in how they set them. Style names refer to
`Template.styles`. A new output format is one new writer over these elements.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path, PurePosixPath

from .conventions import strip_note_label
from .model import Article, BlockKind, ColophonEntry, Issue, Profile
from .outline import STRUCTURAL, build_outline, split_lead
from .records import record
from .template import Template
from .world import World

LINK_CAPTION = ("扫描二维码", "阅读全文")


@record
class Run:
    """A stretch of a paragraph's text, in another style than the paragraph's where style is set."""

    text: str
    style: str | None = None    # None: the paragraph's own style


@record
class Paragraph:
    """A paragraph of an article, in one of the template's styles."""

    style: str
    runs: list[Run]
    article_id: str = ""
    block_index: int | None = None   # position in the article body, for jump-to-page

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@record
class Cover:
    """The cover: masthead, issue line and the cover headline."""

    title: str
    tagline: str
    slogan: str
    issue_line: str
    headline: list[str]          # lines of the cover headline
    headline_article: str | None


@record
class Colophon:
    """The colophon page: the editorial board and the disclaimer."""

    title: str
    issue_line: str
    entries: list[ColophonEntry]
    disclaimer: str


@record
class ContentsEntry:
    """One article in the contents."""

    article_id: str
    title: str


@record
class Contents:
    """The contents, grouped by column."""

    heading: str
    groups: list[tuple[str, list[ContentsEntry]]]


@record
class ColumnStart:
    """The start of a column (栏目), with its banner."""

    name: str
    index: int


@record
class ArticleStart:
    """The start of an article: its title as set, and how the contents name it."""

    article_id: str
    title_lines: list[str]
    contents_title: str
    column: str
    first_in_column: bool


@record
class EditorNote:
    """An article's editor's note (编者按), its label and paragraphs."""

    label: str
    paragraphs: list[str]


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
class LinkQR:
    """The QR code of an article's link, with its caption."""

    url: str
    caption: tuple[str, str] = LINK_CAPTION


@record
class ArticleEnd:
    """The end of an article."""

    article_id: str


@record
class BackMatter:
    """The organisation profiles at the back."""

    profiles: list[Profile]


Element = (Cover | Colophon | Contents | ColumnStart | ArticleStart | EditorNote | Paragraph | Table
           | Image | LinkQR | ArticleEnd | BackMatter)


@record
class Composition:
    """Everything a writer needs: the elements plus document-level facts."""

    elements: list[Element]
    title: str                 # 大数据发展动态
    issue_line: str            # 2023年7月21日 第29期 总第140期
    header: str                # running header text
    subject: str
    author: str
    language: str
    file_stem: str             # 大数据发展动态-2023-第29期
    warnings: list[str] = field(default_factory=list)


def column_widths(natural: list[float], total: float, least: float) -> list[float]:
    """Share `total` among table columns that would like `natural` widths (their longest cell on one line).

    As a typesetter does: a narrow column (序号, a date) gets all it needs, the wide ones share
    what is left in proportion to their text; none is narrower than `least` (about two characters).
    """
    n = len(natural)
    if not n:
        return []
    least = min(least, total / n)
    want = [max(w, least) for w in natural]
    if sum(want) <= total:
        extra = (total - sum(want)) / n
        return [w + extra for w in want]
    fixed: dict[int, float] = {}
    while len(fixed) < n:
        free = [i for i in range(n) if i not in fixed]
        fair = (total - sum(fixed.values())) / len(free)
        narrow = [i for i in free if want[i] <= fair]
        if not narrow:
            break
        fixed.update((i, want[i]) for i in narrow)
    room = total - sum(fixed.values())
    wide = sum(w for i, w in enumerate(want) if i not in fixed)
    return [fixed[i] if i in fixed else room * want[i] / wide for i in range(n)]


def block_style(article: Article, index: int, outline) -> tuple[str, list[Run]]:
    """Paragraph style and runs of body block `index`, by kind and numbering level."""
    block = article.body[index]
    kind = block.kind
    if kind is BlockKind.SUBHEADING:
        return "subheading", [Run(block.text)]
    if kind is BlockKind.LIST_ITEM:
        return "list_item", [Run("• " + block.text)]
    if kind in (BlockKind.SIGNATURE, BlockKind.DATE_LINE, BlockKind.ATTACHMENT):
        return kind.value, [Run(block.text)]
    if kind is BlockKind.SOURCE:
        return "source", [Run(block.text)]
    node = outline.get(index)
    if node is None:
        return "body", [Run(block.text)]
    family = node.marker.family
    if family in STRUCTURAL and family != "article":
        return "subheading", [Run(block.text)]
    heading_style = "heading1" if family == "article" else f"heading{min(max(node.level, 1), 4)}"
    if kind is BlockKind.HEADING:
        return heading_style, [Run(block.text)]
    lead, rest = split_lead(block)
    return "body", [Run(lead, heading_style), Run(rest)]


def safe_file_stem(name: str) -> str:
    """`name` usable as a file name on Windows, macOS and Linux: characters a file name cannot hold
    (/ \\ : * ? " < > | and control characters) become their full-width forms or go."""
    wide = {"/": "／", "\\": "＼", ":": "：", "*": "＊", "?": "？", '"': "＂", "<": "＜", ">": "＞", "|": "｜"}
    out = "".join(wide.get(ch, ch) for ch in name if ch >= " ")
    return out.strip(" .") or "bulletin"


def note_paragraphs(texts: list[str]) -> list[str]:
    """The 编者按's paragraphs without a label the editor typed into the first one (编者按：近日……)."""
    paras = [t for t in texts if t.strip()]
    if paras:
        paras[0] = strip_note_label(paras[0])
        if not paras[0].strip():
            paras.pop(0)
    return paras


def _picture(world: World, article, src: str) -> Path:
    """Where a picture of an article is on disk: its path is relative to the article's file."""
    if world.folder is None or not article.path:
        return (Path(".") / src).resolve()
    return world.path(PurePosixPath(article.path).parent / src).resolve()


def closing_paragraphs(article: Article) -> list[Paragraph]:
    """附件说明, 发文机关署名, 成文日期 and 附注 after the body, as GB/T 9704 sets them: the attachments
    listed under “附件：” (later items aligned with the first one's number), then the issuing bodies
    and the date under them, right-aligned. A closing the body already shows in its place (a
    forwarding notice signed before the text it forwards) is not set twice."""
    out = []
    names = [a for a in article.attachments if a.strip()]
    for k, name in enumerate(names):
        number = f"{k + 1}." if len(names) > 1 else ""
        out.append(Paragraph("attachment", [Run("附件：" + number + name)], article.id) if k == 0 else
                   Paragraph("attachment_item", [Run(number + name)], article.id))
    shown = {b.text.strip() for b in article.body if b.kind in (BlockKind.SIGNATURE, BlockKind.DATE_LINE)}
    if not (article.date and article.date.strip() in shown):
        out += [Paragraph("signature", [Run(name)], article.id) for name in article.signatories]
        if article.date:
            out.append(Paragraph("date_line", [Run(article.date)], article.id))
        if article.remark:
            out.append(Paragraph("body", [Run(article.remark)], article.id))
    return out


def compose(issue: Issue, template: Template, world: World | Path | None = None) -> Composition:
    """The issue as a sequence of elements. `world` (or just the issue's folder) is where its
    files are: pictures are found there; without one they are looked for beside the working folder."""
    if not isinstance(world, World):
        world = World(world)
    pub = template.publication
    elements: list[Element] = []
    warnings: list[str] = []
    headline = issue.cover_headline
    elements.append(Cover(pub.title, pub.tagline, pub.slogan, issue.issue_line,
                          [line for line in headline.split("\n") if line], issue.cover))
    colophon = issue.colophon if issue.colophon is not None else template.colophon
    disclaimer = issue.disclaimer if issue.disclaimer is not None else template.disclaimer
    elements.append(Colophon(pub.title, issue.issue_line, colophon, disclaimer))
    groups = [(c.name, [ContentsEntry(a.id, a.contents_title) for a in c.articles])
              for c in issue.columns if c.articles]
    elements.append(Contents("本期要目", groups))
    for ci, column in enumerate(c for c in issue.columns if c.articles):
        elements.append(ColumnStart(column.name, ci))
        for ai, article in enumerate(column.articles):
            elements.append(ArticleStart(article.id, article.title.split("\n"), article.contents_title,
                                         column.name, ai == 0))
            if article.has_editor_note:
                elements.append(EditorNote("编者按", note_paragraphs([b.text for b in article.editor_note])))
            if article.doc_number:
                elements.append(Paragraph("doc_number", [Run(article.doc_number)], article.id))
            if article.addressee:
                elements.append(Paragraph("addressee", [Run(article.addressee)], article.id))
            outline = build_outline(article.body)
            link_placed = False
            for index, block in enumerate(article.body):
                if block.kind is BlockKind.TABLE:
                    elements.append(Table(block.rows or [], article.id))
                    continue
                if block.kind is BlockKind.IMAGE:
                    where = f"{block.loc.file}:{block.loc.line}" if block.loc else article.path
                    elements.append(Image(_picture(world, article, block.src), block.text, where))
                    continue
                style, runs = block_style(article, index, outline)
                elements.append(Paragraph(style, runs, article.id, index))
                if article.link and not link_placed and index == 0:
                    # The QR code sits beside the opening paragraph, as in the printed bulletin.
                    elements.append(LinkQR(article.link))
                    link_placed = True
            if article.link and not link_placed:
                elements.append(LinkQR(article.link))
            elements.extend(closing_paragraphs(article))
            if article.source is not None:
                elements.append(Paragraph("source", [Run(article.source.text)], article.id))
            elements.append(ArticleEnd(article.id))
    back = issue.back_matter if issue.back_matter is not None else template.back_matter
    if back:
        elements.append(BackMatter(back))
    header = f"{pub.title}　　{issue.issue_line}"
    return Composition(
        elements=elements, title=pub.title, issue_line=issue.issue_line, header=header,
        subject=f"《{pub.title}》{issue.issue_line}", author=pub.publisher or pub.title,
        language=pub.language, file_stem=safe_file_stem(f"{pub.title}-{issue.date.year}-第{issue.number}期"),
        warnings=warnings)
