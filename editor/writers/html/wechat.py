"""WeChat 公众号 fragments: an article (or the whole issue) as markup the 公众号 editor keeps.

That editor drops <style>, classes and ids and resets list styles; what survives a paste is
inline style on a few elements. So a fragment is only <section>, <p>, <span>, <strong>, <img>
and <br>, every look an inline `style`: numbering is the text's own (一、（一）1.), never a list;
the 编者按 box, colours and fonts are styles; pictures and QR codes are <img> of files the editor
uploads. Nothing links out (the editor does not allow it): the article's address is written
out under its QR code.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

from ... import compose as C
from ...template import Template
from ...compose.measure import set_lines
from .look import color, font_stack, tint
from .markup import IssueView, attrs, el, esc, is_heading, lines

TAGS = frozenset({"section", "p", "span", "strong", "img", "br"})     # what a fragment may hold
BODY_PX = 16            # the body text on a phone, as 公众号 articles set it
MAX_PX = 20             # no text larger: a title of 20 pt would be 27 px and run to four lines
PHONE_TITLE_EM = 16.0   # a title's measure on a phone: about 340 px of text at 20 px


class Images(ABC):
    """Where a fragment's pictures are: `picture(path)` and `qr(url)` give each one's src."""

    @abstractmethod
    def picture(self, path: Path) -> str:
        """The src of a picture of an article."""

    @abstractmethod
    def qr(self, url: str) -> str:
        """The src of the QR code of `url`."""


class Look:
    """Inline styles of the template's styles, for a phone."""

    def __init__(self, template: Template):
        self.t = template
        self.primary = color(template, "primary")
        self.accent = color(template, "accent")
        self.body_font = template.styles["body"].font
        self._cache: dict[tuple, str] = {}

    def px(self, points: float) -> int:
        return round(min(MAX_PX, points / self.t.styles["body"].size * BODY_PX))

    def style(self, key: str, *, extra: str = "") -> str:
        """A block's inline style; the font only where it is not the fragment's own (the body's)."""
        k = (key, extra)
        if k not in self._cache:
            st = self.t.styles[key]
            out = [] if st.font == self.body_font else [f"font-family: {font_stack(self.t, st.font)}"]
            out.append(f"font-size: {self.px(st.size)}px")
            if st.bold:
                out.append("font-weight: bold")
            c = color(self.t, st.color)
            if c != "#000000":
                out.append(f"color: {c}")
            out.append(f"line-height: {max(1.5, min(st.leading, 1.9)):.3g}")
            out.append(f"text-align: {st.align if st.align in ('center', 'right', 'justify') else 'left'}")
            if st.first_indent:
                out.append(f"text-indent: {st.first_indent:g}em")
            if st.left_indent:
                out.append(f"padding-left: {st.left_indent:g}em")
            if "margin" not in extra:
                out.append(f"margin: {self.px(st.space_before) if st.space_before else 0}px 0 "
                           f"{max(self.px(st.space_after), 12)}px")
            if extra:
                out.append(extra)
            self._cache[k] = "; ".join(out)
        return self._cache[k]

    def run(self, text: str, key: str) -> str:
        """A run-in lead: bold where its level is bold or set in another face than the text (a phone
        rarely has 楷体, and the level must still show)."""
        st = self.t.styles[key]
        tag = "strong" if st.bold or st.font != self.body_font else "span"
        return el(tag, esc(text), style=self.lead(key))

    def lead(self, key: str) -> str | None:
        """A run-in lead (（一）、1.) in its level's face and weight, at the paragraph's size."""
        st = self.t.styles[key]
        out = [] if st.font == self.body_font else [f"font-family: {font_stack(self.t, st.font)}"]
        c = color(self.t, st.color)
        if c != "#000000":
            out.append(f"color: {c}")
        return "; ".join(out)


def p(look: Look, key: str, inner: str, extra: str = "") -> str:
    return el("p", inner, style=look.style(key, extra=extra))


def article(a, look: Look, images: Images, column_label: bool = True) -> str:
    """One article as a fragment: its column label, 编者按 box, title, 文号, text, QR code, source."""
    head = a.head
    out = []
    if column_label and head.column_start is not None:
        band = (f"display: inline-block; background: {look.primary}; color: #FFFFFF; padding: 2px 12px; "
                f"font-family: {font_stack(look.t, look.t.styles['column_label'].font)}; letter-spacing: 3px; "
                f"font-size: {look.px(look.t.styles['column_label'].size) - 2}px")
        out.append(el("p", el("span", esc(head.column_start.name), style=band),
                      style=f"margin: 0 0 16px; border-bottom: 2px solid {look.primary}; line-height: 1.6"))
    if head.note is not None:
        inner = p(look, "editor_note_label", el("strong", esc(head.note.label)), "margin: 0 0 4px")
        inner += "".join(p(look, "editor_note", esc(t), "margin: 0 0 6px") for t in head.note.paragraphs)
        out.append(el("section", inner, style=f"background: {tint(look.primary, 0.07)}; border-left: 3px solid "
                                             f"{look.primary}; padding: 10px 14px; margin: 0 0 18px"))
    out.append(p(look, "title", el("strong", lines(phone_lines(head.title.own)))))
    for para in (head.doc_number, head.addressee):
        if para is not None:
            out.append(paragraph(para, look, images))
    for e in a.body:
        if isinstance(e, C.Paragraph):
            out.append(paragraph(e, look, images))
        elif isinstance(e, C.LinkQR):
            out.append(qr(e, look, images))
        elif isinstance(e, C.Table):
            out.append(table(e, look))
        elif isinstance(e, C.Image):
            out.append(picture(e, look, images))
    return el("section", "".join(out), style=f"font-family: {font_stack(look.t, look.body_font)}; font-size: "
                                             f"{BODY_PX}px; color: #222222; letter-spacing: 0.5px")


def phone_lines(own: list[str]) -> list[str]:
    """A title's lines broken between words for a phone's measure: the 公众号 editor keeps no
    <wbr>, and a phone would break a title anywhere (总局 alone on a line)."""
    return [part for line in own for part in set_lines(line, PHONE_TITLE_EM)]


def paragraph(e: C.Paragraph, look: Look, images: Images) -> str:
    if is_heading(e):
        text = el("strong", esc(e.text)) if not look.t.styles[e.style].bold else esc(e.text)
        out = p(look, e.style, text)
    else:
        inner = "".join(look.run(r.text, r.style) if r.style and r.style != e.style else esc(r.text)
                        for r in e.runs if r.text)
        out = p(look, e.style, inner)
    if e.beside is not None:
        out += qr(e.beside, look, images)       # on a phone the code goes under the paragraph
    return out


def qr(q: C.LinkQR, look: Look, images: Images) -> str:
    img = f'<img{attrs(src=images.qr(q.url), alt=f"二维码：{q.url}", style="width: 120px; height: 120px")}>'
    caption = f"{esc(q.caption[0])} {esc(q.caption[1])}<br>{esc(q.url)}"
    return (el("p", img, style="text-align: center; margin: 8px 0 0")
            + el("p", caption, style=f"text-align: center; font-size: 13px; line-height: 1.5; color: {look.primary}; "
                                     f"margin: 2px 0 14px; word-break: break-all"))


def table(t: C.Table, look: Look) -> str:
    """A table as rows of text: the 公众号 editor keeps no table styles that survive a phone."""
    if not t.rows:
        return ""
    rows = []
    for ri, row in enumerate(t.rows):
        cells = "　|　".join(esc(c) for c in row)
        rows.append(el("p", el("strong", cells) if ri == 0 else cells,
                       style=f"margin: 0; padding: 6px 8px; font-size: 14px; line-height: 1.6; border-bottom: 1px "
                             f"solid #DDDDDD; background: {tint(look.primary, 0.07) if ri == 0 else '#FFFFFF'}"))
    return el("section", "".join(rows), style="border: 1px solid #CCCCCC; margin: 12px 0 16px")


def picture(e: C.Image, look: Look, images: Images) -> str:
    alt = e.caption or f"插图：{e.path.stem}"
    img = f'<img{attrs(src=images.picture(e.path), alt=alt, style="max-width: 100%; height: auto")}>'
    out = el("p", img, style="text-align: center; margin: 12px 0 4px")
    if e.caption:
        out += p(look, "link_caption", esc(e.caption))
    return out


def issue(view: IssueView, comp: C.Composition, look: Look, images: Images,
          articles: list[str] | None = None) -> str:
    """The whole issue as one fragment: masthead, 本期要目 (as text), the articles (their fragments,
    when already made), the back."""
    t = comp.template
    parts = [el("p", el("strong", esc(comp.title)),
                style=f"font-family: {font_stack(t, 'title')}; font-size: 26px; color: {look.primary}; "
                      f"text-align: center; letter-spacing: 4px; margin: 0 0 4px"),
             el("p", esc(comp.issue_line), style=f"text-align: center; font-size: 14px; color: #555555; "
                                                 f"margin: 0 0 16px; padding-bottom: 8px; border-bottom: 2px solid "
                                                 f"{look.primary}")]
    if view.contents is not None:
        toc = [p(look, "toc_column", el("strong", esc(view.contents.heading)), "text-align: center")]
        for name, entries in view.contents.groups:
            toc.append(el("p", el("span", esc(name), style=f"background: {look.primary}; color: #FFFFFF; "
                                                           f"padding: 1px 10px; letter-spacing: 2px"),
                          style="margin: 12px 0 6px; font-size: 15px"))
            for entry in entries:
                note = f"<br>{el('span', esc(entry.note), style='font-size: 12px; color: #777777')}" if entry.note else ""
                toc.append(el("p", esc(entry.title) + note, style="font-size: 15px; line-height: 1.6; margin: 0 0 8px; "
                                                                "padding-left: 1em"))
        parts.append(el("section", "".join(toc), style="margin: 0 0 24px"))
    divider = el("p", "◆　◆　◆", style=f"text-align: center; color: {tint(look.primary, 0.45)}; margin: 24px 0")
    parts.append(divider.join(articles if articles is not None else
                              [article(a, look, images) for a in view.articles()]))
    back = view.back
    if back is not None and back.profiles:
        inner = []
        for prof in back.profiles:
            inner.append(p(look, "back_title", el("strong", esc(prof.name))))
            inner += [p(look, "back_body", esc(x)) for x in prof.paragraphs]
        parts.append(divider + el("section", "".join(inner)))
    if view.colophon is not None and view.colophon.disclaimer:
        parts.append(el("p", esc(view.colophon.disclaimer), style="font-size: 12px; color: #777777; line-height: 1.6; "
                                                                  "margin: 24px 0 0"))
    return el("section", "".join(parts), style=f"font-family: {font_stack(t, look.body_font)}; font-size: {BODY_PX}px; "
                                              "color: #222222")


def plain(a) -> str:
    """The article as plain text, for the clipboard's text/plain beside its HTML."""
    head = a.head
    out = []
    if head.note is not None:
        out.append(head.note.label + "：" + "\n".join(head.note.paragraphs))
    out.append("\n".join(head.title.own))
    for para in (head.doc_number, head.addressee):
        if para is not None:
            out.append(para.text)
    for e in a.body:
        if isinstance(e, C.Paragraph):
            out.append(e.text)
            if e.beside is not None:
                out.append(f"{''.join(e.beside.caption)}：{e.beside.url}")
        elif isinstance(e, C.LinkQR):
            out.append(f"{''.join(e.caption)}：{e.url}")
        elif isinstance(e, C.Table):
            out += ["\t".join(r) for r in e.rows]
        elif isinstance(e, C.Image) and e.caption:
            out.append(e.caption)
    return "\n\n".join(out) + "\n"
