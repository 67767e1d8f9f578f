"""A saved government web page → units: paragraphs, tables and the original link.

Parsed by lxml with a safe configuration: no network, no entity expansion, no
DTD loading, libxml2's limits on tree depth and text size kept (huge_tree off).
Scripts, navigation, share widgets and link lists (the page's chrome) are
skipped; what remains is walked once, iteratively, in document order.
"""

from __future__ import annotations

import re

from lxml import etree

from ..errors import ImportError_
from .cleanup import Notes, Unit

_SKIP = {"script", "style", "noscript", "iframe", "nav", "footer", "aside", "form", "button", "select",
         "input", "textarea", "object", "embed", "svg", "template", "head", "map", "canvas", "audio",
         "video", "img"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "blockquote", "section",
          "article", "main", "header", "ul", "ol", "dl", "center", "tr", "td", "th", "table", "tbody",
          "thead", "body", "html", "hr", "address", "figure", "figcaption", "caption"}
_CHROME_CLASS = re.compile(r"breadcrumb|crumb|bread|share|bdshare|toolbar|print|font-?size|zoom|topbar|"
                           r"sidebar|side-?nav|menu|navbar|nav\b|copyright|related|position|location|"
                           r"footer|header-?nav|search|login", re.I)
_LINK_WORDS = ("原文链接", "原文地址", "阅读原文", "查看原文", "原文")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        raise ImportError_(f"{name}：含有二进制内容，不是网页文件")
    m = _CHARSET.search(data[:4096])
    encodings = ["utf-8-sig"]
    if m:
        declared = m.group(1).decode("ascii", "ignore").lower()
        if declared in ("gb2312", "gbk", "gb18030", "x-gbk"):
            declared = "gb18030"
        encodings.insert(0, declared)
    encodings.append("gb18030")
    for enc in encodings:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def _parse(data: bytes, name: str):
    text = _decode(data, name)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    # An internal DTD subset is never needed for a web page and is where XXE lives: drop it.
    text = re.sub(r"<!DOCTYPE[^>\[]*\[.*?\]\s*>", "<!DOCTYPE html>", text, count=1, flags=re.S)
    parser = etree.HTMLParser(no_network=True, huge_tree=False, remove_comments=True, remove_pis=True,
                              recover=True)
    try:
        root = etree.fromstring(text, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ImportError_(f"{name}：无法解析网页（{exc}）") from None
    if root is None:
        raise ImportError_(f"{name}：网页是空的")
    return root


def _text(el) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


def _measure(body) -> tuple[dict, dict]:
    """Text length and link-text length of every element, in one bottom-up pass (linear time)."""
    size: dict = {}
    links: dict = {}
    for _, el in etree.iterwalk(body, events=("end",)):
        n = len((el.text or "").strip())
        k = 0
        for c in el:
            n += size.get(c, 0) + len((c.tail or "").strip())
            k += links.get(c, 0)
        size[el] = n
        links[el] = n if el.tag == "a" else k
    return size, links


def _is_chrome(el, size: dict, links: dict) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP:
        return True
    n = size.get(el, 0)
    attrs = " ".join(el.get(a, "") for a in ("class", "id", "role"))
    if attrs and _CHROME_CLASS.search(attrs):
        return n < 300 and el.find(".//h1") is None
    if tag in ("ul", "ol", "div", "dl", "table", "p", "span") and 0 < n < 500:
        if links.get(el, 0) / n > 0.6 and len(el.findall(".//a")) >= 3:
            return True
    return False


def _layout_table(table, size: dict) -> bool:
    """A table used for page layout (nested tables, headings or long text inside)."""
    if table.find(".//table") is not None or table.find(".//h1") is not None:
        return True
    cells = list(table.iter("td", "th"))
    if len(cells) <= 1:
        return True    # one cell framing the page's text
    return any(size.get(c, 0) > 300 or len(c.findall(".//p")) >= 3 for c in cells)


def _rows(table) -> list[list[str]]:
    rows = []
    for tr in table.iter("tr"):
        cells = [_text(c) for c in tr if c.tag in ("td", "th")]
        if any(cells):
            rows.append(cells)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


_INFO_LABELS = ("索引号", "发文机关", "发文字号", "成文日期", "发布日期", "主题分类", "主题词", "公文种类", "标题")


def _info_table(table, notes: Notes) -> bool:
    """A policy library's information table (索引号 / 发文机关 / 发文字号 …): read it into `notes`."""
    cells = [re.sub(r"[\s　]+", "", "".join(c.itertext())) for c in table.iter("td", "th")]
    labels = [k for k, c in enumerate(cells) if any(c.startswith(lab) for lab in _INFO_LABELS)]
    if len(labels) < 3:
        return False
    values: dict[str, str] = {}
    for k in labels:
        cell = cells[k]
        label = next(lab for lab in _INFO_LABELS if cell.startswith(lab))
        value = cell[len(label):].lstrip("：:")
        if not value and k + 1 < len(cells) and k + 1 not in labels:
            value = cells[k + 1]
        values.setdefault(label, value)
    if values.get("发文字号"):
        notes.meta_doc_number = values["发文字号"]
    if values.get("发文机关") and notes.meta_source is None:
        notes.meta_source = values["发文机关"]
    if values.get("标题") and not notes.page_title:
        notes.page_title = values["标题"]
    notes.add("meta")
    return True


def _title_element(root):
    h1 = root.find(".//h1")
    if h1 is not None and _text(h1):
        return h1
    for el in root.iter("div", "p", "span", "td", "h2"):
        cls = (el.get("class", "") + " " + el.get("id", "")).lower()
        if "title" in cls and 4 <= len(_text(el)) <= 80 and el.find(".//p") is None:
            return el
    return None


_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)


def _page_address(root, data: bytes) -> str | None:
    """Where a saved page came from: its canonical link, og:url or the browser's "saved from" note."""
    for xpath in ('.//link[@rel="canonical"]/@href', './/meta[@property="og:url"]/@content'):
        found = [v for v in root.xpath(xpath) if str(v).startswith(("http://", "https://"))]
        if found:
            return str(found[0])
    m = _SAVED_FROM.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def html_units(data: bytes, name: str, notes: Notes) -> list[Unit]:
    """The page's document as units; the original link goes into `notes.link`.

    The link is the page's 原文链接 when it has one, else the address the page was saved from.
    """
    root = _parse(data, name)
    address = _page_address(root, data)
    head_title = root.find(".//title")
    if head_title is not None:
        # "政策标题_栏目_网站名" / "政策标题 - 网站名": the first part is the document's title.
        notes.page_title = re.split(r"\s*[_|｜]\s*|\s+[-—]\s+", _text(head_title))[0][:80]
    body = root.find(".//body")
    if body is None:
        body = root
    title_el = _title_element(body)
    size, links = _measure(body)
    units: list[Unit] = []
    buf: list[str] = []
    style = [""]

    def flush() -> None:
        text = re.sub(r"\s+", " ", "".join(buf)).strip()
        buf.clear()
        if text and text != "]>":
            units.append(Unit(text, True, hard=True, style=style[0]))
        style[0] = ""

    walker = etree.iterwalk(body, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if el is not title_el and _is_chrome(el, size, links):
                notes.add("chrome")
                walker.skip_subtree()
                continue
            if tag == "table" and el.find(".//table") is None and _info_table(el, notes):
                walker.skip_subtree()
                continue
            if tag == "table" and not _layout_table(el, size):
                flush()
                rows = _rows(el)
                if rows:
                    units.append(Unit("", True, hard=True, rows=rows))
                walker.skip_subtree()
                continue
            if tag in _BLOCK or tag == "br":
                flush()
            if el is title_el:
                style[0] = "title"
            elif tag in ("h2", "h3", "h4", "h5", "h6") and not style[0]:
                style[0] = "heading"
            if tag == "a" and el.get("href", "").startswith(("http://", "https://")):
                label = _text(el)
                before = "".join(buf).strip()
                if any(w in label for w in _LINK_WORDS) or before.endswith(("链接：", "链接:", "地址：", "地址:")):
                    notes.link = notes.link or el.get("href")
                    buf.clear()
                    walker.skip_subtree()
                    continue
            if el.text and tag not in _SKIP:
                buf.append(el.text)
        else:
            if tag in _BLOCK or el is title_el:
                if el is title_el:
                    style[0] = "title"
                flush()
            if el.tail:
                buf.append(el.tail)
    flush()
    notes.page_address = address
    # Headings keep their style only when they are not numbered text (一、总体要求 reads as a heading anyway).
    for u in units:
        if u.style == "heading":
            u.style = ""
    if not units:
        raise ImportError_(f"{name}：网页里没有找到正文")
    return units
