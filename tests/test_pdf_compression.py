"""Punctuation compression (clreq §3.1.6) everywhere the issue asks for it: titles, the contents,
the 编者按 box and the body, measured from the glyph positions in the PDF (docs/pdf.md)."""

from __future__ import annotations

import pytest

from editor.compose import compose
from editor.project import open_issue
from editor.writers.pdf import typeset

from .pdf_glyphs import lines_of, page_glyphs

pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.slow          # builds a real document

CLOSING = "，。、；：？！）》」』〕】”’"
OPENING = "（《「『〔【“‘"


def test_adjacent_marks_take_one_em_in_titles_contents_notes_and_body(mini_issue, tmp_path):
    """A title, its contents entry, the 编者按 and a paragraph, each with 》《 and ）（ in it: every
    closing mark followed by an opening one advances at most 1.1 em together (the justification
    taken out), whatever the size it is set at — and the 文号's 〔〕 keep their full width."""
    path = mini_issue / "articles" / "a1.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace('title = "关于测试的通知"', 'title = "关于印发《数据安全法》《网络安全法》（试行）（修订）的通知"')
    text = text.replace("> 编者按。", "> 近日印发《数据安全法》《网络安全法》（试行）（修订），请各地遵照执行。")
    text = text.replace("前言段落。", "现将《数据安全法》《网络安全法》（试行）（修订）印发给你们，请认真贯彻执行。")
    path.write_text(text, encoding="utf-8")
    opened = open_issue(mini_issue)
    comp = compose(opened.issue, opened.template, opened.folder)
    typeset(comp, opened.template, tmp_path / "out.pdf")
    reader = pypdf.PdfReader(str(tmp_path / "out.pdf"))
    pairs: dict[float, list[tuple[str, float]]] = {}
    brackets = []
    for p in range(len(reader.pages)):
        for line in lines_of(page_glyphs(reader, p)):
            for a, b, c in zip(line, line[1:], line[2:]):
                if a.size != b.size:
                    continue
                advance = (c.x - a.x - a.tc - b.tc) / a.size
                if a.char in CLOSING and b.char in OPENING:
                    pairs.setdefault(round(a.size, 1), []).append((a.char + b.char, advance))
                if a.char == "〔":
                    brackets.append((b.x - a.x - a.tc) / a.size)
    # the title, the contents entry, the note and the body are set at (at least) four sizes
    assert len(pairs) >= 4, sorted(pairs)
    assert {"》《", "）（"} <= {p for ps in pairs.values() for p, _ in ps}
    assert [(size, p) for size, ps in pairs.items() for p in ps if p[1] > 1.1] == []
    assert brackets and min(brackets) > 0.95            # 国办发〔2023〕1号: never compressed
