"""Where long titles break (editor/writers/titles.py), with every character an em and Latin half."""

from __future__ import annotations

import pytest

from editor.writers.titles import title_lines


def lines_of(title: str, avail: float, count: int) -> list[str] | None:
    advances = [0.5 if ch.isascii() else 1.0 for ch in title]
    return title_lines(title, advances, avail, 1.0, count)


@pytest.mark.parametrize("title, avail, count, expected", [
    # not 数据要素市场 / 化配置改革: the word stays whole, the lines still nearly even
    ("关于印发第10号数据要素市场化配置改革试点实施方案的通知", 22.9, 2,
     ["关于印发第10号数据要素市场化", "配置改革试点实施方案的通知"]),
    # a book title goes whole onto the second line rather than splitting 一体化
    ("国家发展改革委 国家数据局关于印发《数字经济促进共同富裕实施方案》的通知", 22.9, 2,
     ["国家发展改革委 国家数据局关于印发", "《数字经济促进共同富裕实施方案》的通知"]),
    # two issuers: the break is the space between their names
    ("工业和信息化部 国家金融监督管理总局", 15.0, 2, ["工业和信息化部", "国家金融监督管理总局"]),
    ("关于加快推进全国一体化算力网络国家枢纽节点建设和数据要素市场化配置改革以及公共数据授权运营试点工作的实施意见",
     22.9, 3, ["关于加快推进全国一体化算力网络国家", "枢纽节点建设和数据要素市场化配置改革",
               "以及公共数据授权运营试点工作的实施意见"]),
])
def test_titles_break_between_words_and_stay_balanced(title, avail, count, expected):
    assert lines_of(title, avail, count) == expected


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one():
    title = "川渝自贸试验区协同开放示范区深化改革创新行动方案（2023—2025年）"
    for avail in (13.0, 17.0, 22.0):
        for count in (2, 3):
            got = lines_of(title, avail, count)
            if got:
                assert "".join(got) == title
                assert all(ln[0] not in "）》，。" and ln[-1] not in "（《" for ln in got)
                assert all(sum(0.5 if c.isascii() else 1 for c in ln) <= avail for ln in got)


def test_a_title_that_cannot_fit_in_so_few_lines_is_none():
    assert lines_of("关于促进电子产品消费的若干措施", 5.0, 2) is None
    assert lines_of("短标题", 10.0, 1) is None                 # one line needs no breaking
