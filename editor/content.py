"""Issue folders on disk ↔ the Issue model.

`load_issue(folder)` reads issue.toml and every article file, or raises a
ContentError listing every problem with its file and line: nothing is loaded
half-way. `save_issue(issue, folder)` writes atomically; a file whose content
did not change keeps its bytes exactly, so an unchanged issue saves
byte-identical.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from dataclasses import field
from pathlib import Path
from typing import Any

import tomli_w

from .body import format_body, parse_body
from .errors import ContentError, Problem, os_reason, toml_error_location
from .fields import FRONT_FIELDS, FRONT_KEYS
from .model import Article, ColophonEntry, Column, Issue, Location, Profile
from .paths import JOURNAL, clean_stale_temps, commit_files, recover, target_of_temp, temp_path
from .safeio import ReadRefused, read_file
from .records import record

ISSUE_FILE = "issue.toml"
ARTICLES_DIR = "articles"
FRONT_MATTER = "+++"
ARTICLE_KEYS = FRONT_KEYS        # the front matter's keys, from the article field table
ISSUE_KEYS = ("template", "date", "number", "total_number", "cover", "cover_text", "omit_columns",
              "disclaimer", "colophon", "back_matter", "columns")
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_NUMBER = 999_999                 # 期号 and 总期号: a weekly reaches 1,000 in twenty years
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(9998, 12, 31)   # room for the next issue's date
_ID_RE = re.compile(r"^[^\\/:*?\"<>|\x00-\x1f]+$")
# Characters no text holds and XML (DOCX) cannot carry: C0 controls but tab, line feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@record
class Origin:
    """What a file held when it was loaded, so that an unchanged file is not rewritten."""

    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # rel path → (bytes, canonical text)
    folder: Path | None = None


def _origin(issue: Issue) -> Origin:
    origin = getattr(issue, "_origin", None)
    if origin is None:
        origin = Origin()
        issue._origin = origin  # type: ignore[attr-defined]
    return origin


def _did_you_mean(key: str, known) -> str:
    import difflib   # only for this message: not imported at every start-up

    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.7)
    return f"（是不是“{close[0]}”？）" if close else ""


def tomli_repr(value: Any) -> str:
    """A value as it reads in TOML, for messages: "29" with its quotes, 29 without."""
    text = f'"{value}"' if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"      # a pasted page is not repeated in the message


def issue_folder(issue: Issue) -> Path | None:
    """The folder `issue` was loaded from or last saved to; None for an issue made in memory."""
    origin = getattr(issue, "_origin", None)
    return origin.folder if origin is not None else None


# ---------------------------------------------------------------- reading

_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
MAX_COLUMN_NAME = 20    # 国策要论: a column's name is set in one line of the cover's guide and of each column band
MAX_LINK_BYTES = 2000   # what a QR code (level M, version 40: 2,331 bytes) surely holds; writers draw one per link
MAX_ID_BYTES = 200      # articles/<id>.md must fit the 255-byte file names of every file system


def article_id_problem(article_id: str) -> str | None:
    """Why `article_id` cannot name an article file (Chinese), or None."""
    if not article_id or not _ID_RE.match(article_id) or article_id.startswith(".") or article_id != article_id.strip():
        return f"文章编号“{article_id[:40]}”含有不能用于文件名的字符"
    if article_id.split(".")[0].upper() in _WINDOWS_RESERVED:
        return f"文章编号“{article_id}”是 Windows 保留的设备名，不能用作文件名"
    size = len(article_id.encode("utf-8"))
    if size > MAX_ID_BYTES:
        return (f"文章编号“{article_id[:20]}…”过长（{size} 字节）：文件名最多 {MAX_ID_BYTES} 字节，"
                f"约 {MAX_ID_BYTES // 3} 个汉字")
    return None


def _read_text(path: Path, rel: str, problems: list[Problem]) -> tuple[bytes, str] | None:
    """The bytes and normalised text of one file of the issue, or None with its problem appended
    (a missing file's problem says 文件不存在: load_issue replaces it with the manifest's line)."""
    try:
        data = read_file(path, MAX_FILE_BYTES, "文件")
    except ReadRefused as exc:
        problems.append(Problem(rel, None, "文件不存在" if exc.missing else f"无法读取（{exc.reason}）"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        problems.append(Problem(rel, line, "不是 UTF-8 编码的文本（请用 UTF-8 保存）"))
        return None
    if _control_problem(text, rel, problems):
        return None
    return data, text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _control_problem(text: str, rel: str, problems: list[Problem]) -> bool:
    """Whether `text` holds a character no text holds (said with its line in `problems`)."""
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        problems.append(Problem(rel, line, "含有二进制内容（NUL 字符），不是文本文件" if bad.group() == "\x00" else
                                f"含有控制字符 U+{ord(bad.group()):04X}（不是文字，可能是复制时带进来的），请删去"))
    return bad is not None


def _key_line(text: str, key: str, first_line: int = 1) -> int:
    """The line of `key = …` in `text` (as re.search(rf"^[ \\t]*{key}[ \\t]*=", text, re.M) finds
    it, without compiling a pattern for every key at every load)."""
    for n, line in enumerate(text.split("\n")):
        rest = line.lstrip(" \t")
        if rest.startswith(key) and rest[len(key):].lstrip(" \t").startswith("="):
            return first_line + n
    return first_line


def split_front_matter(text: str, rel: str, problems: list[Problem]) -> tuple[str, str, int] | None:
    """(front matter, body, line on which the body starts) of an article file."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER:
        problems.append(Problem(rel, 1, f"文章文件应以一行“{FRONT_MATTER}”开头，后接标题等信息"))
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() == FRONT_MATTER:
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    problems.append(Problem(rel, 1, f"文章开头的信息区没有结束：缺少第二行“{FRONT_MATTER}”"))
    return None


def parse_article(text: str, article_id: str, rel: str, problems: list[Problem]) -> Article | None:
    """An Article from the text of its file; problems are appended, not raised."""
    if _control_problem(text, rel, problems):
        return None
    split = split_front_matter(text, rel, problems)
    if split is None:
        return None
    fm_text, body_text, body_line = split
    try:
        fm = tomllib.loads(fm_text)
    except tomllib.TOMLDecodeError as exc:
        line, msg = toml_error_location(exc, fm_text)
        problems.append(Problem(rel, (line + 1) if line else 2, msg))
        return None
    before = len(problems)
    for key, value in fm.items():        # TOML escapes (\u0000) bring in what the file check never saw
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(t, str) and _CONTROL.search(t) for t in texts):
            problems.append(Problem(rel, _key_line(fm_text, key, 2), f"“{key}”含有控制字符（如 \\u0000），请删去"))
    locs: dict[str, Location] = {}
    for key in fm:
        if key not in ARTICLE_KEYS:
            problems.append(Problem(rel, _key_line(fm_text, key, 2),
                                    f"未知的键“{key}”{_did_you_mean(key, ARTICLE_KEYS)}；可用的键：{'、'.join(ARTICLE_KEYS)}"))
    for key in ARTICLE_KEYS:
        if key in fm:
            locs[key] = Location(rel, _key_line(fm_text, key, 2), 1)
    values: dict[str, Any] = {}
    for f in FRONT_FIELDS:
        if f.name not in fm:
            continue
        line = locs[f.name].line
        fail = (lambda msg: None) if f.required else (lambda msg, line=line: problems.append(Problem(rel, line, msg)))
        values[f.name] = f.from_toml(fm[f.name], fail)
    link = values.get("link")
    if isinstance(link, str) and len(link.encode("utf-8")) > MAX_LINK_BYTES:
        problems.append(Problem(rel, locs["link"].line, f"原文链接过长（{len(link.encode('utf-8'))} 字节）：印在文末的"
                                f"二维码最多容纳 {MAX_LINK_BYTES} 字节，请换用较短的链接"))
    if not values.get("title"):     # missing, empty or not text: one message says how to write it
        problems.append(Problem(rel, locs["title"].line if "title" in locs else 2,
                                "缺少标题：应写 title = \"标题\"，分行的标题写成 [\"第一行\", \"第二行\"]"))
        values["title"] = ""
    parsed = parse_body(body_text, rel, body_line)
    for line, msg in parsed.problems:
        problems.append(Problem(rel, line, msg))
    if len(problems) > before:
        return None
    values = {k: v for k, v in values.items() if v is not None}
    return Article(id=article_id, **values, editor_note=parsed.editor_note, body=parsed.blocks,
                   source=parsed.source, path=rel, field_locs=locs)


def load_issue(folder: str | os.PathLike) -> Issue:
    """The issue in `folder`, or ContentError naming every problem."""
    root = Path(folder)
    problems: list[Problem] = []
    if not root.is_dir():
        raise ContentError(f"找不到期刊文件夹：{root}")
    try:
        recover(root, (ARTICLES_DIR,))     # a save a kill interrupted is finished before anything is read
    except OSError as exc:
        raise ContentError(f"无法打开本期：{root}", [Problem(exc.filename and Path(exc.filename).name or JOURNAL, None,
                           f"上次保存没有完成，现在也无法完成（{os_reason(exc)}）；请检查文件夹的写入权限后重试")]) from None
    read = _read_text(root / ISSUE_FILE, ISSUE_FILE, problems)
    if read is None:
        raise ContentError(f"无法打开本期：{root}", problems)
    raw, text = read
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, msg = toml_error_location(exc, text)
        raise ContentError(f"无法打开本期：{root}", [Problem(ISSUE_FILE, line, msg)]) from None

    def fail(key: str, msg: str) -> None:
        problems.append(Problem(ISSUE_FILE, _key_line(text, key), msg))

    for key in data:
        if key not in ISSUE_KEYS:
            fail(key, f"未知的键“{key}”{_did_you_mean(key, ISSUE_KEYS)}；可用的键：{'、'.join(ISSUE_KEYS)}")
        elif _holds_control(data[key]):      # a TOML escape (\u0000) the file check never saw
            fail(key, f"“{key}”含有控制字符（如 \\u0000），请删去")
    template_id = data.get("template")
    if not isinstance(template_id, str) or not template_id.strip():
        wrote = "没有写" if template_id is None else f"写的是 {tomli_repr(template_id)}"
        fail("template", f"模板应为加双引号的模板目录名，例如 template = \"big-data-weekly\"（{wrote}）")
        template_id = ""
    date = data.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        fail("date", "缺少日期或写法不对：应写 date = 2023-07-21（不加引号）")
        date = dt.date(1970, 1, 1)
    elif not FIRST_DATE <= date <= LAST_DATE:
        fail("date", f"日期 {date.isoformat()} 超出范围（{FIRST_DATE.year} 年到 {LAST_DATE.year} 年之间）")
        date = dt.date(1970, 1, 1)
    numbers = {}
    for key, label, example in (("number", "期号", 29), ("total_number", "总期号", 140)):
        v = data.get(key)
        if not isinstance(v, int) or isinstance(v, bool) or not 1 <= v <= MAX_NUMBER:
            wrote = "没有写" if v is None else f"写的是 {tomli_repr(v)[:40]}"
            fail(key, f"{label}应为不加引号的正整数（1 到 {MAX_NUMBER}），例如 {key} = {example}（{wrote}）")
            v = 1
        numbers[key] = v

    pending: dict[str, bytes] = {}
    columns: list[Column] = []
    seen_ids: dict[str, str] = {}
    raw_columns = data.get("columns", [])
    if not isinstance(raw_columns, list):
        fail("columns", "栏目应写成 [[columns]] 表")
        raw_columns = []
    for i, c in enumerate(raw_columns, 1):
        if not isinstance(c, dict) or not isinstance(c.get("name"), str) or not c["name"].strip():
            fail("columns", f"第 {i} 个栏目缺少名称：name = \"国策要论\"")
            continue
        if len(c["name"].strip()) > MAX_COLUMN_NAME:
            at = text.find(c["name"])
            problems.append(Problem(ISSUE_FILE, text[:at].count("\n") + 1 if at >= 0 else _key_line(text, "columns"),
                                    f"栏目名“{c['name'].strip()[:20]}…”过长（{len(c['name'].strip())} 个字）：栏目名最多 "
                                    f"{MAX_COLUMN_NAME} 个字（它印在封面的本期导读和每页的栏目标签里）"))
        extra = set(c) - {"name", "articles"}
        if extra:
            fail("columns", f"栏目“{c['name']}”有未知的键：{'、'.join(sorted(extra))}")
        ids = c.get("articles", [])
        if not isinstance(ids, list) or not all(isinstance(x, str) for x in ids):
            fail("articles", f"栏目“{c['name']}”的 articles 应为文章编号的数组")
            ids = []
        column = Column(c["name"].strip())
        for article_id in ids:
            line = _key_line(text, "articles")
            at = text.find(f'"{article_id}"')
            if at >= 0:
                line = text[:at].count("\n") + 1
            why = article_id_problem(article_id)
            if why:
                problems.append(Problem(ISSUE_FILE, line, why))
                continue
            if article_id in seen_ids:
                problems.append(Problem(ISSUE_FILE, line,
                                        f"文章“{article_id}”在栏目“{seen_ids[article_id]}”中已经出现过"))
                continue
            seen_ids[article_id] = column.name
            rel = f"{ARTICLES_DIR}/{article_id}.md"
            got = _read_text(root / rel, rel, problems)
            if got is None:
                if problems[-1].message == "文件不存在":
                    problems[-1] = Problem(ISSUE_FILE, line, f"清单里的文章“{article_id}”找不到文件 {rel}")
                continue
            a_raw, a_text = got
            article = parse_article(a_text, article_id, rel, problems)
            if article is not None:
                column.articles.append(article)
                pending[rel] = a_raw
        columns.append(column)

    cover = data.get("cover")
    if cover is not None and (not isinstance(cover, str) or cover not in seen_ids):
        fail("cover", f"封面要闻“{cover}”不是本期的文章编号")
        cover = None
    issue = Issue(template_id=template_id, date=date, number=numbers["number"],
                  total_number=numbers["total_number"], columns=columns, cover=cover,
                  field_locs=_issue_locations(text, data, columns))
    _read_optional(issue, data, fail)
    if problems:
        raise ContentError(f"本期有 {len(problems)} 处无法读取，未打开：{root}", problems)
    origin = _origin(issue)
    origin.folder = root.resolve()
    origin.files[ISSUE_FILE] = (raw, render_issue_toml(issue))
    for a in issue.articles:
        origin.files[a.path] = (pending[a.path], render_article(a))
    return issue


def _issue_locations(text: str, data: dict[str, Any], columns: list[Column]) -> dict[str, Location]:
    """Where each key of issue.toml is; tables ([[columns]], [[colophon]]) by their first header,
    and each column by its name line (key "column:<name>"), so problems point at the right line."""
    locs = {k: Location(ISSUE_FILE, _key_line(text, k)) for k in data}
    for table in ("columns", "colophon", "back_matter"):
        m = re.search(rf"^[ \t]*\[\[\s*{table}\s*\]\]", text, re.M)
        if m:
            locs[table] = Location(ISSUE_FILE, text[:m.start()].count("\n") + 1)
    for column in columns:
        # [[columns]] tables and inline ones ({ name = "国策要论", articles = [] }, as `new` writes)
        m = re.search(rf'^[ \t]*(?:[{{][ \t]*)?name\s*=\s*"{re.escape(column.name)}"', text, re.M)
        if m:
            locs[f"column:{column.name}"] = Location(ISSUE_FILE, text[:m.start()].count("\n") + 1)
    return locs


def _read_optional(issue: Issue, data: dict[str, Any], fail) -> None:
    for key in ("cover_text", "disclaimer"):
        v = data.get(key)
        if v is not None and not isinstance(v, str):
            fail(key, f"“{key}”应为加双引号的文字")
        elif v is not None:
            setattr(issue, key, v)
    omit = data.get("omit_columns", [])
    if not isinstance(omit, list) or not all(isinstance(x, str) for x in omit):
        fail("omit_columns", "omit_columns 应为栏目名的数组")
    else:
        issue.omit_columns = list(omit)
    if "colophon" in data:
        entries = data["colophon"]
        if not isinstance(entries, list) or not all(
                isinstance(e, dict) and isinstance(e.get("role"), str) and _strings(e.get("names"))
                and set(e) <= {"role", "names"} for e in entries):
            fail("colophon", "[[colophon]] 每项应有 role = \"主编\" 和 names = [\"…\"]（文字数组），别无他键")
        else:
            issue.colophon = [ColophonEntry(e["role"], list(e["names"])) for e in entries]
    if "back_matter" in data:
        entries = data["back_matter"]
        keys = {"name", "english_name", "paragraphs", "logo"}
        if not isinstance(entries, list) or not all(
                isinstance(e, dict) and isinstance(e.get("name"), str) and set(e) <= keys
                and isinstance(e.get("english_name", ""), str) and isinstance(e.get("logo", ""), str)
                and _strings(e.get("paragraphs", [])) for e in entries):
            fail("back_matter", "[[back_matter]] 每项应有 name = \"机构名\"，可有 english_name、logo（文字）"
                                "和 paragraphs（文字数组）")
        elif any(_bad_logo(e.get("logo", "")) for e in entries):
            fail("back_matter", "[[back_matter]] 的 logo 应为模板文件夹中的图片的相对路径，例如 logo = \"logo.png\"")
        else:
            issue.back_matter = [Profile(e["name"], e.get("english_name", ""), list(e.get("paragraphs", [])),
                                         e.get("logo", "")) for e in entries]


def _holds_control(value: Any) -> bool:
    if isinstance(value, str):
        return _CONTROL.search(value) is not None
    if isinstance(value, list):
        return any(_holds_control(v) for v in value)
    if isinstance(value, dict):
        return any(_holds_control(k) or _holds_control(v) for k, v in value.items())
    return False


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def _bad_logo(logo: str) -> bool:
    return bool(logo) and (len(logo) > 255 or logo.startswith(("/", "\\")) or ":" in logo)


# ---------------------------------------------------------------- writing

def render_article(article: Article) -> str:
    """The canonical text of an article file."""
    fm: dict[str, Any] = {}
    for f in FRONT_FIELDS:
        v = f.to_toml(article)
        if v is not None:
            fm[f.name] = v
    head = tomli_w.dumps(fm)
    body = format_body(article.editor_note, article.body, article.source)
    return f"{FRONT_MATTER}\n{head}{FRONT_MATTER}\n\n{body}"


def render_issue_toml(issue: Issue) -> str:
    data: dict[str, Any] = {"template": issue.template_id, "date": issue.date, "number": issue.number,
                            "total_number": issue.total_number}
    if issue.cover:
        data["cover"] = issue.cover
    if issue.cover_text:
        data["cover_text"] = issue.cover_text
    if issue.omit_columns:
        data["omit_columns"] = list(issue.omit_columns)
    if issue.disclaimer is not None:
        data["disclaimer"] = issue.disclaimer
    if issue.colophon is not None:
        data["colophon"] = [{"role": e.role, "names": list(e.names)} for e in issue.colophon]
    if issue.back_matter is not None:
        data["back_matter"] = [{k: v for k, v in (("name", p.name), ("english_name", p.english_name),
                                                   ("paragraphs", list(p.paragraphs)), ("logo", p.logo)) if v}
                               for p in issue.back_matter]
    data["columns"] = [{"name": c.name, "articles": [a.id for a in c.articles]} for c in issue.columns]
    return tomli_w.dumps(data)


def issue_files(issue: Issue) -> dict[str, str]:
    """Every file of the issue as it would be saved: relative path → canonical text."""
    files = {ISSUE_FILE: render_issue_toml(issue)}
    for a in issue.articles:
        a.path = f"{ARTICLES_DIR}/{a.id}.md"
        files[a.path] = render_article(a)
    return files


def save_issue(issue: Issue, folder: str | os.PathLike) -> list[str]:
    """Write the issue to `folder` atomically; returns the relative paths written.

    All changed files at once (paths.commit_files): a kill or a full disk at any moment leaves
    the issue as it was or as saved, never a mix; the new and changed articles are put in place
    before issue.toml names them. Files whose model did not change since loading keep their exact
    bytes. Article files the issue no longer lists are removed only from the folder it was loaded
    from. An OSError names the file, never a hidden temporary one.
    """
    root = Path(folder)
    origin = _origin(issue)
    same_folder = origin.folder is not None and root.resolve() == origin.folder
    files = issue_files(issue)
    on_disk: dict[str, tuple[bytes, str]] = {}
    new_folder = not (root / ISSUE_FILE).exists()
    (root / ARTICLES_DIR).mkdir(parents=True, exist_ok=True)
    recover(root, (ARTICLES_DIR,))            # an earlier save a kill interrupted is finished first
    writes: list[tuple[str, bytes]] = []
    for rel, text in files.items():
        previous = origin.files.get(rel)
        data = previous[0] if previous is not None and previous[1] == text else text.encode("utf-8")
        on_disk[rel] = (data, text)
        if same_folder and previous is not None and previous[1] == text and (root / rel).is_file():
            continue
        writes.append((rel, data))
    writes.sort(key=lambda w: w[0] == ISSUE_FILE)           # the manifest last
    deletes = [rel for rel in set(origin.files) - set(files) if rel.startswith(ARTICLES_DIR + "/")] \
        if same_folder else []
    commit_files(root, writes, sorted(deletes))
    if new_folder:      # a new issue gets its double-click entry (editor/firstrun.py says why)
        from .firstrun import write_marker

        try:
            write_marker(root)
        except OSError:
            pass        # only a convenience: the issue itself is saved
    origin.folder = root.resolve()
    origin.files = on_disk
    return [rel for rel, _ in writes]


def write_issue(issue: Issue, folder: str | os.PathLike) -> list[str]:
    """save_issue for commands: a folder that cannot be written is a ContentError naming it."""
    try:
        return save_issue(issue, folder)
    except OSError as exc:
        raise _write_error(exc, folder) from None


def create_issue(issue: Issue, folder: str | os.PathLike) -> list[str]:
    """Write `issue` as a new folder (absent, or empty): made whole beside it under a hidden name and
    renamed into place, so a kill or a full disk never leaves half an issue that a retry would then
    refuse to overwrite. ContentError naming the file when it cannot be written."""
    target = Path(folder)
    parent = target.parent
    try:
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError as exc:        # a file where a folder of the path should be
            import errno

            raise OSError(errno.ENOTDIR, "Not a directory", exc.filename) from None
        clean_stale_temps(parent)
        tmp = temp_path(target, ".new")
        tmp.mkdir()
    except OSError as exc:
        raise _write_error(exc, target) from None
    try:
        written = save_issue(issue, tmp)
        if target.is_dir() and not target.is_symlink():
            target.rmdir()                    # empty (the commands check): a rename cannot replace it on Windows
        os.rename(tmp, target)
    except OSError as exc:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
        raise _write_error(exc, target, tmp) from None
    except BaseException:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _origin(issue).folder = target.resolve()
    return written


def _write_error(exc: OSError, folder: str | os.PathLike, tmp: Path | None = None) -> ContentError:
    where = Path(exc.filename) if exc.filename else Path(folder)
    if tmp is not None and where.is_relative_to(tmp):     # the hidden folder: name the one the user gave
        where = Path(folder) / where.relative_to(tmp)
    return ContentError(f"无法写入 {target_of_temp(where)}（{os_reason(exc)}）；请换一个可以写入的文件夹，"
                        "已有的文件没有改动")


def is_modified(issue: Issue) -> bool:
    """Whether saving would change any file compared with what was loaded or last saved."""
    origin = _origin(issue)
    files = issue_files(issue)
    return set(files) != set(origin.files) or any(origin.files[r][1] != t for r, t in files.items())
