"""The bundled application (issue #19): trimming Qt's ICU data, and the whole bundle built and run
in an empty environment as a user would run it.

Building the bundle takes about a minute: `python dev.py test` (the README's and CI's command)
sets BULLETIN_TEST_BUNDLE=1 to include it; `python dev.py bundle --check` runs the same check.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import trim_icu  # noqa: E402


def package(items: dict[str, bytes]) -> bytes:
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + struct.pack("<HHBBBB", 20, 0, 0, 0, 2, 0) + b"CmnD" + bytes(12)
    return trim_icu.write_package(header.ljust(32, b"\0"), sorted(items.items()))


def test_the_icu_package_is_read_back_item_for_item():
    items = {"icudt73l/root.res": b"R" * 37, "icudt73l/coll/de.res": b"D" * 16, "icudt73l/nfc.nrm": b"N" * 5}
    header, read = trim_icu.read_package(package(items))
    assert {name: data.rstrip(b"\xaa") for name, data in read} == items
    offsets = [package(items).index(data) for data in items.values()]
    assert all(o % 16 == 0 for o in offsets), "ICU wants 16-byte aligned items"


@pytest.mark.parametrize("name, kept", [
    ("icudt73l/zh.res", True), ("icudt73l/zh_Hans_CN.res", True), ("icudt73l/root.res", True),
    ("icudt73l/en.res", True), ("icudt73l/de.res", False), ("icudt73l/coll/fr.res", False),
    ("icudt73l/coll/zh.res", True), ("icudt73l/pool.res", True), ("icudt73l/supplementalData.res", True),
    ("icudt73l/brkitr/cjdict.dict", False), ("icudt73l/brkitr/line.brk", False), ("icudt73l/nfkc.nrm", True),
    ("icudt73l/uts46.nrm", True), ("icudt73l/coll/ucadata.icu", True), ("icudt73l/ucase.icu", True),
    ("icudt73l/translit/Latin_ASCII.res", False), ("icudt73l/gb18030.cnv", True), ("icudt73l/ibm-37_P100-1995.cnv", False),
])
def test_what_a_chinese_editor_needs_stays(name, kept):
    assert trim_icu.wanted(name) is kept


def _icu_library() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    found = sorted(Path(PySide6.__file__).parent.glob("Qt/lib/libicudata.so.*"))
    return found[0] if found else None


@pytest.mark.skipif(_icu_library() is None or not sys.platform.startswith("linux"),
                    reason="PySide6 bundles ICU only on Linux")
@pytest.mark.skipif(not any(map(os.path.exists, ("/usr/bin/cc", "/usr/bin/gcc"))), reason="no C compiler")
def test_qt_sorts_chinese_by_pinyin_with_the_trimmed_icu(tmp_path):
    lib = tmp_path / _icu_library().name
    lib.write_bytes(_icu_library().read_bytes())
    before, after = trim_icu.trim(lib)
    assert after < before / 2
    probe = ("from PySide6.QtCore import QCollator, QLocale\n"
             "c = QCollator(QLocale('zh_CN'))\n"
             "print(' '.join(sorted(['上海', '北京', '重庆', '深圳', '安徽'], key=c.sortKey)))\n")
    env = dict(os.environ, LD_LIBRARY_PATH=str(tmp_path))     # searched before Qt's own RUNPATH
    r = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    assert r.stdout.split() == ["安徽", "北京", "重庆", "上海", "深圳"], r.stderr


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("BULLETIN_TEST_BUNDLE") != "1",
                    reason="builds the whole application: run by `python dev.py test` or `python dev.py bundle --check`")
def test_the_bundle_builds_and_works_with_an_empty_environment():
    pytest.importorskip("PyInstaller")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    r = subprocess.run([sys.executable, str(ROOT / "packaging" / "bundle.py"), "--check"], cwd=ROOT, env=env,
                       capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=2400)
    out = r.stdout + r.stderr
    assert r.returncode == 0, out[-4000:]
    assert "检查通过" in r.stdout and "已生成" in r.stdout
    if sys.platform.startswith("linux"):
        size = float(out.split("大小：", 1)[1].split(" MB", 1)[0])
        assert size <= 150, f"bundle is {size} MB"
