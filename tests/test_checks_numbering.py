"""Numbering and marker style: real series from the sample documents, and generated hierarchies."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.checks import apply_edits, run_checks
from editor.markers import CIRCLED, int_to_cn
from editor.outline import build_outline

from .checks_support import check, make_article, make_issue, rules_of, template

# 网络安全保险: （一）…（十） run on through 一、…五、.
CONTINUOUS = """一、建立健全网络安全保险政策标准体系

（一）完善网络安全保险政策制度。加强网络安全产业政策对网络安全保险的支持。

（二）健全网络安全保险标准规范。支持网络安全产业和保险业加强合作。

二、加强网络安全保险产品服务创新

（三）丰富网络安全保险产品。鼓励保险公司开发多元化网络安全保险产品。

（四）创新发展网络安全保险服务。鼓励网络安全保险服务机构协同合作。

三、强化网络安全技术赋能保险发展

（五）开展网络安全风险量化评估。围绕典型事件开展网络安全风险研究。
"""

# 川渝: restarts under 一、, runs on from 二、 through 三、, restarts again under the last part.
RESTART_THEN_CONTINUE = """一、总体要求

（一）指导思想。以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。

（二）发展目标。到2025年，基本建立与国际先进经贸规则接轨的制度型开放体系。

二、高水平推动贸易投资便利化

（一）开展贸易监管模式协同创新。持续推广应用川渝一体化模式。

（二）完善川渝国际贸易“单一窗口”功能。延伸国际贸易全链条服务。

三、共同建设高效率国际物流枢纽

（三）做优中欧班列（成渝）品牌。共建中欧班列（成渝）一体化运价机制。

四、保障措施

（一）健全工作推进机制。在国务院自由贸易试验区工作部际联席会议统筹下，健全工作推进机制。
"""

# 上海: 第N条 counts on across 第N章; 1、 restarts under each parent.
ARTICLES_ACROSS_CHAPTERS = """第一章 总则

第一条 为加快数据要素市场培育，制定本实施细则。

第二条 本实施细则所支持的对象，是指数据交易场所。

第二章 扶持申请

第三条 申请流程

1、扶持资金申报。数据交易所按要求提交各类申报材料。

2、扶持金额核算。片区管理局进行情况核实。

第四条 申报材料

（一）首次挂牌数据产品支持申报材料

1、首次挂牌数据产品支持申请表；

2、各挂牌企业的营业执照复印件。

（二）优质数据产品流通支持申报材料

1、优质数据流通支持申请表；

2、各交易企业承诺书。
"""

# 可信AI: 1.1 … under 第一章, 2.1 … under 第二章.
DECIMALS = """# 白皮书内容目录

第一章 人工智能迈向发展新阶段

1.1 人工智能发展迎来全新时代

1.2 人工智能可信面临全新挑战

第二章 可信 AI 产业实践深入发展

2.1 应用 AI 鲁棒性技术对抗恶意攻击

2.2 应用 AI 可解释性技术提升决策透明度
"""


def numbering(body: str):
    return [d for d in check(body) if d.category in ("numbering", "marker-style")]


def test_legitimate_series_raise_nothing():
    for body in (CONTINUOUS, RESTART_THEN_CONTINUE, ARTICLES_ACROSS_CHAPTERS, DECIMALS):
        assert numbering(body) == [], body[:20]


def test_a_second_list_under_one_heading_may_restart_after_prose():
    body = ("第一条 申报材料\n\n1、首次挂牌数据产品支持申请表；\n\n2、各挂牌企业承诺书。\n\n"
            "根据每年申报指南要求提供其他补充材料，审核程序如下：\n\n1、材料初审；\n\n2、现场核查。")
    assert numbering(body) == []
    # Without prose in between it is a numbering mistake, and a one-item list does not restart.
    assert rules_of(numbering(body.replace("根据每年申报指南要求提供其他补充材料，审核程序如下：\n\n", ""))) \
        == ["numbering.sequence"]
    one = "第一条 申报材料\n\n1、首次挂牌数据产品支持申请表。\n\n审核程序如下：\n\n1、材料初审；\n\n2、现场核查。"
    assert rules_of(numbering(one)) == ["numbering.duplicate"]


def test_things_that_only_look_like_markers_are_not_numbered():
    body = ("1.加快电子产品技术创新。\n\n2023年7月21日\n\n1.5亿元资金用于支持数据交易。\n\n"
            "1.4GHz 无线移动政务专网加快布局。\n\n一、二级医院要加强管理。\n\n2.打造电子产品消费新场景。")
    assert numbering(body) == []


def test_skip_is_reported_once_at_its_line():
    body = CONTINUOUS.replace("（四）创新", "（五）创新").replace("（五）开展", "（六）开展")
    found = numbering(body)
    assert rules_of(found) == ["numbering.skip"]
    assert "缺少“（四）”" in found[0].message
    assert found[0].location.line == 4 + 11   # front matter takes 4 lines; （四）创新 is the body's line 11


def test_a_typo_is_one_report_not_a_cascade():
    body = CONTINUOUS.replace("（三）丰富", "（四）丰富")
    found = numbering(body)
    assert rules_of(found) == ["numbering.skip"]
    assert "应为“（三）”" in found[0].message
    assert found[0].fix.edits[0].replacement == "（三）" and not found[0].fix.safe


def test_duplicate_and_sequence():
    dup = numbering(CONTINUOUS.replace("（二）健全", "（一）健全"))
    assert rules_of(dup) == ["numbering.duplicate"] and "重复" in dup[0].message
    back = numbering(ARTICLES_ACROSS_CHAPTERS.replace("第四条 申报材料", "第二条 申报材料"))
    assert "numbering.duplicate" in rules_of(back) or "numbering.sequence" in rules_of(back)


def test_a_series_that_neither_restarts_nor_continues():
    body = RESTART_THEN_CONTINUE.replace("（三）做优", "（五）做优")
    found = numbering(body)
    assert rules_of(found) == ["numbering.skip"]
    assert "既不从“（一）”重新编号，也不接续上一项“（二）”" in found[0].message


def test_decimal_under_the_wrong_chapter():
    found = numbering(DECIMALS.replace("2.2 应用", "1.2 应用"))
    assert rules_of(found) == ["numbering.nesting"] and "应为“2.2”" in found[0].message
    assert rules_of(numbering(DECIMALS.replace("1.2 人工", "1.3 人工"))) == ["numbering.skip"]


def test_wrong_nesting():
    body = "（一）完善网络安全保险政策制度。\n\n一、建立健全网络安全保险政策标准体系\n\n（二）健全网络安全保险标准规范。"
    assert "numbering.nesting" in rules_of(numbering(body))


def test_numbered_bullets_are_checked_as_a_flat_list():
    body = "- 1、首次挂牌数据产品支持申请表；\n\n- 2、各挂牌企业承诺书；\n\n- 4、各挂牌企业的营业执照复印件。"
    assert rules_of(numbering(body)) == ["numbering.skip"]


def test_mixed_bracket_width_reported_per_run_with_a_fix():
    body = CONTINUOUS.replace("（三）", "(三) ").replace("（四）", "(四) ")
    found = numbering(body)
    assert rules_of(found) == ["marker-style.bracket-width"]
    assert "“(三)”至“(四)”" in found[0].message and found[0].fix.safe
    assert [e.replacement for e in found[0].fix.edits] == ["（三）", "（四）"]
    assert [(e.start, e.end) for e in found[0].fix.edits] == [(0, 4), (0, 4)]   # the space goes too


def test_half_bracket_in_one_marker_and_consistent_halfwidth_series():
    assert "marker-style.bracket-width" in rules_of(numbering(CONTINUOUS.replace("（二）", "（二)")))
    half = numbering(CONTINUOUS.replace("（", "(").replace("）", ")"))
    assert rules_of(half) == ["marker-style.halfwidth"] and half[0].severity == "info"


def test_marker_punctuation_mixed():
    body = "1.加快电子产品技术创新。\n\n2、打造电子产品消费新场景。\n\n3.着力消除电子产品使用障碍。"
    found = numbering(body)
    assert rules_of(found) == ["marker-style.punct"]
    assert found[0].fix.edits[0].replacement == "."



# ---------------------------------------------------------------- 1） / 一）: only the closing bracket

CLOSE_LEVEL = """一、总体要求

（1）坚持需求牵引。围绕能源行业数字化转型的实际需要开展工作。

1）加快行业转型升级。推动煤炭、油气、电力等行业数字化转型。

2）强化数据要素作用。健全能源数据资源体系。

（2）坚持创新驱动。加快关键技术攻关。

1）推进智能电厂建设。提升新能源发电预测精度。

2）建设智能电网。提升电网运行效率。
"""


def test_a_closing_bracket_level_under_paren_numbers_is_a_level_of_its_own():
    article = make_article(CLOSE_LEVEL)
    nodes = build_outline(article.body)
    levels = [(article.body[i].marker.raw, n.level) for i, n in sorted(nodes.items())]
    assert levels == [("一、", 1), ("（1）", 2), ("1）", 3), ("2）", 3), ("（2）", 2), ("1）", 3), ("2）", 3)]
    # Two forms telling two levels apart is deliberate: nothing to report.
    assert numbering(CLOSE_LEVEL) == []
    # The 1） level may also count on under the next （N）.
    counted = CLOSE_LEVEL.replace("1）推进", "3）推进").replace("2）建设", "4）建设")
    assert numbering(counted) == []


def test_a_missing_opening_bracket_in_a_paren_series_is_a_style_slip_not_a_skip():
    body = CONTINUOUS.replace("（三）丰富", "三）丰富")
    found = numbering(body)
    assert rules_of(found) == ["marker-style.bracket-width"]
    assert "“三）”只有右括号" in found[0].message and "“（一）”" in found[0].message
    assert found[0].location.line == 4 + 9
    edit = found[0].fix.edits[0]
    assert (edit.start, edit.end, edit.replacement) == (0, 2, "（三）") and found[0].fix.safe
    arabic = numbering("（1）坚持需求牵引。\n\n（2）坚持创新驱动。\n\n3) 坚持统筹协调。\n\n（4）坚持安全可控。")
    assert rules_of(arabic) == ["marker-style.bracket-width"]
    assert [(e.start, e.end, e.replacement) for e in arabic[0].fix.edits] == [(0, 3, "（3）")]   # the space goes too
    # A wrong number that also lost its bracket is given back as its list writes it.
    dup = numbering("（1）坚持需求牵引。\n\n（2）坚持创新驱动。\n\n2）坚持统筹协调。")
    assert sorted(rules_of(dup)) == ["marker-style.bracket-width", "numbering.duplicate"]
    assert next(d for d in dup if d.rule == "numbering.duplicate").fix.edits[0].replacement == "（3）"
    # A real gap in such a series is still a gap.
    assert "numbering.skip" in rules_of(numbering(body.replace("（四）创新", "（五）创新").replace("（五）开展", "（六）开展")))


def test_a_closing_bracket_series_where_the_article_writes_the_level_with_brackets():
    body = ("一、总体要求\n\n（1）坚持需求牵引。\n\n（2）坚持创新驱动。\n\n二、重点任务\n\n"
            "1）加快行业转型升级。\n\n2）强化数据要素作用。")
    found = numbering(body)
    assert rules_of(found) == ["marker-style.close-bracket"] and found[0].severity == "warning"
    assert "“1）”至“2）”" in found[0].message and "“（1）”" in found[0].message
    assert [e.replacement for e in found[0].fix.edits] == ["（1）", "（2）"] and found[0].fix.safe
    assert found[0].location.line == 4 + 9


def test_a_closing_bracket_series_on_its_own_is_a_hint():
    body = "一）总体要求\n\n1.坚持需求牵引。\n\n2.坚持创新驱动。\n\n二）重点任务\n\n1.加快行业转型升级。"
    found = numbering(body)
    assert rules_of(found) == ["marker-style.close-only"] and found[0].severity == "info"
    assert "“一）”应写作“（一）”" in found[0].message
    assert [e.replacement for e in found[0].fix.edits] == ["（一）", "（二）"]
    # Numbering inside such a series is checked like any other.
    skipped = numbering("1）坚持需求牵引。\n\n2）坚持创新驱动。\n\n4）坚持统筹协调。")
    assert sorted(rules_of(skipped)) == ["marker-style.close-only", "numbering.skip"]
    assert "缺少“3）”" in next(d for d in skipped if d.rule == "numbering.skip").message


def test_the_close_only_fix_gives_a_clean_article():
    for body in ("一、重点任务\n\n1）加快行业转型升级。\n\n2）强化数据要素作用。",
                 CONTINUOUS.replace("（三）丰富", "三）丰富").replace("（四）创新", "四) 创新")):
        issue = make_issue(make_article(body))
        found = [d for d in run_checks(issue, template()) if d.category == "marker-style"]
        assert found
        for d in found:
            apply_edits(issue, d.fix.edits)
        assert [d for d in run_checks(issue, template()) if d.category in ("marker-style", "numbering")] == []


# ---------------------------------------------------------------- generated hierarchies

SCHEMES = [("cn", "cn-paren", "arabic", "arabic-paren"), ("chapter", "article", "cn-paren", "arabic"),
           ("part", "cn", "cn-paren"), ("cn", "arabic", "circled")]
PLAIN = "为深入贯彻落实党中央、国务院决策部署，现提出如下意见。"


def render(family: str, value: int, half: bool | str = False) -> str:
    """A paragraph numbered `value` in `family`; `half` True writes (一), "close" writes 一）."""
    cn = int_to_cn(value)
    o, c = ("", "）") if half == "close" else ("(", ")") if half else ("（", "）")
    return {
        "part": f"第{cn}部分 发展展望",
        "chapter": f"第{cn}章 总则",
        "article": f"第{cn}条 为加快数据要素市场培育，制定本实施细则。",
        "cn": f"{cn}、总体要求",
        "cn-paren": f"{o}{cn}{c}完善网络安全保险政策制度。加强统筹协调。",
        "arabic": f"{value}.加快电子产品技术创新。推动产业升级。",
        "arabic-paren": f"{o}{value}{c}首次挂牌数据产品支持申请表。",
        "circled": f"{CIRCLED[value - 1]}加强组织领导。",
    }[family]


@st.composite
def hierarchies(draw):
    """Nodes of a well-formed hierarchy (dicts) and None for plain paragraphs, in document order."""
    scheme = draw(st.sampled_from(SCHEMES))
    depth = draw(st.integers(1, len(scheme)))
    modes = [draw(st.sampled_from(["restart", "continue"])) if scheme[lv] != "circled" else "restart"
             for lv in range(depth)]
    counters = [0] * depth
    items: list = []

    def grow(level: int, parent):
        if modes[level] == "restart":
            counters[level] = 0
        for _ in range(draw(st.integers(1, 3))):
            counters[level] += 1
            node = {"family": scheme[level], "value": counters[level], "parent": parent, "half": False,
                    "level": level}
            items.append(node)
            if draw(st.integers(0, 3)) == 0:
                items.append(None)
            if level + 1 < depth and draw(st.booleans()):
                grow(level + 1, id(node))

    grow(0, None)
    return modes, items


def body_of(items) -> str:
    return "\n\n".join(PLAIN if n is None else render(n["family"], n["value"], n["half"]) for n in items)


def problems(items):
    return [d for d in check(body_of(items), source="（来源：国务院）")
            if d.category in ("numbering", "marker-style")]


def with_previous_sibling(items):
    out = []
    for i, n in enumerate(items):
        if n is None:
            continue
        if any(m is not None and m["parent"] == n["parent"] and m["family"] == n["family"] for m in items[:i]):
            out.append(i)
    return out


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(hierarchies())
def test_well_formed_hierarchies_raise_no_numbering_problem(h):
    _, items = h
    assert problems(items) == []


@SETTINGS
@given(hierarchies(), st.data())
def test_an_injected_skip_is_caught_where_it_is(h, data):
    modes, items = h
    candidates = with_previous_sibling(items)
    if not candidates:
        return
    i = data.draw(st.sampled_from(candidates))
    target = items[i]
    continuous = modes[target["level"]] == "continue"
    # Everything after the target in its series moves up by one: one number is missing.
    for n in items[i:]:
        if n is not None and n["family"] == target["family"] and (continuous or n["parent"] == target["parent"]):
            n["value"] += 1
    found = problems(items)
    assert found, "跳号没有被发现"
    assert any(d.block_index == i and d.category == "numbering" for d in found)


@SETTINGS
@given(hierarchies(), st.data())
def test_an_injected_duplicate_is_caught_where_it_is(h, data):
    _, items = h
    candidates = with_previous_sibling(items)
    if not candidates:
        return
    i = data.draw(st.sampled_from(candidates))
    items[i]["value"] -= 1
    found = problems(items)
    assert any(d.block_index == i and d.rule == "numbering.duplicate" for d in found)


@SETTINGS
@given(hierarchies(), st.data())
def test_an_injected_bracket_swap_is_caught_where_it_is(h, data):
    _, items = h
    bracketed = [i for i, n in enumerate(items) if n is not None and n["family"] in ("cn-paren", "arabic-paren")]
    if not bracketed:
        return
    i = data.draw(st.sampled_from(bracketed))
    items[i]["half"] = data.draw(st.sampled_from([True, "close"]))
    found = problems(items)
    assert any(d.block_index == i and d.category == "marker-style" for d in found)
    assert not any(d.category == "numbering" for d in found)


def test_wrong_nesting_is_reported_once_per_parent():
    body = ("1.加快电子产品技术创新。\n\n（一）完善网络安全保险政策制度。\n\n（二）健全网络安全保险标准规范。\n\n"
            "2.打造电子产品消费新场景。\n\n（一）丰富网络安全保险产品。")
    found = [d for d in numbering(body) if d.rule == "numbering.nesting"]
    assert [d.block_index for d in found] == [1, 4]


def test_a_list_of_attachments_is_not_a_numbered_series_without_its_1():
    body = "现印发给你们，请认真贯彻执行。\n\n附件：1.重点工程\n\n2.任务分工\n\n国务院\n\n2021年12月12日"
    assert check(body, "numbering") == []
