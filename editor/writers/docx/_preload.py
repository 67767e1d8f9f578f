"""python-docx imported with Python's cyclic garbage collector paused, and what is alive then frozen.

Importing python-docx makes some 400 classes with their descriptors and functions: collections
while they are made, and over them while the document is built, find no garbage and cost about
4 ms of a build's CPU time. So they are made with the collector paused, and everything alive at
the end of the import (the program so far, python-docx) is moved out of the collector's sight
(gc.freeze) until the document is built (DocxWriter.build calls thaw()), after which collections
see it again: a long-running program (the GUI) keeps nothing it would have freed.

The package imports this first, so that its own imports of python-docx find it loaded.
"""

import gc

if gc.isenabled():
    gc.disable()
    try:
        import docx  # noqa: F401
        gc.freeze()
    finally:
        gc.enable()


def thaw() -> None:
    """Give what the import froze back to the collector (its oldest generation)."""
    if gc.get_freeze_count():
        gc.unfreeze()
