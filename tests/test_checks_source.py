"""Source lines and 文号: house form, position, agreement with the 文号's issuer, 文号 writing."""

import dataclasses
import datetime as dt

import pytest

from editor.checks import apply_edits, run_checks
from editor.checks.source import agency_code, expected_issuers

from .checks_support import check, make_article, make_issue, rules_of, template

BODY = "现提出如下意见。"


@pytest.mark.parametrize("source,problem", [
    ("(来源：工业和信息化部)", "半角括号"),
    ("(来源:上海市浦东新区科技和经济委员会)", "半角冒号"),
    ("【来源：国家发展改革委】", "括号应为"),
    ("来源：重庆市人民政府", "缺少括号"),
    ("（资料来源：中国信通院）", "资料来源"),
])
def test_source_not_in_house_form(source, problem):
    found = check(BODY, "source", source=source)
    assert rules_of(found) == ["source.form"] and problem in found[0].message
    article = make_article(BODY, source=source)
    apply_edits(make_issue(article), found[0].fix.edits)
    assert article.source.text.startswith("（来源：") and article.source.text.endswith("）")
    assert found[0].location.line == 7 and found[0].field == "source"


def test_house_form_passes_and_empty_source_is_an_error():
    assert check(BODY, "source", source="（来源：工业和信息化部）") == []
    found = check(BODY, "source", source="（来源：）")
    assert rules_of(found) == ["source.empty"] and found[0].severity == "error"


def test_missing_source_and_running_text_that_mentions_a_source():
    found = check("加强对药品来源的监督检查。\n\n请注明来源，并保留原文链接。", "source", source=None)
    assert rules_of(found) == ["source.missing"] and found[0].location.line == 7


def test_source_in_the_middle():
    body = "（来源：重庆市人民政府）\n\n三、保障措施"
    found = check(body, "source", source=None)
    assert rules_of(found) == ["source.middle"] and found[0].location.line == 5
    assert "文章末尾" in found[0].message
    again = check(body, "source", source="（来源：重庆市人民政府）")
    assert rules_of(again) == ["source.middle"] and "只应有一个" in again[0].message


def test_agency_code_and_longest_prefix():
    assert agency_code("渝府办发〔2023〕51号") == "渝府办发"
    assert agency_code("工信部联网安[2023]95号") == "工信部联网安"
    assert expected_issuers("渝府办发〔2023〕51号", template())[0] == "渝府办发"
    assert expected_issuers("工信部联网安〔2023〕95号", template())[0] == "工信部"
    assert expected_issuers("发改就业〔2023〕1019号", template())[1][0] == "国家发展改革委"
    assert expected_issuers("某某〔2023〕1号", template()) is None


@pytest.mark.parametrize("doc_number,source,ok", [
    ("渝府办发〔2023〕51号", "（来源：重庆市人民政府）", True),
    ("渝府办发〔2023〕51号", "（来源：重庆市人民政府办公厅）", True),
    ("渝府办发〔2023〕51号", "（来源：四川省人民政府）", False),
    ("工信部联网安〔2023〕95号", "（来源：工业和信息化部）", True),
    ("工信部联网安〔2023〕95号", "（来源：工信部）", True),                   # an alias
    ("发改就业〔2023〕1019号", "（来源：国家发展和改革委员会）", True),
    ("发改就业〔2023〕1019号", "（来源：商务部）", False),
    ("某某〔2023〕1号", "（来源：商务部）", True),                          # unknown 代字: nothing to compare
])
def test_source_agrees_with_the_doc_number(doc_number, source, ok):
    found = check(BODY, "source.issuer", source=source, doc_number=doc_number)
    assert (found == []) is ok
    if not ok:
        assert found[0].hint and "doc_number_issuers" in found[0].hint and not found[0].fix.safe


def test_editors_extend_the_issuer_table():
    article = make_article(BODY, doc_number="黔数〔2023〕3号", source="（来源：贵州省大数据发展管理局）")
    tpl = dataclasses.replace(template(), doc_number_issuers={**template().doc_number_issuers,
                                                              "黔数": ["贵州省大数据局"]})
    issue = make_issue(article)
    assert [d.rule for d in run_checks(issue, tpl) if d.rule == "source.issuer"] == ["source.issuer"]
    tpl.issuer_aliases = {**tpl.issuer_aliases, "贵州省大数据局": ["贵州省大数据发展管理局"]}
    assert [d.rule for d in run_checks(issue, tpl) if d.rule == "source.issuer"] == []


# ---------------------------------------------------------------- 文号

@pytest.mark.parametrize("written", ["工信部联网安[2023]95号", "工信部联网安【2023】95号", "工信部联网安(2023)95号",
                                     "工信部联网安［2023］95号", "工信部联网安（2023）95号"])
def test_doc_number_year_brackets(written):
    article = make_article(BODY, doc_number=written)
    found = check(article, "doc-number")
    assert rules_of(found) == ["doc-number.bracket"] and found[0].fix.safe
    assert found[0].location.line == 3 and found[0].location.column == len('doc_number = "') + 7
    apply_edits(make_issue(article), found[0].fix.edits)
    assert article.doc_number == "工信部联网安〔2023〕95号"


def test_doc_number_spaces_zeros_and_di():
    assert rules_of(check(BODY, "doc-number", doc_number="渝府办发〔2023〕53 号")) == ["doc-number.space"]
    article = make_article(BODY, doc_number="国办发〔2023〕第05号")
    found = check(article, "doc-number")
    assert rules_of(found) == ["doc-number.form"]
    apply_edits(make_issue(article), found[0].fix.edits)
    assert article.doc_number == "国办发〔2023〕5号"
    assert check(BODY, "doc-number", doc_number="发改就业〔2023〕1019号") == []


def test_doc_number_year_against_the_issue_date():
    assert rules_of(check(BODY, "doc-number", doc_number="渝府办发〔2024〕53号")) == ["doc-number.year"]
    assert rules_of(check(BODY, "doc-number", doc_number="渝府办发〔2016〕53号")) == ["doc-number.year"]
    assert check(BODY, "doc-number", doc_number="渝府办发〔2022〕53号") == []
    issue = make_issue(make_article(BODY, doc_number="渝府办发〔2024〕53号"), date=dt.date(2024, 1, 5))
    assert [d for d in run_checks(issue, template()) if d.rule == "doc-number.year"] == []


def test_doc_numbers_cited_in_the_text():
    body = ("根据住房城乡建设部等国家部委《关于推动智能建造与建筑工业化协同发展的指导意见》（建市〔2020〕60 号）、"
            "《国务院关于加强数字政府建设的指导意见》（国发[2022]14号）等文件精神，制定本实施方案。")
    found = check(body, "doc-number")
    assert sorted(rules_of(found)) == ["doc-number.bracket", "doc-number.space"]
    # An old document cited in the text is fine; the 文号 brackets are not reported as half-width punctuation.
    assert check("依据《广东省数字政府改革建设“十四五”规划》（粤府〔2021〕44号）。", "doc-number") == []
    assert check("依据《规划》（粤府(2021)44号）执行。", "punctuation") == []


def test_unrecognized_doc_number_is_only_a_hint():
    found = check(BODY, "doc-number", doc_number="工信部联网安2023年95号")
    assert rules_of(found) == ["doc-number.unrecognized"] and found[0].severity == "info"
