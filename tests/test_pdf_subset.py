"""The subsetters against fontTools: every glyph of a CFF subset (editor/writers/pdf/cff.py) draws
exactly as the same glyph of the original font, and a TrueType subset (sfnt.py) has right
checksums, however many subsets one process makes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _packaged(kind: str) -> Path:
    from editor import fonts

    path = fonts._packaged_path(kind)
    if path is None:
        pytest.skip("pylopdf-fonts-zh-cn is not installed")
    return path


def _outlines(cff_bytes: bytes, names: list[str]) -> list[list]:
    from fontTools.cffLib import CFFFontSet
    from fontTools.pens.recordingPen import RecordingPen

    fonts = CFFFontSet()
    fonts.decompile(io.BytesIO(cff_bytes), None)
    font = fonts[fonts.fontNames[0]]
    out = []
    for name in names:
        pen = RecordingPen()
        font.CharStrings[name].draw(pen)
        out.append(pen.value)
    return out


def _original(path: Path, gids: list[int]) -> list[list]:
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    order = font.getGlyphOrder()
    return _outlines(font.reader["CFF "], [order[g] for g in gids])


def _subset_names(gids: list[int]) -> list[str]:
    return [".notdef" if k == 0 else f"cid{k:05d}" for k in range(len(gids))]


SAMPLE_TEXT = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "content" / "2023-29").rglob("*.md")))
OTHER_TEXT = ("关于印发《数字中国建设整体布局规划》的通知 国办发〔2023〕12号 各省、自治区、直辖市人民政府："
              "ABCabc0123456789％＋－×÷＝【】「」『』…—～·鑫龘燚嵊漯邛")


@pytest.mark.parametrize("kind", ["serif", "sans"])
def test_a_subset_draws_every_glyph_as_the_original_does(kind):
    from editor.writers.pdf.cff import _bias
    from editor.writers.pdf.sfnt import Face

    path = _packaged(kind)
    face = Face(path, 0)
    assert face.kind == "cff"

    def gids_of(text: str) -> list[int]:
        found = [face.glyph(ord(c)) for c in dict.fromkeys(text) if not c.isspace()]
        gids = [0] + [g for g in found if g]
        return gids + gids[3:7]               # a glyph twice: compressed punctuation gets a code of its own

    first, second = gids_of(SAMPLE_TEXT), gids_of(OTHER_TEXT)
    one = face.subset(first)
    two = face.subset(second)                 # what the first subset learnt must not leak into this one
    assert _outlines(two, _subset_names(second)) == _original(path, second)
    assert _outlines(one, _subset_names(first)) == _original(path, first)
    assert face.subset(first) == one          # the same glyphs, the same bytes
    # subroutines keep their numbers (so charstrings are copied as they are); unused ones are empty
    from fontTools.cffLib import CFFFontSet

    fonts = CFFFontSet()
    fonts.decompile(io.BytesIO(one), None)
    gsubrs = fonts.GlobalSubrs
    original = CFFFontSet()
    from fontTools.ttLib import TTFont

    original.decompile(io.BytesIO(TTFont(path).reader["CFF "]), None)
    assert len(gsubrs) == len(original.GlobalSubrs) and _bias(len(gsubrs)) == _bias(len(original.GlobalSubrs))
    assert sum(len(s.bytecode or b"") for s in gsubrs) < sum(len(s.bytecode or b"") for s in original.GlobalSubrs)
    assert len(one) < len(TTFont(path).reader["CFF "]) / 10


def test_a_truetype_subset_keeps_its_glyphs_and_its_checksums_are_right():
    import warnings

    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont

    from editor.writers.pdf.sfnt import Face, _checksum

    path = _packaged("kai")
    face = Face(path, 0)
    assert face.kind == "glyf"
    original = TTFont(path)
    order = original.getGlyphOrder()
    for text in (SAMPLE_TEXT[:3000], OTHER_TEXT, SAMPLE_TEXT[:3000]):
        gids = sorted({face.glyph(ord(c)) for c in text if not c.isspace()} | {0})
        data = face.subset(gids)
        assert _checksum(data) == 0xB1B0AFBA                 # head.checkSumAdjustment
        with warnings.catch_warnings():
            warnings.simplefilter("error")                   # fontTools warns on a wrong table checksum
            font = TTFont(io.BytesIO(data), checkChecksums=2)
            glyf, names = font["glyf"], font.getGlyphOrder()   # glyph numbers are kept (CIDToGIDMap)
            for g in gids:
                mine, theirs = RecordingPen(), RecordingPen()
                glyf[names[g]].draw(mine, glyf)
                original["glyf"][order[g]].draw(theirs, original["glyf"])
                assert mine.value == theirs.value, order[g]


def test_a_garbled_subset_cache_entry_is_made_again(mini_issue, tmp_path, monkeypatch):
    """Subset cache entries are written without a flush to disk (a batch writes three an issue): one
    a crash left garbled, its header intact, is told by its checksum and made again."""
    pypdf = pytest.importorskip("pypdf")
    from editor.compose import compose
    from editor.project import open_issue
    from editor.writers.pdf import typeset

    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(tmp_path / "cache"))
    opened = open_issue(mini_issue)
    comp = compose(opened.issue, opened.template, opened.folder)
    typeset(comp, opened.template, tmp_path / "first.pdf")
    entries = sorted((tmp_path / "cache" / "pdf-subsets").glob("*.bin"))
    assert entries
    for entry in entries:                       # the fonts' bytes turned to zeros, the rest kept
        data = bytearray(entry.read_bytes())
        data[-200:] = bytes(200)
        entry.write_bytes(bytes(data))
    typeset(comp, opened.template, tmp_path / "second.pdf")
    assert (tmp_path / "second.pdf").read_bytes().count(b"FontFile") == (tmp_path / "first.pdf").read_bytes().count(b"FontFile")
    def programs(path) -> list[bytes]:
        out = []
        for page in pypdf.PdfReader(str(path)).pages:
            for ref in (page["/Resources"].get_object().get("/Font") or {}).values():
                descriptor = ref.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
                stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
                out.append(stream.get_object().get_data())
        return sorted(set(out))

    assert programs(tmp_path / "second.pdf") == programs(tmp_path / "first.pdf")
    for entry in entries:                       # and the entries were written again, sound
        assert entry.read_bytes()[-200:] != bytes(200)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["serif", "sans"])
def test_every_character_of_the_common_standard_table_subsets_and_draws_right(kind):
    """All 8,105 characters of 通用规范汉字表 in one subset. A subroutine whose effect was learnt as
    “adds to the stack” though a subroutine it calls clears it gave a later glyph the wrong number
    of stems, so its hint mask was read at the wrong length: Noto Sans SC failed on 镬 (glyph
    26971) after 7,109 others with “CFF 子程序编号不是常数”, for any document with them all."""
    from editor.writers.pdf.sfnt import Face

    path = _packaged(kind)
    face = Face(path, 0)
    table = (ROOT / "tools" / "data" / "通用规范汉字表.txt").read_text(encoding="utf-8")
    chars = [c for line in table.splitlines() if not line.startswith("#") for c in line.strip()]
    gids = [0] + sorted({face.glyph(ord(c)) for c in chars} - {0})
    assert len(gids) > 8000
    data = face.subset(gids)
    assert _outlines(data, _subset_names(gids)) == _original(path, gids)


@pytest.mark.parametrize("kind", ["serif", "sans"])
def test_the_shipped_reach_tables_give_the_subsets_reading_the_glyphs_gives(kind):
    """tools/make_cff_reach.py's tables for the shipped CFF faces: a first build takes what a glyph
    reaches from them instead of reading its program, with the same subset to the byte; a table is
    used only for the font it was made from, and a damaged one not at all."""
    from editor.writers.pdf.cff import ReachTable
    from editor.writers.pdf.sfnt import Face

    path = _packaged(kind)
    shipped, reading = Face(path, 0), Face(path, 0)
    table = shipped._cff().shipped
    assert table is not None and len(table.gids) > 8000
    reading._cff().shipped = None
    for text in (SAMPLE_TEXT, OTHER_TEXT):
        gids = [0] + [g for g in dict.fromkeys(shipped.glyph(ord(c)) for c in text if not c.isspace()) if g]
        assert shipped.subset(gids) == reading.subset(gids)
    for g in list(table.gids)[::97]:                           # what the table says is what reading finds
        assert table.get(g) == reading._cff()._reach.get(g) or reading.subset([0, g]) and \
            table.get(g) == reading._cff()._reach[g]
    data = (ROOT / "editor" / "data" / "fonts" / f"{shipped.ps_name}.reach").read_bytes()
    fingerprint = ReachTable.fingerprint(shipped.table("head"), shipped.tables["CFF "])
    assert ReachTable.load(data, fingerprint) is not None
    other = bytearray(fingerprint)
    other[8] ^= 0xFF                                          # another version of the font: its head differs
    assert ReachTable.load(data, bytes(other)) is None
    assert ReachTable.load(data[:len(data) // 2], fingerprint) is None
    assert ReachTable.load(b"not a table", fingerprint) is None
