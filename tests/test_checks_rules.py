"""Every rule: documented in docs/rules.md, with a bad example it catches and a good one it passes."""

import dataclasses

import pytest

from editor.checks import REGISTRY, effective_severities, run_checks, unknown_rule_settings
from editor.checks.framework import CATEGORIES
from editor.checks.rules_doc import DOC_PATH, render
from editor.content import parse_article

from .checks_support import check, make_article, make_issue, template

EXAMPLE_FIELDS = ("body", "doc_number", "source", "title", "article")


def test_rules_doc_is_up_to_date():
    assert DOC_PATH.read_text(encoding="utf-8") == render(), \
        "docs/rules.md 已过时：运行 python -m editor.checks.rules_doc 重新生成"


def test_every_rule_is_complete():
    for r in REGISTRY.values():
        assert r.category in CATEGORIES and r.id.startswith(r.category + ".")
        assert r.title and any("\u4e00" <= ch <= "\u9fff" for ch in r.title), r.id
        assert r.example and r.example.bad and r.example.good, r.id
        assert r.why and any("\u4e00" <= ch <= "\u9fff" for ch in r.why), f"{r.id} 没有写为什么"
    assert {r.category for r in REGISTRY.values()} == set(CATEGORIES)


# Rules whose bad example carries no fix although the rule offers one elsewhere: the fix needs
# what the example lacks (a 文号 to name the source; a next member that shows which number was meant).
FIX_NEEDS_MORE = {"source.missing", "numbering.skip", "numbering.sequence"}


@pytest.mark.parametrize("rule_id", [r for r in REGISTRY if REGISTRY[r].example.field in EXAMPLE_FIELDS])
def test_a_rules_fixes_are_what_its_documentation_says(rule_id):
    r = REGISTRY[rule_id]
    fixes = [d.fix for d in check(_article_for(r.example.field, r.example.bad, rule_id)) if d.rule == rule_id and d.fix]
    if r.fix == "none":
        assert not fixes, f"{rule_id} 文档说没有修正，却给出了修正"
        return
    if rule_id not in FIX_NEEDS_MORE:
        assert fixes, f"{rule_id} 文档说有修正，错误示例却没有修正"
    assert all(f.safe == (r.fix == "safe") for f in fixes), f"{rule_id} 的修正是否可自动应用与文档不符"


def _article_for(example_field: str, text: str, rule_id: str = ""):
    if example_field == "article":
        problems: list = []
        article = parse_article(text + "\n", "a1", "articles/a1.md", problems)
        assert article is not None, problems
        return article
    if example_field == "body":
        # Source rules' examples show the source line themselves.
        return make_article(text, source=None if rule_id.startswith("source.") else "（来源：国务院）")
    if example_field == "doc_number":
        return make_article("现提出如下意见。", doc_number=text)
    if example_field == "source":
        return make_article("现提出如下意见。", source=text)
    return make_article("现提出如下意见。", title=text)


TESTABLE = [r.id for r in REGISTRY.values() if r.example and r.example.field in EXAMPLE_FIELDS]


@pytest.mark.parametrize("rule_id", TESTABLE)
def test_bad_example_is_caught_and_good_example_passes(rule_id):
    ex = REGISTRY[rule_id].example
    bad = [d for d in check(_article_for(ex.field, ex.bad, rule_id)) if d.rule == rule_id]
    good = [d for d in check(_article_for(ex.field, ex.good, rule_id)) if d.rule == rule_id]
    assert bad, f"{rule_id} 没有发现错误示例中的问题"
    assert not good, f"{rule_id} 误报了正确示例：{[d.message for d in good]}"
    for d in bad:
        assert d.location is not None and d.location.file == "articles/a1.md" and d.location.line >= 2
        title = ex.bad if ex.field == "title" else "关于测试的通知"
        if ex.field == "article":
            title = _article_for("article", ex.bad).display_title
        assert d.article_title == title and d.severity == REGISTRY[rule_id].severity


def test_rules_without_a_text_example_are_tested_elsewhere():
    # Issue-level rules and the source/文号 cross-check need a whole issue: see test_checks_issue.py
    # and test_checks_source.py. Keep this list honest.
    others = sorted(r.id for r in REGISTRY.values() if r.id not in TESTABLE)
    assert others == sorted([
        "issue.already-published", "issue.article-unlisted", "issue.column-missing", "issue.column-unknown", "issue.date", "issue.duplicate-title",
        "issue.editor-note", "issue.number", "issue.toc-title", "issue.total-number", "source.issuer",
        "structure.addressee-colon", "structure.empty", "structure.image-missing", "structure.link",
        "structure.table-large"])      # tests/test_robust_limits.py


def test_template_can_change_severity_or_switch_rules_off():
    article = make_article("鼓励数据交易所支持企业流通交易优质数据,对浦东企业给予补贴。\n\n平台 and 孪生数字底座。")
    issue = make_issue(article)
    base = template()
    assert {d.rule: d.severity for d in run_checks(issue, base)}["punctuation.halfwidth"] == "warning"
    tpl = dataclasses.replace(base, rules={"punctuation.halfwidth": "error", "punctuation.latin-word": "off"})
    found = {d.rule: d.severity for d in run_checks(issue, tpl)}
    assert found["punctuation.halfwidth"] == "error" and "punctuation.latin-word" not in found
    # A whole category at once; a rule id wins over its category.
    tpl = dataclasses.replace(base, rules={"punctuation": "off", "punctuation.latin-word": "info"})
    found = {d.rule: d.severity for d in run_checks(issue, tpl)}
    assert found == {"punctuation.latin-word": "info"}
    assert effective_severities(tpl)["punctuation.unbalanced"] == "off"


def test_unknown_rule_settings_are_reported():
    tpl = dataclasses.replace(template(), rules={"numbering.gap": "off", "numbering": "info",
                                                 "numbering.skip": "warning"})
    assert unknown_rule_settings(tpl) == ["numbering.gap"]


# ---------------------------------------------------------------- any text at all

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from editor.checks import apply_edits  # noqa: E402
from editor.content import issue_files, parse_article  # noqa: E402

FRAGMENTS = ["一、", "（一）", "(二) ", "（三)", "1.", "2、", "第三条 ", "第一章 ", "2.1 ", "①", "一是", "- ", "# ",
             "加强", "数据", "交易所", "平台", " and ", " BIM ", "AI", "http://a.cn/x?y=1,2", "a@b.cn", "2023年",
             "1.5亿元", "〔2023〕", "[2023]", "95 号", "发改就业", "（来源：国务院）", "(来源:", "来源", "，", "。",
             "；", ";", ",", ":", "(", ")", "（", "）", "《", "》", "“", "”", "、", " ", "\n", "\n\n", "10"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60), st.sampled_from([None, "发改就业[2023] 01 号", "国发〔2023〕1号"]))
def test_any_text_gives_located_diagnostics_and_fixes_that_undo(pieces, doc_number):
    body = "".join(pieces)
    fm = 'title = "关于测试的通知"\n' + (f'doc_number = "{doc_number}"\n' if doc_number else "")
    text = f"+++\n{fm}+++\n\n{body}\n"
    article = parse_article(text, "a1", "articles/a1.md", [])
    if article is None:
        return
    issue = make_issue(article)
    lines = text.count("\n") + 1
    found = run_checks(issue, template())
    for d in found:
        assert d.location is not None and 1 <= d.location.line <= lines and d.location.column >= 1, d
        assert d.message and d.category in CATEGORIES
    before = issue_files(issue)
    undo = apply_edits(issue, [e for d in found if d.fix for e in d.fix.edits])
    run_checks(issue, template())          # the fixed text checks without error
    apply_edits(issue, undo)
    assert issue_files(issue) == before
