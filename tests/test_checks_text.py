"""Chinese text rules and list endings: real sentences from the sample, and no noise on legitimate Latin."""

import pytest

from editor.checks import apply_edits

from .checks_support import check, make_article, make_issue, rules_of

SHANGHAI = "鼓励数据交易所支持企业流通交易优质数据,对浦东企业年度内在数据交易所挂牌交易的,经核定,给予数据交易所资金补贴。"


def text_rules(body: str, prefix: str = "punctuation"):
    return check(body, prefix)


def test_halfwidth_commas_in_one_paragraph_are_one_report_with_one_fix():
    found = text_rules(SHANGHAI)
    assert rules_of(found) == ["punctuation.halfwidth"]
    d = found[0]
    assert "3 处" in d.message and d.location.line == 5 and d.location.column == SHANGHAI.index(",") + 1
    assert d.fix.safe and [e.replacement for e in d.fix.edits] == ["，"] * 3


@pytest.mark.parametrize("text,marks", [
    ("(责任单位:重庆市政府口岸物流办、市商务委;四川省政府口岸物流办、省商务厅)", {"(", ":", ";", ")"}),
    ("支持智能建造试点项目采用设计牵头的工程总承包(EPC)模式。", {"(", ")"}),
    ("可享受首台(套)重大技术装备认定推广政策。", {"(", ")"}),
    ("这是问题吗?是的!", {"?", "!"}),
    ("优质数据, 对浦东企业给予补贴。", {","}),
    ("数据交易所提交各类申报材料.片区管理局核算应扶持金额.", {"."}),
])
def test_halfwidth_marks_in_chinese_text(text, marks):
    found = text_rules(text)
    assert rules_of(found) == ["punctuation.halfwidth"]
    fixed = make_article(text)
    issue = make_issue(fixed)
    apply_edits(issue, found[0].fix.edits)
    assert not any(m in fixed.body[0].text for m in marks)
    assert "，对" in fixed.body[0].text or "," not in marks    # the space after the comma goes too


@pytest.mark.parametrize("text", [
    "详见 https://www.gov.cn/zhengce/content/2023-07/21/content_5693.htm?id=1,2 的全文。",
    "来函请发至 GIDI2018@163.com，我们将及时处理。",
    "打造“1+11+N” CIM 平台体系，提供 SZ-IFC 标准格式转换、BIM 模型和 AI 能力。",
    "升级到 v2.3.1 版本，加快布局 1.4GHz 无线移动政务专网。",
    "依据第1.2条和 e.g. 附件，访问 www.gov.cn 或 Inc. 公司官网。",
    "按照 1:1000 比例尺，累计投入 1,000 万元，于 10:30 开始。",
    "持续推广应用“关银一 key 通”川渝一体化模式。",
    "到 2025 年年底，累计实施智能建造试点项目 50 个以上。",
    "GuiZhou Big Data Development Promotion Association, GZBDDPA",
    "对接国际公路运输条约（TIR）和大湄公河次区域（GMS）等公路运输规则。",
])
def test_no_false_positives_on_legitimate_latin_text(text):
    assert text_rules(text) == []


def test_stray_english_word():
    found = text_rules("夯实以BIM/CIM为核心的全市域时空信息平台 and 孪生数字底座。")
    assert rules_of(found) == ["punctuation.latin-word"] and "“and”" in found[0].message
    assert found[0].fix.edits[0].replacement == "和" and not found[0].fix.safe
    assert text_rules("支持 or 操作与 the 分析。")  # any function word
    assert text_rules("The Association and its members") == []


def test_spaces_between_chinese_characters_but_not_around_digits_or_latin():
    found = text_rules("优化项目立项 方式与流程， 提高审批效率。")
    assert rules_of(found) == ["punctuation.cjk-space"] and "2 处" in found[0].message
    assert text_rules("按照每家不超过 10 万元的额度，应用 AI 技术。") == []
    # Spaces after a heading marker belong to the marker, not to the text.
    assert text_rules("第四条 首次挂牌数据产品支持") == []


@pytest.mark.parametrize("text", [
    "依据GB/T 35273—2020《信息安全技术 个人信息安全规范》开展个人信息保护。",
    "参照GB/T 35295-2017《信息技术 大数据 术语》，统一数据口径。",
    "落实《数据安全技术 数据分类分级规则》要求。",
])
def test_a_standards_title_keeps_the_space_between_its_elements(text):
    assert text_rules(text) == []


def test_a_stray_space_inside_an_ordinary_book_title_is_still_found():
    assert rules_of(text_rules("贯彻落实《数据安全 法》，加强数据保护。")) == ["punctuation.cjk-space"]


def test_signatures_keep_their_spaces():
    body = "现提出如下意见。\n\n工业和信息化部 国家金融监督管理总局\n\n2023年7月15日"
    assert text_rules(body) == []


@pytest.mark.parametrize("text,what", [
    ("帮助算清“节能账”“经济账“安全账”，开展试点。", "“"),
    ("根据《关于推动智能建造与建筑工业化协同发展的指导意见（建市〔2020〕60号）等文件精神。", "《"),
    ("推动智能建造与建筑工业化协同发展）等文件精神。", "）"),
])
def test_unbalanced_pairs(text, what):
    found = text_rules(text)
    assert "punctuation.unbalanced" in rules_of(found)
    d = next(d for d in found if d.rule == "punctuation.unbalanced")
    assert d.message.startswith(f"“{what}”")


def test_balanced_pairs_pass():
    assert text_rules("依托中欧班列（成渝）和“一带一路”，对标《区域全面经济伙伴关系协定》（RCEP）。") == []


def test_book_titles_joined_by_a_comma():
    found = text_rules("为贯彻落实《数字中国建设整体布局规划》、《国务院关于加强数字政府建设的指导意见》等文件要求。")
    assert rules_of(found) == ["punctuation.book-title-comma"] and found[0].severity == "info"


def test_titles_and_editor_notes_are_checked_too():
    article = make_article("> 重庆市人民政府办公厅日前印发方案,其中提出到 2025 年年底累计实施试点项目。\n\n正文。",
                           title="可信 AI 技术和应用进展白皮书(2023)")
    found = check(article, "punctuation.halfwidth")
    assert sorted(d.field for d in found) == ["editor_note", "title"]
    two_lines = make_article("正文。", title=["工业和信息化部 国家金融监督管理总局", "关于促进网络安全保险(规范)健康发展的意见"])
    d = check(two_lines, "punctuation")[0]      # the file says title = [ / "…", / "…(规范)…",
    assert (d.location.line, d.location.column) == (4, 6 + len("关于促进网络安全保险"))


# ---------------------------------------------------------------- list endings

LIST = """(二) 优质数据产品流通支持申报材料

1、优质数据流通支持申请表；

2、各交易企业的数据交易所交易凭证复印件。

3、数据交易所支持各交易企业的证明材料；

4、各交易企业承诺书；

5、各交易企业的营业执照复印件。"""


def test_item_ending_in_the_middle_of_a_semicolon_list():
    found = check(LIST, "structure.item-ending")
    assert len(found) == 1 and found[0].block_index == 2
    assert found[0].location.line == 4 + 5 and "以“；”结尾" in found[0].message
    assert found[0].fix.edits[0].replacement == "；"


def test_consistent_lists_pass():
    assert check(LIST.replace("复印件。\n\n3", "复印件；\n\n3"), "structure") == []
    bullets = ("- 首次挂牌数据产品支持申请表；\n\n- 各挂牌企业的数据交易所产品登记证书复印件；\n\n"
               "- 各挂牌企业承诺书；\n\n- 各挂牌企业的营业执照复印件。")
    assert check(bullets, "structure") == []
    assert check(bullets.replace("承诺书；", "承诺书。"), "structure.item-ending")
    # Items that are whole paragraphs end with 。 and are left alone.
    paragraphs = "1.加快技术创新。顺应新一轮科技革命。\n\n2.打造消费新场景。鼓励企业创新。\n\n3.消除使用障碍。加大投入。"
    assert check(paragraphs, "structure") == []


def test_empty_article():
    found = check(make_article("", source=None), "structure.empty")
    assert len(found) == 1


def test_addressee_is_checked_and_markers_of_bullets_and_subheadings_are_not_text():
    article = make_article("- (一) 首次挂牌数据产品支持申报材料\n\n# 第一部分 总体要求\n\n正文。",
                           addressee="各省、自治区、直辖市人民政府,国务院各部委:")
    found = check(article, "punctuation")
    assert [(d.field, d.location.line) for d in found] == [("addressee", 3)]
    assert found[0].location.column == len('addressee = "') + len("各省、自治区、直辖市人民政府") + 1


def test_repeated_marks_but_not_ellipsis_or_dash():
    assert rules_of(text_rules("推动产业发展。。加强统筹；；")) == ["punctuation.repeated"]
    assert text_rules("由“有”向“优”……升级——潜力旺盛。") == []


def test_an_editor_note_that_repeats_its_label_is_fixed_by_dropping_the_label():
    article = make_article("> 编者按：近日，国家数据局印发通知。\n\n现将有关事项通知如下。")
    found = check(article, "structure.note-label")
    assert len(found) == 1 and found[0].fix.safe and found[0].location.column == 3
    apply_edits(make_issue(article), found[0].fix.edits)
    assert article.editor_note[0].text == "近日，国家数据局印发通知。"
    assert check(article, "structure.note-label") == []


def test_straight_quotes_in_chinese_become_chinese_quotes_in_pairs():
    article = make_article('推进"东数西算"工程和"AI+"行动。')
    found = check(article, "punctuation.ascii-quote")
    assert len(found) == 1 and found[0].fix.safe
    apply_edits(make_issue(article), found[0].fix.edits)
    assert article.body[0].text == "推进“东数西算”工程和“AI+”行动。"
    assert check(article, "punctuation") == []
    odd = check('推进"东数西算"和"数据要素市场建设。', "punctuation.ascii-quote")
    assert len(odd) == 1 and odd[0].fix is None and "单数" in odd[0].message
    assert check('He said "hi" to me. 网址 http://a.cn/"x"', "punctuation.ascii-quote") == []


@pytest.mark.parametrize("bad", ["等等。。。", "工业互联网...", "工业互联网…"])
def test_an_ellipsis_is_two_ellipsis_marks(bad):
    article = make_article(f"加快建设数据中心、{bad}")
    found = check(article, "punctuation")
    assert rules_of(found) == ["punctuation.ellipsis"]
    apply_edits(make_issue(article), found[0].fix.edits)
    assert article.body[0].text.endswith("……") and check(article, "punctuation") == []
    assert check("数据中心、算力网络……版本 v1.0...", "punctuation.ellipsis") == []


def test_a_title_ending_in_punctuation_and_an_addressee_without_its_colon_are_fixed():
    article = make_article("现提出如下意见。", title="关于促进数据要素流通的通知。",
                           addressee="各省、自治区、直辖市人民政府，国务院各部委、各直属机构")
    found = check(article, "structure")
    assert rules_of(found) == ["structure.title-punct", "structure.addressee-colon"]
    assert all(d.fix.safe for d in found) and found[0].location.line == 2
    apply_edits(make_issue(article), [e for d in found for e in d.fix.edits])
    assert article.title == "关于促进数据要素流通的通知"
    assert article.addressee.endswith("直属机构：")
    assert check(article, "structure") == []
    # A half-width colon is the half-width rule's, reported once.
    colon = make_article("现提出如下意见。", addressee="各省、自治区、直辖市人民政府:")
    assert rules_of(check(colon, "structure") + check(colon, "punctuation")) == ["punctuation.halfwidth"]


@pytest.mark.parametrize("link,bad", [
    ("https://www.gov.cn/zhengce/content/2023-07/21/content_6893420.htm", False),
    ("http://www.caict.ac.cn/kxyj/qwfb/bps/", False),
    ("www.gov.cn/zhengce/content/2023-07/21/content_6893420.htm", True),
    ("见中国政府网", True),
])
def test_the_link_must_be_a_whole_web_address_for_its_qr_code(link, bad):
    found = check(make_article("现提出如下意见。", link=link), "structure.link")
    assert bool(found) == bad
    if bad:
        assert found[0].location.line == 3 and link in found[0].message
