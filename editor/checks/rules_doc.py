"""docs/rules.md from the rule registry: `python -m editor.checks.rules_doc [path]`.

The table is generated, never edited by hand; a test fails when it is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import REGISTRY
from .framework import CATEGORIES
from ..paths import atomic_write

CATEGORY_ZH = {"numbering": "编号", "marker-style": "编号样式", "source": "来源", "doc-number": "文号",
               "punctuation": "中文标点", "numbers": "数字与日期", "note": "编者按与正文", "structure": "结构",
               "issue": "整期"}
FIX_ZH = {"safe": "有，`--fix` 自动修正", "confirm": "有，由编辑确认后修正", "none": "无"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "rules.md"

HEADER = """# 检查规则

`bulletin check` 和桌面程序使用的全部规则。本文件由 `python -m editor.checks.rules_doc` 根据规则表生成，
请勿手工编辑（测试会在它过时时失败）。

- **级别**：错误（退出码 1）、警告、提示。模板的 `[rules]` 可以按规则编号或类别调整级别或关闭，例如
  `"punctuation.book-title-comma" = "off"`、`"marker-style" = "info"`。
- **修正**：“`--fix` 自动修正”的规则，其修正不改变文意（全角标点、括号、来源行格式、文号写法等），
  `bulletin check DIR --fix` 直接应用；“由编辑确认”的修正（例如改编号、改来源机构）可能改变文意，
  只在桌面程序中由编辑确认后应用；“无”表示需要编辑自己判断怎样改。
- **相关位置**：编者按与正文的规则除了指出编者按里的位置，还指出与之不符的正文、标题或期号所在
  （命令行输出中以“相关位置”一行列出，JSON 输出中为 `related`）。
- 示例中的“⏎”表示分段。示例取自真实的政策文件和编者按，出处见各规则的测试文件。
"""

TABLE_HEAD = """| 编号 | 级别 | 说明 | 为什么 | 修正 | 错误示例 | 正确示例 |
|---|---|---|---|---|---|---|
"""


def _cell(text: str) -> str:
    text = "\n".join(line for line in text.split("\n") if line != "+++")    # an article example's front matter
    return text.strip("\n").replace("|", "\\|").replace("\n\n", " ⏎ ").replace("\n", " ⏎ ")


def render() -> str:
    parts = [HEADER]
    for category in CATEGORIES:
        rules = sorted((r for r in REGISTRY.values() if r.category == category), key=lambda r: r.id)
        rows = []
        for r in rules:
            bad = _cell(r.example.bad) if r.example else ""
            good = _cell(r.example.good) if r.example else ""
            rows.append(f"| `{r.id}` | {SEVERITY_ZH[r.severity]} | {_cell(r.title)} | {_cell(r.why)} "
                        f"| {FIX_ZH[r.fix]} | {bad} | {good} |")
        parts.append(f"\n## {CATEGORY_ZH[category]}（`{category}`，{len(rules)} 条）\n\n" + TABLE_HEAD
                     + "\n".join(rows) + "\n")
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DOC_PATH
    atomic_write(path, render().encode("utf-8"))
    print(f"已写入 {path}（{len(REGISTRY)} 条规则）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
