"""What the campaign (tools/campaign.py) found, each fixed at its root: a run longer than the line is
broken inside the page, a huge table is checked in linear time and says what it skipped, a link no
QR code holds is refused where it is written, a picture or template that cannot be read says why."""

from __future__ import annotations

import os
import sys
import time

import pytest

from editor.cli import main
from editor.content import MAX_LINK_BYTES, load_issue
from editor.errors import ContentError
from editor.writers.linebreak import Para, Piece, balance, break_lines

from .conftest import MINI_ARTICLE


class _Widths(dict):
    def __missing__(self, ch):
        return 1.0 if ord(ch) > 0x2000 else 0.5


@pytest.mark.parametrize("text", ["A" * 900, "https://example.com/" + "a1b2" * 200, "数据" + "x" * 700 + "要素"])
def test_a_run_longer_than_the_line_is_broken_within_it(text):
    para = Para([Piece(text, "F", 10.0)], lambda font: _Widths())
    for lines in (break_lines(para, lambda i: (0.0, 200.0)), balance(para, lambda i: (0.0, 200.0))):
        assert len(lines) > 1
        assert all(ln.natural <= 200.0 + 1e-6 for ln in lines), [ln.natural for ln in lines]
        assert "".join(ln.text(para) for ln in lines) == text      # nothing lost at the breaks


def _article(folder, body: str, **front) -> None:
    head = "".join(f'{k} = "{v}"\n' for k, v in front.items())
    (folder / "articles" / "a1.md").write_text(f'+++\ntitle = "关于测试的通知"\n{head}+++\n\n{body}', encoding="utf-8")


def test_a_link_no_qr_code_holds_is_refused_at_its_line(mini_issue):
    _article(mini_issue, "正文。\n", link="https://www.gov.cn/" + "a" * MAX_LINK_BYTES)
    with pytest.raises(ContentError) as err:
        load_issue(mini_issue)
    [problem] = err.value.problems
    assert problem.file == "articles/a1.md" and problem.line == 3 and "二维码" in problem.message
    _article(mini_issue, "正文。\n", link="https://www.gov.cn/" + "a" * 500)
    assert load_issue(mini_issue).articles[0].link.endswith("a" * 500)


def test_a_table_of_16000_cells_is_checked_and_says_what_it_skipped(mini_issue, capsys):
    cols = 50
    table = ("| " + " | ".join(f"列{c}" for c in range(cols)) + " |\n|" + " --- |" * cols + "\n"
             + "".join("| " + " | ".join(f"{r}，，{c}" for c in range(cols)) + " |\n" for r in range(319)))
    _article(mini_issue, table)
    start = time.process_time()
    assert main(["check", str(mini_issue)]) == 1
    spent = time.process_time() - start
    out = capsys.readouterr().out
    assert "structure.table-large" in out and "16000 格" in out
    assert "punctuation." in out         # the cells within the limit are still read
    assert spent < 30                     # once minutes and gigabytes; the bench measures it (≈ 0.2 s)


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("kind,says", [("loop", "符号链接循环"), ("fifo", "命名管道"), ("zero", "设备文件"),
                                       ("dir", "文件夹")])
def test_a_picture_that_cannot_be_read_says_why(mini_issue, capsys, kind, says):
    pic = mini_issue / "articles" / "pic.png"
    if kind == "loop":
        os.symlink("pic.png", pic)
    elif kind == "fifo":
        os.mkfifo(pic)
    elif kind == "zero":
        os.symlink("/dev/zero", pic)
    else:
        pic.mkdir()
    _article(mini_issue, MINI_ARTICLE.split("+++\n", 2)[2] + "\n![图](pic.png)\n")
    assert main(["check", str(mini_issue)]) == 1
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if "structure.image-missing" in ln)
    assert says in line and "找不到" not in line


def test_a_template_name_too_long_for_the_system_is_refused_in_chinese(mini_issue, capsys):
    toml = mini_issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"big-data-weekly"', '"' + "x" * 400 + '"'),
                    encoding="utf-8")
    assert main(["check", str(mini_issue)]) == 2
    err = capsys.readouterr().err
    assert "过长" in err and "Errno" not in err


def test_a_column_name_longer_than_its_band_is_refused_at_its_line(mini_issue):
    toml = mini_issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('name = "国策要论"', 'name = "' + "Z" * 300 + '"'),
                    encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_issue(mini_issue)
    [problem] = err.value.problems
    assert problem.file == "issue.toml" and problem.line == 8 and "栏目名" in problem.message
    assert "Z" * 21 not in problem.message          # the message shows the start, not the whole paste


@pytest.mark.parametrize("key", ["number", "total_number"])
def test_a_neighbour_numbered_past_64_bits_does_not_stop_todays_check_or_stats(mini_issue, capsys, key):
    import shutil

    sibling = mini_issue.parent / "2023-51"
    shutil.copytree(mini_issue, sibling)
    toml = sibling / "issue.toml"
    old = "number = 52" if key == "number" else "total_number = 163"
    toml.write_text(toml.read_text(encoding="utf-8").replace("2023-12-29", "2023-12-22")
                    .replace(old, f"{key} = {10 ** 30}"), encoding="utf-8")
    assert main(["check", str(mini_issue)]) in (0, 1)
    assert main(["stats", "--in", str(mini_issue.parent)]) == 0
    assert "内部错误" not in capsys.readouterr().err
