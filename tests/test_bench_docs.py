"""bench/README.md documents every benchmark script (its sections were twice lost in concurrent edits)."""

from __future__ import annotations

from .conftest import ROOT


def test_every_benchmark_has_its_section_with_measurements():
    text = (ROOT / "bench" / "README.md").read_text(encoding="utf-8")
    sections = text.split("\n## ")[1:]
    for script in sorted((ROOT / "bench").glob("*.py")):
        [section] = [s for s in sections if f"`bench/{script.name}`" in s.splitlines()[0]]
        assert "### 实测" in section and "|---" in section, script.name
