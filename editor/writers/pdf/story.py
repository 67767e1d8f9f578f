"""Composition elements → the story: the list of blocks the flow engine sets, template switches included."""

from __future__ import annotations

import re

from ... import compose as C
from ...errors import ExportError
from .flow import Block, NextTemplate, PageBreak
from .flowables import (Anchor, ColumnBand, EditorNoteBox, Rule, SpacedLine, Spacer, TocEntry, qr_side_box,
                             tint)
from .front import ColophonPage, CoverPage
from .kit import Kit
from ..linebreak import Piece
from .paragraph import CJKParagraph

CONTENTS_EN = "CONTENTS"
# A source line, （来源：…） in any of the bracket and colon forms found in copy.
SOURCE = re.compile(r"^[（(]?\s*来源\s*[:：]\s*(.+?)\s*[）)]?$")

# Styles that head what follows: never left alone at the foot of a page.
HEADING_STYLES = {"heading1", "subheading", "doc_number", "addressee", "title"}
TAIL_STYLES = {"source", "signature", "date_line", "attachment", "attachment_item"}
RANK = {"title": -1, "doc_number": -1, "addressee": -1, "subheading": 0,
        "heading1": 1, "heading2": 2, "heading3": 3, "heading4": 4}


def is_heading(e) -> bool:
    """A paragraph that heads what follows (a run-in lead does not: its text follows on the line)."""
    return isinstance(e, C.Paragraph) and (e.style in HEADING_STYLES or (
        e.style.startswith("heading") and not any(r.style for r in e.runs)))


def keep_flags(elements) -> list[bool]:
    """Which paragraphs stay with the next one.

    A heading stays with the text after it and with its first sub-heading, so no
    heading is left alone at the foot of a page. Sibling headings in a run (a list
    of chapter titles) do not hold each other, except the last two before the text:
    keeping the whole run together would push a block to the next page and leave a hole.
    """
    flags = [False] * len(elements)
    after = 0
    for i in range(len(elements) - 1, -1, -1):
        e = elements[i]
        if is_heading(e):
            nxt = elements[i + 1] if i + 1 < len(elements) else None
            parent = is_heading(nxt) and RANK.get(e.style, 5) < RANK.get(nxt.style, 5)
            flags[i] = after <= 1 or parent
            after += 1
        else:
            after = 0
    # the closing lines of a document (署名, 日期, 来源) stay with the text they close
    for i in range(len(elements) - 1):
        nxt = elements[i + 1]
        if isinstance(elements[i], C.Paragraph) and isinstance(nxt, C.Paragraph) and nxt.style in TAIL_STYLES:
            flags[i] = True
    return flags


def article_key(article_id: str) -> str:
    return f"art-{article_id}"


def column_key(index: int) -> str:
    return f"col-{index}"


class StoryBuilder:
    """Builds the story once; `numbers` (article id → printed page) is read when the contents are drawn."""

    def __init__(self, kit: Kit, comp: C.Composition, page_size: tuple[float, float],
                 margins: tuple[float, float, float, float], text_width: float, text_height: float,
                 numbers: dict[str, int]):
        self.kit, self.comp = kit, comp
        self.page_size, self.margins = page_size, margins
        self.text_width, self.text_height = text_width, text_height
        self.numbers = numbers

    def build(self) -> list[Block]:
        story: list[Block] = []
        elements = self.comp.elements
        keep = keep_flags(elements)
        in_body = False
        i = 0
        while i < len(elements):
            e = elements[i]
            nxt = elements[i + 1] if i + 1 < len(elements) else None
            if isinstance(e, C.Cover):
                story += [CoverPage(self.kit, e, self.comp.author, self.page_size, self.margins,
                                    self.teasers(e)),
                          NextTemplate("front"), PageBreak()]
            elif isinstance(e, C.Colophon):
                story += [ColophonPage(self.kit, e), PageBreak()]
            elif isinstance(e, C.Contents):
                story += self.contents(e)
            elif isinstance(e, C.ColumnStart):
                if not in_body:
                    story.append(NextTemplate("body"))
                    in_body = True
                story += [PageBreak(), Anchor(column_key(e.index), e.name, 0), ColumnBand(self.kit, e.name)]
            elif isinstance(e, C.ArticleStart):
                if not in_body:
                    story.append(NextTemplate("body"))
                    in_body = True
                if not e.first_in_column:
                    story.append(PageBreak())
                story.append(Anchor(article_key(e.article_id), e.contents_title, 1))
                if isinstance(nxt, C.EditorNote):
                    # As in the printed bulletin: the editors' note first, then the document
                    # itself, its title with the 文号 and addressee directly under it.
                    story.append(self.editor_note(nxt))
                    i += 1
                story.append(self.title(e))
            elif isinstance(e, C.EditorNote):
                story.append(self.editor_note(e))
            elif isinstance(e, C.Paragraph):
                if isinstance(nxt, C.LinkQR):
                    story.append(self.paragraph(e, keep[i], side=nxt))
                    i += 1
                else:
                    story.append(self.paragraph(e, keep[i]))
            elif isinstance(e, C.LinkQR):
                story.append(self.paragraph(C.Paragraph("body", [C.Run("")]), False, side=e))
            elif isinstance(e, C.Table):
                if e.rows:
                    from .media import TableBlock    # loaded only for issues with tables

                    story.append(TableBlock(self.kit, e.rows))
            elif isinstance(e, C.Image):
                story += self.image(e)
            elif isinstance(e, C.BackMatter):
                story += [NextTemplate("back"), PageBreak()] + self.back_matter(e)
            i += 1
        return story

    # ------------------------------------------------------------ front matter

    def teasers(self, cover: C.Cover) -> list[tuple[str, list[tuple[str, str, str | None]]]]:
        """The issue's articles by column for the cover, without the one its headline announces."""
        contents = next((e for e in self.comp.elements if isinstance(e, C.Contents)), None)
        if contents is None:
            return []
        lines = {a.article_id: a.title_lines for a in self.comp.elements if isinstance(a, C.ArticleStart)}

        def preferred(x: C.ContentsEntry) -> str | None:
            # the article's own line break, where its contents title is its lines joined
            own = [ln.strip() for ln in lines.get(x.article_id, []) if ln.strip()]
            same = "".join(own).replace(" ", "") == x.title.replace(" ", "")
            return "\n".join(own) if len(own) > 1 and same else None

        groups = [(name, [(x.article_id, x.title, preferred(x)) for x in entries
                          if x.article_id != cover.headline_article])
                  for name, entries in contents.groups]
        return [(name, entries) for name, entries in groups if entries]

    def contents(self, e: C.Contents) -> list[Block]:
        kit = self.kit
        out: list[Block] = [
            Anchor("contents", e.heading, 0),
            CJKParagraph(kit, [kit.piece(e.heading, "toc_heading")], "toc_heading", space_after=0),
            SpacedLine(kit, Piece(CONTENTS_EN, kit.font(kit.style("toc_heading").font), 9, False, "primary"),
                       4.5, space_after=8),
            CJKParagraph(kit, [kit.piece(self.comp.issue_line, "issue_line")], "issue_line", space_after=6),
            Rule(kit.color("primary"), 1.4, space_after=1.6),
            Rule(kit.color("primary"), 0.5, space_after=kit.style("toc_heading").space_after),
        ]
        title_lines = {a.article_id: a.title_lines for a in self.comp.elements if isinstance(a, C.ArticleStart)}
        notes = self.contents_notes()
        for name, entries in e.groups:
            out.append(ColumnBand(kit, name, "toc_column"))
            for entry in entries:
                out.append(TocEntry(kit, entry.title, entry.article_id, article_key(entry.article_id), self.numbers,
                                    title_lines.get(entry.article_id), notes.get(entry.article_id, ""), name))
        entries = [b for b in out if isinstance(b, TocEntry)]
        if len(entries) > 2:
            entries[-2].keep_with_next = True     # a contents running over never leaves one entry alone
        return out

    def contents_notes(self) -> dict[str, str]:
        """article id → the small line under its contents entry: 文号 and source."""
        parts: dict[str, list[str]] = {}
        for e in self.comp.elements:
            if isinstance(e, C.Paragraph) and e.style == "doc_number":
                parts.setdefault(e.article_id, []).append(e.text.strip())
            elif isinstance(e, C.Paragraph) and e.style == "source":
                m = SOURCE.match(e.text.strip())
                if m:
                    parts.setdefault(e.article_id, []).append(f"来源：{m.group(1).strip()}")
        return {k: "　".join(v) for k, v in parts.items()}

    # ------------------------------------------------------------ articles

    def title(self, e: C.ArticleStart) -> Block:
        kit = self.kit
        text = "\n".join(line.strip() for line in e.title_lines if line.strip())
        return CJKParagraph(kit, [kit.piece(text, "title")], "title", balanced=True, keep_with_next=True,
                            splittable=False)

    def editor_note(self, e: C.EditorNote) -> Block:
        kit = self.kit
        paras = [CJKParagraph(kit, [kit.piece(t, "editor_note")], "editor_note") for t in e.paragraphs]
        return EditorNoteBox(kit, e.label, paras)

    def paragraph(self, e: C.Paragraph, keep: bool, side: C.LinkQR | None = None) -> Block:
        kit = self.kit
        box = qr_side_box(kit, side.url, side.caption) if side is not None else None
        space_after = None
        if e.style == "doc_number":
            # a clear gap between the 文号 and the text, as in a printed document
            space_after = max(kit.style("doc_number").space_after, 10.0)
        return CJKParagraph(kit, kit.pieces(e.runs, e.style), e.style, keep_with_next=keep, side=box,
                            space_after=space_after)

    def image(self, e: C.Image) -> list[Block]:
        from .media import ImageBlock

        try:
            img = ImageBlock(e.path, self.page_size[1] * 0.45)
        except ExportError as exc:
            raise ExportError(f"{e.where}: {exc}" if e.where else str(exc)) from None
        if not e.caption:
            img.keep_with_next = False
            return [img, Spacer(6)]
        return [img, CJKParagraph(self.kit, [self.kit.piece(e.caption, "link_caption")], "link_caption",
                                  align="center", first_indent=0, space_before=3, space_after=8)]

    # ------------------------------------------------------------ back matter

    def back_matter(self, e: C.BackMatter) -> list[Block]:
        kit = self.kit
        out: list[Block] = [Anchor("back", "机构简介", 0)]
        for n, profile in enumerate(e.profiles):
            if n:
                out.append(Rule(tint(kit.color("primary"), 0.5), 0.6, space_before=10, space_after=14,
                                width_fraction=0.3))
            if profile.logo:
                from .media import ImageBlock

                logo = (kit.template.folder / profile.logo)
                img = ImageBlock(logo, 48.0)
                img.space_before = 0
                out.append(img)
            out.append(CJKParagraph(kit, [kit.piece(profile.name, "back_title")], "back_title",
                                    keep_with_next=True, space_after=2))
            if profile.english_name:
                out.append(CJKParagraph(kit, [kit.piece(profile.english_name, "back_subtitle")],
                                        "back_subtitle", keep_with_next=True))
            for text in profile.paragraphs:
                out.append(CJKParagraph(kit, [kit.piece(text, "back_body")], "back_body"))
        return out
