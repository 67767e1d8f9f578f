"""Menus, toolbar and keyboard shortcuts of the main window, and what they do to the outline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QToolBar

from ..errors import BulletinError
from .filemenu import FileCommands
from .pages import FIT_PAGE, FIT_WIDTH

if TYPE_CHECKING:       # the menus are built before the first paint; the model comes with the issue
    from ..model import Article, Column

SK = QKeySequence.StandardKey
KEPT_ON_REPLACE = ("toc_title",)   # the bulletin's own choice, not the pasted document's: a paste keeps it


def recent_label(path: str) -> str:
    """A recent issue by 期号 and date (read cheaply from its issue.toml), its folder's name after."""
    import tomllib

    folder = Path(path)
    try:
        data = tomllib.loads((folder / "issue.toml").read_text(encoding="utf-8"))
        date, number = data.get("date"), data.get("number")
        when = f"{date.year}年{date.month}月{date.day}日" if hasattr(date, "year") else ""
        head = "　".join(x for x in (f"第{number}期" if isinstance(number, int) else "", when) if x)
    except (OSError, UnicodeDecodeError, ValueError):
        return f"{folder.name}（已不存在或无法读取）"
    return f"{head}（{folder.name}）" if head else folder.name


def distinct(keys: list[QKeySequence]) -> list[QKeySequence]:
    """Each key once (a key bound twice to one action is "ambiguous" to Qt, which then does nothing)."""
    out: list[QKeySequence] = []
    for k in keys:
        if not k.isEmpty() and k not in out:
            out.append(k)
    return out


def redo_keys() -> list[QKeySequence]:
    """Ctrl+Y and Ctrl+Shift+Z on every platform, each once: the platform's Redo binding already is
    one of them on Windows (and offscreen), and a key bound twice to one action is "ambiguous" to Qt,
    which then does nothing at all."""
    return distinct([*QKeySequence.keyBindings(SK.Redo)[:1], QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])


class Actions(FileCommands):
    def __init__(self, win):
        self.win = win
        self.undo_action: QAction | None = None
        self.redo_action: QAction | None = None
        mb = win.menuBar()

        def act(menu, text, slot, shortcut=None, tip=""):
            a = QAction(text, win)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
                a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if tip:
                a.setStatusTip(tip)
                a.setToolTip(f"{text}（{a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}）"
                             if shortcut else text)
            # (the window's other parts are made right after its first paint: a command chosen sooner makes them)
            a.triggered.connect(lambda _checked=False: (win.complete(), slot()))
            menu.addAction(a)
            return a

        f = mb.addMenu("文件(&F)")
        self.new = act(f, "由模板新建期刊……", self.new_from_template, SK.New, "按模板新建第一期")
        self.next = act(f, "新建下一期……", self.new_next, "Ctrl+Shift+N", "日期、期号、总期号顺延；栏目、编委沿用")
        self.open = act(f, "打开期刊……", self.open_dialog, SK.Open, "打开一期的文件夹")
        self.open.setIconText("打开")
        self.recent_menu = f.addMenu("最近打开")
        f.addSeparator()
        self.save = act(f, "保存", win.save, SK.Save, "原子保存：不会留下写了一半的文件")
        self.save_as = act(f, "另存为……", self.save_as_dialog, "Ctrl+Shift+S")   # SK.SaveAs has no key on Windows
        f.addSeparator()
        self.export = act(f, "导出 PDF 和 Word……", self.export_dialog, "Ctrl+E", "导出到 build/ 或所选文件夹")
        self.export.setIconText("导出")
        self.print = act(f, "打印……", self.print_issue, SK.Print, "用系统的打印对话框打印本期（页面取自排好的 PDF）")
        f.addSeparator()
        self.edit_template = act(f, "编辑模板……", self.template_dialog, None, "刊头、编委、声明、封底、栏目、字体与版面")
        self.save_template = act(f, "另存为模板……", self.save_as_template, None, "以本期的编委、声明、栏目为一个新模板")
        f.addSeparator()
        act(f, "退出", win.close, SK.Quit)

        e = mb.addMenu("编辑(&E)")
        self.edit_menu = e
        e.addSeparator()
        # on the focused text box (its own Ctrl+X/C/V keep working there); pasting goes through its undo step
        self.cut = act(e, "剪切", lambda: self._on_focus("cut"), SK.Cut)
        self.copy = act(e, "复制", lambda: self._on_focus("copy"), SK.Copy)
        self.paste = act(e, "粘贴", lambda: self._on_focus("paste"), SK.Paste)
        self.select_all = act(e, "全选", lambda: self._on_focus("selectAll"), SK.SelectAll)
        e.addSeparator()
        self.find = act(e, "查找……", lambda: self.find_bar(False), SK.Find)
        self.replace = act(e, "替换……", lambda: self.find_bar(True), "Ctrl+H")
        e.addSeparator()
        self.paste_policy = act(e, "粘贴为政策文本……", self.paste_as_policy, "Ctrl+Shift+V",
                                "整理剪贴板里从 PDF、网页复制的文字（接回断行、识别标题文号来源）")
        # #14 (compose): the current article, or the whole issue, as WeChat 公众号 rich text
        self.copy_wechat = act(e, "复制为公众号格式", lambda: self._copy_wechat(), None,
                               "把所选文章（选中本期时为整期）复制为可粘贴到公众号编辑器的格式")

        o = mb.addMenu("本期(&I)")
        self.add_column = act(o, "添加栏目", self.do_add_column, "Ctrl+Alt+N")
        self.rename_column = act(o, "重命名栏目", self.do_rename_column, "F2")
        self.add_article = act(o, "添加文章", self.do_add_article, "Ctrl+Alt+A")
        self.import_article = act(o, "导入文章……", self.do_import, "Ctrl+I", "导入 .txt .md .html .docx")
        self.import_article.setIconText("导入")
        o.addSeparator()
        self.move_up = act(o, "上移", lambda: self.do_move(-1), "Alt+Up")
        self.move_down = act(o, "下移", lambda: self.do_move(1), "Alt+Down")
        self.move_prev = act(o, "移到上一栏目", lambda: self.do_move_column(-1), "Alt+Left")
        self.move_next = act(o, "移到下一栏目", lambda: self.do_move_column(1), "Alt+Right")
        o.addSeparator()
        self.delete = act(o, "删除", self.do_delete, "Ctrl+Delete", "删除所选文章或栏目（可撤销）")

        c = mb.addMenu("检查(&C)")
        self.recheck = act(c, "重新检查", win.checker.run_full, "F5")
        self.quick_fix = act(c, "快速修复", self.do_quick_fix, "Ctrl+.")
        self.next_problem = act(c, "下一个问题", self.do_next_problem, "F8")

        a = mb.addMenu("往期(&A)")       # editor/ui/search_panel.py (issue #18), loaded when first used
        self.search_archive = act(a, "检索往期……", lambda: _archive_ui().show_search(win), "Ctrl+Shift+F",
                                  "在存放各期的文件夹中检索标题、文号、编者按和正文；双击结果定位")
        self.archive_stats = act(a, "往期统计……", lambda: _archive_ui().show_stats(win))

        v = mb.addMenu("视图(&V)")
        self.jump_page = act(v, "预览定位到本文", win.preview.jump_to_article, "Ctrl+J")
        self.focus_outline = act(v, "转到目录", lambda: win.outline.setFocus(), "Ctrl+1")
        self.focus_editor = act(v, "转到正文", lambda: win.editor.body.setFocus(), "Ctrl+2")
        self.focus_problems = act(v, "转到问题列表", lambda: win.problems.tree.setFocus(), "Ctrl+3")
        self.show_preview = QAction("显示预览", win, checkable=True, checked=True)
        self.show_preview.toggled.connect(win.preview.setVisible)
        v.addAction(self.show_preview)
        v.addSeparator()
        self.zoom_in = act(v, "放大预览", lambda: win.preview.zoom.step(1), "Ctrl+=")
        self.zoom_in.setShortcuts(distinct([QKeySequence("Ctrl+="), QKeySequence(SK.ZoomIn)]))
        self.zoom_out = act(v, "缩小预览", lambda: win.preview.zoom.step(-1), SK.ZoomOut)
        self.zoom_out.setShortcuts(distinct([QKeySequence("Ctrl+-"), QKeySequence(SK.ZoomOut)]))
        self.zoom_100 = act(v, "实际大小（100 %）", lambda: win.preview.zoom.set(1.0), "Ctrl+0")
        self.zoom_width = act(v, "适合宽度", lambda: win.preview.zoom.set(FIT_WIDTH))
        self.zoom_page = act(v, "适合页面", lambda: win.preview.zoom.set(FIT_PAGE))
        v.addAction(win.preview.pages_action)
        win.preview.pages_action.setText("页面缩略图")
        win.preview.pages_action.setIconText("页面")
        win.preview.print_action.triggered.connect(self.print_issue)

        h = mb.addMenu("帮助(&H)")
        self.keys_help = act(h, "键盘快捷键", self.show_keys, "F1")
        self.about = act(h, "关于简报编排器", self.show_about)

        # Outline keys act only while the outline has the focus (Alt+↑ in the body must not move articles).
        for a in (self.rename_column, self.move_up, self.move_down, self.move_prev, self.move_next, self.delete):
            a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            win.outline.addAction(a)
        self.delete.setShortcuts([QKeySequence(SK.Delete), QKeySequence("Ctrl+Delete")])
        self.open_item = QAction("编辑所选", win)
        self.open_item.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.open_item.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_item.triggered.connect(self.edit_selected)
        win.outline.addAction(self.open_item)
        win.outline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        win.outline.customContextMenuRequested.connect(self.outline_menu)

        tb = QToolBar("常用")
        tb.setObjectName("main-toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.open, self.save, None, self.add_column, self.add_article, self.import_article,
                  self.delete, None, self.recheck, self.export):
            tb.addSeparator() if a is None else tb.addAction(a)
        win.addToolBar(tb)
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self.recent_menu.setEnabled(bool(win.recent()))
        self.update_enabled()

    # ------------------------------------------------------------ wiring

    def bind_undo(self, stack) -> None:
        for a in (self.undo_action, self.redo_action):
            if a is not None:
                self.edit_menu.removeAction(a)
                a.deleteLater()
        self.undo_action = stack.createUndoAction(self.win, "撤销")
        self.undo_action.setShortcut(QKeySequence(SK.Undo))
        self.redo_action = stack.createRedoAction(self.win, "重做")
        self.redo_action.setShortcuts(redo_keys())
        first = self.edit_menu.actions()[0] if self.edit_menu.actions() else None
        self.edit_menu.insertAction(first, self.undo_action)
        self.edit_menu.insertAction(first, self.redo_action)

    def fill_recent(self) -> None:
        """最近打开, as an editor knows the issues: 第29期　2023年7月21日（2023-29）; the path in the tip.
        Read when the menu opens (issue.toml alone), not at start-up."""
        self.recent_menu.clear()
        for path in self.win.recent():
            a = self.recent_menu.addAction(recent_label(path))
            a.setToolTip(path)
            a.setStatusTip(path)
            a.setEnabled(Path(path, "issue.toml").is_file())
            a.triggered.connect(lambda _c=False, p=path: self.win.open_folder(p))
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def update_enabled(self) -> None:
        has_doc = self.win.doc is not None
        kind = self.win.current_kind()
        for a in (self.save, self.save_as, self.export, self.next, self.add_column, self.add_article,
                  self.import_article, self.recheck, self.paste_policy, self.print, self.edit_template,
                  self.save_template, self.copy_wechat):
            a.setEnabled(has_doc)
        for a in (self.move_up, self.move_down, self.delete):
            a.setEnabled(kind in ("article", "column"))
        self.rename_column.setEnabled(kind == "column")
        for a in (self.move_prev, self.move_next, self.find, self.replace, self.jump_page):
            a.setEnabled(kind == "article")

    # ------------------------------------------------------------ outline

    def shortcut_table(self) -> list[tuple[str, str, str]]:
        """(menu, command, keys) of every menu command with a key, read from the menus themselves."""
        rows = []
        for menu_action in self.win.menuBar().actions():
            menu = menu_action.menu()
            for a in menu.actions() if menu is not None else ():
                keys = "，".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts())
                if keys and not a.isSeparator():
                    rows.append((menu_action.text().split("(")[0], a.text().rstrip("…"), keys))
        rows.append(("本期目录", "进入所选文章的正文（或本期信息）", "Enter"))
        return rows

    def _on_focus(self, what: str) -> None:
        """剪切/复制/粘贴/全选 on the text box that has the focus."""
        widget = QApplication.focusWidget()
        method = getattr(widget, what, None)
        if callable(method) and not (what in ("cut", "paste") and getattr(widget, "isReadOnly", lambda: False)()):
            method()

    def _copy_wechat(self) -> None:
        from .wechatcopy import copy_wechat     # (the HTML writer, imported when first asked for)

        copy_wechat(self.win)

    def show_about(self) -> None:
        from .dialogs import AboutDialog

        AboutDialog(self.win).exec()

    def show_keys(self) -> None:
        from .dialogs import KeysDialog

        KeysDialog(self.win, self.shortcut_table()).exec()

    def context_actions(self) -> list[QAction | None]:
        """What a right click on the current outline item offers (None: a separator)."""
        self.update_enabled()
        groups = [[self.add_article, self.import_article, self.paste_policy, self.copy_wechat],
                  [self.add_column, self.rename_column],
                  [self.move_up, self.move_down, self.move_prev, self.move_next], [self.delete]]
        out: list[QAction | None] = []
        for group in groups:
            enabled = [a for a in group if a.isEnabled()]
            if enabled:
                out += ([None] if out else []) + enabled
        return out

    def outline_menu(self, pos) -> None:
        view = self.win.outline
        if self.win.doc is None:
            return
        index = view.indexAt(pos)
        if index.isValid():
            view.setCurrentIndex(index)
        menu = QMenu(view)
        for a in self.context_actions():
            menu.addSeparator() if a is None else menu.addAction(a)
        menu.exec(view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _where(self) -> tuple[Column | None, int]:
        """The column and row where a new article goes: after the current one."""
        doc, win = self.win.doc, self.win
        index = win.outline.currentIndex()
        kind = doc.outline.kind(index)
        if kind == "article":
            return doc.outline.column_at(index), index.row() + 1
        if kind == "column":
            column = doc.outline.column_at(index)
            return column, len(column.articles)
        if doc.issue.columns:
            return doc.issue.columns[0], len(doc.issue.columns[0].articles)
        return None, 0

    def _place(self, article: Article, label: str, where: tuple[Column, int] | None = None) -> None:
        doc = self.win.doc
        from .document import AddArticle, AddColumn

        column, row = where or self._where()
        if column is None:
            doc.undo.push(AddColumn(doc, "新栏目", 0))
            column, row = doc.issue.columns[0], 0
        doc.undo.push(AddArticle(doc, article, column, row, label))
        self.win.select(article.id)

    def do_add_column(self) -> None:
        from .document import AddColumn

        doc, win = self.win.doc, self.win
        names = {c.name for c in doc.issue.columns}
        name = next(n for n in (f"新栏目{i or ''}" for i in range(100)) if n not in names)
        index = win.outline.currentIndex()
        column = doc.outline.column_at(index)
        row = doc.column_row(column) + 1 if column is not None else len(doc.issue.columns)
        doc.undo.push(AddColumn(doc, name, row))
        new = doc.outline.index(row, 0, doc.outline.issue_index())
        win.outline.setCurrentIndex(new)
        win.outline.edit(new)

    def edit_selected(self) -> None:
        """Enter in the outline: into the article's body, or the issue panel."""
        kind = self.win.current_kind()
        if kind == "article":
            self.win.editor.body.setFocus()
        elif kind in ("issue", "column"):
            self.win.issue_panel.date.setFocus()

    def do_rename_column(self) -> None:
        index = self.win.outline.currentIndex()
        if self.win.current_kind() == "column":
            self.win.outline.edit(index)

    def do_add_article(self) -> None:
        from ..model import Article
        from .textmap import unique_id

        doc = self.win.doc
        article = Article(id=unique_id(doc.issue, "新文章"), title="新文章")
        self._place(article, "添加文章")
        self.win.editor.title.setFocus()
        self.win.editor.title.selectAll()

    def do_import(self, paths: list[str] | None = None, column: Column | None = None, row: int = 0) -> list[str]:
        """Import files as articles: after the current article, or at (column, row) when given."""
        from ..importers import import_file
        from .textmap import unique_id

        win = self.win
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(win, "导入文章", str(win.doc.folder),
                                                    "文章 (*.txt *.md *.html *.htm *.docx);;所有文件 (*)")
        added, errors, notes, found = [], [], [], []
        for path in paths:
            try:
                found.append(import_file(Path(path)))
            except BulletinError as exc:
                errors.append(str(exc))
        if len(found) > 1:
            win.doc.undo.beginMacro(f"导入 {len(found)} 篇文章")     # one Ctrl+Z takes the whole import back
        for imported in found:
            article = imported.article
            article.id = unique_id(win.doc.issue, article.title, stem=article.id)
            article.path = ""
            self._place(article, "导入文章", (column, row + len(added)) if column is not None else None)
            added.append(article.id)
            notes += imported.notes
        if len(found) > 1:
            win.doc.undo.endMacro()
        if errors:
            win.error("以下文件未能导入：\n" + "\n".join(errors))
        if added:
            win.statusBar().showMessage(f"已导入 {len(added)} 篇" + (f"：{'；'.join(notes[:3])}" if notes else ""), 8000)
        return added

    def do_delete(self) -> None:
        from .document import DeleteArticle, RemoveColumn

        doc, win = self.win.doc, self.win
        index = win.outline.currentIndex()
        kind = doc.outline.kind(index)
        if kind == "article":
            article = doc.outline.article_at(index)
            doc.undo.push(DeleteArticle(doc, article.id))
            win.statusBar().showMessage(f"已删除“{article.display_title}”（Ctrl+Z 撤销）", 6000)
        elif kind == "column":
            column = doc.outline.column_at(index)
            doc.undo.push(RemoveColumn(doc, column))
            win.statusBar().showMessage(f"已删除栏目“{column.name}”及其 {len(column.articles)} 篇文章（Ctrl+Z 撤销）", 6000)

    def do_move(self, step: int) -> None:
        """Alt+↑/↓: an article moves within its column and on into the next; a column among columns."""
        from .document import MoveArticle, MoveColumn

        doc, win = self.win.doc, self.win
        index = win.outline.currentIndex()
        kind = doc.outline.kind(index)
        if kind == "column":
            column = doc.outline.column_at(index)
            row = doc.column_row(column) + step
            if 0 <= row < len(doc.issue.columns):
                doc.undo.push(MoveColumn(doc, column, row))
        elif kind == "article":
            article = doc.outline.article_at(index)
            column = doc.outline.column_at(index)
            row = index.row() + step
            if 0 <= row < len(column.articles):
                doc.undo.push(MoveArticle(doc, article.id, column, row))
            else:
                self.do_move_column(step, to_edge=True)
                return
        win.outline.scrollTo(win.outline.currentIndex())

    def do_move_column(self, step: int, to_edge: bool = False) -> None:
        """Alt+←/→: the article to the previous / next column (at its end / start)."""
        from .document import MoveArticle

        doc, win = self.win.doc, self.win
        index = win.outline.currentIndex()
        if doc.outline.kind(index) != "article":
            return
        article = doc.outline.article_at(index)
        c = doc.column_row(doc.outline.column_at(index)) + step
        if not 0 <= c < len(doc.issue.columns):
            return
        target = doc.issue.columns[c]
        row = len(target.articles) if step < 0 else 0
        doc.undo.push(MoveArticle(doc, article.id, target, row))
        win.outline.setExpanded(doc.outline.column_index(target), True)
        win.select(article.id)

    # ------------------------------------------------------------ editing

    def find_bar(self, replace: bool) -> None:
        if self.win.current_kind() == "article":
            self.win.editor.findbar.open(replace)

    def paste_as_policy(self, text: str | None = None) -> None:
        from ..importers import article_from_text
        from .dialogs import PasteDialog
        from .document import ARTICLE_FIELDS
        from .textmap import unique_id

        win = self.win
        text = QGuiApplication.clipboard().text() if text is None else text
        if not text.strip():
            win.statusBar().showMessage("剪贴板里没有文字", 5000)
            return
        try:
            imported = article_from_text(text, source_name="剪贴板")
        except BulletinError as exc:
            win.error(str(exc))
            return
        current = win.editor.current_article() if win.current_kind() == "article" else None
        dialog = PasteDialog(win, imported, current is not None)
        if not dialog.exec():
            return
        new = imported.article
        if dialog.choice == PasteDialog.REPLACE and current is not None:
            from .document import field_text

            doc = win.doc
            doc.undo.beginMacro(f"粘贴为政策文本：{new.display_title}")
            for name in ARTICLE_FIELDS:
                if name not in KEPT_ON_REPLACE:
                    doc.edit_field(current.id, name, field_text(new, name), typing=False)
            doc.undo.endMacro()
            win.editor.show_article(current.id)
        else:
            new.id = unique_id(win.doc.issue, new.title, stem=new.id)
            self._place(new, "粘贴文章")

    def do_quick_fix(self) -> None:
        """Ctrl+.: in the body, the problem at the cursor; else the one chosen in the list."""
        if self.win.editor.body.hasFocus():
            d = self.win.editor.problem_at_cursor(self.win.checker.diagnostics)
            if d is not None:
                self.win.apply_fix(d)
                return
        d = self.win.problems.selected()
        if d is None or d.fix is None:
            d = next((x for x in self.win.checker.diagnostics if x.fix is not None and
                      x.article_id == self.win.editor.article_id), None)
        if d is not None:
            self.win.apply_fix(d)

    def do_next_problem(self) -> None:
        tree = self.win.problems.tree
        items = [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
                 for j in range(tree.topLevelItem(i).childCount())]
        if not items:
            return
        current = self.win.problems.problem_item(tree.currentItem())    # (a related place's row: its problem)
        nxt = items[(items.index(current) + 1) % len(items)] if current in items else items[0]
        tree.setCurrentItem(nxt)
        self.win.jump_to(nxt.data(0, Qt.ItemDataRole.UserRole))


def _archive_ui():
    from . import search_panel

    return search_panel


def build_actions(win) -> Actions:
    return Actions(win)

