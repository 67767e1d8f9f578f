"""Writers: one module per output format, each setting a `Composition`.

A writer is a function `write(comp, template, path, progress) -> WriterReport`
that writes the whole file to `path` (a temporary file that the build moves into
place only on success). Register a new format in WRITERS.
"""

from __future__ import annotations

import importlib
from dataclasses import field
from typing import Callable

from ..records import record

# format → "module:function", imported only when that format is built
WRITERS = {
    "pdf": "editor.writers.pdf:write_pdf",
    "docx": "editor.writers.docx:write_docx",
}

Progress = Callable[[float, str], None]   # (fraction 0..1, Chinese status text)


@record
class WriterReport:
    """What a writer tells the build about the file it wrote."""

    page_count: int | None = None                            # None when the format does not paginate
    article_pages: dict[str, int] = field(default_factory=dict)  # article id → first page (1-based)
    warnings: list[str] = field(default_factory=list)        # Chinese


def writer_for(fmt: str):
    target = WRITERS[fmt]
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)
