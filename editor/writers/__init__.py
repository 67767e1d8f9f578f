"""Writers: one package per output format, each rendering a `Composition` and deciding nothing
the composition has decided.

A writer is a subclass of `Writer` with one method, `render(composition, target)`: it writes
the whole output to `target.path` (a temporary file, or an empty temporary folder for a writer
whose output is a folder, that the build moves into place only on success) and returns a
`WriterReport`. Register a new format in WRITERS; its module is imported only when that format
is built.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, ClassVar

from ..records import record

if TYPE_CHECKING:
    from ..compose import Composition

# format → "module:class", imported only when that format is built
WRITERS = {
    "pdf": "editor.writers.pdf:PdfFormat",
    "docx": "editor.writers.docx:DocxFormat",
    "html": "editor.writers.html:HtmlFormat",
}

Progress = Callable[[float, str], None]   # (fraction 0..1, Chinese status text)


@record
class WriterReport:
    """What a writer tells the build about the file it wrote."""

    page_count: int | None = None                            # None when the format does not paginate
    article_pages: dict[str, int] = field(default_factory=dict)  # article id → first page (1-based)
    warnings: list[str] = field(default_factory=list)        # Chinese
    files: list[Path] = field(default_factory=list)          # a folder's files worth naming, besides its main one


@record
class Target:
    """Where a writer writes: a file (or, for a folder format, an empty folder) and whom it tells
    how far it has got."""

    path: Path
    progress: Progress | None = None

    def step(self, fraction: float, text: str) -> None:
        if self.progress is not None:
            self.progress(fraction, text)


class Writer(ABC):
    """One output format. `render` sets the composition as it is laid out; what it may decide is
    only what belongs to its format (fonts and measuring, pagination, markup)."""

    format: ClassVar[str]              # the --format name: pdf, docx, html
    folder: ClassVar[bool] = False     # the output is a folder (OUT/<stem>/), not OUT/<stem>.<format>

    def output_path(self, out_dir: Path, stem: str) -> Path:
        return out_dir / stem if self.folder else out_dir / f"{stem}.{self.format}"

    @abstractmethod
    def render(self, composition: Composition, target: Target) -> WriterReport:
        """Write the whole output to target.path."""


def writer_for(fmt: str) -> Writer:
    module, name = WRITERS[fmt].split(":")
    cls = getattr(importlib.import_module(module), name)
    if not (isinstance(cls, type) and issubclass(cls, Writer)):
        raise TypeError(f"{WRITERS[fmt]} is not a Writer")
    return cls()
