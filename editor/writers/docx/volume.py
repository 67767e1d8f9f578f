"""The year volume as one Word document: the volume's cover and yearly contents, then every issue as
its own DOCX sets it, the organisation profiles once at the end.

The issues are written by DocxWriter, one composition after another, through its volume hooks:
each issue's article pages are a section headed with that issue's line, its cover and front
matter sections of their own (no running head), page numbers going on through the volume or
starting again in each issue (the template's [volume] numbering; through the volume, an issue's
cover and front pages take numbers too, unprinted, as in the PDF). Contents are not TOC fields
here: Word rebuilds every TOC field of a document from all its headings when it updates them,
so each issue's 本期要目 would list the whole year. They are hyperlinked entries whose numbers
are PAGEREF fields, which Word brings up to date on open as it does a TOC's.
"""

from __future__ import annotations

from pathlib import Path

from ...compose import Composition
from ...paths import atomic_write
from .. import Progress, WriterReport
from . import DocxWriter


class VolumeDocxWriter(DocxWriter):
    """DocxWriter over a volume: the compositions in turn, each with its running head and bookmarks."""

    def __init__(self, volume, progress: Progress | None):
        parts = volume.compositions()
        if volume.back is not None:
            parts.append(Composition([volume.back], *_facts(volume.front), template=volume.template))
        front = volume.front
        flat = Composition([e for part in parts for e in part.elements], *_facts(front), template=volume.template)
        super().__init__(flat, volume.template, progress)
        self.volume, self.parts = volume, parts
        self.contents_field = False

    def _elements(self) -> None:
        # The bookmarks DocxWriter made for the whole (build()) name articles, unique in a volume; a
        # column's ("column:0") is each issue's own, so each issue gets its own for its columns.
        articles = {k: v for k, v in self.bookmarks.items() if not k.startswith("column:")}
        numbering_per_issue = self.volume.numbering == "issue"
        whole = self.comp
        for n, part in enumerate(self.parts):
            columns = {f"column:{h.column_start.index}": f"_Toc_col{self._next_id():03d}"
                       for h in part.heads() if h.column_start is not None}
            self.bookmarks = {**articles, **columns}
            self.header = part.header
            self.contents_bookmark = f"_Toc_contents{n}"      # each contents its own: the cover's guide links to it
            # part 0 is the volume's front; through the volume, later issues' covers and front pages
            # count on (Word counts every page of a section that continues the numbering)
            self.restart_numbering = n <= 1 or numbering_per_issue
            self.comp = part
            super()._elements()
        self.comp = whole


def _facts(comp: Composition) -> tuple:
    return (comp.title, comp.issue_line, comp.header, comp.subject, comp.author, comp.language, comp.file_stem)


def write_volume_docx(volume, path: Path, progress: Progress | None = None) -> WriterReport:
    writer = VolumeDocxWriter(volume, progress)
    data = writer.build()
    atomic_write(path, data)
    return WriterReport(page_count=None, warnings=volume.warnings + writer.warnings)
