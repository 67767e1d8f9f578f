"""PDF/A-2b (issue #16): `bulletin build --pdfa` or the template's [pdf] pdfa = true.

Checked with pikepdf's offline PDF/A checker (pikepdf[pdfa], a test dependency), which also
turns the ordinary PDF down (no output intent), so the check can tell the two apart.
"""

from __future__ import annotations

import shutil

import pytest

from editor.cli import main

from .conftest import ROOT, SAMPLE

pdfa = pytest.importorskip("pikepdf.pdfa")
pikepdf = pytest.importorskip("pikepdf")

pytestmark = pytest.mark.slow


def _built(out) -> str:
    return str(next(out.glob("*.pdf")))


def test_the_sample_with_pdfa_passes_the_pdfa_2b_check(tmp_path, capsys):
    assert main(["build", str(SAMPLE), "-o", str(tmp_path / "a"), "--format", "pdf", "--pdfa", "--quiet"]) == 0
    path = _built(tmp_path / "a")
    report = pdfa.validate_written(path, "2b")
    assert report.findings == [] and report.output_intent == "RGB"
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        title = meta["dc:title"]
        assert "大数据发展动态" in title and "第29期" in title          # the title and the issue line
        assert meta["dc:language"] == ["zh-CN"] or "zh-CN" in str(meta["dc:language"])
        assert "贵阳" in str(meta["dc:publisher"]) or "贵阳" in str(meta["dc:creator"])
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert str(pdf.Root.Lang) == "zh-CN"
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        assert all("/Trans" not in page.obj for page in pdf.pages)


def test_the_template_can_ask_for_pdfa_and_an_ordinary_build_does_not_claim_it(tmp_path):
    root = tmp_path / "w"
    shutil.copytree(SAMPLE, root / "content" / "2023-29")
    shutil.copytree(ROOT / "issue_templates", root / "issue_templates")
    issue = root / "content" / "2023-29"
    assert main(["build", str(issue), "-o", str(tmp_path / "plain"), "--quiet"]) == 0
    plain = pdfa.validate_written(_built(tmp_path / "plain"), "2b")
    assert plain.findings                                     # not PDF/A: no output intent
    with pikepdf.open(_built(tmp_path / "plain")) as pdf:
        assert "/Metadata" not in pdf.Root
    toml = root / "issue_templates" / "big-data-weekly" / "template.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n[pdf]\npdfa = true\n", encoding="utf-8")
    assert main(["build", str(issue), "-o", str(tmp_path / "tpl"), "--quiet"]) == 0
    assert pdfa.validate_written(_built(tmp_path / "tpl"), "2b").findings == []


def test_a_wrong_pdfa_setting_is_a_chinese_error_naming_the_key(tmp_path, capsys):
    root = tmp_path / "w"
    shutil.copytree(SAMPLE, root / "content" / "2023-29")
    shutil.copytree(ROOT / "issue_templates", root / "issue_templates")
    toml = root / "issue_templates" / "big-data-weekly" / "template.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[pdf]\npdfa = "是"\n', encoding="utf-8")
    code = main(["build", str(root / "content" / "2023-29"), "-o", str(tmp_path / "o"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and "pdf.pdfa" in err and "Traceback" not in err


def test_pictures_with_transparency_stay_pdfa(mini_issue, tmp_path):
    from PIL import Image

    (mini_issue / "images").mkdir()
    Image.new("RGBA", (300, 200), (27, 79, 143, 128)).save(mini_issue / "images" / "a.png")
    Image.new("RGB", (300, 200), (200, 30, 30)).save(mini_issue / "images" / "b.jpg")
    path = mini_issue / "articles" / "a1.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "前言段落。", "前言段落。\n\n![半透明](../images/a.png)\n\n![照片](../images/b.jpg)"), encoding="utf-8")
    assert main(["build", str(mini_issue), "-o", str(tmp_path / "o"), "--pdfa", "--quiet"]) == 0
    assert pdfa.validate_written(_built(tmp_path / "o"), "2b").findings == []
    with pikepdf.open(_built(tmp_path / "o")) as pdf:
        images = [pdf.get_object(o.objgen) if hasattr(o, "objgen") else o for page in pdf.pages
                  for o in page.obj.Resources.get("/XObject", {}).values()]
        assert len(images) == 2 and any("/SMask" in x for x in images)
