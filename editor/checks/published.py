"""Articles already published in an earlier issue, found in the archive of every issue (editor.archive)."""

from __future__ import annotations

import os
from pathlib import Path

from ..model import Article, Location
from .framework import Context, Example, Related, diagnostic, rule


def _first_text_block(article: Article) -> int | None:
    return next((i for i, b in enumerate(article.body) if b.text.strip()), None)


def _relative(ctx: Context, archive_path: str) -> str:
    """A file of another issue, as seen from this issue's folder (../2023-12/articles/x.md)."""
    archive = ctx.world.archive
    target = archive.folder / archive_path
    if ctx.world.folder is None:
        return target.as_posix()
    return Path(os.path.relpath(target, ctx.world.folder)).as_posix()


@rule("issue.already-published", "issue", "warning", "文章已在往期刊登过（文号、标题或正文相同）",
      Example(bad="本期《关于促进网络安全保险规范健康发展的意见》（工信部联网安〔2023〕95号），2023年第29期已刊登",
              good="往期未刊登过的文件；确需再刊时在编者按中说明", field=""),
      why="同一文件登两次，读者会以为是新文件；编辑部也常需要知道“这篇我们登过没有”", fix="none")
def check_already_published(ctx: Context):
    archive = ctx.world.archive
    if archive is None:
        return
    exclude = ctx.world.archive_name
    for article in ctx.articles():
        earlier = archive.published(article, before=ctx.issue.date, exclude=exclude)
        if not earlier:
            continue
        first = earlier[0]
        more = f"（另有 {len(earlier) - 1} 期也刊登过）" if len(earlier) > 1 else ""
        how = {"doc_number": "文号相同", "title": "标题相同",
               "body": f"正文几乎相同（相似度 {first.similarity:.0%}）"}[first.by]
        where: dict = {"doc_number": dict(field="doc_number", length=len(article.doc_number or "")),
                       "title": dict(field="title", length=len(article.title))}.get(first.by, {})
        if not where:
            index = _first_text_block(article)
            where = dict(block_index=index) if index is not None else dict(field="title")
        related = [Related(f"{p.issue_name}的《{p.title}》", Location(_relative(ctx, p.path), p.line, 1))
                   for p in earlier]
        yield diagnostic(ctx, "issue.already-published", f"{first.notice}{more}，{how}", article=article,
                         hint="如确需再次刊登，可在编者按中说明；否则请换一篇", related=related, **where)
