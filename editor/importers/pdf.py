"""A PDF file → its text, one line per printed line, for the same pipeline as a pasted PDF copy.

Editors receive PDF copies of documents (and last week's bulletin as a PDF). The text is rebuilt
from the page's characters and their positions (pdfminer.six): characters on one baseline form a
line, left to right; a line that starts two characters right of the page's left margin starts a
paragraph (it is given the full-width indent a copy would show). Reading glyph by glyph matters:
Word and WPS set “ ” in a Latin font drawn apart from the Chinese run, and text extractors that
read runs (pypdf, pdfminer's own text output) put every quote mark of a line at its start or end
(“ ” “不清晰……问题， 僵尸 、 睡). The clean-up that already rejoins a copied PDF's lines
(paragraphs.py) and drops its page numbers and running heads (cleanup.py) does the rest. A
scanned PDF has no text to read: the message says so.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ImportError_

MAX_PAGES = 500
_INDENT = "\u3000\u3000"


def _chars(layout) -> list:
    from pdfminer.layout import LTChar

    out, stack = [], [layout]
    while stack:                     # iterative: a deep figure cannot exhaust the stack
        node = stack.pop()
        if isinstance(node, LTChar):
            out.append(node)
            continue
        try:
            stack.extend(node)
        except TypeError:
            pass
    return out


def page_lines(layout) -> list[tuple[float, float, str]]:
    """(left edge, character width, text) of each printed line of a page, top to bottom."""
    chars = [c for c in _chars(layout) if c.get_text()]
    chars.sort(key=lambda c: -c.y0)
    lines: list[list] = []           # [baseline, size, chars]
    for c in chars:
        line = lines[-1] if lines else None
        if line is not None and abs(line[0] - c.y0) <= max(2.0, 0.3 * max(line[1], c.size)):
            line[2].append(c)
        else:
            lines.append([c.y0, c.size, [c]])
    out = []
    for _, _, cs in lines:
        cs.sort(key=lambda c: c.x0)
        text, last = "", None
        for c in cs:
            t = c.get_text()
            if not t.strip():
                last = c if t == " " and text[-1:].isascii() else last
                if text[-1:].isascii() and text[-1:].isalnum():
                    text += " "        # a space between Latin words stays
                continue
            gap = c.x0 - last.x1 if last is not None else 0.0
            if text[-1:] != " " and (gap > 0.8 * c.size or (gap > 0.25 * c.size and (
                    (text[-1:].isascii() and text[-1:].isalnum()) or (t.isascii() and t.isalnum())))):
                text += " "        # a gap of a character or more: two names (工业和信息化部 国家金融监督管理总局)
            text += t
            last = c
        text = text.strip()
        if text:
            wide = [c.x1 - c.x0 for c in cs if not c.get_text().isascii()]
            out.append((cs[0].x0, max(wide) if wide else 0.0, text))
    return out


def pdf_text(path: Path, data: bytes) -> str:
    """The text of every page as printed lines; ImportError_ in Chinese when there is none."""
    import io
    import logging

    if b"%PDF" not in data[:1024]:
        raise ImportError_(f"{path.name}：不是 PDF 文件（文件头不对），可能已损坏或扩展名有误")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)    # a damaged xref is our message's to tell
    from pdfminer.high_level import extract_pages
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFTextExtractionNotAllowed

    pages: list[list[tuple[float, float, str]]] = []
    try:
        for k, layout in enumerate(extract_pages(io.BytesIO(data))):
            if k >= MAX_PAGES:
                raise ImportError_(f"{path.name}：PDF 超过 {MAX_PAGES} 页，不像是一篇文件或一期简报，未导入")
            pages.append(page_lines(layout))
    except ImportError_:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFTextExtractionNotAllowed):
        raise ImportError_(f"{path.name}：PDF 设有密码或禁止复制文字，无法读取正文；请先在 PDF 阅读器中解除") from None
    except Exception as exc:       # noqa: BLE001 - pdfminer raises many kinds on a damaged file
        raise ImportError_(f"{path.name}：PDF 文件已损坏，无法读取（{type(exc).__name__}）") from None
    lines: list[str] = []
    for page in pages:
        for k, (x, size, text) in enumerate(page):
            # two characters right of the line under it: a paragraph's first line (in a box too)
            nxt = page[k + 1] if k + 1 < len(page) else None
            indented = size and nxt is not None and 1.5 * size <= x - nxt[0] <= 3.5 * size
            lines.append((_INDENT if indented else "") + text)
    if sum(len(t.strip()) for t in lines) < 20:
        raise ImportError_(f"{path.name}：PDF 里没有可复制的文字（可能是扫描件），请先用文字识别（OCR）转成文字再导入")
    return "\n".join(lines)
