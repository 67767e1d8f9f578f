"""The web edition: one self-contained page per issue (index.html).

Landmarks and headings as a reader (and a screen reader) expects them: the masthead is the page's
banner with its one h1, 本期要目 a nav of in-page links, each column a section (h2) of articles
(h3 titles, their headings h4–h6 in order), the editors' list, disclaimer and profiles in the
footer. Styles come from the template (look.py); the print stylesheet sets the same pages in
points and starts each article on a new page, as the composition says. Nothing is fetched:
pictures are inlined as data, QR codes as SVG, fonts are the reader's own.
"""

from __future__ import annotations

import base64

from ... import compose as C
from ...template import Template
from ..qrcode import qr_matrix, svg_path
from .look import color, declarations, font_stack, tint
from .markup import IssueView, Levels, attrs, el, esc, is_heading, linked, title_lines

STYLE_KEYS = ("editor_note_label", "editor_note", "title", "doc_number", "addressee", "body", "heading1",
              "heading2", "heading3", "heading4", "subheading", "list_item", "signature", "date_line", "attachment",
              "attachment_item", "table", "source", "link_caption", "back_title", "back_subtitle", "back_body",
              "disclaimer", "colophon_role", "colophon_name", "toc_entry", "toc_column")


def page(view: IssueView, comp: C.Composition) -> str:
    """The whole page."""
    t = comp.template
    title = f"{comp.title} {comp.issue_line}"
    head = ('<meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title>"
            f'<meta name="description"{attrs(content=comp.subject)}>'
            f'<meta name="author"{attrs(content=comp.author)}>'
            '<meta name="generator" content="简报编排器 bulletin">'
            f"<style>{stylesheet(t)}</style>")
    body = (el("a", "跳到正文", href="#main", class_="skip")
            + '<div class="page">' + masthead(view, comp) + contents(view) + main(view)
            + footer(view, comp) + "</div>")
    lang = comp.language or "zh-CN"
    return f'<!DOCTYPE html>\n<html{attrs(lang=lang)}><head>{head}</head><body>{body}</body></html>\n'


# ---------------------------------------------------------------- the parts of the page

def masthead(view: IssueView, comp: C.Composition) -> str:
    cover = view.cover
    parts = []
    if cover is not None and cover.tagline:
        parts.append(el("p", esc(cover.tagline), class_="tagline"))
    parts.append(el("h1", esc(comp.title)))
    if cover is not None and cover.slogan:
        parts.append(el("p", esc(cover.slogan), class_="slogan"))
    parts.append(el("p", esc(comp.issue_line), class_="issue-line"))
    if cover is not None and cover.headline.own:
        target = view.article(cover.headline_article or "")
        text = title_lines(cover.headline.own)
        parts.append(el("p", el("span", esc(cover.headline_label), class_="label") + " " + (
            el("a", text, href=f"#{target.anchor}") if target else text), class_="headline"))
    return el("header", "".join(parts), class_="masthead")


def contents(view: IssueView) -> str:
    if view.contents is None:
        return ""
    parts = [el("h2", esc(view.contents.heading), id="toc-h"),
             el("p", esc(view.contents.subtitle), class_="toc-en", lang="en")]
    by_id = {a.head.article_id: a for a in view.articles()}
    for name, entries in view.contents.groups:
        items = []
        for entry in entries:
            target = by_id.get(entry.article_id)
            text = esc(entry.title)
            link = el("a", text, href=f"#{target.anchor}") if target else text
            note = el("span", esc(entry.note), class_="toc-note") if entry.note else ""
            items.append(el("li", link + note))
        parts.append(el("h3", esc(name), class_="toc-column") + el("ol", "".join(items)))
    return el("nav", "".join(parts), id="toc", class_="toc", aria_labelledby="toc-h")


def main(view: IssueView) -> str:
    sections = []
    for column in view.columns:
        inner = el("h2", esc(column.name), id=column.anchor, class_="column-label")
        inner += "".join(article(a) for a in column.articles)
        sections.append(el("section", inner, class_="column", aria_labelledby=column.anchor))
    return el("main", "".join(sections), id="main")


def article(a) -> str:
    head = a.head
    levels = Levels(3)
    out = []
    if head.note is not None:
        note = el("p", esc(head.note.label), class_="s-editor_note_label")
        note += "".join(el("p", esc(t), class_="s-editor_note") for t in head.note.paragraphs)
        # each note its own name: a landmark's name tells it from the others (axe: landmark-unique)
        out.append(el("aside", note, class_="note", aria_label=f"{head.note.label}：{head.contents_title}"))
    title_id = f"{a.anchor}-t"
    out.append(el("h3", title_lines(head.title.own), id=title_id, class_="s-title"))
    for p in (head.doc_number, head.addressee):
        if p is not None:
            out.append(paragraph(p, levels))
    for e in a.body:
        if isinstance(e, C.Paragraph):
            out.append(paragraph(e, levels))
        elif isinstance(e, C.LinkQR):
            out.append(qr(e, side=False))
        elif isinstance(e, C.Table):
            out.append(table(e))
        elif isinstance(e, C.Image):
            out.append(image(e))
    out.append(el("p", el("a", "返回本期要目", href="#toc"), class_="to-toc"))
    classes = "article new-page" if head.new_page else "article"
    return el("article", "".join(out), id=a.anchor, class_=classes, aria_labelledby=title_id)


def paragraph(p: C.Paragraph, levels: Levels) -> str:
    keep = " keep" if p.keep_with_next else ""
    side = qr(p.beside, side=True) if p.beside is not None else ""
    if is_heading(p):
        n = levels.level(p.style)
        return side + f'<h{n} class="s-{p.style}{keep}">{linked(p.text, _a)}</h{n}>'
    inner = "".join(el("span", linked(r.text, _a), class_=f"lead-{r.style}") if r.style and r.style != p.style
                    else linked(r.text, _a) for r in p.runs if r.text)
    return side + f'<p class="s-{p.style}{keep}">{inner}</p>'


def _a(url: str) -> str:
    return el("a", esc(url), href=url)


def qr(q: C.LinkQR, side: bool) -> str:
    """The code as inline SVG, linked, with its caption "扫描二维码 阅读全文"; `side`: beside the text."""
    matrix = qr_matrix(q.url)
    n = len(matrix) + 4
    label = f"二维码：{q.url}"
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" role="img"{attrs(aria_label=label)}'
           f' shape-rendering="crispEdges"><title>{esc(label)}</title>'
           f'<rect width="{n}" height="{n}" fill="#fff"/><path fill="#000" d="{svg_path(matrix)}"/></svg>')
    caption = esc(q.caption[0]) + "<br>" + el("a", esc(q.caption[1]), href=q.url)
    return el("figure", el("a", svg, href=q.url, tabindex="-1", aria_hidden="true") + el("figcaption", caption),
              class_="qr side" if side else "qr")


def table(t: C.Table) -> str:
    if not t.rows:
        return ""
    ncols = max(len(r) for r in t.rows)
    rows = []
    for ri, row in enumerate(t.rows):
        cells = [row[ci] if ci < len(row) else "" for ci in range(ncols)]
        tag = "th" if ri == 0 else "td"
        rows.append(el("tr", "".join(f'<{tag}{attrs(scope="col" if ri == 0 else None)}>{esc(c)}</{tag}>'
                                     for c in cells)))
    return el("div", el("table", el("thead", rows[0]) + el("tbody", "".join(rows[1:]))), class_="table-wrap",
              role="region", aria_label="表格", tabindex="0")


# Pictures an article may show, by suffix (the mimetypes module reads the system's tables at start-up).
MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
        ".svg": "image/svg+xml", ".bmp": "image/bmp"}


def data_uri(path) -> str:
    mime = MIME.get(path.suffix.lower(), "application/octet-stream")
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def image(e: C.Image) -> str:
    alt = e.caption or f"插图：{e.path.stem}"
    caption = el("figcaption", esc(e.caption), class_="s-link_caption") if e.caption else ""
    return el("figure", f'<img{attrs(src=data_uri(e.path), alt=alt)}>' + caption, class_="picture")


def footer(view: IssueView, comp: C.Composition) -> str:
    parts = []
    col = view.colophon
    if col is not None and col.rows:
        rows = []
        for r in col.rows:
            names = [n for line in r.lines for n in line]
            dd = "".join(el("span", esc(n), class_="name" if r.grid else "entry") for n in names)
            rows.append(el("div", el("dt", esc(r.role), class_="s-colophon_role") + el("dd", dd, class_="s-colophon_name")))
        parts.append(el("section", el("dl", "".join(rows)), class_="colophon", aria_label="编委"))
    if col is not None and col.disclaimer:
        parts.append(el("p", esc(col.disclaimer), class_="s-disclaimer disclaimer"))
    back = view.back
    if back is not None and back.profiles:
        inner = el("h2", esc(back.label), id="back-h")
        for p in back.profiles:
            logo = f'<img class="logo"{attrs(src=data_uri(p.logo), alt=f"{p.name}标志")}>' if p.logo else ""
            body = logo + el("h3", esc(p.name), class_="s-back_title")
            if p.english_name:
                body += el("p", esc(p.english_name), class_="s-back_subtitle", lang="en")
            body += "".join(el("p", esc(t), class_="s-back_body") for t in p.paragraphs)
            inner += el("section", body, class_="profile")
        parts.append(el("section", inner, class_="profiles", aria_labelledby="back-h"))
    parts.append(el("p", esc(f"{comp.title}　{comp.issue_line}"), class_="colophon-line"))
    return el("footer", "".join(parts), class_="back")


# ---------------------------------------------------------------- the stylesheet

def stylesheet(t: Template) -> str:
    body = t.styles["body"]
    primary, accent = color(t, "primary"), color(t, "accent")
    screen = []
    print_ = []
    for key in STYLE_KEYS:
        st = t.styles.get(key)
        if st is None:
            continue
        screen.append(f".s-{key}{{{';'.join(declarations(t, st, unit='rem', base=body.size))}}}")
        print_.append(f".s-{key}{{font-size:{st.size:g}pt}}")
        lead = [d for d in declarations(t, st, unit="rem", base=body.size, spacing=False)
                if d.startswith(("font-family", "font-weight", "color"))]
        screen.append(f".lead-{key}{{{';'.join(lead)}}}")
    page = t.page
    return BASE_CSS.format(
        primary=primary, accent=accent, tint=tint(primary, 0.07), rule=tint(primary, 0.45),
        song=font_stack(t, "song"), hei=font_stack(t, "hei"), title=font_stack(t, "title"),
        kai=font_stack(t, "kai"), body_font=font_stack(t, body.font),
        width=page.size_mm[0], height=page.size_mm[1], mt=page.margin_top, mr=page.margin_right,
        mb=page.margin_bottom, ml=page.margin_left,
    ) + "".join(screen) + TITLE_CSS.format(title=t.styles["title"].size / body.size) \
        + "@media print{" + "".join(print_) + "}"


# Titles on a phone: smaller than the template's size, so that a line holds a dozen characters.
TITLE_CSS = ".s-title{{font-size:clamp(1.3rem,6.4vw,{title:.3g}rem)}}"


BASE_CSS = """
:root{{--primary:{primary};--accent:{accent};--tint:{tint};--rule:{rule}}}
*,*::before,*::after{{box-sizing:border-box}}
html{{font-size:17px;-webkit-text-size-adjust:100%;text-size-adjust:100%}}
@media (min-width:48rem){{html{{font-size:18px}}}}
body{{margin:0;background:#EEF1F5;color:#1A1A1A;font-family:{body_font};overflow-wrap:break-word}}
a{{color:var(--primary)}}
.skip{{position:absolute;left:-9999px;top:0}}
.skip:focus{{left:1rem;top:1rem;z-index:9;background:#fff;padding:.5rem 1rem}}
.page{{max-width:46rem;margin:0 auto;background:#fff;min-height:100vh}}
.masthead{{background:var(--primary);color:#fff;text-align:center;padding:1.4rem 1rem 1.2rem;
  border-bottom:.35rem solid var(--accent)}}
.masthead h1{{font-family:{title};font-size:clamp(2rem,11vw,3.3rem);letter-spacing:.14em;margin:.15em 0;
  line-height:1.25;font-weight:bold}}
.tagline{{font-family:{hei};font-size:.8rem;letter-spacing:.08em;margin:0;opacity:.9}}
.slogan{{font-family:{kai};font-size:1.05rem;letter-spacing:.3em;margin:.2em 0 .6em;color:#DCE6F3}}
.issue-line{{margin:.6rem -1rem 0;padding:.45rem 1rem 0;border-top:1px solid rgba(255,255,255,.35);
  font-size:.95rem;letter-spacing:.05em}}
.headline{{margin:.9rem 0 0;font-family:{title};font-size:1.15rem;line-height:1.5;text-wrap:balance}}
.headline .label{{display:inline-block;font-family:{hei};font-size:.75rem;background:var(--accent);color:#fff;
  padding:.1em .5em;margin-right:.4em;vertical-align:.15em;letter-spacing:.1em}}
.masthead a{{color:#fff}}
.toc{{padding:1.2rem 1.25rem .6rem;border-bottom:1px solid var(--rule)}}
.toc h2{{font-family:{title};color:var(--primary);text-align:center;font-size:1.6rem;margin:.2rem 0 0;
  letter-spacing:.2em}}
.toc-en{{text-align:center;color:var(--primary);letter-spacing:.5em;font-size:.7rem;margin:.1rem 0 .8rem}}
.toc .toc-column{{font-family:{hei};font-size:1rem;font-weight:normal;color:#fff;background:var(--primary);
  display:inline-block;padding:.1em .8em;margin:.9rem 0 .4rem;letter-spacing:.2em}}
.toc ol{{list-style:none;margin:0;padding:0}}
.toc li{{margin:0 0 .55rem;padding-left:1em;line-height:1.55}}
.toc li a{{text-decoration:none;color:#1A1A1A}}
.toc li a:hover,.toc li a:focus{{color:var(--primary);text-decoration:underline}}
.toc-note{{display:block;font-size:.78rem;color:#666}}
main{{padding:0 1.25rem 1.5rem}}
.column-label{{font-family:{hei};font-weight:normal;font-size:1.2rem;color:#fff;background:var(--primary);
  display:inline-block;padding:.15em .9em;margin:2rem 0 .4rem;letter-spacing:.25em}}
.article{{padding-top:1rem;margin-top:1rem;border-top:1px solid #DDD}}
.column-label+.article{{border-top:0;margin-top:0}}
.note{{background:var(--tint);border-left:3px solid var(--primary);padding:.7rem 1rem;margin:0 0 1.1rem}}
.note p{{margin:0}}
.s-title,.headline{{text-wrap:balance;word-break:keep-all;overflow-wrap:anywhere}}
h3,h4,h5,h6{{font-weight:inherit}}
.qr{{width:6.4rem;margin:.1rem 0 .6rem 1rem;text-align:center;float:right}}
.qr:not(.side){{float:none;margin:1rem auto}}
.qr svg{{display:block;width:100%;height:auto}}
.qr figcaption{{font-family:{hei};font-size:.72rem;line-height:1.35;color:var(--primary)}}
.article::after{{content:"";display:block;clear:both}}
.table-wrap{{overflow-x:auto;margin:.8rem 0}}
table{{border-collapse:collapse;width:100%;font-size:.9rem;line-height:1.5}}
th,td{{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}}
th{{background:var(--tint)}}
figure{{margin:1rem 0}}
img{{max-width:100%;height:auto}}
.picture{{text-align:center}}
.to-toc{{text-align:right;font-size:.8rem;margin:1rem 0 0}}
.back{{background:#F7F8FA;padding:1.2rem 1.25rem 2rem;border-top:.35rem solid var(--primary)}}
.colophon dl{{margin:0}}
.colophon dl>div{{display:flex;gap:1rem;margin:0 0 .35rem}}
.colophon dt{{flex:0 0 4.2em;text-align:justify;text-align-last:justify}}
.colophon dd{{margin:0;flex:1;min-width:0}}
.colophon .name{{display:inline-block;min-width:3em;margin-right:1.2em}}
.colophon .entry{{display:block}}
.disclaimer{{border:1px solid var(--rule);background:var(--tint);padding:.6rem .8rem;margin:1rem 0}}
.profiles h2{{font-family:{hei};font-weight:normal;color:var(--primary);text-align:center;font-size:1.1rem;
  margin:1.6rem 0 .6rem;letter-spacing:.3em}}
.profile{{margin:0 0 1.2rem}}
.logo{{display:block;margin:0 auto .4rem;max-height:3.5rem}}
.colophon-line{{text-align:center;color:#666;font-size:.8rem;margin:1.5rem 0 0}}
@media (max-width:30rem){{main,.toc,.back{{padding-left:1rem;padding-right:1rem}}.qr{{width:5.4rem}}}}
@media print{{
@page{{size:{width}mm {height}mm;margin:{mt}mm {mr}mm {mb}mm {ml}mm}}
html{{font-size:12pt}}
body{{background:none}}
.page{{max-width:none;min-height:0}}
.skip,.to-toc{{display:none}}
.masthead,.column-label,.toc .toc-column,.note,.headline .label,th,.disclaimer{{-webkit-print-color-adjust:exact;
  print-color-adjust:exact}}
.toc{{break-after:page}}
.new-page{{break-before:page;border-top:0;margin-top:0}}
.column-label{{break-before:page;break-after:avoid}}
.column-label+.article{{break-before:avoid}}
.keep,h3,h4,h5,h6,.note{{break-after:avoid}}
.s-title{{break-inside:avoid}}
p{{orphans:2;widows:2}}
a{{text-decoration:none;color:inherit}}
.back{{break-before:page;background:none}}
}}
"""
