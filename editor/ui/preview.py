"""The preview: the issue's PDF pages with QtPdf, rebuilt in the build process after edits.

Edits restart a timer; when typing pauses the issue is typeset into a cache
folder by the build process (never on the UI thread) and the new file replaces
the old one in the view at the same page. The current article's first page is
known from the build report, so the view can jump to it.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFrame, QHBoxLayout, QLabel, QSizePolicy, QSplitter, QToolBar,
                               QToolButton, QVBoxLayout, QWidget)

from ..paths import cache_dir
from .pages import FIT_PAGE, FIT_WIDTH, PageStrip

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument

    from .builds import BuildService
    from .document import Document

PREVIEW_DELAY_MS = 1200
PAGE_BACKGROUND = "#8A9099"  # around the pages, as a PDF reader shows them
IDLE_BEFORE_SWAP_S = 0.4     # a new preview replaces the old only when typing has paused this long


ZOOM_CHOICES = (("适合宽度", FIT_WIDTH), ("适合页面", FIT_PAGE), ("50 %", 0.5), ("75 %", 0.75), ("100 %", 1.0),
                ("125 %", 1.25), ("150 %", 1.5), ("200 %", 2.0), ("300 %", 3.0))


class ElidedLabel(QLabel):
    """One line of plain text that ends in … when there is no room; the whole text is its tooltip."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setToolTip(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self):
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        shown = self.fontMetrics().elidedText(self.text().replace("\n", " "), Qt.TextElideMode.ElideRight,
                                              self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)


class PreviewPanel(QWidget):
    """PDF pages of the issue as it is now (a little after the last edit)."""

    loaded = Signal()

    def __init__(self, parent=None, auto: bool = True):
        """The toolbar and the status line; the pages (QtPdf) and the build service come with
        complete(), which the window runs once it has painted."""
        super().__init__(parent)
        self.service: BuildService | None = None
        self.auto = auto                 # rebuild after edits (off in tests that do not look at pages)
        self.delay = PREVIEW_DELAY_MS
        self.doc: Document | None = None
        self.article_id: str | None = None
        self.article_pages: dict[str, int] = {}
        self.page_count = 0
        self.job: int | None = None
        self.shown_revision = -1
        self.folder = cache_dir() / "preview" / f"{os.getpid()}-{os.urandom(4).hex()}"
        self._pdf: QPdfDocument | None = None
        self._old: list[QPdfDocument] = []
        self.view = None                 # the QPdfView, from complete()
        self.zoom = None
        self.strip = PageStrip()
        self.strip.hide()
        self.strip.page_chosen.connect(self.goto_page)
        self.strip.idle_since = lambda: time.monotonic() - self._last_edit
        # one line, cut with … when the panel is narrow (the whole text in its tooltip)
        self.status = ElidedLabel("预览尚未生成")
        self.status.setStyleSheet("color:#666;")
        self.page_label = QLabel("")

        tools = QToolBar("预览")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tools.setMovable(False)
        self.tools = tools
        self.pages_action = tools.addAction("页面")
        self.pages_action.setCheckable(True)
        self.pages_action.setToolTip("显示页面缩略图（点一页跳到那里）")
        self.pages_action.toggled.connect(self._show_strip)
        tools.addSeparator()
        self.zoom_out = tools.addAction("－", lambda: self.zoom and self.zoom.step(-1))
        self.zoom_out.setToolTip("缩小（Ctrl+-，或按住 Ctrl 滚动滚轮）")
        self.zoom_box = QComboBox()
        self.zoom_box.setToolTip("缩放")
        for text, mode in ZOOM_CHOICES:
            self.zoom_box.addItem(text, mode)
        self.zoom_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.zoom_box.activated.connect(lambda i: self.zoom and self.zoom.set(self.zoom_box.itemData(i)))
        tools.addWidget(self.zoom_box)
        self.zoom_in = tools.addAction("＋", lambda: self.zoom and self.zoom.step(1))
        self.zoom_in.setToolTip("放大（Ctrl+=，或按住 Ctrl 滚动滚轮）")
        tools.addSeparator()
        self.jump_button = QToolButton()
        self.jump_button.setText("定位到本文")
        self.jump_button.setToolTip("跳到当前文章所在的页（Ctrl+J）")
        self.jump_button.clicked.connect(self.jump_to_article)
        tools.addWidget(self.jump_button)
        self.follow = QCheckBox("跟随")
        self.follow.setToolTip("选择文章时自动跳到它所在的页")
        self.follow.setChecked(True)
        tools.addWidget(self.follow)
        self.refresh_button = QToolButton()
        self.refresh_button.setText("刷新")
        self.refresh_button.setToolTip("现在重新排版预览")
        self.refresh_button.clicked.connect(self.rebuild_now)
        tools.addWidget(self.refresh_button)
        self.print_action = tools.addAction("打印")
        self.print_action.setToolTip("打印本期（Ctrl+P）")
        info = QHBoxLayout()
        info.setContentsMargins(6, 0, 6, 2)
        info.addWidget(self.status, 1)
        info.addWidget(self.page_label)
        pages = QSplitter(Qt.Orientation.Horizontal)
        pages.addWidget(self.strip)
        blank = QFrame()                 # where the pages will be, framed and coloured as they will be
        blank.setFrameStyle(QFrame.Shape.StyledPanel | QFrame.Shadow.Sunken)   # (a scroll area's frame)
        blank.setAutoFillBackground(True)
        blank.setPalette(self._page_palette(blank.palette()))
        blank.setBackgroundRole(QPalette.ColorRole.Dark)
        pages.addWidget(blank)
        pages.setStretchFactor(1, 1)
        pages.setChildrenCollapsible(False)
        self.pages_split = pages
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(tools)
        lay.addLayout(info)
        lay.addWidget(pages, 1)

        self.timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS, timeout=self.rebuild_now)
        self._pending = None
        self._last_edit = 0.0
        self._keep: Path | None = None
        self._swap = QTimer(self, singleShot=True, interval=0, timeout=self._show_pending)
        self._target = 0
        self._unplaced = False           # following an article the shown pages do not have yet
        self._new_doc = False            # the next pages shown are of another issue than the last
        self._jump = QTimer(self, singleShot=True, interval=0, timeout=lambda: self.goto_page(self._target))
        self._tidy = QTimer(self, singleShot=True, interval=0, timeout=lambda: self._cleanup(self._keep))

    @staticmethod
    def _page_palette(pal: QPalette) -> QPalette:
        pal.setColor(QPalette.ColorRole.Dark, QColor(PAGE_BACKGROUND))
        return pal

    def complete(self, service: BuildService) -> None:
        """The pages (QPdfView: loading QtPdf and making the view is most of what the panel costs)
        and the build service that makes them."""
        from PySide6.QtPdfWidgets import QPdfView

        from .pages import Zoom

        self.service = service
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setPalette(self._page_palette(self.view.palette()))
        self.view.setBackgroundRole(QPalette.ColorRole.Dark)
        self.view.setAccessibleName("版面预览")
        self.zoom = Zoom(self.view)
        self.zoom.changed.connect(self._zoom_shown)
        self.pages_split.replaceWidget(1, self.view).deleteLater()
        self.pages_split.setStretchFactor(1, 1)
        service.finished.connect(self._finished)
        service.failed.connect(self._failed)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)

    def set_document(self, doc: Document | None) -> None:
        if self.doc is not None:
            self.doc.changed.disconnect(self.schedule)
        self.doc = doc
        self.article_pages, self.shown_revision = {}, -1
        self.job, self._pending = None, None       # a build of the previous issue is not shown
        self._new_doc = True
        if doc is not None:
            doc.changed.connect(self.schedule)
            if self.auto:
                self.timer.start(50)     # just after the window has painted

    def schedule(self) -> None:
        self._last_edit = time.monotonic()
        if self.auto:
            self.timer.start(self.delay)

    def rebuild_now(self) -> None:
        doc = self.doc
        if doc is None:
            return
        self.timer.stop()
        self.status.setText("正在排版预览……")
        self.job = self.service.submit("preview", doc.opened(), ("pdf",), self.folder,
                                       stem=f"preview-{os.urandom(4).hex()}",
                                       relocate_ids=set(doc.edited_ids), revision=doc.revision)

    def _finished(self, job: int, kind: str, outputs, revision: int) -> None:
        """A new preview file: load it, then swap it in, then tidy up, one event-loop turn each,
        so that no single step holds up typing for long."""
        if kind != "preview" or job != self.job:
            return
        from PySide6.QtPdf import QPdfDocument

        out = outputs[0]
        pdf = QPdfDocument(self)
        if pdf.load(str(out.path)) != QPdfDocument.Error.None_:
            self.status.setText("预览文件无法打开")
            pdf.deleteLater()
            return
        self._swap.start()
        self._pending = (pdf, out, revision)

    def _show_pending(self) -> None:
        if self._pending is None:
            return
        if time.monotonic() - self._last_edit < IDLE_BEFORE_SWAP_S:
            self._swap.start(100)        # the user is typing: swap pages when they pause
            return
        pdf, out, revision = self._pending
        self._pending = None
        first = self._pdf is None or self._new_doc      # another issue's pages were shown: start afresh
        self._new_doc = False
        page = 0 if first else self.view.pageNavigator().currentPage()
        old = self._pdf
        self._pdf = pdf
        self.view.setDocument(pdf)
        if old is not None:
            old.deleteLater()
        was = self.article_pages.get(self.article_id or "")
        self.article_pages, self.page_count = dict(out.article_pages), pdf.pageCount()
        self.shown_revision = revision
        self.strip.set_pages(pdf, self._starts())
        # jump once the view has laid out the new pages (before that, page positions are not known):
        # to the article's page on the first load, once an article that had none (new, imported) has
        # one, and when it starts on another page than before (moved, or text before it changed)
        moved = was is not None and self.article_pages.get(self.article_id or "") != was
        follow = self.follow.isChecked() and (first or self._unplaced or moved)
        target = self.article_pages.get(self.article_id or "", 0) - 1 if follow else page
        self._unplaced = self.follow.isChecked() and target < 0 and bool(self.article_id)
        if target < 0:
            target = page
        self._target = max(0, min(target, self.page_count - 1))
        self._jump.start()
        stale = self.doc is not None and revision != self.doc.revision
        self.status.setText(f"预览：{self.page_count} 页，排版 {out.seconds:.1f} 秒" + ("（有新的修改，稍后更新）" if stale else ""))
        self._keep = out.path
        self._tidy.start()
        self.loaded.emit()

    def _failed(self, job: int, kind: str, message: str) -> None:
        if kind == "preview" and job == self.job:
            self.status.setText(f"预览未能生成：{message.splitlines()[0]}")
            self.status.setToolTip(message)      # the whole message, the line shows its start

    def _cleanup(self, keep: Path | None) -> None:
        for f in self.folder.glob("preview-*.pdf"):
            if f != keep:
                try:
                    f.unlink()
                except OSError:
                    pass   # still open on Windows: removed next time

    def remove_files(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # ------------------------------------------------------------ pages

    def goto_page(self, index: int) -> None:
        """Show page `index` (0-based): its top at the top of the view, or, zoomed out so far that two
        pages fit, in its middle — the view counts the page in its middle as the current one."""
        if 0 <= index < self.page_count and self._pdf is not None:
            zoom = self.zoom.effective()
            points = self._pdf.pagePointSize(index)
            scale = zoom * self.view.logicalDpiY() / 72.0
            room = self.view.viewport().height() - points.height() * scale
            self.view.pageNavigator().jump(index, QPointF(0, 0), self.view.zoomFactor())
            if room > points.height() * scale:      # (the jump's own location cannot lie above the page)
                bar = self.view.verticalScrollBar()
                bar.setValue(bar.value() - int(room / 2))
        self._page_changed(self.view.pageNavigator().currentPage())

    def set_article(self, article_id: str | None) -> None:
        self.article_id = article_id
        self.jump_button.setEnabled(bool(article_id))
        if self.follow.isChecked():
            if article_id is None and self.page_count:
                self.goto_page(0)            # the issue itself: its cover (date, 期号, headline)
            self._unplaced = not self.jump_to_article() and bool(article_id)

    def jump_to_article(self) -> bool:
        page = self.article_pages.get(self.article_id or "")
        if page:
            self.goto_page(page - 1)
            return True
        return False

    def _page_changed(self, page: int) -> None:
        self.page_label.setText(f"第 {page + 1} / {self.page_count} 页" if self.page_count else "")
        self.strip.show_page(page)

    def _show_strip(self, on: bool) -> None:
        """页面: the thumbnails beside the pages, as narrow as they are (the pages keep the room)."""
        self.strip.setVisible(on)
        if on:
            total = sum(self.pages_split.sizes())
            want = self.strip.minimumWidth() + self.strip.verticalScrollBar().sizeHint().width() + 8
            self.pages_split.setSizes([want, max(0, total - want)])

    def _starts(self) -> dict[int, list[str]]:
        """1-based page → titles of the articles that start on it (for the page list)."""
        out: dict[int, list[str]] = {}
        if self.doc is not None:
            for a in self.doc.issue.articles:
                page = self.article_pages.get(a.id)
                if page:
                    out.setdefault(page, []).append(a.display_title)
        return out

    def _zoom_shown(self, label: str) -> None:
        box = self.zoom_box
        i = box.findText(label)
        if i < 0:                    # a step between the listed ones (Ctrl+wheel, ＋/－): one extra item shows it
            if box.count() == len(ZOOM_CHOICES):
                box.addItem(label)
            i = box.count() - 1
            box.setItemText(i, label)
            box.setItemData(i, self.zoom.mode)
        box.setCurrentIndex(i)

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def current_pdf(self) -> QPdfDocument | None:
        """The PDF the view shows (what Ctrl+P prints)."""
        return self._pdf

