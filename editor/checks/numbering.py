"""Numbering: skipped, duplicated and out-of-sequence numbers, and wrong nesting.

The hierarchy comes from editor.outline. A member of a series either follows
its previous sibling (value + 1), or, as the first member under a new parent,
restarts at 1 or continues the family's previous member: （一）…（二十四） may
run through 二、…六、 and 第N条 counts on across 第N章. Only a member that does
none of these is reported. When a number is wrong, the next member decides
whether it was a typo (the next one follows what was expected) or a real gap,
so one mistake gives one report, not a cascade.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..markers import Marker, format_marker, parse_marker
from ..model import Article, Block, BlockKind
from ..outline import RANK, STRUCTURAL, Node, build_outline
from .framework import Context, Example, Fix, Edit, diagnostic, rule

# Families used at any level in practice (一是 / ① / ㈠): no nesting rule for them.
_FREE_NESTING = {"cn-shi", "circled", "paren-ideograph"}
# Parents whose number a decimal child repeats: 第二章 → 2.1, 3. → 3.1.
_DECIMAL_PARENTS = {"part", "chapter", "section", "cn", "arabic"}


@dataclass
class Finding:
    kind: str                 # skip | duplicate | sequence | nesting
    index: int                # block index in the body
    message: str
    replacement: str | None = None   # the marker as it should read, when known


@dataclass
class Analysis:
    outline: dict[int, Node]
    effective: dict[int, tuple[int, ...]] = field(default_factory=dict)
    series: dict[int, int] = field(default_factory=dict)      # node index → index of the series' first member
    findings: list[Finding] = field(default_factory=list)

    def series_members(self) -> dict[int, list[int]]:
        groups: dict[int, list[int]] = {}
        for i in sorted(self.series):
            groups.setdefault(self.series[i], []).append(i)
        return groups


def _show(marker: Marker, value: int | tuple[int, ...]) -> str:
    if isinstance(value, tuple):
        return ".".join(map(str, value))
    try:
        return format_marker(marker, value)
    except ValueError:
        return str(value)


def analyse(blocks: list[Block]) -> Analysis:
    """Numbering findings for one list of body blocks."""
    outline = build_outline(blocks)
    result = Analysis(outline)
    successor: dict[int, int] = {}
    for i in sorted(outline):
        p = outline[i].previous
        if p is not None and p not in successor:
            successor[p] = i
    for i in sorted(outline):
        node = outline[i]
        if node.marker.family.startswith("decimal"):
            _decimal(result, node)
        else:
            _plain(result, node, successor, blocks)
        _nesting(result, node)
    _list_runs(blocks, result)
    return result


def _plain(result: Analysis, node: Node, successor: dict[int, int], blocks: list[Block]) -> None:
    m, i, p = node.marker, node.index, node.previous
    pv = result.effective[p][0] if p is not None else None
    if not node.reopened and pv is not None:
        candidates = [pv + 1]
        if pv >= 2 and m.family not in STRUCTURAL and any(
                blocks[k].kind is BlockKind.PARAGRAPH for k in range(p + 1, i)):
            candidates.insert(0, 1)     # a second list under the same heading, after some prose
    else:
        candidates = [1] + ([pv + 1] if pv is not None else [])
    v = m.value
    if v in candidates:
        result.effective[i] = (v,)
        result.series[i] = result.series[p] if p is not None and pv is not None and v == pv + 1 else i
        return

    # Wrong here. Does the next member follow what was expected (a typo) or this number (a gap)?
    # The right number is shown as its list writes it: （3） after （2）, even where this one lost a bracket.
    prev = result.outline[p].marker if p is not None and not node.reopened else None
    form = prev if prev is not None and m.bracket != prev.bracket else m
    s = successor.get(i)
    sv = result.outline[s].marker.value if s is not None else None
    intended = next((c for c in reversed(candidates) if sv is not None and sv == c + 1 and sv != v + 1), None)
    prev_raw = result.outline[p].marker.raw if p is not None else None
    expect_text = "或".join(f"“{_show(form, c)}”" for c in reversed(candidates))
    if pv is not None and v == pv:
        kind = "duplicate"
        msg = f"编号“{m.raw}”与上一项“{prev_raw}”重复，应为{expect_text}"
    elif v > max(candidates):
        kind = "skip"
        if intended is not None:
            msg = (f"编号“{m.raw}”不连续：上一项是“{prev_raw}”，下一项是“{result.outline[s].marker.raw}”，"
                   f"此处应为“{_show(form, intended)}”")
        elif node.reopened and pv is not None:
            missing = _show(form, pv + 1)
            msg = (f"编号“{m.raw}”既不从“{_show(form, 1)}”重新编号，也不接续上一项“{prev_raw}”"
                   f"（跳过了“{missing}”）")
        elif pv is None:
            msg = f"编号“{m.raw}”前面缺少“{_show(form, 1)}”：这一系列应从“{_show(form, 1)}”开始"
        else:
            gap = "、".join(f"“{_show(form, k)}”" for k in range(pv + 1, min(v, pv + 4)))
            more = "等" if v - pv - 1 > 3 else ""
            msg = f"编号跳号：上一项是“{prev_raw}”，这一项是“{m.raw}”，缺少{gap}{more}"
    else:
        kind = "sequence"
        msg = f"编号“{m.raw}”顺序不对：上一项是“{prev_raw}”，此处应为{expect_text}" if prev_raw \
            else f"编号“{m.raw}”顺序不对，应为{expect_text}"
    value = intended if intended is not None else (candidates[-1] if kind == "duplicate" and s is None else None)
    result.findings.append(Finding(kind, i, msg, _show(form, value) if value is not None else None))
    result.effective[i] = (intended if intended is not None else v,)
    result.series[i] = result.series[p] if p is not None and result.effective[i][0] != 1 else i


def _decimal(result: Analysis, node: Node) -> None:
    m, i, p = node.marker, node.index, node.previous
    path = m.path
    parent = result.outline.get(node.parent) if node.parent is not None else None
    candidates: list[tuple[int, ...]] = []
    prefix: tuple[int, ...] | None = None
    if parent is not None and parent.marker.family.startswith("decimal") and \
            len(parent.marker.path) == len(path) - 1:
        prefix = result.effective[parent.index]
    elif parent is not None and parent.marker.family in _DECIMAL_PARENTS and len(path) == 2:
        prefix = result.effective[parent.index][-1:]
    pp = result.effective[p] if p is not None else None
    if not node.reopened and pp is not None:
        candidates.append(pp[:-1] + (pp[-1] + 1,))
        if prefix is None and len(pp) >= 2:
            candidates.append(pp[:-2] + (pp[-2] + 1, 1))
    elif prefix is not None:
        candidates.append(prefix + (1,))
    elif path[-1] == 1:
        candidates.append(path)
    else:
        candidates.append(path[:-1] + (1,))
    result.effective[i] = path
    result.series[i] = result.series[p] if p is not None and not node.reopened else i
    if path in candidates:
        return
    want = ".".join(map(str, candidates[0]))
    if prefix is not None and path[:-1] != prefix:
        result.findings.append(Finding(
            "nesting", i, f"编号“{m.raw}”与所属的上级“{parent.marker.raw}”不符，应为“{want}”", want))
    elif pp is not None and path == pp:
        result.findings.append(Finding("duplicate", i, f"编号“{m.raw}”与上一项重复，应为“{want}”", want))
    elif path > max(candidates):
        result.findings.append(Finding("skip", i, f"编号跳号：此处是“{m.raw}”，应为“{want}”", want))
    else:
        result.findings.append(Finding("sequence", i, f"编号“{m.raw}”顺序不对，应为“{want}”", want))


def _nesting(result: Analysis, node: Node) -> None:
    if node.parent is None or not node.reopened:
        return      # reported once, at the first member under the parent
    parent = result.outline[node.parent].marker
    fam, pfam = node.marker.family, parent.family
    if fam in _FREE_NESTING or pfam in _FREE_NESTING or fam.startswith("decimal") and pfam.startswith("decimal"):
        return
    if RANK.get(fam, 99) < RANK.get(pfam, 99):
        result.findings.append(Finding(
            "nesting", node.index,
            f"层级颠倒：“{node.marker.raw}”排在“{parent.raw}”之下；"
            f"通常的层级是 第X章→第X条→一、→（一）→1.→（1）"))


def _list_runs(blocks: list[Block], result: Analysis) -> None:
    """Bulleted items that carry numbers (- 1、… - 2、…) form a flat series of their own."""
    run: list[tuple[int, Marker]] = []

    def flush() -> None:
        for (ia, a), (ib, b) in zip(run, run[1:]):
            if b.family != a.family:
                continue
            if b.value == a.value:
                want = _show(b, a.value + 1)
                result.findings.append(Finding("duplicate", ib, f"编号“{b.raw}”与上一项“{a.raw}”重复，应为“{want}”", want))
            elif b.value > a.value + 1:
                result.findings.append(Finding("skip", ib, f"编号跳号：上一项是“{a.raw}”，这一项是“{b.raw}”",
                                               None))
            elif b.value < a.value and b.value != 1:
                result.findings.append(Finding("sequence", ib, f"编号“{b.raw}”顺序不对：上一项是“{a.raw}”", None))
        run.clear()

    for i, b in enumerate(blocks):
        if b.kind is BlockKind.LIST_ITEM:
            m = parse_marker(b.text)
            if m is not None:
                run.append((i, m))
                continue
        flush()
    flush()


def analysis_of(ctx: Context, article: Article) -> Analysis:
    return ctx.cached(("numbering", article.id), lambda: analyse(article.body))


def _report(ctx: Context, rule_id: str, kind: str):
    for article in ctx.articles():
        for f in analysis_of(ctx, article).findings:
            if f.kind != kind:
                continue
            block = article.body[f.index]
            marker = block.marker or parse_marker(block.text)
            fix = None
            if f.replacement is not None and marker is not None:
                fix = Fix(f"改为“{f.replacement}”",
                          (Edit(article.id, "body", 0, len(marker.raw), f.replacement, f.index),), safe=False)
            yield diagnostic(ctx, rule_id, f.message, article=article, block_index=f.index,
                             length=len(marker.raw) if marker else 1, fix=fix)


@rule("numbering.skip", "numbering", "error", "编号跳号：缺了中间的号，或既不重新编号也不接续上一系列",
      Example(bad="（一）完善网络安全保险政策制度。\n\n（二）健全网络安全保险标准规范。\n\n（四）丰富网络安全保险产品。",
              good="（一）完善网络安全保险政策制度。\n\n（二）健全网络安全保险标准规范。\n\n（三）丰富网络安全保险产品。"),
      why="读者按编号找条款，缺号会让人以为漏印了一项，删改条目后最常见", fix="confirm")
def check_skip(ctx: Context):
    return _report(ctx, "numbering.skip", "skip")


@rule("numbering.duplicate", "numbering", "error", "编号重复：与上一项同号",
      Example(bad="1.加快电子产品技术创新。\n\n2.打造电子产品消费新场景。\n\n2.着力消除电子产品使用障碍。",
              good="1.加快电子产品技术创新。\n\n2.打造电子产品消费新场景。\n\n3.着力消除电子产品使用障碍。"),
      why="两项同号时引用“第七项”指不清是哪一项", fix="confirm")
def check_duplicate(ctx: Context):
    return _report(ctx, "numbering.duplicate", "duplicate")


@rule("numbering.sequence", "numbering", "error", "编号顺序倒退或错乱",
      Example(bad="第一条 为加快数据要素市场培育，制定本实施细则。\n\n第二条 本实施细则所支持的对象，是指数据交易场所。\n\n"
                  "第三条 扶持资金由自贸试验区专项发展资金列支。\n\n第二条 首次挂牌数据产品支持。",
              good="第一条 为加快数据要素市场培育，制定本实施细则。\n\n第二条 本实施细则所支持的对象，是指数据交易场所。\n\n"
                   "第三条 扶持资金由自贸试验区专项发展资金列支。\n\n第四条 首次挂牌数据产品支持。"),
      why="编号倒退通常是粘贴时段落次序乱了或混入了别的文件", fix="confirm")
def check_sequence(ctx: Context):
    return _report(ctx, "numbering.sequence", "sequence")


@rule("numbering.nesting", "numbering", "warning", "层级嵌套不对：上下级颠倒，或小节号与所属章号不符",
      Example(bad="第二章 可信 AI 产业实践深入发展\n\n1.1 应用 AI 鲁棒性技术对抗恶意攻击",
              good="第二章 可信 AI 产业实践深入发展\n\n2.1 应用 AI 鲁棒性技术对抗恶意攻击"),
      why="层级颠倒或小节号与章号不符，目录和引用都会对不上", fix="confirm")
def check_nesting(ctx: Context):
    return _report(ctx, "numbering.nesting", "nesting")
