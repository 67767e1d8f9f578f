"""Checks that a .docx package is one Word opens without a repair prompt (used by the DOCX tests).

Every relationship target exists, every part has a content type, every XML part
parses, and complex fields are balanced begin / separate / end in each story.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def package_problems(path: Path) -> list[str]:
    problems: list[str] = []
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        types = etree.fromstring(z.read("[Content_Types].xml"))
        defaults = {d.get("Extension").lower() for d in types.iter(CT_NS + "Default")}
        overrides = {o.get("PartName").lstrip("/") for o in types.iter(CT_NS + "Override")}
        for o in overrides:
            if o not in names:
                problems.append(f"content type override for missing part {o}")
        for name in names:
            if name.endswith("/") or name == "[Content_Types].xml":
                continue
            ext = name.rsplit(".", 1)[-1].lower()
            if name not in overrides and ext not in defaults:
                problems.append(f"no content type for {name}")
            if name.endswith((".xml", ".rels")):
                try:
                    root = etree.fromstring(z.read(name))
                except etree.XMLSyntaxError as exc:
                    problems.append(f"{name}: {exc}")
                    continue
                if name.endswith(".rels"):
                    problems += _rels_problems(name, root, names)
                elif name.startswith("word/"):
                    problems += [f"{name}: {p}" for p in field_problems(root)]
    return problems


def _rels_problems(name: str, root, names: set[str]) -> list[str]:
    out = []
    folder = posixpath.dirname(posixpath.dirname(name))        # word/_rels/x.rels → word
    ids = set()
    for rel in root.iter(RELS_NS + "Relationship"):
        rid = rel.get("Id")
        if rid in ids:
            out.append(f"{name}: duplicate id {rid}")
        ids.add(rid)
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target")
        full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        if full not in names:
            out.append(f"{name}: {rid} points at missing {full}")
    return out


def field_problems(root) -> list[str]:
    """Unbalanced fldChar sequences: every begin has one separate (at most) and one end, in order."""
    stack: list[str] = []
    out = []
    for fc in root.iter(W + "fldChar"):
        kind = fc.get(W + "fldCharType")
        if kind == "begin":
            stack.append("begin")
        elif kind == "separate":
            if not stack or stack[-1] != "begin":
                out.append("separate without begin")
            else:
                stack[-1] = "separate"
        elif kind == "end":
            if not stack:
                out.append("end without begin")
            else:
                stack.pop()
    if stack:
        out.append(f"{len(stack)} field(s) not ended")
    return out


def instructions(root) -> list[str]:
    """The instruction text of every complex field in `root`, in order."""
    return [t.text.strip() for t in root.iter(W + "instrText") if t.text]


# ---------------------------------------------------------------- the checker itself

def _doc(body: str):
    return etree.fromstring(f'<w:document xmlns:w="{W[1:-1]}"><w:body>{body}</w:body></w:document>')


def _fc(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def test_balanced_and_nested_fields_pass():
    body = "<w:p>" + _fc("begin") + _fc("separate") + _fc("begin") + _fc("separate") + _fc("end") + _fc("end") + "</w:p>"
    assert field_problems(_doc(body)) == []


def test_unbalanced_fields_are_reported():
    assert field_problems(_doc("<w:p>" + _fc("begin") + _fc("separate") + "</w:p>")) == ["1 field(s) not ended"]
    assert "end without begin" in field_problems(_doc("<w:p>" + _fc("end") + "</w:p>"))
    assert "separate without begin" in field_problems(_doc("<w:p>" + _fc("separate") + "</w:p>"))


def test_missing_part_and_content_type_are_reported(tmp_path):
    path = tmp_path / "bad.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml",
                   f'<Types xmlns="{CT_NS[1:-1]}"><Default Extension="rels" ContentType="x"/></Types>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="{RELS_NS[1:-1]}">'
                   '<Relationship Id="rId1" Type="t" Target="word/document.xml"/></Relationships>')
        z.writestr("word/media/image1.png", b"\x89PNG")
    problems = package_problems(path)
    assert any("missing word/document.xml" in p for p in problems)
    assert any("no content type for word/media/image1.png" in p for p in problems)
