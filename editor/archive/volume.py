"""The year volume (合订本): every issue of a year, in order, behind a volume cover and a yearly contents.

A volume is composed, not written: it is a sequence of issue compositions (each exactly what
`compose` makes of that issue, so each issue is set as it was printed) and a front matter of its
own, itself a composition (the volume's cover and the yearly contents). The writers render it
(editor/writers/pdf/volume.py, editor/writers/docx/volume.py); what they need to tell one issue
from another — the running head naming each page's issue, where the numbering restarts — is
carried here as data.

Article ids are unique within an issue only, so in a volume every id of an issue's composition
is prefixed with the issue's folder name and “/” (2023-12/03-上海数据要素): the writers' anchors,
bookmarks and contents numbers stay the issue's own. The organisation profiles at the back
(the same in every issue) are set once, at the end.

The template's [volume] says how the yearly contents are grouped (by column, each entry noting
its issue, or issue by issue) and whether pages are numbered through the volume or from 1 in
each issue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from pathlib import Path

from ..compose import (ArticleHead, BackMatter, Composition, Contents, ContentsEntry, Cover, compose,
                       safe_file_stem, title_of)
from ..errors import ExportError
from ..records import record
from ..template import Template
from ..world import World

ID_SEPARATOR = "/"


@record
class VolumeIssue:
    """One issue of the volume: its composition (ids prefixed), its folder and how the volume names it."""

    key: str                     # the issue's folder name: the prefix of its article ids
    label: str                   # 2023年第12期（总第123期）
    date: dt.date
    number: int
    total_number: int
    composition: Composition

    @property
    def header(self) -> str:
        """The running head of the issue's pages: it names the issue."""
        return self.composition.header


@record
class Volume:
    """A year's issues as laid out for one book."""

    year: int
    front: Composition           # the volume's cover and yearly contents
    issues: list[VolumeIssue]
    back: BackMatter | None
    contents: str                # "column" | "issue": how the yearly contents are grouped
    numbering: str               # "continuous" | "issue"
    template: Template = field(repr=False, default=None)
    warnings: list[str] = field(default_factory=list)

    @property
    def file_stem(self) -> str:
        return self.front.file_stem

    def compositions(self) -> list[Composition]:
        """The front and every issue's composition, in order."""
        return [self.front, *(i.composition for i in self.issues)]


def issue_label(date: dt.date, number: int, total_number: int) -> str:
    return f"{date.year}年第{number}期（总第{total_number}期）"


def prefixed(issue_key: str, article_id: str | None) -> str | None:
    return f"{issue_key}{ID_SEPARATOR}{article_id}" if article_id else article_id


def _prefix_ids(elements: list, key: str) -> None:
    """Prefix every article id the elements of an issue's composition hold with `key` (in place)."""
    entries = set()
    for e in elements:
        if isinstance(e, Cover):
            e.headline_article = prefixed(key, e.headline_article)
            entries.update(id(x) for _, group in e.guide for x in group)
            for _, group in e.guide:
                for x in group:
                    x.article_id = prefixed(key, x.article_id)
        elif isinstance(e, Contents):
            for _, group in e.groups:
                for x in group:
                    if id(x) not in entries:          # the cover's guide holds the same entries
                        x.article_id = prefixed(key, x.article_id)
        elif isinstance(e, ArticleHead):
            e.article_id = prefixed(key, e.article_id)
            for p in (e.doc_number, e.addressee):
                if p is not None:
                    p.article_id = prefixed(key, p.article_id)
        elif hasattr(e, "article_id"):               # Paragraph, Table, ArticleEnd
            e.article_id = prefixed(key, e.article_id)


def _yearly_contents(year: int, issues: list[VolumeIssue], template: Template, by: str) -> Contents:
    """The yearly contents: by column (each entry's note names its issue), or issue by issue."""
    if by == "issue":
        groups = [(vi.label, [e for _, entries in _groups_of(vi) for e in entries]) for vi in issues]
        return Contents(f"{year}年总目录", [(n, g) for n, g in groups if g])
    order = [c.name for c in template.columns]
    by_column: dict[str, list[ContentsEntry]] = {}
    for vi in issues:
        for name, entries in _groups_of(vi):
            for e in entries:
                by_column.setdefault(name, []).append(ContentsEntry(e.article_id, e.title, e.lines, vi.label))
    names = sorted(by_column, key=lambda n: (order.index(n) if n in order else len(order), n))
    return Contents(f"{year}年总目录", [(n, by_column[n]) for n in names])


def _groups_of(vi: VolumeIssue) -> list[tuple[str, list[ContentsEntry]]]:
    contents = next((e for e in vi.composition.elements if isinstance(e, Contents)), None)
    return contents.groups if contents is not None else []


def compose_volume(folders: list[Path], year: int, template: Template) -> Volume:
    """The volume of the issues in `folders` (in date order) with `template`'s masthead and settings.

    Every issue must use that template (a volume is set in one set of styles): another one is an
    ExportError naming the issue. An issue that cannot be read is a ContentError from load_issue.
    """
    from ..batch import Issues

    read = Issues()                          # each template file read once
    issues: list[VolumeIssue] = []
    back: BackMatter | None = None
    for folder in folders:
        opened = read.open(folder)
        read.loaded.clear()                  # the issue is composed now: its model need not stay
        issue = opened.issue
        if opened.template.path.resolve() != template.path.resolve():
            raise ExportError(f"“{folder}”使用的模板“{issue.template_id}”与其他各期不同；合订本须用同一模板")
        comp = compose(issue, template, World(folder))
        key = folder.name
        _prefix_ids(comp.elements, key)
        kept = []
        for e in comp.elements:
            if isinstance(e, BackMatter):
                back = back or e
            else:
                kept.append(e)
        comp.elements = kept
        issues.append(VolumeIssue(key, issue_label(issue.date, issue.number, issue.total_number), issue.date,
                                  issue.number, issue.total_number, comp))
    if not issues:
        raise ExportError(f"没有 {year} 年的期刊，无法生成合订本")
    pub = template.publication
    first, last = issues[0], issues[-1]
    span = (f"{year}年　第{first.number}期至第{last.number}期（总第{first.total_number}期至总第{last.total_number}期）"
            f"　共 {len(issues)} 期" if len(issues) > 1 else f"{year}年　{first.label}")
    headline = title_of(f"{year}年合订本", template, "cover_headline")
    options = template.volume
    contents = _yearly_contents(year, issues, template, options.contents)
    # the cover's guide: what the year holds, column by column, each linked to the column's first article
    by_column = _yearly_contents(year, issues, template, "column").groups
    guide = [(name, [ContentsEntry(entries[0].article_id, f"{len(entries)} 篇")]) for name, entries in by_column]
    cover = Cover(pub.title, pub.tagline, pub.slogan, span, headline, None, headline_label="合订本",
                  guide_label="本卷收录", guide=guide, guide_more="")
    stem = safe_file_stem(f"{pub.title}-{year}-合订本")
    front = Composition(elements=[cover, contents], title=pub.title, issue_line=span,
                        header=f"{pub.title}　　{year}年合订本", subject=f"《{pub.title}》{year}年合订本",
                        author=pub.publisher or pub.title, language=pub.language, file_stem=stem, template=template)
    warnings = [w for vi in issues for w in vi.composition.warnings]
    return Volume(year, front, issues, back, options.contents, options.numbering, template, warnings)


def volume_folders(archive_folder: Path, year: int) -> tuple[list[Path], list[str]]:
    """The issue folders of `year` in the archive, in date order, and notices about those skipped."""
    from . import open_archive

    archive = open_archive(archive_folder, max_age=0)
    entries = archive.issues(year)
    return [archive.folder / e.folder for e in entries], list(archive.skipped)
