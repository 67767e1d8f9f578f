"""DOCX export: structure, styles, fonts, fields, sections, links and package validity.

Each test reopens the written file with python-docx (or reads its XML) the way
Word would see it.
"""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from editor.build import build_issue
from editor.errors import ExportError
from editor.writers.docx.pages import text_units
from editor.writers.docx.styles import STYLE_NAMES

from .test_docx_package import W, field_problems, instructions, package_problems

LINKED = """+++
title = "上海市促进数据要素\\n市场发展的若干措施"
link = "https://example.gov.cn/policy/2023/42.html"
+++

> 本文介绍上海的措施。

为加快数据要素市场发展，制定本措施。

第一条 总体目标。

| 指标 | 2023年 | 2025年 |
|---|---|---|
| 数据交易额 | 10亿元 | 50亿元 |

![示意图](../images/fig.png)

1. 建立数据资产登记制度。

（来源：上海市人民政府）
"""


@pytest.fixture
def issue(mini_issue):
    """The mini issue plus a linked article with a table and an image, in a second column."""
    import segno

    (mini_issue / "images").mkdir()
    segno.make("fig").save(str(mini_issue / "images" / "fig.png"), scale=6)
    (mini_issue / "articles" / "a2.md").write_text(LINKED, encoding="utf-8")
    toml = mini_issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8")
                    + '\n[[columns]]\nname = "地方新政"\narticles = ["a2"]\n', encoding="utf-8")
    return mini_issue


def use_reference(issue, name: str = "ref.docx"):
    """Point the issue's template at reference document `name` in its folder; returns its path."""
    template = issue.parent.parent / "issue_templates" / "big-data-weekly" / "template.toml"
    template.write_text(f'reference_docx = "{name}"\n' + template.read_text(encoding="utf-8"), encoding="utf-8")
    return template.parent / name


def copy_package(src, dest, change) -> None:
    """Copy the zip `src` to `dest`, each member's bytes passed through change(name, data)."""
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dest, "w") as b:
        for item in a.infolist():
            b.writestr(item, change(item.filename, a.read(item.filename)))


def retitle(issue, title: str) -> None:
    """Give the mini issue's first article another title."""
    path = issue / "articles" / "a1.md"
    path.write_text(path.read_text(encoding="utf-8").replace('title = "关于测试的通知"', f'title = "{title}"'),
                    encoding="utf-8")


def build(folder, out):
    [result] = build_issue(folder, ["docx"], out)
    assert result.path.suffix == ".docx" and result.path.is_file()
    return result


@pytest.fixture
def built(issue, tmp_path):
    result = build(issue, tmp_path / "out")
    return result.path, docx.Document(str(result.path))


def style_name(doc, p) -> str:
    return p.style.name


def inherited(style, tag: str, attr: str):
    """The value of `attr` on the rPr/pPr child `tag` that `style` has or inherits through w:basedOn."""
    while style is not None:
        for holder in (style.element.rPr, style.element.pPr):
            el = holder.find(qn(tag)) if holder is not None else None
            if el is not None and el.get(qn(attr)) is not None:
                return el.get(qn(attr))
        style = style.base_style
    return None


def test_package_is_valid(built):
    path, _ = built
    assert package_problems(path) == []


def test_sections_cover_front_body_back(built):
    _, doc = built
    sections = doc.sections
    assert len(sections) == 4
    cover, front, body, back = sections
    # the cover and the front matter have neither header nor footer
    for s in (cover, front):
        assert s.header.is_linked_to_previous and s.footer.is_linked_to_previous
        assert not s._sectPr.xpath("w:headerReference|w:footerReference")
    assert not body.header.is_linked_to_previous
    header_text = "".join(p.text for p in body.header.paragraphs)
    assert "大数据发展动态" in header_text and "2023年12月29日 第52期 总第163期" in header_text
    footer = body.footer._element
    assert instructions(footer) == ["PAGE"]
    assert field_problems(footer) == []
    assert "— " in body.footer.paragraphs[0].text
    # numbering restarts at 1 on the first article page
    num = body._sectPr.find(qn("w:pgNumType"))
    assert num.get(qn("w:start")) == "1"
    # the back cover: its own (empty) header and the masthead band as footer, no page number
    assert not back.header.is_linked_to_previous
    assert "".join(p.text for p in back.header.paragraphs) == ""
    assert all(p.style.name == "Normal" for p in back.header.paragraphs)     # no header rule
    assert instructions(back.footer._element) == []
    assert "大数据发展动态" in back.footer.paragraphs[0].text


def test_page_size_and_margins_come_from_the_template(built):
    _, doc = built
    for k, s in enumerate(doc.sections):
        assert abs(s.page_width - Mm(210)) < Mm(0.2) and abs(s.page_height - Mm(297)) < Mm(0.2)
        assert abs(s.bottom_margin - Mm(22)) < Mm(0.2)
        assert abs(s.left_margin - Mm(24)) < Mm(0.2) and abs(s.right_margin - Mm(24)) < Mm(0.2)
        # the cover's text starts under its masthead band (its headline label), the others at the margin
        assert abs(s.top_margin - Mm(25)) < Mm(0.2) if k else s.top_margin > Mm(92 + 25)


def test_structure_and_named_styles(built):
    _, doc = built
    paras = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    names = [n for n, _ in paras]
    text = {t: n for n, t in paras}
    assert text["关于测试的通知"] == "文章标题"
    assert text["国办发〔2023〕1号"] == "文号"
    assert text["编者按"] == "编者按标签" and text["编者按。"] == "编者按"
    assert text["一、总体要求"] == "一级标题"
    assert text["前言段落。"] == "简报正文"
    assert text["（来源：国务院办公厅）"] == "来源"
    assert text["国策要论"] == "栏目" and text["地方新政"] == "栏目"
    assert text["本期要目"] == "目录标题"
    assert "声明" in names and "编委职务" not in names      # roles sit in the colophon table
    assert any(n == "机构名称" for n in names) and any(n == "机构简介" for n in names)
    # the editors' note comes before the title, as in the PDF
    assert names.index("编者按") < names.index("文章标题")
    # a multi-line title is one paragraph with a line break
    title2 = next(p for p in doc.paragraphs if p.style.name == "文章标题" and p.text.startswith("上海市"))
    assert title2.text == "上海市促进数据要素\n市场发展的若干措施" and title2.style.name == "文章标题"
    # each article after the first in its column starts a page; a column label always does
    label = doc.styles["栏目"]
    assert label.element.pPr.find(qn("w:pageBreakBefore")) is not None


def test_run_in_lead_is_a_character_style(built):
    _, doc = built
    p = next(p for p in doc.paragraphs if p.text.startswith("（二）基本原则"))
    assert p.style.name == "简报正文"
    lead = p.runs[0]
    assert lead.style.name == "二级标题（段首）" and lead.text.startswith("（二）")
    assert p.runs[1].style.name == "Default Paragraph Font"


def test_no_direct_formatting_on_runs(built):
    path, _ = built
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    for rpr in root.iter(W + "rPr"):
        if rpr.getparent().tag != W + "r":
            continue
        assert [c.tag for c in rpr] == [W + "rStyle"], etree.tostring(rpr)
    # keepNext is pagination, not look: the composition's decision of what stays together
    allowed = {W + t for t in ("pStyle", "keepNext", "pageBreakBefore", "spacing", "framePr", "sectPr")}
    for ppr in root.iter(W + "pPr"):
        assert {c.tag for c in ppr} <= allowed, etree.tostring(ppr)[:300]


def test_styles_are_defined_once_with_east_asian_fonts(built, issue):
    path, doc = built
    with zipfile.ZipFile(path) as z:
        styles_xml = z.read("word/styles.xml")
        doc_xml = z.read("word/document.xml")
    assert b"eastAsiaTheme" not in styles_xml and b"eastAsiaTheme" not in doc_xml
    root = etree.fromstring(styles_xml)
    ids = [s.get(W + "styleId") for s in root.iter(W + "style")]
    assert len(ids) == len(set(ids))
    names = [s.find(W + "name").get(W + "val") for s in root.iter(W + "style")]
    assert len(names) == len(set(names))
    expected = {"body": "仿宋_GB2312", "heading1": "黑体", "editor_note": "楷体_GB2312", "title": "方正小标宋简体",
                "toc_entry": "宋体"}
    for key, family in expected.items():
        style = doc.styles[STYLE_NAMES[key][1]]
        assert inherited(style, "w:rFonts", "w:eastAsia") == family, key
        assert inherited(style, "w:rFonts", "w:ascii") in ("Times New Roman", "Arial")
        assert inherited(style, "w:lang", "w:eastAsia") == "zh-CN"
    # 简报正文 states neither face nor size: it takes both from Normal, which carries the body's
    assert doc.styles["简报正文"].element.rPr is None or doc.styles["简报正文"].element.rPr.find(qn("w:sz")) is None
    assert doc.styles["Normal"].font.size.pt == 12
    body = doc.styles["简报正文"]
    assert inherited(body, "w:sz", "w:val") == "24" and inherited(body, "w:jc", "w:val") == "both"
    ind = body.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    # the document defaults name the body face too, in Chinese
    defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(W + "rFonts").get(W + "eastAsia") == "仿宋_GB2312"
    assert defaults.find(W + "lang").get(W + "eastAsia") == "zh-CN"


def test_contents_is_a_prefilled_toc_field(built):
    path, doc = built
    root = doc.element.body
    instr = instructions(root)
    toc = [i for i in instr if i.startswith("TOC")]
    assert len(toc) == 1 and '\\t "栏目,1,文章标题,2"' in toc[0] and "\\h" in toc[0]
    pagerefs = [i.split()[1] for i in instr if i.startswith("PAGEREF")]
    assert len(pagerefs) == 2
    bookmarks = {b.get(qn("w:name")) for b in root.iter(qn("w:bookmarkStart"))}
    assert set(pagerefs) <= bookmarks
    # the pre-filled entries: columns in toc 1, articles in toc 2 with a page number
    entries = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name in ("toc 1", "toc 2")]
    assert [e[0] for e in entries] == ["toc 1", "toc 2", "toc 1", "toc 2"]
    assert entries[1][1] == "关于测试的通知\t1"
    assert entries[3][1].startswith("上海市促进数据要素市场发展的若干措施\t")
    # each bookmark sits on its article's title paragraph
    title = next(p for p in doc.paragraphs if p.text == "关于测试的通知" and p.style.name == "文章标题")
    assert title._p.find(qn("w:bookmarkStart")).get(qn("w:name")) == pagerefs[0]
    assert field_problems(root) == []
    with zipfile.ZipFile(path) as z:
        settings = etree.fromstring(z.read("word/settings.xml"))
    # shown as filled in: Word is not asked to update fields on open, nor is the field marked stale
    assert settings.find(W + "updateFields") is None
    assert not [f for f in root.iter(qn("w:fldChar")) if f.get(qn("w:dirty")) in ("true", "1")]


def test_link_qr_image_and_hyperlinks(built):
    _, doc = built
    url = "https://example.gov.cn/policy/2023/42.html"
    rels = {r.rId: r for r in doc.part.rels.values()}
    link_ids = [h.get(qn("r:id")) for h in doc.element.body.iter(qn("w:hyperlink")) if h.get(qn("r:id"))]
    assert link_ids and all(rels[i].target_ref == url and rels[i].is_external for i in link_ids)
    caption = next(p for p in doc.paragraphs if "扫描二维码" in p.text)
    assert caption.text == "扫描二维码\n阅读全文"
    # two pictures: the QR code (a link itself) and the article's figure
    shapes = doc.inline_shapes
    assert len(shapes) == 2
    clicks = [s._inline.find(qn("wp:docPr")).find(qn("a:hlinkClick")) for s in shapes]
    assert rels[clicks[0].get(qn("r:id"))].target_ref == url
    assert abs(shapes[0].width - Mm(20)) < Mm(0.5)
    assert shapes[1].width <= Mm(162) + 1
    # the QR and its caption: one frame at the right margin, beside the opening paragraph
    paras = doc.paragraphs
    texts = [p.text for p in paras]
    at = texts.index("扫描二维码\n阅读全文")
    assert texts[at + 1] == "为加快数据要素市场发展，制定本措施。"
    frames = [paras[k]._p.pPr.find(qn("w:framePr")) for k in (at - 1, at)]
    assert all(f is not None and f.get(qn("w:xAlign")) == "right" and f.get(qn("w:wrap")) == "around"
               for f in frames)
    assert dict(frames[0].attrib) == dict(frames[1].attrib)
    assert paras[at - 1]._p.find(".//" + qn("wp:inline")) is not None


def test_table_with_header_row(built):
    _, doc = built
    tables = [t for t in doc.tables if t.cell(0, 0).text == "指标"]
    assert len(tables) == 1
    t = tables[0]
    assert [c.text for c in t.rows[1].cells] == ["数据交易额", "10亿元", "50亿元"]
    assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in t.rows)     # rows stay whole
    assert t.cell(0, 0).paragraphs[0].style.name == "表格标题行"
    assert t.cell(1, 0).paragraphs[0].style.name == "表格文字"


def test_table_columns_are_as_wide_as_their_text_needs(issue, tmp_path):
    path = issue / "articles" / "a2.md"
    rows = "| 序号 | 牵头单位 | 任务 | 完成时限 |\n|---|---|---|---|\n" + "".join(
        f"| {n} | 市数据局、发展改革委、市经济信息委 | 建设数据交易场所，开展公共数据授权运营试点工作，"
        f"形成可复制可推广的经验 | 2024年10月 |\n" for n in range(1, 4))
    path.write_text(path.read_text(encoding="utf-8").replace("第一条 总体目标。\n", "第一条 总体目标。\n\n" + rows),
                    encoding="utf-8")
    doc = docx.Document(str(build(issue, tmp_path / "out").path))
    [t] = [t for t in doc.tables if t.cell(0, 0).text == "序号"]
    widths = [int(c.get(qn("w:w"))) for c in t._tbl.tblGrid.findall(qn("w:gridCol"))]
    number, lead, task, date = widths
    assert number < date < lead < task                       # 序号 narrow, the long task widest
    assert date >= 5.5 * 10.5 * 20                           # “2024年10月” (5 ems) on one line, in twips
    section = doc.sections[-1]
    assert abs(sum(widths) - (section.page_width - section.left_margin - section.right_margin) / 635) < 10


def test_core_properties(built):
    _, doc = built
    props = doc.core_properties
    assert props.author == "贵阳智能大数据战略研究院"
    assert "第52期" in props.title and props.language == "zh-CN"


def test_reference_docx_supplies_styles(issue, tmp_path):
    from docx.shared import Pt

    ref = docx.Document()
    body = ref.styles.add_style("简报正文", 1)
    body.font.size = Pt(15)
    ref.add_paragraph("参考文档自己的文字")
    defaults = ref.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    defaults.set(qn("w:eastAsia"), "宋体")                # an explicit font beside the theme's
    ref.save(str(issue.parent.parent / "ref.docx"))
    template = issue.parent.parent / "issue_templates" / "big-data-weekly" / "template.toml"
    text = template.read_text(encoding="utf-8")
    template.write_text('reference_docx = "../../ref.docx"\n' + text, encoding="utf-8")
    path = build(issue, tmp_path / "out").path
    assert package_problems(path) == []
    with zipfile.ZipFile(path) as z:
        assert "word/theme/theme1.xml" in z.namelist()             # the reference's theme comes along
        styles = etree.fromstring(z.read("word/styles.xml"))
    for fonts in styles.iter(W + "rFonts"):                           # no theme font overrides ours
        assert not (fonts.get(W + "eastAsia") and fonts.get(W + "eastAsiaTheme"))
    doc = docx.Document(str(path))
    assert doc.styles["简报正文"].font.size.pt == 15
    assert doc.styles["文章标题"].font.size.pt == 20          # not in the reference: ours
    assert all("参考文档自己的文字" not in p.text for p in doc.paragraphs)
    assert next(p for p in doc.paragraphs if p.text == "前言段落。").style.name == "简报正文"


def test_bad_reference_docx_is_a_chinese_error_and_leaves_nothing(issue, tmp_path):
    use_reference(issue).write_text("这不是 Word 文档", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    old = out / "大数据发展动态-2023-第52期.docx"
    old.write_bytes(b"previous build")
    with pytest.raises(ExportError) as err:
        build_issue(issue, ["docx"], out)
    message = str(err.value)
    assert "ref.docx" in message and "不是有效的 Word 文档" in message and "zip" in message
    assert old.read_bytes() == b"previous build"
    assert sorted(p.name for p in out.iterdir()) == [old.name]


def test_missing_image_is_a_chinese_error(issue, tmp_path):
    (issue / "images" / "fig.png").unlink()
    with pytest.raises(ExportError, match="图片.*fig.png.*不存在"):
        build_issue(issue, ["docx"], tmp_path / "out")


def test_cli_builds_docx(issue, tmp_path, capsys):
    from editor.cli import main

    code = main(["build", str(issue), "--format", "docx", "-o", str(tmp_path / "cli"), "--quiet"])
    assert code == 0
    assert (tmp_path / "cli" / "大数据发展动态-2023-第52期.docx").is_file()


def test_text_units_counts_half_width_as_half():
    assert text_units("数据") == 2
    assert text_units("AI 2023") == 3.5
    assert text_units("（一）") == 3


def test_reference_that_is_a_zip_without_a_document_is_a_chinese_error(issue, tmp_path):
    with zipfile.ZipFile(use_reference(issue), "w") as z:
        z.writestr("readme.txt", "not a document")
    with pytest.raises(ExportError, match="不是有效的 Word 文档.*没有 Word 正文"):
        build_issue(issue, ["docx"], tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_qr_png_is_the_code_at_scale(tmp_path):
    Image = pytest.importorskip("PIL.Image")
    import segno

    from editor.writers.docx.qr import qr_matrix, qr_png

    url = "http://www.caict.ac.cn/kxyj/qwfb/bps/"
    matrix = qr_matrix(url)
    assert matrix == [[bool(m) for m in row] for row in segno.make(url, error="m").matrix_iter(border=0)]
    assert qr_matrix(url) == matrix                                  # the second time from the cache
    path = tmp_path / "q.png"
    path.write_bytes(qr_png(matrix, scale=4, border=2))
    with Image.open(path) as im:
        n = len(matrix)
        assert im.size == ((n + 4) * 4, (n + 4) * 4)
        px = im.convert("L").load()
        for r in range(n):
            for c in range(n):
                assert (px[(c + 2) * 4 + 1, (r + 2) * 4 + 2] == 0) == matrix[r][c]
        assert px[0, 0] == 255                                       # the quiet zone is white


def _composition(folder):
    from editor.compose import compose
    from editor.project import open_issue

    opened = open_issue(folder)
    return compose(opened.issue, opened.template, opened.folder), opened.template


def test_without_back_matter_the_body_is_the_last_section(issue, tmp_path):
    from editor.compose import BackMatter
    from editor.writers.docx import write_docx

    comp, template = _composition(issue)
    comp.elements = [e for e in comp.elements if not isinstance(e, BackMatter)]
    path = tmp_path / "no-back.docx"
    report = write_docx(comp, template, path)
    # (the only warning: this machine has not the template's faces, so the DOCX embeds the packaged ones)
    assert report.page_count is None and all("Word 文档中嵌入" in w for w in report.warnings)
    assert package_problems(path) == []
    doc = docx.Document(str(path))
    assert len(doc.sections) == 3
    assert instructions(doc.sections[-1].footer._element) == ["PAGE"]
    assert not any(p.style.name == "机构名称" for p in doc.paragraphs)


def test_an_issue_without_articles_still_makes_a_valid_document(issue, tmp_path):
    from editor.compose import Cover, Colophon, Contents
    from editor.writers.docx import write_docx

    comp, template = _composition(issue)
    comp.elements = [e for e in comp.elements if isinstance(e, (Cover, Colophon, Contents))]
    comp.elements[2].groups = []
    path = tmp_path / "empty.docx"
    write_docx(comp, template, path)
    assert package_problems(path) == []
    doc = docx.Document(str(path))
    assert len(doc.sections) == 2
    assert [i for i in instructions(doc.element.body) if i.startswith("TOC")]
    assert all(not s._sectPr.xpath("w:headerReference") for s in doc.sections)


def test_control_characters_and_markup_in_text_are_written_safely(issue, tmp_path):
    from editor.compose import Paragraph, Run
    from editor.writers.docx import write_docx

    comp, template = _composition(issue)
    weird = "A<b>&\"引号\"\x0b\x01结束"
    at = next(i for i, e in enumerate(comp.elements) if isinstance(e, Paragraph))
    comp.elements.insert(at, Paragraph("body", [Run(weird)]))
    path = tmp_path / "weird.docx"
    write_docx(comp, template, path)
    assert package_problems(path) == []
    doc = docx.Document(str(path))
    assert any(p.text == 'A<b>&"引号"结束' for p in doc.paragraphs)


def test_docs_name_every_style():
    from editor.writers.docx.styles import EXTRA, GUIDE_COLUMN

    from .conftest import ROOT

    text = (ROOT / "docs" / "docx.md").read_text(encoding="utf-8")
    names = [n for _, n in STYLE_NAMES.values()] + [n for _, n, _ in EXTRA.values()] + [GUIDE_COLUMN[1]]
    missing = [n for n in names if n not in text and n not in ("二级标题", "三级标题")]   # "一级标题 … 四级标题"
    assert missing == []


def test_reference_without_our_style_names_is_reported(issue, tmp_path):
    docx.Document().save(str(use_reference(issue, "plain.docx")))   # Word's styles only: Normal, Heading 1 …
    [result] = build_issue(issue, ["docx"], tmp_path / "out")
    assert any("没有与本刊样式同名的样式" in w and "plain.docx" in w for w in result.report.warnings)
    assert package_problems(result.path) == []


@pytest.mark.slow
def test_a_long_guide_stops_before_the_cover_overflows(issue, tmp_path):
    """With dozens of articles the cover lists as many as fit on its one page."""
    from editor.compose import Contents, ContentsEntry, Cover
    from editor.writers.docx import write_docx

    comp, template = _composition(issue)
    contents = next(e for e in comp.elements if isinstance(e, Contents))
    cover = next(e for e in comp.elements if isinstance(e, Cover))
    many = [ContentsEntry(f"x{i}", f"关于第{i}项工作的实施意见和配套措施的通知（试行）") for i in range(60)]
    contents.groups = contents.groups + [("前沿观察", many)]
    cover.guide = cover.guide + [("前沿观察", many)]
    path = tmp_path / "long.docx"
    write_docx(comp, template, path)
    doc = docx.Document(str(path))
    guide = [p for p in doc.paragraphs if p.style.name == "封面导读"]
    assert 5 < len(guide) < 30
    cover_end = next(i for i, p in enumerate(doc.paragraphs) if p._p.pPr is not None
                     and p._p.pPr.find(qn("w:sectPr")) is not None)
    assert doc.paragraphs[cover_end].style.name == "封面导读"


def test_long_titles_break_evenly_between_words_as_in_the_pdf(issue, tmp_path):
    retitle(issue, "关于印发第10号数据要素市场化配置改革试点实施方案的通知")
    doc = docx.Document(str(build(issue, tmp_path / "out").path))
    titles = [p.text for p in doc.paragraphs if p.style.name == "文章标题"]
    # not 市场 / 化配置 (nor a last line of two characters, as Word would set it unbroken)
    assert "关于印发第10号数据要素市场化\n配置改革试点实施方案的通知" in titles
    headline = [p.text for p in doc.paragraphs if p.style.name == "封面要闻"]
    assert headline == ["关于印发第10号数据要素市场化\n配置改革试点实施方案的通知"]
    # the cover guide keeps a title that fits on one line whole
    guide = [p.text for p in doc.paragraphs if p.style.name == "封面导读"]
    assert any("上海市促进数据要素市场发展的若干措施" in g for g in guide)


def test_font_table_names_a_common_face_for_fonts_a_reader_may_lack(built):
    path, _ = built
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/fontTable.xml"))
    alt = {f.get(qn("w:name")): (f.find(qn("w:altName")).get(qn("w:val")) if f.find(qn("w:altName")) is not None
                                  else None) for f in root.findall(qn("w:font"))}
    # 仿宋_GB2312 and 楷体_GB2312 are not on a stock Windows: Word and WPS set 仿宋 and 楷体 instead
    assert alt["仿宋_GB2312"] == "仿宋" and alt["楷体_GB2312"] == "楷体" and alt["方正小标宋简体"] == "华文中宋"
    assert alt["宋体"] is None
    chinese = [f for f in root.findall(qn("w:font")) if not f.get(qn("w:name")).isascii()]
    assert len(chinese) == 5 and all(f.find(qn("w:charset")).get(qn("w:val")) == "86" for f in chinese)


def test_a_contents_entry_too_long_for_one_line_breaks_between_words(issue, tmp_path):
    from .test_pdf_long_issue import split_words

    long = "关于加快推进全国一体化算力网络国家枢纽节点建设和数据要素市场化配置改革以及公共数据授权运营试点工作的实施意见"
    retitle(issue, long)
    doc = docx.Document(str(build(issue, tmp_path / "out").path))
    [entry] = [p.text for p in doc.paragraphs if p.style.name == "toc 2" and p.text.startswith("关于加快")]
    lines = entry.rsplit("\t", 1)[0].split("\n")
    assert "".join(lines) == long and len(lines) > 1 and split_words(lines) == []


def test_estimated_pages_count_a_qr_code_beside_its_paragraph_not_below_it(issue):
    from editor import compose as C
    from editor.project import open_issue
    from editor.writers.docx.pages import estimate_article_pages

    template = open_issue(issue).template

    def pages(k: int, qr: bool) -> dict[str, int]:
        body = [C.Paragraph("body", [C.Run("为加快数据要素市场发展，制定本措施。")], "a1") for _ in range(k)]
        body[0] = C.Paragraph("body", [C.Run("为加快数据要素市场发展，制定本措施。" * 12)], "a1")   # taller than the code
        if qr:
            body[0].beside = C.LinkQR("https://example.gov.cn/1.html")
        elements = [C.ArticleHead("a1", C.Title(["标题"], [["标题"]]), "标题", "国策要论", C.ColumnStart("国策要论", 0)),
                    *body, C.ArticleHead("a2", C.Title(["标题二"], [["标题二"]]), "标题二", "国策要论")]
        comp = C.Composition(elements, "刊", "期", "页眉", "", "", "zh-CN", "stem")
        return estimate_article_pages(comp, template, 450.0, 700.0)

    k = max(n for n in range(1, 60) if pages(n, False)["a2"] == 2)     # the first page all but full
    assert pages(k, True)["a2"] == 2           # the code sits beside the first paragraph: no extra page


def test_the_base_document_is_what_its_script_writes():
    """editor/writers/docx/base.docx is generated: rerun tools/make_docx_base.py after editing it."""
    import importlib.util

    from editor.writers.docx.inputs import BASE

    from .conftest import ROOT

    spec = importlib.util.spec_from_file_location("make_docx_base", ROOT / "tools" / "make_docx_base.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    with zipfile.ZipFile(BASE) as z:
        committed = {name: z.read(name) for name in z.namelist()}
    assert committed == script.parts()
    base = docx.Document(str(BASE))
    assert [s.name for s in base.styles] == ["Normal", "Default Paragraph Font", "Normal Table", "No List",
                                            "Table Grid"]
    assert base.paragraphs == [] and len(base.sections) == 1


def test_styles_are_made_through_python_docx_and_keep_schema_order(built):
    """Each style's properties sit in the order the schema requires, or Word calls the file damaged."""
    from editor.writers.docx.oxml import PPR_ORDER, RPR_ORDER

    _, doc = built
    for style in doc.styles:
        for holder, order in ((style.element.pPr, PPR_ORDER), (style.element.rPr, RPR_ORDER)):
            if holder is None:
                continue
            tags = [etree.QName(c).localname for c in holder]
            assert tags == sorted(tags, key=order.index), (style.name, tags)
    for section in doc.sections:
        from editor.writers.docx.oxml import SECTPR_ORDER

        tags = [etree.QName(c).localname for c in section._sectPr]
        assert tags == sorted(tags, key=SECTPR_ORDER.index), tags


def test_set_child_replaces_and_orders():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from editor.writers.docx.oxml import set_child

    ppr = parse_xml(f'<w:pPr {nsdecls("w")}><w:keepNext/><w:jc w:val="left"/><w:shd w:fill="FFFFFF"/></w:pPr>')
    set_child(ppr, "w:shd", {"w:val": "clear", "w:fill": "EEEEEE"})
    set_child(ppr, "w:outlineLvl", {"w:val": "1"})
    set_child(ppr, "w:pStyle", {"w:val": "BBody"})
    assert [etree.QName(c).localname for c in ppr] == ["pStyle", "keepNext", "shd", "jc", "outlineLvl"]
    assert ppr.find(qn("w:shd")).get(qn("w:fill")) == "EEEEEE" and len(ppr.findall(qn("w:shd"))) == 1


def test_a_word_template_dotx_serves_as_reference(issue, tmp_path):
    from docx.shared import Pt

    ref = docx.Document()
    ref.styles.add_style("文章标题", 1).font.size = Pt(26)
    ref.add_paragraph("模板自己的文字")
    ref.sections[0].header.paragraphs[0].text = "模板的页眉"
    buf = tmp_path / "r.docx"
    ref.save(str(buf))
    copy_package(buf, use_reference(issue, "ref.dotx"), lambda name, data: data.replace(
        b"document.main+xml", b"template.main+xml") if name == "[Content_Types].xml" else data)
    path = build(issue, tmp_path / "out").path
    assert package_problems(path) == []
    doc = docx.Document(str(path))
    assert doc.styles["文章标题"].font.size.pt == 26
    assert all("模板自己的文字" not in p.text for p in doc.paragraphs)
    assert all("模板的页眉" not in p.text for s in doc.sections for p in s.header.paragraphs)
    with zipfile.ZipFile(path) as z:
        assert not any("模板的页眉".encode() in z.read(n) for n in z.namelist() if n.endswith(".xml"))


def test_a_webp_figure_becomes_png_and_a_broken_one_is_a_chinese_error(issue, tmp_path):
    Image = pytest.importorskip("PIL.Image")
    fig = issue / "images" / "fig.png"
    webp = issue / "images" / "fig.webp"
    with Image.open(fig) as im:
        try:
            im.convert("RGB").save(webp, "WEBP")
        except (OSError, KeyError):
            pytest.skip("Pillow without WebP")
    article = issue / "articles" / "a2.md"
    article.write_text(article.read_text(encoding="utf-8").replace("fig.png", "fig.webp"), encoding="utf-8")
    doc = docx.Document(str(build(issue, tmp_path / "out").path))
    assert [s.type for s in doc.inline_shapes] and len(doc.inline_shapes) == 2
    assert any(p.partname.endswith(".png") for p in doc.part.package.iter_parts()
               if p.partname.startswith("/word/media/") and p is not None)
    webp.write_bytes(b"RIFF\x00\x00\x00\x00WEBPVP8 broken")
    with pytest.raises(ExportError, match="图片.*fig.webp.*无法读取"):
        build_issue(issue, ["docx"], tmp_path / "out2")


def test_a_references_page_layout_does_not_come_along(issue, tmp_path):
    """Page size, margins and headers are the template's: a reference's columns, first-page and
    even-page headers, mirrored margins and line numbers are left behind with its text."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ref = docx.Document()
    ref.styles.add_style("简报正文", 1)
    section = ref.sections[0]
    section.different_first_page_header_footer = True
    sect = section._sectPr
    sect.find(qn("w:cols")).set(qn("w:num"), "2")
    sect.append(parse_xml(f'<w:lnNumType {nsdecls("w")} w:countBy="1"/>'))
    settings = ref.settings.element
    settings.insert(0, parse_xml(f'<w:mirrorMargins {nsdecls("w")}/>'))
    ref.settings.odd_and_even_pages_header_footer = True
    ref.save(str(use_reference(issue)))
    path = build(issue, tmp_path / "out").path
    assert package_problems(path) == []
    doc = docx.Document(str(path))
    assert not doc.settings.odd_and_even_pages_header_footer
    assert doc.settings.element.find(qn("w:mirrorMargins")) is None
    for s in doc.sections:
        assert not s.different_first_page_header_footer
        assert s._sectPr.find(qn("w:lnNumType")) is None
        cols = s._sectPr.find(qn("w:cols"))
        assert cols is None or cols.get(qn("w:num")) in (None, "1")
        assert abs(s.page_width - Mm(210)) < Mm(0.2)
    assert not doc.sections[2].header.is_linked_to_previous and "大数据发展动态" in doc.sections[2].header.paragraphs[0].text


def test_a_reference_with_only_its_own_styles_still_works(issue, tmp_path):
    """A reference made elsewhere may lack Word's default styles (Normal, Default Paragraph Font)."""
    ref = docx.Document()
    styles = ref.styles.element
    for el in list(styles.style_lst):
        if el.name_val in ("Normal", "Default Paragraph Font"):
            styles.remove(el)
    ref.styles.add_style("简报正文", 1)
    ref.save(str(use_reference(issue)))
    path = build(issue, tmp_path / "out").path
    assert package_problems(path) == []
    doc = docx.Document(str(path))
    assert next(p for p in doc.paragraphs if p.text == "前言段落。").style.name == "简报正文"
    assert doc.styles["文章标题"].font.size.pt == 20


def test_a_reference_with_damaged_styles_is_a_chinese_error(issue, tmp_path):
    good = tmp_path / "good.docx"
    docx.Document().save(str(good))
    copy_package(good, use_reference(issue),
                 lambda name, data: data[:200] if name == "word/styles.xml" else data)
    with pytest.raises(ExportError, match="ref.docx.*已损坏.*另存为"):
        build_issue(issue, ["docx"], tmp_path / "out")
