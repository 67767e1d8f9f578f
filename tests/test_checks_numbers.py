"""Numbers and dates (GB/T 15835): full-width digits, 〇 in years, one year style, dates that exist, 日 not 号.

Real texts, with where each comes from; where a bad example is a real sentence changed by
hand, the comment says what was changed.
"""

import pytest

from editor.checks import apply_edits
from editor.conventions import find_dates

from .checks_support import check, make_article, make_issue, rules_of

# The law collection LawRefBook/Laws (commit 2f4c5c2), as in tests/fixtures/checks/README.md.
LAWS = "https://github.com/LawRefBook/Laws/blob/2f4c5c23716267af9dbebbbbd6cbbf732b101981/"


def numbers(body: str, **kw):
    return check(body, "numbers.", **kw)


def fixed(body: str, diagnostic, **kw) -> str:
    article = make_article(body, **kw)
    issue = make_issue(article)
    apply_edits(issue, diagnostic.fix.edits)
    return article.body[diagnostic.block_index].text if diagnostic.field == "body" else getattr(article, diagnostic.field)


# ---------------------------------------------------------------- full-width digits

def test_fullwidth_digits_in_a_doc_number_are_found_and_fixed():
    # 黑龙江省人民政府's own listing of its documents (fileNumber as published): 黑政调〔２０２０〕６号,
    # for 《黑龙江省人民政府关于调整 3 个议事协调机构组成人员的通知》 (2020-11).
    found = [d for d in numbers("现将调整情况通知如下。", doc_number="黑政调〔２０２０〕６号")
             if d.rule == "numbers.fullwidth-digit"]
    assert len(found) == 1 and found[0].field == "doc_number" and "“２０２０”" in found[0].message
    assert found[0].fix.safe
    assert fixed("现将调整情况通知如下。", found[0], doc_number="黑政调〔２０２０〕６号") == "黑政调〔2020〕6号"


def test_fullwidth_digits_in_running_text():
    # 公共场所卫生管理条例 第十六条 (国务院) with its “15天” typed in full-width digits, as an input
    # method in full-width mode writes them.
    body = "对罚款、停业整顿及吊销“卫生许可证”的行政处罚不服的，在接到处罚通知之日起１５天内，可以向当地人民法院起诉。"
    found = numbers(body)
    assert rules_of(found) == ["numbers.fullwidth-digit"]
    assert fixed(body, found[0]).count("15天内") == 1


def test_halfwidth_digits_and_fullwidth_punctuation_are_fine():
    # 赣府厅字〔2022〕90号: “2022-2024年，共实现全省城乡新增残疾人就业2.5万人。”
    assert numbers("2022-2024年，共实现全省城乡新增残疾人就业2.5万人。每年公益性岗位安置残疾人就业不少于1万人。") == []


# ---------------------------------------------------------------- 〇 in years

@pytest.mark.parametrize("body,bad,right", [
    # 卫生部办公厅 卫办规财发〔2008〕158号, as published at https://110ask.com/zhishi/14360508507718746784.html
    ("现将财政部办公厅《关于进一步加强中央基本建设项目竣工财务决算工作的通知》转发给你们，请遵照执行。\n\n"
     "二○○八年八月十五日", "○", "二〇〇八年"),
    # 最高人民法院关于审理不正当竞争民事案件应用法律若干问题的解释 第十九条 (LAWS + 司法解释/…(2020-12-29).md)
    ("第十九条 本解释自二零零七年二月一日起施行。", "零", "二〇〇七年"),
    # 公安机关适用继续盘问规定 第四十四条 (LAWS + 部门规章/公安部/公安机关适用继续盘问规定(2004-07-12).md)
    ("第四十四条 本规定自二○○四年十月一日起施行。", "○", "二〇〇四年"),
    # 深圳证券交易所《上市公司股东大会数据接口（Ver1.3）》 cover, PDF text: “深圳证券交易所 二○二二年十一月”
    ("深圳证券交易所上市公司股东大会数据接口\n\n深圳证券交易所\n\n二○二二年十一月", "○", "二〇二二年"),
])
def test_a_zero_in_a_chinese_numeral_year_is_written_ling_circle(body, bad, right):
    found = [d for d in numbers(body) if d.rule == "numbers.year-zero"]
    assert len(found) == 1 and f"“{bad}”" in found[0].message and found[0].fix.safe
    assert right in fixed(body, found[0])


def test_the_written_date_field_is_checked_and_fixed_too():
    # 卫生部办公厅's 成文日期 as the importer keeps it: in the article's date field.
    found = [d for d in numbers("现将通知转发给你们，请遵照执行。", date="二○○八年八月十五日") if d.rule == "numbers.year-zero"]
    assert len(found) == 1 and found[0].field == "date"
    assert fixed("现将通知转发给你们，请遵照执行。", found[0], date="二○○八年八月十五日") == "二〇〇八年八月十五日"


def test_a_digit_zero_among_chinese_numerals_is_caught_too():
    # The same 卫生部 date typed with a digit 0, as in 二0二三年 on many city pages.
    found = [d for d in numbers("二0〇八年八月十五日") if d.rule == "numbers.year-zero"]
    assert found and "“0”" in found[0].message


def test_a_year_written_right_and_numerals_that_are_no_year_are_left_alone():
    # 红十字会法（2017）第二十九条: “一九八六年十月日内瓦国际红十字大会” — correct 〇-less year;
    # 一百零五 is a number, where 零 is right (GB/T 15835).
    assert [d for d in numbers("是指一九八六年十月日内瓦国际红十字大会第二十五次会议通过的章程。") if d.rule == "numbers.year-zero"] == []
    assert numbers("二〇二三年七月十五日") == []
    assert numbers("共计一百零五项。") == []


# ---------------------------------------------------------------- one style of year

def test_an_article_mixing_year_styles_gets_a_hint_at_the_rarer_one():
    # 上海市经济技术开发区条例 第二十一条 and 第三十条 (LAWS + DLC/上海地方法规/地方性法规/上海/上海市经济技术开发区条例.md)
    body = ("第二十一条 开发区内的生产性外商投资企业，在一九九五年底前免征地方所得税。\n\n"
            "第二十二条 开发区内的企业应当依法纳税。\n\n第三十条 本条例自1989年1月1日起施行。\n\n"
            "第三十一条 本条例由市人民政府负责解释，2024年起按新规执行。")
    found = numbers(body)
    assert rules_of(found) == ["numbers.year-style"] and found[0].severity == "info"
    assert "一九九五年" in found[0].message and found[0].block_index == 0
    assert found[0].related and found[0].related[0].block_index == 2


def test_dates_standing_alone_and_book_titles_do_not_count_as_running_text():
    # 东阳市人民政府办公室's notice: body years in digits; a 成文日期 in Chinese numerals is the old
    # GB/T 9704 style and no mixing; a cited title keeps its own style.
    body = ("《东阳市促进残疾人就业行动实施方案（2023—2025年）》已经市政府同意，现印发你们。\n\n"
            "到2025年，全市新增残疾人就业800人以上。\n\n东阳市人民政府办公室\n\n二〇二三年三月十三日")
    assert numbers(body) == []
    assert numbers("依据《二〇三五年远景目标纲要》，到2025年基本建成。") == []


# ---------------------------------------------------------------- dates that exist

@pytest.mark.parametrize("body,why", [
    # 刑法修正案（十二）第八条 with its day changed from 3月1日 to 2月30日.
    ("八、本修正案自2024年2月30日起施行。", "2 月没有 30 日"),
    # 国发〔2020〕6号's year changed: 2023 was no leap year.
    ("本意见自2023年2月29日起施行。", "不是闰年"),
    ("本规定自二〇〇四年四月三十一日起施行。", "4 月没有 31 日"),
    ("请于13月15日前将承销数量以书面形式报告总行筹资部。", "没有 13 月"),
])
def test_a_date_that_does_not_exist_is_an_error(body, why):
    found = numbers(body)
    assert rules_of(found) == ["numbers.bad-date"] and why in found[0].message and found[0].severity == "error"


def test_real_dates_pass():
    # 2024 was a leap year; 12月31日 and 6月30日 from 上海市经济技术开发区条例 and 红十字会法.
    assert numbers("本办法自2024年2月29日起施行，有效期至2025年12月31日，1997年6月30日前签订的契约除外。") == []


def test_the_date_finder_reads_both_numeral_styles():
    d = find_dates("于二〇二三年七月二十一日印发，7月28日公布")
    assert [(x.year, x.month, x.day, x.chinese) for x in d] == [(2023, 7, 21, True), (None, 7, 28, False)]
    assert [x.year for x in find_dates("二○二三年七月一日，二0二三年七月二日，2023年7月3日")] == [2023, 2023, 2023]
    assert find_dates("第2012月报") == [] and find_dates("到2025年年底") == []


# ---------------------------------------------------------------- 号 for a day

def test_hao_for_a_calendar_day_is_reported_with_a_fix_to_confirm():
    # The sample's 02 note (content/2023-29) as it would read with the day written colloquially.
    body = "> 7月21号，国家发展改革委等部门印发了《关于促进电子产品消费的若干措施》的通知。\n\n电子产品消费是实物消费的重要品类。"
    found = numbers(body)
    assert rules_of(found) == ["numbers.day-hao"] and found[0].field == "editor_note"
    assert found[0].fix and not found[0].fix.safe and found[0].fix.description == "改为“7月21日”"


@pytest.mark.parametrize("body", [
    # A 文号 (国发〔2020〕6号, cs.com.cn copy of the State Council's opinion) and an address.
    "根据《国务院关于落实〈政府工作报告〉重点工作部门分工的意见》（国发〔2020〕6号）要求。",
    "通信地址：深圳市深南大道 2012 号深圳证券交易所信息科技二部。",        # SZSE's interface spec
])
def test_hao_that_numbers_something_is_no_day(body):
    assert [d for d in numbers(body) if d.rule == "numbers.day-hao"] == []
