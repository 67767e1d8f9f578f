"""Import of PDF files: a Word→PDF copy of a real document reads like its source; bad PDFs are refused in Chinese."""

from __future__ import annotations

import pytest

from editor.errors import ImportError_
from editor.importers import import_bulletin, import_file
from tests.real_corpus import OK, compare, load_manifest

from .conftest import ROOT

PDFS = ROOT / "tests" / "fixtures" / "import" / "pdf"
CORPUS = {d.id: d for d in load_manifest()}


@pytest.mark.parametrize("doc_id", ["govcn-guobanfa-2018-123", "govcn-guobanfa-1996-25", "lawrefbook-mss-ling-2"])
def test_a_pdf_copy_has_the_head_and_closing_of_its_source(doc_id):
    article = import_file(PDFS / f"{doc_id}.pdf").article
    result = compare(CORPUS[doc_id], article)
    wrong = {k: (r.expected, r.got) for k, r in result.items()
             if r.status != OK and k in ("title", "doc_number", "signature", "date", "source", "sections")}
    assert wrong == {}
    # “ ” set in a Latin font stay where they were printed, not at the start of the line
    assert not any(b.text.startswith(("“ ”", "” “")) or " 僵尸 " in b.text for b in article.body)


def test_the_quotes_of_a_word_pdf_come_back_in_their_words():
    article = import_file(PDFS / "govcn-guobanfa-2018-123.pdf").article
    source = import_file(CORPUS["govcn-guobanfa-2018-123"].path).article
    assert [b.text.replace(" ", "") for b in article.body] == [b.text.replace(" ", "") for b in source.body]
    assert article.addressee == source.addressee


@pytest.mark.parametrize("data, says", [
    (b"PK\x03\x04 not a pdf at all", "不是 PDF 文件"),
    (b"%PDF-1.7\n1 0 obj <<", "PDF 文件已损坏"),
])
def test_a_broken_pdf_is_a_chinese_message(tmp_path, data, says):
    f = tmp_path / "坏.pdf"
    f.write_bytes(data)
    with pytest.raises(ImportError_) as err:
        import_file(f)
    assert says in str(err.value) and "坏.pdf" in str(err.value)


def test_a_pdf_without_text_says_it_may_be_a_scan(tmp_path):
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    f = tmp_path / "扫描件.pdf"
    f.write_bytes(bytes(out))
    with pytest.raises(ImportError_) as err:
        import_file(f)
    assert "没有可复制的文字" in str(err.value)


def test_a_whole_bulletin_pdf_is_refused_with_what_to_do(tmp_path):
    f = tmp_path / "简报.pdf"
    f.write_bytes((PDFS / "govcn-guobanfa-1996-25.pdf").read_bytes())
    with pytest.raises(ImportError_) as err:
        import_bulletin(f)
    assert "复制文字" in str(err.value)
