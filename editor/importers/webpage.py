"""Where a saved web page's document is, found the way a reader finds it.

A reader skips the page's frame (header, menus, breadcrumbs, a date widget, share buttons, lists
of other articles, the footer) and reads the block of running text: many paragraphs, full of
Chinese punctuation, few links. `content_blocks` scores every element that holds text as
readability does (each paragraph's score, by its length and its commas, goes to its parent and
half to its grandparent; link-heavy text counts for little; class and id names that say
"content" or "footer" weigh in) and returns the best one with the siblings that belong to it.
`title_candidates` lists what the page itself says its title is (metadata, <title> minus the
site's name, the heading above the text), for the importer to cross-check with the text's own
title lines. Hidden elements (display:none, class "hidden") are never read.

Every pass is one walk over the tree: a 5 MB page takes linear time.
"""

from __future__ import annotations

import re

from lxml import etree

# Inline elements: their text belongs to the paragraph around them.
INLINE = {"a", "span", "font", "strong", "b", "em", "i", "u", "sup", "sub", "small", "big", "label", "abbr",
          "code", "s", "strike", "ins", "del", "mark", "q", "cite", "nobr", "wbr", "o:p", "st1:chsdate"}
SKIP = {"script", "style", "noscript", "iframe", "nav", "footer", "aside", "form", "button", "select",
        "input", "textarea", "object", "embed", "svg", "template", "head", "map", "canvas", "audio",
        "video", "img", "title", "meta", "link"}
_POSITIVE = re.compile(r"content|article|zoom|detail|zhengwen|wenzhang|pages?[_-]?con|TRS_?Editor|UCAP|"
                       r"xxgk|news_?(?:text|con|body)|\btext\b|\bmain\b|\bbody\b|\bzw\b|con_?text|artibody", re.I)
_NEGATIVE = re.compile(r"comment|foot|\bnav|menu|sidebar|side[_-]|share|related|xg[-_]|breadcrumb|crumb|"
                       r"position|location|banner|header|\btop|login|search|copyright|print|toolbar|"
                       r"recommend|\bhot|rank|paihang|\bad[-_]|qr|ewm|sweep|pagination|\blink", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HIDDEN_CLASS = {"hidden", "hide", "hid", "sr-only", "visually-hidden", "invisible", "d-none"}
_PUNCT = "，。；：、！？"


def tag_of(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def is_hidden(el) -> bool:
    """Not shown to a reader: display:none, a class such as "hidden", the hidden attribute."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    cls = el.get("class")
    return bool(cls) and any(c.lower() in _HIDDEN_CLASS for c in cls.split())


def text_of(el) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


def lines_of(el) -> list[str]:
    """The element's text cut at its <br>s and block children: a title set on several lines."""
    lines, buf = [], []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        tag = tag_of(node)
        if event == "start":
            if tag == "br" or (node is not el and tag not in INLINE):
                lines.append("".join(buf))
                buf.clear()
            if node.text and tag not in SKIP:
                buf.append(node.text)
        elif node is not el and node.tail:
            buf.append(node.tail)
    lines.append("".join(buf))
    return [re.sub(r"\s+", " ", t).strip() for t in lines if t.strip()]


def _attrs(el) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


class Scores:
    """One bottom-up walk: each element's own paragraph text (its text and that of its inline
    children, up to the next block), how much of it is link text, and the readability score."""

    def __init__(self, body):
        self.own: dict = {}          # element → length of its own paragraph text
        self.own_links: dict = {}    # element → of that, inside <a>
        self.total: dict = {}        # element → length of all its visible text
        self.links: dict = {}        # element → of that, inside <a>
        self.score: dict = {}
        self.punct: dict = {}        # element → Chinese punctuation marks in its own text
        hidden: set = set()
        for _, el in etree.iterwalk(body, events=("end",)):
            tag = tag_of(el)
            if tag in SKIP or not tag or is_hidden(el) or el in hidden:
                hidden.add(el)
                self.total[el] = self.links[el] = self.own[el] = self.own_links[el] = self.punct[el] = 0
                continue
            text = (el.text or "").strip()
            own, own_links, punct = len(text), 0, sum(text.count(p) for p in _PUNCT)
            total, links = own, 0
            for c in el:
                tail = (c.tail or "").strip()
                own += len(tail)
                punct += sum(tail.count(p) for p in _PUNCT)
                total += self.total.get(c, 0) + len(tail)
                links += self.links.get(c, 0)
                if tag_of(c) in INLINE:
                    own += self.own.get(c, 0)
                    own_links += self.own_links.get(c, 0)
                    punct += self.punct.get(c, 0)
            if tag == "a":
                links, own_links = total, own
            self.own[el], self.own_links[el], self.total[el], self.links[el] = own, own_links, total, links
            self.punct[el] = punct
        # readability's scoring: each paragraph's score to its parent, half to the grandparent
        for el, own in self.own.items():
            tag = tag_of(el)
            if own < 20 or tag in INLINE or own_links_share(self, el) > 0.5:
                continue
            s = 1 + self.punct[el] + min(own // 100, 3)
            parent = el.getparent()
            for weight in (1.0, 0.5, 1 / 3):
                if parent is None:
                    break
                self.score[parent] = self.score.get(parent, 0.0) + s * weight
                parent = parent.getparent()
            if tag in ("p", "td", "div", "pre", "section", "article"):
                self.score[el] = self.score.get(el, 0.0) + s
        # a data table (a 行政处罚信息公开表) is text too: its cells are short, so they score as a whole
        for el in body.iter("table"):
            rows = [r for r in el.iter("tr")]
            cells = [c for r in rows for c in r if tag_of(c) in ("td", "th") and self.total.get(c, 0)]
            if len(rows) < 3 or len(cells) < 6 or el.find(".//table") is not None:
                continue
            if self.links.get(el, 0) * 3 > self.total.get(el, 0) or max(self.total.get(c, 0) for c in cells) > 2000:
                continue
            s = min(len(cells), 40) * 0.75
            parent = el.getparent()
            for weight in (1.0, 0.5):
                if parent is None:
                    break
                self.score[parent] = self.score.get(parent, 0.0) + s * weight
                parent = parent.getparent()

    def final(self, el) -> float:
        base = self.score.get(el, 0.0)
        attrs = _attrs(el)
        if attrs.strip():
            if _POSITIVE.search(attrs):
                base += 25
            if _NEGATIVE.search(attrs):
                base -= 25
        density = self.links.get(el, 0) / self.total[el] if self.total.get(el) else 0.0
        return base * (1 - density)


def own_links_share(scores: Scores, el) -> float:
    own = scores.own.get(el, 0)
    return scores.own_links.get(el, 0) / own if own else 0.0


def content_blocks(body, scores: Scores | None = None) -> list:
    """The elements holding the page's document, in order: the best-scored block and the siblings
    that continue it (a text paginated or split into several boxes)."""
    scores = scores or Scores(body)
    if not scores.score:
        return [body]
    best = max(scores.score, key=scores.final)
    if scores.final(best) <= 0:
        return [body]
    parent = best.getparent()
    if parent is None:
        return [best]
    threshold = max(10.0, scores.final(best) * 0.2)
    out = []
    for sib in parent:
        if sib is best:
            out.append(sib)
        elif isinstance(sib.tag, str) and not is_hidden(sib) and scores.final(sib) >= threshold \
                and scores.links.get(sib, 0) * 3 < max(scores.total.get(sib, 0), 1):
            out.append(sib)
    return out


# ---------------------------------------------------------------- the page's own word on its title

_SITE_SPLIT = re.compile(r"\s*(?:--+|__+|[_|｜]|\s[-—–]\s|-(?=[^-]{2,30}$))\s*")
_BRACKETED = re.compile(r"^【(.{4,120}?)】")


def page_title_text(raw: str) -> str:
    """A <title> without the site's name: "…的通知--党政办-某某学校" → "…的通知",
    "【…】-国家发展和改革委员会" → "…", "政策标题_栏目_网站名" → "政策标题"."""
    t = re.sub(r"\s+", " ", raw).strip()
    m = _BRACKETED.match(t)
    if m:
        return m.group(1).strip()
    first = _SITE_SPLIT.split(t)[0].strip()
    return first if len(first) >= 4 else t


def meta_titles(root) -> list[str]:
    """What the page's metadata says its title is, best first: ArticleTitle, og:title, <title>."""
    out: list[str] = []
    for xpath in ('.//meta[@name="ArticleTitle"]/@content', './/meta[@name="articletitle"]/@content',
                  './/meta[@property="og:title"]/@content', './/meta[@name="title"]/@content'):
        out += [re.sub(r"\s+", " ", str(v)).strip() for v in root.xpath(xpath)]
    title = root.find(".//title")
    if title is not None:
        out.append(page_title_text(text_of(title)))
    return [t for t in out if len(t) >= 4]


def norm(text: str) -> str:
    """A title reduced for comparing: no spaces, one bracket width, no quotes."""
    t = re.sub(r"[\s\u3000]+", "", text).translate(str.maketrans("()<>:,", "（）《》：，"))
    return re.sub(r"[“”\"'‘’·]", "", t)


def agrees(a: str, b: str) -> bool:
    """Two titles naming the same document: equal, or one is the other shortened or with a prefix
    (the issuing bodies, 关于印发) or a site suffix."""
    x, y = norm(a), norm(b)
    if not x or not y:
        return False
    short, long = sorted((x, y), key=len)
    if short == long:
        return True
    if len(short) < 8 or len(short) * 2 < len(long):
        return False
    if short in long:
        return True
    import difflib       # only here: most pages agree at once
    m = difflib.SequenceMatcher(None, short, long, autojunk=False).find_longest_match(0, len(short), 0, len(long))
    return m.size >= 0.7 * len(short)       # 工业和信息化部等六部门关于… / 工业和信息化部关于…


def heading_before(body, first, candidates: list[str]) -> object | None:
    """The element above the document's text that shows its title: a heading (h1–h3, a class
    naming a title) whose text agrees with the page's metadata, or else the last h1/h2 before it.
    Never a hidden element, a breadcrumb or a link."""
    best = fallback = None
    for el in body.iter():
        if el is first:
            break
        tag = tag_of(el)
        if not tag or tag in SKIP or tag == "a":
            continue
        text = text_of(el)
        if not 4 <= len(text) <= 150 or any(_hidden_up(el, body) for _ in (0,)):
            continue
        looks = tag in ("h1", "h2", "h3") or "title" in _attrs(el).lower() or tag in ("td", "span", "div", "p", "font")
        if not looks or el.find(".//p") is not None or len(el.findall(".//a")) > 0 or _in_link(el):
            continue
        if candidates and any(agrees(text, c) for c in candidates):
            best = el
        elif tag in ("h1", "h2") and not candidates:
            fallback = el
    return best if best is not None else fallback


def page_source(root, blocks: list) -> str | None:
    """The value of a 来源： field the page shows beside the text (under the title, in the date
    line), not in it: the last one above the text, else the first below it. Footers (主办单位…) and
    empty labels name nothing."""
    from .cleanup import META_SOURCE_RE, meta_value
    inside = {id(el) for b in blocks for el in b.iter()}
    above, below, seen = None, None, False
    for el in root.iter():
        if id(el) in inside:
            seen = True
            continue
        tag = tag_of(el)
        if not tag or tag in SKIP or any(tag_of(c) not in INLINE for c in el) or is_hidden(el):
            continue
        t = text_of(el)
        if len(t) > 200 or "来源" not in t or "主办" in t or "版权" in t:
            continue
        m = META_SOURCE_RE.search(t)
        if m and not seen:
            above = meta_value(m.group(1))
        elif m and below is None:
            below = meta_value(m.group(1))
    return above or below


def _in_link(el) -> bool:
    return any(tag_of(a) == "a" for a in el.iterancestors())


def _hidden_up(el, top) -> bool:
    while el is not None and el is not top:
        if is_hidden(el):
            return True
        el = el.getparent()
    return False
