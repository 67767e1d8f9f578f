"""Printing the issue (Ctrl+P): the system's print dialog, pages rendered from the preview's PDF.

The PDF is the typeset issue itself, so what is printed is what is exported. Pages are
rendered one at a time at up to PRINT_DPI, so a long issue never needs more than a page's
image in memory.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QProgressDialog

from .pages import on_white

PRINT_DPI = 300


def chosen_pages(printer: QPrinter, count: int, current: int) -> list[int]:
    """0-based pages the print dialog asked for: all, a range (from–to), or the current one."""
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage:
        return [current] if 0 <= current < count else []
    if mode == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), printer.toPage() or count
        return list(range(max(1, first) - 1, min(count, last)))
    return list(range(count))


def print_pages(pdf: QPdfDocument, printer: QPrinter, pages: list[int], progress=None) -> int:
    """Render `pages` of `pdf` onto `printer`, each fitted to the printable area; returns pages printed.

    `progress(done, total)` is called after each page and may return False to stop.
    """
    if not pages:
        return 0
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    sequence = [p for _ in range(copies) for p in pages]
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    done = 0
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        for n, page in enumerate(sequence):
            if n:
                printer.newPage()
            points = pdf.pagePointSize(page)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = on_white(pdf.render(page, size))
            target = QRectF(0, 0, area.width(), area.height())
            scaled = QSize(image.width(), image.height()).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target.setSize(scaled.toSizeF())
            target.moveCenter(QRectF(0, 0, area.width(), area.height()).center())
            painter.drawImage(target, image)
            done += 1
            if progress is not None and progress(done, len(sequence)) is False:
                break
    finally:
        painter.end()
    return done


def print_with_dialog(parent, pdf: QPdfDocument, current_page: int, title: str) -> int | None:
    """Ctrl+P: the system's print dialog, then the pages with a progress bar; None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog.setMinMax(1, pdf.pageCount())
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    pages = chosen_pages(printer, pdf.pageCount(), current_page)
    bar = QProgressDialog("正在打印……", "停止", 0, len(pages), parent)
    bar.setWindowTitle("打印")
    bar.setWindowModality(Qt.WindowModality.WindowModal)
    bar.setMinimumDuration(400)

    def step(done: int, total: int) -> bool:
        bar.setMaximum(total)
        bar.setValue(done)
        QApplication.processEvents()
        return not bar.wasCanceled()

    try:
        return print_pages(pdf, printer, pages, step)
    finally:
        bar.close()
