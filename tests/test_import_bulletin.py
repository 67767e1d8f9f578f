"""Importing a whole bulletin: the seed issue against the hand-made sample content/2023-29."""

import datetime as dt

import pytest

from editor.cli import main
from editor.content import load_issue
from editor.errors import ImportError_
from editor.importers import article_from_text, import_bulletin
from editor.importers.bulletin import bulletin_from_text
from editor.model import BlockKind

from .conftest import SAMPLE, SEED
from .test_import_text import _wrap

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="seed text not available")


@pytest.fixture(scope="module")
def imported():
    return import_bulletin(SEED)


@pytest.fixture(scope="module")
def sample():
    return load_issue(SAMPLE)


def test_issue_line(imported):
    assert imported.date == dt.date(2023, 7, 21)
    assert (imported.number, imported.total_number) == (29, 140)
    assert imported.template_id == "big-data-weekly"


def test_columns_and_titles(imported, sample):
    assert [(c.name, len(c.articles)) for c in imported.columns] == [("国策要论", 2), ("地方新政", 4), ("前沿观察", 1)]
    assert [a.title for a in imported.articles] == [a.title for a in sample.articles]
    assert [a.display_title for a in imported.articles] == [a.contents_title for a in sample.articles]


def test_cover_is_the_shanghai_article(imported):
    cover = imported.article(imported.cover)
    assert cover is not None and cover.title.startswith("中国（上海）自由贸易试验区")


def test_notes_sources_doc_numbers(imported, sample):
    arts = imported.articles
    assert sum(a.has_editor_note for a in arts) == 6
    assert not arts[-1].has_editor_note
    assert sum(a.source is not None for a in arts) == 7
    assert [a.doc_number for a in arts if a.doc_number] == [
        "工信部联网安〔2023〕95号", "发改就业〔2023〕1019号", "渝府办发〔2023〕51号", "渝府办发〔2023〕53 号"]
    assert [a.addressee for a in arts] == [a.addressee for a in sample.articles]
    assert [[b.text for b in a.editor_note] for a in arts] == [[b.text for b in a.editor_note] for a in sample.articles]
    assert [a.source.text for a in arts] == [a.source.text for a in sample.articles]


def test_same_blocks_as_the_sample(imported, sample):
    for mine, ref in zip(imported.articles, sample.articles):
        assert len(mine.body) == len(ref.body), mine.id
        for k, (a, b) in enumerate(zip(mine.body, ref.body)):
            assert (a.kind, a.text) == (b.kind, b.text), f"{mine.id} block {k}"


def test_repairs_seen_in_the_seed(imported):
    by_start = {b.text[:12]: b for a in imported.articles for b in a.body}
    # "建立覆盖网络" / "安全保险服务全生命周期…" is one paragraph
    assert any("建立覆盖网络安全保险服务全生命周期" in b.text for b in by_start.values())
    # "(责任" / "单位：…" and "；四" / "川省…" rejoined without a space
    assert any("(责任单位：重庆市高法院" in b.text for b in by_start.values())
    assert any("市药监局；四川省经济和信息化厅" in b.text or "市药监局;四川省经济和信息化厅" in b.text
               for b in by_start.values())
    # the lone "(责任单位:…)" paragraph after item (十九) belongs to it
    item19 = next(b for b in by_start.values() if b.text.startswith("(十九)"))
    assert item19.text.endswith("省地方金融监管局)")
    # "- 1、…" artefacts dropped, the items are numbered items
    assert any(b.text.startswith("1、扶持资金申报") and b.marker is not None for b in by_start.values())
    assert not any(b.text.startswith("- ") for b in by_start.values())
    # decimals are headings of the white paper, "白皮书内容目录" an unnumbered subheading
    paper = imported.articles[-1]
    assert any(b.kind is BlockKind.SUBHEADING and b.text == "白皮书内容目录" for b in paper.body)
    assert sum(1 for b in paper.body if b.marker is not None and b.marker.family == "decimal2") == 16
    assert not any("二维码" in b.text or "阅读全文" in b.text for b in paper.body)


def test_back_matter_is_not_an_article(imported):
    assert all("促进会" not in a.title for a in imported.articles)
    assert imported.back_matter is None
    assert any("机构简介" in n for n in imported.import_notes)


def test_cli_rebuilds_the_issue(tmp_path, capsys):
    out = tmp_path / "2023-29"
    assert main(["import", str(SEED), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "第29期" in text and "【地方新政】4 篇" in text
    again = load_issue(out)
    assert [len(a.body) for a in again.articles] == [len(a.body) for a in load_issue(SAMPLE).articles]
    # refuses to overwrite
    assert main(["import", str(SEED), "-o", str(out)]) == 2
    assert "已有内容" in capsys.readouterr().err


def test_contents_titles_broken_across_lines_and_spaces():
    text = """大数据发展动态
2024年1月5日 第1期 总第164期
本期要目
国策要论
- 01 关于加快数据
  要素市场建设的意见
地方新政
- 05 某 市 数 据 条 例
编者按
近日，有关部门印发意见。
关于加快数据要素
市场建设的意见
一、总体要求
（一）指导思想。坚持稳中求进。
（来源：国家数据局）
某市数据条例
第一条 为了促进数据利用，制定本条例。
（来源：某市人民政府）
"""
    issue = bulletin_from_text(text, "t.txt")
    assert (issue.number, issue.total_number) == (1, 164)
    assert [(c.name, [a.display_title for a in c.articles]) for c in issue.columns] == [
        ("国策要论", ["关于加快数据要素市场建设的意见"]), ("地方新政", ["某市数据条例"])]
    first = issue.articles[0]
    assert first.title == "关于加快数据要素\n市场建设的意见"
    assert [b.text for b in first.editor_note] == ["近日，有关部门印发意见。"]
    assert [b.kind for b in first.body] == [BlockKind.HEADING, BlockKind.ITEM]
    assert issue.articles[1].source.text == "（来源：某市人民政府）"


def test_not_a_bulletin(tmp_path):
    f = tmp_path / "x.txt"
    f.write_text("只是一段文字。", encoding="utf-8")
    with pytest.raises(ImportError_, match="期号行"):
        import_bulletin(f)


PDF_BULLETIN = """大数据发展动态
2024年3月8日 第9期（总第173期）
本期要目
国策要论
关于加快数据要素市场建设的意见 ………………………… 1
地方新政
某市公共数据授权运营管理办法 ………………………… 6
某省数据条例解读 …………………………………………… 9
编者按：近日，有关部门印发意见，部署数据要素市场建设。
关于加快数据要素市场建设的意见
一、总体要求
（一）指导思想。坚持稳中求进，推动数据要素市场建设取得实
效。
大数据发展动态 2024年第9期
— 2 —
（二）基本原则。坚持统筹发展和安全。
（来源：国家数据局）
编者按
某市近日印发管理办法，规范公共数据授权运营。
某市公共数据授权运营
管理办法（试行）
第一条 为规范公共数据授权运营，制定本办法。
大数据发展动态 2024年第9期
— 7 —
第二条 本办法自印发之日起施行。
（来源：某市人民政府）
编者按
《某省数据条例》近日通过。
某省数据条例
第一条 为促进数据依法有序流动，制定本条例。
大数据发展动态 2024年第9期
（来源：某省人大常委会）
"""


def test_pdf_copy_of_a_bulletin_with_running_heads_and_a_retitled_article(tmp_path):
    issue = bulletin_from_text(PDF_BULLETIN, "b.txt")
    assert (issue.date, issue.number, issue.total_number) == (dt.date(2024, 3, 8), 9, 173)
    assert [(c.name, len(c.articles)) for c in issue.columns] == [("国策要论", 1), ("地方新政", 2)]
    first, second, third = issue.articles
    assert [b.text for b in first.editor_note] == ["近日，有关部门印发意见，部署数据要素市场建设。"]
    assert [b.text for b in first.body] == ["一、总体要求", "（一）指导思想。坚持稳中求进，推动数据要素市场建设取得实效。",
                                            "（二）基本原则。坚持统筹发展和安全。"]
    assert second.title == "某市公共数据授权运营\n管理办法（试行）"
    assert second.toc_title == "某市公共数据授权运营管理办法"     # the contents shorten it
    assert [b.text for b in second.body] == ["第一条 为规范公共数据授权运营，制定本办法。", "第二条 本办法自印发之日起施行。"]
    # the third title differs from its contents entry: found by shape, placed by page order
    assert third.display_title == "某省数据条例" and third.toc_title == "某省数据条例解读"
    assert issue.column_of(third).name == "地方新政"
    assert third.source.text == "（来源：某省人大常委会）"


@pytest.mark.parametrize("width,separator", [(28, "\n"), (34, "\n\n"), (41, "\n")])
def test_sample_as_a_wrapped_pdf_copy_of_the_whole_bulletin(sample, width, separator):
    """The sample printed as a bulletin and copied from a PDF at one line width comes back the same."""
    out = ["大数据发展动态", sample.issue_line, "本期要目"]
    for column in sample.columns:
        out.append(column.name)
        out += [f"- {3 * k + 1:02d} {a.contents_title}" for k, a in enumerate(column.articles)]
    for a in sample.articles:
        if a.has_editor_note:
            out.append("编者按")
            for b in a.editor_note:
                out += _wrap(b.text, width)
        out += a.title.split("\n")
        out += [a.doc_number] if a.doc_number else []
        out += _wrap(a.addressee, width) if a.addressee else []
        for b in a.body:
            out += [b.text] if b.kind is BlockKind.SUBHEADING else _wrap(b.text, width)
        out.append(a.source.text)
    got = bulletin_from_text(separator.join(out), "wrapped.txt")
    assert [a.title for a in got.articles] == [a.title for a in sample.articles]
    for mine, ref in zip(got.articles, sample.articles):
        flat = lambda blocks: [b.text.replace(" ", "") for b in blocks]  # noqa: E731
        assert flat(mine.body) == flat(ref.body), mine.id
        assert flat(mine.editor_note) == flat(ref.editor_note), mine.id
        assert (mine.addressee or "").replace(" ", "") == (ref.addressee or "").replace(" ", "")
        assert mine.doc_number == ref.doc_number


def test_bulletin_without_contents_finds_titles_by_shape():
    text = """大数据发展动态
2024年1月5日 第1期 总第164期
编者按
近日，有关部门印发意见。
关于加快数据要素市场建设的意见
一、总体要求
（一）指导思想。坚持稳中求进。
（来源：国家数据局）
某市数据条例
第一条 为了促进数据利用，制定本条例。
（来源：某市人民政府）
"""
    issue = bulletin_from_text(text, "x.txt")
    assert [(a.display_title, len(a.body), a.has_editor_note) for a in issue.articles] == [
        ("关于加快数据要素市场建设的意见", 2, True), ("某市数据条例", 1, False)]
    assert any("本期要目" in n for n in issue.import_notes)


@pytest.fixture(scope="module")
def own_pdf_text(tmp_path_factory):
    """The sample built as a PDF by this program and its text copied out as a PDF viewer does
    (pdftotext without -layout: one line per printed line, indents lost)."""
    import shutil
    import subprocess

    from editor.build import build_issue

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    out = tmp_path_factory.mktemp("own_pdf")
    [result] = build_issue(SAMPLE, ["pdf"], out)
    text_file = out / "issue.txt"
    subprocess.run(["pdftotext", str(result.path), str(text_file)], check=True)
    return text_file


# Spaces differ (the copy puts them around Latin words) and poppler drops a hyphen that ends a
# line ("市-" / "区-街道" comes out as "市区-街道").
_flat = lambda blocks: [(b.kind, b.text.replace(" ", "").replace("-", "")) for b in blocks]  # noqa: E731


@pytest.mark.slow
def test_a_bulletin_this_program_built_imports_back_from_its_pdf_text(own_pdf_text, sample):
    # Last week's issue as editors have it: our own PDF, its text copied out (pdftotext). Page
    # headers and numbers, column banners and the laid-out contents (title, 文号, 来源, page
    # numbers on lines of their own) must not become articles or break paragraphs.
    issue = import_bulletin(own_pdf_text)
    assert (issue.date, issue.number, issue.total_number) == (dt.date(2023, 7, 21), 29, 140)
    assert [(c.name, len(c.articles)) for c in issue.columns] == [("国策要论", 2), ("地方新政", 4), ("前沿观察", 1)]
    got, want = issue.articles, sample.articles
    assert [a.display_title for a in got] == [a.display_title for a in want]
    assert [a.doc_number for a in got] == [a.doc_number for a in want]
    assert [a.has_editor_note for a in got] == [a.has_editor_note for a in want]
    # Every block back as it was: kinds and texts, the 编者按 paragraphs too (06 has two in its
    # box), the lines 07 sets beside its QR code inside their paragraph.
    for mine, ref in zip(got, want):
        assert _flat(mine.editor_note) == _flat(ref.editor_note), mine.id
        assert _flat(mine.body) == _flat(ref.body), mine.id
    assert [a.source.text for a in got] == [a.source.text for a in want]


@pytest.mark.slow
def test_each_article_selected_in_our_own_pdf_imports_back(own_pdf_text, sample):
    # An editor selects one article in last week's PDF: from the top of its first page (running
    # head, column banner, 编者按 above the title) down to its source line, page breaks and all.
    lines = own_pdf_text.read_text(encoding="utf-8").split("\n")
    bare = [x.replace(" ", "") for x in lines]
    end = bare.index("编者按")                     # the contents are above the first 编者按
    for art in sample.articles:
        title = bare.index(art.title.split("\n")[0].replace(" ", ""), end)
        first = max(k for k in range(end, title + 1) if bare[k] == "编者按") if art.has_editor_note else title
        page_top = max(k for k in range(first + 1) if k == 0 or lines[k].startswith("\f"))
        top = max(page_top, end + 1 if art is not sample.articles[0] else 0)
        end = next(k for k in range(title, len(lines)) if bare[k] == art.source.text.replace(" ", ""))
        got = article_from_text("\n".join(lines[top:end + 1])).article
        assert got.display_title.replace(" ", "") == art.display_title.replace(" ", ""), art.id
        assert _flat(got.editor_note) == _flat(art.editor_note), art.id
        assert _flat(got.body) == _flat(art.body), art.id
        assert (got.doc_number, got.addressee, got.source.text) == (art.doc_number, art.addressee, art.source.text)


@pytest.fixture(scope="module")
def own_docx(tmp_path_factory):
    """The sample built as a Word file by this program (last week's issue as editors pass it on)."""
    from editor.build import build_issue

    [result] = build_issue(SAMPLE, ["docx"], tmp_path_factory.mktemp("own_docx"))
    return result.path


def test_a_bulletin_this_program_built_imports_back_from_its_docx(own_docx, sample):
    issue = import_bulletin(own_docx)
    assert (issue.date, issue.number, issue.total_number) == (dt.date(2023, 7, 21), 29, 140)
    assert [(c.name, len(c.articles)) for c in issue.columns] == [("国策要论", 2), ("地方新政", 4), ("前沿观察", 1)]
    got, want = issue.articles, sample.articles
    # a title comes back with the line breaks the writer chose (titles.py balances them), so the
    # titles are compared as text; everything else block for block
    squash = lambda t: "".join(t.split())   # noqa: E731
    assert [squash(a.title) for a in got] == [squash(a.title) for a in want]
    assert [a.doc_number for a in got] == [a.doc_number for a in want]
    for mine, ref in zip(got, want):
        assert _flat(mine.editor_note) == _flat(ref.editor_note), mine.id
        assert _flat(mine.body) == _flat(ref.body), mine.id
    assert [a.source.text for a in got] == [a.source.text for a in want]


def test_a_weekly_digest_dated_by_its_week_with_articles_but_no_contents_or_notes():
    """A digest as other offices circulate it: the issue line gives the week it covers, no 总期号, no
    contents and no 编者按: each item is a title, its text and its own （来源：…）. The items are real
    documents' openings (tests/fixtures/real/: 国办发〔2018〕123号 and the 2021 天津 电力需求响应 notice)."""
    text = ("政策信息摘编\n\n2023年2月6日-2月12日 第6期\n\n"
            "国务院办公厅关于推进政务新媒体健康有序发展的意见\n\n"
            "政务新媒体是移动互联网时代党和政府联系群众、服务群众、凝聚群众的重要渠道，是加快转变政府职能、"
            "建设服务型政府的重要手段。\n\n（来源：中国政府网）\n\n"
            "市工业和信息化局关于印发2021年春节期间电力需求响应实施细则的通知\n\n"
            "为落实国家和我市关于春节期间能源保供工作部署要求，充分保障群众用电用热需求，我局组织编制了实施细则，"
            "现予以印发，请遵照执行。\n\n（来源：天津市工业和信息化局）\n")
    issue = bulletin_from_text(text, "摘编.txt")
    assert (issue.date, issue.number, issue.total_number) == (dt.date(2023, 2, 12), 6, 6)
    assert [a.display_title for a in issue.articles] == [
        "国务院办公厅关于推进政务新媒体健康有序发展的意见", "市工业和信息化局关于印发2021年春节期间电力需求响应实施细则的通知"]
    assert [a.source.text for a in issue.articles] == ["（来源：中国政府网）", "（来源：天津市工业和信息化局）"]
    assert [len(a.body) for a in issue.articles] == [1, 1]
    assert any("总期号" in n for n in issue.import_notes) and any("最后一天" in n for n in issue.import_notes)
