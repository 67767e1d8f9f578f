"""The body editor's highlighter: each numbering level in its own colour, problems underlined.

Levels come from editor.outline.build_outline over the article's blocks, so the
editor shows the hierarchy exactly as the checks and writers see it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat

from ..model import Block, BlockKind
from ..outline import STRUCTURAL, build_outline, split_lead
from .textmap import display_prefix

# Level colours follow the print styles loosely (一级 黑体 blue, 二级 楷体 brown, …).
LEVEL_COLORS = {0: "#B7282E", 1: "#1B4F8F", 2: "#8A4B08", 3: "#2E7D32", 4: "#6A1B9A"}
LEVEL_NAMES = {0: "章/条", 1: "一级", 2: "二级", 3: "三级", 4: "四级"}
SEVERITY_COLORS = {"error": "#D32F2F", "warning": "#EF8F00", "info": "#1976D2"}


@dataclass(frozen=True)
class LineInfo:
    """How one editor line is drawn."""

    kind: BlockKind
    level: int | None = None     # numbering level (0 for 第X章/条), None when not numbered
    marker_end: int = 0          # end of the marker in the line
    lead_end: int = 0            # end of the run-in heading (（一）完善制度。)
    prefix: int = 0


def line_infos(blocks: list[Block], pmap: list[int | None]) -> dict[int, LineInfo]:
    """Editor line number → LineInfo, for the lines that hold a block."""
    outline = build_outline(blocks)
    out: dict[int, LineInfo] = {}
    for line, index in enumerate(pmap):
        if index is None or index >= len(blocks):
            continue
        block = blocks[index]
        prefix = display_prefix(block)
        node = outline.get(index)
        if node is not None:
            level = 0 if node.marker.family in STRUCTURAL else min(max(node.level, 1), 4)
            lead, _ = split_lead(block)
            out[line] = LineInfo(block.kind, level, prefix + node.marker.length, prefix + len(lead), prefix)
        else:
            out[line] = LineInfo(block.kind, prefix=prefix)
    return out


class BodyHighlighter(QSyntaxHighlighter):
    def __init__(self, document):
        super().__init__(document)
        self.infos: dict[int, LineInfo] = {}
        self.problems: dict[int, list[tuple[int, int, str]]] = {}   # line → (start, length, severity)
        self._formats = self._make_formats()

    @staticmethod
    def _make_formats() -> dict[str, QTextCharFormat]:
        f: dict[str, QTextCharFormat] = {}
        for level, color in LEVEL_COLORS.items():
            marker = QTextCharFormat()
            marker.setForeground(QColor(color))
            marker.setFontWeight(QFont.Weight.Bold)
            tint = QColor(color)
            tint.setAlpha(28)
            marker.setBackground(tint)
            f[f"marker{level}"] = marker
            lead = QTextCharFormat()
            lead.setForeground(QColor(color))
            if level <= 1:
                lead.setFontWeight(QFont.Weight.DemiBold)
            f[f"lead{level}"] = lead
        sub = QTextCharFormat()
        sub.setFontWeight(QFont.Weight.Bold)
        sub.setForeground(QColor("#37474F"))
        f["subheading"] = sub
        quiet = QTextCharFormat()
        quiet.setForeground(QColor("#6D6D6D"))
        quiet.setFontItalic(True)
        f["quiet"] = quiet
        markup = QTextCharFormat()
        markup.setForeground(QColor("#9E9E9E"))
        f["markup"] = markup
        table = QTextCharFormat()
        table.setForeground(QColor("#455A64"))
        table.setFontFamilies(["monospace", "Noto Sans SC"])
        f["table"] = table
        return f

    def set_infos(self, infos: dict[int, LineInfo]) -> None:
        """New line infos; only the lines whose look changed are redrawn."""
        old, self.infos = self.infos, infos
        doc = self.document()
        for line in {k for k in old.keys() | infos.keys() if old.get(k) != infos.get(k)}:
            block = doc.findBlockByNumber(line)
            if block.isValid():
                self.rehighlightBlock(block)

    def set_problems(self, problems: dict[int, list[tuple[int, int, str]]]) -> None:
        old, self.problems = self.problems, problems
        doc = self.document()
        for line in old.keys() | problems.keys():
            if old.get(line) != problems.get(line):
                block = doc.findBlockByNumber(line)
                if block.isValid():
                    self.rehighlightBlock(block)

    def highlightBlock(self, text: str) -> None:
        line = self.currentBlock().blockNumber()
        info = self.infos.get(line)
        if info is not None:
            f = self._formats
            if info.prefix:
                self.setFormat(0, info.prefix, f["markup"])
            if info.level is not None:
                self.setFormat(info.prefix, info.marker_end - info.prefix, f[f"marker{info.level}"])
                end = len(text) if info.kind is BlockKind.HEADING else info.lead_end
                if end > info.marker_end:
                    self.setFormat(info.marker_end, end - info.marker_end, f[f"lead{info.level}"])
            elif info.kind is BlockKind.SUBHEADING:
                self.setFormat(info.prefix, len(text) - info.prefix, f["subheading"])
            elif info.kind in (BlockKind.SOURCE, BlockKind.DATE_LINE, BlockKind.SIGNATURE,
                               BlockKind.ATTACHMENT):
                self.setFormat(0, len(text), f["quiet"])
            elif info.kind in (BlockKind.TABLE, BlockKind.IMAGE):
                self.setFormat(0, len(text), f["table"])
        for start, length, severity in self.problems.get(line, ()):
            self._underline(text, start, length, severity)

    def _underline(self, text: str, start: int, length: int, severity: str) -> None:
        start = max(0, min(start, len(text) - 1))
        length = max(1, min(length or 1, len(text) - start))
        for pos in range(start, start + length):   # keep each character's own colour
            fmt = self.format(pos)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            color = QColor(SEVERITY_COLORS.get(severity, "#D32F2F"))
            fmt.setUnderlineColor(color)
            color.setAlpha(40)
            fmt.setBackground(color)
            self.setFormat(pos, 1, fmt)


def problem_format(severity: str) -> QTextCharFormat:
    """How a problem's characters look: a wavy underline and a light wash in the severity's colour."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    color = QColor(SEVERITY_COLORS.get(severity, "#D32F2F"))
    fmt.setUnderlineColor(color)
    color.setAlpha(40)
    fmt.setBackground(color)
    return fmt


def legend_html() -> str:
    """A one-line legend of the level colours, for the editor's tooltip and status line."""
    parts = [f'<span style="color:{c};font-weight:bold">{LEVEL_NAMES[lv]}</span>'
             for lv, c in LEVEL_COLORS.items()]
    return "编号层级：" + " ".join(parts)

