"""Regular expressions compiled the first time they are used, not when their module is imported.

Compiling a pattern with a large or scattered character class costs up to milliseconds (re walks
such classes code point by code point), and every command pays it at start-up for patterns that
most runs never reach. Used together with a cheap test that is true of every text the pattern
can match (a date line ends with 日), such a pattern is then compiled only when it can matter.
"""

from __future__ import annotations

import re
from functools import cached_property


class LazyPattern:
    """re.compile(pattern, flags), done on first use of match, search, sub … (or of .compiled)."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags = pattern, flags

    @cached_property
    def compiled(self) -> re.Pattern:
        return re.compile(self.pattern, self.flags)

    def __getattr__(self, name: str):      # only for names the object lacks: match, search, groups …
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"
