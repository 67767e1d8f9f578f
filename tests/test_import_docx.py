"""Importing Word files: styles, automatic numbering made visible, tables, and damaged files."""

import zipfile

import docx
import pytest
from docx.oxml import parse_xml

from editor.errors import ImportError_
from editor.importers import import_file
from editor.importers.docx import Numbering, format_number
from editor.model import BlockKind

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

ABSTRACT = f"""<w:abstractNum {W_NS} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%4"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>"""
ABSTRACT_DECIMAL = f"""<w:abstractNum {W_NS} w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum>"""


def _num(num_id, abstract_id, restart=None):
    override = (f'<w:lvlOverride w:ilvl="2"><w:startOverride w:val="{restart}"/></w:lvlOverride>'
                if restart else "")
    return parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>')


def _numbered(document, text, num_id, level):
    p = document.add_paragraph(text)
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def build_policy_docx(path):
    """A Word policy document whose numbering is all automatic, with a table and a signature."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    for xml in (ABSTRACT, ABSTRACT_DECIMAL):
        if first_num is not None:
            first_num.addprevious(parse_xml(xml))
        else:
            numbering.append(parse_xml(xml))
    numbering.append(_num(901, 90))
    numbering.append(_num(902, 90, restart=1))   # the same list style, item numbers restarted
    numbering.append(_num(903, 91))
    d.add_paragraph("重庆市加快推进数据要素市场化配置改革\n实施方案", style="Title")
    d.add_paragraph("渝府办发〔2024〕12号")
    d.add_paragraph("各区县（自治县）人民政府，市政府各部门：")
    d.add_paragraph("为加快培育数据要素市场，结合我市实际，制定本方案。")
    _numbered(d, "总体要求", 901, 0)
    _numbered(d, "指导思想。坚持系统观念，统筹发展和安全。", 901, 1)
    _numbered(d, "主要目标。到2025年，数据要素市场体系基本建立。", 901, 1)
    _numbered(d, "重点任务", 901, 0)
    _numbered(d, "健全数据产权制度。", 901, 1)
    _numbered(d, "开展数据确权登记。建立登记平台。", 901, 2)
    _numbered(d, "推动数据分类分级。完善目录。", 901, 2)
    _numbered(d, "公共数据：依法开放。", 901, 3)
    _numbered(d, "企业数据：自主流通。", 901, 3)
    _numbered(d, "培育数据交易市场。", 901, 1)
    _numbered(d, "建设数据交易所。提升交易规模。", 902, 2)
    d.add_paragraph("主要指标", style="Heading 2")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["指标", "2023年", "2025年"], ["数据交易额（亿元）", "10", "50"], ["数商数量（家）", "100", "300"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    _numbered(d, "附录", 903, 0)
    _numbered(d, "名词解释", 903, 1)
    d.add_paragraph("要点一", style="List Bullet")
    d.add_paragraph("重庆市人民政府办公厅")
    d.add_paragraph("2024年1月10日")
    d.save(str(path))
    return path


@pytest.fixture
def policy_docx(tmp_path):
    return build_policy_docx(tmp_path / "方案.docx")


def test_docx_numbering_styles_and_table(policy_docx):
    r = import_file(policy_docx)
    a = r.article
    assert a.title == "重庆市加快推进数据要素市场化配置改革\n实施方案"
    assert a.doc_number == "渝府办发〔2024〕12号"
    assert a.addressee == "各区县（自治县）人民政府，市政府各部门："
    texts = [b.text for b in a.body]
    assert texts[1:11] == [
        "一、总体要求",
        "（一）指导思想。坚持系统观念，统筹发展和安全。",
        "（二）主要目标。到2025年，数据要素市场体系基本建立。",
        "二、重点任务",
        "（一）健全数据产权制度。",
        "1.开展数据确权登记。建立登记平台。",
        "2.推动数据分类分级。完善目录。",
        "①公共数据：依法开放。",
        "②企业数据：自主流通。",
        "（二）培育数据交易市场。",
    ]
    assert "1.建设数据交易所。提升交易规模。" in texts      # numId 902 restarts the third level
    assert "1 附录" in texts and "1.1 名词解释" in texts
    assert [b.marker.family for b in a.body[1:4]] == ["cn", "cn-paren", "cn-paren"]
    heading = next(b for b in a.body if b.text == "主要指标")
    assert heading.kind is BlockKind.SUBHEADING
    table = next(b for b in a.body if b.kind is BlockKind.TABLE)
    assert table.rows[1] == ["数据交易额（亿元）", "10", "50"]
    assert any(b.kind is BlockKind.LIST_ITEM and b.text == "要点一" for b in a.body)
    assert (a.signature, a.date) == ("重庆市人民政府办公厅", "2024年1月10日")
    assert a.body[-1].kind not in (BlockKind.SIGNATURE, BlockKind.DATE_LINE)


def test_number_formats():
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 24)] == ["一", "十", "十一", "二十四"]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(2, "ideographTraditional") == "乙"
    assert format_number(4, "upperRoman") == "IV" and format_number(28, "lowerLetter") == "bb"
    assert Numbering(None).marker("1", 0) is None


def test_not_a_zip(tmp_path):
    f = tmp_path / "假的.docx"
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    with pytest.raises(ImportError_, match="不是有效的 Word 文档"):
        import_file(f)


def test_old_doc_format(tmp_path):
    f = tmp_path / "旧.docx"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ImportError_, match="旧版 Word"):
        import_file(f)


def test_zip_without_document(tmp_path):
    f = tmp_path / "x.docx"
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ImportError_, match="没有 Word 正文"):
        import_file(f)


def test_zip_bomb_refused_before_unpacking(tmp_path, policy_docx):
    """A member that inflates to 300 MB of zeros (about 300 KB packed) is refused from its declared size."""
    bomb = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(policy_docx) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with dst.open("word/media/zeros.bin", "w", force_zip64=True) as member:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(300):
                member.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(ImportError_, match="解压后过大"):
        import_file(bomb)


def test_damaged_document_xml(tmp_path, policy_docx):
    broken = tmp_path / "坏.docx"
    with zipfile.ZipFile(policy_docx) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(info, data)
    with pytest.raises(ImportError_, match="坏.docx"):
        import_file(broken)


def test_docx_original_link_from_a_hyperlink(tmp_path):
    d = docx.Document()
    d.add_paragraph("关于数据安全的通知")
    d.add_paragraph("各单位要加强数据安全管理。")
    p = d.add_paragraph("原文链接：")
    r_id = d.part.relate_to("https://www.gov.cn/zhengce/x.htm",
                            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                            is_external=True)
    p._p.append(parse_xml(f'<w:hyperlink {W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                          f'r:id="{r_id}"><w:r><w:t>关于数据安全的通知</w:t></w:r></w:hyperlink>'))
    path = tmp_path / "link.docx"
    d.save(str(path))
    a = import_file(path).article
    assert a.link == "https://www.gov.cn/zhengce/x.htm"
    assert [b.text for b in a.body] == ["各单位要加强数据安全管理。"]
