"""No false alarms on real texts: what real documents do on purpose is not reported.

Every text here is real (sources in tests/fixtures/checks/README.md or next to each case);
where a test damages one, it says how, and the damage is what a copy from a web page or PDF
really does.
"""

from pathlib import Path

import pytest

from editor.markers import parse_marker

from .checks_support import check, make_article, rules_of

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
HYGIENE = (FIXTURES / "公共场所卫生管理条例.md").read_text(encoding="utf-8")   # 国务院, 1987/2019
AMENDMENT = (FIXTURES / "刑法修正案十二.md").read_text(encoding="utf-8")       # 全国人大常委会, 2023


def numbering(body: str):
    return [d for d in check(body) if d.category == "numbering"]


# ---------------------------------------------------------------- quotations over several paragraphs

def test_a_quotation_over_several_paragraphs_is_balanced():
    # 刑法修正案（十二）: “国有公司…  ⏎ “其他公司…处罚。” — and quoted items “（一）… “（二）… “（三）…
    assert [d for d in check(AMENDMENT, "punctuation.unbalanced")] == []


def test_a_quotation_that_never_closes_is_still_reported():
    # The amendment's first item with its closing ” lost at the end of the last paragraph.
    first = AMENDMENT.split("\n\n二、")[0]
    assert first.endswith("依照前款的规定处罚。”")
    damaged = first[:-1]
    found = check(damaged, "punctuation.unbalanced")
    assert found and all("“" in d.message for d in found)
    assert {d.block_index for d in found} == {0, 1}    # both paragraphs of the quotation stay open


def test_a_quotation_followed_by_plain_text_is_unclosed():
    # 公共场所卫生管理条例 第四条 and 第十四条 put in quotation marks as an amendment would, with the
    # closing ” lost: the next paragraph does not continue the quotation, so both opens are reported.
    body = "将第四条修改为：“国家对公共场所实行卫生许可证制度。\n\n“卫生许可证由县以上卫生行政部门签发。\n\n罚款一律上交国库。"
    found = check(body, "punctuation.unbalanced")
    assert len(found) == 2


# ---------------------------------------------------------------- 第N条 through chapters

def test_articles_are_numbered_through_chapter_headings():
    assert numbering(HYGIENE) == []


@pytest.mark.parametrize("damage", ["## 卫生监督", "卫生监督"], ids=["heading", "paragraph"])
def test_after_a_chapter_heading_that_lost_its_number_the_articles_count_on(damage):
    # A copy where 第三章 lost its number: 第十条 follows 第九条 and is no restart.
    damaged = HYGIENE.replace("## 第三章 卫生监督", damage)
    assert damaged != HYGIENE
    assert numbering(damaged) == []


def test_the_chapter_numbers_themselves_still_show_the_lost_one():
    damaged = HYGIENE.replace("## ", "").replace("第三章 卫生监督", "卫生监督")
    found = numbering(damaged)
    assert rules_of(found) == ["numbering.skip"] and "第三章" in found[0].message


def test_a_real_restart_of_articles_after_a_heading_is_fine_too():
    # A notice that forwards a regulation: its own text, then the regulation from 第一条.
    body = ("现将《公共场所卫生管理条例》印发给你们，请遵照执行。\n\n# 公共场所卫生管理条例\n\n"
            + HYGIENE.replace("## ", ""))
    assert numbering(body) == []


# ---------------------------------------------------------------- attachment lists

# 东阳市人民政府办公室、江西省人民政府办公厅 notices end with their attachments; the forms below are the
# ones issue #12 lists as seen on real pages (附件1.…, 附件：1.…, and file names between the lines).
NOTICE = "现将《东阳市促进残疾人就业行动实施方案（2023—2025年）》印发你们，请结合实际认真贯彻落实。"


@pytest.mark.parametrize("attachments", [
    "附件：1.东阳市促进残疾人就业行动任务分解表\n\n2.东阳市残疾人就业工作联系人名单",
    "附件1.东阳市促进残疾人就业行动任务分解表\n\n2.东阳市残疾人就业工作联系人名单\n\n3.东阳市残疾人就业情况统计表",
    "附件：1.东阳市促进残疾人就业行动任务分解表\n\n2021020415215164.docx\n\n2.东阳市残疾人就业工作联系人名单\n\n"
    "2021020415215165.xlsx",
], ids=["附件：1.", "附件1.", "file names"])
def test_attachment_lists_are_not_body_numbering(attachments):
    assert numbering(NOTICE + "\n\n" + attachments) == []


def test_a_list_after_the_attachments_that_skips_is_still_reported():
    body = NOTICE + "\n\n附件1.任务分解表\n\n2.联系人名单\n\n一、总体目标\n\n三、主要措施"
    assert rules_of(numbering(body)) == ["numbering.skip"]


# ---------------------------------------------------------------- amounts on their own lines

# A table copied from a PDF comes out one cell per line: a decimal with its unit alone on a line is
# an amount, not a section number. Amounts as real texts write them: 1.4 GHz (深圳数字孪生行动计划,
# content/2023-29/06), 2.95 %（金华市婺城区政策举措 2025，https://chu21.com/html/chunengy-43847.shtml),
# 5.5 %（国发〔2020〕6号，https://www.cs.com.cn/xwzx/hg/202006/t20200611_6066561.html), 2.5 万人
# (赣府厅字〔2022〕90号，https://dongao.com/fgk/qt/202302014100936.shtml); the others are units of the same kind.
@pytest.mark.parametrize("line", ["1.4 GHz", "2.95 %", "5.5 %", "2.5 万人", "3.14 平方公里", "100.5 吨", "6.5 MW",
                                  "12.5 万元", "2.35", "0.8"])
def test_an_amount_alone_on_a_line_is_no_marker(line):
    assert parse_marker(line) is None


def test_numbers_with_text_after_them_are_still_markers():
    # 可信 AI 技术和应用进展白皮书（2023）'s contents (content/2023-29/07).
    assert parse_marker("2.1 应用 AI 鲁棒性技术对抗恶意攻击").path == (2, 1)
    assert parse_marker("1.1 人工智能发展迎来全新时代").path == (1, 1)


def test_a_table_copied_as_lines_raises_no_numbering_problem():
    # 国发〔2020〕6号's 2020 targets as a two-column table copied line by line.
    body = ("主要预期目标如下：\n\n指标\n\n目标\n\n城镇调查失业率\n\n6 %\n\n城镇登记失业率\n\n5.5 %\n\n"
            "居民消费价格涨幅\n\n3.5 %\n\n城镇新增就业\n\n900 万人")
    assert numbering(body) == []
    assert not any(b.marker for b in make_article(body).body)
