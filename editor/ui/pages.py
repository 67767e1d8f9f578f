"""The preview's pages: zoom (steps, fit width, fit page, Ctrl+wheel) and a strip of page thumbnails.

Thumbnails are rendered a page per event-loop turn while typing has paused, so a new preview
with thirty pages never holds up a keystroke.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem

if TYPE_CHECKING:       # QtPdf loads when the preview shows pages, not at start-up
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
FIT_WIDTH, FIT_PAGE = "fit-width", "fit-page"
THUMB_WIDTH = 84


def on_white(image: QImage) -> QImage:
    """QPdfDocument renders pages on a transparent background: put them on paper."""
    out = QImage(image.size(), QImage.Format.Format_RGB32)
    out.fill(QColor("white"))
    painter = QPainter(out)
    painter.drawImage(0, 0, image)
    painter.end()
    return out


class Zoom(QObject):
    """The zoom of a QPdfView: a factor (1.0 = 100 %), or fitted to the width or the whole page."""

    changed = Signal(str)            # the zoom as a user reads it: 125 %, 适合宽度, 适合页面

    def __init__(self, view: QPdfView):
        super().__init__(view)
        self.view = view
        self.mode: str | float = FIT_WIDTH
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Wheel and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = event.angleDelta().y()
            if step:
                self.step(1 if step > 0 else -1)
            return True                      # Ctrl+wheel zooms, never scrolls
        return False

    def effective(self) -> float:
        """The factor the pages are shown at now (a fitted zoom measured from the page and the view)."""
        if isinstance(self.mode, float):
            return self.mode
        doc = self.view.document()
        if doc is None or doc.pageCount() == 0:
            return 1.0
        size = doc.pagePointSize(max(0, self.view.pageNavigator().currentPage()))
        dpi = self.view.logicalDpiX() / 72.0
        margins = self.view.documentMargins()
        width = (self.view.viewport().width() - margins.left() - margins.right()) / (size.width() * dpi)
        if self.mode == FIT_WIDTH:
            return max(0.05, width)
        height = (self.view.viewport().height() - margins.top() - margins.bottom()) / (size.height() * dpi)
        return max(0.05, min(width, height))

    def set(self, mode: str | float) -> None:
        from PySide6.QtPdfWidgets import QPdfView

        if isinstance(mode, (int, float)):
            mode = float(max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], mode)))
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(mode)
        elif mode == FIT_PAGE:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            mode = FIT_WIDTH
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.mode = mode
        self.changed.emit(self.label())

    def step(self, direction: int) -> None:
        """One step in or out from the zoom shown now (from a fitted zoom too)."""
        now = self.effective()
        if direction > 0:
            target = next((z for z in ZOOM_STEPS if z > now + 0.005), ZOOM_STEPS[-1])
        else:
            target = next((z for z in reversed(ZOOM_STEPS) if z < now - 0.005), ZOOM_STEPS[0])
        self.set(target)

    def label(self) -> str:
        if self.mode == FIT_WIDTH:
            return "适合宽度"
        if self.mode == FIT_PAGE:
            return "适合页面"
        return f"{round(float(self.mode) * 100)} %"


class PageStrip(QListWidget):
    """Page thumbnails with the articles that start on each page; a click shows that page."""

    page_chosen = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setIconSize(QSize(THUMB_WIDTH, int(THUMB_WIDTH * 1.414)))
        self.setSpacing(2)
        self.setUniformItemSizes(True)
        self.setWordWrap(True)
        self.setAccessibleName("页面列表")
        self.setMinimumWidth(THUMB_WIDTH + 40)
        self._pdf: QPdfDocument | None = None
        self._next = 0
        self.idle_since = lambda: 1e9          # seconds since the last edit (the panel tells)
        self._render = QTimer(self, singleShot=True, interval=0, timeout=self._render_one)
        self.itemClicked.connect(lambda item: self.page_chosen.emit(self.row(item)))
        self.itemActivated.connect(lambda item: self.page_chosen.emit(self.row(item)))

    def set_pages(self, pdf: QPdfDocument | None, starts: dict[int, list[str]]) -> None:
        """Pages of `pdf`; `starts` maps a 1-based page to the titles of the articles starting on it."""
        self._pdf = pdf
        current = self.currentRow()
        self.clear()
        blank = QPixmap(self.iconSize())
        blank.fill(QColor("white"))
        for page in range(pdf.pageCount() if pdf is not None else 0):
            titles = starts.get(page + 1, [])
            text = f"第 {page + 1} 页" + ("\n" + titles[0][:14] + ("…" if len(titles[0]) > 14 else "") if titles else "")
            item = QListWidgetItem(QIcon(blank), text)
            item.setToolTip(f"第 {page + 1} 页" + "".join(f"\n{t}" for t in titles))
            self.addItem(item)
        if 0 <= current < self.count():
            self.setCurrentRow(current)
        self._next = 0
        if self.isVisible():
            self._render.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._render.start()

    def show_page(self, page: int) -> None:
        if 0 <= page < self.count() and page != self.currentRow():
            self.blockSignals(True)
            self.setCurrentRow(page)
            self.blockSignals(False)
            self.scrollToItem(self.item(page))

    def _render_one(self) -> None:
        if self._pdf is None or not self.isVisible() or self._next >= self.count():
            return
        if self.idle_since() < 0.4:              # typing: come back when it pauses
            self._render.start(150)
            return
        start = time.perf_counter()
        while self._next < self.count() and time.perf_counter() - start < 0.012:
            page = self._next
            size = self._pdf.pagePointSize(page).toSize().scaled(self.iconSize(), Qt.AspectRatioMode.KeepAspectRatio)
            image = on_white(self._pdf.render(page, size))
            self.item(page).setIcon(QIcon(QPixmap.fromImage(image)))
            self._next += 1
        if self._next < self.count():
            self._render.start()
