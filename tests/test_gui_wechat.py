"""「复制为公众号格式」 in the desktop app: the selected article, or the whole issue, on the clipboard as
rich text (text/html and text/plain), in the whitelist the 公众号 editor keeps."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("PySide6")
lxml_html = pytest.importorskip("lxml.html")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from editor.writers.html.wechat import TAGS  # noqa: E402

from .test_gui import close, make_window  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def win(qtbot, sample_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(tmp_path / "cache"))
    w = make_window(qtbot, sample_copy)
    yield w
    close(w)
    # the clipboard owns the copied data: empty it while Qt is still whole, not at interpreter exit
    QGuiApplication.clipboard().clear()


def _clipboard():
    mime = QGuiApplication.clipboard().mimeData()
    return mime.html(), mime.text(), mime.hasHtml(), mime.hasText()


def test_an_article_goes_to_the_clipboard_as_wechat_rich_text(win, tmp_path):
    model = win.doc.outline
    win.outline.setCurrentIndex(model.article_index("07-可信AI白皮书"))
    assert win.actions.copy_wechat.isEnabled()
    assert win.actions.copy_wechat in win.actions.context_actions()
    win.actions.copy_wechat.trigger()
    html, text, has_html, has_text = _clipboard()
    assert has_html and has_text
    root = lxml_html.fragment_fromstring(re.search(r"<section.*</section>", html, re.S).group(0))
    assert {e.tag for e in root.iter()} <= TAGS and not root.xpath(".//*[@class or @id]")
    assert "可信 AI 技术和应用进展白皮书" in root.text_content() and "国策要论" not in root.text_content()
    assert text.startswith("可信 AI 技术和应用进展白皮书（2023）") and "http://www.caict.ac.cn/kxyj/qwfb/bps/" in text
    [img] = root.xpath(".//img")
    assert img.get("src").startswith("file://") and img.get("alt").startswith("二维码")
    assert list((tmp_path / "cache" / "公众号").rglob("*二维码.png"))
    assert "复制为公众号格式" in win.statusBar().currentMessage() and "上传" in win.statusBar().currentMessage()


def test_the_issue_goes_to_the_clipboard_whole(win):
    win.outline.setCurrentIndex(win.doc.outline.issue_index())
    win.actions.copy_wechat.trigger()
    html, text, _, _ = _clipboard()
    for article in win.doc.issue.articles:
        assert article.title.split("\n")[-1].strip() in text
    assert "本期要目" in html and html.count("编者按") >= 6
