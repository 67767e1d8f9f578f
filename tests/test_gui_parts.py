"""Pieces of the editor that need no window: text mapping, levels, autosave and lock files."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before Qt is imported

import json  # noqa: E402
import socket  # noqa: E402

import pytest  # noqa: E402

from editor.content import load_issue, save_issue  # noqa: E402
from editor.model import BlockKind  # noqa: E402
from editor.ui import safety  # noqa: E402
from editor.ui.textmap import (LS, body_to_text, display_prefix, paragraph_map, snapshot, text_to_blocks,  # noqa: E402
                               unique_id)

from .conftest import SAMPLE  # noqa: E402


def test_every_sample_body_survives_the_editor_unchanged():
    issue = load_issue(SAMPLE)
    for article in issue.articles:
        back = text_to_blocks(body_to_text(article.body))
        assert [(b.kind, b.text, b.rows) for b in back] == [(b.kind, b.text, b.rows) for b in article.body], article.id


def test_editor_text_cannot_swallow_paragraphs():
    blocks = text_to_blocks("> 不是编者按\n\n# 小标题\n- 列表项\n| a | b |" + LS + "|---|---|" + LS + "| 1 | 2 |\n一、总体要求")
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.SUBHEADING, BlockKind.LIST_ITEM,
                                        BlockKind.TABLE, BlockKind.HEADING]
    assert blocks[0].text == "> 不是编者按"
    assert body_to_text(blocks).split("\n")[0] == "\\> 不是编者按", "escaped as the file format needs"
    assert display_prefix(blocks[0]) == 1 and display_prefix(blocks[1]) == 2
    assert blocks[3].rows == [["a", "b"], ["1", "2"]]
    assert paragraph_map("甲\n\n乙\n ") == [0, None, 1, None]


def test_levels_are_told_apart():
    pytest.importorskip("PySide6.QtGui")
    from editor.ui.highlight import line_infos

    text = "前言。\n一、总体要求\n（一）指导思想。坚持统筹。\n1. 第一项\n（1）细目\n二、主要任务"
    infos = line_infos(text_to_blocks(text), paragraph_map(text))
    assert [infos[i].level for i in range(6)] == [None, 1, 2, 3, 4, 1]
    assert infos[2].marker_end == 3 and infos[2].lead_end == len("（一）指导思想。")


def test_snapshot_is_independent_of_later_edits():
    issue = load_issue(SAMPLE)
    snap = snapshot(issue)
    issue.articles[0].body[0].text = "改了"
    issue.columns[0].articles.pop()
    assert snap.articles[0].body[0].text != "改了"
    assert len(snap.columns[0].articles) == 2


def test_unique_ids():
    issue = load_issue(SAMPLE)
    assert unique_id(issue, "关于数据要素的通知") == "08-关于数据要素的通知"
    assert unique_id(issue, "", stem="电子产品消费") == "08-电子产品消费"
    assert unique_id(issue, "a/b:c") == "08-abc"


def test_autosave_round_trip_and_recovery_rules(sample_copy):
    issue = load_issue(sample_copy)
    issue.articles[0].title = "自动保存的标题"
    safety.LIVE_TOKENS.add("alive")
    try:
        safety.write_autosave(issue, sample_copy, "alive")
        assert safety.find_recovery(sample_copy) is None, "the window that wrote it is still open"
    finally:
        safety.LIVE_TOKENS.discard("alive")
    found = safety.find_recovery(sample_copy)
    assert found is not None and found.issue.articles[0].title == "自动保存的标题"
    assert save_issue(load_issue(sample_copy), sample_copy) == [], "the issue folder itself is untouched"
    safety.discard_autosave(sample_copy)
    assert safety.find_recovery(sample_copy) is None


def test_lock_files(sample_copy):
    lock = safety.IssueLock(sample_copy, "tok")
    safety.LIVE_TOKENS.add("tok")
    try:
        assert lock.acquire()
        held = safety.read_lock(sample_copy)
        assert held is not None and held.same_process and "另一个窗口" in held.describe()
    finally:
        safety.LIVE_TOKENS.discard("tok")
    assert safety.read_lock(sample_copy) is None, "a lock whose window is gone is stale"
    path = sample_copy / safety.LOCK_NAME
    path.write_text(json.dumps({"pid": 999999999, "host": socket.gethostname(), "time": "x"}), encoding="utf-8")
    assert safety.read_lock(sample_copy) is None, "a dead process's lock is stale"
    path.write_text(json.dumps({"pid": 1, "host": "另一台电脑", "time": "2026-01-01T08:00:00"}), encoding="utf-8")
    held = safety.read_lock(sample_copy)
    assert held is not None and "另一台电脑" in held.describe()
    assert "自 2026年1月1日 08:00 起" in held.describe(), "a time an editor reads, not ISO"
    old = path.stat().st_mtime - safety.LOCK_STALE_SECONDS - 10
    os.utime(path, (old, old))
    assert safety.read_lock(sample_copy) is None, "a lock not refreshed for long is stale"
    assert not lock.owned()
    lock.release()
    assert path.exists(), "never remove someone else's lock"


def test_os_errors_in_chinese_naming_the_real_file(tmp_path):
    import errno

    import sys

    assert safety.os_reason(PermissionError(errno.EACCES, "Permission denied")).startswith("没有访问权限")
    if sys.platform == "win32":
        assert "其他程序" in safety.os_reason(PermissionError(errno.EACCES, "Permission denied"))
    assert safety.os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘已满"
    assert "Permission" not in safety.os_reason(PermissionError(errno.EACCES, "Permission denied"))
    hidden = OSError(errno.EACCES, "x", str(tmp_path / "articles" / ".01-甲.md.ab12cd.tmp"))
    assert safety.failed_path(hidden, tmp_path) == tmp_path / "articles" / "01-甲.md"
    assert safety.failed_path(OSError(errno.EACCES, "x"), tmp_path) == tmp_path


def test_editor_raw_text_keeps_table_rows_together():
    from editor.ui.textmap import PS, from_editor

    raw = f"一、指标{PS}| 甲 | 乙 |{LS}|---|---|{LS}| 1 | 2 |{PS}第一行{LS}第二行\u00a0末"
    assert from_editor(raw, "body") == f"一、指标\n| 甲 | 乙 |{LS}|---|---|{LS}| 1 | 2 |\n第一行\n第二行\u00a0末"
    assert [b.kind for b in text_to_blocks(from_editor(raw, "body"))][1] is BlockKind.TABLE
    assert from_editor(f"标题上行{LS}下行", "title") == "标题上行\n下行"


def test_the_command_line_accepts_the_issue_file_or_an_article_file(sample_copy, tmp_path):
    from editor.ui.app import issue_target

    assert issue_target(str(sample_copy / "issue.toml")) == (str(sample_copy), None)
    article = sample_copy / "articles" / "04-川渝自贸.md"
    assert issue_target(str(article)) == (str(sample_copy), "04-川渝自贸")
    assert issue_target(str(sample_copy)) == (str(sample_copy), None)
    stray = tmp_path / "x.md"
    stray.write_text("正文", encoding="utf-8")
    assert issue_target(str(stray)) == (str(stray), None), "not an issue's article: left for open to refuse"


def test_the_first_window_fits_a_small_screen():
    pytest.importorskip("PySide6.QtWidgets")
    from editor.ui.mainwindow import first_size

    assert first_size("windows", (1366, 728)) == (1326, 668)
    assert first_size("xcb", (2560, 1400)) == (1440, 900)
    assert first_size("offscreen", (800, 800)) == (1440, 900)


def test_build_process_reports_a_refused_write_in_chinese(monkeypatch, tmp_path):
    import errno
    import io
    import pickle

    import editor.build
    from editor.ui.buildproc import serve

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "out" / ".x.pdf.ab12cd.tmp"))

    monkeypatch.setattr(editor.build, "build_issue", refuse)
    inp = io.BytesIO(pickle.dumps((7, None, ("pdf",), tmp_path / "out", "x")) + pickle.dumps(None))
    out = io.BytesIO()
    serve(inp, out)
    out.seek(0)
    kind, job, message = pickle.load(out)
    assert (kind, job) == ("error", 7)
    assert "没有访问权限" in message and "x.pdf" in message and "Permission" not in message and ".tmp" not in message
