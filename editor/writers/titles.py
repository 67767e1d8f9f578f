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

from functools import lru_cache
from itertools import accumulate
from typing import Sequence

from .linebreak import NO_END, NO_START, Line, LineGeometry, Para, _make_line, balance

GOOD_AFTER = frozenset("的和与及暨、，：；）》」』〕】”’")
OPENERS = frozenset("（《「『〔【“‘")
CLOSERS = frozenset("）》」』〕】”’")
# before 关于 and 以及, and before the 的 of 的通知 / 的意见 (which stay together on the last line)
DOCUMENT_KINDS = ("通知", "意见", "决定", "批复", "公告", "通告", "函", "报告", "办法", "规定", "方案", "措施",
                  "实施意见", "实施方案", "实施细则", "指导意见", "若干措施", "若干意见", "行动计划", "行动方案")
GOOD_BEFORE = ("关于", "以及") + tuple("的" + k for k in DOCUMENT_KINDS)
NEUTRAL = 3.0            # the cost of a break that may fall inside a word, in ems² of unevenness
IN_WORD = 30.0           # one that surely does: only to save a line far out of balance
IN_BRACKETS = 4.0        # extra, inside （…） or 《…》
AFTER_ABOUT = 8.0        # 关于 / 加快…: the preposition parted from what it introduces
AFTER_VERB = 1.0         # after a verb, before what it governs
COMPOUND = 12.0          # between two words that make one name (公共数据, 开发利用, 要素市场)
NAMES = -6.0             # a space between two Chinese words parts two names (two issuers): break there
# Words of policy titles, never to be split if it can be helped (longest first where they overlap).
WORDS = tuple(sorted(set("""
关于 以及 人工智能 一体化 信息化 数字化 现代化 市场化 便利化 国际化 标准化 智能化 网络化 白皮书 委员会 办公厅 国务院
自由贸易 试验区 示范区 先行区 新时代 高质量 共同富裕 大数据 互联网 物联网 区块链 云计算 实施细则 实施方案
数据 要素 市场 改革 试点 实施 方案 通知 意见 办法 规定 细则 规划 计划 行动 指南 措施 若干 决定 批复 公告
发展 建设 推进 加快 促进 推动 加强 深化 完善 健全 支持 鼓励 规范 提升 培育 打造 构建 开展 做好 进一步
国家 全国 地方 城市 区域 国际 全球 中国 政府 人民 部门 机关 总局 工作 服务 管理 监督 监管 治理 安全 保障
经济 数字 政务 体系 平台 产业 企业 技术 创新 开放 协同 融合 应用 场景 标准 制度 机制 政策 资金 专项 资源
网络 信息 智能 智慧 算力 枢纽 节点 公共 授权 运营 交易 流通 资产 产品 消费 电子 保险 金融 财政 税收 健康
试验 示范 先锋 孪生 自贸 工业 农业 交通 能源 生态 文化 教育 医疗 科技 人才 营商 环境 贸易 投资 进展 成果
资源 生产 消费品 电子产品 公共服务 基础设施 开发利用 新片区 临港 片区 新区 高新区 开发区 经济带 都市圈 城市群
中华人民共和国 我国 我市 我省 全省 全市 批准 同意 使用 适用 执法 违法 行为 法律 刑事 案件 办理 问题 情况 有关 相关
时间 期间 春节 节日 假日 工资 职工 平均 全年 年度 最低 生活 救助 特困 供养 住房 户籍 家庭 医生 签约 医师 执业
医保 基金 医疗 药品 价格 门诊 结算 即时 直接 异地 就医 跨省 经办 审核 流程 全流程 病种 范围 集中 采购 医院
旅游 国债 外汇 余额 限额 特别 地震 防御 防震 减灾 监视 电力 电网 需求 响应 节能 规则 有限公司 集团 青年 创业
就业 社会 养老 人员 人力资源 社会保障 统战部 新媒体 有序 常态化 项目 投资额 总投资
配置 推广 机构 单位 组织 领导 责任 任务 目标 要求 原则 重点 主要 全面 加大 力度 水平 能力 质量 效率 规模
布局 统筹 协调 合作 交流 共享 开发 利用 保护 评估 考核 监测 预警 风险 防范 法规 条例 章程 数据库 一网通办
""".split()), key=len, reverse=True))
# Words that govern what follows them: a title may well break after one.
VERBS = frozenset("""
加快 推进 促进 推动 加强 深化 完善 健全 支持 鼓励 规范 提升 培育 打造 构建 开展 做好 进一步 印发 发布 转发
加大 落实 优化 扩大 激发 释放 持续 全面 大力 积极 着力 实施 统筹 协调 推广 防范
""".split())
WORDS = tuple(sorted(set(WORDS) | VERBS, key=len, reverse=True))     # a verb is a word too (印发)


# what a number counts stays with it: 2025年, 24届, 10号
COUNTERS = frozenset("年月日号届期次批个项条款章节种类家元万亿%")
DIGITS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十百千〇零两")
# the last character of an issuing body's or a place's name: a name ends there
NAME_ENDS = frozenset("省市县区局部委厅署院会办处室社所")
AFTER_NAME = 1.0         # 广州市民政局 / 广州市财政局: between two names, or a name and what it does
SHORT_QUOTE = 8          # a quoted term or a book title this short (“未批先建”《网络安全法》) is one word


def _cjk(ch: str) -> bool:
    return bool(ch) and "\u3400" <= ch <= "\u9fff"


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def break_costs(text: str) -> tuple[float | None, ...]:
    """Cost of breaking before each character (index 1 … n-1); None where a break is not allowed.
    Reckoned once a text: a title is broken for its article, the cover and the contents."""
    return _break_costs(text)


@lru_cache(maxsize=512)
def _break_costs(text: str) -> tuple[float | None, ...]:
    n = len(text)
    costs: list[float | None] = [None] * n
    inside = bytearray(n + 1)            # 1: a break here would split a known word
    ends = bytearray(n + 1)              # a known word ends here: 1 a noun, 2 a verb
    begins = bytearray(n + 1)            # one begins here
    for word in WORDS:
        at = text.find(word)
        kind = 2 if word in VERBS else 1
        while at >= 0:
            inside[at + 1:at + len(word)] = b"\x01" * (len(word) - 1)
            ends[at + len(word)] = max(ends[at + len(word)], kind)
            begins[at] = 1
            at = text.find(word, at + 1)
    for opening, closing in ("“”", "《》"):
        at = text.find(opening)
        while at >= 0:
            close = text.find(closing, at + 1)
            if close < 0:
                break
            if close - at - 1 <= SHORT_QUOTE:
                inside[at + 1:close + 1] = b"\x01" * (close - at)
            at = text.find(opening, close + 1)
    for b in range(1, n):
        if text[b - 1] in DIGITS and (text[b] in COUNTERS or text[b] in DIGITS) or \
                (text[b - 1] == "第" and text[b] in DIGITS):
            inside[b] = 1
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
        elif text[b - 2:b] == "关于":
            cost = AFTER_ABOUT
        elif text.startswith(GOOD_BEFORE, b) or (
                before in GOOD_AFTER and not (before == "的" and text.startswith(DOCUMENT_KINDS, b))):
            cost = 0.0
        elif after in OPENERS:
            cost = 0.0
        elif ends[b] == 2 and after not in "和与及并":
            cost = AFTER_VERB            # 加快推进 / 公共数据: a verb and its object part well
        elif before in NAME_ENDS and not inside[b] and _cjk(after):
            cost = AFTER_NAME
        elif ends[b] and begins[b]:
            cost = COMPOUND              # 公共 / 数据, 开发 / 利用: one name made of two words
        else:
            cost = NEUTRAL
        if inside[b]:
            cost = max(cost, IN_WORD)
        costs[b] = cost + (IN_BRACKETS if depth else 0.0)
    return tuple(costs)


def title_spans(text: str, advances: Sequence[float], avail: float, em: float,
                lines: int | None) -> list[tuple[int, int]] | None:
    """(start, end) of each of exactly `lines` lines of `text` (None: as few as can be), none wider
    than `avail`, breaking as above; None if it cannot be done in two lines or more.

    Dynamic programming over the places a line may end. A line holds at most `avail` of text, so
    only the places within one measure before a break can start its line; and a line number k is
    weighed at a place only if the text before it can be set in k lines and the text after it in
    the lines left. When `lines` is the fewest possible (what the writers ask), that leaves one or
    two line numbers a place: the work grows with the length of the title, not with its square
    (a 5,000-character title breaks in about a tenth of a second)."""
    n = len(text)
    if (lines is not None and (lines < 2 or n < lines)) or avail <= 0 or n < 2:
        return None
    cum = list(accumulate(advances, initial=0.0))
    costs = break_costs(text)
    points = [0] + [b for b in range(1, n) if costs[b] is not None] + [n]
    count = len(points)
    at = [cum[p] for p in points]
    # the blank a line gives up at its ends: spaces after its start, before its end
    lead = [_blank(text, cum, p, 1) for p in points]
    tail = [_blank(text, cum, p, -1) for p in points]
    limit = avail + 1e-6

    def width(i: int, j: int) -> float:
        return at[j] - at[i] - lead[i] - tail[j]

    # first[j]: the earliest point a line ending at j can start from; last[i]: the latest end of a
    # line starting at i. Both move forward only, so two pointers find them all in one sweep.
    first, i = [0] * count, 0
    for j in range(count):
        while i < j and width(i, j) > limit:
            i += 1
        first[j] = i
    last, j = [0] * count, 0
    for i in range(count):
        j = max(j, i)
        while j + 1 < count and width(i, j + 1) <= limit:
            j += 1
        last[i] = j
    # the fewest lines before each point and after it; both are monotone, so the best previous
    # point is the farthest one within reach
    INF = 1 << 30
    before = [0] * count
    for j in range(1, count):
        before[j] = before[first[j]] + 1 if first[j] < j else INF
    after = [0] * count
    for i in range(count - 2, -1, -1):
        after[i] = after[last[i]] + 1 if last[i] > i else INF
    if before[-1] >= INF:
        return None
    if lines is None:
        lines = before[-1]
        if lines < 2:
            return None
    if before[-1] > lines:
        return None
    mean = (cum[n] - lead[0] - tail[-1]) / lines
    FAR = float("inf")
    # best[j]: line count k → (least cost of setting the text before point j in k lines, start of the kth)
    best: list[dict[int, tuple[float, int]]] = [{} for _ in range(count)]
    best[0][0] = (0.0, -1)
    for j in range(1, count):
        kmin, kmax = before[j], lines - after[j]
        if kmin > kmax:
            continue
        extra = costs[points[j]] if j < count - 1 else 0.0
        row = best[j]
        for i in range(first[j], j):
            prev = best[i]
            if not prev:
                continue
            w = width(i, j)
            if w <= 0:
                continue
            line_cost = ((w - mean) / em) ** 2 + extra
            for k0, (c0, _) in prev.items():
                k = k0 + 1
                if kmin <= k <= kmax and c0 + line_cost < row.get(k, (FAR, 0))[0]:
                    row[k] = (c0 + line_cost, i)
    if lines not in best[-1]:
        return None
    spans, j, k = [], count - 1, lines
    while j > 0:
        i = best[j][k][1]
        spans.append((points[i], points[j]))
        j, k = i, k - 1
    return spans[::-1]


def _blank(text: str, cum: Sequence[float], p: int, direction: int) -> float:
    """Width of the spaces right after point p (direction 1) or right before it (-1)."""
    q = p
    if direction > 0:
        while q < len(text) and text[q] == " ":
            q += 1
        return cum[q] - cum[p]
    while q > 0 and text[q - 1] == " ":
        q -= 1
    return cum[p] - cum[q]


def title_lines(text: str, advances: Sequence[float], avail: float, em: float,
                lines: int | None) -> list[str] | None:
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
    return title_lines(text, advances, avail, em, None) or [text]
