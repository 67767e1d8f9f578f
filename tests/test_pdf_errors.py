"""Failures of the PDF export: clear Chinese messages, and the previous good file left in place."""

from __future__ import annotations

import pytest

import editor.writers.pdf as pdf_writer
from editor.build import build_issue
from editor.compose import compose
from editor.errors import ExportError
from editor.project import open_issue

pytestmark = pytest.mark.slow          # builds real documents


def _previous(folder, out):
    comp = compose(*(lambda o: (o.issue, o.template, o.folder))(open_issue(folder)))
    target = out / f"{comp.file_stem}.pdf"
    out.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"%PDF-1.4 the previous good file")
    return target


@pytest.mark.parametrize("failure", [ExportError("排版失败：测试"), RuntimeError("boom")])
def test_failed_export_leaves_the_previous_pdf(mini_issue, tmp_path, monkeypatch, failure):
    out = tmp_path / "build"
    target = _previous(mini_issue, out)

    def broken(comp, template, path, progress=None):
        with open(path, "wb") as f:
            f.write(b"%PDF-1.4 half written")
        raise failure

    monkeypatch.setattr(pdf_writer, "write_pdf", broken)
    with pytest.raises(type(failure)):
        build_issue(mini_issue, ["pdf"], out)
    assert target.read_bytes() == b"%PDF-1.4 the previous good file"
    assert [p.name for p in out.iterdir()] == [target.name]      # no .part file left behind


def test_missing_image_is_named(mini_issue, tmp_path):
    article = mini_issue / "articles" / "a1.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "前言段落。", "前言段落。\n\n![示意图](../images/不存在的图.png)"), encoding="utf-8")
    with pytest.raises(ExportError) as info:
        build_issue(mini_issue, ["pdf"], tmp_path / "build")
    assert "不存在的图.png" in str(info.value) and "图片" in str(info.value)
    assert "articles/a1.md:" in str(info.value)                  # the place that names it
    assert not list((tmp_path / "build").glob("*.part"))


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_an_image_that_is_not_one_is_named_with_its_article(mini_issue, tmp_path, fmt):
    (mini_issue / "images").mkdir()
    (mini_issue / "images" / "图.png").write_text("not a picture", encoding="utf-8")
    article = mini_issue / "articles" / "a1.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "前言段落。", "前言段落。\n\n![示意图](../images/图.png)"), encoding="utf-8")
    line = article.read_text(encoding="utf-8").split("\n").index("![示意图](../images/图.png)") + 1
    with pytest.raises(ExportError) as info:
        build_issue(mini_issue, [fmt], tmp_path / "build")
    message = str(info.value)
    assert message.startswith(f"articles/a1.md:{line}: ") and "图.png" in message and "无法读取" in message
    assert "PNG" in message and "cannot" not in message


def test_unusable_font_is_a_chinese_message(mini_issue, tmp_path, monkeypatch):
    import editor.writers.pdf.kit as kit

    def broken(resolved, chars):
        raise OSError("bad table 'glyf'")

    monkeypatch.setattr(kit, "open_face", broken)
    with pytest.raises(ExportError) as info:
        build_issue(mini_issue, ["pdf"], tmp_path / "build")
    message = str(info.value)
    assert "字体" in message and "Traceback" not in message


def test_mini_issue_builds(mini_issue, tmp_path):
    results = build_issue(mini_issue, ["pdf"], tmp_path / "build")
    pdf = results[0].path
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    assert results[0].report.page_count >= 4


def test_web_addresses_in_the_text_are_live_links(mini_issue, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    article = mini_issue / "articles" / "a1.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "前言段落。", "前言段落，详见 https://www.gov.cn/zhengce/content/2023-07/31/content_1.htm。"),
        encoding="utf-8")
    pdf = build_issue(mini_issue, ["pdf"], tmp_path / "build")[0].path
    uris = [a.get_object()["/A"]["/URI"] for page in pypdf.PdfReader(str(pdf)).pages
            for a in page.get("/Annots") or [] if "/URI" in a.get_object().get("/A", {})]
    assert "https://www.gov.cn/zhengce/content/2023-07/31/content_1.htm" in uris


def test_an_output_folder_that_is_a_file_is_said_in_chinese(mini_issue, tmp_path):
    blocker = tmp_path / "build"
    blocker.write_text("", encoding="utf-8")
    for out in (blocker, blocker / "sub"):
        with pytest.raises(ExportError) as info:
            build_issue(mini_issue, ["pdf"], out)
        message = str(info.value)
        assert str(out) in message and "文件" in message
        assert not any(word in message for word in ("File exists", "Not a directory"))
