"""A Word (.docx) file → units: paragraph styles, automatic numbering made visible, tables.

Word keeps list numbers out of the text: a paragraph carries numPr (numId, ilvl)
pointing into numbering.xml, whose level definition gives the format (decimal,
chineseCounting …) and the pattern (lvlText "（%1）", "%1.%2"). The numbers are
counted here, per list, the way Word displays them, and written in front of the
text so the markers are recognised like typed ones.

The file is checked before python-docx reads it: a zip at all, a Word document,
and declared uncompressed sizes within limits (a zip bomb is refused unread).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import ImportError_
from ..markers import CIRCLED, int_to_cn
from ..safeio import zip_problem
from . import read_bytes
from .cleanup import Notes, Unit
from .wordparts import chunk_html, drop_broken_relationships

MAX_DOCX_BYTES = 20 * 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_TEXT_TAGS = (f"{W}r", f"{W}hyperlink")


def check_package(path: Path) -> bytes:
    """The bytes of a readable, reasonably sized .docx, read once (a FIFO or a device is refused,
    never waited on); refused before anything is unpacked when it is not one."""
    data = read_bytes(path, MAX_DOCX_BYTES)
    check_zip(data, path.name)
    return data


def check_zip(data: bytes, name: str) -> None:
    """ImportError_ unless `data` is a Word package whose declared unpacked sizes are within limits:
    a zip bomb is refused from its directory, unread."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportError_(f"{name}：是旧版 Word（.doc）文件，请在 Word 中另存为 .docx 后再导入")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportError_(f"{name}：不是有效的 Word 文档（.docx 应是一个 zip 压缩包），文件可能已损坏")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportError_(f"{name}：Word 文档已损坏，无法打开（{type(exc).__name__}）") from None
    if "word/document.xml" not in names:
        raise ImportError_(f"{name}：压缩包里没有 Word 正文（word/document.xml），不是 .docx 文档")
    problem = zip_problem(data)
    if problem:
        raise ImportError_(f"{name}：{problem}，未导入")


# ---------------------------------------------------------------- numbering

_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"


MAX_ROMAN = 3999          # beyond MMMCMXCIX there are no plain Roman numerals
MAX_LETTERS = 26 * 10     # Word repeats the letter (AA, BBB …): beyond ten a number is not a letter any more
MAX_START = 32767         # Word's own limit on a list's start value
MAX_PATTERN = 40          # a level's lvlText ("（%1）", "第%1条"); a longer one is not a list number
MAX_LEVEL = 8             # Word's nine list levels, 0…8


def _roman(n: int) -> str:
    out = []
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, v)
        out.append(s * count)
    return "".join(out)


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A list number in one of Word's numFmt formats (decimal where the format has no numeral
    for it: a Roman number past 3999, a letter past ZZZZZZZZZZ)."""
    if n <= 0:
        n = 1
    if fmt in ("lowerLetter", "upperLetter") and n > MAX_LETTERS or fmt in ("lowerRoman", "upperRoman") \
            and n > MAX_ROMAN:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting"):
        return int_to_cn(n) if n < 10000 else str(n)
    if fmt == "ideographDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "chineseLegalSimplified":
        return "".join(_LEGAL[int(d)] for d in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and n <= len(CIRCLED):
        return CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    return str(n)


class Numbering:
    """numbering.xml read once; `marker(numId, ilvl)` counts and returns the visible marker."""

    def __init__(self, root) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for ab in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in ab.iter(f"{W}lvl"):
                ilvl = _int(lvl.get(f"{W}ilvl", "0"), 0, MAX_LEVEL)
                levels[ilvl] = (_int(_val(lvl, "start", "1"), 1), _val(lvl, "numFmt", "decimal"),
                                _val(lvl, "lvlText", f"%{ilvl + 1}.")[:MAX_PATTERN], _val(lvl, "suff", "tab"))
            self.levels[ab.get(f"{W}abstractNumId")] = levels
        for num in root.iter(f"{W}num"):
            ab_el = num.find(f"{W}abstractNumId")
            overrides = {}
            for ov in num.iter(f"{W}lvlOverride"):
                so = ov.find(f"{W}startOverride")
                if so is not None:
                    overrides[_int(ov.get(f"{W}ilvl", "0"), 0, MAX_LEVEL)] = _int(so.get(f"{W}val", "1"), 1)
            if ab_el is not None:
                self.nums[num.get(f"{W}numId")] = (ab_el.get(f"{W}val"), overrides)

    def marker(self, num_id: str, ilvl: int) -> tuple[str, bool] | None:
        """(marker text, is a bullet) for the next paragraph of list `num_id` at level `ilvl`."""
        if num_id not in self.nums or num_id == "0":
            return None
        ab, overrides = self.nums[num_id]
        levels = self.levels.get(ab, {})
        if ilvl not in levels:
            return None
        counts = self.counters.setdefault(ab, [0] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in overrides.items():
                if 0 <= lv < 10:
                    counts[lv] = start - 1
        start, fmt, text, suff = levels[ilvl]
        if fmt == "bullet" or fmt == "none":
            return ("", fmt == "bullet")
        counts[ilvl] = max(counts[ilvl], start - 1) + 1
        for deeper in range(ilvl + 1, 10):
            counts[deeper] = 0
        out = text
        for lv in range(ilvl, -1, -1):
            lv_start, lv_fmt = levels.get(lv, (1, "decimal", "", ""))[:2]
            value = counts[lv] if counts[lv] > 0 else lv_start
            out = out.replace(f"%{lv + 1}", format_number(value, lv_fmt if lv == ilvl or lv_fmt != "bullet"
                                                          else "decimal"))
        if suff != "nothing" and out and out[-1] not in "、．.）)，:：":
            out += " "
        return (out, False)


def _int(text: str | None, default: int, top: int = MAX_START) -> int:
    """A number attribute of numbering.xml within Word's own range (0…32767, a level 0…8);
    `default` when it is not a number at all (a damaged or hand-made file)."""
    try:
        return max(0, min(top, int(text or default)))
    except ValueError:
        return default


def _val(el, child: str, default: str) -> str:
    c = el.find(f"{W}{child}")
    return c.get(f"{W}val", default) if c is not None else default


class Styles:
    """The paragraph styles of styles.xml read once: id → (lower-case name, base style id, numPr).

    python-docx's paragraph.style looks the style up by scanning every style, three times a
    paragraph here: 6 ms a paragraph, a minute for a long document."""

    def __init__(self, root) -> None:
        self.styles: dict[str, tuple[str, str | None, object]] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root.iter(f"{W}style"):
            if st.get(f"{W}type", "paragraph") != "paragraph":
                continue
            sid = st.get(f"{W}styleId") or ""
            name = st.find(f"{W}name")
            based = st.find(f"{W}basedOn")
            ppr = st.find(f"{W}pPr")
            self.styles[sid] = ((name.get(f"{W}val", "") if name is not None else "").lower(),
                                based.get(f"{W}val") if based is not None else None,
                                ppr.find(f"{W}numPr") if ppr is not None else None)
            if st.get(f"{W}default") in ("1", "true", "on") and self.default is None:
                self.default = sid

    def of(self, p) -> str | None:
        """The style id of paragraph `p` (its pStyle, or the default paragraph style)."""
        ppr = p._p.pPr
        ps = ppr.find(f"{W}pStyle") if ppr is not None else None
        sid = ps.get(f"{W}val") if ps is not None else None
        return sid if sid in self.styles else self.default

    def name(self, sid: str | None) -> str:
        return self.styles[sid][0] if sid in self.styles else ""

    def num_pr(self, sid: str | None):
        """The numPr of a style or of the styles it is based on (ten deep at most: a cycle ends)."""
        for _ in range(10):
            if sid not in self.styles:
                return None
            _, based, num = self.styles[sid]
            if num is not None:
                return num
            sid = based
        return None


def _num_pr(paragraph, styles: Styles, sid: str | None) -> tuple[str, int] | None:
    """numId and ilvl of a paragraph, from its own properties or its style chain."""
    ppr = paragraph._p.pPr
    num = ppr.find(f"{W}numPr") if ppr is not None else None
    if num is None:
        num = styles.num_pr(sid)
    if num is None:
        return None
    nid = num.find(f"{W}numId")
    lvl = num.find(f"{W}ilvl")
    if nid is None:
        return None
    return nid.get(f"{W}val"), _int(lvl.get(f"{W}val", "0"), 0, MAX_LEVEL) if lvl is not None else 0


# ---------------------------------------------------------------- the document

def docx_units(path: Path, notes: Notes | None = None) -> list[Unit]:
    """The paragraphs and tables of a .docx, numbering made visible, in document order: also those
    in content controls (w:sdt) and the text of embedded HTML or MHT parts (w:altChunk)."""
    notes = notes if notes is not None else Notes()
    data = check_package(path)
    try:
        import docx
        data, broken = drop_broken_relationships(data)
        document = docx.Document(io.BytesIO(data))
    except ImportError_:
        raise
    except Exception as exc:   # python-docx raises many types on damaged files
        raise ImportError_(f"{path.name}：Word 文档无法读取（{type(exc).__name__}：{exc}）") from None
    if broken:
        kinds = "、".join(dict.fromkeys(broken))
        notes.extra.append(f"Word 文档里有 {len(broken)} 处{kinds}指向文件里没有的部件，已跳过（文字照常导入）")
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        root = None
    numbering = Numbering(root)
    try:
        styles = Styles(document.styles.element)
    except (KeyError, NotImplementedError, AttributeError):
        styles = Styles(None)
    units: list[Unit] = []
    try:
        for kind, item in _body_items(document):
            if kind == "table":
                rows = [[cell.text.strip() for cell in row.cells] for row in item.rows]
                rows = [r for r in rows if any(r)]
                if rows:
                    width = max(len(r) for r in rows)
                    units.append(Unit("", True, hard=True, rows=[r + [""] * (width - len(r)) for r in rows]))
            elif kind == "chunk":
                units.extend(_chunk_units(document, item, path.name, notes))
            else:
                units.extend(_paragraph_units(item, numbering, styles))
    except ImportError_:
        raise
    except Exception as exc:
        raise ImportError_(f"{path.name}：Word 文档内容无法读取（{type(exc).__name__}：{exc}）") from None
    if not any(u.text or u.rows for u in units):
        raise ImportError_(f"{path.name}：Word 文档里没有文字")
    return units


_WRAPPERS = (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag", f"{W}ins")


def _body_items(document):
    """("paragraph" | "table" | "chunk", item) for the body's blocks in order. python-docx sees only
    the body's own w:p and w:tbl; content controls (a cover page, a contents field) and other
    wrappers hold blocks too, and a w:altChunk stands for a part of another format."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    stack = [iter(body)]
    while stack:                  # iterative: nested wrappers cannot exhaust the stack
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        if el.tag == f"{W}p":
            yield "paragraph", Paragraph(el, document._body)
        elif el.tag == f"{W}tbl":
            yield "table", Table(el, document._body)
        elif el.tag == f"{W}altChunk":
            yield "chunk", el
        elif el.tag in _WRAPPERS and len(stack) < 20:
            stack.append(iter(el))


def _chunk_units(document, el, name: str, notes: Notes) -> list[Unit]:
    """The units of the part a w:altChunk imports (an HTML page or an MHT archive of one)."""
    rid = el.get(f"{R}id")
    try:
        part = document.part.rels[rid].target_part
    except (KeyError, AttributeError):
        notes.extra.append("Word 文档里有一处嵌入内容找不到对应的部件，已跳过")
        return []
    found = chunk_html(getattr(part, "content_type", ""), part.blob)
    if found is None:
        notes.extra.append(f"Word 文档里有一处嵌入内容（{part.content_type}）不是网页格式，未能读取，已跳过")
        return []
    from .html import html_units
    page, charset = found
    try:
        units = html_units(page, name, notes, charset=charset)
    except ImportError_:
        return []                  # an empty page: the document's other text may still be there
    notes.extra.append("正文在 Word 文档嵌入的网页（altChunk）里，已按网页读取")
    return units


_INLINE_WRAPPERS = (f"{W}ins", f"{W}smartTag", f"{W}sdt", f"{W}sdtContent", f"{W}fldSimple", f"{W}customXml")


def _paragraph_text(p_el) -> str:
    """As python-docx's p.text, without an XPath query a paragraph (a fifth of a long document's
    import), and with the runs of tracked insertions, smart tags, fields and inline content
    controls, which p.text leaves out (deleted text is in w:del, never read)."""
    parts: list[str] = []
    stack = [iter(p_el)]
    while stack:
        e = next(stack[-1], None)
        if e is None:
            stack.pop()
        elif e.tag in _TEXT_TAGS:
            parts.append(e.text)
        elif e.tag in _INLINE_WRAPPERS and len(stack) < 20:
            stack.append(iter(e))
    return "".join(parts)


def _paragraph_units(p, numbering: Numbering, styles: Styles) -> list[Unit]:
    text = _paragraph_text(p._p).replace("\t", " ")
    if text.strip().startswith(("原文链接", "原文地址", "阅读原文", "查看原文")):
        urls = [h.address for h in p.hyperlinks if (h.address or "").startswith(("http://", "https://"))]
        if urls:   # the link's text is often the title: keep the address, which is what is needed
            return [Unit(f"原文链接：{urls[0]}", True, hard=True)]
    sid = styles.of(p)
    lower = styles.name(sid)
    style = ""
    if lower in ("title", "标题") or lower.startswith("title"):
        style = "title"
    elif lower.startswith(("list bullet", "列表项目符号")):
        style = "list"
    num = _num_pr(p, styles, sid)
    if num is not None:
        made = numbering.marker(*num)
        if made is not None:
            marker, bullet = made
            if bullet:
                style = style or "list"
            elif text.strip():
                text = marker + text.lstrip()
    if (lower.startswith("heading") or lower.startswith("标题 ")) and not style:
        from ..markers import parse_marker
        if parse_marker(text.strip()) is None:
            style = "subheading"
    # A soft line break (Shift+Enter) inside a paragraph is a line of its own in a title, otherwise a space.
    pieces = text.split("\n") if style == "title" else [text.replace("\n", "")]
    return [Unit(piece.strip(), True, hard=True, style=style) for piece in pieces if piece.strip()]
