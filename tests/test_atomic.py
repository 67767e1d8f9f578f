"""Multi-file changes are atomic: a kill or a full disk at any moment leaves the old state or the new
one, never a mix, and what a killed run leaves behind is cleaned up by the next."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli import main
from editor.content import load_issue
from editor.paths import JOURNAL, TEMP_MARK

from .conftest import ROOT

# Runs `bulletin ARGS` in a fresh process that dies (os._exit, as kill -9: no clean-up runs) at the
# K-th rename, replace or unlink the program makes.
KILLER = """
import os, sys
k = int(sys.argv[1]); calls = [0]
def dying(real):
    def call(*a, **kw):
        calls[0] += 1
        if calls[0] == k:
            os._exit(137)
        return real(*a, **kw)
    return call
os.replace, os.rename, os.unlink = dying(os.replace), dying(os.rename), dying(os.unlink)
from editor.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _run_killed(k: int, *args: str) -> int:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", KILLER, str(k), *args], env=env, capture_output=True,
                          timeout=120).returncode


def _state(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
            and TEMP_MARK not in p.name and p.name != JOURNAL}


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if TEMP_MARK in p.name or p.name == JOURNAL]


POLICY = "关于加快数据要素流通的通知\n\n各有关单位：\n\n一、总体要求\n\n加强统筹协调。\n\n（来源：国家数据局）\n"


@pytest.mark.skipif(sys.platform == "win32", reason="os._exit in a child as kill -9")
def test_import_into_killed_at_every_rename_leaves_old_or_new(mini_issue, tmp_path):
    paste = tmp_path / "policy.txt"
    paste.write_text(POLICY, encoding="utf-8")
    old = _state(mini_issue)
    assert main(["import", str(paste), "--into", str(mini_issue)]) == 0
    new = _state(mini_issue)
    assert new != old
    outcomes = set()
    for k in range(1, 12):
        folder = tmp_path / f"run{k}"
        folder.parent.mkdir(exist_ok=True)
        import shutil

        shutil.copytree(mini_issue.parent.parent, folder)
        issue = folder / "content" / "mini"
        for rel, data in old.items():        # back to the state before the import
            (issue / rel).write_bytes(data)
        for extra in set(_state(issue)) - set(old):
            (issue / extra).unlink()
        code = _run_killed(k, "import", str(paste), "--into", str(issue))
        load_issue(issue)                     # opens: finishes an interrupted save, cleans up
        state = _state(issue)
        assert state in (old, new), (k, code)
        assert not _leftovers(issue), (k, _leftovers(issue))
        outcomes.add("new" if state == new else "old")
        if code == 0:
            break
    assert outcomes == {"old", "new"}


def test_a_full_disk_during_import_changes_nothing_and_names_the_file(mini_issue, tmp_path, monkeypatch, capsys):
    paste = tmp_path / "policy.txt"
    paste.write_text(POLICY, encoding="utf-8")
    old = _state(mini_issue)
    real_write = os.write

    def full(fd, data):
        if len(data) > 100:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    assert main(["import", str(paste), "--into", str(mini_issue)]) == 2
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert "磁盘已满" in err and ".md" in err and TEMP_MARK not in err
    assert _state(mini_issue) == old and not _leftovers(mini_issue)


@pytest.mark.skipif(sys.platform == "win32", reason="os._exit in a child as kill -9")
def test_new_killed_never_leaves_half_an_issue(mini_issue, tmp_path):
    for k in range(1, 8):
        out = tmp_path / f"next{k}"
        code = _run_killed(k, "new", "--from", str(mini_issue), "-o", str(out))
        if out.exists():
            load_issue(out)                  # whole, or not there at all
        # what the killed run left beside it goes with the next run
        assert main(["new", "--from", str(mini_issue), "-o", str(tmp_path / f"again{k}")]) == 0
        assert not [p for p in tmp_path.iterdir() if TEMP_MARK in p.name]
        if code == 0:
            break


def test_build_whose_second_writer_fails_replaces_nothing(mini_issue, tmp_path, monkeypatch):
    from editor.build import build_issue
    from editor.errors import ExportError
    from editor.writers import docx as docx_writer

    out = tmp_path / "out"
    first = build_issue(str(mini_issue), ["pdf", "docx"], out)
    before = {r.path.name: r.path.read_bytes() for r in first}

    def broken(*a, **kw):
        raise ExportError("参考文档无法读取")

    monkeypatch.setattr(docx_writer, "open_base", broken)
    (mini_issue / "articles" / "a1.md").write_text(
        (mini_issue / "articles" / "a1.md").read_text(encoding="utf-8").replace("前言段落", "改过的前言段落"),
        encoding="utf-8")
    with pytest.raises(ExportError):
        build_issue(str(mini_issue), ["pdf", "docx"], out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.skipif(sys.platform == "win32", reason="os._exit in a child as kill -9")
def test_a_build_killed_leaves_temporaries_the_next_build_removes(mini_issue, tmp_path):
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    code = ("import os, sys, threading\n"
            "from editor import build\n"
            "real = build.writer_for\n"
            "def dying(fmt):\n"
            "    w = real(fmt)\n"
            "    class Dying:\n"
            "        folder = w.folder\n"
            "        output_path = staticmethod(w.output_path)\n"
            "        def render(self, comp, target):\n"
            "            target.path.write_bytes(b'half a PDF')\n"
            "            os._exit(137)\n"
            "    return Dying()\n"
            "build.writer_for = dying\n"
            "from editor.cli import main\n"
            f"main(['build', {str(mini_issue)!r}, '-o', {str(out)!r}])\n")
    subprocess.run([sys.executable, "-c", code], env=env, timeout=120)
    assert [p for p in out.iterdir() if TEMP_MARK in p.name]
    assert main(["build", str(mini_issue), "-o", str(out)]) == 0
    assert not [p for p in out.iterdir() if TEMP_MARK in p.name]


def test_crash_logs_in_the_same_second_do_not_overwrite_each_other(tmp_path, monkeypatch):
    from editor.cli._zh import write_crash_log

    monkeypatch.setenv("BULLETIN_DATA_DIR", str(tmp_path))
    paths = {write_crash_log(f"crash {n}") for n in range(5)}
    assert len(paths) == 5 and all(p.read_text(encoding="utf-8").startswith("crash") for p in paths)
