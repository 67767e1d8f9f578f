"""What an 编者按 claims about its article, read from its text.

An 编者按 summarises the policy it introduces in a few fixed turns of phrase: 提出了……五方面共十条
具体意见, 12项措施; the title in 《》 after 印发; the issuing bodies before 联合印发; the date
(7月21日，……印发了); figures quoted from the text (50 个以上, 80%). Each finder returns
typed claims with their offsets in the note paragraph, for note.py to check against the article.
"""

from __future__ import annotations

import re

from ..markers import cn_to_int
from ..records import record

_NUM = r"(?P<n>\d{1,3}|[一二两三四五六七八九十百]{1,4})"
# 五方面 / 五大方面 / 五个方面 / 6个部分 / 四大板块
ASPECT_RE = re.compile(rf"{_NUM}[ \t]*(?:个|大)?[ \t]*(?:方面|部分|板块)")
# 共十条 / 12项措施 / 24条措施 / 十条具体意见 / 18项重点任务; not 2 条以上 (a figure) or 第3条 (an ordinal)
ITEM_RE = re.compile(
    rf"(?<![第\d])(?P<total>共|合计|总计)?[ \t]*{_NUM}[ \t]*(?P<unit>条|项)[ \t]*"
    r"(?P<noun>(?:具体|重点|主要|政策|支持|工作|改革|创新|务实|硬核|配套)?"
    r"(?:措施|举措|意见|任务|政策|要求|内容|建议|条款|工作))?")
CHAPTER_RE = re.compile(rf"(?<![第\d]){_NUM}[ \t]*章")
# The verbs of issuing, as notes write them. Followed by a title, 了 or 关于 to be the note's own news.
ISSUE_VERB_RE = re.compile(r"(?:联合|共同|正式|近日|日前)?(?:印发|发布|出台|公布|颁布|推出|制定|下发|出炉)了?"
                           r"(?=[ \t]*(?:《|关于|实施|了|[^的，。；、]{0,6}《))")
BOOK_TITLE_RE = re.compile(r"《(?P<t>[^《》]{2,120})》")
# 50 个以上 / 2 条以上 / 80% / 3000 亿元 / 1.5万平方米
FIGURE_RE = re.compile(
    r"(?<![\d.第])(?P<n>\d+(?:\.\d+)?)[ \t]*(?P<unit>%|％|‰|万|亿|千|百|个|条|项|家|类|元|倍|座|所|台|套|名|人|次|批|户|"
    r"公里|千米|米|平方|吨|小时|天|年|分钟|辆|艘|架|件|张|份|只|场|期|轮|GW|MW|kW|TB|PB|EFLOPS|G)")

ORG_SUFFIXES = ("部", "委", "局", "院", "厅", "办", "署", "行", "会", "政府", "办公室", "中心", "小组", "省", "市",
                "区", "县", "州", "盟", "旗", "集团", "公司", "协会", "大学", "学院", "所", "社", "台", "处", "司",
                "科", "管委会", "法院", "检察院", "联合会", "商会", "基金会", "党委", "委员会", "总局", "工作组")
_ET_AL_RE = re.compile(r"等(?:\d+|[一二三四五六七八九十]+)?个?(?:国家|中央|省级|市级)?(?:部门|单位|部委|机构|省市|地区|机关)?$")
_LEAD_RE = re.compile(r"^(?:近日|日前|近期|最近|今年|今天|昨天|本月|上月|此前|当天|随后|同时|其中|为此|对此|\s)+")
_TRAIL_RE = re.compile(r"(?:近日|日前|近期|最近|正式|联合|共同|已经|已|再次|首次|于\S{1,8}日|\s)+$")
_DATE_IN_CLAUSE_RE = re.compile(r"^\d{4}年|^\d{1,2}月\d{1,2}日|^[一二三四五六七八九十]+月[一二三四五六七八九十]+日")


def number_value(text: str) -> int | None:
    return int(text) if text.isdigit() else cn_to_int(text.replace("两", "二"))


@record
class CountClaim:
    """“五方面”, “共十条具体意见”: how many aspects, items or chapters the note says the text has."""

    start: int
    end: int
    value: int
    what: str             # aspects | parts | items | chapters
    text: str
    number_start: int
    number_end: int


def count_claims(text: str) -> list[CountClaim]:
    claims: list[CountClaim] = []
    if "方面" in text or "部分" in text or "板块" in text:
        for m in ASPECT_RE.finditer(text):
            if text[m.start() - 1:m.start()] == "第":
                continue
            value = number_value(m.group("n"))
            what = "aspects" if m.group(0).endswith("方面") else "parts"     # 七个部分 counts every section
            if value:
                claims.append(CountClaim(m.start(), m.end(), value, what, m.group(0), *m.span("n")))
    if "条" in text or "项" in text:
        for m in ITEM_RE.finditer(text):
            if not (m.group("total") or m.group("noun") or text[m.start("n") - 1:m.start("n")] == "章"):
                continue            # 2 条以上: a figure about something else, not a count of the text (共五章十九条 is)
            value = number_value(m.group("n"))
            if value:
                claims.append(CountClaim(m.start(), m.end(), value, "items", m.group(0).strip(), *m.span("n")))
    if "章" in text:
        for m in CHAPTER_RE.finditer(text):
            value = number_value(m.group("n"))
            if value and text[m.end():m.end() + 1] not in "程节":     # 章程 is no chapter
                claims.append(CountClaim(m.start(), m.end(), value, "chapters", m.group(0), *m.span("n")))
    claims.sort(key=lambda c: c.start)
    return claims


@record
class QuotedTitle:
    """A 《…》 in the note, and whether an issuing verb stands right before it."""

    start: int            # of the title text, inside the 《
    end: int
    text: str
    after_verb: bool


def quoted_titles(text: str) -> list[QuotedTitle]:
    if "《" not in text:
        return []
    out = []
    for m in BOOK_TITLE_RE.finditer(text):
        before = text[max(0, m.start() - 12):m.start()]
        after_verb = bool(re.search(r"(?:印发|发布|出台|公布|颁布|推出|制定|下发)了?(?:关于印发)?[ \t]*$", before))
        out.append(QuotedTitle(m.start("t"), m.end("t"), m.group("t"), after_verb))
    return out


def looks_like_org(name: str) -> bool:
    return 2 <= len(name) <= 40 and name.endswith(ORG_SUFFIXES)


@record
class IssuerClaim:
    """The bodies a note says issued the document: 工业和信息化部、国家金融监督管理总局……联合印发."""

    names: list[tuple[str, int]]    # (name, offset in the note paragraph)
    et_al: bool                     # 等部门: the note names only the lead bodies
    verb_start: int
    verb_end: int


def issuer_claims(text: str) -> list[IssuerClaim]:
    claims = []
    for v in ISSUE_VERB_RE.finditer(text):
        if text[v.end():v.end() + 1] == "的":
            continue            # 国务院印发的《…》: a document cited, not the news
        clause_start = max(text.rfind(ch, 0, v.start()) for ch in "，。；：！？,;:（(\n") + 1
        clause = text[clause_start:v.start()]
        lead = _LEAD_RE.match(clause)
        offset = clause_start + (lead.end() if lead else 0)
        clause = clause[lead.end():] if lead else clause
        clause = _TRAIL_RE.sub("", clause)
        if _DATE_IN_CLAUSE_RE.match(clause):
            continue
        et = _ET_AL_RE.search(clause)
        et_al = bool(et and et.group(0))
        if et_al:
            clause = clause[:et.start()]
        names, pos = [], offset
        for part in re.split(r"(、|与|及|以及|会同|联合)", clause):
            if part in ("、", "与", "及", "以及", "会同", "联合"):
                pos += len(part)
                continue
            name = part.strip()
            if name:
                names.append((name, pos + part.find(name)))
            pos += len(part)
        if names and all(looks_like_org(n) or _region(n) for n, _ in names):
            claims.append(IssuerClaim(names, et_al, v.start(), v.end()))
    return claims


def _region(name: str) -> bool:
    """四川省 / 重庆市: a region standing for its government (四川省与重庆市共同出台)."""
    return 2 <= len(name) <= 12 and name.endswith(("省", "市", "自治区", "区", "县"))


@record
class Figure:
    """A number with its unit in the note: 50 个以上, 80%."""

    start: int
    end: int
    number: str
    unit: str


def figures(text: str, skip: list[tuple[int, int]]) -> list[Figure]:
    """The figures of `text` outside the spans in `skip` (counts, dates, titles)."""
    out = []
    for m in FIGURE_RE.finditer(text):
        if any(a <= m.start() < b for a, b in skip):
            continue
        number, unit = m.group("n"), m.group("unit")
        if unit == "年" and len(number) == 4:
            continue            # a year is no figure
        if unit in "月日号" or text[m.end():m.end() + 1] in "月日":
            continue
        out.append(Figure(m.start(), m.end(), number, unit))
    return out
