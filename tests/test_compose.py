"""The composition is the layout: what heads an article and in which order, where titles break,
what stays together, the contents' notes, the editors' grid, the back matter — decided once, as
data, on the sample issue (the bulletin as it was published) — and writers that only render it."""

from __future__ import annotations

import pytest

from editor import compose as C
from editor.compose import compose
from editor.compose.measure import char_units
from editor.project import open_issue
from editor.writers import WRITERS, Writer, WriterReport, writer_for

from . import conftest


@pytest.fixture(scope="module")
def sample():
    opened = open_issue(conftest.SAMPLE)
    return opened, compose(opened.issue, opened.template, opened.folder)


def _of(comp, kind):
    return [e for e in comp.elements if isinstance(e, kind)]


def test_every_article_opens_with_its_head_in_print_order(sample):
    opened, comp = sample
    heads = comp.heads()
    articles = [a for c in opened.issue.columns for a in c.articles]
    assert [h.article_id for h in heads] == [a.id for a in articles]
    for head, article in zip(heads, articles):
        assert (head.note is not None) == article.has_editor_note
        assert head.title.own == [ln.strip() for ln in article.title.split("\n") if ln.strip()]
        assert (head.doc_number.text if head.doc_number else "") == (article.doc_number or "")
        assert (head.addressee.text if head.addressee else "") == (article.addressee or "")
        assert head.link == (article.link or None) and head.new_page
    # the column's banner opens its first article only: 国策要论, 地方新政, 前沿观察
    assert [(h.column_start.name, h.column_start.index) for h in heads if h.column_start] == \
        [("国策要论", 0), ("地方新政", 1), ("前沿观察", 2)]
    # nothing of a head is left in the flow: no 编者按, 文号 or addressee paragraph stands alone
    assert not [e for e in comp.elements if isinstance(e, C.Paragraph) and e.style in ("doc_number", "addressee")]
    first = heads[0]
    assert first.doc_number.text == "工信部联网安〔2023〕95号" and first.addressee.text.startswith("各省、自治区")
    assert first.note.label == "编者按" and first.note.paragraphs[0].startswith("为深入贯彻")


def test_the_qr_code_sits_beside_the_opening_paragraph(sample):
    _, comp = sample
    linked = [h for h in comp.heads() if h.link]
    assert [h.article_id for h in linked] == ["07-可信AI白皮书"]
    beside = [e for e in comp.elements if isinstance(e, C.Paragraph) and e.beside is not None]
    assert len(beside) == 1 and beside[0].article_id == "07-可信AI白皮书" and beside[0].block_index == 0
    assert beside[0].beside.url == "http://www.caict.ac.cn/kxyj/qwfb/bps/"
    assert beside[0].beside.caption == ("扫描二维码", "阅读全文")
    assert _of(comp, C.LinkQR) == []          # none stands alone


def test_an_article_opening_with_a_heading_has_its_qr_code_beside_the_first_text(mini_issue):
    """Beside the heading the code stood alone, a gap under the heading (生态环境部's reply on 恶臭气体)."""
    article = mini_issue / "articles" / "a1.md"
    text = article.read_text(encoding="utf-8")
    body = text.split("+++\n", 2)[2]
    article.write_text(text.replace('doc_number = "国办发〔2023〕1号"\n',
                                    'doc_number = "国办发〔2023〕1号"\nlink = "https://www.gov.cn/a.html"\n')
                       .replace(body, "一、总体要求\n\n（一）指导思想\n\n坚持以人民为中心，推进试点工作。\n\n二、主要任务\n\n"
                                      "加快建设统一市场。\n"), encoding="utf-8")
    opened = open_issue(mini_issue)
    comp = compose(opened.issue, opened.template, opened.folder)
    [para] = [e for e in comp.elements if isinstance(e, C.Paragraph) and e.beside is not None]
    assert para.text == "坚持以人民为中心，推进试点工作。" and para.style == "body"
    assert [e.style for e in comp.elements if isinstance(e, C.Paragraph) and e.article_id == para.article_id
            and e.block_index is not None and e.block_index < para.block_index] == ["heading1", "heading2"]
    assert _of(comp, C.LinkQR) == []


def test_a_link_without_an_opening_paragraph_is_set_after_the_text(mini_issue):
    article = mini_issue / "articles" / "a1.md"
    text = article.read_text(encoding="utf-8")
    body = text.split("+++\n", 2)[2]
    article.write_text(text.replace('doc_number = "国办发〔2023〕1号"\n',
                                    'doc_number = "国办发〔2023〕1号"\nlink = "https://www.gov.cn/a.html"\n')
                       .replace(body, "| 项目 | 单位 |\n|---|---|\n| 试点 | 国务院办公厅 |\n"), encoding="utf-8")
    opened = open_issue(mini_issue)
    comp = compose(opened.issue, opened.template, opened.folder)
    [qr] = _of(comp, C.LinkQR)
    assert qr.url == "https://www.gov.cn/a.html"
    i = comp.elements.index(qr)
    assert isinstance(comp.elements[i - 1], C.Table)


def test_contents_entries_carry_their_notes_and_line_breaks(sample):
    _, comp = sample
    [contents] = _of(comp, C.Contents)
    entries = {x.article_id: x for _, group in contents.groups for x in group}
    assert entries["01-网络安全保险"].note == "工信部联网安〔2023〕95号　来源：工业和信息化部"
    assert entries["03-上海数据要素"].note == "来源：上海市浦东新区科技和经济委员会"     # no 文号: the source only
    assert entries["05-重庆智能建造"].note == "渝府办发〔2023〕53 号　来源：重庆市人民政府"  # as written (a check reports it)
    # a long entry breaks where its article's title does, when it is just those lines joined
    assert entries["01-网络安全保险"].lines == ["工业和信息化部 国家金融监督管理总局", "关于促进网络安全保险规范健康发展的意见"]
    assert entries["02-电子产品消费"].lines is None          # a title of one line has none to offer
    assert [name for name, _ in contents.groups] == ["国策要论", "地方新政", "前沿观察"]


def test_the_cover_guide_is_the_contents_without_the_headline_article(sample):
    opened, comp = sample
    [cover] = _of(comp, C.Cover)
    assert cover.headline_article == "03-上海数据要素"
    guided = [x.article_id for _, group in cover.guide for x in group]
    assert "03-上海数据要素" not in guided and len(guided) == 6
    assert cover.headline.own == [ln.strip() for ln in opened.issue.cover_headline.split("\n") if ln.strip()]


def test_the_editors_list_is_a_grid_of_padded_names(sample):
    _, comp = sample
    [colophon] = _of(comp, C.Colophon)
    rows = {r.role: r for r in colophon.rows}
    board = rows["编委会"]
    assert board.grid and colophon.per_row == 6
    assert [len(line) for line in board.lines] == [6, 6, 1]           # 13 names on A4: 6, 6, 1
    assert board.lines[0][2] == "程\u3000茹" and board.lines[0][0] == "宋希贤"   # 程茹 spread to three
    assert [n.replace("\u3000", "") for line in board.lines for n in line] == board.names
    # an organisation, an address or a telephone number is not a person's name: one a line
    assert not rows["学术支持"].grid and rows["学术支持"].lines == [[n] for n in rows["学术支持"].names]
    assert not rows["咨询电话"].grid
    assert colophon.role_em == 4 and colophon.least_leading == 0.65


def test_smaller_paper_holds_fewer_names_a_line(mini_issue):
    tpl = mini_issue.parent.parent / "issue_templates" / "big-data-weekly" / "template.toml"
    tpl.write_text(tpl.read_text(encoding="utf-8").replace('size = "A4"', 'size = "A5"'), encoding="utf-8")
    opened = open_issue(mini_issue)
    [colophon] = _of(compose(opened.issue, opened.template, opened.folder), C.Colophon)
    board = next(r for r in colophon.rows if r.role == "编委会")
    assert colophon.per_row < 6 and all(len(line) <= colophon.per_row for line in board.lines)
    assert sum(len(line) for line in board.lines) == len(board.names)


def test_what_stays_together(sample):
    _, comp = sample
    heads = comp.heads()
    # the 文号 and the addressee stay with the text under them; the 文号 has its gap
    for h in heads:
        for p in (h.doc_number, h.addressee):
            if p is not None:
                assert p.keep_with_next
        if h.doc_number is not None:
            assert h.doc_number.space_after >= 10
        assert h.title.keep_with_next
    paras = _of(comp, C.Paragraph)
    # a heading on a line of its own stays with what follows; running text does not hold it back
    above_text = [p for p, q in zip(paras, paras[1:]) if p.style == "heading1" and not any(r.style for r in p.runs)
                  and q.style == "body" and p.article_id == q.article_id]
    assert len(above_text) > 5 and all(p.keep_with_next for p in above_text)
    assert not any(p.keep_with_next for p in paras if p.style == "body" and not any(r.style for r in p.runs)
                   and paras[paras.index(p) + 1].style not in ("source", "signature", "date_line"))
    # the line before a source line stays with it
    for i, p in enumerate(paras[1:], 1):
        if p.style == "source" and paras[i - 1].article_id == p.article_id:
            assert paras[i - 1].keep_with_next


def test_a_long_run_of_sibling_headings_does_not_hold_together():
    from editor.compose.keeps import keep_flags

    run = [C.Paragraph("heading1", [C.Run(f"第{n}章")]) for n in "一二三四五"] + [C.Paragraph("body", [C.Run("正文")])]
    assert keep_flags(run) == [False, False, False, True, True, False]
    nested = [C.Paragraph("subheading", [C.Run("第一章")]), C.Paragraph("heading1", [C.Run("第一条")]),
              C.Paragraph("heading1", [C.Run("第二条")]), C.Paragraph("heading1", [C.Run("第三条")]),
              C.Paragraph("body", [C.Run("正文")])]
    assert keep_flags(nested) == [True, False, True, True, False]     # a chapter keeps its first article


@pytest.mark.parametrize("text", [
    "国务院办公厅关于同意以哈尔滨市名义申办2009年第二十四届世界大学生冬季运动会的复函",
    "全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007年末国债余额限额的决议",
    "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知",
])
def test_a_long_title_is_set_in_lines_within_the_measure(sample, text):
    """Real titles of government documents (tests/fixtures/real) set on one line by the editor."""
    opened, _ = sample
    title = C.title_of(text, opened.template)
    assert title.own == [text] and len(title.set) == 1
    lines = title.set[0]
    assert len(lines) >= 2 and "".join(lines) == text
    assert all(sum(char_units(ch) for ch in line) <= title.measure_em for line in lines)
    widths = [sum(char_units(ch) for ch in line) for line in lines]
    assert max(widths) - min(widths) <= 6                       # balanced, not a full line and a stub


def test_back_matter_profiles_find_their_logos(sample):
    opened, comp = sample
    [back] = _of(comp, C.BackMatter)
    assert [p.name for p in back.profiles] == [p.name for p in opened.template.back_matter]
    for p, source in zip(back.profiles, opened.template.back_matter):
        assert p.logo == ((opened.template.folder / source.logo) if source.logo else None)


# ---------------------------------------------------------------- the writer contract

def test_every_format_is_a_writer_with_one_render():
    assert set(WRITERS) >= {"pdf", "docx"}
    for fmt in WRITERS:
        writer = writer_for(fmt)
        assert isinstance(writer, Writer) and writer.format == fmt
    with pytest.raises(TypeError):
        Writer()                                   # abstract: render must be written

    class Incomplete(Writer):
        format = "x"
    with pytest.raises(TypeError):
        Incomplete()

    class Folder(Writer):
        format, folder = "web", True

        def render(self, composition, target):
            return WriterReport()
    from pathlib import Path
    assert Folder().output_path(Path("out"), "刊-第1期") == Path("out") / "刊-第1期"
    assert writer_for("pdf").output_path(Path("out"), "刊-第1期") == Path("out") / "刊-第1期.pdf"
