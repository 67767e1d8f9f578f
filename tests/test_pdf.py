"""The PDF of the sample issue, built once for the module and inspected with pypdf."""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from editor import compose as C
from editor.compose import compose
from editor.project import open_issue
from editor.writers.pdf import typeset
from editor.writers.linebreak import NO_END, NO_START, violations
from editor.writers.pdf.pages import footer_text
from editor.compose.keeps import RANK

from . import conftest

pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.slow          # builds real documents

# Styles whose lines are running text: the line-breaking rules apply to every one of them.
TEXT_STYLES = {"body", "editor_note", "heading1", "heading2", "heading3", "heading4", "list_item",
               "addressee", "back_body", "disclaimer", "attachment", "table"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    sample = conftest.SAMPLE
    if not (sample / "issue.toml").exists():
        pytest.skip("样刊 content/2023-29 尚未就绪")
    cache = os.environ.get("BULLETIN_TEST_CACHE") or str(tmp_path_factory.getbasetemp() / "shared-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BULLETIN_CACHE_DIR", cache)
        opened = open_issue(sample)
        comp = compose(opened.issue, opened.template, opened.folder)
        path = tmp_path_factory.mktemp("pdf") / f"{comp.file_stem}.pdf"
        result = typeset(comp, opened.template, path)
    reader = pypdf.PdfReader(str(path))
    texts = [page.extract_text() or "" for page in reader.pages]
    return SimpleNamespace(comp=comp, template=opened.template, path=path, result=result, reader=reader,
                           texts=texts)


def articles(comp) -> list[C.ArticleHead]:
    return comp.heads()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_page_count_in_expected_range(built):
    n = len(built.reader.pages)
    assert n == built.result.report.page_count
    # cover, colophon, contents, 7 articles of 1–9 pages each, back matter
    assert 20 <= n <= 48, n
    kinds = built.result.kinds
    assert kinds[1] == "cover" and kinds[n] == "back"
    assert [kinds[i] for i in (2, 3)] == ["front", "front"]


def test_every_font_is_embedded(built):
    seen = set()
    for page in built.reader.pages:
        fonts = page["/Resources"].get_object().get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            seen.add(font["/BaseFont"])
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None, f"{font['/BaseFont']} 没有字体描述"
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                f"{font['/BaseFont']} 未嵌入"
    assert seen and not any("Helvetica" in str(f) or "STSong" in str(f) for f in seen)


def test_text_extracts_in_reading_order(built):
    text = squash("".join(built.texts))
    pos = []
    for a in articles(built.comp):
        first_line = squash(a.title.own[0])
        at = text.find(first_line, pos[-1] if pos else 0)
        assert at >= 0, f"标题“{a.title.own[0]}”无法按顺序提取"
        pos.append(at)
    assert pos == sorted(pos)
    # a whole body paragraph reads back as one string
    para = next(e for e in built.comp.elements if isinstance(e, C.Paragraph) and e.style == "body"
                and len(e.text) > 120)
    assert squash(para.text) in text


def test_contents_numbers_are_the_pages_where_articles_start(built):
    r = built.result
    labels = built.reader.page_labels
    contents_text = squash("".join(built.texts[i] for i, k in enumerate(r.kinds.values()) if k == "front"))
    for a in articles(built.comp):
        number = r.contents_numbers[a.article_id]
        physical = r.report.article_pages[a.article_id]        # 1-based
        assert r.footers[physical] == number
        page_text = built.texts[physical - 1]
        assert footer_text(number) in page_text, f"第 {physical} 页页脚不是 {footer_text(number)}"
        assert squash(a.title.own[0]) in squash(page_text), f"“{a.contents_title}”不在第 {number} 页"
        assert labels[physical - 1] == str(number)
        # the contents print the title, then (after the leaders) that very number
        title = squash(a.contents_title)
        m = re.search(re.escape(title) + r"(\d+)", contents_text)
        assert m and int(m.group(1)) == number, f"目录中“{a.contents_title}”的页码不对"
    assert r.passes == 2 and r.contents_numbers == r.printed_starts


def test_footers_count_from_the_first_article_page(built):
    r = built.result
    body = sorted(p for p, k in r.kinds.items() if k == "body")
    assert [r.footers[p] for p in body] == list(range(1, len(body) + 1))
    assert min(r.report.article_pages.values()) == body[0]
    for p, k in r.kinds.items():
        if k != "body":
            assert not re.search(r"— \d+ —", built.texts[p - 1]), f"第 {p} 页（{k}）不应有页码"


def test_bookmarks_for_every_column_and_article(built):
    outline = built.reader.outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    columns = [a.column_start for a in articles(built.comp) if a.column_start is not None]
    assert len(columns) == 3
    for col in columns:
        assert col.name in titles
        i = next(n for n, o in enumerate(outline) if not isinstance(o, list) and o.title == col.name)
        children = outline[i + 1]
        assert isinstance(children, list)
        expected = [a.contents_title for a in articles(built.comp) if a.column == col.name]
        assert [c.title for c in children] == expected
        for child, a in zip(children, [a for a in articles(built.comp) if a.column == col.name]):
            assert built.reader.get_destination_page_number(child) + 1 == \
                built.result.report.article_pages[a.article_id]
    assert sum(len(o) for o in outline if isinstance(o, list)) == 7


def test_no_line_begins_or_ends_with_a_forbidden_mark(built):
    lines = [r for r in built.result.lines if r.style in TEXT_STYLES]
    assert len(lines) > 600
    bad = violations([r.text for r in lines])
    assert bad == [], bad[:5]
    # the same seen from the extracted text of the article pages
    extracted = [ln.strip() for p, k in built.result.kinds.items() if k == "body"
                 for ln in built.texts[p - 1].splitlines() if len(ln.strip()) > 8]
    assert not [ln for ln in extracted if ln[0] in NO_START or ln[-1] in NO_END]


def test_no_heading_is_left_at_the_foot_of_a_page(built):
    """Every heading is followed, on its own page, by the text it heads."""
    lines = [r for r in built.result.lines if r.style not in ("header", "footer")]
    for i, r in enumerate(lines[:-1]):
        if r.style in ("heading1", "subheading", "title", "doc_number"):
            nxt = lines[i + 1]
            if nxt.style in RANK and RANK[nxt.style] <= RANK[r.style]:
                continue          # a sibling or a higher heading: this one heads nothing (a list of titles)
            assert nxt.page == r.page, f"“{r.text}”留在第 {r.page} 页末，正文在下一页"


def test_metadata_and_language(built):
    meta = built.reader.metadata
    comp = built.comp
    assert meta.title == f"{comp.title} {comp.issue_line}"
    assert meta.author == comp.author
    assert meta.subject == comp.subject
    assert "bulletin" in meta.creator
    root = built.reader.trailer["/Root"]
    assert root["/Lang"] == "zh-CN"
    assert root["/PageMode"] == "/UseOutlines"


def test_links_are_live(built):
    uris, internal = [], 0
    for page in built.reader.pages:
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            action = a.get("/A")
            if action is not None and action.get_object().get("/URI"):
                uris.append(action.get_object()["/URI"])
            elif a.get("/Dest") is not None or (action is not None and action.get_object().get("/D")):
                internal += 1
    links = [a.link for a in articles(built.comp) if a.link]
    assert links and set(links) <= set(uris)
    assert internal >= len(articles(built.comp))          # contents entries jump to their articles


def test_faux_bold_for_bold_styles(built):
    data = b"".join(page.get_contents().get_data() for page in built.reader.pages[3:8])
    assert b"2 Tr" in data            # fill + stroke where a style is bold


def test_qr_caption_and_source_lines(built):
    recorded = [(r.style, r.text) for r in built.result.lines]
    assert ("link_caption", "扫描二维码") in recorded and ("link_caption", "阅读全文") in recorded
    sources = [e for e in built.comp.elements if isinstance(e, C.Paragraph) and e.style == "source"]
    assert len([r for r in built.result.lines if r.style == "source"]) >= len(sources)


def test_report_and_file_name(built):
    report = built.result.report
    assert not [w for w in report.warnings if "空框" in w]          # every character has its glyph
    assert len([w for w in report.warnings if "程序自带" in w]) <= 1  # font fallbacks: one line, not one per role
    assert set(report.article_pages) == {a.article_id for a in articles(built.comp)}
    assert built.path.name == "大数据发展动态-2023-第29期.pdf"
    assert Path(built.path).stat().st_size > 50_000


def test_cover_lists_the_other_articles_and_contents_carry_doc_numbers(built):
    recorded = [(r.style, r.text, r.page) for r in built.result.lines]
    cover = "".join(t for s, t, p in recorded if s == "cover_teaser" and p == 1)
    headline = built.comp.elements[0].headline_article
    for a in articles(built.comp):
        first = squash(a.title.own[-1])[:8]
        assert (first in squash(cover)) == (a.article_id != headline), a.contents_title
    notes = "".join(t for s, t, p in recorded if s == "toc_note")
    numbers = [a.doc_number.text for a in articles(built.comp) if a.doc_number is not None]
    assert numbers and all(squash(n) in squash(notes) for n in numbers)
    assert notes.count("来源：") == len([e for e in built.comp.elements
                                        if isinstance(e, C.Paragraph) and e.style == "source"])


def test_headings_stand_apart_when_their_face_fell_back(built):
    from editor.writers.pdf.kit import Fonts, Kit

    fonts = Fonts()
    fonts.roles = {role: "Same" for role in built.template.fonts}      # nothing but one face installed
    kit = Kit(built.template, fonts)
    heading = kit.pieces([C.Run("（一）指导思想。")], "heading2")
    lead, text = kit.pieces([C.Run("（一）", "heading2"), C.Run("加强统筹。")], "body")
    assert heading[0].bold and lead.bold and not text.bold
    fonts.roles = {**fonts.roles, "kai": "Kai"}                            # a real 楷体: no faux bold
    kit = Kit(built.template, fonts)
    assert not kit.pieces([C.Run("（一）指导思想。")], "heading2")[0].bold


CLOSING_MARKS = "，。、；：？！）》」』〕】”’"
OPENING_MARKS = "（《「『〔【“‘"


def test_adjacent_punctuation_is_compressed_in_the_pdf(built):
    """W3C clreq §3.1.6, measured from the glyph positions in the file: in body text every closing
    mark followed by an opening one (》《 ）（ ”“ ，“) advances one em together, at most 1.1 em with
    the justification taken out; two closing or two opening marks at most one and a half."""
    from .pdf_glyphs import lines_of, page_glyphs

    pairs, same = [], []
    for p, kind in built.result.kinds.items():
        if kind != "body":
            continue
        for line in lines_of(page_glyphs(built.reader, p - 1)):
            for a, b, c in zip(line, line[1:], line[2:]):
                if b.size != a.size or abs(a.size - 12) > 0.6:      # body text (12 pt), not headers
                    continue
                advance = (c.x - a.x - a.tc - b.tc) / a.size       # the two marks, justification aside
                if a.char in CLOSING_MARKS and b.char in OPENING_MARKS:
                    pairs.append((a.char + b.char, advance))
                elif (a.char in CLOSING_MARKS and b.char in CLOSING_MARKS) or \
                        (a.char in OPENING_MARKS and b.char in OPENING_MARKS):
                    same.append((a.char + b.char, advance))
    assert len(pairs) > 20 and {"》《", "，“"} & {p for p, _ in pairs}
    assert [p for p in pairs if p[1] > 1.1] == []
    assert same and [p for p in same if p[1] > 1.6] == []
