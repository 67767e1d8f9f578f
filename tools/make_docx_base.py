"""Write editor/writers/docx/base.docx: the empty document every DOCX export starts from.

    python tools/make_docx_base.py

python-docx opens a template and adds to it; its own default.docx carries 164
Word styles (styles.xml and stylesWithEffects.xml, 430 KB each), a thumbnail
of an empty page and customXml, all parsed and written again on every export.
This base holds only what our documents need before the writer adds its
styles: the default character, table and list styles, a bordered table style,
an empty Normal, CJK-aware settings and empty properties. Run this after
changing it; tests/test_docx.py checks that the committed file is what this
script writes.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "editor" / "writers" / "docx" / "base.docx"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"

BORDERS = "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                  for s in ("top", "left", "bottom", "right", "insideH", "insideV"))

PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{WML}.document.main+xml"/>'
        f'<Override PartName="/word/styles.xml" ContentType="{WML}.styles+xml"/>'
        f'<Override PartName="/word/settings.xml" ContentType="{WML}.settings+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'),
    "_rels/.rels": (
        f'<Relationships xmlns="{PKG_RELS}">'
        f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="word/document.xml"/>'
        f'<Relationship Id="rId2" Type="{PKG_RELS}/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{RELS}/extended-properties" Target="docProps/app.xml"/>'
        '</Relationships>'),
    "docProps/core.xml": (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'),
    "docProps/app.xml": (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        '<Application>bulletin</Application></Properties>'),
    "word/_rels/document.xml.rels": (
        f'<Relationships xmlns="{PKG_RELS}">'
        f'<Relationship Id="rId1" Type="{RELS}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId2" Type="{RELS}/settings" Target="settings.xml"/></Relationships>'),
    "word/document.xml": (
        f'<w:document {W} {R} '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<w:body><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" '
        'w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/>'
        '<w:docGrid w:type="default" w:linePitch="312"/></w:sectPr></w:body></w:document>'),
    "word/styles.xml": (
        f'<w:styles {W}>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        '</w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default '
        'Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" '
        'w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
        f'<w:uiPriority w:val="59"/><w:tblPr><w:tblBorders>{BORDERS}</w:tblBorders></w:tblPr></w:style>'
        '</w:styles>'),
    "word/settings.xml": (
        f'<w:settings {W}><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
        '<w:characterSpacingControl w:val="compressPunctuation"/>'
        '<w:compat><w:useFELayout/><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'),
}


def parts() -> dict[str, bytes]:
    return {name: (HEAD + xml).encode("utf-8") for name, xml in PARTS.items()}


def main() -> int:
    with zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts().items():
            info = zipfile.ZipInfo(name, date_time=(2023, 7, 21, 0, 0, 0))   # the same bytes on every run
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
