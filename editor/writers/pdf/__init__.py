"""PDF writer: a Composition set as a typeset periodical, written by this package (document.py).

`write_pdf(comp, template, path, progress)` is the entry point the build calls.
`typeset(...)` does the same and also returns what tests and checks inspect:
every line set, the number each page's footer prints, where each article starts.

The contents page needs the pages on which articles start, which are known only
after setting them, so the issue is set in two passes. The first only paginates
(no canvas, no drawing) and learns the start pages; the second paginates again,
draws, and prints those numbers in the contents. The two are compared: the page
on which each article starts in the second pass must carry the number the
contents print, or a third pass is made (page numbers start at 1 on the first
article page, see pages, so the contents' own length cannot move them).
Line breaking is done once: paragraphs keep their lines between the passes.

WriterReport.article_pages holds, per article, its first page as a physical page
of the file (1-based; what a viewer jumps to). The printed number of that page
is in TypesetResult.printed_starts.
"""

from __future__ import annotations

import os

from ... import __version__ as _version
from ...compose import ArticleHead, Composition, Image
from ...errors import BulletinError, ExportError
from ...template import Template
from .. import Progress, Target, Writer, WriterReport
from .document import Canvas
from .fitting import fit_article_tails
from .flow import Flow, PageTemplate
from .kit import Kit, LineRecord, collect_text, load_fonts
from .pages import Pages
from .story import StoryBuilder, article_key

MAX_PASSES = 3


class TypesetResult:
    """What an export produced, for tests and checks:

    report            the WriterReport the build sees
    lines             every line of the final pass, in drawing order (LineRecord)
    footers           physical page → printed page number
    kinds             physical page → cover / front / body / back
    printed_starts    article id → printed number of its first page
    contents_numbers  article id → number printed in the contents
    passes            how many passes were made
    anchors           anchor key → physical page
    """

    def __init__(self, report: WriterReport, lines: list[LineRecord], footers: dict[int, int],
                 kinds: dict[int, str], printed_starts: dict[str, int], contents_numbers: dict[str, int],
                 passes: int = 2, anchors: dict[str, int] | None = None):
        self.report, self.lines, self.footers, self.kinds = report, lines, footers, kinds
        self.printed_starts, self.contents_numbers = printed_starts, contents_numbers
        self.passes, self.anchors = passes, anchors or {}


class PdfFormat(Writer):
    """The PDF: the composition typeset and written by this package."""

    format = "pdf"

    def render(self, composition: Composition, target: Target) -> WriterReport:
        return write_pdf(composition, composition.template, target.path, target.progress)


def write_pdf(comp: Composition, template: Template, path: str | os.PathLike,
              progress: Progress | None = None, pdfa: bool | None = None) -> WriterReport:
    return typeset(comp, template, path, progress, pdfa).report


def typeset(comp: Composition, template: Template, path: str | os.PathLike,
            progress: Progress | None = None, pdfa: bool | None = None) -> TypesetResult:
    """Set the issue into `path`; `pdfa` (default: the template's [pdf] pdfa) makes it PDF/A-2b."""
    if pdfa is None:
        pdfa = template.pdf.pdfa
    def step(fraction: float, text: str) -> None:
        if progress:
            progress(fraction, text)

    _check_images(comp)
    step(0.0, "准备字体")
    kit = Kit(template, load_fonts(template, collect_text(comp), progress))
    return _typeset(comp, template, path, kit, step, pdfa)


def _check_images(comp: Composition) -> None:
    """Every image exists before any time goes into fonts or layout."""
    missing = [f"{e.where}: " * bool(e.where) + f"找不到图片“{e.path}”"
               for e in comp.elements if isinstance(e, Image) and not os.path.lexists(e.path)]
    if missing:
        raise ExportError("\n".join(missing) + "\n请检查文章中的图片路径，或把图片放到该位置")


def _typeset(comp: Composition, template: Template, path, kit: Kit, step, pdfa: bool) -> TypesetResult:
    page = template.page
    pages = Pages(kit, comp.header, page.size_mm,
                  (page.margin_top, page.margin_bottom, page.margin_left, page.margin_right))
    numbers: dict[str, int] = {}
    story = StoryBuilder(kit, comp, (pages.width, pages.height),
                         (pages.top, pages.right, pages.bottom, pages.left), pages.text_width,
                         pages.text_height, numbers).build()
    article_ids = [e.article_id for e in comp.elements if isinstance(e, ArticleHead)]
    body_frame = next(t for t in pages.templates() if t.name == "body")
    fit_article_tails(story, PageTemplate("body", body_frame.frame))
    count, flow, starts, passes = paginate(story, pages.templates(), article_ids, kit, pages, numbers,
                                           lambda: _canvas(path, comp, pages, pdfa), step, (0.2, 0.35), "生成 PDF 失败")
    article_pages = placed_articles(kit, flow, starts, article_ids, " PDF ")
    step(0.98, "完成")
    report = WriterReport(page_count=count, article_pages=article_pages, warnings=kit.warnings)
    return TypesetResult(report, kit.records, dict(pages.footers), dict(pages.kinds), dict(starts),
                         dict(numbers), passes, dict(flow.anchors))


def paginate(story, templates, article_ids, kit: Kit, pages: Pages, numbers: dict[str, int], canvas, step,
             progress_span: tuple[float, float], failure: str):
    """Lay `story` out until the contents' page numbers (`numbers`, filled in place) are those the
    articles start on: a first pass only paginates, each later one also draws on `canvas()`.
    Returns the page count, the last Flow, the articles' start pages and the number of passes."""
    first, span = progress_span
    passes = 0
    while True:
        passes += 1
        final = passes > 1
        step(first + span * min(passes - 1, 2), "排版并写入 PDF" if final else "排版（确定页码）")
        pages.reset()
        kit.records = []
        canv = canvas() if final else None
        flow = Flow(templates, canv)
        try:
            count = flow.run(story, "cover")
            if canv is not None:
                canv.save()
        except (BulletinError, OSError):
            raise
        except Exception as exc:  # layout errors reach the user as a message, not a traceback
            raise ExportError(f"{failure}：{_short(exc)}") from exc
        starts = {a: pages.footers.get(flow.anchors.get(article_key(a), -1)) for a in article_ids}
        if final and starts == numbers:
            return count, flow, starts, passes
        if passes >= MAX_PASSES:
            kit.warnings.append("目录页码经多次排版仍不一致，请检查目录中的页码")
            return count, flow, starts, passes
        numbers.clear()
        numbers.update({k: v for k, v in starts.items() if v is not None})


def placed_articles(kit: Kit, flow: Flow, starts: dict, article_ids: list[str], where: str,
                    shown: int | None = None) -> dict[str, int]:
    """Each article's physical start page, once every one is known to be on a body page (else an
    ExportError naming `shown` of those missing, in `where`); the layout's warnings go to `kit`."""
    missing = [a for a in article_ids if starts.get(a) is None]
    if missing:
        raise ExportError(f"排版失败：文章“{'、'.join(missing[:shown])}”没有出现在{where}的正文页中")
    layout_warnings(kit, flow)
    return {a: flow.anchors[article_key(a)] for a in article_ids}


def layout_warnings(kit: Kit, flow: Flow) -> None:
    """What the user should know of a finished layout: characters the faces lack, content taller than a page."""
    for font in kit._cid.values():
        if font.missing:
            chars = "".join(dict.fromkeys(font.missing))
            kit.warnings.append(f"字体“{kit.family.get(font.key, font.key)}”中没有这些字，PDF 中将显示为空框：{chars[:20]}"
                                + ("……" if len(chars) > 20 else ""))
    if flow.overflows:
        kit.warnings.append(f"有 {len(flow.overflows)} 处内容比一页还高，已超出版心，请检查（例如过大的表格）")


def _canvas(path, comp: Composition, pages: Pages, pdfa: bool) -> Canvas:
    canv = Canvas(str(path), pagesize=(pages.width, pages.height), lang=comp.language or "zh-CN", pdfa=pdfa)
    canv.setTitle(f"{comp.title} {comp.issue_line}")
    canv.setAuthor(comp.author)
    canv.setSubject(comp.subject)
    canv.setCreator(f"简报编排器 bulletin {_version}")
    canv.setKeywords([comp.title])
    canv.setViewerPreference("DisplayDocTitle", "true")
    canv.showOutline()
    return canv


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else exc.__class__.__name__


__all__ = ["PdfFormat", "write_pdf", "typeset", "TypesetResult"]
