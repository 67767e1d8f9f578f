"""Text repair for what editors paste: PDF copies, web-page scrapes, Word text.

Works on `Unit`s (one line or paragraph of the input each) in two stages:

- `tidy(units)` drops what is not the document (web-page chrome, page numbers,
  repeated page headers, QR-code captions, "- " artefacts before numbers),
  takes the 原文链接 as the article link and rejoins numbering markers and
  source lines split across two lines;
- `join_paragraphs(units)` (in .paragraphs) undoes paragraph breaks that PDF
  copying put in the middle of a sentence and attaches a lone "（责任单位：…）"
  paragraph to the item it belongs to.

Every step is a single pass over the lines (linear time) and counts what it
did in a `Notes` so the user can be told ("接回 12 处断行").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..markers import parse_marker
from ..conventions import CJK, ORG_SUFFIXES, is_cjk, is_date_line, parse_source

# ---------------------------------------------------------------- units and notes


@dataclass
class Unit:
    """One line (text input) or paragraph (HTML, DOCX) of the input."""

    text: str
    gap: bool = True              # a blank line or a paragraph boundary came before it
    hard: bool = False            # a real paragraph (HTML <p>, Word paragraph): never joined by guesswork
    style: str = ""               # "title", "heading", "subheading", "list" from HTML/DOCX markup
    rows: list[list[str]] | None = None   # a table
    line: int = 0                 # 1-based line in the input
    indent: bool = False          # the line began with an indent (two spaces or a full-width space)


@dataclass
class Notes:
    """What the clean-up did, counted, for a one-line report in Chinese."""

    counts: Counter = field(default_factory=Counter)
    extra: list[str] = field(default_factory=list)
    link: str | None = None
    meta_source: str | None = None    # 来源 from a web page's metadata row: a hint, never the source line
    meta_fields: dict = field(default_factory=dict)   # a policy library's information table: 成文日期 …
    info_lines: list = field(default_factory=list)    # how a law collection says it was promulgated
    reader_header: bool = False       # a reader tool's "Title: … URL Source: …" header: a whole page
    page_title: str = ""              # a web page's <title>, for a page whose text has no title
    meta_doc_number: str | None = None   # 发文字号 from a policy library's information table
    page_address: str | None = None   # where a saved web page came from (canonical link)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] += n

    def messages(self) -> list[str]:
        order = [
            ("joined", "接回 {n} 处断行"),
            ("attribution", "把 {n} 处单独成段的“（责任单位：…）”并入所属条目"),
            ("marker", "接回 {n} 处断开的编号"),
            ("source_split", "接回 {n} 处分成两行的来源"),
            ("dash", "删去 {n} 处编号前的“- ”"),
            ("cjk_space", "删去 {n} 处汉字之间的空格"),
            ("spaced_name", "合拢 {n} 处字间加了空格的名称"),
            ("chrome", "删去 {n} 行网页栏目、按钮等杂项"),
            ("meta", "删去 {n} 行发布时间、来源等网页信息"),
            ("page", "删去 {n} 行页码、页眉页脚"),
            ("qr", "删去 {n} 行二维码说明文字"),
        ]
        out = [tpl.format(n=self.counts[k]) for k, tpl in order if self.counts.get(k)]
        if self.link:
            out.append(f"原文链接：{self.link}")
        elif self.page_address:
            out.append(f"原文链接取自网页地址：{self.page_address}")
        elif self.counts.get("qr"):
            out.append("原文有“扫描二维码 阅读全文”但没有给出网址：请在文章的 link 中补上原文链接")
        return out + self.extra


# ---------------------------------------------------------------- character-level helpers

_CJK_CHAR = f"[{CJK}]"
_SPACES_BETWEEN_CJK = re.compile(f"(?<={_CJK_CHAR})[ \u00a0]+(?={_CJK_CHAR})")
# Full-width marks take their own space: one after a pause or stop, or before a mark, with Chinese
# or another mark on the other side, is a PDF's justification (清单， 供各地 / 国家 （试行）). After a
# closing bracket it may part two cells of a table flattened to text (岗位（一） 李文琪): it stays.
_FW_MARKS = "，。、；：？！“”‘’（）《》〔〕【】「」『』"
_SPACES_AT_MARKS = re.compile(f"(?<=[，。、；：？！])[ \u00a0]+(?=[{CJK}{_FW_MARKS}])"
                              f"|(?<={_CJK_CHAR})[ \u00a0]+(?=[{_FW_MARKS}])")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
END_PUNCT = "。！？!?；;…"
CLOSERS = "”’」』）)】》\"'"


def normalise_line(text: str) -> str:
    """Invisible characters and control codes removed, tabs and NBSPs made spaces, ends trimmed."""
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = text.replace("\t", " ").replace("\u00a0", " ")
    return text.strip(" \u3000")


def remove_cjk_spaces(text: str) -> tuple[str, int]:
    """ASCII spaces between two Chinese characters removed (PDF justification artefacts), except a
    space that separates two organisations' names: 国家发展改革委办公厅 国家能源局综合司关于… /
    浙江省教育工会  绍兴市总工会 (one space kept). Inside a word (数 字 化) the spaces go, and so does a
    space beside a full-width mark (清单， 供各地)."""
    if " " not in text and "\u00a0" not in text:
        return text, 0
    removed = 0

    def one(m: re.Match[str]) -> str:
        nonlocal removed
        before = text[max(0, m.start() - 24):m.start()]
        k = len(before)
        while k and is_cjk(before[k - 1]):
            k -= 1
        left = before[k:]
        after = text[m.end():m.end() + 20]
        k = 0
        while k < len(after) and is_cjk(after[k]):
            k += 1
        right = after[:k]
        if len(left) >= 3 and left.endswith(ORG_SUFFIXES) and any(right[:j].endswith(ORG_SUFFIXES) for j in range(2, 17)):
            return " "           # between two names (the next one ends as a name does): meaningful
        removed += 1
        return ""

    text = _SPACES_BETWEEN_CJK.sub(one, text)
    text, at_marks = _SPACES_AT_MARKS.subn("", text)
    return text, removed + at_marks


def ends_sentence(text: str) -> bool:
    """Whether `text` ends with sentence-final punctuation, possibly followed by closing quotes."""
    t = text.rstrip()
    while t and t[-1] in CLOSERS:
        t = t[:-1]
    return bool(t) and t[-1] in END_PUNCT


# ---------------------------------------------------------------- web-page chrome and page furniture

_CHROME_RE = re.compile(
    r"^[【\[［(（]?\s*("
    r"打印(本页|此页|文章)?|关闭(窗口|本页)?|返回(顶部|首页|列表)?|收藏(本页)?|分享(到)?[：:]?.*|"
    r"字[号体]\s*[：:]?\s*[【\[]?\s*大\s*中\s*小.*|[大中小](\s+[大中小]){2}|视力保护色.*|"
    r"扫一扫在手机(上)?打开当前页|保存|纠错|上一篇[：:].*|下一篇[：:].*|相关(链接|文章|阅读|附件|新闻|稿件|信息)|"
    r"责任编辑[：:].*|【?\s*(我要)?纠错\s*】?|浏览次数[：:].*|阅读(次数|量)?[：:]\s*\d+.*|"
    r"微信|微博|QQ空间|复制链接|网站地图|联系我们|无障碍(浏览)?|English|繁体(版)?|登录|注册|搜索|"
    r"复制全文|下载(PDF|WORD|Word|全文)|微信扫码阅读|引用本法|引用本篇|©\s*北大法宝.*|下载日期[：:].*|"
    r"打印正文|相关政策(与|和|及)?解读|(政策)?解读排行|排行榜?|热点(新闻|推荐)?|推荐阅读|"
    r"点击(查看|阅读|下载|进入)[^。]{0,80}|(政策|相关|图文|音频|视频)解读[：:].{0,80}"
    r")\s*[】\]］)）]?$")
_BREADCRUMB_RE = re.compile(r"^(首页|(?:您|你)?(?:现在|当前)?(?:所在)?的?(?:当前)?位置)[^。；]{0,80}?[>＞›»→](.*)$")
_META_RE = re.compile(r"(发布时间|发表时间|发布日期|发文日期|更新时间|浏览次数|浏览量|点击(数|量|次数)|阅读(数|量|次数)|字号|字体)[：:]|"
                      r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?\s+"
                      r"(来源|信息来源|作者|【|打印)|"
                      r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?$")
# 来源：能源局 in a page's information row; an empty label (来源：  作者：) names nothing
META_SOURCE_RE = re.compile(r"(?:信息|文章|稿件)?来源\s*[：:][ \t\u3000]*([^\s　|｜【\[：:]{2,40})(?![：:])")
_PAGE_RE = re.compile(
    r"^([-—–－─]+\s*\d{1,4}\s*[-—–－─]+|第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|"
    r"[-—–－─]?\s*\d{1,3}\s*[-—–－─]?|[·•]\s*\d{1,3}\s*[·•])$")
_QR_RE = re.compile(r"^(扫描?(二维)?码|扫一扫|长按识别(二维码)?)?[，,、\s]*(阅读|查看|浏览)?(全文|原文)?$")
_LINK_RE = re.compile(r"^(?:原文(?:链接|地址|网址|出处)|(?:文章|来源|原文)?链接)\s*[：:]\s*(https?://\S+)\s*$|^(https?://\S+)$")
_DASH_RE = re.compile(r"^[-–•·*]\s+")
_MARKER_HEAD_RE = re.compile(r"^[（(]?[0-9０-９一二三四五六七八九十百第]{0,4}[（(]?$")
_MARKER_PUNCT_RE = re.compile(r"^[.．、]$")    # "3" / "." / "有序推进……": the dot on a line of its own


_NEXT_LABEL = re.compile(r"(浏览|点击|阅读|发布|发表|作者|责任编辑|字号|字体|编辑|时间|日期)")


def meta_value(value: str) -> str:
    """A value read from an information row, cut where the next label starts when the row was
    copied without spaces: 区卫生健康局浏览量 → 区卫生健康局."""
    m = _NEXT_LABEL.search(value, 2)
    return value[:m.start()] if m else value


def _is_qr(text: str) -> bool:
    t = text.replace(" ", "")
    return bool(t) and bool(_QR_RE.match(t)) and any(w in t for w in ("二维码", "扫码", "扫一扫", "阅读全文",
                                                                         "查看全文", "查看原文", "阅读原文"))


INFO_LABELS = ("索引号", "发文机关", "发文字号", "成文日期", "发布日期", "主题分类", "主题词", "公文种类", "标题",
               "有效性", "发布机构", "生成日期",
               # a law database's record (北大法宝 and the like) above the text
               "制定机关", "公布日期", "施行日期", "时效性", "效力位阶", "效力级别", "法规类别", "发布部门", "实施日期")
# 【法宝引证码】 CLI.14.618767 / 【发文字号】 …: a law database's record lines, label in 【】
_DB_FIELD_RE = re.compile(r"^【\s*(法宝引证码|标题|发布部门|制定机关|发文字号|发布日期|公布日期|实施日期|施行日期|时效性|"
                          r"效力级别|效力位阶|法规类别|批准部门|批准日期|失效日期)\s*】\s*(.*)$")
_INFO_PAIR_RE = re.compile(
    "(" + "|".join("[ \u3000]*".join(label) for label in INFO_LABELS) + ")[ \u3000]*[：:][ \u3000]*"
    r"(.*?)(?=[ \t\u3000]*(?:" + "|".join("[ \u3000]*".join(label) for label in INFO_LABELS) + r")[ \u3000]*[：:]|$)")


_INFO_LABEL_ONLY = re.compile("^(?:" + "|".join("[ \u3000]*".join(label) for label in INFO_LABELS + ("名称", "发布机构", "主题"))
                              + r")[ \u3000]*[：:]$")


def read_info_line(text: str, notes: Notes) -> bool:
    """A policy library's information row copied as text ("索 引 号：… 主题分类：…", "发文字号：国办发〔2023〕25号"):
    its values go into `notes` (文号, 发文机关, 标题) and the line is not part of the document."""
    t = text.strip()
    db = _DB_FIELD_RE.match(t)
    if db:
        t = f"{db.group(1)}：{db.group(2)}"
        if db.group(1) == "法宝引证码":
            notes.meta_fields["法宝引证码"] = db.group(2).strip()
            return True
    if len(t) > 300 or _INFO_PAIR_RE.match(t) is None:
        return False
    pairs = [(re.sub(r"[\s\u3000]+", "", m.group(1)), m.group(2).strip()) for m in _INFO_PAIR_RE.finditer(t)]
    notes.meta_fields.update({label: value for label, value in pairs if value})
    for label, value in pairs:
        if label == "发文字号" and value and notes.meta_doc_number is None:
            notes.meta_doc_number = value
        elif label == "标题" and value and not notes.page_title:
            notes.page_title = value
    return True


def _is_menu(t: str) -> bool:
    """A row of links: "首页 | 简 | 繁 | EN | 登录", or several chrome items on one line
    ("【我要纠错】 责任编辑：王洋")."""
    if len(t) > 200:
        return False
    items = [p for p in re.split(r"\s*[|｜]\s*", t) if p]
    if (len(items) >= 3 and not t.startswith(("|", "｜")) and not t.endswith(("|", "｜"))   # table rows do
            and all(len(p) <= 8 and not re.search(r"[。，；：,;%％]|^[\d.]+$", p) for p in items)):
        return True
    pieces = [p for p in re.split(r"\s+", t) if p]
    return len(pieces) >= 2 and all(_CHROME_RE.match(p) for p in pieces)


_NUMBER_ROW_RE = re.compile(r"^#*\s*\d{1,3}(?:\s+\d{1,3}){2,}$")
_SEPARATORS = set("-—–－|｜·•/\\>»<«_=~ ")


def chrome_kind(text: str) -> str | None:
    """"chrome" / "meta" / "page" / "qr" when the line is not part of the document, else None."""
    t = text.strip()
    if not t:
        return None
    if _CHROME_RE.match(t) or _BREADCRUMB_RE.match(t) or _is_menu(t):
        return "chrome"
    if len(t) <= 160 and _META_RE.search(t):
        return "meta"
    if _PAGE_RE.match(t):
        return "page"
    if _is_qr(t):
        return "qr"
    if _NUMBER_ROW_RE.match(t):
        return "chrome"      # 1 2 3 4 5 … 20: a pager
    if len(t) <= 10 and set(t) <= _SEPARATORS:
        return "chrome"      # "-", "|", ">": a separator left from a menu or a button (not a split "（")
    return None


# ---------------------------------------------------------------- stage 1: tidy


def repeated_furniture(units: list[Unit]) -> set[str]:
    """Short lines repeated on every page (running headers and footers)."""
    counts = Counter(u.text for u in units if u.rows is None and 4 <= len(u.text) <= 40)
    found = set()
    for text, n in counts.items():
        if n < 3 or any(ch in text for ch in "。，；：:,;") or parse_marker(text) is not None:
            continue
        if text in ("编者按", "编者的话", "本期要目") or parse_source(text) or is_date_line(text):
            continue
        found.add(text)
    return found


def _spaced_name(text: str) -> str | None:
    """"国 家 能 源 局" closed up; groups separated by wider gaps stay apart: "国 家 局　　工 信 部"."""
    groups = [g for g in re.split(r"\s{2,}|\u3000+", text) if g.strip()]
    out, changed = [], False
    for g in groups:
        tokens = g.split()
        if len(tokens) >= 2 and all(len(tok) == 1 and re.match(_CJK_CHAR, tok) for tok in tokens):
            out.append("".join(tokens))
            changed = True
        else:
            out.append(g.strip())
    return " ".join(out) if changed else None


_CELL_BREAK = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")


def cell_text(text: str) -> str:
    """A table cell on one line: a break inside it is where the cell wrapped (宜春市社会保险事业 /
    管理局), gone between Chinese characters, a space between Latin words or numbers."""
    if "\n" not in text:
        return text.strip()

    def join(m: re.Match[str]) -> str:
        a, b = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
        return "" if (is_cjk(a) or is_cjk(b) or not a or not b or not (a.isalnum() and b.isalnum())) else " "
    return _CELL_BREAK.sub(join, text.strip())


def table_captions(unit: Unit) -> list[Unit]:
    """A table with its caption rows taken out: rows at its top or bottom that are one cell spanning
    the table (附件1： / the title over a table that is the whole document, 注：… under it) are
    lines of text, not rows. Word repeats a merged cell's text in every column; a page leaves the
    other cells empty."""
    rows = [[cell_text(c) for c in row] for row in unit.rows]

    def spanning(row: list[str]) -> bool:
        filled = {c for c in row if c}
        return len(row) >= 2 and len(filled) == 1 and (len([c for c in row if c]) == len(row) or not row[0] == "")

    top = 0
    while top < len(rows) - 1 and spanning(rows[top]) and rows[top][0]:
        top += 1
    bottom = len(rows)
    while bottom > top + 1 and spanning(rows[bottom - 1]) and rows[bottom - 1][0]:
        bottom -= 1
    out = [Unit(rows[k][0], True, True, "", None, unit.line) for k in range(top)]
    if rows[top:bottom]:
        out.append(Unit("", unit.gap, unit.hard, unit.style, rows[top:bottom], unit.line))
    out += [Unit(rows[k][0], True, True, "", None, unit.line) for k in range(bottom, len(rows))]
    return out


def tidy(units: list[Unit], notes: Notes, *, furniture: set[str] | None = None) -> list[Unit]:
    """Stage 1: drop non-document lines, take the link, rejoin split markers and source lines.

    `furniture`: running headers/footers to drop; found in `units` themselves when not given.
    """
    if furniture is None:
        furniture = repeated_furniture(units)
    out: list[Unit] = []
    pending_gap = False
    value_taken = -1          # the index of a value line already read with its label
    for k, u in enumerate(units):
        if k == value_taken:
            continue
        if u.rows is not None:
            u.gap = u.gap or pending_gap
            pending_gap = False
            out += table_captions(u)
            continue
        text = normalise_line(u.text)
        if not text:
            pending_gap = True
            continue
        m = _LINK_RE.match(text)
        if m and m.group(2) and 5 <= k < len(units) - 5:
            m = None   # a bare address in the middle of the text is content, not the article's link
        if m:
            notes.link = notes.link or (m.group(1) or m.group(2))
            pending_gap = True
            continue
        kind = chrome_kind(text) if u.style != "title" else None
        if kind is None and not u.style and k < 40 and k + 1 < len(units) and units[k + 1].rows is None \
                and _label_and_value(text, normalise_line(units[k + 1].text)):
            # a page copied as text puts an information row's label and its value on two lines
            text += normalise_line(units[k + 1].text)
            value_taken = k + 1
        if kind in (None, "meta") and not u.style and k < 40 and read_info_line(text, notes):
            kind = "meta"         # (发文字号： looks like a 字号： font widget to chrome_kind: read it all the same)
        if kind == "page" and k + 1 < len(units):
            nxt = normalise_line(units[k + 1].text)
            if _split_marker(text, nxt) or (_MARKER_PUNCT_RE.match(nxt) and k + 2 < len(units)
                                            and _split_marker(text + nxt, normalise_line(units[k + 2].text))):
                kind = None   # "1" then "．加快……": a marker broken across lines, not a page number
        if kind is None and (p := parse_source(text)) is not None and not p.issuer and not (
                k + 1 < len(units) and _split_source(text, normalise_line(units[k + 1].text))):
            kind = "meta"     # an empty 来源： label of a page names nothing
        if kind is None and text in furniture:
            kind = "page"
        if kind is not None:
            if kind == "meta" and notes.meta_source is None:
                sm = META_SOURCE_RE.search(text)
                if sm:
                    notes.meta_source = meta_value(sm.group(1))
            notes.add(kind)
            pending_gap = True
            continue
        style = u.style
        if _DASH_RE.match(text):
            rest = _DASH_RE.sub("", text, count=1)
            if parse_marker(rest) is not None:
                text = rest
                notes.add("dash")
            elif rest and not style:
                text, style = rest, "list"     # a real bulleted item
        closed = _spaced_name(text)
        if closed is not None and len(closed) <= 40:
            text = closed
            notes.add("spaced_name")
        unit = Unit(text, u.gap or pending_gap, u.hard, style, None, u.line, u.indent)
        pending_gap = False
        prev = out[-1] if out else None
        if (prev is not None and prev.rows is None and not prev.hard and _MARKER_PUNCT_RE.match(text)
                and len(prev.text) <= 4 and _MARKER_HEAD_RE.match(prev.text)):
            prev.text += text        # "3" + "." : the rest of the item follows on the next line
            continue
        if prev is not None and prev.rows is None and not prev.hard and _split_marker(prev.text, text):
            prev.text += text
            notes.add("marker")
            continue
        if prev is not None and prev.rows is None and _split_source(prev.text, text):
            prev.text += text
            notes.add("source_split")
            continue
        out.append(unit)
    return out


def _split_marker(prev: str, text: str) -> bool:
    """"（" + "三）加强……" or "1" + "．完善……": a marker broken across two lines."""
    head = prev[:-1] if prev[-1:] and _MARKER_PUNCT_RE.match(prev[-1]) else prev
    if len(head) > 4 or not _MARKER_HEAD_RE.match(head):
        return False
    joined = parse_marker(prev + text)
    alone = parse_marker(text)      # "四）加强……" alone is a 1）-style marker missing the "（" above it
    return joined is not None and joined.length > len(head) and (
        alone is None or (alone.bracket == "close" and joined.bracket != "close"))


def _label_and_value(prev: str, text: str) -> bool:
    """发 文 字 号 ： then 津工信电力〔2021〕3号: the label of an information row and its value."""
    return _INFO_LABEL_ONLY.match(prev) is not None and _INFO_LABEL_ONLY.match(text) is None


def _split_source(prev: str, text: str) -> bool:
    """"来源：" on one line and "工业和信息化部" on the next."""
    parsed = parse_source(prev)
    if parsed is None or parsed.issuer or not parsed.colon or parsed.closing:
        return False
    # not another empty label (来源： / 作者：): a source is never made up from two labels
    return len(text) <= 60 and not any(ch in text for ch in "。；;！？：:") and parse_marker(text) is None


def text_units(text: str) -> list[Unit]:
    """The lines of a pasted text as units; a blank line before a line sets its `gap`."""
    units: list[Unit] = []
    gap = True
    for i, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            gap = True
            continue
        lead = len(line) - len(line.lstrip(" \u3000\t"))
        units.append(Unit(line, gap, line=i, indent=line.startswith("\u3000") or lead >= 2))
        gap = False
    return units
