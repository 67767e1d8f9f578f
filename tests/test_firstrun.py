"""What an installed app does for a new user (issue #19): the sample issue on first start, and the
`打开本期.bulletin` file that opens an issue folder with a double click."""

from __future__ import annotations

import os

import pytest

from editor.content import load_issue, save_issue
from editor.firstrun import MARKER, folder_of_marker, install_sample, write_marker


def test_the_sample_is_copied_whole_into_the_documents_folder_with_its_entry(tmp_path):
    target = install_sample(tmp_path)
    assert target == tmp_path / "简报编排器" / "2023-29"
    issue = load_issue(target)
    assert len(issue.articles) == 7 and issue.total_number == 140
    assert (target / MARKER).is_file()
    assert [p.name for p in target.parent.iterdir()] == ["2023-29"], "no staging folder left behind"


def test_an_edited_sample_is_never_overwritten(tmp_path):
    target = install_sample(tmp_path)
    toml = target / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("number = 29", "number = 30"), encoding="utf-8")
    assert install_sample(tmp_path) == target
    assert "number = 30" in toml.read_text(encoding="utf-8")


def test_a_folder_of_the_users_own_by_the_samples_name_is_left_alone(tmp_path):
    own = tmp_path / "简报编排器" / "2023-29"
    own.mkdir(parents=True)
    (own / "笔记.txt").write_text("我的", encoding="utf-8")
    target = install_sample(tmp_path)
    assert target is not None and target.name == "2023-29-样刊" and (target / "issue.toml").is_file()
    assert sorted(p.name for p in own.iterdir()) == ["笔记.txt"]


def test_an_interrupted_copy_leaves_nothing_that_looks_like_an_issue(tmp_path, monkeypatch):
    import shutil

    def broken_copy(src, dst, **kw):
        os.makedirs(dst)
        (dst / "issue.toml").write_text("template = ", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copytree", broken_copy)
    with pytest.raises(OSError):
        install_sample(tmp_path)
    assert list((tmp_path / "简报编排器").iterdir()) == []


def test_a_new_issue_folder_gets_its_double_click_entry_and_an_old_one_is_not_touched(sample_copy, tmp_path):
    issue = load_issue(sample_copy)
    (sample_copy / MARKER).unlink()
    save_issue(issue, sample_copy)
    assert not (sample_copy / MARKER).exists(), "saving an existing issue adds no file"
    save_issue(issue, tmp_path / "next")
    assert (tmp_path / "next" / MARKER).is_file()


def test_the_entry_is_never_overwritten_and_names_its_folder(tmp_path):
    marker = tmp_path / MARKER
    marker.write_text("自定义", encoding="utf-8")
    write_marker(tmp_path)
    assert marker.read_text(encoding="utf-8") == "自定义"
    assert folder_of_marker(marker) == tmp_path
    assert folder_of_marker(tmp_path / "issue.toml") is None
    assert folder_of_marker(tmp_path / "没有.bulletin") is None


def test_the_app_opens_the_folder_of_a_double_clicked_entry(sample_copy):
    from editor.ui.app import issue_target

    assert issue_target(str(sample_copy / MARKER)) == (str(sample_copy), None)


def test_first_start_puts_the_sample_in_documents_once(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QStandardPaths

    from editor.ui import app as app_module
    from editor.ui.session import settings

    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda kind: str(tmp_path / "文档"))
    assert app_module.first_start()
    sample = app_module.install_first_sample()
    assert sample == tmp_path / "文档" / "简报编排器" / "2023-29" and (sample / "issue.toml").is_file()
    assert not app_module.first_start(), "offered once: deleting the sample does not bring it back"
    settings().remove("sample_installed")
    settings().setValue("recent", [str(sample)])
    assert not app_module.first_start(), "an editor who has opened issues gets no sample"
