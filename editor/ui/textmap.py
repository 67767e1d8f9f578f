"""Qt-free glue between the model and the editor widgets.

The body editor shows one paragraph per line, written as in the article file
(`# 小标题`, `- 列表项`, tables as `|…|` rows, a leading backslash where the
file format needs one). Table rows stay in one editor paragraph, separated by
U+2028 (a line break inside a paragraph). Converting back goes paragraph by
paragraph, so no text typed in the editor can be swallowed as 编者按 or dropped.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import re

from ..body import format_paragraph, join_lines, make_block, parse_body, settle_kinds
from ..content import parse_article, render_article
from ..model import Article, Block, BlockKind, Column, Issue

LS = "\u2028"   # line break inside one editor paragraph
PS = "\u2029"   # QTextDocument's paragraph break in its raw text


# ---------------------------------------------------------------- body

def paragraph_text(block: Block) -> str:
    """One body block as the editor shows it."""
    return format_paragraph(block).replace("\n", LS)


def body_to_text(blocks: list[Block]) -> str:
    return "\n".join(paragraph_text(b) for b in blocks)


def display_prefix(block: Block) -> int:
    """Characters the editor shows before `block.text` starts (“# ”, “- ”, “\\”)."""
    if block.kind in (BlockKind.TABLE, BlockKind.IMAGE):
        return 0
    shown = format_paragraph(block)
    return len(shown) - len(block.text) if shown.endswith(block.text) else 0


@functools.lru_cache(maxsize=4096)
def _paragraph_blocks(text: str) -> tuple[Block, ...]:
    """Blocks of one editor paragraph (cached: typing changes one paragraph at a time; callers copy)."""
    parsed = parse_body(text)
    if parsed.problems or parsed.editor_note or not (parsed.blocks or parsed.source):
        # A paragraph the file format would read as something else: keep it as plain text.
        return (make_block(join_lines(text.split("\n"))),)
    blocks = list(parsed.blocks)
    if parsed.source is not None:
        blocks.append(Block(BlockKind.SOURCE, parsed.source.text))
    return tuple(blocks)


def text_to_blocks(text: str) -> list[Block]:
    """Body blocks from the editor's text; empty lines are ignored."""
    blocks: list[Block] = []
    for para in text.split("\n"):
        if para.strip():
            # fresh objects: quick fixes change blocks in place, the cache must not see that
            blocks.extend(Block(b.kind, b.text, b.marker, b.loc, b.spans, b.rows, b.src)
                          for b in _paragraph_blocks(para.replace(LS, "\n")))
    settle_kinds(blocks)
    return blocks


def _table_rows(para: str) -> bool:
    return LS in para and all(line.strip().startswith("|") for line in para.split(LS) if line.strip())


def from_editor(raw: str, field: str) -> str:
    """A field's text from QTextDocument.toRawText(), as the model reads it.

    Not toPlainText(): that turns the line breaks that hold a table's rows in one
    paragraph into paragraph breaks (the table fell apart into lines of “|” text
    as soon as its article was shown) and no-break spaces into spaces. A line
    break typed elsewhere (Shift+Enter) starts a new paragraph, as Enter does.
    """
    paras = raw.split(PS)
    if field == "body":
        return "\n".join(p if _table_rows(p) else p.replace(LS, "\n") for p in paras)
    return "\n".join(paras).replace(LS, "\n")


def paragraph_map(text: str) -> list[int | None]:
    """Editor line number → body block index (None for an empty line)."""
    out: list[int | None] = []
    n = 0
    for para in text.split("\n"):
        if para.strip():
            out.append(n)
            n += 1
        else:
            out.append(None)
    return out


# ---------------------------------------------------------------- 编者按 (the other fields: editor.fields)

def note_to_text(blocks: list[Block]) -> str:
    return "\n".join(b.text for b in blocks if b.text.strip())


def text_to_note(text: str) -> list[Block]:
    return [Block(BlockKind.PARAGRAPH, line.strip()) for line in text.split("\n") if line.strip()]


# ---------------------------------------------------------------- positions

def relocate(article: Article) -> None:
    """Give every block the file position it will have once saved.

    Blocks made in the editor have no position; parsing the article's canonical
    text tells where each one will be, so problems can name a real line.
    """
    problems: list = []
    path = article.path or f"articles/{article.id}.md"
    parsed = parse_article(render_article(article), article.id, path, problems)
    if parsed is None:
        return
    article.field_locs = parsed.field_locs
    for mine, theirs in ((article.body, parsed.body), (article.editor_note, parsed.editor_note)):
        if len(mine) == len(theirs):
            for a, b in zip(mine, theirs):
                if a.text == b.text:
                    a.loc, a.spans = b.loc, b.spans
    if article.source is not None and parsed.source is not None:
        article.source.loc = parsed.source.loc
    elif article.source is not None and len(parsed.body) == len(article.body) + 1:
        article.source.loc = parsed.body[-1].loc


# ---------------------------------------------------------------- snapshots

def copy_article(a: Article) -> Article:
    return dataclasses.replace(
        a, editor_note=[copy.copy(b) for b in a.editor_note], body=[copy.copy(b) for b in a.body],
        source=copy.copy(a.source), field_locs=dict(a.field_locs))


def snapshot(issue: Issue, relocate_ids: set[str] | frozenset[str] = frozenset()) -> Issue:
    """A copy that later edits cannot touch, for checks and builds in another thread or process.

    Cheap: blocks are copied shallowly (their text is immutable). Articles in
    `relocate_ids` get file positions; call that part off the UI thread.
    """
    columns = [Column(c.name, [copy_article(a) for a in c.articles]) for c in issue.columns]
    copied = dataclasses.replace(
        issue, columns=columns, omit_columns=list(issue.omit_columns),
        colophon=list(issue.colophon) if issue.colophon is not None else None,
        back_matter=list(issue.back_matter) if issue.back_matter is not None else None,
        field_locs=dict(issue.field_locs))
    for a in copied.articles:
        if a.id in relocate_ids:
            relocate(a)
    return copied


# ---------------------------------------------------------------- ids

_BAD_ID_CHARS = re.compile(r"[\\/:*?\"<>|\x00-\x1f\s《》“”「」（）()，。、；：！？]+")


def id_from_title(issue: Issue, article: Article) -> str:
    """The id a not yet saved article takes from its title: its number kept, the rest named as imports are.

    08-新文章 titled 关于促进数据要素市场发展的若干措施 → 08-促进数据要素市场发展 (NN-名称-2 when taken).
    """
    from ..importers import article_id_from_title     # ~20 ms, once: only when such an article is retitled

    m = re.match(r"(\d+)-", article.id)
    n = int(m.group(1)) if m else len(issue.articles)
    stem = _BAD_ID_CHARS.sub("", article_id_from_title(article.title))[:12] or "新文章"
    taken = {a.id for a in issue.articles if a is not article}
    candidate, k = f"{n:02d}-{stem}", 2
    while candidate in taken:
        candidate, k = f"{n:02d}-{stem}-{k}", k + 1
    return candidate


def unique_id(issue: Issue, title: str, stem: str | None = None) -> str:
    """A new article id: the next number and a short stem (or the start of the title), e.g. 08-数据要素."""
    taken = {a.id for a in issue.articles}
    stem = _BAD_ID_CHARS.sub("", stem or title.replace("\n", ""))[:12] or "新文章"
    n = len(issue.articles) + 1
    while True:
        candidate = f"{n:02d}-{stem}"
        if candidate not in taken:
            return candidate
        n += 1
