"""What both writers are given: the composition of an issue."""

from __future__ import annotations

import pytest

from editor.compose import compose, note_paragraphs


@pytest.mark.parametrize("typed, kept", [
    ("编者按：近日，有关部门印发通知。", "近日，有关部门印发通知。"),
    ("编者按:近日印发。", "近日印发。"),
    ("【编者按】近日印发。", "近日印发。"),
    ("编者按 近日印发。", "近日印发。"),
    ("编者按照有关规定整理。", "编者按照有关规定整理。"),   # a sentence, not a label
    ("近日印发。", "近日印发。"),
])
def test_a_label_typed_into_the_editor_note_is_not_set_twice(typed, kept):
    assert note_paragraphs([typed, "第二段。"]) == [kept, "第二段。"]


def test_a_label_alone_in_its_own_paragraph_is_dropped():
    assert note_paragraphs(["编者按：", "近日印发。"]) == ["近日印发。"]


def test_the_composed_note_of_an_article_drops_the_typed_label(mini_issue):
    from editor.project import open_issue

    path = mini_issue / "articles" / "a1.md"
    text = path.read_text(encoding="utf-8")
    assert "\n> 编者按。\n" in text
    path.write_text(text.replace("\n> 编者按。\n", "\n> 编者按：近日印发。\n", 1), encoding="utf-8")
    opened = open_issue(mini_issue)
    notes = [e.note for e in compose(opened.issue, opened.template, opened.folder).heads() if e.note is not None]
    assert notes and notes[0].paragraphs == ["近日印发。"]
    assert opened.issue.articles[0].editor_note[0].text.startswith("编者按：")     # the file is as typed


@pytest.mark.parametrize("name, stem", [
    ("大数据发展动态-2023-第29期", "大数据发展动态-2023-第29期"),
    ("数据/AI: 动态?-2024-第1期", "数据／AI： 动态？-2024-第1期"),
    ('"<内参>"|*-2024-第1期', "＂＜内参＞＂｜＊-2024-第1期"),
    (" 动态. ", "动态"),
])
def test_the_file_name_holds_no_character_a_file_system_refuses(name, stem):
    from editor.compose import safe_file_stem

    assert safe_file_stem(name) == stem


def test_a_publication_title_with_a_slash_still_builds_one_file(mini_issue, tmp_path):
    from editor.build import build_issue

    tpl = mini_issue.parent.parent / "issue_templates" / "big-data-weekly" / "template.toml"
    tpl.write_text(tpl.read_text(encoding="utf-8").replace('title = "大数据发展动态"', 'title = "数据/AI 动态"'),
                   encoding="utf-8")
    [result] = build_issue(mini_issue, ["docx"], tmp_path / "out")
    assert result.path.parent == tmp_path / "out" and result.path.name == "数据／AI 动态-2023-第52期.docx"
