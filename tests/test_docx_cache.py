"""What a DOCX build keeps for the next one (editor/writers/docx/cache.py): the styles part, the
embedded faces' deflated parts and the cover's dot screen.

A warm build writes what a cold one writes; a change to the template or to its reference document
gives new styles, never the old ones; a truncated or damaged entry is made again, silently, and the
document stays whole.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from editor.writers.docx import cache

from .test_docx import build, issue, use_reference  # noqa: F401  (issue: a fixture)
from .test_docx_fonts import embedded_faces
from .test_docx_package import package_problems

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def own_cache(tmp_path, monkeypatch) -> Path:
    """A cache of this test's own, holding the session's converted fonts but no DOCX entries."""
    shared = Path(os.environ["BULLETIN_CACHE_DIR"])
    mine = tmp_path / "own-cache"
    if shared.is_dir():
        shutil.copytree(shared, mine, ignore=lambda d, names: ["docx"] if Path(d) == shared else [])
    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(mine))
    return mine


def parts(path) -> dict[str, bytes]:
    """The package's members, the properties' dates aside."""
    with zipfile.ZipFile(path) as z:
        out = {n: z.read(n) for n in z.namelist()}
    core = etree.fromstring(out.pop("docProps/core.xml"))
    for el in list(core):
        if el.tag.endswith(("}created", "}modified")):
            core.remove(el)
    out["docProps/core.xml"] = etree.tostring(core)
    return out


def entries(root: Path, kind: str) -> list[Path]:
    return sorted((root / "docx" / kind).glob("*"))


def normal_size(path) -> float:
    return docx.Document(str(path)).styles["Normal"].font.size.pt


def test_a_warm_build_writes_what_a_cold_one_wrote(issue, own_cache, tmp_path):
    cold = build(issue, tmp_path / "cold").path
    assert len(entries(own_cache, "styles")) == 1
    assert len(entries(own_cache, "faces")) >= 1 and len(entries(own_cache, "textures")) == 1
    stamps = {p: p.stat().st_mtime_ns for kind in ("styles", "faces", "textures") for p in entries(own_cache, kind)}
    warm = build(issue, tmp_path / "warm").path
    assert parts(warm) == parts(cold)
    # read, not written again
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    assert not package_problems(warm)


def test_a_changed_template_gets_its_own_styles(issue, own_cache, tmp_path):
    first = build(issue, tmp_path / "first").path
    template = issue.parent.parent / "issue_templates" / "big-data-weekly" / "template.toml"
    text = template.read_text(encoding="utf-8")
    assert "[styles.body]" not in text and "[styles.heading1]" in text
    template.write_text(text.replace("[styles.heading1]", "[styles.body]\nsize = 15.5\n\n[styles.heading1]", 1),
                        encoding="utf-8")
    second = build(issue, tmp_path / "second").path
    assert normal_size(second) == 15.5 != normal_size(first)
    assert len(entries(own_cache, "styles")) == 2
    # and back: the first template's styles again, from the cache
    template.write_text(text, encoding="utf-8")
    third = build(issue, tmp_path / "third").path
    assert parts(third)["word/styles.xml"] == parts(first)["word/styles.xml"]
    assert len(entries(own_cache, "styles")) == 2


def test_a_changed_reference_gets_its_own_styles(issue, own_cache, tmp_path):
    ref = use_reference(issue)
    generic = docx.Document()
    generic.save(str(ref))
    first = build(issue, tmp_path / "first").path
    # the reference's own Title style changes colour: the document has the new one
    changed = docx.Document(str(ref))
    changed.styles["Title"].font.color.rgb = docx.shared.RGBColor(0x12, 0x34, 0x56)
    changed.save(str(ref))
    second = build(issue, tmp_path / "second").path
    title = lambda path: docx.Document(str(path)).styles["Title"].font.color.rgb  # noqa: E731
    assert title(second) == docx.shared.RGBColor(0x12, 0x34, 0x56) != title(first)
    assert len(entries(own_cache, "styles")) == 2


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "not xml"])
def test_a_damaged_cache_is_made_again(issue, own_cache, tmp_path, damage):
    good = build(issue, tmp_path / "good").path
    damaged = [p for kind in ("styles", "faces", "textures") for p in entries(own_cache, kind)]
    assert damaged
    for p in damaged:
        data = p.read_bytes()
        if damage == "truncated":
            p.write_bytes(data[:len(data) // 2])
        elif damage == "garbage":
            p.write_bytes(data[:20] + bytes(b ^ 0x5A for b in data[20:]))
        elif damage == "empty":
            p.write_bytes(b"")
        else:                     # a valid checksum over something that is not what the entry holds
            import hashlib

            payload = b"<w:styles" if p.parent.name == "styles" else b"\x00" * 10
            p.write_bytes(hashlib.sha1(payload).digest() + payload)
    again = build(issue, tmp_path / "again").path
    assert not package_problems(again)
    assert parts(again) == parts(good)
    faces = embedded_faces(again)
    assert faces and all("glyf" in f and f["cmap"].getBestCmap() for f in faces.values())
    # each entry written again, whole
    assert all(cache.read(p.parent.name, p.name) is not None for p in damaged)


def test_a_bundled_program_keys_its_entries_by_its_executable(tmp_path, monkeypatch):
    """Frozen (PyInstaller), the modules are no files to hash: a new build of the program has a new
    executable, and so new keys."""
    import sys

    exe = tmp_path / "简报编排器"
    exe.write_bytes(b"one")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setattr(cache, "_CODE", [])
    first = cache.key("styles", b"x")
    exe.write_bytes(b"another")
    monkeypatch.setattr(cache, "_CODE", [])
    assert cache.key("styles", b"x") != first
