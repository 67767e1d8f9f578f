"""The DOCX's designed pages as the PDF lays them out: cover bands to the paper's edge, the contents,
column labels, the editors' grid, the 编者按 panel, the back cover's band.

Read back from the package: drawings anchored behind the text with their place on the page,
framed paragraphs, the styles' borders and shading. How it looks is checked on LibreOffice's
rendering in tests/test_docx_sample.py.
"""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from .test_docx import build, issue  # noqa: F401  (issue: a fixture)

EMU_PER_PT = 12700


@pytest.fixture
def built(issue, tmp_path):  # noqa: F811
    return docx.Document(str(build(issue, tmp_path / "out").path))


def anchors(root) -> list[dict]:
    """Every drawing anchored in `root`: its frame of reference, place and size (points) and what it is."""
    out = []
    for a in root.iter(qn("wp:anchor")):
        h, v = a.find(qn("wp:positionH")), a.find(qn("wp:positionV"))
        ext = a.find(qn("wp:extent"))
        fill = a.find(".//" + qn("a:srgbClr"))
        out.append({"h": h.get("relativeFrom"), "v": v.get("relativeFrom"),
                    "x": int(h.find(qn("wp:posOffset")).text) / EMU_PER_PT,
                    "y": int(v.find(qn("wp:posOffset")).text) / EMU_PER_PT,
                    "w": int(ext.get("cx")) / EMU_PER_PT, "h_": int(ext.get("cy")) / EMU_PER_PT,
                    "behind": a.get("behindDoc") == "1", "fill": fill.get("val") if fill is not None else None,
                    "picture": a.find(".//" + qn("pic:pic")) is not None})
    return out


def cover_paragraphs(doc):
    out = []
    for p in doc.paragraphs:
        out.append(p)
        if p._p.pPr is not None and p._p.pPr.find(qn("w:sectPr")) is not None:
            return out
    return out


def test_the_cover_bands_run_to_the_papers_edges_behind_the_text(built):
    doc = built
    page_w, page_h = doc.sections[0].page_width.pt, doc.sections[0].page_height.pt
    cover = cover_paragraphs(doc)
    drawn = [d for p in cover for d in anchors(p._p)]
    assert drawn and all(d["behind"] and d["h"] == d["v"] == "page" for d in drawn)
    full = [d for d in drawn if abs(d["x"]) < 0.01 and abs(d["w"] - page_w) < 0.1 and not d["picture"]]
    top = [d for d in full if abs(d["y"]) < 0.01]
    assert top and top[0]["fill"] == "1B4F8F" and abs(top[0]["h_"] - Mm(92).pt) < 0.5        # the masthead band
    assert any(d["fill"] == "B7282E" for d in full)                                             # the red rule
    assert any(abs(d["y"] + d["h_"] - page_h) < 0.1 and d["fill"] == "1B4F8F" for d in full)  # the foot band
    assert [d for d in drawn if d["picture"] and abs(d["w"] - page_w) < 0.1]                   # the dot screen
    # the tagline's two short rules, and a rule from each label to the right margin
    margin = doc.sections[0].left_margin.pt
    short = [d for d in drawn if d["h_"] < 2 and not d["picture"] and d not in full]
    assert len(short) >= 5
    assert sum(1 for d in short if abs(d["x"] + d["w"] - (page_w - margin)) < 0.5) >= 4


def test_the_masthead_stands_in_frames_on_the_band_and_the_labels_have_no_underline(built):
    doc = built
    cover = cover_paragraphs(doc)
    framed = {p.style.name: p._p.pPr.find(qn("w:framePr")) for p in cover
              if p._p.pPr is not None and p._p.pPr.find(qn("w:framePr")) is not None}
    for name in ("刊头口号", "刊名", "刊头标语", "封面期号行", "封面主办单位"):
        assert framed[name].get(qn("w:vAnchor")) == "page", name
    title_y = int(framed["刊名"].get(qn("w:y"))) / 20
    assert title_y < Mm(92).pt                                  # on the band
    # 本期要闻 / 本期导读: a rule beside them, no border under the whole width
    label = doc.styles["封面栏签"]
    assert label.element.pPr.find(qn("w:pBdr")) is None
    assert [p.text for p in cover if p.style.name == "封面栏签"] == ["本期要闻", "本期导读"]
    # the guide: the column's name before its first entry (the headline's article is not in it)
    guide = [p for p in cover if p.style.name == "封面导读"]
    assert [p.runs[0].text for p in guide] == ["地方新政"] and "上海市促进数据要素" in guide[0].text


def test_the_contents_page_is_set_as_the_pdf(built):
    doc = built
    texts = [(p.style.name, p.text) for p in doc.paragraphs]
    heading = texts.index(("目录标题", "本期要目"))
    assert texts[heading + 1] == ("目录副题", "CONTENTS")
    toc1 = doc.styles["toc 1"].element
    shd = toc1.pPr.find(qn("w:shd"))
    assert shd.get(qn("w:fill")) == "1B4F8F" and toc1.rPr.find(qn("w:color")).get(qn("w:val")) == "FFFFFF"
    # the note (文号 and source) under each entry, in grey
    notes = [t for s, t in texts if s == "目录注"]
    assert notes[0] == "国办发〔2023〕1号　来源：国务院办公厅" and "来源：上海市人民政府" in notes[1]
    assert doc.styles["目录注"].font.color.rgb == docx.shared.RGBColor(0x66, 0x66, 0x66)
    # an entry stays on the page of its note (on A5 a note was left alone at the top of a page)
    paras = doc.paragraphs
    noted = [p for p, q in zip(paras, paras[1:]) if q.style.name == "目录注"]
    assert noted and all(p.style.name == "toc 2" and p.paragraph_format.keep_with_next for p in noted)
    # the page numbers in the house colour, bold; wrapped entries hang a character in
    numbers = [r for p in doc.paragraphs if p.style.name == "toc 2" for r in p._p.iter(qn("w:r"))
               if r.find(qn("w:t")) is not None and r.find(qn("w:t")).text.isdigit()]
    assert numbers and all(r.find(qn("w:rPr")).find(qn("w:rStyle")).get(qn("w:val")) == "BTocNumber" for r in numbers)
    number = doc.styles["目录页码"]
    assert number.font.bold and number.font.color.rgb == docx.shared.RGBColor(0x1B, 0x4F, 0x8F)
    ind = doc.styles["toc 2"].element.pPr.find(qn("w:ind"))
    assert int(ind.get(qn("w:hanging"))) > 0


def test_column_labels_are_tabs_with_a_rule_to_the_margin(built):
    doc = built
    label = doc.styles["栏目"]
    ppr = label.element.pPr
    assert ppr.find(qn("w:shd")).get(qn("w:fill")) == "1B4F8F"
    assert {etree_name(c) for c in ppr.find(qn("w:pBdr"))} == {"top", "left", "bottom", "right"}
    assert int(ppr.find(qn("w:ind")).get(qn("w:right"))) > 0                # a tab, not a band
    assert label.element.rPr.find(qn("w:spacing")) is not None               # letter-spaced
    width = doc.sections[2].page_width.pt - doc.sections[2].left_margin.pt - doc.sections[2].right_margin.pt
    for p in [p for p in doc.paragraphs if p.style.name == "栏目"]:
        drawn = anchors(p._p)
        assert len(drawn) == 2 and all(d["v"] == "line" and d["h"] == "margin" for d in drawn)
        rule = max(drawn, key=lambda d: d["w"])
        assert abs(rule["x"] + rule["w"] - width) < 0.5                       # to the right margin


def etree_name(el) -> str:
    return el.tag.rsplit("}", 1)[1]


def test_the_editors_note_panel_is_padded_as_the_pdfs(built):
    doc = built
    note = doc.styles["编者按"]
    borders = {etree_name(b): b for b in note.element.pPr.find(qn("w:pBdr"))}
    assert int(borders["left"].get(qn("w:sz"))) == 24 and borders["left"].get(qn("w:color")) == "1B4F8F"
    assert all(int(borders[s].get(qn("w:space"))) == 11 for s in ("top", "bottom", "left", "right"))
    # the label is in the same panel: based on the note, with the same borders (Word joins them)
    label = doc.styles["编者按标签"]
    assert label.base_style.name == "编者按" and label.element.pPr.find(qn("w:pBdr")) is None


def test_the_editors_grid_pads_short_names_and_breaks_the_board_as_the_composition(built):
    doc = built
    table = doc.tables[0]
    rows = {r.cells[0].text: r.cells[1].text for r in table.rows}
    board = rows["编委会"].split("\n")
    assert [len(line.split("\t")) for line in board] == [6, 6, 1]
    assert "程\u3000茹" in board[0] and "杨\u3000婷" in board[0]


def test_the_back_cover_band_runs_to_the_papers_edges(built):
    doc = built
    back = doc.sections[-1]
    footer = back.footer._element
    [band] = anchors(footer)
    page_w, page_h = back.page_width.pt, back.page_height.pt
    assert band["behind"] and abs(band["w"] - page_w) < 0.1 and abs(band["y"] + band["h_"] - page_h) < 0.1
    [p] = back.footer.paragraphs
    assert p._p.pPr.find(qn("w:framePr")).get(qn("w:vAnchor")) == "page" and "大数据发展动态" in p.text


def effective_keeps(doc) -> list[bool]:
    """Whether each body paragraph stays with the next, as Word reads it: its own keepNext, else its
    style's or what that style is based on."""
    def of(ppr):
        el = ppr.find(qn("w:keepNext")) if ppr is not None else None
        return None if el is None else el.get(qn("w:val")) not in ("0", "false")

    out = []
    for p in doc.paragraphs:
        keep, style = of(p._p.pPr), p.style
        while keep is None and style is not None:
            keep, style = of(style.element.pPr), style.base_style
        out.append(bool(keep))
    return out


def longest_chain(keeps: list[bool]) -> int:
    """The most paragraphs a page break cannot come between (a kept run and the paragraph it holds)."""
    best = run = 0
    for keep in keeps:
        run += 1
        if not keep:
            best, run = max(best, run), 0
    return max(best, run)


def test_a_long_list_of_headings_inside_an_article_is_not_one_block(issue, tmp_path):  # noqa: F811
    """An article whose text opens with its own table of contents (26 chapter lines): the chapter
    lines may break anywhere, except the last two, which stay with the text, so Word never moves the
    list as one block and leaves most of a page blank."""
    numerals = "一二三四五六七八九十"
    names = [numerals[n] if n < 10 else ("十" + numerals[n - 10] if n < 19 else "二十" + numerals[n - 20])
             for n in range(26)]
    chapters = "\n\n".join(f"{name}、第{n + 1}部分的主要内容" for n, name in enumerate(names))
    path = issue / "articles" / "a1.md"
    text = path.read_text(encoding="utf-8").replace("前言段落。", "前言段落。\n\n" + chapters + "\n\n正文开始。")
    path.write_text(text, encoding="utf-8")
    doc = docx.Document(str(build(issue, tmp_path / "out").path))
    listed = [i for i, p in enumerate(doc.paragraphs) if p.text.endswith("部分的主要内容")]
    assert len(listed) == 26 and doc.paragraphs[listed[0]].style.name == "一级标题"
    keeps = effective_keeps(doc)
    body = keeps[listed[0] - 3:]
    assert longest_chain(body) <= 4, longest_chain(body)
    assert [keeps[i] for i in listed[-3:]] == [False, True, True]


def test_no_chain_in_the_sample_holds_more_than_a_title_block(sample_copy, tmp_path):
    """Across the sample issue no run of kept paragraphs is longer than a title, its 文号, its
    addressee and the first line of text."""
    doc = docx.Document(str(build(sample_copy, tmp_path / "out").path))
    keeps = effective_keeps(doc)
    first_body = next(i for i, p in enumerate(doc.paragraphs) if p.style.name == "栏目")
    assert longest_chain(keeps[first_body:]) <= 5


def test_on_small_paper_every_framed_cover_line_fits_its_frame(issue, tmp_path):  # noqa: F811
    """A5: the tagline is wider than the measure; its frame (one exact line) must hold it on one line,
    or Word and LibreOffice cut off its end (on A5 "参考信息" was lost)."""
    from editor.writers.docx.pages import text_units

    from .test_docx import inherited

    template = issue.parent.parent / "issue_templates" / "big-data-weekly" / "template.toml"
    template.write_text(template.read_text(encoding="utf-8").replace('size = "A4"', 'size = "A5"'),
                        encoding="utf-8")
    doc = docx.Document(str(build(issue, tmp_path / "out").path))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(148)) < Mm(0.5)
    framed = [p for p in cover_paragraphs(doc) if p._p.pPr.find(qn("w:framePr")) is not None and p.text]
    assert {p.style.name for p in framed} >= {"刊头口号", "刊名", "刊头标语", "封面期号行"}
    for p in framed:
        frame = p._p.pPr.find(qn("w:framePr"))
        size = int(inherited(p.style, "w:sz", "w:val")) / 2
        spacing = int(inherited(p.style, "w:spacing", "w:val") or 0) / 20
        need = text_units(p.text) * size + spacing * (len(p.text) - 1)
        x, width = int(frame.get(qn("w:x"))) / 20, int(frame.get(qn("w:w"))) / 20
        assert need <= width, (p.style.name, p.text, need, width)
        assert x >= 0 and x + width <= section.page_width.pt
