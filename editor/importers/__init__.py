"""Importing what editors paste: text copied from PDFs, web pages, Word files, whole bulletins.

Public API (see docs/content-format.md for the article format produced):

- `article_from_text(text, source_name="")` → Imported: what "paste as policy text" does;
- `import_file(path)` → Imported, for .txt .md .html .htm .docx .pdf;
- `import_bulletin(path, template_id)` → Issue, from the text of a whole bulletin.

Every failure is an editor.errors.ImportError_ with a Chinese message naming the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..content import parse_article, render_article
from ..errors import ImportError_, Problem
from ..model import Article, Issue
from ..safeio import ReadRefused, check_regular, read_file
from .cleanup import Notes, Unit, chrome_kind, text_units, tidy
from .structure import build_article

MAX_INPUT_BYTES = 20 * 1024 * 1024       # a policy document is well under 1 MB; refuse pastes far beyond
MAX_INPUT_CHARS = 10 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


@dataclass
class Imported:
    """One imported article, the notes on what the clean-up did, and its file text."""

    article: Article
    notes: list[str] = field(default_factory=list)
    cleaned_text: str = ""


# ---------------------------------------------------------------- ids

_TITLE_DROP = re.compile(r"[（(][^（）()]*[)）]|[\s《》“”\"'、，,。：:；;！!？?·]")
_ID_PREFIXES = ("关于印发", "关于", "印发")
_ID_SUFFIXES = ("的通知", "的意见", "的若干措施", "的决定", "的批复", "的函", "的公告", "的通告")
_ID_BREAK_AFTER = "区市省县局厅"
_ID_NOT_BEFORE = set("场块民政级域长面")        # 市场, 区块链, 市民, 省级, 区域, 局长, 局面: inside a word
_ILLEGAL = re.compile(r"[\\/:*?\"<>|\x00-\x1f]")


def article_id_from_title(title: str, limit: int = 12) -> str:
    """A short file-name-safe id: "关于促进电子产品消费的若干措施" → "促进电子产品消费"."""
    lines = [line for line in title.split("\n") if line.strip()]
    text = "".join(lines) if lines else ""
    if "关于" in text:
        text = text[text.index("关于"):]
    text = _TITLE_DROP.sub("", text)
    for p in _ID_PREFIXES:
        if text.startswith(p) and len(text) > len(p):
            text = text[len(p):]
            break
    for s in _ID_SUFFIXES:
        if text.endswith(s) and len(text) > len(s):
            text = text[:-len(s)]
            break
    text = _ILLEGAL.sub("", text).strip(". ")
    if len(text) > limit:
        # Cut after a place or a word that ends a phrase rather than inside a word
        # (中国自由贸易试验区专项发 → 中国自由贸易试验区), when one is near the limit.
        cut = max((k + 1 for k in range(limit // 2, limit)
                   if text[k] in _ID_BREAK_AFTER and text[k + 1:k + 2] not in _ID_NOT_BEFORE), default=limit)
        text = text[:cut]
    return text or "文章"


# ---------------------------------------------------------------- reading files

def file_size(path: Path) -> int:
    """The size of a regular file to import, or ImportError_ saying in Chinese why it cannot be read."""
    try:
        return check_regular(path).st_size
    except ReadRefused as exc:
        raise ImportError_(f"找不到文件：{path}" if exc.missing else f"无法读取文件：{path}（{exc.reason}）") from None


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The file's bytes, refusing what is missing, unreadable, not a regular file or far too large
    (counted as it is read: a device or a growing file reports no true size)."""
    try:
        return read_file(path, limit, "文件")
    except ReadRefused as exc:
        if exc.missing:
            raise ImportError_(f"找不到文件：{path}") from None
        if exc.reason.startswith("文件过大"):
            raise ImportError_(f"{path}：文件过大（超过 {limit // 1024 // 1024} MB），一篇政策文件通常不到 1 MB，未导入") from None
        raise ImportError_(f"无法读取文件：{path}（{exc.reason}）") from None


def decode_text(data: bytes, name: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (GBK files)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportError_(f"{name}：UTF-16 文本无法解码") from None
    if b"\x00" in data[:65536] or _looks_binary(data[:4096]):
        raise ImportError_(f"{name}：含有二进制内容，不是文本文件（Word 文件请用 .docx 导入）")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            # A copy or download cut inside the last character: UTF-8 all the same, not GB18030.
            return data[:exc.start].decode("utf-8-sig")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    raise ImportError_(f"{name}：无法识别文本编码（请另存为 UTF-8 编码的文本）")


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control > len(head) // 20


def normalise_newlines(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n") \
        .replace("\u2029", "\n").replace("\x0c", "\n")


# ---------------------------------------------------------------- articles

def _check_size(text: str, name: str) -> None:
    if len(text) > MAX_INPUT_CHARS:
        where = f"{name}：" if name else ""
        raise ImportError_(f"{where}粘贴的文字过长（{len(text) // 10000} 万字），不像是一篇文章，未导入；"
                           "请只复制一篇文件的正文")


def finish(article: Article, notes: Notes, name: str) -> Imported:
    """The Imported result: canonical file text, re-read so the blocks are exactly what will be saved."""
    if not article.title.strip():
        raise ImportError_(f"{name or '粘贴的文字'}：没有找到标题（标题应在第一行，单独成行），未导入")
    if not article.id:
        article.id = article_id_from_title(article.title)
    text = render_article(article)
    problems: list[Problem] = []
    parsed = parse_article(text, article.id, "", problems)
    if parsed is None:   # cannot happen for text we rendered ourselves; say so rather than crash
        raise ImportError_(f"{name}：导入结果无法按文章格式读回", problems)
    parsed.path = ""
    return Imported(parsed, notes.messages(), text)


_PUNCT_OR_DIGIT = re.compile(r"[\d。，；：、,.;:!?！？（）()]")


def _layout_line(u: Unit, limit: int) -> bool:
    """A short line without punctuation or digits: a masthead or a column banner, if placed as one."""
    t = u.text.strip()
    return u.rows is None and 0 < len(t) <= limit and not _PUNCT_OR_DIGIT.search(t)


def _drop_bulletin_layout(units: list[Unit], notes: Notes) -> list[Unit]:
    """A bulletin's pages copied with their layout: the running head (masthead above the issue
    line "2023年7月21日 第29期 总第140期"), the column banner (前沿观察) under it before a title or
    an 编者按, and a banner left after the closing source line are not the article's."""
    from .bulletin import ISSUE_LINE_RE   # lazily: bulletin imports this package's helpers
    from ..conventions import match_note_label, parse_source
    text = [k for k, u in enumerate(units) if u.rows is not None or u.text.strip()]
    issue = [n for n, k in enumerate(text) if units[k].rows is None and ISSUE_LINE_RE.fullmatch(units[k].text.strip())]
    drop: set[int] = set()
    above = [units[text[n - 1]].text.strip() for n in issue if n > 0 and _layout_line(units[text[n - 1]], 20)]
    for n in issue:
        drop.add(text[n])
        if n > 0 and _layout_line(units[text[n - 1]], 20):
            t = units[text[n - 1]].text.strip()
            # the paste's first line, above the issue line of two pages, or under a page number
            if n == 1 or above.count(t) >= 2 or (n >= 2 and chrome_kind(units[text[n - 2]].text) == "page"):
                drop.add(text[n - 1])
        if n + 1 < len(text) and _layout_line(units[text[n + 1]], 8):
            nxt = units[text[n + 2]] if n + 2 < len(text) else None
            if nxt is None or nxt.rows is None and (match_note_label(nxt.text) is not None or (
                    nxt.gap and len(nxt.text.strip()) <= 70 and nxt.text.strip()[-1] not in "。；;！？!?，,：")):
                drop.add(text[n + 1])
    # after the closing source line: the next article's column banner caught by the selection
    tail = [k for k in text if k not in drop]
    while len(tail) >= 2 and _layout_line(units[tail[-1]], 8) and parse_source(units[tail[-2]].text.strip()):
        drop.add(tail.pop())
    if not drop:
        return units
    notes.add("page", len(drop))
    return [u for k, u in enumerate(units) if k not in drop]


def article_from_units(units: list[Unit], name: str = "", notes: Notes | None = None) -> Imported:
    notes = notes or Notes()
    from .textpage import page_region
    units = page_region(tidy(_drop_bulletin_layout(units, notes), notes), notes)
    if not units:
        raise ImportError_(f"{name or '粘贴的文字'}：清理后没有剩下正文，未导入")
    fallback = notes.page_title or (Path(name).stem if name else "")
    article = build_article(units, notes, fallback_title=fallback)
    return finish(article, notes, name)


def article_from_text(text: str, *, source_name: str = "") -> Imported:
    """One article from pasted text (a PDF copy, a web page's text, plain text)."""
    _check_size(text, source_name)
    text = normalise_newlines(text)
    if text.lstrip().startswith("+++"):
        return _article_file(text, source_name)
    if source_name.lower().endswith((".md", ".markdown")):
        from .markdown import markdown_units
        notes = Notes()
        return article_from_units(markdown_units(text, notes), source_name, notes)
    return article_from_units(text_units(text), source_name)


def _article_file(text: str, name: str) -> Imported:
    """A file already in the article format: read as is."""
    problems: list[Problem] = []
    article = parse_article(text, article_id_from_title(""), name, problems)
    if article is None:
        raise ImportError_(f"{name}：文章文件有 {len(problems)} 处错误，未导入", problems)
    article.id = article_id_from_title(article.title)
    article.path = ""
    return Imported(article, ["已是文章文件格式，按原样读入"], render_article(article))


def import_file(path: str | Path) -> Imported:
    """One article from a .txt, .md, .html/.htm or .docx file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from .docx import docx_units
        notes = Notes()
        return article_from_units(docx_units(path, notes), path.name, notes)
    if suffix == ".doc":
        raise ImportError_(f"{path.name}：是旧版 Word（.doc）文件，请在 Word 中另存为 .docx 后再导入")
    data = read_bytes(path)
    if suffix == ".pdf":
        from .pdf import pdf_text
        return article_from_text(pdf_text(path, data), source_name=path.name)
    if suffix in HTML_SUFFIXES:
        from .html import html_units
        notes = Notes()
        return article_from_units(html_units(data, path.name, notes), path.name, notes)
    if data[:4] == b"PK\x03\x04":
        raise ImportError_(f"{path.name}：看起来是 Word 或压缩文件，请把扩展名改为 .docx 后导入")
    if suffix not in TEXT_SUFFIXES and suffix:
        raise ImportError_(f"{path.name}：不支持的文件类型“{suffix}”；可导入 .txt .md .html .htm .docx .pdf")
    text = decode_text(data, path.name)
    return article_from_text(text, source_name=path.name)


def import_bulletin(path: str | Path, template_id: str = "big-data-weekly") -> Issue:
    """A whole issue from the text of a bulletin (masthead, contents, 编者按, articles)."""
    from .bulletin import bulletin_from_text
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from .docx import docx_units
        text = "\n\n".join(u.text for u in docx_units(path) if u.rows is None)
    elif suffix in HTML_SUFFIXES:
        from .html import html_units
        text = "\n\n".join(u.text for u in html_units(read_bytes(path), path.name, Notes()) if u.rows is None)
    elif suffix == ".pdf":
        # measured on our own 2023-29: a whole bulletin's layout (contents with page numbers, boxed
        # 编者按, column banners) does not come back from the PDF yet; the copied text does
        raise ImportError_(f"{path.name}：整期简报的 PDF 暂不能直接导入；请在 PDF 阅读器中全选复制文字，"
                           "粘贴为 .txt 后导入（单篇文件的 PDF 可以直接导入）")
    else:
        text = decode_text(read_bytes(path), path.name)
    _check_size(text, path.name)
    return bulletin_from_text(normalise_newlines(text), path.name, template_id, start=path.parent)


__all__ = ["Imported", "article_from_text", "import_file", "import_bulletin", "article_id_from_title"]
