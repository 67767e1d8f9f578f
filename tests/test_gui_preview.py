"""The preview follows the selected article through a reorder (issue #17 defect 5), zoom, pages, print."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before Qt is imported

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtPdf")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from .test_gui import close, make_window  # noqa: E402

pytestmark = [pytest.mark.gui, pytest.mark.slow]

SECOND = "02-电子产品消费"


@pytest.fixture
def shown(qtbot, sample_copy):
    win = make_window(qtbot, sample_copy, preview=True)
    with qtbot.waitSignal(win.preview.loaded, timeout=90000):
        pass
    yield win
    close(win)


def rebuilt(qtbot, win):
    win.preview.rebuild_now()
    qtbot.waitUntil(lambda: win.preview.shown_revision == win.doc.revision, timeout=90000)


def current_page(win):
    return win.preview.view.pageNavigator().currentPage()


def test_follow_goes_with_the_article_when_it_is_moved(shown, qtbot):
    win, pv = shown, shown.preview
    win.select(SECOND)
    before = pv.article_pages[SECOND]
    assert current_page(win) == before - 1
    win.outline.setFocus()
    qtbot.keyClick(win.outline, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)   # 02 before 01
    assert [a.id for a in win.doc.issue.columns[0].articles][0] == SECOND
    rebuilt(qtbot, win)
    after = pv.article_pages[SECOND]
    assert after < before
    qtbot.waitUntil(lambda: current_page(win) == after - 1, timeout=5000)
    # to the end of 地方新政 (Alt+→ then Alt+↓ … ): later pages, still followed
    qtbot.keyClick(win.outline, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    rebuilt(qtbot, win)
    qtbot.waitUntil(lambda: current_page(win) == pv.article_pages[SECOND] - 1, timeout=5000)
    # with 跟随 off the view stays where the reader is
    pv.follow.setChecked(False)
    pv.goto_page(0)
    qtbot.keyClick(win.outline, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    rebuilt(qtbot, win)
    assert current_page(win) == 0


def test_zoom_by_keys_wheel_and_the_box(shown, qtbot):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    win, pv = shown, shown.preview
    assert pv.zoom.mode == "fit-width" and pv.zoom_box.currentText() == "适合宽度"
    fitted = pv.zoom.effective()
    win.actions.zoom_in.trigger()                              # Ctrl+=
    assert isinstance(pv.zoom.mode, float) and pv.zoom.mode > fitted
    assert pv.view.zoomFactor() == pytest.approx(pv.zoom.mode)
    win.actions.zoom_100.trigger()                             # Ctrl+0
    assert pv.zoom.mode == 1.0 and pv.zoom_box.currentText() == "100 %"
    win.actions.zoom_out.trigger()                             # Ctrl+-
    assert pv.zoom.mode == 0.9
    assert {k.toString() for k in win.actions.zoom_in.shortcuts()} >= {"Ctrl+="}
    viewport = pv.view.viewport()
    for delta, expect in ((120, 1.0), (120, 1.1), (-120, 1.0)):
        event = QWheelEvent(QPointF(50, 50), QPointF(viewport.mapToGlobal(QPoint(50, 50))), QPoint(0, 0),
                            QPoint(0, delta), Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(viewport, event)
        assert pv.zoom.mode == pytest.approx(expect)
    win.actions.zoom_page.trigger()
    assert pv.zoom.mode == "fit-page" and pv.zoom.effective() <= fitted
    pv.zoom_box.setCurrentIndex(pv.zoom_box.findText("200 %"))
    pv.zoom_box.activated.emit(pv.zoom_box.currentIndex())
    assert pv.zoom.mode == 2.0
    rebuilt(qtbot, win)
    assert pv.view.zoomFactor() == 2.0, "a new preview keeps the zoom"


def test_page_thumbnails_show_and_jump(shown, qtbot):
    win, pv = shown, shown.preview
    win.resize(1440, 900)
    strip = pv.strip
    assert not strip.isVisible()
    pv.pages_action.setChecked(True)
    assert strip.isVisible() and strip.count() == pv.page_count
    first_article = min(pv.article_pages.values())
    assert "\n" in strip.item(first_article - 1).text(), "the page an article starts on names it"
    qtbot.waitUntil(lambda: strip._next >= strip.count(), timeout=20000)     # all rendered, a few at a time
    icon = strip.item(0).icon().pixmap(strip.iconSize()).toImage()
    assert len({icon.pixel(x, y) for x in range(0, icon.width(), 4) for y in range(0, icon.height(), 4)}) > 3
    pv.zoom.set(0.25)                          # whole pages in view: the one asked for is the current one
    qtbot.wait(50)
    for page in (3, 8, 2):
        pv.goto_page(page)
        assert current_page(win) == page
    pv.zoom.set("fit-width")
    strip.itemClicked.emit(strip.item(5))
    assert current_page(win) == 5 and strip.currentRow() == 5


def test_print_renders_the_pages_of_the_pdf(shown, qtbot, tmp_path, monkeypatch):
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from editor.ui import printing

    win, pv = shown, shown.preview
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 4)
    pages = printing.chosen_pages(printer, pv.page_count, 0)
    assert pages == [1, 2, 3]
    assert printing.print_pages(pv.current_pdf(), printer, pages) == 3
    printed = QPdfDocument()
    assert printed.load(str(out)) == QPdfDocument.Error.None_ and printed.pageCount() == 3
    image = printed.render(0, printed.pagePointSize(0).toSize())
    dark = sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
               if image.pixelColor(x, y).lightness() < 128 and image.pixelColor(x, y).alpha() > 0)
    assert dark > 50, "the page carries the issue's text, not a blank sheet"
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert printing.chosen_pages(printer, pv.page_count, 7) == [7]
    # Ctrl+P goes through the system's print dialog with the preview's PDF; after an edit, typeset first
    asked = []
    monkeypatch.setattr(printing, "print_with_dialog", lambda parent, pdf, page, title: asked.append(
        (pdf.pageCount(), title)) or pdf.pageCount())
    assert win.actions.print.shortcut().toString() == "Ctrl+P"
    win.doc.edit_field(win.doc.issue.articles[0].id, "link", "https://example.org/打印", typing=False)
    win.actions.print.trigger()
    assert asked == [] and "正在排版" in win.statusBar().currentMessage()
    qtbot.waitUntil(lambda: bool(asked), timeout=90000)
    assert asked[0][0] == pv.page_count and "第29期" in asked[0][1]
