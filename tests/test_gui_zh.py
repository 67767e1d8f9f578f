"""Qt's own dialogs and buttons in Chinese (issue #17): translator installed, file and print dialogs,
message boxes' standard buttons with access keys, a Chinese date format."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before Qt is imported

import subprocess  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton, QTreeView  # noqa: E402

from editor.ui import zh  # noqa: E402
from editor.ui.app import application  # noqa: E402

from .conftest import ROOT  # noqa: E402

pytestmark = pytest.mark.gui
LATIN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def english(text: str) -> bool:
    """Text with a run of Latin letters besides an access key like (&S)."""
    bare = text.replace("&", "")
    for key in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        bare = bare.replace(f"({key})", "")
    return bool(set(bare) & LATIN)


def test_the_translators_are_installed():
    app = application()
    assert any(isinstance(t, zh.Supplement) for t in app._translators)
    assert len(app._translators) == 2, "Qt's own zh_CN translations were found in PySide6's folder"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"      # from qtbase_zh_CN
    assert QCoreApplication.translate("QPlatformTheme", "Save") == "保存(&S)"    # from the supplement
    assert QLocale().name() == "zh_CN"


def test_the_file_dialog_speaks_chinese():
    application()
    dialog = QFileDialog(None, "打开期刊", str(ROOT))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)   # Qt's own (offscreen has no native one)
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.text()]
    buttons = [w.text() for w in dialog.findChildren(QPushButton) if w.text()]
    assert "查找范围(&I)：" in labels and "文件类型(&T)：" in labels and "文件名称(&N)：" in labels
    assert not [t for t in labels + buttons if english(t)], labels + buttons
    model = dialog.findChild(QTreeView, "treeView").model()
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers == ["名称", "大小", "类型", "修改日期"]
    assert QLocale().toString(QDate(2026, 12, 2), QLocale.FormatType.ShortFormat) == "2026/12/2"


def test_message_box_buttons_have_chinese_texts_and_access_keys():
    application()
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    assert sorted(b.text() for b in box.buttons()) == sorted(["保存(&S)", "不保存(&N)", "取消"])
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                           | QMessageBox.StandardButton.Ok)
    assert sorted(b.text() for b in box.buttons()) == sorted(["是(&Y)", "否(&N)", "确定"])


def test_the_print_dialog_speaks_chinese():
    pytest.importorskip("PySide6.QtPrintSupport")
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    application()
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton) if w.text()]
    assert "打印(&P)" in texts and "取消" in texts
    assert not [t for t in texts if english(t) and t != "..."], texts


def test_under_a_chinese_locale_in_a_fresh_process():
    """As an editor starts it: LANG=zh_CN.UTF-8, a new process, Qt's message box and file dialog."""
    code = ("from editor.ui.app import application; app = application();"
            "from PySide6.QtWidgets import QMessageBox, QFileDialog, QLabel;"
            "b = QMessageBox(); b.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard);"
            "d = QFileDialog(); d.setOption(QFileDialog.Option.DontUseNativeDialog);"
            "print('|'.join(sorted(x.text() for x in b.buttons())), '|'.join(l.text() for l in d.findChildren(QLabel)))")
    env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT,
                         encoding="utf-8", timeout=60)
    assert "不保存(&N)|保存(&S)" in out.stdout and "查找范围(&I)：" in out.stdout, out.stderr
