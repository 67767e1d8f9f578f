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
