"""Word packages whose text is not in python-docx's paragraphs: a body imported as an HTML or MHT
part (w:altChunk, as docx4j-style law collections write it), content controls, a relationship to
a part the package does not have (WPS), a table whose first row is its title.

The texts are the openings of real public documents (the 国旗法 as the NPC publishes it, a 宜春
市 recruitment table); the packages are built here in the shapes the real files have."""

import base64
import quopri
import zipfile

import docx
from docx.oxml import parse_xml

from editor.importers import import_file
from editor.importers.wordparts import chunk_html, drop_broken_relationships
from editor.model import BlockKind

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

LAW_HTML = """<html><head><meta charset="utf-8" /></head><body><h1>中华人民共和国国旗法</h1>
<p>（1990年6月28日第七届全国人民代表大会常务委员会第十四次会议通过<br />
根据2009年8月27日第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正）</p>
<p>第一条 为了维护国旗的尊严，规范国旗的使用，增强公民的国家观念，弘扬爱国主义精神，根据宪法，制定本法。</p>
<p>第二条 中华人民共和国国旗是五星红旗。</p>
<p>第三条 国旗的通用尺度为国旗制法说明中所列明的五种尺度。特殊情况使用其他尺度的国旗，应当按照通用尺度成比例适当放大或者缩小。</p>
<p>第四条 本法自1990年10月1日起施行。</p>
<hr />
<h2>附：国旗制法说明</h2>
<p>（1949年9月28日中国人民政治协商会议第一届全体会议主席团公布）</p>
<p>国旗之形式为红地五星。旗面为红色，长方形，其长与高为三与二之比。</p>
</body></html>"""


def _package(path, document_xml: str, rels: str, extra: dict[str, bytes], types: str) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Override PartName="/word/document.xml" ContentType='
                   '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   f"{types}</Types>")
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", document_xml)
        z.writestr("word/_rels/document.xml.rels", rels)
        for name, data in extra.items():
            z.writestr(name, data)


def _alt_chunk_docx(path, part_name: str, content_type: str, blob: bytes) -> None:
    _package(path,
             f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body><w:altChunk r:id="htmlChunk"/>'
             '<w:sectPr/></w:body></w:document>',
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" '
             f'Target="/word/{part_name}" Id="htmlChunk"/></Relationships>',
             {f"word/{part_name}": blob},
             f'<Override PartName="/word/{part_name}" ContentType="{content_type}"/>')


def _mht(html: str, charset: str, encoding: str) -> bytes:
    body = html.encode(charset)
    payload = quopri.encodestring(body) if encoding == "quoted-printable" else base64.encodebytes(body)
    return (b'MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n    type="text/html";\r\n'
            b'    boundary="----=mhtDocumentPart"\r\n\r\n\r\n------=mhtDocumentPart\r\n'
            + f'Content-Type: text/html;\r\n    charset="{charset}"\r\n'.encode()
            + f"Content-Transfer-Encoding: {encoding}\r\n".encode()
            + b"Content-Location: file:///C:/fake/document.html\r\n\r\n" + payload
            + b"\r\n\r\n------=mhtDocumentPart--\r\n")


def _check_law(article) -> None:
    assert article.title == "中华人民共和国国旗法"
    texts = [b.text for b in article.body]
    assert texts[-1].startswith("第四条") and not any(t.startswith(("附", "国旗之形式")) for t in texts)
    assert article.attachments == ["国旗制法说明"]
    assert not any("1949年" in t for t in texts)


def test_body_in_an_mht_alt_chunk_quoted_printable(tmp_path):
    path = tmp_path / "国旗法.docx"
    _alt_chunk_docx(path, "afchunk.mht", "message/rfc822", _mht(LAW_HTML, "utf-8", "quoted-printable"))
    imported = import_file(path)
    _check_law(imported.article)
    assert any("altChunk" in n for n in imported.notes)


def test_body_in_an_mht_alt_chunk_base64_gbk(tmp_path):
    # the MIME header names the charset; the page's own meta tag (utf-8) is wrong for these bytes
    path = tmp_path / "国旗法.docx"
    _alt_chunk_docx(path, "afchunk.mht", "message/rfc822", _mht(LAW_HTML, "gbk", "base64"))
    _check_law(import_file(path).article)


def test_body_in_an_html_alt_chunk(tmp_path):
    path = tmp_path / "国旗法.docx"
    _alt_chunk_docx(path, "chunk.html", "text/html", LAW_HTML.encode("utf-8"))
    _check_law(import_file(path).article)


def test_alt_chunk_of_another_format_is_reported(tmp_path):
    path = tmp_path / "rtf.docx"
    _alt_chunk_docx(path, "chunk.rtf", "application/rtf", rb"{\rtf1 hello}")
    assert chunk_html("application/rtf", rb"{\rtf1 hello}") is None
    try:
        imported = import_file(path)
    except Exception as exc:                 # nothing to import: a clear message, never a traceback
        assert "rtf.docx" in str(exc)
    else:
        assert any("不是网页格式" in n for n in imported.notes)


def test_paragraphs_inside_content_controls_and_tracked_insertions(tmp_path):
    d = docx.Document()
    d.add_paragraph("关于做好2022年度考试录用公务员工作的通知")
    sdt = parse_xml(f'<w:sdt xmlns:w="{W_NS}"><w:sdtContent><w:p><w:r><w:t>各设区市公务员主管部门：</w:t></w:r></w:p>'
                    "</w:sdtContent></w:sdt>")
    d.element.body.insert(1, sdt)
    p = d.add_paragraph("现将有关事项")
    p._p.append(parse_xml(f'<w:ins xmlns:w="{W_NS}" w:id="1" w:author="a"><w:r><w:t>通知如下。</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del xmlns:w="{W_NS}" w:id="2" w:author="a"><w:r><w:delText>删去的字</w:delText></w:r></w:del>'))
    path = tmp_path / "sdt.docx"
    d.save(str(path))
    a = import_file(path).article
    assert a.addressee == "各设区市公务员主管部门："
    assert [b.text for b in a.body] == ["现将有关事项通知如下。"]


def test_relationship_to_a_missing_part_is_dropped_not_fatal(tmp_path):
    d = docx.Document()
    d.add_paragraph("中央机关及其直属机构2022年度考试录用公务员公共科目笔试考试大纲")
    d.add_paragraph("本大纲适用于中央机关及其直属机构2022年度考试录用公务员公共科目笔试。")
    good = tmp_path / "good.docx"
    d.save(str(good))
    bad = tmp_path / "大纲.docx"
    rel = ('<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
           'Target="../NULL"/>')
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            dst.writestr(info, data)
    fixed, broken = drop_broken_relationships(bad.read_bytes())
    assert broken == ["图片"] and b"../NULL" not in zipfile.ZipFile(__import__("io").BytesIO(fixed)).read(
        "word/_rels/document.xml.rels")
    assert drop_broken_relationships(good.read_bytes()) == (good.read_bytes(), [])
    imported = import_file(bad)
    assert imported.article.title == "中央机关及其直属机构2022年度考试录用公务员公共科目笔试考试大纲"
    assert any("图片" in n for n in imported.notes)


def test_a_table_whose_first_row_is_its_title(tmp_path):
    # a 职位表 published as one table: the title is a merged row over the whole table
    d = docx.Document()
    table = d.add_table(rows=4, cols=4)
    title = "2016年宜春市市直机关遴选公务员（参照管理单位工作人员）职位表"
    table.rows[0].cells[0].merge(table.rows[0].cells[3]).text = "附件1："
    table.rows[1].cells[0].merge(table.rows[1].cells[3]).text = title
    for c, text in enumerate(["单位名称", "职位名称", "遴选人数", "备注"]):
        table.rows[2].cells[c].text = text
    for c, text in enumerate(["宜春市社会保险事业\n管理局", "综合科科员", "1", ""]):
        table.rows[3].cells[c].text = text
    path = tmp_path / "职位表.docx"
    d.save(str(path))
    a = import_file(path).article
    assert a.title == title
    tables = [b for b in a.body if b.kind is BlockKind.TABLE]
    assert len(tables) == 1
    assert tables[0].rows[0] == ["单位名称", "职位名称", "遴选人数", "备注"]
    assert tables[0].rows[1][0] == "宜春市社会保险事业管理局"
