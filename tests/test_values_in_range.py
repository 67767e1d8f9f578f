"""Every template and content value is checked against its range: a Chinese message naming the key
and the line, never a NaN or an absurd number reaching the writers, never a TypeError."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.cli import main
from editor.content import load_issue
from editor.errors import ContentError, TemplateError
from editor.template import parse_template

from .conftest import ROOT

GOOD = (ROOT / "issue_templates" / "big-data-weekly" / "template.toml").read_text(encoding="utf-8")


def _refused(text: str) -> str:
    with pytest.raises(TemplateError) as err:
        parse_template(text, Path("template.toml"))
    return str(err.value)


def _with_style(name: str, key: str, value: str) -> str:
    return GOOD + f"\n[styles.{name}]\n{key} = {value}\n"


@pytest.mark.parametrize("name,key,value,says", [
    ("body", "space_before", "nan", "NaN"),
    ("body", "space_after", "inf", "无穷大"),
    ("body", "space_before", "-3", "-3"),
    ("title", "space_before", "2000", "2000"),
    ("body", "first_indent", "200", "200"),
    ("toc_entry", "left_indent", "100", "100"),
    ("list_item", "left_indent", "-2", "-2"),
    ("body", "size", "nan", "NaN"),
    ("body", "leading", "-inf", "负无穷大"),
])
def test_style_numbers_out_of_range(name, key, value, says):
    message = _refused(_with_style(name, key, value))
    assert f"styles.{name}.{key}" in message and "之间" in message and says in message
    assert re.search(r"template\.toml:\d+:", message)


def test_indents_that_leave_no_room_for_text():
    text = re.sub(r"\[page\][^\[]*", '[page]\nsize = "A5"\n\n', GOOD)
    message = _refused(text + "\n[styles.cover_headline]\nsize = 60\nleft_indent = 6\nfirst_indent = 6\n")
    assert "缩进过大" in message


def test_a5_with_80mm_side_margins():
    text = re.sub(r"\[page\][^\[]*", '[page]\nsize = "A5"\nmargin_left = 80\nmargin_right = 80\n\n', GOOD)
    message = _refused(text)
    assert "版心只剩" in message and "page.margin_left" in message


def test_a_nul_in_a_font_name():
    message = _refused(GOOD.replace("[fonts]\n", '[fonts]\nextra = ["宋\\u0000体"]\n', 1))
    assert "fonts.extra" in message and "控制字符" in message


def test_a_cadence_interval_beyond_a_year():
    message = _refused(re.sub(r"\[cadence\][^\[]*", "[cadence]\nunit = \"week\"\ninterval = 999999999999\n\n", GOOD))
    assert "cadence.interval" in message


def test_the_house_template_is_in_range():
    parse_template(GOOD, Path("template.toml"))


# ---------------------------------------------------------------- issue.toml and articles

def _issue_refused(folder: Path) -> str:
    with pytest.raises(ContentError) as err:
        load_issue(folder)
    return str(err.value)


@pytest.mark.parametrize("line,says", [
    ('back_matter = [{name = "x", paragraphs = 5}]', "back_matter"),
    ('colophon = [{role = "主编", names = "张三"}]', "colophon"),
    ('cover_text = "要闻\\u0001"', "控制字符"),
])
def test_issue_values_of_the_wrong_shape(mini_issue, line, says):
    toml = mini_issue / "issue.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('cover = "a1"\n', f'cover = "a1"\n{line}\n'), encoding="utf-8")
    message = _issue_refused(mini_issue)
    assert says in message and "issue.toml:" in message


def test_template_given_as_a_number_is_said_so(mini_issue):
    toml = mini_issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('template = "big-data-weekly"', "template = 5"),
                    encoding="utf-8")
    message = _issue_refused(mini_issue)
    assert "issue.toml:1" in message and "写的是 5" in message


@pytest.mark.parametrize("old,new", [("number = 52", "number = -5"), ("number = 52", "number = 99999999999"),
                                     ("date = 2023-12-29", "date = 9999-12-31")])
def test_numbers_and_dates_out_of_range(mini_issue, old, new):
    toml = mini_issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert "超出范围" in _issue_refused(mini_issue) or "1 到" in _issue_refused(mini_issue)


def test_an_article_id_too_long_for_a_file_name(mini_issue):
    long_id = "数" * 100                       # 300 bytes: ENAMETOOLONG on every file system
    toml = mini_issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"a1"]', f'"a1", "{long_id}"]'), encoding="utf-8")
    message = _issue_refused(mini_issue)
    assert "过长" in message and "字节" in message


def test_a_control_character_in_an_article_names_its_line(mini_issue):
    article = mini_issue / "articles" / "a1.md"
    lines = article.read_text(encoding="utf-8").split("\n")
    lines[7] += "\x01"
    article.write_text("\n".join(lines), encoding="utf-8")
    assert "a1.md:8" in _issue_refused(mini_issue)


def test_a_nul_byte_is_reported_with_its_line(mini_issue):
    article = mini_issue / "articles" / "a1.md"
    article.write_bytes(article.read_bytes().replace("前言段落".encode(), "前言\0段落".encode()))
    message = _issue_refused(mini_issue)
    assert re.search(r"a1\.md:\d+: .*NUL", message)


# ---------------------------------------------------------------- new

def test_new_from_the_last_possible_date(mini_issue, tmp_path, capsys):
    toml = mini_issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("date = 2023-12-29", "date = 9998-12-30"),
                    encoding="utf-8")
    assert main(["new", "--from", str(mini_issue), "-o", str(tmp_path / "next")]) == 2
    assert "超出范围" in capsys.readouterr().err
    assert not (tmp_path / "next").exists()


@pytest.mark.parametrize("args,says", [(["--number", "-5"], "--number"), (["--total-number", "0"], "--total-number"),
                                       (["--date", "10000-01-01"], "写法不对")])
def test_new_refuses_numbers_that_would_not_open(tmp_path, capsys, args, says):
    out = tmp_path / "first"
    code = main(["new", "--template", "big-data-weekly", "-o", str(out), "--date", "2024-01-05", *args])
    assert code == 2 and says in capsys.readouterr().err
    assert not out.exists()


# ---------------------------------------------------------------- growth

def test_a_paragraph_of_40k_lines_loads_in_linear_time(mini_issue):
    import time

    article = mini_issue / "articles" / "a1.md"
    lines = "\n".join(f"加快推进数据要素市场化配置改革的第{i}项任务和" for i in range(40000))
    text = article.read_text(encoding="utf-8")
    first = text[:text.index("前言段落。")].count("\n") + 1
    article.write_text(text.replace("前言段落。", lines + "。"), encoding="utf-8")
    start = time.process_time()
    issue = load_issue(mini_issue)
    assert time.process_time() - start < 5
    block = issue.articles[0].body[0]
    assert block.text.endswith("第39999项任务和。")
    assert block.locate(len(block.text) - 3).line == first + 39999    # every line keeps its place


def _numbered_docx(path: Path, fmt: str, start: int, count: int) -> Path:
    import docx
    from docx.oxml import parse_xml

    from .test_import_docx import W_NS, _num, _numbered

    d = docx.Document()
    numbering = d.part.numbering_part.element
    abstract = parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="77"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
                         f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>')
    first = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    first.addprevious(abstract) if first is not None else numbering.append(abstract)
    numbering.append(_num(770, 77))
    d.add_paragraph("关于测试的通知", style="Title")
    for i in range(count):
        _numbered(d, f"第{i}项要求。", 770, 0)
    d.save(str(path))
    return path


@pytest.mark.parametrize("fmt", ["upperRoman", "lowerLetter", "decimal"])
def test_list_numbers_from_two_billion_are_quick_and_short(tmp_path, fmt):
    import time

    from editor.importers import import_file

    path = _numbered_docx(tmp_path / "list.docx", fmt, 2_000_000_000, 30)
    start = time.process_time()
    imported = import_file(path)
    assert time.process_time() - start < 5
    assert len(imported.cleaned_text) < 5000
    assert any(b.text.startswith("3276") for b in imported.article.body)   # Word's own limit, 32767
