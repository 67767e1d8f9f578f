"""The real-document corpus of issue #12: its manifest, and a field-by-field comparison of import results.

tests/fixtures/real/manifest.toml has one table per document (`[[document]]`) with where the file came
from and the head a careful editor reads in it (see tests/fixtures/real/README.md). `measure()` imports
every file through `editor.importers.import_file` and compares each field with its expectation, after the
normalisation each comparison below documents; `tools/import_report.py` prints the result as a table.

Fields the article model does not have yet (signature, date) are looked up with getattr and reported as
"not supported yet" instead of failing.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "fixtures" / "real"
MANIFEST = CORPUS / "manifest.toml"

SHAPES = ("html", "pdf-text", "pdf", "lawdb", "markdown", "docx", "word-html", "word-xml", "text")
FIELDS = ("title", "doc_number", "addressee", "signature", "date", "source", "sections", "numbering_clean",
          "last_paragraph")
REQUIRED_KEYS = ("id", "shape", "file", "origin", "retrieved", *FIELDS, "note")

# Outcome of one field of one document.
OK, MISS, UNSUPPORTED, ERROR = "ok", "miss", "not supported yet", "error"


@dataclass
class Expectation:
    """One `[[document]]` table of the manifest."""

    id: str
    shape: str
    file: str
    origin: str
    retrieved: str
    note: str
    expected: dict[str, Any]
    root: Path = CORPUS         # the folder of the manifest; `file` is relative to it

    @property
    def path(self) -> Path:
        return self.root / self.file


@dataclass
class FieldResult:
    field: str
    status: str                 # OK, MISS, UNSUPPORTED or ERROR
    expected: Any = None
    got: Any = None


@dataclass
class DocumentResult:
    doc: Expectation
    fields: dict[str, FieldResult] = field(default_factory=dict)
    error: str = ""             # the importer's message when it refused the file
    error_kind: str = ""        # "import" (ImportError_, a Chinese message) or "crash" (anything else)


# ---------------------------------------------------------------- the manifest

def load_manifest(path: Path = MANIFEST) -> list[Expectation]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    docs = []
    for table in data.get("document", []):
        docs.append(Expectation(
            id=table.get("id", ""), shape=table.get("shape", ""), file=table.get("file", ""),
            origin=table.get("origin", ""), retrieved=str(table.get("retrieved", "")), note=table.get("note", ""),
            expected={k: table[k] for k in FIELDS if k in table}, root=path.parent))
    return docs


def manifest_problems(path: Path = MANIFEST) -> list[str]:
    """Everything wrong with the manifest's form: missing keys, wrong types, files that are not there."""
    problems: list[str] = []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    tables = data.get("document", [])
    root = path.parent
    seen: set[str] = set()
    for n, table in enumerate(tables, 1):
        name = table.get("id") or f"第 {n} 篇"
        for key in REQUIRED_KEYS:
            if key not in table:
                problems.append(f"{name}: missing key {key}")
        unknown = set(table) - set(REQUIRED_KEYS)
        if unknown:
            problems.append(f"{name}: unknown keys {sorted(unknown)}")
        if name in seen:
            problems.append(f"{name}: duplicate id")
        seen.add(name)
        if table.get("shape") not in SHAPES:
            problems.append(f"{name}: shape {table.get('shape')!r} is not one of {SHAPES}")
        file = table.get("file", "")
        if not file or not (root / file).is_file():
            problems.append(f"{name}: file {file!r} does not exist")
        elif (root / file).stat().st_size > 1024 * 1024:
            problems.append(f"{name}: file {file!r} is over 1 MB")
        if not str(table.get("origin", "")).strip():
            problems.append(f"{name}: no origin")
        for key in ("title",):
            v = table.get(key)
            if not (isinstance(v, str) and v.strip()) and not (isinstance(v, list) and v and all(
                    isinstance(x, str) and x.strip() for x in v)):
                problems.append(f"{name}: {key} must be a non-empty string or list of lines")
        for key in ("doc_number", "addressee", "date", "source", "last_paragraph", "note", "id", "shape", "origin"):
            if key in table and not isinstance(table[key], str):
                problems.append(f"{name}: {key} must be a string")
        for key in ("signature", "sections"):
            if key in table and not (isinstance(table[key], list) and all(isinstance(x, str) for x in table[key])):
                problems.append(f"{name}: {key} must be a list of strings")
        if "numbering_clean" in table and not isinstance(table["numbering_clean"], bool):
            problems.append(f"{name}: numbering_clean must be true or false")
        addressee = table.get("addressee", "")
        if isinstance(addressee, str) and addressee and not addressee.endswith(("：", ":")):
            problems.append(f"{name}: addressee should end with its colon")
    return problems


# ---------------------------------------------------------------- normalisation

_SPACE = re.compile(r"[\s\u3000\xa0]+")


def squash(text: str) -> str:
    """Runs of whitespace (full-width and no-break spaces too) become one space; ends trimmed."""
    return _SPACE.sub(" ", text).strip()


def no_space(text: str) -> str:
    return _SPACE.sub("", text)


def title_lines(value: Any) -> list[str]:
    if value is None:
        return []
    lines = value if isinstance(value, list) else str(value).split("\n")
    return [squash(line) for line in lines if squash(line)]


def title_readings(lines: list[str], limit: int = 8) -> set[str]:
    """The title as one line, a line break read either as nothing or as a space.

    Where a title breaks between two issuing bodies, editors may keep the break or write one space; a
    break inside a phrase means nothing. Spaces inside a line are kept (a space between two bodies is
    meaningful), runs of them count as one. Long titles beyond `limit` breaks are joined without spaces."""
    if not lines:
        return {""}
    if len(lines) - 1 > limit:
        return {"".join(lines)}
    out = set()
    for joins in product(("", " "), repeat=len(lines) - 1):
        text = lines[0]
        for j, line in zip(joins, lines[1:]):
            text += j + line
        out.add(text)
    return out


def same_title(expected: Any, got: Any) -> bool:
    return bool(title_readings(title_lines(expected)) & title_readings(title_lines(got)))


_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}


def _cn_number(text: str, positional: bool) -> int | None:
    text = text.strip()
    if text.isdigit():
        return int(text)
    if positional:                       # years: 二〇二三 is written digit by digit
        if all(c in _CN_DIGITS for c in text):
            return int("".join(str(_CN_DIGITS[c]) for c in text))
        return None
    if all(c in _CN_DIGITS or c == "十" for c in text) and text:
        if "十" not in text:
            return _CN_DIGITS[text] if len(text) == 1 else None
        tens, _, units = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    return None


_DATE = re.compile(r"^\s*(\S{4})\s*年\s*(\S{1,3}?)\s*月\s*(\S{1,3}?)\s*日\s*$")


def parse_cn_date(text: str) -> dt.date | None:
    """2023年5月26日, 2018年12月07日, 二〇〇九年十二月十四日 → a date; None for anything else."""
    m = _DATE.match(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if not m:
        return None
    y, mo, d = _cn_number(m.group(1), True), _cn_number(m.group(2), False), _cn_number(m.group(3), False)
    try:
        return dt.date(y, mo, d) if None not in (y, mo, d) else None
    except ValueError:
        return None


def value_text(value: Any) -> str:
    """Text of a field value of whatever type the model gives it (str, a typed value with .text, a list)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "\n".join(value_text(v) for v in value)
    for attr in ("text", "raw", "value"):
        inner = getattr(value, attr, None)
        if isinstance(inner, str):
            return inner
    return str(value)


# ---------------------------------------------------------------- what the importer made

_BODY_KINDS = ("paragraph", "heading", "item", "subheading", "list_item", "table")


def _kind(block: Any) -> str:
    kind = getattr(block, "kind", "")
    return getattr(kind, "value", kind)


def got_sections(article: Any) -> list[str]:
    """The top-level section headings: numbered HEADING blocks of the outermost marker family.

    The outermost family is the one of the first numbered heading (一、 in a notice, 第一章 in a law);
    its headings are the sections. Chapters and articles are both "structural" markers, so for those
    the unit (章, 部分, 节) of the first heading decides."""
    heads = [b for b in article.body if _kind(b) == "heading" and getattr(b, "marker", None) is not None]
    if not heads:
        return []
    first = heads[0].marker

    def same_level(m) -> bool:
        if m.family != first.family:
            return False
        if m.family == "structural":
            return m.raw.rstrip()[-1:] == first.raw.rstrip()[-1:]
        return True
    return [b.text for b in heads if same_level(b.marker)]


def got_last_paragraph(article: Any) -> str:
    body = [b for b in article.body if _kind(b) in _BODY_KINDS]
    if not body:
        return ""
    last = body[-1]
    if _kind(last) == "table" and getattr(last, "rows", None):
        return " ".join(last.rows[-1])
    return last.text


def numbering_problems(article: Any) -> list[str]:
    """The numbering problems the checks report on this article alone (numbering and marker style)."""
    from editor.checks import run_checks
    from editor.model import Column, Issue
    template = _template()
    issue = Issue(template.id, dt.date(2026, 12, 4), 1, 1, [Column(template.columns[0].name, [article])])
    return [f"{d.rule}: {d.message}" for d in run_checks(issue, template)
            if d.category in ("numbering", "marker-style")]


_TEMPLATE = None


def _template():
    global _TEMPLATE
    if _TEMPLATE is None:
        from editor.template import load_template
        _TEMPLATE = load_template(CORPUS.parents[2] / "issue_templates" / "big-data-weekly" / "template.toml")
    return _TEMPLATE


# ---------------------------------------------------------------- comparing

def compare(doc: Expectation, article: Any) -> dict[str, FieldResult]:
    exp = doc.expected
    out: dict[str, FieldResult] = {}

    def put(name: str, ok: bool, expected: Any, got: Any) -> None:
        out[name] = FieldResult(name, OK if ok else MISS, expected, got)

    # title: lines joined (a break read as nothing or one space), interior spaces kept, runs collapsed
    got_title = article.title.split("\n")
    put("title", same_title(exp["title"], got_title), exp["title"], got_title)
    # 文号: exact, only the ends trimmed
    got_num = (article.doc_number or "").strip()
    put("doc_number", got_num == exp["doc_number"].strip(), exp["doc_number"], got_num)
    # addressee: exact after trimming the ends
    got_addr = (article.addressee or "").strip()
    put("addressee", got_addr == exp["addressee"].strip(), exp["addressee"], got_addr)
    # signature: the issuing bodies; compared without any whitespace, in order (a spaced-out
    # 国 家 能 源 局 and two bodies on one line separated by spaces both read the same)
    if hasattr(article, "signature"):
        got_sig = value_text(getattr(article, "signature"))
        put("signature", no_space(got_sig) == no_space("".join(exp["signature"])), exp["signature"], got_sig)
    else:
        out["signature"] = FieldResult("signature", UNSUPPORTED, exp["signature"], None)
    # date: the same calendar date when both parse (二〇二三年 = 2023年, 07日 = 7日), else the same text
    if hasattr(article, "date"):
        raw = getattr(article, "date")
        got_date = raw if isinstance(raw, dt.date) else value_text(raw).strip()
        want = exp["date"].strip()
        if isinstance(got_date, dt.date):
            ok = parse_cn_date(want) == got_date if want else False
        else:
            a, b = parse_cn_date(want), parse_cn_date(got_date)
            ok = (a == b) if (a and b) else no_space(want) == no_space(got_date)
        put("date", ok, exp["date"], str(got_date))
    else:
        out["date"] = FieldResult("date", UNSUPPORTED, exp["date"], None)
    # source: "" means the document carries none and none may be made up; otherwise the expected
    # value is the body named on the page (来源：能源局) and the article's source line must name it
    # (（来源：能源局） or a fuller （来源：国家能源局） both do); whitespace ignored
    got_src = value_text(article.source).strip()
    want_src = no_space(exp["source"])
    put("source", (not got_src) if not want_src else want_src in no_space(got_src), exp["source"], got_src)
    # sections: top-level heading texts in order, each compared without whitespace
    secs = got_sections(article)
    put("sections", [no_space(s) for s in secs] == [no_space(s) for s in exp["sections"]], exp["sections"], secs)
    # numbering_clean: on a document whose numbering is clean, the checks must report nothing
    if exp["numbering_clean"]:
        found = numbering_problems(article)
        put("numbering_clean", not found, True, found or True)
    else:
        out["numbering_clean"] = FieldResult("numbering_clean", OK, False, "(numbering not clean: not measured)")
    # last_paragraph: the body's last block starts with the expected text (whitespace ignored), so page
    # chrome left after the body shows up here
    # ("" means the document has no body of its own, so nothing may be left there)
    last = got_last_paragraph(article)
    want_last = no_space(exp["last_paragraph"])
    put("last_paragraph", no_space(last).startswith(want_last) if want_last else not no_space(last),
        exp["last_paragraph"], last[:40])
    return out


def measure(docs: list[Expectation] | None = None) -> list[DocumentResult]:
    """Import every document and compare it field by field; an importer failure is recorded, not raised."""
    from editor.errors import ImportError_
    from editor.importers import import_file
    results = []
    for doc in docs if docs is not None else load_manifest():
        res = DocumentResult(doc)
        try:
            imported = import_file(doc.path)
        except ImportError_ as exc:
            res.error, res.error_kind = str(exc), "import"
        except Exception as exc:      # noqa: BLE001 - an internal error is exactly what we report
            res.error, res.error_kind = f"{type(exc).__name__}: {exc}", "crash"
        else:
            try:
                res.fields = compare(doc, imported.article)
            except Exception as exc:  # noqa: BLE001 - a comparison failure must not hide the others
                res.error, res.error_kind = f"比较失败 {type(exc).__name__}: {exc}", "crash"
        results.append(res)
    return results


def rates(results: list[DocumentResult]) -> dict[str, tuple[int, int]]:
    """Per field: (right, measured). A document the importer refused counts as wrong in every field;
    fields "not supported yet" are not measured."""
    out: dict[str, tuple[int, int]] = {}
    for name in FIELDS:
        right = total = 0
        for r in results:
            if r.error:
                total += 1
                continue
            f = r.fields.get(name)
            if f is None or f.status == UNSUPPORTED:
                continue
            total += 1
            right += f.status == OK
        out[name] = (right, total)
    return out
