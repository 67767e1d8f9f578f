"""The year volume (合订本, issue #18): every issue of a year in one PDF, read back with pypdf.

What the yearly contents print is checked against the PDF itself: for each entry, the outline
(bookmark) of its article gives the page it starts on, and that page's footer must print the
contents' number; the running head of every article page names its issue.
"""

from __future__ import annotations

import re
import shutil

import pytest
from pypdf import PdfReader

from editor.archive.volume import compose_volume, volume_folders
from editor.cli import main
from editor.project import open_issue

from . import archive_support as support

FOOTER = re.compile(r"— (\d+) —")
ENTRY = re.compile(r"^(.*?)[ .…·]*\s(\d+)\s*$")


@pytest.fixture(scope="module")
def four(tmp_path_factory):
    return support.make_archive(tmp_path_factory.mktemp("volume"), 4)


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, 0-based page) of every bookmark, in order."""
    out = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item)))
    walk(reader.outline, 0)
    return out


def _footer(reader: PdfReader, page: int) -> int | None:
    found = FOOTER.findall(reader.pages[page].extract_text() or "")
    return int(found[-1]) if found else None


def _build(folder, tmp_path, capsys, template_edit=None):
    if template_edit:
        path = folder.parent / "issue_templates" / "big-data-weekly" / "template.toml"
        path.write_text(template_edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["volume", str(folder), "--year", "2023", "-o", str(out), "--format", "pdf"]) == 0
    printed = capsys.readouterr()[0]
    pdf = out / "大数据发展动态-2023-合订本.pdf"
    assert f"已生成 {pdf}" in printed and "4 期" in printed
    return PdfReader(pdf)


def _contents_entries(reader: PdfReader, first_issue_cover: int) -> list[tuple[str, int]]:
    """(title, number) as the yearly contents print them (the pages before the first issue's cover),
    in order; a title wrapped over two lines is joined."""
    out, pending = [], ""
    for p in range(1, first_issue_cover):
        for line in (reader.pages[p].extract_text() or "").splitlines():
            line = line.strip()
            m = ENTRY.match(line)
            if m and m.group(1):
                out.append(((pending + m.group(1)).replace(" ", ""), int(m.group(2))))
                pending = ""
            elif line.endswith("）") and not line.startswith("2023年第") and not line.endswith("（续）"):
                pending = line            # the first line of a long title
            else:
                pending = ""
    return out


def test_volume_contents_numbers_are_the_pages_where_articles_start(four, tmp_path, capsys):
    reader = _build(four.folder, tmp_path, capsys)
    outline = _outline(reader)
    issues = [(title, page) for depth, title, page in outline if depth == 0 and title.startswith("2023年第")]
    assert [t for t, _ in issues] == [f"2023年第{n}期（总第{111 + n}期）" for n in (1, 2, 3, 4)]
    articles = [(title, page) for depth, title, page in outline if depth == 2]
    expected = [a.title for a in four.articles]
    assert [t for t, _ in articles] == expected                       # every article, in order, under its issue
    start = dict(articles)
    columns = ["国策要论", "地方新政", "前沿观察"]
    in_contents = sorted(four.articles, key=lambda a: (columns.index(a.column), a.issue))   # stable: issue order
    entries = _contents_entries(reader, issues[0][1])
    assert [t for t, _ in entries] == [a.title.replace(" ", "") for a in in_contents]
    assert [n for _, n in entries] == [_footer(reader, start[a.title]) for a in in_contents]
    # continuous numbering: the first article of each issue goes on from the last page of the one before
    firsts = [_footer(reader, next(p for t, p in articles if p > cover)) for _, cover in issues]
    assert firsts[0] == 1 and all(b > a for a, b in zip(firsts, firsts[1:]))
    # running heads name each page's issue
    for k, (label, cover) in enumerate(issues):
        end = issues[k + 1][1] if k + 1 < len(issues) else len(reader.pages)
        date = support._date(k)
        head = f"{date.year}年{date.month}月{date.day}日 第{k + 1}期 总第{112 + k}期"
        body = [p for p in range(cover, end) if _footer(reader, p) is not None]
        assert body and all(head in (reader.pages[p].extract_text() or "").replace("\u3000", " ") for p in body), label


def test_volume_by_issue_with_numbers_restarting_in_each_issue(four, tmp_path, capsys):
    copy = tmp_path / "copy"
    shutil.copytree(four.folder.parent, copy)
    reader = _build(copy / "content", tmp_path, capsys, lambda t: t.replace('contents = "column"', 'contents = "issue"')
                    .replace('numbering = "continuous"', 'numbering = "issue"'))
    outline = _outline(reader)
    covers = [p for depth, title, p in outline if depth == 0 and title.startswith("2023年第")]
    articles = [(t, p) for depth, t, p in outline if depth == 2]
    firsts = [_footer(reader, next(p for _, p in articles if p > c)) for c in covers]
    assert firsts == [1, 1, 1, 1]
    entries = _contents_entries(reader, covers[0])
    assert [t for t, _ in entries] == [a.title.replace(" ", "") for a in four.articles]      # issue by issue
    start = dict(articles)
    assert [n for _, n in entries] == [_footer(reader, start[a.title]) for a in four.articles]


def test_a_volume_keeps_each_issue_as_composed_and_its_back_matter_once(four):
    folders, notices = volume_folders(four.folder, 2023)
    assert folders == four.issues and notices == []
    template = open_issue(folders[0]).template
    volume = compose_volume(folders, 2023, template)
    assert [vi.label for vi in volume.issues] == [f"2023年第{n}期（总第{111 + n}期）" for n in (1, 2, 3, 4)]
    ids = [h.article_id for vi in volume.issues for h in vi.composition.heads()]
    assert len(ids) == len(set(ids)) == 28 and ids[0] == "2023-01/01-网络安全保险"
    assert volume.back is not None and not any(
        type(e).__name__ == "BackMatter" for vi in volume.issues for e in vi.composition.elements)
    assert volume_folders(four.folder, 2022)[0] == []


def test_volume_of_a_year_without_issues_is_a_chinese_error(four, capsys):
    assert main(["volume", str(four.folder), "--year", "1999", "--format", "pdf"]) == 2
    assert "没有 1999 年的期刊" in capsys.readouterr()[1]


def test_the_word_volume_heads_each_issue_numbers_through_and_links_every_entry(four, tmp_path, capsys):
    import zipfile

    from lxml import etree

    out = tmp_path / "out"
    assert main(["volume", str(four.folder), "--year", "2023", "-o", str(out), "--format", "docx"]) == 0
    capsys.readouterr()
    with zipfile.ZipFile(out / "大数据发展动态-2023-合订本.docx") as z:
        names = z.namelist()
        doc = etree.fromstring(z.read("word/document.xml"))
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        parts = {n: z.read(n) for n in names if n.startswith("word/header")}
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    r = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    target = {x.get("Id"): "word/" + x.get("Target") for x in rels}
    sections = doc.iter(f"{w}sectPr")
    heads, starts = [], []
    for sect in sections:
        ref = next((h for h in sect.findall(f"{w}headerReference") if h.get(f"{w}type") == "default"), None)
        text = "".join(etree.fromstring(parts[target[ref.get(f"{r}id")]]).itertext()) if ref is not None else None
        num = sect.find(f"{w}pgNumType")
        heads.append(text)
        starts.append(num.get(f"{w}start") if num is not None else None)
    body_heads = [h for h in heads if h and "第" in h and "期" in h]
    assert [h.split("　")[-1] for h in body_heads] == [
        f"{d.year}年{d.month}月{d.day}日 第{k + 1}期 总第{112 + k}期" for k, d in enumerate(support._date(k) for k in range(4))]
    body_at = [i for i, h in enumerate(heads) if h in body_heads]
    assert starts[body_at[0]] == "1" and all(starts[i] is None for i in body_at[1:])   # numbered through
    # no TOC field (Word would refill each with the whole year); every entry's PAGEREF names a bookmark
    instr = " ".join(t.text or "" for t in doc.iter(f"{w}instrText"))
    assert "TOC " not in instr
    marks = [b.get(f"{w}name") for b in doc.iter(f"{w}bookmarkStart")]
    assert len(marks) == len(set(marks))
    refs = re.findall(r"PAGEREF (\S+)", instr)
    assert refs and set(refs) <= set(marks)
    assert len([x for x in refs]) >= 2 * 28          # the yearly contents and each issue's own
