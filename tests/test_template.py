import pytest

from editor.errors import TemplateError
from editor.template import load_template, parse_template

from .conftest import ROOT

GOOD = (ROOT / "issue_templates" / "big-data-weekly" / "template.toml").read_text(encoding="utf-8")


def test_house_template_loads_with_columns_styles_and_cadence():
    t = load_template("big-data-weekly")
    assert t.publication.title == "大数据发展动态"
    assert [c.name for c in t.columns] == ["国策要论", "地方新政", "前沿观察"]
    assert t.column_spec("国策要论").requires_editor_note
    assert (t.cadence.unit, t.cadence.interval, t.cadence.number_restarts) == ("week", 1, "yearly")
    assert t.styles["heading1"].font == "hei" and t.styles["heading2"].font == "kai"
    assert t.styles["body"].first_indent == 2
    assert "重庆市人民政府" in t.doc_number_issuers["渝府办发"]
    assert t.page.size_mm == (210.0, 297.0)


def _problems(text, tmp_path):
    path = tmp_path / "template.toml"
    with pytest.raises(TemplateError) as info:
        parse_template(text, path)
    return info.value.problems, str(info.value)


def test_unknown_field_is_named_with_its_line(tmp_path):
    text = GOOD.replace("[page]\nsize = \"A4\"", "[page]\nsize = \"A4\"\nmargn_top = 20")
    problems, message = _problems(text, tmp_path)
    assert any("page.margn_top" in p.message and "未知" in p.message for p in problems)
    line = next(p.line for p in problems if "margn_top" in p.message)
    assert text.splitlines()[line - 1].startswith("margn_top")
    assert "模板" in message


@pytest.mark.parametrize("old,new,expect", [
    ('size = "A4"', 'size = "A3"', "page.size"),
    ('unit = "week"', 'unit = "fortnight"', "cadence.unit"),
    ('[styles.heading1]\nfont = "hei"', '[styles.heading1]\nfont = "hei"\nsize = "大"', "styles.heading1.size"),
    ('[styles.heading1]\nfont = "hei"', '[styles.heading1]\nfont = "handwriting"', "styles.heading1.font"),
    ('primary = "#1B4F8F"', 'primary = "blue"', "colors.primary"),
    ('title = "大数据发展动态"', 'title = ""', "publication.title"),
])
def test_wrong_fields_are_refused(tmp_path, old, new, expect):
    assert old in GOOD
    problems, _ = _problems(GOOD.replace(old, new, 1), tmp_path)
    assert any(expect in p.message for p in problems), problems


def test_missing_columns_and_publication(tmp_path):
    problems, _ = _problems("schema = 1\n", tmp_path)
    text = " ".join(p.message for p in problems)
    assert "columns" in text and "publication" in text


def test_a_problem_in_the_nth_column_or_colophon_entry_points_into_that_entry(tmp_path):
    text = GOOD.replace('name = "国策要论"', 'nam = "国策要论"', 1).replace('name = "地方新政"', 'name = "前沿观察"', 1)
    text = text.replace('role = "编委会"', 'rol = "编委会"', 1)
    problems, _ = _problems(text, tmp_path)
    lines = text.splitlines()
    where = {p.message.split("：")[0]: lines[p.line - 1] for p in problems}
    assert where["columns[1].nam"] == 'nam = "国策要论"'
    assert where["columns[1].name"] == "[[columns]]"          # missing: the entry's header, not a later name
    assert where["colophon[4].role"] == "[[colophon]]" and where["colophon[4].rol"] == 'rol = "编委会"'
    dup = next(p for p in problems if "重复" in p.message)
    second = [i for i, line in enumerate(lines) if line == 'name = "前沿观察"'][1]
    assert dup.line == second + 1          # the repeated entry, not the first one of that name


def test_broken_toml_names_the_line(tmp_path):
    problems, _ = _problems(GOOD.replace('interval = 1', 'interval = ', 1), tmp_path)
    assert problems[0].line == GOOD.splitlines().index("interval = 1") + 1


def test_unknown_template_id(tmp_path):
    with pytest.raises(TemplateError, match="找不到模板"):
        load_template("no-such-template", start=tmp_path)


def test_an_issue_naming_a_misspelt_template_is_refused_at_its_line_with_a_suggestion(sample_copy):
    from editor.project import open_issue

    toml = sample_copy / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"big-data-weekly"', '"big-data-weeky"'), encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        open_issue(sample_copy)
    problem = info.value.problems[0]
    assert (problem.file, problem.line) == ("issue.toml", 1)
    assert "big-data-weeky" in problem.message and "是不是“big-data-weekly”" in problem.message
