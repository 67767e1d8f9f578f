"""Writing a changed Template back to its template.toml, keeping every byte that did not change.

Qt-free. The template file is written by hand and commented (docs/templates.md); the editor's
template dialog must not turn it into machine output. So the changes are made as edits of the
file's own TOML document (tomlkit keeps comments, order, spacing and quoting): only the keys
whose values changed are rewritten, and a template saved without changes is byte-identical.

    text = changed_text(original_text, old_template, new_template)   # raises TemplateError if invalid
    save_template(template_path, text)                                # atomic
    copy_template(template, folder, new_id, issue)                   # 另存为模板 from an issue
"""

from __future__ import annotations

import copy
import dataclasses
import shutil
import tomllib
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table

from ..errors import TemplateError
from ..model import Issue
from ..paths import atomic_write
from ..template import DEFAULT_STYLES, TEMPLATE_FILE, ColumnSpec, Template, parse_template

# Fields compared and written; `path` is where the template is, not what it says.
FIELDS = ("id", "publication", "columns", "cadence", "page", "fonts", "styles", "colors", "colophon",
          "disclaimer", "back_matter", "doc_number_issuers", "issuer_aliases", "rules", "reference_docx")


def _value(t: Template, name: str) -> Any:
    v = getattr(t, name)
    if dataclasses.is_dataclass(v):
        return dataclasses.asdict(v)
    if isinstance(v, list):
        return [dataclasses.asdict(x) if dataclasses.is_dataclass(x) else x for x in v]
    if isinstance(v, dict):
        return {k: dataclasses.asdict(x) if dataclasses.is_dataclass(x) else x for k, x in v.items()}
    return v


def same(a: Template, b: Template) -> bool:
    """Whether two templates say the same (records compare by identity, so by their fields here)."""
    return all(_value(a, f) == _value(b, f) for f in FIELDS)


def changed_text(text: str, old: Template, new: Template) -> str:
    """The text of the template file with `new`'s values where they differ from `old`'s.

    Raises TemplateError (with each problem and its line) when the result would not load.
    """
    if same(old, new):
        return text
    data = tomllib.loads(text)
    wanted = _patched(copy.deepcopy(data), old, new)
    doc = tomlkit.parse(text)
    _sync(doc, wanted)
    out = doc.as_string()
    check = parse_template(out, old.path)          # raises TemplateError naming key and line
    if not same(dataclasses.replace(check, path=new.path), new):
        raise TemplateError("模板的修改未能如实写入（程序错误），文件未改动")
    return out


def save_template(path: Path, text: str) -> bool:
    """Write `text` to the template file atomically; False when the file already holds it."""
    path = Path(path)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    atomic_write(path, text.encode("utf-8"))
    return True


def from_issue(template: Template, issue: Issue, new_id: str, title: str | None = None) -> Template:
    """A template as this issue is: its own colophon, disclaimer and back matter, its columns (with
    what the template asks of each), under a new id (另存为模板)."""
    specs = []
    for column in issue.columns:
        spec = template.column_spec(column.name)
        specs.append(dataclasses.replace(spec) if spec else ColumnSpec(column.name))
    pub = dataclasses.replace(template.publication, title=title or template.publication.title)
    return dataclasses.replace(
        template, id=new_id, publication=pub, columns=specs or list(template.columns),
        colophon=list(issue.colophon) if issue.colophon is not None else list(template.colophon),
        disclaimer=issue.disclaimer if issue.disclaimer is not None else template.disclaimer,
        back_matter=list(issue.back_matter) if issue.back_matter is not None else list(template.back_matter))


def copy_template(template: Template, target_dir: Path, new: Template) -> Path:
    """另存为模板: the template's folder (its reference document, logos) copied to `target_dir`, and
    its template.toml written with `new`'s values. Refuses a folder that already has a template."""
    target_dir = Path(target_dir)
    target = target_dir / TEMPLATE_FILE
    if target.exists():
        raise TemplateError(f"“{target_dir}”里已有模板，请换一个名称")
    text = template.path.read_text(encoding="utf-8")
    moved = dataclasses.replace(new, path=target,
                                reference_docx=target_dir / new.reference_docx.relative_to(template.folder)
                                if new.reference_docx and new.reference_docx.is_relative_to(template.folder)
                                else new.reference_docx)
    old_here = dataclasses.replace(template, path=target,
                                   reference_docx=moved.reference_docx if template.reference_docx == new.reference_docx
                                   else template.reference_docx)
    shutil.copytree(template.folder, target_dir, ignore=shutil.ignore_patterns(TEMPLATE_FILE, ".*"))
    try:
        out = changed_text(text, old_here, moved)
        atomic_write(target, out.encode("utf-8"))
    except BaseException:
        shutil.rmtree(target_dir, ignore_errors=True)     # all or nothing
        raise
    return target


# ---------------------------------------------------------------- the file's data, patched

def _patched(data: dict[str, Any], old: Template, new: Template) -> dict[str, Any]:
    """The file's data with each changed field of the template replaced (keys the file writes
    explicitly stay explicit; new keys are added only where a value differs from what is read now)."""
    if new.id != old.id:
        data["id"] = new.id
    for name in ("publication", "cadence", "page"):
        a, b = getattr(old, name), getattr(new, name)
        for f in dataclasses.fields(b):
            if getattr(a, f.name) != getattr(b, f.name):
                data.setdefault(name, {})[f.name] = getattr(b, f.name)
    if _value(new, "columns") != _value(old, "columns"):
        before = {c.get("name"): c for c in data.get("columns", []) if isinstance(c, dict)}
        data["columns"] = [_column(spec, before.get(spec.name, {})) for spec in new.columns]
    for name in ("fonts", "colors", "doc_number_issuers", "issuer_aliases", "rules"):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            table = data.setdefault(name, {})
            for key in [k for k in table if k not in b]:
                del table[key]
            for key, value in b.items():
                if a.get(key) != value:
                    table[key] = value
    if _value(new, "styles") != _value(old, "styles"):
        styles = data.setdefault("styles", {})
        for name, style in new.styles.items():
            was = old.styles.get(name, DEFAULT_STYLES.get(name))
            for f in dataclasses.fields(style):
                if getattr(was, f.name) != getattr(style, f.name):
                    styles.setdefault(name, {})[f.name] = getattr(style, f.name)
    if _value(new, "colophon") != _value(old, "colophon"):
        data["colophon"] = [{"role": e.role, "names": list(e.names)} for e in new.colophon]
    if new.disclaimer != old.disclaimer:
        data["disclaimer"] = new.disclaimer
    if _value(new, "back_matter") != _value(old, "back_matter"):
        data["back_matter"] = [{k: v for k, v in (("name", p.name), ("english_name", p.english_name),
                                                   ("paragraphs", list(p.paragraphs)), ("logo", p.logo)) if v}
                               for p in new.back_matter]
    if new.reference_docx != old.reference_docx:
        if new.reference_docx is None:
            data.pop("reference_docx", None)
        else:
            ref = Path(new.reference_docx)
            data["reference_docx"] = (ref.relative_to(new.folder).as_posix() if ref.is_relative_to(new.folder)
                                      else str(ref))
    for key in [k for k, v in data.items() if isinstance(v, list) and not v and k in ("colophon", "back_matter")]:
        del data[key]
    return data


def _column(spec: ColumnSpec, before: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"name": spec.name}
    for flag in ("requires_editor_note", "optional"):
        value = getattr(spec, flag)
        if value or flag in before:
            out[flag] = value
    return out


# ---------------------------------------------------------------- minimal edits of the TOML document

def _sync(container, wanted: dict[str, Any]) -> None:
    """Make `container` (a tomlkit document or table) hold `wanted`, touching only what differs."""
    for key in [k for k in list(container.keys()) if k not in wanted]:
        del container[key]
    for key, value in wanted.items():
        if key in container:
            current = container[key]
            if _plain(current) == value:
                continue
            if isinstance(current, Table) and isinstance(value, dict):
                _sync(current, value)
                continue
            if isinstance(current, AoT) and isinstance(value, list) and value \
                    and all(isinstance(v, dict) for v in value):
                _sync_tables(current, value)
                continue
            container[key] = _item(value)
        else:
            _add(container, key, _item(value))


def _sync_tables(aot: AoT, wanted: list[dict[str, Any]]) -> None:
    """An array of tables: entries edited in place, extra ones removed from the end, new ones added."""
    for table, entry in zip(aot, wanted):
        _sync(table, entry)
    if len(aot) > len(wanted):
        # the comment that introduces the next table lies at the end of the last entry: keep it
        body = aot[len(aot) - 1].value.body
        n = len(body)
        while n and body[n - 1][0] is None:
            n -= 1
        trailing = [item for _, item in body[n:]]
        while len(aot) > len(wanted):
            del aot[len(aot) - 1]
        if wanted:
            last = aot[len(aot) - 1].value
            while last.body and last.body[-1][0] is None:
                last.body.pop()                  # its own blank lines: the kept ones replace them
            for item in trailing:
                last.append(None, item)
    for entry in wanted[len(aot):]:
        aot.append(_item([entry])[0])


def _add(container, key: str, item) -> None:
    """A new key after the table's last key, not after the comment that introduces the next table."""
    body = getattr(container, "value", container)
    keys = [k for k in body.keys() if not isinstance(body[k], (Table, AoT))]
    if keys and not isinstance(item, (Table, AoT)) and hasattr(body, "_insert_after"):
        body._insert_after(keys[-1], key, item)
    else:
        container[key] = item


def _plain(item) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


def _item(value: Any):
    """A new TOML value: an array of tables for a list of dicts (a blank line after each), a long
    array of strings one item a line, a whole number without “.0”."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        aot = tomlkit.aot()
        for entry in value:
            table = tomlkit.table()
            for k, v in entry.items():
                table[k] = _item(v)
            table.add(tomlkit.nl())
            aot.append(table)
        return aot
    if isinstance(value, dict):
        table = tomlkit.table()
        for k, v in value.items():
            table[k] = _item(v)
        table.add(tomlkit.nl())
        return table
    if isinstance(value, list) and sum(len(str(v)) for v in value) > 80:
        array = tomlkit.array()
        array.extend(value)
        array.multiline(True)
        return array
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
