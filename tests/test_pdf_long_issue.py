"""A long issue on small paper: 20 articles with long titles and a long table, on A5.

What a typesetter looks at first: titles and contents entries broken between words,
no contents entry alone on its page, no table row alone on its page.
"""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest

from editor.compose import compose
from editor.project import open_issue
from editor.writers.pdf import typeset
from editor.writers.titles import WORDS

from .conftest import ROOT

pytestmark = pytest.mark.slow          # builds a real document

TITLE = "关于印发第{n}号数据要素市场化配置改革试点实施方案的通知"
BODY = "为深入贯彻落实党中央、国务院决策部署，加快推进数字经济高质量发展，现就有关事项通知如下。"


@pytest.fixture(scope="module")
def long_issue(tmp_path_factory):
    import os

    root = tmp_path_factory.mktemp("long")
    shutil.copytree(ROOT / "issue_templates", root / "issue_templates")
    folder = root / "content" / "long"
    (folder / "articles").mkdir(parents=True)
    ids = []
    for n in range(1, 21):
        ids.append(f"a{n:02d}")
        body = [f"> 近日，有关部门印发第{n}号文件。", BODY * 3, "一、总体要求", BODY * 4]
        if n == 2:
            body.append("| 序号 | 牵头单位 | 完成时限 |\n|---|---|---|\n"
                        + "".join(f"| {r} | 第{r}市数据局 | 2024年{r % 12 + 1}月 |\n" for r in range(1, 41)))
        body.append("（来源：国务院办公厅）")
        text = f'+++\ntitle = "{TITLE.format(n=n)}"\n+++\n\n' + "\n\n".join(body) + "\n"
        (folder / "articles" / f"a{n:02d}.md").write_text(text, encoding="utf-8")
    listing = ", ".join(f'"{i}"' for i in ids)
    (folder / "issue.toml").write_text(
        'template = "big-data-weekly"\ndate = 2024-01-05\nnumber = 1\ntotal_number = 163\ncover = "a01"\n\n'
        f'[[columns]]\nname = "国策要论"\narticles = [{listing}]\n', encoding="utf-8")
    cache = os.environ.get("BULLETIN_TEST_CACHE") or str(tmp_path_factory.getbasetemp() / "shared-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BULLETIN_CACHE_DIR", cache)
        opened = open_issue(folder)
        opened.template.page.size = "A5"
        comp = compose(opened.issue, opened.template, opened.folder)
        result = typeset(comp, opened.template, root / "long.pdf")
    return SimpleNamespace(result=result, titles=[TITLE.format(n=n) for n in range(1, 21)])


def split_words(lines: list[str]) -> list[str]:
    """Known words that a break between consecutive lines cuts in two."""
    cut = []
    for a, b in zip(lines, lines[1:]):
        joint = a[-4:] + b[:4]
        cut += [w for w in WORDS if w in joint and w not in a[-4:] and w not in b[:4]
                and joint.find(w) < len(a[-4:]) < joint.find(w) + len(w)]
    return cut


def grouped(records, style: str, titles: list[str]) -> list[list[str]]:
    """The set lines of each title, in order, from the records of `style`."""
    texts = [r.text.strip() for r in records if r.style == style]
    out = []
    for title in titles:
        for i in range(len(texts)):
            for j in range(i + 1, min(i + 5, len(texts)) + 1):
                if "".join(texts[i:j]) == title:
                    out.append(texts[i:j])
                    break
            else:
                continue
            break
    return out


def test_article_titles_and_contents_entries_break_between_words(long_issue):
    records = long_issue.result.lines
    for style in ("title", "toc_entry"):
        sets = grouped(records, style, long_issue.titles)
        assert len(sets) == 20, style
        assert any(len(s) > 1 for s in sets)
        assert [split_words(s) for s in sets if split_words(s)] == [], style


def test_no_contents_entry_alone_on_a_page(long_issue):
    pages = [r.page for r in long_issue.result.lines if r.style == "toc_number"]
    last = pages[-1]
    assert len(set(pages)) > 1 and pages.count(last) >= 2


def test_no_table_row_alone_on_a_page(long_issue):
    cells = [r for r in long_issue.result.lines if r.style == "table"]
    by_page: dict[int, int] = {}
    for r in cells:
        if r.text.strip().isdigit():                       # the 序号 cell: one per row
            by_page[r.page] = by_page.get(r.page, 0) + 1
    assert len(by_page) > 1 and min(by_page.values()) >= 2


def test_each_further_contents_page_opens_with_its_column_continued(long_issue):
    records = [r for r in long_issue.result.lines if r.style in ("toc_column", "toc_entry")]
    pages = sorted({r.page for r in records})
    assert len(pages) > 1
    for page in pages[1:]:
        first = next(r for r in records if r.page == page)
        assert (first.style, first.text) == ("toc_column", "国策要论（续）")
    assert [r.text for r in records if r.page == pages[0] and r.style == "toc_column"] == ["国策要论"]
