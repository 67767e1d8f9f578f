"""Dialogs: new issue, paste as policy text, export."""

from __future__ import annotations

import datetime as dt
import html
import sys
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit,
                               QProgressBar, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from ..errors import BulletinError
from ..fields import ARTICLE_FIELDS
from ..template import TEMPLATE_FILE, load_template, template_search_path
from .builds import BuildService
from .document import field_text
from .textmap import LS


PASTE_ALWAYS = ("title", "doc_number", "addressee", "source")   # shown even when not recognised


def open_with_system(path: Path) -> bool:
    """A file or folder in the program the system opens it with (Word or WPS, the PDF reader, the
    file manager); False when there is none."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def available_templates(start: Path | None) -> list[str]:
    """Ids of the templates found on the template search path."""
    ids: list[str] = []
    for folder in template_search_path(start):
        if folder.is_dir():
            for sub in sorted(folder.iterdir()):
                if (sub / TEMPLATE_FILE).is_file() and sub.name not in ids:
                    ids.append(sub.name)
    return ids


def template_label(template_id: str, start: Path | None) -> str:
    """《大数据发展动态》（big-data-weekly）: the publication an editor knows, then the id."""
    try:
        title = load_template(template_id, start=start).publication.title
    except BulletinError:
        return template_id          # a broken template still shows; choosing it reports the error
    return f"《{title}》（{template_id}）" if title else template_id


def default_issue_folder(base: Path, date: dt.date, number: int) -> Path:
    return base / f"{date.year}-{number:02d}"


class NewIssueDialog(QDialog):
    """Template (or previous issue), date, 期号, 总期号 and the folder of a new issue."""

    def __init__(self, parent: QWidget | None, *, templates: list[str], base: Path, date: dt.date,
                 number: int, total: int, previous: str | None = None):
        super().__init__(parent)
        self.setWindowTitle("新建下一期" if previous else "由模板新建期刊")
        self.base = base
        self.template = QComboBox()
        for tid in templates:
            self.template.addItem(template_label(tid, base), tid)
        self.template.setEnabled(previous is None)
        self.date = QDateEdit(QDate(date.year, date.month, date.day))
        self.date.setDisplayFormat("yyyy年M月d日")
        self.date.setCalendarPopup(True)
        self.number = QSpinBox()
        self.number.setRange(1, 999)
        self.number.setValue(number)
        self.total = QSpinBox()
        self.total.setRange(1, 99999)
        self.total.setValue(total)
        self.folder = QLineEdit(str(default_issue_folder(base, date, number)))
        browse = QPushButton("选择……")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form = QFormLayout()
        if previous:
            form.addRow("上一期", QLabel(previous))
        form.addRow("模板", self.template)
        form.addRow("出刊日期", self.date)
        form.addRow("期号", self.number)
        form.addRow("总期号", self.total)
        form.addRow("保存到", row)
        hint = QLabel("栏目、编委和声明沿用；文章为空。" if previous else "栏目按模板建立；文章为空。")
        hint.setStyleSheet("color:#666;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(hint)
        lay.addWidget(buttons)
        self.number.valueChanged.connect(self._suggest)
        self.date.dateChanged.connect(self._suggest)
        self.resize(560, self.sizeHint().height())

    def _suggest(self, *_):
        self.folder.setText(str(default_issue_folder(self.base, self.values()[1], self.number.value())))

    def _browse(self):
        path = QFileDialog.getExistingDirectory(self, "选择新一期的文件夹", str(self.base))
        if path:
            self.folder.setText(path)

    def values(self) -> tuple[str, dt.date, int, int, Path]:
        d = self.date.date()
        return (self.template.currentData(), dt.date(d.year(), d.month(), d.day()), self.number.value(),
                self.total.value(), Path(self.folder.text().strip()))


class PasteDialog(QDialog):
    """Shows what “paste as policy text” made of the clipboard before anything changes."""

    ADD, REPLACE = 1, 2

    def __init__(self, parent: QWidget | None, imported, can_replace: bool):
        super().__init__(parent)
        self.setWindowTitle("粘贴为政策文本：整理结果")
        self.choice = 0
        article = imported.article
        # the body as the article editor will show it (the file's TOML header would only puzzle here)
        text = QPlainTextEdit(field_text(article, "body").replace(LS, "\n"))
        text.setReadOnly(True)
        fields = QFormLayout()
        self.field_labels: dict[str, QLabel] = {}
        # what the head of a policy text has (said 未识别 when missing), then whatever else was found
        for f in ARTICLE_FIELDS:
            if f.name not in PASTE_ALWAYS and not f.is_set(article):
                continue
            self._field_row(fields, f.name, f.label, field_text(article, f.name))
        self._field_row(fields, "editor_note", "编者按", field_text(article, "editor_note"))
        notes = QListWidget()
        notes.addItems(imported.notes or ["原文无需整理"])
        notes.setMaximumHeight(110)
        add = QPushButton("添加为新文章")
        add.setDefault(True)
        add.clicked.connect(lambda: self._done(self.ADD))
        replace = QPushButton("替换当前文章")
        replace.setEnabled(can_replace)
        replace.clicked.connect(lambda: self._done(self.REPLACE))
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        for b in (add, replace, cancel):
            row.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(fields)
        lay.addWidget(QLabel("整理说明："))
        lay.addWidget(notes)
        lay.addWidget(QLabel("正文（一段一行）："))
        lay.addWidget(text, 1)
        lay.addLayout(row)
        self.resize(760, 620)

    def _field_row(self, form: QFormLayout, name: str, label: str, text: str) -> None:
        value = text.replace("\n", " / ")
        shown = QLabel(value or "<span style='color:#999'>（未识别）</span>")
        shown.setWordWrap(True)
        shown.setTextFormat(Qt.TextFormat.PlainText if value else Qt.TextFormat.RichText)
        form.addRow(f"{label}：", shown)
        self.field_labels[name] = shown

    def _done(self, choice: int) -> None:
        self.choice = choice
        self.accept()


class ExportDialog(QDialog):
    """Export PDF and/or DOCX with progress, then offer to open the folder."""

    exported = Signal(object)      # list of builds.Output

    def __init__(self, parent, service: BuildService, doc, out_dir: Path, errors: int = 0):
        """`errors`: how many errors the checks found in the issue now (said before exporting)."""
        super().__init__(parent)
        self.setWindowTitle("导出 PDF 和 Word")
        self.service, self.doc = service, doc
        self.job: int | None = None
        self.outputs: list = []
        self.pdf = QCheckBox("PDF（排版稿）")
        self.pdf.setChecked(True)
        self.docx = QCheckBox("Word 文档（DOCX，可继续编辑）")
        self.docx.setChecked(True)
        self.folder = QLineEdit(str(out_dir))
        browse = QPushButton("选择……")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setValue(0)
        self.bar.setTextVisible(False)
        self.status = QLabel(f"<span style='color:#D32F2F'>本期还有 {errors} 个错误（见问题列表），"
                             "建议改正后再导出；仍可导出。</span>" if errors else "")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.start_button = QPushButton("导出(&E)")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.open_button = QPushButton("打开所在文件夹(&F)")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_folder)
        # the exported files in the programs the system opens them with (Word or WPS, the PDF reader)
        self.open_files = {fmt: QPushButton(text) for fmt, text in (("pdf", "打开 PDF(&P)"), ("docx", "打开 Word 文档(&W)"))}
        for fmt, b in self.open_files.items():
            b.setEnabled(False)
            b.clicked.connect(lambda _c=False, fmt=fmt: self.open_file(fmt))
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.start_button, *self.open_files.values(), self.open_button, close):
            buttons.addWidget(b)
        form = QFormLayout()
        form.addRow("格式", self.pdf)
        form.addRow("", self.docx)
        form.addRow("输出到", row)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.bar)
        lay.addWidget(self.status)
        lay.addLayout(buttons)
        service.progress.connect(self._progress)
        service.finished.connect(self._finished)
        service.failed.connect(self._failed)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "选择输出文件夹", self.folder.text())
        if path:
            self.folder.setText(path)

    def formats(self) -> list[str]:
        return [f for f, box in (("pdf", self.pdf), ("docx", self.docx)) if box.isChecked()]

    def start(self) -> int | None:
        formats = self.formats()
        if not formats:
            self.status.setText("请至少选择一种格式")
            return None
        self.outputs = []
        self.start_button.setEnabled(False)
        self.open_button.setEnabled(False)
        for b in self.open_files.values():
            b.setEnabled(False)
        self.bar.setValue(0)
        self.status.setText("正在导出……")
        doc = self.doc
        self.job = self.service.submit("export", doc.opened(), formats, Path(self.folder.text().strip()),
                                       relocate_ids=set(doc.edited_ids), revision=doc.revision)
        return self.job

    def _progress(self, job: int, fraction: float, text: str) -> None:
        if job == self.job:
            self.bar.setValue(int(fraction * 1000))
            self.status.setText(text)

    def _finished(self, job: int, kind: str, outputs, _revision: int) -> None:
        if job != self.job:
            return
        self.outputs = outputs
        self.bar.setValue(1000)
        lines = []
        for o in outputs:
            pages = f"，{o.page_count} 页" if o.page_count else ""
            lines.append(f"已生成 {o.path.name}（{o.seconds:.2f} 秒{pages}）")
        warnings = sorted({w for o in outputs for w in o.warnings})
        if warnings:
            lines.append(f"另有 {len(warnings)} 条提示（如所用字体的替代），把鼠标停在这里查看")
        self.status.setText("\n".join(lines))
        self.status.setToolTip("\n".join(warnings))
        self.start_button.setEnabled(True)
        self.open_button.setEnabled(True)
        made = {o.format for o in outputs}
        for fmt, b in self.open_files.items():
            b.setEnabled(fmt in made)
        self.exported.emit(outputs)

    def _failed(self, job: int, kind: str, message: str) -> None:
        if job == self.job:
            self.status.setText(f"<span style='color:#D32F2F'>导出失败：{html.escape(message)}</span>")
            self.start_button.setEnabled(True)

    def open_folder(self) -> None:
        folder = self.outputs[0].path.parent if self.outputs else Path(self.folder.text())
        open_with_system(folder)

    def open_file(self, fmt: str) -> bool:
        """打开 PDF / 打开 Word 文档: the file in the system's program for it."""
        path = next((o.path for o in self.outputs if o.format == fmt), None)
        if path is None:
            return False
        if not open_with_system(path):
            self.status.setText(f"没有能打开 {path.name} 的程序；文件在 {path.parent}")
            return False
        return True


class KeysDialog(QDialog):
    """The keyboard shortcuts, as the menus have them (F1)."""

    def __init__(self, parent, rows: list[tuple[str, str, str]]):
        super().__init__(parent)
        self.setWindowTitle("键盘快捷键")
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["菜单", "命令", "快捷键"])
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        note = QLabel("目录里的 Alt+方向键、Delete、F2 只在目录有焦点时起作用（Ctrl+1 转到目录）。")
        note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addWidget(note)
        lay.addWidget(close)
        self.resize(560, 640)


class AboutDialog(QDialog):
    """关于: the program, its version, and where it keeps settings and autosaves."""

    def __init__(self, parent):
        super().__init__(parent)
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        from .. import __version__
        from ..paths import data_dir

        self.setWindowTitle("关于简报编排器")
        self.text = QLabel(
            f"<h3>简报编排器 {html.escape(__version__)}</h3>"
            "<p>为《大数据发展动态》这类政策简报组稿、校对、预览，并导出 PDF 和 Word 文档。</p>"
            f"<p style='color:#666'>版本 {html.escape(__version__)}　·　Python {sys.version.split()[0]}"
            f"　·　Qt {qVersion()}（PySide6 {pyside_version}）</p>"
            f"<p style='color:#666'>设置、最近打开与自动保存在：{html.escape(str(data_dir()))}</p>")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.text)
        lay.addWidget(close)
        self.resize(480, self.sizeHint().height())

