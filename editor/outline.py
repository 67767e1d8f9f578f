"""The numbering hierarchy of an article body.

Levels are inferred the way a reader infers them: a marker family seen for the
first time opens a level below the current one; a family already open closes
everything below it and continues its own series. A numbered series under a
new parent either restarts at 1 or continues from its previous member; the
outline records which, so checks and writers need not guess again.

A series is keyed by its family, except for numbers written with only a
closing bracket (1）, 一）): they belong to the （1）/（一） family, but a document
may use both forms as two levels — （1）… then 1）2）… under it. A 1） that
starts at 1 while a （N） of its family is open opens that level (key
"arabic-paren/close"); any other 1）-style number continues the open series,
so （1）（2）3） is one series with one slip of the pen, not a skip.
"""

from __future__ import annotations

from .markers import Marker
from .model import Block, BlockKind
from .records import record

STRUCTURAL = ("part", "chapter", "section", "article")
# Conventional rank of each family (GB/T 9704 and common practice): a family
# may nest inside one of lower rank, not the other way round.
RANK = {"part": 0, "chapter": 1, "section": 2, "article": 3, "cn": 4, "cn-shi": 5, "cn-paren": 5,
        "paren-ideograph": 5, "arabic": 6, "decimal2": 6, "decimal3": 7, "decimal4": 8,
        "arabic-paren": 7, "circled": 8}


@record
class Node:
    """A numbered block's place in the article's outline."""

    index: int                  # index of the block in the body
    marker: Marker
    depth: int                  # 1-based position in the hierarchy, counting every family
    level: int                  # 1-based level among non-structural families (style level); 0 for 第X章/条
    parent: int | None          # block index of the parent node
    previous: int | None        # block index of the previous member of the same series, if any
    reopened: bool              # first member of its family under a new parent
    expected: tuple[int, ...]   # values that would have been correct here
    key: str = ""               # the series key: the family, or family + "/close" for a 1） level


def _closing_only(m: Marker) -> bool:
    return m.bracket == "close"


def series_key(m: Marker, stack: list[Node], last_in_key: dict[str, Node]) -> str:
    """The series `m` belongs to, given the open levels and the last member of every series."""
    if m.family not in ("arabic-paren", "cn-paren"):
        return m.family
    close = _closing_only(m)
    same = [n for n in stack if n.marker.family == m.family]
    alike_open = [n for n in same if _closing_only(n.marker) == close]
    if alike_open:
        return alike_open[-1].key
    alike = [n for n in last_in_key.values() if n.marker.family == m.family and _closing_only(n.marker) == close]
    last = max(alike, key=lambda n: n.index) if alike else None
    if not same:
        # Nothing of the family open: go on with the series last written the same way.
        return last.key if last else m.family
    taken = {n.key for n in same}
    if last is not None and last.key not in taken and m.value in (1, last.marker.value + 1):
        return last.key         # the level of its own seen before, restarting or counting on
    if m.value == 1:
        # Starts at 1 under an open series of its family written the other way: a level of its own.
        return m.family + ("/close" if close else "/paren") if m.family in taken else m.family
    return same[-1].key         # （1）（2）3）: the open series, written another way


def build_outline(blocks: list[Block]) -> dict[int, Node]:
    """Block index → Node for every numbered block.

    A subheading starts a new outline, except for 第N条: articles are numbered through the
    whole text, so a 第N条 after a heading without a number (a 第X章 that lost its number
    in the source, 监督管理) may count on from the last one.
    """
    nodes: dict[int, Node] = {}
    stack: list[Node] = []
    last_in_key: dict[str, Node] = {}
    for i, block in enumerate(blocks):
        if block.kind is BlockKind.SUBHEADING:
            stack.clear()
            kept = last_in_key.get("article")
            last_in_key.clear()
            if kept is not None:
                last_in_key["article"] = kept
            continue
        m = block.marker
        if m is None or block.kind not in (BlockKind.HEADING, BlockKind.ITEM):
            continue
        key = series_key(m, stack, last_in_key)
        depth_of_key = next((d for d, n in enumerate(stack) if n.key == key), None)
        if depth_of_key is not None:
            sibling = stack[depth_of_key]
            del stack[depth_of_key:]
            previous = sibling
            reopened = False
            expected = (sibling.marker.value + 1,)
        else:
            previous = last_in_key.get(key)
            reopened = True
            expected = (1, previous.marker.value + 1) if previous else (1,)
        parent = stack[-1] if stack else None
        depth = len(stack) + 1
        level = 0 if m.family in STRUCTURAL else sum(1 for n in stack if n.marker.family not in STRUCTURAL) + 1
        node = Node(i, m, depth, level, parent.index if parent else None,
                    previous.index if previous else None, reopened, expected, key)
        if m.family.startswith("decimal") and reopened and parent is not None:
            # 2.1 under 第二章: the first component follows the parent's number.
            node.expected = (1,)
        nodes[i] = node
        stack.append(node)
        last_in_key[key] = node
    return nodes


def split_lead(block: Block, max_lead: int = 32) -> tuple[str, str]:
    """(run-in heading, rest) of a numbered item: （一）完善制度。|加强……

    The heading is the marker plus the first sentence when that sentence is
    short; otherwise just the marker.
    """
    if block.marker is None:
        return "", block.text
    text = block.text
    start = block.marker.length
    end = text.find("。", start)
    if end != -1 and end - start <= max_lead and end + 1 < len(text):
        return text[:end + 1], text[end + 1:]
    if block.kind is BlockKind.HEADING:
        return text, ""
    return text[:start], text[start:]
