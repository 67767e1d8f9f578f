"""Measuring in ems, for the decisions the composition makes before any font is loaded.

A CJK character (and every full-width form) is one em in any Chinese face, so a measure
counted in ems is exact for Chinese text; Latin letters and digits count half an em, an
estimate. A title's lines at the print measure are reckoned this way (writers.titles breaks
them) for writers that cannot measure their fonts.
"""

from __future__ import annotations

import re

from ..template import Template
from ..writers.titles import broken_title

MM = 72 / 25.4
# Lines reckoned in estimated ems are broken a little short of the measure: the estimate of Latin
# letters and digits is only an estimate.
ESTIMATE_MARGIN = 0.96

# The characters U+2E80–U+FFFF, written as what they are not: compiling "[\u2e80-\uffff]" walks
# its 53,000 code points one by one (3 ms at every start-up), the complement 12,000.
_WIDE = re.compile("[^\x00-\u2e7f\U00010000-\U0010ffff]")


def text_units(text: str) -> float:
    """Width of `text` in ems: CJK and full-width characters 1, others ½."""
    wide = _WIDE.subn("", text)[1]
    return wide + (len(text) - wide) * 0.5


def char_units(ch: str) -> float:
    return 1.0 if _WIDE.match(ch) else 0.5


def text_width(template: Template) -> float:
    """The width of the type area in points (as the writers reckon it: page less margins)."""
    page = template.page
    return page.size_mm[0] * MM - page.margin_left * MM - page.margin_right * MM


def style_measure(template: Template, style: str, width: float | None = None) -> float:
    """The measure of a paragraph in `style`, `width` points wide (the type area), in its ems."""
    st = template.styles[style]
    room = (text_width(template) if width is None else width) - (st.left_indent + st.first_indent) * st.size
    return room / st.size


def set_lines(line: str, measure_em: float) -> list[str]:
    """One line of a title broken between words where it is wider than the measure (in ems)."""
    return broken_title(line, [char_units(ch) for ch in line], measure_em, 1.0)


def own_lines(text: str) -> list[str]:
    """A title's own lines: the editor's line breaks, each line trimmed, empty ones dropped."""
    return [line.strip() for line in text.split("\n") if line.strip()]
