"""Fonts that travel with the DOCX: embedded faces, the font table, East Asian hints.

The embedded faces are read back the way a word processor reads them: the font
table's relationship, the obfuscated part undone with the font key as ECMA-376
(and LibreOffice's importer) undo it, then opened with fontTools.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from collections import defaultdict

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.run import Run
from lxml import etree

from editor.build import build_issue

from .test_docx import build, issue  # noqa: F401  (issue: a fixture)
from .test_docx_package import W, package_problems

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# where LibreOffice's importer reads each key byte in "{XXXXXXXX-XXXX-…}" (the GUID's hex pairs, last first)
KEY_POSITIONS = (35, 33, 31, 29, 27, 25, 22, 20, 17, 15, 12, 10, 7, 5, 3, 1)


def deobfuscate(data: bytes, guid: str) -> bytes:
    key = bytes(int(guid[p:p + 2], 16) for p in KEY_POSITIONS)
    return bytes(b ^ key[i % 16] for i, b in enumerate(data[:32])) + data[32:]


def embedded_faces(path) -> dict[tuple[str, str], object]:
    """(font name, "embedRegular"/"embedBold") → fontTools TTFont of each embedded face."""
    from fontTools.ttLib import TTFont

    out = {}
    with zipfile.ZipFile(path) as z:
        table = etree.fromstring(z.read("word/fontTable.xml"))
        rels = {r.get("Id"): r.get("Target") for r in etree.fromstring(
            z.read("word/_rels/fontTable.xml.rels")).iter(REL + "Relationship")}
        for font in table.iter(W + "font"):
            for kind in ("embedRegular", "embedBold"):
                el = font.find(W + kind)
                if el is None:
                    continue
                data = z.read("word/" + rels[el.get(qn("r:id"))])
                out[(font.get(W + "name"), kind)] = TTFont(io.BytesIO(deobfuscate(data, el.get(W + "fontKey"))))
    return out


def _east_asian(style):
    while style is not None:
        rpr = style.element.rPr
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
        style = style.base_style
    return None


def text_by_face(doc) -> dict[str, set[str]]:
    """East Asian face → the characters the document sets in it: body, tables, headers and footers,
    each run in its character style's face, else its paragraph style's (through w:basedOn)."""
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        paragraphs += [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
    for section in doc.sections:
        for story in (section.header, section.footer):
            if not story.is_linked_to_previous:
                paragraphs += story.paragraphs
    out = defaultdict(set)
    for p in paragraphs:
        face = _east_asian(p.style)
        for item in p.iter_inner_content():
            for run in [item] if isinstance(item, Run) else item.runs:
                text = "".join(t.text or "" for t in run._r.iter(qn("w:t")))
                out[_east_asian(run.style) or face].update(text)
    return out


def test_the_chinese_faces_are_embedded_subset_and_named_as_the_document_names_them(built):
    path, doc = built
    faces = embedded_faces(path)
    used = text_by_face(doc)
    chinese = {name for name in used if name and not name.isascii()}
    assert chinese == {"仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体"}
    assert {name for name, _ in faces} == chinese
    for (name, _), font in faces.items():
        assert "glyf" in font and font["head"].unitsPerEm > 0          # TrueType outlines
        families = {r.toUnicode() for r in font["name"].names if r.nameID == 1}
        assert families == {name}                  # how Word, WPS and LibreOffice find it
        cmap = set(font.getBestCmap())
        wanted = {ord(c) for c in used[name] if not c.isspace()}
        assert wanted <= cmap, (name, "".join(sorted(chr(c) for c in wanted - cmap)))
        assert cmap <= wanted | {0x20, 0x3000}, name          # only the characters used
        assert font["OS/2"].fsType & 0x030E in (0, 0x0008)     # installable or editable: Word uses it
    with zipfile.ZipFile(path) as z:
        settings = etree.fromstring(z.read("word/settings.xml"))
        types = z.read("[Content_Types].xml").decode("utf-8")
    assert settings.find(W + "embedTrueTypeFonts") is not None
    assert settings.find(W + "saveSubsetFonts") is not None
    assert "application/vnd.openxmlformats-officedocument.obfuscatedFont" in types


@pytest.fixture
def built(issue, tmp_path):  # noqa: F811
    path = build(issue, tmp_path / "out").path
    return path, docx.Document(str(path))


def test_the_font_table_describes_each_face_for_substitution(built):
    path, _ = built
    with zipfile.ZipFile(path) as z:
        table = etree.fromstring(z.read("word/fontTable.xml"))
    fonts = {f.get(W + "name"): f for f in table.iter(W + "font")}
    fangsong = fonts["仿宋_GB2312"]
    tags = [etree.QName(c).localname for c in fangsong]
    # CT_Font's sequence
    assert tags == ["altName", "panose1", "charset", "family", "pitch", "sig", "embedRegular"]
    assert fangsong.find(W + "altName").get(W + "val") == "仿宋"         # on every Windows
    assert fangsong.find(W + "charset").get(W + "val") == "86"
    assert len(fangsong.find(W + "panose1").get(W + "val")) == 20
    assert fonts["Times New Roman"].find(W + "charset").get(W + "val") == "00"
    assert package_problems(path) == []


def test_embedding_can_be_turned_off(issue, tmp_path):  # noqa: F811
    template = issue.parent.parent / "issue_templates" / "big-data-weekly" / "template.toml"
    template.write_text(template.read_text(encoding="utf-8") + "\n[docx]\nembed_fonts = false\n", encoding="utf-8")
    path = build(issue, tmp_path / "out").path
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        table = etree.fromstring(z.read("word/fontTable.xml"))
        settings = etree.fromstring(z.read("word/settings.xml"))
    assert not [n for n in names if n.startswith("word/fonts/")]
    assert not list(table.iter(W + "embedRegular")) and settings.find(W + "embedTrueTypeFonts") is None
    fangsong = next(f for f in table.iter(W + "font") if f.get(W + "name") == "仿宋_GB2312")
    assert fangsong.find(W + "altName").get(W + "val") == "仿宋" and fangsong.find(W + "sig") is not None
    assert package_problems(path) == []


def test_a_bad_docx_setting_is_a_chinese_error_naming_the_key(issue, tmp_path):  # noqa: F811
    from editor.errors import BulletinError

    template = issue.parent.parent / "issue_templates" / "big-data-weekly" / "template.toml"
    template.write_text(template.read_text(encoding="utf-8") + '\n[docx]\nline_spacing = "double"\n',
                        encoding="utf-8")
    with pytest.raises(BulletinError, match="docx.line_spacing"):
        build_issue(issue, ["docx"], tmp_path / "out")


QUOTES = "他指出：“数据要素——是新型生产要素……”，中·外企业‘共建’。"
LATIN = "He said “data is a factor” – twice."


def test_marks_in_chinese_text_are_hinted_east_asian_and_latin_text_is_not(issue, tmp_path):  # noqa: F811
    article = issue / "articles" / "a1.md"
    article.write_text(article.read_text(encoding="utf-8").replace("前言段落。", f"{QUOTES}\n\n{LATIN}"),
                       encoding="utf-8")
    doc = docx.Document(str(build(issue, tmp_path / "out").path))
    runs = {p.text: p.runs for p in doc.paragraphs}
    [chinese] = runs[QUOTES]
    assert chinese._r.rPr.find(qn("w:rFonts")).get(qn("w:hint")) == "eastAsia"
    [latin] = runs[LATIN]
    assert latin._r.rPr is None
    # the hint chooses a font; it sets none: the run stays free of direct formatting
    assert dict(chinese._r.rPr.find(qn("w:rFonts")).attrib) == {qn("w:hint"): "eastAsia"}


def _bare_fontconfig(tmp_path):
    """A fontconfig that knows no Chinese face at all (LibreOffice needs some Latin ones)."""
    conf = tmp_path / "fonts.conf"
    dirs = "".join(f"<dir>{d}</dir>" for d in ("/usr/share/fonts/truetype/liberation",
                                               "/usr/share/fonts/truetype/liberation2"))
    conf.write_text(f'<?xml version="1.0"?><fontconfig>{dirs}<cachedir>{tmp_path / "fc"}</cachedir></fontconfig>',
                    encoding="utf-8")
    return conf


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_reader_without_our_fonts_sees_the_embedded_faces(built, tmp_path):
    """LibreOffice on a machine with no Chinese font sets the text in the faces the DOCX carries."""
    import os

    from pypdf import PdfReader

    path, _ = built
    plain = tmp_path / "issue.docx"
    shutil.copy(path, plain)
    env = {**os.environ, "HOME": str(tmp_path), "FONTCONFIG_FILE": str(_bare_fontconfig(tmp_path))}
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(plain)], check=True, capture_output=True, timeout=180,
                   env=env)
    reader = PdfReader(str(tmp_path / "issue.pdf"))
    faces = embedded_faces(path)
    ours = {f["name"].getDebugName(6) for f in faces.values()}
    used = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            used.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    assert ours <= used | {None}, (ours, used)
    assert used - ours <= {"LiberationSerif", "LiberationSans", "LiberationSerif-Bold", "LiberationSans-Bold"}
    text = "".join((p.extract_text() or "") for p in reader.pages).replace(" ", "").replace("\n", "")
    assert "关于测试的通知" in text and "国办发〔2023〕1号" in text and "编者按" in text


def test_the_fallback_note_names_every_packaged_face_in_chinese(issue, tmp_path):  # noqa: F811
    """On a machine without the template's faces (as on CI) the note says which of the program's own
    faces the DOCX carries, by the Chinese names users know: the 楷体 too, not its file's family."""
    from editor import fonts as fontlib
    from editor.writers.docx.fonts import _PACKAGED

    assert {family for family, _, _ in fontlib._PACKAGED.values()} <= set(_PACKAGED)
    [result] = build_issue(issue, ["docx"], tmp_path / "out")
    [note] = [w for w in result.report.warnings if "程序自带的字体" in w]
    assert "楷体_GB2312→简报楷体" in note and "仿宋_GB2312→思源宋体" in note
    assert not re.search(r"→[A-Za-z]", note), note
