"""Stage 2 of the clean-up: paragraphs rejoined across the line breaks a copy put inside them.

A PDF copy gives one line per printed line. Whether a line ends its paragraph is told by its
width against the measure it was set at (the page's, or a narrower one beside a figure or in a
box: `local_measures`), by what ends it (a full stop, a comma) and by what starts the next one
(a numbered item, a source line, a first line shortened by its lost indent). Every step is a
single pass over the lines (linear time).
"""

from __future__ import annotations

import re
from collections import Counter

from ..markers import parse_marker
from ..conventions import (is_adoption_note, is_attachment, is_date_line, looks_like_signature, match_note_label,
                           parse_source)
from .cleanup import CLOSERS, Notes, Unit, ends_sentence

# A line ending with one of these cannot end a paragraph: the sentence goes on.
_LEAD_LATIN = re.compile(r"[(\[（]?[A-Za-z0-9][A-Za-z0-9.+\-/]*[)\]）]?")
_CONTINUES = "，,、（(“‘《〈【—-－/和与及或的"

# （责任单位：…） / (牵头单位:…，责任单位:…) / （责任部门：…）
_ATTRIBUTION_RE = re.compile(
    r"^[（(]\s*[^（()）:：]{0,8}(单位|部门|牵头|责任|配合|分工)[^（()）:：]{0,6}[：:].*[)）]$")


def is_attribution(text: str) -> bool:
    """A paragraph that is only a parenthetical attribution of the item before it."""
    return bool(_ATTRIBUTION_RE.match(text.strip())) and parse_source(text) is None


def _heading_like(text: str) -> bool:
    """A line that may end without punctuation because it is a heading, a title or a name."""
    marker = parse_marker(text)
    if marker is not None:
        content = text[marker.length:].strip()
        return len(content) <= 40 and not any(ch in content for ch in "。；;！？，,")
    return len(text) <= 25 and not any(ch in text for ch in "。；;！？，,、：:")


def _blocks_join(nxt: str) -> bool:
    """Whether a line starts something of its own (so the line before it cannot run on into it)."""
    if parse_marker(nxt) is not None and not is_attribution(nxt):
        return True
    if is_date_line(nxt) or is_attachment(nxt) or parse_source(nxt) is not None:
        return True
    if _CONTENTS_LABEL.match(nxt) or _APPENDIX_LABEL.match(nxt):
        return True           # 目录 over a law's contents list, 附：国旗制法说明 over an appendix
    if nxt.rstrip()[-1:] in "）)" and nxt.lstrip()[:1] in "（(" and is_adoption_note(nxt):
        return True           # （1949年9月28日……公布）: a note of its own
    return match_note_label(nxt) is not None


_CONTENTS_LABEL = re.compile(r"^[ \u3000]*目[ \u3000]*[录次][ \u3000]*$")
_APPENDIX_LABEL = re.compile(r"^[ \u3000]*附[ \u3000]*[录表]?[ \u3000]*[：:][ \u3000]*[^。；，,;！？]{2,30}$")


def should_join(prev: Unit, nxt: Unit, indent_mode: bool = False, wrap_width: float = 0,
                last_line: str = "", all_gaps: bool = False, *, next_width: float | None = None,
                after: Unit | None = None) -> bool:
    """Whether `nxt` continues the paragraph `prev` (a break PDF copying put inside a sentence).

    In `indent_mode` (a wrapped copy whose paragraphs start indented) an unindented line
    continues the paragraph even after a full stop that happened to fall at the line end.
    With `wrap_width` (a copy wrapped at that width; `all_gaps`: with a blank line after every
    line, so blank lines say nothing) a line that stops short ends its paragraph, and a full line runs on into the next unless that starts a
    numbered item: a full stop at the end of a full line is more often a wrap than an end.
    `wrap_width` is the measure where `last_line` stands, `next_width` (default the same) the one
    where `nxt` stands: lines set beside a figure or in a box are narrower than the page's.
    `after`: the line after `nxt`, to tell a first line shortened by its indent (a new paragraph
    after a full stop) from a line that continues the paragraph.
    """
    if prev.rows is not None or nxt.rows is not None or prev.style or nxt.style:
        return False
    p, n = prev.text, nxt.text
    source = parse_source(p)
    if source is not None:
        # A source line is a paragraph of its own, unless its bracket closes on the next line.
        return bool(source.opening and not source.closing and len(n) <= 60 and n.rstrip()[-1:] in "）)】]］")
    if is_attribution(n) and not is_attribution(p):
        return True
    if p.rstrip()[-1:] in "）)" and is_adoption_note(p) or _APPENDIX_LABEL.match(p):
        return False          # （2015年7月1日……会议通过）, 附：…说明: lines of their own
    if prev.hard or nxt.hard:
        return False
    if indent_mode and not nxt.gap:
        if nxt.indent or _blocks_join(n) or p.endswith(("：", ":")):
            return False
        if ends_sentence(p):
            return not _heading_like(p)
        if _wrapped_heading(prev, n, after):
            return True
    if wrap_width and (not nxt.gap or all_gaps) and last_line:
        if _blocks_join(n):
            return False
        if visual_width(last_line) < wrap_width - 2.5:
            # Short, unless a Latin word that would not fit is what pushed the line to break:
            # "……伙伴关系协定》" / "(CPTPP)、……"
            token = _LEAD_LATIN.match(n)
            if p[-1] in _CONTINUES or (token is not None and not ends_sentence(p) and
                                       visual_width(last_line) + visual_width(token.group(0)) > wrap_width - 1):
                return True
            # A numbered heading set in larger type wraps earlier: "（四）先锋科技：……增长" / "高地。"
            return (parse_marker(p) is not None and p == last_line and not ends_sentence(p)
                    and visual_width(p) >= wrap_width * 0.7 and len(n) <= 12 and ends_sentence(n))
        measure = wrap_width if next_width is None else next_width
        if ends_sentence(p) and visual_width(n) < measure - 2.5 and not ends_sentence(n) \
                and not n.endswith(("：", ":")) and n[-1] not in CLOSERS:
            return False   # a one-line heading after a full stop, not the last line of the paragraph
        if ends_sentence(p) and _indented_first_line(last_line, n, after):
            return False   # the next line is two characters short and runs on: a paragraph's indent
        return True
    if ends_sentence(p) or p.endswith(("：", ":")) or _blocks_join(n):
        return False
    if p[-1] in _CONTINUES:
        return True
    return not _heading_like(p)


def _wrapped_heading(prev: Unit, n: str, after: Unit | None) -> bool:
    """In an indented copy, a long numbered heading that wrapped: its first line is indented and
    long (十三、解除隔离管理、出院标准及解除隔离管理、出院), the next line is a short unindented rest
    of it (后注意事项) and what follows starts something new (indented, numbered or blank)."""
    p = prev.text
    if not prev.indent or "\n" in p or parse_marker(p) is None or len(p.strip()) < 18:
        return False
    if len(n.strip()) > 12 or ends_sentence(n) or n.rstrip()[-1:] in "：:，,；;、" or parse_marker(n) is not None:
        return False
    return after is None or after.gap or after.indent or after.rows is not None or _blocks_join(after.text)


def _indented_first_line(p: str, n: str, after: Unit | None) -> bool:
    """Whether `n`, in a copy that lost its indents, is the first line of a paragraph: two
    characters narrower than the lines around it (the indent), and not the paragraph's end.

    `p` (the line before, which ended a sentence) and `after` (the line after) are set at the same
    measure; the wider of them is the measure's width: a wrapped line is as wide as that, or one
    character less where a character went down with punctuation that cannot start a line. Only
    lines of Chinese characters, whose widths are exact (Latin letters and the spaces a copy puts
    around them make a width uncertain by a character)."""
    if after is None or after.gap or after.rows is not None or after.style or _blocks_join(after.text):
        return False
    if ends_sentence(n) or n[-1] in _END_OR_CLOSER:
        return False
    if any(ch.isascii() for text in (p, n, after.text) for ch in text):
        return False
    short = max(visual_width(p), visual_width(after.text)) - visual_width(n)
    return 1.5 <= short <= 2.5


_END_OR_CLOSER = "：:" + CLOSERS


def local_measures(units: list[Unit], wrap: float) -> list[float]:
    """For each unit, the width its line was wrapped at: `wrap`, or narrower where the lines
    around it say so (text set beside a figure, in a box).

    Evidence is the nearest line on each side (up to two lines away, no blank line between) that
    was wrapped rather than ended (no full stop at its end) and is at least 60 % of `wrap`. A side
    whose evidence is within `_RUN_MARGIN` of `wrap` says `wrap`: a first line shortened by its
    indent or a width estimated from Latin letters is no narrower measure. The narrower side wins,
    so the first and last lines of a narrow run are judged by the run, not by the text beyond it.
    A run of short one-line paragraphs ends each line with a full stop: no evidence, `wrap` holds.
    """
    if not wrap:
        return [0.0] * len(units)
    widths = [visual_width(u.text) if u.rows is None and not u.hard and not u.style else 0.0 for u in units]
    wrapped = [w >= 0.6 * wrap and not ends_sentence(u.text) and not u.text.endswith(("：", ":"))
               for u, w in zip(units, widths)]
    out = []
    for j in range(len(units)):
        measure = wrap
        for step in (-1, 1):
            k = j
            for _ in range(2):
                if (step < 0 and units[k].gap) or (step > 0 and k + 1 < len(units) and units[k + 1].gap):
                    break          # a blank line: the lines beyond belong to another block
                k += step
                if not 0 <= k < len(units):
                    break
                if wrapped[k]:
                    if widths[k] < wrap - _RUN_MARGIN:
                        measure = min(measure, widths[k])
                    break
        out.append(measure)
    return out


_RUN_MARGIN = 3.5   # an indent (2) and the uncertainty of a width with Latin letters in it (1.5)


def _closing_lines(units: list[Unit]) -> set[int]:
    """Indexes of the signature lines standing just above a date line (and the date lines)."""
    found: set[int] = set()
    for j in range(len(units) - 1, -1, -1):
        t = units[j].text
        if units[j].rows is None and is_date_line(t):
            found.add(j)
        elif j + 1 in found and units[j].rows is None and looks_like_signature(t):
            found.add(j)
    return found


def join_paragraphs(units: list[Unit], notes: Notes, wrap: float | None = None) -> list[Unit]:
    """Stage 2: paragraphs rejoined across breaks inside a sentence; attributions attached.

    `wrap`: the wrap width when known from a larger text (0: not wrapped), else measured here.
    Pieces are collected and joined once per paragraph, so a paste with no paragraph breaks at
    all still takes linear time.
    """
    out: list[Unit] = []
    pieces: list[list[str]] = []
    sizes: list[int] = []
    closing = _closing_lines(units)
    mode = _indent_mode(units)
    if wrap is None:     # a bulletin passes the width measured on the whole issue
        wrap = 0.0 if mode else wrap_width(units)
    elif mode:
        wrap = 0.0
    text_units_ = [u for u in units if u.rows is None and not u.hard]
    all_gaps = bool(text_units_) and sum(u.gap for u in text_units_) * 10 >= len(text_units_) * 9
    measures = [wrap] * len(units) if all_gaps else local_measures(units, wrap)
    for j, u in enumerate(units):
        prev = out[-1] if out else None
        if prev is not None and j not in closing and not is_attachment(prev.text) and should_join(
                prev, u, mode, measures[j - 1], pieces[-1][-1], all_gaps, next_width=measures[j],
                after=units[j + 1] if j + 1 < len(units) else None):
            notes.add("attribution" if is_attribution(u.text) else "joined")
            pieces[-1].append(u.text)
            sizes[-1] += len(u.text)
            prev.text = _view(pieces[-1], sizes[-1])
            continue
        out.append(Unit(u.text, u.gap, u.hard, u.style, u.rows, u.line, u.indent))
        pieces.append([u.text])
        sizes.append(len(u.text))
    for unit, parts in zip(out, pieces):
        if len(parts) > 1:
            text = parts[0]
            chunks = [text]
            for part in parts[1:]:
                chunks.append(_concat(chunks[-1][-1:] if chunks else "", part)[len(chunks[-1][-1:]):])
            unit.text = "".join(chunks)
    return out


def visual_width(text: str) -> float:
    """Width in Chinese characters: Latin letters, digits and ASCII punctuation count half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def wrap_width(units: list[Unit]) -> float:
    """The line width of a copy wrapped without blank lines (PDF text), or 0 when it is not one."""
    text = [u for u in units if u.rows is None and not u.hard]
    if len(text) < 6:
        return 0.0
    gaps = sum(u.gap for u in text)
    if gaps * 2 > len(text) and gaps * 10 < len(text) * 9:
        return 0.0    # blank lines between some lines only: they mark the paragraphs
    widths = [round(visual_width(u.text)) for u in text if visual_width(u.text) >= 10]
    if len(widths) < 5:
        return 0.0
    counts = Counter(widths)
    best, hits = 0, 0
    for w in counts:
        n = counts[w - 1] + counts[w] + counts[w + 1]
        if n > hits or (n == hits and w > best):
            best, hits = w, n
    return float(best) if best >= 20 and hits >= max(5, 0.3 * len(widths)) else 0.0


def _indent_mode(units: list[Unit]) -> bool:
    """A wrapped copy (few blank lines) whose paragraphs start with an indent."""
    text = [u for u in units if u.rows is None and not u.hard]
    if len(text) < 6:
        return False
    indented = sum(u.indent for u in text)
    gaps = sum(u.gap for u in text)
    return indented >= 3 and indented * 7 >= len(text) and indented < len(text) * 0.8 and gaps * 3 < len(text)


def _view(parts: list[str], size: int) -> str:
    """The paragraph so far, or for a long one its start and end (all that joining decisions look at).

    `size`: the paragraph's length so far.
    """
    if size < 300:
        text = parts[0]
        for part in parts[1:]:
            text = _concat(text, part)
        return text
    return parts[0][:60] + "，" + _concat(parts[-2][-1:], parts[-1])[-60:]


def _concat(a: str, b: str) -> str:
    """Two pieces of one paragraph: no space across a Chinese break, one space between Latin words."""
    if not a or not b:
        return a + b
    if a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


# A law's chapter heading or article glued after the sentence before it, as a copy that lost a
# line break leaves it: ……制定仲裁规则。第三章 仲裁协议 / ……可以仲裁。第三条 【消极适用范围】……
# An article cited in a sentence (第三条规定的……) is never followed by a space or 【.
_GLUED_STRUCTURE = re.compile(
    r"(?<=[。；！？])[ \u3000]*(?=第[一二三四五六七八九十百零〇]{1,6}(?:[章节][ \u3000]*[^。，；：:！？]{1,24}$|条(?:[ \u3000]|【)))")


def split_glued_structure(units: list[Unit], notes: Notes) -> list[Unit]:
    """Paragraphs with a chapter heading or an article glued on split where the break was lost."""
    out: list[Unit] = []
    for u in units:
        if u.rows is not None or "第" not in u.text or not _GLUED_STRUCTURE.search(u.text):
            out.append(u)
            continue
        cuts = [m.start() for m in _GLUED_STRUCTURE.finditer(u.text)]
        starts = [0, *cuts]
        for k, (a, b) in enumerate(zip(starts, [*cuts, len(u.text)])):
            piece = u.text[a:b].strip()
            if piece:
                out.append(Unit(piece, u.gap if k == 0 else False, u.hard, u.style if k == 0 else "", None, u.line,
                                u.indent if k == 0 else False))
        notes.extra.append(f"段落中连在句号后的章或条（{len(cuts)} 处）已另起一段")
    return out

