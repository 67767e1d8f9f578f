"""Chinese line breaking for the PDF writer: break rules, punctuation widths, justification.

A paragraph is prepared once (`prepare`): its text, the advance of every
character, and where a line may not break. A line may break between any two
characters except where the rules forbid it:

- no line begins with a closing mark (，。、；：？！）》」』”’… and their kin);
- no line ends with an opening mark (（《「『“‘ and their kin);
- “……” and “——” are never split, nor a Latin word or number (long URLs may break after / . -);
- a line breaks after a space, never before it.

Punctuation widths follow one style, the mainland one (GB/T 15834 marks, W3C clreq
§3.1.6 compression), everywhere text is set: body, titles, contents, the 编者按 box.

- Mid-line, every mark is full width: 。，、；：？！ are never compressed on their own.
- Two adjacent marks give up the blank between them: a closing mark followed by an
  opening one (》《 ）（ ”“ ，“) both give up their blank half and take one em together;
  two closing marks (。” ）。) or two opening ones (（《 “《) give up one half, the
  first's right or the second's left, and take one and a half.
- At the end of a line a closing mark gives up its blank half, and at the start of a
  line (not a paragraph's first) an opening mark gives up its blank half, so that ink,
  not blank, meets the margins and a line justifies without spreading its characters.
- The brackets of a 文号 (国办发〔2023〕17号) are never compressed (the template's
  [pdf] compress_doc_numbers = true lets them be).

Justification spreads the remaining space evenly over the gaps between
characters, never inside a Latin word.

Lines are found greedily, a binary search on cumulative widths per line, then
the last line is kept from holding a single character by pulling the break
before it back. The per-character work is done by list comprehensions,
`itertools.accumulate` and regular expressions, so a long issue breaks in a few
hundredths of a second. Pure Python, no reportlab: advances come from a
per-font table of widths at size 1.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from itertools import accumulate
from types import SimpleNamespace
from typing import Callable, Mapping, Sequence

# Cannot begin a line (GB/T 15834 usage, CLREQ 行首禁则).
NO_START = frozenset(
    "，。、；：？！）》」』〕】〗〙〉］｝”’…‥·・%％‰℃°～"
    ",.;:?!)]}>"
    "ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
# Cannot end a line (行尾禁则).
NO_END = frozenset("（《「『“‘〔【〖〘〈［｛([{<￥$£€#")
# Marks whose ink sits in the left half of the em box in Simplified Chinese fonts.
CLOSING = frozenset("，。、；：？！）》」』〕】〗〙〉］｝”’")
# Marks whose ink sits in the right half.
OPENING = frozenset("（《「『“‘〔【〖〘〈［｛")
# Pairs never split across lines.
DOUBLED = ("……", "——")
# Long Latin words (URLs) may break after these.
SOFT_BREAK_AFTER = frozenset("/-_.?&=#")
LONG_WORD = 16
START_TRIM = True


def _cls(chars) -> str:
    return "".join(re.escape(c) for c in sorted(chars))


_CJK = "\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u2010-\u206F\u3000-\u303F\U00020000-\U0010FFFF·°℃"


@cache
def _rx() -> SimpleNamespace:
    """The patterns, compiled on first use: they take ~3 ms, and the DOCX writer imports this
    module (through titles) for its tables only."""
    return SimpleNamespace(
        latin_run=re.compile(f"[^ \\t\\u00a0\\n{_CJK}]{{2,}}"),
        no_start=re.compile(f"[{_cls(NO_START)}]"),
        no_end=re.compile(f"[{_cls(NO_END)}]"),
        doubled=re.compile("……|——"),
        space=re.compile("[ \\t\\u00a0]"),
        trim_r=re.compile(f"[{_cls(CLOSING)}](?=[{_cls(CLOSING | OPENING)}])"),
        trim_l=re.compile(f"(?<=[{_cls(CLOSING | OPENING)}])[{_cls(OPENING)}]"),
        significant=re.compile(f"[^ \\t\\u00a0\\n{_cls(NO_START | NO_END)}{_cls(set('—…·'))}]"))


class Piece:
    """A run of text with one look. `font` is a registered reportlab font name; color None: the
    paragraph's colour. (Plain classes here rather than dataclasses: they load faster.)"""

    __slots__ = ("text", "font", "size", "bold", "color", "link")

    def __init__(self, text: str, font: str, size: float, bold: bool = False, color: str | None = None,
                 link: str | None = None):
        self.text, self.font, self.size, self.bold, self.color, self.link = text, font, size, bold, color, link

    def __repr__(self) -> str:
        return f"Piece({self.text!r}, {self.font!r}, {self.size!r}, bold={self.bold!r})"


class Para:
    """A prepared paragraph: text, advances, cumulative widths and break rules, all by character."""

    __slots__ = ("text", "pieces", "starts", "adv", "cum", "nobrk", "nscum", "trim_l", "trim_r", "cuts", "n",
                 "fixed")

    def __init__(self, pieces: Sequence[Piece], table: Callable[[str], Mapping[str, float]],
                 keep_doc_numbers: bool = True):
        self.pieces = list(pieces)
        self.text = text = "".join(p.text for p in self.pieces)
        self.n = n = len(text)
        adv: list[float] = []
        starts = []
        for p in self.pieces:
            starts.append(len(adv))
            widths = table(p.font)
            size = p.size
            adv.extend([widths[c] * size for c in p.text])
        self.starts = starts
        nobrk = bytearray(n)                 # 1: no break after this character
        nostretch = bytearray(n)             # 1: no justification gap after this character
        cuts = set(starts)                   # where a drawn run of glyphs must begin anew
        rx = _rx()
        for m in rx.latin_run.finditer(text):
            s, e = m.span()
            nobrk[s:e - 1] = b"\x01" * (e - 1 - s)
            nostretch[s:e - 1] = b"\x01" * (e - 1 - s)
            cuts.add(s)
            cuts.add(e)
            if e - s >= LONG_WORD:
                for j in range(s, e - 1):
                    if text[j] in SOFT_BREAK_AFTER and j - s >= 1:
                        nobrk[j] = 0
        for m in rx.no_start.finditer(text):
            if m.start():
                nobrk[m.start() - 1] = 1
        for m in rx.space.finditer(text):
            if m.start():
                nobrk[m.start() - 1] = 1     # break after the space instead
        for m in rx.no_end.finditer(text):
            nobrk[m.start()] = 1
        for m in rx.doubled.finditer(text):
            nobrk[m.start()] = 1
        # 文号 brackets keep their width
        self.fixed = _doc_number_brackets(text) if keep_doc_numbers else frozenset()
        fixed = self.fixed
        # adjacent punctuation: the blank between the two goes (closing + opening: both halves)
        self.trim_r: dict[int, float] = {}
        self.trim_l: dict[int, float] = {}
        for m in rx.trim_r.finditer(text):
            i = m.start()
            if i in fixed or i + 1 in fixed:
                continue
            half = adv[i] / 2
            self.trim_r[i] = half
            adv[i] -= half
            cuts.add(i + 1)
        for m in rx.trim_l.finditer(text):
            i = m.start()
            if i in fixed or i - 1 in fixed or (text[i - 1] in CLOSING and i - 1 not in self.trim_r):
                continue
            half = adv[i] / 2
            self.trim_l[i] = half
            adv[i] -= half
            cuts.add(i)
            if text[i - 1] in CLOSING:      # 》《: the pair drawn as runs of their own (see pdf.paragraph)
                cuts.add(i - 1)
                cuts.add(i + 1)
        for i, c in (enumerate(text) if "\n" in text else ()):
            if c == "\n":
                adv[i] = 0.0
                cuts.add(i)
                cuts.add(i + 1)
        self.adv = adv
        self.cum = list(accumulate(adv, initial=0.0))
        self.nobrk = nobrk
        self.nscum = list(accumulate(nostretch, initial=0))
        self.cuts = sorted(c for c in cuts if 0 < c < n)

    def piece_at(self, i: int) -> int:
        return bisect_right(self.starts, i) - 1

    def end_trim(self, end: int) -> float:
        """Blank a closing mark gives up when it ends a line."""
        if end <= 0:
            return 0.0
        i = end - 1
        if self.text[i] in CLOSING and i not in self.trim_r and i not in self.fixed:
            return self.adv[i] / 2
        return 0.0

    def start_trim(self, start: int) -> float:
        """Blank an opening mark gives up when it starts a line (other than a paragraph's first)."""
        if START_TRIM and start < self.n and self.text[start] in OPENING and start not in self.trim_l and start not in self.fixed:
            return self.adv[start] / 2
        return 0.0

    def gaps(self, s: int, e: int) -> int:
        """Stretchable gaps between characters s … e-1."""
        if e - s < 2:
            return 0
        return (e - s - 1) - (self.nscum[e - 1] - self.nscum[s])


class Line:
    """One line: para.text[start:end] (no spaces at either end), its left offset x inside the
    paragraph, the width it may fill, its natural width before justification, the blank a closing
    mark at its end gives up, whether it is the last line (or ends at a forced break), and the blank an
    opening mark at its start gives up (its first character is drawn that much left of x)."""

    __slots__ = ("start", "end", "x", "avail", "natural", "end_trim", "last", "start_trim")

    def __init__(self, start: int, end: int, x: float, avail: float, natural: float, end_trim: float,
                 last: bool, start_trim: float = 0.0):
        self.start, self.end, self.x, self.avail = start, end, x, avail
        self.natural, self.end_trim, self.last = natural, end_trim, last
        self.start_trim = start_trim

    def __repr__(self) -> str:
        return f"Line({self.start}, {self.end}, natural={self.natural:.1f}, last={self.last})"

    def text(self, para: Para) -> str:
        return para.text[self.start:self.end]


LineGeometry = Callable[[int], tuple[float, float]]   # line index → (x offset, available width)


def prepare(pieces: Sequence[Piece], table: Callable[[str], Mapping[str, float]]) -> Para:
    return Para(pieces, table)


def _doc_number_brackets(text: str) -> frozenset[int]:
    """Where the brackets of the 文号 in `text` are (国办发〔2023〕17号: the 〔 and the 〕)."""
    if "号" not in text:
        return frozenset()
    from ..conventions import find_doc_numbers

    return frozenset(i for d in find_doc_numbers(text, orders=False) if d.kind == "year"
                     for i in (d.open_at, d.close_at))


def _fit(para: Para, s: int, stop: int, avail: float, start_trim: float = 0.0) -> int:
    """The end of the longest line from s (at most `stop`) that fits `avail` and may break there."""
    cum, text = para.cum, para.text
    limit = cum[s] + avail + start_trim + 1e-6
    e = bisect_right(cum, limit, s + 1, stop + 1) - 1
    if e < stop and text[e] in CLOSING and e not in para.trim_r and cum[e + 1] - para.adv[e] / 2 <= limit:
        e += 1                                  # a closing mark fits by giving up its blank half
    if e >= stop:
        return stop
    e = max(e, s + 1)
    nobrk = para.nobrk
    b = e
    while b > s + 1 and nobrk[b - 1]:
        b -= 1
    if nobrk[b - 1]:
        # nothing breakable fits (a word or run longer than the line, a pasted hash or URL): break
        # it where the line is full; running on to its end drew it off the page (issue #20)
        b = e
    return b


def break_lines(para: Para, geometry: LineGeometry, *, ragged: bool = False, avoid_widow: bool = True,
                min_last: int = 2) -> list[Line]:
    """Greedy line breaking; the last line keeps at least `min_last` characters when it can."""
    text, n = para.text, para.n
    spans: list[tuple[int, int, bool]] = []     # (start, end, forced)
    s = 0
    while s < n and text[s] in " \t\u00a0":
        s += 1
    while s < n:
        nl = text.find("\n", s)
        stop = n if nl == -1 else nl
        if stop == s:                       # an empty line between forced breaks
            spans.append((s, s, True))
            s += 1
            continue
        _, avail = geometry(len(spans))
        e = _fit(para, s, stop, avail, para.start_trim(s) if spans else 0.0)
        spans.append((s, e, e == stop and stop < n))
        s = e + 1 if (e == stop and stop < n) else e
        while s < n and text[s] in " \t\u00a0":
            s += 1
    if avoid_widow and len(spans) >= 2 and not spans[-2][2]:
        _fix_widow(para, spans, geometry, min_last)
    return [_make_line(para, s, e, i, geometry, forced or i == len(spans) - 1)
            for i, (s, e, forced) in enumerate(spans)]


def _significant(para: Para, s: int, e: int) -> int:
    return len(_rx().significant.findall(para.text, s, e))


def _fix_widow(para: Para, spans: list, geometry: LineGeometry, min_last: int) -> None:
    """Pull the break before a too-short last line back, while the last line still fits."""
    ps, pe, _ = spans[-2]
    ls, le, forced = spans[-1]
    _, avail = geometry(len(spans) - 1)
    nobrk, cum = para.nobrk, para.cum
    while _significant(para, ls, le) < min_last:
        b = pe - 1
        while b > ps + 1 and (nobrk[b - 1] or para.text[b] in " \t\u00a0"):
            b -= 1
        if b <= ps + 1 or (pe - b) > 8:
            return
        start = b
        if cum[le] - cum[start] - para.end_trim(le) - para.start_trim(start) > avail + 1e-6:
            return
        pe, ls = b, start
        spans[-2] = (ps, pe, False)
        spans[-1] = (ls, le, forced)


def _make_line(para: Para, s: int, e: int, index: int, geometry: LineGeometry, last: bool) -> Line:
    x, avail = geometry(index)
    text = para.text
    end = e
    while end > s and text[end - 1] in " \t\u00a0\n":
        end -= 1
    trim = para.end_trim(end)
    lead = para.start_trim(s) if index else 0.0
    return Line(s, end, x, avail, para.cum[end] - para.cum[s] - trim - lead, trim, last, lead)


def line_start(para: Para, line: Line, align: str) -> tuple[float, float]:
    """Where a line's first character goes and the extra gap after each stretchable one, for `align`."""
    slack = line.avail - line.natural
    x = line.x - line.start_trim
    if align == "justify":
        if line.last or slack <= 0:
            return x, 0.0
        gaps = para.gaps(line.start, line.end)
        return x, (slack / gaps if gaps else 0.0)
    if align == "center":
        return x + slack / 2, 0.0
    if align == "right":
        return x + slack, 0.0
    return x, 0.0


def x_of(para: Para, line: Line, x0: float, extra: float, i: int) -> float:
    """Glyph origin of character i of the line, the line starting at x0 with `extra` per gap."""
    s = line.start
    gaps = (i - s) - (para.nscum[i] - para.nscum[s])
    return x0 + para.cum[i] - para.cum[s] + extra * gaps - para.trim_l.get(i, 0.0)


def segments(para: Para, line: Line, align: str):
    """Runs of the line that can each be drawn with one text operator: (start, end, x, char spacing).

    Inside a run every gap gets the same extra space (the PDF char spacing); a run ends
    at a change of look, around a Latin word (whose letters must not spread) and at a
    compressed mark.
    """
    x0, extra = line_start(para, line, align)
    s, e = line.start, line.end
    if e <= s:
        return []
    cuts = para.cuts
    bounds = [s, *cuts[bisect_right(cuts, s):bisect_left(cuts, e)], e]
    out = []
    nscum = para.nscum
    for a, b in zip(bounds, bounds[1:]):
        if a == b:
            continue
        word = b - a > 1 and nscum[b - 1] - nscum[a] == b - 1 - a     # a Latin word: no spreading inside
        out.append((a, b, x_of(para, line, x0, extra, a), 0.0 if word else extra))
    return out


def balance(para: Para, geometry: LineGeometry) -> list[Line]:
    """Lines of nearly equal length for centred titles: the narrowest width giving as few lines."""
    full = break_lines(para, geometry, ragged=True, avoid_widow=False)
    if len(full) < 2:
        return full
    x0, avail = geometry(0)
    lo, hi = avail * 0.4, avail
    best = full
    for _ in range(12):
        mid = (lo + hi) / 2
        trial = break_lines(para, lambda i, m=mid: (x0, m), ragged=True, avoid_widow=False)
        if len(trial) <= len(full):
            best, hi = trial, mid
        else:
            lo = mid
    return [Line(ln.start, ln.end, x0, avail, ln.natural, ln.end_trim, ln.last, ln.start_trim) for ln in best]


def violations(line_texts: Sequence[str]) -> list[tuple[int, str]]:
    """Lines that begin with a closing mark or end with an opening mark (for tests and reports)."""
    bad = []
    for i, t in enumerate(line_texts):
        t = t.strip()
        if not t:
            continue
        if t[0] in NO_START or t[-1] in NO_END:
            bad.append((i, t))
    return bad
