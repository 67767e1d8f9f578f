"""What stands around a document's own text, read by its shape: a law's contents list and its
appendix, the adoption lines under a law's title, a label (大纲4) over an attachment published on
its own, a report's cover (issuing bodies and the month under the title).

The lines are real: the openings of the 仲裁法, 劳动法 and 国旗法 as pdftotext gives their published
PDF copies, 江西省's 2022 考试大纲4, 深圳市统计局's 2021 社会性别统计报告 cover."""

from editor.importers import article_from_text
from editor.importers.head import find_title
from editor.importers.cleanup import Unit
from editor.conventions import is_adoption_note, is_label_line, is_month_line, strip_label_prefix
from editor.model import BlockKind

ARBITRATION = """中华人民共和国仲裁法
（中华人民共和国主席令第 31 号）
(1994 年 8 月 31 日第八届全国人民代表大会常务委员会第九次会议通过 根据 2009 年 8 月 27 日第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正)

目录
第一章 总 则
第二章 仲裁委员会和仲裁协会
第三章 仲裁协议

第一章 总 则
第一条 【立法宗旨】为保证公正、及时地仲裁经济纠纷，保护当事人的合法权益，保障社会主义市场经济健康发展，制定本法。
第二条 【积极适用范围】平等主体的公民、法人和其他组织之间发生的合同纠纷和其他财产权益纠纷，可以仲裁。

第二章 仲裁委员会和仲裁协会
第十条 【仲裁委员会的设立】仲裁委员会可以在直辖市和省、自治区人民政府所在地的市设立。
第十一条 【仲裁委员会的设立条件】仲裁委员会应当具备下列条件：有自己的名称、住所和章程。

第三章 仲裁协议
第十六条 【仲裁协议的形式和内容】仲裁协议包括合同中订立的仲裁条款和以其他书面方式在纠纷发生前或者纠纷发生后达成的请求仲裁的协议。
"""

LABOUR_HEAD = """中华人民共和国劳动法
１９９４年７月５日第八届全国人民代表大会常务委员会第八次会议通过
１９９４年７月５日中华人民共和国主席令第二十八号公布
自１９９５年１月１日起施行

第一章 总 则
第一条 为了保护劳动者的合法权益，调整劳动关系，建立和维护适应社会主义市场经济的劳动制度，促进经济发展和社会进步，根据宪法，制定本法。
"""


def test_contents_list_is_not_the_law_s_chapters():
    a = article_from_text(ARBITRATION).article
    assert a.title == "中华人民共和国仲裁法"
    headings = [b.text for b in a.body if b.kind is BlockKind.HEADING]
    assert [h.replace(" ", "") for h in headings] == ["第一章总则", "第二章仲裁委员会和仲裁协会", "第三章仲裁协议"]
    assert not any(b.text.strip() == "目录" for b in a.body)


def test_adoption_lines_without_brackets_are_not_title_lines():
    assert is_adoption_note("１９９４年７月５日中华人民共和国主席令第二十八号公布")
    assert is_adoption_note("（1949年9月28日中国人民政治协商会议第一届全体会议主席团公布）")
    assert not is_adoption_note("关于公布2023年度国家级专精特新“小巨人”企业名单的通知")
    a = article_from_text(LABOUR_HEAD).article
    assert a.title == "中华人民共和国劳动法"


def test_a_label_over_an_attachment_is_not_its_title():
    assert is_label_line("大纲4") and is_label_line("附件1：") and is_label_line("附件")
    assert not is_label_line("一、考试目的") and not is_label_line("第一条")
    assert strip_label_prefix("附件： 2016年宜春市市直机关遴选公务员职位表") == "2016年宜春市市直机关遴选公务员职位表"
    assert strip_label_prefix("附件：1") == "附件：1"          # too short to be a title: left alone
    a = article_from_text("大纲4\n江西省人民政府外事办公室\n2022年招考外语类公务员考试大纲\n一、考试目的\n"
                          "考察报考者是否具备在省级外事工作单位从事涉外工作所必需的外语专业知识和语言应用能力。\n").article
    assert a.title == "江西省人民政府外事办公室\n2022年招考外语类公务员考试大纲"
    assert a.body[0].text.startswith("一、考试目的")


def test_a_report_cover_signs_and_dates_it():
    assert is_month_line("二〇二二年十二月") and is_month_line("2023年5月") and not is_month_line("2023年5月26日")
    a = article_from_text("2021 年深圳市社会性别统计报告\n\n深圳市统计局\n深圳市妇女儿童工作委员会\n"
                          "深圳市性别平等促进办公室\n二〇二二年十二月\n\n1 人口特征\n\n"
                          "2021 年，深圳市常住人口 1761.48 万人，其中男性 969.57 万人，占全市人口的 55.0%。\n").article
    assert a.title.replace(" ", "") == "2021年深圳市社会性别统计报告"
    assert a.signature == "深圳市统计局\n深圳市妇女儿童工作委员会\n深圳市性别平等促进办公室"
    assert a.date == "二〇二二年十二月"
    assert a.body[0].text.startswith("1")


def test_a_qualifier_in_brackets_ends_the_title():
    units = [Unit(t) for t in ("江西省2022年度考试录用公务员面试递补人员名单（71人）",
                               "职位代码 部门名称 职位名称 姓名 准考证号", "1 2 3 4 5")]
    assert find_title(units) == 1


# Lines of the blind check (2026-12-02): the 国家卫生健康委 诊疗方案 PDF, the 国家信访局 page of the
# 公司法 (2005), 万载县's and 江西省's 2022 统计公报 pages, 上饶市公安局's 体能测评通知.

def test_a_bracketed_version_line_is_the_title_s_last_line():
    a = article_from_text("新型冠状病毒肺炎诊疗方案\n（试行第九版）\n为进一步做好新型冠状病毒肺炎（COVID-19）诊疗工作，"
                          "我们组织专家对诊疗方案相关内容进行修订。\n一、病原学特点\n新型冠状病毒属于β属的冠状病毒。\n").article
    assert a.title == "新型冠状病毒肺炎诊疗方案\n（试行第九版）"
    # a note on how it was adopted stays out of the title however short
    a = article_from_text("中华人民共和国国旗法\n（1990年6月28日第七届全国人民代表大会常务委员会第十四次会议通过）\n"
                          "第一条 为了维护国旗的尊严，根据宪法，制定本法。\n第二条 中华人民共和国国旗是五星红旗。\n").article
    assert a.title == "中华人民共和国国旗法"


def test_an_order_in_a_note_over_several_lines_in_chinese_numerals_is_the_doc_number():
    from editor.conventions import find_doc_numbers
    assert [d.number for d in find_doc_numbers("2005年10月27日中华人民共和国主席令第四十二号公布")] == [42]
    a = article_from_text(
        "中华人民共和国公司法\n( 1993年12月29日第八届全国人民代表大会常务委员会第五次会议通过\n"
        "根据 1999年12月25日第九届全国人民代表大会常务委员会第十三次会议《关于修改〈中华人民共和国公司法〉的决定》第一次修正\n"
        "2005年10月27日第十届全国人民代表大会常务委员会第十八次会议修订 2005年10月27日中华人民共和国主席令第四十二号公布)\n"
        "第一章 总则\n第一条 为了规范公司的组织和行为，制定本法。\n第二条 本法所称公司是指有限责任公司和股份有限公司。\n").article
    assert a.doc_number == "中华人民共和国主席令第四十二号"


def test_issuers_side_by_side_under_a_title_and_a_bracketed_month():
    a = article_from_text("万载县2022年国民经济和社会发展统计公报\n万载县统计局    国家统计局万载调查队\n（2023年5月）\n"
                          "2022年，万载全县上下坚持以习近平新时代中国特色社会主义思想为指导，全县经济运行呈现稳中向好的良好态势。\n"
                          "一、综合\n全年实现生产总值(GDP)262.6亿元，按可比价格计算，同比增长5.3％。\n").article
    assert a.signature == "万载县统计局\n国家统计局万载调查队" and a.date == "2023年5月"
    assert a.body[0].text.startswith("2022年，万载全县")


def test_a_footnote_mark_after_the_title_is_not_part_of_it():
    a = article_from_text("江西省2022年国民经济和社会发展统计公报[1]\n江西省统计局  国家统计局江西调查总队\n2023年3月28日\n"
                          "2022年是党的二十大胜利召开之年，是党和国家历史上极为重要的一年。\n").article
    assert a.title == "江西省2022年国民经济和社会发展统计公报"
    assert a.signature == "江西省统计局\n国家统计局江西调查总队"


def test_run_in_labels_are_items_like_their_siblings():
    from editor.markers import parse_marker
    assert parse_marker("1、时间：2019年7月12日，上午7:30").value == 1     # 时 after 、 is text, not a unit
    assert parse_marker("1、2号线") is None and parse_marker("1.5亿元") is None
    a = article_from_text("上饶市2019年度考录人民警察体能测评通知\n\n根据考务工作的安排，具体安排如下：\n\n"
                          "一、体能测试的时间和地点\n\n1、时间：2019年7月12日，上午7:30\n\n"
                          "2、地点：上饶师范学院田径场（信州区茅家岭志敏大道401号）\n\n上饶市公安局政治部\n\n2019年7月3日\n").article
    kinds = [b.kind for b in a.body if b.marker is not None and b.marker.family == "arabic"]
    assert kinds == [BlockKind.ITEM, BlockKind.ITEM]


def test_a_chapter_or_article_glued_after_a_sentence_starts_its_own_paragraph():
    # the 仲裁法 as its web page and PDF copy give it: a lost break before 第三章 and before 第三条
    a = article_from_text(
        "中华人民共和国仲裁法\n\n第二章 仲裁委员会和仲裁协会\n\n第十条 【仲裁委员会的设立】仲裁委员会可以在直辖市设立。\n\n"
        "第十五条 【中国仲裁协会】中国仲裁协会依照本法和民事诉讼法的有关规定制定仲裁规则。第三章 仲裁协议\n\n"
        "第十六条 【仲裁协议的形式和内容】仲裁协议包括合同中订立的仲裁条款。第十七条 【仲裁协议无效的情形】"
        "有下列情形之一的，仲裁协议无效。依照第十六条规定的协议，应当采用书面形式。\n").article
    texts = [b.text for b in a.body]
    assert "第三章 仲裁协议" in texts
    assert any(t.startswith("第十七条 【仲裁协议无效的情形】") for t in texts)
    assert any(t.endswith("依照第十六条规定的协议，应当采用书面形式。") for t in texts)   # a citation stays


def test_a_long_numbered_heading_wrapped_in_an_indented_copy_is_one_heading():
    lines = ["\u3000\u3000为进一步做好新型冠状病毒肺炎诊疗工作，我们组织专家对诊疗方案相关",
             "内容进行修订，形成本方案。",
             "\u3000\u3000十二、护理",
             "\u3000\u3000根据患者病情，明确护理重点并做好基础护理。重症患者密切观察",
             "患者生命体征和意识状态，重点监测血氧饱和度。",
             "\u3000\u3000十三、解除隔离管理、出院标准及解除隔离管理、出院",
             "后注意事项",
             "（一）解除隔离管理标准。",
             "\u3000\u3000轻型病例连续两次新型冠状病毒核酸检测N基因和ORF基因Ct值均",
             "不低于35，可解除隔离管理。",
             "\u3000\u3000十四、转运原则",
             "\u3000\u3000按照国家卫生健康委印发的有关工作方案执行。"]
    a = article_from_text("新型冠状病毒肺炎诊疗方案\n（试行第九版）\n" + "\n".join(lines) + "\n").article
    heads = [b.text for b in a.body if b.kind is BlockKind.HEADING and b.marker and b.marker.family == "cn"]
    assert heads == ["十二、护理", "十三、解除隔离管理、出院标准及解除隔离管理、出院后注意事项", "十四、转运原则"]
