"""Table cells: read by the Chinese-text rules, located at their line and column, fixed in their cell."""

from editor.body import format_paragraph, parse_body, table_layout, table_rows
from editor.checks import apply_edits, run_checks
from editor.content import render_article

from .checks_support import make_article, make_issue, template

# 上海数据要素 实施细则: its support levels, as a web page would give them.
TABLE = """各项扶持资金标准如下。

| 项目 | 补贴标准(万元) | 说明 |
|---|---|---|
| 首次挂牌 | 不超过20 | 按挂牌数据产品数量,分档给予补贴 |
| 流通交易 | 10 | 对浦东企业 and 其他企业给予补贴 |
"""
FRONT = 4        # +++ / title / +++ / blank line: the body starts on the file's line 5


def punctuation(article):
    issue = make_issue(article)
    return issue, [d for d in run_checks(issue, template()) if d.category == "punctuation"]


def file_lines(article) -> list[str]:
    return render_article(article).split("\n")


def test_a_table_parsed_from_a_file_knows_where_each_cell_is():
    text = "前言。\n\n|名称|金额(万元)|  备注 \\| 说明 |\n|---|---|---|\n| 数据交易所 |  100 |a|\n|短行|\n"
    block = parse_body(text, "a.md", 5).blocks[1]
    assert block.rows == [["名称", "金额(万元)", "备注 | 说明"], ["数据交易所", "100", "a"], ["短行", "", ""]]
    canonical, cells = table_layout(block.rows)
    assert canonical == format_paragraph(block) and table_rows(canonical) == block.rows
    lines = text.split("\n")
    for _, _, start, end in cells:
        if end > start:
            loc = block.locate(start)
            line = lines[loc.line - 5]
            assert line[loc.column - 1:loc.column - 1 + end - start] == canonical[start:end]
    assert (block.locate(cells[1][2]).line, block.locate(cells[1][2]).column) == (7, 5)


def test_halfwidth_marks_and_stray_words_in_cells_are_found_at_their_line_and_column():
    article = make_article(TABLE)
    _, found = punctuation(article)
    assert [(d.rule, d.location.line, d.location.column) for d in found] == [
        ("punctuation.halfwidth", FRONT + 3, 12),
        ("punctuation.halfwidth", FRONT + 5, 27),
        ("punctuation.latin-word", FRONT + 6, 21)]
    lines = file_lines(article)
    assert lines[found[0].location.line - 1][found[0].location.column - 1] == "("
    assert lines[found[1].location.line - 1][found[1].location.column - 1] == ","
    assert lines[found[2].location.line - 1][found[2].location.column - 1:][:3] == "and"
    assert all(d.block_index == 1 and d.field == "body" for d in found)
    assert found[1].excerpt == "… | 按挂牌数据产品数量,分档给予补贴 |"      # its own row, not the next
    assert [d.message.split("：")[0] for d in found] == ["表格第 1 行第 2 列", "表格第 2 行第 3 列", "表格第 3 行第 3 列"]


def test_fixes_edit_the_right_cell_and_leave_the_others_alone():
    article = make_article(TABLE)
    issue, found = punctuation(article)
    before = [row[:] for row in article.body[1].rows]
    undo = apply_edits(issue, found[1].fix.edits)
    after = article.body[1].rows
    assert after[1][2] == "按挂牌数据产品数量，分档给予补贴"
    assert [r for k, r in enumerate(after) if k != 1] == [r for k, r in enumerate(before) if k != 1]
    assert after[1][:2] == before[1][:2]
    apply_edits(issue, undo)
    assert article.body[1].rows == before
    # All of them at once, as `bulletin check --fix` does, then written back to the file.
    apply_edits(issue, [e for d in found for e in d.fix.edits])
    assert article.body[1].rows == [["项目", "补贴标准（万元）", "说明"],
                                    ["首次挂牌", "不超过20", "按挂牌数据产品数量，分档给予补贴"],
                                    ["流通交易", "10", "对浦东企业和其他企业给予补贴"]]
    assert "| 流通交易 | 10 | 对浦东企业和其他企业给予补贴 |" in file_lines(article)
    assert punctuation(article)[1] == []


def test_a_hand_written_table_is_located_as_written_and_fixed_in_place():
    article = make_article("说明如下。\n\n|项目|说明|\n|:---|---:|\n|数据产品|按挂牌数量,给予补贴。。|\n")
    issue, found = punctuation(article)
    assert sorted((d.rule, d.location.line, d.location.column) for d in found) == [
        ("punctuation.halfwidth", FRONT + 5, 12), ("punctuation.repeated", FRONT + 5, 17)]
    line = "|数据产品|按挂牌数量,给予补贴。。|"
    assert [line[d.location.column - 1] for d in sorted(found, key=lambda d: d.location.column)] == [",", "。"]
    apply_edits(issue, [e for d in found for e in d.fix.edits])
    assert article.body[1].rows[1] == ["数据产品", "按挂牌数量，给予补贴。"]


def test_pairs_do_not_match_across_cells_and_a_numbered_cell_is_not_unbalanced():
    body = "说明如下。\n\n| 工程 | 说明 |\n|---|---|\n| “东数西算 | 工程” |\n| 1) | 建设算力网络 |\n"
    found = punctuation(make_article(body))[1]
    assert sorted((d.rule, d.location.column) for d in found) == [
        ("punctuation.unbalanced", 3), ("punctuation.unbalanced", 13)]


def test_a_well_written_table_raises_nothing():
    body = ("主要指标如下。\n\n| 指标 | 2025年目标 | 说明 |\n|---|---|---|\n"
            "| 数据中心机架 | 1,000 个 | 含 AI 算力（智算中心） |\n"
            "| 开放时间 | 10:30 | 详见 https://www.example.gov.cn/a.html |\n"
            "| 试点项目 | 50 个 | 《数字中国建设整体布局规划》“东数西算” |\n| 备注 |  | 1) A|B 类 |\n")
    assert punctuation(make_article(body))[1] == []
