"""Tables, images and links in a small issue's PDF (one build for the module)."""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest

from editor.compose import compose
from editor.project import open_issue
from editor.writers.pdf import typeset

from .conftest import MINI_ARTICLE, ROOT

pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.slow          # builds real documents

ARTICLE = MINI_ARTICLE.replace('doc_number = "国办发〔2023〕1号"\n',
                               'doc_number = "国办发〔2023〕1号"\nlink = "https://www.gov.cn/zhengce/content/2023-07/01/content_1.htm"\n')
ARTICLE = ARTICLE.replace("前言段落。", "前言段落。\n\n| 指标 | 2022年 | 2023年 |\n|---|---|---|\n"
                          "| 数据交易额（亿元） | 12.5 | 20.1 |\n| 挂牌数据产品（个） | 120 | 350 |\n\n"
                          "![数据要素市场示意图](../images/chart.png)")


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    import os

    from PIL import Image

    root = tmp_path_factory.mktemp("media")
    shutil.copytree(ROOT / "issue_templates", root / "issue_templates")
    folder = root / "content" / "mini"
    (folder / "articles").mkdir(parents=True)
    (folder / "images").mkdir()
    Image.new("RGB", (600, 300), (27, 79, 143)).save(folder / "images" / "chart.png")
    (folder / "issue.toml").write_text(
        'template = "big-data-weekly"\ndate = 2023-12-29\nnumber = 52\ntotal_number = 163\n'
        'cover = "a1"\n\n[[columns]]\nname = "国策要论"\narticles = ["a1"]\n', encoding="utf-8")
    (folder / "articles" / "a1.md").write_text(ARTICLE, encoding="utf-8")
    cache = os.environ.get("BULLETIN_TEST_CACHE") or str(tmp_path_factory.getbasetemp() / "shared-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BULLETIN_CACHE_DIR", cache)
        opened = open_issue(folder)
        comp = compose(opened.issue, opened.template, opened.folder)
        path = root / "mini.pdf"
        result = typeset(comp, opened.template, path)
    reader = pypdf.PdfReader(str(path))
    return SimpleNamespace(result=result, reader=reader, text="".join(p.extract_text() for p in reader.pages))


def test_table_cells_are_set(mini):
    cells = {r.text for r in mini.result.lines if r.style == "table"}
    assert {"指标", "2023年", "数据交易额（亿元）", "350"} <= cells
    assert "挂牌数据产品（个）" in mini.text


def test_image_is_embedded(mini):
    images = [name for page in mini.reader.pages
              for name, obj in (page["/Resources"].get_object().get("/XObject") or {}).items()
              if obj.get_object().get("/Subtype") == "/Image"]
    assert images
    assert ("link_caption", "数据要素市场示意图") in {(r.style, r.text) for r in mini.result.lines}


def test_link_is_a_qr_code_and_a_live_link(mini):
    uris = [a.get_object()["/A"]["/URI"] for page in mini.reader.pages for a in page.get("/Annots") or []
            if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]]
    assert "https://www.gov.cn/zhengce/content/2023-07/01/content_1.htm" in uris
    assert {"扫描二维码", "阅读全文"} <= {r.text for r in mini.result.lines if r.style == "link_caption"}


def test_small_issue_pages(mini):
    r = mini.result
    assert r.kinds[1] == "cover" and r.printed_starts == {"a1": 1} and r.contents_numbers == {"a1": 1}
