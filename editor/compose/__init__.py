"""Issue + template → the composition: the issue as laid out, which every writer only renders.

This is the one place where layout is decided (see elements): the order of what heads an
article, where titles break, what stays together, where QR codes sit, the contents' notes,
the editors' grid. The PDF, DOCX and HTML writers consume the same elements and differ only in
what is truly their format's: fonts and measuring, pagination, markup. A new output format is
one new writer package over these elements (writers.Writer).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..conventions import strip_note_label
from ..model import Article, BlockKind, Issue
from ..paths import resolved
from ..outline import STRUCTURAL, build_outline, split_lead
from ..template import Template
from ..world import World
from .elements import (LINK_CAPTION, ArticleEnd, ArticleHead, BackMatter, BackProfile, Colophon, ColophonRow,
                       ColumnStart, Composition, Contents, ContentsEntry, Cover, EditorNote, Element, Image, LinkQR,
                       Paragraph, Run, Table, Title)
from .front import back_profiles, colophon_layout, contents_groups, guide
from .keeps import mark_keeps
from .measure import ESTIMATE_MARGIN, own_lines, set_lines, style_measure

__all__ = ["LINK_CAPTION", "ArticleEnd", "ArticleHead", "BackMatter", "BackProfile", "Colophon", "ColophonRow",
           "ColumnStart", "Composition", "Contents", "ContentsEntry", "Cover", "EditorNote", "Element", "Image",
           "LinkQR", "Paragraph", "Run", "Table", "Title", "block_style", "column_widths", "compose",
           "closing_paragraphs", "note_paragraphs", "safe_file_stem"]

# The gap under a 文号 and the text after it, points at least: as in a printed document.
DOC_NUMBER_GAP = 10.0


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


HEADING_STYLES = frozenset({"subheading", "heading1", "heading2", "heading3", "heading4"})


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
        return resolved(Path(".") / src)
    return resolved(world.path(PurePosixPath(article.path).parent / src))


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


def title_of(text: str, template: Template, style: str = "title") -> Title:
    """A title's own lines and the lines it is set in at the print measure."""
    own = own_lines(text)
    measure = style_measure(template, style)
    return Title(own, [set_lines(line, measure * ESTIMATE_MARGIN) for line in own], measure)


def compose(issue: Issue, template: Template, world: World | Path | None = None) -> Composition:
    """The issue as a sequence of elements. `world` (or just the issue's folder) is where its
    files are: pictures are found there; without one they are looked for beside the working folder."""
    if not isinstance(world, World):
        world = World(world)
    pub = template.publication
    warnings: list[str] = []
    groups = contents_groups(issue)
    headline = title_of(issue.cover_headline, template, "cover_headline")
    front: list[Element] = [Cover(pub.title, pub.tagline, pub.slogan, issue.issue_line, headline, issue.cover,
                                  guide=guide(groups, issue.cover))]
    colophon = issue.colophon if issue.colophon is not None else template.colophon
    disclaimer = issue.disclaimer if issue.disclaimer is not None else template.disclaimer
    role_em, per_row, rows = colophon_layout(colophon, template)
    front.append(Colophon(pub.title, issue.issue_line, colophon, disclaimer, rows, role_em, per_row=per_row))
    front.append(Contents("本期要目", groups))
    # The articles, first as a flat sequence (what stays together is decided on it), then each
    # article's opening folded into its head.
    flat: list = []
    for ci, column in enumerate(c for c in issue.columns if c.articles):
        for ai, article in enumerate(column.articles):
            flat += _article(article, column.name, ColumnStart(column.name, ci) if ai == 0 else None, world,
                             template)
    mark_keeps(flat)
    elements = front + _fold(flat)
    back = issue.back_matter if issue.back_matter is not None else template.back_matter
    if back:
        elements.append(BackMatter(back_profiles(back, template)))
    header = f"{pub.title}　　{issue.issue_line}"
    return Composition(
        elements=elements, title=pub.title, issue_line=issue.issue_line, header=header,
        subject=f"《{pub.title}》{issue.issue_line}", author=pub.publisher or pub.title,
        language=pub.language, file_stem=safe_file_stem(f"{pub.title}-{issue.date.year}-第{issue.number}期"),
        warnings=warnings, template=template)


def _article(article: Article, column: str, start: ColumnStart | None, world: World, template: Template) -> list:
    """One article as a flat sequence: its head (not yet folded: head, note, 文号, addressee), its
    body with the QR code after the opening paragraph, its closing (附件, 署名, 日期), its source
    line, its end."""
    head = ArticleHead(article.id, title_of(article.title, template), article.contents_title, column, start,
                       link=article.link or None)
    out: list = [head]
    if article.has_editor_note:
        out.append(EditorNote("编者按", note_paragraphs([b.text for b in article.editor_note])))
    if article.doc_number:
        out.append(Paragraph("doc_number", [Run(article.doc_number)], article.id, space_after=max(
            template.styles["doc_number"].space_after, DOC_NUMBER_GAP)))
    if article.addressee:
        out.append(Paragraph("addressee", [Run(article.addressee)], article.id))
    outline = build_outline(article.body)
    link_placed = False
    opening = True            # only headings so far: the QR code still goes beside the text's start
    for index, block in enumerate(article.body):
        if block.kind is BlockKind.TABLE:
            out.append(Table(block.rows or [], article.id))
            opening = False
            continue
        if block.kind is BlockKind.IMAGE:
            where = f"{block.loc.file}:{block.loc.line}" if block.loc else article.path
            out.append(Image(_picture(world, article, block.src), block.text, where))
            opening = False
            continue
        style, runs = block_style(article, index, outline)
        out.append(Paragraph(style, runs, article.id, index))
        if style in HEADING_STYLES:
            continue
        if article.link and not link_placed and opening:
            # The QR code sits beside the opening paragraph, as in the printed bulletin; beside an
            # opening heading it would stand alone with a gap under the heading, so it waits for
            # the first paragraph of text after the headings.
            out.append(LinkQR(article.link))
            link_placed = True
        opening = False
    if article.link and not link_placed:
        out.append(LinkQR(article.link))
    out += closing_paragraphs(article)
    if article.source is not None:
        out.append(Paragraph("source", [Run(article.source.text)], article.id))
    out.append(ArticleEnd(article.id))
    return out


def _fold(flat: list) -> list[Element]:
    """The flat sequence with each article's note, 文号 and addressee in its head, and each QR
    code that follows a paragraph beside it."""
    out: list[Element] = []
    head: ArticleHead | None = None      # the head being filled: nothing else set since it
    previous = None
    for e in flat:
        if isinstance(e, LinkQR) and isinstance(previous, Paragraph) and previous.beside is None:
            previous.beside = e
        elif isinstance(e, ArticleHead):
            head = e
            out.append(e)
        elif head is not None and isinstance(e, EditorNote) and head.note is None and head.doc_number is None \
                and head.addressee is None:
            head.note = e
        elif head is not None and isinstance(e, Paragraph) and e.style == "doc_number" and head.doc_number is None \
                and head.addressee is None:
            head.doc_number = e
        elif head is not None and isinstance(e, Paragraph) and e.style == "addressee" and head.addressee is None:
            head.addressee = e
        else:
            head = None
            out.append(e)
        previous = e
    return out
