import datetime as dt

import pytest

from editor.body import parse_body
from editor.content import is_modified, load_issue, render_article, save_issue
from editor.errors import ContentError
from editor.model import Article


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_mini_issue_loads(mini_issue):
    issue = load_issue(mini_issue)
    assert issue.date == dt.date(2023, 12, 29) and issue.number == 52 and issue.total_number == 163
    art = issue.article("a1")
    assert art.doc_number == "国办发〔2023〕1号" and art.has_editor_note
    assert art.source.issuer == "国务院办公厅"
    assert [b.kind.value for b in art.body] == ["paragraph", "heading", "heading", "item"]


def test_unchanged_issue_saves_byte_identical_even_when_hand_formatted(mini_issue):
    # hand-written, non-canonical layout: wrapped lines, spacing in TOML
    art = mini_issue / "articles" / "a1.md"
    art.write_text(art.read_text(encoding="utf-8").replace("前言段落。", "前言\n段落。")
                   .replace('title = "关于', 'title   =   "关于'), encoding="utf-8")
    before = _snapshot(mini_issue)
    issue = load_issue(mini_issue)
    assert not is_modified(issue)
    assert save_issue(issue, mini_issue) == []
    assert _snapshot(mini_issue) == before


def test_changed_article_is_rewritten_canonically_and_others_kept(mini_issue):
    issue = load_issue(mini_issue)
    issue.article("a1").title = "关于测试的新通知"
    assert is_modified(issue)
    toml_before = (mini_issue / "issue.toml").read_bytes()
    assert save_issue(issue, mini_issue) == ["articles/a1.md"]
    assert (mini_issue / "issue.toml").read_bytes() == toml_before
    again = load_issue(mini_issue)
    assert again.article("a1").title == "关于测试的新通知"
    assert save_issue(again, mini_issue) == []


def test_save_as_writes_everything_and_reloads_equal(mini_issue, tmp_path):
    issue = load_issue(mini_issue)
    out = tmp_path / "content" / "copy"
    save_issue(issue, out)
    copy = load_issue(out)
    assert render_article(copy.article("a1")) == render_article(issue.article("a1"))


def test_multiline_title_round_trips(mini_issue):
    issue = load_issue(mini_issue)
    issue.article("a1").title = "第一行\n第二行"
    save_issue(issue, mini_issue)
    assert 'title = [\n    "第一行",\n    "第二行",\n]' in (mini_issue / "articles/a1.md").read_text(encoding="utf-8")
    assert load_issue(mini_issue).article("a1").display_title == "第一行第二行"


def test_removed_article_file_is_deleted_on_save(mini_issue):
    issue = load_issue(mini_issue)
    issue.columns[0].articles.clear()
    issue.cover = None
    save_issue(issue, mini_issue)
    assert not (mini_issue / "articles" / "a1.md").exists()


def test_added_article_is_written(mini_issue):
    issue = load_issue(mini_issue)
    parsed = parse_body("正文。\n\n（来源：新华社）\n")
    issue.columns[0].articles.append(Article(id="a2", title="新文章", body=parsed.blocks, source=parsed.source))
    assert "articles/a2.md" in save_issue(issue, mini_issue)
    assert load_issue(mini_issue).article("a2").source.issuer == "新华社"


BAD_ISSUE_TOML = [
    ('date = 2023-12-29', 'date = "昨天"', "date", "日期"),
    ('number = 52', 'number = -1', "number", "期号"),
    ('number = 52', 'number = "52"', "number", '写的是 "52"'),
    ('number = 52', 'number = 52\nnumbr = 3', "numbr", "未知的键"),
    ('articles = ["a1"]', 'articles = ["a1", "missing"]', '"missing"', "找不到文件"),
    ('cover = "a1"', 'cover = "zz"', "cover", "封面"),
    ('date = 2023-12-29', 'date = 2023-12-', "date", "值的写法不对"),
]


@pytest.mark.parametrize("old,new,line_has,message_has", BAD_ISSUE_TOML)
def test_malformed_issue_file_names_the_line(mini_issue, old, new, line_has, message_has):
    path = mini_issue / "issue.toml"
    text = path.read_text(encoding="utf-8").replace(old, new)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_issue(mini_issue)
    problem = info.value.problems[0]
    assert problem.file == "issue.toml" and message_has in problem.message
    assert line_has in text.splitlines()[problem.line - 1]


BAD_ARTICLES = [
    ("", "应以一行"),
    ('+++\ntitle = "x"\n', "没有结束"),
    ('+++\ntitle = x\n+++\n', "值的写法不对"),
    ('+++\ntitel = "x"\n+++\n', "未知的键“titel”（是不是“title”？）"),
    ('+++\ndoc_number = "x"\n+++\n', "缺少标题"),
    ('+++\ntitle = "x"\nlink = 3\n+++\n', "link"),
    ('+++\ntitle = "x"\n+++\n\n正文\n\n> 编者按\n', "只能写在正文开头"),
    ('+++\ntitle = "x"\n+++\n\n| a |\n| b |\n', "表格"),
]


@pytest.mark.parametrize("text,message_has", BAD_ARTICLES)
def test_malformed_article_is_refused_and_nothing_loads(mini_issue, text, message_has):
    (mini_issue / "articles" / "a1.md").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_issue(mini_issue)
    assert any(p.file == "articles/a1.md" and message_has in p.message for p in info.value.problems), \
        info.value.problems
    assert all(p.line is None or p.line >= 1 for p in info.value.problems)


def test_binary_and_foreign_encodings_are_refused(mini_issue):
    (mini_issue / "articles" / "a1.md").write_bytes("标题".encode("gbk") + b"\x00\xff")
    with pytest.raises(ContentError, match="UTF-8|二进制"):
        load_issue(mini_issue)


def test_missing_folder(tmp_path):
    with pytest.raises(ContentError, match="找不到"):
        load_issue(tmp_path / "nope")


def test_crlf_and_bom_are_accepted(mini_issue):
    art = mini_issue / "articles" / "a1.md"
    art.write_bytes(b"\xef\xbb\xbf" + art.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    before = art.read_bytes()
    issue = load_issue(mini_issue)
    assert issue.article("a1").source.issuer == "国务院办公厅"
    save_issue(issue, mini_issue)
    assert art.read_bytes() == before
