"""Source attribution: exactly one source, at the end, in the house form （来源：机构名）.

The source is also checked against the 文号: the longest 机关代字 in the
template's [doc_number_issuers] that starts the 文号 names the bodies the
source may cite; [issuer_aliases] lists other names of the same body.
"""

from __future__ import annotations

import re

from ..conventions import HOUSE_SOURCE_FORM, agency_code, parse_source
from ..model import Article, BlockKind
from ..template import Template
from .framework import Context, Edit, Example, Fix, diagnostic, rule

def expected_issuers(doc_number: str | None, template: Template) -> tuple[str, list[str]] | None:
    """(代字, acceptable issuer names) for a 文号, from the longest matching prefix in the template."""
    if not doc_number:
        return None
    code = agency_code(doc_number)
    best = max((k for k in template.doc_number_issuers if code.startswith(k)), key=len, default=None)
    if best is None:
        return None
    return best, list(template.doc_number_issuers[best])


def _names(names: list[str], template: Template) -> set[str]:
    """The names plus every alias of them, both ways."""
    out = set(names)
    for key, aliases in template.issuer_aliases.items():
        group = {key, *aliases}
        if out & group:
            out |= group
    return out


def issuer_matches(issuer: str, names: list[str], template: Template) -> bool:
    issuer = re.sub(r"\s+", "", issuer)
    return any(n and (n == issuer or n in issuer) for n in _names(names, template))


def _describe(parsed) -> str:
    problems = []
    if parsed.opening == "(" and parsed.closing == ")":
        problems.append("用了半角括号")
    elif not parsed.opening and not parsed.closing:
        problems.append("缺少括号")
    elif parsed.opening != "（" or parsed.closing != "）":
        problems.append(f"括号应为（）而不是{parsed.opening}{parsed.closing}")
    if parsed.colon == ":":
        problems.append("用了半角冒号")
    elif not parsed.colon:
        problems.append("缺少冒号")
    if parsed.prefix:
        problems.append(f"应写“来源”而不是“{parsed.prefix}来源”")
    if not problems:
        problems.append("有多余的空格")
    return "、".join(problems)


@rule("source.missing", "source", "error", "文章末尾没有来源行",
      Example(bad="……营造促进网络安全保险规范健康发展的浓厚氛围。",
              good="……营造促进网络安全保险规范健康发展的浓厚氛围。\n\n（来源：工业和信息化部）"),
      why="本刊每篇文章都注明来源，缺了来源是转载失范", fix="confirm")
def check_missing(ctx: Context):
    for article in ctx.articles():
        if article.source is not None or any(b.kind is BlockKind.SOURCE for b in article.body):
            continue
        last = len(article.body) - 1
        fix = None
        expected = expected_issuers(article.doc_number, ctx.template)
        if expected:
            fix = Fix(f"在文末加上“{HOUSE_SOURCE_FORM.format(issuer=expected[1][0])}”",
                      (Edit(article.id, "source", 0, 0, HOUSE_SOURCE_FORM.format(issuer=expected[1][0])),),
                      safe=False)
        where = dict(block_index=last, offset=len(article.body[last].text)) if last >= 0 else dict(field="title")
        yield diagnostic(ctx, "source.missing", "文章末尾缺少来源行，应写成“（来源：机构名）”",
                         article=article, fix=fix, **where)


@rule("source.form", "source", "warning", "来源行不是本刊格式（来源：机构名）",
      Example(bad="(来源：工业和信息化部)", good="（来源：工业和信息化部）", field="source"),
      why="来源行全刊统一写作“（来源：机构名）”", fix="safe")
def check_form(ctx: Context):
    for article in ctx.articles():
        if article.source is None:
            continue
        parsed = parse_source(article.source.text)
        if parsed is None or not parsed.issuer or parsed.is_house_form:
            continue
        fix = Fix(f"改为“{parsed.house_form}”", (Edit(article.id, "source", 0, len(article.source.text),
                                                    parsed.house_form),))
        yield diagnostic(ctx, "source.form", f"来源行不是本刊格式：{_describe(parsed)}，应为“{parsed.house_form}”",
                         article=article, field="source", length=len(article.source.text), fix=fix)


@rule("source.empty", "source", "error", "来源行没有写机构名",
      Example(bad="（来源：）", good="（来源：国家发展改革委）", field="source"),
      why="空的来源行等于没有注明来源", fix="none")
def check_empty(ctx: Context):
    for article in ctx.articles():
        sources = [("source", None, article.source.text)] if article.source else []
        sources += [("body", i, b.text) for i, b in enumerate(article.body) if b.kind is BlockKind.SOURCE]
        for fld, i, text in sources:
            parsed = parse_source(text)
            if parsed is not None and not parsed.issuer:
                yield diagnostic(ctx, "source.empty", "来源行“来源：”后面没有写机构名", article=article,
                                 field=fld, block_index=i, length=len(text))


@rule("source.middle", "source", "error", "来源行不在文末，或一篇文章有多个来源行",
      Example(bad="（来源：重庆市人民政府）\n\n三、保障措施", good="三、保障措施\n\n（来源：重庆市人民政府）"),
      why="来源行在正文中间，多半是两篇文章粘在了一起", fix="none")
def check_middle(ctx: Context):
    for article in ctx.articles():
        for i, b in enumerate(article.body):
            if b.kind is not BlockKind.SOURCE:
                continue
            if article.source is not None:
                msg = "一篇文章只应有一个来源行：这一行在正文中间，文末另有来源"
            else:
                msg = "来源行应放在文章末尾，这一行后面还有正文"
            yield diagnostic(ctx, "source.middle", msg, article=article, block_index=i, length=len(b.text))


@rule("source.issuer", "source", "warning", "来源与文号的发文机关不一致",
      Example(bad="doc_number = \"渝府办发〔2023〕51号\" ⏎ （来源：四川省人民政府）",
              good="doc_number = \"渝府办发〔2023〕51号\" ⏎ （来源：重庆市人民政府）", field=""),
      why="来源机构与文号的发文机关不符，常是换了文章没换来源", fix="confirm")
def check_issuer(ctx: Context):
    for article in ctx.articles():
        if article.source is None:
            continue
        expected = expected_issuers(article.doc_number, ctx.template)
        parsed = parse_source(article.source.text)
        if expected is None or parsed is None or not parsed.issuer:
            continue
        code, names = expected
        if issuer_matches(parsed.issuer, names, ctx.template):
            continue
        start = article.source.text.find(parsed.issuer)
        fix = Fix(f"改为“{names[0]}”", (Edit(article.id, "source", start, start + len(parsed.issuer), names[0]),),
                  safe=False) if start >= 0 else None
        yield diagnostic(
            ctx, "source.issuer",
            f"来源“{parsed.issuer}”与文号“{article.doc_number}”不一致：代字“{code}”对应的发文机关是"
            f"{'、'.join(names)}", article=article, field="source", offset=max(start, 0),
            length=len(parsed.issuer), fix=fix,
            hint="如果来源确实不同（例如转载自其他机构），可在模板的 [doc_number_issuers] 或 [issuer_aliases] 中补充")
