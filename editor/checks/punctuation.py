"""Chinese text: half-width punctuation, stray Latin words, stray spaces, unbalanced pairs.

Every rule reads titles (where said), the 编者按, body paragraphs and table cells.

Spaces between Chinese and digits or Latin words are not reported: 公文 style
has no rule about them (see /work/shared/NOTES.md). Web addresses, e-mail
addresses, abbreviations (BIM, CIM, AI), "1+11+N", "SZ-IFC" and version
numbers are Latin text that belongs there and is left alone.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..conventions import doc_number_spans
from ..model import Article
from .framework import Context, Edit, Example, Fix, diagnostic, fix_text, rule
from .textscan import (IDEOGRAPHS, in_spans, is_cjk, is_ideograph, neighbour, prose_texts,
                       protected_spans, table_cells)

FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_HALF_RE = re.compile(r"[,;:?!().]")
# A run of spaces between two of these is a hole (check_cjk_space). Found as runs of spaces whose
# neighbours are then looked at, not as one pattern with a look-behind: that was tried at every
# character of every paragraph (30 ms of checking 50 issues, for a handful of spaces).
_SPACE_SIDE_RE = re.compile(f"[{IDEOGRAPHS}，。、；：？！“”《》（）【】〔〕…—]")
_SPACES_RE = re.compile(r"[ \t]+")
# A standard's title separates its elements with a space (GB/T 1.1): GB/T 35273—2020《信息安全技术
# 个人信息安全规范》. Recognised by the standard number before it or a main element ending in 技术.
_STANDARD_TITLE_RE = re.compile(r"(?:\b[A-Z]{1,4}(?:/[A-Z])?\s*[\d.]+\s*[—–-]\s*\d{4}\s*)《([^《》]{2,60})》"
                                f"|《([{IDEOGRAPHS}]{{0,8}}技术[ 　][^《》]{{2,50}})》")
# English function words never belong inside a Chinese sentence; product names ("关银一 key 通") may.
_STRAY_WORDS = ("and", "or", "the", "of", "for", "with", "to", "in", "on", "at", "by", "from", "as",
                "is", "are", "was", "were", "be", "not", "but", "this", "that", "an", "And", "The")
_STRAY_SET = frozenset(_STRAY_WORDS)
_WORD_RE = re.compile(r"[A-Za-z]+")
_WORD_FIX = {"and": "和", "And": "和", "or": "或"}
_OPEN = {"（": ")", "(": ")", "《": "》", "“": "”", "【": "】", "〔": "〕"}
_CLOSE = {"）": "(", ")": "(", "》": "《", "”": "“", "】": "【", "〕": "〔"}
_BOOK_COMMA_RE = re.compile(r"(?<=[》”])、(?=[《“])")
_PAIR_RE = re.compile("[（(《“【〔）)》”】〕]")
# The same mark twice: a slip of the keyboard or of a paste (…… and —— are single marks, written doubled).
_REPEATED_RE = re.compile(r"([，。、；：？！])\1+")


def _texts(ctx: Context, article: Article, titles: bool) -> list[tuple[str, int | None, str, int]]:
    """(field, block index, text, start offset) of everything these rules read; listed once per
    check run and article, as eight rules read them (the app re-checks on every keystroke)."""
    if titles:
        return ctx.cached(("punctuation-texts", article.id, True), lambda: list(_iter_texts(article, True)))
    # the same list without the titles it starts with (the only entries without a block): listed once for both
    return ctx.cached(("punctuation-texts", article.id, False),
                      lambda: [t for t in _texts(ctx, article, True) if t[1] is not None])


_TITLE_FIELDS = ("title", "toc_title", "addressee")


def _iter_texts(article: Article, titles: bool) -> Iterator[tuple[str, int | None, str, int]]:
    if titles:
        for fld in _TITLE_FIELDS:
            value = getattr(article, fld)
            if value:
                yield fld, None, value, 0
    for fld, i, block, start in prose_texts(article):
        yield fld, i, block.text, start
    for i, text, start in table_cells(article):
        yield "body", i, text, start


def _halfwidth_hits(text: str, start: int) -> list[tuple[int, int, int, str]]:
    """(position, edit start, edit end, replacement) of each half-width mark in Chinese text.

    A mark is in Chinese text when the character next to it (ignoring ASCII
    spaces) is Chinese; a "(" and its ")" go together. ASCII spaces between the
    mark and the Chinese text are taken out with it.
    """
    if not _HALF_RE.search(text, start):
        return []
    spans = protected_spans(text)
    spans += doc_number_spans(text)    # a 文号 in (2023) is the doc-number rule's business
    marks: list[list] = []          # [pos, start, end, char, in_chinese]
    opens: list[list] = []
    for m in _HALF_RE.finditer(text, start):
        pos = m.start()
        if in_spans(pos, spans):
            continue
        ch = text[pos]
        before, bi = neighbour(text, pos - 1, -1)
        after, ai = neighbour(text, pos + 1, 1)
        cjk_before, cjk_after = is_cjk(before), is_cjk(after)
        chinese = cjk_before or cjk_after
        if ch in ",:" and before.isdigit() and after.isdigit():
            chinese = False     # 1,000 / 10:30
        elif ch == ".":
            # A full stop only right after a Chinese character, ending the sentence: 申报材料.对…
            chinese = is_ideograph(text[pos - 1:pos]) and (not after or cjk_after)
        entry = [pos, bi + 1 if cjk_before else pos, ai if cjk_after else pos + 1, ch, chinese]
        marks.append(entry)
        if ch == "(":
            opens.append(entry)
        elif ch == ")" and opens:
            opener = opens.pop()
            if opener[4] or entry[4]:
                opener[4] = entry[4] = True
    hits: list[tuple[int, int, int, str]] = []
    last_end = start
    for pos, s, e, ch, chinese in marks:
        if chinese:
            s = max(s, last_end)
            hits.append((pos, s, e, FULLWIDTH[ch]))
            last_end = e
    return hits


@rule("punctuation.halfwidth", "punctuation", "warning", "中文里用了半角标点 , ; : ( ) ? ! .",
      Example(bad="鼓励数据交易所支持企业流通交易优质数据,对浦东企业年度内在数据交易所挂牌交易的,经核定给予补贴。",
              good="鼓励数据交易所支持企业流通交易优质数据，对浦东企业年度内在数据交易所挂牌交易的，经核定给予补贴。"),
      why="中文里的半角标点排出来挤在一起（GB/T 15834）", fix="safe")
def check_halfwidth(ctx: Context):
    for article in ctx.articles():
        for fld, i, text, start in _texts(ctx, article, titles=True):
            hits = _halfwidth_hits(text, start)
            if not hits:
                continue
            marks = sorted({text[p] for p, _, _, _ in hits}, key=",;:?!().".find)
            where = f" {len(hits)} 处" if len(hits) > 1 else ""
            msg = f"中文里有{where}半角标点“{' '.join(marks)}”，应使用全角标点"
            fix = Fix(fix_text("改为全角标点", len(hits)),
                      tuple(Edit(article.id, fld, a, b, r, i) for _, a, b, r in hits))
            yield diagnostic(ctx, "punctuation.halfwidth", msg, article=article, field=fld, block_index=i,
                             offset=hits[0][0], length=1, fix=fix)


@rule("punctuation.latin-word", "punctuation", "warning", "中文句子里夹了英文单词（如 and、or、the）",
      Example(bad="夯实以BIM/CIM为核心的全市域时空信息平台 and 孪生数字底座。",
              good="夯实以BIM/CIM为核心的全市域时空信息平台和孪生数字底座。"),
      why="中文句子里的英文虚词是机器翻译或粘贴的残留", fix="confirm")
def check_latin_word(ctx: Context):
    for article in ctx.articles():
        for fld, i, text, start in _texts(ctx, article, titles=True):
            for m in _WORD_RE.finditer(text, start):
                word = m.group(0)
                if word not in _STRAY_SET:
                    continue
                before, bi = neighbour(text, m.start() - 1, -1)
                after, ai = neighbour(text, m.end(), 1)
                if not (is_ideograph(before) and is_ideograph(after)):
                    continue
                fix = None
                if word in _WORD_FIX:
                    fix = Fix(f"改为“{_WORD_FIX[word]}”",
                              (Edit(article.id, fld, bi + 1, ai, _WORD_FIX[word], i),), safe=False)
                yield diagnostic(ctx, "punctuation.latin-word", f"中文句子里夹了英文单词“{word}”",
                                 article=article, field=fld, block_index=i, offset=m.start(),
                                 length=len(word), fix=fix)


@rule("punctuation.cjk-space", "punctuation", "warning", "两个汉字（或中文标点）之间有多余的空格",
      Example(bad="按照“统一规划、迭代建设、统筹管理”的原则，优化项目立项 方式与流程。",
              good="按照“统一规划、迭代建设、统筹管理”的原则，优化项目立项方式与流程。"),
      why="汉字间的空格是 PDF 断行留下的，排出来是一个空洞", fix="safe")
def check_cjk_space(ctx: Context):
    for article in ctx.articles():
        for fld, i, text, start in _texts(ctx, article, titles=False):
            if " " not in text and "\t" not in text:
                continue
            hits = _cjk_spaces(text, start)
            if not hits:
                continue
            titles = [m.span(1) if m.group(1) else m.span(2) for m in _STANDARD_TITLE_RE.finditer(text, start)]
            hits = [h for h in hits if not any(a <= h[0] < b for a, b in titles)]
            if not hits:
                continue
            count = f" {len(hits)} 处" if len(hits) > 1 else ""
            fix = Fix(fix_text("删去空格", len(hits)),
                      tuple(Edit(article.id, fld, a, b, "", i) for a, b in hits))
            yield diagnostic(ctx, "punctuation.cjk-space", f"汉字之间有{count}多余的空格",
                             article=article, field=fld, block_index=i, offset=hits[0][0],
                             length=hits[0][1] - hits[0][0], fix=fix)


def _cjk_spaces(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of every run of spaces and tabs from `start` on with a Chinese character or mark
    (_SPACE_SIDE_RE) on either side."""
    hits = []
    side = _SPACE_SIDE_RE.match
    for m in _SPACES_RE.finditer(text, start):
        a, b = m.span()
        if a > 0 and side(text, a - 1) and side(text, b):
            hits.append((a, b))
    return hits


def _unbalanced(text: str, start: int) -> list[tuple[int, str, str]]:
    """(position, message, the opener left open or "") of every mark without its partner."""
    stack: list[tuple[int, str]] = []
    problems: list[tuple[int, str, str]] = []
    for m in _PAIR_RE.finditer(text, start):
        pos = m.start()
        ch = text[pos]
        if ch in _OPEN:
            stack.append((pos, ch))
        elif ch in _CLOSE:
            want = _CLOSE[ch]
            opener = "（" if want == "(" else want
            if stack and (stack[-1][1] == want or (want == "(" and stack[-1][1] in "（(")):
                stack.pop()
            elif any(o == want or (want == "(" and o in "（(") for _, o in stack):
                # Close the nearest matching opener; what lies above it was never closed.
                while stack and not (stack[-1][1] == want or (want == "(" and stack[-1][1] in "（(")):
                    p, o = stack.pop()
                    problems.append((p, f"“{o}”没有对应的“{_close_of(o)}”", o))
                stack.pop()
            elif not (pos - start <= 3 and text[start:pos].isascii() and text[start:pos].isalnum()):  # 1) a)
                problems.append((pos, f"“{ch}”没有对应的“{opener}”", ""))
    for p, o in stack:
        problems.append((p, f"“{o}”没有对应的“{_close_of(o)}”", o))
    return sorted(problems)


def _close_of(opener: str) -> str:
    return {"（": "）", "(": ")", "《": "》", "“": "”", "【": "】", "〔": "〕"}[opener]


@rule("punctuation.unbalanced", "punctuation", "error", "括号、书名号、引号不成对",
      Example(bad="帮助算清“节能账”“经济账“安全账”，开展绿色电子产品相关标识试点。",
              good="帮助算清“节能账”“经济账”“安全账”，开展绿色电子产品相关标识试点。"),
      why="不成对的括号、引号让读者不知道引文或注释到哪里结束", fix="none")
def check_unbalanced(ctx: Context):
    for article in ctx.articles():
        found = [(fld, i, start, _unbalanced(text, start)) for fld, i, text, start in _texts(ctx, article, titles=True)]
        quoted = _quoted_paragraphs(article, found)
        for fld, i, start, problems in found:
            for pos, what, _ in problems[:3]:
                if (fld, i, pos) in quoted:
                    continue
                yield diagnostic(ctx, "punctuation.unbalanced", what + "，成对的标点不完整",
                                 article=article, field=fld, block_index=i, offset=pos, length=1)


# A quotation runs over at most this many paragraphs: further on, an open “ and a stray ” are
# two mistakes, not one quotation.
_MAX_QUOTED_PARAGRAPHS = 40


def _quoted_paragraphs(article: Article, found) -> set[tuple[str, int, int]]:
    """(field, block, position) of the marks that belong to a quotation over several paragraphs.

    GB/T 15834 (4.1.3.3): a quotation of several paragraphs opens every paragraph with “ and
    closes with ” only at the end of the last. Official texts also often open only the first
    paragraph (将第一条修改为：⏎“……⏎（一）……⏎（二）……。”). Either way the pair is there: a
    paragraph whose one problem is an open “, followed by paragraphs that either open with “ (and
    leave only that open) or have no quotation marks out of place, up to one that closes it —
    balanced in itself after its opening “, or with a lone ” as its one problem. A quotation
    that never closes is still reported.
    """
    problems = {(fld, i): p for fld, i, _, p in found if i is not None}
    if not any(o == "“" for p in problems.values() for _, _, o in p):
        return set()
    blocks = {"body": article.body, "editor_note": article.editor_note}

    def only(key, kind: str) -> int | None:
        """The position of the paragraph's one problem when it is an open “ (kind “) or a lone ” (kind ”)."""
        p = problems.get(key)
        if not p or len(p) != 1:
            return None
        pos, what, opener = p[0]
        if kind == "“":
            return pos if opener == "“" else None
        return pos if not opener and what.startswith("“””") else None

    quiet: set[tuple[str, int, int]] = set()
    for (fld, i) in problems:
        first = only((fld, i), "“")
        if first is None or (fld, i, first) in quiet:
            continue
        run, j = [(fld, i, first)], i + 1
        while j < len(blocks[fld]) and j - i <= _MAX_QUOTED_PARAGRAPHS and (fld, j) in problems:
            text = blocks[fld][j].text
            opens = _opens_with_quote(text)
            here = problems[(fld, j)]
            if opens and only((fld, j), "“") == _quote_start(text):
                run.append((fld, j, _quote_start(text)))        # “ at each paragraph: the standard way
            elif not here and not opens:
                pass                                             # a paragraph inside, no marks of its own
            elif not here and opens:
                quiet.update(run)                                # “……。” closes the standard way
                break
            elif (closing := only((fld, j), "”")) is not None:
                quiet.update(run + [(fld, j, closing)])          # the lone ” closes the first paragraph's “
                break
            else:
                break
            j += 1
    return quiet


def _quote_start(text: str) -> int:
    return len(text) - len(text.lstrip(" \t\u3000"))


def _opens_with_quote(text: str) -> bool:
    return text.lstrip(" \t\u3000").startswith("“")


@rule("punctuation.book-title-comma", "punctuation", "info", "并列的书名号或引号之间通常不用顿号",
      Example(bad="为贯彻落实《数字中国建设整体布局规划》、《国务院关于加强数字政府建设的指导意见》等文件要求。",
              good="为贯彻落实《数字中国建设整体布局规划》《国务院关于加强数字政府建设的指导意见》等文件要求。"),
      why="并列书名号、引号之间不用顿号（GB/T 15834 4.5.3.5）", fix="confirm")
def check_book_title_comma(ctx: Context):
    for article in ctx.articles():
        for fld, i, text, start in _texts(ctx, article, titles=False):
            if "》、" not in text and "”、" not in text:
                continue
            hits = [m.start() for m in _BOOK_COMMA_RE.finditer(text, start)]
            if not hits:
                continue
            fix = Fix(fix_text("删去顿号", len(hits)),
                      tuple(Edit(article.id, fld, p, p + 1, "", i) for p in hits), safe=False)
            yield diagnostic(ctx, "punctuation.book-title-comma",
                             "并列的书名号（或引号）之间通常不用顿号（GB/T 15834）",
                             article=article, field=fld, block_index=i, offset=hits[0], length=1, fix=fix)


@rule("punctuation.repeated", "punctuation", "warning", "同一个标点连写了两次（，，。。）",
      Example(bad="加强网络安全风险管理，，推动网络安全产业高质量发展。。",
              good="加强网络安全风险管理，推动网络安全产业高质量发展。"),
      why="重复的标点是编辑时删改留下的", fix="safe")
def check_repeated(ctx: Context):
    for article in ctx.articles():
        for fld, i, text, start in _texts(ctx, article, titles=True):
            hits = [m.span() for m in _REPEATED_RE.finditer(text, start)
                    if not m.group(0).startswith("。。。")]       # 。。。 stands for …… (the ellipsis rule)
            if not hits:
                continue
            count = f" {len(hits)} 处" if len(hits) > 1 else ""
            fix = Fix(fix_text("删去重复的标点", len(hits)),
                      tuple(Edit(article.id, fld, a + 1, b, "", i) for a, b in hits))
            yield diagnostic(ctx, "punctuation.repeated", f"有{count}标点连写了两次：“{text[hits[0][0]:hits[0][1]]}”",
                             article=article, field=fld, block_index=i, offset=hits[0][0],
                             length=hits[0][1] - hits[0][0], fix=fix)


_ASCII_QUOTE_RE = re.compile('"')
# An ellipsis after Chinese text written as ... / 。。。 / a single …: GB/T 15834 wants …… (two).
_ELLIPSIS_RE = re.compile(f"(?<=[{IDEOGRAPHS}，、；：”’）》])[ \\t]*(?:\\.{{3,}}|。{{3,}}|…(?!…))")


@rule("punctuation.ascii-quote", "punctuation", "warning", "中文里用了半角直引号 \"…\"（应为“…”）",
      Example(bad="加快推进\"东数西算\"工程，建设全国一体化算力网络。",
              good="加快推进“东数西算”工程，建设全国一体化算力网络。"),
      why="直引号在中文版面上不分左右，应为“”", fix="safe")
def check_ascii_quote(ctx: Context):
    for article in ctx.articles():
        for fld, i, text, start in _texts(ctx, article, titles=True):
            if '"' not in text:
                continue
            spans = protected_spans(text)
            quotes = [m.start() for m in _ASCII_QUOTE_RE.finditer(text, start) if not in_spans(m.start(), spans)]
            chinese = [p for p in quotes if is_cjk(neighbour(text, p - 1, -1)[0]) or is_cjk(neighbour(text, p + 1, 1)[0])]
            if not chinese:
                continue
            fix = None
            if len(quotes) % 2 == 0:     # pairs in order: open, close, open, close …
                fix = Fix(fix_text("改为中文引号“”", len(quotes) // 2, "对"),
                          tuple(Edit(article.id, fld, p, p + 1, "“" if k % 2 == 0 else "”", i)
                                for k, p in enumerate(quotes)))
            shown = "" if fix else "；引号个数为单数，请先补齐"
            yield diagnostic(ctx, "punctuation.ascii-quote", f"中文里用了半角直引号“\"”，应使用“”{shown}",
                             article=article, field=fld, block_index=i, offset=chinese[0], length=1, fix=fix)


@rule("punctuation.ellipsis", "punctuation", "warning", "中文省略号应为“……”（不用 ...、。。。 或单个…）",
      Example(bad="加快建设数据中心、算力网络、工业互联网...", good="加快建设数据中心、算力网络、工业互联网……"),
      why="中文省略号是六个点“……”（GB/T 15834 4.11）", fix="safe")
def check_ellipsis(ctx: Context):
    for article in ctx.articles():
        for fld, i, text, start in _texts(ctx, article, titles=True):
            if "..." not in text and "。。。" not in text and "…" not in text:
                continue
            spans = protected_spans(text)
            hits = [m.span() for m in _ELLIPSIS_RE.finditer(text, start) if not in_spans(m.start(), spans)]
            if not hits:
                continue
            fix = Fix(fix_text("改为“……”", len(hits)),
                      tuple(Edit(article.id, fld, a, b, "……", i) for a, b in hits))
            a, b = hits[0]
            yield diagnostic(ctx, "punctuation.ellipsis", f"省略号写成了“{text[a:b].strip()}”，中文省略号应为“……”",
                             article=article, field=fld, block_index=i, offset=a, length=b - a, fix=fix)
