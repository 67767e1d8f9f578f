"""`record`: @dataclass for the program's small data classes, at less cost when a command starts.

Python 3.11's @dataclass writes every method it generates as source text and exec()s it, about
0.1 ms a method, and one `bulletin build` creates some forty classes. A record is a dataclass
(fields(), replace() and asdict() work) whose __repr__ is one shared function printing exactly
what the generated one would. Value equality (__eq__, and __hash__ for frozen records) is
generated only where asked for with eq=True: the other records compare by identity, as nothing
compares them by value. Give every record a docstring: for a class without one, @dataclass
computes inspect.signature() to write one.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


def _repr(self) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
    return f"{type(self).__qualname__}({shown})"


def record(cls=None, /, *, eq: bool = False, frozen: bool = False):
    """@record, @record(eq=True) or @record(eq=True, frozen=True) on a class, as @dataclass."""

    def wrap(c: type) -> type:
        if "__repr__" not in c.__dict__:       # a class's own __repr__ wins, as with @dataclass
            c.__repr__ = _repr
        return dataclass(c, eq=eq, frozen=frozen, repr=False)

    return wrap if cls is None else wrap(cls)
