"""Qt's own texts in Chinese: its translations, with what they lack, and a Chinese locale.

PySide6 ships Qt's zh_CN translations (qtbase_zh_CN.qm). They leave a few texts of the file
and print dialogs in English (“Look in:”, “Files of type:”), call a file's size 体积, spell
撤销 the old way and give the standard buttons no access keys; `Supplement` answers those
first. The default locale is Chinese whatever the system's, so that dates in the file dialog
read 2026/12/2 and not “2 12 2026”.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

# (context, source text) → Chinese; Qt shows “&S” as an underlined S, the key that presses it
TEXTS = {
    ("QFileDialog", "&Look in:"): "查找范围(&I)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileSystemModel", "Size"): "大小",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QPrintSettingsOutput", "Page &Set:"): "打印页面(&S)：",
    ("QPlatformTheme", "Save"): "保存(&S)",
    ("QPlatformTheme", "Discard"): "不保存(&N)",
    ("QPlatformTheme", "Don't Save"): "不保存(&N)",
    ("QPlatformTheme", "Open"): "打开(&O)",
    ("QPlatformTheme", "Close"): "关闭(&C)",
    ("QPlatformTheme", "Apply"): "应用(&A)",
    ("QPlatformTheme", "Retry"): "重试(&R)",
    ("QPlatformTheme", "Save All"): "全部保存(&L)",
    ("QPlatformTheme", "Restore Defaults"): "恢复默认值(&D)",
    ("QLineEdit", "&Undo"): "撤销(&U)",
    ("QWidgetTextControl", "&Undo"): "撤销(&U)",
}


class Supplement(QTranslator):
    """Asked before Qt's own translations (the translator installed last is asked first)."""

    def translate(self, context, source, disambiguation=None, n=-1):   # noqa: D401 (Qt's signature)
        return TEXTS.get((context, source))        # None: not ours, Qt asks its own translations

    def isEmpty(self) -> bool:
        return False


def install(app) -> list[QTranslator]:
    """Qt's zh_CN translations, then the supplement, on `app`; the Chinese locale as default."""
    QLocale.setDefault(QLocale("zh_CN"))     # (by name: the Language and Country enums are costly to create)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed: list[QTranslator] = []
    for name in ("qtbase_zh_CN",):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    supplement = Supplement(app)
    app.installTranslator(supplement)
    installed.append(supplement)
    return installed
