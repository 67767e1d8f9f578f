"""The year volume as one PDF: the volume's cover and yearly contents, then every issue as it is set
on its own (cover, editors, contents, articles), the organisation profiles once at the end.

The volume (editor/archive/volume.py) is a sequence of compositions; each is turned into its
story by the issue's own StoryBuilder, so an issue looks in the volume exactly as it does alone.
What the volume adds is done with page templates: every issue has its own set (Pages.templates
with a suffix), whose running head names that issue and whose cover restarts the numbering
when the template's [volume] numbering is "issue". Anchors other than the articles' (which the
volume made unique) get the issue's suffix, and the outline gets a level per issue:
issue › column › article.

Numbered through the volume, an issue's cover and front pages count (unprinted) as they do in the
Word document, where a section continuing the numbering counts every page: the two agree.

As for an issue, the book is set twice: the first pass learns on which printed page every
article starts, the second draws and prints those numbers in the yearly contents and in each
issue's own contents (numbering starts at the first article page, so the contents' length
cannot move them).
"""

from __future__ import annotations

import os

from ... import __version__ as _version
from ...compose import Composition
from .. import Progress, WriterReport
from . import TypesetResult, _check_images, paginate, placed_articles
from .document import Canvas
from .flow import NextTemplate, PageBreak
from .flowables import Anchor
from .kit import Kit, collect_text, load_fonts
from .pages import Pages
from .story import StoryBuilder


def _issue_story(kit: Kit, comp: Composition, geometry, numbers: dict[str, int], suffix: str, label: str):
    """An issue's story as the volume sets it: its templates and non-article anchors suffixed, its
    outline one level down under an entry naming the issue."""
    story = StoryBuilder(kit, comp, *geometry, numbers).build()
    for block in story:
        if isinstance(block, NextTemplate):
            block.name += suffix
        elif isinstance(block, Anchor):
            if not block.key.startswith("art-"):
                block.key += suffix
            block.level += 1
    return [NextTemplate("cover" + suffix), PageBreak(), Anchor("issue" + suffix, label, 0), *story]


def typeset_volume(volume, path: str | os.PathLike, progress: Progress | None = None) -> TypesetResult:
    """Set `volume` (editor.archive.volume.Volume) into the PDF at `path`."""
    def step(fraction: float, text: str) -> None:
        if progress:
            progress(fraction, text)

    template = volume.template
    comps = volume.compositions()
    for comp in comps:
        _check_images(comp)
    step(0.0, "准备字体")
    text = "".join(collect_text(c) for c in comps) + (collect_text(_back(volume)) if volume.back else "")
    kit = Kit(template, load_fonts(template, text, progress))
    kit.record_lines = False                 # some 60,000 lines: the PDF itself is what is read back
    page = template.page
    pages = Pages(kit, volume.front.header, page.size_mm,
                  (page.margin_top, page.margin_bottom, page.margin_left, page.margin_right))
    geometry = ((pages.width, pages.height), (pages.top, pages.right, pages.bottom, pages.left), pages.text_width,
                pages.text_height)
    numbers: dict[str, int] = {}
    step(0.1, "准备合订本各期")
    story = StoryBuilder(kit, volume.front, *geometry, numbers).build()
    templates = pages.templates()
    restart = volume.numbering == "issue"
    for k, vi in enumerate(volume.issues):
        suffix = f"@{k + 1}"
        story += _issue_story(kit, vi.composition, geometry, numbers, suffix, vi.label)
        templates += pages.templates(suffix, vi.header, restart=restart, counted=not restart)
    if volume.back is not None:
        story += StoryBuilder(kit, _back(volume), *geometry, numbers).build()
    article_ids = [h.article_id for vi in volume.issues for h in vi.composition.heads()]
    count, flow, starts, passes = paginate(story, templates, article_ids, kit, pages, numbers,
                                           lambda: _canvas(path, volume, pages), step, (0.15, 0.4), "生成合订本 PDF 失败")
    article_pages = placed_articles(kit, flow, starts, article_ids, "合订本", shown=5)
    step(0.98, "完成")
    report = WriterReport(page_count=count, article_pages=article_pages, warnings=volume.warnings + kit.warnings)
    return TypesetResult(report, [], dict(pages.footers), dict(pages.kinds), dict(starts), dict(numbers), passes,
                         dict(flow.anchors))


def write_volume_pdf(volume, path: str | os.PathLike, progress: Progress | None = None) -> WriterReport:
    return typeset_volume(volume, path, progress).report


def _back(volume) -> Composition:
    front = volume.front
    return Composition([volume.back], front.title, front.issue_line, front.header, front.subject, front.author,
                       front.language, front.file_stem, template=volume.template)


def _canvas(path, volume, pages: Pages) -> Canvas:
    front = volume.front
    canv = Canvas(str(path), pagesize=(pages.width, pages.height), lang=front.language or "zh-CN",
                  pdfa=volume.template.pdf.pdfa)
    canv.setTitle(f"{front.title} {volume.year}年合订本")
    canv.setAuthor(front.author)
    canv.setSubject(front.subject)
    canv.setCreator(f"简报编排器 bulletin {_version}")
    canv.setKeywords([front.title, f"{volume.year}年合订本"])
    canv.setViewerPreference("DisplayDocTitle", "true")
    canv.showOutline()
    return canv


__all__ = ["typeset_volume", "write_volume_pdf"]
