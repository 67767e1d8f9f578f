"""检索往期 and 往期统计: the archive of every issue (editor.archive) in the desktop app.

The search panel is a dock beside the editor: words, a column and a year, then the articles that
have them, newest first, each with its places (snippet and file:line). A double click opens that
issue (asking to save the open one first, as opening always does) and puts the cursor on the
words. The statistics window shows a year in figures and a small chart drawn with QPainter.
The index is opened and searched in a worker thread: the first use on a large archive indexes it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (QComboBox, QDialog, QDockWidget, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

ALL_COLUMNS, ALL_YEARS = "全部栏目", "全部年份"
HIT_ROLE = Qt.ItemDataRole.UserRole


class _Signals(QObject):
    done = Signal(object, object, object)      # the asker's token, result, error (Chinese) or None


class _Job(QRunnable):
    """`work()` in a worker thread; its result (or the Chinese message of its failure) comes back by signal."""

    def __init__(self, signals: _Signals, token, work):
        super().__init__()
        self.signals, self.token, self.work = signals, token, work

    def run(self) -> None:
        from ..errors import BulletinError

        try:
            self.signals.done.emit(self.token, self.work(), None)
        except BulletinError as exc:
            self.signals.done.emit(self.token, None, str(exc))
        except Exception as exc:  # noqa: BLE001 — a failure must not take the editor down
            self.signals.done.emit(self.token, None, f"检索出错：{exc}")


def archive_folder_of(win) -> Path | None:
    """The folder of issues the open issue belongs to."""
    return win.doc.folder.resolve().parent if win.doc is not None else None


class SearchPanel(QDockWidget):
    """检索往期: a dock over the archive the open issue belongs to (or one chosen)."""

    def __init__(self, win):
        super().__init__("检索往期", win)
        self.setObjectName("archive-search")
        self.win = win
        self.folder: Path | None = None
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.signals = _Signals(self)
        self.signals.done.connect(self._done)
        self._asked = 0

        self.query = QLineEdit(placeholderText="检索词，例如 数据要素（多个词用空格分开）")
        self.query.returnPressed.connect(self.search)
        self.column = QComboBox()
        self.column.addItem(ALL_COLUMNS)
        self.year = QComboBox()
        self.year.addItem(ALL_YEARS)
        go = QPushButton("检索")
        go.clicked.connect(self.search)
        self.where = QLabel()
        self.where.setStyleSheet("color:#666;")
        other = QPushButton("换文件夹……")
        other.clicked.connect(self.choose_folder)
        self.results = QTreeWidget()
        self.results.setHeaderLabels(["期号 · 栏目 · 标题", "位置"])
        header = self.results.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.results.itemActivated.connect(self._activated)
        self.results.itemDoubleClicked.connect(self._activated)
        self.status = QLabel()
        self.status.setWordWrap(True)

        body = QWidget()
        v = QVBoxLayout(body)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.column)
        row.addWidget(self.year)
        row.addWidget(go)
        v.addLayout(row)
        place = QHBoxLayout()
        place.addWidget(self.where, 1)
        place.addWidget(other)
        v.addLayout(place)
        v.addWidget(self.results, 1)
        v.addWidget(self.status)
        self.setWidget(body)

    # ------------------------------------------------------------ the folder

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.folder is None:
            self.set_folder(archive_folder_of(self.win))
        self.query.setFocus()

    def set_folder(self, folder: Path | None) -> None:
        self.folder = folder
        self.where.setText(f"在 {folder} 的各期中检索" if folder else "请先打开一期，或选择存放各期的文件夹")
        if folder is not None:
            self._run("filters", lambda: _filters(folder))

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择存放各期的文件夹", str(self.folder or Path.cwd()))
        if chosen:
            self.set_folder(Path(chosen))

    # ------------------------------------------------------------ searching

    def search(self) -> None:
        text = self.query.text().strip()
        if not text or self.folder is None:
            self.status.setText("请输入检索词" if self.folder else self.where.text())
            return
        column = self.column.currentText() if self.column.currentIndex() > 0 else None
        year = int(self.year.currentText()) if self.year.currentIndex() > 0 else None
        folder = self.folder
        self.status.setText("正在检索……（第一次使用时要先为各期建立索引）")
        self._run("search", lambda: _search(folder, text, column, year))

    def _run(self, kind: str, work) -> None:
        self._asked += 1
        self.pool.start(_Job(self.signals, (kind, self._asked), work))

    def _done(self, token, result, error) -> None:
        kind, n = token
        if error:
            self.status.setText(error)
            return
        if kind == "filters":
            columns, years = result
            _refill(self.column, ALL_COLUMNS, columns)
            _refill(self.year, ALL_YEARS, [str(y) for y in years])
        elif n == self._asked:                 # a search asked for since is on its way
            self.show_result(result)

    def show_result(self, result) -> None:
        self.results.clear()
        for hit in result.hits:
            top = QTreeWidgetItem([hit.label, hit.date])
            top.setData(0, HIT_ROLE, (hit, hit.matches[0] if hit.matches else None))
            for m in hit.matches:
                child = QTreeWidgetItem([m.snippet, f"{hit.path}:{m.line}"])
                child.setToolTip(0, m.snippet)
                child.setData(0, HIT_ROLE, (hit, m))
                top.addChild(child)
            self.results.addTopLevelItem(top)
        if result.hits:
            self.results.topLevelItem(0).setExpanded(True)
        shown = f"，列出最近的 {len(result.hits)} 篇" if len(result.hits) < result.total else ""
        words = "”“".join(result.words)
        self.status.setText(f"共 {result.total} 篇文章含有“{words}”{shown}。双击打开那一期并定位。" if result.total
                            else f"没有找到含有“{words}”的文章。")

    # ------------------------------------------------------------ opening a hit

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, HIT_ROLE)
        if data:
            self.open_hit(*data)

    def open_hit(self, hit, match) -> bool:
        """Open the hit's issue (unless it is the open one) and put the cursor on the words."""
        win = self.win
        folder = (self.folder / hit.folder).resolve()
        if win.doc is None or win.doc.folder.resolve() != folder:
            if not win.open_folder(folder):
                return False
        if win.doc.issue.article(hit.article) is None:
            win.statusBar().showMessage("这篇文章已不在这一期中（索引将在下次检索时更新）", 5000)
            return False
        win.select(hit.article)
        if match is not None:
            offset = match.offset
            if match.field == "title":          # the editor shows the title's lines apart
                offset = _title_offset(win.doc.issue.article(hit.article).title, offset)
            win.editor.jump(match.field, match.block, offset, match.end - match.start)
        return True


def _title_offset(title: str, offset: int) -> int:
    """Where character `offset` of the title on one line is in the title with its line breaks."""
    at = 0
    for k, line in enumerate(title.split("\n")):
        if offset <= at + len(line):
            return offset + k
        at += len(line)
    return offset + title.count("\n")


def _refill(combo: QComboBox, first: str, items: list[str]) -> None:
    current = combo.currentText()
    combo.clear()
    combo.addItem(first)
    combo.addItems(items)
    combo.setCurrentIndex(max(0, combo.findText(current)))


def _filters(folder: Path) -> tuple[list[str], list[int]]:
    from ..archive import open_archive

    archive = open_archive(folder)
    columns = [r[0] for r in archive.query("SELECT column_name, min(column_pos) FROM articles "
                                            "WHERE column_name IS NOT NULL GROUP BY column_name ORDER BY 2, 1")]
    years = sorted({e.date.year for e in archive.issues()}, reverse=True)
    return columns, years


def _search(folder: Path, text: str, column: str | None, year: int | None):
    from ..archive import open_archive

    return open_archive(folder).search(text, column=column, year=year, limit=200)


# ---------------------------------------------------------------- 往期统计

CHART_SIZE = (640, 280)
BAR = QColor("#1f5f9f")
GRID = QColor("#d8d8d8")


def stats_chart(stats, size: tuple[int, int] = CHART_SIZE) -> QImage:
    """Articles per column (horizontal bars, left) and per month (columns, right), on white."""
    w, h = size
    image = QImage(w, h, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(p.font())
    font.setPixelSize(12)
    p.setFont(font)
    metrics = p.fontMetrics()
    half = w * 0.45
    p.setPen(QColor("#333"))
    p.drawText(8, 18, "各栏目篇数")
    p.drawText(int(half) + 16, 18, "每月篇数")
    columns = stats.columns[:8]
    if columns:
        label_w = max(metrics.horizontalAdvance(name) for name, _ in columns) + 8
        most = max(n for _, n in columns) or 1
        row_h = min(26.0, (h - 40) / len(columns))
        for i, (name, n) in enumerate(columns):
            y = 30 + i * row_h
            p.setPen(QColor("#333"))
            p.drawText(8, int(y + row_h * 0.7), name)
            length = (half - label_w - 44) * n / most
            p.fillRect(int(8 + label_w), int(y + 3), max(1, int(length)), int(row_h - 6), BAR)
            p.drawText(int(8 + label_w + length + 4), int(y + row_h * 0.7), str(n))
    months = stats.months or [0] * 12
    left, bottom, top = half + 24, h - 24, 36
    most = max(months) or 1
    step = (w - left - 12) / 12
    p.setPen(GRID)
    p.drawLine(int(left), int(bottom), int(w - 12), int(bottom))
    for m, n in enumerate(months):
        x = left + m * step
        height = (bottom - top) * n / most
        p.fillRect(int(x + step * 0.15), int(bottom - height), max(1, int(step * 0.7)), int(height), BAR)
        p.setPen(QColor("#333"))
        label = str(m + 1)
        p.drawText(int(x + (step - metrics.horizontalAdvance(label)) / 2), int(bottom + 16), label)
        if n:
            text = str(n)
            p.drawText(int(x + (step - metrics.horizontalAdvance(text)) / 2), int(bottom - height - 4), text)
    p.end()
    return image


class StatsDialog(QDialog):
    """往期统计: a year of the archive the open issue belongs to, in figures and a chart."""

    def __init__(self, win, folder: Path):
        super().__init__(win)
        self.setWindowTitle("往期统计")
        self.folder = folder
        self.pool = QThreadPool(self)
        self.signals = _Signals(self)
        self.signals.done.connect(self._done)
        self.year = QComboBox()
        self.year.addItem(ALL_YEARS)
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.summary = QLabel("正在统计……")
        self.summary.setWordWrap(True)
        self.chart = QLabel()
        self.issuers = QTableWidget(0, 2)
        self.issuers.setHorizontalHeaderLabels(["转载最多的发文机关（来源）", "篇数"])
        self.issuers.horizontalHeader().setStretchLastSection(True)
        self.issuers.setColumnWidth(0, 420)
        v = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(f"{folder}"), 1)
        row.addWidget(self.year)
        v.addLayout(row)
        v.addWidget(self.summary)
        v.addWidget(self.chart)
        v.addWidget(self.issuers, 1)
        self.resize(CHART_SIZE[0] + 40, 620)
        self._years_known = False
        self.refresh()

    def refresh(self) -> None:
        year = int(self.year.currentText()) if self.year.currentIndex() > 0 else None
        folder = self.folder
        self.pool.start(_Job(self.signals, year, lambda: _stats(folder, year)))

    def _done(self, _year, result, error) -> None:
        if error:
            self.summary.setText(error)
            return
        stats, years = result
        if not self._years_known:
            self._years_known = True
            self.year.blockSignals(True)
            _refill(self.year, ALL_YEARS, [str(y) for y in years])
            self.year.blockSignals(False)
        self.show_stats(stats)

    def show_stats(self, stats) -> None:
        when = f"{stats.year}年" if stats.year else "全部各期"
        average = stats.average_pages
        pages = f"，平均每期 {average:.1f} 页（据 {len(stats.pages)} 期的排版记录）" if average is not None else ""
        per_issue = stats.articles / stats.issues if stats.issues else 0
        self.summary.setText(f"{when}：{stats.issues} 期，{stats.articles} 篇文章，平均每期 {per_issue:.1f} 篇{pages}")
        self.chart.setPixmap(QPixmap.fromImage(stats_chart(stats)))
        self.issuers.setRowCount(len(stats.issuers))
        for r, (name, n) in enumerate(stats.issuers):
            self.issuers.setItem(r, 0, QTableWidgetItem(name))
            self.issuers.setItem(r, 1, QTableWidgetItem(str(n)))


def _stats(folder: Path, year: int | None):
    from ..archive import open_archive
    from ..archive.stats import year_stats

    archive = open_archive(folder)
    return year_stats(archive, year), sorted({e.date.year for e in archive.issues()}, reverse=True)


# ---------------------------------------------------------------- the main window's hooks

def show_search(win) -> SearchPanel:
    """Show the search dock (made on first use) over the archive of the open issue."""
    panel = getattr(win, "search_panel", None)
    if panel is None:
        panel = win.search_panel = SearchPanel(win)
        win.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, panel)
    elif panel.folder is None or (win.doc is not None and panel.folder != archive_folder_of(win)
                                  and archive_folder_of(win) is not None):
        panel.set_folder(archive_folder_of(win))
    panel.show()
    panel.raise_()
    panel.query.setFocus()
    return panel


def show_stats(win) -> StatsDialog | None:
    folder = archive_folder_of(win)
    if folder is None:
        chosen = QFileDialog.getExistingDirectory(win, "选择存放各期的文件夹", str(Path.cwd()))
        if not chosen:
            return None
        folder = Path(chosen)
    dialog = StatsDialog(win, folder)
    dialog.show()
    return dialog
