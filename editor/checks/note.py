"""The 编者按 against its article: counts, the quoted title, issuing bodies, the date, figures.

A careful 责任编辑 reads the note with the text beside it: “五方面共十条” must be the text's five
sections and ten items, the 《title》 the article's title, the bodies before 联合印发 the ones the
title, 文号 and source name, the date no later than the issue, each figure one the text gives.
When an editor shortens a policy or pastes the wrong version these claims go false silently.
Every finding points at the note and, as `related`, at the place it disagrees with.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re

from ..conventions import find_dates, parse_date, parse_source
from ..model import Article, BlockKind
from .framework import Context, Example, Related, diagnostic, related_to, rule
from .note_claims import (BOOK_TITLE_RE, ISSUE_VERB_RE, count_claims, figures, issuer_claims, looks_like_org,
                          quoted_titles)
from .note_structure import structure_of
from .source import expected_issuers

# A 《…》 this much like the title, and not equal to it, is the title misquoted.
TITLE_SIMILARITY = 0.6
# An 编者按's undated day (7月21日) is read in the issue's year unless that puts it this far ahead.
MAX_DAYS_AHEAD = 183
_WHAT = {"aspects": "个方面", "items": "条（项）", "chapters": "章"}
_NO_SPACE = str.maketrans({" ": None, "\t": None, "\u3000": None, "\n": None, "(": "（", ")": "）",
                           "-": "—", "－": "—", "–": "—", "〈": "《", "〉": "》"})
# Examples for docs/rules.md, cut from the sample issue's real articles (content/2023-29, 02 and 05);
# the examples' issue is dated 2023-07-21 like the sample.
_CHONGQING = ("+++\ntitle = \"重庆市智能建造试点城市建设实施方案\"\n+++\n\n"
              "> 重庆市人民政府办公厅日前印发《{title}》。\n\n"
              "为深入贯彻落实党中央、国务院决策部署，大力发展智能建造，结合我市实际，制定本实施方案。\n\n"
              "（来源：重庆市人民政府）")
_NDRC = ("+++\ntitle = \"关于促进电子产品消费的若干措施\"\ndoc_number = \"发改就业〔2023〕1019号\"\n+++\n\n"
         "> 7月{day}日，{who}等部门印发了《关于促进电子产品消费的若干措施》的通知。\n\n"
         "电子产品消费是实物消费的重要品类。\n\n（来源：国家发展改革委）")
_WRAPPED_RE = re.compile(r"^(?:.*?)(?:关于)?印发《?(?P<inner>.+?)》?的通知$")


def _note(article: Article):
    for i, b in enumerate(article.editor_note):
        if b.text.strip():
            yield i, b.text


def _issue_date_related(ctx: Context) -> Related:
    d = ctx.issue.date
    return Related(f"本期出刊日期 {d.year}年{d.month}月{d.day}日", ctx.issue.field_locs.get("date"),
                   d.isoformat(), field="date")


# ---------------------------------------------------------------- counts

def _span(article: Article, blocks: list[int]) -> str:
    first, last = article.body[blocks[0]].marker, article.body[blocks[-1]].marker
    return f"“{first.raw}”" if len(blocks) == 1 else f"“{first.raw}”至“{last.raw}”"


@rule("note.count", "note", "warning", "编者按说的“N方面”“共N条”“N项措施”与正文的条目数不符",
      Example(bad="> 通知提出了12项措施来促进电子产品消费。\n\n一、加快推动电子产品升级换代\n\n1.加快电子产品技术创新。\n\n"
                  "2.打造电子产品消费新场景。\n\n二、大力支持电子产品下乡\n\n3.持续推动家电下乡。",
              good="> 通知提出了3项措施来促进电子产品消费。\n\n一、加快推动电子产品升级换代\n\n1.加快电子产品技术创新。\n\n"
                   "2.打造电子产品消费新场景。\n\n二、大力支持电子产品下乡\n\n3.持续推动家电下乡。"),
      why="删去或合并了条目、换了版本之后，编者按里的“共十条”不会跟着变，读者数一数就发现对不上")
def check_count(ctx: Context):
    for article in ctx.articles():
        if not article.editor_note:
            continue
        for i, text in _note(article):
            claims = count_claims(text)
            if not claims:
                continue
            s = structure_of(ctx, article)
            for c in claims:
                if c.what == "aspects":
                    main, readings, unit, last = s.aspects, s.aspect_readings, "个方面", "个方面"
                elif c.what == "parts":
                    main, readings, unit, last = s.part_readings[0] if s.part_readings else [], s.part_readings, \
                        "个部分", "个部分"
                elif c.what == "chapters":
                    main, readings, unit, last = s.chapters, [s.chapters], "章", "章"
                else:
                    unit = "条" if "条" in c.text else "项"
                    main, readings, last = s.items, s.item_readings, unit
                if not main or any(len(r) == c.value for r in readings):
                    continue        # nothing to count against, or one reading agrees
                yield diagnostic(
                    ctx, "note.count",
                    f"编者按说“{c.text}”，正文却是 {len(main)} {unit}（{_span(article, main)}），请核对",
                    field="editor_note", article=article, block_index=i, offset=c.number_start,
                    length=c.number_end - c.number_start,
                    related=[related_to(article, f"正文的最后一{last}", block_index=main[-1],
                                        length=len(article.body[main[-1]].marker.raw))])


# ---------------------------------------------------------------- the quoted title

def _plain(text: str) -> str:
    return text.translate(_NO_SPACE)


def _unwrap(text: str) -> str:
    m = _WRAPPED_RE.match(text)
    return m.group("inner") if m else text


def title_forms(article: Article) -> set[str]:
    """The ways a note may rightly quote the article's title: as it stands, without its issuing
    bodies (工业和信息化部 国家金融监督管理总局关于… → 关于…), without 关于印发《…》的通知."""
    forms = set()
    for title in (article.display_title, article.toc_title or ""):
        t = _plain(title)
        if not t:
            continue
        forms.add(t)
        k = t.find("关于")
        if k > 0:
            forms.add(t[k:])
        forms |= {_unwrap(f) for f in list(forms)}
    return forms


def _body_titles(article: Article) -> set[str]:
    """Every 《…》 the body cites: a note may name a document the text forwards or quotes."""
    return {_plain(m.group("t")) for b in article.body if "《" in b.text for m in BOOK_TITLE_RE.finditer(b.text)}


def _difference(quoted: str, title: str) -> str:
    ops = [op for op in difflib.SequenceMatcher(None, quoted, title, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not ops:
        return ""
    tag, a0, a1, b0, b1 = ops[0]
    more = "等" if len(ops) > 1 else ""
    if tag == "replace":
        return f"：编者按作“{quoted[a0:a1]}”，标题作“{title[b0:b1]}”{more}"
    if tag == "delete":
        return f"：编者按多了“{quoted[a0:a1]}”{more}"
    return f"：编者按少了“{title[b0:b1]}”{more}"


@rule("note.title", "note", "warning", "编者按书名号里的文件名与文章标题不一致",
      Example(bad=_CHONGQING.format(title="重庆市智能建造示范城市建设实施方案"),
              good=_CHONGQING.format(title="重庆市智能建造试点城市建设实施方案"), field="article"),
      why="编者按里的文件名是读者检索原文的依据，少一个字、换一个词，就查不到或查成另一份文件")
def check_title(ctx: Context):
    for article in ctx.articles():
        if not article.editor_note:
            continue
        quotes = [(i, q) for i, text in _note(article) for q in quoted_titles(text)]
        if not quotes:
            continue
        forms = title_forms(article)
        if not forms or any(_unwrap(_plain(q.text)) in forms or _plain(q.text) in forms for _, q in quotes):
            continue        # the note names the article as it is titled
        cited = _body_titles(article) if any("《" in b.text for b in article.body) else set()
        best = None
        for i, q in quotes:
            plain = _unwrap(_plain(q.text))
            if plain in cited or _plain(q.text) in cited:
                continue    # a document the text itself cites
            if len(plain) <= 8 and any(plain in f for f in forms):
                continue    # 《行动计划》: the short name
            form, ratio = max(((f, difflib.SequenceMatcher(None, plain, f, autojunk=False).ratio()) for f in forms),
                              key=lambda x: x[1])
            if ratio >= TITLE_SIMILARITY or q.after_verb:
                key = (q.after_verb, ratio)
                if best is None or key > best[0]:
                    best = (key, i, q, plain, form)
        if best is None:
            continue
        _, i, q, plain, form = best
        shown = article.display_title
        yield diagnostic(ctx, "note.title",
                         f"编者按中的《{q.text}》与文章标题“{shown}”不一致{_difference(plain, form)}",
                         article=article, field="editor_note", block_index=i, offset=q.start,
                         length=q.end - q.start,
                         related=[related_to(article, "文章标题", field="title", length=len(article.title))])


# ---------------------------------------------------------------- issuing bodies

def _clean(name: str) -> str:
    name = re.sub(r"\s+", "", name)
    return name[len("中华人民共和国"):] if name.startswith("中华人民共和国") and len(name) > 8 else name


def _aliases(name: str, ctx: Context) -> set[str]:
    out = {name}
    for key, others in ctx.template.issuer_aliases.items():
        group = {key, *others}
        if name in group:
            out |= group
    return out


def same_body(a: str, b: str, ctx: Context) -> bool:
    """Whether two names can be the same body: equal, an alias, or one inside the other
    (重庆市 for 重庆市人民政府, 深圳市人民政府办公厅 in 广东省深圳市人民政府办公厅)."""
    a, b = _clean(a), _clean(b)
    return any(len(x) >= 2 and len(y) >= 2 and (x in y or y in x)
               for x in _aliases(a, ctx) for y in _aliases(b, ctx))


def title_issuers(article: Article) -> list[str]:
    """The issuing bodies a title names before 关于 or 印发: 工业和信息化部 国家金融监督管理总局关于……"""
    title = article.title.replace("\n", " ")
    m = re.match(r"^(?P<who>.+?)(?:关于|印发)", title)
    if not m:
        return []
    names = [n for n in re.split(r"[\s、]+", m.group("who").strip()) if n]
    return names if names and all(looks_like_org(n) for n in names) else []


def _signatures(article: Article) -> list[tuple[int | None, str]]:
    """(block or None for the signature field, name) of every signing body: the article's signature,
    or signature lines left in the body (a forwarding notice signs before the text it forwards)."""
    if article.signatories:
        return [(None, re.sub(r"\s+", "", s)) for s in article.signatories]
    return [(i, re.sub(r"\s+", "", b.text)) for i, b in enumerate(article.body) if b.kind is BlockKind.SIGNATURE]


@rule("note.issuer", "note", "warning", "编者按说的发文机关与标题、文号、署名或来源不一致",
      Example(bad=_NDRC.format(day="21", who="商务部"), good=_NDRC.format(day="21", who="国家发展改革委"),
              field="article"),
      why="把联合发文的部门写错、换成别的部委，是编者按最容易出、读者也最容易当真的错")
def check_issuer(ctx: Context):
    for article in ctx.articles():
        if not article.editor_note:
            continue
        claims = [(i, c) for i, text in _note(article) for c in issuer_claims(text)]
        if not claims:
            continue
        i, claim = _claim_for_this_document(article, claims)
        yield from _issuer_findings(ctx, article, i, claim)


def _claim_for_this_document(article: Article, claims):
    """The issuing claim about this article: the one whose 《》 right after the verb is its title."""
    forms = title_forms(article)
    for i, c in claims:
        text = article.editor_note[i].text
        m = BOOK_TITLE_RE.search(text, c.verb_end, c.verb_end + 12)
        if m and (_unwrap(_plain(m.group("t"))) in forms or _plain(m.group("t")) in forms):
            return i, c
    return claims[0]


def _issuer_findings(ctx: Context, article: Article, i: int, claim):
    listed = title_issuers(article)
    signed = _signatures(article)
    if listed or signed:
        # The title (or the signature block) lists every issuing body: each one the note names must be there.
        names = listed or [s for _, s in signed]
        if listed:
            where = related_to(article, "标题中的发文机关", field="title", length=len(article.title))
        elif signed[0][0] is None:
            where = related_to(article, "发文机关署名", field="signature", length=len(article.signature or ""))
        else:
            where = related_to(article, "文末署名", block_index=signed[0][0], length=len(signed[0][1]))
        for name, offset in claim.names:
            if not any(same_body(name, n, ctx) for n in names):
                yield diagnostic(ctx, "note.issuer",
                                 f"编者按说“{name}”参与印发，但{'标题' if listed else '文末署名'}中的发文机关是"
                                 f"{'、'.join(names)}", article=article, field="editor_note", block_index=i,
                                 offset=offset, length=len(name), related=[where])
        return
    known: list[tuple[str, Related]] = []
    expected = expected_issuers(article.doc_number, ctx.template)
    if expected:
        rel = related_to(article, f"文号“{article.doc_number}”", field="doc_number", length=len(article.doc_number))
        known += [(n, rel) for n in expected[1]]
    parsed = parse_source(article.source.text) if article.source else None
    if parsed and parsed.issuer:
        rel = related_to(article, "来源", field="source", length=len(article.source.text))
        known += [(n, rel) for n in re.split(r"[、，和]", parsed.issuer) if n]
    if not known or any(same_body(name, n, ctx) for name, _ in claim.names for n, _ in known):
        return
    said = "、".join(n for n, _ in claim.names)
    basis = []
    if expected:
        basis.append(f"文号“{article.doc_number}”的发文机关是{expected[1][0]}")
    if parsed and parsed.issuer:
        basis.append(f"来源是{parsed.issuer}")
    name, offset = claim.names[0]
    yield diagnostic(ctx, "note.issuer", f"编者按说由“{said}”印发，但{'，'.join(basis)}", article=article,
                     field="editor_note", block_index=i, offset=offset, length=len(name),
                     related=list(dict.fromkeys(r for _, r in known)))


# ---------------------------------------------------------------- the date

def written_date(article: Article) -> tuple[int | None, dt.date] | None:
    """(block, or None for the date field; date) of the article's 成文日期, when it has one."""
    written = article.written_date
    if written is not None and written.date is not None:
        return None, written.date
    for i, b in enumerate(article.body):
        if b.kind is BlockKind.DATE_LINE:
            written = parse_date(b.text)
            if written is not None and written.date is not None:
                return i, written.date
    return None


def _resolve(d, issue_date: dt.date) -> dt.date | None:
    if d.year:
        return d.on(d.year)
    this_year = d.on(issue_date.year)
    if this_year is not None and (this_year - issue_date).days > MAX_DAYS_AHEAD:
        return d.on(issue_date.year - 1)      # 12月28日 in a January issue: last December
    return this_year


@rule("note.date", "note", "warning", "编者按说的印发日期晚于本期出刊日期，或早于文件的成文日期",
      Example(bad=_NDRC.format(day="28", who="国家发展改革委"), good=_NDRC.format(day="21", who="国家发展改革委"),
              field="article"),
      why="出刊时还没印发的文件不可能被报道，成文之前也不可能印发：日期多半是打错了或抄错了")
def check_date(ctx: Context):
    issue_date = ctx.issue.date
    for article in ctx.articles():
        if not article.editor_note:
            continue
        dated = None
        for i, text in _note(article):
            for d in find_dates(text):
                sentence_end = min((k for k in (text.find(ch, d.end) for ch in "。；!！?？") if k != -1),
                                   default=len(text))
                rest = text[d.end:sentence_end]
                if rest.lstrip("， ").startswith(("起", "前", "至", "开始")) or "将" in rest[:8]:
                    continue        # 自8月1日起施行: a date to come, not the day it was issued
                if not ISSUE_VERB_RE.search(rest):
                    continue
                when = _resolve(d, issue_date)
                if when is None:
                    continue        # a date that does not exist: numbers.bad-date says so
                shown = text[d.start:d.end]
                if when > issue_date:
                    yield diagnostic(ctx, "note.date",
                                     f"编者按说“{shown}”印发，晚于本期出刊日期（{issue_date.year}年{issue_date.month}月"
                                     f"{issue_date.day}日）", article=article, field="editor_note", block_index=i,
                                     offset=d.start, length=d.end - d.start, related=[_issue_date_related(ctx)])
                    continue
                if dated is None:
                    dated = written_date(article) or ()
                if dated and when < dated[1]:
                    w, at = dated[1], dated[0]
                    where = related_to(article, "成文日期", field="date", length=len(article.date or "")) if at is None \
                        else related_to(article, "成文日期", block_index=at, length=len(article.body[at].text))
                    yield diagnostic(ctx, "note.date",
                                     f"编者按说“{shown}”印发，早于文件的成文日期 {w.year}年{w.month}月{w.day}日",
                                     article=article, field="editor_note", block_index=i, offset=d.start,
                                     length=d.end - d.start, related=[where])


# ---------------------------------------------------------------- figures

_HALF_TO_FULL = dict(zip("0123456789.%", "０１２３４５６７８９．％"))
_TO_HALF = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


@functools.lru_cache(maxsize=256)
def _figure_re(number: str, unit: str) -> re.Pattern:
    """The figure in either width (50 个 / ５０个): the full-width one is numbers.fullwidth-digit's business."""
    digits = "".join(f"[{re.escape(ch)}{_HALF_TO_FULL.get(ch, '')}]" for ch in number)
    unit = "[%％]" if unit in "%％" else re.escape(unit)
    return re.compile(rf"(?<![\d.０-９．]){digits}[ \t]*{unit}")


def _body_texts(article: Article) -> list[tuple[int, str]]:
    out = []
    for i, b in enumerate(article.body):
        if b.kind is BlockKind.TABLE and b.rows:
            out.append((i, " ".join(c for row in b.rows for c in row)))
        elif b.text:
            out.append((i, b.text))
    return out


def _nearby(texts, note: str, start: int, unit: str) -> tuple[int, int, int] | None:
    """(block, offset, length) of a figure with the same unit after the words the note puts before it."""
    words = re.sub(r"[^\u4e00-\u9fff]", "", note[max(0, start - 20):start])
    pattern = re.compile(rf"[\d０-９]+(?:[.．][\d０-９]+)?[ \t]*{'[%％]' if unit in '%％' else re.escape(unit)}")
    for size in (12, 10, 8, 6, 4, 2):       # the longest context the text shares wins
        context = words[-size:]
        if len(context) < size:
            continue
        for i, text in texts:
            k = text.find(context)
            while k != -1:
                m = pattern.search(text, k + len(context), k + len(context) + 10)
                if m:
                    return i, m.start(), m.end() - m.start()
                k = text.find(context, k + 1)
    return None


@rule("note.figure", "note", "warning", "编者按引用的数字（如“50 个以上”“80%”）在正文中找不到",
      Example(bad="> 其中提出，到 2025 年年底，累计实施智能建造试点项目 60 个以上。\n\n"
                  "到 2025 年年底，累计实施智能建造试点项目 50 个以上。",
              good="> 其中提出，到 2025 年年底，累计实施智能建造试点项目 50 个以上。\n\n"
                   "到 2025 年年底，累计实施智能建造试点项目 50 个以上。"),
      why="编者按里的目标数字是读者最先记住、最常引用的，抄错一个数比正文错一个字影响大")
def check_figure(ctx: Context):
    for article in ctx.articles():
        if not article.editor_note:
            continue
        texts = whole = None
        for i, text in _note(article):
            skip = [(c.start, c.end) for c in count_claims(text)]
            skip += [(m.start(), m.end()) for m in BOOK_TITLE_RE.finditer(text)] if "《" in text else []
            skip += [(d.start, d.end) for d in find_dates(text)]
            found = figures(text, skip)
            if not found:
                continue
            if texts is None:
                texts = _body_texts(article)
                whole = "\n".join(t for _, t in texts)
            for f in found:
                if _figure_re(f.number.translate(_TO_HALF), f.unit.translate(_TO_HALF)).search(whole):
                    continue
                shown = text[f.start:f.end] + (re.match(r"[ \t]*(?:以上|以下|左右|多)?", text[f.end:]).group(0).strip())
                near = _nearby(texts, text, f.start, f.unit)
                related = [related_to(article, f"正文此处写的是“{article.body[near[0]].text[near[1]:near[1] + near[2]]}”",
                                      block_index=near[0], offset=near[1], length=near[2])] if near else []
                yield diagnostic(ctx, "note.figure", f"编者按中的“{shown}”在正文中找不到，请核对数字",
                                 article=article, field="editor_note", block_index=i, offset=f.start,
                                 length=f.end - f.start, related=related)

