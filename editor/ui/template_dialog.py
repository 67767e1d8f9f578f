"""编辑模板: every field of template.toml in one dialog, checked, and saved byte-stable.

The dialog shows the template's values in Chinese terms (刊名, 口号, 主办单位, 编委, 声明, 封底,
栏目, 字体, 样式, 版面, 文号与机关, 检查规则); 保存 writes only what changed
(editor.ui.templatefile), after loading the result as the program would: a value out of range
is named with its tab and field, and nothing is written.
"""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit,
                               QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout,
                               QWidget)

from ..errors import TemplateError
from ..model import Profile
from ..template import ALIGNMENTS, PAGE_SIZES_MM, ColumnSpec, Style, Template
from .issue_panel import colophon_text, parse_colophon
from .templatefile import changed_text, save_template

UNITS = (("week", "每周"), ("month", "每月"), ("day", "每日"))
RESTARTS = (("yearly", "每年从第 1 期起"), ("never", "不重新开始"))
SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示", "off": "关闭"}
ALIGN_WORDS = {"left": "左", "center": "居中", "right": "右", "justify": "两端对齐"}
STYLE_COLUMNS = (("font", "字体"), ("size", "字号（磅）"), ("bold", "加粗"), ("leading", "行距（倍）"),
                 ("align", "对齐"), ("color", "颜色"), ("space_before", "段前（磅）"), ("space_after", "段后（磅）"),
                 ("first_indent", "首行缩进（字）"), ("left_indent", "左缩进（字）"))
# the template's keys in its problems, as the tabs name them
KEY_WORDS = {"publication.title": "刊头：刊名", "publication": "刊头", "columns": "栏目", "page": "版面",
             "cadence": "版面：出刊周期", "fonts": "字体", "styles": "样式", "colors": "版面：颜色",
             "colophon": "编委与声明：编委", "disclaimer": "编委与声明：声明", "back_matter": "封底",
             "doc_number_issuers": "文号与机关", "issuer_aliases": "文号与机关", "rules": "检查规则",
             "reference_docx": "版面：Word 参考文档"}


def names_text(names: list[str]) -> str:
    return "、".join(names)


def split_names(text: str) -> list[str]:
    return [n.strip() for n in text.replace("，", "、").replace(",", "、").split("、") if n.strip()]


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    table.resizeColumnsToContents()
    return table


def _cells(table: QTableWidget) -> list[list[str]]:
    """The rows of a table, blank rows left out."""
    out = []
    for r in range(table.rowCount()):
        row = [(table.item(r, c).text().strip() if table.item(r, c) else "") for c in range(table.columnCount())]
        if any(row):
            out.append(row)
    return out


def _row_buttons(table: QTableWidget) -> QHBoxLayout:
    """添加 / 删除 / 上移 / 下移 for the rows of a table."""
    row = QHBoxLayout()
    for text, act in (("添加", lambda: table.insertRow(table.currentRow() + 1 if table.currentRow() >= 0
                                                       else table.rowCount())),
                      ("删除", lambda: table.removeRow(table.currentRow()) if table.currentRow() >= 0 else None),
                      ("上移", lambda: _move_row(table, -1)), ("下移", lambda: _move_row(table, 1))):
        b = QPushButton(text)
        b.clicked.connect(act)
        row.addWidget(b)
    row.addStretch(1)
    return row


def _move_row(table: QTableWidget, step: int) -> None:
    r = table.currentRow()
    to = r + step
    if r < 0 or not 0 <= to < table.rowCount():
        return
    for c in range(table.columnCount()):
        a, b = table.takeItem(r, c), table.takeItem(to, c)
        table.setItem(r, c, b)
        table.setItem(to, c, a)
    table.setCurrentCell(to, table.currentColumn())


class TemplateDialog(QDialog):
    """Edit a template; 保存 writes its template.toml (only the changed keys)."""

    def __init__(self, parent, template: Template):
        super().__init__(parent)
        self.template = template
        self.saved = False
        self.setWindowTitle(f"编辑模板：《{template.publication.title}》（{template.id}）")
        self.tabs = QTabWidget()
        self._masthead()
        self._colophon()
        self._back_matter()
        self._columns()
        self._page()
        self._fonts()
        self._styles()
        self._issuers()
        self._rules()
        note = QLabel("模板由用它的每一期共用：保存后，新建的期和重新排版的期都用新的设置。")
        note.setWordWrap(True)
        note.setStyleSheet("color:#666;")
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.problems)
        lay.addWidget(note)
        lay.addWidget(buttons)
        self.resize(820, 640)

    # ------------------------------------------------------------ tabs

    def _tab(self, title: str) -> QVBoxLayout:
        page = QWidget()
        self.tabs.addTab(page, title)
        return QVBoxLayout(page)

    def _masthead(self) -> None:
        pub = self.template.publication
        lay = self._tab("刊头")
        form = QFormLayout()
        self.title = QLineEdit(pub.title)
        self.tagline = QLineEdit(pub.tagline)
        self.slogan = QLineEdit(pub.slogan)
        self.publisher = QLineEdit(pub.publisher)
        self.language = QLineEdit(pub.language)
        form.addRow("刊名", self.title)
        form.addRow("刊名下的一行", self.tagline)
        form.addRow("口号", self.slogan)
        form.addRow("主办单位", self.publisher)
        form.addRow("语言", self.language)
        form.addRow("模板名称", QLabel(f"{self.template.id}（{self.template.path}）"))
        lay.addLayout(form)
        lay.addStretch(1)

    def _colophon(self) -> None:
        lay = self._tab("编委与声明")
        lay.addWidget(QLabel("编委信息（每行一个职务：职务：姓名、姓名）"))
        self.colophon = QPlainTextEdit(colophon_text(self.template.colophon))
        lay.addWidget(self.colophon, 2)
        lay.addWidget(QLabel("声明"))
        self.disclaimer = QPlainTextEdit(self.template.disclaimer)
        lay.addWidget(self.disclaimer, 1)

    def _back_matter(self) -> None:
        lay = self._tab("封底")
        self.profiles = [dataclasses.replace(p, paragraphs=list(p.paragraphs)) for p in self.template.back_matter]
        self.profile_list = QListWidget()
        self.profile_list.addItems([p.name for p in self.profiles])
        self.profile_name = QLineEdit()
        self.profile_english = QLineEdit()
        self.profile_logo = QLineEdit()
        self.profile_text = QPlainTextEdit()
        self.profile_text.setPlaceholderText("介绍：每段一行")
        form = QFormLayout()
        form.addRow("机构名称", self.profile_name)
        form.addRow("英文名称", self.profile_english)
        form.addRow("标志图片", self.profile_logo)
        form.addRow("介绍", self.profile_text)
        side = QVBoxLayout()
        side.addWidget(self.profile_list, 1)
        buttons = QHBoxLayout()
        for text, act in (("添加", self._add_profile), ("删除", self._remove_profile)):
            b = QPushButton(text)
            b.clicked.connect(act)
            buttons.addWidget(b)
        side.addLayout(buttons)
        row = QHBoxLayout()
        row.addLayout(side, 1)
        row.addLayout(form, 3)
        lay.addLayout(row)
        self._shown_profile = -1
        self.profile_list.currentRowChanged.connect(self._show_profile)
        for w in (self.profile_name, self.profile_english, self.profile_logo):
            w.textEdited.connect(lambda _t: self._keep_profile())
        self.profile_text.textChanged.connect(self._keep_profile)
        if self.profiles:
            self.profile_list.setCurrentRow(0)

    def _show_profile(self, row: int) -> None:
        self._shown_profile = -1                       # loading: edits below are not the user's
        p = self.profiles[row] if 0 <= row < len(self.profiles) else Profile("")
        self.profile_name.setText(p.name)
        self.profile_english.setText(p.english_name)
        self.profile_logo.setText(p.logo)
        self.profile_text.setPlainText("\n".join(p.paragraphs))
        self._shown_profile = row

    def _keep_profile(self) -> None:
        row = self._shown_profile
        if 0 <= row < len(self.profiles):
            self.profiles[row] = Profile(self.profile_name.text().strip(), self.profile_english.text().strip(),
                                         [t.strip() for t in self.profile_text.toPlainText().split("\n") if t.strip()],
                                         self.profile_logo.text().strip())
            self.profile_list.item(row).setText(self.profiles[row].name or "（未命名）")

    def _add_profile(self) -> None:
        self.profiles.append(Profile("新机构"))
        self.profile_list.addItem("新机构")
        self.profile_list.setCurrentRow(len(self.profiles) - 1)

    def _remove_profile(self) -> None:
        row = self.profile_list.currentRow()
        if 0 <= row < len(self.profiles):
            self._shown_profile = -1
            del self.profiles[row]
            self.profile_list.takeItem(row)
            self._show_profile(self.profile_list.currentRow())

    def _columns(self) -> None:
        lay = self._tab("栏目")
        self.columns = _table(["栏目名", "要求编者按", "本期可不设"], [[c.name, "", ""] for c in self.template.columns])
        for r, c in enumerate(self.template.columns):
            for col, on in ((1, c.requires_editor_note), (2, c.optional)):
                item = QTableWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                self.columns.setItem(r, col, item)
        self.columns.setColumnWidth(0, 260)
        lay.addWidget(self.columns, 1)
        lay.addLayout(_row_buttons(self.columns))

    def _page(self) -> None:
        t = self.template
        lay = self._tab("版面")
        form = QFormLayout()
        self.paper = QComboBox()
        self.paper.addItems(list(PAGE_SIZES_MM))
        self.paper.setCurrentText(t.page.size)
        form.addRow("纸张", self.paper)
        self.margins = {}
        for key, label in (("margin_top", "上边距"), ("margin_bottom", "下边距"), ("margin_left", "左边距"),
                           ("margin_right", "右边距")):
            box = QDoubleSpinBox()
            box.setRange(5, 80)
            box.setDecimals(1)
            box.setSuffix(" 毫米")
            box.setValue(getattr(t.page, key))
            self.margins[key] = box
            form.addRow(label, box)
        self.unit = QComboBox()
        for value, text in UNITS:
            self.unit.addItem(text, value)
        self.unit.setCurrentIndex(max(0, self.unit.findData(t.cadence.unit)))
        self.interval = QSpinBox()
        self.interval.setRange(1, 52)
        self.interval.setValue(t.cadence.interval)
        self.restarts = QComboBox()
        for value, text in RESTARTS:
            self.restarts.addItem(text, value)
        self.restarts.setCurrentIndex(max(0, self.restarts.findData(t.cadence.number_restarts)))
        cadence = QHBoxLayout()
        cadence.addWidget(self.unit)
        cadence.addWidget(QLabel("间隔"))
        cadence.addWidget(self.interval)
        cadence.addWidget(self.restarts, 1)
        form.addRow("出刊周期", cadence)
        self.reference = QLineEdit(str(t.reference_docx.relative_to(t.folder)) if t.reference_docx
                                   and t.reference_docx.is_relative_to(t.folder) else str(t.reference_docx or ""))
        self.reference.setPlaceholderText("（不用；Word 样式取程序自带的）")
        browse = QPushButton("选择……")
        browse.clicked.connect(self._browse_reference)
        ref = QHBoxLayout()
        ref.addWidget(self.reference, 1)
        ref.addWidget(browse)
        form.addRow("Word 参考文档", ref)
        lay.addLayout(form)
        lay.addWidget(QLabel("颜色（样式里可用名称引用）"))
        self.colors = _table(["名称", "颜色 #RRGGBB"], [[k, v] for k, v in t.colors.items()])
        lay.addWidget(self.colors, 1)
        lay.addLayout(_row_buttons(self.colors))

    def _browse_reference(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择 Word 参考文档", str(self.template.folder), "Word 文档 (*.docx)")
        if path:
            p = Path(path)
            self.reference.setText(str(p.relative_to(self.template.folder)) if p.is_relative_to(self.template.folder)
                                   else path)

    def _fonts(self) -> None:
        lay = self._tab("字体")
        lay.addWidget(QLabel("每种字体按顺序用第一种本机已有的（以顿号分隔）；都没有时用程序自带的思源字体。"))
        self.fonts = _table(["字体角色", "字体（依次尝试）"], [[k, names_text(v)] for k, v in self.template.fonts.items()])
        lay.addWidget(self.fonts, 1)
        lay.addLayout(_row_buttons(self.fonts))

    def _styles(self) -> None:
        lay = self._tab("样式")
        rows = []
        for name, st in self.template.styles.items():
            rows.append([name] + [self._style_text(k, getattr(st, k)) for k, _ in STYLE_COLUMNS])
        self.styles = _table(["样式"] + [label for _, label in STYLE_COLUMNS], rows)
        for r in range(self.styles.rowCount()):
            self.styles.item(r, 0).setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        lay.addWidget(QLabel("字号、段前段后单位为磅，缩进单位为字；对齐写 左、居中、右 或 两端对齐；加粗写 是 或 否。"))
        lay.addWidget(self.styles, 1)

    @staticmethod
    def _style_text(key: str, value) -> str:
        if key == "bold":
            return "是" if value else "否"
        if key == "align":
            return ALIGN_WORDS.get(value, value)
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    def _issuers(self) -> None:
        lay = self._tab("文号与机关")
        lay.addWidget(QLabel("文号中的机关代字 → 发文机关（检查据此核对来源行）"))
        self.issuers = _table(["机关代字", "发文机关（以顿号分隔）"],
                              [[k, names_text(v)] for k, v in self.template.doc_number_issuers.items()])
        lay.addWidget(self.issuers, 2)
        lay.addLayout(_row_buttons(self.issuers))
        lay.addWidget(QLabel("同一机关的不同称呼"))
        self.aliases = _table(["机关", "也称（以顿号分隔）"],
                              [[k, names_text(v)] for k, v in self.template.issuer_aliases.items()])
        lay.addWidget(self.aliases, 1)
        lay.addLayout(_row_buttons(self.aliases))

    def _rules(self) -> None:
        lay = self._tab("检查规则")
        lay.addWidget(QLabel("改变某条规则或某类规则的级别：写 错误、警告、提示 或 关闭（规则编号见帮助里的规则表）。"))
        self.rules = _table(["规则或类别", "级别"], [[k, SEVERITY_WORDS.get(v, v)] for k, v in self.template.rules.items()])
        lay.addWidget(self.rules, 1)
        lay.addLayout(_row_buttons(self.rules))

    # ------------------------------------------------------------ reading the widgets back

    def values(self) -> Template:
        """The template as the dialog shows it now; ValueError (Chinese) for a cell that is no value."""
        t = self.template
        self._keep_profile()
        pub = dataclasses.replace(t.publication, title=self.title.text().strip(), tagline=self.tagline.text().strip(),
                                  slogan=self.slogan.text().strip(), publisher=self.publisher.text().strip(),
                                  language=self.language.text().strip() or "zh-CN")
        columns = []
        for r in range(self.columns.rowCount()):
            name = self.columns.item(r, 0).text().strip() if self.columns.item(r, 0) else ""
            if not name:
                continue
            checked = [bool(self.columns.item(r, c)) and self.columns.item(r, c).checkState() == Qt.CheckState.Checked
                       for c in (1, 2)]
            columns.append(ColumnSpec(name, checked[0], checked[1]))
        page = dataclasses.replace(t.page, size=self.paper.currentText(),
                                   **{k: round(box.value(), 1) for k, box in self.margins.items()})
        cadence = dataclasses.replace(t.cadence, unit=self.unit.currentData(), interval=self.interval.value(),
                                      number_restarts=self.restarts.currentData())
        ref = self.reference.text().strip()
        reference = None if not ref else (Path(ref) if Path(ref).is_absolute() else t.folder / ref)
        return dataclasses.replace(
            t, publication=pub, columns=columns, page=page, cadence=cadence,
            fonts={k: split_names(v) for k, v in _cells(self.fonts)},
            colors={k: v for k, v in _cells(self.colors)},
            styles=self._style_values(),
            colophon=parse_colophon(self.colophon.toPlainText()),
            disclaimer=self.disclaimer.toPlainText().strip(),
            back_matter=[p for p in self.profiles if p.name],
            doc_number_issuers={k: split_names(v) for k, v in _cells(self.issuers)},
            issuer_aliases={k: split_names(v) for k, v in _cells(self.aliases)},
            rules={k: {w: s for s, w in SEVERITY_WORDS.items()}.get(v, v) for k, v in _cells(self.rules)},
            reference_docx=reference)

    def _style_values(self) -> dict[str, Style]:
        out = {}
        aligns = {w: a for a, w in ALIGN_WORDS.items()}
        for row in _cells(self.styles):
            name, cells = row[0], dict(zip((k for k, _ in STYLE_COLUMNS), row[1:]))
            old = self.template.styles[name]
            values = {}
            for key, label in STYLE_COLUMNS:
                text = cells.get(key, "")
                if key == "bold":
                    if text not in ("是", "否"):
                        raise ValueError(f"样式“{name}”的{label}应写“是”或“否”，而不是“{text}”")
                    values[key] = text == "是"
                elif key == "align":
                    values[key] = aligns.get(text, text)
                    if values[key] not in ALIGNMENTS:
                        raise ValueError(f"样式“{name}”的{label}应为 左、居中、右 或 两端对齐，而不是“{text}”")
                elif key in ("font", "color"):
                    values[key] = text
                else:
                    try:
                        values[key] = float(text)
                    except ValueError:
                        raise ValueError(f"样式“{name}”的{label}应为数字，而不是“{text}”") from None
            out[name] = dataclasses.replace(old, **values)
        return out

    # ------------------------------------------------------------ saving

    def save(self) -> bool:
        """保存: check, write only what changed, close; problems are listed and nothing is written."""
        try:
            new = self.values()
            text = self.template.path.read_text(encoding="utf-8")
            out = changed_text(text, self.template, new)
            if out != text:
                save_template(self.template.path, out)
        except ValueError as exc:
            self._show_problems([str(exc)])
            return False
        except TemplateError as exc:
            self._show_problems([self._words(p.message) for p in exc.problems] or [str(exc)])
            return False
        except OSError as exc:
            self._show_problems([f"无法写入 {self.template.path}（{exc.strerror or exc}）；模板未改动"])
            return False
        self.saved = out != text
        self.accept()
        return True

    @staticmethod
    def _words(message: str) -> str:
        """“publication.title：刊名不能为空” as the dialog names it: “刊头：刊名：刊名不能为空”."""
        key, sep, rest = message.partition("：")
        for dotted in sorted(KEY_WORDS, key=len, reverse=True):
            if key == dotted or key.startswith(dotted + ".") or key.startswith(dotted + "["):
                return f"{KEY_WORDS[dotted]}（{key}）：{rest}" if sep else message
        return message

    def _show_problems(self, lines: list[str]) -> None:
        self.problems.setText("<span style='color:#D32F2F'>未保存：" +
                              "<br>".join(html.escape(x) for x in lines) + "</span>")
