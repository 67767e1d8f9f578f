"""Issue-level checks: columns, 编者按, titles, contents, date and numbers against the previous issue."""

import datetime as dt
import shutil

from editor.checks import apply_edits, find_previous_issue, run_checks
from editor.world import World
from editor.content import load_issue
from editor.model import Column

from .checks_support import make_article, make_issue, rules_of, template

NOTE = "> 为有效促进电子产品消费，助力消费恢复和扩大，国家发展改革委等部门印发了若干措施。\n\n"


def issue_rules(issue, previous=None):
    return [d for d in run_checks(issue, template(), previous=previous) if d.category == "issue"]


def full_issue():
    a = make_article(NOTE + "现提出如下意见。", id="a1", title="关于促进电子产品消费的若干措施")
    b = make_article(NOTE + "制定本实施方案。", id="b1", title="重庆市智能建造试点城市建设实施方案")
    c = make_article("白皮书正式发布。", id="c1", title="可信 AI 技术和应用进展白皮书（2023）")
    issue = make_issue(a, column="国策要论", all_columns=False)
    issue.columns += [Column("地方新政", [b]), Column("前沿观察", [c])]
    return issue


def test_a_complete_issue_passes():
    assert issue_rules(full_issue()) == []


def test_columns_missing_omitted_optional_and_unknown():
    issue = full_issue()
    issue.columns[1].articles.clear()
    found = issue_rules(issue)
    assert rules_of(found) == ["issue.column-missing"] and "地方新政" in found[0].message
    assert found[0].location.file == "issue.toml"
    issue.omit_columns = ["地方新政"]
    assert issue_rules(issue) == []
    issue.columns[2].articles.clear()            # 前沿观察 is optional in the template
    assert issue_rules(issue) == []
    issue.columns.append(Column("国策要闻", []))
    issue.omit_columns.append("专题")
    assert rules_of(issue_rules(issue)) == ["issue.column-unknown", "issue.column-unknown"]


def test_editor_note_required_by_the_column():
    issue = full_issue()
    issue.columns[0].articles[0].editor_note.clear()
    found = issue_rules(issue)
    assert rules_of(found) == ["issue.editor-note"] and "国策要论" in found[0].message
    assert found[0].location.file == "articles/a1.md"
    # As-you-type checks of another article leave it out.
    assert [d for d in run_checks(issue, template(), article_ids=["b1"]) if d.rule == "issue.editor-note"] == []


def test_duplicate_titles_and_toc_titles():
    issue = full_issue()
    issue.columns[1].articles[0].title = "关于促进电子产品消费的若干措施"
    assert rules_of(issue_rules(issue)) == ["issue.duplicate-title"]
    issue = full_issue()
    issue.columns[1].articles[0].toc_title = "重庆市智能建造试点城市实施方案"
    assert issue_rules(issue) == []
    issue.columns[1].articles[0].toc_title = "深圳市数字孪生先锋城市建设行动计划"
    assert rules_of(issue_rules(issue)) == ["issue.toc-title"]


def test_numbers_follow_the_previous_issue():
    previous = full_issue()
    previous.date, previous.number, previous.total_number = dt.date(2023, 7, 14), 28, 139
    assert issue_rules(full_issue(), previous) == []
    wrong = full_issue()
    wrong.number, wrong.total_number = 30, 142
    found = issue_rules(wrong, previous)
    assert rules_of(found) == ["issue.number", "issue.total-number"]
    assert "第29期" in found[0].message and "总第140期" in found[1].message
    undo = apply_edits(wrong, [e for d in found for e in d.fix.edits])
    assert (wrong.number, wrong.total_number) == (29, 140)
    apply_edits(wrong, undo)
    assert (wrong.number, wrong.total_number) == (30, 142)


def test_date_cadence_and_year_boundary():
    previous = full_issue()
    previous.date, previous.number, previous.total_number = dt.date(2023, 12, 29), 52, 163
    late = full_issue()
    late.date, late.number, late.total_number = dt.date(2024, 1, 8), 1, 164
    found = issue_rules(late, previous)
    assert rules_of(found) == ["issue.date"] and "2024-01-05" in found[0].message
    on_time = full_issue()
    on_time.date, on_time.number, on_time.total_number = dt.date(2024, 1, 5), 1, 164
    assert issue_rules(on_time, previous) == []
    on_time.number = 53
    assert rules_of(issue_rules(on_time, previous)) == ["issue.number"]


def test_find_previous_issue(sample_copy):
    assert find_previous_issue(sample_copy) is None
    older = sample_copy.parent / "2023-28"
    shutil.copytree(sample_copy, older)
    toml = older / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("2023-07-21", "2023-07-14")
                    .replace("number = 29", "number = 28").replace("total_number = 140", "total_number = 139"),
                    encoding="utf-8")
    (sample_copy.parent / "broken").mkdir()
    (sample_copy.parent / "broken" / "issue.toml").write_text("date = ", encoding="utf-8")
    newer = sample_copy.parent / "2023-30"
    shutil.copytree(older, newer)
    (newer / "issue.toml").write_text((older / "issue.toml").read_text(encoding="utf-8")
                                      .replace("2023-07-14", "2023-07-28"), encoding="utf-8")
    prev = find_previous_issue(sample_copy)
    assert prev is not None and (prev.date, prev.number) == (dt.date(2023, 7, 14), 28)
    issue = load_issue(sample_copy)
    assert issue_rules(issue, prev) == []


def test_column_problems_point_at_the_columns_lines(sample_copy):
    from editor.checks import run_checks
    from editor.project import open_issue

    toml = sample_copy / "issue.toml"
    text = toml.read_text(encoding="utf-8").replace('name = "地方新政"', 'name = "地方新闻"')
    toml.write_text(text, encoding="utf-8")
    opened = open_issue(sample_copy)
    found = {d.rule: d.location.line for d in run_checks(opened.issue, opened.template)
             if d.rule.startswith("issue.column")}
    lines = text.split("\n")
    assert lines[found["issue.column-unknown"] - 1] == 'name = "地方新闻"'
    assert lines[found["issue.column-missing"] - 1] == "[[columns]]"


def test_a_missing_image_is_found_at_its_line(sample_copy):
    from editor.project import open_issue

    art = sample_copy / "articles" / "02-电子产品消费.md"
    (sample_copy / "images").mkdir()
    (sample_copy / "images" / "有.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    text = art.read_text(encoding="utf-8").replace(
        "一、加快推动电子产品升级换代", "![示意图](../images/有.png)\n\n![缺失](../images/缺.png)\n\n一、加快推动电子产品升级换代")
    art.write_text(text, encoding="utf-8")
    opened = open_issue(sample_copy)
    assert [d for d in run_checks(opened.issue, opened.template) if d.rule == "structure.image-missing"] == [], \
        "an issue without a World is one in memory: no files to look at"
    found = [d for d in run_checks(opened.issue, opened.template, world=World(sample_copy))
             if d.rule == "structure.image-missing"]
    assert len(found) == 1 and "缺.png" in found[0].message and found[0].severity == "error"
    assert found[0].location.file == "articles/02-电子产品消费.md"
    assert text.split("\n")[found[0].location.line - 1] == "![缺失](../images/缺.png)"


def test_an_article_file_left_out_of_issue_toml_is_reported(sample_copy):
    from editor.project import open_issue

    opened = open_issue(sample_copy)
    world = World(sample_copy)
    assert [d for d in run_checks(opened.issue, opened.template, world=world)
            if d.rule == "issue.article-unlisted"] == []
    shutil.copy(sample_copy / "articles" / "02-电子产品消费.md", sample_copy / "articles" / "08-数据局通知.md")
    opened = open_issue(sample_copy)
    assert [d for d in run_checks(opened.issue, opened.template) if d.rule == "issue.article-unlisted"] == []
    found = [d for d in run_checks(opened.issue, opened.template, world=world)
             if d.rule == "issue.article-unlisted"]
    assert len(found) == 1 and found[0].location.file == "articles/08-数据局通知.md"
    assert "08-数据局通知" in found[0].message
    # Not part of the per-keystroke re-check of one article.
    assert [d for d in run_checks(opened.issue, opened.template, world=world, article_ids=["02-电子产品消费"])
            if d.rule == "issue.article-unlisted"] == []
