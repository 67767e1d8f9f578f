"""`bulletin build --format html`: the web edition and the WeChat fragments of the sample issue, read
as markup here and rendered in a real headless Chromium (skipped where it is not installed)."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest

from editor.build import build_issue
from editor.compose import compose
from editor.project import open_issue
from editor.writers.html import ISSUE_FRAGMENT, WECHAT_DIR
from editor.writers.html.wechat import TAGS

from . import conftest

lxml_html = pytest.importorskip("lxml.html")
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOTS = Path(os.environ.get("BULLETIN_SHOTS", "/tmp/shots-compose"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    [result] = build_issue(conftest.SAMPLE, ["html"], out)
    opened = open_issue(conftest.SAMPLE)
    comp = compose(opened.issue, opened.template, opened.folder)
    return result.path, comp


def fragments(folder: Path) -> list[Path]:
    return sorted((folder / WECHAT_DIR).glob("*.html"))


def read_fragment(path: Path):
    text = path.read_text(encoding="utf-8-sig")
    return text, lxml_html.fragment_fromstring(text)


# ---------------------------------------------------------------- the files

def test_the_folder_holds_the_page_and_a_fragment_per_article(built):
    folder, comp = built
    assert folder.name == comp.file_stem and folder.is_dir()
    assert (folder / "index.html").is_file()
    names = [p.name for p in fragments(folder)]
    assert names[0] == ISSUE_FRAGMENT and len(names) == 1 + len(comp.heads())
    assert names[1:] == [f"{n:02d}-{h.article_id[3:]}.html" for n, h in enumerate(comp.heads(), 1)]


def test_the_page_says_what_it_is_and_fetches_nothing(built):
    folder, comp = built
    text = (folder / "index.html").read_text(encoding="utf-8")
    doc = lxml_html.document_fromstring(text)
    assert doc.get("lang") == "zh-CN"
    assert doc.findtext(".//title") == f"{comp.title} {comp.issue_line}"
    assert doc.xpath("//meta[@name='viewport']")
    assert not doc.xpath("//script | //link | //iframe | //object")
    for attr in ("src", "href"):
        for value in doc.xpath(f"//@{attr}"):
            assert value.startswith(("#", "data:", "http://www.caict.ac.cn")), value   # links out only to the article
    css = "".join(doc.xpath("//style/text()"))
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    # fonts from the reader's system: 宋体, 仿宋 and 楷体 under their Windows, macOS and Linux names
    for names in (("SimSun", "Songti SC", "Noto Serif CJK SC"), ("FangSong", "STFangsong"),
                  ("KaiTi", "STKaiti", "AR PL UKai CN"), ("SimHei", "PingFang SC", "Noto Sans CJK SC")):
        assert all(n in css for n in names), names
    assert "@media print" in css and "break-before:page" in css


def test_landmarks_headings_and_contents(built):
    folder, comp = built
    doc = lxml_html.document_fromstring((folder / "index.html").read_text(encoding="utf-8"))
    assert len(doc.xpath("//header")) == 1 and len(doc.xpath("//main")) == 1 and len(doc.xpath("//footer")) == 1
    assert doc.xpath("//nav[@aria-labelledby='toc-h']")
    levels = [int(h.tag[1]) for h in doc.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), "a heading level is skipped"
    titles = [re.sub(r"\s+", "", h.text_content()) for h in doc.xpath("//article/h3")]
    assert titles == [re.sub(r"\s+", "", "".join(h.title.own)) for h in comp.heads()]
    links = doc.xpath("//nav//a/@href")
    ids = set(doc.xpath("//@id"))
    assert len(links) == len(comp.heads()) and all(h[1:] in ids for h in links)
    notes = [re.sub(r"\s+", "", x.text_content()) for x in doc.xpath("//nav//span[@class='toc-note']")]
    assert "工信部联网安〔2023〕95号来源：工业和信息化部" in notes
    # the 编者按 in its box before the title, the 文号 after it; the QR code beside the opening paragraph
    first = doc.xpath("//article")[0]
    assert [c.tag for c in first][:3] == ["aside", "h3", "p"] and first[0].get("aria-label").startswith("编者按：")
    [qr] = doc.xpath("//figure[contains(@class,'qr')]")
    assert "side" in qr.get("class") and qr.getnext().tag == "p"
    assert qr.xpath(".//a/@href") == ["http://www.caict.ac.cn/kxyj/qwfb/bps/"] * 2
    assert "".join(qr.xpath(".//figcaption//text()")) == "扫描二维码阅读全文"


def test_numbering_levels_are_styled_as_in_the_pdf(built):
    folder, _ = built
    doc = lxml_html.document_fromstring((folder / "index.html").read_text(encoding="utf-8"))
    css = "".join(doc.xpath("//style/text()"))
    lead2 = re.search(r"\.lead-heading2\{([^}]*)\}", css).group(1)
    assert "KaiTi" in lead2                                        # （一） leads in 楷体, as in the PDF
    assert re.search(r"\.s-heading1\{[^}]*SimHei", css)             # 一、 headings in 黑体
    assert doc.xpath("//span[@class='lead-heading2' and starts-with(., '（一）')]")
    assert doc.xpath("//h4[@class='s-heading1 keep' and starts-with(., '一、')]")


# ---------------------------------------------------------------- WeChat fragments

def test_every_wechat_fragment_keeps_to_what_the_editor_keeps(built):
    folder, comp = built
    links = {h.link for h in comp.heads() if h.link}
    for path in fragments(folder):
        text, root = read_fragment(path)
        assert root.tag == "section"
        for e in root.iter():
            assert e.tag in TAGS, (path.name, e.tag)
            allowed = {"style"} | ({"src", "alt"} if e.tag == "img" else set())
            assert set(e.attrib) <= allowed, (path.name, e.tag, e.attrib)
            style = e.get("style", "")
            assert not re.search(r"url\(|expression|@import|javascript:|position\s*:", style, re.I), style
            if e.tag == "img":
                src = e.get("src")
                assert e.get("alt") and not re.match(r"\w+:", src), src     # a file next to the fragment
                assert (path.parent / src).is_file(), src
        assert not re.search(r"<(style|script|ol|ul|li|a|div|table|link)\b", text, re.I)
        assert " class=" not in text and " id=" not in text
        for url in (u for t in root.itertext() for u in re.findall(r"https?://[^\s<\"'）)]+", t)):
            assert url in links or url.rstrip("/") + "/" in links, (path.name, url)
    whole, _ = read_fragment(folder / WECHAT_DIR / ISSUE_FRAGMENT)
    assert all(h.title.own[-1] in whole for h in comp.heads())


def test_wechat_numbering_is_text_and_the_note_a_styled_box(built):
    folder, _ = built
    text, root = read_fragment(fragments(folder)[1])
    box = root.xpath("./section")[0]
    assert "border-left" in box.get("style") and "background" in box.get("style")
    assert box.xpath("./p[1]")[0].text_content() == "编者按"
    assert root.xpath(".//p[starts-with(normalize-space(.), '一、建立健全')]")
    assert root.xpath(".//strong[starts-with(., '（一）')]")          # the lead set apart, its number text


def test_a_title_with_markup_in_it_stays_text(mini_issue, tmp_path):
    article = mini_issue / "articles" / "a1.md"
    hostile = '<script>alert("x")</script> 关于"引号"&<b>的通知'
    article.write_text(article.read_text(encoding="utf-8").replace(
        'title = "关于测试的通知"', "title = " + json.dumps(hostile, ensure_ascii=False))
                       .replace("前言段落。", "前言段落。见 <img src=x onerror=alert(1)> 与 javascript:alert(1)。"),
                       encoding="utf-8")
    assert open_issue(mini_issue).issue.articles[0].title == hostile
    [result] = build_issue(mini_issue, ["html"], tmp_path / "out")
    page = (result.path / "index.html").read_text(encoding="utf-8")
    doc = lxml_html.document_fromstring(page)
    assert not doc.xpath("//script | //b | //img[@onerror] | //*[@onerror]")
    assert doc.xpath("//article/h3")[0].text_content() == hostile
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    for path in fragments(result.path):
        text, root = read_fragment(path)
        assert not root.xpath(".//script | .//b | .//*[@onerror]")
        assert re.sub(r"\s", "", hostile) in re.sub(r"\s", "", root.text_content())    # (broken at its space)


def test_a_later_build_replaces_the_folder_and_a_failed_one_leaves_it(mini_issue, tmp_path, monkeypatch):
    out = tmp_path / "out"
    [first] = build_issue(mini_issue, ["html"], out)
    (first.path / "旧文件.txt").write_text("earlier", encoding="utf-8")
    [again] = build_issue(mini_issue, ["html"], out)
    assert again.path == first.path and not (again.path / "旧文件.txt").exists()
    (again.path / "旧文件.txt").write_text("earlier", encoding="utf-8")
    import editor.writers.html.web as web

    monkeypatch.setattr(web, "page", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        build_issue(mini_issue, ["html"], out)
    assert (again.path / "旧文件.txt").read_text(encoding="utf-8") == "earlier"
    assert sorted(p.name for p in out.iterdir()) == [first.path.name]          # no .part folder left


# ---------------------------------------------------------------- in a real browser

@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("没有安装 Chromium（/usr/bin/chromium）")
    sync = pytest.importorskip("playwright.sync_api")
    with sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def _open(browser, path: Path, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests


def _shot(page, name: str) -> None:
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / name), full_page=True)
    except Exception:          # screenshots are for looking at, not part of the result
        pass


@pytest.mark.slow
@pytest.mark.parametrize("width", [375, 1280])
def test_the_web_edition_in_chromium(built, browser, width):
    folder, comp = built
    page, requests = _open(browser, folder / "index.html", width)
    try:
        scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= client, f"{width} px: 横向滚动 {scroll} > {client}"
        assert all(u.startswith(("file:", "data:")) for u in requests), requests
        assert page.evaluate("document.scripts.length") == 0
        # every contents link goes to its article: the title arrives at the top of the window
        links = page.locator("nav.toc a")
        assert links.count() == len(comp.heads())
        for i in range(links.count()):
            href = links.nth(i).get_attribute("href")
            links.nth(i).click()
            assert page.evaluate("location.hash") == href
            top = page.evaluate(f"document.getElementById({href[1:]!r}).getBoundingClientRect().top")
            assert abs(top) < 40, (href, top)
            title = page.evaluate(f"document.getElementById({href[1:]!r}).querySelector('h3').textContent")
            assert re.sub(r"\s", "", title) == re.sub(r"\s", "", comp.heads()[i].title.text)
        # alt texts: every picture has one, every drawn code is an image with a label
        assert page.evaluate("[...document.images].every(i => i.alt.trim() && i.naturalWidth > 0)")
        assert page.evaluate("[...document.querySelectorAll('svg')].every(s => s.getAttribute('role') == 'img'"
                             " && s.getAttribute('aria-label'))")
        # nothing wider than the page: tables scroll inside their frame
        assert page.evaluate("[...document.querySelectorAll('main *')].every(e => e.closest('.table-wrap') "
                             "|| e.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)")
        _shot(page, f"web-{width}.png")
    finally:
        page.close()


@pytest.mark.slow
@pytest.mark.parametrize("width", [375, 1280])
def test_the_web_edition_passes_axe_core(built, browser, width):
    """The accessibility rules of axe-core (shipped in the PyPI package axe-playwright-python), all of them."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    folder, _ = built
    page, _ = _open(browser, folder / "index.html", width)
    try:
        results = axe.Axe().run(page)
    finally:
        page.close()
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
    assert violations == []
    assert results.response["passes"]                      # it did run its rules


@pytest.mark.slow
def test_the_qr_code_drawn_on_the_page_decodes_to_the_article_link(built, browser):
    zxing = pytest.importorskip("zxingcpp")
    from PIL import Image

    folder, comp = built
    [link] = [h.link for h in comp.heads() if h.link]
    page, _ = _open(browser, folder / "index.html", 1280)
    try:
        svg = page.locator("figure.qr svg")
        svg.scroll_into_view_if_needed()
        png = svg.screenshot()
    finally:
        page.close()
    image = Image.open(io.BytesIO(png)).convert("L")
    image = image.resize((image.width * 3, image.height * 3), Image.NEAREST)
    assert [r.text for r in zxing.read_barcodes(image)] == [link]
    # and the picture the WeChat fragment shows
    [qr] = (folder / WECHAT_DIR).rglob("*二维码.png")
    assert [r.text for r in zxing.read_barcodes(Image.open(qr))] == [link]


@pytest.mark.slow
@pytest.mark.parametrize("width", [375, 1280])
def test_the_wechat_fragments_in_chromium(built, browser, width):
    folder, comp = built
    for path in fragments(folder):
        page, requests = _open(browser, path, width)
        try:
            scroll, client = page.evaluate("[document.documentElement.scrollWidth, "
                                           "document.documentElement.clientWidth]")
            assert scroll <= client, (path.name, width, scroll, client)
            assert all(u.startswith("file:") for u in requests), requests
            assert page.evaluate("[...document.images].every(i => i.alt && i.naturalWidth > 0)")
            assert "编者按" in page.inner_text("body") or path.name.startswith("07")
            if path.name.startswith(("00", "07")):
                _shot(page, f"wechat-{path.stem}-{width}.png")
        finally:
            page.close()


def test_an_html_build_imports_neither_the_pdf_nor_the_docx_writer_nor_qt(mini_issue, tmp_path):
    import json
    import subprocess
    import sys

    probe = (
        "import json, sys\n"
        "from editor.cli import main\n"
        f"code = main(['build', {str(mini_issue)!r}, '--format', 'html', '-o', {str(tmp_path / 'out')!r}, '--quiet'])\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n")
    r = subprocess.run([sys.executable, "-c", probe], cwd=conftest.ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    code, modules = json.loads(r.stdout.splitlines()[-1])
    assert code == 0 and "editor.writers.html" in modules
    unwanted = [m for m in modules if m.startswith(("editor.writers.pdf", "editor.writers.docx", "docx", "lxml",
                                                      "PySide6", "editor.checks", "editor.importers", "PIL",
                                                      "html.entities", "mimetypes"))]
    assert unwanted == []
