"""Reference documents: Word's own, a blank one from old Word for Mac, python-docx's generic template.

Whatever the reference, the document keeps our look where the reference has no say (header and
footer styles of a generic template), Word's current layout (compatibility mode 15), Chinese as its
East Asian language, settings in schema order, and no part of the reference's own text.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from editor.writers.docx.oxml import SETTINGS_ORDER

from .test_docx import build, copy_package, inherited, issue, use_reference  # noqa: F401  (issue: a fixture)
from .test_docx_package import W, package_problems

REFERENCES = Path(__file__).parent / "fixtures" / "docx-reference"
WORD_2016 = REFERENCES / "word2016-saved.docx"
WORD_2011 = REFERENCES / "word2011-mac-blank.docx"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# parts a document keeps whether or not its text refers to them
STANDING = {"styles", "settings", "fontTable", "theme", "numbering", "webSettings", "footnotes", "endnotes",
            "customXml", "glossaryDocument", "stylesWithEffects"}


def python_docx_default(tmp_path) -> Path:
    path = tmp_path / "generic.docx"
    docx.Document().save(str(path))
    return path


def unreferenced(path) -> list[str]:
    """Relationships of the document part that nothing in its XML refers to (but the standing ones),
    and package relationships to a preview picture."""
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode("utf-8")
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        package = etree.fromstring(z.read("_rels/.rels"))
    out = [f"{r.get('Id')} → {r.get('Target')}" for r in rels.iter(REL + "Relationship")
           if r.get("Type").rsplit("/", 1)[1] not in STANDING and f'"{r.get("Id")}"' not in body]
    return out + [r.get("Target") for r in package.iter(REL + "Relationship") if r.get("Type").endswith("/thumbnail")]


def settings_of(path):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/settings.xml"))


def ranked(settings) -> list[str]:
    """The settings' children by CT_Settings' sequence position (extension elements last)."""
    names = {qn(t if ":" in t else "w:" + t): i for i, t in enumerate(SETTINGS_ORDER)}
    return [names.get(c.tag, len(names)) for c in settings]


def compatibility_mode(settings) -> int:
    return int(next(c.get(W + "val") for c in settings.iter(W + "compatSetting")
                    if c.get(W + "name") == "compatibilityMode"))


@pytest.mark.parametrize("which", ["word2016", "word2011", "python-docx"])
def test_a_generic_reference_keeps_our_look_settings_and_nothing_of_its_own(which, issue, tmp_path):  # noqa: F811
    source = {"word2016": WORD_2016, "word2011": WORD_2011}.get(which) or python_docx_default(tmp_path)
    use_reference(issue).write_bytes(source.read_bytes())
    path = build(issue, tmp_path / "out").path
    assert package_problems(path) == [] and unreferenced(path) == []
    settings = settings_of(path)
    order = ranked(settings)
    assert order == sorted(order), [etree.QName(c).localname for c in settings]
    assert compatibility_mode(settings) >= 15
    assert settings.find(W + "themeFontLang").get(W + "eastAsia") == "zh-CN"
    assert settings.find(W + "updateFields") is None and settings.find(W + "savePreviewPicture") is None
    if which != "python-docx":
        assert settings.find(qn("m:mathPr")) is not None           # Word's own, kept in its place
    doc = docx.Document(str(path))
    with zipfile.ZipFile(path) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
        app = z.read("docProps/app.xml").decode("utf-8")
        names = z.namelist()
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(W + "eastAsia") == "zh-CN"
    # a generic template's stock header, footer and Normal give way to ours
    header = doc.styles["header"]
    assert header.element.pPr.find(qn("w:pBdr")) is not None and inherited(header, "w:sz", "w:val") == "18"
    assert inherited(doc.styles["Normal"], "w:rFonts", "w:eastAsia") == "仿宋_GB2312"
    assert "Cisco" not in app and "Microsoft" not in app and "docProps/thumbnail.jpeg" not in names
    body = doc.sections[2]
    assert "大数据发展动态" in body.header.paragraphs[0].text


def test_a_reference_made_from_an_export_keeps_its_own_header_and_body_styles(issue, tmp_path):  # noqa: F811
    """Word's 2016 file with our 简报正文 and a header of its own: a reference made for this
    publication, whose choices stay."""
    def change(name, data):
        if name != "word/styles.xml":
            return data
        ours = (f'<w:style {""}w:type="paragraph" w:customStyle="1" w:styleId="JianBao"><w:name w:val="简报正文"/>'
                '<w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="30"/></w:rPr></w:style>')
        data = data.replace(b"</w:styles>", ours.encode("utf-8") + b"</w:styles>")
        return data.replace(b'<w:tab w:val="center" w:pos="4680"/>', b'<w:tab w:val="center" w:pos="4000"/>')
    copy_package(WORD_2016, use_reference(issue), change)
    path = build(issue, tmp_path / "out").path
    assert package_problems(path) == [] and unreferenced(path) == []
    doc = docx.Document(str(path))
    assert doc.styles["简报正文"].font.size.pt == 15
    assert doc.styles["header"].element.pPr.find(qn("w:pBdr")) is None          # the reference's header
    assert next(p for p in doc.paragraphs if p.text == "前言段落。").style.name == "简报正文"
    assert compatibility_mode(settings_of(path)) >= 15


def test_settings_children_keep_the_schema_order_around_office_math():
    """set_child places w: settings among a Word file's m:mathPr and extension elements correctly."""
    from editor.writers.docx.oxml import embed_fonts_setting, prepare_settings

    with zipfile.ZipFile(WORD_2016) as z:
        settings = etree.fromstring(z.read("word/settings.xml"))
    prepare_settings(settings, "zh-CN")
    embed_fonts_setting(settings, True)
    tags = [etree.QName(c).localname for c in settings]
    order = ranked(settings)
    assert order == sorted(order), tags
    assert tags.index("mathPr") < tags.index("themeFontLang") and tags[-1] == "docId"
    assert tags.index("embedTrueTypeFonts") < tags.index("defaultTabStop")
