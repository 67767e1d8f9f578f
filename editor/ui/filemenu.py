"""The 文件 menu's commands: open, save as, new issue, export, print, recent issues."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from ..errors import BulletinError
# the core modules each command needs are imported in it: the menus are built before the first paint


class FileCommands:
    """Mixed into Actions: `self.win` is the main window."""

    def open_dialog(self) -> None:
        start = str(self.win.doc.folder.parent) if self.win.doc else str(Path.cwd())
        path = QFileDialog.getExistingDirectory(self.win, "打开期刊（选择含 issue.toml 的文件夹）", start)
        if path:
            self.win.open_folder(path)

    def save_as_dialog(self) -> None:
        path = QFileDialog.getExistingDirectory(self.win, "另存为（选择一个空文件夹）", str(self.win.doc.folder.parent))
        if path:
            self.win.save_as(path)

    def _create(self, issue, folder: Path) -> None:
        from ..content import save_issue
        from . import safety

        if folder.exists() and any(folder.iterdir()):
            self.win.error(f"文件夹“{folder}”已有内容；为免覆盖，请换一个新文件夹")
            return
        if not self.win.maybe_save():
            return
        try:
            save_issue(issue, folder)
        except OSError as exc:
            self.win.error(f"无法新建：{safety.failed_path(exc, folder)}（{safety.os_reason(exc)}）")
            return
        self.win.open_folder(folder)

    def new_next(self) -> None:
        from ..cadence import next_issue
        from .dialogs import NewIssueDialog

        doc = self.win.doc
        if doc is None:
            return
        issue = next_issue(doc.issue, doc.template)
        dialog = NewIssueDialog(self.win, templates=[doc.template.id], base=doc.folder.parent, date=issue.date,
                                number=issue.number, total=issue.total_number,
                                previous=f"{doc.issue.issue_line}（{doc.folder.name}）")
        if dialog.exec():
            _tid, date, number, total, folder = dialog.values()
            issue.date, issue.number, issue.total_number = date, number, total
            self._create(issue, folder)

    def new_from_template(self) -> None:
        from ..cadence import first_issue
        from ..template import load_template
        from .dialogs import NewIssueDialog, available_templates

        base = self.win.doc.folder.parent if self.win.doc else Path.cwd() / "content"
        templates = available_templates(base)
        if not templates:
            self.win.error("找不到任何模板（issue_templates/<模板>/template.toml）")
            return
        today = dt.date.today()
        dialog = NewIssueDialog(self.win, templates=templates, base=base, date=today, number=1, total=1)
        if dialog.exec():
            tid, date, number, total, folder = dialog.values()
            try:
                template = load_template(tid, start=base)
            except BulletinError as exc:
                self.win.error(str(exc))
                return
            self._create(first_issue(template, date, number, total), folder)

    def export_dialog(self):
        from .dialogs import ExportDialog

        win = self.win
        if win.doc is None:
            return None
        folder = win.doc.folder
        out = folder.parent.parent / "build" if folder.parent.name == "content" else folder / "build"
        errors = sum(1 for d in win.checker.diagnostics if d.severity == "error")
        dialog = ExportDialog(win, win.service, win.doc, out, errors)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def print_issue(self) -> None:
        """Ctrl+P: the pages of the issue as it is now, through the system's print dialog."""
        win = self.win
        pv = win.preview
        if win.doc is None:
            return
        if pv.current_pdf() is None or pv.shown_revision != win.doc.revision:
            # the preview is older than the text: typeset first, then ask what to print
            def ready() -> None:
                pv.loaded.disconnect(ready)
                if pv.shown_revision == win.doc.revision:
                    self.print_issue()

            pv.loaded.connect(ready)
            win.statusBar().showMessage("正在排版最新的页面，排好后打开打印对话框……", 8000)
            pv.rebuild_now()
            return
        from .printing import print_with_dialog

        title = f"《{win.doc.template.publication.title}》{win.doc.issue.issue_line}"
        done = print_with_dialog(win, pv.current_pdf(), pv.current_page(), title)
        if done:
            win.statusBar().showMessage(f"已送往打印机：{done} 页", 6000)

    # ------------------------------------------------------------ templates

    def template_dialog(self) -> bool:
        """编辑模板: the open issue's template; once saved, checks and preview use it at once."""
        from ..template import load_template
        from .template_dialog import TemplateDialog

        win = self.win
        if win.doc is None:
            return False
        try:      # as it is on disk now (another window may have changed it)
            template = load_template(win.doc.template.path)
        except BulletinError as exc:
            win.error(str(exc))
            return False
        dialog = TemplateDialog(win, template)
        if not dialog.exec() or not dialog.saved:
            return False
        win.doc.set_template(load_template(template.path))
        win.statusBar().showMessage(f"已保存模板 {template.path}", 6000)
        return True

    def save_as_template(self, new_id: str | None = None) -> Path | None:
        """另存为模板: this issue's colophon, disclaimer, back matter and columns as a new template
        beside the current one (its reference document and logos copied along)."""
        import re

        from PySide6.QtWidgets import QInputDialog

        from . import safety
        from .templatefile import copy_template, from_issue

        win = self.win
        doc = win.doc
        if doc is None:
            return None
        if new_id is None:
            new_id, ok = QInputDialog.getText(win, "另存为模板", "新模板的名称（文件夹名，用字母、数字、汉字、横线）：",
                                              text=f"{doc.template.id}-副本")
            if not ok:
                return None
        new_id = new_id.strip()
        if not re.fullmatch(r"[\w.\-]+", new_id):
            win.error(f"模板名称“{new_id}”不合法：只能用字母、数字、汉字、点、横线和下划线")
            return None
        target = doc.template.folder.parent / new_id
        try:
            path = copy_template(doc.template, target, from_issue(doc.template, doc.issue, new_id))
        except BulletinError as exc:
            win.error(str(exc))
            return None
        except OSError as exc:
            win.error(f"无法写入 {safety.failed_path(exc, target)}（{safety.os_reason(exc)}）；没有留下半个模板")
            return None
        win.statusBar().showMessage(f"已另存为模板“{new_id}”（{path}）；由模板新建期刊时可以选用", 8000)
        return path

