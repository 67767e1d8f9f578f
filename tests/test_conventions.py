"""editor.conventions: the 文号, the 编者按 label, the source line and the 成文日期, each recognised once."""

import datetime as dt

import pytest

from editor.compose import note_paragraphs
from editor.conventions import (agency_code, doc_number_spans, find_doc_numbers, match_note_label, parse_date,
                                parse_doc_number, parse_source, strip_note_label)


@pytest.mark.parametrize("text, agency, year, number, bracket, kind", [
    ("国办发〔2023〕17号", "国办发", 2023, 17, "〔〕", "year"),
    ("（国办发〔2023〕17 号）", "国办发", 2023, 17, "〔〕", "year"),          # under a title, as published
    ("(发改能源规〔2020〕816号)", "发改能源规", 2020, 816, "〔〕", "year"),
    ("工信部联网安[2023]95号", "工信部联网安", 2023, 95, "[]", "year"),
    ("工信部联网安【2023】95号", "工信部联网安", 2023, 95, "【】", "year"),
    ("渝府办发（2023）53 号", "渝府办发", 2023, 53, "（）", "year"),
    ("川办发(2023)1号", "川办发", 2023, 1, "()", "year"),
    ("国办发﹝2023﹞5号", "国办发", 2023, 5, "﹝﹞", "year"),
    ("发文字号：川办发（2023）1 号", "川办发", 2023, 1, "（）", "year"),
    ("国办发〔2023〕第05号", "国办发", 2023, 5, "〔〕", "year"),
    ("国务院令第 6 号", "国务院", None, 6, "", "order"),
    ("中华人民共和国国务院令第708号", "中华人民共和国国务院", None, 708, "", "order"),
    ("  国发〔2023〕14号\u3000", "国发", 2023, 14, "〔〕", "year"),
])
def test_a_doc_number_is_taken_apart_as_written(text, agency, year, number, bracket, kind):
    d = parse_doc_number(text)
    assert d is not None
    assert (d.agency, d.year, d.number, d.bracket, d.kind) == (agency, year, number, bracket, kind)
    assert text[d.start:d.end] == d.text and d.text.endswith("号")
    assert text[d.agency_at:d.agency_at + len(d.agency)] == d.agency
    if kind == "year":
        assert text[d.open_at] == d.opening and text[d.close_at] == d.closing
        assert text[d.year_at:d.year_at + 4] == str(year)
    assert text[d.seq_at:d.seq_at + len(d.sequence)] == d.sequence


def test_what_is_kept_as_written_and_the_standard_form():
    d = parse_doc_number("国办发〔2023〕第 05 号")
    assert d.di == "第" and d.sequence == "05" and d.leading_zeros == 1
    assert [d.text[a - d.start:b - d.start] for a, b in d.spaces] == [" ", " "] and d.space_before_hao
    assert d.canonical == "国办发〔2023〕5号" and not d.is_standard
    assert parse_doc_number("国办发〔2023〕17号").is_standard
    assert parse_doc_number("国务院令第708号").canonical == "国务院令第708号"


@pytest.mark.parametrize("text", ["2023年14号", "国办发〔2023〕", "〔2023〕17号", "关于国办发〔2023〕17号文件的说明",
                                  "国办发〔2023〕17号文", "（来源：国务院办公厅）", "", "号"])
def test_what_is_not_a_doc_number_line(text):
    assert parse_doc_number(text) is None


def test_doc_numbers_cited_in_running_text():
    text = "根据《通知》（建市〔2020〕60 号）和《条例》（国务院令第708号），2023年14号台风"
    found = list(find_doc_numbers(text))
    assert [d.text for d in found] == ["建市〔2020〕60 号", "国务院令第708号"]
    assert [text[a:b] for a, b in doc_number_spans(text)] == ["建市〔2020〕60 号", "国务院令第708号"]
    assert [d.text for d in find_doc_numbers(text, orders=False)] == ["建市〔2020〕60 号"]
    # from an offset: nothing before it is taken into the agency
    assert next(find_doc_numbers("一、国办发〔2023〕1号", 2)).agency == "国办发"


def test_agency_code_of_any_doc_number():
    assert agency_code("渝府办发〔2023〕51号") == "渝府办发"
    assert agency_code("工信部联网安 [2023] 95号") == "工信部联网安"
    assert agency_code("工信部联网安2023年95号") == "工信部联网安"     # not a 文号: up to the first digit


LABELS = ["编者按：", "编者按:", "【编者按】", "【编者按】：", "（编者按）", "(编者按)", "[编者按]", "编者的话：",
          "【编者的话】", "编者语：", "编 者 按：", "编者按 "]


@pytest.mark.parametrize("label", LABELS)
def test_every_note_label_is_one_label_for_compose_and_the_check(label):
    """The check says a label is dropped at typesetting: compose must drop exactly those."""
    from editor.checks import run_checks
    from editor.model import Article, Block, BlockKind, Column, Issue
    from editor.template import load_template

    text = label + "近日，国务院印发了《通知》。"
    found = match_note_label(text)
    assert found is not None and found.label == label.strip()
    assert strip_note_label(text) == "近日，国务院印发了《通知》。"
    assert note_paragraphs([text]) == ["近日，国务院印发了《通知》。"]
    article = Article("a", "标题", editor_note=[Block(BlockKind.PARAGRAPH, text)],
                      body=[Block(BlockKind.PARAGRAPH, "正文。")])
    issue = Issue("big-data-weekly", dt.date(2023, 7, 21), 29, 140, [Column("国策要论", [article])])
    rules = [d.rule for d in run_checks(issue, load_template("big-data-weekly"))]
    assert "structure.note-label" in rules


def test_a_label_alone_in_its_paragraph_goes_with_it():
    assert note_paragraphs(["编者按", "近日印发。"]) == note_paragraphs(["【编者的话】：", "近日印发。"]) == ["近日印发。"]


@pytest.mark.parametrize("text", ["编者按照规定报送。", "编者按近日",  "编者认为", "按编者按语", "近日，编者按：", ""])
def test_what_is_no_note_label(text):
    assert match_note_label(text) is None and strip_note_label(text) == text
    assert note_paragraphs([text, "第二段。"]) == [t for t in [text, "第二段。"] if t]


@pytest.mark.parametrize("text, ymd", [
    ("2023年5月26日", (2023, 5, 26)),
    ("  2023 年 5 月 26 日 ", (2023, 5, 26)),
    ("二〇〇九年十二月十四日", (2009, 12, 14)),
    ("二○一二年三月三十一日", (2012, 3, 31)),
    ("二〇二三年七月二十日", (2023, 7, 20)),
])
def test_dates_as_written(text, ymd):
    d = parse_date(text)
    assert (d.year, d.month, d.day) == ymd and d.date == dt.date(*ymd)
    assert text[d.start:d.end] == d.text == text.strip()


def test_a_date_that_names_no_day_is_kept_but_has_no_calendar_date():
    assert parse_date("2023年2月30日").date is None
    assert parse_date("于2023年5月26日印发") is None and parse_date("2023年5月") is None


def test_source_lines():
    assert parse_source("（来源：工业和信息化部）").is_house_form
    assert parse_source("来源：").issuer == ""
    assert parse_source("来源广泛，渠道多样。") is None and parse_source("药品来源：进口") is None


def test_a_title_of_two_lines_keeps_the_space_between_two_issuers_only():
    from editor.conventions import join_title_lines as join
    # gz-suiminguizi-2025-2 of the real corpus: its page sets the issuers on a line of their own
    assert join(["广州市民政局", "广州市财政局关于印发我市2025年最低生活保障及相关社会救助标准的通知"]) == \
        "广州市民政局 广州市财政局关于印发我市2025年最低生活保障及相关社会救助标准的通知"
    assert join(["工业和信息化部 国家金融监督管理总局", "关于促进网络安全保险规范健康发展的意见"]) == \
        "工业和信息化部 国家金融监督管理总局关于促进网络安全保险规范健康发展的意见"
    assert join(["国务院关于在海南博鳌乐城国际医疗旅游先行区", "暂时调整实施《中华人民共和国药品管理法", "实施条例》有关规定的决定"]) == \
        "国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规定的决定"
    assert join(["中共中央办公厅 国务院办公厅", "印发《关于加强数字政府建设的意见》的通知"]) == \
        "中共中央办公厅 国务院办公厅印发《关于加强数字政府建设的意见》的通知"
    assert join(["广州市人民政府办公厅", "转发市财政局关于加强预算管理意见的通知"]) == \
        "广州市人民政府办公厅转发市财政局关于加强预算管理意见的通知"
