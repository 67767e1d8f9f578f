"""The article field table (editor/fields.py): the front matter's keys, their text, their places."""

import datetime as dt
import shutil

import pytest

from editor.checks.fixes import apply_edits
from editor.checks.framework import Edit, field_location, field_text
from editor.compose import Paragraph, closing_paragraphs, compose
from editor.content import load_issue, parse_article, render_article, save_issue
from editor.errors import ContentError
from editor.fields import ARTICLE_FIELDS, FIELDS, FRONT_KEYS
from editor.model import Article, Block, BlockKind, Column, Issue
from editor.template import load_template

from .conftest import ROOT

CLOSING = '''+++
title = "关于加快推进能源数字化智能化发展的若干意见"
doc_number = "国能发科技〔2023〕27号"
addressee = "各省、自治区、直辖市及新疆生产建设兵团能源局："
attachments = [
    "重点任务分工表",
    "典型场景目录",
]
signature = [
    "国家能源局",
    "国家数据局",
]
date = "二〇二三年三月二十八日"
keywords = "能源 数字化 意见"
copy_to = "国务院办公厅。"
printed_by = "国家能源局综合司 2023年3月31日印发"
+++

推动能源数字化智能化发展……

（来源：国家能源局）
'''


def _article(text=CLOSING):
    problems = []
    article = parse_article(text, "a", "articles/a.md", problems)
    assert problems == []
    return article


def test_every_new_key_is_read_and_the_file_renders_back_exactly():
    a = _article()
    assert a.attachments == ["重点任务分工表", "典型场景目录"]
    assert a.signature == "国家能源局\n国家数据局" and a.signatories == ["国家能源局", "国家数据局"]
    assert a.date == "二〇二三年三月二十八日" and a.written_date.date == dt.date(2023, 3, 28)
    assert (a.keywords, a.copy_to, a.printed_by) == ("能源 数字化 意见", "国务院办公厅。", "国家能源局综合司 2023年3月31日印发")
    assert render_article(a) == CLOSING


def test_one_signatory_is_one_string_and_a_toml_date_becomes_the_written_form():
    text = CLOSING.replace('signature = [\n    "国家能源局",\n    "国家数据局",\n]', 'signature = "国家能源局"')
    text = text.replace('date = "二〇二三年三月二十八日"', "date = 2023-03-28")
    a = _article(text)
    assert a.signature == "国家能源局" and a.date == "2023年3月28日"
    assert 'signature = "国家能源局"\ndate = "2023年3月28日"' in render_article(a)


@pytest.mark.parametrize("key, value, message", [
    ("signature", "42", "“signature”（发文机关署名）应为文字，或每项一行的文字数组"),
    ("attachments", '"重点任务分工表"', "“attachments”（附件）应为文字数组，每项一个"),
    ("date", "[1]", "“date”（成文日期）应为加双引号的文字"),
    ("sigature", '"国家能源局"', "未知的键“sigature”（是不是“signature”？）"),
])
def test_a_wrong_value_is_a_chinese_message_on_its_line(key, value, message):
    text = f'+++\ntitle = "关于若干意见"\n{key} = {value}\n+++\n\n正文。\n'
    problems = []
    assert parse_article(text, "a", "articles/a.md", problems) is None
    assert len(problems) == 1 and problems[0].message.startswith(message)
    assert problems[0].line == text.split("\n").index(f"{key} = {value}") + 1


def test_empty_text_unsets_a_field_the_same_way_for_every_kind():
    a = _article()
    for name in ("signature", "date", "attachments", "doc_number", "source"):
        FIELDS[name].set_text(a, "  \n \u3000")
        assert FIELDS[name].text(a) == "" and not FIELDS[name].is_set(a)
    assert a.signature is None and a.date is None and a.attachments == [] and a.source is None
    FIELDS["signature"].set_text(a, " 国家能源局 \n\n 国家数据局")
    assert a.signature == "国家能源局\n国家数据局"
    assert "signature" not in render_article(Article("b", "标题"))


def test_the_table_names_every_front_matter_key_once_with_a_chinese_label():
    assert FRONT_KEYS[:4] == ("title", "toc_title", "doc_number", "addressee")
    assert len({f.name for f in ARTICLE_FIELDS}) == len(ARTICLE_FIELDS)
    assert all(f.label and not f.label.isascii() for f in ARTICLE_FIELDS)
    assert [f.name for f in ARTICLE_FIELDS if f.required] == ["title"]


def test_locations_of_characters_of_array_fields():
    a = _article()
    lines = CLOSING.split("\n")
    loc = field_location(a, "signature", None, len("国家能源局\n国家"))
    assert lines[loc.line - 1] == '    "国家数据局",' and lines[loc.line - 1][loc.column - 1:].startswith("数据局")
    loc = field_location(a, "date", None, 5)
    assert lines[loc.line - 1][loc.column - 1:].startswith("三月")
    loc = field_location(a, "attachments", None, len("重点任务分工表\n"))
    assert lines[loc.line - 1][loc.column - 1:].startswith("典型场景目录")


def test_a_fix_edits_a_new_field_and_its_undo_restores_it():
    a = _article()
    issue = Issue("big-data-weekly", dt.date(2023, 7, 21), 29, 140, [Column("国策要论", [a])])
    start = len("国家能源局\n")
    undo = apply_edits(issue, [Edit("a", "signature", start, start + 5, "国家数据局  ")])
    assert a.signature == "国家能源局\n国家数据局"
    assert field_text(a, "attachments") == "重点任务分工表\n典型场景目录"
    apply_edits(issue, undo)
    assert a.signature == "国家能源局\n国家数据局"


def test_old_files_load_and_save_byte_identical(tmp_path):
    folder = tmp_path / "2023-29"
    shutil.copytree(ROOT / "content" / "2023-29", folder)
    issue = load_issue(folder)
    assert all(a.signature is None and a.date is None and a.attachments == [] for a in issue.articles)
    before = {p: p.read_bytes() for p in folder.rglob("*.md")}
    assert save_issue(issue, folder) == []
    assert {p: p.read_bytes() for p in folder.rglob("*.md")} == before


def test_the_closing_is_set_after_the_body_in_the_order_of_gb_t_9704():
    a = _article()
    styles = [(p.style, p.text) for p in closing_paragraphs(a)]
    assert styles == [("attachment", "附件：1.重点任务分工表"), ("attachment_item", "2.典型场景目录"),
                      ("signature", "国家能源局"), ("signature", "国家数据局"), ("date_line", "二〇二三年三月二十八日")]
    a.attachments = ["重点任务分工表"]
    assert closing_paragraphs(a)[0].text == "附件：重点任务分工表"
    issue = Issue("big-data-weekly", dt.date(2023, 7, 21), 29, 140, [Column("国策要论", [a])])
    paras = [e for e in compose(issue, load_template("big-data-weekly")).elements if isinstance(e, Paragraph)]
    assert [p.style for p in paras][-5:] == ["attachment", "signature", "signature", "date_line", "source"]


def test_a_closing_the_body_shows_in_its_place_is_not_set_twice():
    a = _article()
    a.attachments = []
    a.body = [Block(BlockKind.PARAGRAPH, "现将《方案》转发给你们。"), Block(BlockKind.SIGNATURE, "国家能源局"),
              Block(BlockKind.DATE_LINE, "二〇二三年三月二十八日"), Block(BlockKind.PARAGRAPH, "方案正文……")]
    assert closing_paragraphs(a) == []


def test_a_broken_new_key_stops_the_whole_issue_from_loading(tmp_path):
    folder = tmp_path / "2023-29"
    shutil.copytree(ROOT / "content" / "2023-29", folder)
    path = folder / "articles" / "02-电子产品消费.md"
    path.write_text(path.read_text(encoding="utf-8").replace('doc_number = ', 'date = [1]\ndoc_number = '),
                    encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_issue(folder)
    assert any("成文日期" in p.message and p.line == 3 for p in err.value.problems)
