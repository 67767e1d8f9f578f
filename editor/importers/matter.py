"""What stands before and after a document's own text: a contents list, an appendix.

A law as its publishers print it opens with a contents list (目录: its chapters, sometimes its
sections) and may end with an appendix (附：国旗制法说明, with its own note and lists). Neither is
the text: the contents list would give the article a second set of chapter headings (and the
numbering check a series that restarts at 第一章), the appendix would make its lists the law's.
Both are told by their shape, never by a document's words:

- contents: a 目录 / 目次 line (or, without one, a run of at least three chapter headings with
  nothing between them), then short lines, up to the line where the first entry comes again —
  the text starting;
- appendix: after a law's last article (第N条, the law having several), a line labelled 附：,
  附件：, 附录： or 附件1 followed by a name, and no article after it.
"""

from __future__ import annotations

import re

from ..model import Block, BlockKind

_CONTENTS_LABELS = {"目录", "目次"}
_SPACE = re.compile(r"[\s\u3000]+")
# an entry's page number or leader dots: 第一章 总则……1
_LEADER = re.compile(r"[.．·…\-—–\s\u3000]*\d{0,4}$")
MAX_ENTRY = 60
MAX_CONTENTS = 200


def _key(block: Block) -> str:
    return _LEADER.sub("", _SPACE.sub("", block.text))


def _entry(block: Block) -> bool:
    t = block.text.strip()
    return block.kind in (BlockKind.HEADING, BlockKind.SUBHEADING, BlockKind.PARAGRAPH) and 0 < len(t) <= MAX_ENTRY \
        and not any(ch in t for ch in "。；;！？")


def _chapter(block: Block) -> bool:
    return block.kind is BlockKind.HEADING and block.marker is not None and block.marker.family in ("part", "chapter")


def contents_span(blocks: list[Block]) -> tuple[int, int] | None:
    """(start, end) of a contents list near the top of the body, `end` being where the text
    restarts with the first entry; None when there is none."""
    for k in range(min(len(blocks), 12)):
        labelled = _SPACE.sub("", blocks[k].text) in _CONTENTS_LABELS
        if not labelled and not _chapter(blocks[k]):
            continue
        first = k + 1 if labelled else k
        if first >= len(blocks) or not _entry(blocks[first]):
            continue
        want = _key(blocks[first])
        for r in range(first + 1, min(len(blocks), first + MAX_CONTENTS)):
            if _key(blocks[r]) == want:
                entries = blocks[first:r]
                if (labelled and len(entries) >= 2) or (len(entries) >= 3 and all(_chapter(b) for b in entries)):
                    return k, r
                break
            if not _entry(blocks[r]):
                break
        if labelled:
            return None
    return None


_APPENDIX_RE = re.compile(r"^附[ \t\u3000]*(?:件|录|表)?[ \t\u3000]*(?:\d{1,2}|[一二三四五六七八九十]{1,3})?[ \t\u3000]*"
                          r"[：:][ \t\u3000]*(?P<name>[^。；;！？]{2,40})$")


def appendix_start(blocks: list[Block]) -> tuple[int, str] | None:
    """(index, name) of an appendix after a law's last article, or None."""
    articles = [k for k, b in enumerate(blocks) if b.marker is not None and b.marker.family == "article"]
    if len(articles) < 3:
        return None
    for k in range(articles[-1] + 1, len(blocks)):
        b = blocks[k]
        m = _APPENDIX_RE.match(b.text.strip()) if b.kind in (BlockKind.PARAGRAPH, BlockKind.ATTACHMENT,
                                                              BlockKind.SUBHEADING) else None
        if m and k + 1 < len(blocks):
            return k, m.group("name").strip()
    return None
