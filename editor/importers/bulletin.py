"""A whole bulletin's text → an Issue.

Reads the issue line (2023年7月21日 第29期 总第140期), the cover headline, the
contents (本期要目: columns, page numbers and titles), then walks the body:
each 编者按 belongs to the article whose title follows it, an article runs to
the next 编者按 or title, and the organisation profiles at the back are left to
the template. Titles are found by matching the contents entries while ignoring
spaces, line breaks and bracket width; where there are no contents, by the
shape of the lines.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BulletinError, ImportError_
from ..model import Article, Column, Issue
from ..conventions import match_note_label, parse_source
from .cleanup import Notes, Unit, chrome_kind, ends_sentence, normalise_line, repeated_furniture, tidy
from .paragraphs import wrap_width
from .structure import build_article, doc_number, find_title, split_title

# 2023年7月21日 第29期 总第140期; a weekly digest dates its issue by the week it covers:
# 2023年2月6日-2月12日 第6期 (the issue's date is the range's last day)
ISSUE_LINE_RE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"(?:\s*[-—–－~～至]\s*(?:(?P<y2>\d{4})\s*年\s*)?(?:(?P<m2>\d{1,2})\s*月\s*)?(?P<d2>\d{1,2})\s*日)?"
    r"\s*[，,]?\s*第\s*(\d{1,4})\s*期"
    r"(?:\s*[（(]?\s*总\s*第\s*(\d{1,5})\s*期\s*[)）]?)?")
CONTENTS_LABELS = ("本期要目", "本期目录", "目录", "要目")
_ENTRY_START = re.compile(r"^(?:[-•·*]\s*)?(?P<page>\d{1,3})\s+(?P<title>\S.*)$")
_ENTRY_END = re.compile(r"^(?:[-•·*]\s*)?(?P<title>\S.*?)\s*(?:[.．…·]{2,}\s*|\s+)(?P<page>\d{1,3})$")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.&'’()\-]{5,}$")
_PUNCT = "。，；：、,.;:!?！？"
_SPACED_LATIN = re.compile(r"^[A-Z](?: [A-Z])+$")


def norm_title(text: str) -> str:
    """A title reduced for matching: no spaces or breaks, one bracket width, no quotes."""
    t = re.sub(r"\s+", "", text)
    t = t.translate(str.maketrans("()[]<>:,", "（）［］《》：，"))
    return re.sub(r"[“”\"'‘’·]", "", t)


@dataclass
class Entry:
    """One line of the contents."""

    column: str
    title: str
    page: int | None = None
    matched: bool = False


@dataclass
class _Draft:
    entry: Entry | None
    title_lines: list[str]
    note: list[Unit] = field(default_factory=list)
    body: list[Unit] = field(default_factory=list)
    line: int = 0


def _is_note_label(text: str) -> str | None:
    """The 编者按 label: None if not one, else the text after it on the same line."""
    label = match_note_label(text)
    return text[label.end:].strip() if label else None


def parse_contents(lines: list[tuple[int, str]], start: int, known_columns: list[str], masthead: str = ""
                   ) -> tuple[list[Entry], int]:
    """Entries of the contents starting at `start`; and the index where the contents end."""
    entries: list[Entry] = []
    column = ""
    # Contents as this program typesets them (and pdftotext reads them back): a title on one or
    # two lines, its 文号 and 来源 on lines of their own, the page numbers on separate lines.
    laid_out = any(parse_source(t) for _, t in lines[start:start + 40])
    open_entry = False            # the last entry's title may continue on the next line
    i = start
    while i < len(lines):
        _, t = lines[i]
        if _is_note_label(t) is not None:
            break
        if entries and any(norm_title(t) == norm_title(e.title) for e in entries):
            break  # an article without 编者按 starts right after the contents
        m = _ENTRY_START.match(t) or _ENTRY_END.match(t)
        if laid_out and (_SPACED_LATIN.match(t) or ISSUE_LINE_RE.fullmatch(t)):
            pass                  # C O N T E N T S / the issue line under the heading
        elif laid_out and t == masthead:
            break                 # the next page's running header: the contents are over
        elif laid_out and re.fullmatch(r"\d{1,3}", t):
            waiting = next((e for e in entries if e.page is None), None)
            if waiting is not None:
                waiting.page = int(t)
        elif laid_out and (parse_source(t) or doc_number(t)):
            open_entry = False
        elif m and not ends_sentence(t):
            entries.append(Entry(column, m.group("title").strip(), int(m.group("page"))))
            open_entry = True
        elif t in known_columns or (len(t) <= 8 and not re.search(rf"[\d{_PUNCT}]", t)):
            column = t
            open_entry = False
        elif entries and open_entry and len(t) <= 40 and not ends_sentence(t):
            entries[-1].title += t   # an entry broken across two lines
        elif laid_out and not ends_sentence(t) and len(t) <= 80:
            entries.append(Entry(column, t))
            open_entry = True
        else:
            break
        i += 1
    return entries, i


def _match_title(units: list[Unit], i: int, entries: list[Entry]) -> tuple[int, Entry] | None:
    """(number of lines, entry) when the lines at `i` are the title of a not yet seen entry."""
    pending = [e for e in entries if not e.matched]
    if not pending:
        return None
    joined = ""
    for k in range(min(4, len(units) - i)):
        joined += norm_title(units[i + k].text)
        for e in pending:
            if norm_title(e.title) == joined:
                return k + 1, e
        if not any(norm_title(e.title).startswith(joined) for e in pending):
            return None
    return None


def _is_back_matter(units: list[Unit], i: int, profile_names: set[str]) -> bool:
    """An organisation profile: a known name, or a short name followed by its English name."""
    t = units[i].text
    if t in profile_names:
        return True
    nxt = units[i + 1].text if i + 1 < len(units) else ""
    return len(t) <= 30 and not re.search(f"[{_PUNCT}]", t) and bool(_LATIN_NAME.match(nxt))


def _heuristic_title(units: list[Unit], i: int) -> int:
    """Title lines at `i` found by shape alone (no contents to match)."""
    n = find_title(units[i:i + 5])
    if n and len("".join(u.text for u in units[i:i + n])) <= 80:
        return n
    return 0


def bulletin_from_text(text: str, name: str, template_id: str = "big-data-weekly",
                       start: Path | None = None) -> Issue:
    """The issue in a bulletin's text; ImportError_ naming the file when it is not one."""
    raw = [(n, normalise_line(line)) for n, line in enumerate(text.split("\n"), 1)]
    lines = [(n, t) for n, t in raw if t]
    head = next((k for k, (_, t) in enumerate(lines) if ISSUE_LINE_RE.search(t)), None)
    if head is None:
        raise ImportError_(f"{name}：找不到期号行（例如“2023年7月21日 第29期 总第140期”），不像是一期简报的全文")
    m = ISSUE_LINE_RE.search(lines[head][1])
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if m.group("d2"):
        year, month, day = int(m.group("y2") or year), int(m.group("m2") or month), int(m.group("d2"))
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise ImportError_(f"{name}:{lines[head][0]}：期号行中的日期无效：{m.group(0)}") from None
    number = int(m.group(7))
    total = int(m.group(8)) if m.group(8) else number
    issue_notes: list[str] = [] if m.group(8) else [f"第 {lines[head][0]} 行的期号行没有总期号，暂按期号填写，请核对"]
    if m.group("d2"):
        issue_notes.append(f"期号行写的是一段日期（{m.group(0).split('第')[0].strip()}），本期日期取其最后一天：{date.isoformat()}")

    from . import article_id_from_title   # the package imports this module lazily: no cycle at load time
    template = None
    try:
        from ..template import load_template
        template = load_template(template_id, start=start)
    except BulletinError as exc:
        issue_notes.append(f"未能读取模板“{template_id}”（{exc.args[0]}），栏目按本期要目建立")
    known_columns = [c.name for c in template.columns] if template else []
    profile_names = {p.name for p in template.back_matter} if template else set()
    masthead = template.publication.title if template else ""

    cover_line = ""
    for _, t in lines[head + 1:head + 3]:
        if t == masthead or ISSUE_LINE_RE.search(t) or t in CONTENTS_LABELS:
            break
        cover_line += t

    toc = next((k for k in range(head, len(lines)) if lines[k][1] in CONTENTS_LABELS), None)
    entries: list[Entry] = []
    body_start = head + 1
    if toc is not None:
        entries, body_start = parse_contents(lines, toc + 1, known_columns, masthead)
    else:
        body_start = next((k for k in range(head, len(lines)) if _is_note_label(lines[k][1]) is not None),
                          head + 1)
        issue_notes.append("没有找到“本期要目”，文章标题按版式推断，栏目请核对")

    # Each page's running header (masthead, issue line), its page number and the column banners
    # are the layout's, not an article's.
    banners = {masthead, *known_columns, *(e.column for e in entries)} - {""}
    units = _body_units(raw, lines[body_start][0] if body_start < len(lines) else len(raw) + 1,
                        lambda t: t in banners or bool(ISSUE_LINE_RE.fullmatch(t)) or chrome_kind(t) == "page")
    drafts, back_line = _split_articles(units, entries, profile_names)
    if not drafts:
        raise ImportError_(f"{name}：找到了期号行，但没有找到任何文章（编者按或与本期要目一致的标题）")
    if back_line:
        issue_notes.append(f"第 {back_line} 行起的机构简介按模板排版，未作为文章导入")

    furniture = repeated_furniture([u for d in drafts for u in d.body])
    wrap = wrap_width([u for d in drafts for u in d.note + d.body if u.text not in furniture])
    columns: dict[str, Column] = {}
    order = [e.column for e in entries]
    default_column = order[0] if order else (known_columns[0] if known_columns else "文章")
    articles: list[tuple[str, Article]] = []
    per_article_notes: list[str] = []
    for k, d in enumerate(drafts, 1):
        notes = Notes()
        body = tidy(d.body, notes, furniture=furniture)
        note = tidy(d.note, notes, furniture=furniture)
        # An article set in another size or measure wraps at its own width; short ones use the issue's.
        own = wrap_width([u for u in d.note + d.body if u.text not in furniture])
        art = build_article(body, notes, title_lines=d.title_lines, editor_note=note, wrap=own or wrap)
        art.id = f"{k:02d}-{article_id_from_title(art.title)}"
        if d.entry is not None and norm_title(d.entry.title) != norm_title(art.display_title):
            art.toc_title = d.entry.title
        column = d.entry.column if d.entry and d.entry.column else (
            articles[-1][0] if articles else default_column)
        articles.append((column, art))
        msgs = notes.messages()
        if msgs:
            per_article_notes.append(f"{art.id}（第 {d.line} 行起）：" + "；".join(msgs))
    for column, art in articles:
        columns.setdefault(column, Column(column)).articles.append(art)
    missing = [e.title for e in entries if not e.matched]
    for t in missing:
        issue_notes.append(f"本期要目中的“{t}”在正文中没有找到")

    issue = Issue(template_id=template.id if template else template_id, date=date, number=number,
                  total_number=total, columns=list(columns.values()))
    if cover_line:
        cover = next((a for _, a in articles if norm_title(a.display_title) == norm_title(cover_line)), None)
        if cover is not None:
            issue.cover = cover.id
        else:
            issue.cover_text = cover_line
    issue.import_notes = issue_notes + per_article_notes  # type: ignore[attr-defined]
    return issue


def _body_units(raw: list[tuple[int, str]], first_line: int, layout=lambda t: False) -> list[Unit]:
    units: list[Unit] = []
    gap = True
    page_break = False     # a page's footer and the next one's header: not a paragraph break by itself
    for n, t in raw:
        if n < first_line:
            continue
        if t and layout(t):
            page_break, gap = True, False
            continue
        if not t:
            gap = gap or not page_break
            continue
        page_break = False
        units.append(Unit(t, gap, line=n))
        gap = False
    return units


def _split_articles(units: list[Unit], entries: list[Entry], profile_names: set[str]
                    ) -> tuple[list[_Draft], int]:
    """Articles (with their 编者按) in body order, and the line where the back matter starts (0: none)."""
    drafts: list[_Draft] = []
    findable = _findable_entries(units, entries)
    note: list[Unit] | None = None
    note_line = 0
    i = 0
    while i < len(units):
        u = units[i]
        rest = _is_note_label(u.text)
        if rest is not None:
            note, note_line = [], u.line
            if rest:
                note.append(Unit(rest, True, line=u.line))
            i += 1
            continue
        found = _match_title(units, i, entries)
        if found is None and note is None and drafts and _is_back_matter(units, i, profile_names):
            return drafts, u.line
        if found is None and _starts_article(drafts, note, units, i) and not _next_is_findable(entries, findable):
            # A title the contents give differently: found by its shape, given the next entry in page order.
            n = _heuristic_title(units, i)
            if n:
                found = (n, _next_entry(entries))
        if found is not None:
            n, entry = found
            if entry is not None:
                entry.matched = True
            lines = [x.text for x in units[i:i + n]]
            title_lines = split_title(lines[0]) if n == 1 else lines
            drafts.append(_Draft(entry, title_lines, note or [], [], note_line or u.line))
            note, note_line = None, 0
            i += n
            continue
        if note is not None:
            note.append(u)
        elif drafts:
            drafts[-1].body.append(u)
        i += 1
    return drafts, 0


def _findable_entries(units: list[Unit], entries: list[Entry]) -> set[int]:
    """Indexes of the entries whose title occurs somewhere in the body as lines of their own."""
    found: set[int] = set()
    if not entries:
        return found
    for i in range(len(units)):
        m = _match_title(units, i, entries)
        if m is not None:
            found.add(entries.index(m[1]))
    return found


def _next_is_findable(entries: list[Entry], findable: set[int]) -> bool:
    nxt = _next_entry(entries)
    return nxt is not None and entries.index(nxt) in findable


def _next_entry(entries: list[Entry]) -> Entry | None:
    pending = [e for e in entries if not e.matched]
    if not pending:
        return None
    return min(pending, key=lambda e: (e.page if e.page is not None else 10_000, entries.index(e)))


def _starts_article(drafts: list[_Draft], note: list[Unit] | None, units: list[Unit], i: int) -> bool:
    """Without contents: a title may follow a 编者按 or the source line that ends an article."""
    if note:
        return ends_sentence(note[-1].text)
    if drafts and drafts[-1].body:
        return parse_source(drafts[-1].body[-1].text) is not None
    return not drafts       # a digest without 编者按: its first title opens the first article
