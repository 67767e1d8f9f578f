"""Paragraphs of a PDF copy whose lines are not all set at one width: lines beside a figure or a
QR code (narrower), an 编者按 box (narrower, paragraphs told apart only by the indent that the copy
lost). The copies here are made by a small typesetter (`_set`) that does what ours does: a two-
character indent on each first line, no line starting with closing punctuation (the character
before it goes down too), and a copy that drops the indent."""

import pytest

from editor.importers import article_from_text
from editor.importers.bulletin import bulletin_from_text
from editor.importers.cleanup import Unit
from editor.importers.paragraphs import local_measures

NO_START = "，。、；：！？）》”’"


def _set(paragraphs, measure, indent=2):
    """The lines a PDF viewer copies of `paragraphs` set at `measure(line_number)` characters."""
    out = []
    for text in paragraphs:
        lines, cur = [], ""
        for ch in text:
            room = measure(len(out) + len(lines)) - (indent if not lines else 0)
            if len(cur) + 1 > room:
                if ch in NO_START:          # the last character goes down with the punctuation
                    lines.append(cur[:-1])
                    cur = cur[-1]
                else:
                    lines.append(cur)
                    cur = ""
            cur += ch
        lines.append(cur)
        out += lines
    return out


FIGURE_TEXT = [
    "数据要素是数字经济深化发展的核心引擎，对于推动高质量发展具有重要意义。近年来各地积极探索公共数据授权运营、"
    "数据交易场所建设和数据资产入表等工作，形成了一批可复制可推广的经验做法，为构建全国统一的数据要素市场奠定了"
    "坚实基础，也为下一步深化改革明确了方向和路径。与此同时，数据要素市场仍处于发展初期，数据供给质量不高、"
    "流通交易规则不健全、收益分配机制不完善等问题依然突出，需要在实践中不断探索完善。",
    "报告梳理了数据要素市场建设的总体进展，分析了数据确权、定价、流通和收益分配等关键环节面临的问题，提出了完善"
    "制度规则、培育市场主体、强化安全保障等方面的政策建议，供有关部门和地方参考借鉴。",
]


def test_lines_set_beside_a_qr_code_run_on_into_their_paragraph():
    # Lines 0–3 stand beside the QR code (31 characters), the rest use the full 39.
    paras = FIGURE_TEXT + NOTE + FIGURE_TEXT     # long enough to show its measure
    lines = _set(paras, lambda k: 31 if k < 4 else 39)
    assert {len(x) for x in lines[:4]} <= {28, 29, 30, 31} and len(lines[4]) >= 38
    pasted = "\n".join(["数据要素市场发展报告（2024）", *lines[:4], "", "扫描二维码", "阅读全文", "", *lines[4:]])
    r = article_from_text(pasted)
    assert [b.text for b in r.article.body] == paras
    assert any("二维码" in n for n in r.notes)


def test_a_narrow_run_in_the_middle_of_a_paragraph():
    text = FIGURE_TEXT[0] + FIGURE_TEXT[1]
    lines = _set([text, FIGURE_TEXT[1]], lambda k: 32 if 2 <= k < 5 else 39)
    a = article_from_text("\n".join(["数据要素市场发展报告", *lines])).article
    assert [b.text for b in a.body] == [text, FIGURE_TEXT[1]]


NOTE = [
    "近日，某省人民政府办公厅印发《某省公共数据授权运营管理办法（试行）》，明确了授权运营的基本原则、授权方式、"
    "运营机构应当具备的条件和所承担的责任。",
    "《管理办法》提出，建立公共数据授权运营评估机制，对运营机构的数据安全、服务质量和收益分配情况开展年度评估，"
    "评估结果作为续期授权的重要依据。",
]


def _note_lines(measure=37):
    lines = _set(NOTE, lambda k: measure)
    # the first paragraph ends with a full stop at the very end of a full line: only the next
    # line's indent (lost in the copy) says a new paragraph starts
    first = _set(NOTE[:1], lambda k: measure)
    assert len(first[-1]) == measure and len(lines[len(first)]) == measure - 2
    return lines


def test_an_editor_note_of_two_paragraphs_in_a_narrower_box():
    bulletin = "\n".join([
        "大数据发展动态", "2024年3月8日 第9期 总第173期", "本期要目", "地方新政",
        "某省公共数据授权运营管理办法（试行） ………… 1", "编者按", *_note_lines(),
        "某省公共数据授权运营管理办法（试行）",
        *_set(["第一条 为规范公共数据授权运营，促进公共数据有序开发利用，根据有关法律法规，结合本省实际，制定本办法。",
               "第二条 本办法适用于本省行政区域内公共数据授权运营及其监督管理活动。"], lambda k: 39),
        "（来源：某省人民政府）"])
    issue = bulletin_from_text(bulletin, "b.txt")
    [art] = issue.articles
    assert [b.text for b in art.editor_note] == NOTE
    assert [b.marker.family for b in art.body] == ["article", "article"]


def test_an_editor_note_pasted_with_its_article():
    pasted = "\n".join(["某省公共数据授权运营管理办法（试行）", "编者按：", *_note_lines(),
                        "", "第一条 为规范公共数据授权运营，制定本办法。"])
    a = article_from_text(pasted).article
    assert [b.text for b in a.editor_note] == NOTE


def test_a_full_stop_at_the_end_of_a_full_line_still_runs_on_without_an_indent():
    # The note's two paragraphs as one, with more after them: the full stop still ends a full
    # line, but the next line is full too (no indent): a wrap, not a paragraph end.
    paras = [NOTE[0] + NOTE[1], FIGURE_TEXT[1], FIGURE_TEXT[0]]
    lines = _set(paras, lambda k: 37)
    assert lines[1].endswith("。") and len(lines[1]) == len(lines[2]) == 37
    a = article_from_text("\n".join(["某省公共数据授权运营管理办法", *lines])).article
    assert [b.text for b in a.body] == paras


@pytest.mark.parametrize("ends", ["。", "，"])
def test_short_paragraphs_give_no_narrower_measure(ends):
    # One-line paragraphs 30 characters wide in a text set at 39 end with a full stop: they are
    # paragraphs, not a run of lines beside a figure. Lines that run on (a comma) are such a run.
    body = ["这是一个用于检验的较长段落的文字内容，共计三十九个字符宽度整整齐齐地排满一行" * 1,
            "并且继续写到第二行为止，结尾有句号作为段落的结束而不再延续下去的文字。"]
    shorts = [f"第{n}项要求的内容写在这一行里，共约三十个字的长度" + ends for n in "一二三"]
    units = [Unit(t, gap=False) for t in body + shorts + body]
    measures = local_measures(units, 39)
    if ends == "。":
        assert measures[2:5] == [39, 39, 39]
    else:
        assert all(m < 39 for m in measures[2:5])


def test_one_article_copied_from_a_bulletin_page_with_its_running_head_and_note_above_the_title():
    # An editor copies last week's article out of our PDF: the page's running head (masthead,
    # issue line, column banner) comes along, and the 编者按 stands above the title.
    body = [NOTE[1], FIGURE_TEXT[0], FIGURE_TEXT[1]]
    pasted = "\n".join(["大数据发展动态", "", "2024年3月8日 第9期 总第173期", "", "地方新政", "编者按", *_note_lines(),
                        "", "某省公共数据授权运营管理办法（试行）", *_set(body, lambda k: 39),
                        "（来源：某省人民政府）"])
    r = article_from_text(pasted)
    a = r.article
    assert a.title == "某省公共数据授权运营管理办法（试行）"
    assert [b.text for b in a.editor_note] == NOTE
    assert [b.text for b in a.body] == body
    assert a.source.text == "（来源：某省人民政府）"
    assert "删去 3 行页码、页眉页脚" in r.notes


def test_an_editor_note_above_the_title_in_a_copy_without_blank_lines():
    body = [FIGURE_TEXT[0], FIGURE_TEXT[1]]
    pasted = "\n".join(["编者按", *_note_lines(), "某省公共数据授权运营管理办法（试行）", *_set(body, lambda k: 39)])
    a = article_from_text(pasted).article
    assert a.title == "某省公共数据授权运营管理办法（试行）"
    assert [b.text for b in a.editor_note] == NOTE
    assert [b.text for b in a.body] == body


def test_a_short_first_line_after_an_issue_line_is_kept_when_no_title_follows_it():
    # "2024年3月8日 第9期" heads the copy, but the short line after it is the title itself.
    a = article_from_text("2024年3月8日 第9期 总第173期\n数据条例\n第一条 为了促进数据利用，制定本条例。\n"
                          "第二条 本条例自公布之日起施行。\n").article
    assert a.title == "数据条例"
    assert [b.text[:3] for b in a.body] == ["第一条", "第二条"]


def test_a_page_break_inside_the_copy_and_the_next_articles_banner_are_dropped():
    body = [FIGURE_TEXT[0], NOTE[1], FIGURE_TEXT[1]]
    lines = _set(body, lambda k: 39)
    pasted = "\n".join(["某省公共数据授权运营管理办法（试行）", *lines[:3], "— 2 —", "", "大数据发展动态", "",
                        "2024年3月8日 第9期 总第173期", "", *lines[3:], "（来源：某省人民政府）", "前沿观察"])
    r = article_from_text(pasted)
    assert [b.text for b in r.article.body] == body
    assert r.article.source.text == "（来源：某省人民政府）"
    assert "删去 4 行页码、页眉页脚" in r.notes      # page number, masthead, issue line, banner


def test_a_short_heading_above_an_issue_line_in_running_text_is_kept():
    # Only a line placed as a masthead goes: the paste's first line, one above every page's issue
    # line, or one under a page number. A heading that happens to stand there stays.
    a = article_from_text("某市数据条例\n第一章 总则\n2024年3月8日 第9期 总第173期\n"
                          "第一条 为了促进数据利用，制定本条例。\n").article
    assert [b.text for b in a.body] == ["第一章 总则", "第一条 为了促进数据利用，制定本条例。"]
