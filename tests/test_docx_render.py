"""The DOCX as another word processor lays it out: LibreOffice converts it to PDF and we read the pages.

Skipped where LibreOffice is not installed. The sample test builds content/2023-29.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from editor.build import build_issue
from editor.project import open_issue

from .conftest import SAMPLE
from .test_docx import issue, retitle  # noqa: F401  (issue: a fixture)
from .test_docx_package import package_problems

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_path, out_dir):
    """Convert with a private LibreOffice profile, seeing our packaged Chinese fonts (via fontconfig)."""
    from editor.fonts import packaged_font_files

    profile = out_dir / "lo-profile"
    dirs = "".join(f"<dir>{d}</dir>" for d in sorted({str(f.parent) for f in packaged_font_files()}))
    conf = out_dir / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf'
                    f'</include>{dirs}<cachedir>{out_dir / "fc-cache"}</cachedir></fontconfig>', encoding="utf-8")
    env = {**os.environ, "HOME": str(out_dir), "FONTCONFIG_FILE": str(conf)}
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out_dir), str(docx_path)], check=True, capture_output=True, timeout=180, env=env)
    return out_dir / (docx_path.stem + ".pdf")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_lays_out_cover_front_body_back(issue, tmp_path):  # noqa: F811
    from pypdf import PdfReader

    [result] = build_issue(issue, ["docx"], tmp_path / "out")
    plain = tmp_path / "issue.docx"                      # an ASCII name for the converter's output
    shutil.copy(result.path, plain)
    reader = PdfReader(str(to_pdf(plain, tmp_path)))
    pages = [p.extract_text() or "" for p in reader.pages]
    squash = [t.replace(" ", "").replace("\n", "") for t in pages]
    # cover, colophon, contents, two article pages (the second article starts its own column), back
    assert len(pages) >= 6
    assert "大数据发展动态" in squash[0] and "本期要闻" in squash[0] and "—1—" not in squash[0]
    assert "编委会" in squash[1] and "声明" in squash[1]
    # the contents shows its entries without being updated
    assert "本期要目" in squash[2] and "关于测试的通知" in squash[2] and "上海市促进数据要素" in squash[2]
    first_body = next(i for i, t in enumerate(squash) if "国策要论" in t and "关于测试的通知" in t and i > 2)
    assert first_body == 3
    assert "2023年12月29日第52期总第163期" in squash[3] and "—1—" in squash[3]
    assert "—2—" in squash[4] and "扫描二维码" in squash[4]
    assert any(len(p.images) > 0 for p in reader.pages[4:5])         # the QR code
    assert "贵阳智能大数据战略研究院" in squash[-1] and "—" not in squash[-1].replace("——", "")


@pytest.mark.slow
@pytest.mark.skipif(not (SAMPLE / "issue.toml").is_file(), reason="the sample issue is not present")
def test_sample_issue_docx(tmp_path):
    opened = open_issue(SAMPLE)
    [result] = build_issue(opened, ["docx"], tmp_path)
    assert package_problems(result.path) == []
    doc = docx.Document(str(result.path))
    articles = opened.issue.articles
    columns = [c for c in opened.issue.columns if c.articles]
    toc2 = [p for p in doc.paragraphs if p.style.name == "toc 2"]
    toc1 = [p for p in doc.paragraphs if p.style.name == "toc 1"]
    assert len(toc1) == len(columns) and len(toc2) == len(articles)
    # the estimated page numbers run upwards from 1
    numbers = [int(p.text.rsplit("\t", 1)[1]) for p in toc2]
    assert numbers[0] == 1 and numbers == sorted(numbers)
    titles = [p for p in doc.paragraphs if p.style.name == "文章标题"]
    assert len(titles) == len(articles)
    assert all(t._p.find(qn("w:bookmarkStart")) is not None for t in titles)
    linked = [a for a in articles if a.link]
    assert len(doc.inline_shapes) >= len(linked)
    with zipfile.ZipFile(result.path) as z:
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    assert all(a.link.replace("&", "&amp;") in rels for a in linked)
    # numbered headings of every level in use got their named style
    used = {p.style.name for p in doc.paragraphs}
    assert {"一级标题", "简报正文", "来源", "编者按", "栏目"} <= used


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None or not (SAMPLE / "issue.toml").is_file(),
                    reason="needs LibreOffice and the sample issue")
def test_estimated_contents_numbers_match_libreoffice_pages(tmp_path):
    """The pre-filled 本期要目 numbers are what another word processor actually paginates (±1)."""
    from pypdf import PdfReader

    opened = open_issue(SAMPLE)
    [result] = build_issue(opened, ["docx"], tmp_path / "out")
    plain = tmp_path / "sample.docx"
    shutil.copy(result.path, plain)
    pages = [(p.extract_text() or "").replace(" ", "").replace("\n", "")
             for p in PdfReader(str(to_pdf(plain, tmp_path))).pages]
    first_body = next(i for i, t in enumerate(pages) if "—1—" in t)
    doc = docx.Document(str(result.path))
    estimated = [int(p.text.rsplit("\t", 1)[1]) for p in doc.paragraphs if p.style.name == "toc 2"]
    actual = []
    for article in opened.issue.articles:
        first_line = article.title.split("\n")[0].replace(" ", "")
        page = next(i for i in range(first_body, len(pages)) if first_line in pages[i])
        actual.append(page - first_body + 1)
    assert len(actual) == len(estimated) == len(opened.issue.articles)
    assert all(abs(a - e) <= 1 for a, e in zip(actual, estimated)), (actual, estimated)


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a5_cover_is_one_page_and_the_disclaimer_covers_nothing(issue, tmp_path):  # noqa: F811
    """On A5 the masthead shrinks to one line, a long headline still leaves the cover one page,
    and the editors' list, longer than the page holds beside the disclaimer, closes up under it
    without being covered by it."""
    from pypdf import PdfReader

    tpl = issue.parent.parent / "issue_templates" / "big-data-weekly" / "template.toml"
    tpl.write_text(tpl.read_text(encoding="utf-8").replace('size = "A4"', 'size = "A5"'), encoding="utf-8")
    retitle(issue, "关于加快推进全国一体化算力网络国家枢纽节点建设和数据要素市场化配置改革以及公共数据授权运营试点工作的实施意见")
    [result] = build_issue(issue, ["docx"], tmp_path / "out")
    plain = tmp_path / "issue.docx"
    shutil.copy(result.path, plain)
    reader = PdfReader(str(to_pdf(plain, tmp_path)))
    pages = [(p.extract_text() or "").replace(" ", "").replace("\n", "") for p in reader.pages]
    assert "大数据发展动态" in pages[0] and "本期要闻" in pages[0] and "实施意见" in pages[0]
    assert "编委会" in pages[1] and "大数据发展动态" in pages[1]          # page 2 is the colophon, not cover
    spots = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            spots.append((text.strip(), tm[5] * cm[3] + cm[5]))
    reader.pages[1].extract_text(visitor_text=visit)
    ys_list = [y for t, y in spots if t.startswith(("编辑地址", "贵阳市观山湖区"))]
    ys_note = [y for t, y in spots if t.startswith("声明")]
    assert ys_list
    # as in the PDF, the list closes up so that the disclaimer stays on its page, at the foot
    assert ys_note and "本期要目" in pages[2]
    disclaimer = "".join(t for t, y in spots if y <= max(ys_note))
    above = [(t, y) for t, y in spots if y > max(ys_note)]
    # nothing of the list (an address wrapping onto a second line included) lies under its box
    assert all(y > max(ys_note) + 10 for t, y in above), above[-3:]
    assert "内部交流学习资料" in disclaimer and "贵阳市观山湖区" not in disclaimer
