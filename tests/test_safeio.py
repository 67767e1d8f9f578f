"""Special files and untrusted sizes: every reader refuses them at once, in Chinese, naming the file."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from editor.cli import main
from editor.errors import os_reason
from editor.safeio import ReadRefused, read_file, read_picture, zip_problem

posix = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")


def _special(kind: str, path: Path) -> None:
    """Put a special file of `kind` at `path`."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "urandom":
        path.symlink_to("/dev/urandom")
    elif kind == "dir":
        path.mkdir()
    elif kind == "loop":
        path.symlink_to(path.name)
    else:
        raise ValueError(kind)


REASONS = {"fifo": "命名管道", "zero": "设备文件", "urandom": "设备文件", "dir": "文件夹", "loop": "符号链接循环"}


@posix
@pytest.mark.parametrize("kind", sorted(REASONS))
def test_the_reader_refuses_special_files_at_once(tmp_path, kind):
    target = tmp_path / "x.md"
    _special(kind, target)
    start = time.perf_counter()
    with pytest.raises(ReadRefused) as err:
        read_file(target, 1024, "文章")
    assert REASONS[kind] in err.value.reason and str(target) in str(err.value)
    assert time.perf_counter() - start < 1


def test_the_reader_counts_bytes_as_it_reads(tmp_path):
    f = tmp_path / "big.md"
    f.write_bytes(b"x" * 5000)
    assert read_file(f, 5000) == b"x" * 5000
    with pytest.raises(ReadRefused, match="过大"):
        read_file(f, 4999)


def test_missing_file_is_said_missing(tmp_path):
    with pytest.raises(ReadRefused) as err:
        read_file(tmp_path / "none.md", 10)
    assert err.value.missing and err.value.reason == "文件不存在"


def test_os_reasons_are_chinese():
    import errno

    for code in (errno.EISDIR, errno.ELOOP, errno.ENAMETOOLONG, errno.ENOSPC, errno.EIO):
        reason = os_reason(OSError(code, os.strerror(code)))
        assert any("\u4e00" <= ch <= "\u9fff" for ch in reason), reason
    assert "系统错误" in os_reason(OSError(12345, "Something English"))


@posix
@pytest.mark.parametrize("kind", sorted(REASONS))
@pytest.mark.parametrize("where", ["issue.toml", "article"])
def test_issue_with_a_special_file_is_refused_naming_it(sample_copy, capsys, kind, where):
    target = sample_copy / "issue.toml" if where == "issue.toml" else next((sample_copy / "articles").iterdir())
    target.unlink()
    _special(kind, target)
    start = time.perf_counter()
    assert main(["info", str(sample_copy)]) == 2
    err = capsys.readouterr().err
    assert target.name in err and REASONS[kind] in err and "Traceback" not in err
    assert time.perf_counter() - start < 5


@posix
@pytest.mark.parametrize("kind", sorted(REASONS))
@pytest.mark.parametrize("suffix", [".docx", ".txt", ".html"])
def test_import_of_a_special_file_is_refused(tmp_path, capsys, kind, suffix):
    target = tmp_path / f"x{suffix}"
    _special(kind, target)
    assert main(["import", str(target)]) == 2
    err = capsys.readouterr().err
    assert target.name in err and REASONS[kind] in err


@posix
def test_a_template_that_is_a_fifo_is_refused(sample_copy, capsys):
    tpl = sample_copy.parent.parent / "issue_templates" / "big-data-weekly" / "template.toml"
    tpl.unlink()
    os.mkfifo(tpl)
    assert main(["check", str(sample_copy)]) == 2
    assert "命名管道" in capsys.readouterr().err


@posix
def test_a_broken_sibling_issue_is_passed_over(sample_copy, capsys):
    """A FIFO as the previous issue's manifest must neither hang nor fail today's check."""
    sibling = sample_copy.parent / "2023-28"
    sibling.mkdir()
    os.mkfifo(sibling / "issue.toml")
    broken = sample_copy.parent / "2023-27"
    broken.mkdir()
    (broken / "issue.toml").symlink_to("/dev/zero")
    start = time.perf_counter()
    assert main(["check", str(sample_copy)]) in (0, 1)
    assert time.perf_counter() - start < 30


@posix
def test_a_fifo_in_the_user_font_folder_is_never_opened(tmp_path):
    from editor.fonts import FontIndex

    fonts = tmp_path / "fonts"
    fonts.mkdir()
    os.mkfifo(fonts / "trap.ttf")
    (fonts / "zero.ttf").symlink_to("/dev/zero")
    index = FontIndex([fonts], tmp_path / "index.json")
    assert index.faces() == []


@posix
@pytest.mark.parametrize("kind", ["fifo", "zero", "loop", "dir"])
def test_pictures_are_read_through_the_reader(tmp_path, kind):
    target = tmp_path / "p.png"
    _special(kind, target)
    with pytest.raises(ReadRefused, match=REASONS[kind]):
        read_picture(target)


def test_a_picture_that_is_not_one(tmp_path):
    f = tmp_path / "p.png"
    f.write_bytes(b"not a picture" * 10)
    with pytest.raises(ReadRefused, match="不是可识别的图片"):
        read_picture(f)


def _zip_bomb(path: Path, size: int) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w/>")
        with z.open("word/media/bomb.bin", "w", force_zip64=True) as f:
            block = b"\0" * (1024 * 1024)
            for _ in range(size // len(block)):
                f.write(block)


def test_zip_bombs_are_judged_from_their_directory(tmp_path):
    bomb = tmp_path / "bomb.docx"
    _zip_bomb(bomb, 256 * 1024 * 1024)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    start = time.perf_counter()
    assert "过大" in zip_problem(bomb.read_bytes())
    assert time.perf_counter() - start < 1


def test_a_reference_docx_that_is_a_zip_bomb_is_refused_at_once(mini_issue, tmp_path, capsys):
    tpl_dir = mini_issue.parent.parent / "issue_templates" / "big-data-weekly"
    _zip_bomb(tpl_dir / "ref.docx", 256 * 1024 * 1024)
    toml = tpl_dir / "template.toml"
    toml.write_text('reference_docx = "ref.docx"\n' + toml.read_text(encoding="utf-8"), encoding="utf-8")
    start = time.perf_counter()
    assert main(["build", str(mini_issue), "-o", str(tmp_path / "out"), "--format", "docx"]) == 2
    assert time.perf_counter() - start < 10
    err = capsys.readouterr().err
    assert "ref.docx" in err and "过大" in err
