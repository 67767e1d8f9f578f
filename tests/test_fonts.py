"""editor/fonts.py: finding fonts by name, falling back to the packaged ones, the conversion cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from editor import fontcache
from editor import fonts as fontlib
from editor.errors import ExportError

CHARS = "宋体测试一二"


def make_font(path: Path, family: str, *, zh_family: str | None = None, weight: int = 400,
              chars: str = CHARS, style: str = "Regular") -> Path:
    """A tiny TrueType font whose glyphs are squares, named `family` (and `zh_family` in zh-CN)."""
    names = [".notdef"] + [f"uni{ord(c):04X}" for c in chars]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    glyphs = {}
    for n in names:
        pen = TTGlyphPen(None)
        pen.moveTo((100, 0))
        pen.lineTo((100, 800))
        pen.lineTo((900, 800))
        pen.lineTo((900, 0))
        pen.closePath()
        glyphs[n] = pen.glyph()
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": style,
                       "psName": family.replace(" ", "") + "-" + style})
    if zh_family:     # as Chinese Windows fonts carry it: a Windows record in zh-CN (0x0804)
        fb.font["name"].setName(zh_family, 1, 3, 1, 0x804)
    fb.setupOS2(usWeightClass=weight, sTypoAscender=880, sTypoDescender=-120, usWinAscent=880,
                usWinDescent=120, fsType=0)
    fb.setupPost()
    path.parent.mkdir(parents=True, exist_ok=True)
    fb.save(str(path))
    return path


@pytest.fixture
def font_dir(tmp_path):
    d = tmp_path / "fonts"
    make_font(d / "simsun.ttf", "SimSun", zh_family="宋体")
    make_font(d / "simsun-bold.ttf", "SimSun", zh_family="宋体", weight=700, style="Bold")
    make_font(d / "cjk" / "jp.ttf", "Test Sans CJK JP")
    make_font(d / "cjk" / "sc.ttf", "Test Sans CJK SC")
    make_font(d / "only-jp.ttf", "Other Gothic CJK JP")
    return d


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(folder))
    return folder


def resolver(font_dir) -> fontlib.FontResolver:
    return fontlib.FontResolver(fontlib.FontIndex([font_dir]))


def test_installed_font_found_by_localized_chinese_name(font_dir, cache):
    r = resolver(font_dir).resolve(["宋体", "Noto Serif SC"])
    assert r.family == "SimSun" and r.path.name == "simsun.ttf"    # the regular face, not the bold
    assert r.warning is None and not r.packaged
    assert resolver(font_dir).resolve(["simsun"]).path.name == "simsun.ttf"


def test_real_bold_face_is_offered_when_installed(font_dir, cache):
    res = resolver(font_dir)
    bold = res.resolve_bold(res.resolve(["宋体"]))
    assert bold is not None and bold.path.name == "simsun-bold.ttf" and bold.weight == 700
    assert res.resolve_bold(res.resolve(["Noto Serif SC"])) is None


def test_japanese_forms_are_replaced_by_the_sc_sibling(font_dir, cache):
    res = resolver(font_dir)
    assert res.resolve(["Test Sans CJK JP"]).path.name == "sc.ttf"
    # a JP face without an SC sibling is not used at all
    r = res.resolve(["Other Gothic CJK JP", "黑体"])
    assert r.packaged and r.family == "Noto Sans SC"


def test_fallback_to_packaged_faces_with_chinese_warning(font_dir, cache):
    res = resolver(font_dir)
    song = res.resolve(["方正小标宋简体", "华文中宋"])
    assert song.packaged and song.family == "Noto Serif SC" and song.path.is_file()
    assert "方正小标宋简体" in song.warning and "思源宋体" in song.warning
    hei = res.resolve(["黑体", "SimHei", "Heiti SC"])
    assert hei.family == "Noto Sans SC" and "思源黑体" in hei.warning
    # the packaged face named first is no fallback
    assert res.resolve(["Noto Sans SC"]).warning is None


def test_packaged_font_files_exist():
    files = fontlib.packaged_font_files()
    assert {p.name for p in files} >= {"NotoSerifSC-Regular.otf", "NotoSansSC-Regular.otf"}
    assert all(p.is_file() for p in files)


def test_index_is_cached_and_rescans_only_changed_files(font_dir, cache, monkeypatch):
    assert len(fontlib.FontIndex([font_dir]).faces()) == 5
    read = []
    real = fontlib._read_faces
    monkeypatch.setattr(fontlib, "_read_faces", lambda p: read.append(p.name) or real(p))
    assert len(fontlib.FontIndex([font_dir]).faces()) == 5
    assert read == []
    make_font(font_dir / "kaiti.ttf", "KaiTi", zh_family="楷体")
    index = fontlib.FontIndex([font_dir])
    assert index.find("楷体") and read == ["kaiti.ttf"]


def test_conversion_is_cached_on_disk(cache, monkeypatch):
    """What the PDF writer cannot embed as it is (variable fonts, CFF2) is converted once and kept."""
    # a process that has not hashed the font yet (earlier tests' builds keep hashes in memory)
    monkeypatch.setattr(fontcache, "_FILE_IDS", {})
    r = fontlib.FontResolver(fontlib.FontIndex([])).resolve(["Noto Serif SC"])
    calls = []
    real = fontcache._convert
    monkeypatch.setattr(fontcache, "_convert",
                        lambda res, codes, tag: calls.append(len(codes)) or real(res, codes, tag))
    path = fontlib.converted_font(r, "大数据发展动态")
    assert calls and path.is_file()
    stored = list((cache / "fonts").glob("*.ttf"))
    assert stored == [path]
    from fontTools.ttLib import TTFont

    converted = TTFont(str(stored[0]))
    assert "glyf" in converted and "CFF " not in converted          # TrueType outlines
    assert {ord(c) for c in "大数据发展动态"} <= set(converted.getBestCmap())
    # a new process (nothing in memory) with the same or fewer characters: no conversion, and the
    # font file is not even hashed again
    monkeypatch.setattr(fontcache, "_FILE_IDS", {})
    import hashlib

    monkeypatch.setattr(hashlib, "file_digest", lambda *a: pytest.fail("font file hashed again"))
    assert fontlib.converted_font(r, "大数据") == path
    assert len(calls) == 1
    # a new character grows the subset once
    fontlib.converted_font(r, "大数据发展动态周")
    assert len(calls) == 2 and calls[1] > calls[0]


def test_installed_faces_are_embedded_as_they_are(cache, tmp_path, monkeypatch):
    """A CID-keyed CFF face (the packaged Noto) and a TrueType one are read directly: nothing is
    converted, so a first build costs what a later one does."""
    from editor.writers.pdf.kit import open_face

    monkeypatch.setattr(fontcache, "_convert", lambda *a: pytest.fail("converted"))
    res = fontlib.FontResolver(fontlib.FontIndex([]))
    serif = open_face(res.resolve(["Noto Serif SC"]), "大数据")
    sans = open_face(res.resolve(["Noto Sans SC"]), "大数据")
    assert serif.kind == sans.kind == "cff" and serif is not sans
    assert "Serif" in serif.ps_name and "Sans" in sans.ps_name
    assert serif.glyph(ord("态")) and not serif.glyph(0xE000)
    song = open_face(fontlib.ResolvedFont("SimSun", make_font(tmp_path / "f" / "s.ttf", "SimSun")), "宋体")
    assert song.kind == "glyf" and song.glyph(ord("宋")) and song.advance(song.glyph(ord("宋"))) == 1000


def test_covers_reports_missing_characters(cache):
    r = fontlib.FontResolver(fontlib.FontIndex([])).resolve(["Noto Sans SC"])
    assert r.covers("中文，标点。\n") == set()
    assert r.covers("中\U0001F600") == {"\U0001F600"}


def test_broken_font_file_is_a_chinese_error(tmp_path, cache):
    bad = tmp_path / "broken.ttf"
    bad.write_bytes(b"\x00\x01\x00\x00" + b"not a font at all" * 20)
    r = fontlib.ResolvedFont("Broken", bad)
    from editor.writers.pdf.kit import open_face

    with pytest.raises(ExportError) as info:
        open_face(r, "中文")
    assert "字体文件" in str(info.value) and "broken.ttf" in str(info.value)
    with pytest.raises(ExportError):
        r.covers("中文")
    gone = fontlib.ResolvedFont("Gone", tmp_path / "gone.ttf")
    with pytest.raises(ExportError) as info:
        open_face(gone, "中文")
    assert "不存在" in str(info.value)


def test_unreadable_installed_file_is_skipped(font_dir, cache):
    (font_dir / "junk.ttf").write_bytes(b"junk")
    assert resolver(font_dir).resolve(["宋体"]).path.name == "simsun.ttf"


def test_face_in_a_collection_and_unembeddable_faces(tmp_path, cache):
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.ttCollection import TTCollection

    parts = [make_font(tmp_path / "a.ttf", "Coll Song", zh_family="合集宋体"),
             make_font(tmp_path / "b.ttf", "Coll Hei", zh_family="合集黑体")]
    coll = TTCollection()
    coll.fonts = [TTFont(str(p)) for p in parts]
    d = tmp_path / "fonts"
    d.mkdir()
    coll.save(str(d / "coll.ttc"))
    locked = make_font(d / "locked.ttf", "Locked Song", zh_family="锁定宋体")
    font = TTFont(str(locked))
    font["OS/2"].fsType = 0x0002            # restricted licence: no embedding
    font.save(str(locked))
    res = resolver(d)
    hei = res.resolve(["合集黑体"])
    assert hei.path.name == "coll.ttc" and hei.index == 1
    from editor.writers.pdf.kit import open_face

    assert open_face(hei, "测试").ps_name == "CollHei-Regular"
    skipped = res.resolve(["锁定宋体", "宋体"])
    assert skipped.packaged and "不允许嵌入" in skipped.warning
    with pytest.raises(ExportError) as info:
        open_face(fontlib.ResolvedFont("Locked Song", locked), "测试")
    assert "不允许嵌入" in str(info.value)


def make_variable_font(path: Path, family: str, chars: str = CHARS) -> Path:
    """A variable font (weight 100–900, default Thin 100) whose squares grow wider with the weight."""
    from fontTools.ttLib.tables.TupleVariation import TupleVariation

    make_font(path, family, chars=chars, weight=100, style="Thin")
    from fontTools.ttLib import TTFont

    fb = FontBuilder(font=TTFont(str(path)))
    fb.setupFvar(axes=[("wght", 100, 100, 900, "Weight")], instances=[])
    widen = [(-50, 0), (-50, 0), (50, 0), (50, 0), (0, 0), (0, 0), (0, 0), (0, 0)]
    fb.setupGvar({name: [TupleVariation({"wght": (0, 1.0, 1.0)}, widen)] for name in fb.font.getGlyphOrder()})
    fb.save(str(path))
    return path


def test_variable_font_is_instanced_at_regular_and_bold(tmp_path, cache):
    from fontTools.ttLib import TTFont

    from editor.writers.pdf.kit import open_face

    make_variable_font(tmp_path / "fonts" / "VarSans[wght].ttf", "Var Sans")
    res = resolver(tmp_path / "fonts")
    regular = res.resolve(["Var Sans"])
    bold = res.resolve_bold(regular)
    assert (regular.weight, bold.weight) == (400, 700)       # not the Thin default instance

    def left_edge(resolved) -> int:
        converted = TTFont(open_face(resolved, "宋").path)
        assert "fvar" not in converted                        # a static instance
        return converted["glyf"][converted.getBestCmap()[ord("宋")]].xMin

    # at wght 400 the squares have widened by 3/8 of the full 50 units, at 700 by 6/8
    assert (left_edge(regular), left_edge(bold)) == (81, 63)       # 100 − 18.75, 100 − 37.5, rounded
