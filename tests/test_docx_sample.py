"""The sample issue's DOCX against its PDF, against Microsoft's validator and as LibreOffice sets it.

LibreOffice stands in for a recipient's word processor: it converts the DOCX on a machine
without any Chinese font (only Liberation), so what it sets comes from the faces the DOCX
carries. The validator (../shared/tools/ooxml-validate, Microsoft's Open XML SDK) and LibreOffice
are skipped cleanly where they cannot run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import docx
import pytest
from docx.shared import Pt

from editor.build import build_issue
from editor.project import open_issue

from . import conftest
from .test_docx_fonts import _bare_fontconfig, embedded_faces, text_by_face
from .test_docx_reference import WORD_2016, python_docx_default

pytestmark = pytest.mark.slow          # builds and converts the real sample
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
VALIDATOR = conftest.ROOT.parent / "shared" / "tools" / "ooxml-validate"
needs_lo = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _cache(tmp_path_factory) -> str:
    return os.environ.get("BULLETIN_TEST_CACHE") or str(tmp_path_factory.getbasetemp() / "shared-cache")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample built as PDF and DOCX (and its folder, to build it again with a reference)."""
    if not (conftest.SAMPLE / "issue.toml").exists():
        pytest.skip("样刊 content/2023-29 尚未就绪")
    root = tmp_path_factory.mktemp("sample")
    folder = root / "content" / "2023-29"
    shutil.copytree(conftest.SAMPLE, folder)
    shutil.copytree(conftest.ROOT / "issue_templates", root / "issue_templates")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BULLETIN_CACHE_DIR", _cache(tmp_path_factory))
        results = {r.path.suffix: r for r in build_issue(folder, ["pdf", "docx"], root / "out")}
    return SimpleNamespace(root=root, folder=folder, pdf=results[".pdf"].path, docx=results[".docx"].path,
                           issue=open_issue(folder).issue, cache=_cache(tmp_path_factory))


def with_reference(sample, reference: Path, name: str) -> Path:
    """The sample's DOCX built again with `reference` as the template's reference document."""
    template = sample.root / "issue_templates" / "big-data-weekly" / "template.toml"
    original = template.read_text(encoding="utf-8")
    shutil.copy(reference, template.parent / "ref.docx")
    try:
        template.write_text('reference_docx = "ref.docx"\n' + original, encoding="utf-8")
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("BULLETIN_CACHE_DIR", sample.cache)
            [result] = build_issue(sample.folder, ["docx"], sample.root / name)
    finally:
        template.write_text(original, encoding="utf-8")
    return result.path


def libreoffice_pdf(docx_path: Path, out: Path) -> Path:
    """`docx_path` converted by LibreOffice on a machine that knows no Chinese face."""
    out.mkdir(parents=True, exist_ok=True)
    plain = out / "doc.docx"                         # an ASCII name for the converter's output
    shutil.copy(docx_path, plain)
    env = {**os.environ, "HOME": str(out), "FONTCONFIG_FILE": str(_bare_fontconfig(out))}
    subprocess.run([SOFFICE, f"-env:UserInstallation={(out / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(plain)], check=True, capture_output=True, timeout=300, env=env)
    return out / "doc.pdf"


def page_texts(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [(p.extract_text() or "").replace(" ", "").replace("\n", "") for p in PdfReader(str(pdf)).pages]


def article_pages(texts: list[str], issue) -> list[int]:
    """The physical page (1-based) each article's title starts on, after the front matter."""
    out = []
    for article in issue.articles:
        first = article.title.split("\n")[0].replace(" ", "")
        out.append(next(i + 1 for i in range(3, len(texts)) if first in texts[i]))
    return out


# ---------------------------------------------------------------- validity

def validate(path: Path) -> int:
    if not VALIDATOR.exists():
        pytest.skip("the Open XML SDK validator (../shared/tools/ooxml-validate) is not here")
    try:
        r = subprocess.run([str(VALIDATOR), str(path)], capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"the validator cannot run here: {exc}")
    m = re.search(r"errors: (\d+)", r.stdout)
    if m is None:                    # it could not set itself up (offline, no .NET): not our failure
        pytest.skip(f"the validator cannot run here: {(r.stderr or r.stdout)[-300:]}")
    assert int(m.group(1)) == 0, r.stdout[-3000:]
    return 0


@pytest.mark.parametrize("reference", [None, "word2016", "python-docx"])
def test_microsofts_validator_finds_no_error(sample, reference, tmp_path):
    if reference is None:
        path = sample.docx
    else:
        source = WORD_2016 if reference == "word2016" else python_docx_default(tmp_path)
        path = with_reference(sample, source, f"out-{reference}")
    assert validate(path) == 0


def test_every_character_is_in_the_face_embedded_for_it(sample):
    faces = embedded_faces(sample.docx)
    used = text_by_face(docx.Document(str(sample.docx)))
    for (name, _), font in faces.items():
        missing = {ord(c) for c in used[name] if not c.isspace()} - set(font.getBestCmap())
        assert not missing, (name, "".join(chr(c) for c in missing))
    assert len(faces) == 5


# ---------------------------------------------------------------- as LibreOffice sets it

@pytest.fixture(scope="module")
def converted(sample, tmp_path_factory):
    """The sample's DOCX as LibreOffice sets it (no Chinese face installed), once for the module."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return libreoffice_pdf(sample.docx, tmp_path_factory.mktemp("lo"))


def pixels(pdf: Path, page: int, dpi: int = 20) -> tuple[int, int, bytes]:
    """(width, height, RGB bytes) of one page rendered by pdftoppm; skipped where it is not installed."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    root = pdf.with_name(f"page{page}")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(root)],
                   check=True, capture_output=True, timeout=120)
    parts = root.with_suffix(".ppm").read_bytes().split(maxsplit=4)      # P6, width, height, maxval, data
    return int(parts[1]), int(parts[2]), parts[4]


def test_libreoffice_sets_the_cover_bands_to_the_papers_edges(converted):
    w, h, rgb = pixels(converted, 1)

    def at(x, y):
        i = 3 * (y * w + x)
        return tuple(rgb[i:i + 3])
    blue = (0x1B, 0x4F, 0x8F)
    near = lambda c: all(abs(a - b) < 40 for a, b in zip(c, blue))      # noqa: E731
    assert near(at(0, 0)) and near(at(w - 2, 1))                         # the masthead band, corner to corner
    assert near(at(0, h - 2)) and near(at(w - 2, h - 2))                 # the publisher's band along the foot
    assert at(3, h // 2) == (255, 255, 255)                              # white paper in the margin between them


def test_the_guide_keeps_its_groups_apart(sample):
    """On the cover, each column's first entry has space above it (as the PDF's 0.5 em)."""
    doc = docx.Document(str(sample.docx))
    guide = [p for p in doc.paragraphs if p.style.name == "封面导读"]
    firsts = [p for p in guide if p.runs and p.runs[0].style.name == "封面导读栏目"]
    others = [p for p in guide if p not in firsts]
    assert len(firsts) == 3
    gap = lambda p: (p.paragraph_format.space_before or Pt(0)).pt    # noqa: E731
    assert min(gap(p) for p in firsts[1:]) > max(gap(p) for p in others) + 4


def test_libreoffice_paginates_the_docx_as_the_pdf_is(sample, converted):
    """Same number of pages, each article on the page it starts on in the PDF, and the contents'
    pre-filled numbers the pages LibreOffice counts."""
    ours = page_texts(sample.pdf)
    theirs = page_texts(converted)
    assert len(theirs) == len(ours)
    starts = article_pages(theirs, sample.issue)
    assert starts == article_pages(ours, sample.issue)
    doc = docx.Document(str(sample.docx))
    numbers = [int(p.text.rsplit("\t", 1)[1]) for p in doc.paragraphs if p.style.name == "toc 2"]
    first = next(i for i, t in enumerate(theirs) if "—1—" in t)
    assert numbers == [s - first for s in starts]


@needs_lo
def test_contents_numbers_follow_a_references_styles(sample, tmp_path):
    """A reference whose 简报正文 is larger moves the articles; the pre-filled numbers move with them."""
    from .test_docx import copy_package

    ref = tmp_path / "bigger.docx"
    ours = (b'<w:style w:type="paragraph" w:customStyle="1" w:styleId="JianBao"><w:name w:val="\xe7\xae\x80'
            b'\xe6\x8a\xa5\xe6\xad\xa3\xe6\x96\x87"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="480" '
            b'w:lineRule="exact"/><w:ind w:firstLineChars="200"/><w:jc w:val="both"/></w:pPr><w:rPr>'
            b'<w:rFonts w:eastAsia="\xe4\xbb\xbf\xe5\xae\x8b_GB2312"/><w:sz w:val="30"/></w:rPr></w:style>')
    copy_package(WORD_2016, ref, lambda n, d: d.replace(b"</w:styles>", ours + b"</w:styles>")
                 if n == "word/styles.xml" else d)
    path = with_reference(sample, ref, "out-bigger")
    theirs = page_texts(libreoffice_pdf(path, tmp_path))
    first = next(i for i, t in enumerate(theirs) if "—1—" in t)
    actual = [s - first for s in article_pages(theirs, sample.issue)]
    doc = docx.Document(str(path))
    numbers = [int(p.text.rsplit("\t", 1)[1]) for p in doc.paragraphs if p.style.name == "toc 2"]
    assert actual != [s - first for s in article_pages(page_texts(sample.pdf), sample.issue)]
    assert all(abs(a - n) <= 1 for a, n in zip(actual, numbers)) and numbers[:3] == actual[:3], (actual, numbers)


def sizes_of_body_text(pdf: Path, doc) -> list[float]:
    """The size LibreOffice set each piece of 简报正文 text in (pieces found in no other paragraph)."""
    from pypdf import PdfReader

    body, other = [], []
    for p in doc.paragraphs:
        (body if p.style.name == "简报正文" else other).append(p.text)
    for table in doc.tables:
        other += [c.text for row in table.rows for c in row.cells]
    body_text, other_text = "\n".join(body), "\n".join(other)
    sizes = []

    def visit(text, cm, tm, font, size):
        piece = text.strip()
        if len(piece) >= 6 and piece in body_text and piece not in other_text:
            scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
            sizes.append(round(size * scale, 1))
    for page in PdfReader(str(pdf)).pages[3:]:
        page.extract_text(visitor_text=visit)
    return sizes


@needs_lo
@pytest.mark.parametrize("style, size", [("简报正文", 14), ("Normal", 13)])
def test_one_style_changed_in_word_restyles_all_the_body_text(sample, tmp_path, style, size):
    """简报正文's size, changed as a Word user would (python-docx stands in), reaches every run of
    body text, the （一）… lead phrases included; so does Normal's, which 简报正文 follows."""
    doc = docx.Document(str(sample.docx))
    doc.styles[style].font.size = Pt(size)
    changed = tmp_path / "changed.docx"
    doc.save(str(changed))
    sizes = sizes_of_body_text(libreoffice_pdf(changed, tmp_path / "lo"), doc)
    assert len(sizes) > 200 and set(sizes) == {float(size)}, sorted(set(sizes))


def body_line_gap(pdf: Path, size: float) -> float:
    """The median distance between successive baselines of `size`-point text on the article pages."""
    import statistics

    from pypdf import PdfReader

    gaps = []
    for page in PdfReader(str(pdf)).pages[4:14]:
        ys = set()

        def visit(text, cm, tm, font, font_size):
            scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
            if text.strip() and abs(font_size * scale - size) < 0.2:
                ys.add(round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 1))
        page.extract_text(visitor_text=visit)
        ys = sorted(ys, reverse=True)
        gaps += [a - b for a, b in zip(ys, ys[1:])]
    assert len(gaps) > 50
    return statistics.median(gaps)


@needs_lo
def test_the_body_lines_open_up_with_a_larger_body_size(sample, converted, tmp_path):
    """Normal's size changed as a Word user would: the body's line spacing follows it (a multiple of
    the face's line), where an exact 21 pt would leave 16-point lines crowded."""
    before = body_line_gap(converted, 12)
    doc = docx.Document(str(sample.docx))
    doc.styles["Normal"].font.size = Pt(16)
    changed = tmp_path / "changed.docx"
    doc.save(str(changed))
    after = body_line_gap(libreoffice_pdf(changed, tmp_path / "lo"), 16)
    assert abs(after / before - 16 / 12) < 0.05, (before, after)
