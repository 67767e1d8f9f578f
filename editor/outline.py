"""The numbering hierarchy of an article body.

Levels are inferred the way a reader infers them: a marker family seen for the
first time opens a level below the current one; a family already open closes
everything below it and continues its own series. A numbered series under a
new parent either restarts at 1 or continues from its previous member; the
outline records which, so checks and writers need not guess again.
"""

from __future__ import annotations

from dataclasses import dataclass

from .markers import Marker
from .model import Block, BlockKind

STRUCTURAL = ("part", "chapter", "section", "article")
# Conventional rank of each family (GB/T 9704 and common practice): a family
# may nest inside one of lower rank, not the other way round.
RANK = {"part": 0, "chapter": 1, "section": 2, "article": 3, "cn": 4, "cn-shi": 5, "cn-paren": 5,
        "paren-ideograph": 5, "arabic": 6, "decimal2": 6, "decimal3": 7, "decimal4": 8,
        "arabic-paren": 7, "circled": 8}


@dataclass
class Node:
    index: int                  # index of the block in the body
    marker: Marker
    depth: int                  # 1-based position in the hierarchy, counting every family
    level: int                  # 1-based level among non-structural families (style level); 0 for 第X章/条
    parent: int | None          # block index of the parent node
    previous: int | None        # block index of the previous member of the same series, if any
    reopened: bool              # first member of its family under a new parent
    expected: tuple[int, ...]   # values that would have been correct here


def build_outline(blocks: list[Block]) -> dict[int, Node]:
    """Block index → Node for every numbered block. A subheading starts a new outline."""
    nodes: dict[int, Node] = {}
    stack: list[Node] = []
    last_in_family: dict[str, Node] = {}
    for i, block in enumerate(blocks):
        if block.kind is BlockKind.SUBHEADING:
            stack.clear()
            last_in_family.clear()
            continue
        m = block.marker
        if m is None or block.kind not in (BlockKind.HEADING, BlockKind.ITEM):
            continue
        depth_of_family = next((d for d, n in enumerate(stack) if n.marker.family == m.family), None)
        if depth_of_family is not None:
            sibling = stack[depth_of_family]
            del stack[depth_of_family:]
            previous = sibling
            reopened = False
            expected = (sibling.marker.value + 1,)
        else:
            previous = last_in_family.get(m.family)
            reopened = True
            expected = (1, previous.marker.value + 1) if previous else (1,)
        parent = stack[-1] if stack else None
        depth = len(stack) + 1
        level = 0 if m.family in STRUCTURAL else sum(1 for n in stack if n.marker.family not in STRUCTURAL) + 1
        node = Node(i, m, depth, level, parent.index if parent else None,
                    previous.index if previous else None, reopened, expected)
        if m.family.startswith("decimal") and reopened and parent is not None:
            # 2.1 under 第二章: the first component follows the parent's number.
            node.expected = (1,)
        nodes[i] = node
        stack.append(node)
        last_in_family[m.family] = node
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
