"""The PDF writer's use of fonts: installed faces from the template, real bold where one exists."""

from __future__ import annotations

import pytest

from editor import fonts as fontlib
from editor.compose import compose
from editor.project import open_issue
from editor.writers.pdf import typeset

from .test_fonts import make_font

pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.slow          # builds real documents


def _base_fonts(path) -> set[str]:
    reader = pypdf.PdfReader(str(path))
    names = set()
    for page in reader.pages:
        for ref in (page["/Resources"].get_object().get("/Font") or {}).values():
            names.add(str(ref.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_template_fonts_and_real_bold_faces(mini_issue, tmp_path, monkeypatch):
    opened = open_issue(mini_issue)
    comp = compose(opened.issue, opened.template, opened.folder)
    chars = "".join(sorted({c for e in [comp.title, comp.issue_line] for c in e} | set("关于测试的通知")))
    fonts = tmp_path / "fonts"
    make_font(fonts / "title.ttf", "Test Title", zh_family="测试标题体", chars=chars)
    make_font(fonts / "title-bold.ttf", "Test Title", weight=700, style="Bold", chars=chars)
    monkeypatch.setattr(fontlib, "_DEFAULT", fontlib.FontResolver(fontlib.FontIndex([fonts])))
    opened.template.fonts["title"] = ["测试标题体", "Noto Serif SC"]
    result = typeset(comp, opened.template, tmp_path / "out.pdf")
    used = _base_fonts(tmp_path / "out.pdf")
    # the title style is bold: set in the installed bold face, not in faux bold of the regular
    assert "TestTitle-Bold" in used
    assert {"NotoSerifSC-Regular", "NotoSansSC-Regular"} <= used
    assert not any("标题体" in w for w in result.report.warnings)
    # the fallbacks of the other roles are reported in Chinese
    assert any("思源宋体" in w for w in result.report.warnings)
