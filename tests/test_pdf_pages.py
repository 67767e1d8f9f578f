"""The designed front pages on other paper sizes: nothing runs off the page or into something else."""

from __future__ import annotations

import re

import pytest

from editor.compose import compose
from editor.project import open_issue
from editor.writers.pdf import typeset

from . import conftest

pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.slow          # builds real documents


def _positions(page) -> list[tuple[str, float, float]]:
    """(text, x, y) of every text fragment drawn on a page."""
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            out.append((text, tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))
    page.extract_text(visitor_text=visit)
    return out


@pytest.mark.parametrize("size", ["A5", "B5"])
def test_front_pages_fit_smaller_paper(size, tmp_path):
    if not (conftest.SAMPLE / "issue.toml").exists():
        pytest.skip("样刊 content/2023-29 尚未就绪")
    opened = open_issue(conftest.SAMPLE)
    opened.template.page.size = size
    for side in ("margin_left", "margin_right"):
        setattr(opened.template.page, side, 16.0)
    comp = compose(opened.issue, opened.template, opened.folder)
    result = typeset(comp, opened.template, tmp_path / "out.pdf")
    reader = pypdf.PdfReader(str(tmp_path / "out.pdf"))
    width = float(reader.pages[0].mediabox.width)
    # the masthead stays on the page
    masthead = [(t, x) for t, x, y in _positions(reader.pages[0]) if comp.title[:2] in t]
    assert masthead and all(0 < x < width for _, x in masthead)
    # the last colophon entry sits above the disclaimer box, not under it
    colophon = _positions(reader.pages[1])
    last_role = opened.template.colophon[-1].role
    y_role = min(y for t, x, y in colophon if t.strip().startswith(last_role[0]))
    y_disclaimer = max(y for t, x, y in colophon if t.strip().startswith("声明"))
    assert y_role > y_disclaimer + 10
    assert result.report.page_count > 33


def test_a_title_line_that_must_break_breaks_at_its_spaces(tmp_path):
    if not (conftest.SAMPLE / "issue.toml").exists():
        pytest.skip("样刊 content/2023-29 尚未就绪")
    opened = open_issue(conftest.SAMPLE)
    opened.template.page.size = "A5"
    comp = compose(opened.issue, opened.template, opened.folder)
    result = typeset(comp, opened.template, tmp_path / "out.pdf")
    titles = [r.text.strip() for r in result.lines if r.style == "title"]
    # a space between two Chinese words separates names (two issuers), unlike the spaces around "AI"
    between = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
    spaced = [ln.strip() for a in opened.issue.articles for ln in a.title.split("\n") if between.search(ln)]
    assert spaced
    for line in spaced:
        words = between.split(line)
        if line in titles:
            continue                                  # it fitted on one line
        parts = [t for t in titles if t and t in line and t != line]
        assert parts, line
        for part in parts:                            # each set line is whole words of the title line
            assert any(" ".join(words[i:j]) == part for i in range(len(words))
                       for j in range(i + 1, len(words) + 1)), (part, line)
