"""An article's last lines are not pushed to a page of their own (writers/pdf/fitting.py, docs/pdf.md)."""

from __future__ import annotations

from collections import Counter

import pytest

from editor.compose import compose
from editor.project import open_issue
from editor.world import World
from editor.writers.pdf import fitting, typeset

pytestmark = pytest.mark.slow          # builds real documents

LINE = "现就有关事项通知如下。"       # one line each: the article grows a line at a time


def _build(folder, tmp_path, monkeypatch, fit: bool):
    if not fit:
        monkeypatch.setattr(fitting, "SQUEEZES", ())
    opened = open_issue(folder)
    comp = compose(opened.issue, opened.template, World(opened.folder))
    result = typeset(comp, opened.template, tmp_path / f"out-{fit}.pdf")
    monkeypatch.undo()
    return result


def _text_lines(result) -> Counter:
    return Counter(r.page for r in result.lines
                   if r.style not in ("header", "footer", *fitting.CLOSING_STYLES)
                   and result.kinds.get(r.page) == "body")


def test_an_article_ending_a_line_or_two_past_a_page_foot_is_fitted_onto_it(mini_issue, tmp_path, monkeypatch):
    """Issues whose one article runs a little past its second page: unfitted, its last page holds a
    line or two (and the source line); fitted, the article is set up to 3 % tighter and ends a page
    earlier, its last page full."""
    path = mini_issue / "articles" / "a1.md"
    original = path.read_text(encoding="utf-8")
    fitted_cases = 0
    for n in range(82, 92):
        body = "\n\n".join([LINE] * n + ["特此通知。"])
        path.write_text(original.replace("前言段落。", body), encoding="utf-8")
        plain = _build(mini_issue, tmp_path, monkeypatch, fit=False)
        lines = _text_lines(plain)
        last = max(lines)
        if lines[last] >= fitting.MIN_TAIL_LINES or last == min(lines):
            continue
        fitted = _build(mini_issue, tmp_path, monkeypatch, fit=True)
        after = _text_lines(fitted)
        assert sum(after.values()) == sum(lines.values())          # every line still set
        if max(after) == last - 1:                                 # the tail came back
            fitted_cases += 1
        else:
            # only where the page before was full: 3 % cannot make room for a whole tail there
            assert after == lines and lines[last - 1] >= max(lines.values()) - 1, (n, lines, after)
    assert fitted_cases >= 2


def _volume(sample, times: int):
    """The sample's articles `times` over in one issue (bench/pdf_vs_typst.py's volume)."""
    import re
    import shutil

    folder = sample.parent / f"x{times}"
    (folder / "articles").mkdir(parents=True)
    for md in (sample / "articles").glob("*.md"):
        for k in range(times):
            shutil.copy(md, folder / "articles" / f"{md.stem}-{k}.md")
    toml = (sample / "issue.toml").read_text(encoding="utf-8")
    toml = re.sub(r"articles = \[(.*?)\]", lambda m: "articles = [" + ", ".join(
        f'"{i}-{k}"' for k in range(times) for i in re.findall(r'"([^"]+)"', m.group(1))) + "]", toml, flags=re.S)
    (folder / "issue.toml").write_text(re.sub(r'cover = "([^"]+)"', r'cover = "\1-0"', toml), encoding="utf-8")
    return folder


@pytest.mark.parametrize("times", [1, 4])
def test_the_sample_and_a_volume_leave_no_page_with_an_article_s_last_two_lines(sample_copy, tmp_path, times):
    """No page of the sample, or of four issues' articles in one, holds fewer than 3 lines of an
    article begun on an earlier page."""
    folder = sample_copy if times == 1 else _volume(sample_copy, times)
    opened = open_issue(folder)
    comp = compose(opened.issue, opened.template, World(opened.folder))
    result = typeset(comp, opened.template, tmp_path / "s.pdf")
    starts = set(result.report.article_pages.values())
    assert len(starts) == 7 * times
    lines = _text_lines(result)
    short = [p for p, n in lines.items() if p not in starts and n < 3]
    assert short == []
