"""The 编者按 against its article: counts, the quoted title, issuing bodies, the date, figures.

The sample issue's seven articles and their notes are real (《大数据发展动态》2023年第29期): every
claim in them was checked by hand against the text — 01's 五方面共十条 (一、…五、 and （一）…(十)),
02's 12项措施 (1.…12.), 04's 五大方面 / 24条措施 (二、…六、, (一)…(二十四), framed by 一、总体要求 and
七、保障措施), every 《title》, issuing body and figure — and all are right, so the rules must be
silent there and catch each mistake put in by hand. The other real documents are cited where used.
"""

import json

import pytest

from editor.checks import run_checks
from editor.checks.note import same_body, title_forms, title_issuers
from editor.checks.note_claims import count_claims, figures, issuer_claims, quoted_titles
from editor.cli import main
from editor.content import parse_article
from editor.project import open_issue

from .checks_support import check, make_issue, template
from .conftest import SAMPLE
from .test_checks_sample import inject


def note_rules(target):
    return [d for d in check(target) if d.category == "note"]


def article(text: str):
    problems: list = []
    a = parse_article(text.strip() + "\n", "a1", "articles/a1.md", problems)
    assert a is not None, problems
    return a


# ---------------------------------------------------------------- the sample

@pytest.fixture(scope="module")
def sample():
    opened = open_issue(SAMPLE)
    return opened, run_checks(opened.issue, opened.template)


def test_the_samples_notes_are_right_and_nothing_is_reported(sample):
    opened, found = sample
    assert [d for d in found if d.category in ("note", "numbers")] == []
    # …and not because nothing was read: the claims are there.
    notes = {a.id: " ".join(b.text for b in a.editor_note) for a in opened.issue.articles}
    assert [(c.what, c.value) for c in count_claims(notes["01-网络安全保险"])] == [("aspects", 5), ("items", 10)]
    assert [(c.what, c.value) for c in count_claims(notes["02-电子产品消费"])] == [("items", 12)]
    assert [(c.what, c.value) for c in count_claims(notes["04-川渝自贸"])] == [("aspects", 5), ("items", 24)]
    assert [n for n, _ in issuer_claims(notes["01-网络安全保险"])[0].names] == ["工业和信息化部", "国家金融监督管理总局"]
    assert [q.text for q in quoted_titles(notes["05-重庆智能建造"])] == ["重庆市智能建造试点城市建设实施方案"]
    assert [(f.number, f.unit) for f in figures(notes["05-重庆智能建造"], [])] == [("50", "个"), ("2", "条")]


# One mistake each, as the issue lists them; where the mistake is and what it is measured against.
INJECTIONS = [
    ("count", "01-网络安全保险", "五方面共十条", "五方面共十一条", "note.count", "(十)"),
    ("item deleted", "02-电子产品消费", None, None, "note.count", "11.完善质量标准体系"),
    ("title word", "01-网络安全保险", "印发《关于促进网络安全保险规范健康发展的意见》",
     "印发《关于促进网络安全保险规范有序发展的意见》", "note.title", '"工业和信息化部 国家金融'),
    ("issuer replaced", "02-电子产品消费", "国家发展改革委等部门印发了", "商务部等部门印发了", "note.issuer",
     'doc_number = "发改就业'),
    ("joint issuer replaced", "01-网络安全保险", "工业和信息化部、国家金融监督管理总局近日", "工业和信息化部、中国人民银行近日",
     "note.issuer", '"工业和信息化部 国家金融'),
    ("date after the issue", "02-电子产品消费", "7月21日，国家发展改革委", "7月28日，国家发展改革委", "note.date", None),
    ("figure", "05-重庆智能建造", "试点项目 50 个以上，智能建造技术应用水平显著提升，培育一批具有智能建造核心竞争力",
     "试点项目 60 个以上，智能建造技术应用水平显著提升，培育一批具有智能建造核心竞争力", "note.figure", "累计实施智能建造试点项目 50 个"),
]
ITEM_12 = ("12.营造绿色消费氛围。加强绿色节能理念的宣传，提升居民对超期服役家电危害性的认识，帮助算清“节能账”“经济账”“安全账”，"
           "开展绿色电子产品相关标识试点，积极引导消费者更换老旧家电、高能耗家电。\n\n")


def _line(folder, name, needle):
    text = (folder / "articles" / f"{name}.md").read_text(encoding="utf-8")
    return text[:text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("what,name,old,new,rule,related_at", INJECTIONS, ids=[i[0] for i in INJECTIONS])
def test_each_injected_mistake_is_caught_in_the_note_with_the_place_it_disagrees_with(
        sample_copy, what, name, old, new, rule, related_at):
    path = sample_copy / "articles" / f"{name}.md"
    text = path.read_text(encoding="utf-8")
    old, new = (ITEM_12, "") if old is None else (old, new)
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    opened = open_issue(sample_copy)
    found = [d for d in run_checks(opened.issue, opened.template) if d.category in ("note", "numbers")]
    assert [d.rule for d in found] == [rule], [d.message for d in found]
    d = found[0]
    # Every injection is in the note's first paragraph, one line of the file.
    assert d.field == "editor_note" and d.location.file == f"articles/{name}.md"
    assert d.location.line == _line(sample_copy, name, "> ")
    assert d.related, "a note finding says what it disagrees with"
    r = d.related[0]
    if related_at is None:
        assert r.location.file == "issue.toml" and "2023年7月21日" in r.message
    else:
        assert r.location.file == f"articles/{name}.md"
        assert r.location.line == _line(sample_copy, name, related_at)


def test_the_count_message_says_what_the_text_has(sample_copy):
    inject(sample_copy, "04-川渝自贸", "推出24条措施", "推出25条措施")
    opened = open_issue(sample_copy)
    d = next(d for d in run_checks(opened.issue, opened.template) if d.rule == "note.count")
    assert "“25条措施”" in d.message and "24 条" in d.message and "“(一)”至“(二十四)”" in d.message


def test_the_count_of_aspects_leaves_out_framing_sections(sample_copy):
    # 04: 一、总体要求 and 七、保障措施 carry (一)(二) and (一)…(四) of their own; 五大方面 is 二、…六、.
    inject(sample_copy, "04-川渝自贸", "五大方面推出", "七大方面推出")
    opened = open_issue(sample_copy)
    d = [d for d in run_checks(opened.issue, opened.template) if d.rule == "note.count"]
    assert len(d) == 1 and "5 个方面" in d[0].message and "“二、”至“六、”" in d[0].message


# ---------------------------------------------------------------- counts on other texts

def test_counts_in_real_summaries_are_read():
    # 人民日报 2018-03-22 (人民网, http://5bwl.com/n1/2018/0322/c219468-29882758.html):
    # “会议将《政府工作报告》提出的12个方面57项重点任务逐项分解”
    claims = count_claims("会议将《政府工作报告》提出的12个方面57项重点任务逐项分解、明确责任")
    assert [(c.what, c.value) for c in claims] == [("aspects", 12), ("items", 57)]
    # 新华社 2021-03-15: “把政府工作报告提出的38个方面44项重点工作分解到国务院部门”
    claims = count_claims("把政府工作报告提出的38个方面44项重点工作分解到国务院部门和有关地方")
    assert [(c.what, c.value) for c in claims] == [("aspects", 38), ("items", 44)]
    # Figures and ordinals are no counts: 05's “特色产业链 2 条以上”, 第3条.
    assert count_claims("新增智能建造特色产业链 2 条以上，依照第3条规定") == []


def test_a_regulations_articles_are_what_gong_n_tiao_counts():
    # 公共场所卫生管理条例 (国务院), tests/fixtures/checks: 五章十九条.
    from .test_checks_real_texts import HYGIENE
    body = "> 《条例》共五章十九条，对公共场所的卫生管理、卫生监督和罚则作了规定。\n\n" + HYGIENE.replace("## ", "")
    assert note_rules(body) == []
    wrong = note_rules(body.replace("共五章十九条", "共五章二十条"))
    assert [d.rule for d in wrong] == ["note.count"] and "19 条" in wrong[0].message


def test_a_plan_whose_one_task_section_holds_the_aspects():
    # 05 of the sample: 二、主要任务 holds (一)…(五) with 1.…18. under them.
    from editor.content import load_issue
    chongqing = next(a for a in load_issue(SAMPLE).articles if a.id == "05-重庆智能建造")
    chongqing.editor_note[0].text += "《方案》从五个方面提出18项任务。"
    assert note_rules(make_issue(chongqing)) == []
    chongqing.editor_note[0].text = chongqing.editor_note[0].text.replace("18项任务", "20项任务")
    assert [d.rule for d in note_rules(make_issue(chongqing))] == ["note.count"]


# ---------------------------------------------------------------- titles and issuers on real notices

# 甘肃省人民政府办公厅 甘政办发〔2020〕41号 with the news lead that introduced it
# (https://farvict.com/newsxx,33164.html): the note names one of the two documents the notice forwards.
GANSU = """+++
title = "甘肃省人民政府办公厅印发关于进一步促进消费扩大内需的实施意见和行动计划的通知"
doc_number = "甘政办发〔2020〕41号"
+++

> 甘肃省人民政府办公厅日前发布了《关于进一步促进消费扩大内需的实施意见》。

各市、自治州人民政府，兰州新区管委会，省政府各部门，中央在甘有关单位：

为深入贯彻落实“六稳”“六保”要求，统筹做好疫情防控和经济社会发展各项工作，进一步促进消费、扩大内需，推动全省经济社会平稳健康发展，省政府研究制定了《关于进一步促进消费扩大内需的实施意见》和《关于进一步促进消费扩大内需的行动计划》（以下简称《实施意见》和《行动计划》）。现将《实施意见》和《行动计划》印发你们，请认真抓好贯彻落实。

甘肃省人民政府办公厅

2020年5月3日

（来源：甘肃省人民政府办公厅）
"""

# 金华市婺城区人民政府's notice with its news lead (https://chu21.com/html/chunengy-43847.shtml), the
# lead's half-width comma as published.
WUCHENG = """+++
title = "金华市婺城区人民政府关于印发关于推动经济高质量发展若干政策举措(2025年版)的通知"
+++

> 日前,金华市婺城区人民政府印发关于推动经济高质量发展若干政策举措(2025年版)的通知。

各乡镇人民政府、街道办事处，区直属有关单位：

《关于推动经济高质量发展若干政策举措(2025年版)》已经区政府同意，现印发给你们，请认真贯彻执行。

金华市婺城区人民政府

2025年4月1日

（来源：金华市婺城区人民政府）
"""


def test_real_notices_raise_nothing():
    for text in (GANSU, WUCHENG):
        assert note_rules(article(text)) == []


def test_an_issuer_not_among_the_signatures_or_the_titles_issuers_is_reported():
    found = note_rules(article(GANSU.replace("> 甘肃省人民政府办公厅日前", "> 甘肃省发展和改革委员会日前")))
    assert [d.rule for d in found] == ["note.issuer"] and "甘肃省发展和改革委员会" in found[0].message
    assert found[0].related[0].field == "title"
    found = note_rules(article(WUCHENG.replace("> 日前,金华市婺城区", "> 日前,金华市金东区")))
    assert [d.rule for d in found] == ["note.issuer"]


def test_a_note_date_before_the_documents_written_date_is_reported():
    # 甘政办发〔2020〕41号 is dated 2020年5月3日; a note saying it was issued on 4月28日 is wrong.
    text = GANSU.replace("> 甘肃省人民政府办公厅日前发布了", "> 2020年4月28日，甘肃省人民政府办公厅发布了")
    found = note_rules(article(text))
    assert [d.rule for d in found] == ["note.date"] and "2020年5月3日" in found[0].message
    assert found[0].related[0].block_index is not None
    assert note_rules(article(text.replace("4月28日", "5月6日"))) == []      # published three days later


def test_the_closing_may_be_the_articles_fields():
    # The same notice as the importer keeps it: 署名 and 成文日期 as fields of the article file.
    fields = GANSU.replace('doc_number = "甘政办发〔2020〕41号"\n',
                           'doc_number = "甘政办发〔2020〕41号"\nsignature = "甘肃省人民政府办公厅"\ndate = "2020年5月3日"\n')
    fields = fields.replace("\n甘肃省人民政府办公厅\n\n2020年5月3日\n", "\n")
    a = article(fields)
    assert a.signatories == ["甘肃省人民政府办公厅"] and a.date == "2020年5月3日"
    assert note_rules(a) == []
    found = note_rules(article(fields.replace("> 甘肃省人民政府办公厅日前发布了", "> 2020年4月28日，甘肃省人民政府办公厅发布了")))
    assert [d.rule for d in found] == ["note.date"] and found[0].related[0].field == "date"
    found = note_rules(article(fields.replace("title = \"甘肃省人民政府办公厅印发", "title = \"印发")
                               .replace("> 甘肃省人民政府办公厅日前", "> 甘肃省商务厅日前")))
    assert [d.rule for d in found] == ["note.issuer"] and found[0].related[0].field == "signature"


def test_title_forms_unwrap_the_notice_and_drop_the_issuers():
    # 赣府厅字〔2022〕90号 (https://dongao.com/fgk/qt/202302014100936.shtml) and 国发〔2023〕16号
    # (国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见).
    jiangxi = article('+++\ntitle = "江西省人民政府办公厅关于印发江西省促进残疾人就业三年行动实施方案(2022-2024年)的通知"\n+++\n\n正文。')
    assert "江西省促进残疾人就业三年行动实施方案（2022—2024年）" in title_forms(jiangxi)
    assert title_issuers(jiangxi) == ["江西省人民政府办公厅"]
    note = "> 江西省人民政府办公厅印发《江西省促进残疾人就业三年行动实施方案（2022—2024年）》。\n\n正文。"
    good = article('+++\ntitle = "江西省人民政府办公厅关于印发江西省促进残疾人就业三年行动实施方案(2022-2024年)的通知"\n+++\n\n' + note)
    assert note_rules(good) == []
    bad = article('+++\ntitle = "江西省人民政府办公厅关于印发江西省促进残疾人就业三年行动实施方案(2022-2024年)的通知"\n+++\n\n'
                  + note.replace("就业三年行动", "就业五年行动"))
    found = note_rules(bad)
    assert [d.rule for d in found] == ["note.title"] and "“五”" in found[0].message and "“三”" in found[0].message
    mongolia = article('+++\ntitle = ["国务院关于推动内蒙古高质量发展", "奋力书写中国式现代化新篇章的意见"]\n'
                       'doc_number = "国发〔2023〕16号"\n+++\n\n正文。')
    assert title_issuers(mongolia) == ["国务院"]
    assert "关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见" in title_forms(mongolia)


def test_short_names_and_cited_documents_are_not_the_title():
    # 04 and 06 of the sample call the plan 《行动方案》/《行动计划》 after naming it in full; 01's note
    # cites 《中华人民共和国网络安全法》 before it names the 意见.
    assert [q.text for q in quoted_titles("《行动计划》明确了打造“四个先锋”的重点任务")] == ["行动计划"]
    from editor.content import load_issue
    for a in load_issue(SAMPLE).articles:
        assert [d for d in note_rules(make_issue(a)) if d.rule == "note.title"] == [], a.id


def test_issuer_claims_as_notes_write_them():
    assert [n for n, _ in issuer_claims("近日，四川省与重庆市共同出台《川渝自贸试验区协同开放示范区深化改革创新行动方案》")[0].names] \
        == ["四川省", "重庆市"]
    claim = issuer_claims("7月21日，国家发展改革委等部门印发了《关于促进电子产品消费的若干措施》的通知")[0]
    assert claim.et_al and [n for n, _ in claim.names] == ["国家发展改革委"]
    # 甘政办发〔2020〕41号: “依据国家发展改革委等23个国家部委联合印发的《…》” cites a document, it is no news.
    assert issuer_claims("依据国家发展改革委等23个国家部委联合印发的《关于促进消费扩容提质加快形成强大国内市场的实施意见》") == []


def test_names_of_one_body():
    tpl = template()

    class Ctx:
        template = tpl
    assert same_body("国家发改委", "国家发展改革委", Ctx)               # an alias in the template
    assert same_body("重庆市", "重庆市人民政府", Ctx)                   # a region for its government
    assert same_body("广东省深圳市人民政府办公厅", "深圳市人民政府办公厅", Ctx)
    assert not same_body("商务部", "国家发展改革委", Ctx)
    assert not same_body("四川省人民政府办公厅", "重庆市人民政府办公厅", Ctx)


# ---------------------------------------------------------------- figures

# 东阳市人民政府办公室 东阳市促进残疾人就业行动实施方案（2023—2025年）, 一、总体目标
# (http://www.dongyang.gov.cn/art/2023/3/21/art_1229692327_59603057.html); the note quotes its targets.
DONGYANG_GOAL = ("到2025年，全市新增残疾人就业800人以上，组织开展残疾人职业技能培训1300人次以上，新增残疾人公益性岗位70个以上，"
                 "劳动年龄段持证残疾人就业率达60%以上，其中有就业意愿应届残疾人大学生就业率达100%。")


def test_figures_the_text_gives_pass_and_a_changed_one_is_found_with_the_right_one_beside_it():
    note = "> 《方案》提出，到2025年，全市新增残疾人就业800人以上，新增残疾人公益性岗位70个以上，持证残疾人就业率达60%以上。"
    assert note_rules(note + "\n\n" + DONGYANG_GOAL) == []
    found = note_rules(note.replace("70个以上", "80个以上") + "\n\n" + DONGYANG_GOAL)
    assert [d.rule for d in found] == ["note.figure"] and "“80个以上”" in found[0].message
    assert "70个" in found[0].related[0].message
    found = note_rules(note.replace("60%", "65%") + "\n\n" + DONGYANG_GOAL)
    assert [d.rule for d in found] == ["note.figure"] and "65%" in found[0].message


def test_years_counts_and_titles_in_a_note_are_no_figures():
    assert figures("到 2025 年年底，提出了12项措施", [(10, 15)]) == []
    assert note_rules("> 《方案（2023—2025年）》到2030年基本建成。\n\n到2025年建成。") == []


# ---------------------------------------------------------------- the command shows the related place

def test_check_shows_the_related_place_in_text_and_json(capsys, sample_copy):
    inject(sample_copy, "01-网络安全保险", "五方面共十条", "五方面共十一条")
    code = main(["check", str(sample_copy)])
    out = capsys.readouterr().out
    lines = out.split("\n")
    k = next(i for i, line in enumerate(lines) if "[note.count]" in line)
    assert code == 0 and lines[k + 1].startswith("    相关位置 articles/01-网络安全保险.md:42:1: 正文的最后一条")
    main(["check", str(sample_copy), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    d = next(x for x in data if x["rule"] == "note.count")
    assert d["related"] == [{"message": "正文的最后一条", "file": "articles/01-网络安全保险.md", "line": 42, "column": 1,
                             "excerpt": d["related"][0]["excerpt"]}]
    assert d["related"][0]["excerpt"].startswith("(十)")
    assert all(x["related"] == [] for x in data if not x["rule"].startswith("note."))
