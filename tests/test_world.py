"""The checks environment (editor.world.World): folder, files, previous issue, today — passed explicitly."""

import datetime as dt
import shutil
import subprocess
import sys

from editor.checks import run_checks
from editor.content import load_issue
from editor.project import open_issue
from editor.ui.textmap import snapshot
from editor.world import World, find_previous_issue

from .conftest import ROOT


def _older(sample_copy, name="2023-28", date="2023-07-14", number=28, total=139):
    older = sample_copy.parent / name
    shutil.copytree(sample_copy, older)
    toml = older / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("2023-07-21", date)
                    .replace("number = 29", f"number = {number}")
                    .replace("total_number = 140", f"total_number = {total}"), encoding="utf-8")
    return older


def test_files_of_the_folder(sample_copy):
    world = World(sample_copy)
    assert world.exists("articles/01-网络安全保险.md")
    assert world.exists("articles/../issue.toml"), "paths relative to an article file fold"
    assert not world.exists("articles/没有.md") and not world.exists("articles")
    listed = world.files("articles", ".md")
    assert listed[0] == "articles/01-网络安全保险.md" and len(listed) == 7
    hidden = world.with_hidden({"articles/01-网络安全保险.md"})
    assert not hidden.exists("articles/01-网络安全保险.md") and len(hidden.files("articles", ".md")) == 6
    assert World(sample_copy / "nowhere").files("articles") == []


def test_an_issue_in_memory_sees_no_files():
    world = World()
    assert world.folder is None and world.previous is None and world.today == dt.date.today()
    assert not world.exists("issue.toml") and world.files("articles") == [] and world.path("x") is None


def test_the_previous_issue_is_looked_up_once_when_first_asked(sample_copy, monkeypatch):
    _older(sample_copy)
    calls = []
    import editor.world as w

    real = w.find_previous_issue
    monkeypatch.setattr(w, "find_previous_issue", lambda *a: calls.append(a) or real(*a))
    world = World.of(sample_copy)
    assert calls == [], "lazy: a check of one article never needs it"
    assert world.previous.number == 28 and world.with_hidden(()).previous.number == 28
    assert len(calls) == 1


def test_a_broken_previous_issue_is_a_notice_and_the_one_before_is_used(sample_copy):
    _older(sample_copy, "2023-27", "2023-07-07", 27, 138)
    broken = _older(sample_copy)
    (broken / "articles" / "01-网络安全保险.md").write_text("+++\ntitle = \n+++\n", encoding="utf-8")
    world = World.of(sample_copy)
    assert world.previous.number == 27
    assert len(world.notices) == 1 and "2023-28" in world.notices[0] and "已跳过" in world.notices[0]
    # the CLI says it, on stderr, and still checks
    out = subprocess.run([sys.executable, "-m", "editor", "check", str(sample_copy)], capture_output=True,
                         text=True, cwd=ROOT, encoding="utf-8")
    assert "已跳过无法读取的上一期文件夹“2023-28”" in out.stderr
    assert "issue.number" in out.stdout, "29 after 27: the number check ran against the earlier issue"
    assert find_previous_issue(sample_copy).number == 27


def test_a_snapshot_checked_with_its_world_finds_what_the_cli_finds(sample_copy):
    """Defect 2 of issue #17 at its root: a snapshot (as the editor checks) has no hidden folder."""
    art = sample_copy / "articles" / "02-电子产品消费.md"
    art.write_text(art.read_text(encoding="utf-8").replace(
        "一、加快推动电子产品升级换代", "![缺失](../images/缺.png)\n\n一、加快推动电子产品升级换代"), encoding="utf-8")
    shutil.copy(art, sample_copy / "articles" / "08-未列入.md")
    opened = open_issue(sample_copy)
    world = World.of(sample_copy)
    on_disk = {d.rule for d in run_checks(opened.issue, opened.template, world=world)}
    copied = {d.rule for d in run_checks(snapshot(opened.issue), opened.template, world=world)}
    assert {"structure.image-missing", "issue.article-unlisted"} <= on_disk
    assert copied == on_disk


def test_a_picture_of_an_article_not_saved_yet_is_looked_for_beside_articles(sample_copy):
    issue = load_issue(sample_copy)
    article = issue.articles[0]
    article.path = ""               # added in the editor: will be articles/<id>.md
    (sample_copy / "images").mkdir()
    (sample_copy / "images" / "有.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    from editor.model import Block, BlockKind
    article.body[:0] = [Block(BlockKind.IMAGE, "有", src="../images/有.png"),
                        Block(BlockKind.IMAGE, "缺", src="../images/缺.png")]
    opened = open_issue(sample_copy)
    found = [d for d in run_checks(issue, opened.template, world=World(sample_copy))
             if d.rule == "structure.image-missing"]
    assert [d.block_index for d in found] == [1]
