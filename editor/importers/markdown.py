"""Plain Markdown (not yet in the article format) → units: headings, lists, tables, paragraphs.

Markdown law collections are written by hand and by converters, so besides CommonMark's basics
this reads what such collections put around a document:
- a YAML header (--- title: … ---, VuePress and Hugo sites): its title is the page's title;
- inline HTML: <p> and <br> break paragraphs, &emsp; &nbsp; are spaces, other tags go;
- HTML comments are dropped; `<!-- INFO END -->` (LawRefBook) ends the lines under the title
  that say how the document was promulgated (2022年6月6日 …令第2号公布, its 文号), which go into
  `notes` rather than the body;
- containers (::: right … :::) keep their lines; one labelled 原文链接 gives the link;
- <https://…> autolinks, a lone --- rule.
"""

from __future__ import annotations

import html
import re

from ..conventions import is_attachment, parse_source
from ..markers import parse_marker
from .cleanup import Notes, Unit

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
# A reader tool's header of a page turned into Markdown: Title: … / URL Source: … / Markdown Content:
_READER = re.compile(r"^(Title|URL Source|Published Time|Markdown Content)\s*:\s*(.*)$")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_ATTRIBUTES = re.compile(r"\{\s*(?:target|rel|class|style|width|height|[.#])[^{}]{0,200}\}")   # kramdown {target="_blank"}
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BREAK_TAGS = re.compile(r"<\s*(?:br|/p|p|/div|div|/li|li|/h[1-6]|h[1-6])\b[^>]*>", re.I)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,300}>")
_CONTAINER = re.compile(r"^:{3,}\s*(\S*)\s*(.*)$")
_YAML_TITLE = re.compile(r"^title\s*:\s*(.+?)\s*$")
INFO_END = "<!-- INFO END -->"


def _inline(text: str) -> str:
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    text = _IMAGE.sub("", text)
    text = _ATTRIBUTES.sub("", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _EMPHASIS.sub(lambda m: m.group(2), text)
    text = text.replace("**", "").replace("__", "")       # markers left alone by an empty emphasis
    text = _TAG.sub("", text)
    return html.unescape(text.replace("`", ""))


def _cells(line: str) -> list[str]:
    s = line.strip().strip("|")
    return [_inline(c.strip()) for c in re.split(r"(?<!\\)\|", s)]


def _front_matter(lines: list[str], notes: Notes) -> int:
    """The YAML header's length in lines (0: none); its title becomes the page's title."""
    if not lines or lines[0].strip() != "---":
        return 0
    for k in range(1, min(len(lines), 80)):
        if lines[k].strip() in ("---", "..."):
            for line in lines[1:k]:
                m = _YAML_TITLE.match(line)
                if m:
                    notes.page_title = m.group(1).strip().strip("\"'")
            return k + 1
    return 0


def _expand_html(lines: list[str]) -> list[tuple[int, str]]:
    """Lines with their HTML paragraph breaks made line breaks, numbered as in the file."""
    out: list[tuple[int, str]] = []
    for n, line in enumerate(lines, 1):
        if "<" not in line:
            out.append((n, line))
            continue
        pieces = _BREAK_TAGS.split(line)
        for k, piece in enumerate(pieces):
            if k and not piece.strip():
                out.append((n, ""))
            elif piece.strip() or not k:
                out.append((n, piece))
        if len(pieces) > 1:
            out.append((n, ""))
    return out


def markdown_units(text: str, notes: Notes | None = None) -> list[Unit]:
    notes = notes if notes is not None else Notes()
    lines = text.split("\n")
    skip = _front_matter(lines, notes)
    info_end = next((k for k, line in enumerate(lines) if line.strip() == INFO_END), None)
    # a comment may span lines: keep their count, so units keep their line numbers
    body = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), "\n".join(lines[skip:]))
    lines = [""] * skip + body.split("\n")
    units: list[Unit] = []
    gap = True
    seen_title = False
    container = ""
    expanded = _expand_html(lines)
    i = 0
    while i < len(expanded):
        n, line = expanded[i]
        s = line.strip()
        if n <= skip:
            i += 1
            continue
        reader = _READER.match(s) if not units or n < 12 else None
        if reader:
            key, value = reader.group(1), reader.group(2).strip()
            notes.reader_header = True
            if key == "Title" and value:
                from .webpage import page_title_text      # "标题 - 广州市人民政府门户网站" → "标题"
                notes.page_title = page_title_text(value)
            elif key == "URL Source" and value.startswith(("http://", "https://")):
                notes.page_address = value
            i += 1
            continue
        if info_end is not None and seen_title and n <= info_end + 1 and len(units) <= 6:
            # between the title and <!-- INFO END -->: how the document was promulgated
            if s:
                notes.info_lines.append(_inline(s))
            i += 1
            continue
        m = _CONTAINER.match(s)
        if m:
            container = "" if not m.group(1) else (m.group(1) + " " + m.group(2)).strip()
            gap = True
            i += 1
            continue
        if not s or re.fullmatch(r"-{3,}|\*{3,}|_{3,}", s):
            gap = True
            i += 1
            continue
        if "原文链接" in container or "原文" in container:
            url = re.search(r"https?://\S+", _inline(s))
            if url and not notes.link:
                notes.link = url.group(0).rstrip(">)")
            i += 1
            continue
        if s.startswith("|") and i + 1 < len(expanded) and _SEPARATOR.match(expanded[i + 1][1].strip()):
            rows = [_cells(s)]
            i += 2
            while i < len(expanded) and expanded[i][1].strip().startswith("|"):
                rows.append(_cells(expanded[i][1]))
                i += 1
            width = max(len(r) for r in rows)
            units.append(Unit("", True, rows=[r + [""] * (width - len(r)) for r in rows], line=n))
            gap = True
            continue
        m = _HEADING.match(s)
        style = ""
        if m:
            s = _inline(m.group(2)).strip()
            if len(m.group(1)) == 1 and not seen_title and not units and not notes.reader_header:
                style = "title"
                seen_title = True
            elif parse_marker(s) is None:
                style = "subheading"
            if s:
                units.append(Unit(s, True, hard=True, style=style, line=n))
            gap = True
            i += 1
            continue
        if s.startswith(">"):
            s = s.lstrip("> ").strip()
        lm = _LIST.match(s)
        if lm and not re.match(r"^\d", s):
            rest = s[lm.end():]
            shown = _inline(rest).strip()
            plain = parse_marker(rest) is not None or parse_source(shown) is not None or is_attachment(shown)
            s, style = (rest, "") if plain else (rest, "list")
        raw = _inline(line)
        s = _inline(s).strip(" \u3000\u2003\u00a0")
        if s:
            indent = raw[:len(raw) - len(raw.lstrip(" \u3000\u2003\u00a0"))]
            units.append(Unit(s, gap, style=style, line=n, indent=len(indent) >= 2 or "\u3000" in indent
                              or "\u2003" in indent))
            gap = False
        i += 1
    if not seen_title and notes.page_title and units and units[0].style != "title" and not notes.reader_header:
        # the YAML header's title stands for a heading the text does not repeat
        first = re.sub(r"\s+", "", units[0].text)
        if first != re.sub(r"\s+", "", notes.page_title):
            units.insert(0, Unit(notes.page_title, True, hard=True, style="title"))
        else:
            units[0].style = "title"
    return units
