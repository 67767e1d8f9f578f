"""Contents entries of three lines and more break between words, as titles do."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow          # builds real documents

LONG_TITLES = [
    # (the title as the article file gives it: its own line breaks, if any)
    "中共中央办公厅 国务院办公厅\n关于加快推进公共数据资源开发利用深化数据要素市场化配置改革促进数字经济和实体经济深度融合高质量发展的意见",
    "国家发展改革委 国家数据局 中央网信办 工业和信息化部 财政部 自然资源部关于深入推进全国一体化算力网络国家枢纽节点建设加快培育数据要素市场的实施意见",
    "上海市人民政府办公厅关于印发《上海市促进人工智能产业高质量发展推动数字经济与实体经济深度融合加快建设具有国际影响力的人工智能创新高地若干措施（2025—2027年）》的通知",
]


@pytest.mark.parametrize("title", LONG_TITLES)
def test_a_contents_entry_of_three_lines_keeps_its_words_whole(mini_issue, tmp_path, title):
    from editor.compose import compose
    from editor.project import open_issue
    from editor.writers.pdf import typeset
    from editor.writers.titles import IN_WORD, break_costs

    path = mini_issue / "articles" / "a1.md"
    text = path.read_text(encoding="utf-8")
    import json

    assert 'title = "关于测试的通知"' in text
    value = json.dumps(title.split("\n"), ensure_ascii=False)     # a TOML array of the title's lines
    path.write_text(text.replace('title = "关于测试的通知"', f"title = {value}"), encoding="utf-8")
    opened = open_issue(mini_issue)
    comp = compose(opened.issue, opened.template, opened.folder)
    result = typeset(comp, opened.template, tmp_path / "t.pdf")
    flat = title.replace("\n", "").replace(" ", "")
    records = [r.text.replace(" ", "") for r in result.lines if r.style == "toc_entry"]
    entry = None
    for start in range(len(records)):                  # the entry's lines: records that make the title
        joined = ""
        for end in range(start, len(records)):
            joined += records[end]
            if joined == flat:
                entry = records[start:end + 1]
            if not flat.startswith(joined):
                break
        if entry:
            break
    assert entry and len(entry) >= 3, records
    costs = break_costs(flat)
    at = 0
    for line in entry[:-1]:
        at += len(line)
        assert costs[at] is not None and costs[at] < IN_WORD, (line, entry)
