"""The PDF writer's use of fonts: installed faces from the template, real bold where one exists."""

from __future__ import annotations

import pytest

from editor import fonts as fontlib
from editor.compose import compose
from editor.project import open_issue
from editor.writers.pdf import typeset

from .test_fonts import make_font

pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.slow          # builds real documents


def _base_fonts(path) -> set[str]:
    reader = pypdf.PdfReader(str(path))
    names = set()
    for page in reader.pages:
        for ref in (page["/Resources"].get_object().get("/Font") or {}).values():
            names.add(str(ref.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_template_fonts_and_real_bold_faces(mini_issue, tmp_path, monkeypatch):
    opened = open_issue(mini_issue)
    comp = compose(opened.issue, opened.template, opened.folder)
    chars = "".join(sorted({c for e in [comp.title, comp.issue_line] for c in e} | set("关于测试的通知")))
    fonts = tmp_path / "fonts"
    make_font(fonts / "title.ttf", "Test Title", zh_family="测试标题体", chars=chars)
    make_font(fonts / "title-bold.ttf", "Test Title", weight=700, style="Bold", chars=chars)
    monkeypatch.setattr(fontlib, "_DEFAULT", fontlib.FontResolver(fontlib.FontIndex([fonts])))
    opened.template.fonts["title"] = ["测试标题体", "Noto Serif SC"]
    result = typeset(comp, opened.template, tmp_path / "out.pdf")
    used = _base_fonts(tmp_path / "out.pdf")
    # the title style is bold: set in the installed bold face, not in faux bold of the regular
    assert "TestTitle-Bold" in used
    assert {"NotoSerifSC-Regular", "NotoSansSC-Regular"} <= used
    assert not any("标题体" in w for w in result.report.warnings)
    # the fallbacks of the other roles are reported in Chinese
    assert any("思源宋体" in w for w in result.report.warnings)


def _fonts_of_text(path) -> dict[str, set[str]]:
    """Each chunk of text drawn → the fonts (PostScript names, without the subset tag) it is set in."""
    found: dict[str, set[str]] = {}
    for page in pypdf.PdfReader(str(path)).pages:
        def visit(text, cm, tm, font, size):
            if text.strip() and font is not None:
                found.setdefault(text.strip(), set()).add(str(font["/BaseFont"]).split("+", 1)[-1])
        page.extract_text(visitor_text=visit)
    return found


def test_the_editors_note_is_set_in_the_shipped_kai_where_no_kai_is_installed(mini_issue, tmp_path, monkeypatch):
    """No 楷体 installed (installed fonts are hidden from the tests, as on CI): the 编者按 and the
    （一） leads are set in 简报楷体, the subset of LXGW WenKai shipped with the program, not in
    the serif fallback; the warning names it."""
    note = "近日，国务院办公厅印发通知，部署加快建设全国统一的数据要素市场。"
    path = mini_issue / "articles" / "a1.md"
    path.write_text(path.read_text(encoding="utf-8").replace("> 编者按。", f"> {note}"), encoding="utf-8")
    monkeypatch.setattr(fontlib, "_DEFAULT", fontlib.FontResolver(fontlib.FontIndex([])))
    opened = open_issue(mini_issue)
    comp = compose(opened.issue, opened.template, opened.folder)
    result = typeset(comp, opened.template, tmp_path / "out.pdf")
    fonts = _fonts_of_text(tmp_path / "out.pdf")
    note_fonts = {f for text, fs in fonts.items() if "国务院办公厅印发通知" in text for f in fs}
    assert note_fonts == {"BulletinKai-Regular"}
    lead_fonts = {f for text, fs in fonts.items() if text.startswith("（一）") for f in fs}
    assert "BulletinKai-Regular" in lead_fonts
    body_fonts = {f for text, fs in fonts.items() if "前言段落" in text for f in fs}
    assert body_fonts == {"NotoSerifSC-Regular"}
    assert any("楷体→简报楷体" in w or "简报楷体" in w for w in result.report.warnings)
    reader = pypdf.PdfReader(str(tmp_path / "out.pdf"))
    kai = [ref.get_object() for page in reader.pages
           for ref in (page["/Resources"].get_object().get("/Font") or {}).values()
           if "BulletinKai" in str(ref.get_object()["/BaseFont"])][0]
    descriptor = kai["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    assert len(descriptor["/FontFile2"].get_object().get_data()) > 2000      # real outlines, embedded


def test_the_shipped_kai_carries_its_licence_and_no_reserved_name():
    from pathlib import Path

    import editor
    from editor.fonts import unpacked
    from editor.writers.pdf.sfnt import Face

    folder = Path(editor.__file__).parent / "data" / "fonts"
    face = Face(unpacked(folder / "BulletinKai-Regular.ttf.gz"))
    assert face.ps_name == "BulletinKai-Regular" and "LXGW" not in face.ps_name
    licence = (folder / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "LXGW WenKai" in licence
    table = (Path(editor.__file__).parent.parent / "tools" / "data" / "通用规范汉字表.txt").read_text(encoding="utf-8")
    chars = {c for line in table.splitlines() if not line.startswith("#") for c in line.strip()}
    assert len(chars) == 8105 and all(face.glyph(ord(c)) for c in chars)
    assert all(face.glyph(ord(c)) for c in "，。、；：？！“”‘’（）《》〔〕【】——……·")


def test_the_packed_kai_is_unpacked_once_shared_by_copies_and_an_old_version_goes_late(tmp_path, monkeypatch):
    import gzip
    import os
    import time
    from pathlib import Path

    import editor
    from editor.fonts import STALE_UNPACKED_DAYS, unpacked

    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(tmp_path / "cache"))
    shipped = Path(editor.__file__).parent / "data" / "fonts" / "BulletinKai-Regular.ttf.gz"
    packed = tmp_path / "a" / "BulletinKai-Regular.ttf.gz"
    packed.parent.mkdir()
    packed.write_bytes(shipped.read_bytes())
    first = unpacked(packed)
    assert first.parent == tmp_path / "cache" / "packaged-fonts"
    assert first.read_bytes() == gzip.decompress(packed.read_bytes())
    stamp = first.stat().st_mtime_ns
    assert unpacked(packed) == first and first.stat().st_mtime_ns == stamp     # not unpacked again
    copy = tmp_path / "b" / "BulletinKai-Regular.ttf.gz"                      # another checkout, later
    copy.parent.mkdir()
    copy.write_bytes(packed.read_bytes())
    os.utime(copy, ns=(stamp + 10**9, stamp + 10**9))
    assert unpacked(copy) == first                                            # one file for both

    other = tmp_path / "c" / "BulletinKai-Regular.ttf.gz"                     # another version
    other.parent.mkdir()
    other.write_bytes(gzip.compress(gzip.decompress(packed.read_bytes()) + b"\0" * 4))
    second = unpacked(other)
    assert second != first and first.exists()          # a program beside it may still be using it
    week_ago = time.time() - STALE_UNPACKED_DAYS * 86400 - 60
    os.utime(first, (week_ago, week_ago))
    second.unlink()
    assert unpacked(other) == second and not first.exists()


def test_a_packed_face_unpacks_where_it_can_and_a_broken_one_is_missing(tmp_path, monkeypatch):
    from pathlib import Path

    import editor
    from editor.fonts import unpacked

    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(blocked))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)
    shipped = Path(editor.__file__).parent / "data" / "fonts" / "BulletinKai-Regular.ttf.gz"
    (tmp_path / "tmp").mkdir()
    assert unpacked(shipped).parent == tmp_path / "tmp" / "bulletin-fonts"
    broken = tmp_path / "Broken-Regular.ttf.gz"
    broken.write_bytes(b"not gzip at all")
    assert unpacked(broken) is None


def test_a_title_asking_for_xiaobiaosong_gets_a_heavy_serif_where_none_is_installed(mini_issue, tmp_path, monkeypatch):
    """小标宋 is a heavy Song. Where it is missing, the serif standing in for it is emboldened even in
    a template whose titles are not bold (as GB/T 9704 sets them), and not more than bold where they
    are; where the stand-in's family has a bold face installed, that face is used and not bolded again."""
    import dataclasses
    import re

    from editor.writers.pdf.kit import HEAVY_STAND_IN_STROKE, Kit, load_fonts
    from editor.writers.linebreak import Piece

    monkeypatch.setattr(fontlib, "_DEFAULT", fontlib.FontResolver(fontlib.FontIndex([])))
    opened = open_issue(mini_issue)
    template = opened.template
    assert "小标宋" in template.fonts["title"][0]
    template.styles["title"] = dataclasses.replace(template.styles["title"], bold=False)
    comp = compose(opened.issue, template, opened.folder)
    kit = Kit(template, load_fonts(template, "关于测试的通知正文"))
    title, body = kit.font("title"), kit.font("song")
    assert kit.faces[title] is kit.faces[body]                  # one face, embedded once
    assert kit.stroke_width(Piece("标题", title, 20, False, None)) == pytest.approx(20 * HEAVY_STAND_IN_STROKE)
    assert kit.stroke_width(Piece("标题", title, 20, True, None)) == pytest.approx(20 / 30)
    assert kit.stroke_width(Piece("正文", body, 16, False, None)) == 0
    typeset(comp, template, tmp_path / "out.pdf")
    reader = pypdf.PdfReader(str(tmp_path / "out.pdf"))
    widths = {round(float(w), 3) for page in reader.pages
              for w in re.findall(rb"2 Tr ([0-9.]+) w", page.get_contents().get_data())}
    size = template.styles["title"].size
    assert round(size * HEAVY_STAND_IN_STROKE, 3) in widths
    serif = [str(ref.get_object()["/BaseFont"]) for page in reader.pages
             for ref in (page["/Resources"].get_object().get("/Font") or {}).values()]
    assert len({s for s in serif if "NotoSerifSC" in s}) == 1

    # an installed family with a bold face: its bold sets the title, with no faux bold on top
    fonts = tmp_path / "fonts"
    make_font(fonts / "song.ttf", "Test Song", zh_family="测试宋体", chars="关于测试的通知正文标题")
    make_font(fonts / "song-bold.ttf", "Test Song", weight=700, style="Bold", chars="关于测试的通知正文标题")
    monkeypatch.setattr(fontlib, "_DEFAULT", fontlib.FontResolver(fontlib.FontIndex([fonts])))
    template.fonts["title"] = ["方正小标宋简体", "测试宋体"]
    kit = Kit(template, load_fonts(template, "关于测试的通知正文"))
    assert kit.faces[kit.font("title")].ps_name == "TestSong-Bold"
    for bold in (False, True):
        piece = kit.real(Piece("标题", kit.font("title"), 20, bold, None))
        assert kit.stroke_width(piece) == 0 and kit.faces[piece.font].ps_name == "TestSong-Bold"
