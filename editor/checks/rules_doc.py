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
               "punctuation": "中文标点", "structure": "结构", "issue": "整期"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "rules.md"

HEADER = """# 检查规则

`bulletin check` 和桌面程序使用的全部规则。本文件由 `python -m editor.checks.rules_doc` 根据规则表生成，
请勿手工编辑（测试会在它过时时失败）。

- **级别**：错误（退出码 1）、警告、提示。模板的 `[rules]` 可以按规则编号或类别调整级别或关闭，例如
  `"punctuation.book-title-comma" = "off"`、`"marker-style" = "info"`。
- **自动修正**：`bulletin check DIR --fix` 只应用“安全”的修正（全角标点、括号、来源行格式、文号写法等），
  其余修正（例如改编号、改来源机构）只在桌面程序中由编辑确认后应用。
- 示例中的“⏎”表示分段。

| 编号 | 类别 | 级别 | 说明 | 错误示例 | 正确示例 |
|---|---|---|---|---|---|
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n\n", " ⏎ ").replace("\n", " ⏎ ")


def render() -> str:
    rows = []
    order = {c: i for i, c in enumerate(CATEGORIES)}
    for r in sorted(REGISTRY.values(), key=lambda r: (order[r.category], r.id)):
        bad = _cell(r.example.bad) if r.example else ""
        good = _cell(r.example.good) if r.example else ""
        rows.append(f"| `{r.id}` | {CATEGORY_ZH[r.category]} | {SEVERITY_ZH[r.severity]} | {r.title} "
                    f"| {bad} | {good} |")
    return HEADER + "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DOC_PATH
    atomic_write(path, render().encode("utf-8"))
    print(f"已写入 {path}（{len(REGISTRY)} 条规则）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
