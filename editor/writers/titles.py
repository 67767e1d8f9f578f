"""Where a long title breaks into lines: evenly, and between words where that can be told.

GB/T 9704 asks that a title running onto a second line keep its words whole (词意完整)
and its lines balanced (排列对称). Without a dictionary, the places that are surely
between words are known by what stands around them: after 的、和、与、及、暨 and after
、，：；, after a closing bracket or quote and before an opening one, before 关于 and
以及, at a space between two issuers' names. Breaking inside one of the words that
policy titles are made of (数据、要素、市场化、改革、试点、实施、方案……) costs most;
anywhere else costs a little. Among the ways of setting a title in a
given number of lines, each within the measure, the one chosen weighs the evenness
of the lines against breaking anywhere else. Both writers use it: the PDF with its
fonts' advances, the DOCX with estimated ones.
"""

from __future__ import annotations

from typing import Sequence

from .linebreak import NO_END, NO_START, Line, LineGeometry, Para, _make_line, balance

GOOD_AFTER = frozenset("的和与及暨、，：；）》」』〕】”’")
OPENERS = frozenset("（《「『〔【“‘")
CLOSERS = frozenset("）》」』〕】”’")
GOOD_BEFORE = ("关于", "以及")
NEUTRAL = 3.0            # the cost of a break that may fall inside a word, in ems² of unevenness
IN_WORD = 12.0           # one that surely does
IN_BRACKETS = 4.0        # extra, inside （…） or 《…》
NAMES = -6.0             # a space between two Chinese words parts two names (two issuers): break there
# Words of policy titles, never to be split if it can be helped (longest first where they overlap).
WORDS = tuple(sorted(set("""
人工智能 一体化 信息化 数字化 现代化 市场化 便利化 国际化 标准化 智能化 网络化 白皮书 委员会 办公厅 国务院
自由贸易 试验区 示范区 先行区 新时代 高质量 共同富裕 大数据 互联网 物联网 区块链 云计算 实施细则 实施方案
数据 要素 市场 改革 试点 实施 方案 通知 意见 办法 规定 细则 规划 计划 行动 指南 措施 若干 决定 批复 公告
发展 建设 推进 加快 促进 推动 加强 深化 完善 健全 支持 鼓励 规范 提升 培育 打造 构建 开展 做好 进一步
国家 全国 地方 城市 区域 国际 全球 中国 政府 人民 部门 机关 总局 工作 服务 管理 监督 监管 治理 安全 保障
经济 数字 政务 体系 平台 产业 企业 技术 创新 开放 协同 融合 应用 场景 标准 制度 机制 政策 资金 专项 资源
网络 信息 智能 智慧 算力 枢纽 节点 公共 授权 运营 交易 流通 资产 产品 消费 电子 保险 金融 财政 税收 健康
试验 示范 先锋 孪生 自贸 工业 农业 交通 能源 生态 文化 教育 医疗 科技 人才 营商 环境 贸易 投资 进展 成果
配置 推广 机构 单位 组织 领导 责任 任务 目标 要求 原则 重点 主要 全面 加大 力度 水平 能力 质量 效率 规模
布局 统筹 协调 合作 交流 共享 开发 利用 保护 评估 考核 监测 预警 风险 防范 法规 条例 章程 数据库 一网通办
""".split()), key=len, reverse=True))


def _cjk(ch: str) -> bool:
    return bool(ch) and "\u3400" <= ch <= "\u9fff"


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def break_costs(text: str) -> list[float | None]:
    """Cost of breaking before each character (index 1 … n-1); None where a break is not allowed."""
    n = len(text)
    costs: list[float | None] = [None] * n
    inside = bytearray(n + 1)            # 1: a break here would split a known word
    for word in WORDS:
        at = text.find(word)
        while at >= 0:
            inside[at + 1:at + len(word)] = b"\x01" * (len(word) - 1)
            at = text.find(word, at + 1)
    depth = 0
    for b in range(1, n):
        before, after = text[b - 1], text[b]
        if before in OPENERS:
            depth += 1
        elif before in CLOSERS:
            depth = max(0, depth - 1)
        if after in NO_START or before in NO_END or (_latin(before) and _latin(after)) \
                or text[b - 1:b + 1] in ("……", "——"):
            continue
        if before == " " or after == " ":
            cjk = text[b - 2:b - 1] if before == " " else before
            nxt = after if before == " " else text[b + 1:b + 2]
            cost = NAMES if _cjk(cjk) and _cjk(nxt) else 0.0
        elif before in GOOD_AFTER or after in OPENERS or text.startswith(GOOD_BEFORE, b) \
                or text[:b].endswith("关于"):
            cost = 0.0
        else:
            cost = NEUTRAL
        if inside[b]:
            cost = max(cost, IN_WORD)
        costs[b] = cost + (IN_BRACKETS if depth else 0.0)
    return costs


def _span(text: str, cum: Sequence[float], a: int, b: int) -> float:
    """Width of text[a:b] without the spaces at its ends."""
    while a < b and text[a] == " ":
        a += 1
    while b > a and text[b - 1] == " ":
        b -= 1
    return cum[b] - cum[a]


def title_spans(text: str, advances: Sequence[float], avail: float, em: float,
                lines: int) -> list[tuple[int, int]] | None:
    """(start, end) of each of exactly `lines` lines of `text`, none wider than `avail`, breaking as
    above; None if it cannot be done."""
    n = len(text)
    if lines < 2 or n < lines:
        return None
    cum = [0.0]
    for a in advances:
        cum.append(cum[-1] + a)
    costs = break_costs(text)
    mean = _span(text, cum, 0, n) / lines
    INF = float("inf")
    # best[k][b]: least cost of setting text[:b] in k lines, the k-th ending at b
    best = [[INF] * (n + 1) for _ in range(lines + 1)]
    back = [[0] * (n + 1) for _ in range(lines + 1)]
    best[0][0] = 0.0
    ends = [b for b in range(1, n) if costs[b] is not None] + [n]
    starts = [0] + ends[:-1]
    for k in range(1, lines + 1):
        for b in ends:
            if k < lines and b == n or k == lines and b != n:
                continue
            for a in starts:
                if a >= b or best[k - 1][a] == INF:
                    continue
                w = _span(text, cum, a, b)
                if w > avail + 1e-6 or w == 0:
                    continue
                c = best[k - 1][a] + ((w - mean) / em) ** 2 + (costs[b] if b < n else 0.0)
                if c < best[k][b]:
                    best[k][b], back[k][b] = c, a
    if best[lines][n] == INF:
        return None
    spans, b = [], n
    for k in range(lines, 0, -1):
        a = back[k][b]
        spans.append((a, b))
        b = a
    return spans[::-1]


def title_lines(text: str, advances: Sequence[float], avail: float, em: float, lines: int) -> list[str] | None:
    """The lines of title_spans as text."""
    spans = title_spans(text, advances, avail, em, lines)
    return None if spans is None else [text[a:b].strip() for a, b in spans]


def balance_title(para: Para, geometry: LineGeometry) -> list[Line]:
    """A prepared one-line title in as few lines as linebreak.balance gives, broken between words."""
    lines = balance(para, geometry)
    if len(lines) < 2 or "\n" in para.text:
        return lines
    x0, avail = geometry(0)
    spans = title_spans(para.text, para.adv, avail, para.pieces[0].size, len(lines))
    if spans is None:
        return lines
    out = []
    for i, (a, b) in enumerate(spans):
        while a < b and para.text[a] == " ":
            a += 1
        line = _make_line(para, a, b, i, geometry, i == len(spans) - 1)
        if line.natural > line.avail + 1e-6:
            return lines
        out.append(line)
    return out


def broken_title(text: str, advances: Sequence[float], avail: float, em: float) -> list[str]:
    """`text` as it should be set: one line if it fits `avail`, else the fewest lines title_spans
    can make. For writers that cannot balance lines themselves (a DOCX title gets line breaks)."""
    total = sum(advances)
    if total <= avail or avail <= 0:
        return [text]
    least = max(2, int(-(-total // avail)))
    for count in range(least, least + 3):
        lines = title_lines(text, advances, avail, em, count)
        if lines:
            return lines
    return [text]
