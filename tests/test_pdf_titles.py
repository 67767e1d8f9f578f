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


@pytest.mark.parametrize("title, avail, expected", [
    # 中共中央办公厅 国务院办公厅《关于加快公共数据资源开发利用的意见》(2024): after the issuers, not
    # 关 / 于 nor 关于 / 加快
    ("中共中央办公厅 国务院办公厅关于加快公共数据资源开发利用的意见", 22.9,
     ["中共中央办公厅 国务院办公厅", "关于加快公共数据资源开发利用的意见"]),
    # not 加快推进公共 / 数据资源: a verb parts from its object, two nouns of one name do not
    ("国务院办公厅关于加快推进公共数据资源开发利用的意见", 15.0,
     ["国务院办公厅关于加快推进", "公共数据资源开发利用的意见"]),
    # not 促进电子 / 产品消费
    ("关于印发《上海市促进电子产品消费的若干措施》的通知", 15.0,
     ["关于印发《上海市促进", "电子产品消费的若干措施》的通知"]),
])
def test_titles_keep_compound_names_whole(title, avail, expected):
    assert lines_of(title, avail, None) == expected


@pytest.mark.parametrize("title, avail, expected", [
    # 国发〔2018〕43号 as gov.cn published it (tests/fixtures/real): the same three lines' words, and no
    # 《中华人民共和 / 国 nor 旅 / 游
    ("国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规定的决定", 21.0,
     ["国务院关于在海南博鳌乐城国际医疗旅游", "先行区暂时调整实施《中华人民共和国", "药品管理法实施条例》有关规定的决定"]),
    # 穗民规字〔2025〕2号: not 2025 / 年, not 最 / 低; the two issuers on a line of their own
    ("广州市民政局 广州市财政局关于印发我市2025年最低生活保障及相关社会救助标准的通知", 18.0,
     ["广州市民政局 广州市财政局", "关于印发我市2025年最低生活保障", "及相关社会救助标准的通知"]),
    # 劳社部发〔2008〕3号: not 工作 / 时间
    ("关于职工全年月平均工作时间和工资折算问题的通知", 15.0, ["关于职工全年月平均工作时间", "和工资折算问题的通知"]),
    # a short quoted term is one word: not “总 / 投资额”
    ("关于生态环境执法中建设项目“总投资额”认定问题的指导意见（试行）", 21.0,
     ["关于生态环境执法中建设项目", "“总投资额”认定问题的指导意见（试行）"]),
    # a short book title is one word too: not 《网络安全 / 法》
    ("关于印发《数据安全法》《网络安全法》（试行）（修订）的通知", 18.0,
     ["关于印发《数据安全法》", "《网络安全法》（试行）（修订）的通知"]),
    # 津工信电力〔2021〕3号: not 印 / 发, 2021年 / 春 / 节
    ("市工业和信息化局关于印发2021年春节期间电力需求响应实施细则的通知", 15.0,
     ["市工业和信息化局关于印发", "2021年春节期间电力", "需求响应实施细则的通知"]),
])
def test_real_titles_break_as_a_typesetter_would(title, avail, expected):
    assert lines_of(title, avail, None) == expected


def test_a_title_of_five_thousand_characters_breaks_in_the_fewest_lines():
    # issue #20: balancing was quadratic in the title (800 characters took 4 s, 5,000 never ended)
    base = "国务院办公厅关于加快推进公共数据资源开发利用的意见以及数据要素市场化配置改革试点实施方案（2023—2025年）"
    title = (base * 100)[:5000]
    advances = [0.5 if ch.isascii() else 1.0 for ch in title]
    got = title_lines(title, advances, 22.9, 1.0, None)
    assert got and "".join(got) == title
    assert all(sum(0.5 if c.isascii() else 1 for c in ln) <= 22.9 for ln in got)
    # the fewest lines greedy filling can make, give or take what keeping words whole costs
    assert len(got) <= sum(advances) / 22.9 * 1.1 + 1
    assert title_lines(title, advances, 22.9, 1.0, len(got) + 1) is not None    # one more line also works


@pytest.mark.slow
def test_an_issue_whose_title_runs_over_pages_is_set_within_them(mini_issue, tmp_path):
    """A 3,000-character title (the cover article's) once hung the build: the contents entry, taller
    than a page, moved to a new page behind its column label again and again. Now the title and its
    contents entry break across pages and the cover cuts the headline short with ……."""
    from editor.compose import compose
    from editor.project import open_issue
    from editor.writers.pdf import typeset

    path = mini_issue / "articles" / "a1.md"
    title = ("国务院办公厅关于加快推进公共数据资源开发利用的意见" * 120)[:3000]
    path.write_text(path.read_text(encoding="utf-8").replace("关于测试的通知", title), encoding="utf-8")
    opened = open_issue(mini_issue)
    comp = compose(opened.issue, opened.template, opened.folder)
    result = typeset(comp, opened.template, tmp_path / "t.pdf")
    assert not any("超出版心" in w for w in result.report.warnings)
    title_lines = [r for r in result.lines if r.style == "title"]
    assert "".join(r.text for r in title_lines) == title
    assert len({r.page for r in title_lines}) >= 3
    cover = [r.text for r in result.lines if r.style == "cover_headline"]
    assert cover and cover[-1].endswith("……") and len(cover) < 20
    entries = [r for r in result.lines if r.style == "toc_entry"]
    assert "".join(r.text for r in entries) == title and len({r.page for r in entries}) >= 2
