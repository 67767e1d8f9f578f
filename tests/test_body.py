from editor.body import format_body, parse_body
from editor.model import BlockKind

BODY = """> 编者按第一段，
> 第二行接上。
>
> 编者按第二段。

一、总体要求

（一）完善制度。加强网络
安全产业支持。

# 白皮书内容目录

- 列表项

| 指标 | 目标 |
|---|---|
| 试点项目 | 50 个 |

国家发展改革委

2023年7月15日

（来源：国家发展改革委）
"""


def test_blocks_kinds_and_places():
    parsed = parse_body(BODY, "articles/x.md", 6)
    assert [b.text for b in parsed.editor_note] == ["编者按第一段，第二行接上。", "编者按第二段。"]
    kinds = [b.kind for b in parsed.blocks]
    assert kinds == [BlockKind.HEADING, BlockKind.ITEM, BlockKind.SUBHEADING, BlockKind.LIST_ITEM,
                     BlockKind.TABLE, BlockKind.SIGNATURE, BlockKind.DATE_LINE]
    item = parsed.blocks[1]
    assert item.text == "（一）完善制度。加强网络安全产业支持。"
    # the character 安 of 安全产业 is on the next file line, first column
    where = item.locate(item.text.index("安全产业"))
    assert (where.file, where.line, where.column) == ("articles/x.md", 14, 1)
    assert parsed.blocks[4].rows == [["指标", "目标"], ["试点项目", "50 个"]]
    assert parsed.source.text == "（来源：国家发展改革委）" and parsed.source.loc.line == 28


def test_source_in_the_middle_stays_a_block():
    parsed = parse_body("（来源：新华社）\n\n正文。\n")
    assert parsed.source is None and parsed.blocks[0].kind is BlockKind.SOURCE


def test_editor_note_after_body_is_a_problem():
    parsed = parse_body("正文。\n\n> 迟到的编者按\n", "a.md", 1)
    assert parsed.problems and parsed.problems[0][0] == 3


def test_canonical_form_round_trips():
    parsed = parse_body(BODY)
    text = format_body(parsed.editor_note, parsed.blocks, parsed.source)
    again = parse_body(text)
    assert format_body(again.editor_note, again.blocks, again.source) == text
    assert [b.text for b in again.blocks] == [b.text for b in parsed.blocks]


def test_paragraphs_that_look_like_syntax_are_escaped():
    from editor.model import Block
    blocks = [Block(BlockKind.PARAGRAPH, t) for t in ("# 不是标题", "> 不是编者按", "| 不是表格", "- 不是列表")]
    text = format_body([], blocks, None)
    again = parse_body(text)
    assert [b.text for b in again.blocks] == [b.text for b in blocks]
    assert all(b.kind is BlockKind.PARAGRAPH for b in again.blocks)


def test_latin_lines_join_with_a_space():
    parsed = parse_body("The quick\nbrown fox。\n")
    assert parsed.blocks[0].text == "The quick brown fox。"


def test_a_one_sentence_clause_is_not_a_heading():
    from editor.body import classify
    from editor.model import BlockKind

    assert classify("第三条 支持数据要素市场培育扶持资金由自贸试验区专项发展资金列支。")[0] is BlockKind.ITEM
    assert classify("第四条 首次挂牌数据产品支持")[0] is BlockKind.HEADING
    assert classify("（一）指导思想。")[0] is BlockKind.HEADING


def test_the_short_last_member_of_a_list_is_an_item_like_its_siblings():
    # 贵州省大数据发展应用促进条例 第三条 shape: a 条 introducing a list whose last member is
    # short and closes with 。; alone it would read as a heading and be set in heading type.
    body = ("第三条 县级以上人民政府应当加强下列工作：\n\n（一）统筹规划大数据基础设施建设；\n\n"
            "（二）推进信息基础设施共建共享；\n\n（三）完善数据中心布局。\n\n"
            "第四条 下列数据应当共享：\n\n①人口数据；\n\n②法人数据。\n")
    kinds = [(b.text[:3], b.kind) for b in parse_body(body).blocks]
    assert kinds[3] == ("（三）", BlockKind.ITEM)
    assert kinds[6] == ("②法人", BlockKind.ITEM)


def test_a_short_heading_with_children_or_among_headings_stays_a_heading():
    body = ("一、主要任务\n\n（一）建设数字化履职能力体系。\n\n1.提升经济调节能力；\n\n"
            "2.提升市场监管能力。\n\n（二）加强组织领导。\n\n（三）强化资金保障。\n")
    blocks = parse_body(body).blocks
    assert blocks[1].kind is BlockKind.HEADING          # has 1. 2. under it
    assert blocks[3].kind is BlockKind.ITEM              # last of the 1. list
    assert [b.kind for b in blocks[4:]] == [BlockKind.HEADING, BlockKind.HEADING]


def test_numbered_lines_after_an_attachment_line_name_further_attachments():
    body = ("现印发给你们，请认真贯彻执行。\n\n附件：1.重点工程\n\n2.任务分工\n\n3.进度安排\n\n国务院\n\n2021年12月12日\n\n"
            "一、总体要求\n\n1.加快建设。推进。\n\n2.强化保障。推进。\n")
    blocks = parse_body(body).blocks
    assert [b.kind for b in blocks[1:6]] == [BlockKind.ATTACHMENT] * 3 + [BlockKind.SIGNATURE, BlockKind.DATE_LINE]
    assert [b.kind for b in blocks[7:]] == [BlockKind.ITEM, BlockKind.ITEM]   # the text's own 1. 2.
    # 附件： alone on its line, the list below it
    blocks = parse_body("附件：\n\n1.重点工程\n\n2.任务分工\n\n一、总体要求\n").blocks
    assert [b.kind for b in blocks] == [BlockKind.ATTACHMENT] * 3 + [BlockKind.HEADING]
