"""An article's body text ↔ blocks.

The body is the part of an article file after its front matter (see
docs/content-format.md): an optional 编者按 as `> ` paragraphs, then paragraphs
separated by blank lines, the last of which may be the source line. Every block
remembers the file position of each of its source lines.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .markers import cn_to_int, parse_marker
from .model import Block, BlockKind, Location, SourceLine
from .conventions import ATTACHMENT_RE, is_attachment, is_cjk, is_date_line, looks_like_signature, parse_source

_IMAGE_RE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)\s*$")
_TABLE_SEP_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_BULLETS = ("- ", "• ", "· ", "* ")
# A paragraph starting with one of these would be read back as something else:
# the writer escapes it with a backslash.
_SPECIAL_STARTS = (">", "#", "|", "![", "\\", *_BULLETS)
_SENTENCE_PUNCT = "。；;！!？?"


@dataclass
class ParsedBody:
    editor_note: list[Block] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    source: SourceLine | None = None
    problems: list[tuple[int, str]] = field(default_factory=list)   # (line, Chinese message)


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one string: no space across a Chinese line break."""
    return joined_with_starts(lines)[0]


def joined_with_starts(lines: list[str]) -> tuple[str, list[int]]:
    """join_lines, and where each line's text starts in the result: in one pass (a paragraph of
    40,000 lines once took minutes when the join was redone for every line)."""
    parts: list[str] = []
    starts: list[int] = []
    length, last = 0, ""
    for line in lines:
        line = line.strip()
        if line and last:
            if not (is_cjk(last) or is_cjk(line[0]) or not last.isascii() or not line[0].isascii()):
                parts.append(" ")
                length += 1
        starts.append(length)
        if line:
            parts.append(line)
            length += len(line)
            last = line[-1]
    return "".join(parts), starts


def classify(text: str) -> tuple[BlockKind, object]:
    """The kind of a paragraph from its text alone, and its marker if numbered."""
    marker = parse_marker(text)
    if marker is not None:
        content = text[marker.length:]
        # 第三条 ……列支。 is a one-sentence clause, not a heading: a 条 heading names its subject
        # without closing punctuation (第四条 首次挂牌数据产品支持).
        clause = marker.family == "article" and content.rstrip()[-1:] in _SENTENCE_PUNCT
        heading = is_standalone_heading(content) and not clause
        return (BlockKind.HEADING if heading else BlockKind.ITEM), marker
    if is_date_line(text):
        return BlockKind.DATE_LINE, None
    if is_attachment(text):
        return BlockKind.ATTACHMENT, None
    if parse_source(text):
        return BlockKind.SOURCE, None
    return BlockKind.PARAGRAPH, None


def is_standalone_heading(content: str) -> bool:
    """Heading text with no run-in body: 总体要求 / 指导思想。 / 首次挂牌数据产品支持."""
    c = content.strip()
    if not c or len(c) > 45:
        return False
    if c[-1] in "；;，,：:":
        return False
    inner = c[:-1]
    if c[-1] in "。." and ("，" in inner or "," in inner):
        return False      # 三、对……项目，可以根据……认定。 is a sentence: a heading names, it does not say
    if "：" in inner:
        return False      # 2、地点：上饶师范学院田径场: a label with its value, run in like its sibling 1、时间：……
    return not any(ch in _SENTENCE_PUNCT for ch in inner)


def make_block(text: str, loc: Location | None = None,
               spans: tuple[tuple[int, int, int], ...] = ()) -> Block:
    kind, marker = classify(text)
    return Block(kind, text, marker, loc, spans)


def parse_body(text: str, file: str = "", first_line: int = 1) -> ParsedBody:
    """Blocks of a body. `first_line` is the file line on which `text` starts."""
    result = ParsedBody()
    lines = text.split("\n")
    groups: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if line.strip():
            current.append((first_line + i, line))
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)

    for group in groups:
        first_no, first = group[0]
        indent = len(first) - len(first.lstrip())
        stripped = first.lstrip()
        if stripped.startswith(">"):
            if result.blocks:
                result.problems.append((first_no, "编者按（以“>”开头的段落）只能写在正文开头"))
                continue
            result.editor_note.extend(_quote_paragraphs(group, file))
            continue
        if stripped.startswith("|"):
            table = _table(group, file)
            if table is None:
                result.problems.append((first_no, "表格格式不对：第二行应为分隔行，例如 |---|---|"))
            else:
                result.blocks.append(table)
            continue
        m = _IMAGE_RE.match(stripped)
        if m and len(group) == 1:
            result.blocks.append(Block(BlockKind.IMAGE, m.group("alt"), None,
                                       Location(file, first_no, indent + 1), src=m.group("src")))
            continue
        kind_override = None
        prefix = 0
        if stripped.startswith("\\"):
            prefix = 1
        elif stripped.startswith("#"):
            kind_override = BlockKind.SUBHEADING
            prefix = len(stripped) - len(stripped.lstrip("#"))
            prefix += len(stripped[prefix:]) - len(stripped[prefix:].lstrip())
        elif stripped.startswith(_BULLETS):
            kind_override = BlockKind.LIST_ITEM
            prefix = 2
        text_lines, leads = [], []
        for n, (line_no, line) in enumerate(group):
            lead = len(line) - len(line.lstrip()) + (prefix if n == 0 else 0)
            text_lines.append(line[lead:].strip())
            leads.append(lead + 1)
        para, starts = joined_with_starts(text_lines)
        spans = [(start, line_no, col) for start, (line_no, _), col in zip(starts, group, leads)]
        loc = Location(file, first_no, spans[0][2])
        if kind_override is not None:
            result.blocks.append(Block(kind_override, para, None, loc, tuple(spans)))
        else:
            result.blocks.append(make_block(para, loc, tuple(spans)))

    if result.blocks and result.blocks[-1].kind is BlockKind.SOURCE:
        last = result.blocks.pop()
        result.source = SourceLine(last.text, last.loc)
    settle_kinds(result.blocks)
    return result


def settle_kinds(blocks: list[Block]) -> None:
    """The kinds that depend on neighbouring blocks: signatures, and list members.

    Run after building or editing a body. Idempotent: numbered blocks are re-classified
    from their text first, so an edit that takes a block out of a list is seen too.
    """
    mark_signatures(blocks)
    settle_list_items(blocks)


def _kind_of(text: str) -> BlockKind:
    # the editor settles the whole body at every keystroke: its unchanged paragraphs are not parsed again
    # (a heading or an item is short; a long paragraph is not kept in the cache)
    return _short_kind(text) if len(text) <= 300 else classify(text)[0]


@functools.lru_cache(maxsize=4096)
def _short_kind(text: str) -> BlockKind:
    return classify(text)[0]


def _reclassify_numbered(blocks: list[Block]) -> None:
    """Numbered blocks back to the kind their text alone gives, before the context passes."""
    for b in blocks:
        if b.marker is not None and b.kind in (BlockKind.HEADING, BlockKind.ITEM, BlockKind.ATTACHMENT):
            b.kind = _kind_of(b.text)


# A file name standing alone in an attachment list copied from a web page: 2021020415215164.docx
_FILE_NAME_RE = re.compile(r"^\S{1,80}\.(?:docx?|xlsx?|pptx?|pdf|wps|et|ofd|txt|zip|rar|7z|jpe?g|png)$", re.I)


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else cn_to_int(text)


def mark_attachment_lists(blocks: list[Block]) -> None:
    """附件：1.重点工程 / 2.任务分工, 附件1.重点工程 / 2.任务分工: the numbered lines after 附件 name
    further attachments; they are not a numbered series of the text (which would have no 1.).
    File-name lines between them (a web page's download links) belong to the list too."""
    i = 0
    while i < len(blocks):
        b = blocks[i]
        i += 1
        if b.kind is not BlockKind.ATTACHMENT:
            continue
        head = ATTACHMENT_RE.match(b.text)
        rest = b.text[head.end():].strip() if head else ""
        number = head.group(1) if head else None
        first = parse_marker(rest) if rest else None
        if number:          # 附件1.重点工程: the list's first member is the 附件 line itself
            family, want = ("arabic" if number.isdigit() else "cn"), (_number(number) or 0) + 1
        elif rest and (first is None or first.value != 1):
            continue
        else:
            family, want = (first.family, 2) if first else (None, 1)
        while i < len(blocks):
            if _FILE_NAME_RE.match(blocks[i].text.strip()):
                i += 1      # passed over, kept as written
                continue
            m = blocks[i].marker
            if (m is None or blocks[i].kind not in (BlockKind.HEADING, BlockKind.ITEM)
                    or m.value != want or (family is not None and m.family != family)):
                break
            family = m.family
            blocks[i].kind = BlockKind.ATTACHMENT
            want += 1
            i += 1


def settle_list_items(blocks: list[Block]) -> None:
    """A short member of a list is an item like its siblings, not a heading.

    （一）统筹规划……；（二）推进……；（三）完善数据中心布局。 is one list: its last member is
    short and ends with 。, which alone would make it a heading, and it would be typeset
    unlike the two before it. A member with numbered children stays a heading.
    """
    from .outline import build_outline   # outline imports model only; kept local to read as a pass

    _reclassify_numbered(blocks)
    mark_attachment_lists(blocks)
    nodes = build_outline(blocks)
    parents = {n.parent for n in nodes.values()}
    head_of: dict[int, int] = {}          # block index → first member of its series
    series: dict[int, list[int]] = {}
    for i, node in sorted(nodes.items()):
        head = i if node.reopened or node.previous is None else head_of[node.previous]
        head_of[i] = head
        series.setdefault(head, []).append(i)
    for members in series.values():
        is_list = any(blocks[i].kind is BlockKind.ITEM and i not in parents
                      and blocks[i].text.rstrip()[-1:] in "；;" for i in members)
        if not is_list:
            continue
        for i in members:
            if blocks[i].kind is BlockKind.HEADING and i not in parents:
                blocks[i].kind = BlockKind.ITEM


def mark_signatures(blocks: list[Block]) -> None:
    """Short lines just before a date line are the issuing bodies' signatures.

    Not only at the end: a notice that forwards a plan (关于印发……的通知) is signed and dated
    before the plan's text.
    """
    for end, block in enumerate(blocks):
        if block.kind is not BlockKind.DATE_LINE:
            continue
        i = end - 1
        count = 0
        while i >= 0 and count < 4 and blocks[i].kind is BlockKind.PARAGRAPH and looks_like_signature(blocks[i].text):
            blocks[i].kind = BlockKind.SIGNATURE
            i -= 1
            count += 1


def _quote_paragraphs(group: list[tuple[int, str]], file: str) -> list[Block]:
    paras: list[Block] = []
    pending: list[tuple[int, str, int]] = []

    def flush() -> None:
        if not pending:
            return
        text, starts = joined_with_starts([p[1] for p in pending])
        spans = [(start, line_no, col) for start, (line_no, _, col) in zip(starts, pending)]
        paras.append(Block(BlockKind.PARAGRAPH, text, None, Location(file, pending[0][0], pending[0][2]),
                           tuple(spans)))
        pending.clear()

    for line_no, line in group:
        s = line.lstrip()
        lead = len(line) - len(s)
        if s.startswith(">"):
            s = s[1:]
            lead += 1
            if s.startswith(" "):
                s = s[1:]
                lead += 1
        if not s.strip():
            flush()
        else:
            pending.append((line_no, s.strip(), lead + 1 + len(s) - len(s.lstrip())))
    flush()
    return paras


_CELL_SEP_RE = re.compile(r"(?<!\\)\|")


def _split_row(line: str) -> list[tuple[str, int]]:
    """The cells of a table row with the 1-based column where each cell's text starts."""
    start = len(line) - len(line.lstrip())
    end = len(line.rstrip())
    if line.startswith("|", start):
        start += 1
    if end > start and line[end - 1] == "|" and line[end - 2:end] != "\\|":
        end -= 1
    cells: list[tuple[str, int]] = []
    pos = start
    for m in [*_CELL_SEP_RE.finditer(line, start, end), None]:
        stop = m.start() if m else end
        raw = line[pos:stop]
        lead = len(raw) - len(raw.lstrip())
        cells.append((raw.strip().replace("\\|", "|"), pos + lead + 1))
        if m:
            pos = m.end()
    return cells


def _table(group: list[tuple[int, str]], file: str) -> Block | None:
    if len(group) < 2 or not _TABLE_SEP_RE.match(group[1][1].strip()):
        return None
    lines = [group[0]] + group[2:]
    split = [_split_row(line) for _, line in lines]
    width = max(len(r) for r in split)
    rows = [[c for c, _ in r] + [""] * (width - len(r)) for r in split]
    # Where each cell's text is in the file, keyed by its offset in the table's canonical text,
    # so a problem found in a cell points at its line and column (Block.locate).
    _, cells = table_layout(rows)
    spans = tuple((start, lines[r][0], split[r][c][1]) for r, c, start, _ in cells if c < len(split[r]))
    first_no, first = group[0]
    return Block(BlockKind.TABLE, "", None, Location(file, first_no, len(first) - len(first.lstrip()) + 1),
                 spans, rows=rows)


def table_layout(rows: list[list[str]]) -> tuple[str, list[tuple[int, int, int, int]]]:
    """A table as the article file writes it, and (row, column, start, end) of each cell's text in it.

    This text is also what Edits of a table block address (checks.framework.field_text).
    """
    rows = rows or [[""]]
    lines: list[str] = []
    cells: list[tuple[int, int, int, int]] = []
    pos = 0
    for r, row in enumerate(rows):
        row = row or [""]
        line = "|"
        for c, cell in enumerate(row):
            line += " "
            esc = cell.replace("|", "\\|").replace("\n", " ")     # a row is one line of the file
            cells.append((r, c, pos + len(line), pos + len(line) + len(esc)))
            line += esc + " |"
        lines.append(line)
        pos += len(line) + 1
        if r == 0:
            sep = "|" + "|".join("---" for _ in row) + "|"
            lines.append(sep)
            pos += len(sep) + 1
    return "\n".join(lines), cells


def table_rows(text: str) -> list[list[str]] | None:
    """The cells of a table written as text (see table_layout); None if it is not a table."""
    table = _table(list(enumerate(text.split("\n"), 1)), "")
    return table.rows if table is not None else None


# ---------------------------------------------------------------- writing

def format_paragraph(block: Block) -> str:
    if block.kind is BlockKind.TABLE:
        return table_layout(block.rows)[0]
    if block.kind is BlockKind.IMAGE:
        return f"![{block.text}]({block.src})"
    if block.kind is BlockKind.SUBHEADING:
        return "# " + block.text
    if block.kind is BlockKind.LIST_ITEM:
        return "- " + block.text
    text = block.text
    if text.startswith(_SPECIAL_STARTS) or (_IMAGE_RE.match(text) is not None):
        return "\\" + text
    return text


def format_body(editor_note: list[Block], blocks: list[Block], source: SourceLine | None) -> str:
    """The canonical body text: one paragraph per line, blank lines between."""
    parts: list[str] = []
    note = [b.text for b in editor_note if b.text.strip()]
    if note:
        parts.append("\n>\n".join("> " + p for p in note))
    parts += [format_paragraph(b) for b in blocks]
    if source is not None and source.text.strip():
        parts.append(source.text)
    return "\n\n".join(parts) + "\n" if parts else ""
