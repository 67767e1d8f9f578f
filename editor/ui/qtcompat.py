"""A guard against a reference-counting bug of PySide6 6.12 on Python 3.11.

Measured here (PySide6 6.12.0, CPython 3.11): every `Signal.emit()` drops one
reference to the bool it returns, and static void methods such as
`QCoreApplication.processEvents()` or `QTest.qWait()` drop one reference to
None. On Python 3.12 and later these objects are immortal and nothing
happens; on 3.11 `True` starts with a few hundred references, so a few
hundred edits would abort the program ("deallocating True or False").

`shield()` gives None, True and False a large reserve of references (they
are never freed anyway), and the app renews it periodically. It changes
nothing where the objects are immortal or where the bug does not show.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40


def shield() -> bool:
    """Top up the reference counts of None, True and False; True when that was needed."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False            # immortal objects
    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))   # ob_refcnt is the first field of every object
        if count.value < RESERVE // 2:
            before = sys.getrefcount(obj)
            count.value += RESERVE
            if sys.getrefcount(obj) != before + RESERVE:      # not the layout we assumed: put it back
                count.value -= RESERVE
                return False
    return True
