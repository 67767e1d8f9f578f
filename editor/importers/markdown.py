"""Plain Markdown (not yet in the article format) → units: headings, lists, tables, paragraphs."""

from __future__ import annotations

import re

from ..markers import parse_marker
from .cleanup import Unit

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def _inline(text: str) -> str:
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _EMPHASIS.sub(lambda m: m.group(2), text)
    return text.replace("`", "")


def _cells(line: str) -> list[str]:
    s = line.strip().strip("|")
    return [_inline(c.strip()) for c in re.split(r"(?<!\\)\|", s)]


def markdown_units(text: str) -> list[Unit]:
    units: list[Unit] = []
    lines = text.split("\n")
    gap = True
    seen_title = False
    i = 0
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if not s:
            gap = True
            i += 1
            continue
        if s.startswith("|") and i + 1 < len(lines) and _SEPARATOR.match(lines[i + 1].strip()):
            rows = [_cells(s)]
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_cells(lines[i]))
                i += 1
            width = max(len(r) for r in rows)
            units.append(Unit("", True, rows=[r + [""] * (width - len(r)) for r in rows], line=i))
            gap = True
            continue
        m = _HEADING.match(s)
        style = ""
        if m:
            s = _inline(m.group(2))
            if len(m.group(1)) == 1 and not seen_title and not units:
                style = "title"
                seen_title = True
            elif parse_marker(s) is None:
                style = "subheading"
            units.append(Unit(s, True, hard=True, style=style, line=i + 1))
            gap = True
            i += 1
            continue
        if s.startswith(">"):
            s = s.lstrip("> ").strip()
        lm = _LIST.match(s)
        if lm and not re.match(r"^\d", s):
            rest = s[lm.end():]
            s, style = (rest, "") if parse_marker(rest) is not None else (rest, "list")
        units.append(Unit(_inline(s), gap, style=style, line=i + 1))
        gap = False
        i += 1
    return units
