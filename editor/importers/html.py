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
from .cleanup import Notes, Unit, read_info_line
from .head import find_title, split_glued_doc_number
from .webpage import (Scores, agrees, content_blocks, heading_before, is_hidden, lines_of, meta_titles, norm,
                      page_source)

_SKIP = {"script", "style", "noscript", "iframe", "nav", "footer", "aside", "form", "button", "select",
         "input", "textarea", "object", "embed", "svg", "template", "head", "map", "canvas", "audio",
         "video", "img"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "blockquote", "section",
          "article", "main", "header", "ul", "ol", "dl", "center", "tr", "td", "th", "table", "tbody",
          "thead", "body", "html", "hr", "address", "figure", "figcaption", "caption"}
_CHROME_CLASS = re.compile(r"breadcrumb|crumb|bread|share|bdshare|toolbar|print|font-?size|topbar|"
                           r"sidebar|side-?nav|menu|navbar|nav\b|copyright|related|position|location|"
                           r"footer|header-?nav|search|login", re.I)
_LINK_WORDS = ("原文链接", "原文地址", "阅读原文", "查看原文", "原文")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def _decode(data: bytes, name: str, charset: str | None = None) -> str:
    """The page's text: a BOM, else the charset its transport names (an MHT part's header), else its
    <meta charset>, else UTF-8, else GB18030."""
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
    if charset:
        given = charset.lower()
        encodings.insert(0, "gb18030" if given in ("gb2312", "gbk", "gb18030", "x-gbk") else given)
    encodings.append("gb18030")
    for enc in encodings:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def _parse(data: bytes, name: str, charset: str | None = None):
    text = _decode(data, name, charset)
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
    # scripts and styles are never read: gone before anything counts or walks the page's text
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    siblings = list(root.itersiblings())
    if siblings:
        # A stray </html> in a saved page makes libxml2 start a second tree for what follows it:
        # one root holds them all, so the text after it is read too.
        whole = etree.Element("html")
        for tree in [root, *siblings]:
            whole.append(tree)
        root = whole
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


_INFO_LABELS = ("索引号", "发文机关", "发文字号", "成文日期", "发布日期", "主题分类", "主题词", "公文种类", "标题",
                "发布机构", "文号", "生成日期", "有效性", "实施日期", "废止日期", "时效性")


def _info_table(table, notes: Notes) -> bool:
    """A policy library's information table (索引号 / 发文机关 / 发文字号 …): read it into `notes`."""
    raw = [re.sub(r"\s+", " ", "".join(c.itertext())).strip() for c in table.iter("td", "th")]
    cells = [re.sub(r"[\s　]+", "", c) for c in raw]
    labels = [k for k, c in enumerate(cells) if any(c.startswith(lab) for lab in _INFO_LABELS)]
    if len(labels) < 3:
        return False
    values: dict[str, str] = {}
    for k in labels:
        label = next(lab for lab in _INFO_LABELS if cells[k].startswith(lab))
        # the value as written (a space between two bodies in a title is kept), after the label
        head = re.match("[ \u3000]*".join(label) + "[ \u3000]*[：:]?[ \u3000]*", raw[k].replace("\u3000", " "))
        value = raw[k][head.end():].strip() if head else ""
        if not value and k + 1 < len(cells) and k + 1 not in labels:
            value = raw[k + 1].strip()
        values.setdefault(label, value)
    if values.get("发文字号"):
        notes.meta_doc_number = values["发文字号"]
    notes.meta_fields.update({k: v for k, v in values.items() if v})
    if values.get("标题") and not notes.page_title:
        notes.page_title = values["标题"]
    notes.add("meta")
    return True


# The longest laws run to some 200,000 characters; a page with ten times that is no document's page
# (and each further 100,000 characters cost the clean-up about a second).
MAX_PAGE_TEXT = 2_000_000
_TITLE_META = re.compile(r"[（(]?\s*(?:发布日期|发布时间|成文日期|发文字号|文号|来源|时间|日期)\s*[：:]")
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)


def _page_address(root, data: bytes) -> str | None:
    """Where a saved page came from: its canonical link, og:url or the browser's "saved from" note."""
    for xpath in ('.//link[@rel="canonical"]/@href', './/meta[@property="og:url"]/@content'):
        found = [v for v in root.xpath(xpath) if str(v).startswith(("http://", "https://"))]
        if found:
            return str(found[0])
    m = _SAVED_FROM.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def html_units(data: bytes, name: str, notes: Notes, *, charset: str | None = None) -> list[Unit]:
    """The page's document as units; the original link goes into `notes.link`.

    Only the content block is read (webpage.content_blocks); a heading above it that agrees with
    the page's metadata is the title unless the text opens with its own (fuller) title lines.
    Policy libraries' information tables anywhere on the page go into `notes`.
    The link is the page's 原文链接 when it has one, else the address the page was saved from.
    `charset`: the encoding a container names for the page (an MHT part's header), if any.
    """
    root = _parse(data, name, charset)
    address = _page_address(root, data)
    candidates = [split_glued_doc_number(t)[0] for t in meta_titles(root)]
    # the whole tree, not <body>: a stray </html> in a saved page leaves the text after it outside
    body = root
    chars = sum(len(t) for t in body.itertext() if not t.isspace())
    if chars > MAX_PAGE_TEXT:
        raise ImportError_(f"{name}：网页里的文字过多（约 {chars // 10000} 万字），不像是一篇文件的页面，未导入；"
                           "请打开网页只复制文件的正文")
    for table in list(body.iter("table")):
        if table.find(".//table") is None and _info_table(table, notes):
            table.getparent().remove(table) if table.getparent() is not None else None
    if notes.page_title:
        candidates.insert(0, notes.page_title)      # the library's own 标题 row
    notes.page_title = candidates[0][:80] if candidates else ""
    scores = Scores(body)
    blocks = content_blocks(body, scores)
    notes.meta_source = notes.meta_source or page_source(body, blocks)
    size, links = _measure(body)
    units: list[Unit] = []
    inner_title = _title_element(blocks)
    for block in blocks:
        units += _walk(block, inner_title, size, links, notes)
    heading = heading_before(body, blocks[0], candidates) if inner_title is None else None
    if heading is not None:
        text, glued = split_glued_doc_number(_text(heading))
        if glued:
            notes.meta_doc_number = notes.meta_doc_number or glued
        opening = "".join(u.text for u in units[:4] if u.rows is None)
        own = "".join(u.text for u in units[:find_title(units)])      # the text's own title lines
        if not (units and (agrees(units[0].text, text) or norm(text) in norm(opening)[:len(norm(text)) + 40]
                           or (own and any(agrees(own, c) for c in candidates)))):
            lines = []
            for line in lines_of(heading):
                if read_info_line(line.strip("()（）"), notes):
                    continue          # (发布日期：2019年05月31日 文号：…) printed small under a heading
                lines.append(split_glued_doc_number(line)[0])
            units[:0] = [Unit(line, True, hard=True, style="title") for line in lines if line]
    notes.page_address = address
    # Headings keep their style only when they are not numbered text (一、总体要求 reads as a heading anyway).
    for u in units:
        if u.style == "heading":
            u.style = ""
    if not units:
        raise ImportError_(f"{name}：网页里没有找到正文")
    return units


def _title_element(blocks):
    """A heading opening the content block (h1, or an element whose class names a title)."""
    for block in blocks:
        for el in block.iter("h1", "h2", "div", "p", "span", "td"):
            if is_hidden(el):
                continue
            cls = (el.get("class", "") + " " + el.get("id", "")).lower()
            if (el.tag in ("h1", "h2") or "title" in cls) and 4 <= len(_text(el)) <= 150 \
                    and el.find(".//p") is None:
                return el
            if el.tag in ("p", "div", "td") and len(_text(el)) > 20:
                return None      # running text came first: no heading at the top of the block
    return None


def _walk(block, title_el, size: dict, links: dict, notes: Notes) -> list[Unit]:
    """Units of one content block, in document order, its chrome and hidden parts skipped."""
    units: list[Unit] = []
    buf: list[str] = []
    style = [""]

    def flush() -> None:
        text = re.sub(r"\s+", " ", "".join(buf)).strip()
        buf.clear()
        if style[0] == "title":
            # (发布日期：… 文号：…) in small print in or under the heading: read, not the title
            m = _TITLE_META.search(text)
            if m and read_info_line(text[m.start():].strip("()（） "), notes):
                text = text[:m.start()].strip()
                if not text:
                    return
        if text and text != "]>":
            units.append(Unit(text, True, hard=True, style=style[0]))
        style[0] = ""

    walker = etree.iterwalk(block, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if el is not title_el and (_is_chrome(el, size, links) or is_hidden(el)):
                notes.add("chrome")
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
            if el.tail and el is not block:
                buf.append(el.tail)
    flush()
    return units
