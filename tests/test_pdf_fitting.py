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
        monkeypatch.setattr(fitting, "MIN_LAST_PAGE_LINES", 0)
    opened = open_issue(folder)
    comp = compose(opened.issue, opened.template, World(opened.folder))
    result = typeset(comp, opened.template, tmp_path / f"out-{fit}.pdf")
    monkeypatch.undo()
    return result


def _text_lines(result) -> Counter:
    return Counter(r.page for r in result.lines
                   if r.style not in ("header", "footer", *fitting.CLOSING_STYLES)
                   and result.kinds.get(r.page) == "body")


def _fit_cases(issue, tmp_path, monkeypatch, bodies, whole: bool = False) -> tuple[int, int]:
    """Build the one-article issue with each body (in place of its first paragraph, or `whole`: of all
    its text, then a signature, a date and the source line), unfitted and fitted; (tails pulled back, lines moved over) among
    those whose unfitted last page held fewer than MIN_TAIL_LINES lines."""
    path = issue / "articles" / "a1.md"
    original = path.read_text(encoding="utf-8")
    head, rest = original.split("前言段落。")
    if whole:
        rest = "\n\n国务院办公厅\n\n2023年12月29日\n\n（来源：国务院办公厅）\n"
    fitted_cases = moved_cases = 0
    for paragraphs in bodies:
        path.write_text(head + "\n\n".join(paragraphs + ["特此通知。"] * (not whole)) + rest, encoding="utf-8")
        plain = _build(issue, tmp_path, monkeypatch, fit=False)
        lines = _text_lines(plain)
        last = max(lines)
        if lines[last] >= fitting.MIN_TAIL_LINES or last == min(lines):
            continue
        fitted = _build(issue, tmp_path, monkeypatch, fit=True)
        after = _text_lines(fitted)
        assert sum(after.values()) == sum(lines.values())          # every line still set
        if max(after) == last - 1:                                 # the tail came back
            fitted_cases += 1
        elif after != lines:
            # the page before was full, 3 % cannot make room for a whole tail there: the paragraph
            # broken across the page foot hands a line over, and only that (the page before ends a
            # line short, the last page holds three)
            moved = fitting.MIN_LAST_PAGE_LINES - lines[last]
            assert moved > 0 and (after[last], after[last - 1]) == (lines[last] + moved, lines[last - 1] - moved), \
                (len(paragraphs), lines, after)
            moved_cases += 1
        else:
            # only where the page before was full (3 % cannot make room for a whole tail there) and
            # no line can move: one-line paragraphs, or the last page already holds three
            assert lines[last - 1] >= max(lines.values()) - 1, (len(paragraphs), lines, after)
    return fitted_cases, moved_cases


def test_an_article_ending_a_line_or_two_past_a_page_foot_is_fitted_onto_it(mini_issue, tmp_path, monkeypatch):
    """Issues whose one article runs a little past its second page: unfitted, its last page holds a
    line or two (and the source line); fitted, the article is set up to 3 % tighter and ends a page
    earlier, its last page full."""
    fitted, _ = _fit_cases(mini_issue, tmp_path, monkeypatch, [[LINE] * n for n in range(82, 92)])
    assert fitted >= 2


def test_a_tail_that_cannot_come_back_gets_a_line_from_the_page_before(mini_issue, tmp_path, monkeypatch):
    """Articles of six-line paragraphs whose last runs two lines (and the signature and date) past a
    full page: it hands one more line to the last page, which then holds three lines of text."""
    _, moved = _fit_cases(mini_issue, tmp_path, monkeypatch,
                          [[LINE] * k + [LINE * 18] * 9 for k in range(6)], whole=True)
    assert moved >= 2


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


def _real_corpus(mini_issue):
    """Every document of the real corpus (tests/fixtures/real) imported into one issue, three columns
    in turn: about 150 pages of real policy texts (the importer's output, as an editor gets it)."""
    from editor.importers import import_file
    from editor.model import Column
    from editor.content import write_issue

    from .real_corpus import CORPUS, load_manifest

    opened = open_issue(mini_issue)
    issue = opened.issue
    issue.columns = [Column(name) for name in ("国策要论", "地方新政", "前沿观察")]
    for n, doc in enumerate(load_manifest()):
        article = import_file(CORPUS / doc.file).article
        article.id = f"{n + 1:02d}-real"
        issue.columns[n % 3].articles.append(article)
    issue.cover = None
    write_issue(issue, opened.folder)
    return opened.folder, len(issue.articles)


HEADS = ("heading1", "heading2", "heading3", "heading4", "subheading", "title", "doc_number", "addressee",
         "column_label", "editor_note_label")


@pytest.mark.parametrize("material", ["sample", "volume of 4", "real corpus"])
def test_page_breaks_a_typesetter_would_accept(request, tmp_path, material):
    """On the sample, four issues' articles in one, and the whole real corpus in one issue: no page
    holds fewer than 3 lines of an article begun on an earlier page (docs/pdf.md); no paragraph broken across pages leaves
    fewer than 2 lines on either side; no heading, column label or 编者按 ends a page."""
    if material == "real corpus":
        folder, articles = _real_corpus(request.getfixturevalue("mini_issue"))
    else:
        times = 1 if material == "sample" else 4
        sample = request.getfixturevalue("sample_copy")
        folder, articles = (sample if times == 1 else _volume(sample, times)), 7 * times
    opened = open_issue(folder)
    comp = compose(opened.issue, opened.template, World(opened.folder))
    result = typeset(comp, opened.template, tmp_path / "s.pdf")
    starts = set(result.report.article_pages.values())
    assert len(starts) == articles
    lines = _text_lines(result)
    short = [p for p, n in lines.items() if p not in starts and n < 3]
    assert short == []

    # widows and orphans: a paragraph's part on each page of a break is at least two lines
    parts: dict[int, Counter] = {}
    for r in result.lines:
        if r.paragraph is not None and result.kinds.get(r.page) == "body":
            parts.setdefault(r.paragraph, Counter())[r.page] += 1
    broken = [c for c in parts.values() if len(c) > 1]
    assert broken, "nothing was broken across pages: the check saw nothing"
    assert [dict(c) for c in broken if min(c.values()) < 2] == []

    # what heads something is on the page of what it heads
    body = [r for r in result.lines if r.style not in ("header", "footer") and result.kinds.get(r.page) == "body"]
    for r, nxt in zip(body, body[1:]):
        if r.style in HEADS and nxt.style not in HEADS and nxt.page != r.page:
            pytest.fail(f"“{r.text}”（{r.style}）留在第 {r.page} 页末，后文在下一页")
    notes = [r for r in body if r.style == "editor_note"]
    for r, nxt in zip(body, body[1:]):
        if r.style == "editor_note" and nxt.style != "editor_note":
            assert nxt.page == r.page, f"第 {r.page} 页的编者按与其后的标题分在两页"
    assert material == "real corpus" or notes
