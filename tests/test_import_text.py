"""Importing one article from pasted text, a web page or Markdown."""

from pathlib import Path

import pytest

from editor.cli import main
from editor.content import load_issue
from editor.importers import article_from_text, import_file
from editor.importers.cleanup import Notes, text_units, tidy
from editor.importers.structure import doc_number, split_title
from editor.model import BlockKind

from .conftest import SAMPLE

FIX = Path(__file__).parent / "fixtures" / "import"


def kinds(article):
    return [b.kind for b in article.body]


def test_pdf_copy_with_broken_lines_and_spaced_signature():
    r = import_file(FIX / "pdf_copy.txt")
    a = r.article
    assert a.title == "国家能源局关于加快推进能源数字化\n智能化发展的若干意见"
    assert a.doc_number == "国能发科技[2023]27号"     # bracket style kept as written
    assert a.addressee.startswith("各省（自治区、直辖市）能源局") and a.addressee.endswith("有关中央企业：")
    texts = [b.text for b in a.body]
    # every paragraph is whole: nothing ends mid-sentence except headings and the closing lines
    assert texts[0] == "为深入贯彻落实党的二十大精神，加快推动数字技术与能源产业深度融合，推进能源数字化智能化发展，现提出如下意见。"
    assert "（二）基本原则。坚持需求牵引，坚持创新驱动，坚持统筹协调，坚持安全可控，坚持开放合作。" in texts
    assert any(t.startswith("（三）主要目标。") and t.endswith("提升 3.5 个百分点。") for t in texts)
    # split markers rejoined; the "1" was not taken for a page number
    assert "（四）以数字化智能化技术带动能源结构转型升级。" in texts
    assert any(t.startswith("1．加快行业转型升级。") and "数字化转型" in t for t in texts)
    # page numbers and the running header are gone
    assert not any("—" in t or t == "国家能源局文件" for t in texts)
    # the closing leaves the body for the article's fields, the spaced-out name closed up
    assert a.attachments == ["能源数字化智能化重点方向清单"]
    assert a.signature == "国家能源局" and a.date == "2023 年 3 月 28 日" and a.written_date.date.day == 28
    assert texts[-1] == "（五）加强组织领导。各地能源主管部门要加强统筹协调，确保各项任务落到实处。"
    assert [b.marker.family for b in a.body if b.kind is BlockKind.HEADING][:2] == ["cn", "cn"]
    assert any("接回" in n and "断行" in n for n in r.notes)
    assert any("页码" in n for n in r.notes)


def test_web_scrape_text_drops_chrome_and_keeps_the_link():
    r = import_file(FIX / "web_scrape.txt")
    a = r.article
    assert a.title == "国务院办公厅关于印发《数字乡村建设行动方案》的通知"
    assert a.doc_number == "国办发（2023）18 号"
    assert a.addressee == "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
    assert a.link == "https://www.gov.cn/zhengce/content/2023-07/10/content_0000001.htm"
    texts = [b.text for b in a.body]
    for chrome in ("首页", "打印", "分享到", "字体", "发布时间", "关闭窗口", "扫一扫"):
        assert not any(chrome in t for t in texts), chrome
    assert "1、 加快乡村信息基础设施建设。推进农村千兆光网建设。(责任单位：工业和信息化部、中央网信办)" in texts
    assert any(b.kind is BlockKind.SUBHEADING and b.text == "数字乡村建设行动方案" for b in a.body)
    # the page's 来源 field says what the source line names: written in the house form
    assert a.source.text == "（来源：国务院办公厅）"
    assert "来源取自网页信息栏：国务院办公厅" in r.notes
    assert a.signature == "国务院办公厅" and a.date == "2023年7月5日"


def test_source_label_and_value_on_two_lines():
    a = import_file(FIX / "source_two_lines.txt").article
    assert a.title == "贵州省数据流通交易管理办法（试行）"
    assert a.source.text == "来源：贵州省大数据发展管理局"
    assert [b.marker.family for b in a.body] == ["article", "article"]


def test_html_page_through_lxml():
    r = import_file(FIX / "gov_page.html")
    a = r.article
    assert a.title == "工业和信息化部等六部门关于印发《算力基础设施\n高质量发展行动计划》的通知"
    assert a.doc_number == "工信部联通信〔2023〕180号"
    assert a.addressee.endswith("有关中央企业：")
    assert a.link == "https://www.gov.cn/zhengce/zhengceku/202310/content_6907831.htm"
    texts = [b.text for b in a.body]
    assert texts[0] == "现将《算力基础设施高质量发展行动计划》印发给你们，请结合实际，认真贯彻落实。"
    assert not any(w in t for t in texts for w in ("脚本", "首页", "打印", "分享", "责任编辑", "相关文章", "网站地图", "关闭"))
    table = next(b for b in a.body if b.kind is BlockKind.TABLE)
    assert table.rows == [["指标", "2023年", "2025年"], ["算力规模（EFLOPS）", "220", "300"], ["存储总量（EB）", "1200", "1800"]]
    assert kinds(a)[texts.index("2023年9月25日") - 2:texts.index("2023年9月25日") + 1] == [
        BlockKind.SIGNATURE, BlockKind.SIGNATURE, BlockKind.DATE_LINE]
    item = next(t for t in texts if t.startswith("（一）"))
    assert item.endswith("。（牵头单位：工业和信息化部、国家发展改革委）")


def test_markers_split_across_lines_and_dash_artefacts():
    text = "关于开展试点工作的通知\n\n（\n三）加强宣传引导。做好政策解读。\n\n- 1、试点申报表；\n- 1.1 总体情况\n\n- 说明文字\n"
    a = article_from_text(text).article
    assert [b.text for b in a.body] == ["（三）加强宣传引导。做好政策解读。", "1、试点申报表；", "1.1 总体情况", "说明文字"]
    assert a.body[-1].kind is BlockKind.LIST_ITEM   # a real bullet, not before a number: kept as a list item


def test_decimals_dates_and_amounts_are_not_headings():
    text = "关于数据的报告\n\n2023年7月15日\n\n3.5\n\n1.5亿元用于建设。\n\n2025年底前完成。\n"
    a = article_from_text(text).article
    assert all(b.marker is None for b in a.body)
    assert a.body[0].kind is BlockKind.DATE_LINE


def test_cjk_spaces_removed_but_marker_space_and_latin_kept():
    a = article_from_text("某市数据条例\n\n第一条 为了 促进 数据 利用，推动 AI 发展，制定本条例。\n").article
    assert a.body[0].text == "第一条 为了促进数据利用，推动 AI 发展，制定本条例。"


def test_paste_of_an_article_file_is_read_as_is():
    text = "+++\ntitle = \"关于测试的通知\"\n+++\n\n正文。\n"
    r = article_from_text(text)
    assert r.article.title == "关于测试的通知" and r.article.body[0].text == "正文。"


def test_markdown_file(tmp_path):
    f = tmp_path / "a.md"
    f.write_text("# 关于推进数据标注产业发展的实施意见\n\n## 一、总体要求\n\n**坚持**创新驱动。\n\n"
                 "| 指标 | 目标 |\n|---|---|\n| 规模 | 100 |\n\n- 要点一\n- 1. 完成标注。提升质量。\n", encoding="utf-8")
    a = import_file(f).article
    assert a.title == "关于推进数据标注产业发展的实施意见"
    assert [b.kind for b in a.body] == [BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.TABLE,
                                        BlockKind.LIST_ITEM, BlockKind.ITEM]
    assert a.body[1].text == "坚持创新驱动。"


def test_helpers():
    assert doc_number("国办发[2023]14号") == "国办发[2023]14号"
    assert doc_number("发文字号：川办发（2023）1 号") == "川办发（2023）1 号"
    assert doc_number("2023年14号") is None
    assert split_title("工业和信息化部 国家金融监督管理总局 关于促进网络安全保险规范健康发展的意见") == [
        "工业和信息化部 国家金融监督管理总局", "关于促进网络安全保险规范健康发展的意见"]
    assert split_title("可信 AI 技术和应用进展白皮书（2023）") == ["可信 AI 技术和应用进展白皮书（2023）"]
    notes = Notes()
    units = tidy(text_units("国 家 发 展 改 革 委　　工 业 和 信 息 化 部\n— 3 —\n第 2 页 共 9 页\n"), notes)
    assert [u.text for u in units] == ["国家发展改革委 工业和信息化部"]


def test_cli_import_into_an_issue(mini_issue, capsys):
    code = main(["import", str(FIX / "pdf_copy.txt"), "--into", str(mini_issue), "--column", "地方新政"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "已导入" in out and "接回" in out
    issue = load_issue(mini_issue)
    assert [c.name for c in issue.columns] == ["国策要论", "地方新政"]
    added = issue.columns[1].articles[0]
    assert added.id.startswith("02-") and added.doc_number == "国能发科技[2023]27号"
    # an unknown column is refused in Chinese, nothing written
    assert main(["import", str(FIX / "pdf_copy.txt"), "--into", str(mini_issue), "--column", "不存在"]) == 2
    assert "栏目“不存在”" in capsys.readouterr().err
    assert len(load_issue(mini_issue).articles) == 2


def test_cli_import_prints_without_writing(capsys):
    assert main(["import", str(FIX / "source_two_lines.txt")]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("+++\ntitle = \"贵州省数据流通交易管理办法（试行）\"")
    assert "接回 1 处分成两行的来源" in out.err


def test_wrapped_copy_with_indented_paragraphs():
    """Paragraph starts are indented: a full stop at the end of a wrapped line does not end the paragraph."""
    a = import_file(FIX / "pdf_indented.txt").article
    assert a.title == "关于推进公共数据资源开发利用的意见"
    texts = [b.text for b in a.body]
    assert texts[2] == ("公共数据资源开发利用坚持统筹发展和安全。坚持依法依规、安全有序，确保数据安全。坚持需求导向、注重实效，"
                        "推动公共数据供给与需求有效对接，促进数据流通使用。各地区各部门要结合实际抓好落实。")
    assert texts[4] == "（一）扩大公共数据资源供给。建立健全公共数据资源目录体系，推动公共数据资源登记。"
    assert (a.signature, a.date) == ("国家数据局", "2024年9月21日")
    assert len(a.body) == 6


def test_red_header_and_doc_number_above_the_title():
    text = "国务院办公厅文件\n国办发〔2024〕5号\n国务院办公厅关于优化营商环境的意见\n各省、自治区、直辖市人民政府：\n现提出以下意见。\n"
    a = article_from_text(text).article
    assert (a.title, a.doc_number, a.addressee) == (
        "国务院办公厅关于优化营商环境的意见", "国办发〔2024〕5号", "各省、自治区、直辖市人民政府：")
    assert [b.text for b in a.body] == ["现提出以下意见。"]


def test_no_title_uses_the_page_title_or_refuses(tmp_path):
    f = tmp_path / "page.htm"
    f.write_text("<html><head><title>关于数据安全的通知_政策_某市政府网</title></head>"
                 "<body><p>各单位要加强数据安全管理。</p></body></html>", encoding="utf-8")
    r = import_file(f)
    assert r.article.title == "关于数据安全的通知"
    assert any("暂用" in n for n in r.notes)
    with pytest.raises(Exception, match="没有找到标题"):
        article_from_text("一、总体要求\n\n（一）加强领导。落实责任。\n")


def test_saved_page_address_is_the_link_unless_the_page_names_one(tmp_path):
    page = ("<!-- saved from url=(0045)https://www.gov.cn/zhengce/content/abc.htm -->\n"
            "<html><head><link rel=\"canonical\" href=\"https://www.gov.cn/zhengce/content/canonical.htm\">"
            "</head><body><h1>关于数据安全的通知</h1><p>各单位要加强数据安全管理。</p>{extra}</body></html>")
    f = tmp_path / "a.html"
    f.write_text(page.format(extra=""), encoding="utf-8")
    r = import_file(f)
    assert r.article.link == "https://www.gov.cn/zhengce/content/canonical.htm"
    assert any("网页地址" in n for n in r.notes)
    f.write_text(page.format(extra="<p>原文链接：https://www.miit.gov.cn/original.html</p>"), encoding="utf-8")
    assert import_file(f).article.link == "https://www.miit.gov.cn/original.html"


def _wrap(text, width):
    """Lines of `text` as a PDF viewer copies them: cut at `width` (Latin half width), no line
    starting with closing punctuation."""
    lines, cur, w = [], "", 0.0
    for ch in text:
        step = 0.5 if ch.isascii() else 1.0
        if w + step > width and ch not in "，。、；：！？）》”’":
            lines.append(cur)
            cur, w = "", 0.0
        cur += ch
        w += step
    return lines + [cur] if cur else lines


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample issue not available")
@pytest.mark.parametrize("width", [28, 34, 41])
@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_sample_articles_rewrapped_like_a_pdf_copy_come_back_whole(width, separator):
    """Every paragraph of the sample, cut into lines of one width (with or without a blank line after
    each), is rejoined exactly: the line that stops short ends a paragraph, a full line runs on."""
    issue = load_issue(SAMPLE)
    for art in issue.articles:
        paras = [b.text for b in art.body if b.kind is not BlockKind.SUBHEADING]
        lines = [art.title.replace("\n", "")]
        for p in paras:
            lines += _wrap(p, width)
        lines.append(art.source.text)
        got = article_from_text(separator.join(lines)).article
        # A space that fell on a wrap point is lost, as in a real copy.
        assert [b.text.replace(" ", "") for b in got.body] == [p.replace(" ", "") for p in paras], art.id
        assert got.source.text == art.source.text


def test_source_under_the_title_moves_to_the_end():
    text = "国务院常务会议部署推进数据要素工作\n2023-08-01 18:02\n来源：新华社\n国务院总理主持召开国务院常务会议。\n会议指出，要加快数据要素市场建设。\n"
    r = article_from_text(text)
    a = r.article
    assert a.source.text == "来源：新华社"
    assert [b.text for b in a.body] == ["国务院总理主持召开国务院常务会议。", "会议指出，要加快数据要素市场建设。"]
    assert any("移到末尾" in n for n in r.notes)


def test_word_copy_with_indented_whole_paragraphs():
    text = ("关于做好数据统计工作的通知\n各有关单位：\n　　为做好数据统计工作，现将有关事项通知如下\n"
            "　　一、统计范围\n　　全市规模以上企业。\n　　二、工作要求\n　　各单位要按时报送数据\n"
            "　　联系人：张三\n")
    a = article_from_text(text).article
    assert a.addressee == "各有关单位："
    assert [b.text for b in a.body] == ["为做好数据统计工作，现将有关事项通知如下", "一、统计范围", "全市规模以上企业。",
                                        "二、工作要求", "各单位要按时报送数据", "联系人：张三"]


def test_source_line_broken_inside_its_brackets():
    a = article_from_text("关于测试的通知\n\n各单位要加强管理。\n\n（来源：工业和信息化部、国家\n\n金融监督管理总局）\n").article
    assert a.source.text == "（来源：工业和信息化部、国家金融监督管理总局）"
    assert [b.text for b in a.body] == ["各单位要加强管理。"]


def test_policy_library_page_in_gb2312_with_an_information_table():
    """gov.cn's policy library: the 文号 and issuer sit in a table above the text, the text in a layout table."""
    r = import_file(FIX / "policy_library.html")
    a = r.article
    assert a.title == "国务院办公厅关于印发全国一体化政务大数据体系建设指南的通知"
    assert a.doc_number == "国办函〔2022〕102号"
    assert a.addressee == "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
    assert [b.kind for b in a.body] == [BlockKind.PARAGRAPH]
    assert (a.signature, a.date, a.remark) == ("国务院办公厅", "2022年9月13日", "（此件公开发布）")
    assert not any(b.kind is BlockKind.TABLE for b in a.body)
    assert a.source is None          # the table's 发文机关 names the issuer, no source line
    assert "文号取自网页信息表：国办函〔2022〕102号" in r.notes


def test_a_marker_whose_number_and_dot_landed_on_lines_of_their_own():
    # A PDF copy can put the number, its dot and the text on three lines: "3" is then no page number.
    a = article_from_text("关于推进算网融合的通知\n\n二、主要任务\n1.加快网络建设。\n2.推进算网协同。\n"
                          "3\n.\n有序推进基础设施智能升级。\n").article
    assert [b.text for b in a.body][-1] == "3.有序推进基础设施智能升级。"
    assert a.body[-1].marker is not None and a.body[-1].marker.value == 3


def test_a_title_word_the_copy_wrapped_onto_its_own_line_joins_the_line_above():
    a = article_from_text("国务院关于印发《“十四五”数字经济发展规划》的\n通知\n国发〔2021〕29号\n"
                          "各省、自治区、直辖市人民政府：\n现将规划印发给你们，请认真贯彻执行。\n").article
    assert a.title == "国务院关于印发《“十四五”数字经济发展规划》的通知"
    assert a.doc_number == "国发〔2021〕29号"


@pytest.mark.parametrize("label", ["编者按：", "【编者按】\n\n"])
def test_a_pasted_editor_note_becomes_the_articles_editor_note(label):
    text = (f"关于促进数据要素流通的通知\n{label}近日，国家数据局印发通知，\n部署数据要素流通工作。\n\n"
            "各省、自治区、直辖市数据局：\n\n现将有关事项通知如下。\n\n来源：国家数据局\n")
    a = article_from_text(text).article
    assert a.title == "关于促进数据要素流通的通知"
    assert [b.text for b in a.editor_note] == ["近日，国家数据局印发通知，部署数据要素流通工作。"]
    assert a.addressee == "各省、自治区、直辖市数据局："
    assert [b.text for b in a.body] == ["现将有关事项通知如下。"]


def test_web_page_menu_rows_are_chrome_and_the_closing_goes_to_the_fields():
    # A gov.cn page: the language/login menu above the <h1> and "【我要纠错】 责任编辑：……" below the text.
    r = import_file(FIX / "gov_page_menu.html")
    a = r.article
    assert a.title == "国务院办公厅关于加快推进政务服务标准化规范化便利化的指导意见"
    assert a.doc_number == "国办发〔2022〕5号"
    assert not any("纠错" in b.text or "责任编辑" in b.text for b in a.body)
    assert a.remark == "（此件公开发布）" and a.attachments == ["政务服务事项基本目录编制规范"]
    assert (a.signature, a.date) == ("国务院办公厅", "2022年2月24日")
    assert a.source.text == "（来源：中国政府网）"      # the page's 来源 field, in the house form
    assert a.body[-1].kind is BlockKind.TABLE


@pytest.mark.parametrize("line", ["首页 | 简 | 繁 | EN | 登录", "【我要纠错】 责任编辑：王洋", "打印本页 关闭窗口"])
def test_menu_rows_are_chrome(line):
    from editor.importers.cleanup import chrome_kind
    assert chrome_kind(line) == "chrome"


@pytest.mark.parametrize("line", ["数据 | 算力 | 算法三者协同推进。", "| 上海 | 贵州 | 重庆 |", "上海 | 10.5 | 20", "打印机 采购 项目"])
def test_text_with_bars_or_words_is_not_chrome(line):
    from editor.importers.cleanup import chrome_kind
    assert chrome_kind(line) is None


def test_a_policy_librarys_information_rows_copied_as_text_are_read_not_kept():
    # gov.cn 政策文件库 copied as text: 索 引 号 / 发文机关 / 标　　题 / 发文字号 rows above the title.
    r = import_file(FIX / "policy_library_copy.txt")
    a = r.article
    assert a.title == "国务院办公厅关于加快发展数字经济的意见"
    assert a.doc_number == "国办发〔2023〕25号"
    assert a.source is None and a.signature == "国务院办公厅"
    assert not any("索" in b.text and "引" in b.text for b in a.body)
    assert a.body[0].text.startswith("数字经济是继农业经济")


def test_running_text_with_a_label_word_is_not_an_information_row():
    from editor.importers.cleanup import Notes, read_info_line
    assert not read_info_line("本标题所称数据，是指任何以电子方式对信息的记录。", Notes())
    notes = Notes()
    assert read_info_line("发文机关：国务院办公厅\t成文日期：2023年07月25日", notes)
    assert notes.meta_fields == {"发文机关": "国务院办公厅", "成文日期": "2023年07月25日"}


@pytest.mark.parametrize("title,expect", [
    ("中国（上海）自由贸易试验区专项发展资金支持数据要素市场发展实施细则", "中国自由贸易试验区"),
    ("重庆市智能建造试点城市建设实施方案", "重庆市智能建造试点城市"),
    ("关于促进电子产品消费的若干措施", "促进电子产品消费"),
    ("可信 AI 技术和应用进展白皮书（2023）", "可信AI技术和应用进展白"),   # no place to break: cut at the limit
])
def test_article_ids_from_long_titles_end_at_a_word_where_they_can(title, expect):
    from editor.importers import article_id_from_title
    assert article_id_from_title(title) == expect


def test_an_article_id_is_not_cut_inside_shichang():
    from editor.importers import article_id_from_title
    assert article_id_from_title("关于推进数据要素市场化配置改革的实施意见").startswith("推进数据要素市场化")
    assert article_id_from_title("贵州省区块链技术创新与产业发展规划实施方案").startswith("贵州省区块链")


def test_head_rules_seen_on_real_pages():
    from editor.importers.head import adoption_order, is_addressee, split_glued_doc_number, trailing_credit
    assert split_glued_doc_number("关于加强和规范电网规划投资管理工作的通知(发改能源规〔2020〕816号)") == (
        "关于加强和规范电网规划投资管理工作的通知", "发改能源规〔2020〕816号")
    assert split_glued_doc_number("关于报送情况的通知（川办发（2023）1号）") == ("关于报送情况的通知", "川办发（2023）1号")
    assert split_glued_doc_number("行动方案（2023—2025年）") == ("行动方案（2023—2025年）", None)
    assert adoption_order("（2021年7月27日中华人民共和国国务院令第746号公布）") == "中华人民共和国国务院令第746号"
    assert adoption_order("（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）") is None
    assert trailing_credit("……位列三县两区第一。（德清县发改局）") == "（德清县发改局）"
    assert trailing_credit("……位列第一。（2023年）") is None and trailing_credit("加强管理（试行）") is None
    assert is_addressee("区属各单位：") and is_addressee("国网天津市电力公司，有关单位：")
    assert not is_addressee("为落实《环境影响评价法》第三十一条，现就有关问题提出以下意见：")


def test_an_article_cited_at_a_paragraphs_start_is_no_marker():
    from editor.markers import parse_marker
    assert parse_marker("第九十九条规定：“违反本法规定……”") is None
    assert parse_marker("第一百一十八条第一款规定：“……”") is None
    assert parse_marker("第九十九条 违反本法规定的，责令改正。").family == "article"
    assert parse_marker("第二十条之一 本条新增。").family == "article"


def test_an_empty_source_label_names_nothing():
    from editor.importers.cleanup import META_SOURCE_RE, meta_value
    assert META_SOURCE_RE.search("文章来源：  作者：") is None
    assert meta_value(META_SOURCE_RE.search("信息来源：区卫生健康局浏览量：-").group(1)) == "区卫生健康局"
    a = article_from_text("关于测试的通知\n\n来源：\n作者：\n\n各单位要加强管理。\n").article
    assert a.source is None


def test_a_space_between_two_bodies_names_stays_one_inside_a_word_goes():
    from editor.importers.cleanup import remove_cjk_spaces
    assert remove_cjk_spaces("国家发展改革委办公厅 国家能源局综合司关于印发的通知")[0] == \
        "国家发展改革委办公厅 国家能源局综合司关于印发的通知"
    assert remove_cjk_spaces("浙江省教育工会  绍兴市总工会")[0] == "浙江省教育工会 绍兴市总工会"
    assert remove_cjk_spaces("推动行业数 字 化转型") == ("推动行业数字化转型", 2)
    assert remove_cjk_spaces("国家能源局 将加强监管") == ("国家能源局将加强监管", 1)


def test_a_space_beside_a_full_width_mark_goes_and_latin_keeps_its_spaces():
    """Seen in real PDF copies: 清单， 供各地 (a justified line's stretch after the comma)."""
    from editor.importers.cleanup import remove_cjk_spaces
    assert remove_cjk_spaces("现将清单， 供各地参考。") == ("现将清单，供各地参考。", 1)
    assert remove_cjk_spaces("贯彻 《数据安全法》（试行） 和 “数据 二十条”")[0] == "贯彻《数据安全法》（试行） 和“数据二十条”"
    # after a closing bracket a space may part two cells of a table flattened to text
    assert remove_cjk_spaces("法官助理岗（一） 李文琪")[0] == "法官助理岗（一） 李文琪"
    assert remove_cjk_spaces("各省、 自治区、直辖市：")[0] == "各省、自治区、直辖市："
    # a mark beside Latin text or a digit is another matter: those spaces are the text's
    assert remove_cjk_spaces("支持 AI， Big Data 等技术")[0] == "支持 AI， Big Data 等技术"
    assert remove_cjk_spaces("第 1 条， 2 款")[0] == "第 1 条， 2 款"


def test_a_law_database_export_header_is_read_not_taken_for_the_title():
    """A law database's export opens with its record: 【法宝引证码】 CLI.… and 原文链接：…, then the
    fields (发文字号：, 时效性：…) and ends with its buttons (复制全文, 下载PDF). The text under the header
    is a real document's (tests/fixtures/real/, 国办发〔2018〕123号, as the HTML import reads it)."""
    from tests.real_corpus import load_manifest
    doc = next(d for d in load_manifest() if d.id == "govcn-guobanfa-2018-123")
    text = import_file(doc.path).cleaned_text.split("+++", 2)[2]
    export = ("【法宝引证码】 CLI.2.325210\n原文链接：https://www.pkulaw.com/chl/1a2b3c.html\n"
              "发文字号：国办发〔2018〕123号\n时效性：现行有效\n施行日期：2018.12.07\n\n"
              "国务院办公厅关于推进政务新媒体健康有序发展的意见\n\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\n"
              + text + "\n复制全文\n下载PDF\n")
    a = article_from_text(export).article
    assert a.title == "国务院办公厅关于推进政务新媒体健康有序发展的意见"
    assert a.doc_number == "国办发〔2018〕123号"
    assert a.addressee == "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
    assert a.link == "https://www.pkulaw.com/chl/1a2b3c.html"
    assert not any(w in b.text for b in a.body for w in ("复制全文", "下载PDF", "法宝引证码"))
