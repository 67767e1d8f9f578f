"""Atomic writes keep file permissions: a save must not make a shared issue private."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from editor.paths import atomic_write

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def test_new_file_gets_the_usual_mode(tmp_path):
    umask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "a.txt", b"x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644


def test_existing_file_keeps_its_mode(tmp_path):
    target = tmp_path / "b.txt"
    target.write_bytes(b"old")
    target.chmod(0o664)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    assert [p.name for p in tmp_path.iterdir()] == ["b.txt"]


def test_built_files_are_not_private(mini_issue, tmp_path):
    from editor.build import build_issue

    umask = os.umask(0o022)
    try:
        result = build_issue(mini_issue, ["pdf"], tmp_path / "build")[0]
    finally:
        os.umask(umask)
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o644
