"""The editor's preview and export (through the build process), and `bulletin gui --screenshot`."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before Qt is imported

import subprocess  # noqa: E402
import sys  # noqa: E402
import zipfile  # noqa: E402

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtPdf")
pytest.importorskip("pytestqt")

from PySide6.QtGui import QImage  # noqa: E402

from .conftest import ROOT  # noqa: E402
from .test_gui import FIRST, close, make_window  # noqa: E402

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def test_preview_shows_the_pages_and_jumps_to_the_article(qtbot, sample_copy):
    win = make_window(qtbot, sample_copy, preview=True)
    try:
        with qtbot.waitSignal(win.preview.loaded, timeout=90000):
            pass
        pv = win.preview
        assert pv.page_count > 20 and pv.shown_revision == win.doc.revision
        pages = pv.article_pages
        assert set(pages) == {a.id for a in win.doc.issue.articles}
        win.select("06-深圳数字孪生")
        assert pv.view.pageNavigator().currentPage() == pages["06-深圳数字孪生"] - 1
        win.select(None)
        assert pv.view.pageNavigator().currentPage() == 0, "the issue's own page is the cover"
        win.outline.setCurrentIndex(win.doc.outline.index(1, 0, win.doc.outline.issue_index()))   # 地方新政
        assert pv.view.pageNavigator().currentPage() == pages["03-上海数据要素"] - 1
        # an edit brings a new preview of the new text, without a save
        win.select(FIRST)
        win.editor.title.setPlainText("预览更新测试")
        assert win.doc.revision != pv.shown_revision
        pv.rebuild_now()
        qtbot.waitUntil(lambda: pv.shown_revision == win.doc.revision, timeout=90000)
        qtbot.waitUntil(lambda: len(list(pv.folder.glob("preview-*.pdf"))) == 1, timeout=5000)  # old ones go
        # a new article has no page yet; once the preview has one, the view goes there by itself
        win.select("06-深圳数字孪生")
        win.actions.do_add_article()
        new = win.editor.article_id
        assert new not in pv.article_pages
        pv.rebuild_now()
        qtbot.waitUntil(lambda: pv.shown_revision == win.doc.revision, timeout=90000)
        assert pv.article_pages[new] != pv.article_pages["06-深圳数字孪生"]
        qtbot.waitUntil(lambda: pv.view.pageNavigator().currentPage() == pv.article_pages[new] - 1, timeout=5000)
    finally:
        close(win)
    assert not pv.folder.exists()


def test_export_pdf_and_docx_with_progress(qtbot, sample_copy, tmp_path):
    win = make_window(qtbot, sample_copy)
    try:
        qtbot.waitUntil(lambda: win.checker.current, timeout=10000)
        win.doc.edit_field("03-上海数据要素", "doc_number", "沪财发【2023】第7号", typing=False)
        win.checker.run_full()
        qtbot.waitUntil(lambda: win.checker.current, timeout=10000)
        errors = sum(1 for d in win.checker.diagnostics if d.severity == "error")
        assert errors
        dialog = win.actions.export_dialog()
        assert f"还有 {errors} 个错误" in dialog.status.text(), "the editor is told before exporting"
        assert dialog.folder.text().endswith("build")
        dialog.folder.setText(str(tmp_path / "out"))
        seen = []
        win.service.progress.connect(lambda job, f, text: seen.append((f, text)))
        with qtbot.waitSignal(dialog.exported, timeout=120000) as got:
            dialog.start()
        outputs = got.args[0]
        assert sorted(o.format for o in outputs) == ["docx", "pdf"]
        pdf = next(o.path for o in outputs if o.format == "pdf")
        docx = next(o.path for o in outputs if o.format == "docx")
        assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.parent == tmp_path / "out"
        with zipfile.ZipFile(docx) as z:
            assert "word/document.xml" in z.namelist()
        assert seen and seen[-1][0] == pytest.approx(1.0)
        assert dialog.open_button.isEnabled()
        assert "已生成" in dialog.status.text()
        import re
        assert len(re.findall(r"（\d+\.\d\d 秒", dialog.status.text())) == 2, "a quick DOCX is not “0.0 秒”"
    finally:
        close(win)


def test_screenshot_command(sample_copy, tmp_path):
    png = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-m", "editor", "gui", str(sample_copy), "--screenshot", str(png),
                          "--select", "03-上海数据要素"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=180)
    assert run.returncode == 0, run.stderr
    assert "已保存截图" in run.stdout
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1440, 900)
    colours = {image.pixel(x, y) for x in range(0, 1440, 37) for y in range(0, 900, 29)}
    assert len(colours) > 20, "a real window, not a blank image"
    assert not (sample_copy / ".bulletin.lock").exists()


def test_a_screenshot_leaves_the_remembered_layout_and_recent_issues_alone(qtbot, sample_copy, tmp_path):
    """`--screenshot --size 1024x700` once made the next real window open with a 1024-pixel layout
    (panes, geometry) and listed the screenshot's folder among the recent issues."""
    from editor.ui.app import run_gui
    from editor.ui.session import settings

    win = make_window(qtbot, sample_copy)
    win.resize(1500, 950)
    close(win)
    before = {k: settings().value(k) for k in settings().allKeys()}
    assert {"split", "geometry", "recent"} <= set(before)
    elsewhere = tmp_path / "other" / sample_copy.name
    import shutil
    shutil.copytree(sample_copy, elsewhere)
    assert run_gui(str(elsewhere), str(tmp_path / "shot.png"), size=(1024, 700)) == 0
    assert QImage(str(tmp_path / "shot.png")).width() == 1024
    assert {k: settings().value(k) for k in settings().allKeys()} == before


def test_screenshot_of_a_folder_that_is_not_an_issue(tmp_path):
    run = subprocess.run([sys.executable, "-m", "editor", "gui", str(tmp_path), "--screenshot",
                          str(tmp_path / "x.png")], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert run.returncode == 2
    assert "不是期刊文件夹" in run.stderr and "Traceback" not in run.stderr


def test_a_crashed_build_process_is_restarted(qtbot, sample_copy):
    win = make_window(qtbot, sample_copy, preview=True)
    try:
        with qtbot.waitSignal(win.preview.loaded, timeout=90000):
            pass
        win.service._proc.kill()
        win.service._proc.wait(10)
        with qtbot.waitSignal(win.preview.loaded, timeout=90000):
            win.preview.rebuild_now()
        assert win.preview.page_count > 20
        assert win.service._proc.poll() is None, "a new build process took over"
    finally:
        close(win)


def test_screenshot_of_an_unknown_article(sample_copy, tmp_path):
    run = subprocess.run([sys.executable, "-m", "editor", "gui", str(sample_copy), "--screenshot",
                          str(tmp_path / "x.png"), "--select", "不存在"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert run.returncode == 2 and "没有编号为“不存在”的文章" in run.stderr
    assert not (tmp_path / "x.png").exists()


def test_the_preview_of_another_issue_starts_at_its_cover(qtbot, sample_copy):
    from editor.cadence import next_issue

    win = make_window(qtbot, sample_copy, preview=True)
    try:
        pv = win.preview
        with qtbot.waitSignal(pv.loaded, timeout=90000):
            pass
        win.select("07-可信AI白皮书")
        assert pv.view.pageNavigator().currentPage() > 3
        with qtbot.waitSignal(pv.loaded, timeout=90000):
            win.actions._create(next_issue(win.doc.issue, win.doc.template), sample_copy.parent / "2023-30")
        qtbot.waitUntil(lambda: pv.page_label.text().startswith("第 1 /"), timeout=5000)
        assert pv.view.pageNavigator().currentPage() == 0, "not the old issue's page number, clamped to the last"
    finally:
        close(win)
