import pytest

from editor.markers import cn_to_int, format_marker, int_to_cn, parse_marker


@pytest.mark.parametrize("text,family,value,bracket,punct", [
    ("一、建立健全网络安全保险政策标准体系", "cn", 1, "", "、"),
    ("（一）完善网络安全保险政策制度。", "cn-paren", 1, "full", ""),
    ("(七) 推广网络安全保险服务应用。", "cn-paren", 7, "half", ""),
    ("（二十四）加强川渝自贸试验区司法协作。", "cn-paren", 24, "full", ""),
    ("1.加快电子产品技术创新。", "arabic", 1, "", "."),
    ("12. 营造绿色消费氛围。", "arabic", 12, "", "."),
    ("1、扶持资金申报。", "arabic", 1, "", "、"),
    ("１２．全角数字。", "arabic", 12, "", "．"),
    ("（1）第一项。", "arabic-paren", 1, "full", ""),
    ("(3)第三项。", "arabic-paren", 3, "half", ""),
    ("③第三项", "circled", 3, "", ""),
    ("㈡第二项", "paren-ideograph", 2, "full", ""),
    ("第一章 总则", "chapter", 1, "", ""),
    ("第二节 职责", "section", 2, "", ""),
    ("第十三条 本细则实施过程中如遇国家新规定。", "article", 13, "", ""),
    ("第三部分 展望", "part", 3, "", ""),
    ("二是完善制度。", "cn-shi", 2, "", ""),
    ("一百零五、附则", "cn", 105, "", "、"),
    # Only the closing bracket, as pasted from web pages: the （1）/（一） family, bracket "close".
    ("1）加快行业转型升级。", "arabic-paren", 1, "close", ""),
    ("12) 强化数据要素作用。", "arabic-paren", 12, "close", ""),
    ("３）全角数字。", "arabic-paren", 3, "close", ""),
    ("四）以数字化智能化技术带动能源结构转型升级。", "cn-paren", 4, "close", ""),
    ("十一) 加强组织领导", "cn-paren", 11, "close", ""),
])
def test_markers_editors_use(text, family, value, bracket, punct):
    m = parse_marker(text)
    assert m is not None and (m.family, m.value, m.bracket, m.punct) == (family, value, bracket, punct)
    assert text.startswith(m.raw)


def test_decimal_markers_keep_their_path():
    m = parse_marker("2.4 AI 应用实践中的数据模型安全")
    assert (m.family, m.value, m.path) == ("decimal2", 4, (2, 4))
    assert parse_marker("1.2.3 小节").path == (1, 2, 3)


@pytest.mark.parametrize("text", [
    "1.5",                      # a decimal on its own line
    "2023年7月21日",             # a date
    "2023 年 7 月 7 日，大会在上海举办。",
    "1.5亿元资金用于……",          # an amount
    "1.4GHz 无线移动政务专网",
    "一、二级医院要加强管理。",     # an enumeration of numerals
    "1、2号线同步开通。",
    "（一）",                     # nothing after the marker
    "药品来源不明的，依法处理。",
    "一，加强领导",               # a clause, not a heading
    "1）",                       # a closing-bracket marker with nothing after it
    "2023）年度报告",             # four digits are a year, not a marker
    "1））重复的括号",
    "二四）不是数",
])
def test_things_that_only_look_like_markers(text):
    assert parse_marker(text) is None


def test_chinese_numerals_both_ways():
    for n in (1, 9, 10, 11, 19, 20, 24, 99, 100, 105, 110, 999, 1000, 1024):
        assert cn_to_int(int_to_cn(n)) == n
    assert cn_to_int("二四") is None and cn_to_int("十十") is None


def test_format_marker_keeps_the_form():
    assert format_marker(parse_marker("(七) x"), 8) == "(八)"
    assert format_marker(parse_marker("（九）x"), 10) == "（十）"
    assert format_marker(parse_marker("第十三条 x"), 14) == "第十四条"
    assert format_marker(parse_marker("12.营造"), 13) == "13."
    assert format_marker(parse_marker("2.3 x"), 4) == "2.4"
    assert format_marker(parse_marker("3）x"), 4) == "4）"
    assert format_marker(parse_marker("九) x"), 10) == "十)"
