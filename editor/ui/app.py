"""Application start-up: the QApplication, the packaged Chinese fonts, the main window, screenshots."""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, QTimer, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ..errors import BulletinError
from . import qtcompat, zh

UI_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans SC",
               "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei"]


_QUIET = ("propagateSizeHints",)     # harmless notices of the offscreen platform


def _messages(mode, context, message: str) -> None:
    if not any(q in message for q in _QUIET):
        sys.stderr.write(message + "\n")


UI_FACES = ("sans",)     # of the shipped faces, the one the window's own text is set in


def register_fonts(kinds=None, skip=()) -> list[str]:
    """Register the CJK fonts shipped with the program (all, or those of `kinds` less `skip`: see
    editor.fonts.packaged_font_files), so Chinese renders with no system CJK font."""
    try:
        from ..fonts import packaged_font_files
    except ImportError:
        return []
    families: list[str] = []
    for path in packaged_font_files(kinds, skip):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
    return families


def register_page_fonts() -> None:
    """The shipped faces the window's own text does not use (宋体, 楷体), once, after the first paint: the
    楷体 is unpacked from its .gz on a first start (0.03 s of CPU), which the window need not wait for."""
    app = QApplication.instance()
    if app is not None and not app.property("bulletin-page-fonts"):
        app.setProperty("bulletin-page-fonts", True)
        register_fonts(skip=UI_FACES)


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (made once), with Chinese fonts and a Chinese-friendly default font."""
    qtcompat.shield()
    app = QApplication.instance()
    if app is None:
        qInstallMessageHandler(_messages)
        QCoreApplication.setOrganizationName("bulletin")
        QCoreApplication.setApplicationName("简报编排器")
        # Fusion on every platform, named on the command line: setStyle() would make Qt's default style
        # first and hand Python a QStyle (creating its enums), ~10 ms before the first paint
        app = QApplication([*(argv if argv is not None else sys.argv[:1]), "-style", "Fusion"])
    if not app.property("bulletin-zh"):
        # Qt's own texts (standard buttons, context menus, file and print dialogs) in Chinese
        app._translators = zh.install(app)
        app.setProperty("bulletin-zh", True)
    if not app.property("bulletin-fonts"):
        packaged = register_fonts(UI_FACES)      # the others: register_page_fonts()
        installed = set(QFontDatabase.families())
        font = QFont(app.font())
        families = [f for f in UI_FAMILIES if f in installed or f in packaged]
        font.setFamilies(families or [font.family()])
        if font.pointSizeF() < 10:
            font.setPointSizeF(10)
        app.setFont(font)
        app.setProperty("bulletin-fonts", ",".join(packaged) or "none")
    return app


def wait_until(app: QApplication, ready, timeout: float) -> bool:
    """Process events until `ready()` or the timeout (seconds)."""
    end = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > end:
            return False
        app.processEvents()
        time.sleep(0.01)
    return True


def settle(win, app: QApplication, timeout: float = 60.0) -> None:
    """Wait until checks are current and the preview shows the issue as it is now."""
    wait_until(app, lambda: win.checker.current, timeout)
    wait_until(app, lambda: win.doc is None or win.preview.shown_revision == win.doc.revision
               or win.preview.status.text().startswith("预览未能生成"), timeout)
    end = time.monotonic() + 0.6          # QPdfView renders pages asynchronously
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def install_excepthook(win) -> None:
    """An unexpected error in a slot: log it, autosave, tell the user in Chinese, keep running."""
    def hook(etype, value, tb):
        from ..cli._zh import write_crash_log

        text = "".join(traceback.format_exception(etype, value, tb))
        sys.stderr.write(text)
        log = write_crash_log(text)
        try:
            win.autosave()
        except Exception:   # the report matters more than a second failure
            pass
        if win.interactive:
            win.prompt("简报编排器", f"程序遇到了意外情况（{etype.__name__}），已尽量保住未保存的修改（自动保存）。\n"
                       f"详细信息已写入 {log}，请把它发给开发人员。", ["确定"], 0)

    sys.excepthook = hook


def issue_target(path: str) -> tuple[str, str | None]:
    """The issue folder and article meant by a path given on the command line: the folder itself,
    its issue.toml, its 打开本期.bulletin, or one of its article files (what a file manager hands
    over on a double click)."""
    from ..firstrun import folder_of_marker

    p = Path(path)
    if (marked := folder_of_marker(p)) is not None:
        return str(marked), None
    if p.is_file() and p.name == "issue.toml":
        return str(p.parent), None
    if p.is_file() and p.suffix == ".md" and (p.parent.parent / "issue.toml").is_file():
        return str(p.parent.parent), p.stem
    return path, None


def startup_message(elapsed_s: float, win) -> str:
    """启动用时 for the status bar: from process start to the window, without the time the user spent
    answering questions on the way (a recovery offer, a lock warning)."""
    return f"启动用时 {max(0.0, elapsed_s - win.waited_s):.2f} 秒"


def first_start() -> bool:
    """Whether the program has never opened an issue for this user (nothing recent, no sample yet)."""
    from .session import settings

    s = settings()
    return not s.value("recent", []) and not s.value("sample_installed", False, type=bool)


def install_first_sample() -> Path | None:
    """Put the sample issue in the user's documents, so a new editor sees a real bulletin at once."""
    from PySide6.QtCore import QStandardPaths

    from ..firstrun import install_sample
    from .session import settings

    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    try:
        sample = install_sample(docs)
    except OSError as exc:        # a read-only or full documents folder: start empty, say why
        sys.stderr.write(f"未能放置样刊：{exc}\n")
        return None
    settings().setValue("sample_installed", True)
    return sample


class _FirstPaint(QObject):
    def __init__(self, win, then):
        super().__init__(win)
        self.then = then

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.then)
        return False


def after_first_paint(win, then) -> None:
    """Run `then` once the window has painted: the window is there at once, the issue a moment later
    (bulletin gui: the window's other parts, MainWindow.complete(), then the issue)."""
    win.installEventFilter(_FirstPaint(win, then))


def open_in(win, folder: str | None, select: str | None, strict: bool = False) -> None:
    """Open the issue (or the issue of the article file) given on the command line, and select in it.
    `strict` (a screenshot): a folder that cannot be opened or an unknown article is an error."""
    article = None
    if folder:
        folder, article = issue_target(folder)
        if strict and not Path(folder, "issue.toml").is_file():
            win.shutdown()
            raise BulletinError(f"{folder} 不是期刊文件夹（缺少 issue.toml）")
        if not win.open_folder(folder) and strict:
            win.shutdown()
            raise BulletinError(f"无法打开期刊：{folder}")
    if not select and article and win.doc is not None and win.doc.issue.article(article) is not None:
        select = article         # an article file not in the issue's list just opens the issue
    if select and win.doc is not None:
        if select != "issue" and win.doc.issue.article(select) is None:
            ids = "、".join(a.id for a in win.doc.issue.articles)
            if strict:
                win.shutdown()
                raise BulletinError(f"本期没有编号为“{select}”的文章（可用：{ids}，或 issue）")
            win.statusBar().showMessage(f"本期没有编号为“{select}”的文章", 8000)
            return
        win.select(None if select == "issue" else select)


def run_gui(folder: str | None = None, screenshot: str | None = None, select: str | None = None,
            size: tuple[int, int] = (1440, 900)) -> int:
    """`bulletin gui [DIR] [--screenshot PNG]`."""
    headless = (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
                and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))
    if headless and screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif headless:
        raise BulletinError("没有可用的图形显示（未设置 DISPLAY）：请在桌面环境中运行；"
                            "只要截图可加 --screenshot 图片.png")
    clock = QElapsedTimer()
    clock.start()
    app = application()
    from .mainwindow import MainWindow

    # an interactive window paints first with only what shows at once, and is completed after that
    win = MainWindow(interactive=not screenshot, lock=not screenshot, defer=not screenshot, remember=not screenshot)
    install_excepthook(win)
    if screenshot:
        register_page_fonts()
        open_in(win, folder, select, strict=True)
        win.show()
        win.resize(*size)
        settle(win, app)
        target = Path(screenshot)
        target.parent.mkdir(parents=True, exist_ok=True)
        ok = win.grab().save(str(target))
        win.doc and win.doc.mark_saved()
        win.close()
        if not ok:
            raise BulletinError(f"无法写入截图：{target}")
        print(f"已保存截图 {target}")
        return 0

    def opened() -> None:
        register_page_fonts()
        win.complete()
        if folder:
            open_in(win, folder, select)
        elif first_start():         # a new editor sees a real bulletin at once
            sample = install_first_sample()
            if sample is not None:
                win.open_folder(sample)
        win.statusBar().showMessage(startup_message(clock.elapsed() / 1000, win), 4000)

    after_first_paint(win, opened)
    win.show()
    return app.exec()
