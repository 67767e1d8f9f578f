"""The front and back of the issue as laid out: contents entries with their notes, the cover's
guide, the editors' grid and the back matter with its logos."""

from __future__ import annotations

from ..conventions import is_cjk, parse_source
from ..model import Article, ColophonEntry, Issue, Profile
from ..template import Template
from .elements import BackProfile, ColophonRow, ContentsEntry
from .measure import own_lines, text_width

# The editors' page, in points and ems of the names' style: the list starts 12 % in from the left,
# leaves 6 % at the right and 2 em between roles and names; a name takes three characters' cell
# with 1.5 em between cells.
COLOPHON_LEFT, COLOPHON_RIGHT, ROLE_GAP_EM = 0.12, 0.06, 2.0
CELL_EM, GAP_EM = 3.0, 1.5
PAD = "\u3000"


def contents_note(article: Article) -> str:
    """The small line under a contents entry: the article's 文号 and its source, 来源：机构."""
    parts = []
    if article.doc_number:
        parts.append(article.doc_number.strip())
    source = parse_source(article.source.text) if article.source is not None else None
    if source is not None and source.issuer:
        parts.append(f"来源：{source.issuer}")
    return "　".join(parts)


def contents_entry(article: Article) -> ContentsEntry:
    """How the contents name an article; a long contents title breaks where the article's own
    title does, when it is just those lines joined."""
    own = own_lines(article.title)
    title = article.contents_title
    same = len(own) > 1 and "".join(own).replace(" ", "") == title.replace(" ", "")
    return ContentsEntry(article.id, title, own if same else None, contents_note(article))


def guide(groups: list[tuple[str, list[ContentsEntry]]], headline_article: str | None
          ) -> list[tuple[str, list[ContentsEntry]]]:
    """The cover's guide: the issue's articles by column, without the one its headline announces."""
    out = [(name, [x for x in entries if x.article_id != headline_article]) for name, entries in groups]
    return [(name, entries) for name, entries in out if entries]


def is_short_name(name: str) -> bool:
    """A person's name of two to four Chinese characters: set in the grid."""
    return 2 <= len(name) <= 4 and all(is_cjk(ch) for ch in name)


def padded(name: str) -> str:
    """A two-character name spread over a three-character cell, as names are set in Chinese lists."""
    return name[0] + PAD + name[1] if len(name) == 2 else name


def colophon_layout(entries: list[ColophonEntry], template: Template) -> tuple[float, int, list[ColophonRow]]:
    """The roles' width (in their ems), how many names a grid line holds, and each role's lines."""
    role_st, name_st = template.styles["colophon_role"], template.styles["colophon_name"]
    em = name_st.size
    width = text_width(template)
    role_em = float(max(4, max((len(e.role) for e in entries), default=4)))
    names_x = width * COLOPHON_LEFT + role_st.size * role_em + ROLE_GAP_EM * em
    names_w = width - names_x - width * COLOPHON_RIGHT
    per_row = max(1, int((names_w + GAP_EM * em) // ((CELL_EM + GAP_EM) * em)))
    rows = []
    for e in entries:
        if all(is_short_name(n) for n in e.names):
            names = [padded(n) for n in e.names]
            rows.append(ColophonRow(e.role, list(e.names), True,
                                    [names[k:k + per_row] for k in range(0, len(names), per_row)]))
        else:
            rows.append(ColophonRow(e.role, list(e.names), False, [[n] for n in e.names]))
    return role_em, per_row, rows


def back_profiles(profiles: list[Profile], template: Template) -> list[BackProfile]:
    """The profiles at the back, each logo as a file next to the template."""
    return [BackProfile(p.name, p.english_name, list(p.paragraphs), (template.folder / p.logo) if p.logo else None)
            for p in profiles]


def contents_groups(issue: Issue) -> list[tuple[str, list[ContentsEntry]]]:
    return [(c.name, [contents_entry(a) for a in c.articles]) for c in issue.columns if c.articles]
