"""Writers render what the composition decides: change a decision in it and each writer follows.

(In a file of its own that runs after test_fonts: a PDF typeset in this process leaves the font
cache's in-memory memo filled, which test_fonts' cache test does not expect.)"""

from __future__ import annotations

import dataclasses

import pytest

from editor import compose as C
from editor.compose import compose
from editor.project import open_issue
from editor.writers import Target, writer_for

from . import conftest


@pytest.fixture(scope="module")
def sample():
    opened = open_issue(conftest.SAMPLE)
    return opened, compose(opened.issue, opened.template, opened.folder)


def _of(comp, kind):
    return [e for e in comp.elements if isinstance(e, kind)]


@pytest.mark.slow
def test_writers_set_what_the_composition_decides(sample, tmp_path):
    """Change a decision in the composition and both writers follow it: they do not decide again."""
    import docx

    from editor.writers.pdf import typeset

    opened, comp = sample
    comp = dataclasses.replace(comp, elements=list(comp.elements))
    [colophon] = _of(comp, C.Colophon)
    board = next(r for r in colophon.rows if r.role == "编委会")
    grid = [board.lines[0][:3], board.lines[0][3:] + board.lines[1], board.lines[2]]
    rows = [dataclasses.replace(r, lines=grid) if r is board else r for r in colophon.rows]
    comp.elements[comp.elements.index(colophon)] = dataclasses.replace(colophon, rows=rows)
    head = comp.heads()[1]
    title = C.Title(["关于促进电子产品", "消费的若干措施"], [["关于促进电子产品"], ["消费的若干措施"]])
    comp.elements[comp.elements.index(head)] = dataclasses.replace(head, title=title)

    pypdf = pytest.importorskip("pypdf")
    result = typeset(comp, opened.template, tmp_path / "x.pdf")
    lines = pypdf.PdfReader(str(tmp_path / "x.pdf")).pages[1].extract_text().split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("编委会"))
    assert lines[at].split() == ["编委会", "宋希贤", "陈雅娴", "程茹"]
    assert lines[at + 1].split() == ["杨婷", "陈贝", "熊灵犀", "杨洲", "钟新敏", "吴钰鑫", "钟雪", "莫星星", "陈琛娆"]
    assert [r.text for r in result.lines if r.style == "title"][2:4] == ["关于促进电子产品", "消费的若干措施"]

    target = Target(tmp_path / "x.docx")
    writer_for("docx").render(comp, target)
    doc = docx.Document(str(target.path))
    titles = [p.text for p in doc.paragraphs if p.style.name == "文章标题"]
    assert titles[1] == "关于促进电子产品\n消费的若干措施"


@pytest.mark.slow
def test_the_word_document_sets_the_composition_s_grid_keeps_and_gap(sample, tmp_path):
    """The editors' list 6/6/1 with 程　茹 padded, as the PDF; the 文号 kept with the text under it
    and 10 pt from it; a run of sibling headings not chained together (Word would move them as
    one block and leave most of a page empty)."""
    import docx
    from docx.oxml.ns import qn

    opened, comp = sample
    target = Target(tmp_path / "x.docx")
    writer_for("docx").render(comp, target)
    doc = docx.Document(str(target.path))
    cells = [row.cells[1].text for table in doc.tables for row in table.rows if row.cells[0].text == "编委会"]
    assert [line.split("\t") for line in cells[0].split("\n")] == \
        [["宋希贤", "陈雅娴", "程\u3000茹", "杨\u3000婷", "陈\u3000贝", "熊灵犀"],
         ["杨\u3000洲", "钟新敏", "吴钰鑫", "钟\u3000雪", "莫星星", "陈琛娆"], ["罗江翠"]]

    def keep(p):
        k = p._p.pPr.find(qn("w:keepNext"))
        return None if k is None else k.get(qn("w:val"), "1") != "0"

    number = next(p for p in doc.paragraphs if p.text == "工信部联网安〔2023〕95号")
    assert keep(number) is True
    assert number._p.pPr.find(qn("w:spacing")).get(qn("w:after")) == "200"      # 10 pt
    heads = {p.text: p for p in doc.paragraphs}
    siblings = [e for e in comp.elements if isinstance(e, C.Paragraph) and e.style.startswith("heading")
                and not e.keep_with_next]
    assert siblings, "the sample has runs of sibling headings (the white paper's contents)"
    assert all(keep(heads[e.text]) is False for e in siblings if e.text in heads)
