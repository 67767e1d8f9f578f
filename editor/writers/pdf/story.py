"""Composition elements → the story: the list of blocks the flow engine sets, template switches included."""

from __future__ import annotations

from ... import compose as C
from ...errors import ExportError
from .flow import Block, NextTemplate, PageBreak
from .flowables import (Anchor, ColumnBand, EditorNoteBox, Rule, SpacedLine, Spacer, TocEntry, qr_side_box,
                             tint)
from .front import ColophonPage, CoverPage
from .kit import Kit
from ..linebreak import Piece
from .paragraph import CJKParagraph


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
        in_body = False
        for e in self.comp.elements:
            if isinstance(e, C.Cover):
                story += [CoverPage(self.kit, e, self.comp.author, self.page_size, self.margins,
                                    self.teasers(e)),
                          NextTemplate("front"), PageBreak()]
            elif isinstance(e, C.Colophon):
                story += [ColophonPage(self.kit, e), PageBreak()]
            elif isinstance(e, C.Contents):
                story += self.contents(e)
            elif isinstance(e, C.ArticleHead):
                if not in_body:
                    story.append(NextTemplate("body"))
                    in_body = True
                story += self.head(e)
            elif isinstance(e, C.Paragraph):
                story.append(self.paragraph(e))
            elif isinstance(e, C.LinkQR):
                story.append(self.paragraph(C.Paragraph("body", [C.Run("")], beside=e)))
            elif isinstance(e, C.Table):
                if e.rows:
                    from .media import TableBlock    # loaded only for issues with tables

                    story.append(TableBlock(self.kit, e.rows))
            elif isinstance(e, C.Image):
                story += self.image(e)
            elif isinstance(e, C.BackMatter):
                story += [NextTemplate("back"), PageBreak()] + self.back_matter(e)
        return story

    # ------------------------------------------------------------ front matter

    def teasers(self, cover: C.Cover) -> list[tuple[str, list[tuple[str, str, str | None]]]]:
        """The cover's guide as CoverPage takes it: (column, [(article id, title, its own lines)])."""
        return [(name, [(x.article_id, x.title, "\n".join(x.lines) if x.lines else None) for x in entries])
                for name, entries in cover.guide]

    def contents(self, e: C.Contents) -> list[Block]:
        kit = self.kit
        out: list[Block] = [
            Anchor("contents", e.heading, 0),
            CJKParagraph(kit, [kit.piece(e.heading, "toc_heading")], "toc_heading", space_after=0),
            SpacedLine(kit, Piece(e.subtitle, kit.font(kit.style("toc_heading").font), 9, False, "primary"),
                       4.5, space_after=8),
            CJKParagraph(kit, [kit.piece(self.comp.issue_line, "issue_line")], "issue_line", space_after=6),
            Rule(kit.color("primary"), 1.4, space_after=1.6),
            Rule(kit.color("primary"), 0.5, space_after=kit.style("toc_heading").space_after),
        ]
        for name, entries in e.groups:
            out.append(ColumnBand(kit, name, "toc_column"))
            for entry in entries:
                out.append(TocEntry(kit, entry.title, entry.article_id, article_key(entry.article_id), self.numbers,
                                    entry.lines, entry.note, name))
        entries = [b for b in out if isinstance(b, TocEntry)]
        if len(entries) > 2:
            entries[-2].keep_with_next = True     # a contents running over never leaves one entry alone
        return out

    # ------------------------------------------------------------ articles

    def head(self, e: C.ArticleHead) -> list[Block]:
        """The article's opening, in the composition's order: the column's band, the 编者按, the title,
        the 文号 and the addressee."""
        out: list[Block] = []
        if e.column_start is not None:
            out += [PageBreak(), Anchor(column_key(e.column_start.index), e.column_start.name, 0),
                    ColumnBand(self.kit, e.column_start.name)]
        elif e.new_page:
            out.append(PageBreak())
        out.append(Anchor(article_key(e.article_id), e.contents_title, 1))
        if e.note is not None:
            note = self.editor_note(e.note)
            note.keep_with_next = True          # never a 编者按 at a page foot with its title overleaf
            out.append(note)
        out.append(self.title(e.title))
        out += [self.paragraph(p) for p in (e.doc_number, e.addressee) if p is not None]
        return out

    def title(self, title: C.Title) -> Block:
        kit = self.kit
        # the editor's lines, each broken (where too long) by measuring the fonts
        return CJKParagraph(kit, [kit.piece("\n".join(title.own), "title")], "title", balanced=True,
                            keep_with_next=title.keep_with_next, splittable=False)

    def editor_note(self, e: C.EditorNote) -> Block:
        kit = self.kit
        paras = [CJKParagraph(kit, [kit.piece(t, "editor_note")], "editor_note") for t in e.paragraphs]
        return EditorNoteBox(kit, e.label, paras)

    def paragraph(self, e: C.Paragraph) -> Block:
        kit = self.kit
        box = qr_side_box(kit, e.beside.url, e.beside.caption) if e.beside is not None else None
        return CJKParagraph(kit, kit.pieces(e.runs, e.style), e.style, keep_with_next=e.keep_with_next, side=box,
                            space_after=e.space_after)

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
        out: list[Block] = [Anchor("back", e.label, 0)]
        for n, profile in enumerate(e.profiles):
            if n:
                out.append(Rule(tint(kit.color("primary"), 0.5), 0.6, space_before=10, space_after=14,
                                width_fraction=0.3))
            if profile.logo:
                from .media import ImageBlock

                img = ImageBlock(profile.logo, 48.0)
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
